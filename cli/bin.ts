#!/usr/bin/env node
/**
 * crownest: the CrowNest command line (`crownest --help`). A Node bin
 * (dist/cli/bin.js); Deno and Bun can run it through their Node support.
 *
 * @module
 */
import { main } from "./main.ts";

// A closed pipe (`crownest files cat ... | head -1`) ends the CLI as SIGPIPE would.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    process.exit(error.code === "EPIPE" ? 141 : 1);
  });
}

process.exit(await main(process.argv.slice(2)));
