// The request pipeline's compiled shortcuts answer exactly as the slow paths they replace.
import { describe, expect, it } from "vitest";
import { onOrigin } from "../../../fake/http/stages.ts";
import { check, isValid, operationSpec, schema } from "../../../fake/http/validate.ts";
import { createFake } from "../../../fake/index.ts";
import { type OperationId, operations } from "../../../src/generated/contract.ts";

const SAMPLES = [
  "",
  "sbx_",
  "sbx_abc123",
  "sbx_abc-123",
  `sbx_${"a".repeat(64)}`,
  `sbx_${"a".repeat(65)}`,
  "cmd_Z9",
  "prj_x",
  "upl_1",
  "12345",
  "-1",
  "abc",
  "sbx_é",
  "sbx_abc\n",
  "\u{1F600}",
];

describe("isValid", () => {
  it("agrees with check() on every path parameter of the contract", () => {
    let compared = 0;
    for (const id of Object.keys(operations) as OperationId[]) {
      for (const p of operationSpec(id).params) {
        for (const value of [...SAMPLES, 42, null]) {
          expect([p.name, value, isValid(p.schema, value)]).toEqual([
            p.name,
            value,
            check(p.schema, value).length === 0,
          ]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("falls back to check() for schemas that are not plain strings", () => {
    const sandbox = schema("Sandbox");
    expect(isValid(sandbox, {})).toBe(false);
    expect(isValid({ type: "integer", minimum: 1 }, 0)).toBe(false);
    expect(isValid({ type: "integer", minimum: 1 }, 2)).toBe(true);
    expect(isValid({ type: "string", format: "date-time" }, "x")).toBe(
      check({ type: "string", format: "date-time" }, "x").length === 0,
    );
  });
});

describe("onOrigin", () => {
  const origin = "https://api.crownest.test";
  it("matches the origin's own URLs and no look-alike host", () => {
    expect(onOrigin(`${origin}/v1/sandboxes`, origin)).toBe(true);
    expect(onOrigin(`${origin}:8443/v1`, origin)).toBe(false);
    expect(onOrigin("https://api.crownest.test.evil/v1", origin)).toBe(false);
    expect(onOrigin("http://api.crownest.test/v1", origin)).toBe(false);
    expect(onOrigin("https://user:pw@api.crownest.test/v1", origin)).toBe(true);
    expect(onOrigin("https://other.test/a@b", origin)).toBe(false);
  });

  it("lets fake.fetch refuse other origins and serve its own", async () => {
    const fake = createFake();
    await expect(fake.fetch("https://api.crownest.test.evil/v1/sandboxes")).rejects.toThrow(
      /not https:\/\/api\.crownest\.test\.evil/,
    );
    const res = await fake.fetch(`${fake.baseUrl}/v1/sandboxes/sbx_nope`, {
      headers: { authorization: `Bearer ${fake.apiKey}` },
    });
    expect(res.status).toBe(404);
    const malformed = await fake.fetch(`${fake.baseUrl}/v1/sandboxes/not-an-id`, {
      headers: { authorization: `Bearer ${fake.apiKey}` },
    });
    expect(malformed.status).toBe(404);
  });
});
