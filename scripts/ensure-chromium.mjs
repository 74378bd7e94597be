#!/usr/bin/env node
// Makes sure a Chromium is there for the dashboard's browser test
// (test/node/dashboard/browser.test.ts drives it with playwright-core).
//
//   node scripts/ensure-chromium.mjs      prints the browser's path on its last line
//
// The browser is $CHROMIUM_PATH when set (it must exist: nothing is installed
// for it), else Debian's /usr/bin/chromium. When that is missing and we are
// root on a machine with apt-get, installs Debian's `chromium` package
// (apt-get update, then apt-get install -y, non-interactive and quiet).
// Otherwise exits 1 with a message that says what to do. .ci/run calls it
// before `npm test`; the browser test calls it too, so `npm test` alone works
// on a fresh Debian machine as root.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const DEBIAN_PATH = "/usr/bin/chromium";

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}

function apt(args) {
  console.error(`ensure-chromium: apt-get ${args.join(" ")}`);
  const result = spawnSync("apt-get", args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.error) fail(`apt-get failed to start: ${result.error.message}`);
  if (result.status !== 0) fail(`apt-get ${args.join(" ")} exited with ${result.status}`);
}

const wanted = process.env.CHROMIUM_PATH;
if (wanted) {
  if (!executable(wanted)) {
    fail(
      `CHROMIUM_PATH is ${wanted}, which is not an executable file. ` +
        "Point it at a Chromium or Chrome binary, or unset it to use Debian's /usr/bin/chromium.",
    );
  }
  console.log(wanted);
  process.exit(0);
}

if (!executable(DEBIAN_PATH)) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
  if (!root || !hasApt) {
    fail(
      `no Chromium at ${DEBIAN_PATH}, and it can't be installed here ` +
        `(${root ? "no apt-get" : "not root"}). The dashboard's browser test needs one: ` +
        "install Debian's package (sudo apt-get install chromium), or set CHROMIUM_PATH " +
        "to a Chromium or Chrome binary.",
    );
  }
  console.error(`ensure-chromium: no Chromium at ${DEBIAN_PATH}; installing Debian's chromium`);
  apt(["update", "-qq"]);
  apt(["install", "-y", "-qq", "chromium"]);
  if (!executable(DEBIAN_PATH)) fail(`apt-get installed chromium, but ${DEBIAN_PATH} is missing`);
}
console.log(DEBIAN_PATH);
