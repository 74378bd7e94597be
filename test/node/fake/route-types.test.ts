// defineRoute<K>: a handler's params, query and body are typed from the
// contract (checked by `tsc --noEmit`, which includes this file), and the
// values the pipeline hands over at run time have those types.
import { Hono } from "hono";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  defineRoute,
  type FakeEnv,
  json,
  type RouteHandler,
  type RouteRequest,
} from "../../../fake/http/route.ts";
import { createFake } from "../../../fake/index.ts";
import type { components } from "../../../src/generated/openapi.ts";

type Schemas = components["schemas"];

describe("RouteRequest<K> types", () => {
  it("types path parameters from the contract", () => {
    expectTypeOf<RouteRequest<"getSandbox">["params"]>().toEqualTypeOf<{
      sandboxId: Schemas["SandboxId"];
    }>();
    expectTypeOf<RouteRequest<"uploadArchiveTransfer">["params"]>().toEqualTypeOf<{
      uploadId: Schemas["UploadId"];
    }>();
    // No path parameters: nothing to read.
    expectTypeOf<RouteRequest<"listSandboxes">["params"]>().toEqualTypeOf<Record<string, never>>();
  });

  it("types query parameters, optional ones optional, deepObject ones as their schema", () => {
    expectTypeOf<RouteRequest<"listCommandLogs">["query"]>().toEqualTypeOf<{
      afterSeq?: number;
      limit?: number;
    }>();
    expectTypeOf<RouteRequest<"readFile">["query"]["path"]>().toEqualTypeOf<string>();
    expectTypeOf<RouteRequest<"listWorkspaceRuns">["query"]["metadata"]>().toEqualTypeOf<
      Schemas["Metadata"] | undefined
    >();
    expectTypeOf<RouteRequest<"listWorkspaceRuns">["query"]["status"]>().toEqualTypeOf<
      Schemas["WorkspaceRunStatus"] | undefined
    >();
  });

  it("types bodies: JSON by schema, other media types as bytes, optional ones maybe undefined", () => {
    expectTypeOf<RouteRequest<"runCommand">["body"]>().toEqualTypeOf<
      Schemas["RunCommandRequest"]
    >();
    expectTypeOf<RouteRequest<"cancelCommand">["body"]>().toEqualTypeOf<
      Schemas["CancelCommandRequest"] | undefined
    >();
    expectTypeOf<RouteRequest<"uploadArchiveTransfer">["body"]>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<RouteRequest<"uploadWorkspaceRunArchive">["body"]>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<RouteRequest<"getSandbox">["body"]>().toEqualTypeOf<undefined>();
  });

  it("refuses a handler that reads what its operation doesn't have", () => {
    // @ts-expect-error getSandbox has no commandId
    const wrongParam: RouteHandler<"getSandbox"> = async (_c, req) => json(req.params.commandId);
    // @ts-expect-error getSandbox has no body
    const wrongBody: RouteHandler<"getSandbox"> = async (_c, req) => json(req.body.port);
    const wrongQuery: RouteHandler<"listCommandLogs"> = async (_c, req) => {
      // @ts-expect-error afterSeq is a number, not a string
      const text: string | undefined = req.query.afterSeq;
      return json(text);
    };
    // @ts-expect-error an operation that doesn't exist
    expectTypeOf<RouteRequest<"getSandboxes">>().not.toBeAny();
    expect([wrongParam, wrongBody, wrongQuery]).toHaveLength(3);
  });
});

describe("defineRoute's request at run time", () => {
  it("hands over coerced query values, deepObject objects and binary bodies as the types say", async () => {
    const fake = createFake();
    const app = new Hono<FakeEnv>();
    const seen: unknown[] = [];
    defineRoute(app, fake.context, "listCommandLogs", async (_c, req) => {
      const afterSeq: number | undefined = req.query.afterSeq;
      seen.push(req.params.commandId, afterSeq, req.query.limit);
      return json({ data: [], hasMore: false, nextAfterSeq: 0 });
    });
    defineRoute(app, fake.context, "listWorkspaceRuns", async (_c, req) => {
      seen.push(req.query.metadata, req.query.status, req.query.projectId);
      return json({ data: [] });
    });
    defineRoute(app, fake.context, "uploadArchiveTransfer", async (_c, req) => {
      seen.push(req.params.uploadId, req.query.token, req.body);
      return json({});
    });
    const auth = { authorization: `Bearer ${fake.apiKey}` };

    const logs = await app.request(`${fake.baseUrl}/v1/commands/cmd_abc/logs?afterSeq=7`, {
      headers: auth,
    });
    expect(logs.status).toBe(200);
    expect(seen.splice(0)).toEqual(["cmd_abc", 7, undefined]);

    const runs = await app.request(
      `${fake.baseUrl}/v1/workspace-runs?status=running&metadata[team]=infra`,
      { headers: auth },
    );
    expect(runs.status).toBe(200);
    expect(seen.splice(0)).toEqual([{ team: "infra" }, "running", undefined]);

    const bytes = new Uint8Array([31, 139, 8, 0]);
    const upload = await app.request(`${fake.baseUrl}/v1/archive-uploads/upl_x1?token=t`, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/gzip" },
      body: bytes,
    });
    expect(upload.status).toBe(200);
    const [uploadId, token, body] = seen.splice(0);
    expect([uploadId, token]).toEqual(["upl_x1", "t"]);
    expect(body).toBeInstanceOf(Uint8Array);
    expect(body).toEqual(bytes);
  });

  it("is one shape for every request: url and signal read from a shared prototype", async () => {
    // An object literal with getters gets a V8 hidden class of its own per
    // request, kept in the old generation: it held each request's objects
    // through every young collection (the GC cost of bench row 10b).
    const fake = createFake();
    const app = new Hono<FakeEnv>();
    const seen: RouteRequest<"getSandbox">[] = [];
    defineRoute(app, fake.context, "getSandbox", async (_c, req) => {
      seen.push(req);
      return json({});
    });
    const auth = { authorization: `Bearer ${fake.apiKey}` };
    for (const id of ["sbx_one", "sbx_two"]) {
      expect(
        (await app.request(`${fake.baseUrl}/v1/sandboxes/${id}?x=1`, { headers: auth })).status,
      ).toBe(200);
    }
    const [one, two] = seen as [RouteRequest<"getSandbox">, RouteRequest<"getSandbox">];
    expect(Object.getPrototypeOf(one)).toBe(Object.getPrototypeOf(two));
    expect(Object.getPrototypeOf(one)).not.toBe(Object.prototype);
    for (const name of ["url", "signal"]) {
      expect(Object.getOwnPropertyDescriptor(one, name), name).toBeUndefined();
    }
    expect([one.params.sandboxId, two.params.sandboxId]).toEqual(["sbx_one", "sbx_two"]);
    expect(one.url.href).toBe(`${fake.baseUrl}/v1/sandboxes/sbx_one?x=1`);
    expect(two.signal).toBeInstanceOf(AbortSignal);
    expect(one.headers.get("authorization")).toBe(auth.authorization);
  });
});
