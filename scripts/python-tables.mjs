// The Python package's contract tables (python/src/crownest/_generated/contract.py),
// from the same parsed openapi.yaml and the same operation table as
// src/generated/contract.ts, so the two SDKs never disagree on a route, a
// status or a limit.

import { clientDefaultEntries, firstCodes } from "./contract-tables.mjs";

const HEADER = "# Generated from openapi.yaml by scripts/generate.mjs. Do not edit.\n";

/** Python literal of a JSON value (dicts and lists, one entry per line). */
function py(value, indent = "") {
  const next = `${indent}    `;
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${next}${py(v, next)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${next}${JSON.stringify(k)}: ${py(v, next)},`).join("\n")}\n${indent}}`;
}

const frozenset = (values) =>
  `frozenset(\n    {\n${values.map((v) => `        ${JSON.stringify(v)},`).join("\n")}\n    }\n)`;

const literal = (name, values) =>
  `${name} = Literal[\n${values.map((v) => `    ${JSON.stringify(v)},`).join("\n")}\n]`;

/**
 * @param {any} doc the parsed OpenAPI document
 * @param {ReturnType<typeof import("./contract-tables.mjs").contractData>} data the operation,
 *   limits and transitions tables the TypeScript SDK's come from
 */
export function pythonTables(doc, { operations, limits, transitions }) {
  const errorCode = doc.components.schemas.ErrorCode;
  const clientCodes = doc.components.schemas.ClientErrorCode.enum;
  const httpStatus = errorCode["x-http-status"];
  const routes = Object.fromEntries(
    Object.entries(operations).map(([id, o]) => [
      id,
      {
        method: o.method,
        path: o.path,
        scopes: o.scopes,
        idempotent: o.idempotencyKey,
        responseContentType: o.responseContentType,
      },
    ]),
  );
  const text = `${HEADER}"""The contract's tables: error codes and statuses, limits, operation routes."""

from __future__ import annotations

from typing import Final, Literal, TypedDict

${literal("ErrorCode", errorCode.enum)}

${literal("ClientErrorCode", clientCodes)}

${literal("OperationId", Object.keys(operations))}


class OperationRoute(TypedDict):
    method: str
    path: str
    scopes: list[str]
    idempotent: bool
    responseContentType: str | None


OPERATION_ROUTES: Final[dict[str, OperationRoute]] = ${py(routes)}

# The one HTTP status each error code is sent with (ErrorCode x-http-status).
ERROR_HTTP_STATUS: Final[dict[str, int]] = ${py(httpStatus)}

# The first code the contract lists for each status: the code of an error
# answer without an envelope (say a proxy's HTML page).
ERROR_CODE_BY_STATUS: Final[dict[int, str]] = ${py(firstCodes(httpStatus)).replace(/"(\d+)":/g, "$1:")}

# Codes a client may retry with the same Idempotency-Key (ErrorCode x-retryable).
RETRYABLE_ERROR_CODES: Final[frozenset[str]] = ${frozenset(errorCode["x-retryable"])}

# Codes of failures with no HTTP response (ClientErrorCode).
CLIENT_ERROR_CODES: Final[frozenset[str]] = ${frozenset(clientCodes)}

# Legal status transitions of each resource (x-transitions); [] marks a terminal status.
STATUS_TRANSITIONS: Final[dict[str, dict[str, list[str]]]] = ${py(transitions)}

# The service's bounds (x-limits, plus schema maxima and defaults).
LIMITS: Final[dict[str, int]] = ${py(limits)}

${Object.entries(limits)
  .map(([k, v]) => `${k.replace(/([A-Z])/g, "_$1").toUpperCase()}: Final = ${v}`)
  .join("\n")}

# The clients' defaults (x-client-defaults; the base URL is the first server's).
${clientDefaultEntries(doc)
  .map(([k, v]) => `CLIENT_${k}: Final = ${py(v)}`)
  .join("\n")}
`;
  return text;
}
