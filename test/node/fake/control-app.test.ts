// The /_fake control routes as a sub-app of their own (fake/http/control-routes.ts):
// served alone over one fake's parts, guarded, and mounted only when enabled.
import { describe, expect, it } from "vitest";
import { createControlApp } from "../../../fake/http/control-routes.ts";
import { createFake } from "../../../fake/index.ts";

const API = "https://api.crownest.test";

describe("the control sub-app", () => {
  it("answers alone, over a fake's parts, behind its guard", async () => {
    const fake = createFake({ clock: "manual", controlToken: "cn_ctl_test" });
    const control = createControlApp(fake.context);
    const headers = { authorization: "Bearer cn_ctl_test", "content-type": "application/json" };
    const before = fake.clock.now();
    const advanced = await control.request(`${API}/clock/advance`, {
      method: "POST",
      headers,
      body: JSON.stringify({ ms: 1500 }),
    });
    expect(advanced.status).toBe(200);
    expect(fake.clock.now() - before).toBe(1500);
    const clock = await control.request(`${API}/clock`, { headers });
    expect(await clock.json()).toMatchObject({ mode: "manual", now: fake.clock.iso() });
    const refused = await control.request(`${API}/clock`);
    expect(refused.status).toBe(401);
    const elsewhere = await control.request("https://evil.test/clock", { headers });
    expect(elsewhere.status).toBe(403);
  });

  it("is mounted at /_fake only when the control routes are enabled", async () => {
    const headers = { authorization: "Bearer cn_ctl_test" };
    const on = createFake({ controlRoutes: true, controlToken: "cn_ctl_test" });
    const off = createFake({ controlToken: "cn_ctl_test" });
    expect((await on.fetch(`${API}/_fake/clock`, { headers })).status).toBe(200);
    expect((await off.fetch(`${API}/_fake/clock`, { headers })).status).toBe(404);
    // Unknown control paths go through the guard too.
    expect((await on.fetch(`${API}/_fake/nothing`)).status).toBe(401);
    expect((await on.fetch(`${API}/_fake/nothing`, { headers })).status).toBe(404);
  });
});
