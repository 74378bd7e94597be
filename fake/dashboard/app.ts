/**
 * The signed-in dashboard of the fake: `/workspace-runs` (the runs an API key
 * can see, newest first), `/workspace-runs/:id` (a run, and its evidence
 * bundle once terminal), `POST /workspace-runs/:id/cancel` (owner and admin
 * keys only), `/sign-in` and `/sign-out`.
 *
 * It calls the workspace-run service directly with the signed-in key, so
 * project visibility (404 for runs of other projects) and scopes (read from
 * the contract's operations table) are exactly the API's; cancel also needs
 * the owner or admin role. It never uploads, starts, streams or creates: the
 * SDK does those.
 *
 * It is a Hono app of its own, with its own router and error handler (errors
 * become HTML pages); the fake's app hands it the requests on DASHBOARD_PATHS
 * (fake/app.ts). Security: a session cookie expiring on the
 * fake's clock, Hono's cross-site check and security headers (security.ts),
 * a per-session CSRF token on forms that change something, and every page
 * HTML-escaped (views.ts).
 *
 * @module
 */
import { Hono, type MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { getMimeType } from "hono/utils/mime";
import { operations, statusTransitions } from "../../src/generated/contract.ts";
import type { ApiKeyRecord } from "../config.ts";
import type { FakeContext } from "../context.ts";
import { missingScopes } from "../core/auth.ts";
import { ApiError } from "../core/errors.ts";
import type { DashboardSession } from "../core/sessions.ts";
import { isTerminal } from "../core/status.ts";
import { sameToken } from "../core/tokens.ts";
import { notFound } from "../http/not-found.ts";
import type { FakeApp, FakeEnv, FakeHonoContext } from "../http/route.ts";
import { mediaType, onOrigin, readBody } from "../http/stages.ts";
import type { EvidenceBundle } from "../services/workspace-runs/evidence.ts";
import type { WorkspaceRun, WorkspaceRunStatus } from "../services/workspace-runs/index.ts";
import {
  clearSessionCookie,
  crossSiteGuard,
  securityHeaders,
  sessionIdOf,
  setSessionCookie,
} from "./security.ts";
import {
  errorPage,
  type Html,
  runDetailPage,
  runListPage,
  STYLESHEET,
  STYLESHEET_PATH,
  signInPage,
} from "./views.ts";

/** Roles that may cancel runs from the dashboard. */
const CANCEL_ROLES: readonly string[] = ["owner", "admin"];
/** The list shows at most this many runs (the newest). */
const MAX_LISTED_RUNS = 200;
/** Form bodies larger than this are refused (413). */
const MAX_FORM_BYTES = 16 * 1024;

const RUN_STATUSES = Object.keys(statusTransitions.WorkspaceRunStatus) as WorkspaceRunStatus[];

/** Hono's MIME type (with its charset) for a file name. */
function mimeTypeOf(file: string): string {
  const type = getMimeType(file);
  if (type === undefined) throw new Error(`hono/utils/mime has no type for ${file}`);
  return type;
}
const HTML_TYPE = mimeTypeOf("page.html");
const CSS_TYPE = mimeTypeOf(STYLESHEET_PATH);

/** An HTML page; never cached (it shows a key's data). */
async function page(status: number, body: Html): Promise<Response> {
  return new Response(String(await body), {
    status,
    headers: { "Content-Type": HTML_TYPE, "Cache-Control": "no-store" },
  });
}

/** A 303 See Other (the answer to a form POST, and to a page that needs a session). */
function seeOther(c: FakeHonoContext, location: string): Response {
  c.header("Cache-Control", "no-store");
  return c.redirect(location, 303);
}

/** A form body (application/x-www-form-urlencoded, at most MAX_FORM_BYTES), or an error page. */
async function readForm(
  c: FakeHonoContext,
  session: DashboardSession | null,
): Promise<URLSearchParams | Response> {
  if (mediaType(c.req.header("content-type")) !== "application/x-www-form-urlencoded") {
    return page(
      415,
      errorPage(
        session,
        "Unsupported form",
        "Forms are sent as application/x-www-form-urlencoded.",
      ),
    );
  }
  const bytes = await readBody(c.req.raw, MAX_FORM_BYTES);
  if (bytes === "too_large") {
    return page(413, errorPage(session, "Form too large", "The form is too large."));
  }
  return new URLSearchParams(new TextDecoder().decode(bytes));
}

/** Why the key may not cancel runs, or null when it may. */
function cancelDenied(key: ApiKeyRecord): string | null {
  if (!CANCEL_ROLES.includes(key.role)) {
    return `Only owner and admin keys can cancel runs; this key's role is ${key.role}.`;
  }
  const missing = missingScopes(key, operations.cancelWorkspaceRun.scopes);
  if (missing.length > 0) return `This key lacks the ${missing.join(", ")} scope to cancel runs.`;
  return null;
}

/**
 * The paths (Hono patterns) the dashboard answers, the stylesheet's included;
 * every other path is the API's.
 */
export const DASHBOARD_PATHS: readonly string[] = ["/sign-in", "/sign-out", "/workspace-runs/*"];

/**
 * The dashboard as a Hono app of its own, for the requests on DASHBOARD_PATHS.
 * Its routes need Hono's TrieRouter (`/workspace-runs/dashboard.css` beside
 * `/workspace-runs/:id`); kept out of the API's router, they let the API use
 * the RegExpRouter.
 */
export function createDashboardApp(ctx: FakeContext): FakeApp {
  const sessions = ctx.dashboardSessions;
  const dashboard = new Hono<FakeEnv>();

  /** The request's live session, if any. */
  const sessionOf = (c: FakeHonoContext): DashboardSession | null =>
    sessions.get(sessionIdOf(c)) ?? null;

  /** No session: to the sign-in page, dropping a stale cookie. */
  const toSignIn = (c: FakeHonoContext): Response => {
    if (sessionIdOf(c) !== undefined) clearSessionCookie(c);
    return seeOther(c, "/sign-in");
  };

  /**
   * The guard of every form that changes something, after the cross-site
   * check: signed in, a readable form, and the session's CSRF token. Returns
   * the refusal page when one of them fails.
   */
  const signedInForm = async (
    c: FakeHonoContext,
  ): Promise<Response | { session: DashboardSession; form: URLSearchParams }> => {
    const session = sessionOf(c);
    if (!session) return toSignIn(c);
    const form = await readForm(c, session);
    if (form instanceof Response) return form;
    if (!sameToken(form.get("csrf") ?? "", session.csrfToken)) {
      return page(
        403,
        errorPage(session, "Forbidden", "The form's security token is missing or stale."),
      );
    }
    return { session, form };
  };

  /** The storage origin serves signed transfers only. */
  const apiOriginOnly: MiddlewareHandler<FakeEnv> = async (c, next) => {
    if (ctx.storageOrigin && onOrigin(c.req.url, ctx.storageOrigin)) {
      return page(404, errorPage(null, "Not found", "There is no dashboard on this origin."));
    }
    await next();
  };

  // On every response, the envelopes of unknown routes included.
  dashboard.use(securityHeaders, apiOriginOnly, crossSiteGuard);
  dashboard.notFound(notFound);

  // Errors become HTML pages: ApiErrors with their status, anything else a 500 (a bug of the fake).
  dashboard.onError((error, c) => {
    const session = sessionOf(c);
    if (error instanceof HTTPException && error.status === 403) {
      // hono/csrf's refusal (nothing else in the dashboard throws HTTPException).
      const message = "This form was sent from another site, so it was refused.";
      return page(403, errorPage(session, "Forbidden", message));
    }
    if (error instanceof ApiError) {
      const title =
        error.status === 404 ? "Not found" : error.status === 403 ? "Forbidden" : "Error";
      return page(error.status, errorPage(session, title, error.message));
    }
    ctx.unexpectedErrors.push(error);
    console.error("crownest fake dashboard: unexpected error", error);
    return page(500, errorPage(session, "Error", "The dashboard failed unexpectedly."));
  });

  dashboard.get(STYLESHEET_PATH, (c) =>
    c.body(STYLESHEET, 200, { "Content-Type": CSS_TYPE, "Cache-Control": "no-cache" }),
  );

  dashboard.get("/sign-in", (c) =>
    sessionOf(c) ? seeOther(c, "/workspace-runs") : page(200, signInPage()),
  );

  dashboard.post("/sign-in", async (c) => {
    const form = await readForm(c, null);
    if (form instanceof Response) return form;
    const apiKey = (form.get("api_key") ?? "").trim();
    if (apiKey === "") return page(400, signInPage("Enter an API key."));
    let key: ApiKeyRecord;
    try {
      key = ctx.auth.authenticate(`Bearer ${apiKey}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The same words whether or not such a key ever existed.
      return page(401, signInPage("That API key is not valid."));
    }
    // A fresh session ID on every sign-in (no session fixation); the old one ends.
    const old = sessionIdOf(c);
    if (old) sessions.delete(old);
    setSessionCookie(c, sessions.create(key).id);
    return seeOther(c, "/workspace-runs");
  });

  dashboard.post("/sign-out", async (c) => {
    const posted = await signedInForm(c);
    if (posted instanceof Response) return posted;
    sessions.delete(posted.session.id);
    clearSessionCookie(c);
    return seeOther(c, "/sign-in");
  });

  dashboard.get("/workspace-runs", async (c) => {
    const session = sessionOf(c);
    if (!session) return toSignIn(c);
    ctx.auth.requireScopes(session.key, operations.listWorkspaceRuns.scopes);
    const raw = c.req.query("status") ?? "";
    let status: WorkspaceRunStatus | undefined;
    if (raw !== "") {
      if (!RUN_STATUSES.includes(raw as WorkspaceRunStatus)) {
        return page(
          400,
          errorPage(
            session,
            "Unknown status",
            `There is no run status "${raw}". Use one of: ${RUN_STATUSES.join(", ")}.`,
          ),
        );
      }
      status = raw as WorkspaceRunStatus;
    }
    // The service lists oldest first (creation order): newest first here.
    const runs = ctx.runs.list(session.key, status ? { status } : {}).reverse();
    return page(
      200,
      runListPage(session, {
        runs: runs.slice(0, MAX_LISTED_RUNS),
        status,
        statuses: RUN_STATUSES,
        total: runs.length,
      }),
    );
  });

  dashboard.get("/workspace-runs/:id", async (c) => {
    const session = sessionOf(c);
    if (!session) return toSignIn(c);
    const key = session.key;
    ctx.auth.requireScopes(key, operations.getWorkspaceRun.scopes);
    const id = c.req.param("id");
    const run = visibleRun(ctx, key, id);
    const terminal = isTerminal("WorkspaceRunStatus", run.status);
    let evidence: EvidenceBundle | null = null;
    if (terminal && missingScopes(key, operations.getWorkspaceRunEvidence.scopes).length === 0) {
      try {
        evidence = ctx.runs.evidence(key, id);
      } catch (error) {
        // Terminal but not yet sealed: the page says "evidence not ready".
        if (!(error instanceof ApiError && error.code === "evidence_not_ready")) throw error;
      }
    }
    const denied = cancelDenied(key);
    return page(
      200,
      runDetailPage(session, {
        run,
        terminal,
        evidence,
        canCancel: denied === null,
        cancelDenied: denied,
      }),
    );
  });

  dashboard.post("/workspace-runs/:id/cancel", async (c) => {
    const posted = await signedInForm(c);
    if (posted instanceof Response) return posted;
    const { session } = posted;
    const denied = cancelDenied(session.key);
    if (denied) return page(403, errorPage(session, "Forbidden", denied));
    const id = c.req.param("id");
    visibleRun(ctx, session.key, id); // 404 first, for runs of other projects
    await ctx.runs.cancel(session.key, id);
    return seeOther(c, `/workspace-runs/${encodeURIComponent(id)}`);
  });

  return dashboard;
}

/** The run, or a 404 that reads the same whether it doesn't exist or is in another project. */
function visibleRun(ctx: FakeContext, key: ApiKeyRecord, id: string): WorkspaceRun {
  try {
    return ctx.runs.get(key, id);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") {
      throw new ApiError("not_found", `No workspace run ${id} is visible to this API key.`);
    }
    throw error;
  }
}
