/**
 * Ctrl-C handling for the long-running commands (exec, run): while a handler
 * is installed, SIGINT and SIGTERM don't kill the CLI; each one calls the
 * handler with its count (1 for the first, 2 for the second, ...).
 *
 * @module
 */

/** Installs `handler` for SIGINT and SIGTERM; returns the function that removes it. */
export function onInterrupt(handler: (count: number, signal: NodeJS.Signals) => void): () => void {
  let count = 0;
  const listener = (signal: NodeJS.Signals): void => handler(++count, signal);
  process.on("SIGINT", listener);
  process.on("SIGTERM", listener);
  return () => {
    process.off("SIGINT", listener);
    process.off("SIGTERM", listener);
  };
}

/** The exit code of a CLI stopped by Ctrl-C before the remote work ended (128 + SIGINT). */
export const INTERRUPTED_EXIT_CODE = 130;
