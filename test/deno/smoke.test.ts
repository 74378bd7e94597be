// Runs the package's TypeScript sources directly under Deno (no build step).
import { parse } from "yaml";
import { VERSION } from "../../src/index.ts";
import { check } from "../shared/check.ts";

Deno.test("src/index.ts exports VERSION", () => {
  check(VERSION === "0.1.0", `VERSION is ${VERSION}`);
});

Deno.test("openapi.yaml is an OpenAPI 3.1 document", async () => {
  const text = await Deno.readTextFile(new URL("../../openapi.yaml", import.meta.url));
  const doc = parse(text) as { openapi?: unknown };
  check(
    typeof doc.openapi === "string" && doc.openapi.startsWith("3.1"),
    `openapi is ${doc.openapi}`,
  );
});
