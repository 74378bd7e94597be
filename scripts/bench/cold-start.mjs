// Row 8: cold start, each sample a fresh process: the time to import the
// SDK, then to make the first call (sandboxes.get over a stub fetch that
// answers at once, so only the SDK's cold path is timed), against importing
// openapi-fetch alone and making its first GET the same way. Processes of
// the two kinds alternate.
import { childArgs, childResult, fmt, median, row, runChild } from "./lib.mjs";

const self = new URL(import.meta.url).pathname;
const BODY = JSON.stringify({
  id: "sbx_cold",
  orgId: "org_default",
  projectId: "prj_default",
  template: "base",
  templateVersionId: "tplv_baseV2",
  status: "running",
  metadata: {},
  ttlMs: 300000,
  createdAt: "2026-01-01T00:00:00.000Z",
  expiresAt: "2026-01-01T00:05:00.000Z",
  endedAt: null,
  endedReason: null,
});
const stub = async () => new Response(BODY, { headers: { "content-type": "application/json" } });

async function child(kind) {
  const t0 = performance.now();
  let first;
  if (kind === "sdk") {
    const { createCrowNestClient } = await import("@crownest/sdk");
    const t1 = performance.now();
    const client = createCrowNestClient({ apiKey: "k", baseUrl: "https://api.test", fetch: stub });
    const sandbox = await client.sandboxes.get("sbx_cold");
    if (sandbox.id !== "sbx_cold") throw new Error("bad answer");
    first = performance.now() - t1;
    return { importMs: t1 - t0, firstCallMs: first };
  }
  const { default: createClient } = await import("openapi-fetch");
  const t1 = performance.now();
  const client = createClient({ baseUrl: "https://api.test", fetch: stub });
  const { data } = await client.GET("/v1/sandboxes/{sandboxId}", {
    params: { path: { sandboxId: "sbx_cold" } },
  });
  if (data.id !== "sbx_cold") throw new Error("bad answer");
  return { importMs: t1 - t0, firstCallMs: performance.now() - t1 };
}

export async function run({ quick }) {
  const n = quick ? 2 : 21;
  const sdk = [];
  const base = [];
  for (let i = 0; i < n; i++) {
    const pair = i % 2 ? ["base", "sdk"] : ["sdk", "base"];
    for (const kind of pair) {
      const r = await runChild(self, { child: kind });
      (kind === "sdk" ? sdk : base).push(r);
    }
  }
  const m = (list, key) => median(list.map((r) => r[key]));
  const s = { importMs: m(sdk, "importMs"), firstCallMs: m(sdk, "firstCallMs") };
  const b = { importMs: m(base, "importMs"), firstCallMs: m(base, "firstCallMs") };
  return {
    rows: [
      row({
        name: "8. Cold start: import @crownest/sdk (fresh process)",
        figure: `import ${fmt.ms(s.importMs)}; first call ${fmt.ms(s.firstCallMs)}`,
        baseline: `openapi-fetch: import ${fmt.ms(b.importMs)}; first GET ${fmt.ms(b.firstCallMs)}`,
        ratio: s.importMs / b.importMs,
        target: "import < 20 ms",
        met: s.importMs < 20,
      }),
    ],
    details: { processes: n, sdk: s, openapiFetch: b },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = childArgs();
  childResult(args.child ? await child(args.child) : await run(args));
}
