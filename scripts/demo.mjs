#!/usr/bin/env node
// `npm run demo`: a small agent using the built package. Against the
// in-process fake by default (no network, fake clock); against the real
// service when CROWNEST_API_KEY and CROWNEST_BASE_URL are both set.
import { createCrowNestClient } from "@crownest/sdk";
import { packTar } from "modern-tar";

const live = Boolean(process.env.CROWNEST_API_KEY && process.env.CROWNEST_BASE_URL);
let client;
if (live) {
  client = createCrowNestClient();
  console.log(`CrowNest at ${process.env.CROWNEST_BASE_URL}`);
} else {
  const { createFake } = await import("@crownest/sdk/fake");
  const fake = createFake({ clock: "auto" });
  // The workspace run's `npm test`, simulated: it reads the archive's files.
  fake.programs.define("npm test", async (proc) => {
    const pkg = JSON.parse(await proc.fs.read("package.json"));
    proc.stdout.write(`> ${pkg.name} test\n> ${pkg.scripts.test}\n`);
    await proc.sleep(500);
    const tests = (await proc.fs.read("test.js")).match(/check\(/g)?.length ?? 0;
    proc.stdout.write(`${tests} tests passed\n`);
    return 0;
  });
  client = createCrowNestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, fetch: fake.fetch });
  console.log(
    "CrowNest fake, in process (set CROWNEST_API_KEY and CROWNEST_BASE_URL for the real service)",
  );
}

// In TypeScript, Deno, Bun or Node 24+ this is `await using sandbox = ...`;
// Node 20 lacks the syntax, so the try/finally below does what it does.
const sandbox = await client.sandboxes.create({ template: "python-node" });
try {
  console.log(`\nsandbox ${sandbox.id} (${sandbox.template}), expires ${sandbox.expiresAt}`);

  const command = await sandbox.commands.start(
    "echo step 1; sleep 1; echo step 2; sleep 1; echo done",
  );
  console.log(`$ ${command.command}`);
  for await (const event of client.commands.streamLogs(command.id)) {
    if (event.type === "log") process.stdout.write(`  ${event.data}`);
    if (event.type === "error") console.log(`  [stream ${event.code}] ${event.message}`);
    if (event.type === "terminal") console.log(`  exit code ${event.command.exitCode}`);
  }

  await sandbox.files.write("notes/plan.md", "# Plan\n- try CrowNest\n", { createParents: true });
  console.log(`\nnotes/plan.md: ${JSON.stringify(await sandbox.files.read("notes/plan.md"))}`);
  const entries = await sandbox.files.list();
  console.log(
    `/workspace: ${entries.map((f) => (f.type === "directory" ? `${f.name}/` : f.name)).join(" ")}`,
  );
} finally {
  await sandbox[Symbol.asyncDispose]();
  console.log(`killed ${sandbox.id}`);
}

// A workspace run from a .tar.gz built in memory.
const encoder = new TextEncoder();
const files = {
  "package.json": JSON.stringify({ name: "demo", scripts: { test: "node test.js" } }),
  "test.js":
    'const check = (ok) => { if (!ok) process.exit(1); };\ncheck(1 + 1 === 2);\ncheck("a" < "b");\nconsole.log("2 tests passed");\n',
};
const tar = await packTar(
  Object.entries(files).map(([name, text]) => {
    const body = encoder.encode(text);
    return { header: { name, size: body.byteLength, mtime: new Date(0) }, body };
  }),
);
const archive = new Uint8Array(
  await new Response(
    new Blob([tar]).stream().pipeThrough(new CompressionStream("gzip")),
  ).arrayBuffer(),
);
console.log(`\nworkspace run: ${archive.byteLength}-byte archive, command "npm test"`);
const { workspaceRun, evidence } = await client.workspaceRuns.runArchive(archive, {
  command: "npm test",
  template: "python-node",
  metadata: { demo: "true" },
  onEvent(event) {
    if (event.type === "status") console.log(`  [status] ${event.status}`);
    if (event.type === "stdout" || event.type === "stderr") {
      process.stdout.write(event.data.replace(/^(?=.)/gm, "  "));
    }
  },
});
console.log(`\n${workspaceRun.id}: ${workspaceRun.status}, exit code ${workspaceRun.exitCode}`);
console.log("evidence bundle:");
console.log(`  archive  sha256:${evidence.archive?.sha256} (${evidence.archive?.sizeBytes} bytes)`);
console.log(
  `  stdout   sha256:${evidence.outputs.stdout.sha256} (${evidence.outputs.stdout.sizeBytes} bytes)`,
);
console.log(`  timings  ${evidence.timings.startedAt} -> ${evidence.timings.finishedAt}`);
console.log(`  digest   ${evidence.digest.algorithm}:${evidence.digest.value}`);
