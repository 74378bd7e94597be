import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildEvidence,
  canonicalize,
  evidenceDigest,
  outputDigest,
} from "../../../fake/services/workspace-runs/evidence.ts";
import { sha256Hex } from "../../../src/bytes.ts";
import type { components } from "../../../src/generated/openapi.ts";

const nodeSha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

describe("canonicalize (RFC 8785)", () => {
  it("matches the RFC's serialisation example", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units, as the RFC's sorting example", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // JSON.parse would put "1" first again (integer keys), so read the order off the text.
    const text = canonicalize(input);
    const order = Object.keys(input).sort(
      (a, b) => text.indexOf(`"${a}"`) - text.indexOf(`"${b}"`),
    );
    expect(order).toEqual(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"]);
  });

  it("sorts nested objects, keeps array order, drops undefined members, refuses non-JSON", () => {
    expect(canonicalize({ b: [{ z: 1, a: { d: 0, c: -0 } }, 2], a: "x", u: undefined })).toBe(
      '{"a":"x","b":[{"a":{"c":0,"d":0},"z":1},2]}',
    );
    expect(() => canonicalize({ n: Number.NaN })).toThrow(
      new TypeError("canonical JSON has no NaN"),
    );
    expect(() => canonicalize({ n: 1n })).toThrow(
      new TypeError("canonical JSON can't hold a bigint"),
    );
    // As JSON.stringify: an undefined array item is null.
    expect(canonicalize([1, undefined, 2])).toBe(JSON.stringify([1, undefined, 2]));
  });

  it("round-trips: parsing the canonical form and canonicalising again is stable", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalize(value);
        expect(canonicalize(JSON.parse(once))).toBe(once);
        expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe("digests", () => {
  it("sha256Hex agrees with node:crypto", async () => {
    for (const s of ["", "abc", "ünïcödé ✓", "x".repeat(100_000)]) {
      expect(await sha256Hex(s)).toBe(nodeSha256(s));
    }
    expect(await outputDigest("héllo")).toEqual({ sizeBytes: 6, sha256: nodeSha256("héllo") });
  });

  const run: components["schemas"]["WorkspaceRun"] = {
    id: "wsr_abc",
    orgId: "org_1",
    projectId: "prj_1",
    status: "succeeded",
    command: "pnpm test",
    template: "python-node",
    templateVersionId: "tplv_1",
    sandboxId: "sbx_1",
    keepSandbox: false,
    timeoutMs: 60000,
    metadata: { b: "2", a: "1" },
    sourceMetadata: { repo: "crownest" },
    artifacts: [],
    archive: {
      sha256: "a".repeat(64),
      sizeBytes: 10,
      source: "direct",
      uploadId: null,
      uploadedAt: "2026-01-01T00:00:00.000Z",
      extractedFiles: 1,
    },
    exitCode: 0,
    error: null,
    stdoutBytes: 3,
    stderrBytes: 0,
    collectedArtifacts: [],
    createdAt: "2026-01-01T00:00:00.000Z",
    startedAt: "2026-01-01T00:00:01.000Z",
    finishedAt: "2026-01-01T00:00:02.000Z",
    durationMs: 1000,
  };

  it("builds a bundle whose digest an independent implementation recomputes", async () => {
    const bundle = await buildEvidence({
      run,
      stdout: "ok\n",
      stderr: "",
      artifacts: [],
      artifactErrors: [],
      persistedAt: "2026-01-01T00:00:02.000Z",
    });
    expect(bundle.archive).toEqual({ sha256: "a".repeat(64), sizeBytes: 10 });
    expect(bundle.outputs.stdout).toEqual({ sizeBytes: 3, sha256: nodeSha256("ok\n") });
    expect(bundle.timings).toEqual({
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationMs: 1000,
    });
    // Independent canonical form: a sorting replacer (fine here: no integer-like keys).
    const { digest, ...body } = bundle;
    const sorted = JSON.stringify(body, (_key, value) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
        : value,
    );
    expect(digest).toEqual({ algorithm: "sha256", value: nodeSha256(sorted) });
    expect(await evidenceDigest(bundle)).toBe(digest.value);
    // Any change to the body changes the digest.
    expect(await evidenceDigest({ ...bundle, exitCode: 1 })).not.toBe(digest.value);
  });

  it("refuses a run that is not terminal", async () => {
    await expect(
      buildEvidence({
        run: { ...run, finishedAt: null },
        stdout: "",
        stderr: "",
        artifacts: [],
        artifactErrors: [],
        persistedAt: run.createdAt,
      }),
    ).rejects.toThrow(/not terminal/);
  });
});
