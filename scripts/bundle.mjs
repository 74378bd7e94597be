#!/usr/bin/env node
// Bundles the SDK's own modules into dist/src/index.js (its dependencies stay
// imports), after tsc has emitted them. Loading one module instead of ~15 is
// most of the SDK's cold start (BENCHMARKS.md, row 8: about 29 ms -> 16 ms).
// The other files tsc emitted stay, for the fake, the CLI and the .d.ts files.
import { build } from "esbuild";

const entry = new URL("../dist/src/index.js", import.meta.url).pathname;
await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  packages: "external",
  logLevel: "warning",
});
