#!/usr/bin/env node
// Row 7: what the SDK costs a bundle. The built "." export (dist/src/index.js,
// what users import) bundled with every dependency (openapi-fetch,
// eventsource-parser), minified ESM for a neutral platform by esbuild (the
// devDependency the build uses too), then gzipped; and openapi-fetch alone for
// comparison. Also runs on its own: `node scripts/bench/size.mjs`.
import { gzipSync } from "node:zlib";
import { childArgs, childResult, fmt, root, row } from "./lib.mjs";

const TARGET = 12 * 1024;

async function bundler() {
  const esbuild = await import("esbuild");
  return {
    name: `esbuild ${esbuild.version}`,
    async bundle(contents, resolveDir) {
      const result = await esbuild.build({
        stdin: { contents, resolveDir, loader: "js", sourcefile: "entry.js" },
        bundle: true,
        minify: true,
        format: "esm",
        platform: "neutral",
        mainFields: ["module", "main"],
        write: false,
        logLevel: "error",
      });
      return result.outputFiles[0].contents;
    },
  };
}

/** Minified and gzipped sizes of the SDK's "." export and of openapi-fetch alone. */
export async function measure() {
  const { name, bundle } = await bundler();
  const sizes = async (entry) => {
    const code = await bundle(entry, root);
    return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
  };
  return {
    bundler: name,
    sdk: await sizes('export * from "./dist/src/index.js";'),
    openapiFetch: await sizes('export { default } from "openapi-fetch";'),
  };
}

export async function run() {
  const m = await measure();
  return {
    rows: [
      row({
        name: `7. SDK size: "." + dependencies, min+gzip (${m.bundler})`,
        figure: `${fmt.kib(m.sdk.gzipped)} (${fmt.kib(m.sdk.minified)} min)`,
        baseline: `openapi-fetch alone ${fmt.kib(m.openapiFetch.gzipped)}`,
        ratio: m.sdk.gzipped / m.openapiFetch.gzipped,
        target: "≤ 12 KiB",
        met: m.sdk.gzipped <= TARGET,
      }),
    ],
    details: m,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2]) childResult(await run(childArgs()));
  else {
    const m = await measure();
    console.log(`bundler: ${m.bundler}; minified ESM, platform neutral, dependencies bundled`);
    for (const [label, s] of [
      ["@crownest/sdk (dist/src/index.js)", m.sdk],
      ["openapi-fetch alone", m.openapiFetch],
    ]) {
      console.log(`${label}: ${fmt.kib(s.minified)} minified, ${fmt.kib(s.gzipped)} gzipped`);
    }
  }
}
