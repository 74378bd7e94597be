// The dashboard at /workspace-runs over HTTP, in-process (the fake's fetch,
// no port): sessions and their cookie, redirects, sign-in failures, roles
// and scopes, CSRF, escaping, visibility across projects, security headers.
import { afterEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, SESSION_TTL_MS } from "../../fake/dashboard/session.ts";
import { ALL_SCOPES, createFake, type Fake, type FakeOptions } from "../../fake/index.ts";
import { createCrowNestClient } from "../../src/index.ts";
import { tgz } from "./fake-workspace-runs-helpers.ts";

const OWNER = "cn_test_owner_key_000000000001";
const ADMIN = "cn_test_admin_key_000000000002";
const MEMBER = "cn_test_member_key_00000000003";
const NO_CANCEL = "cn_test_owner_nocancel_0000004";
const NO_READ = "cn_test_owner_noread_000000005";
const ONLY_A = "cn_test_only_project_a_0000006";
const XSS_SCRIPT = "<script>alert(1)</script>";
const XSS_ATTR = '"><img src=x onerror=alert(1)>';

const allBut = (scope: string): string[] => ALL_SCOPES.filter((s) => s !== scope);

let fake: Fake;

function setup(options: FakeOptions = {}): Fake {
  fake = createFake({
    clock: "auto",
    projects: [{ id: "prj_a" }, { id: "prj_b" }],
    apiKeys: [
      { key: OWNER, role: "owner" },
      { key: ADMIN, role: "admin" },
      { key: MEMBER, role: "member" },
      { key: ONLY_A, role: "owner", projectIds: ["prj_a"] },
    ],
    ...options,
  });
  fake.createApiKey({ key: NO_CANCEL, scopes: allBut("workspace_run:cancel") });
  fake.createApiKey({ key: NO_READ, scopes: allBut("workspace_run:read") });
  return fake;
}

afterEach(() => {
  expect(fake.context.unexpectedErrors).toEqual([]);
});

/** A request to the fake that doesn't follow redirects. */
function send(
  path: string,
  init: RequestInit & { cookie?: string; form?: Record<string, string> } = {},
): Promise<Response> {
  const { cookie, form, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (cookie) headers.set("cookie", cookie);
  let body = rest.body;
  if (form) {
    body = new URLSearchParams(form).toString();
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  return fake.fetch(`${fake.baseUrl}${path}`, {
    redirect: "manual",
    ...rest,
    method: rest.method ?? (form ? "POST" : "GET"),
    headers,
    body,
  });
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(key: string): Promise<Session> {
  const res = await send("/sign-in", { form: { api_key: key } });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/workspace-runs");
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
  expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}$`));
  const page = await send("/workspace-runs", { cookie });
  expect(page.status).toBe(200);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return { cookie, csrf: csrf as string };
}

function client(key = OWNER) {
  return createCrowNestClient({ apiKey: key, baseUrl: fake.baseUrl, fetch: fake.fetch });
}

/** A run that has ended, with its evidence (the SDK's runArchive on the auto clock). */
async function finishedRun(
  input: { command: string; projectId?: string } & Record<string, unknown>,
) {
  const archive = await tgz({ "app/main.txt": "hello\n" });
  return client().workspaceRuns.runArchive(archive, input as never);
}

async function statusOf(id: string): Promise<string> {
  return (await client().workspaceRuns.get(id as `wsr_${string}`)).status;
}

describe("sign-in and sessions", () => {
  it("sends every page without a session to /sign-in with 303", async () => {
    setup();
    const run = await client().workspaceRuns.create({ command: "true" });
    for (const path of [
      "/workspace-runs",
      `/workspace-runs/${run.id}`,
      "/workspace-runs?status=ready",
    ]) {
      const res = await send(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location")).toBe("/sign-in");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    // A stale or forged cookie: the same, and the cookie is cleared.
    const res = await send("/workspace-runs", { cookie: `${SESSION_COOKIE}=forged` });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in");
    expect(res.headers.get("set-cookie")).toMatch(/^crownest_session=; .*Max-Age=0/);
    // A cancel without a session cancels nothing.
    const cancel = await send(`/workspace-runs/${run.id}/cancel`, { form: { csrf: "x" } });
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("location")).toBe("/sign-in");
    expect(await statusOf(run.id)).toBe("awaiting_archive");
  });

  it("serves the sign-in form; signed in, /sign-in goes on to the runs", async () => {
    setup();
    const res = await send("/sign-in");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const body = await res.text();
    expect(body).toContain('<form class="signin" method="post" action="/sign-in">');
    expect(body).toContain('name="api_key" type="password"');
    const { cookie } = await signIn(OWNER);
    const again = await send("/sign-in", { cookie });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/workspace-runs");
  });

  it("sets an HttpOnly, SameSite, Path=/ session cookie (Secure on https), fresh on every sign-in", async () => {
    setup();
    const first = await send("/sign-in", { form: { api_key: OWNER } });
    const setCookie = first.headers.get("set-cookie") ?? "";
    const attributes = setCookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^crownest_session=[a-z0-9_-]{43}$/);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).toContain("secure");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    const oldCookie = setCookie.split(";")[0] as string;
    // Signing in again (even over an existing session) makes a new session and ends the old one.
    const second = await send("/sign-in", { form: { api_key: OWNER }, cookie: oldCookie });
    const newCookie = (second.headers.get("set-cookie") ?? "").split(";")[0] as string;
    expect(newCookie).not.toBe(oldCookie);
    expect((await send("/workspace-runs", { cookie: oldCookie })).status).toBe(303);
    expect((await send("/workspace-runs", { cookie: newCookie })).status).toBe(200);
  });

  it("leaves Secure off on plain http (the crownest-fake server on 127.0.0.1)", async () => {
    setup({ baseUrl: "http://127.0.0.1:8787" });
    const res = await send("/sign-in", { form: { api_key: OWNER } });
    const attributes = (res.headers.get("set-cookie") ?? "").toLowerCase().split(/;\s*/);
    expect(attributes).toContain("httponly");
    expect(attributes).not.toContain("secure");
  });

  it("answers a wrong key with the sign-in page again, 401, never saying whether the key exists", async () => {
    setup();
    const bodies: string[] = [];
    for (const key of ["cn_test_does_not_exist", `${OWNER}x`, OWNER.slice(0, -1), "a b c"]) {
      const res = await send("/sign-in", { form: { api_key: key } });
      expect(res.status, key).toBe(401);
      expect(res.headers.get("set-cookie")).toBeNull();
      const body = await res.text();
      expect(body).toContain("That API key is not valid.");
      expect(body).toContain('action="/sign-in"');
      expect(body).not.toContain(key);
      bodies.push(body);
    }
    expect(new Set(bodies).size).toBe(1);
    const empty = await send("/sign-in", { form: { api_key: "   " } });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter an API key.");
    const missing = await send("/sign-in", { form: {} });
    expect(missing.status).toBe(400);
  });

  it("refuses bad form bodies with a clear status, never a 500", async () => {
    setup();
    const json = await send("/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ api_key: OWNER }),
    });
    expect(json.status).toBe(415);
    const huge = await send("/sign-in", { form: { api_key: "x".repeat(20_000) } });
    expect(huge.status).toBe(413);
    const chunked = await send("/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new Blob(["api_key=", "y".repeat(40_000)]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const garbled = await send("/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "api_key=%E0%A4%A&&=%%%",
    });
    expect(garbled.status).toBe(401);
  });

  it("signs out with the CSRF token only; the cookie is cleared and the session gone", async () => {
    setup();
    const { cookie, csrf } = await signIn(OWNER);
    const forged = await send("/sign-out", { cookie, form: { csrf: "nope" } });
    expect(forged.status).toBe(403);
    const none = await send("/sign-out", { cookie, form: {} });
    expect(none.status).toBe(403);
    expect((await send("/workspace-runs", { cookie })).status).toBe(200);
    const res = await send("/sign-out", { cookie, form: { csrf } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in");
    expect(res.headers.get("set-cookie")).toMatch(
      /^crownest_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/,
    );
    const after = await send("/workspace-runs", { cookie });
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/sign-in");
  });

  it("expires sessions on the fake's clock", async () => {
    setup({ clock: "manual" });
    const { cookie } = await signIn(OWNER);
    await fake.clock.advance(SESSION_TTL_MS - 1);
    expect((await send("/workspace-runs", { cookie })).status).toBe(200);
    await fake.clock.advance(1);
    const res = await send("/workspace-runs", { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in");
  });

  it("a reset of the fake signs everyone out", async () => {
    setup();
    const { cookie } = await signIn(OWNER);
    fake.reset();
    expect((await send("/workspace-runs", { cookie })).status).toBe(303);
  });

  it("refuses a form POST whose Origin is another site", async () => {
    setup();
    const { cookie, csrf } = await signIn(OWNER);
    const run = await client().workspaceRuns.create({ command: "true" });
    const evil = { origin: "https://evil.example" };
    const cancel = await send(`/workspace-runs/${run.id}/cancel`, {
      cookie,
      form: { csrf },
      headers: evil,
    });
    expect(cancel.status).toBe(403);
    expect(await statusOf(run.id)).toBe("awaiting_archive");
    const signInElsewhere = await send("/sign-in", { form: { api_key: OWNER }, headers: evil });
    expect(signInElsewhere.status).toBe(403);
    expect(signInElsewhere.headers.get("set-cookie")).toBeNull();
    // The same origin is fine.
    const ok = await send(`/workspace-runs/${run.id}/cancel`, {
      cookie,
      form: { csrf },
      headers: { origin: fake.baseUrl },
    });
    expect(ok.status).toBe(303);
  });

  it("serves no dashboard on the storage origin", async () => {
    setup({ storageOrigin: "https://storage.crownest.test" });
    const res = await fake.fetch("https://storage.crownest.test/sign-in", { redirect: "manual" });
    expect(res.status).toBe(404);
  });
});

describe("security headers", () => {
  it("every dashboard response carries CSP (no script), nosniff, a referrer policy, no framing", async () => {
    setup();
    const { cookie } = await signIn(OWNER);
    const run = await client().workspaceRuns.create({ command: "true" });
    const responses = [
      await send("/sign-in"),
      await send("/sign-in", { form: { api_key: "wrong" } }),
      await send("/workspace-runs"),
      await send("/workspace-runs", { cookie }),
      await send(`/workspace-runs/${run.id}`, { cookie }),
      await send("/workspace-runs/wsr_nope", { cookie }),
      await send("/workspace-runs/dashboard.css"),
    ];
    for (const res of responses) {
      const csp = res.headers.get("content-security-policy") ?? "";
      const directives = csp.split(";").map((d) => d.trim());
      expect(directives).toContain("default-src 'self'");
      expect(directives).toContain("script-src 'none'");
      expect(directives).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    }
    const html = responses[3] as Response;
    expect(html.headers.get("cache-control")).toBe("no-store");
    const css = responses[6] as Response;
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    // No page holds a script or an inline style or handler.
    for (const res of responses.slice(0, 6)) {
      const body = await res.clone().text();
      expect(body).not.toMatch(/<script|<style|\son[a-z]+=|style=/i);
    }
  });
});

describe("the list", () => {
  it("shows the runs the key can see, newest first, with id link, status, command, template, created time", async () => {
    setup();
    const c = client();
    const first = await c.workspaceRuns.create({ command: "echo one", projectId: "prj_a" });
    await fake.clock.advance(1000);
    const second = await c.workspaceRuns.create({
      command: "echo two",
      projectId: "prj_b",
      template: "node",
    });
    const { cookie } = await signIn(OWNER);
    const body = await (await send("/workspace-runs", { cookie })).text();
    const ids = [...body.matchAll(/data-run-id="(wsr_[A-Za-z0-9]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([second.id, first.id]);
    expect(body).toContain(`<a href="/workspace-runs/${second.id}"><code>${second.id}</code></a>`);
    expect(body).toContain("<code>echo two</code>");
    expect(body).toContain("<td>node</td>");
    expect(body).toContain(`<time datetime="${second.createdAt}">`);
    expect(body).toContain('class="status status-awaiting_archive"');
    // A key of project A alone sees only the first.
    const onlyA = await signIn(ONLY_A);
    const bodyA = await (await send("/workspace-runs", { cookie: onlyA.cookie })).text();
    expect([...bodyA.matchAll(/data-run-id="(wsr_[A-Za-z0-9]+)"/g)].map((m) => m[1])).toEqual([
      first.id,
    ]);
  });

  it("says so when there are no runs, and filters by ?status=", async () => {
    setup();
    const { cookie } = await signIn(OWNER);
    const empty = await (await send("/workspace-runs", { cookie })).text();
    expect(empty).toContain('id="no-runs"');
    expect(empty).toContain("No workspace runs yet.");
    const waiting = await client().workspaceRuns.create({ command: "true" });
    const { workspaceRun: done } = await finishedRun({ command: "echo done" });
    const ids = async (query: string) =>
      [
        ...(await (await send(`/workspace-runs${query}`, { cookie })).text()).matchAll(
          /data-run-id="(wsr_[A-Za-z0-9]+)"/g,
        ),
      ].map((m) => m[1]);
    expect(await ids("")).toEqual([done.id, waiting.id]);
    expect(await ids("?status=succeeded")).toEqual([done.id]);
    expect(await ids("?status=awaiting_archive")).toEqual([waiting.id]);
    expect(await ids("?status=")).toEqual([done.id, waiting.id]);
    const none = await (await send("/workspace-runs?status=timed_out", { cookie })).text();
    expect(none).toContain("No workspace runs are timed out.");
    expect(none).toContain('<option value="timed_out" selected>');
    const bad = await send(`/workspace-runs?status=${encodeURIComponent(XSS_SCRIPT)}`, { cookie });
    expect(bad.status).toBe(400);
    const badBody = await bad.text();
    expect(badBody).toContain("There is no run status &quot;&lt;script&gt;");
    expect(badBody).not.toContain("<script");
  });

  it("needs the workspace_run:read scope (403)", async () => {
    setup();
    const signedIn = await send("/sign-in", { form: { api_key: NO_READ } });
    expect(signedIn.status).toBe(303);
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const res = await send("/workspace-runs", { cookie });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("workspace_run:read");
  });
});

describe("escaping", () => {
  it("renders hostile commands, metadata and errors as text, never markup", async () => {
    setup();
    const { cookie } = await signIn(OWNER);
    const { workspaceRun: run } = await finishedRun({
      command: `echo '${XSS_SCRIPT}' '${XSS_ATTR}'`,
      metadata: { [XSS_SCRIPT]: XSS_ATTR, label: XSS_SCRIPT },
      sourceMetadata: { repo: XSS_ATTR },
      artifacts: [{ path: `${XSS_ATTR}.txt`, name: "x" }],
    });
    const pages = [
      await (await send("/workspace-runs", { cookie })).text(),
      await (await send(`/workspace-runs/${run.id}`, { cookie })).text(),
    ];
    for (const body of pages) {
      expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(body).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    }
    const detail = pages[1] as string;
    expect(detail).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(detail).toContain("&#39;"); // the command's single quotes
    // The artifact could not be collected: its error message names the hostile path, escaped.
    expect(detail).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt");
  });

  it("escapes the run id of a 404 page", async () => {
    setup();
    const { cookie } = await signIn(OWNER);
    const res = await send(`/workspace-runs/${encodeURIComponent(XSS_ATTR)}`, { cookie });
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).toContain("No workspace run &quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(body).not.toContain("<img");
  });
});

describe("the detail page", () => {
  it("shows the run, and 'evidence not ready' before it is terminal", async () => {
    setup();
    const run = await client().workspaceRuns.create({
      command: "pytest -q",
      metadata: { team: "core" },
      sourceMetadata: { commit: "abc123" },
    });
    const { cookie } = await signIn(OWNER);
    const res = await send(`/workspace-runs/${run.id}`, { cookie });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(`<code>${run.id}</code>`);
    expect(body).toContain('<code id="command">pytest -q</code>');
    expect(body).toContain("<code>team</code></th><td><code>core</code>");
    expect(body).toContain("<code>commit</code></th><td><code>abc123</code>");
    expect(body).toContain('id="evidence-not-ready"');
    expect(body).not.toContain('id="evidence"');
  });

  it("shows the evidence bundle's fields once terminal", async () => {
    setup();
    const { workspaceRun: run, evidence } = await finishedRun({
      command: "echo out; echo err >&2 || true",
      metadata: { suite: "unit" },
    });
    expect(run.status).toBe("succeeded");
    const { cookie } = await signIn(OWNER);
    const body = await (await send(`/workspace-runs/${run.id}`, { cookie })).text();
    expect(body).toContain('<div id="evidence">');
    expect(body).not.toContain('id="evidence-not-ready"');
    expect(body).toContain(`<code id="evidence-digest">${evidence.digest.value}</code>`);
    expect(body).toContain(`<code>${evidence.archive?.sha256}</code>`);
    expect(body).toContain(`${evidence.archive?.sizeBytes} bytes`);
    expect(body).toContain(`<code>${evidence.outputs.stdout.sha256}</code>`);
    expect(body).toContain(`<code>${evidence.outputs.stderr.sha256}</code>`);
    expect(body).toContain(`<time datetime="${evidence.timings.finishedAt}">`);
    expect(body).toContain(`<time datetime="${evidence.persistedAt}">`);
    expect(body).toContain("<th>Exit code</th><td>0</td>");
    // A terminal run has no cancel button.
    expect(body).not.toContain('id="cancel"');
  });

  it("lists collected artifacts in the evidence", async () => {
    setup();
    fake.programs.define("make-report", (proc) => {
      proc.fs.write("report.txt", "all good\n");
      return 0;
    });
    const { workspaceRun: run, evidence } = await finishedRun({
      command: "make-report",
      artifacts: [{ path: "report.txt", name: "report" }],
    });
    expect(evidence.artifacts).toHaveLength(1);
    const artifact = evidence.artifacts[0] as (typeof evidence.artifacts)[number];
    const { cookie } = await signIn(OWNER);
    const body = await (await send(`/workspace-runs/${run.id}`, { cookie })).text();
    expect(body).toContain(
      `<td>report</td><td><code>/workspace/report.txt</code></td><td>9 bytes</td>`,
    );
    expect(body).toContain(`<code>${artifact.sha256}</code>`);
    expect(body).toContain(`<code>${artifact.artifactId}</code>`);
  });

  it("is a 404 for runs of projects the key can't see, worded like a missing run", async () => {
    setup();
    const hidden = await client().workspaceRuns.create({ command: "true", projectId: "prj_b" });
    const { cookie, csrf } = await signIn(ONLY_A);
    const res = await send(`/workspace-runs/${hidden.id}`, { cookie });
    expect(res.status).toBe(404);
    const missing = await send("/workspace-runs/wsr_0000000000000000", { cookie });
    expect(missing.status).toBe(404);
    const strip = (s: string) =>
      s.replaceAll(hidden.id, "ID").replaceAll("wsr_0000000000000000", "ID");
    expect(strip(await res.text())).toBe(strip(await missing.text()));
    const cancel = await send(`/workspace-runs/${hidden.id}/cancel`, { cookie, form: { csrf } });
    expect(cancel.status).toBe(404);
    expect(await statusOf(hidden.id)).toBe("awaiting_archive");
  });
});

describe("cancel", () => {
  it("an owner cancels an active run with a form POST (303 back to the run)", async () => {
    setup();
    const run = await client().workspaceRuns.create({ command: "true" });
    const { cookie, csrf } = await signIn(OWNER);
    const page = await (await send(`/workspace-runs/${run.id}`, { cookie })).text();
    expect(page).toContain(`<form method="post" action="/workspace-runs/${run.id}/cancel"`);
    expect(page).toContain(`<input type="hidden" name="csrf" value="${csrf}">`);
    const res = await send(`/workspace-runs/${run.id}/cancel`, { cookie, form: { csrf } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/workspace-runs/${run.id}`);
    expect(await statusOf(run.id)).toBe("canceled");
    const after = await (await send(`/workspace-runs/${run.id}`, { cookie })).text();
    expect(after).toContain('class="status status-canceled"');
    expect(after).not.toContain('id="cancel"');
    // Canceling a terminal run again changes nothing.
    const again = await send(`/workspace-runs/${run.id}/cancel`, { cookie, form: { csrf } });
    expect(again.status).toBe(303);
    expect(await statusOf(run.id)).toBe("canceled");
  });

  it("an admin may cancel a running run", async () => {
    setup();
    const c = client();
    const run = await c.workspaceRuns.create({ command: "sleep 600" });
    await c.workspaceRuns.uploadArchive(run.id, { bytes: await tgz({ "a.txt": "a" }) });
    await c.workspaceRuns.start(run.id);
    expect(await statusOf(run.id)).toBe("running");
    const { cookie, csrf } = await signIn(ADMIN);
    const res = await send(`/workspace-runs/${run.id}/cancel`, { cookie, form: { csrf } });
    expect(res.status).toBe(303);
    expect(await statusOf(run.id)).toBe("canceled");
  });

  it("a member sees no cancel button, and a forged POST is refused with 403", async () => {
    setup();
    const run = await client().workspaceRuns.create({ command: "true" });
    const { cookie, csrf } = await signIn(MEMBER);
    const page = await (await send(`/workspace-runs/${run.id}`, { cookie })).text();
    expect(page).not.toContain('id="cancel"');
    expect(page).not.toContain("/cancel");
    expect(page).toContain(
      "Only owner and admin keys can cancel runs; this key&#39;s role is member.",
    );
    const res = await send(`/workspace-runs/${run.id}/cancel`, { cookie, form: { csrf } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Only owner and admin keys can cancel runs");
    expect(await statusOf(run.id)).toBe("awaiting_archive");
  });

  it("an owner key without the workspace_run:cancel scope can't cancel either", async () => {
    setup();
    const run = await client().workspaceRuns.create({ command: "true" });
    const { cookie, csrf } = await signIn(NO_CANCEL);
    const page = await (await send(`/workspace-runs/${run.id}`, { cookie })).text();
    expect(page).not.toContain('id="cancel"');
    expect(page).toContain("workspace_run:cancel");
    const res = await send(`/workspace-runs/${run.id}/cancel`, { cookie, form: { csrf } });
    expect(res.status).toBe(403);
    expect(await statusOf(run.id)).toBe("awaiting_archive");
  });

  it("refuses a missing, wrong or other session's CSRF token", async () => {
    setup();
    const run = await client().workspaceRuns.create({ command: "true" });
    const mine = await signIn(OWNER);
    const other = await signIn(OWNER);
    expect(other.csrf).not.toBe(mine.csrf);
    const forms: Record<string, string>[] = [
      {},
      { csrf: "" },
      { csrf: "wrong" },
      { csrf: other.csrf },
    ];
    for (const form of forms) {
      const res = await send(`/workspace-runs/${run.id}/cancel`, { cookie: mine.cookie, form });
      expect(res.status, JSON.stringify(form)).toBe(403);
      expect(await res.text()).toContain("security token");
    }
    expect(await statusOf(run.id)).toBe("awaiting_archive");
  });
});
