#!/usr/bin/env node
// Measures what the SDK costs a bundle: src/index.ts bundled with every
// dependency (openapi-fetch, eventsource-parser, the generated tables),
// minified ESM for a neutral platform, then gzipped; and openapi-fetch alone
// for comparison. Uses esbuild when it is installed, else rolldown (which
// vite brings along), and says which.
import { gzipSync } from "node:zlib";

const root = new URL("../", import.meta.url);

async function bundler() {
  try {
    const esbuild = await import("esbuild");
    return {
      name: `esbuild ${esbuild.version}`,
      async bundle(contents, resolveDir) {
        const result = await esbuild.build({
          stdin: { contents, resolveDir, loader: "ts", sourcefile: "entry.ts" },
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
  } catch {
    const { rolldown, VERSION } = await import("rolldown");
    return {
      name: `rolldown ${VERSION} (esbuild is not installed)`,
      async bundle(contents, resolveDir) {
        const id = "\0entry.ts";
        const build = await rolldown({
          input: id,
          platform: "neutral",
          cwd: resolveDir,
          logLevel: "silent",
          plugins: [
            {
              name: "entry",
              resolveId: (source) => (source === id ? id : null),
              load: (source) => (source === id ? { code: contents, moduleType: "ts" } : null),
            },
          ],
        });
        const { output } = await build.generate({ format: "esm", minify: true });
        await build.close();
        return new TextEncoder().encode(output[0].code);
      },
    };
  }
}

const { name, bundle } = await bundler();
const dir = new URL(".", root).pathname;
const targets = [
  ["@crownest/sdk (src/index.ts)", 'export * from "./src/index.ts";'],
  ["openapi-fetch alone", 'export { default } from "openapi-fetch";'],
];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`bundler: ${name}; minified ESM, platform neutral, dependencies bundled`);
for (const [label, entry] of targets) {
  const code = await bundle(entry, dir);
  console.log(
    `${label}: ${kib(code.length)} minified, ${kib(gzipSync(code, { level: 9 }).length)} gzipped`,
  );
}
