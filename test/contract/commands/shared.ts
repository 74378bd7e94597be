/**
 * What the command modules share: the generation context, arbitraries of
 * paths, file contents and shell scripts, record comparisons, and raw HTTP
 * with the retries an SDK would do (for signed URLs fetched by hand).
 *
 * @module
 */
import fc from "fast-check";
import { expect } from "vitest";
import type { OperationId } from "../../../src/generated/contract.ts";
import type { Command, FileStat, Sandbox } from "../../../src/index.ts";
import { type ContractCommand, FAULT_MODE_MAX_RETRIES, type Real } from "../harness.ts";
import {
  bytesToB64,
  type CommandPrediction,
  type Limits,
  type SandboxPrediction,
  type Script,
  type StatPrediction,
  type Step,
} from "../model.ts";
import type { Control } from "../target.ts";

/** What the arbitraries may depend on. */
export interface GenContext {
  /** The target's clock is the model's (in-process): times can be chosen to expire. */
  clockKnown: boolean;
  limits: Limits;
  controls: ReadonlySet<Control>;
}

// ---- paths ------------------------------------------------------------------------

const NAMES = ["a.txt", "b.txt", "d", "e"];

/** A path inside /workspace: relative, absolute, or with `.`/`..` that stay inside. */
export const insidePath: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }),
    fc.constantFrom("", "", "", "/workspace/", "./", "d/../"),
  )
  .map(([segments, prefix]) => `${prefix}${segments.join("/")}`);

/** Paths that leave /workspace, each in a form the contract lists. */
export const escapingPath: fc.Arbitrary<string> = fc.constantFrom(
  "../x.txt",
  "d/../../x.txt",
  "/etc/passwd",
  "/workspace2/a.txt",
  "/workspace/../etc",
  "d/%2e%2e/%2e%2e/x",
  "a%2fb",
  "a\\b",
);

/** Mostly inside, sometimes escaping. */
export const anyPath: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: insidePath },
  { weight: 1, arbitrary: escapingPath },
);

/**
 * A path argument: a literal (inside or escaping), or a kind of entry
 * resolved against the sandbox's tree when the command runs: the n-th
 * existing file, the n-th existing directory (the root included), or a fresh
 * name that nothing has yet (`under` an existing directory or the root).
 */
export type PathChoice =
  | string
  | { existing: "file" | "dir"; n: number }
  | { fresh: number; under: boolean };

/** Each of the four sources of a path, often enough that every run draws all of them. */
export const pathChoice: fc.Arbitrary<PathChoice> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.nat().map((n): PathChoice => ({ existing: "file", n })),
  },
  {
    weight: 2,
    arbitrary: fc.nat().map((n): PathChoice => ({ existing: "dir", n })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat({ max: 99 }), fc.boolean())
      .map(([fresh, under]): PathChoice => ({ fresh, under })),
  },
  { weight: 2, arbitrary: insidePath },
  { weight: 1, arbitrary: escapingPath },
);

/**
 * The path a choice means in a sandbox's current tree (relative to
 * /workspace); an existing file other than `besides` when there is one.
 */
export function choosePath(
  files: Record<string, unknown>,
  choice: PathChoice,
  besides?: string,
): string {
  if (typeof choice === "string") return choice;
  const entries = Object.entries(files as Record<string, { type: string }>);
  const rel = (abs: string) => abs.slice("/workspace/".length);
  const dirs = entries
    .filter(([, node]) => node.type === "directory")
    .map(([abs]) => rel(abs))
    .sort();
  if ("fresh" in choice) {
    const base = choice.under && dirs.length > 0 ? `${dirs[choice.fresh % dirs.length]}/` : "";
    for (let i = choice.fresh; ; i++) {
      const path = `${base}new${i}.txt`;
      if (!(`/workspace/${path}` in files)) return path;
    }
  }
  if (choice.existing === "dir") {
    // The root counts: "." and "/workspace" are existing directories too.
    const all = [...dirs, choice.n % 2 === 0 ? "." : "/workspace"];
    return all[choice.n % all.length] as string;
  }
  const all = entries
    .filter(([, node]) => node.type === "file")
    .map(([abs]) => rel(abs))
    .sort();
  const others = all.filter((p) => p !== besides);
  const paths = others.length > 0 ? others : all;
  // No file yet: a name the prologue writes (a fresh one in an empty sandbox).
  return paths[choice.n % Math.max(1, paths.length)] ?? "a.txt";
}

export const showPath = (choice: PathChoice): string =>
  typeof choice === "string"
    ? JSON.stringify(choice)
    : "fresh" in choice
      ? `fresh#${choice.fresh}${choice.under ? " under a dir" : ""}`
      : `existing ${choice.existing}#${choice.n}`;

/** Paths for shell scripts: no backslashes (the shell would unescape them). */
const scriptPath: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: insidePath },
  { weight: 1, arbitrary: fc.constantFrom("../x.txt", "/etc/passwd", "/workspace2/a") },
);

// ---- contents -------------------------------------------------------------------

const WORD = fc.stringMatching(/^[a-z0-9]{1,6}$/);

/** File content as the SDK sends it, with its encoding. */
export const fileContent: fc.Arbitrary<{ content: string; encoding: "utf8" | "base64" }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(WORD, { maxLength: 4 })
      .map((w) => ({ content: w.join(" "), encoding: "utf8" as const })),
  },
  {
    weight: 2,
    arbitrary: fc
      .uint8Array({ maxLength: 24 })
      .map((bytes) => ({ content: bytesToB64(bytes), encoding: "base64" as const })),
  },
  { weight: 1, arbitrary: fc.constant({ content: "not base64!", encoding: "base64" as const }) },
);

// ---- scripts ------------------------------------------------------------------------

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        words: fc.array(WORD, { maxLength: 3 }),
        target: fc.oneof(
          { weight: 6, arbitrary: fc.constant<"stdout">("stdout") },
          { weight: 2, arbitrary: fc.constant<"stderr">("stderr") },
          { weight: 2, arbitrary: fc.record({ path: scriptPath, append: fc.boolean() }) },
        ),
      })
      .map(
        ({ words, target }): Step =>
          target === "stdout"
            ? { kind: "echo", words }
            : target === "stderr"
              ? { kind: "echo", words, toStderr: true }
              : { kind: "echo", words, redirect: target },
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0, 1, 2, 3, 42, 255).map((code): Step => ({ kind: "exit", code })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Step>({ kind: "true" }, { kind: "false" }, { kind: "pwd" }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("nosuch", "frobnicate")
      .map((name): Step => ({ kind: "missing", name })),
  },
  { weight: 2, arbitrary: scriptPath.map((path): Step => ({ kind: "cat", path })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("FOO", "BAR").map((name): Step => ({ kind: "printenv", name })),
  },
);

/** A built-in shell line of one to three simple commands. */
export const script: fc.Arbitrary<Script> = fc
  .array(fc.tuple(fc.constantFrom<";" | "&&" | "||">(";", ";", "&&", "||"), step), {
    minLength: 1,
    maxLength: 3,
  })
  .map((items) => ({ steps: items.map(([conn, s]) => ({ conn, step: s })) }));

/** Extra env for a command: none, a plain one, or a reserved key. */
export const commandEnv: fc.Arbitrary<Record<string, string> | undefined> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.record<Record<string, string>>({ FOO: WORD }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { CROWNEST_TOKEN: "x" },
      { crownest_debug: "1" },
    ),
  },
);

/** A command's cwd: default, an existing-or-not directory, a file, or outside. */
export const commandCwd: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constantFrom("d", "/workspace/d", "e", "a.txt", "/workspace") },
  { weight: 1, arbitrary: fc.constantFrom("..", "/tmp") },
);

export const metadata: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom("team", "env", "ci"),
  WORD,
  { maxKeys: 2 },
);

// ---- comparisons ----------------------------------------------------------------------

/** Compares a sandbox record with the model's prediction. */
export function expectSandbox(actual: Sandbox, p: SandboxPrediction, label: string): void {
  expect(
    {
      status: actual.status,
      endedReason: actual.endedReason,
      template: actual.template,
      metadata: actual.metadata,
      ttlMs: actual.ttlMs,
    },
    label,
  ).toEqual({
    status: p.status,
    endedReason: p.endedReason,
    template: p.template,
    metadata: p.metadata,
    ttlMs: p.ttlMs,
  });
  expect(Date.parse(actual.expiresAt) - Date.parse(actual.createdAt), `${label}: expiresAt`).toBe(
    p.ttlMs,
  );
  expect(actual.endedAt === null, `${label}: endedAt`).toBe(p.status === "running");
  if (p.createdAt !== undefined) {
    expect(
      { createdAt: actual.createdAt, expiresAt: actual.expiresAt, endedAt: actual.endedAt },
      `${label}: times`,
    ).toEqual({ createdAt: p.createdAt, expiresAt: p.expiresAt, endedAt: p.endedAt });
  }
}

/**
 * Compares a command record with the model's. Against a remote target stderr
 * is compared by presence only: its wording is the shell's, not the contract's.
 */
export function expectCommand(
  actual: Command,
  p: CommandPrediction,
  label: string,
  exactStderr: boolean,
): void {
  expect(
    {
      status: actual.status,
      exitCode: actual.exitCode,
      stdout: actual.stdout,
      stderr: exactStderr ? actual.stderr : actual.stderr !== "",
      cwd: actual.cwd,
      env: actual.env,
      cancelMode: actual.cancelMode,
      terminationSignal: actual.terminationSignal,
      killedReason: actual.killedReason,
      timeoutMs: actual.timeoutMs,
      collectStatus: actual.collectStatus,
      stdoutTruncated: actual.stdoutTruncated,
      stderrTruncated: actual.stderrTruncated,
    },
    label,
  ).toEqual({
    status: p.status,
    exitCode: p.exitCode,
    stdout: p.stdout,
    stderr: exactStderr ? p.stderr : p.stderr !== "",
    cwd: p.cwd,
    env: Object.fromEntries(p.envNames.map((k) => [k, "[redacted]"])),
    cancelMode: p.cancelMode,
    terminationSignal: p.terminationSignal,
    killedReason: p.killedReason,
    timeoutMs: p.timeoutMs,
    collectStatus: p.collectStatus,
    stdoutTruncated: false,
    stderrTruncated: false,
  });
  const ended = ["exited", "failed", "canceled", "timed_out", "killed"].includes(p.status);
  expect(actual.finishedAt !== null, `${label}: finishedAt`).toBe(ended);
  if (p.cancelMode !== null) expect(actual.canceledAt, `${label}: canceledAt`).not.toBeNull();
}

export function expectStat(actual: FileStat, p: StatPrediction, label: string): void {
  expect(
    { path: actual.path, name: actual.name, type: actual.type, sizeBytes: actual.sizeBytes },
    label,
  ).toEqual(p);
}

// ---- raw HTTP ------------------------------------------------------------------------------

/**
 * A plain request (a signed URL), with the retries an SDK makes in fault
 * mode: connection errors, 408, 429 and 5xx. Returns the final response.
 */
export async function fetchRetrying(real: Real, make: () => Request): Promise<Response> {
  const tries = real.faultMode ? FAULT_MODE_MAX_RETRIES + 1 : 1;
  for (let i = 1; ; i++) {
    try {
      const res = await real.fetch(make());
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      if (!retryable || i >= tries) return res;
      await res.arrayBuffer();
    } catch (error) {
      if (i >= tries) throw error;
    }
  }
}

/** The error code of a non-2xx response (its envelope). */
export async function errorCode(res: Response): Promise<string | undefined> {
  const body = (await res.json().catch(() => undefined)) as
    | { error?: { code?: string } }
    | undefined;
  return body?.error?.code;
}

/** A valid-looking ID that no target has (a malformed one is answered the same: 404). */
export const unknownId = <P extends string>(prefix: P): `${P}_${string}` =>
  `${prefix}_Zz9unknown0contract`;

// ---- command specs ---------------------------------------------------------------------------

/** A command class as the runs use it: its declarations and how to generate instances. */
export interface CommandSpec {
  name: string;
  ops: readonly OperationId[];
  needs: readonly Control[];
  /** False for commands that reach operations only to be refused (scopes, keys). */
  coverage: boolean;
  /** How often it is drawn, relative to the others. */
  weight: number;
  arbitrary(ctx: GenContext): fc.Arbitrary<ContractCommand>;
}

/** The spec of a command class. */
export function spec(
  cls: { name: string; ops: readonly OperationId[]; needs: readonly Control[]; coverage?: boolean },
  arbitrary: (ctx: GenContext) => fc.Arbitrary<ContractCommand>,
  weight = 2,
): CommandSpec {
  return {
    name: cls.name,
    ops: cls.ops,
    needs: cls.needs,
    coverage: cls.coverage !== false,
    weight,
    arbitrary,
  };
}

/** Weights: probes that need no state are drawn less, makers of state more. */
export const PROBE = 1;
export const MAKER = 4;
