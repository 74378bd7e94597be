/**
 * File routes over a running sandbox's Vfs. Direct reads and writes are capped
 * at the contract's maxDirectFileBytes (decoded); larger files go through a download URL. A destroyed
 * sandbox's disk is gone: every file operation on it is 409 sandbox_destroyed.
 *
 * @module
 */
import { fromBase64, toBase64 } from "../../src/bytes.ts";
import { limits } from "../../src/generated/contract.ts";
import type { FakeContext } from "../context.ts";
import { ApiError } from "../core/errors.ts";
import { defineRoute, type FakeApp, json, list } from "../core/route.ts";
import { ROOT } from "../core/vfs.ts";
import { DOWNLOAD_URL_TTL_MS } from "../services/sandboxes.ts";

const MAX_DIRECT_FILE_BYTES = limits.maxDirectFileBytes;

/** Bytes of standard base64; undefined when it isn't base64. */
function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    return fromBase64(text);
  } catch {
    return undefined;
  }
}

function tooLarge(size: number): ApiError {
  return new ApiError(
    "file_too_large",
    `${size} bytes is over the ${MAX_DIRECT_FILE_BYTES}-byte limit of direct file access; use a download URL`,
    { limit: MAX_DIRECT_FILE_BYTES, sizeBytes: size },
  );
}

/** Registers the file operations. */
export function registerFileRoutes(app: FakeApp, ctx: FakeContext): void {
  const running = (key: Parameters<typeof ctx.sandboxes.requireRunning>[0], id: string) =>
    ctx.sandboxes.requireRunning(key, id).vfs;

  defineRoute(app, ctx, "listFiles", async (_c, req) => {
    const vfs = running(req.key, req.params.sandboxId);
    return list(vfs.list(vfs.resolve(req.query.path ?? ROOT)));
  });

  defineRoute(app, ctx, "deleteFile", async (_c, req) => {
    const vfs = running(req.key, req.params.sandboxId);
    vfs.remove(vfs.resolve(req.query.path));
    return new Response(null, { status: 204 });
  });

  defineRoute(app, ctx, "readFile", async (_c, req) => {
    const vfs = running(req.key, req.params.sandboxId);
    const path = vfs.resolve(req.query.path);
    const bytes = vfs.readFile(path);
    if (bytes.byteLength > MAX_DIRECT_FILE_BYTES) throw tooLarge(bytes.byteLength);
    const encoding = req.query.encoding ?? "utf8";
    let content: string;
    if (encoding === "base64") {
      content = toBase64(bytes);
    } else {
      try {
        content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        throw new ApiError("invalid_request", `${path} is not valid UTF-8; read it as base64`);
      }
    }
    return json({ path, content, encoding, sizeBytes: bytes.byteLength });
  });

  defineRoute(app, ctx, "writeFile", async (_c, req) => {
    const vfs = running(req.key, req.params.sandboxId);
    const body = req.body;
    const path = vfs.resolve(body.path);
    let bytes: Uint8Array | undefined;
    if (body.encoding === "base64") {
      bytes = decodeBase64(body.content);
      if (!bytes) throw new ApiError("invalid_request", "content is not valid base64");
    } else {
      bytes = new TextEncoder().encode(body.content);
    }
    if (bytes.byteLength > MAX_DIRECT_FILE_BYTES) throw tooLarge(bytes.byteLength);
    return json(
      vfs.writeFile(path, bytes, {
        createParents: body.createParents ?? false,
        overwrite: body.overwrite ?? true,
      }),
    );
  });

  defineRoute(app, ctx, "statFile", async (_c, req) => {
    const vfs = running(req.key, req.params.sandboxId);
    const path = vfs.resolve(req.query.path);
    const stat = vfs.stat(path);
    if (!stat) throw new ApiError("not_found", `${path} does not exist`);
    return json(stat);
  });

  defineRoute(app, ctx, "makeDirectory", async (_c, req) => {
    const vfs = running(req.key, req.params.sandboxId);
    const body = req.body;
    return json(vfs.mkdir(vfs.resolve(body.path), { parents: body.parents ?? false }));
  });

  defineRoute(app, ctx, "moveFile", async (_c, req) => {
    const vfs = running(req.key, req.params.sandboxId);
    const body = req.body;
    return json(
      vfs.move(vfs.resolve(body.fromPath), vfs.resolve(body.toPath), {
        overwrite: body.overwrite ?? false,
      }),
    );
  });

  defineRoute(app, ctx, "createFileDownloadUrl", async (_c, req) => {
    const sandboxId = req.params.sandboxId;
    const vfs = running(req.key, sandboxId);
    const path = vfs.resolve(req.body.path);
    const ref = ctx.sandboxes.snapshotFile(sandboxId, path, vfs.readFile(path));
    const { token, expiresAt } = await ctx.signer.sign("file", ref, DOWNLOAD_URL_TTL_MS);
    return json({
      url: `${ctx.baseUrl}/v1/file-downloads/${token}`,
      method: "GET",
      headers: {},
      authMode: "api_key",
      expiresAt: ctx.clock.iso(expiresAt),
    });
  });
}
