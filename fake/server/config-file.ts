/**
 * crownest-fake's config file (`--config FILE`): JSON of createFake's
 * options plus the server's own settings, checked against a schema, so a
 * misspelt key is an error instead of a silently ignored setting. Paths in
 * the file (`programs`, `state`) are relative to the file.
 *
 * @module
 */
import type { Schema } from "@cfworker/json-schema";
import { type ConfigOptions, DEFAULT_PLAN } from "../config.ts";
import { MAX_JOURNAL_SIZE } from "../http/journal.ts";
import { check } from "../http/validate.ts";

/** What a config file may hold. */
export interface ConfigFile extends Omit<ConfigOptions, "baseUrl" | "controlRoutes"> {
  /** A module whose default export receives `programs` and defines them. */
  programs?: string;
  /** A snapshot file: loaded on start when it exists, written on exit. */
  state?: string;
  port?: number;
  host?: string;
  /** An extra API key with every scope. */
  apiKey?: string;
}

const id = { type: "string", minLength: 1 } as const;
const count = { type: "integer", minimum: 0 } as const;

/** The config file's JSON Schema: unknown keys, at any level, are errors. */
const CONFIG_FILE_SCHEMA: Schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    seed: { type: "integer" },
    clock: { enum: ["real", "manual", "auto"] },
    clockStallTimeoutMs: count,
    journalSize: { type: "integer", minimum: 0, maximum: MAX_JOURNAL_SIZE },
    plan: {
      type: "object",
      additionalProperties: false,
      properties: Object.fromEntries(Object.keys(DEFAULT_PLAN).map((k) => [k, count])),
    },
    org: {
      type: "object",
      additionalProperties: false,
      properties: { id, name: { type: "string" } },
    },
    projects: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id"],
        properties: { id, name: { type: "string" } },
      },
    },
    apiKeys: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["key"],
        properties: {
          key: id,
          scopes: { type: "array", items: { type: "string" } },
          projectIds: { type: "array", items: id },
          role: { enum: ["owner", "admin", "member"] },
        },
      },
    },
    storageOrigin: { type: ["string", "null"], format: "uri" },
    signingSecret: id,
    controlToken: id,
    controlHosts: { type: "array", items: id },
    retentionMs: count,
    programs: id,
    state: id,
    port: { type: "integer", minimum: 0, maximum: 65535 },
    host: id,
    apiKey: id,
  },
};

/** Parses and checks a config file's text; throws an Error naming every problem. */
export function parseConfigFile(text: string, path: string): ConfigFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${error instanceof Error ? error.message : error}`);
  }
  const issues = check(CONFIG_FILE_SCHEMA, value);
  if (issues.length > 0) {
    const lines = issues.slice(0, 10).map((i) => `  ${i.path || "/"}: ${i.message}`);
    throw new Error(`${path} is not a valid config:\n${lines.join("\n")}`);
  }
  return value as ConfigFile;
}
