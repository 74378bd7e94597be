/**
 * A fixed sequence of commands that, run in order, calls every operation of
 * the contract (the random runs cover them too, by chance; the tour makes
 * sure, and checks that the commands' declarations are not empty promises).
 *
 * @module
 */

import {
  CreateArtifact,
  CreatePreview,
  DeleteArtifact,
  DownloadArtifact,
  GetArtifact,
  GetPreview,
  ListArtifacts,
  ListPreviews,
  ListProjects,
  RevokePreview,
  SignedArtifactDownload,
} from "./commands/artifacts.ts";
import { Advance, IdempotentReplay } from "./commands/auth.ts";
import {
  CancelCommand,
  GetCommand,
  ListLogs,
  RunCommand,
  RunTimeout,
  RunWithCollect,
  StartCommand,
  StartProgram,
  StreamFirstLog,
  StreamLogs,
  UnknownCommand,
} from "./commands/commands.ts";
import {
  DeleteFile,
  DownloadFile,
  ListFiles,
  MakeDirectory,
  MoveFile,
  ReadFile,
  StatFile,
  WriteFile,
} from "./commands/files.ts";
import {
  CreateSandbox,
  GetSandbox,
  GetUnknownSandbox,
  KillSandbox,
  ListSandboxes,
} from "./commands/sandboxes.ts";
import {
  CancelRun,
  CreateRun,
  FinalizeWithoutUpload,
  GetRun,
  ListRuns,
  RunEvidence,
  StagedUpload,
  StartRun,
  StreamRunEvents,
  UploadArchive,
} from "./commands/workspace-runs.ts";
import type { ContractCommand } from "./harness.ts";
import type { Script } from "./model.ts";
import type { Control } from "./target.ts";

const echo = (...words: string[]): Script => ({
  steps: [{ conn: ";", step: { kind: "echo", words } }],
});

const twoLines: Script = {
  steps: [
    { conn: ";", step: { kind: "echo", words: ["one"] } },
    { conn: ";", step: { kind: "echo", words: ["two"], toStderr: true } },
    { conn: "&&", step: { kind: "exit", code: 3 } },
  ],
};

/** The tour for a target with these controls. */
export function tour(controls: ReadonlySet<Control>): ContractCommand[] {
  const commands: (ContractCommand | false)[] = [
    new CreateSandbox({ metadata: { team: "tour" } }),
    new GetSandbox(0),
    new ListSandboxes(false),
    new GetUnknownSandbox(false),
    new WriteFile(0, "d/a.txt", { content: "hello", encoding: "utf8" }, true, undefined),
    new ReadFile(0, "d/a.txt", undefined),
    new StatFile(0, "/workspace/d/a.txt"),
    new ListFiles(0, "d"),
    new MakeDirectory(0, "e", undefined),
    new MoveFile(0, "d/a.txt", "b.txt", undefined),
    new DownloadFile(0, "b.txt"),
    new DeleteFile(0, "e"),
    new RunCommand(0, { kind: "instant", script: twoLines }),
    new StartCommand(0, { kind: "sleep", seconds: 1000, timeoutMs: 600_000 }),
    new GetCommand(1),
    new ListLogs(0, undefined, undefined),
    new StreamLogs(0, 1),
    new StreamFirstLog(1),
    new CancelCommand(1, "graceful"),
    new RunTimeout(0, 30, 1_500),
    new RunWithCollect(0, echo("x"), ["b.txt"]),
    new UnknownCommand(),
    controls.has("programs") && new StartProgram(0, { kind: "trap" }),
    controls.has("clock") && new Advance(1_000),
    new CreateArtifact(0, "b.txt", undefined),
    new GetArtifact(1),
    new ListArtifacts(0),
    new DownloadArtifact(1),
    new SignedArtifactDownload(1),
    new DeleteArtifact(1),
    new CreatePreview(0, 3000),
    new GetPreview(0),
    new ListPreviews(0),
    new RevokePreview(0),
    new ListProjects(),
    new CreateRun({ steps: [{ conn: ";", step: { kind: "cat", path: "hello.txt" } }] }, {}),
    new UploadArchive(0, "basic", false),
    new StartRun(0),
    new StreamRunEvents(0, 2),
    new RunEvidence(0),
    new GetRun(0),
    new ListRuns("metadata", "succeeded"),
    new CreateRun(echo("staged"), {}),
    new StagedUpload(1, "single", false),
    new CancelRun(1),
    new CreateRun(echo("never"), {}),
    new FinalizeWithoutUpload(2),
    new IdempotentReplay("sandbox"),
    new KillSandbox(0, true),
  ];
  return commands.filter((c): c is ContractCommand => c !== false);
}
