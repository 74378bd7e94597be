// Shared by the dashboard's HTTP tests (pages.test.ts, sessions.test.ts):
// keys of each role, a fake with two projects, and requests that don't follow redirects.
import { expect } from "vitest";
import { SESSION_COOKIE } from "../../../../fake/core/sessions.ts";
import { ALL_SCOPES, createFake, type Fake, type FakeOptions } from "../../../../fake/index.ts";
import { createCrowNestClient } from "../../../../src/index.ts";
import { tgz } from "../../fake/helpers/workspace-runs.ts";

export const OWNER = "cn_test_owner_key_000000000001";
export const ADMIN = "cn_test_admin_key_000000000002";
export const MEMBER = "cn_test_member_key_00000000003";
export const NO_CANCEL = "cn_test_owner_nocancel_0000004";
export const NO_READ = "cn_test_owner_noread_000000005";
export const ONLY_A = "cn_test_only_project_a_0000006";
export const XSS_SCRIPT = "<script>alert(1)</script>";
export const XSS_ATTR = '"><img src=x onerror=alert(1)>';

export const allBut = (scope: string): string[] => ALL_SCOPES.filter((s) => s !== scope);

export let fake: Fake;

export function setup(options: FakeOptions = {}): Fake {
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

/** A request to the fake that doesn't follow redirects. */
export function send(
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

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(key: string): Promise<Session> {
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

export function client(key = OWNER) {
  return createCrowNestClient({ apiKey: key, baseUrl: fake.baseUrl, fetch: fake.fetch });
}

/** A run that has ended, with its evidence (the SDK's runArchive on the auto clock). */
export async function finishedRun(
  input: { command: string; projectId?: string } & Record<string, unknown>,
) {
  const archive = await tgz({ "app/main.txt": "hello\n" });
  return client().workspaceRuns.runArchive(archive, input as never);
}

export async function statusOf(id: string): Promise<string> {
  return (await client().workspaceRuns.get(id as `wsr_${string}`)).status;
}
