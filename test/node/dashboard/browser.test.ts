// The dashboard in a real browser: Debian's headless Chromium driven by
// playwright-core, against the fake served over HTTP on 127.0.0.1 (port 0)
// in this process, so the test creates runs through the SDK while the browser
// watches. One browser launch; each page is screenshotted to
// test-output/screenshots/ (the paths are printed).
//
// Chromium comes from scripts/ensure-chromium.mjs (installs Debian's package
// when missing and we are root; otherwise this test FAILS with its message:
// it is never skipped). playwright-core's launch() gives the browser a fresh
// temporary --user-data-dir, removed on close.
import { spawnSync } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeServer, serveFake } from "../../../fake/server/serve.ts";
import { type CrowNestClient, createCrowNestClient } from "../../../src/index.ts";
import { tgz } from "../fake/helpers/workspace-runs.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SHOTS = join(ROOT, "test-output", "screenshots");
const OWNER = "cn_test_browser_owner_00000001";
const MEMBER = "cn_test_browser_member_0000002";
const XSS_SCRIPT = "<script>alert(1)</script>";
const XSS_ATTR = '"><img src=x onerror=alert(1)>';

/** Keeps Chromium off the network (this machine has none; without these it calls Google). */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let server: FakeServer;
let browser: Browser;
let client: CrowNestClient;
/** What must stay empty: alert() dialogs, page errors, CSP violations, requests for `src=x`. */
const executed: string[] = [];
const shots: string[] = [];

/** The browser's path, installing Debian's chromium when missing (see the script). */
function ensureChromium(): string {
  const script = join(ROOT, "scripts", "ensure-chromium.mjs");
  const result = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 15 * 60_000 });
  if (result.status !== 0) {
    throw new Error(
      `the dashboard's browser test needs Chromium, and scripts/ensure-chromium.mjs failed: ${
        (result.stderr || String(result.error ?? "")).trim() || `exit ${result.status}`
      }`,
    );
  }
  return result.stdout.trim().split("\n").at(-1) as string;
}

/**
 * Why the browser can't run (Chromium missing and not installable). Each test
 * throws it, so they FAIL with the message instead of being reported as
 * skipped, which is what vitest does when beforeAll itself throws.
 */
let unavailable: Error | undefined;

function ready(): void {
  if (unavailable) throw unavailable;
}

beforeAll(async () => {
  let executablePath: string;
  try {
    executablePath = ensureChromium();
  } catch (error) {
    unavailable = error as Error;
    return;
  }
  await rm(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
  // The auto clock: a run finishes as soon as the SDK waits on it; with nothing
  // waiting, time stands still, so a `sleep 600` run stays running for the test.
  server = await serveFake({
    port: 0,
    clock: "auto",
    seed: 11,
    apiKeys: [
      { key: OWNER, role: "owner" },
      { key: MEMBER, role: "member" },
    ],
  });
  client = createCrowNestClient({ apiKey: OWNER, baseUrl: server.url });
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (shots.length > 0) console.log(`dashboard screenshots:\n${shots.join("\n")}`);
});

/** A fresh browser context (its own cookies) with a page that reports anything executed. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    executed.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => executed.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) executed.push(`CSP: ${message.text()}`);
  });
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith("/x")) executed.push(`request: ${request.url()}`);
  });
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  shots.push(path);
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.fill("#api_key", key);
  await Promise.all([
    page.waitForURL(`${server.url}/workspace-runs`),
    page.click("form.signin button"),
  ]);
}

async function rowIds(page: Page): Promise<string[]> {
  return page
    .locator("#runs tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-run-id") ?? ""));
}

/** Reads the run's events until the terminal one (the run is sealed, its evidence persisted). */
async function untilTerminal(id: `wsr_${string}`): Promise<void> {
  for await (const event of client.workspaceRuns.streamEvents(id)) {
    if (event.type === "terminal") return;
  }
}

/** The owner signs in: sent to the form, a wrong key refused, the right one given a session cookie. */
async function ownerSignsIn(page: Page): Promise<void> {
  // Signed out, the dashboard sends us to the sign-in form.
  await page.goto(`${server.url}/workspace-runs`);
  expect(new URL(page.url()).pathname).toBe("/sign-in");
  await expect.poll(() => page.locator("#api_key").isVisible()).toBe(true);
  await shot(page, "01-sign-in");

  // A wrong key: the form again with an error, 401.
  await page.fill("#api_key", "cn_test_not_a_key");
  const [wrong] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.click("form.signin button"),
  ]);
  expect(wrong.status()).toBe(401);
  await page.waitForLoadState();
  expect(await page.locator(".error").textContent()).toBe("That API key is not valid.");
  await shot(page, "02-sign-in-wrong-key");

  // The right key: the (empty) list, and an HttpOnly SameSite session cookie.
  await page.fill("#api_key", OWNER);
  await Promise.all([
    page.waitForURL(`${server.url}/workspace-runs`),
    page.click("form.signin button"),
  ]);
  expect(await page.locator("#no-runs").isVisible()).toBe(true);
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.path])).toEqual([
    ["crownest_session", true, "Lax", "/"],
  ]);
  expect(await page.evaluate(() => document.cookie).catch(() => "(no script)")).not.toContain(
    "crownest_session",
  );
  await shot(page, "03-empty-list");
}

/** A finished run made with the SDK, hostile text and all, shows in the list and on its page with its evidence. */
async function ownerSeesAFinishedRun(
  page: Page,
): Promise<{ firstId: string; archive: Uint8Array }> {
  // A run made with the SDK (hostile command and metadata) appears on refresh.
  const archive = await tgz({ "app/README.md": "# demo\n" });
  const { workspaceRun: first, evidence } = await client.workspaceRuns.runArchive(archive, {
    command: `echo '${XSS_SCRIPT}'`,
    metadata: { note: XSS_ATTR, [XSS_SCRIPT]: "key" },
    sourceMetadata: { repo: XSS_ATTR },
  });
  expect(first.status).toBe("succeeded");
  await page.click("#refresh");
  await page.waitForLoadState();
  expect(await rowIds(page)).toEqual([first.id]);
  const row = page.locator(`tr[data-run-id="${first.id}"]`);
  expect(await row.locator("td").nth(1).textContent()).toBe("succeeded");
  expect(await row.locator("td").nth(2).textContent()).toBe(`echo '${XSS_SCRIPT}'`);
  expect(await page.locator("script, img").count()).toBe(0);
  await shot(page, "04-list-one-run");

  // Its page shows the evidence bundle.
  await Promise.all([
    page.waitForURL(`${server.url}/workspace-runs/${first.id}`),
    page.click(`a[href="/workspace-runs/${first.id}"]`),
  ]);
  expect(await page.locator("#command").textContent()).toBe(`echo '${XSS_SCRIPT}'`);
  expect(await page.locator("#evidence-digest").textContent()).toBe(evidence.digest.value);
  expect(await page.locator("#evidence").textContent()).toContain(evidence.archive?.sha256);
  expect(await page.locator("#evidence").textContent()).toContain(evidence.outputs.stdout.sha256);
  expect(await page.getByText(XSS_ATTR).count()).toBeGreaterThan(0);
  expect(await page.locator("script, img, #cancel").count()).toBe(0);
  await shot(page, "05-run-with-evidence");
  return { firstId: first.id, archive };
}

/** A running run shows a cancel button; the owner cancels it and sees it canceled, then its evidence. */
async function ownerCancelsARunningRun(
  page: Page,
  firstId: string,
  archive: Uint8Array,
): Promise<void> {
  // Another run, running (`sleep 600` on the auto clock: nothing waits, so it stays running).
  const active = await client.workspaceRuns.create({
    command: "sleep 600",
    metadata: { job: "long" },
  });
  await client.workspaceRuns.uploadArchive(active.id, { bytes: archive });
  await client.workspaceRuns.start(active.id);
  await Promise.all([
    page.waitForURL(`${server.url}/workspace-runs`),
    page.click("main a[href='/workspace-runs']"),
  ]);
  expect(await rowIds(page)).toEqual([active.id, firstId]);
  await shot(page, "06-list-two-runs");

  await Promise.all([
    page.waitForURL(`${server.url}/workspace-runs/${active.id}`),
    page.click(`a[href="/workspace-runs/${active.id}"]`),
  ]);
  expect(await page.locator("h1 .status").textContent()).toBe("running");
  expect(await page.locator("#evidence-not-ready").isVisible()).toBe(true);
  expect(await page.locator("#cancel").isVisible()).toBe(true);
  await shot(page, "07-active-run");

  // Cancel it: a form POST, 303 back to the run, now canceled.
  const [canceled] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.click("#cancel"),
  ]);
  expect(canceled.status()).toBe(303);
  await page.waitForURL(`${server.url}/workspace-runs/${active.id}`);
  expect(await page.locator("h1 .status").textContent()).toBe("canceled");
  expect(await page.locator("#cancel").count()).toBe(0);
  expect((await client.workspaceRuns.get(active.id)).status).toBe("canceled");
  // Once sealed, its evidence shows.
  await untilTerminal(active.id);
  await page.reload();
  expect(await page.locator("#evidence .status").textContent()).toBe("canceled");
  await shot(page, "08-canceled-run");
}

describe("the dashboard in headless Chromium", () => {
  it("owner: sign in, watch a run appear, open it and its evidence, cancel another, sign out", async () => {
    ready();
    const page = await newPage();

    await ownerSignsIn(page);
    const { firstId, archive } = await ownerSeesAFinishedRun(page);
    await ownerCancelsARunningRun(page, firstId, archive);

    // Sign out: back to the form, and the dashboard wants a sign-in again.
    await Promise.all([page.waitForURL(`${server.url}/sign-in`), page.click("header button")]);
    await page.goto(`${server.url}/workspace-runs`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await page.context().cookies()).toEqual([]);
  }, 60_000);

  it("member: sees runs but no cancel button, and a forged cancel POST is refused (403)", async () => {
    ready();
    const run = await client.workspaceRuns.create({ command: "pytest -q" });
    const page = await newPage();
    await signIn(page, MEMBER);
    expect(await rowIds(page)).toContain(run.id);
    await Promise.all([
      page.waitForURL(`${server.url}/workspace-runs/${run.id}`),
      page.click(`a[href="/workspace-runs/${run.id}"]`),
    ]);
    expect(await page.locator("h1 .status").textContent()).toBe("awaiting archive");
    expect(await page.locator("#cancel, #cancel-form").count()).toBe(0);
    expect(await page.locator("#cancel-denied").textContent()).toBe(
      "Only owner and admin keys can cancel runs; this key's role is member.",
    );
    await shot(page, "09-member-no-cancel");

    // The member forges the POST the button would send, with its own valid CSRF token.
    const csrf = await page.locator("input[name=csrf]").first().getAttribute("value");
    const forged = await page.request.post(`${server.url}/workspace-runs/${run.id}/cancel`, {
      form: { csrf: csrf ?? "" },
      headers: { origin: server.url },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect((await client.workspaceRuns.get(run.id)).status).toBe("awaiting_archive");
  }, 60_000);

  it("executed nothing: no dialog, page error, CSP violation or injected request", () => {
    ready();
    expect(shots).toHaveLength(9);
    expect(executed).toEqual([]);
  });
});
