import { call, request, splitKey } from "../operations.ts";
import type { RequestOptions, Transport } from "../transport.ts";
import type { Artifact, DownloadUrl, WithIdempotencyKey } from "../types.ts";

/** client.artifacts: workspace files exported to durable storage (they outlive the sandbox). */
export interface Artifacts {
  /** Exports the file at `path`; `name` defaults to its base name. */
  create(
    sandboxId: string,
    path: string,
    input?: { name?: string } & WithIdempotencyKey,
    options?: RequestOptions,
  ): Promise<Artifact>;
  /** An artifact's record. */
  get(artifactId: string, options?: RequestOptions): Promise<Artifact>;
  /** A sandbox's artifacts. */
  list(sandboxId: string, options?: RequestOptions): Promise<Artifact[]>;
  /** The artifact's bytes. */
  download(artifactId: string, options?: RequestOptions): Promise<Uint8Array>;
  /** A short-lived signed URL (`authMode` `none`: send no Authorization header to it). */
  downloadUrl(artifactId: string, options?: RequestOptions): Promise<DownloadUrl>;
  /** Idempotent by state; returns the artifact with `deletedAt` set. */
  delete(artifactId: string, options?: RequestOptions): Promise<Artifact>;
}

export function artifacts(t: Transport): Artifacts {
  const art = (artifactId: string) => ({ path: { artifactId } });
  return {
    create(sandboxId, path, input, options) {
      const [rest, o] = splitKey(input, options);
      return call(
        t,
        "createArtifact",
        { params: { path: { sandboxId } }, body: { path, ...rest } },
        o,
      );
    },
    get: (artifactId, options) => call(t, "getArtifact", { params: art(artifactId) }, options),
    async list(sandboxId, options) {
      return (await call(t, "listArtifacts", { params: { path: { sandboxId } } }, options)).data;
    },
    async download(artifactId, options) {
      const init = { params: art(artifactId), parseAs: "arrayBuffer" as const };
      return new Uint8Array(
        (await request(t, "downloadArtifact", init, options)).data as ArrayBuffer,
      );
    },
    downloadUrl: (artifactId, options) =>
      call(t, "createArtifactDownloadUrl", { params: art(artifactId) }, options),
    delete: (artifactId, options) =>
      call(t, "deleteArtifact", { params: art(artifactId) }, options),
  };
}
