import fc from "fast-check";
import { type TarEntry as PackEntry, packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import {
  extractTarGz,
  normaliseEntryPath,
  TarError,
} from "../../fake/services/workspace-runs/tar.ts";

const text = new TextEncoder();

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const tgz = async (entries: PackEntry[]) => gzip(await packTar(entries));
const file = (name: string, body: string): PackEntry => ({
  header: { name, size: text.encode(body).length },
  body,
});

async function refusal(archive: Uint8Array, maxBytes?: number): Promise<TarError> {
  try {
    await extractTarGz(archive, { maxBytes });
  } catch (error) {
    expect(error).toBeInstanceOf(TarError);
    return error as TarError;
  }
  throw new Error("the archive was accepted");
}

describe("extractTarGz", () => {
  it("extracts files and directories with normalised paths", async () => {
    const long = `${"d".repeat(120)}/${"f".repeat(120)}.txt`;
    const archive = await tgz([
      { header: { name: "./app/", type: "directory", size: 0 } },
      file("./app//main.py", "print('hi')\n"),
      file("app/./lib/../util.py", "x = 1\n"),
      file("empty.txt", ""),
      file(long, "long name"),
    ]);
    const { entries, skipped } = await extractTarGz(archive);
    expect(skipped).toEqual([]);
    expect(entries.map((e) => [e.path, e.type, new TextDecoder().decode(e.data)])).toEqual([
      ["app", "directory", ""],
      ["app/main.py", "file", "print('hi')\n"],
      ["app/util.py", "file", "x = 1\n"],
      ["empty.txt", "file", ""],
      [long, "file", "long name"],
    ]);
  });

  it("reports progress per file", async () => {
    const seen: number[] = [];
    await extractTarGz(await tgz([file("a", "1"), file("b", "2"), file("c", "3")]), {
      onProgress: (p) => {
        expect(p.bytesProcessed).toBeGreaterThan(0);
        seen.push(p.filesExtracted);
      },
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it.each(["../evil.sh", "a/../../evil.sh", "/etc/passwd", "a\\..\\..\\evil"])(
    "refuses the escaping entry %s",
    async (name) => {
      const error = await refusal(await tgz([file("ok.txt", "fine"), file(name, "pwned")]));
      expect(error.code).toBe("path_outside_workspace");
    },
  );

  it("refuses links pointing out and skips links staying in", async () => {
    const out = await refusal(
      await tgz([{ header: { name: "a/link", type: "symlink", linkname: "../../etc", size: 0 } }]),
    );
    expect(out.code).toBe("path_outside_workspace");
    const abs = await refusal(
      await tgz([{ header: { name: "l", type: "symlink", linkname: "/etc/passwd", size: 0 } }]),
    );
    expect(abs.code).toBe("path_outside_workspace");
    const hard = await refusal(
      await tgz([{ header: { name: "h", type: "link", linkname: "../secret", size: 0 } }]),
    );
    expect(hard.code).toBe("path_outside_workspace");

    const inside = await extractTarGz(
      await tgz([
        file("a/real.txt", "real"),
        { header: { name: "a/b/link", type: "symlink", linkname: "../real.txt", size: 0 } },
        { header: { name: "hard", type: "link", linkname: "a/real.txt", size: 0 } },
      ]),
    );
    expect(inside.entries.map((e) => e.path)).toEqual(["a/real.txt"]);
    expect(inside.skipped).toEqual([
      { path: "a/b/link", type: "symlink" },
      { path: "hard", type: "link" },
    ]);
  });

  it("refuses data that is not gzip, corrupt gzip and truncated gzip", async () => {
    expect((await refusal(text.encode("plain text, not gzip"))).code).toBe("invalid_archive");
    const good = await tgz([file("a.txt", "a".repeat(5000)), file("b.txt", "b".repeat(3000))]);
    const corrupt = good.slice();
    for (let i = 12; i < corrupt.length - 8; i += 7) corrupt[i] = (corrupt[i] ?? 0) ^ 0x5a;
    expect((await refusal(corrupt)).code).toBe("invalid_archive");
    expect((await refusal(good.slice(0, good.length - 20))).code).toBe("invalid_archive");
  });

  it("refuses a tar header with a bad checksum inside valid gzip", async () => {
    const tar = await packTar([file("a.txt", "hello")]);
    tar[0] = "b".charCodeAt(0); // the name changes, the stored checksum doesn't
    expect((await refusal(await gzip(tar))).code).toBe("invalid_archive");
  });

  it("refuses a tar without its end marker", async () => {
    const tar = await packTar([file("a.txt", "hello")]);
    expect((await refusal(await gzip(tar.slice(0, 1024)))).code).toBe("invalid_archive");
  });

  it("refuses an archive bomb past the cap", async () => {
    const zeros = new Uint8Array(1024 * 1024);
    const bomb = await tgz([{ header: { name: "zeros", size: zeros.length }, body: zeros }]);
    expect(bomb.length).toBeLessThan(10 * 1024);
    expect((await refusal(bomb, 256 * 1024)).code).toBe("archive_too_large");
    // Under the cap the same archive is fine.
    const ok = await extractTarGz(bomb, { maxBytes: 2 * 1024 * 1024 });
    expect(ok.entries[0]?.data.length).toBe(zeros.length);
  });

  it("refuses the default 64 MiB cap being crossed", async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024 + 1);
    const bomb = await tgz([{ header: { name: "zeros", size: zeros.length }, body: zeros }]);
    expect((await refusal(bomb)).code).toBe("archive_too_large");
    // gzipping and inflating 64 MiB takes seconds on a loaded 2-core machine
  }, 60_000);
});

describe("normaliseEntryPath", () => {
  it("never returns a path that leaves the root", () => {
    const segment = fc.constantFrom("a", "b", ".", "..", "", "c.txt", "\\", "x\\y");
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.boolean(), (parts, absolute) => {
        const name = (absolute ? "/" : "") + parts.join("/");
        const out = normaliseEntryPath(name);
        if (out === null) return;
        expect(out.startsWith("/")).toBe(false);
        expect(out.split("/")).not.toContain("..");
        expect(out.split("/")).not.toContain(".");
        expect(out.includes("//") || out.includes("\\")).toBe(false);
      }),
    );
  });

  it("normalises and refuses by example", () => {
    expect(normaliseEntryPath("./a//b/./c/")).toBe("a/b/c");
    expect(normaliseEntryPath("a/b/../c")).toBe("a/c");
    expect(normaliseEntryPath("./")).toBe("");
    expect(normaliseEntryPath("a/../..")).toBeNull();
    expect(normaliseEntryPath("/workspace/a")).toBeNull();
    expect(normaliseEntryPath("a\0b")).toBeNull();
  });
});
