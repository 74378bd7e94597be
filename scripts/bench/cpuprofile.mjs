#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by
// function and by package/file, and inclusive time of the heaviest
// functions, as percentages of the sampled time. The evidence behind the
// explanations in BENCHMARKS.md.
//
//     node scripts/bench/cpuprofile.mjs PROFILE.cpuprofile [--top 25] [--match TEXT]
import { readFileSync } from "node:fs";

export function summarise(profile, { top = 25, match } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfSamples = new Map();
  for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const where = (n) => {
    const url = n.callFrame.url || "(native)";
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1];
    const p = /\/(dist\/[^:]+|scripts\/[^:]+)$/.exec(url);
    return p ? p[1] : url.replace(/^node:/, "node:");
  };
  const label = (n) =>
    `${n.callFrame.functionName || "(anonymous)"} ${where(n)}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map();
  const fileBy = new Map();
  const inclBy = new Map();
  for (const [id, count] of selfSamples) {
    const n = nodes.get(id);
    selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + count);
    fileBy.set(where(n), (fileBy.get(where(n)) ?? 0) + count);
    // Inclusive: every distinct frame on the stack gets the sample once.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(nodes.get(cur));
      if (seen.has(l)) continue;
      seen.add(l);
      inclBy.set(l, (inclBy.get(l) ?? 0) + count);
    }
  }
  const pct = (c) => `${((100 * c) / total).toFixed(1)}%`.padStart(6);
  const list = (m, filter) =>
    [...m]
      .filter(([k]) => !filter || k.includes(filter))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, c]) => `${pct(c)}  ${k}`)
      .join("\n");
  return [
    `samples: ${total}`,
    "== self time by package / file",
    list(fileBy),
    "== self time by function",
    list(selfBy),
    "== inclusive time by function",
    list(inclBy, match),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, ...rest] = process.argv.slice(2);
  const opt = (name) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const profile = JSON.parse(readFileSync(file, "utf8"));
  console.log(summarise(profile, { top: Number(opt("--top") ?? 25), match: opt("--match") }));
}
