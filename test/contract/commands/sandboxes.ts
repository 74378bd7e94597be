/**
 * Sandbox commands: create (TTL limit, live-sandbox quota), get (unknown and
 * malformed IDs too), list, kill (idempotent by state).
 *
 * @module
 */
import fc from "fast-check";
import { expect } from "vitest";
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
  applyCreateSandbox,
  applySandboxEnd,
  type CreateSandboxArgs,
  type Model,
  pickOf,
  predictCreateSandbox,
  predictListSandboxes,
  sandboxPrediction,
  type Template,
} from "../model.ts";
import {
  expectSandbox,
  type GenContext,
  MAKER,
  metadata,
  PROBE,
  spec,
  unknownId,
} from "./shared.ts";

export class CreateSandbox extends ContractCommand {
  static override readonly ops = ["createSandbox"] as const;
  constructor(readonly args: CreateSandboxArgs) {
    super();
  }
  check(): boolean {
    return true;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const args = { ...this.args, metadata: { ...this.args.metadata, ct: r.tag } };
    const p = predictCreateSandbox(m, args);
    const o = await attempt(() => r.client.sandboxes.create(args));
    const handle = expectPrediction(o, p, `${this}`);
    if (handle && p.ok) {
      expectSandbox(handle, p.value, `${this}`);
      expect(handle.toJSON().id, "the handle's record").toBe(handle.id);
      if (m.projectId !== null) expect(handle.projectId).toBe(m.projectId);
      m.projectId = handle.projectId;
      applyCreateSandbox(m, handle.id, p.value);
    }
    return outcomeSummary(o, (v) => (v as { toJSON(): unknown }).toJSON());
  }
  toString(): string {
    return `CreateSandbox(${JSON.stringify(this.args)})`;
  }
}

export class GetSandbox extends ContractCommand {
  static override readonly ops = ["getSandbox"] as const;
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = pickOf(m.sandboxes, this.pick);
    if (!s) return "none";
    const o = await attempt(() => r.client.sandboxes.get(s.id));
    const actual = expectSuccess(o, `${this} ${s.alias}`);
    expect(actual.id).toBe(s.id);
    expectSandbox(actual, sandboxPrediction(m, s), `${this} ${s.alias}`);
    return outcomeSummary(o, (v) => (v as { toJSON(): unknown }).toJSON());
  }
  toString(): string {
    return `GetSandbox(${this.pick})`;
  }
}

/** An ID no sandbox has, well-formed or not: 404 not_found either way. */
export class GetUnknownSandbox extends ContractCommand {
  static override readonly ops = ["getSandbox", "killSandbox"] as const;
  constructor(readonly malformed: boolean) {
    super();
  }
  check(): boolean {
    return true;
  }
  protected async exec(_m: Model, r: Real): Promise<unknown> {
    const id = this.malformed ? ("sandbox-that-is-not-an-id" as `sbx_${string}`) : unknownId("sbx");
    const get = await attempt(() => r.client.sandboxes.get(id));
    expectError(get, "not_found", `${this} get`);
    const kill = await attempt(() => r.client.sandboxes.kill(id));
    expectError(kill, "not_found", `${this} kill`);
    return [outcomeSummary(get), outcomeSummary(kill)];
  }
  toString(): string {
    return `GetUnknownSandbox(${this.malformed ? "malformed" : "unknown"})`;
  }
}

/** listSandboxes; `includeEnded` left out is false. */
export class ListSandboxes extends ContractCommand {
  static override readonly ops = ["listSandboxes"] as const;
  constructor(readonly includeEnded: boolean | undefined) {
    super();
  }
  check(): boolean {
    return true;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const o = await attempt(() =>
      r.client.sandboxes.list(
        this.includeEnded === undefined ? undefined : { includeEnded: this.includeEnded },
      ),
    );
    const listed = expectSuccess(o, `${this}`);
    const known = new Set(m.sandboxes.map((s) => s.id));
    // On a shared target, other sandboxes may be listed: ours carry the run's tag.
    const ours = listed.filter((s) => known.has(s.id) || s.metadata.ct === r.tag);
    expect(
      ours.map((s) => s.id),
      `${this}: our sandboxes, oldest first`,
    ).toEqual(predictListSandboxes(m, this.includeEnded ?? false));
    if (r.target.mode === "in-process") expect(listed).toHaveLength(ours.length);
    for (const actual of ours) {
      const s = m.sandboxes.find((x) => x.id === actual.id);
      if (s) expectSandbox(actual, sandboxPrediction(m, s), `${this} ${s.alias}`);
    }
    expect(new Set(listed.map((s) => s.id)).size, "no sandbox listed twice").toBe(listed.length);
    return ours;
  }
  toString(): string {
    return `ListSandboxes(includeEnded=${this.includeEnded})`;
  }
}

/**
 * kill, directly or through a handle (`sandboxes.get(id).kill()`); idempotent
 * by state: killing an ended sandbox answers its record. `ended` picks an
 * ended sandbox when there is one; `repeat` kills twice.
 */
export class KillSandbox extends ContractCommand {
  static override readonly ops = ["killSandbox", "getSandbox"] as const;
  constructor(
    readonly pick: number,
    readonly viaHandle: boolean,
    readonly ended = false,
    readonly repeat = false,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const gone = m.sandboxes.filter((x) => x.status !== "running");
    const s = (this.ended && pickOf(gone, this.pick)) || pickOf(m.sandboxes, this.pick);
    if (!s) return "none";
    const outcomes: unknown[] = [];
    for (let i = 0; i < (this.repeat ? 2 : 1); i++) {
      const o = await attempt(async () =>
        this.viaHandle
          ? (await r.client.sandboxes.get(s.id)).kill()
          : r.client.sandboxes.kill(s.id),
      );
      applySandboxEnd(m, s, "killed");
      const label = `${this} ${s.alias}${i > 0 ? " (again)" : ""}`;
      const actual = expectSuccess(o, label);
      expect(actual.id).toBe(s.id);
      expectSandbox(actual, sandboxPrediction(m, s), label);
      outcomes.push(o);
    }
    return outcomes;
  }
  toString(): string {
    const how = [
      this.viaHandle && "via handle",
      this.ended && "an ended one",
      this.repeat && "twice",
    ];
    return `KillSandbox(${[this.pick, ...how.filter(Boolean)].join(", ")})`;
  }
}

const TEMPLATES: Template[] = ["python", "node", "python-node", "base"];

/** Labels, with the run's tag (`ct`) added: up to the contract's key limit, and one over. */
function sandboxMetadata(): fc.Arbitrary<Record<string, string>> {
  const many = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
  const max = CONTRACT_LIMITS.metadataMaxKeys;
  return fc.oneof(
    { weight: 10, arbitrary: metadata },
    // With the tag: exactly the limit, and one key over it (invalid_request).
    { weight: 1, arbitrary: fc.constantFrom(many(max - 1), many(max)) },
  );
}

function createArgs(ctx: GenContext): fc.Arbitrary<CreateSandboxArgs> {
  // Without the model's clock, TTLs stay long: nothing may expire during a run.
  const max = ctx.limits.maxTtlMs;
  const ttl = ctx.clockKnown
    ? fc.constantFrom(undefined, undefined, 1_000, 45_000, 120_000, 600_000, 600_000, max)
    : fc.constantFrom(undefined, 900_000, max);
  return fc
    .record(
      {
        ttlMs: fc.oneof(
          { weight: 12, arbitrary: ttl },
          {
            weight: 2,
            arbitrary: fc.constantFrom(max + 1, CONTRACT_LIMITS.ttlMinMs - 1),
          },
        ),
        template: fc.constantFrom(...TEMPLATES),
        metadata: sandboxMetadata(),
      },
      { requiredKeys: [] },
    )
    .map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)));
}

export const sandboxCommands = [
  spec(CreateSandbox, (ctx) => createArgs(ctx).map((a) => new CreateSandbox(a)), MAKER),
  spec(GetSandbox, () => fc.nat().map((p) => new GetSandbox(p))),
  spec(GetUnknownSandbox, () => fc.boolean().map((b) => new GetUnknownSandbox(b)), PROBE),
  spec(ListSandboxes, () =>
    fc.constantFrom(undefined, false, true).map((b) => new ListSandboxes(b)),
  ),
  spec(KillSandbox, () =>
    fc
      .tuple(fc.nat(), fc.boolean(), fc.boolean(), fc.boolean())
      .map(([p, h, ended, repeat]) => new KillSandbox(p, h, ended, repeat)),
  ),
];
