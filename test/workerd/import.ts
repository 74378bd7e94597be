// The SDK alone on Cloudflare Workers: its import and a client built in a
// handler, with a call answered by a stub fetch.
import { CrowNestApiError, createCrowNestClient } from "../../src/index.ts";

export default {
  async test(): Promise<void> {
    const client = createCrowNestClient({
      apiKey: "cn_test_workerd",
      baseUrl: "https://api.crownest.test",
      maxRetries: 0,
      fetch: async () =>
        Response.json(
          { error: { code: "not_found", message: "no such sandbox", requestId: "req_1" } },
          { status: 404 },
        ),
    });
    const error = await client.sandboxes.get("sbx_missing").then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof CrowNestApiError) || error.code !== "not_found") {
      throw new Error(`expected a not_found CrowNestApiError, got ${String(error)}`);
    }
  },
};
