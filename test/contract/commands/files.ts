/**
 * File commands: write (encodings, createParents, overwrite, size limit),
 * read, stat, list, mkdir, delete, move, and download URLs (the signed file
 * URL fetched with the API key). Every path is drawn from inside and outside
 * /workspace; the model predicts normalisation and path_outside_workspace.
 *
 * @module
 */
import fc from "fast-check";
import { expect } from "vitest";
import {
  attempt,
  ContractCommand,
  expectPrediction,
  outcomeSummary,
  type Real,
} from "../harness.ts";
import {
  decodeB64,
  fail,
  fsList,
  fsMkdir,
  fsMove,
  fsRead,
  fsRemove,
  fsStat,
  fsWrite,
  MAX_DIRECT_FILE_BYTES,
  type Model,
  type MSandbox,
  ok,
  type Prediction,
  pickSandbox,
  requireRunning,
  resolvePath,
  type TreeResult,
  utf8,
} from "../model.ts";
import {
  choosePath,
  errorCode,
  expectStat,
  fetchRetrying,
  fileContent,
  MAKER,
  type PathChoice,
  pathChoice,
  showPath,
  spec,
} from "./shared.ts";

/** The sandbox and resolved path a file operation needs, or its error. */
function target(s: MSandbox | undefined, path: string): Prediction<{ s: MSandbox; abs: string }> {
  const gone = requireRunning(s);
  if (gone) return fail(gone);
  const abs = resolvePath(path);
  if (abs === null) return fail("path_outside_workspace");
  return ok({ s: s as MSandbox, abs });
}

abstract class FileCommand extends ContractCommand {
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected sandbox(m: Model): MSandbox {
    return pickSandbox(m, this.pick) as MSandbox;
  }
}

export class WriteFile extends FileCommand {
  static override readonly ops = ["writeFile"] as const;
  constructor(
    pick: number,
    readonly path: PathChoice,
    readonly content: { content: string; encoding: "utf8" | "base64" },
    readonly createParents: boolean | undefined,
    readonly overwrite: boolean | undefined,
    /** Content of exactly the direct-write limit, or one byte over it (file_too_large). */
    readonly size: "limit" | "over" | undefined = undefined,
    /** Leave `encoding` out (its default, utf8) when the content is utf8. */
    readonly omitEncoding = false,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = this.sandbox(m);
    const path = choosePath(s.files, this.path);
    const content =
      this.size === undefined
        ? this.content.content
        : "x".repeat(MAX_DIRECT_FILE_BYTES + (this.size === "over" ? 1 : 0));
    const encoding = this.size ? "utf8" : this.content.encoding;
    const omit = this.omitEncoding && encoding === "utf8";
    const at = target(s, path);
    let result: TreeResult<unknown> | undefined;
    let p: Prediction<unknown> = at;
    const bytes = encoding === "base64" ? decodeB64(content) : new TextEncoder().encode(content);
    // Content that isn't base64 breaks the body's schema: 400 before any lookup.
    if (!bytes) p = fail("invalid_request");
    else if (at.ok) {
      if (bytes.byteLength > MAX_DIRECT_FILE_BYTES) p = fail("file_too_large");
      else {
        result = fsWrite(s.files, at.value.abs, bytes, {
          createParents: this.createParents,
          overwrite: this.overwrite,
        });
        p = result.prediction;
      }
    }
    const o = await attempt(() =>
      r.client.files.write(s.id, path, content, {
        ...(!omit && { encoding }),
        ...(this.createParents !== undefined && { createParents: this.createParents }),
        ...(this.overwrite !== undefined && { overwrite: this.overwrite }),
      }),
    );
    // writeFile takes an Idempotency-Key: a retry after a dropped answer
    // replays it, so the prediction holds under faults too.
    const actual = expectPrediction(o, p, `${this} in ${s.alias}`);
    if (actual && result?.prediction.ok) {
      expectStat(actual, result.prediction.value as never, `${this}`);
      s.files = result.files;
    }
    return outcomeSummary(o);
  }
  toString(): string {
    const opts = { createParents: this.createParents, overwrite: this.overwrite };
    const what =
      this.size === "limit"
        ? "256 KiB"
        : this.size === "over"
          ? "256 KiB + 1"
          : JSON.stringify(this.content);
    const enc = this.omitEncoding ? ", encoding omitted" : "";
    return `WriteFile(${this.pick}, ${showPath(this.path)}, ${what}, ${JSON.stringify(opts)}${enc})`;
  }
}

export class ReadFile extends FileCommand {
  static override readonly ops = ["readFile"] as const;
  constructor(
    pick: number,
    readonly path: PathChoice,
    readonly encoding: "utf8" | "base64" | undefined,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = this.sandbox(m);
    const path = choosePath(s.files, this.path);
    const at = target(s, path);
    let p: Prediction<string> = at.ok ? fail("not_found") : at;
    if (at.ok) {
      const read = fsRead(s.files, at.value.abs);
      if (!read.ok) p = read;
      else if (this.encoding === "base64") {
        let binary = "";
        for (const b of read.value) binary += String.fromCharCode(b);
        p = ok(btoa(binary));
      } else {
        const text = utf8(read.value);
        p = text === undefined ? fail("invalid_request") : ok(text);
      }
    }
    const o = await attempt(() =>
      r.client.files.read(s.id, path, this.encoding ? { encoding: this.encoding } : undefined),
    );
    const actual = expectPrediction(o, p, `${this} in ${s.alias}`);
    if (actual !== undefined && p.ok) expect(actual, `${this}`).toBe(p.value);
    return outcomeSummary(o);
  }
  toString(): string {
    return `ReadFile(${this.pick}, ${showPath(this.path)}, ${this.encoding})`;
  }
}

export class StatFile extends FileCommand {
  static override readonly ops = ["statFile"] as const;
  constructor(
    pick: number,
    readonly path: PathChoice,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = this.sandbox(m);
    const path = choosePath(s.files, this.path);
    const at = target(s, path);
    const p = at.ok ? fsStat(s.files, at.value.abs) : at;
    const o = await attempt(() => r.client.files.stat(s.id, path));
    const actual = expectPrediction(o, p, `${this} in ${s.alias}`);
    if (actual && p.ok) expectStat(actual, p.value as never, `${this}`);
    return outcomeSummary(o);
  }
  toString(): string {
    return `StatFile(${this.pick}, ${showPath(this.path)})`;
  }
}

export class ListFiles extends FileCommand {
  static override readonly ops = ["listFiles"] as const;
  constructor(
    pick: number,
    readonly path: PathChoice | undefined,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = this.sandbox(m);
    const path = this.path === undefined ? undefined : choosePath(s.files, this.path);
    const at = target(s, path ?? "/workspace");
    const p = at.ok ? fsList(s.files, at.value.abs) : at;
    const o = await attempt(() => r.client.files.list(s.id, path));
    const actual = expectPrediction(o, p, `${this} in ${s.alias}`);
    if (actual && p.ok) {
      expect(
        actual.map((e) => ({ path: e.path, name: e.name, type: e.type, sizeBytes: e.sizeBytes })),
        `${this}`,
      ).toEqual(p.value);
    }
    return outcomeSummary(o);
  }
  toString(): string {
    return `ListFiles(${this.pick}, ${this.path === undefined ? "/workspace" : showPath(this.path)})`;
  }
}

export class MakeDirectory extends FileCommand {
  static override readonly ops = ["makeDirectory"] as const;
  constructor(
    pick: number,
    readonly path: PathChoice,
    readonly parents: boolean | undefined,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = this.sandbox(m);
    const path = choosePath(s.files, this.path);
    const at = target(s, path);
    const result = at.ok ? fsMkdir(s.files, at.value.abs, this.parents ?? false) : undefined;
    const p = result ? result.prediction : at;
    const o = await attempt(() =>
      r.client.files.mkdir(
        s.id,
        path,
        this.parents === undefined ? undefined : { parents: this.parents },
      ),
    );
    const actual = expectPrediction(o, p, `${this} in ${s.alias}`);
    if (actual && result?.prediction.ok) {
      expectStat(actual, result.prediction.value, `${this}`);
      s.files = result.files;
    }
    return outcomeSummary(o);
  }
  toString(): string {
    return `MakeDirectory(${this.pick}, ${showPath(this.path)}, parents=${this.parents})`;
  }
}

export class DeleteFile extends FileCommand {
  static override readonly ops = ["deleteFile"] as const;
  constructor(
    pick: number,
    readonly path: PathChoice,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = this.sandbox(m);
    const path = choosePath(s.files, this.path);
    const at = target(s, path);
    const result = at.ok ? fsRemove(s.files, at.value.abs) : undefined;
    const p = result ? result.prediction : at;
    const o = await attempt(() => r.client.files.delete(s.id, path));
    expectPrediction(o, p, `${this} in ${s.alias}`);
    if (result?.prediction.ok) s.files = result.files;
    return outcomeSummary(o);
  }
  toString(): string {
    return `DeleteFile(${this.pick}, ${showPath(this.path)})`;
  }
}

export class MoveFile extends FileCommand {
  static override readonly ops = ["moveFile"] as const;
  constructor(
    pick: number,
    readonly from: PathChoice,
    readonly to: PathChoice,
    readonly overwrite: boolean | undefined,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = this.sandbox(m);
    const fromPath = choosePath(s.files, this.from);
    const toPath = choosePath(s.files, this.to, fromPath);
    const from = target(s, fromPath);
    const to = target(s, toPath);
    let result: TreeResult<unknown> | undefined;
    let p: Prediction<unknown> = from.ok ? to : from;
    if (from.ok && to.ok) {
      result = fsMove(s.files, from.value.abs, to.value.abs, this.overwrite ?? false);
      p = result.prediction;
    }
    const o = await attempt(() =>
      r.client.files.move(
        s.id,
        fromPath,
        toPath,
        this.overwrite === undefined ? undefined : { overwrite: this.overwrite },
      ),
    );
    const actual = expectPrediction(o, p, `${this} in ${s.alias}`);
    if (actual && result?.prediction.ok) {
      expectStat(actual, result.prediction.value as never, `${this}`);
      s.files = result.files;
    }
    return outcomeSummary(o);
  }
  toString(): string {
    return `MoveFile(${this.pick}, ${showPath(this.from)} -> ${showPath(this.to)}, overwrite=${this.overwrite})`;
  }
}

/**
 * createFileDownloadUrl, then the URL itself (downloadFile): the file's bytes
 * with the API key (`authMode` api_key), 401 without it.
 */
export class DownloadFile extends FileCommand {
  static override readonly ops = ["createFileDownloadUrl", "downloadFile"] as const;
  constructor(
    pick: number,
    readonly path: PathChoice,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = this.sandbox(m);
    const path = choosePath(s.files, this.path);
    const at = target(s, path);
    const p = at.ok ? fsRead(s.files, at.value.abs) : at;
    const o = await attempt(() => r.client.files.downloadUrl(s.id, path));
    const url = expectPrediction(o, p, `${this} in ${s.alias}`);
    if (!url || !p.ok) return outcomeSummary(o);
    expect(url.authMode).toBe("api_key");
    expect(new URL(url.url).origin, "file URLs are on the API origin").toBe(
      new URL(r.target.baseUrl).origin,
    );
    const res = await fetchRetrying(
      r,
      () =>
        new Request(url.url, {
          headers: { ...url.headers, authorization: `Bearer ${r.target.apiKey}` },
        }),
    );
    expect(res.status, `${this}: GET the URL`).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(p.value);
    const anonymous = await fetchRetrying(r, () => new Request(url.url, { headers: url.headers }));
    expect(anonymous.status, `${this}: without the API key`).toBe(401);
    expect(await errorCode(anonymous)).toBe("unauthorized");
    return { ok: p.value.byteLength };
  }
  toString(): string {
    return `DownloadFile(${this.pick}, ${showPath(this.path)})`;
  }
}

/** Optional inputs are left out in one draw of three, so the defaults run often. */
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

/**
 * Move sources and destinations: mostly an existing file (onto another one:
 * already_exists unless overwrite), and every other kind of path too.
 */
const mostlyExistingFile: fc.Arbitrary<PathChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((n): PathChoice => ({ existing: "file", n })) },
  { weight: 2, arbitrary: pathChoice },
);

export const fileCommands = [
  spec(
    WriteFile,
    () =>
      fc
        .tuple(
          fc.nat(),
          pathChoice,
          fileContent,
          opt(fc.boolean()),
          opt(fc.boolean()),
          // One write in 16 is exactly at the limit, one in 16 one byte over.
          fc.integer({ min: 0, max: 15 }),
          fc.boolean(),
        )
        .map(([p, path, content, parents, overwrite, n, omit]) => {
          const size = n === 0 ? "limit" : n === 1 ? "over" : undefined;
          return new WriteFile(p, path, content, parents, overwrite, size, omit);
        }),
    MAKER,
  ),
  spec(ReadFile, () =>
    fc
      .tuple(fc.nat(), pathChoice, fc.constantFrom(undefined, "utf8" as const, "base64" as const))
      .map(([p, path, e]) => new ReadFile(p, path, e)),
  ),
  spec(StatFile, () => fc.tuple(fc.nat(), pathChoice).map(([p, path]) => new StatFile(p, path))),
  spec(ListFiles, () =>
    fc.tuple(fc.nat(), opt(pathChoice)).map(([p, path]) => new ListFiles(p, path)),
  ),
  spec(MakeDirectory, () =>
    fc
      .tuple(fc.nat(), pathChoice, opt(fc.boolean()))
      .map(([p, path, parents]) => new MakeDirectory(p, path, parents)),
  ),
  spec(DeleteFile, () =>
    fc.tuple(fc.nat(), pathChoice).map(([p, path]) => new DeleteFile(p, path)),
  ),
  spec(
    MoveFile,
    () =>
      fc
        .tuple(
          fc.nat(),
          mostlyExistingFile,
          mostlyExistingFile,
          // `overwrite` left out in half the moves: its default (false) is the one a bug flips.
          fc.constantFrom(undefined, undefined, false, true),
        )
        .map(([p, from, to, o]) => new MoveFile(p, from, to, o)),
    MAKER,
  ),
  spec(DownloadFile, () =>
    fc.tuple(fc.nat(), pathChoice).map(([p, path]) => new DownloadFile(p, path)),
  ),
];
