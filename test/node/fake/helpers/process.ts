// Shared setup of the fake tests of the process engine: a contract-checked fake with one sandbox.
import type { FakeOptions } from "../../../../fake/index.ts";
import {
  type CallOptions,
  type CallResult,
  createTestFake,
  type TestFake,
} from "../../../helpers/test-fake.ts";

/** A contract-checked fake, one sandbox, and shorthands for the Commands API. */
export interface ProcessFixture extends TestFake {
  sandboxId: string;
  run(command: string, extra?: Record<string, unknown>, o?: CallOptions): Promise<CallResult>;
  start(command: string, extra?: Record<string, unknown>, o?: CallOptions): Promise<CallResult>;
  get(commandId: string, o?: CallOptions): Promise<CallResult>;
  cancel(commandId: string, mode?: "graceful" | "force"): Promise<CallResult>;
  logs(commandId: string, query?: string): Promise<CallResult>;
  writeFile(path: string, content: string): Promise<void>;
  readFile(path: string): Promise<CallResult>;
}

export async function setup(options: FakeOptions = {}): Promise<ProcessFixture> {
  const t = createTestFake(options);
  const sbx = await t.call("POST", "/v1/sandboxes", { body: {} });
  if (sbx.status !== 201) throw new Error(`sandbox: ${sbx.status} ${sbx.text}`);
  const sandboxId = sbx.json.id as string;
  return {
    ...t,
    sandboxId,
    run: (command, extra = {}, o = {}) =>
      t.call("POST", `/v1/sandboxes/${sandboxId}/commands/run`, {
        ...o,
        body: { command, ...extra },
      }),
    start: (command, extra = {}, o = {}) =>
      t.call("POST", `/v1/sandboxes/${sandboxId}/commands`, { ...o, body: { command, ...extra } }),
    get: (id, o = {}) => t.call("GET", `/v1/commands/${id}`, o),
    cancel: (id, mode) =>
      t.call("POST", `/v1/commands/${id}/cancel`, mode ? { body: { mode } } : {}),
    logs: (id, query = "") => t.call("GET", `/v1/commands/${id}/logs${query}`),
    async writeFile(path, content) {
      const r = await t.call("PUT", `/v1/sandboxes/${sandboxId}/files/content`, {
        body: { path, content, createParents: true },
      });
      if (r.status !== 200) throw new Error(`write ${path}: ${r.status} ${r.text}`);
    },
    readFile: (path) =>
      t.call("GET", `/v1/sandboxes/${sandboxId}/files/content?path=${encodeURIComponent(path)}`),
  };
}
