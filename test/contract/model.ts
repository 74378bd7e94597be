/**
 * The reference model of the CrowNest service, as plain data (no classes, no
 * promises, nothing but JSON-able values) and the functions that predict what
 * the service answers and how its state moves. The contract tests run the
 * same operations against the model and, through the SDK, against the target
 * (the in-process fake or a base URL), and compare.
 *
 * Written from the contract (openapi.yaml) and the seeds, not from the fake's
 * code: where they agree, the fake is right; where the model and the fake
 * disagree, one of them misreads the contract.
 *
 * Functions named `predict*` and the file-tree helpers are pure: they read
 * the model and return an outcome (and, for the file tree, the next tree).
 * Functions named `apply*` and `advanceClock` move the model's state.
 *
 * @module
 */
import type { ErrorCode } from "../../src/generated/contract.ts";
import type { components } from "../../src/generated/openapi.ts";
import { CONTRACT_LIMITS } from "./limits.ts";

type S = components["schemas"];
export type Template = S["Template"];
export type CommandStatus = S["CommandStatus"];
export type RunStatus = S["WorkspaceRunStatus"];
export type SandboxId = S["SandboxId"];
export type CommandId = S["CommandId"];
export type ArtifactId = S["ArtifactId"];
export type PreviewId = S["PreviewId"];
export type RunId = S["WorkspaceRunId"];

/** The workspace root. */
export const ROOT = "/workspace";
/** Where the fake's manual clock starts (the contract tests' time 0). */
export const CLOCK_START_MS: number = Date.UTC(2026, 0, 1);
/** createSandbox's default TTL. */
export const DEFAULT_TTL_MS = 300_000;
/** A command's default timeout. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** A graceful cancel's wait before SIGKILL. */
export const GRACE_MS = 10_000;
/** Direct file reads and writes are capped at 256 KiB. */
export const MAX_DIRECT_FILE_BYTES = CONTRACT_LIMITS.maxDirectFileBytes;

// ---- outcomes ---------------------------------------------------------------

/** What the model predicts a call returns: a value, or an error code. */
export type Prediction<T> = { ok: true; value: T } | { ok: false; code: ErrorCode };

export const ok = <T>(value: T): Prediction<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode): Prediction<T> => ({ ok: false, code });

// ---- state ------------------------------------------------------------------

/** A file-tree entry; file bytes are kept as base64 so the state stays plain JSON. */
export type FileNode = { type: "file"; b64: string } | { type: "directory" };
/** A sandbox's /workspace: absolute path -> entry (the root itself is implicit). */
export type FileTree = Record<string, FileNode>;

export interface MSandbox {
  alias: string;
  id: SandboxId;
  status: "running" | "destroyed";
  endedReason: "killed" | "ttl_expired" | null;
  template: Template;
  metadata: Record<string, string>;
  ttlMs: number;
  /** Model time of creation (ms since the clock's start); null when the clock is not the model's. */
  createdAt: number | null;
  /** Creation order of its TTL timer (ties of timers fire in the order they were set). */
  ttlSeq: number;
  /** Model time it ended (null while running, or when the clock is not the model's). */
  endedAt: number | null;
  files: FileTree;
  /** Booted by a workspace run (which destroys it when the run ends). */
  byRun: boolean;
}

/** What a command runs, as the model understands it. */
export type CommandKind =
  /** A built-in shell line that ends at once (see {@link Script}). */
  | "instant"
  /** `echo started; sleep N`: exits 0 after N seconds. */
  | "sleep"
  /** The `trap-term` program: prints "armed", and on SIGTERM prints "cleanup" and exits 3. */
  | "trap"
  /** The `stubborn` program: prints "stubborn" and ignores SIGTERM (SIGKILL after the grace). */
  | "stubborn";

export interface Chunk {
  stream: "stdout" | "stderr";
  data: string;
}

export interface MCommand {
  alias: string;
  id: CommandId;
  sandboxId: SandboxId;
  command: string;
  cwd: string;
  envNames: string[];
  kind: CommandKind;
  status: CommandStatus;
  exitCode: number | null;
  chunks: Chunk[];
  timeoutMs: number;
  cancelMode: "graceful" | "force" | null;
  terminationSignal: "SIGTERM" | "SIGKILL" | null;
  killedReason: "sandbox_destroyed" | null;
  /** Pending timers (model time), with their creation order; null when not pending. */
  timeoutAt: number | null;
  timeoutSeq: number;
  sleepEndAt: number | null;
  sleepSeq: number;
  graceAt: number | null;
  graceSeq: number;
  collectStatus: S["CollectStatus"];
  collectedArtifactIds: ArtifactId[];
}

export interface MArtifact {
  alias: string;
  id: ArtifactId;
  sandboxId: SandboxId;
  path: string;
  name: string;
  b64: string;
  sha256: string;
  deleted: boolean;
  commandId: CommandId | null;
}

export interface MPreview {
  alias: string;
  id: PreviewId;
  sandboxId: SandboxId;
  port: number;
  status: "active" | "revoked";
}

/** An archive the tests can upload, described by what it holds. */
export interface ArchiveSpec {
  name: string;
  /** Regular files and their text, or null when the archive is not a valid tar.gz. */
  files: Record<string, string> | null;
  /** What extracting it does: fine, an entry escapes the root, or corrupt data. */
  outcome: "ok" | "escape" | "corrupt" | "not_gzip";
}

export interface MRun {
  alias: string;
  id: RunId;
  status: RunStatus;
  script: Script;
  command: string;
  metadata: Record<string, string>;
  archive: {
    name: string;
    sha256: string;
    sizeBytes: number;
    source: "direct" | "transfer";
  } | null;
  transfers: { id: string; sha256: string; sizeBytes: number; uploaded: string | null }[];
  exitCode: number | null;
  error: ErrorCode | null;
  sandboxId: SandboxId | null;
  stdout: string;
  stderr: string;
  /** The event types and key fields so far, in seq order (seq = index + 1). */
  events: RunEventDigest[];
}

/** The part of a run event the model predicts. */
export type RunEventDigest =
  | { type: "status"; status: RunStatus }
  | { type: "archive_progress"; phase: "verifying" | "extracting" | "extracted" }
  | { type: "stdout" | "stderr"; data: string };

export interface Limits {
  maxLiveSandboxes: number;
  maxRunningCommandsPerSandbox: number;
  maxTtlMs: number;
}

export interface Model {
  /** Whether the model's clock is the target's (in-process manual clock). */
  clockKnown: boolean;
  /** Model time: ms since the clock's start. */
  now: number;
  /** Creation order of timers. */
  timerSeq: number;
  limits: Limits;
  /** Live sandboxes that exist besides the model's (a shared remote target). */
  baselineLive: number;
  /** The project new resources land in. */
  projectId: string | null;
  sandboxes: MSandbox[];
  commands: MCommand[];
  artifacts: MArtifact[];
  previews: MPreview[];
  runs: MRun[];
}

export function initialModel(opts: {
  clockKnown: boolean;
  limits: Limits;
  baselineLive?: number;
}): Model {
  return {
    clockKnown: opts.clockKnown,
    now: 0,
    timerSeq: 0,
    limits: opts.limits,
    baselineLive: opts.baselineLive ?? 0,
    projectId: null,
    sandboxes: [],
    commands: [],
    artifacts: [],
    previews: [],
    runs: [],
  };
}

// ---- bytes ------------------------------------------------------------------

const encoder = new TextEncoder();

export function textToB64(text: string): string {
  return bytesToB64(encoder.encode(text));
}

export function bytesToB64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function b64ToBytes(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Standard base64 as the contract accepts it (undefined when it isn't). */
export function decodeB64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    return b64ToBytes(text);
  } catch {
    return undefined;
  }
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

// ---- paths ------------------------------------------------------------------

/**
 * A WorkspacePath normalised to "/workspace" or "/workspace/...", or null when
 * it leaves the root (the contract: `..` above it, another absolute path,
 * "/workspace2", backslashes, NUL, percent-encoded dots, slashes, backslashes
 * or NULs).
 */
export function resolvePath(path: string, cwd: string = ROOT): string | null {
  if (path.includes("\0") || path.includes("\\") || /%(2e|2f|5c|00)/i.test(path)) return null;
  const start = path.startsWith("/") ? path : `${cwd}/${path}`;
  if (start !== ROOT && !start.startsWith(`${ROOT}/`)) return null;
  const parts: string[] = [];
  for (const part of start.slice(ROOT.length).split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? ROOT : `${ROOT}/${parts.join("/")}`;
}

export function basename(abs: string): string {
  return abs.slice(abs.lastIndexOf("/") + 1);
}

export function dirname(abs: string): string {
  return abs.slice(0, abs.lastIndexOf("/")) || "/";
}

/** The ancestors of a resolved path below the root, outermost first. */
function ancestors(abs: string): string[] {
  if (abs === ROOT) return [];
  const segments = abs.slice(ROOT.length + 1).split("/");
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) out.push(`${ROOT}/${segments.slice(0, i).join("/")}`);
  return out;
}

// ---- the file tree ----------------------------------------------------------

/** What FileStat the model predicts (modifiedAt is not modelled). */
export interface StatPrediction {
  path: string;
  name: string;
  type: "file" | "directory";
  sizeBytes: number;
}

function sizeOf(node: FileNode): number {
  return node.type === "file" ? b64ToBytes(node.b64).byteLength : 0;
}

export function nodeAt(files: FileTree, abs: string): FileNode | undefined {
  if (abs === ROOT) return { type: "directory" };
  for (const a of ancestors(abs)) if (files[a]?.type !== "directory") return undefined;
  return files[abs];
}

export function statOf(abs: string, node: FileNode): StatPrediction {
  return { path: abs, name: basename(abs), type: node.type, sizeBytes: sizeOf(node) };
}

/** A tree operation's outcome and the tree after it. */
export type TreeResult<T> = { prediction: Prediction<T>; files: FileTree };

/** Walks to the parent of `abs`, making missing directories when asked. */
function parentChain(
  files: FileTree,
  abs: string,
  createParents: boolean,
): { ok: true; files: FileTree } | { ok: false; code: ErrorCode } {
  let next = files;
  for (const a of ancestors(abs)) {
    const node = next[a];
    if (!node) {
      if (!createParents) return { ok: false, code: "not_found" };
      next = { ...next, [a]: { type: "directory" } };
      continue;
    }
    if (node.type !== "directory") return { ok: false, code: "not_a_directory" };
  }
  return { ok: true, files: next };
}

export function fsStat(files: FileTree, abs: string): Prediction<StatPrediction> {
  const node = nodeAt(files, abs);
  return node ? ok(statOf(abs, node)) : fail("not_found");
}

export function fsRead(files: FileTree, abs: string): Prediction<Uint8Array> {
  const node = nodeAt(files, abs);
  if (!node) return fail("not_found");
  if (node.type !== "file") return fail("is_a_directory");
  return ok(b64ToBytes(node.b64));
}

export function fsWrite(
  files: FileTree,
  abs: string,
  bytes: Uint8Array,
  opts: { createParents?: boolean; overwrite?: boolean; append?: boolean },
): TreeResult<StatPrediction> {
  if (abs === ROOT) return { prediction: fail("is_a_directory"), files };
  const chain = parentChain(files, abs, opts.createParents ?? false);
  if (!chain.ok) return { prediction: fail(chain.code), files };
  const existing = chain.files[abs];
  if (existing?.type === "directory") return { prediction: fail("is_a_directory"), files };
  if (existing && opts.overwrite === false && !opts.append) {
    return { prediction: fail("already_exists"), files };
  }
  let data = bytes;
  if (existing?.type === "file" && opts.append) {
    const old = b64ToBytes(existing.b64);
    data = new Uint8Array(old.byteLength + bytes.byteLength);
    data.set(old, 0);
    data.set(bytes, old.byteLength);
  }
  const node: FileNode = { type: "file", b64: bytesToB64(data) };
  return { prediction: ok(statOf(abs, node)), files: { ...chain.files, [abs]: node } };
}

export function fsMkdir(
  files: FileTree,
  abs: string,
  parents: boolean,
): TreeResult<StatPrediction> {
  const existing = nodeAt(files, abs);
  if (existing) {
    if (existing.type === "directory" && parents) {
      return { prediction: ok(statOf(abs, existing)), files };
    }
    return { prediction: fail("already_exists"), files };
  }
  const chain = parentChain(files, abs, parents);
  if (!chain.ok) return { prediction: fail(chain.code), files };
  const node: FileNode = { type: "directory" };
  return { prediction: ok(statOf(abs, node)), files: { ...chain.files, [abs]: node } };
}

export function fsList(files: FileTree, abs: string): Prediction<StatPrediction[]> {
  const node = nodeAt(files, abs);
  if (!node) return fail("not_found");
  if (node.type !== "directory") return fail("not_a_directory");
  const prefix = `${abs}/`;
  const children = Object.keys(files)
    .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ok(children.map((p) => statOf(p, files[p] as FileNode)));
}

export function fsRemove(files: FileTree, abs: string): TreeResult<null> {
  if (abs === ROOT) return { prediction: fail("invalid_request"), files };
  const node = nodeAt(files, abs);
  if (!node) return { prediction: fail("not_found"), files };
  if (node.type === "directory" && Object.keys(files).some((p) => p.startsWith(`${abs}/`))) {
    return { prediction: fail("directory_not_empty"), files };
  }
  const next = { ...files };
  delete next[abs];
  return { prediction: ok(null), files: next };
}

export function fsMove(
  files: FileTree,
  from: string,
  to: string,
  overwrite: boolean,
): TreeResult<StatPrediction> {
  if (from === ROOT) return { prediction: fail("invalid_request"), files };
  const node = nodeAt(files, from);
  if (!node) return { prediction: fail("not_found"), files };
  if (to === from) return { prediction: ok(statOf(from, node)), files };
  if (to === ROOT || to.startsWith(`${from}/`))
    return { prediction: fail("invalid_request"), files };
  const target = nodeAt(files, to);
  if (target?.type === "directory") return { prediction: fail("already_exists"), files };
  if (target && !overwrite) return { prediction: fail("already_exists"), files };
  const chain = parentChain(files, to, false);
  if (!chain.ok) return { prediction: fail(chain.code), files };
  const next: FileTree = {};
  for (const [p, n] of Object.entries(files)) {
    if (p === from) next[to] = n;
    else if (p.startsWith(`${from}/`)) next[to + p.slice(from.length)] = n;
    else if (p !== to) next[p] = n;
  }
  return { prediction: ok(statOf(to, node)), files: next };
}

// ---- the shell ----------------------------------------------------------------

/** One simple command of a built-in shell line. */
export type Step =
  | {
      kind: "echo";
      words: string[];
      /** `1>&2`: to stderr. */
      toStderr?: boolean;
      /** `> path` / `>> path`: into a file. */
      redirect?: { path: string; append: boolean };
    }
  | { kind: "exit"; code: number }
  | { kind: "true" }
  | { kind: "false" }
  | { kind: "missing"; name: string }
  | { kind: "cat"; path: string }
  | { kind: "pwd" }
  | { kind: "printenv"; name: string };

/** A built-in shell line: simple commands joined by `;`, `&&` and `||`. */
export interface Script {
  steps: { conn: ";" | "&&" | "||"; step: Step }[];
}

function renderStep(step: Step): string {
  switch (step.kind) {
    case "echo": {
      const base = ["echo", ...step.words].join(" ");
      if (step.redirect)
        return `${base} ${step.redirect.append ? ">>" : ">"} ${step.redirect.path}`;
      return step.toStderr ? `${base} 1>&2` : base;
    }
    case "exit":
      return `exit ${step.code}`;
    case "true":
    case "false":
    case "pwd":
      return step.kind;
    case "missing":
      return step.name;
    case "cat":
      return `cat ${step.path}`;
    case "printenv":
      return `echo $${step.name}`;
  }
}

/** The command line of a script. */
export function renderScript(script: Script): string {
  return script.steps
    .map(({ conn, step }, i) => (i === 0 ? renderStep(step) : `${conn} ${renderStep(step)}`))
    .join(" ");
}

/** What a script does: its exit code, its output chunks, and the tree after it. */
export interface ScriptResult {
  exitCode: number;
  chunks: Chunk[];
  files: FileTree;
}

const FILE_ERROR_TEXT: Partial<Record<ErrorCode, string>> = {
  not_found: "No such file or directory",
  is_a_directory: "Is a directory",
  not_a_directory: "Not a directory",
  path_outside_workspace: "Permission denied",
};

/**
 * Runs a script the way a POSIX shell would (the contract's built-in subset):
 * each `echo` and `cat` writes one chunk, a redirect target that can't be
 * opened skips its command with status 1, an unknown command is 127.
 */
export function runScript(
  script: Script,
  ctx: { files: FileTree; cwd: string; env: Record<string, string> },
): ScriptResult {
  let files = ctx.files;
  const chunks: Chunk[] = [];
  const out = (stream: Chunk["stream"], data: string): void => {
    if (data.length > 0) chunks.push({ stream, data });
  };
  let status = 0;
  for (const [i, { conn, step }] of script.steps.entries()) {
    // The first command's connector is not written: it always runs.
    const skip = (conn === "&&" && status !== 0) || (conn === "||" && status === 0);
    if (i > 0 && skip) continue;
    switch (step.kind) {
      case "echo": {
        const text = `${step.words.join(" ")}\n`;
        if (step.redirect) {
          const abs = resolvePath(step.redirect.path, ctx.cwd);
          const node = abs === null ? undefined : nodeAt(files, abs);
          let code: ErrorCode | undefined;
          if (abs === null) code = "path_outside_workspace";
          else if (node?.type === "directory") code = "is_a_directory";
          else {
            const opened =
              step.redirect.append && node ? undefined : fsWrite(files, abs, new Uint8Array(), {});
            if (opened && !opened.prediction.ok) code = opened.prediction.code;
            else {
              if (opened) files = opened.files;
              files = fsWrite(files, abs, encoder.encode(text), { append: true }).files;
            }
          }
          if (code) {
            out("stderr", `sh: ${step.redirect.path}: ${FILE_ERROR_TEXT[code]}\n`);
            status = 1;
          } else status = 0;
        } else {
          out(step.toStderr ? "stderr" : "stdout", text);
          status = 0;
        }
        break;
      }
      case "exit":
        return { exitCode: step.code, chunks, files };
      case "true":
        status = 0;
        break;
      case "false":
        status = 1;
        break;
      case "missing":
        out("stderr", `sh: ${step.name}: command not found\n`);
        status = 127;
        break;
      case "cat": {
        const abs = resolvePath(step.path, ctx.cwd);
        const read = abs === null ? fail<Uint8Array>("path_outside_workspace") : fsRead(files, abs);
        if (read.ok) {
          out("stdout", new TextDecoder().decode(read.value));
          status = 0;
        } else {
          out("stderr", `cat: ${step.path}: ${FILE_ERROR_TEXT[read.code]}\n`);
          status = 1;
        }
        break;
      }
      case "pwd":
        out("stdout", `${ctx.cwd}\n`);
        status = 0;
        break;
      case "printenv":
        out("stdout", `${ctx.env[step.name] ?? ""}\n`);
        status = 0;
        break;
    }
  }
  return { exitCode: status, chunks, files };
}

/** The first chunk a long-running kind writes, and its command line. */
export function longRunning(kind: Exclude<CommandKind, "instant">, seconds: number): string {
  switch (kind) {
    case "sleep":
      return `echo started; sleep ${seconds}`;
    case "trap":
      return "trap-term";
    case "stubborn":
      return "stubborn";
  }
}

export const FIRST_CHUNK: Record<Exclude<CommandKind, "instant">, string> = {
  sleep: "started\n",
  trap: "armed\n",
  stubborn: "stubborn\n",
};

// ---- lookups ----------------------------------------------------------------

export const TERMINAL_COMMAND: readonly CommandStatus[] = [
  "exited",
  "failed",
  "canceled",
  "timed_out",
  "killed",
];
export const TERMINAL_RUN: readonly RunStatus[] = ["succeeded", "failed", "canceled", "timed_out"];

export const commandEnded = (c: MCommand): boolean => TERMINAL_COMMAND.includes(c.status);

export function liveSandboxes(m: Model): number {
  return m.baselineLive + m.sandboxes.filter((s) => s.status === "running").length;
}

export function unfinishedCommands(m: Model, sandboxId: string): number {
  return m.commands.filter((c) => c.sandboxId === sandboxId && !commandEnded(c)).length;
}

/** Picks the `pick`-th element (modulo), for commands that carry an index instead of an ID. */
export function pickOf<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

/**
 * The sandbox a command acts on: usually a running one (when there is one),
 * sometimes any (ended ones answer sandbox_destroyed).
 */
export function pickSandbox(m: Model, pick: number): MSandbox | undefined {
  const running = m.sandboxes.filter((s) => s.status === "running");
  return (pick % 4 !== 0 && pickOf(running, pick >> 2)) || pickOf(m.sandboxes, pick);
}

export function sandboxById(m: Model, id: string): MSandbox | undefined {
  return m.sandboxes.find((s) => s.id === id);
}

export const nextAlias = (list: readonly unknown[], prefix: string): string =>
  `${prefix}${list.length + 1}`;

// ---- predictions: sandboxes -------------------------------------------------

export interface CreateSandboxArgs {
  ttlMs?: number;
  template?: Template;
  metadata?: Record<string, string>;
}

export interface SandboxPrediction {
  status: "running" | "destroyed";
  endedReason: "killed" | "ttl_expired" | null;
  template: Template;
  metadata: Record<string, string>;
  ttlMs: number;
  /** ISO times when the model's clock is the target's. */
  createdAt?: string;
  expiresAt?: string;
  endedAt?: string | null;
}

export function iso(ms: number): string {
  return new Date(CLOCK_START_MS + ms).toISOString();
}

export function predictCreateSandbox(
  m: Model,
  a: CreateSandboxArgs,
): Prediction<SandboxPrediction> {
  // The schema's bounds first (400), then the plan's.
  if (a.ttlMs !== undefined && a.ttlMs < CONTRACT_LIMITS.ttlMinMs) return fail("invalid_request");
  if (Object.keys(a.metadata ?? {}).length > CONTRACT_LIMITS.metadataMaxKeys) {
    return fail("invalid_request");
  }
  if (a.ttlMs !== undefined && a.ttlMs > m.limits.maxTtlMs) return fail("sandbox_ttl_exceeded");
  if (liveSandboxes(m) >= m.limits.maxLiveSandboxes) return fail("quota_exceeded");
  const ttlMs = a.ttlMs ?? Math.min(DEFAULT_TTL_MS, m.limits.maxTtlMs);
  return ok({
    status: "running",
    endedReason: null,
    template: a.template ?? "base",
    metadata: { ...a.metadata },
    ttlMs,
    ...(m.clockKnown && { createdAt: iso(m.now), expiresAt: iso(m.now + ttlMs), endedAt: null }),
  });
}

export function applyCreateSandbox(m: Model, id: SandboxId, p: SandboxPrediction): MSandbox {
  const sandbox: MSandbox = {
    alias: nextAlias(m.sandboxes, "sbx"),
    id,
    status: "running",
    endedReason: null,
    template: p.template,
    metadata: p.metadata,
    ttlMs: p.ttlMs,
    createdAt: m.clockKnown ? m.now : null,
    ttlSeq: m.timerSeq++,
    endedAt: null,
    files: {},
    byRun: false,
  };
  m.sandboxes.push(sandbox);
  return sandbox;
}

export function sandboxPrediction(m: Model, s: MSandbox): SandboxPrediction {
  return {
    status: s.status,
    endedReason: s.endedReason,
    template: s.template,
    metadata: s.metadata,
    ttlMs: s.ttlMs,
    ...(m.clockKnown &&
      s.createdAt !== null && {
        createdAt: iso(s.createdAt),
        expiresAt: iso(s.createdAt + s.ttlMs),
        endedAt: s.endedAt === null ? null : iso(s.endedAt),
      }),
  };
}

/** The sandboxes listSandboxes returns (oldest first). */
export function predictListSandboxes(m: Model, includeEnded: boolean): string[] {
  return m.sandboxes.filter((s) => includeEnded || s.status === "running").map((s) => s.id);
}

/** Ends a running sandbox: its disk goes, its commands are killed, its previews revoked. */
export function applySandboxEnd(m: Model, s: MSandbox, reason: "killed" | "ttl_expired"): void {
  if (s.status !== "running") return;
  s.status = "destroyed";
  s.endedReason = reason;
  s.endedAt = m.clockKnown ? m.now : null;
  s.files = {};
  for (const c of m.commands) {
    if (c.sandboxId !== s.id || commandEnded(c)) continue;
    endCommand(c, "killed", { killedReason: "sandbox_destroyed", terminationSignal: "SIGKILL" });
  }
  for (const p of m.previews) if (p.sandboxId === s.id) p.status = "revoked";
}

/** The sandbox a file or command operation needs: 404 when unknown, 409 when ended. */
export function requireRunning(s: MSandbox | undefined): ErrorCode | undefined {
  if (!s) return "not_found";
  if (s.status !== "running") return "sandbox_destroyed";
  return undefined;
}

// ---- predictions: commands --------------------------------------------------

export interface CommandPrediction {
  status: CommandStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  cwd: string;
  envNames: string[];
  cancelMode: "graceful" | "force" | null;
  terminationSignal: "SIGTERM" | "SIGKILL" | null;
  killedReason: "sandbox_destroyed" | null;
  timeoutMs: number;
  collectStatus: S["CollectStatus"];
}

export function commandPrediction(c: MCommand): CommandPrediction {
  return {
    status: c.status,
    exitCode: c.exitCode,
    stdout: c.chunks
      .filter((k) => k.stream === "stdout")
      .map((k) => k.data)
      .join(""),
    stderr: c.chunks
      .filter((k) => k.stream === "stderr")
      .map((k) => k.data)
      .join(""),
    cwd: c.cwd,
    envNames: c.envNames,
    cancelMode: c.cancelMode,
    terminationSignal: c.terminationSignal,
    killedReason: c.killedReason,
    timeoutMs: c.timeoutMs,
    collectStatus: c.collectStatus,
  };
}

export interface SpawnArgs {
  kind: CommandKind;
  /** For "instant". */
  script?: Script;
  /** For "sleep". */
  seconds?: number;
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** runCommand's collect (paths relative to the cwd). */
  collect?: string[];
}

/** The command line a spawn runs. */
export function commandLine(a: SpawnArgs): string {
  return a.kind === "instant"
    ? renderScript(a.script as Script)
    : longRunning(a.kind, a.seconds ?? 0);
}

/**
 * The checks runCommand and startCommand make before anything runs, in the
 * contract's order: the sandbox (404, 409), reserved env keys, paths inside
 * /workspace, the plan's limit of unfinished commands.
 */
export function predictSpawnError(
  m: Model,
  sandbox: MSandbox | undefined,
  a: SpawnArgs,
): ErrorCode | undefined {
  // A body the contract's schema refuses is 400 before anything is looked up.
  if (
    a.timeoutMs !== undefined &&
    !(a.timeoutMs >= 1 && a.timeoutMs <= CONTRACT_LIMITS.timeoutMaxMs)
  )
    return "invalid_request";
  const gone = requireRunning(sandbox);
  if (gone) return gone;
  if (Object.keys(a.env ?? {}).some((k) => k.toUpperCase().startsWith("CROWNEST"))) {
    return "reserved_env_key";
  }
  const cwd = resolvePath(a.cwd ?? ROOT);
  if (cwd === null) return "path_outside_workspace";
  if ((a.collect ?? []).some((p) => resolvePath(p, cwd) === null)) return "path_outside_workspace";
  if (unfinishedCommands(m, (sandbox as MSandbox).id) >= m.limits.maxRunningCommandsPerSandbox) {
    return "quota_exceeded";
  }
  return undefined;
}

/**
 * Spawns a command in the model (after {@link predictSpawnError} said it
 * runs): an instant script runs to its end at once (its file effects land in
 * the sandbox); a long-running kind is left running with its timers set.
 */
export function applySpawn(m: Model, sandbox: MSandbox, id: CommandId, a: SpawnArgs): MCommand {
  const cwd = resolvePath(a.cwd ?? ROOT) as string;
  const timeoutMs = a.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const c: MCommand = {
    alias: nextAlias(m.commands, "cmd"),
    id,
    sandboxId: sandbox.id,
    command: commandLine(a),
    cwd,
    envNames: Object.keys(a.env ?? {}),
    kind: a.kind,
    status: "running",
    exitCode: null,
    chunks: [],
    timeoutMs,
    cancelMode: null,
    terminationSignal: null,
    killedReason: null,
    timeoutAt: m.now + timeoutMs,
    timeoutSeq: m.timerSeq++,
    sleepEndAt: null,
    sleepSeq: -1,
    graceAt: null,
    graceSeq: -1,
    collectStatus: a.collect && a.collect.length > 0 ? "pending" : "not_requested",
    collectedArtifactIds: [],
  };
  m.commands.push(c);
  const cwdNode = nodeAt(sandbox.files, cwd);
  if (cwdNode?.type !== "directory") {
    const why = cwdNode ? "Not a directory" : "No such file or directory";
    c.chunks.push({ stream: "stderr", data: `sh: cd: ${cwd}: ${why}\n` });
    endCommand(c, "failed", {});
    return c;
  }
  if (a.kind === "instant") {
    const result = runScript(a.script as Script, { files: sandbox.files, cwd, env: a.env ?? {} });
    sandbox.files = result.files;
    c.chunks.push(...result.chunks);
    endCommand(c, "exited", { exitCode: result.exitCode });
    return c;
  }
  c.chunks.push({ stream: "stdout", data: FIRST_CHUNK[a.kind] });
  if (a.kind === "sleep") {
    c.sleepEndAt = m.now + (a.seconds ?? 0) * 1000;
    c.sleepSeq = m.timerSeq++;
  }
  return c;
}

function endCommand(
  c: MCommand,
  status: CommandStatus,
  patch: Partial<Pick<MCommand, "exitCode" | "terminationSignal" | "killedReason" | "cancelMode">>,
): void {
  c.status = status;
  c.exitCode = null;
  Object.assign(c, patch);
  c.timeoutAt = null;
  c.sleepEndAt = null;
  c.graceAt = null;
}

/** A command that ran past its timeout, on a target whose clock is not the model's. */
export function applyTimedOut(c: MCommand): void {
  if (commandEnded(c)) return;
  endCommand(c, c.cancelMode ? "canceled" : "timed_out", { terminationSignal: "SIGKILL" });
}

/**
 * runCommand's `collect` (collectOn `success`): nothing unless the exit code
 * is 0; then each path (relative to the cwd) that is a readable file becomes
 * an artifact, the others collect errors.
 */
export function predictCollect(
  c: MCommand,
  sandbox: MSandbox,
  collect: string[],
): {
  status: S["CollectStatus"];
  collected: { abs: string; bytes: Uint8Array }[];
  errors: ErrorCode[];
} {
  if (c.exitCode !== 0) return { status: "skipped", collected: [], errors: [] };
  const collected: { abs: string; bytes: Uint8Array }[] = [];
  const errors: ErrorCode[] = [];
  for (const path of collect) {
    const abs = resolvePath(path, c.cwd) as string;
    const read = fsRead(sandbox.files, abs);
    if (read.ok) collected.push({ abs, bytes: read.value });
    else errors.push(read.code);
  }
  const status = errors.length === 0 ? "succeeded" : collected.length === 0 ? "failed" : "partial";
  return { status, collected, errors };
}

/**
 * cancelCommand: idempotent by state. `force` is SIGKILL at once; `graceful`
 * is SIGTERM: the built-in `sleep` dies of it, `trap-term` cleans up and
 * exits 3, `stubborn` ignores it until SIGKILL after the grace period (a
 * second graceful cancel changes nothing, a force one escalates).
 */
export function applyCancel(m: Model, c: MCommand, mode: "graceful" | "force"): void {
  if (commandEnded(c)) return;
  if (mode === "force") {
    endCommand(c, "canceled", { cancelMode: "force", terminationSignal: "SIGKILL" });
    return;
  }
  if (c.cancelMode === "graceful") return;
  c.cancelMode = "graceful";
  c.terminationSignal = "SIGTERM";
  switch (c.kind) {
    case "sleep":
      endCommand(c, "canceled", {});
      break;
    case "trap":
      c.chunks.push({ stream: "stdout", data: "cleanup\n" });
      endCommand(c, "canceled", { exitCode: 3 });
      break;
    case "stubborn":
      c.graceAt = m.now + GRACE_MS;
      c.graceSeq = m.timerSeq++;
      break;
    case "instant":
      break;
  }
}

/** listCommandLogs: chunks after `afterSeq`, at most `limit`. */
export function predictLogs(c: MCommand, afterSeq: number | undefined, limit: number | undefined) {
  const from = afterSeq ?? 0;
  return c.chunks
    .map((k, i) => ({ seq: i + 1, ...k }))
    .filter((k) => k.seq > from)
    .slice(0, limit ?? CONTRACT_LIMITS.logLimitDefault);
}

// ---- time ---------------------------------------------------------------------

type Timed =
  | { at: number; seq: number; kind: "ttl"; sandbox: MSandbox }
  | { at: number; seq: number; kind: "timeout" | "sleep" | "grace"; command: MCommand };

function dueTimers(m: Model, limit: number): Timed[] {
  const out: Timed[] = [];
  for (const s of m.sandboxes) {
    if (s.status === "running" && s.createdAt !== null && s.createdAt + s.ttlMs <= limit) {
      out.push({ at: s.createdAt + s.ttlMs, seq: s.ttlSeq, kind: "ttl", sandbox: s });
    }
  }
  for (const c of m.commands) {
    if (commandEnded(c)) continue;
    if (c.timeoutAt !== null && c.timeoutAt <= limit) {
      out.push({ at: c.timeoutAt, seq: c.timeoutSeq, kind: "timeout", command: c });
    }
    if (c.sleepEndAt !== null && c.sleepEndAt <= limit) {
      out.push({ at: c.sleepEndAt, seq: c.sleepSeq, kind: "sleep", command: c });
    }
    if (c.graceAt !== null && c.graceAt <= limit) {
      out.push({ at: c.graceAt, seq: c.graceSeq, kind: "grace", command: c });
    }
  }
  return out.sort((a, b) => a.at - b.at || a.seq - b.seq);
}

/**
 * Moves the model's clock forward by `ms`, firing what falls due in time
 * order (ties in the order the timers were set): TTL expiry destroys the
 * sandbox and kills its commands; a timeout is SIGKILL (`canceled` when a
 * graceful cancel was pending, `timed_out` otherwise); `sleep` exits 0; the
 * end of a graceful cancel's grace is SIGKILL.
 */
export function advanceClock(m: Model, ms: number): void {
  const target = m.now + ms;
  for (;;) {
    const next = dueTimers(m, target)[0];
    if (!next) break;
    m.now = Math.max(m.now, next.at);
    if (next.kind === "ttl") {
      applySandboxEnd(m, next.sandbox, "ttl_expired");
      continue;
    }
    const c = next.command;
    if (next.kind === "timeout") {
      endCommand(c, c.cancelMode ? "canceled" : "timed_out", { terminationSignal: "SIGKILL" });
    } else if (next.kind === "sleep") {
      endCommand(c, "exited", { exitCode: 0 });
    } else {
      endCommand(c, "canceled", { terminationSignal: "SIGKILL" });
    }
  }
  m.now = target;
}

// ---- predictions: artifacts and previews ------------------------------------

export function predictArtifactSource(
  sandbox: MSandbox | undefined,
  path: string,
): Prediction<{ abs: string; bytes: Uint8Array }> {
  const gone = requireRunning(sandbox);
  if (gone) return fail(gone);
  const abs = resolvePath(path);
  if (abs === null) return fail("path_outside_workspace");
  const read = fsRead((sandbox as MSandbox).files, abs);
  return read.ok ? ok({ abs, bytes: read.value }) : read;
}

/** createPreview: the active preview of that port (200) or a new one (201). */
export function predictCreatePreview(
  m: Model,
  sandbox: MSandbox | undefined,
  port: number,
): Prediction<{ existing: MPreview | undefined }> {
  if (!(port >= CONTRACT_LIMITS.portMin && port <= CONTRACT_LIMITS.portMax)) {
    return fail("invalid_request");
  }
  const gone = requireRunning(sandbox);
  if (gone) return fail(gone);
  const existing = m.previews.find(
    (p) => p.sandboxId === sandbox?.id && p.port === port && p.status === "active",
  );
  return ok({ existing });
}

// ---- predictions: workspace runs ----------------------------------------------

/** The transitions the contract's WorkspaceRunStatus allows (x-transitions). */
const RUN_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  awaiting_archive: ["ready", "canceled"],
  ready: ["running", "canceled"],
  running: ["succeeded", "failed", "canceled", "timed_out"],
  succeeded: [],
  failed: [],
  canceled: [],
  timed_out: [],
};

export const runCanMove = (r: MRun, to: RunStatus): boolean =>
  RUN_TRANSITIONS[r.status].includes(to);

export function applyCreateRun(
  m: Model,
  id: RunId,
  script: Script,
  metadata: Record<string, string>,
): MRun {
  const run: MRun = {
    alias: nextAlias(m.runs, "wsr"),
    id,
    status: "awaiting_archive",
    script,
    command: renderScript(script),
    metadata,
    archive: null,
    transfers: [],
    exitCode: null,
    error: null,
    sandboxId: null,
    stdout: "",
    stderr: "",
    events: [{ type: "status", status: "awaiting_archive" }],
  };
  m.runs.push(run);
  return run;
}

/** Attaching an archive (direct upload or finalize): the run becomes ready. */
export function applyAttach(r: MRun, archive: NonNullable<MRun["archive"]>): void {
  r.archive = archive;
  r.status = "ready";
  r.events.push({ type: "status", status: "ready" });
}

/**
 * startWorkspaceRun then the pipeline to its end: a sandbox of the run's own
 * (destroyed at the end), extraction, the command, the terminal status.
 */
export function applyRunPipeline(
  m: Model,
  r: MRun,
  archive: ArchiveSpec,
  sandboxId: SandboxId,
): void {
  r.status = "running";
  r.sandboxId = sandboxId;
  r.events.push({ type: "status", status: "running" });
  r.events.push({ type: "archive_progress", phase: "verifying" });
  r.events.push({ type: "archive_progress", phase: "extracting" });
  const sandbox: MSandbox = {
    alias: nextAlias(m.sandboxes, "sbx"),
    id: sandboxId,
    status: "running",
    endedReason: null,
    template: "python-node",
    metadata: { workspaceRunId: r.id },
    ttlMs: DEFAULT_TTL_MS,
    createdAt: m.clockKnown ? m.now : null,
    ttlSeq: m.timerSeq++,
    endedAt: null,
    files: {},
    byRun: true,
  };
  m.sandboxes.push(sandbox);
  if (archive.outcome !== "ok" || archive.files === null) {
    r.status = "failed";
    r.error = archive.outcome === "escape" ? "path_outside_workspace" : "invalid_archive";
  } else {
    for (const [path, text] of Object.entries(archive.files)) {
      sandbox.files = fsWrite(sandbox.files, `${ROOT}/${path}`, encoder.encode(text), {
        createParents: true,
      }).files;
    }
    r.events.push({ type: "archive_progress", phase: "extracted" });
    const result = runScript(r.script, { files: sandbox.files, cwd: ROOT, env: {} });
    sandbox.files = result.files;
    for (const chunk of result.chunks) {
      r.events.push({ type: chunk.stream, data: chunk.data });
      r[chunk.stream] += chunk.data;
    }
    r.exitCode = result.exitCode;
    r.status = result.exitCode === 0 ? "succeeded" : "failed";
  }
  applySandboxEnd(m, sandbox, "killed");
  r.events.push({ type: "status", status: r.status });
}

/** cancelWorkspaceRun from awaiting_archive or ready (runs are never left running). */
export function applyCancelRun(r: MRun): void {
  if (TERMINAL_RUN.includes(r.status)) return;
  r.status = "canceled";
  r.events.push({ type: "status", status: "canceled" });
}
