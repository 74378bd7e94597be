/**
 * The JSON Schema of a fault rule. `faults.add()` and `POST /_fake/faults`
 * validate against it, so a typo (`operaton`), a wrong type (`status: "abc"`)
 * or an out-of-range value (`probability: 5`) is refused instead of silently
 * matching every operation or failing later.
 *
 * @module
 */
import type { Schema } from "@cfworker/json-schema";
import { errorHttpStatus, operations } from "../../src/generated/contract.ts";
import { ApiError } from "../core/errors.ts";
import { check } from "./validate.ts";

const count = { type: "integer", minimum: 0 } as const;

/** A fault rule, as JSON Schema 2020-12. */
export const FAULT_RULE_SCHEMA: Schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    operation: { enum: ["*", ...Object.keys(operations)] },
    probability: { type: "number", minimum: 0, maximum: 1 },
    times: count,
    status: { type: "integer", minimum: 400, maximum: 599 },
    code: { enum: Object.keys(errorHttpStatus) },
    retryAfterSec: count,
    retryAfterMs: count,
    latencyMs: { type: "number", minimum: 0, maximum: 86_400_000 },
    dropConnection: { enum: ["before", "after"] },
    cutStreamAfterEvents: count,
  },
};

/** A fault rule that breaks the schema: 400 invalid_request, with `details.issues`, over HTTP. */
export class FaultRuleError extends ApiError {
  /** An error listing the schema's complaints (at most 20 in `details.issues`). */
  constructor(issues: { path: string; message: string }[]) {
    const first = issues[0];
    super(
      "invalid_request",
      `invalid fault rule: ${first ? `${first.path || "/"} ${first.message}` : "not an object"}`,
      { issues: issues.slice(0, 20) },
    );
    this.name = "FaultRuleError";
  }
}

/** Throws FaultRuleError unless `rule` is a valid fault rule. */
export function assertFaultRule(rule: unknown): void {
  // `times: Infinity` (the default, spelled out) is valid in-process; JSON can't carry it.
  const value =
    rule && typeof rule === "object" && (rule as { times?: unknown }).times === Infinity
      ? { ...rule, times: 0 }
      : rule;
  const issues = check(FAULT_RULE_SCHEMA, value);
  if (issues.length > 0) throw new FaultRuleError(issues);
}
