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

const doc = parse(await readFile(input, "utf8"));
const files = {
  "openapi.ts":
    HEADER + astToString(await openapiTS(input, { transform, defaultNonNullable: false })),
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
