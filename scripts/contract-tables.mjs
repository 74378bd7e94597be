// Derives the runtime tables the SDK and the fake share from openapi.yaml, so
// neither writes a status table, a scope list or an error-status map by hand.
// Two outputs: contract.ts (small; the SDK imports it) and document.ts (the
// whole contract as data; only the fake and the tests import it).

const HEADER = "// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.\n";
const METHODS = ["get", "put", "post", "delete", "patch"];

/**
 * The operation table, the limits and the status transitions, read from the contract (both
 * SDKs' tables come from these).
 * @param {any} doc the parsed OpenAPI document
 */
export function contractData(doc) {
  const operations = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        p.$ref ? resolve(doc, p.$ref) : p,
      );
      const security = op.security ?? doc.security ?? [];
      const success = Object.keys(op.responses)
        .filter((s) => s.startsWith("2"))
        .map(Number);
      const okContent = op.responses[String(success[0])]?.content ?? {};
      operations[op.operationId] = {
        method: method.toUpperCase(),
        path,
        // The scopes of the first requirement; an empty requirement ({}) makes
        // the bearer optional (signed URLs).
        scopes: security[0] ? (Object.values(security[0])[0] ?? []) : [],
        authOptional: security.length === 0 || security.some((s) => Object.keys(s).length === 0),
        idempotencyKey: params.some((p) => p.in === "header" && p.name === "Idempotency-Key"),
        successStatus: success,
        requestContentType: Object.keys(op.requestBody?.content ?? {})[0] ?? null,
        responseContentType: Object.keys(okContent)[0] ?? null,
      };
    }
  }
  const schemas = doc.components.schemas;
  // x-limits plus the bounds the contract states as schema maxima and defaults.
  const limits = {
    ...doc["x-limits"],
    maxDirectFileBytes: schemas.FileContent.properties.sizeBytes.maximum,
    maxArchiveBytes: schemas.ArchiveSizeBytes.maximum,
    defaultTimeoutMs: schemas.TimeoutMs.default,
    maxTimeoutMs: schemas.TimeoutMs.maximum,
    ...logPage(doc.paths["/v1/commands/{commandId}/logs"].get.parameters),
  };
  // Legal status transitions of each resource (x-transitions); [] marks a terminal status.
  const transitions = {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (schema["x-transitions"]) transitions[name] = schema["x-transitions"];
  }
  return { operations, limits, transitions };
}

/**
 * src/generated/'s contract.ts and document.ts.
 * @param {any} doc the parsed OpenAPI document
 * @param {ReturnType<typeof contractData>} data its operation table, limits and status transitions
 */
export function contractTables(doc, { operations, limits, transitions }) {
  const errorCode = doc.components.schemas.ErrorCode;
  const json = (v) => JSON.stringify(v, null, 2);
  const opIds = Object.keys(operations);
  const contract = `${HEADER}import type { components } from "./openapi.ts";

export type ErrorCode = components["schemas"]["ErrorCode"];
export type ClientErrorCode = components["schemas"]["ClientErrorCode"];
export type OperationId =
${opIds.map((id) => `  | ${JSON.stringify(id)}`).join("\n")};

/** What each operation needs, read from the contract. */
export interface OperationInfo {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH";
  readonly path: string;
  readonly scopes: readonly string[];
  readonly authOptional: boolean;
  readonly idempotencyKey: boolean;
  readonly successStatus: readonly number[];
  readonly requestContentType: string | null;
  readonly responseContentType: string | null;
}

export const operations: Readonly<Record<OperationId, OperationInfo>> = ${json(operations)};

/**
 * What the SDK sends an operation by, one string each (its bundle carries no
 * scope or status lists): "METHOD /path", then " key" when it takes an
 * Idempotency-Key and " raw" when it answers anything but JSON.
 */
export const operationRoutes: Readonly<Record<OperationId, string>> = ${json(
    Object.fromEntries(
      Object.entries(operations).map(([id, o]) => [
        id,
        `${o.method} ${o.path}${o.idempotencyKey ? " key" : ""}${
          o.responseContentType === "application/json" ? "" : " raw"
        }`,
      ]),
    ),
  )};

/** The one HTTP status each error code is sent with (ErrorCode x-http-status). */
export const errorHttpStatus: Readonly<Record<ErrorCode, number>> = ${json(errorCode["x-http-status"])};

/**
 * The first code the contract lists for each status: the clients' code for
 * an error answer without an envelope (say a proxy's HTML page).
 */
export const errorCodeByStatus: Readonly<Record<number, ErrorCode>> = ${json(firstCodes(errorCode["x-http-status"]))};

/** Codes a client may retry with the same Idempotency-Key (ErrorCode x-retryable). */
export const retryableErrorCodes: readonly ErrorCode[] = ${json(errorCode["x-retryable"])};

/** The service's bounds (the root x-limits table; see "Limits" and the conventions in the contract). */
export const limits: {
${limitFields(limits)}
} = ${json(limits)};

/** The limits the SDK reads: apart, so its bundle carries no other. */
export const clientLimits: Pick<typeof limits, ${CLIENT_LIMITS.map((k) => JSON.stringify(k)).join(" | ")}> = ${json(
    Object.fromEntries(CLIENT_LIMITS.map((k) => [k, limits[k]])),
  )};

${clientDefaults(doc)}

/** Legal status transitions of each resource (x-transitions); [] marks a terminal status. */
export const statusTransitions: {
  readonly SandboxStatus: Readonly<Record<components["schemas"]["SandboxStatus"], readonly components["schemas"]["SandboxStatus"][]>>;
  readonly CommandStatus: Readonly<Record<components["schemas"]["CommandStatus"], readonly components["schemas"]["CommandStatus"][]>>;
  readonly WorkspaceRunStatus: Readonly<Record<components["schemas"]["WorkspaceRunStatus"], readonly components["schemas"]["WorkspaceRunStatus"][]>>;
} = ${json(transitions)};
`;
  const document = `${HEADER}/** The whole contract as data, for request validation in the fake and response checks in tests. */
// biome-ignore lint/suspicious/noExplicitAny: a JSON document
export const openapiDocument: Record<string, any> = ${json(doc)};
`;
  return { "contract.ts": contract, "document.ts": document };
}

/** Doc comments of the limits whose name doesn't say it all. */
const LIMIT_DOCS = {
  maxLogChunkBytes: "The largest log chunk `data`, in bytes of UTF-8 (longer output is split).",
  heartbeatIntervalMs: "How often a quiet stream sends a heartbeat.",
  maxEventBytes: "The largest server-sent event, in bytes.",
  runWaitMs: "How long runCommand waits before answering 202 with the running record.",
  maxDirectFileBytes:
    "The largest file readFile and writeFile handle directly, in bytes (FileContent sizeBytes maximum).",
  maxArchiveBytes: "The largest workspace archive, in bytes (ArchiveSizeBytes maximum).",
  defaultTimeoutMs: "A command's or run's timeout when none is given (TimeoutMs default).",
  maxTimeoutMs: "The longest timeout a command or run may ask for (TimeoutMs maximum).",
  cancelGraceMs: "How long a graceful cancel waits after SIGTERM before SIGKILL.",
  maxJsonBodyBytes: "The largest JSON request body (413 request_too_large past it).",
  defaultLogPageSize: "listCommandLogs' page without a `limit` (its default).",
  maxLogPageSize: "listCommandLogs' largest `limit` (its maximum).",
  streamReconnectTimeoutMs:
    "How long a client reopens a dropped stream, with backoff, while no connection makes progress.",
  directUploadMaxBytes:
    "The largest archive a client uploads in one request; a larger one goes through a staged transfer.",
};

/** What the SDK reads of `limits` (a stream's event cap and timing, the direct-transfer sizes). */
const CLIENT_LIMITS = [
  "maxEventBytes",
  "streamReconnectTimeoutMs",
  "maxDirectFileBytes",
  "maxArchiveBytes",
  "directUploadMaxBytes",
];

/**
 * The clients' defaults (x-client-defaults, and the first server as the base
 * URL), one constant each: a bundle keeps only those it reads, no table.
 * @param {any} doc the parsed OpenAPI document
 */
export function clientDefaultEntries(doc) {
  const name = (k) => `DEFAULT_${k.replace(/([A-Z])/g, "_$1").toUpperCase()}`;
  return [
    ["DEFAULT_BASE_URL", doc.servers[0].url],
    ...Object.entries(doc["x-client-defaults"]).map(([k, v]) => [name(k), v]),
  ];
}

const DEFAULT_DOCS = {
  DEFAULT_BASE_URL: "The default base URL: the contract's first server.",
  DEFAULT_TIMEOUT_MS: "The default per-attempt timeout: above the longest command (600000 ms).",
  DEFAULT_MAX_RETRIES: "The default number of retries after the first attempt.",
  DEFAULT_RETRY_BASE_DELAY_MS:
    "The first retry's longest wait; it doubles each try (random below it: jitter).",
  DEFAULT_RETRY_MAX_DELAY_MS: "The longest wait between retries without a hint.",
  DEFAULT_RETRY_MAX_HINT_MS:
    "The longest Retry-After-Ms or Retry-After hint waited; a longer one falls back to backoff.",
  DEFAULT_STREAM_IDLE_TIMEOUT_MS:
    "No byte on a stream (heartbeats included) for this long: it is dropped and reopened.",
};

function clientDefaults(doc) {
  return clientDefaultEntries(doc)
    .map(
      ([k, v]) =>
        `/** ${DEFAULT_DOCS[k] ?? "A client default (x-client-defaults)."} */\nexport const ${k}: ${typeof v} = ${JSON.stringify(v)};`,
    )
    .join("\n");
}

/** The `limits` type's fields: one per key of the table, so none is left out. */
function limitFields(limits) {
  return Object.keys(limits)
    .map((k) => `${LIMIT_DOCS[k] ? `  /** ${LIMIT_DOCS[k]} */\n` : ""}  readonly ${k}: number;`)
    .join("\n");
}

/** status -> the first code with that status, in the contract's order. */
export function firstCodes(httpStatus) {
  const first = {};
  for (const [code, status] of Object.entries(httpStatus)) first[status] ??= code;
  return first;
}

/** The default and maximum of listCommandLogs' `limit` parameter. */
function logPage(parameters) {
  const { schema } = parameters.find((p) => p.name === "limit");
  return { defaultLogPageSize: schema.default, maxLogPageSize: schema.maximum };
}

function resolve(doc, ref) {
  return ref
    .slice(2)
    .split("/")
    .reduce((node, key) => node[key], doc);
}
