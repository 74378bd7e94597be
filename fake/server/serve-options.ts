/**
 * What serving the fake over HTTP takes and gives, shared by the
 * runtime-neutral serve.ts and its Node side, serve-node.ts.
 *
 * @module
 */

/** What serve() needs. */
export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  hostname: string;
  fetch: (request: Request) => Promise<Response>;
  /** Whether a response stands for a dropped connection (the server then closes the socket). */
  isDropped: (res: Response) => boolean;
}

/** A listening server. */
export interface RunningServer {
  /** The port it listens on (the chosen one when asked for 0). */
  port: number;
  close(): Promise<void>;
}
