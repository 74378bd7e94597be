// The dashboard as an app of its own (fake/dashboard/app.ts), mounted on its
// paths by the fake's app: the API's routes alone fill the fake's router, so
// Hono routes them with its RegExpRouter; the dashboard's pages still go
// through the fake's request scope, and its unknown paths get the API's envelopes.
import { describe, expect, it } from "vitest";
import { createDashboardApp } from "../../../fake/dashboard/app.ts";
import { createFake } from "../../../fake/index.ts";

const API = "https://api.crownest.test";

describe("the dashboard's own app", () => {
  it("leaves the fake's router to the API, which Hono routes with its RegExpRouter", async () => {
    const fake = createFake({ controlRoutes: true, controlToken: "cn_ctl_test" });
    const auth = { authorization: `Bearer ${fake.apiKey}` };
    expect((await fake.fetch(`${API}/v1/sandboxes`, { headers: auth })).status).toBe(200);
    expect((await fake.fetch(`${API}/sign-in`)).status).toBe(200);
    const control = { authorization: "Bearer cn_ctl_test" };
    expect((await fake.fetch(`${API}/_fake/clock`, { headers: control })).status).toBe(200);
    // SmartRouter names the router it settled on at the first match.
    expect(fake.app.router.name).toBe("SmartRouter + RegExpRouter");
  });

  it("answers alone, over a fake's context", async () => {
    const fake = createFake();
    const dashboard = createDashboardApp(fake.context);
    const res = await dashboard.request(`${API}/sign-in`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'none'");
  });

  it("is served through the fake's request scope: request id and journal", async () => {
    const fake = createFake();
    const res = await fake.fetch(`${API}/workspace-runs`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in");
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^req_[A-Za-z0-9]{20}$/);
    expect(fake.requests.last()).toMatchObject({
      operationId: null,
      method: "GET",
      path: "/workspace-runs",
      status: 303,
      requestId,
    });
  });

  it("answers its unknown paths with the API's 404 envelope and its security headers", async () => {
    const fake = createFake();
    for (const [method, path] of [
      ["GET", "/workspace-runs/wsr_1/nothing"],
      ["DELETE", "/sign-in"],
      ["PUT", "/workspace-runs"],
    ] as const) {
      const res = await fake.fetch(`${API}${path}`, { method });
      expect([res.status, (await res.json()).error.code], `${method} ${path}`).toEqual([
        404,
        "not_found",
      ]);
      expect(res.headers.get("x-request-id")).toMatch(/^req_/);
      expect(res.headers.get("content-security-policy")).toContain("script-src 'none'");
    }
    // Paths that only start like the dashboard's are the API's.
    const api = await fake.fetch(`${API}/workspace-runsX`);
    expect(api.status).toBe(404);
    expect(api.headers.get("content-security-policy")).toBeNull();
  });
});
