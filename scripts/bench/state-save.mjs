// Row 11: crownest-fake --state saving 16 MiB of files on exit, in a process
// of its own. The fake holds 64 files of 256 KiB (written through the API);
// the save is the bin's (dist/fake/server/server-files.js writeFileAtomic over
// stateText, one write per piece). Figure: the longest the event loop was
// blocked during the save (perf_hooks' event-loop delay, 1 ms resolution),
// against the same state written in one piece: JSON.stringify(fake.snapshot())
// and one writeFile, the plain way that blocks for the whole encoding.
import { mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { childArgs, childResult, fmt, root, row, runChild } from "./lib.mjs";

const self = new URL(import.meta.url).pathname;
const KiB = 1024;
const MiB = 1048576;

async function child({ files }) {
  const load = (file) => import(pathToFileURL(join(root, "dist/fake", file)).href);
  const { createFake } = await load("index.js");
  const { stateText } = await load("state.js");
  const { writeFileAtomic } = await load("server/server-files.js");
  const fake = createFake({ clock: "manual" });
  const client = fake.client();
  const sandbox = await client.sandboxes.create();
  const bytes = new Uint8Array(256 * KiB);
  for (let i = 0; i < files; i++) {
    crypto.getRandomValues(bytes.subarray(0, 65_536)); // differing files, not all zero
    await client.files.write(sandbox.id, `data/f${i}.bin`, bytes, { createParents: true });
  }
  const dir = await mkdtemp(join(tmpdir(), "crownest-state-bench-"));
  const measure = async (save) => {
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    // Let the histogram take its first sample before the save starts.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const t0 = performance.now();
    await save();
    const ms = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 5));
    delay.disable();
    return { ms, stallMs: delay.max / 1e6 };
  };
  try {
    const onePiece = await measure(async () => {
      const path = join(dir, "one.json");
      await writeFile(`${path}.tmp`, JSON.stringify(fake.snapshot()));
      await rename(`${path}.tmp`, path);
    });
    const pieces = await measure(() =>
      writeFileAtomic(join(dir, "pieces.json"), stateText(fake.context)),
    );
    const same =
      (await readFile(join(dir, "one.json"), "utf8")) ===
      (await readFile(join(dir, "pieces.json"), "utf8"));
    return { onePiece, pieces, same, mib: (files * 256 * KiB) / MiB };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run({ quick }) {
  const args = { files: quick ? 16 : 64 };
  const r = await runChild(self, { child: args });
  return {
    rows: [
      row({
        name: `11. crownest-fake --state: saving ${r.mib} MiB of files on exit`,
        figure: `event loop blocked ${fmt.ms(r.pieces.stallMs)} at most (save ${fmt.ms(r.pieces.ms)})`,
        baseline: `in one piece: blocked ${fmt.ms(r.onePiece.stallMs)} (save ${fmt.ms(r.onePiece.ms)})`,
        ratio: r.pieces.stallMs / r.onePiece.stallMs,
        target: "no block over 50 ms; the same file",
        met: r.pieces.stallMs < 50 && r.same,
      }),
    ],
    details: { ...args, ...r },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = childArgs();
  childResult(args.child ? await child(args.child) : await run(args));
}
