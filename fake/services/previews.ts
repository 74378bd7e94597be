/**
 * Previews: authenticated URLs for a sandbox's ports. One active preview per
 * sandbox and port; active -> revoked by revoke() or when the sandbox ends.
 *
 * @module
 */
import type { components } from "../../src/generated/openapi.ts";
import type { ApiKeyRecord } from "../config.ts";
import { notFound } from "../core/errors.ts";
import type { FakeCore } from "../core/fake-core.ts";
import type { Random } from "../core/random.ts";
import type { SandboxService } from "./sandboxes.ts";

/** The contract's Preview record. */
export type Preview = components["schemas"]["Preview"];

/** The previews of one fake. */
export class PreviewService {
  readonly #core: FakeCore;
  readonly #sandboxes: SandboxService;
  readonly #previews = new Map<string, Preview>();
  readonly #hosts: Random;

  constructor(core: FakeCore, sandboxes: SandboxService) {
    this.#core = core;
    this.#sandboxes = sandboxes;
    this.#hosts = core.random.derive("preview-hosts");
    core.onSandboxEnded.add((sandboxId) => this.#revokeForSandbox(sandboxId));
  }

  /** Exposes a port of a running sandbox; `created` is false when the active one is returned. */
  create(
    key: ApiKeyRecord,
    sandboxId: string,
    port: number,
  ): { preview: Preview; created: boolean } {
    this.#sandboxes.requireRunning(key, sandboxId);
    for (const p of this.#previews.values()) {
      if (p.sandboxId === sandboxId && p.port === port && p.status === "active") {
        return { preview: { ...p }, created: false };
      }
    }
    const used = new Set([...this.#previews.values()].map((p) => p.url));
    let url: string;
    do {
      url = `https://p-${this.#hosts.hex(6)}.preview.crownest.dev`;
    } while (used.has(url));
    const preview: Preview = {
      id: this.#core.random.id("prv") as Preview["id"],
      sandboxId: sandboxId as Preview["sandboxId"],
      port,
      authMode: "authenticated",
      url,
      status: "active",
      createdAt: this.#core.clock.iso(),
      revokedAt: null,
    };
    this.#previews.set(preview.id, preview);
    return { preview: { ...preview }, created: true };
  }

  /** A visible preview; 404 otherwise. */
  get(key: ApiKeyRecord, id: string): Preview {
    return { ...this.#visible(key, id) };
  }

  /** A sandbox's previews, active and revoked, oldest first (the sandbox may have ended). */
  list(key: ApiKeyRecord, sandboxId: string): Preview[] {
    this.#sandboxes.get(key, sandboxId);
    return [...this.#previews.values()]
      .filter((p) => p.sandboxId === sandboxId)
      .map((p) => ({ ...p }));
  }

  /** Revokes a preview; idempotent (returns it with `revokedAt`). */
  revoke(key: ApiKeyRecord, id: string): Preview {
    const preview = this.#visible(key, id);
    this.#revoke(preview);
    return { ...preview };
  }

  /** Revokes every active preview of a sandbox (it ended). */
  #revokeForSandbox(sandboxId: string): void {
    for (const p of this.#previews.values()) if (p.sandboxId === sandboxId) this.#revoke(p);
  }

  #revoke(preview: Preview): void {
    if (preview.status !== "active") return;
    preview.status = "revoked";
    preview.revokedAt = this.#core.clock.iso();
  }

  #visible(key: ApiKeyRecord, id: string): Preview {
    const preview = this.#previews.get(id);
    const sandbox = preview && this.#sandboxes.internalGet(preview.sandboxId);
    if (!preview || !sandbox || !this.#core.auth.canSee(key, sandbox.record.projectId)) {
      throw notFound("preview", id);
    }
    return preview;
  }

  // ---- snapshots --------------------------------------------------------------

  /** Every preview. */
  exportState(): Preview[] {
    return [...this.#previews.values()].map((p) => ({ ...p }));
  }

  /** Restores exportState()'s previews. */
  importState(previews: readonly Preview[]): void {
    for (const p of previews) this.#previews.set(p.id, { ...p });
  }
}
