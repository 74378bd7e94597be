/**
 * Status changes of every resource go through here, checked against the
 * contract's `x-transitions` tables (no status table is written by hand).
 *
 * @module
 */
import { statusTransitions } from "../../src/generated/contract.ts";
import { ApiError } from "./errors.ts";

type Tables = typeof statusTransitions;
/** A resource kind with a status machine: "SandboxStatus", "CommandStatus", "WorkspaceRunStatus". */
export type StatusKind = keyof Tables;
/** The statuses of a kind. */
export type StatusOf<K extends StatusKind> = keyof Tables[K] & string;

function nextOf<K extends StatusKind>(kind: K, from: StatusOf<K>): readonly string[] {
  return (statusTransitions[kind] as Record<string, readonly string[]>)[from] ?? [];
}

/** Whether `from -> to` is legal for `kind`. */
export function canTransition<K extends StatusKind>(
  kind: K,
  from: StatusOf<K>,
  to: StatusOf<K>,
): boolean {
  return nextOf(kind, from).includes(to);
}

/** Whether `status` is terminal (no legal next status). */
export function isTerminal<K extends StatusKind>(kind: K, status: StatusOf<K>): boolean {
  return nextOf(kind, status).length === 0;
}

/** Returns `to` when `from -> to` is legal; otherwise throws 409 invalid_state. */
export function transition<K extends StatusKind, S extends StatusOf<K>>(
  kind: K,
  from: StatusOf<K>,
  to: S,
): S {
  if (!canTransition(kind, from, to)) {
    throw new ApiError("invalid_state", `cannot go from ${from} to ${to}`, {
      status: from,
      requested: to,
    });
  }
  return to;
}
