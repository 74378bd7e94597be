import type { Artifacts } from "./resources/artifacts.ts";
import type { Commands } from "./resources/commands.ts";
import type { Files } from "./resources/files.ts";
import type { Previews } from "./resources/previews.ts";
import type { RequestOptions } from "./transport.ts";
import type { Sandbox, SandboxId } from "./types.ts";

/** `T` with the methods `K` bound to a sandbox: their first argument (the sandbox id) dropped. */
export type Bound<T, K extends keyof T> = {
  readonly [P in keyof T]: P extends K
    ? T[P] extends (first: SandboxId, ...rest: infer A) => infer R
      ? (...rest: A) => R
      : never
    : T[P];
};
/** `client.commands`' `run` and `start`, bound to one sandbox. */
export type SandboxCommands = Bound<Commands, "run" | "start">;
/** `client.files`, bound to one sandbox. */
export type SandboxFiles = Bound<Files, keyof Files>;
/** `client.artifacts`' `create` and `list`, bound to one sandbox. */
export type SandboxArtifacts = Bound<Artifacts, "create" | "list">;
/** `client.previews`' `create` and `list`, bound to one sandbox. */
export type SandboxPreviews = Bound<Previews, "create" | "list">;

/**
 * What sandboxes.create and sandboxes.get return: the sandbox record's fields
 * (a snapshot, read-only), plus sub-clients bound to the sandbox. `await using`
 * kills the sandbox at the end of the scope.
 */
export interface SandboxHandle extends Readonly<Sandbox> {
  /** Runs and starts commands in this sandbox. */
  readonly commands: SandboxCommands;
  /** This sandbox's files. */
  readonly files: SandboxFiles;
  /** Exports this sandbox's files as artifacts, and lists them. */
  readonly artifacts: SandboxArtifacts;
  /** Opens and lists previews of this sandbox's ports. */
  readonly previews: SandboxPreviews;
  /** Destroys the sandbox; returns its record (status `destroyed`). Idempotent. */
  kill(options?: RequestOptions): Promise<Sandbox>;
  /** The plain record. */
  toJSON(): Sandbox;
  /** Kills the sandbox, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** The resources a handle binds. */
export interface HandleDeps {
  commands: Commands;
  files: Files;
  artifacts: Artifacts;
  previews: Previews;
  kill(sandboxId: string, options?: RequestOptions): Promise<Sandbox>;
}

// Runtimes without Symbol.asyncDispose: TypeScript's `await using` helper
// looks the method up under Symbol.for("Symbol.asyncDispose").
const asyncDispose: symbol =
  (Symbol as { asyncDispose?: symbol }).asyncDispose ?? Symbol.for("Symbol.asyncDispose");

function bind<T extends object>(target: T, id: SandboxId, names: (keyof T)[]): unknown {
  const bound = { ...target } as Record<PropertyKey, unknown>;
  for (const name of names) {
    const fn = target[name] as (...args: unknown[]) => unknown;
    bound[name as PropertyKey] = (...args: unknown[]) => fn(id, ...args);
  }
  return Object.freeze(bound);
}

type SubClients = Pick<SandboxHandle, "commands" | "files" | "artifacts" | "previews">;

/** Makes the handles of one client. */
export function sandboxHandles(deps: HandleDeps): (record: Sandbox) => SandboxHandle {
  // The bound sub-clients are getters on a prototype shared by the client's
  // handles, built on first use and cached per handle: binding every
  // sub-client of every handle up front made sandboxes.get slower.
  const cache = new WeakMap<object, Partial<Record<keyof SubClients, unknown>>>();
  function sub(handle: { id: SandboxId }, name: keyof SubClients, make: () => unknown): unknown {
    let subs = cache.get(handle);
    if (!subs) {
      subs = {};
      cache.set(handle, subs);
    }
    if (subs[name] === undefined) subs[name] = make();
    return subs[name];
  }
  const fileNames = Object.keys(deps.files) as (keyof Files)[];
  const proto = Object.freeze({
    get commands() {
      return sub(this, "commands", () => bind(deps.commands, this.id, ["run", "start"]));
    },
    get files() {
      return sub(this, "files", () => bind(deps.files, this.id, fileNames));
    },
    get artifacts() {
      return sub(this, "artifacts", () => bind(deps.artifacts, this.id, ["create", "list"]));
    },
    get previews() {
      return sub(this, "previews", () => bind(deps.previews, this.id, ["create", "list"]));
    },
  } as ThisType<{ id: SandboxId }>);
  return (record) => {
    const id = record.id;
    const kill = (options?: RequestOptions) => deps.kill(id, options);
    const handle = Object.assign(Object.create(proto), record, {
      kill,
      toJSON: () => structuredClone(record),
      [asyncDispose]: async () => {
        await kill();
      },
    });
    return Object.freeze(handle) as SandboxHandle;
  };
}
