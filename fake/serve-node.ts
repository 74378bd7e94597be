/**
 * The Node side of crownest-fake's server (@hono/node-server), and the one
 * place in fake/ that touches Node APIs: closing the socket for a
 * dropped-connection fault, reading a config file and writing a state file.
 *
 * @module
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import type { Socket } from "node:net";
import { serve as nodeServe } from "@hono/node-server";
import type { RunningServer, ServeOptions } from "./serve-options.ts";

// Node answers a request line and headers over 16 KiB with a bare 431 before
// the app sees it. The contract admits far longer URLs (a 4096-character path
// or 16 metadata pairs, percent-encoded at up to 12 bytes a character), and
// its own bounds must answer them (400 `invalid_request`), so allow 1 MiB.
const MAX_HEADER_BYTES = 1024 * 1024;

/** Serves `options.fetch` on Node. */
export function serveNode(options: ServeOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = nodeServe(
      {
        port: options.port,
        hostname: options.hostname,
        serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
        fetch: async (request, env) => {
          const res = await options.fetch(request);
          if (options.isDropped(res)) {
            // A dropped connection: the client sees a network error, no response.
            (env.incoming.socket as Socket | undefined)?.destroy();
            await res.body?.cancel().catch(() => {});
            return new Response(null, { status: 502 });
          }
          return res;
        },
      },
      (info) => {
        resolve({
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once("error", reject);
  });
}

/** Reads a UTF-8 file. */
export function readTextFile(path: string): Promise<string> {
  return readFile(path, "utf8");
}

/** Writes `text` to `tmp`, then renames it to `path`. */
export async function writeAndRename(tmp: string, path: string, text: string): Promise<void> {
  await writeFile(tmp, text, "utf8");
  await rename(tmp, path);
}
