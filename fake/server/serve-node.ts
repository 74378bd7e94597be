/**
 * The Node side of crownest-fake's server (@hono/node-server), and the one
 * place in fake/ that touches Node APIs: closing the socket for a
 * dropped-connection fault, reading a config file and writing a state file.
 *
 * @module
 */
import { open, readdir, readFile, rename, unlink } from "node:fs/promises";
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
          if (res.body && res.headers.get("content-type")?.startsWith("text/event-stream")) {
            // Chunked: the adapter sends the head at once, reading no event ahead.
            const headers = new Headers(res.headers);
            headers.set("transfer-encoding", "chunked");
            const socket = env.incoming.socket as Socket;
            return new Response(flushThenCut(res.body, socket), { status: res.status, headers });
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

/**
 * An event stream whose body errors (a cut-stream fault) ends its connection
 * after what was written: the adapter would destroy the socket at once,
 * dropping the last chunk, which is still corked in it. Ending the socket
 * flushes it and closes without the closing chunk: the client reads every
 * event written, then an abrupt end.
 */
function flushThenCut(body: ReadableStream<Uint8Array>, socket: Socket) {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch {
          socket.once("finish", () => socket.destroy());
          socket.end();
          return; // left pending: the adapter cancels it when the socket closes
        }
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/** Reads a UTF-8 file. */
export function readTextFile(path: string): Promise<string> {
  return readFile(path, "utf8");
}

/** Writes the pieces to `tmp`, one write each (the event loop runs between them), then renames it to `path`. */
export async function writeAndRename(
  tmp: string,
  path: string,
  pieces: Iterable<string>,
): Promise<void> {
  const file = await open(tmp, "w");
  try {
    for (const piece of pieces) await file.write(piece);
  } finally {
    await file.close();
  }
  await rename(tmp, path);
}

/** The names in a directory. */
export function listDir(dir: string): Promise<string[]> {
  return readdir(dir);
}

/** Removes a file. */
export function removeFile(path: string): Promise<void> {
  return unlink(path);
}
