// The dashboard at /workspace-runs over HTTP, in-process (the fake's fetch,
// no port): the list, the detail page, roles and scopes, CSRF tokens,
// escaping, visibility across projects. Sessions and security headers are in
// sessions.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { tgz } from "../fake/helpers/workspace-runs.ts";
import {
  ADMIN,
  client,
  fake,
  finishedRun,
  MEMBER,
  NO_CANCEL,
  NO_READ,
  ONLY_A,
  OWNER,
  send,
  setup,
  signIn,
  statusOf,
  XSS_ATTR,
  XSS_SCRIPT,
} from "./helpers/fixtures.ts";

afterEach(() => {
  expect(fake.context.unexpectedErrors).toEqual([]);
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
