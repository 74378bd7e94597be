import fc from "fast-check";
import { type TarEntry as PackEntry, packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import {
  extractTarGz,
  normaliseEntryPath,
  TarError,
} from "../../../fake/services/workspace-runs/tar.ts";

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

  it("resolves a hard link's target from the root, wherever the link sits", async () => {
    const out = await refusal(
      await tgz([
        file("a/secret.txt", "s"),
        { header: { name: "a/hard", type: "link", linkname: "../secret.txt", size: 0 } },
      ]),
    );
    expect(out.code).toBe("path_outside_workspace");
    const inside = await extractTarGz(
      await tgz([
        file("a/real.txt", "real"),
        { header: { name: "a/b/hard", type: "link", linkname: "a/real.txt", size: 0 } },
      ]),
    );
    expect(inside.skipped).toEqual([{ path: "a/b/hard", type: "link" }]);
  });

  it("resolves a symlink's target from its own directory, refusing absolute targets anywhere", async () => {
    const absolute = await refusal(
      await tgz([{ header: { name: "a/l", type: "symlink", linkname: "/etc/passwd", size: 0 } }]),
    );
    expect(absolute.code).toBe("path_outside_workspace");
    const climbs = await refusal(
      await tgz([{ header: { name: "link", type: "symlink", linkname: "../etc", size: 0 } }]),
    );
    expect(climbs.code).toBe("path_outside_workspace");
    const inside = await extractTarGz(
      await tgz([
        { header: { name: "a/b/up", type: "symlink", linkname: "../../c/", size: 0 } },
        { header: { name: "top", type: "symlink", linkname: "a/b", size: 0 } },
      ]),
    );
    expect(inside.skipped).toEqual([
      { path: "a/b/up", type: "symlink" },
      { path: "top", type: "symlink" },
    ]);
  });

  it("skips FIFOs and devices without reading a link target into them", async () => {
    const { entries, skipped } = await extractTarGz(
      await tgz([
        { header: { name: "pipe", type: "fifo", linkname: "../../etc", size: 0 } },
        { header: { name: "dev/null", type: "character-device", linkname: "/dev/null", size: 0 } },
        { header: { name: "dev/sda", type: "block-device", size: 0 } },
        file("a.txt", "a"),
      ]),
    );
    expect(entries.map((e) => e.path)).toEqual(["a.txt"]);
    expect(skipped).toEqual([
      { path: "pipe", type: "fifo" },
      { path: "dev/null", type: "character-device" },
      { path: "dev/sda", type: "block-device" },
    ]);
  });

  it("leaves out the ./ entry that names the root", async () => {
    const { entries } = await extractTarGz(
      await tgz([
        { header: { name: "./", type: "directory", size: 0 } },
        { header: { name: "./src/", type: "directory", size: 0 } },
        file("./src/a.txt", "a"),
      ]),
    );
    expect(entries.map((e) => [e.path, e.type])).toEqual([
      ["src", "directory"],
      ["src/a.txt", "file"],
    ]);
  });

  it("reports progress for regular files only, counting only them", async () => {
    const seen: number[] = [];
    await extractTarGz(
      await tgz([
        { header: { name: "./", type: "directory", size: 0 } },
        { header: { name: "a/", type: "directory", size: 0 } },
        file("a/1", "1"),
        { header: { name: "b/", type: "directory", size: 0 } },
        { header: { name: "b/l", type: "symlink", linkname: "../a/1", size: 0 } },
        file("b/2", "2"),
      ]),
      { onProgress: (p) => seen.push(p.filesExtracted) },
    );
    expect(seen).toEqual([1, 2]);
  });

  it("reports the compressed bytes consumed, never more than the archive, up to all of it", async () => {
    let x = 11;
    const noise = (n: number) =>
      Uint8Array.from({ length: n }, () => {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        return x >>> 24;
      });
    const small = await tgz([file("a", "1"), file("b", "2")]);
    const large = await tgz([
      { header: { name: "a.bin", size: 100_000 }, body: noise(100_000) },
      { header: { name: "b.bin", size: 100_000 }, body: noise(100_000) },
    ]);
    expect(large.length).toBeGreaterThan(128 * 1024); // three chunks of 64 KiB
    for (const archive of [small, large]) {
      const processed: number[] = [];
      await extractTarGz(archive, { onProgress: (p) => processed.push(p.bytesProcessed) });
      expect(processed).toHaveLength(2);
      expect(processed).toEqual([...processed].sort((a, b) => a - b));
      expect(processed.every((n) => n > 0 && n <= archive.length)).toBe(true);
      expect(processed.at(-1)).toBe(archive.length);
    }
  });

  it("accepts an archive inflating to exactly maxBytes and refuses one byte more", async () => {
    const tar = await packTar([file("a.txt", "a".repeat(3000)), file("b.txt", "b")]);
    const archive = await gzip(tar);
    const { entries } = await extractTarGz(archive, { maxBytes: tar.length });
    expect(entries.map((e) => e.path)).toEqual(["a.txt", "b.txt"]);
    const over = await refusal(archive, tar.length - 1);
    expect(over.code).toBe("archive_too_large");
    expect(over.message).toBe(`the archive inflates to more than ${tar.length - 1} bytes`);
  });

  it("names what it refuses in its messages", async () => {
    const escaping = await refusal(await tgz([file("../evil.sh", "x")]));
    expect(escaping.message).toBe("entry ../evil.sh escapes the root");
    const link = await refusal(
      await tgz([{ header: { name: "l", type: "symlink", linkname: "../etc", size: 0 } }]),
    );
    expect(link.message).toBe("link l points outside the root (../etc)");
    const tar = await packTar([file("a.txt", "hello")]);
    const truncated = await refusal(await gzip(tar.slice(0, 1024)));
    expect(truncated.message).toMatch(/^the archive is corrupt: ./);
  });
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
