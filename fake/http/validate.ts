/**
 * JSON Schema (2020-12) validation against the contract itself
 * (src/generated/document.ts): request parameters and bodies in defineRoute,
 * responses and SSE events in test/helpers/test-fake.ts. `#/components/...`
 * refs resolve inside the document, so no schema is copied by hand.
 *
 * @module
 */
import { dereference, type Schema, validate } from "@cfworker/json-schema";
import { type ErrorCode, type OperationId, operations } from "../../src/generated/contract.ts";
import { openapiDocument } from "../../src/generated/document.ts";

/** One validation failure, as sent in `details.issues` of 400 invalid_request. */
export interface Issue {
  /** Where: "/body/ttlMs", "/query/limit", "/header/Idempotency-Key", "/path/sandboxId". */
  path: string;
  message: string;
  /**
   * A size over its schema's maximum where the contract names the 413 code
   * (`x-too-large`): the request is refused with that code, not 400.
   */
  tooLarge?: ErrorCode;
}

/** A parameter of an operation, with its refs resolved. */
export interface ParamSpec {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: Schema;
  style?: string;
}

/** A declared response of an operation. */
export interface ResponseSpec {
  /** Content type -> schema (empty for a response without a body). */
  content: Record<string, Schema | undefined>;
  headers: Record<string, Schema | undefined>;
}

/** What the contract says about one operation. */
export interface OperationSpec {
  id: OperationId;
  method: string;
  path: string;
  params: ParamSpec[];
  body: { contentType: string; schema: Schema | undefined; required: boolean } | undefined;
  /** Keyed by "201", "5XX", "default"... as in the contract. */
  responses: Record<string, ResponseSpec>;
}

const BASE = "https://contract.crownest.test/openapi.json";
// biome-ignore lint/suspicious/noExplicitAny: the contract is a JSON document
let doc: Record<string, any> | undefined;
let lookup: Record<string, Schema | boolean> | undefined;

// biome-ignore lint/suspicious/noExplicitAny: the contract is a JSON document
function contract(): Record<string, any> {
  if (!doc) {
    // A private copy: dereference() annotates the objects it walks.
    doc = structuredClone(openapiDocument);
    doc.$id = BASE;
    lookup = dereference(doc as Schema);
  }
  return doc;
}

/** The node at a local ref ("#/components/schemas/Sandbox"). */
// biome-ignore lint/suspicious/noExplicitAny: the contract is a JSON document
export function resolveRef(ref: string): any {
  const node = ref
    .replace(/^#\//, "")
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((node, key) => node?.[key], contract());
  if (node === undefined) throw new Error(`unresolved ref ${ref}`);
  return node;
}

// biome-ignore lint/suspicious/noExplicitAny: the contract is a JSON document
function deref(node: any): any {
  let current = node;
  while (current && typeof current.$ref === "string" && current.$ref.startsWith("#/")) {
    // Schemas keep their $ref (the validator follows it); only parameters,
    // responses and headers are unwrapped here.
    if (current.$ref.startsWith("#/components/schemas/")) return current;
    current = resolveRef(current.$ref);
  }
  return current;
}

/** The component schema of that name, e.g. schema("Sandbox"). */
export function schema(name: string): Schema {
  return resolveRef(`#/components/schemas/${name}`);
}

const WRAPPERS = new Set(["properties", "$ref", "items", "prefixItems", "allOf", "false"]);

const absolute = new WeakMap<object, Schema>();

/**
 * The validator resolves refs of the schemas it indexed; schemas inside
 * arrays (e.g. a parameter's) were not, so their local refs are made absolute.
 */
function indexed(target: Schema): Schema {
  if ((target as { __absolute_uri__?: string }).__absolute_uri__ !== undefined) return target;
  let copy = absolute.get(target);
  if (!copy) {
    copy = JSON.parse(JSON.stringify(target), (k, v) =>
      k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `${BASE}${v}` : v,
    ) as Schema;
    absolute.set(target, copy);
  }
  return copy;
}

/** Validates `value` against a schema of the contract; returns the issues (empty when valid). */
export function check(target: Schema, value: unknown, at = ""): Issue[] {
  contract();
  const result = validate(value, indexed(target), "2020-12", lookup, false);
  if (result.valid) return [];
  const located = result.errors.map((e) => ({
    ...e,
    path: at + e.instanceLocation.replace(/^#/, ""),
  }));
  const issues: Issue[] = [];
  for (const e of located) {
    if (WRAPPERS.has(e.keyword)) continue;
    if (e.keyword === "additionalProperties") {
      // Report the property itself: as not allowed, or by its own errors when it has some.
      const name = /^Property "(.*)" does not match/.exec(e.error)?.[1];
      if (name === undefined) continue;
      const path = `${e.path}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const own = located.some((o) => o.path === path && !WRAPPERS.has(o.keyword));
      if (!own) issues.push({ path, message: "is not allowed" });
      continue;
    }
    const tooLarge = e.keyword === "maximum" ? tooLargeCode(target, e.keywordLocation) : undefined;
    issues.push({ path: e.path, message: e.error, ...(tooLarge && { tooLarge }) });
  }
  return issues.length > 0
    ? issues
    : [{ path: at || "/", message: result.errors[0]?.error ?? "invalid" }];
}

// Keywords that don't constrain a value (the validator's own annotations start with "__").
const ANNOTATIONS = new Set([
  "description",
  "title",
  "examples",
  "example",
  "deprecated",
  "default",
  "$comment",
]);
const STRING_KEYWORDS = new Set(["type", "pattern", "minLength", "maxLength"]);
const validities = new WeakMap<object, (value: unknown) => boolean>();

/**
 * Whether `value` is valid against a schema of the contract, with the test
 * compiled once per schema: a plain string schema (type, pattern, lengths:
 * every ID in a path) is a regular expression test; any other schema goes
 * through {@link check}. Same answer as `check(target, value).length === 0`.
 */
export function isValid(target: Schema, value: unknown): boolean {
  let test = validities.get(target);
  if (!test) {
    test = compileValidity(target);
    validities.set(target, test);
  }
  return test(value);
}

function compileValidity(target: Schema): (value: unknown) => boolean {
  contract();
  // biome-ignore lint/suspicious/noExplicitAny: a contract schema
  let s: any = target;
  for (let i = 0; i < 5 && typeof s?.$ref === "string" && constraints(s).length === 1; i++) {
    s = resolveRef(s.$ref.replace(BASE, ""));
  }
  const own = constraints(s);
  if (s?.type !== "string" || !own.every((k) => STRING_KEYWORDS.has(k))) {
    return (value) => check(target, value).length === 0;
  }
  const pattern = typeof s.pattern === "string" ? new RegExp(s.pattern, "u") : undefined;
  const min: number | undefined = s.minLength;
  const max: number | undefined = s.maxLength;
  return (value) => {
    if (typeof value !== "string") return false;
    if (min !== undefined || max !== undefined) {
      // Lengths count code points, as JSON Schema does.
      let length = 0;
      for (const _ of value) length++;
      if ((min !== undefined && length < min) || (max !== undefined && length > max)) return false;
    }
    return pattern === undefined || pattern.test(value);
  };
}

/** The keywords of a schema node that constrain a value. */
// biome-ignore lint/suspicious/noExplicitAny: a contract schema
function constraints(node: any): string[] {
  if (node === null || typeof node !== "object") return [];
  return Object.keys(node).filter(
    (k) => !ANNOTATIONS.has(k) && !k.startsWith("x-") && !k.startsWith("__"),
  );
}

/** The `x-too-large` code of the schema whose `maximum` failed, following the keyword path's $refs. */
function tooLargeCode(target: Schema, keywordLocation: string): ErrorCode | undefined {
  // biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
  let node: any = target;
  for (const part of keywordLocation.replace(/^#\//, "").split("/").slice(0, -1)) {
    node = part === "$ref" ? resolveRef(String(node.$ref).replace(BASE, "")) : node?.[part];
  }
  return node?.["x-too-large"];
}

/** The schema's own type, following one level of $ref (for query coercion). */
export function schemaType(target: Schema): string | undefined {
  let s = target;
  for (let i = 0; i < 5 && s?.$ref; i++) s = resolveRef(s.$ref);
  if (typeof s?.type === "string") return s.type;
  if (s?.allOf?.[0]) return schemaType(s.allOf[0]);
  return undefined;
}

const specs = new Map<OperationId, OperationSpec>();

/** What the contract says about an operation. */
export function operationSpec(id: OperationId): OperationSpec {
  const cached = specs.get(id);
  if (cached) return cached;
  const info = operations[id];
  const item = contract().paths[info.path];
  const op = item[info.method.toLowerCase()];
  const params: ParamSpec[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(
    (p: unknown) => {
      const param = deref(p);
      return {
        name: param.name,
        in: param.in,
        required: param.required === true,
        schema: param.schema ?? {},
        style: param.style,
      };
    },
  );
  let body: OperationSpec["body"];
  if (op.requestBody) {
    const rb = deref(op.requestBody);
    const [contentType, media] = Object.entries(rb.content ?? {})[0] ?? [];
    if (contentType) {
      // biome-ignore lint/suspicious/noExplicitAny: the contract is a JSON document
      body = { contentType, schema: (media as any)?.schema, required: rb.required === true };
    }
  }
  const responses: Record<string, ResponseSpec> = {};
  for (const [status, r] of Object.entries(op.responses ?? {})) {
    const res = deref(r);
    const content: Record<string, Schema | undefined> = {};
    // biome-ignore lint/suspicious/noExplicitAny: the contract is a JSON document
    for (const [type, media] of Object.entries<any>(res.content ?? {}))
      content[type] = media.schema;
    const headers: Record<string, Schema | undefined> = {};
    // biome-ignore lint/suspicious/noExplicitAny: the contract is a JSON document
    for (const [name, h] of Object.entries<any>(res.headers ?? {})) {
      headers[name] = deref(h)?.schema;
    }
    responses[status] = { content, headers };
  }
  const spec: OperationSpec = { id, method: info.method, path: info.path, params, body, responses };
  specs.set(id, spec);
  return spec;
}

/** The declared response for a status ("201", then "2XX", then "default"). */
export function declaredResponse(spec: OperationSpec, status: number): ResponseSpec | undefined {
  return (
    spec.responses[String(status)] ??
    spec.responses[`${String(status)[0]}XX`] ??
    spec.responses.default
  );
}

/** Turns a contract path ("/v1/sandboxes/{sandboxId}") into a matcher of concrete paths. */
export function pathMatcher(path: string): RegExp {
  const pattern = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "([^/]+)" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`);
}

const matchers = (Object.keys(operations) as OperationId[]).map((id) => ({
  id,
  method: operations[id].method,
  regex: pathMatcher(operations[id].path),
}));

/** The operation a method and pathname are for; `allowed` lists the methods of a path that exists. */
export function matchOperation(
  method: string,
  pathname: string,
): { id: OperationId | undefined; allowed: string[] } {
  const allowed: string[] = [];
  let id: OperationId | undefined;
  const m = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  for (const candidate of matchers) {
    if (!candidate.regex.test(pathname)) continue;
    allowed.push(candidate.method);
    if (candidate.method === m) id = candidate.id;
  }
  return { id, allowed };
}
