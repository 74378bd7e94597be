// Every 404 names the ID it looked for, for every resource; a malformed ID
// is answered like an unknown one, in the same words.
import { describe, expect, it } from "vitest";
import { createTestFake } from "../../helpers/test-fake.ts";

describe("404 not_found", () => {
  it("names the ID it looked for, for every resource", async () => {
    const t = createTestFake();
    const sandbox = (await t.call("POST", "/v1/sandboxes", { body: {} })).json;
    const cases: [string, string, object | undefined, string][] = [
      ["GET", "/v1/sandboxes/sbx_nope", undefined, "sandbox sbx_nope not found"],
      ["GET", "/v1/sandboxes/bad", undefined, "sandbox bad not found"],
      ["GET", "/v1/commands/cmd_nope", undefined, "command cmd_nope not found"],
      ["POST", "/v1/commands/cmd_nope/cancel", {}, "command cmd_nope not found"],
      ["GET", "/v1/commands/cmd_nope/logs", undefined, "command cmd_nope not found"],
      ["GET", "/v1/artifacts/art_nope", undefined, "artifact art_nope not found"],
      ["GET", "/v1/previews/prv_nope", undefined, "preview prv_nope not found"],
      ["GET", "/v1/workspace-runs/wsr_nope", undefined, "workspace run wsr_nope not found"],
      [
        "POST",
        "/v1/sandboxes/sbx_nope/commands",
        { command: "true" },
        "sandbox sbx_nope not found",
      ],
      ["POST", "/v1/sandboxes", { projectId: "prj_nope" }, "project prj_nope not found"],
      [
        "POST",
        "/v1/sandboxes",
        { templateVersionId: "tplv_nope" },
        "template version tplv_nope not found",
      ],
      [
        "GET",
        `/v1/sandboxes/${sandbox.id}/files/content?path=nope.txt`,
        undefined,
        "/workspace/nope.txt does not exist",
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await t.call(method, path, body === undefined ? {} : { body });
      expect([res.status, res.json.error], `${method} ${path}`).toEqual([
        404,
        { code: "not_found", message },
      ]);
    }
  });

  it("shortens an ID too long to be one", async () => {
    const t = createTestFake();
    const long = `sbx_${"x".repeat(300)}`;
    const res = await t.call("GET", `/v1/sandboxes/${long}`);
    expect(res.status).toBe(404);
    expect(res.json.error.message).toBe(`sandbox ${long.slice(0, 100)}… not found`);
  });
});
