import { packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import {
  allEvents,
  collect,
  createRun,
  gzip,
  STORAGE,
  setup,
  sha256,
  startedRun,
  type T,
  terminalOf,
  tgz,
  upload,
} from "./helpers/workspace-runs.ts";

const MAX = 8 * 1024 * 1024;

async function transferFor(t: T, runId: string, bytes: Uint8Array) {
  const res = await t.call("POST", `/v1/workspace-runs/${runId}/archive-transfers`, {
    body: { sha256: sha256(bytes), sizeBytes: bytes.length },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; uploadUrl: string };
}

const putTo = (t: T, url: string, bytes: Uint8Array, apiKey?: string | null) =>
  t.call("PUT", url, { raw: bytes, contentType: "application/gzip", apiKey });

function expectError(
  res: { status: number; json: { error: { code: string } } },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.json.error.code).toBe(code);
}

describe("direct upload failures", () => {
  it("refuses the wrong content type, oversize bodies, mismatched checksums, non-gzip, a second upload", async () => {
    const t = setup();
    const run = await createRun(t, { command: "true" });
    const bytes = await tgz({ "a.txt": "a" });

    const asJson = await t.call("PUT", `/v1/workspace-runs/${run.id}/archive`, {
      raw: bytes,
      contentType: "application/json",
      headers: { "X-Archive-Sha256": sha256(bytes), "X-Archive-Size-Bytes": String(bytes.length) },
    });
    expectError(asJson, 415, "unsupported_media_type");

    const huge = new Uint8Array(MAX + 1);
    huge.set([0x1f, 0x8b]);
    expectError(await upload(t, run.id, huge), 413, "archive_too_large");
    // Declared too large: refused from the header before the body is read.
    expectError(
      await upload(t, run.id, bytes, { "X-Archive-Size-Bytes": String(MAX + 1) }),
      413,
      "archive_too_large",
    );

    const declaredLength = await upload(t, run.id, bytes, { "Content-Length": String(MAX + 1) });
    expectError(declaredLength, 413, "archive_too_large");

    const wrongSha = await upload(t, run.id, bytes, { "X-Archive-Sha256": sha256("other") });
    expectError(wrongSha, 422, "checksum_mismatch");
    expect(wrongSha.json.error.details).toEqual({
      expected: { sha256: sha256("other"), sizeBytes: bytes.length },
      actual: { sha256: sha256(bytes), sizeBytes: bytes.length },
    });
    const wrongSize = await upload(t, run.id, bytes, {
      "X-Archive-Size-Bytes": String(bytes.length + 1),
    });
    expectError(wrongSize, 422, "checksum_mismatch");
    expectError(
      await upload(t, run.id, new TextEncoder().encode("not gzip")),
      422,
      "invalid_archive",
    );

    expect((await t.call("GET", `/v1/workspace-runs/${run.id}`)).json.status).toBe(
      "awaiting_archive",
    );
    expect((await upload(t, run.id, bytes)).status).toBe(200);
    expectError(await upload(t, run.id, bytes), 409, "invalid_state");
    // Unknown and malformed IDs are answered alike, in the same words.
    for (const id of ["wsr_nope", "nope"]) {
      const unknownRun = await t.call("POST", `/v1/workspace-runs/${id}/archive/finalize`, {
        body: { uploadId: "upl_x", sha256: sha256(bytes), sizeBytes: 1 },
      });
      expectError(unknownRun, 404, "not_found");
      expect(unknownRun.json.error.message).toBe(`workspace run ${id} not found`);
    }
  });
});

describe("staged transfer failures", () => {
  it("on the storage origin: refuses any Authorization header, even a valid key's", async () => {
    const t = setup({ storageOrigin: STORAGE });
    const run = await createRun(t, { command: "true" });
    const bytes = await tgz({ "a.txt": "a" });
    const transfer = await transferFor(t, run.id, bytes);
    expect(transfer.uploadUrl.startsWith(`${STORAGE}/v1/archive-uploads/upl_`)).toBe(true);
    expectError(await putTo(t, transfer.uploadUrl, bytes), 400, "invalid_request");
    expectError(await putTo(t, transfer.uploadUrl, bytes, "cn_garbage"), 400, "invalid_request");
    // The run's own routes don't live on the storage origin.
    const elsewhere = await t.call("GET", `${STORAGE}/v1/workspace-runs/${run.id}`);
    expect(elsewhere.status).toBe(404);
    // A forged or foreign token.
    const forged = transfer.uploadUrl.replace(/token=[^&]+/, "token=abc.def");
    expectError(await putTo(t, forged, bytes, null), 403, "invalid_signature");
    const other = await transferFor(t, run.id, bytes);
    const swapped = `${STORAGE}/v1/archive-uploads/${transfer.id}?${new URL(other.uploadUrl).search.slice(1)}`;
    expectError(await putTo(t, swapped, bytes, null), 403, "invalid_signature");
    expect((await putTo(t, transfer.uploadUrl, bytes, null)).status).toBe(200);
  });

  it("on the API origin: needs the bearer and the token", async () => {
    const t = setup();
    const run = await createRun(t, { command: "true" });
    const bytes = await tgz({ "a.txt": "a" });
    const transfer = await transferFor(t, run.id, bytes);
    expect(transfer.uploadUrl.startsWith(`${t.fake.baseUrl}/v1/archive-uploads/`)).toBe(true);
    expectError(await putTo(t, transfer.uploadUrl, bytes, null), 401, "unauthorized");
    const noToken = transfer.uploadUrl.replace(/\?.*$/, "");
    expectError(await putTo(t, noToken, bytes), 400, "invalid_request");
    const stranger = t.fake.createApiKey({ projectIds: [] });
    const hidden = await putTo(t, transfer.uploadUrl, bytes, stranger);
    expectError(hidden, 404, "not_found");
    expect(hidden.json.error.message).toBe(`upload ${transfer.id} not found`);
    const put = await putTo(t, transfer.uploadUrl, bytes);
    expect(put.status).toBe(200);
    // Uploading again before finalize replaces the bytes.
    const other = await tgz({ "b.txt": "b" });
    expect((await putTo(t, transfer.uploadUrl, other)).json.sha256).toBe(sha256(other));
    const fin = await t.call("POST", `/v1/workspace-runs/${run.id}/archive/finalize`, {
      body: { uploadId: transfer.id, sha256: sha256(bytes), sizeBytes: bytes.length },
    });
    expectError(fin, 422, "checksum_mismatch");
  });

  it("expires after 15 minutes, caps the size, finalizes only real, matching bytes", async () => {
    const t = setup();
    const run = await createRun(t, { command: "true" });
    const bytes = await tgz({ "a.txt": "a" });
    const transfer = await transferFor(t, run.id, bytes);

    const early = await t.call("POST", `/v1/workspace-runs/${run.id}/archive/finalize`, {
      body: { uploadId: transfer.id, sha256: sha256(bytes), sizeBytes: bytes.length },
    });
    expectError(early, 409, "invalid_state");

    const huge = new Uint8Array(MAX + 1);
    expectError(await putTo(t, transfer.uploadUrl, huge), 413, "archive_too_large");
    const tooBig = await t.call("POST", `/v1/workspace-runs/${run.id}/archive-transfers`, {
      body: { sha256: sha256(huge), sizeBytes: MAX + 1 },
    });
    expectError(tooBig, 413, "archive_too_large");
    const finalizeTooBig = await t.call("POST", `/v1/workspace-runs/${run.id}/archive/finalize`, {
      body: { uploadId: transfer.id, sha256: sha256(huge), sizeBytes: MAX + 1 },
    });
    expectError(finalizeTooBig, 413, "archive_too_large");
    // Auth comes before size checks: no key, no hint about the limit.
    const anonymous = await t.call("PUT", `/v1/workspace-runs/${run.id}/archive`, {
      raw: bytes,
      contentType: "application/gzip",
      apiKey: null,
      headers: { "X-Archive-Sha256": sha256(bytes), "X-Archive-Size-Bytes": String(MAX + 1) },
    });
    expectError(anonymous, 401, "unauthorized");

    // Bytes that differ from what the transfer was created for.
    const other = await tgz({ "b.txt": "b" });
    expect((await putTo(t, transfer.uploadUrl, other)).status).toBe(200);
    const claimsOther = await t.call("POST", `/v1/workspace-runs/${run.id}/archive/finalize`, {
      body: { uploadId: transfer.id, sha256: sha256(other), sizeBytes: other.length },
    });
    expectError(claimsOther, 422, "checksum_mismatch");

    // Not gzip, although the checksums match.
    const plain = new TextEncoder().encode("plain text");
    const plainTransfer = await transferFor(t, run.id, plain);
    await putTo(t, plainTransfer.uploadUrl, plain);
    const notGzip = await t.call("POST", `/v1/workspace-runs/${run.id}/archive/finalize`, {
      body: { uploadId: plainTransfer.id, sha256: sha256(plain), sizeBytes: plain.length },
    });
    expectError(notGzip, 422, "invalid_archive");

    await t.fake.clock.advance(15 * 60_000);
    expectError(await putTo(t, transfer.uploadUrl, bytes), 403, "url_expired");

    // Another run's upload is not this run's.
    const run2 = await createRun(t, { command: "true" });
    const foreign = await t.call("POST", `/v1/workspace-runs/${run2.id}/archive/finalize`, {
      body: { uploadId: transfer.id, sha256: sha256(other), sizeBytes: other.length },
    });
    expectError(foreign, 404, "not_found");
    expect(foreign.json.error.message).toBe(`upload ${transfer.id} not found`);

    const fresh = await transferFor(t, run.id, bytes);
    await putTo(t, fresh.uploadUrl, bytes);
    const fin = await t.call("POST", `/v1/workspace-runs/${run.id}/archive/finalize`, {
      body: { uploadId: fresh.id, sha256: sha256(bytes), sizeBytes: bytes.length },
    });
    expect(fin.status).toBe(200);
    expectError(
      await t.call("POST", `/v1/workspace-runs/${run.id}/archive-transfers`, {
        body: { sha256: sha256(bytes), sizeBytes: bytes.length },
      }),
      409,
      "invalid_state",
    );
    expectError(await putTo(t, fresh.uploadUrl, bytes), 409, "invalid_state");
  });
});

describe("start, evidence and extraction failures", () => {
  it("a start that can't get a sandbox leaves the run ready", async () => {
    const t = setup({ plan: { maxLiveSandboxes: 1 } });
    await t.call("POST", "/v1/sandboxes", { body: {} });
    const run = await createRun(t, { command: "true" });
    await upload(t, run.id, await tgz({ "a.txt": "a" }));
    expectError(await t.call("POST", `/v1/workspace-runs/${run.id}/start`), 429, "quota_exceeded");
    expect((await t.call("GET", `/v1/workspace-runs/${run.id}`)).json).toMatchObject({
      status: "ready",
      sandboxId: null,
      startedAt: null,
    });
  });

  it("starts only from ready; evidence only once persisted", async () => {
    const t = setup();
    t.fake.programs.define("slow", async (proc) => {
      proc.stdout.write("sleeping\n");
      await proc.sleep(1000);
    });
    const run = await createRun(t, { command: "slow" });
    expectError(await t.call("POST", `/v1/workspace-runs/${run.id}/start`), 409, "invalid_state");
    expectError(
      await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`),
      409,
      "evidence_not_ready",
    );
    await upload(t, run.id, await tgz({ "a.txt": "a" }));
    expect((await t.call("POST", `/v1/workspace-runs/${run.id}/start`)).status).toBe(202);
    expectError(await t.call("POST", `/v1/workspace-runs/${run.id}/start`), 409, "invalid_state");
    const s = await collect(t, run.id);
    await s.until((e) => e.data.type === "stdout"); // the program sleeps now
    expectError(
      await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`),
      409,
      "evidence_not_ready",
    );
    await t.fake.clock.advance(1000);
    expect(terminalOf(await s.done).status).toBe("succeeded");
    expect((await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`)).status).toBe(200);
  });

  it.each([
    ["a ../ entry", { header: { name: "../evil.sh", size: 2 }, body: "hi" }],
    ["an absolute entry", { header: { name: "/etc/cron.d/x", size: 2 }, body: "hi" }],
    // Passes the tar rules, refused by the sandbox's (percent-encoded dots).
    ["a percent-encoded entry", { header: { name: "%2e%2e/evil.sh", size: 2 }, body: "hi" }],
    [
      "a symlink out",
      { header: { name: "link", type: "symlink" as const, linkname: "../../etc", size: 0 } },
    ],
  ])("fails the run with path_outside_workspace for %s, writing nothing", async (_name, entry) => {
    const t = setup();
    let ran = false;
    t.fake.programs.define("check", () => {
      ran = true;
    });
    const run = await startedRun(
      t,
      { "good.txt": "fine" },
      { command: "check", keepSandbox: true },
      [entry],
    );
    const events = await allEvents(t, run.id);
    const final = terminalOf(events);
    expect(final).toMatchObject({
      status: "failed",
      exitCode: null,
      error: { code: "path_outside_workspace" },
    });
    expect(ran).toBe(false);
    expect(final.archive?.extractedFiles).toBeNull();
    const listed = await t.call("GET", `/v1/sandboxes/${run.sandboxId}/files?path=/workspace`);
    expect(listed.json.data).toEqual([]);
    const evidence = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(evidence.json.error.code).toBe("path_outside_workspace");
  });

  it("fails the run with invalid_archive for corrupt bytes behind the gzip magic", async () => {
    const t = setup();
    const good = await tgz({ "a.txt": "a".repeat(4000) });
    const corrupt = good.slice();
    for (let i = 10; i < corrupt.length - 8; i += 5) corrupt[i] = (corrupt[i] ?? 0) ^ 0xa5;
    const run = await createRun(t, { command: "true" });
    expect((await upload(t, run.id, corrupt)).status).toBe(200); // magic alone passes the upload
    await t.call("POST", `/v1/workspace-runs/${run.id}/start`);
    const final = terminalOf(await allEvents(t, run.id));
    expect(final).toMatchObject({ status: "failed", error: { code: "invalid_archive" } });
    expect((await t.call("GET", `/v1/sandboxes/${final.sandboxId}`)).json.status).toBe("destroyed");

    // A valid gzip of a tar whose header checksum is broken.
    const tar = await packTar([{ header: { name: "a.txt", size: 1 }, body: "a" }]);
    tar[0] = 0x62;
    const bad = await gzip(tar);
    const run3 = await createRun(t, { command: "true" });
    await upload(t, run3.id, bad);
    await t.call("POST", `/v1/workspace-runs/${run3.id}/start`);
    expect(terminalOf(await allEvents(t, run3.id)).error?.code).toBe("invalid_archive");
  });
});
