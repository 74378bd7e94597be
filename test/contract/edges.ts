/**
 * A fixed run through the edges the random runs draw only now and then:
 * every limit exactly at its bound and one past it (256 KiB content, the
 * metadata key limit, the plan's TTL maximum and the TTL minimum, the
 * timeout maximum, ports 1 and 65535, log limits 1 and 100), optional inputs
 * left out (the default log page, `overwrite`, `encoding`, cancel's `mode`),
 * each refusal of the file tree,
 * output past one and two log pages, a move onto an existing file without
 * `overwrite`, and each idempotent-by-state operation repeated on an ended
 * resource. It runs on every seed, so a wrong service fails it every time.
 *
 * @module
 */
import { CreatePreview, RevokePreview } from "./commands/artifacts.ts";
import {
  CancelCommand,
  ListLogs,
  manyLines,
  PageLogs,
  RunCommand,
  StartCommand,
} from "./commands/commands.ts";
import {
  DeleteFile,
  ListFiles,
  MakeDirectory,
  MoveFile,
  ReadFile,
  WriteFile,
} from "./commands/files.ts";
import { CreateSandbox, KillSandbox } from "./commands/sandboxes.ts";
import { CancelRun, CreateRun } from "./commands/workspace-runs.ts";
import type { ContractCommand } from "./harness.ts";
import { CONTRACT_LIMITS as L } from "./limits.ts";
import type { Limits } from "./model.ts";

const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
const text = (content: string) => ({ content, encoding: "utf8" as const });

/** The edge tour for a target with these plan limits. */
export function edgeTour(limits: Limits): ContractCommand[] {
  const lines = [L.logLimitDefault - 1, L.logLimitDefault, L.logLimitDefault + 1];
  return [
    // The run's tag is one more key: exactly the limit, then one over it.
    new CreateSandbox({ metadata: keys(L.metadataMaxKeys - 1), ttlMs: limits.maxTtlMs }),
    new CreateSandbox({ metadata: keys(L.metadataMaxKeys) }),
    new CreateSandbox({ ttlMs: limits.maxTtlMs + 1 }),
    new CreateSandbox({ ttlMs: L.ttlMinMs - 1 }),
    new WriteFile(0, "a.txt", text(""), undefined, undefined, "limit"),
    new WriteFile(0, "b.txt", text(""), undefined, undefined, "over"),
    new WriteFile(0, "b.txt", text("beta"), undefined, undefined, undefined, true),
    new WriteFile(0, "b.txt", text("again"), undefined, false),
    new MakeDirectory(0, "d", undefined),
    // Onto an existing file: refused unless overwrite; a directory never.
    new MoveFile(0, "b.txt", "a.txt", undefined),
    new MoveFile(0, "b.txt", "a.txt", false),
    new MoveFile(0, "b.txt", "d", true),
    new MoveFile(0, "b.txt", "a.txt", true),
    // Each refusal of the file tree once (with its code and a message).
    new WriteFile(0, "d/c.txt", text("c"), undefined, undefined),
    new DeleteFile(0, "d"),
    new DeleteFile(0, "."),
    new MoveFile(0, "/workspace", "x", undefined),
    new MoveFile(0, "d", "d/inner", undefined),
    new ListFiles(0, "a.txt"),
    new MakeDirectory(0, "a.txt", true),
    new WriteFile(0, "a.txt/x", text("x"), true, undefined),
    new ReadFile(0, "d", undefined),
    new ReadFile(0, "d/missing.txt", undefined),
    new ReadFile(0, "../x.txt", undefined),
    new WriteFile(0, "nope/x.txt", text("x"), false, undefined),
    // Listed by name, not in the order of creation.
    new WriteFile(0, "d/b.txt", text("b"), undefined, undefined),
    new ListFiles(0, "d"),
    // Output past one page, and past two, read with the default page.
    ...lines.map((n) => new PageLogs(0, n)),
    new PageLogs(0, L.logLimitMax + 1),
    new ListLogs(0, undefined, undefined, true),
    new ListLogs(0, 0, undefined, true),
    ...[L.logLimitMin, L.logLimitMax, L.logLimitMin - 1, L.logLimitMax + 1].map(
      (limit) => new ListLogs(0, undefined, limit, true),
    ),
    new RunCommand(0, { kind: "instant", script: manyLines(1), timeoutMs: L.timeoutMaxMs }),
    new RunCommand(0, { kind: "instant", script: manyLines(1), timeoutMs: L.timeoutMaxMs + 1 }),
    ...[L.portMin, L.portMax, L.portMin - 1, L.portMax + 1].map((p) => new CreatePreview(0, p)),
    new RevokePreview(0, true),
    // Commands so far: four PageLogs runs and one RunCommand; this is the sixth.
    new StartCommand(0, { kind: "sleep", seconds: 1000, timeoutMs: L.timeoutMaxMs }),
    new CancelCommand(5, undefined, true),
    new CreateRun(manyLines(1), {}),
    new CancelRun(0, true),
    new KillSandbox(0, false, false, true),
    new KillSandbox(0, true, true),
  ];
}
