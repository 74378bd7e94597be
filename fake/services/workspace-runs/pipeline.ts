/**
 * A workspace run's pipeline, from startWorkspaceRun on: take or boot a
 * sandbox, verify the archive, extract it (fake/services/workspace-runs/tar.ts)
 * into the sandbox's /workspace, spawn the command (the commands service),
 * collect the artifacts (the artifacts service), then seal the run
 * (state-machine.ts).
 *
 * Artifacts are collected when the command ended by itself (any exit code,
 * or timed out): a failing test run's report is the one worth keeping. Not
 * after a cancel or the loss of the sandbox.
 *
 * @module
 */
import { sha256Hex } from "../../../src/bytes.ts";
import type { components } from "../../../src/generated/openapi.ts";
import type { ApiKeyRecord } from "../../config.ts";
import { ApiError } from "../../core/errors.ts";
import type { FakeCore } from "../../core/fake-core.ts";
import { utf8Prefix } from "../../core/utf8.ts";
import type { ArtifactService } from "../artifacts.ts";
import type { CommandService } from "../commands.ts";
import type { SandboxService } from "../sandboxes.ts";
import type { RunRecords, RunState, WorkspaceRun } from "./state-machine.ts";
import { extractTarGz, TarError } from "./tar.ts";

type Schemas = components["schemas"];

/** An `extracting` progress event every this many files (plus one for the first). */
const PROGRESS_EVERY = 100;

const encoder = new TextEncoder();

/** The services a run's pipeline uses. */
export interface PipelineServices {
  sandboxes: SandboxService;
  commands: CommandService;
  artifacts: ArtifactService;
}

/** Runs the pipeline of one fake's workspace runs. */
export class RunPipeline {
  readonly #core: FakeCore;
  readonly #records: RunRecords;
  readonly #services: PipelineServices;

  constructor(core: FakeCore, records: RunRecords, services: PipelineServices) {
    this.#core = core;
    this.#records = records;
    this.#services = services;
  }

  /** startWorkspaceRun: takes a sandbox, goes running, runs the pipeline in the background. */
  start(key: ApiKeyRecord, id: string): WorkspaceRun {
    const { clock, config } = this.#core;
    const { sandboxes } = this.#services;
    const state = this.#records.visible(key, id);
    this.#records.requireStatus(state, "running");
    const r = state.record;
    let sandboxId: string;
    if (r.sandboxId !== null) {
      sandboxId = r.sandboxId;
      sandboxes.vfs(sandboxId); // 409 sandbox_destroyed when it ended meanwhile
    } else {
      const maxTtl = config.plan.maxTtlMs;
      sandboxId = sandboxes.createFor(r.projectId, {
        templateVersionId: r.templateVersionId,
        // Outlive the command's timeout, within the plan.
        ttlMs: Math.min(maxTtl, Math.max(300_000, r.timeoutMs + 60_000)),
        metadata: { workspaceRunId: r.id },
      }).id;
      r.sandboxId = sandboxId as WorkspaceRun["sandboxId"];
    }
    state.startedInSandbox = true;
    r.startedAt = clock.iso();
    this.#records.setStatus(state, "running");
    void this.#execute(state, sandboxId);
    return structuredClone(r);
  }

  async #execute(state: RunState, sandboxId: string): Promise<void> {
    const { clock } = this.#core;
    try {
      // Real async work (hashing, gunzip) is marked busy so the auto clock holds still.
      await clock.busy(this.#extract(state, sandboxId));
      if (state.record.status !== "running") return;
      const proc = this.#services.commands.spawn(
        sandboxId,
        { command: state.record.command, cwd: "/workspace", timeoutMs: state.record.timeoutMs },
        { onOutput: (stream, data) => this.#output(state, stream, data) },
      );
      state.commandId = proc.id;
      const command = await proc.done;
      if (state.record.status !== "running") return; // canceled, or its sandbox ended
      const outcome =
        command.status === "exited"
          ? command.exitCode === 0
            ? "succeeded"
            : "failed"
          : command.status === "timed_out"
            ? "timed_out"
            : command.status === "canceled"
              ? "canceled"
              : "failed";
      if (outcome !== "canceled") await clock.busy(this.#collect(state, sandboxId));
      if (state.record.status !== "running") return;
      state.record.exitCode = command.exitCode;
      this.#records.end(state, outcome);
    } catch (error) {
      if (state.record.status === "running") {
        let code: Schemas["ErrorCode"] = "internal_error";
        if (error instanceof TarError || error instanceof ApiError) code = error.code;
        else this.#core.unexpectedErrors.push(error);
        this.#records.end(state, "failed", { code, message: (error as Error).message });
      }
    } finally {
      await this.#records.seal(state);
    }
  }

  /** Verifies and extracts the archive into the sandbox's /workspace. */
  async #extract(state: RunState, sandboxId: string): Promise<void> {
    const archive = state.record.archive as Schemas["WorkspaceRunArchive"];
    const bytes = state.archiveBytes as Uint8Array;
    const totalBytes = archive.sizeBytes;
    const progress = (
      phase: "verifying" | "extracting" | "extracted",
      done: number,
      files: number,
    ) =>
      this.#records.event(state, {
        type: "archive_progress",
        phase,
        bytesProcessed: done,
        totalBytes,
        filesExtracted: files,
      });
    progress("verifying", 0, 0);
    if ((await sha256Hex(bytes)) !== archive.sha256) {
      throw new TarError("invalid_archive", "the stored archive no longer matches its sha256");
    }
    if (state.record.status !== "running") return;
    progress("extracting", 0, 0);
    const { entries } = await extractTarGz(bytes, {
      onProgress: (p) => {
        if (p.filesExtracted % PROGRESS_EVERY === 0) {
          progress("extracting", p.bytesProcessed, p.filesExtracted);
        }
      },
    });
    if (state.record.status !== "running") return;
    const vfs = this.#services.sandboxes.vfs(sandboxId);
    // resolve() adds the sandbox's own path rules to the tar ones, all before the first write.
    const resolved = entries.map((entry) => ({ ...entry, abs: vfs.resolve(entry.path) }));
    let files = 0;
    // All or nothing: an entry that fails undoes the ones written before it.
    vfs.transaction(() => {
      for (const { abs, ...entry } of resolved) {
        try {
          if (entry.type === "directory") vfs.mkdir(abs, { parents: true });
          else {
            vfs.writeFile(abs, entry.data, { createParents: true, overwrite: true });
            files++;
          }
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.code === "file_too_large") throw error;
          throw new TarError("invalid_archive", `entry ${entry.path} conflicts: ${error.message}`);
        }
      }
    });
    archive.extractedFiles = files;
    progress("extracted", totalBytes, files);
  }

  #output(state: RunState, stream: "stdout" | "stderr", data: string): void {
    if (state.log.closed) return;
    const bytes = encoder.encode(data);
    state.record[stream === "stdout" ? "stdoutBytes" : "stderrBytes"] += bytes.length;
    const room = this.#core.config.plan.runOutputCapBytes - state.keptBytes[stream];
    if (room > 0) {
      state[stream].push(bytes.length <= room ? data : utf8Prefix(bytes, room));
      state.keptBytes[stream] += Math.min(bytes.length, room);
    }
    this.#records.event(state, { type: stream, data });
  }

  #collect(state: RunState, sandboxId: string): Promise<void> {
    const r = state.record;
    const source = { sandboxId, projectId: r.projectId, workspaceRunId: r.id };
    return this.#services.artifacts.collect(source, r.artifacts, (outcome) => {
      if ("failure" in outcome) {
        state.artifactErrors.push(outcome.failure);
        this.#records.event(state, { type: "artifact_error", ...outcome.failure });
        return;
      }
      const { artifact } = outcome;
      const ref = { artifactId: artifact.id, path: artifact.path, name: artifact.name };
      r.collectedArtifacts.push(ref);
      state.evidenceArtifacts.push({
        ...ref,
        sizeBytes: artifact.sizeBytes,
        sha256: artifact.sha256,
      });
      this.#records.event(state, { type: "artifact_collected", artifact: ref });
    });
  }
}
