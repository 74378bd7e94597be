// Bad input: arbitrary and malformed requests to every operation of the
// contract (generated from its schemas, then mutated), sent as plain HTTP.
// Each must be refused with a 4xx whose body is the Error envelope valid per
// the contract, with a status the operation declares and the error code the
// mutation calls for; never a 5xx, never a success.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type ErrorCode, type OperationId, operations } from "../../src/generated/contract.ts";
import {
  badRequest,
  type Fixtures,
  mutations,
  type RawRequest,
  validRequest,
} from "./bad-input.ts";
import { errorEnvelopeProblems } from "./contract-check.ts";
import { checkProperty, createReal, type Real, timeoutFor } from "./harness.ts";
import { openTarget } from "./target.ts";

const ALL_OPERATIONS = Object.keys(operations) as OperationId[];

async function fixtures(real: Real): Promise<Fixtures> {
  const c = real.client;
  const sandbox = await c.sandboxes.create({ metadata: { ct: real.tag } });
  await c.files.write(sandbox.id, "a.txt", "alpha");
  const command = await c.commands.run(sandbox.id, "echo hi");
  const artifact = await c.artifacts.create(sandbox.id, "a.txt");
  const preview = await c.previews.create(sandbox.id, 3000);
  const run = await c.workspaceRuns.create({ command: "true", metadata: { ct: real.tag } });
  const transfer = await c.workspaceRuns.createArchiveTransfer(run.id, {
    sha256: "0".repeat(64),
    sizeBytes: 10,
  });
  const fileUrl = new URL((await c.files.downloadUrl(sandbox.id, "a.txt")).url);
  const artifactUrl = new URL((await c.artifacts.downloadUrl(artifact.id)).url);
  const uploadUrl = new URL(transfer.uploadUrl);
  const last = (u: URL) => decodeURIComponent(u.pathname.slice(u.pathname.lastIndexOf("/") + 1));
  return {
    sandboxId: sandbox.id,
    commandId: command.id,
    artifactId: artifact.id,
    previewId: preview.id,
    workspaceRunId: run.id,
    uploadId: transfer.id,
    fileToken: last(fileUrl),
    artifactToken: last(artifactUrl),
    uploadToken: uploadUrl.searchParams.get("token") ?? "",
    uploadOrigin: uploadUrl.origin,
    artifactOrigin: artifactUrl.origin,
  };
}

function toRequest(r: RawRequest): Request {
  return new Request(r.url, {
    method: r.method,
    headers: r.headers,
    body: r.body as BodyInit | undefined,
  });
}

/** Send, and read the answer's status, envelope and code. */
async function send(
  real: Real,
  r: RawRequest,
): Promise<{ status: number; json: unknown; code: ErrorCode | undefined }> {
  const res = await real.fetch(toRequest(r));
  if ((res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
    // A valid stream request: its events may never end (a run not started yet).
    await res.body?.cancel();
    return { status: res.status, json: undefined, code: undefined };
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  const code = (json as { error?: { code?: ErrorCode } })?.error?.code;
  return { status: res.status, json, code };
}

describe("bad input to every operation", () => {
  const target = openTarget(11);
  const tag = target.mode === "in-process" ? "t" : `bi${Date.now().toString(36)}`;
  const real = createReal(target, { tag });
  let f: Fixtures;
  beforeAll(async () => {
    f = await fixtures(real);
  }, 30_000);

  it("every operation has mutations", () => {
    for (const op of ALL_OPERATIONS)
      expect(mutations(op, f, target.baseUrl).length, op).toBeGreaterThan(1);
  });

  const RUNS = 300;
  it(
    "a malformed request is a 4xx with a valid Error envelope and the expected code, never a 5xx",
    async () => {
      await checkProperty(
        "a malformed request is a 4xx with a valid Error envelope and the expected code, never a 5xx",
        fc.asyncProperty(
          badRequest(ALL_OPERATIONS, f, target.baseUrl),
          async ({ op, mutation }) => {
            const request = validRequest(op, f, target.baseUrl, target.apiKey);
            mutation.apply(request);
            const label = `${op} ${mutation.label}`;
            const { status, json, code } = await send(real, request);
            expect(status, `${label}: a 4xx`).toBeGreaterThanOrEqual(400);
            expect(status, `${label}: a 4xx`).toBeLessThan(500);
            expect(errorEnvelopeProblems(json, status), `${label}: the envelope`).toEqual([]);
            expect(mutation.expected, `${label}: the code`).toContain(code);
            expect(real.violations, `${label}: contract violations`).toEqual([]);
          },
        ),
        RUNS,
      );
    },
    timeoutFor(RUNS, 30),
  );

  it("the unmutated requests pass validation (so each mutation is what breaks its request)", async () => {
    const refusals: ErrorCode[] = [
      "invalid_request",
      "unauthorized",
      "forbidden",
      "method_not_allowed",
      "unsupported_media_type",
      "request_too_large",
      "archive_too_large",
    ];
    // A fresh set of resources: these requests are valid, so they change things.
    const control = await fixtures(real);
    for (const op of ALL_OPERATIONS) {
      const { status, code } = await send(
        real,
        validRequest(op, control, target.baseUrl, target.apiKey),
      );
      expect(status, `${op}: never a 5xx`).toBeLessThan(500);
      if (status >= 400) expect(refusals, `${op} answered ${status} ${code}`).not.toContain(code);
    }
    expect(real.violations).toEqual([]);
    if (target.mode === "remote") {
      for (const id of [f.sandboxId, control.sandboxId]) {
        await real.client.sandboxes.kill(id as never).catch(() => {});
      }
    }
  }, 30_000);
});
