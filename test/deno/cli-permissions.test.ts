// The CLI on Deno without env permission for CROWNEST_*: the message names the
// flag to add, like the SDK's, and an unreadable CROWNEST_BASE_URL never means
// production. main() runs in-process on Deno's node:process env.
import process from "node:process";
import { main } from "../../cli/main.ts";
import { check } from "../shared/check.ts";

function sink() {
  let text = "";
  return {
    write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void) {
      text += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
      callback?.();
      return true;
    },
    once: () => undefined,
    get text() {
      return text;
    },
  };
}

async function run(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await main(argv, { stdout, stderr, env: process.env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

Deno.test("an unreadable CROWNEST_API_KEY is permission_denied naming the flag", async () => {
  const r = await run(["projects", "list", "--base-url", "http://127.0.0.1:1"]);
  check(r.code === 1, `exit ${r.code}`);
  check(r.stderr.includes("permission_denied"), r.stderr);
  check(r.stderr.includes("--allow-env=CROWNEST_API_KEY"), r.stderr);
});

Deno.test("an unreadable CROWNEST_BASE_URL is permission_denied, not production", async () => {
  const r = await run(["projects", "list", "--api-key", "cn_test_deno"]);
  check(r.code === 1, `exit ${r.code}`);
  check(r.stderr.includes("--allow-env=CROWNEST_BASE_URL"), r.stderr);
  check(!r.stderr.includes("crownest.dev"), r.stderr);
});
