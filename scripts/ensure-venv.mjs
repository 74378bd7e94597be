#!/usr/bin/env node
// Makes a Python virtual environment with pinned packages from PyPI, once.
//
//   node scripts/ensure-venv.mjs VENV_DIR REQUIREMENTS_FILE [PACKAGE_DIR]
//
// Creates VENV_DIR with `python3 -m venv` (Python 3.11+) and installs the
// requirements file (every package pinned with ==). PACKAGE_DIR, when given, is
// installed editable on top. A stamp in the venv holds the hash of what was
// installed, so a second call with the same inputs does nothing and a changed
// requirements file reinstalls. Prints the venv's python path on its last line.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [venvArg, requirementsArg, packageArg] = process.argv.slice(2);
if (!venvArg || !requirementsArg) {
  console.error("usage: node scripts/ensure-venv.mjs VENV_DIR REQUIREMENTS_FILE [PACKAGE_DIR]");
  process.exit(2);
}
const venv = resolve(venvArg);
const requirements = resolve(requirementsArg);
const python = join(venv, "bin", "python");
const stamp = join(venv, ".crownest-stamp");

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (result.error || result.status !== 0) {
    console.error(
      `ensure-venv: ${cmd} ${args.join(" ")} failed (${result.error ?? result.status})`,
    );
    process.exit(1);
  }
}

const hash = createHash("sha256")
  .update(readFileSync(requirements))
  .update(packageArg ? readFileSync(join(packageArg, "pyproject.toml")) : "")
  .digest("hex");
if (!existsSync(python) || !existsSync(stamp) || readFileSync(stamp, "utf8") !== hash) {
  rmSync(venv, { recursive: true, force: true });
  run("python3", ["-m", "venv", venv]);
  const pip = [python, "-m", "pip", "--disable-pip-version-check", "install", "--quiet"];
  run(pip[0], [...pip.slice(1), "-r", requirements]);
  if (packageArg) run(pip[0], [...pip.slice(1), "--no-deps", "-e", resolve(packageArg)]);
  writeFileSync(stamp, hash);
}
console.log(python);
