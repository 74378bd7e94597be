/**
 * Evidence bundles of workspace runs and their digest: SHA-256 (crypto.subtle)
 * of the bundle without `digest`, serialised as canonical JSON (RFC 8785).
 *
 * @module
 */
import { sha256Hex } from "../../../src/bytes.ts";
import type { components } from "../../../src/generated/openapi.ts";

type Schemas = components["schemas"];
/** The contract's WorkspaceRunEvidenceBundle. */
export type EvidenceBundle = Schemas["WorkspaceRunEvidenceBundle"];
/** A bundle before sealing: everything but `digest`. */
export type EvidenceBody = Omit<EvidenceBundle, "digest">;
/** `{sizeBytes, sha256}` of a byte string. */
export type OutputDigest = Schemas["OutputDigest"];

/**
 * Canonical JSON per RFC 8785 (JCS): object keys sorted by UTF-16 code units
 * (what Array.prototype.sort does, and what RFC 8785 specifies) at every level,
 * no whitespace, numbers and strings serialised as ECMAScript's JSON.stringify.
 * Properties whose value is `undefined` are left out, as in JSON.stringify;
 * values JSON can't hold (non-finite numbers, bigint, functions) throw.
 */
export function canonicalize(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? "null" : canonicalize(item))).join(",")}]`;
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalize(record[key])}`);
    return `{${members.join(",")}}`;
  }
  throw new TypeError(`canonical JSON can't hold a ${typeof value}`);
}

/** Size and SHA-256 of a whole output stream (its UTF-8 bytes). */
export async function outputDigest(output: string): Promise<OutputDigest> {
  const bytes = new TextEncoder().encode(output);
  return { sizeBytes: bytes.length, sha256: await sha256Hex(bytes) };
}

/** The digest value of a bundle: its `digest` field, if any, is ignored. */
export async function evidenceDigest(bundle: EvidenceBody | EvidenceBundle): Promise<string> {
  const { digest: _ignored, ...body } = bundle as EvidenceBundle;
  return sha256Hex(canonicalize(body));
}

/** What the run service knows at the end of a run. */
export interface EvidenceInput {
  run: Schemas["WorkspaceRun"];
  /** The run's whole stdout and stderr, not the truncated record. */
  stdout: string;
  stderr: string;
  artifacts: EvidenceBundle["artifacts"];
  artifactErrors: EvidenceBundle["artifactErrors"];
  persistedAt: string;
}

/** Builds and seals the bundle of a terminal run. */
export async function buildEvidence(input: EvidenceInput): Promise<EvidenceBundle> {
  const { run } = input;
  if (run.finishedAt === null) throw new Error(`run ${run.id} is not terminal`);
  const body: EvidenceBody = {
    workspaceRunId: run.id,
    projectId: run.projectId,
    status: run.status,
    exitCode: run.exitCode,
    error: run.error,
    command: run.command,
    template: run.template,
    templateVersionId: run.templateVersionId,
    archive: run.archive && { sha256: run.archive.sha256, sizeBytes: run.archive.sizeBytes },
    metadata: run.metadata,
    sourceMetadata: run.sourceMetadata,
    timings: {
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationMs: run.durationMs,
    },
    outputs: { stdout: await outputDigest(input.stdout), stderr: await outputDigest(input.stderr) },
    artifacts: input.artifacts,
    artifactErrors: input.artifactErrors,
    persistedAt: input.persistedAt,
  };
  return { ...body, digest: { algorithm: "sha256", value: await evidenceDigest(body) } };
}
