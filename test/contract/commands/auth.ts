/**
 * Keys, scopes, visibility, idempotency and time: a key without an
 * operation's scope (403 forbidden, for every scoped operation), a key that
 * sees no project (404, existence never leaks), an unknown key (401),
 * idempotent replays (same key and body: the first answer, one resource;
 * another body: 409 idempotency_key_reused), and the fake's clock moving
 * (TTL expiry, timeouts, sleeps, the end of a graceful cancel's grace).
 *
 * @module
 */
import fc from "fast-check";
import { expect } from "vitest";
import { ALL_SCOPES } from "../../../fake/index.ts";
import { type OperationId, operations } from "../../../src/generated/contract.ts";
import type { CrowNestClient } from "../../../src/index.ts";
import {
  attempt,
  ContractCommand,
  expectError,
  expectPrediction,
  expectSuccess,
  narrowClient,
  outcomeSummary,
  type Real,
  unknownKeyClient,
} from "../harness.ts";
import {
  advanceClock,
  applyCreateRun,
  applyCreateSandbox,
  applySpawn,
  commandLine,
  commandPrediction,
  type MArtifact,
  type MCommand,
  type Model,
  type MPreview,
  type MRun,
  type MSandbox,
  predictCreateSandbox,
  predictListSandboxes,
  predictSpawnError,
  renderScript,
  type SpawnArgs,
  sandboxPrediction,
} from "../model.ts";
import {
  errorCode,
  expectCommand,
  expectSandbox,
  fetchRetrying,
  PROBE,
  spec,
  unknownId,
} from "./shared.ts";

const SBX = unknownId("sbx");
const CMD = unknownId("cmd");
const ART = unknownId("art");
const PRV = unknownId("prv");
const WSR = unknownId("wsr");
const SHA = "0".repeat(64);

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) {
    // Forbidden before the first event.
  }
}

/** One call of each scoped operation, by a client (IDs need not exist: scopes come first). */
const SCOPED_CALLS: Partial<Record<OperationId, (c: CrowNestClient, r: Real) => Promise<unknown>>> =
  {
    listSandboxes: (c) => c.sandboxes.list(),
    createSandbox: (c) => c.sandboxes.create(),
    getSandbox: (c) => c.sandboxes.get(SBX),
    killSandbox: (c) => c.sandboxes.kill(SBX),
    runCommand: (c) => c.commands.run(SBX, "true"),
    startCommand: (c) => c.commands.start(SBX, "true"),
    getCommand: (c) => c.commands.get(CMD),
    cancelCommand: (c) => c.commands.cancel(CMD),
    listCommandLogs: (c) => c.commands.logs(CMD),
    streamCommandLogs: (c) => drain(c.commands.streamLogs(CMD)),
    listFiles: (c) => c.files.list(SBX),
    deleteFile: (c) => c.files.delete(SBX, "a.txt"),
    readFile: (c) => c.files.read(SBX, "a.txt"),
    writeFile: (c) => c.files.write(SBX, "a.txt", "x"),
    statFile: (c) => c.files.stat(SBX, "a.txt"),
    makeDirectory: (c) => c.files.mkdir(SBX, "d"),
    moveFile: (c) => c.files.move(SBX, "a.txt", "b.txt"),
    createFileDownloadUrl: (c) => c.files.downloadUrl(SBX, "a.txt"),
    listArtifacts: (c) => c.artifacts.list(SBX),
    createArtifact: (c) => c.artifacts.create(SBX, "a.txt"),
    getArtifact: (c) => c.artifacts.get(ART),
    deleteArtifact: (c) => c.artifacts.delete(ART),
    downloadArtifact: (c) => c.artifacts.download(ART),
    createArtifactDownloadUrl: (c) => c.artifacts.downloadUrl(ART),
    listPreviews: (c) => c.previews.list(SBX),
    createPreview: (c) => c.previews.create(SBX, 3000),
    getPreview: (c) => c.previews.get(PRV),
    revokePreview: (c) => c.previews.revoke(PRV),
    listProjects: (c) => c.projects.list(),
    listWorkspaceRuns: (c) => c.workspaceRuns.list(),
    createWorkspaceRun: (c) => c.workspaceRuns.create({ command: "true" }),
    getWorkspaceRun: (c) => c.workspaceRuns.get(WSR),
    uploadWorkspaceRunArchive: (c) =>
      c.workspaceRuns.uploadArchive(WSR, { bytes: Uint8Array.of(0x1f, 0x8b, 0) }),
    createArchiveTransfer: (c) =>
      c.workspaceRuns.createArchiveTransfer(WSR, { sha256: SHA, sizeBytes: 3 }),
    finalizeArchive: (c) =>
      c.workspaceRuns.finalizeArchive(WSR, {
        uploadId: "upl_Zz9unknown" as never,
        sha256: SHA,
        sizeBytes: 3,
      }),
    startWorkspaceRun: (c) => c.workspaceRuns.start(WSR),
    streamWorkspaceRunEvents: (c) => drain(c.workspaceRuns.streamEvents(WSR)),
    cancelWorkspaceRun: (c) => c.workspaceRuns.cancel(WSR),
    getWorkspaceRunEvidence: (c) => c.workspaceRuns.evidence(WSR),
  };

/** Signed-URL targets with scopes, called by hand with a narrow key. */
const RAW_SCOPED: Partial<Record<OperationId, (r: Real) => Request>> = {
  downloadFile: (r) => new Request(`${r.target.baseUrl}/v1/file-downloads/not-a-token`),
  uploadArchiveTransfer: (r) =>
    new Request(`${r.target.baseUrl}/v1/archive-uploads/upl_Zz9unknown?token=t`, {
      method: "PUT",
      headers: { "content-type": "application/gzip" },
      body: Uint8Array.of(0x1f, 0x8b, 0),
    }),
};

/** Every operation that needs a scope. */
export const SCOPED_OPERATIONS = (Object.keys(operations) as OperationId[]).filter(
  (op) => operations[op].scopes.length > 0,
);

/** A key with every scope but the operation's: 403 forbidden, and nothing changes. */
export class Forbidden extends ContractCommand {
  static override readonly ops = SCOPED_OPERATIONS;
  static override readonly needs = ["keys"] as const;
  /** Reaches every operation only to be refused: not counted as covering them. */
  static readonly coverage = false;
  constructor(readonly op: OperationId) {
    super();
  }
  check(): boolean {
    return true;
  }
  protected async exec(_m: Model, r: Real): Promise<unknown> {
    const needed = operations[this.op].scopes;
    const scopes = ALL_SCOPES.filter((s) => !needed.includes(s));
    const call = SCOPED_CALLS[this.op];
    if (call) {
      const o = await attempt(() => call(narrowClient(r, scopes), r));
      expectError(o, "forbidden", `${this}`);
      expect(o.ok ? undefined : o.error.details?.missingScopes, `${this}: details`).toBeDefined();
      return outcomeSummary(o);
    }
    const make = RAW_SCOPED[this.op];
    if (!make) throw new Error(`no forbidden call for ${this.op}`);
    const fake = r.target.fake;
    if (!fake) throw new Error("Forbidden needs the in-process fake");
    const key = fake.createApiKey({ scopes });
    const res = await fetchRetrying(r, () => {
      const request = make(r);
      request.headers.set("authorization", `Bearer ${key}`);
      return request;
    });
    expect(res.status, `${this}`).toBe(403);
    expect(await errorCode(res)).toBe("forbidden");
    return { error: "forbidden" };
  }
  toString(): string {
    return `Forbidden(${this.op})`;
  }
}

/** Artifact collection needs `artifact:create` on top of `command:run`. */
export class ForbiddenCollect extends ContractCommand {
  static override readonly ops = ["runCommand", "createWorkspaceRun"] as const;
  static override readonly needs = ["keys"] as const;
  static readonly coverage = false;
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = m.sandboxes[0] as MSandbox;
    const noArtifacts = narrowClient(
      r,
      ALL_SCOPES.filter((x) => x !== "artifact:create"),
    );
    const run = await attempt(() =>
      noArtifacts.commands.run(s.id, "echo x > a.txt", { collect: [{ path: "a.txt" }] }),
    );
    expectError(run, "forbidden", `${this}: runCommand`);
    const noRead = narrowClient(
      r,
      ALL_SCOPES.filter((x) => x !== "file:read"),
    );
    const create = await attempt(() =>
      noRead.workspaceRuns.create({ command: "true", artifacts: [{ path: "a.txt" }] }),
    );
    expectError(create, "forbidden", `${this}: createWorkspaceRun`);
    return [outcomeSummary(run), outcomeSummary(create)];
  }
  toString(): string {
    return "ForbiddenCollect()";
  }
}

/** A key that sees no project: the run's resources are 404 and lists are empty. */
export class NotVisible extends ContractCommand {
  static override readonly ops = [
    "getSandbox",
    "listSandboxes",
    "getCommand",
    "getArtifact",
    "getPreview",
    "getWorkspaceRun",
    "listWorkspaceRuns",
  ] as const;
  static override readonly needs = ["keys"] as const;
  static readonly coverage = false;
  check(): boolean {
    return true;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const c = narrowClient(r, ALL_SCOPES, []);
    const hidden: [string, () => Promise<unknown>][] = [];
    if (m.sandboxes[0])
      hidden.push(["sandbox", () => c.sandboxes.get((m.sandboxes[0] as MSandbox).id)]);
    if (m.commands[0])
      hidden.push(["command", () => c.commands.get((m.commands[0] as MCommand).id)]);
    if (m.artifacts[0])
      hidden.push(["artifact", () => c.artifacts.get((m.artifacts[0] as MArtifact).id)]);
    if (m.previews[0])
      hidden.push(["preview", () => c.previews.get((m.previews[0] as MPreview).id)]);
    if (m.runs[0]) hidden.push(["run", () => c.workspaceRuns.get((m.runs[0] as MRun).id)]);
    for (const [what, call] of hidden)
      expectError(await attempt(call), "not_found", `${this} ${what}`);
    expect(
      expectSuccess(await attempt(() => c.sandboxes.list({ includeEnded: true })), "list"),
    ).toEqual([]);
    expect(expectSuccess(await attempt(() => c.workspaceRuns.list()), "list runs")).toEqual([]);
    return hidden.map(([what]) => what);
  }
  toString(): string {
    return "NotVisible()";
  }
}

/** A key the service doesn't know: 401 unauthorized. */
export class Unauthorized extends ContractCommand {
  static override readonly ops = ["listSandboxes", "createSandbox", "listProjects"] as const;
  static readonly coverage = false;
  check(): boolean {
    return true;
  }
  protected async exec(_m: Model, r: Real): Promise<unknown> {
    const c = unknownKeyClient(r);
    const outcomes = [
      await attempt(() => c.sandboxes.list()),
      await attempt(() => c.sandboxes.create()),
      await attempt(() => c.projects.list()),
    ];
    for (const o of outcomes) expectError(o, "unauthorized", `${this}`);
    return outcomes.map((o) => outcomeSummary(o));
  }
  toString(): string {
    return "Unauthorized()";
  }
}

/**
 * The same Idempotency-Key twice with the same body: the first answer again,
 * one resource; then with another body: 409 idempotency_key_reused.
 */
export class IdempotentReplay extends ContractCommand {
  static override readonly ops = ["createSandbox", "startCommand", "createWorkspaceRun"] as const;
  constructor(readonly kind: "sandbox" | "command" | "run") {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return this.kind !== "command" || m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const key = `${r.tag}-replay-${r.trace.length}-${m.sandboxes.length}-${m.commands.length}-${m.runs.length}`;
    const label = `${this}`;
    if (this.kind === "sandbox") {
      const body = { metadata: { ct: r.tag, replay: "1" }, idempotencyKey: key };
      const p = predictCreateSandbox(m, body);
      const first = await attempt(() => r.client.sandboxes.create(body));
      const second = await attempt(() => r.client.sandboxes.create(body));
      const a = expectPrediction(first, p, `${label} first`);
      const b = expectPrediction(second, p, `${label} replay`);
      if (!a || !b || !p.ok) return outcomeSummary(second);
      expect(b.toJSON(), `${label}: the replay is the first answer`).toEqual(a.toJSON());
      const s = applyCreateSandbox(m, a.id, p.value);
      expectSandbox(a, sandboxPrediction(m, s), label);
      const other = await attempt(() =>
        r.client.sandboxes.create({ ...body, metadata: { ct: r.tag, replay: "2" } }),
      );
      expectError(other, "idempotency_key_reused", `${label}: another body`);
      return [
        outcomeSummary(second, (v) => (v as { toJSON(): unknown }).toJSON()),
        outcomeSummary(other),
      ];
    }
    if (this.kind === "command") {
      const s = m.sandboxes[0] as MSandbox;
      const args: SpawnArgs = {
        kind: "instant",
        script: {
          steps: [
            {
              conn: ";",
              step: {
                kind: "echo",
                words: ["once"],
                redirect: { path: "replay.log", append: true },
              },
            },
          ],
        },
      };
      const error = predictSpawnError(m, s, args);
      const line = commandLine(args);
      const first = await attempt(() =>
        r.client.commands.start(s.id, line, { idempotencyKey: key }),
      );
      const second = await attempt(() =>
        r.client.commands.start(s.id, line, { idempotencyKey: key }),
      );
      if (error) {
        expectError(first, error, `${label} first`);
        expectError(second, error, `${label} replay`);
        return outcomeSummary(second);
      }
      const a = expectSuccess(first, `${label} first`);
      const b = expectSuccess(second, `${label} replay`);
      expect(b, `${label}: the replay is the first answer`).toEqual(a);
      const c = applySpawn(m, s, a.id, args);
      expectCommand(
        { ...a, status: "queued" },
        { ...commandPrediction(c), status: "queued", exitCode: null, stdout: "", stderr: "" },
        label,
        true,
      );
      const other = await attempt(() =>
        r.client.commands.start(s.id, "echo other", { idempotencyKey: key }),
      );
      expectError(other, "idempotency_key_reused", `${label}: another body`);
      return [
        outcomeSummary(second, (v) => ({ ...(v as object), status: "queued" })),
        outcomeSummary(other),
      ];
    }
    const script = {
      steps: [{ conn: ";" as const, step: { kind: "echo" as const, words: ["replay"] } }],
    };
    const input = { command: renderScript(script), metadata: { ct: r.tag }, idempotencyKey: key };
    const first = await attempt(() => r.client.workspaceRuns.create(input));
    const second = await attempt(() => r.client.workspaceRuns.create(input));
    const a = expectSuccess(first, `${label} first`);
    expect(
      expectSuccess(second, `${label} replay`),
      `${label}: the replay is the first answer`,
    ).toEqual(a);
    applyCreateRun(m, a.id, script, { ct: r.tag });
    const other = await attempt(() =>
      r.client.workspaceRuns.create({ ...input, command: "echo other" }),
    );
    expectError(other, "idempotency_key_reused", `${label}: another body`);
    return [outcomeSummary(second), outcomeSummary(other)];
  }
  toString(): string {
    return `IdempotentReplay(${this.kind})`;
  }
}

/**
 * The fake's clock moves (manual clock): whatever falls due fires in time
 * order; then every sandbox's status is checked against the model.
 */
export class Advance extends ContractCommand {
  static override readonly ops = ["listSandboxes"] as const;
  static override readonly needs = ["clock"] as const;
  constructor(readonly ms: number) {
    super();
  }
  check(): boolean {
    return true;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const fake = r.target.fake;
    if (!fake) throw new Error("Advance needs the in-process fake");
    await fake.clock.advance(this.ms);
    advanceClock(m, this.ms);
    const o = await attempt(() => r.client.sandboxes.list({ includeEnded: true }));
    const listed = expectSuccess(o, `${this}`);
    expect(listed.map((s) => s.id)).toEqual(predictListSandboxes(m, true));
    for (const actual of listed) {
      const s = m.sandboxes.find((x) => x.id === actual.id);
      if (s) expectSandbox(actual, sandboxPrediction(m, s), `${this} ${s.alias}`);
    }
    return listed.map((s) => s.status);
  }
  toString(): string {
    return `Advance(${this.ms} ms)`;
  }
}

export const authCommands = [
  spec(
    Forbidden,
    () => fc.constantFrom(...SCOPED_OPERATIONS).map((op) => new Forbidden(op)),
    PROBE,
  ),
  spec(ForbiddenCollect, () => fc.constant(new ForbiddenCollect()), PROBE),
  spec(NotVisible, () => fc.constant(new NotVisible()), PROBE),
  spec(Unauthorized, () => fc.constant(new Unauthorized()), PROBE),
  spec(IdempotentReplay, () =>
    fc
      .constantFrom<"sandbox" | "command" | "run">("sandbox", "command", "run")
      .map((k) => new IdempotentReplay(k)),
  ),
  spec(Advance, () =>
    fc
      .constantFrom(1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000)
      .map((ms) => new Advance(ms)),
  ),
];
