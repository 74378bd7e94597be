// Messages a person can act on: local file errors as one sentence, enum
// values listed from the contract, a hint for --parents, an API error's
// issues not repeated.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localFileError } from "../../../cli/local-files.ts";
import { Output, printError, type Sink } from "../../../cli/output.ts";
import { openapiDocument } from "../../../src/generated/document.ts";
import { CrowNestApiError, type SandboxId } from "../../../src/index.ts";
import {
  cli,
  ensureBuilt,
  killAll,
  type ServedFake,
  SUBPROCESS_TIMEOUT_MS,
  serveRecordingFake,
} from "./helpers/harness.ts";

let served: ServedFake;
let sandboxId: SandboxId;
let work: string;

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), "crownest-cli-messages-"));
  served = await serveRecordingFake({ clock: "auto" });
  sandboxId = (await served.client.sandboxes.create({ ttlMs: 3_600_000 })).id;
}, 180_000);

afterAll(async () => {
  killAll();
  await served?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const schemaEnum = (name: string): string =>
  (openapiDocument.components.schemas[name].enum as string[]).join(", ");

class Capture implements Sink {
  text = "";
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean {
    this.text += String(chunk);
    callback?.();
    return true;
  }
  once(): this {
    return this;
  }
}

describe("local file errors", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("a missing file to upload is one sentence, with no doubled ENOENT", async () => {
    const r = await cli(["files", "put", sandboxId, "./nope.txt", "x.txt"], {
      fake: served,
      cwd: work,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: file_not_found: the file ./nope.txt does not exist\n");
  });

  it("a directory given as the file to upload says so", async () => {
    const r = await cli(["files", "put", sandboxId, work, "x.txt"], { fake: served });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: is_a_directory: ${work} is a directory, not a file\n`);
  });

  it("permission denied, and any other system error, is one sentence", () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open 'secret.txt'"), {
      code: "EACCES",
      errno: -13,
      syscall: "open",
      path: "secret.txt",
    });
    expect(localFileError(denied, "./secret.txt", "read")).toMatchObject({
      code: "permission_denied",
      message: "permission denied: can't read ./secret.txt",
    });
    expect(localFileError(denied, "out/report.txt", "write")?.message).toBe(
      "permission denied: can't write out/report.txt",
    );
    const busy = Object.assign(new Error("EBUSY: resource busy or locked, open 'f'"), {
      code: "EBUSY",
      syscall: "open",
    });
    expect(localFileError(busy)).toMatchObject({
      code: "EBUSY",
      message: "resource busy or locked, open 'f'",
    });
    expect(localFileError(new Error("plain"))).toBeUndefined();
  });
});

describe("invalid enum values", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it.each([
    [
      ["sandboxes", "create", "--template", "ruby"],
      "crownest sandboxes create",
      "template",
      "Template",
    ],
    [["run", ".", "--template", "ruby", "--", "true"], "crownest run", "template", "Template"],
    [["runs", "list", "--status", "done"], "crownest runs list", "status", "WorkspaceRunStatus"],
    [
      ["files", "cat", "sbx_x", "a", "--encoding", "latin1"],
      "crownest files cat",
      "encoding",
      "FileEncoding",
    ],
  ])("%j lists the contract's values, once", async (argv, command, option, schema) => {
    const r = await cli(argv, { fake: served });
    expect(r.code).toBe(2);
    const value = argv[argv.indexOf(`--${option}`) + 1];
    expect(r.stderr).toBe(
      `${command}: --${option} must be one of ${schemaEnum(schema)} (got '${value}')\nrun '${command} --help'\n`,
    );
    expect(served.requests.filter((q) => q.startsWith("POST /v1/sandboxes "))).toEqual([]);
  });

  it("--help lists the values too", async () => {
    const r = await cli(["sandboxes", "create", "--help"]);
    expect(r.stdout).toContain(`template: ${schemaEnum("Template")}\n`);
  });
});

describe("files put into a missing directory", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("suggests --parents; a missing sandbox gets no such hint", async () => {
    const local = join(work, "note.txt");
    await writeFile(local, "hi\n");
    const r = await cli(["files", "put", sandboxId, local, "deep/er/note.txt"], { fake: served });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: not_found: .+\n {2}add --parents \(-p\) to create the missing directories\n {2}request id: req_\w+\n$/,
    );
    const gone = await cli(["files", "put", "sbx_gone", local, "deep/note.txt"], { fake: served });
    expect(gone.code).toBe(1);
    expect(gone.stderr).not.toContain("--parents");
    const ok = await cli(["files", "put", sandboxId, local, "deep/er/note.txt", "--parents"], {
      fake: served,
    });
    expect(ok).toMatchObject({ code: 0, stdout: "/workspace/deep/er/note.txt (3 B)\n" });
  });
});

describe("API errors", () => {
  it("don't repeat an issue the message already states", async () => {
    const stderr = new Capture();
    const error = new CrowNestApiError({
      status: 400,
      code: "invalid_request",
      message: "invalid body: /body/ttlMs 1 is less than 1000.",
      details: {
        issues: [
          { path: "/body/ttlMs", message: "1 is less than 1000." },
          { path: "/body/metadata/k", message: "String is too long (100 > 64)." },
        ],
      },
    });
    await printError(new Output(new Capture(), stderr, false), error);
    expect(stderr.text).toBe(
      "error: invalid_request: invalid body: /body/ttlMs 1 is less than 1000.\n" +
        "  /body/metadata/k: String is too long (100 > 64).\n",
    );
  });
});
