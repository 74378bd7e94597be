// Runs the package's TypeScript sources directly under Bun (no build step).
import { expect, test } from "bun:test";
import { parse } from "yaml";
import { VERSION } from "../../src/index.ts";

test("src/index.ts exports VERSION", () => {
  expect(VERSION).toBe("0.1.0");
});

test("openapi.yaml is an OpenAPI 3.1 document", async () => {
  const text = await Bun.file(new URL("../../openapi.yaml", import.meta.url)).text();
  const doc = parse(text) as { openapi?: unknown };
  expect(typeof doc.openapi).toBe("string");
  expect(String(doc.openapi).startsWith("3.1")).toBe(true);
});
