#!/usr/bin/env node
// Placeholder demo: lists the operations openapi.yaml defines. It does not call
// the SDK or the fake yet (neither exists); it grows into a real walk-through.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const contract = parse(await readFile(new URL("../openapi.yaml", import.meta.url), "utf8"));
const rows = Object.entries(contract.paths ?? {}).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => [
    method.toUpperCase(),
    path,
    item[method].operationId ?? "",
    item[method].summary ?? "",
  ]),
);

const table = [["METHOD", "PATH", "OPERATION ID", "SUMMARY"], ...rows];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
console.log(`${contract.info?.title ?? "openapi.yaml"} ${contract.info?.version ?? ""}\n`);
for (const row of table) {
  console.log(
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
}
console.log(`\n${rows.length} operation${rows.length === 1 ? "" : "s"}`);
