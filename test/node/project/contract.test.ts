import { readFile } from "node:fs/promises";
import { describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import type { paths } from "../../../src/generated/openapi.ts";
import { VERSION } from "../../../src/index.ts";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Operation = { operationId?: string };
type Contract = {
  openapi?: unknown;
  paths?: Record<string, Record<string, Operation>>;
  "x-limits"?: Record<string, number>;
  "x-client-defaults"?: Record<string, number>;
};

const contract = parse(
  await readFile(new URL("../../../openapi.yaml", import.meta.url), "utf8"),
) as Contract;

describe("openapi.yaml", () => {
  it("is an OpenAPI 3.1.x document", () => {
    expect(contract.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it("gives every operation a unique operationId", () => {
    const ids: string[] = [];
    for (const [path, item] of Object.entries(contract.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        expect(operation.operationId, `${method.toUpperCase()} ${path}`).toBeTypeOf("string");
        ids.push(operation.operationId as string);
      }
    }
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lets a stream's idle timeout outlast missed heartbeats: three intervals", () => {
    const heartbeat = contract["x-limits"]?.heartbeatIntervalMs;
    expect(heartbeat).toBeGreaterThan(0);
    expect(contract["x-client-defaults"]?.streamIdleTimeoutMs).toBe(3 * (heartbeat as number));
  });
});

describe("src", () => {
  it("exports VERSION equal to package.json's version", async () => {
    const pkg = JSON.parse(
      await readFile(new URL("../../../package.json", import.meta.url), "utf8"),
    );
    expect(VERSION).toBe(pkg.version);
  });

  it("has generated path types for the contract", () => {
    expectTypeOf<keyof paths>().toBeString();
  });
});
