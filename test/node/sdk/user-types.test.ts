// Types as users meet them: ids from a database are plain strings, and an
// error's details are typed by its code. The type assertions are checked by
// `tsc --noEmit` (npm test's typecheck); the guard's behaviour runs here.
import { describe, expect, expectTypeOf, it } from "vitest";
import { check } from "../../../fake/http/validate.ts";
import { createFake } from "../../../fake/index.ts";
import { openapiDocument } from "../../../src/generated/document.ts";
import {
  type Command,
  CrowNestApiError,
  type CrowNestClient,
  type ErrorDetails,
  isCrowNestError,
  type SandboxId,
} from "../../../src/index.ts";

describe("ids", () => {
  it("every method takes an id as a plain string; records keep the precise types", async () => {
    const fake = createFake();
    const client: CrowNestClient = fake.client();
    const created = await client.sandboxes.create();
    expectTypeOf(created.id).toEqualTypeOf<SandboxId>();
    // As read back from a database or a command line.
    const stored: string = String(created.id);
    const sandbox = await client.sandboxes.get(stored);
    expect(sandbox.id).toBe(created.id);
    const command: Command = await client.commands.run(stored, "echo hi");
    expectTypeOf(command.id).toEqualTypeOf<`cmd_${string}`>();
    const commandId: string = command.id;
    expect((await client.commands.get(commandId)).stdout).toBe("hi\n");
    await client.files.write(stored, "a.txt", "x");
    expect(await client.files.read(stored, "a.txt")).toBe("x");
    const artifact = await client.artifacts.create(stored, "a.txt");
    const artifactId: string = artifact.id;
    expect((await client.artifacts.get(artifactId)).id).toBe(artifact.id);
    const preview = await client.previews.create(stored, 8080);
    const previewId: string = preview.id;
    expect((await client.previews.revoke(previewId)).id).toBe(preview.id);
    const projectId: string = created.projectId;
    expect(await client.sandboxes.list({ projectId })).toHaveLength(1);
    const run = await client.workspaceRuns.create({ command: "true", projectId });
    const runId: string = run.id;
    expect((await client.workspaceRuns.get(runId)).id).toBe(run.id);
    expect(await client.workspaceRuns.list({ projectId })).toHaveLength(1);
    await client.sandboxes.kill(stored);
  });

  it("the methods' id parameters are string", () => {
    expectTypeOf<Parameters<CrowNestClient["sandboxes"]["get"]>[0]>().toEqualTypeOf<string>();
    expectTypeOf<Parameters<CrowNestClient["commands"]["get"]>[0]>().toEqualTypeOf<string>();
    expectTypeOf<Parameters<CrowNestClient["commands"]["run"]>[0]>().toEqualTypeOf<string>();
    expectTypeOf<Parameters<CrowNestClient["files"]["read"]>[0]>().toEqualTypeOf<string>();
    expectTypeOf<Parameters<CrowNestClient["artifacts"]["download"]>[0]>().toEqualTypeOf<string>();
    expectTypeOf<Parameters<CrowNestClient["previews"]["revoke"]>[0]>().toEqualTypeOf<string>();
    expectTypeOf<
      Parameters<CrowNestClient["workspaceRuns"]["cancel"]>[0]
    >().toEqualTypeOf<string>();
  });
});

describe("isCrowNestError and typed details", () => {
  it("narrows details by code: command_timed_out carries the final command", async () => {
    const fake = createFake();
    const client = fake.client();
    const sandbox = await client.sandboxes.create();
    const error = await client.commands.run(sandbox.id, "sleep 5", { timeoutMs: 1_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCrowNestError(error)).toBe(true);
    expect(isCrowNestError(error, "stream_gap")).toBe(false);
    if (!isCrowNestError(error, "command_timed_out")) throw new Error("expected a timeout");
    expectTypeOf(error.code).toEqualTypeOf<"command_timed_out">();
    expectTypeOf(error.details.command).toEqualTypeOf<Command>();
    expect(error.details.command.status).toBe("timed_out");
  });

  it("narrows to several codes at once, and leaves other values alone", () => {
    const error: unknown = new CrowNestApiError({
      status: 429,
      code: "quota_exceeded",
      message: "too many sandboxes",
      details: { limit: 10 },
    });
    expect(isCrowNestError(error, "quota_exceeded", "rate_limited")).toBe(true);
    if (isCrowNestError(error, "quota_exceeded")) {
      expectTypeOf(error.details.limit).toEqualTypeOf<number>();
      expect(error.details.limit).toBe(10);
    }
    expect(isCrowNestError(new Error("x"))).toBe(false);
    expect(isCrowNestError({ code: "quota_exceeded" }, "quota_exceeded")).toBe(false);
    expect(isCrowNestError(undefined)).toBe(false);
  });

  it("types each declared code's details", () => {
    expectTypeOf<ErrorDetails<"stream_gap">["firstAvailableSeq"]>().toEqualTypeOf<number>();
    expectTypeOf<ErrorDetails<"quota_exceeded">["limit"]>().toEqualTypeOf<number>();
    expectTypeOf<ErrorDetails<"file_too_large">["reason"]>().toEqualTypeOf<
      "file" | "workspace" | undefined
    >();
    expectTypeOf<ErrorDetails<"invalid_response">["redirectOrigin"]>().toEqualTypeOf<
      string | undefined
    >();
    // A code without declared details: any fields, all unknown.
    expectTypeOf<ErrorDetails<"not_found">>().toEqualTypeOf<Record<string, unknown>>();
    // @ts-expect-error not an error code
    isCrowNestError(new Error(), "no_such_code");
  });

  it("CrowNestApiError's doc comment names every client code", async () => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(new URL("../../../src/errors.ts", import.meta.url), "utf8");
    const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export class CrowNestApiError/.exec(source)?.[1];
    expect(doc).toBeDefined();
    const codes: string[] | undefined = openapiDocument.components.schemas.ClientErrorCode?.enum;
    expect(codes?.length).toBeGreaterThan(5);
    for (const code of codes ?? []) expect(doc, code).toContain(`\`${code}\``);
  });
});

describe("the contract's ErrorDetailsByCode", () => {
  const byCode = openapiDocument.components.schemas.ErrorDetailsByCode.properties;

  async function failure(p: Promise<unknown>): Promise<CrowNestApiError> {
    const error = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof CrowNestApiError)) throw new Error(`expected an error, got ${error}`);
    return error;
  }

  it("describes the details the fake and the SDK give", async () => {
    const fake = createFake({
      plan: { maxLiveSandboxes: 1, logWindow: 2 },
      apiKeys: [{ key: "cn_test_all" }, { key: "cn_test_ro", scopes: ["sandbox:read"] }],
    });
    const client = fake.client({ apiKey: "cn_test_all" });
    const sandbox = await client.sandboxes.create();
    const command = await client.commands.run(sandbox.id, "echo 1; echo 2; echo 3; echo 4");
    const errors = [
      await failure(client.sandboxes.create()),
      await failure(client.commands.run(sandbox.id, "sleep 5", { timeoutMs: 1_000 })),
      await failure(client.commands.logs(command.id)),
      await failure(client.files.write(sandbox.id, "big", "x".repeat(300 * 1024))),
      await failure(client.files.read(sandbox.id, "../outside")),
      await failure(fake.client({ apiKey: "cn_test_ro" }).sandboxes.kill(sandbox.id)),
      await failure(client.commands.run(sandbox.id, "true", { timeoutMs: -1 })),
    ];
    expect(errors.map((e) => e.code)).toEqual([
      "quota_exceeded",
      "command_timed_out",
      "stream_gap",
      "file_too_large",
      "path_outside_workspace",
      "forbidden",
      "invalid_request",
    ]);
    for (const error of errors) {
      const schema = byCode[error.code];
      expect(schema, error.code).toBeDefined();
      expect(
        check(schema, error.details),
        `${error.code}: ${JSON.stringify(error.details)}`,
      ).toEqual([]);
      // Every declared field shows up in practice (none is a guess).
      for (const field of Object.keys(schema.properties)) {
        if (error.code === "file_too_large" && field === "reason") continue; // writes into the workspace only
        expect(error.details, `${error.code}.${field}`).toHaveProperty(field);
      }
    }
  });
});
