// A port for a server that must come back on the same one (a restart) or be
// named before it starts (a documented command line).
import { createServer } from "node:net";

/** A port free on 127.0.0.1 a moment ago (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
