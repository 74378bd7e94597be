// The CLI on Deno without env permission for CROWNEST_*: the message names the
// flag to add, like the SDK's, and an unreadable CROWNEST_BASE_URL never means
// production. main() runs in-process on Deno's node:process env.
import process from "node:process";
import { main } from "../../cli/main.ts";

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

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
  assert(r.code === 1, `exit ${r.code}`);
  assert(r.stderr.includes("permission_denied"), r.stderr);
  assert(r.stderr.includes("--allow-env=CROWNEST_API_KEY"), r.stderr);
});

Deno.test("an unreadable CROWNEST_BASE_URL is permission_denied, not production", async () => {
  const r = await run(["projects", "list", "--api-key", "cn_test_deno"]);
  assert(r.code === 1, `exit ${r.code}`);
  assert(r.stderr.includes("--allow-env=CROWNEST_BASE_URL"), r.stderr);
  assert(!r.stderr.includes("crownest.dev"), r.stderr);
});
