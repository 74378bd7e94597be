// Row 5: a workspace run of an 8 MiB tar.gz of many small files (made by
// the system's `tar czf` from seeded random files), through the SDK's
// runArchive against the in-process fake: checksum, staged upload, the
// fake's sha256 check and extraction into the sandbox, a `true` command, the
// event stream and the evidence. Baseline: `tar xzf` of the same file into a
// fresh directory. Alternating rounds, in a process of its own.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCrowNestClient } from "@crownest/sdk";
import { createFake } from "@crownest/sdk/fake";
import { alternate, childArgs, childResult, fmt, median, now, row, runChild } from "./lib.mjs";

const self = new URL(import.meta.url).pathname;
const LIMIT = 8 * 1024 * 1024;

/** Seeded random files (1-4 KiB, incompressible) in 64 directories, until `budget` bytes. */
function makeTree(dir, budget) {
  let x = 0x2545f491;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  let total = 0;
  let files = 0;
  while (total < budget) {
    const sub = join(dir, `pkg${files % 64}`);
    if (files < 64) mkdirSync(sub, { recursive: true });
    const size = 1024 + (next() % 3072);
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4) data.writeUInt32LE(next(), Math.min(i, size - 4));
    writeFileSync(join(sub, `file${files}.bin`), data);
    total += size;
    files++;
  }
  return { files, total };
}

async function child({ budget, rounds }) {
  const work = mkdtempSync(join(tmpdir(), "crownest-bench-ws-"));
  try {
    const src = join(work, "src");
    mkdirSync(src);
    const { files, total } = makeTree(src, budget);
    const archive = join(work, "workspace.tar.gz");
    const made = spawnSync("tar", ["czf", archive, "-C", src, "."]);
    if (made.status !== 0) throw new Error(`tar czf: ${made.stderr}`);
    const bytes = new Uint8Array(readFileSync(archive));
    if (bytes.byteLength > LIMIT)
      throw new Error(`archive is ${bytes.byteLength} bytes, over 8 MiB`);

    const fake = createFake({ clock: "auto", plan: { maxLiveSandboxes: 1000 } });
    const client = createCrowNestClient({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
    });
    const viaFake = async () => {
      const start = now();
      const { workspaceRun } = await client.workspaceRuns.runArchive(bytes, { command: "true" });
      const ms = now() - start;
      if (workspaceRun.status !== "succeeded") {
        throw new Error(`run ${workspaceRun.status}: ${JSON.stringify(workspaceRun.error)}`);
      }
      return ms;
    };
    let n = 0;
    const viaTar = async () => {
      const dest = join(work, `x${n++}`);
      mkdirSync(dest);
      const start = now();
      const r = spawnSync("tar", ["xzf", archive, "-C", dest]);
      const ms = now() - start;
      if (r.status !== 0) throw new Error(`tar xzf: ${r.stderr}`);
      rmSync(dest, { recursive: true, force: true });
      return ms;
    };
    await viaFake();
    await viaTar();
    const r = await alternate(rounds, viaFake, viaTar);
    return {
      files,
      contentBytes: total,
      archiveBytes: bytes.byteLength,
      fakeMs: median(r.a),
      tarMs: median(r.b),
      ratio: r.ratio,
      tarVersion: spawnSync("tar", ["--version"]).stdout.toString().split("\n")[0],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function run({ quick }) {
  // ~7.6 MiB of random content makes a tar.gz just under 8 MiB.
  const args = quick ? { budget: 1_000_000, rounds: 2 } : { budget: 7_900_000, rounds: 7 };
  const r = await runChild(self, { child: args });
  return {
    rows: [
      row({
        name: `5. Workspace run: ${fmt.mib(r.archiveBytes)} tar.gz, ${r.files.toLocaleString("en")} files (runArchive, in-process)`,
        figure: fmt.ms(r.fakeMs),
        baseline: `tar xzf ${fmt.ms(r.tarMs)}`,
        ratio: r.ratio,
        target: "≤ 3x",
        met: r.ratio <= 3,
      }),
    ],
    details: { ...args, ...r },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = childArgs();
  childResult(args.child ? await child(args.child) : await run(args));
}
