/**
 * Artifact, preview and project commands. Artifacts: create from a workspace
 * file, get, list (also after the sandbox ended), download, signed download
 * URLs (the URL fetched with no Authorization, and refused with one), delete
 * (idempotent; the bytes are gone). Previews: one active per sandbox and port,
 * revoke, revoked with their sandbox. Projects: the key's.
 *
 * @module
 */
import fc from "fast-check";
import { expect } from "vitest";
import type { Artifact, Preview } from "../../../src/index.ts";
import {
  attempt,
  ContractCommand,
  expectError,
  expectPrediction,
  expectSuccess,
  outcomeSummary,
  type Real,
} from "../harness.ts";
import { CONTRACT_LIMITS } from "../limits.ts";
import {
  b64ToBytes,
  basename,
  bytesToB64,
  fail,
  type MArtifact,
  type Model,
  type MPreview,
  type MSandbox,
  nextAlias,
  ok,
  type Prediction,
  pickOf,
  pickSandbox,
  predictArtifactSource,
  predictCreatePreview,
} from "../model.ts";
import {
  choosePath,
  errorCode,
  fetchRetrying,
  MAKER,
  type PathChoice,
  PROBE,
  pathChoice,
  showPath,
  spec,
  unknownId,
} from "./shared.ts";

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function expectArtifact(actual: Artifact, a: MArtifact, label: string): void {
  expect(
    {
      id: actual.id,
      sandboxId: actual.sandboxId,
      path: actual.path,
      name: actual.name,
      sizeBytes: actual.sizeBytes,
      sha256: actual.sha256,
      deleted: actual.deletedAt !== null,
      commandId: actual.commandId,
      workspaceRunId: actual.workspaceRunId,
    },
    label,
  ).toEqual({
    id: a.id,
    sandboxId: a.sandboxId,
    path: a.path,
    name: a.name,
    sizeBytes: b64ToBytes(a.b64).byteLength,
    sha256: a.sha256,
    deleted: a.deleted,
    commandId: a.commandId,
    workspaceRunId: null,
  });
}

export class CreateArtifact extends ContractCommand {
  static override readonly ops = ["createArtifact"] as const;
  constructor(
    readonly pick: number,
    readonly path: PathChoice,
    readonly name: string | undefined,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = pickSandbox(m, this.pick) as MSandbox;
    const path = choosePath(s.files, this.path);
    const p = predictArtifactSource(s, path);
    const o = await attempt(() =>
      r.client.artifacts.create(
        s.id,
        path,
        this.name === undefined ? undefined : { name: this.name },
      ),
    );
    const actual = expectPrediction(o, p, `${this} in ${s.alias}`);
    if (actual && p.ok) {
      const a: MArtifact = {
        alias: nextAlias(m.artifacts, "art"),
        id: actual.id,
        sandboxId: s.id,
        path: p.value.abs,
        name: this.name ?? basename(p.value.abs),
        b64: bytesToB64(p.value.bytes),
        sha256: await sha256Hex(p.value.bytes),
        deleted: false,
        commandId: null,
      };
      expectArtifact(actual, a, `${this}`);
      if (m.projectId !== null) expect(actual.projectId).toBe(m.projectId);
      m.artifacts.push(a);
    }
    return outcomeSummary(o);
  }
  toString(): string {
    return `CreateArtifact(${this.pick}, ${showPath(this.path)}, name=${this.name})`;
  }
}

abstract class ArtifactCommand extends ContractCommand {
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.artifacts.length > 0;
  }
  protected artifact(m: Model): MArtifact {
    return pickOf(m.artifacts, this.pick) as MArtifact;
  }
}

export class GetArtifact extends ArtifactCommand {
  static override readonly ops = ["getArtifact"] as const;
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const a = this.artifact(m);
    const o = await attempt(() => r.client.artifacts.get(a.id));
    expectArtifact(expectSuccess(o, `${this}`), a, `${this} ${a.alias}`);
    return outcomeSummary(o);
  }
  toString(): string {
    return `GetArtifact(${this.pick})`;
  }
}

/** A sandbox's artifacts that are not deleted, oldest first; works after it ended. */
export class ListArtifacts extends ContractCommand {
  static override readonly ops = ["listArtifacts"] as const;
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = pickSandbox(m, this.pick) as MSandbox;
    const o = await attempt(() => r.client.artifacts.list(s.id));
    const listed = expectSuccess(o, `${this} ${s.alias}`);
    const expected = m.artifacts.filter((a) => a.sandboxId === s.id && !a.deleted);
    expect(
      listed.map((a) => a.id),
      `${this} ${s.alias}`,
    ).toEqual(expected.map((a) => a.id));
    for (const [i, a] of expected.entries()) expectArtifact(listed[i] as Artifact, a, `${this}`);
    return outcomeSummary(o);
  }
  toString(): string {
    return `ListArtifacts(${this.pick})`;
  }
}

export class DownloadArtifact extends ArtifactCommand {
  static override readonly ops = ["downloadArtifact"] as const;
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const a = this.artifact(m);
    const p: Prediction<Uint8Array> = a.deleted ? fail("invalid_state") : ok(b64ToBytes(a.b64));
    const o = await attempt(() => r.client.artifacts.download(a.id));
    const bytes = expectPrediction(o, p, `${this} ${a.alias}`);
    if (bytes && p.ok) expect(bytes, `${this}`).toEqual(p.value);
    return outcomeSummary(o);
  }
  toString(): string {
    return `DownloadArtifact(${this.pick})`;
  }
}

/**
 * createArtifactDownloadUrl, then the URL (downloadSignedArtifact): the
 * bytes with no Authorization header; 400 invalid_request with one.
 */
export class SignedArtifactDownload extends ArtifactCommand {
  static override readonly ops = ["createArtifactDownloadUrl", "downloadSignedArtifact"] as const;
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const a = this.artifact(m);
    const p: Prediction<Uint8Array> = a.deleted ? fail("invalid_state") : ok(b64ToBytes(a.b64));
    const o = await attempt(() => r.client.artifacts.downloadUrl(a.id));
    const url = expectPrediction(o, p, `${this} ${a.alias}`);
    if (!url || !p.ok) return outcomeSummary(o);
    expect(url.authMode).toBe("none");
    const res = await fetchRetrying(r, () => new Request(url.url, { headers: url.headers }));
    expect(res.status, `${this}: GET the URL`).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(p.value);
    const withKey = await fetchRetrying(
      r,
      () =>
        new Request(url.url, {
          headers: { ...url.headers, authorization: `Bearer ${r.target.apiKey}` },
        }),
    );
    expect(withKey.status, `${this}: with an Authorization header`).toBe(400);
    expect(await errorCode(withKey)).toBe("invalid_request");
    return { ok: p.value.byteLength };
  }
  toString(): string {
    return `SignedArtifactDownload(${this.pick})`;
  }
}

export class DeleteArtifact extends ArtifactCommand {
  static override readonly ops = ["deleteArtifact"] as const;
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const a = this.artifact(m);
    const o = await attempt(() => r.client.artifacts.delete(a.id));
    a.deleted = true;
    const actual = expectSuccess(o, `${this} ${a.alias}`);
    expectArtifact(actual, a, `${this}`);
    return outcomeSummary(o);
  }
  toString(): string {
    return `DeleteArtifact(${this.pick})`;
  }
}

export class UnknownArtifact extends ContractCommand {
  static override readonly ops = ["getArtifact", "downloadArtifact", "deleteArtifact"] as const;
  check(): boolean {
    return true;
  }
  protected async exec(_m: Model, r: Real): Promise<unknown> {
    const id = unknownId("art");
    const outcomes = [
      await attempt(() => r.client.artifacts.get(id)),
      await attempt(() => r.client.artifacts.download(id)),
      await attempt(() => r.client.artifacts.delete(id)),
    ];
    for (const o of outcomes) expectError(o, "not_found", `${this}`);
    return outcomes.map((o) => outcomeSummary(o));
  }
  toString(): string {
    return "UnknownArtifact()";
  }
}

// ---- previews ------------------------------------------------------------------------------

function expectPreview(actual: Preview, p: MPreview, label: string): void {
  expect(
    {
      id: actual.id,
      sandboxId: actual.sandboxId,
      port: actual.port,
      status: actual.status,
      revoked: actual.revokedAt !== null,
      authMode: actual.authMode,
    },
    label,
  ).toEqual({
    id: p.id,
    sandboxId: p.sandboxId,
    port: p.port,
    status: p.status,
    revoked: p.status === "revoked",
    authMode: "authenticated",
  });
}

/** createPreview: a new preview, or the active one of that port again. */
export class CreatePreview extends ContractCommand {
  static override readonly ops = ["createPreview"] as const;
  constructor(
    readonly pick: number,
    readonly port: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = pickSandbox(m, this.pick) as MSandbox;
    const p = predictCreatePreview(m, s, this.port);
    const o = await attempt(() => r.client.previews.create(s.id, this.port));
    const actual = expectPrediction(o, p, `${this} in ${s.alias}`);
    if (actual && p.ok) {
      const preview = p.value.existing ?? {
        alias: nextAlias(m.previews, "prv"),
        id: actual.id,
        sandboxId: s.id,
        port: this.port,
        status: "active" as const,
      };
      expectPreview(actual, preview, `${this}`);
      if (!p.value.existing) m.previews.push(preview);
    }
    return outcomeSummary(o);
  }
  toString(): string {
    return `CreatePreview(${this.pick}, port ${this.port})`;
  }
}

export class GetPreview extends ContractCommand {
  static override readonly ops = ["getPreview"] as const;
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.previews.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const p = pickOf(m.previews, this.pick) as MPreview;
    const o = await attempt(() => r.client.previews.get(p.id));
    expectPreview(expectSuccess(o, `${this}`), p, `${this} ${p.alias}`);
    return outcomeSummary(o);
  }
  toString(): string {
    return `GetPreview(${this.pick})`;
  }
}

/** A sandbox's previews, active and revoked, oldest first. */
export class ListPreviews extends ContractCommand {
  static override readonly ops = ["listPreviews"] as const;
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = pickSandbox(m, this.pick) as MSandbox;
    const o = await attempt(() => r.client.previews.list(s.id));
    const listed = expectSuccess(o, `${this} ${s.alias}`);
    const expected = m.previews.filter((p) => p.sandboxId === s.id);
    expect(listed.map((p) => p.id)).toEqual(expected.map((p) => p.id));
    for (const [i, p] of expected.entries()) expectPreview(listed[i] as Preview, p, `${this}`);
    return outcomeSummary(o);
  }
  toString(): string {
    return `ListPreviews(${this.pick})`;
  }
}

/** revokePreview, idempotent by state; `repeat` revokes twice (the second of a revoked one). */
export class RevokePreview extends ContractCommand {
  static override readonly ops = ["revokePreview"] as const;
  constructor(
    readonly pick: number,
    readonly repeat = false,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.previews.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const p = pickOf(m.previews, this.pick) as MPreview;
    const outcomes: unknown[] = [];
    for (let i = 0; i < (this.repeat ? 2 : 1); i++) {
      const o = await attempt(() => r.client.previews.revoke(p.id));
      p.status = "revoked";
      const label = `${this} ${p.alias}${i > 0 ? " (again)" : ""}`;
      expectPreview(expectSuccess(o, label), p, label);
      outcomes.push(outcomeSummary(o));
    }
    return outcomes;
  }
  toString(): string {
    return `RevokePreview(${this.pick}${this.repeat ? ", twice" : ""})`;
  }
}

export class UnknownPreview extends ContractCommand {
  static override readonly ops = ["getPreview", "revokePreview"] as const;
  check(): boolean {
    return true;
  }
  protected async exec(_m: Model, r: Real): Promise<unknown> {
    const id = unknownId("prv");
    const outcomes = [
      await attempt(() => r.client.previews.get(id)),
      await attempt(() => r.client.previews.revoke(id)),
    ];
    for (const o of outcomes) expectError(o, "not_found", `${this}`);
    return outcomes.map((o) => outcomeSummary(o));
  }
  toString(): string {
    return "UnknownPreview()";
  }
}

// ---- projects ------------------------------------------------------------------------------

/** The key's projects; the one the run's resources landed in is among them. */
export class ListProjects extends ContractCommand {
  static override readonly ops = ["listProjects"] as const;
  check(): boolean {
    return true;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const o = await attempt(() => r.client.projects.list());
    const projects = expectSuccess(o, `${this}`);
    expect(projects.length, "the key sees a project").toBeGreaterThan(0);
    if (r.target.mode === "in-process") {
      expect(projects.map((p) => ({ id: p.id, name: p.name }))).toEqual([
        { id: "prj_default", name: "Default project" },
      ]);
    }
    if (m.projectId !== null) expect(projects.map((p) => p.id)).toContain(m.projectId);
    return outcomeSummary(o);
  }
  toString(): string {
    return "ListProjects()";
  }
}

export const artifactCommands = [
  spec(
    CreateArtifact,
    () =>
      fc
        .tuple(
          fc.nat(),
          pathChoice,
          fc.option(fc.constantFrom("report.txt", "out"), { nil: undefined }),
        )
        .map(([p, path, name]) => new CreateArtifact(p, path, name)),
    MAKER,
  ),
  spec(GetArtifact, () => fc.nat().map((p) => new GetArtifact(p))),
  spec(ListArtifacts, () => fc.nat().map((p) => new ListArtifacts(p))),
  spec(DownloadArtifact, () => fc.nat().map((p) => new DownloadArtifact(p))),
  spec(SignedArtifactDownload, () => fc.nat().map((p) => new SignedArtifactDownload(p))),
  spec(DeleteArtifact, () => fc.nat().map((p) => new DeleteArtifact(p))),
  spec(UnknownArtifact, () => fc.constant(new UnknownArtifact()), PROBE),
  spec(CreatePreview, () =>
    fc
      .tuple(
        fc.nat(),
        fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(3000, 8080, 5173) },
          // The contract's range at both ends, and one past each (invalid_request).
          {
            weight: 2,
            arbitrary: fc.constantFrom(
              CONTRACT_LIMITS.portMin,
              CONTRACT_LIMITS.portMax,
              CONTRACT_LIMITS.portMin - 1,
              CONTRACT_LIMITS.portMax + 1,
            ),
          },
        ),
      )
      .map(([p, port]) => new CreatePreview(p, port)),
  ),
  spec(GetPreview, () => fc.nat().map((p) => new GetPreview(p))),
  spec(ListPreviews, () => fc.nat().map((p) => new ListPreviews(p))),
  spec(RevokePreview, () =>
    fc.tuple(fc.nat(), fc.boolean()).map(([p, repeat]) => new RevokePreview(p, repeat)),
  ),
  spec(UnknownPreview, () => fc.constant(new UnknownPreview()), PROBE),
  spec(ListProjects, () => fc.constant(new ListProjects()), PROBE),
];
