/**
 * API keys, scopes and project visibility. A missing or unknown key is 401
 * `unauthorized`; a missing scope is 403 `forbidden`; a resource in a project
 * the key cannot see is 404 `not_found` (existence never leaks).
 *
 * @module
 */

import { ApiError, notFound } from "./errors.ts";
import type { Random } from "./random.ts";
import {
  type ApiKeyConfig,
  type ApiKeyRecord,
  keyRecord,
  type Project,
  type ResolvedConfig,
} from "./resolved-config.ts";

/** The key store of one fake. */
export class Auth {
  readonly #keys = new Map<string, ApiKeyRecord>();
  readonly #config: ResolvedConfig;
  readonly #random: Random;

  constructor(config: ResolvedConfig, random: Random) {
    this.#config = config;
    this.#random = random;
    for (const key of config.apiKeys) this.#keys.set(key.key, key);
  }

  /** Adds a key (a random "cn_test_..." one unless `key` is given); returns it. */
  createKey(options: Partial<ApiKeyConfig> = {}): ApiKeyRecord {
    const key = options.key ?? `cn_test_${this.#random.chars(24)}`;
    const record = keyRecord(
      { ...options, key },
      this.#config.projects.map((p) => p.id),
    );
    this.#keys.set(key, record);
    return record;
  }

  /** The key of an `Authorization` header value, or undefined when there is none. */
  static bearer(header: string | null | undefined): string | undefined {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : "";
  }

  /** The record of an `Authorization` header; 401 when missing or unknown. */
  authenticate(header: string | null | undefined): ApiKeyRecord {
    const token = Auth.bearer(header);
    if (token === undefined) throw new ApiError("unauthorized", "missing API key");
    const record = token ? this.#keys.get(token) : undefined;
    if (!record) throw new ApiError("unauthorized", "invalid API key");
    return record;
  }

  /** 403 unless the key has every scope. */
  requireScopes(key: ApiKeyRecord, scopes: readonly string[]): void {
    const missing = missingScopes(key, scopes);
    if (missing.length > 0) {
      throw new ApiError("forbidden", `the API key lacks the scope ${missing.join(", ")}`, {
        missingScopes: missing,
      });
    }
  }

  /**
   * Whether the key can see the project: the one visibility rule, for every
   * resource (a resource in a project the key can't see is 404).
   */
  canSee(key: ApiKeyRecord, projectId: string): boolean {
    return key.projectIds.includes(projectId) && this.project(projectId) !== undefined;
  }

  /** The project, if it exists. */
  project(id: string): Project | undefined {
    return this.#config.projects.find((p) => p.id === id);
  }

  /** The projects the key can see, in config order. */
  visibleProjects(key: ApiKeyRecord): Project[] {
    return this.#config.projects.filter((p) => this.canSee(key, p.id));
  }

  /**
   * The project a create call lands in: the given one (404 when the key can't
   * see it) or the key's first project.
   */
  resolveProject(key: ApiKeyRecord, projectId?: string): Project {
    if (projectId !== undefined) {
      const project = this.project(projectId);
      if (!project || !this.canSee(key, projectId)) throw notFound("project", projectId);
      return project;
    }
    const first = this.visibleProjects(key)[0];
    if (!first) throw new ApiError("forbidden", "the API key has no project");
    return first;
  }
}

/** The scopes of `scopes` the key lacks, in their order. */
export function missingScopes(key: ApiKeyRecord, scopes: readonly string[]): string[] {
  return scopes.filter((s) => !key.scopes.has(s));
}
