// The dashboard's sessions and their cookie, sign-in failures, cross-site
// refusals and security headers over HTTP, in-process (the fake's fetch, no port).
import { afterEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, SESSION_TTL_MS } from "../../../fake/core/sessions.ts";
import { client, fake, OWNER, send, setup, signIn, statusOf } from "./helpers/fixtures.ts";

afterEach(() => {
  expect(fake.context.unexpectedErrors).toEqual([]);
});

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
    // Emptied, Max-Age=0, exactly the session cookie's attributes (their order has no meaning).
    const [cleared, ...attributes] = (res.headers.get("set-cookie") ?? "").split("; ");
    expect(cleared).toBe("crownest_session=");
    expect(attributes.sort()).toEqual([
      "HttpOnly",
      "Max-Age=0",
      "Path=/",
      "SameSite=Lax",
      "Secure",
    ]);
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

describe("cross-site requests (hono/csrf)", () => {
  it("refuses a POST that Sec-Fetch-Site marks cross-site or same-site, even without an Origin", async () => {
    setup();
    const { cookie, csrf } = await signIn(OWNER);
    const run = await client().workspaceRuns.create({ command: "true" });
    for (const site of ["cross-site", "same-site", "none"]) {
      const headers = { "sec-fetch-site": site };
      const signInThere = await send("/sign-in", { form: { api_key: OWNER }, headers });
      expect(signInThere.status, site).toBe(403);
      expect(signInThere.headers.get("set-cookie")).toBeNull();
      const cancel = await send(`/workspace-runs/${run.id}/cancel`, {
        cookie,
        form: { csrf },
        headers,
      });
      expect(cancel.status, site).toBe(403);
    }
    const opaque = await send("/sign-in", {
      form: { api_key: OWNER },
      headers: { origin: "null" },
    });
    expect(opaque.status).toBe(403);
    expect(await statusOf(run.id)).toBe("awaiting_archive");
    // What a browser sends for the dashboard's own forms.
    const own = await send(`/workspace-runs/${run.id}/cancel`, {
      cookie,
      form: { csrf },
      headers: { "sec-fetch-site": "same-origin", origin: fake.baseUrl },
    });
    expect(own.status).toBe(303);
    expect(await statusOf(run.id)).toBe("canceled");
  });

  it("answers a cross-site POST with the dashboard's HTML error page", async () => {
    setup();
    const res = await send("/sign-in", {
      form: { api_key: OWNER },
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(await res.text()).toContain("This form was sent from another site, so it was refused.");
  });

  it("a cross-site POST that isn't a form changes nothing either", async () => {
    setup();
    const { cookie } = await signIn(OWNER);
    const run = await client().workspaceRuns.create({ command: "true" });
    const evil = { origin: "https://evil.example", "content-type": "application/json" };
    const signInThere = await send("/sign-in", {
      method: "POST",
      headers: evil,
      body: JSON.stringify({ api_key: OWNER }),
    });
    // hono/csrf checks form-like types only (what another site can send without CORS);
    // anything else is refused as not a form.
    expect(signInThere.status).toBe(415);
    expect(signInThere.headers.get("set-cookie")).toBeNull();
    const cancel = await send(`/workspace-runs/${run.id}/cancel`, {
      method: "POST",
      cookie,
      headers: evil,
      body: "{}",
    });
    expect(cancel.status).toBe(415);
    expect(await statusOf(run.id)).toBe("awaiting_archive");
  });
});

describe("the sub-app's error handler", () => {
  it("answers an unexpected exception with a 500 HTML page, recorded as a bug of the fake", async () => {
    setup();
    const sessions = fake.context.dashboardSessions;
    sessions.create = () => {
      throw new Error("boom");
    };
    const res = await send("/sign-in", { form: { api_key: OWNER } });
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const body = await res.text();
    expect(body).toContain("The dashboard failed unexpectedly.");
    expect(body).not.toContain("boom");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(fake.context.unexpectedErrors).toEqual([new Error("boom")]);
    fake.context.unexpectedErrors.length = 0;
  });
});

describe("secure-headers' further defaults", () => {
  it("sends them on every dashboard response, and nothing dashboard-only on the API", async () => {
    setup({ storageOrigin: "https://storage.crownest.test" });
    const { cookie } = await signIn(OWNER);
    const responses = [
      await send("/sign-in"),
      await send("/workspace-runs", { cookie }),
      await send("/workspace-runs/wsr_nope", { cookie }),
      await send("/workspace-runs/dashboard.css"),
      await send("/sign-out", { cookie, form: { csrf: "stale" } }),
      await fake.fetch("https://storage.crownest.test/sign-in", { redirect: "manual" }),
    ];
    for (const res of responses) {
      expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(res.headers.get("origin-agent-cluster")).toBe("?1");
      expect(res.headers.get("x-dns-prefetch-control")).toBe("off");
      expect(res.headers.get("x-download-options")).toBe("noopen");
      expect(res.headers.get("x-permitted-cross-domain-policies")).toBe("none");
      expect(res.headers.get("x-xss-protection")).toBe("0");
      // The fake doesn't own its host name: HSTS would outlive it in the browser.
      expect(res.headers.get("strict-transport-security")).toBeNull();
      expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    }
    const raw = await send("/v1/workspace-runs", { headers: { authorization: `Bearer ${OWNER}` } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-security-policy")).toBeNull();
    expect(raw.headers.get("x-frame-options")).toBeNull();
  });
});
