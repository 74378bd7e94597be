import { call } from "../operations.ts";
import type { RequestOptions, Transport } from "../transport.ts";
import type { Project } from "../types.ts";

/** client.projects. */
export interface Projects {
  /** The projects the API key can access. */
  list(options?: RequestOptions): Promise<Project[]>;
}

export function projects(t: Transport): Projects {
  return {
    async list(options) {
      return (await call(t, "listProjects", {}, options)).data;
    },
  };
}
