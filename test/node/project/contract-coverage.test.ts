// The contract covers what the design and the seeds name, and its own tables
// (x-http-status, x-transitions, scopes) are complete and consistent.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document
const doc: any = parse(await readFile(new URL("../../../openapi.yaml", import.meta.url), "utf8"));
const schemas = doc.components.schemas;
const METHODS = ["get", "put", "post", "delete", "patch"];

// DESIGN.md's route table, with path parameters written as {}.
const DESIGN_ROUTES = `
POST /v1/sandboxes
GET /v1/sandboxes
GET /v1/sandboxes/{}
DELETE /v1/sandboxes/{}
POST /v1/sandboxes/{}/commands/run
POST /v1/sandboxes/{}/commands
GET /v1/commands/{}
POST /v1/commands/{}/cancel
GET /v1/commands/{}/logs
GET /v1/commands/{}/logs/stream
GET /v1/sandboxes/{}/files
GET /v1/sandboxes/{}/files/content
PUT /v1/sandboxes/{}/files/content
DELETE /v1/sandboxes/{}/files
GET /v1/sandboxes/{}/files/stat
POST /v1/sandboxes/{}/files/mkdir
POST /v1/sandboxes/{}/files/move
POST /v1/sandboxes/{}/files/download-url
POST /v1/sandboxes/{}/artifacts
GET /v1/sandboxes/{}/artifacts
GET /v1/artifacts/{}
GET /v1/artifacts/{}/content
POST /v1/artifacts/{}/download-url
DELETE /v1/artifacts/{}
POST /v1/sandboxes/{}/previews
GET /v1/sandboxes/{}/previews
GET /v1/previews/{}
POST /v1/previews/{}/revoke
GET /v1/projects
POST /v1/workspace-runs
GET /v1/workspace-runs
GET /v1/workspace-runs/{}
PUT /v1/workspace-runs/{}/archive
POST /v1/workspace-runs/{}/archive-transfers
POST /v1/workspace-runs/{}/archive/finalize
POST /v1/workspace-runs/{}/start
GET /v1/workspace-runs/{}/events
POST /v1/workspace-runs/{}/cancel
GET /v1/workspace-runs/{}/evidence
`
  .trim()
  .split("\n");

const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  // biome-ignore lint/suspicious/noExplicitAny: path items
  METHODS.filter((m) => (item as any)[m]).map((m) => ({
    route: `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, "{}")}`,
    // biome-ignore lint/suspicious/noExplicitAny: operation objects
    op: (item as any)[m],
  })),
);

const required = (name: string): string[] => schemas[name].required ?? [];

describe("openapi.yaml covers the design and the seeds", () => {
  it("has every route of DESIGN.md's table", () => {
    const routes = new Set(operations.map((o) => o.route));
    expect(DESIGN_ROUTES.filter((r) => !routes.has(r))).toEqual([]);
  });

  it("has the whole Command object of the TypeScript Commands seed", () => {
    const seedFields =
      "id sandboxId command cwd env status exitCode stdout stderr stdoutTruncated stderrTruncated startedAt finishedAt durationMs collectStatus collectErrors cancelMode canceledAt killedReason terminationSignal";
    expect(seedFields.split(" ").filter((f) => !required("Command").includes(f))).toEqual([]);
    expect(schemas.CommandStatus.enum).toEqual([
      "queued",
      "starting",
      "running",
      "exited",
      "failed",
      "canceled",
      "timed_out",
      "killed",
    ]);
    expect(schemas.CollectStatus.enum.sort()).toEqual(
      ["succeeded", "partial", "failed", "skipped", "pending", "not_requested"].sort(),
    );
  });

  it("has the seeds' request options and record fields", () => {
    const props = (name: string) => Object.keys(schemas[name].properties);
    expect(props("RunCommandRequest")).toEqual(
      expect.arrayContaining(["command", "cwd", "env", "timeoutMs", "collect", "collectOn"]),
    );
    expect(props("StartCommandRequest")).not.toContain("collect");
    expect(props("CreateSandboxRequest")).toEqual(
      expect.arrayContaining(["template", "templateVersionId", "ttlMs", "metadata", "projectId"]),
    );
    expect(props("WriteFileRequest")).toEqual(
      expect.arrayContaining(["path", "content", "encoding", "createParents", "overwrite"]),
    );
    expect(props("MoveFileRequest")).toEqual(
      expect.arrayContaining(["fromPath", "toPath", "overwrite"]),
    );
    expect(required("CommandLogChunk").sort()).toEqual(
      ["commandId", "createdAt", "data", "seq", "stream"].sort(),
    );
    expect(required("Project").sort()).toEqual(["createdAt", "id", "name", "orgId"]);
    expect(props("CreateWorkspaceRunRequest")).toEqual(
      expect.arrayContaining([
        "command",
        "projectId",
        "template",
        "templateVersionId",
        "sandboxId",
        "keepSandbox",
        "timeoutMs",
        "metadata",
        "sourceMetadata",
        "artifacts",
      ]),
    );
    expect(required("WorkspaceRunArchiveTransfer")).toEqual(
      expect.arrayContaining(["uploadUrl", "method", "headers", "expiresAt", "maxSizeBytes"]),
    );
    expect(schemas.Template.enum).toEqual(["python", "node", "python-node", "base"]);
  });

  it("has every SSE event type the seeds name", () => {
    const types = (name: string) =>
      Object.keys(schemas[name].discriminator.mapping).sort((a, b) => a.localeCompare(b));
    expect(types("CommandLogStreamEvent")).toEqual(["error", "heartbeat", "log", "terminal"]);
    expect(types("WorkspaceRunStreamEvent")).toEqual(
      [
        "status",
        "archive_progress",
        "stdout",
        "stderr",
        "artifact_collected",
        "artifact_error",
        "heartbeat",
        "terminal",
        "error",
      ].sort((a, b) => a.localeCompare(b)),
    );
  });

  it("states the seeds' limits in the schemas", () => {
    expect(schemas.Metadata.maxProperties).toBe(16);
    expect(schemas.TimeoutMs.maximum).toBe(600000);
    expect(schemas.TimeoutMs.default).toBe(60000);
    expect(schemas.CreatePreviewRequest.properties.port).toMatchObject({
      minimum: 1,
      maximum: 65535,
    });
    expect(schemas.FileContent.properties.sizeBytes.maximum).toBe(262144);
    expect(schemas.ArchiveSizeBytes.maximum).toBe(8 * 1024 * 1024);
    const limit = doc.paths["/v1/commands/{commandId}/logs"].get.parameters.find(
      (p: { name: string }) => p.name === "limit",
    );
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: 100, default: 50 });
  });

  it("uses every error code the seeds and the design name", () => {
    const named =
      "invalid_request unauthorized forbidden not_found sandbox_destroyed quota_exceeded sandbox_ttl_exceeded command_timed_out reserved_env_key path_outside_workspace directory_not_empty stream_gap file_too_large archive_too_large checksum_mismatch invalid_state idempotency_key_reused rate_limited evidence_not_ready";
    expect(named.split(" ").filter((c) => !schemas.ErrorCode.enum.includes(c))).toEqual([]);
  });
});

describe("openapi.yaml is consistent with itself", () => {
  it("gives every error code exactly one HTTP status, and retryable codes exist", () => {
    const table = schemas.ErrorCode["x-http-status"];
    expect(Object.keys(table).sort()).toEqual([...schemas.ErrorCode.enum].sort());
    for (const status of Object.values(table)) expect(status).toBeGreaterThanOrEqual(400);
    for (const code of schemas.ErrorCode["x-retryable"]) {
      expect(schemas.ErrorCode.enum).toContain(code);
    }
    expect(schemas.ErrorCode["x-retryable"]).not.toContain("quota_exceeded");
  });

  it("writes each status machine over exactly its enum, with terminal states", () => {
    for (const name of ["SandboxStatus", "CommandStatus", "WorkspaceRunStatus"]) {
      const { enum: statuses, "x-transitions": transitions } = schemas[name];
      expect(Object.keys(transitions).sort(), name).toEqual([...statuses].sort());
      for (const next of Object.values(transitions) as string[][]) {
        for (const s of next) expect(statuses, name).toContain(s);
      }
      expect(Object.values(transitions).some((n) => (n as string[]).length === 0)).toBe(true);
    }
  });

  it("gives every operation an id, a summary, a tag, scopes and error responses", () => {
    const scopes = new Set<string>();
    for (const { route, op } of operations) {
      expect(op.operationId, route).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary, route).toBeTypeOf("string");
      expect(op.tags?.length, route).toBe(1);
      const security = op.security ?? doc.security;
      const bearer = security.find((s: object) => "bearerAuth" in s);
      if (bearer) {
        expect(bearer.bearerAuth.length, `${route} names its scopes`).toBeGreaterThan(0);
        for (const s of bearer.bearerAuth) scopes.add(s);
      }
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s.startsWith("4")),
        route,
      ).toBe(true);
      expect(statuses, route).toContain("5XX");
    }
    // The scope list in the security scheme's description names them all.
    const described = doc.components.securitySchemes.bearerAuth.description;
    for (const s of scopes) expect(described).toContain(`\`${s}\``);
  });

  it("declares the body failures (400, 413, 415) wherever there is a body", () => {
    for (const { route, op } of operations.filter((o) => o.op.requestBody)) {
      expect(Object.keys(op.responses), route).toEqual(
        expect.arrayContaining(["400", "413", "415"]),
      );
    }
  });

  it("offers Idempotency-Key on every POST", () => {
    for (const { route, op } of operations.filter((o) => o.route.startsWith("POST"))) {
      const refs = (op.parameters ?? []).map((p: { $ref?: string }) => p.$ref);
      expect(refs, route).toContain("#/components/parameters/IdempotencyKey");
    }
  });
});
