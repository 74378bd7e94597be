#!/usr/bin/env node
// Regenerates the contract's code from openapi.yaml (the contract is the single
// source of truth): src/generated/openapi.ts (types, by openapi-typescript),
// src/generated/contract.ts and document.ts (runtime tables, by
// contract-tables.mjs), and the Python package's python/src/crownest/_generated/
// contract.py (tables, by python-tables.mjs), types.py (TypedDicts, by
// datamodel-code-generator from the project's venv), and _version.py
// (package.json's version). With --check it writes nothing and fails when a
// committed file differs, so CI catches a contract edit without a regenerate.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, stringToAST } from "openapi-typescript";
import { parse } from "yaml";
import { contractData, contractTables } from "./contract-tables.mjs";
import { pythonTables } from "./python-tables.mjs";
import { pythonVersion } from "./python-version.mjs";

const root = new URL("../", import.meta.url);
const rootPath = fileURLToPath(root);
const input = new URL("openapi.yaml", root);
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

/**
 * The TypedDicts of every schema, by the venv's datamodel-codegen (pinned in
 * python/requirements-dev.txt). CROWNEST_DATAMODEL_CODEGEN names another binary.
 */
async function pythonTypes() {
  const bin =
    process.env.CROWNEST_DATAMODEL_CODEGEN ?? join(rootPath, ".venv", "bin", "datamodel-codegen");
  if (!existsSync(bin)) {
    console.error(
      `generate: ${bin} is missing; make the venv first:\n` +
        "  node scripts/ensure-venv.mjs .venv python/requirements-dev.txt python",
    );
    process.exit(1);
  }
  const dir = await mkdtemp(join(tmpdir(), "crownest-types-"));
  try {
    const out = join(dir, "types.py");
    // biome-ignore format: flag and value pairs
    const args = [
      "--input", "openapi.yaml", "--input-file-type", "openapi",
      "--output-model-type", "typing.TypedDict", "--output", out,
      "--target-python-version", "3.11", "--disable-timestamp",
      "--enum-field-as-literal", "all", "--use-standard-collections",
      "--use-union-operator", "--use-double-quotes", "--formatters", "builtin",
      "--no-use-closed-typed-dict",
    ];
    const result = spawnSync(bin, args, { cwd: rootPath, encoding: "utf8" });
    if (result.error || result.status !== 0) {
      console.error(`generate: datamodel-codegen failed:\n${result.stderr ?? result.error}`);
      process.exit(1);
    }
    // Python 3.11 has NotRequired and TypedDict in typing: no typing_extensions at run time.
    const text = await readFile(out, "utf8");
    return text.replace(
      /from typing import ([^\n]+)\n\nfrom typing_extensions import TypedDict\n/,
      (_, names) => `from typing import ${[...names.split(", "), "TypedDict"].sort().join(", ")}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
const data = contractData(doc);
const files = {
  "src/generated/openapi.ts": documented(
    HEADER + astToString(await openapiTS(input, { transform, defaultNonNullable: false })),
    doc,
  ),
  ...Object.fromEntries(
    Object.entries(contractTables(doc, data)).map(([name, text]) => [
      `src/generated/${name}`,
      text,
    ]),
  ),
  "python/src/crownest/_generated/contract.py": pythonTables(doc, data),
  "python/src/crownest/_generated/types.py": await pythonTypes(),
  "python/src/crownest/_version.py": pythonVersion(
    JSON.parse(await readFile(new URL("package.json", root), "utf8")).version,
  ),
};

let stale = false;
for (const [name, text] of Object.entries(files)) {
  const path = join(rootPath, name);
  if (check) {
    const current = await readFile(path, "utf8").catch(() => "");
    // Normalise line endings so a Windows checkout (autocrlf) is not "stale".
    if (current.replace(/\r\n/g, "\n") !== text) {
      console.error(`${name} is stale: run npm run generate`);
      stale = true;
    }
  } else {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    console.log(`wrote ${name}`);
  }
}
if (check && stale) process.exit(1);
if (check) console.log("the generated code is up to date");
