/**
 * Bad requests generated from the contract: for each operation, a valid
 * request is built from its parameters' and body's schemas (with the IDs of
 * real resources), then exactly one mutation breaks it: wrong or missing
 * credentials, a malformed path ID, a query or header parameter of the wrong
 * type or out of its bounds, a missing required one, a body that is not JSON,
 * of the wrong type, missing a required field, with a field of the wrong
 * type or out of its bounds, with a field the schema doesn't allow, too
 * large, of the wrong content type, or a method the path doesn't take. Each
 * mutation says which error codes the contract allows for it.
 *
 * @module
 */
import fc from "fast-check";
import { check, operationSpec, type ParamSpec, resolveRef } from "../../fake/http/validate.ts";
import { type ErrorCode, type OperationId, operations } from "../../src/generated/contract.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema nodes of the contract
type Schema = any;

/** Follows $ref and single-element allOf wrappers to the schema that says what a value is. */
export function resolveSchema(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    if (s?.$ref) s = { ...resolveRef(s.$ref), ...withoutRef(s) };
    else if (Array.isArray(s?.allOf) && s.allOf.length === 1) {
      const { allOf, ...rest } = s;
      s = { ...resolveSchema(allOf[0]), ...rest };
    } else return s;
  }
  return s;
}

function withoutRef(s: Schema): Schema {
  const { $ref: _ref, ...rest } = s;
  return rest;
}

/** The IDs and tokens of real resources that valid requests use. */
export interface Fixtures {
  sandboxId: string;
  commandId: string;
  artifactId: string;
  previewId: string;
  workspaceRunId: string;
  uploadId: string;
  /** The token of a file download URL, and of an artifact one. */
  fileToken: string;
  artifactToken: string;
  /** The upload URL's token, and the origins its and the artifact URL's live on. */
  uploadToken: string;
  uploadOrigin: string;
  artifactOrigin: string;
}

/** A valid example of a schema (the minimal one: required fields only). */
export function example(schema: Schema, name: string, f: Fixtures): unknown {
  const s = resolveSchema(schema);
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  switch (s.type) {
    case "string": {
      if (name in f) return f[name as keyof Fixtures];
      const prefix = /^\^([a-z]+_)\[/.exec(s.pattern ?? "")?.[1];
      if (prefix) return `${prefix}Example1`;
      if (s.pattern === "^[0-9a-f]{64}$") return "0".repeat(64);
      if (s.pattern === "^[0-9]+$") return "1";
      if (name === "path" || name === "fromPath") return "a.txt";
      if (name === "toPath") return "b.txt";
      if (name === "command") return "true";
      return "x".repeat(Math.max(1, s.minLength ?? 1));
    }
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = example(s.properties?.[key] ?? {}, key, f);
      return out;
    }
    default:
      return null;
  }
}

/** One request, before it is sent. */
export interface RawRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/** A mutation: what it breaks, how, and the error codes the contract allows for it. */
export interface Mutation {
  label: string;
  apply(r: RawRequest): void;
  expected: readonly ErrorCode[];
}

/** The operations whose target is a signed URL on another origin (in-process: the storage origin). */
function originOf(op: OperationId, f: Fixtures, baseUrl: string): string {
  if (op === "downloadSignedArtifact") return f.artifactOrigin;
  if (op === "uploadArchiveTransfer") return f.uploadOrigin;
  return baseUrl;
}

/** On this origin the operation takes no bearer, and refuses one. */
function refusesBearer(op: OperationId, f: Fixtures, baseUrl: string): boolean {
  return (
    op === "downloadSignedArtifact" ||
    (op === "uploadArchiveTransfer" &&
      new URL(originOf(op, f, baseUrl)).origin !== new URL(baseUrl).origin)
  );
}

const ARCHIVE_BYTES = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3);

/** The valid request of an operation against the fixtures. */
export function validRequest(
  op: OperationId,
  f: Fixtures,
  baseUrl: string,
  apiKey: string,
): RawRequest {
  const info = operations[op];
  const spec = operationSpec(op);
  const base = new URL(baseUrl);
  const origin = originOf(op, f, baseUrl);
  let path = `${base.pathname.replace(/\/+$/, "")}${info.path}`;
  const url = new URL(origin);
  const headers: Record<string, string> = {};
  for (const p of spec.params) {
    if (p.in === "path") {
      const value =
        p.name === "token"
          ? op === "downloadFile"
            ? f.fileToken
            : f.artifactToken
          : String(example(p.schema, p.name, f));
      path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    } else if (p.in === "query" && p.required) {
      url.searchParams.set(
        p.name,
        p.name === "token" ? f.uploadToken : String(example(p.schema, p.name, f)),
      );
    } else if (p.in === "header" && p.required) {
      headers[p.name] = String(example(p.schema, p.name, f));
    }
  }
  if (op === "uploadWorkspaceRunArchive") {
    headers["X-Archive-Size-Bytes"] = String(ARCHIVE_BYTES.byteLength);
  }
  url.pathname = path;
  if (!refusesBearer(op, f, baseUrl)) headers.Authorization = `Bearer ${apiKey}`;
  let body: string | Uint8Array | undefined;
  if (spec.body) {
    headers["Content-Type"] = spec.body.contentType;
    body =
      spec.body.contentType === "application/json"
        ? JSON.stringify(example(spec.body.schema ?? {}, "body", f))
        : ARCHIVE_BYTES;
  }
  return { method: info.method, url, headers, body };
}

// ---- mutations ------------------------------------------------------------------------------

const INVALID: readonly ErrorCode[] = ["invalid_request"];

/** Values that break a schema, each with a description. */
function breakers(schema: Schema): [string, unknown][] {
  const s = resolveSchema(schema);
  const out: [string, unknown][] = [];
  const type = s.type;
  if (type !== undefined) {
    const wrong: [string, unknown][] = [
      ["a number", 12345],
      ["a string", "text"],
      ["a boolean", true],
      ["null", null],
      ["an array", [1]],
      ["an object", { a: 1 }],
    ];
    const is: Record<string, (v: unknown) => boolean> = {
      string: (v) => typeof v === "string",
      integer: (v) => Number.isInteger(v),
      number: (v) => typeof v === "number",
      boolean: (v) => typeof v === "boolean",
      array: (v) => Array.isArray(v),
      object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
    };
    for (const [label, v] of wrong)
      if (!is[type]?.(v)) out.push([`${label} instead of ${type}`, v]);
  }
  if (type === "integer") out.push(["a fraction", 1.5]);
  if (s.minimum !== undefined) out.push([`below ${s.minimum}`, s.minimum - 1]);
  if (s.maximum !== undefined) out.push([`above ${s.maximum}`, s.maximum + 1]);
  if (s.maxLength !== undefined)
    out.push([`over ${s.maxLength} characters`, "x".repeat(s.maxLength + 1)]);
  if ((s.minLength ?? 0) > 0) out.push(["empty", ""]);
  if (s.pattern !== undefined) out.push(["not matching its pattern", "not matching!"]);
  if (Array.isArray(s.enum) || s.const !== undefined)
    out.push(["not one of its values", "zz-not-a-value"]);
  if (type === "object" && s.additionalProperties === false) {
    out.push(["with a property it doesn't allow", { unexpectedProperty: 1 }]);
  }
  if (type === "object" && s.maxProperties !== undefined) {
    const many: Record<string, string> = {};
    for (let i = 0; i <= s.maxProperties; i++) many[`k${i}`] = "v";
    out.push([`with over ${s.maxProperties} properties`, many]);
  }
  if (type === "object" && s.additionalProperties?.maxLength !== undefined) {
    out.push(["with a value too long", { k: "x".repeat(s.additionalProperties.maxLength + 1) }]);
  }
  if (type === "object" && s.propertyNames?.pattern !== undefined) {
    out.push(["with a key not matching its pattern", { "1 bad key": "v" }]);
  }
  if (type === "array" && s.maxItems !== undefined) {
    const item = { path: "a.txt" };
    out.push([`with over ${s.maxItems} items`, Array.from({ length: s.maxItems + 1 }, () => item)]);
  }
  if (type === "array" && s.items) {
    out.push(["with an item of the wrong type", [12345]]);
  }
  return out;
}

function setHeader(r: RawRequest, name: string, value: string | undefined): void {
  for (const key of Object.keys(r.headers))
    if (key.toLowerCase() === name.toLowerCase()) delete r.headers[key];
  if (value !== undefined) r.headers[name] = value;
}

function paramMutations(op: OperationId, p: ParamSpec, f: Fixtures): Mutation[] {
  const out: Mutation[] = [];
  if (p.in === "path") {
    const bad =
      p.name === "token"
        ? ["x".repeat(1025)]
        : [
            "not-an-id",
            `${String(example(p.schema, p.name, f)).slice(0, 4)}bad-chars!`,
            `${String(example(p.schema, p.name, f)).slice(0, 4)}${"a".repeat(65)}`,
          ];
    for (const value of bad) {
      out.push({
        label: `path ${p.name} malformed (${value.slice(0, 20)}...)`,
        apply: (r) => {
          const current =
            p.name === "token"
              ? op === "downloadFile"
                ? f.fileToken
                : f.artifactToken
              : String(example(p.schema, p.name, f));
          r.url.pathname = r.url.pathname.replace(
            encodeURIComponent(current),
            encodeURIComponent(value),
          );
        },
        expected: ["not_found"],
      });
    }
    return out;
  }
  if (p.in === "query") {
    if (p.required) {
      out.push({
        label: `query ${p.name} missing`,
        apply: (r) => r.url.searchParams.delete(p.name),
        expected: INVALID,
      });
    }
    if (p.style === "deepObject") {
      for (const [label, value] of breakers(p.schema)) {
        if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
        out.push({
          label: `query ${p.name} ${label}`,
          apply: (r) => {
            for (const [k, v] of Object.entries(value))
              r.url.searchParams.set(`${p.name}[${k}]`, String(v));
          },
          expected: INVALID,
        });
      }
      return out;
    }
    for (const [label, value] of breakers(p.schema)) {
      // A query value is text: only what stays wrong as text.
      if (typeof value === "object" && value !== null) continue;
      const text = String(value);
      const s = resolveSchema(p.schema);
      if (s.type === "string" && typeof value !== "string" && !label.includes("characters"))
        continue;
      if (s.type === "integer" && /^-?\d+$/.test(text) && !/below|above/.test(label)) continue;
      out.push({
        label: `query ${p.name} ${label}`,
        apply: (r) => r.url.searchParams.set(p.name, text),
        expected: INVALID,
      });
    }
    return out;
  }
  if (p.in === "header") {
    if (p.required) {
      out.push({
        label: `header ${p.name} missing`,
        apply: (r) => setHeader(r, p.name, undefined),
        expected: INVALID,
      });
    }
    const s = resolveSchema(p.schema);
    const values: [string, string][] = [];
    if (s.type === "integer") values.push(["not a number", "abc"], ["a fraction", "1.5"]);
    if (s.minimum !== undefined) values.push([`below ${s.minimum}`, String(s.minimum - 1)]);
    if (s.maxLength !== undefined)
      values.push([`over ${s.maxLength} characters`, "1".repeat(s.maxLength + 1)]);
    if ((s.minLength ?? 0) > 0) values.push(["empty", ""]);
    if (s.pattern !== undefined) values.push(["not matching its pattern", "zz-bad"]);
    for (const [label, value] of values) {
      out.push({
        label: `header ${p.name} ${label}`,
        apply: (r) => setHeader(r, p.name, value),
        expected: INVALID,
      });
    }
    if (s.maximum !== undefined) {
      // Size limits are 413 with the schema's x-too-large code, never 400.
      out.push({
        label: `header ${p.name} above ${s.maximum}`,
        apply: (r) => setHeader(r, p.name, String(s.maximum + 1)),
        expected: s["x-too-large"] ? [s["x-too-large"]] : INVALID,
      });
    }
  }
  return out;
}

function bodyMutations(op: OperationId, f: Fixtures): Mutation[] {
  const spec = operationSpec(op);
  const body = spec.body;
  if (!body) return [];
  const out: Mutation[] = [];
  const json = body.contentType === "application/json";
  const wrongType = json ? "text/plain" : "application/json";
  out.push({
    label: `body as ${wrongType}`,
    apply: (r) => setHeader(r, "Content-Type", wrongType),
    expected: ["unsupported_media_type"],
  });
  if (body.required) {
    out.push({
      label: "no body",
      apply: (r) => {
        r.body = undefined;
        if (!json) setHeader(r, "X-Archive-Size-Bytes", "1");
      },
      expected: INVALID,
    });
  }
  if (!json) return out;
  const schema = resolveSchema(body.schema ?? {});
  const valid = example(schema, "body", f) as Record<string, unknown>;
  const send = (value: unknown) => (r: RawRequest) => {
    r.body = JSON.stringify(value);
  };
  out.push({
    label: "body not JSON",
    apply: (r) => {
      r.body = '{"oops": ';
    },
    expected: INVALID,
  });
  out.push({
    label: "body over 1 MiB",
    apply: send({ ...valid, padding: "x".repeat(1024 * 1024 + 1) }),
    expected: ["request_too_large"],
  });
  for (const [label, value] of breakers(schema)) {
    if (label.startsWith("with ")) {
      out.push({
        label: `body ${label}`,
        apply: send({ ...valid, ...(value as object) }),
        expected: INVALID,
      });
    } else if (!label.startsWith("not one") && !label.startsWith("empty")) {
      out.push({ label: `body ${label}`, apply: send(value), expected: INVALID });
    }
  }
  for (const key of schema.required ?? []) {
    out.push({
      label: `body without ${key}`,
      apply: send(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
      expected: INVALID,
    });
  }
  for (const [key, prop] of Object.entries<Schema>(schema.properties ?? {})) {
    for (const [label, value] of breakers(prop)) {
      // A size over a limit whose schema names its 413 code (x-too-large)
      // is that code, never 400 (the contract's conventions).
      const tooLarge: ErrorCode | undefined = /above/.test(label)
        ? resolveSchema(prop)["x-too-large"]
        : undefined;
      const expected: readonly ErrorCode[] = tooLarge ? [tooLarge] : INVALID;
      out.push({
        label: `body ${key} ${label}`,
        apply: send({ ...valid, [key]: value }),
        expected,
      });
    }
  }
  return out;
}

/** Every mutation of an operation's valid request. */
export function mutations(op: OperationId, f: Fixtures, baseUrl: string): Mutation[] {
  const spec = operationSpec(op);
  const out: Mutation[] = [];
  if (refusesBearer(op, f, baseUrl)) {
    out.push({
      label: "with an Authorization header the signed URL refuses",
      apply: (r) => setHeader(r, "Authorization", "Bearer cn_test_anything"),
      expected: INVALID,
    });
  } else {
    const unauthorized: ErrorCode[] = ["unauthorized"];
    out.push(
      {
        label: "without Authorization",
        apply: (r) => setHeader(r, "Authorization", undefined),
        expected: unauthorized,
      },
      {
        label: "with an unknown API key",
        apply: (r) => setHeader(r, "Authorization", "Bearer cn_test_unknown_key_0000"),
        expected: unauthorized,
      },
      {
        label: "with a Basic Authorization",
        apply: (r) => setHeader(r, "Authorization", "Basic dXNlcjpwYXNz"),
        expected: unauthorized,
      },
      {
        label: "with an empty bearer",
        apply: (r) => setHeader(r, "Authorization", "Bearer "),
        expected: unauthorized,
      },
    );
  }
  out.push({
    label: "with a method the path doesn't take",
    apply: (r) => {
      r.method = "PATCH";
    },
    expected: ["method_not_allowed"],
  });
  for (const p of spec.params) out.push(...paramMutations(op, p, f));
  out.push(...bodyMutations(op, f));
  return out;
}

/** An arbitrary JSON body the operation's schema refuses. */
function arbitraryBody(op: OperationId): fc.Arbitrary<Mutation> {
  const target = operationSpec(op).body?.schema ?? {};
  return fc
    .jsonValue({ maxDepth: 3 })
    .filter((value) => check(target, value).length > 0)
    .map((value) => ({
      label: `arbitrary body ${JSON.stringify(value).slice(0, 60)}`,
      apply: (r: RawRequest) => {
        r.body = JSON.stringify(value);
      },
      expected: INVALID,
    }));
}

/** An arbitrary text in place of a path ID that isn't one. */
function arbitraryPathId(op: OperationId, f: Fixtures): fc.Arbitrary<Mutation> | undefined {
  const p = operationSpec(op).params.find((x) => x.in === "path" && x.name !== "token");
  if (!p) return undefined;
  const current = String(example(p.schema, p.name, f));
  return fc
    .string({ minLength: 1, maxLength: 80, unit: "binary" })
    .filter((value) => check(p.schema, value).length > 0)
    .map((value) => ({
      label: `path ${p.name} ${JSON.stringify(value)}`,
      apply: (r: RawRequest) => {
        r.url.pathname = r.url.pathname.replace(current, encodeURIComponent(value));
      },
      expected: ["not_found"],
    }));
}

/** An operation and one mutation of its request: a listed one, or an arbitrary body or ID. */
export function badRequest(
  ops: readonly OperationId[],
  f: Fixtures,
  baseUrl: string,
): fc.Arbitrary<{ op: OperationId; mutation: Mutation }> {
  return fc.constantFrom(...ops).chain((op) => {
    const choices: fc.WeightedArbitrary<Mutation>[] = [
      { weight: 4, arbitrary: fc.constantFrom(...mutations(op, f, baseUrl)) },
    ];
    if (operationSpec(op).body?.contentType === "application/json") {
      choices.push({ weight: 1, arbitrary: arbitraryBody(op) });
    }
    const pathId = arbitraryPathId(op, f);
    if (pathId) choices.push({ weight: 1, arbitrary: pathId });
    return fc.oneof(...choices).map((mutation) => ({ op, mutation }));
  });
}
