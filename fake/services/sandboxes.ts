/**
 * Sandboxes: a state machine per sandbox (running -> destroyed | failed, as
 * the contract's transitions say), a TTL timer on the fake clock, plan limits,
 * project visibility, and the sandbox's file tree. An ended sandbox is
 * forgotten `config.retentionMs` after it ended (then it is 404).
 *
 * @module
 */
import type { components } from "../../src/generated/openapi.ts";
import type { ApiKeyRecord, TemplateSlug } from "../config.ts";
import { ApiError, notFound } from "../core/errors.ts";
import { announceSandboxEnded, type FakeCore, type SandboxEndReason } from "../core/fake-core.ts";
import { transition } from "../core/status.ts";
import { Vfs, type VfsEntry } from "../core/vfs.ts";

/** The contract's Sandbox record. */
export type Sandbox = components["schemas"]["Sandbox"];
/** The contract's CreateSandboxRequest. */
export type CreateSandboxInput = components["schemas"]["CreateSandboxRequest"];

/** One sandbox as the fake holds it. */
export interface SandboxState {
  record: Sandbox;
  /** Its disk; null once it ended (the disk is gone). */
  vfs: Vfs | null;
  cancelTtl: () => void;
}

/** A sandbox in a snapshot of the fake. */
export interface SandboxSnapshot {
  record: Sandbox;
  /** Its files, or null once it ended. */
  files: VfsEntry[] | null;
  rootModifiedAt: number | null;
}

/** What picks a template version: a slug, a version, or both (they must agree). */
export interface TemplateChoice {
  template?: TemplateSlug | undefined;
  templateVersionId?: string | undefined;
}

/** How long a file download URL lives. */
export const DOWNLOAD_URL_TTL_MS: number = 15 * 60 * 1000;

/** The bytes behind a download URL: a view of the file as it was (files never change in place). */
interface FileSnapshot {
  sandboxId: string;
  path: string;
  bytes: Uint8Array;
}

/** The sandboxes of one fake. */
export class SandboxService {
  readonly #core: FakeCore;
  readonly #sandboxes = new Map<string, SandboxState>();
  /** IDs of the running sandboxes (the plan's limit reads this, not every record). */
  readonly #live = new Set<string>();
  /** File snapshots behind download URLs: the bytes at the time the URL was made. */
  readonly #snapshots = new Map<string, FileSnapshot>();
  /** Each sandbox's snapshot refs, oldest first. */
  readonly #snapshotsOf = new Map<string, string[]>();
  readonly #snapshotRefs;

  constructor(core: FakeCore) {
    this.#core = core;
    this.#snapshotRefs = core.random.derive("file-snapshots");
  }

  /** Creates a running sandbox in a project the key can see. */
  create(key: ApiKeyRecord, input: CreateSandboxInput = {}): Sandbox {
    return this.#create(this.#core.auth.resolveProject(key, input.projectId).id, input);
  }

  /** Creates a running sandbox for the fake itself (a workspace run's): no visibility check. */
  createFor(projectId: string, input: Omit<CreateSandboxInput, "projectId">): Sandbox {
    return this.#create(projectId, input);
  }

  #create(projectId: string, input: CreateSandboxInput): Sandbox {
    const { clock, config, random } = this.#core;
    const { template, templateVersionId: versionId } = this.resolveTemplate(input, "base");

    const maxTtl = config.plan.maxTtlMs;
    if (input.ttlMs !== undefined && input.ttlMs > maxTtl) {
      throw new ApiError("sandbox_ttl_exceeded", `ttlMs is over the plan's maximum of ${maxTtl}`, {
        limit: maxTtl,
      });
    }
    const ttlMs = input.ttlMs ?? Math.min(300_000, maxTtl);

    if (this.#live.size >= config.plan.maxLiveSandboxes) {
      throw new ApiError(
        "quota_exceeded",
        `the plan allows ${config.plan.maxLiveSandboxes} live sandboxes`,
        { limit: config.plan.maxLiveSandboxes },
      );
    }

    const now = clock.now();
    const record: Sandbox = {
      id: random.id("sbx") as Sandbox["id"],
      orgId: config.org.id as Sandbox["orgId"],
      projectId: projectId as Sandbox["projectId"],
      template,
      templateVersionId: versionId as Sandbox["templateVersionId"],
      status: "running",
      metadata: { ...input.metadata },
      ttlMs,
      createdAt: clock.iso(now),
      expiresAt: clock.iso(now + ttlMs),
      endedAt: null,
      endedReason: null,
    };
    const state: SandboxState = {
      record,
      vfs: new Vfs(clock, config.plan),
      cancelTtl: clock.setTimer(ttlMs, () => this.end(record.id, "ttl_expired")),
    };
    this.#sandboxes.set(record.id, state);
    this.#live.add(record.id);
    return { ...record };
  }

  /**
   * The template version a create call asks for: the given version (404 when
   * unknown; 400 when `template` names another template), else the current
   * version of `template` (default `fallback`).
   */
  resolveTemplate(
    input: TemplateChoice,
    fallback: TemplateSlug,
  ): { template: TemplateSlug; templateVersionId: string } {
    const versions = this.#core.config.templates;
    if (input.templateVersionId !== undefined) {
      const version = versions.find((v) => v.id === input.templateVersionId);
      if (!version) throw notFound("template version", input.templateVersionId);
      if (input.template !== undefined && input.template !== version.template) {
        throw new ApiError(
          "invalid_request",
          `templateVersionId ${version.id} is a version of ${version.template}, not ${input.template}`,
        );
      }
      return { template: version.template, templateVersionId: version.id };
    }
    const template = input.template ?? fallback;
    const current = versions.find((v) => v.template === template && v.current);
    if (!current) throw new ApiError("invalid_request", `template ${template} has no version`);
    return { template, templateVersionId: current.id };
  }

  /** The sandbox as the key sees it; 404 when unknown or in a project it can't see. */
  get(key: ApiKeyRecord, id: string): Sandbox {
    return { ...this.#visible(key, id).record };
  }

  /**
   * Live sandboxes of the key's projects (all retained ones with
   * `includeEnded`), oldest first.
   */
  list(key: ApiKeyRecord, opts: { includeEnded?: boolean; projectId?: string } = {}): Sandbox[] {
    const ids = opts.includeEnded ? this.#sandboxes.keys() : this.#live.values();
    const out: Sandbox[] = [];
    for (const id of ids) {
      const r = (this.#sandboxes.get(id) as SandboxState).record;
      if (!this.#core.auth.canSee(key, r.projectId)) continue;
      if (opts.projectId !== undefined && r.projectId !== opts.projectId) continue;
      out.push(r);
    }
    return out.map((r) => ({ ...r }));
  }

  /** Destroys a running sandbox; idempotent by state (an ended one is returned unchanged). */
  kill(key: ApiKeyRecord, id: string): Sandbox {
    const state = this.#visible(key, id);
    if (state.record.status === "running") this.end(id, "killed");
    return { ...state.record };
  }

  /**
   * Ends a running sandbox (killed, ttl_expired -> destroyed; failed ->
   * failed): its disk goes and every onSandboxEnded listener is told. A
   * no-op when it already ended.
   */
  end(id: string, reason: SandboxEndReason): void {
    const state = this.#sandboxes.get(id);
    if (state?.record.status !== "running") return;
    const { clock } = this.#core;
    state.record.status = transition(
      "SandboxStatus",
      state.record.status,
      reason === "failed" ? "failed" : "destroyed",
    );
    state.record.endedAt = clock.iso();
    state.record.endedReason = reason;
    state.cancelTtl();
    state.vfs = null;
    this.#live.delete(id);
    this.#core.retention.after(this.#core.config.retentionMs, () => this.#forget(id));
    announceSandboxEnded(this.#core, id, reason);
  }

  /** Ends every running sandbox (killed), e.g. before a reset. */
  endAll(): void {
    for (const id of [...this.#sandboxes.keys()]) this.end(id, "killed");
  }

  /** The running sandbox's state: 404 when not visible, 409 sandbox_destroyed when ended. */
  requireRunning(key: ApiKeyRecord, id: string): SandboxState & { vfs: Vfs } {
    return this.#running(this.#visible(key, id));
  }

  /** The file tree of a running sandbox (internal: no key). 404 | 409 sandbox_destroyed. */
  vfs(id: string): Vfs {
    const state = this.#sandboxes.get(id);
    if (!state) throw notFound("sandbox", id);
    return this.#running(state).vfs;
  }

  /** The state of any sandbox, without visibility checks (for other services). */
  internalGet(id: string): SandboxState | undefined {
    return this.#sandboxes.get(id);
  }

  /**
   * Keeps the file's current bytes for a download URL (a view, no copy: the
   * tree never changes a file's bytes in place); returns the snapshot's
   * reference. The buffers a sandbox's snapshots hold are capped at the
   * plan's maxWorkspaceBytes: past that the oldest snapshots go (their URLs
   * answer 404).
   */
  snapshotFile(sandboxId: string, path: string, bytes: Uint8Array): string {
    const ref = this.#snapshotRefs.chars(20);
    this.#snapshots.set(ref, { sandboxId, path, bytes });
    let refs = this.#snapshotsOf.get(sandboxId);
    if (!refs) {
      refs = [];
      this.#snapshotsOf.set(sandboxId, refs);
    }
    refs.push(ref);
    this.#capSnapshots(sandboxId, refs);
    // The URL dies after 15 minutes; so can the bytes.
    this.#core.retention.after(DOWNLOAD_URL_TTL_MS, () => this.#dropSnapshot(ref));
    return ref;
  }

  /** A snapshot made by snapshotFile(), if it still exists. */
  snapshot(ref: string): FileSnapshot | undefined {
    return this.#snapshots.get(ref);
  }

  /** Bytes held by a sandbox's download snapshots (each buffer counted once). */
  snapshotBytes(sandboxId: string): number {
    const buffers = new Set<ArrayBufferLike>();
    for (const ref of this.#snapshotsOf.get(sandboxId) ?? []) {
      const snap = this.#snapshots.get(ref);
      if (snap) buffers.add(snap.bytes.buffer);
    }
    let total = 0;
    for (const b of buffers) total += b.byteLength;
    return total;
  }

  #capSnapshots(sandboxId: string, refs: string[]): void {
    const cap = this.#core.config.plan.maxWorkspaceBytes;
    while (refs.length > 1 && this.snapshotBytes(sandboxId) > cap) {
      this.#dropSnapshot(refs[0] as string);
    }
  }

  #dropSnapshot(ref: string): void {
    const snap = this.#snapshots.get(ref);
    if (!snap) return;
    this.#snapshots.delete(ref);
    const refs = this.#snapshotsOf.get(snap.sandboxId);
    const i = refs?.indexOf(ref) ?? -1;
    if (refs && i >= 0) refs.splice(i, 1);
    if (refs?.length === 0) this.#snapshotsOf.delete(snap.sandboxId);
  }

  /** Forgets an ended sandbox past its retention: it is 404 from now on. */
  #forget(id: string): void {
    this.#sandboxes.delete(id);
    for (const ref of [...(this.#snapshotsOf.get(id) ?? [])]) this.#dropSnapshot(ref);
  }

  /** Download snapshots held, and the sandboxes they belong to (white-box tests of the fake's bounds). */
  get snapshotHoldings(): { snapshots: number; sandboxes: number } {
    return { snapshots: this.#snapshots.size, sandboxes: this.#snapshotsOf.size };
  }

  /** How many sandboxes are held, ended ones included (white-box tests and benchmarks). */
  get size(): number {
    return this.#sandboxes.size;
  }

  #visible(key: ApiKeyRecord, id: string): SandboxState {
    const state = this.#sandboxes.get(id);
    if (!state || !this.#core.auth.canSee(key, state.record.projectId))
      throw notFound("sandbox", id);
    return state;
  }

  #running(state: SandboxState): SandboxState & { vfs: Vfs } {
    if (state.record.status !== "running" || !state.vfs) {
      throw new ApiError(
        "sandbox_destroyed",
        `sandbox ${state.record.id} is ${state.record.status}`,
        {
          status: state.record.status,
          endedReason: state.record.endedReason,
        },
      );
    }
    return state as SandboxState & { vfs: Vfs };
  }

  // ---- snapshots (fake.snapshot(), createFake({ state })) ---------------------

  /** Every sandbox with its files (null once ended). */
  exportState(): SandboxSnapshot[] {
    return [...this.#sandboxes.values()].map((s) => ({
      record: { ...s.record, metadata: { ...s.record.metadata } },
      files: s.vfs ? s.vfs.exportTree() : null,
      rootModifiedAt: s.vfs ? s.vfs.rootModifiedAt : null,
    }));
  }

  /**
   * Restores exportState()'s sandboxes: running ones get their TTL timer back
   * and count against the plan; ended ones are forgotten `retentionMs` after
   * they ended, as if never snapshotted.
   */
  importState(snapshots: readonly SandboxSnapshot[]): void {
    const { clock, config } = this.#core;
    for (const snap of snapshots) {
      const record = { ...snap.record, metadata: { ...snap.record.metadata } };
      const running = record.status === "running";
      const state: SandboxState = {
        record,
        vfs: running
          ? Vfs.importTree(clock, config.plan, snap.files ?? [], snap.rootModifiedAt ?? clock.now())
          : null,
        cancelTtl: () => {},
      };
      if (running) {
        const left = Math.max(0, Date.parse(record.expiresAt) - clock.now());
        state.cancelTtl = clock.setTimer(left, () => this.end(record.id, "ttl_expired"));
        this.#live.add(record.id);
      } else {
        this.#core.retention.afterEnded(record.endedAt, config.retentionMs, () =>
          this.#forget(record.id),
        );
      }
      this.#sandboxes.set(record.id, state);
    }
  }
}
