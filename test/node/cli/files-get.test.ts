// `crownest files get` downloads through the SDK's files.download: the key
// goes only to the API's origin, so a download URL elsewhere that asks for
// it is refused (stub servers on 127.0.0.1).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStub } from "../../helpers/stub-server.ts";
import { cli, ensureBuilt, killAll, SUBPROCESS_TIMEOUT_MS } from "./helpers/harness.ts";

let work: string;
beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), "crownest-files-get-"));
}, 240_000);
afterAll(async () => {
  killAll();
  await rm(work, { recursive: true, force: true });
});

async function scene(authMode: "api_key" | "none") {
  const seen: Request[] = [];
  const storage = await startStub((request) => {
    seen.push(request);
    return new Response("stored bytes");
  });
  const api = await startStub(() =>
    Response.json(
      {
        url: `${storage.url}/signed?sig=1`,
        method: "GET",
        headers: {},
        authMode,
        expiresAt: "2030-01-01T00:00:00Z",
      },
      { status: 201 },
    ),
  );
  const out = join(work, `${authMode}.txt`);
  const result = await cli(["files", "get", "sbx_stub", "f.txt", out], {
    env: { CROWNEST_BASE_URL: api.url, CROWNEST_API_KEY: "cn_test_cli_key" },
  });
  await api.close();
  await storage.close();
  return { result, seen, out };
}

describe("crownest files get", () => {
  it(
    "refuses a download URL on another origin that asks for the API key",
    async () => {
      const { result, seen } = await scene("api_key");
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/refused/);
      expect(result.stderr).not.toContain("cn_test_cli_key");
      expect(seen).toHaveLength(0);
    },
    SUBPROCESS_TIMEOUT_MS,
  );

  it(
    "fetches a self-signed URL on another origin without the key",
    async () => {
      const { result, seen, out } = await scene("none");
      expect(result.code).toBe(0);
      expect(await readFile(out, "utf8")).toBe("stored bytes");
      expect(seen[0]?.headers.get("authorization")).toBeNull();
    },
    SUBPROCESS_TIMEOUT_MS,
  );
});
