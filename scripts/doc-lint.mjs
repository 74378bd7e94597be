#!/usr/bin/env node
// Every public export of the package documented: `deno doc --lint` on its
// entry points. A missing doc comment fails anywhere; a public type that
// names an unexported one fails in the SDK's entry (the fake's entry exposes
// some of its internals' and its dependencies' types, which stay unexported).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const deno = join(root, "node_modules", ".bin", "deno");

function lint(entries, gating) {
  const r = spawnSync(deno, ["doc", "--lint", ...entries], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (r.error) throw r.error;
  // One block per finding, from "error[rule]" to the next blank-line-separated block.
  const findings = (r.stdout + r.stderr)
    .split(/\n(?=error\[)/)
    .filter((block) => block.startsWith("error["))
    .map((block) => block.replace(/\n\s*\n[\s\S]*$/, "").trim());
  const failing = findings.filter((f) => gating.some((rule) => f.startsWith(`error[${rule}]`)));
  if (r.status !== 0 && findings.length === 0) {
    console.error(r.stderr);
    return 1;
  }
  for (const finding of failing) console.error(`${finding}\n`);
  return failing.length;
}

const failed =
  lint(["src/index.ts"], ["missing-jsdoc", "private-type-ref"]) +
  lint(["fake/index.ts", "fake/msw.ts"], ["missing-jsdoc"]);
console.log(failed === 0 ? "every public export is documented" : `${failed} doc lint errors`);
process.exit(failed === 0 ? 0 : 1);
