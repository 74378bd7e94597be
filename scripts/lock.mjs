#!/usr/bin/env node
// Rewrites package-lock.json after a dependency change. Use `npm run lock`
// after every `npm install <pkg>` / `npm uninstall <pkg>`, before committing.
//
// Why not the machine's npm (11.19): this workplace's npm registry lacks some
// optional platform packages (Biome's and Deno's darwin/win32 binaries). npm
// 11.16+ then writes a lock without them and `npm ci` rejects its own lock
// ("Missing: @biomejs/cli-darwin-arm64@ from lock file", npm/cli#9846).
// npm 11.13 records such packages as inert placeholders, which `npm ci`
// (11.19 too) accepts. Drop this once npm/cli#9846 is fixed.
import { spawnSync } from "node:child_process";

const args = ["--yes", "npm@11.13.0", "install", "--package-lock-only", "--ignore-scripts"];
const { status } = spawnSync("npx", [...args, "--no-audit", "--no-fund"], { stdio: "inherit" });
process.exit(status ?? 1);
