import { type HandleDeps, type SandboxHandle, sandboxHandles } from "../handle.ts";
import { call, splitKey } from "../operations.ts";
import type { RequestOptions, Transport } from "../transport.ts";
import type { CreateSandboxInput, ListSandboxesInput, Sandbox, SandboxId } from "../types.ts";

/** client.sandboxes: sandbox lifecycle. */
export interface Sandboxes {
  /** Creates a running sandbox; `expiresAt` reflects the resolved TTL. */
  create(input?: CreateSandboxInput, options?: RequestOptions): Promise<SandboxHandle>;
  /** A sandbox's record, as a handle bound to it (ended sandboxes too). */
  get(sandboxId: string, options?: RequestOptions): Promise<SandboxHandle>;
  /** Live sandboxes (`includeEnded` adds destroyed and failed ones). */
  list(input?: ListSandboxesInput, options?: RequestOptions): Promise<Sandbox[]>;
  /** Destroys the sandbox and returns its record (status `destroyed`); idempotent by state. */
  kill(sandboxId: string, options?: RequestOptions): Promise<Sandbox>;
}

export function sandboxes(t: Transport, deps: Omit<HandleDeps, "kill">): Sandboxes {
  const kill = (sandboxId: SandboxId, options?: RequestOptions) =>
    call(t, "killSandbox", { params: { path: { sandboxId } } }, options);
  const handle = sandboxHandles({ ...deps, kill });
  return {
    async create(input, options) {
      const [body, o] = splitKey(input, options);
      return handle(await call(t, "createSandbox", { body }, o));
    },
    async get(sandboxId, options) {
      return handle(await call(t, "getSandbox", { params: { path: { sandboxId } } }, options));
    },
    async list(input, options) {
      return (await call(t, "listSandboxes", { params: { query: { ...input } } }, options)).data;
    },
    kill,
  };
}
