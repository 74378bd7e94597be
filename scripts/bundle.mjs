#!/usr/bin/env node
// Bundles the SDK's own modules into dist/src/index.js (its dependencies stay
// imports), after tsc has emitted them: loading one module instead of one per
// source file shortens the SDK's cold start (BENCHMARKS.md, row 8).
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
