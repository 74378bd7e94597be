// Each stage of defineRoute's pipeline (fake/http/stages.ts), alone: given a
// request and the fake's parts, what it answers, refuses or hands on.
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../fake/core/errors.ts";
import { isDropped } from "../../../fake/http/faults.ts";
import {
  ANONYMOUS,
  applyFault,
  authenticate,
  checkBodySchema,
  checkMediaType,
  guardStorageOrigin,
  limitBody,
  parseJson,
  readParams,
  readRequestBody,
  withIdempotency,
} from "../../../fake/http/stages.ts";
import { operationSpec } from "../../../fake/http/validate.ts";
import { createFake } from "../../../fake/index.ts";

const API = "https://api.crownest.test";
const createSandbox = operationSpec("createSandbox");
const listSandboxes = operationSpec("listSandboxes");
const getSandbox = operationSpec("getSandbox");
const upload = operationSpec("uploadArchiveTransfer");
const download = operationSpec("downloadSignedArtifact");

/** The ApiError a stage throws (synchronously or not). */
async function refusal(stage: () => unknown): Promise<ApiError> {
  try {
    await stage();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("the stage let the request through");
}

const ok = (): Promise<Response> => Promise.resolve(new Response("ok"));

describe("applyFault", () => {
  it("hands the request on when no rule matches", async () => {
    const fake = createFake();
    fake.faults.add({ operation: "getSandbox", code: "rate_limited" });
    const res = await applyFault(fake.context, "listSandboxes", ok);
    expect(await res.text()).toBe("ok");
  });

  it("answers a rule's error instead of the handler, marked injected", async () => {
    const fake = createFake();
    fake.faults.add({ operation: "listSandboxes", code: "rate_limited", retryAfterSec: 3 });
    let ran = false;
    const error = await refusal(() =>
      applyFault(fake.context, "listSandboxes", () => {
        ran = true;
        return ok();
      }),
    );
    expect([error.code, error.status, error.details, ran]).toEqual([
      "rate_limited",
      429,
      { injected: true },
      false,
    ]);
  });

  it("drops the connection after the handler ran, or before it would", async () => {
    const fake = createFake();
    let runs = 0;
    const counted = (): Promise<Response> => {
      runs++;
      return ok();
    };
    fake.faults.add({ operation: "listSandboxes", dropConnection: "after", times: 1 });
    expect(isDropped(await applyFault(fake.context, "listSandboxes", counted))).toBe(true);
    expect(runs).toBe(1);
    fake.faults.add({ operation: "listSandboxes", dropConnection: "before", times: 1 });
    expect(isDropped(await applyFault(fake.context, "listSandboxes", counted))).toBe(true);
    expect(runs).toBe(1);
  });

  it("delays the request by the rule's latency on the fake's clock", async () => {
    const fake = createFake({ clock: "manual" });
    fake.faults.add({ operation: "listSandboxes", latencyMs: 5000 });
    const start = fake.clock.now();
    let answered = false;
    const answer = applyFault(fake.context, "listSandboxes", ok).then((res) => {
      answered = true;
      return res;
    });
    await fake.clock.advance(4999);
    expect(answered).toBe(false);
    await fake.clock.advance(1);
    expect(await (await answer).text()).toBe("ok");
    expect(answered).toBe(true);
    expect(fake.clock.now() - start).toBe(5000);
  });
});

describe("guardStorageOrigin", () => {
  const fake = createFake({ storageOrigin: "https://storage.crownest.test" });

  it("refuses an API operation on the storage origin as an unknown route", async () => {
    const error = await refusal(() =>
      guardStorageOrigin(fake.context, listSandboxes, "https://storage.crownest.test/v1/sandboxes"),
    );
    expect([error.code, error.message]).toEqual([
      "not_found",
      "no such route on the storage origin",
    ]);
  });

  it("lets the self-signed transfer targets and the API origin through", () => {
    expect(() =>
      guardStorageOrigin(
        fake.context,
        upload,
        "https://storage.crownest.test/v1/archive-uploads/u",
      ),
    ).not.toThrow();
    expect(() =>
      guardStorageOrigin(fake.context, listSandboxes, `${API}/v1/sandboxes`),
    ).not.toThrow();
    // A host that merely starts like the storage origin is another host.
    expect(() =>
      guardStorageOrigin(
        fake.context,
        listSandboxes,
        "https://storage.crownest.test.evil/v1/sandboxes",
      ),
    ).not.toThrow();
  });
});

describe("authenticate", () => {
  const fake = createFake();
  const bearer = (key: string): Headers => new Headers({ authorization: `Bearer ${key}` });

  it("answers the caller's key", () => {
    const { key, authenticated } = authenticate(fake.context, listSandboxes, bearer(fake.apiKey));
    expect([key.key, authenticated]).toEqual([fake.apiKey, true]);
  });

  it("refuses a missing or unknown key (401) and a key without the scope (403)", async () => {
    const missing = await refusal(() => authenticate(fake.context, listSandboxes, new Headers()));
    const unknown = await refusal(() =>
      authenticate(fake.context, listSandboxes, bearer("cn_nope")),
    );
    const reader = fake.createApiKey({ scopes: ["sandbox:read"] });
    const scoped = await refusal(() => authenticate(fake.context, createSandbox, bearer(reader)));
    expect([missing.status, unknown.status, scoped.status]).toEqual([401, 401, 403]);
    expect(scoped.code).toBe("forbidden");
  });

  it("gives ANONYMOUS to an operation whose bearer is optional, called without one", () => {
    expect(authenticate(fake.context, upload, new Headers())).toEqual({
      key: ANONYMOUS,
      authenticated: false,
    });
    // With no scopes to check, a bearer is not even read.
    expect(authenticate(fake.context, download, bearer("cn_nope"))).toEqual({
      key: ANONYMOUS,
      authenticated: false,
    });
  });
});

describe("readParams", () => {
  const url = (href: string) => () => new URL(href);

  it("answers the path and the query coerced to their schema types", () => {
    const path = readParams(
      getSandbox,
      () => "sbx_abc123",
      url(`${API}/v1/sandboxes/sbx_abc123`),
      new Headers(),
    );
    expect(path).toEqual({ params: { sandboxId: "sbx_abc123" }, query: {} });
    const list = readParams(
      listSandboxes,
      () => undefined,
      url(`${API}/v1/sandboxes?includeEnded=true`),
      new Headers(),
    );
    expect(list.query).toEqual({ includeEnded: true });
  });

  it("answers a malformed ID in the path like an unknown one (404)", async () => {
    const error = await refusal(() =>
      readParams(getSandbox, () => "nope!", url(`${API}/v1/sandboxes/nope!`), new Headers()),
    );
    expect([error.status, error.code]).toEqual([404, "not_found"]);
    expect(error.message).toContain("sandbox");
  });

  it("refuses a query of the wrong type with its issues (400)", async () => {
    const error = await refusal(() =>
      readParams(
        listSandboxes,
        () => undefined,
        url(`${API}/v1/sandboxes?includeEnded=maybe`),
        new Headers(),
      ),
    );
    expect([error.status, error.code]).toEqual([400, "invalid_request"]);
    expect(JSON.stringify(error.details)).toContain("/query/includeEnded");
  });

  it("checks declared headers", async () => {
    const error = await refusal(() =>
      readParams(
        createSandbox,
        () => undefined,
        url(`${API}/v1/sandboxes`),
        new Headers({ "idempotency-key": "x".repeat(10_000) }),
      ),
    );
    expect(JSON.stringify(error.details)).toContain("/header/Idempotency-Key");
  });
});

describe("the body stages", () => {
  const post = (body: BodyInit | null, type: string | null = "application/json"): Request =>
    new Request(`${API}/v1/sandboxes`, {
      method: "POST",
      body,
      headers: type === null ? {} : { "content-type": type },
    });

  it("limitBody: the bytes within the limit, the route's code past it", async () => {
    expect(await limitBody(createSandbox, post("{}"), {})).toEqual(new TextEncoder().encode("{}"));
    const over = await refusal(() =>
      limitBody(createSandbox, post("x".repeat(11)), { maxBodyBytes: 10 }),
    );
    expect([over.code, over.details]).toEqual(["request_too_large", { limit: 10 }]);
    const own = await refusal(() =>
      limitBody(upload, post("x".repeat(11)), {
        maxBodyBytes: 10,
        tooLargeCode: "archive_too_large",
      }),
    );
    expect(own.code).toBe("archive_too_large");
  });

  it("checkMediaType: refuses another type than the contract's (415)", async () => {
    expect(() =>
      checkMediaType(
        createSandbox,
        new Headers({ "content-type": "Application/JSON; charset=utf-8" }),
      ),
    ).not.toThrow();
    const error = await refusal(() =>
      checkMediaType(createSandbox, new Headers({ "content-type": "text/plain" })),
    );
    expect([error.status, error.code, error.details]).toEqual([
      415,
      "unsupported_media_type",
      { expected: "application/json" },
    ]);
    expect((await refusal(() => checkMediaType(upload, new Headers()))).message).toContain(
      "untyped",
    );
  });

  it("parseJson: UTF-8 JSON only (400)", async () => {
    expect(parseJson(new TextEncoder().encode('{"a":1}'))).toEqual({
      body: { a: 1 },
      text: '{"a":1}',
    });
    const broken = await refusal(() => parseJson(new TextEncoder().encode("{")));
    const latin1 = await refusal(() => parseJson(new Uint8Array([0x22, 0xe9, 0x22])));
    expect([broken.message, latin1.message]).toEqual([
      "the body is not valid JSON",
      "the body is not valid JSON",
    ]);
  });

  it("checkBodySchema: the operation's schema, with its issues (400)", async () => {
    expect(() => checkBodySchema(createSandbox, { ttlMs: 60_000 })).not.toThrow();
    const error = await refusal(() => checkBodySchema(createSandbox, { ttlMs: "soon" }));
    expect([error.status, error.code]).toEqual([400, "invalid_request"]);
    expect(JSON.stringify(error.details)).toContain("/body/ttlMs");
  });

  it("readRequestBody: runs them in order and tells the JSON text even when the schema refuses it", async () => {
    expect(await readRequestBody(createSandbox, post(null, null))).toEqual({
      bytes: new Uint8Array(0),
      body: undefined,
    });
    const texts: string[] = [];
    const refused = await refusal(() =>
      readRequestBody(createSandbox, post('{"ttlMs":"soon"}'), {}, (t) => texts.push(t)),
    );
    expect([refused.code, texts]).toEqual(["invalid_request", ['{"ttlMs":"soon"}']]);
    const read = await readRequestBody(upload, post("tar", "application/gzip"));
    expect(read.body).toEqual(new TextEncoder().encode("tar"));
  });
});

describe("withIdempotency", () => {
  const request = (body: string, key: string | null = "k1"): Request =>
    new Request(`${API}/v1/sandboxes`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    });
  const url = () => new URL(`${API}/v1/sandboxes`);

  it("runs once per key and request, replays the answer, refuses the key reused for another body", async () => {
    const fake = createFake();
    const key = authenticate(
      fake.context,
      createSandbox,
      new Headers({ authorization: `Bearer ${fake.apiKey}` }),
    ).key;
    let runs = 0;
    const run = (): Promise<Response> =>
      Promise.resolve(new Response(`run ${++runs}`, { status: 201 }));
    const bytes = (text: string) => new TextEncoder().encode(text);
    const first = await withIdempotency(
      fake.context,
      createSandbox,
      request("{}"),
      url,
      key,
      bytes("{}"),
      run,
    );
    const again = await withIdempotency(
      fake.context,
      createSandbox,
      request("{}"),
      url,
      key,
      bytes("{}"),
      run,
    );
    expect([await first.text(), await again.text(), runs]).toEqual(["run 1", "run 1", 1]);
    const other = await refusal(() =>
      withIdempotency(
        fake.context,
        createSandbox,
        request('{"a":1}'),
        url,
        key,
        bytes('{"a":1}'),
        run,
      ),
    );
    expect(other.code).toBe("idempotency_key_reused");
    const without = await withIdempotency(
      fake.context,
      createSandbox,
      request("{}", null),
      url,
      key,
      bytes("{}"),
      run,
    );
    expect([await without.text(), runs]).toEqual(["run 2", 2]);
  });
});
