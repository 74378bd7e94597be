/**
 * The dashboard's pages, server-rendered with hono/html's `html` tagged
 * template: every interpolated value is HTML-escaped (& < > " '), so a run's
 * command, metadata or error message can never become markup. `raw` is used
 * only for the static stylesheet. No page carries a script: the dashboard
 * works without JavaScript (plain links and form POSTs).
 *
 * @module
 */
import { html } from "hono/html";
import type { DashboardSession } from "../core/sessions.ts";
import type { EvidenceBundle } from "../services/workspace-runs/evidence.ts";
import type { WorkspaceRun } from "../services/workspace-runs/index.ts";

/** What a view renders to. */
export type Html = ReturnType<typeof html>;

/** The stylesheet, served at STYLESHEET_PATH (the CSP allows no inline styles either). */
export const STYLESHEET: string = `
:root { color-scheme: light; --fg: #1d2125; --muted: #5b6470; --line: #d9dde3; --accent: #1f5fbf; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #f6f7f9; }
header { display: flex; align-items: center; gap: 1.5rem; padding: .75rem 1.5rem; background: #14233c; color: #fff; }
header a { color: #fff; text-decoration: none; }
header .brand { font-weight: 700; letter-spacing: .02em; }
header .who { margin-left: auto; display: flex; align-items: center; gap: .75rem; font-size: .9em; }
header .who form { margin: 0; }
header button { background: transparent; color: #fff; border: 1px solid #8aa0c2; }
main { max-width: 1100px; margin: 1.5rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; }
a { color: var(--accent); }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; padding: .45rem .7rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
table.fields th { width: 14rem; }
code, pre { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; }
.status { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .85em; font-weight: 600; background: #e4e7eb; }
.status-running, .status-ready, .status-awaiting_archive { background: #dbe9ff; color: #123e86; }
.status-succeeded { background: #dcf5e3; color: #14582a; }
.status-failed, .status-timed_out { background: #fde0e0; color: #8a1c1c; }
.status-canceled { background: #eee6d6; color: #5f4712; }
.bar { display: flex; align-items: center; gap: 1rem; margin: 0 0 1rem; flex-wrap: wrap; }
.bar form { display: flex; gap: .5rem; align-items: center; margin: 0; }
.empty, .notice { padding: 1rem; background: #fff; border: 1px dashed var(--line); color: var(--muted); }
.error { padding: .75rem 1rem; background: #fde0e0; color: #8a1c1c; border: 1px solid #f3b4b4; margin: 0 0 1rem; }
.muted { color: var(--muted); }
button, input, select { font: inherit; padding: .35rem .7rem; border-radius: 6px; border: 1px solid var(--line); }
button { cursor: pointer; background: var(--accent); color: #fff; border-color: var(--accent); }
button.danger { background: #b42318; border-color: #b42318; }
.signin { max-width: 26rem; margin: 4rem auto; background: #fff; border: 1px solid var(--line); padding: 1.5rem; border-radius: 8px; }
.signin label { display: block; margin: 0 0 .35rem; font-weight: 600; }
.signin input { width: 100%; margin: 0 0 1rem; }
`;

/** Where the stylesheet is served. */
export const STYLESHEET_PATH = "/workspace-runs/dashboard.css";

/** The page frame: head, header (with sign-out when signed in), main. */
function layout(title: string, session: DashboardSession | null, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · CrowNest</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header>
<a class="brand" href="/workspace-runs">CrowNest</a>
${session ? html`<nav><a href="/workspace-runs">Workspace runs</a></nav>` : ""}
${
  session
    ? html`<div class="who"><span>Signed in with <code>${maskKey(session.key.key)}</code> (${session.key.role})</span>
<form method="post" action="/sign-out"><input type="hidden" name="csrf" value="${session.csrfToken}"><button type="submit">Sign out</button></form></div>`
    : ""
}
</header>
<main>
${body}
</main>
</body>
</html>`;
}

/** "cn_test_ab…wxyz": enough to tell keys apart, never the whole secret. */
function maskKey(key: string): string {
  if (key.length <= 12) return `${key.slice(0, 3)}…`;
  return `${key.slice(0, 10)}…${key.slice(-4)}`;
}

function statusBadge(status: string): Html {
  return html`<span class="status status-${status}">${status.replace(/_/g, " ")}</span>`;
}

function time(iso: string | null | undefined): Html {
  return iso ? html`<time datetime="${iso}">${iso}</time>` : html`<span class="muted">—</span>`;
}

function value(v: string | number | boolean | null | undefined): Html {
  if (v === null || v === undefined) return html`<span class="muted">—</span>`;
  return html`${String(v)}`;
}

function runHref(id: string): string {
  return `/workspace-runs/${encodeURIComponent(id)}`;
}

function pairs(record: Record<string, string>): Html {
  const entries = Object.entries(record);
  if (entries.length === 0) return html`<span class="muted">none</span>`;
  return html`<table class="pairs"><tbody>${entries.map(
    ([k, v]) => html`<tr><th><code>${k}</code></th><td><code>${v}</code></td></tr>`,
  )}</tbody></table>`;
}

function fields(rows: [string, Html][]): Html {
  return html`<table class="fields"><tbody>${rows.map(
    ([name, v]) => html`<tr><th>${name}</th><td>${v}</td></tr>`,
  )}</tbody></table>`;
}

/** The sign-in form, with an error message after a failed attempt. */
export function signInPage(error?: string): Html {
  return layout(
    "Sign in",
    null,
    html`<form class="signin" method="post" action="/sign-in">
<h1>Sign in</h1>
<p class="muted">Sign in with a CrowNest API key to inspect its workspace runs.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ""}
<label for="api_key">API key</label>
<input id="api_key" name="api_key" type="password" autocomplete="off" required spellcheck="false" placeholder="cn_test_…">
<button type="submit">Sign in</button>
</form>`,
  );
}

/** What the list page shows. */
export interface RunListView {
  runs: readonly WorkspaceRun[];
  /** The status filter, if any. */
  status: string | undefined;
  /** Every status, for the filter. */
  statuses: readonly string[];
  /** How many runs matched before the display cap. */
  total: number;
}

/** The runs the key can see, newest first. */
export function runListPage(session: DashboardSession, view: RunListView): Html {
  const { runs, status, statuses, total } = view;
  const refresh = status
    ? `/workspace-runs?status=${encodeURIComponent(status)}`
    : "/workspace-runs";
  const table =
    runs.length === 0
      ? html`<p class="empty" id="no-runs">${
          status ? `No workspace runs are ${status.replace(/_/g, " ")}.` : "No workspace runs yet."
        } Runs created with the SDK (<code>client.workspaceRuns</code>) show up here.</p>`
      : html`<table id="runs">
<thead><tr><th>Run</th><th>Status</th><th>Command</th><th>Template</th><th>Created</th></tr></thead>
<tbody>${runs.map(
          (r) => html`<tr data-run-id="${r.id}">
<td><a href="${runHref(r.id)}"><code>${r.id}</code></a></td>
<td>${statusBadge(r.status)}</td>
<td><code>${truncate(r.command, 120)}</code></td>
<td>${r.template}</td>
<td>${time(r.createdAt)}</td>
</tr>`,
        )}</tbody>
</table>
${total > runs.length ? html`<p class="muted">Showing the newest ${runs.length} of ${total} runs.</p>` : ""}`;
  return layout(
    "Workspace runs",
    session,
    html`<h1>Workspace runs</h1>
<div class="bar">
<form method="get" action="/workspace-runs">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">any</option>
${statuses.map((s) => html`<option value="${s}"${s === status ? html` selected` : ""}>${s.replace(/_/g, " ")}</option>`)}
</select>
<button type="submit">Filter</button>
</form>
<a href="${refresh}" id="refresh">Refresh</a>
</div>
${table}`,
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What the detail page shows. */
export interface RunDetailView {
  run: WorkspaceRun;
  /** Whether the run's status is terminal (from the contract's transition table). */
  terminal: boolean;
  /** The persisted bundle, or null before it exists. */
  evidence: EvidenceBundle | null;
  /** Whether this session may cancel (role and scope), shown only for active runs. */
  canCancel: boolean;
  /** Why not, for an active run the session may not cancel. */
  cancelDenied: string | null;
}

/** One run: its fields, its evidence bundle once terminal, cancel while active. */
export function runDetailPage(session: DashboardSession, view: RunDetailView): Html {
  const { run, terminal, evidence, canCancel, cancelDenied } = view;
  const cancel = terminal
    ? ""
    : canCancel
      ? html`<form method="post" action="${runHref(run.id)}/cancel" id="cancel-form">
<input type="hidden" name="csrf" value="${session.csrfToken}">
<button type="submit" class="danger" id="cancel">Cancel run</button>
</form>`
      : html`<p class="muted" id="cancel-denied">${cancelDenied ?? ""}</p>`;
  const archive = run.archive;
  return layout(
    run.id,
    session,
    html`<p><a href="/workspace-runs">← All workspace runs</a></p>
<h1>Workspace run <code>${run.id}</code> ${statusBadge(run.status)}</h1>
<div class="bar">${cancel}<a href="${runHref(run.id)}" id="refresh">Refresh</a></div>
${fields([
  ["Status", statusBadge(run.status)],
  ["Command", html`<pre><code id="command">${run.command}</code></pre>`],
  ["Project", html`<code>${run.projectId}</code>`],
  [
    "Template",
    html`${run.template} <span class="muted">(<code>${run.templateVersionId}</code>)</span>`,
  ],
  ["Sandbox", run.sandboxId ? html`<code>${run.sandboxId}</code>` : value(null)],
  ["Keep sandbox", value(run.keepSandbox ? "yes" : "no")],
  ["Timeout", value(`${run.timeoutMs} ms`)],
  ["Exit code", value(run.exitCode)],
  ["Error", run.error ? html`<code>${run.error.code}</code>: ${run.error.message}` : value(null)],
  ["Output", value(`stdout ${run.stdoutBytes} bytes, stderr ${run.stderrBytes} bytes`)],
  [
    "Archive",
    archive
      ? html`<code>${archive.sha256}</code>, ${archive.sizeBytes} bytes (${archive.source}${
          archive.extractedFiles === null
            ? ""
            : `, ${archive.extractedFiles} file${archive.extractedFiles === 1 ? "" : "s"} extracted`
        })`
      : html`<span class="muted">not uploaded</span>`,
  ],
  [
    "Requested artifacts",
    run.artifacts.length === 0
      ? html`<span class="muted">none</span>`
      : html`${run.artifacts.map((a) => html`<code>${a.path}</code>${a.name ? html` as <code>${a.name}</code>` : ""}<br>`)}`,
  ],
  ["Created", time(run.createdAt)],
  ["Started", time(run.startedAt)],
  ["Finished", time(run.finishedAt)],
  ["Duration", value(run.durationMs === null ? null : `${run.durationMs} ms`)],
  ["Metadata", pairs(run.metadata)],
  ["Source metadata", pairs(run.sourceMetadata)],
])}
<h2>Evidence bundle</h2>
${
  evidence
    ? evidenceView(evidence)
    : html`<p class="notice" id="evidence-not-ready">Evidence not ready: ${
        terminal
          ? "the run has ended and its evidence bundle is being persisted. Refresh in a moment."
          : `the run is ${run.status.replace(/_/g, " ")}; its evidence bundle is persisted once it has ended.`
      }</p>`
}`,
  );
}

function evidenceView(e: EvidenceBundle): Html {
  const artifacts =
    e.artifacts.length === 0
      ? html`<span class="muted">none</span>`
      : html`<table><thead><tr><th>Name</th><th>Path</th><th>Size</th><th>SHA-256</th><th>Artifact</th></tr></thead><tbody>${e.artifacts.map(
          (a) =>
            html`<tr><td>${a.name}</td><td><code>${a.path}</code></td><td>${a.sizeBytes} bytes</td><td><code>${a.sha256}</code></td><td><code>${a.artifactId}</code></td></tr>`,
        )}</tbody></table>`;
  const artifactErrors =
    e.artifactErrors.length === 0
      ? html`<span class="muted">none</span>`
      : html`${e.artifactErrors.map((a) => html`<code>${a.path}</code>: <code>${a.code}</code> ${a.message}<br>`)}`;
  return html`<div id="evidence">${fields([
    ["Status", statusBadge(e.status)],
    ["Exit code", value(e.exitCode)],
    ["Error", e.error ? html`<code>${e.error.code}</code>: ${e.error.message}` : value(null)],
    ["Command", html`<pre><code>${e.command}</code></pre>`],
    [
      "Template",
      html`${e.template} <span class="muted">(<code>${e.templateVersionId}</code>)</span>`,
    ],
    ["Archive SHA-256", e.archive ? html`<code>${e.archive.sha256}</code>` : value(null)],
    ["Archive size", value(e.archive ? `${e.archive.sizeBytes} bytes` : null)],
    [
      "stdout",
      html`${e.outputs.stdout.sizeBytes} bytes, SHA-256 <code>${e.outputs.stdout.sha256}</code>`,
    ],
    [
      "stderr",
      html`${e.outputs.stderr.sizeBytes} bytes, SHA-256 <code>${e.outputs.stderr.sha256}</code>`,
    ],
    ["Artifacts", artifacts],
    ["Artifact errors", artifactErrors],
    ["Created", time(e.timings.createdAt)],
    ["Started", time(e.timings.startedAt)],
    ["Finished", time(e.timings.finishedAt)],
    ["Duration", value(e.timings.durationMs === null ? null : `${e.timings.durationMs} ms`)],
    ["Metadata", pairs(e.metadata)],
    ["Source metadata", pairs(e.sourceMetadata)],
    ["Persisted", time(e.persistedAt)],
    ["Digest", html`${e.digest.algorithm} <code id="evidence-digest">${e.digest.value}</code>`],
  ])}</div>`;
}

/** An error page (403, 404, 400...), signed in or not. */
export function errorPage(session: DashboardSession | null, title: string, message: string): Html {
  return layout(
    title,
    session,
    html`<h1>${title}</h1>
<p class="error" role="alert">${message}</p>
<p><a href="${session ? "/workspace-runs" : "/sign-in"}">${session ? "← All workspace runs" : "Sign in"}</a></p>`,
  );
}
