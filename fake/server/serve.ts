/**
 * Runtime-neutral serving of the fake over HTTP: Deno.serve on Deno,
 * Bun.serve on Bun, @hono/node-server on Node (serve-node.ts).
 *
 * @module
 */
import { createFake, type Fake, type FakeOptions } from "../create-fake.ts";
import { isDropped } from "../http/faults.ts";
import type { RunningServer, ServeOptions } from "./serve-options.ts";

export type { RunningServer, ServeOptions };

interface DenoLike {
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (request: Request) => Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
  readTextFile(path: string): Promise<string>;
  args: string[];
  exit(code: number): never;
  addSignalListener(signal: string, fn: () => void): void;
}

interface BunLike {
  serve(options: {
    port: number;
    hostname: string;
    fetch: (request: Request) => Promise<Response>;
    idleTimeout?: number;
  }): { port: number; stop(closeActive?: boolean): Promise<void> | void };
  file(path: string): { text(): Promise<string> };
}

/** The Deno namespace, when running on Deno. */
export const deno: DenoLike | undefined = (globalThis as { Deno?: DenoLike }).Deno;
/** The Bun namespace, when running on Bun. */
export const bun: BunLike | undefined = (globalThis as { Bun?: BunLike }).Bun;

/**
 * The Node side, loaded on Node only. Its specifier is computed so that a
 * bundler for another runtime (a Worker importing `@crownest/sdk/fake`)
 * leaves it, and @hono/node-server with it, out.
 */
function nodeSide(): Promise<typeof import("./serve-node.ts")> {
  const file = import.meta.url.endsWith(".ts") ? "./serve-node.ts" : "./serve-node.js";
  return import(new URL(file, import.meta.url).href);
}

/** Serves on whichever runtime this is. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  if (deno) {
    let port = options.port;
    const server = deno.serve(
      { port: options.port, hostname: options.hostname, onListen: (addr) => (port = addr.port) },
      options.fetch,
    );
    port = server.addr.port;
    return { port, close: () => server.shutdown() };
  }
  if (bun) {
    const server = bun.serve({
      port: options.port,
      hostname: options.hostname,
      fetch: options.fetch,
      // SSE streams stay open while quiet; heartbeats keep them busy.
      idleTimeout: 0,
    });
    return {
      port: server.port,
      close: async () => {
        await server.stop(true);
      },
    };
  }
  const { serveNode } = await nodeSide();
  return serveNode(options);
}

/** Reads a UTF-8 file on any of the runtimes. */
export async function readTextFile(path: string): Promise<string> {
  if (deno) return deno.readTextFile(path);
  if (bun) return bun.file(path).text();
  const { readTextFile: read } = await nodeSide();
  return read(path);
}

/** Options of {@link serveFake}: createFake()'s, and where to listen. */
export interface ServeFakeOptions extends FakeOptions {
  /** The port to listen on (default 8787); 0 picks a free one (see `port` and `url`). */
  port?: number;
  /** The address to listen on (default 127.0.0.1). */
  hostname?: string;
  /**
   * Runs on the new fake before it serves its first request: define
   * programs (`fake.programs.define`), fault rules, keys.
   */
  setup?: (fake: Fake) => void | Promise<void>;
}

/** A fake served over HTTP. */
export interface FakeServer {
  /** The fake behind the server: `fake.apiKey` is the key to send, `fake.clock` its clock. */
  fake: Fake;
  /** The port it listens on (the chosen one when asked for 0). */
  port: number;
  /** "http://HOST:PORT": the fake's baseUrl, for the SDK's `baseUrl`. */
  url: string;
  /** Stops listening and closes open connections (streams included). */
  close(): Promise<void>;
}

/**
 * Serves a new fake over HTTP on this runtime (Node, Deno or Bun), for a
 * test runner's global setup or a test that needs a real server. Its
 * baseUrl is the listening origin (so signed URLs point back at it), its
 * clock real unless `options.clock` says otherwise, and its /_fake/*
 * control routes are on. With no `apiKeys`, its one key is random (never
 * the seeded default: the server is reachable by anything on the machine).
 *
 * ```ts
 * const server = await serveFake({ port: 0 });
 * const client = createCrowNestClient({ apiKey: server.fake.apiKey, baseUrl: server.url });
 * // ...
 * await server.close();
 * ```
 */
export async function serveFake(options: ServeFakeOptions = {}): Promise<FakeServer> {
  const { port = 8787, hostname = "127.0.0.1", setup, ...fakeOptions } = options;
  let fake: Fake | undefined;
  const server = await serve({
    port,
    hostname,
    isDropped,
    fetch: async (request) => {
      if (!fake) return new Response("starting", { status: 503 });
      return fake.app.fetch(request);
    },
  });
  const host = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${server.port}`;
  const apiKeys = fakeOptions.apiKeys ?? [{ key: randomApiKey() }];
  const created = createFake({
    clock: "real",
    controlRoutes: true,
    ...fakeOptions,
    apiKeys,
    baseUrl: url,
  });
  try {
    await setup?.(created);
  } catch (error) {
    await server.close();
    throw error;
  }
  fake = created;
  return { fake, port: server.port, url, close: server.close };
}

/** "cn_test_" and 32 hex characters from crypto.getRandomValues. */
function randomApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `cn_test_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
