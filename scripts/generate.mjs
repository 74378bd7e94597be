#!/usr/bin/env node
// Regenerates src/generated/ from openapi.yaml (the contract is the single
// source of truth): openapi.ts (types, by openapi-typescript), contract.ts and
// document.ts (runtime tables, by contract-tables.mjs). With --check it writes
// nothing and fails when a committed file differs, so CI catches a contract
// edit without a regenerate.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import openapiTS, { astToString, stringToAST } from "openapi-typescript";
import { parse } from "yaml";
import { contractTables } from "./contract-tables.mjs";

const root = new URL("../", import.meta.url);
const input = new URL("openapi.yaml", root);
const outDir = new URL("src/generated/", root);
const check = process.argv.includes("--check");

const HEADER = `/**
 * GENERATED FILE: DO NOT EDIT.
 * Generated from openapi.yaml by openapi-typescript (scripts/generate.mjs).
 * Edit openapi.yaml, then run \`npm run generate\`.
 */

`;

// Prefixed IDs (pattern "^sbx_...") become template literal types, as the
// seeds type them (`sbx_${string}`), so an ID of the wrong kind fails to compile.
function transform(schema) {
  const prefix = schema.type === "string" && /^\^([a-z]+_)\[/.exec(schema.pattern ?? "")?.[1];
  if (prefix) return stringToAST(`type T = \`${prefix}\${string}\`;`)[0].type;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

const COMPONENTS = {
  schemas: "The contract's schemas, by name.",
  responses: "The contract's shared responses (the error answers), by name.",
  parameters: "The contract's shared parameters, by name.",
  requestBodies: "The contract's shared request bodies (none).",
  headers: "The contract's shared response headers, by name.",
  pathItems: "The contract's shared path items (none).",
};

const TOP = {
  paths: "The contract's routes: each path's operations, by method.",
  webhooks: "The contract's webhooks (none).",
  components: "The contract's reusable parts: schemas, responses, parameters and headers.",
  $defs: "Schema definitions outside components (none).",
  operations: "The contract's operations, by operationId: parameters, request body and responses.",
};

// openapi-typescript documents schemas and fields from the contract's
// descriptions, not the keys of paths, components and operations: those get
// their doc comment here, from each operation's summary, so every public type
// has one (`deno doc --lint`).
function documented(text, doc) {
  const ops = new Map();
  const routes = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    const here = METHODS.filter((m) => item[m]).map((m) => {
      ops.set(item[m].operationId, `${item[m].summary} (\`${m.toUpperCase()} ${path}\`).`);
      return `${item[m].operationId} (${m.toUpperCase()})`;
    });
    routes.set(path, `\`${path}\`: ${here.join(", ")}.`);
  }
  let block = "";
  return text
    .split("\n")
    .flatMap((line) => {
      const top = /^export (?:interface|type) (\S+)/.exec(line)?.[1];
      if (top) {
        block = top;
        if (TOP[top]) return [`/** ${TOP[top]} */`, line];
      }
      const key = /^ {4}(?:"([^"]+)"|(\w+)): /.exec(line);
      const name = key?.[1] ?? key?.[2];
      const comment =
        (block === "paths" && routes.get(name)) ||
        (block === "operations" && ops.get(name)) ||
        (block === "components" && COMPONENTS[name]);
      return comment ? [`    /** ${comment} */`, line] : [line];
    })
    .join("\n");
}

const doc = parse(await readFile(input, "utf8"));
const files = {
  "openapi.ts": documented(
    HEADER + astToString(await openapiTS(input, { transform, defaultNonNullable: false })),
    doc,
  ),
  ...contractTables(doc),
};

let stale = false;
for (const [name, text] of Object.entries(files)) {
  const url = new URL(name, outDir);
  if (check) {
    const current = await readFile(url, "utf8").catch(() => "");
    // Normalise line endings so a Windows checkout (autocrlf) is not "stale".
    if (current.replace(/\r\n/g, "\n") !== text) {
      console.error(`src/generated/${name} is stale: run npm run generate`);
      stale = true;
    }
  } else {
    await mkdir(outDir, { recursive: true });
    await writeFile(url, text);
    console.log(`wrote src/generated/${name}`);
  }
}
if (check && stale) process.exit(1);
if (check) console.log("src/generated is up to date");
