#!/usr/bin/env node
// `npm run test:workerd`: the Cloudflare Workers tests. Bundles each module of
// test/workerd/ with esbuild (the workerd export conditions, as Wrangler
// does) and runs it with `workerd test` (workerd comes from npm), one service
// per module. workerd prints `[ PASS ]` or `[ FAIL ]` per service and exits
// non-zero when any failed.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = await mkdtemp(join(tmpdir(), "crownest-workerd-"));
try {
  const modules = (await readdir(join(root, "test/workerd"))).filter((f) => f.endsWith(".ts"));
  const services = [];
  for (const file of modules) {
    const name = file.replace(/\.ts$/, "");
    await build({
      entryPoints: [join(root, "test/workerd", file)],
      outfile: join(dir, `${name}.js`),
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      mainFields: ["module", "main"],
      conditions: ["workerd", "worker", "browser"],
      logLevel: "warning",
    });
    services.push(name);
  }
  const config = [
    'using Workerd = import "/workerd/workerd.capnp";',
    `const config :Workerd.Config = (services = [${services
      .map((name) => `(name = "${name}", worker = .${name}Worker)`)
      .join(", ")}]);`,
    ...services.map(
      (name) =>
        `const ${name}Worker :Workerd.Worker = (modules = [(name = "${name}.js", esModule = embed "${name}.js")], compatibilityDate = "2026-11-01");`,
    ),
  ].join("\n");
  await writeFile(join(dir, "config.capnp"), `${config}\n`);
  const workerd = join(root, "node_modules/.bin/workerd");
  const code = await new Promise((resolve) => {
    const child = spawn(workerd, ["test", join(dir, "config.capnp")], { stdio: "inherit" });
    child.on("error", (error) => {
      console.error(`test-workerd: ${error.message}`);
      resolve(1);
    });
    child.on("close", (c) => resolve(c ?? 1));
  });
  process.exitCode = code;
} finally {
  await rm(dir, { recursive: true, force: true });
}
