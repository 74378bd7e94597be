// Runs the package's TypeScript sources directly under Deno (no build step).
import { parse } from "yaml";
import { VERSION } from "../../src/index.ts";

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

Deno.test("src/index.ts exports VERSION", () => {
  assert(VERSION === "0.1.0", `VERSION is ${VERSION}`);
});

Deno.test("openapi.yaml is an OpenAPI 3.1 document", async () => {
  const text = await Deno.readTextFile(new URL("../../openapi.yaml", import.meta.url));
  const doc = parse(text) as { openapi?: unknown };
  assert(
    typeof doc.openapi === "string" && doc.openapi.startsWith("3.1"),
    `openapi is ${doc.openapi}`,
  );
});
