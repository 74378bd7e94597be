#!/usr/bin/env node
/**
 * crownest-fake: the fake CrowNest service over HTTP.
 *
 *     crownest-fake [--port 8787] [--host 127.0.0.1] [--api-key KEY]
 *                   [--config FILE] [--seed N] [--clock real|manual|auto]
 *                   [--programs FILE] [--state FILE]
 *
 * Prints one line once listening, `crownest-fake listening on
 * http://127.0.0.1:PORT (api key KEY) (control token TOKEN)`, and exits 0 on
 * SIGINT or SIGTERM. KEY is random unless `--api-key` or the config gives
 * keys; the /_fake/* control routes take it or TOKEN as their bearer.
 * `--port 0` picks a free port. `--config` is a JSON file of FakeOptions and
 * the settings below (unknown keys are errors); flags win over it.
 * `--programs FILE` loads a module whose default export receives `programs`
 * and defines them (JavaScript on Node; TypeScript too on Deno and Bun).
 * `--state FILE` starts from the snapshot in FILE when it exists and writes
 * the state back on exit. With `--clock manual`, `POST /_fake/clock/advance
 * {"ms": N}` moves time; `POST /_fake/reset` resets the state. Runs on Node
 * (dist/fake/bin.js), Deno (`deno run -A fake/bin.ts`) and Bun (`bun fake/bin.ts`).
 *
 * @module
 */
import { main } from "./server/command.ts";

main();
