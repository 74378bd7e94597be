/**
 * The contract's bounds that the generators try exactly at the limit and one
 * past it, read from openapi.yaml (so a changed limit moves the probes too).
 *
 * @module
 */
import { operationSpec, schema } from "../../fake/http/validate.ts";
import { limits } from "../../src/generated/contract.ts";

type Bounded = { minimum?: number; maximum?: number; maxProperties?: number; default?: number };

function bounds(s: unknown): Bounded {
  return s as Bounded;
}

function required(value: number | undefined, what: string): number {
  if (value === undefined) throw new Error(`the contract gives no ${what}`);
  return value;
}

const logLimit = bounds(
  operationSpec("listCommandLogs").params.find((p) => p.name === "limit")?.schema,
);
const port = bounds(
  (schema("CreatePreviewRequest") as { properties: Record<string, unknown> }).properties.port,
);
const createSandbox = (schema("CreateSandboxRequest") as { properties: Record<string, unknown> })
  .properties;

export const CONTRACT_LIMITS = {
  /** listCommandLogs' `limit`: 1..100, 50 when left out. */
  logLimitMin: required(logLimit.minimum, "minimum log limit"),
  logLimitMax: required(logLimit.maximum, "maximum log limit"),
  logLimitDefault: required(logLimit.default, "default log limit"),
  /** A command's `timeoutMs`: 1..600000. */
  timeoutMaxMs: limits.maxTimeoutMs,
  /** Metadata: at most 16 keys. */
  metadataMaxKeys: required(bounds(schema("Metadata")).maxProperties, "metadata key limit"),
  /** createSandbox's `ttlMs`: at least 1000 (the maximum is the plan's). */
  ttlMinMs: required(bounds(createSandbox.ttlMs).minimum, "minimum ttlMs"),
  /** A preview's port: 1..65535. */
  portMin: required(port.minimum, "minimum port"),
  portMax: required(port.maximum, "maximum port"),
  /** Direct file reads and writes: 256 KiB. */
  maxDirectFileBytes: limits.maxDirectFileBytes,
} as const;
