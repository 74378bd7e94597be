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
 * Security: a session cookie (HttpOnly, SameSite=Lax, Path=/, Secure on
 * https), expiring on the fake's clock; forms that change something carry a
 * per-session CSRF token, and a POST whose Origin is another site is refused;
 * every page is HTML-escaped (views.ts) and served with a CSP that allows no
 * script at all, nosniff, a same-origin referrer policy and no framing.
 *
 * @module
 */
import { operations, statusTransitions } from "../../src/generated/contract.ts";
import type { ApiKeyRecord } from "../config.ts";
import type { FakeContext } from "../context.ts";
import { ApiError } from "../core/errors.ts";
import { type FakeApp, type FakeHonoContext, readBody } from "../core/route.ts";
import { isTerminal } from "../core/status.ts";
import type { EvidenceBundle } from "../runs/evidence.ts";
import type { WorkspaceRun, WorkspaceRunStatus } from "../runs/service.ts";
import { type DashboardSession, SESSION_COOKIE, sameToken } from "./session.ts";
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
export const CANCEL_ROLES: readonly string[] = ["owner", "admin"];
/** The list shows at most this many runs (the newest). */
export const MAX_LISTED_RUNS = 200;
/** Form bodies larger than this are refused (413). */
const MAX_FORM_BYTES = 16 * 1024;

/** The Content-Security-Policy of every dashboard response: no script of any kind. */
export const CONTENT_SECURITY_POLICY: string = [
  "default-src 'self'",
  "script-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  // same-origin (not no-referrer): with no-referrer, browsers send `Origin: null` on form POSTs.
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

const RUN_STATUSES = Object.keys(statusTransitions.WorkspaceRunStatus) as WorkspaceRunStatus[];

/** An HTML response with the security headers; never cached (it shows a key's data). */
async function page(
  status: number,
  body: Html,
  headers: Record<string, string> = {},
): Promise<Response> {
  return new Response(String(await body), {
    status,
    headers: {
      ...SECURITY_HEADERS,
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

/** A 303 See Other (the answer to a form POST, and to a page that needs a session). */
function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, {
    status: 303,
    headers: { ...SECURITY_HEADERS, "Cache-Control": "no-store", Location: location, ...headers },
  });
}

function cookieOf(c: FakeHonoContext, name: string): string | undefined {
  const header = c.req.header("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function isHttps(c: FakeHonoContext): boolean {
  return new URL(c.req.url).protocol === "https:";
}

function sessionCookie(c: FakeHonoContext, id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax${isHttps(c) ? "; Secure" : ""}`;
}

function clearedCookie(c: FakeHonoContext): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${isHttps(c) ? "; Secure" : ""}`;
}

/** A form body (application/x-www-form-urlencoded, at most MAX_FORM_BYTES), or an error page. */
async function readForm(
  c: FakeHonoContext,
  session: DashboardSession | null,
): Promise<URLSearchParams | Response> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/x-www-form-urlencoded") {
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

/**
 * Refuses a POST sent from another site (its Origin header names another
 * origin). Browsers send Origin on every form POST; clients without one
 * still need the session's CSRF token where it matters.
 */
function crossSite(c: FakeHonoContext, session: DashboardSession | null): Promise<Response> | null {
  const origin = c.req.header("origin");
  if (origin === undefined || origin === new URL(c.req.url).origin) return null;
  return page(
    403,
    errorPage(session, "Forbidden", "This form was sent from another site, so it was refused."),
  );
}

function hasScopes(key: ApiKeyRecord, scopes: readonly string[]): boolean {
  return scopes.every((s) => key.scopes.has(s));
}

/** Why the key may not cancel runs, or null when it may. */
function cancelDenied(key: ApiKeyRecord): string | null {
  if (!CANCEL_ROLES.includes(key.role)) {
    return `Only owner and admin keys can cancel runs; this key's role is ${key.role}.`;
  }
  const missing = operations.cancelWorkspaceRun.scopes.filter((s) => !key.scopes.has(s));
  if (missing.length > 0) return `This key lacks the ${missing.join(", ")} scope to cancel runs.`;
  return null;
}

/** Registers the dashboard's routes. */
export function registerDashboardRoutes(app: FakeApp, ctx: FakeContext): void {
  const sessions = ctx.dashboardSessions;

  /** The request's live session, if any. */
  const sessionOf = (c: FakeHonoContext): DashboardSession | null =>
    sessions.get(cookieOf(c, SESSION_COOKIE)) ?? null;

  /** No session: to the sign-in page, dropping a stale cookie. */
  const toSignIn = (c: FakeHonoContext): Response =>
    seeOther(
      "/sign-in",
      cookieOf(c, SESSION_COOKIE) === undefined ? {} : { "Set-Cookie": clearedCookie(c) },
    );

  /**
   * The guard of every form that changes something: same site, signed in,
   * a readable form, and the session's CSRF token. Returns the refusal page
   * when one of them fails.
   */
  const signedInForm = async (
    c: FakeHonoContext,
  ): Promise<Response | { session: DashboardSession; form: URLSearchParams }> => {
    const session = sessionOf(c);
    const refused = crossSite(c, session);
    if (refused) return refused;
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

  /**
   * Runs a handler: only on the API origin (the storage origin serves signed
   * transfers only), ApiErrors as HTML pages with their status, anything
   * else as a 500 page (and recorded as a bug of the fake).
   */
  const handle =
    (fn: (c: FakeHonoContext) => Promise<Response>) =>
    async (c: FakeHonoContext): Promise<Response> => {
      if (ctx.storageOrigin && new URL(c.req.url).origin === ctx.storageOrigin) {
        return page(404, errorPage(null, "Not found", "There is no dashboard on this origin."));
      }
      try {
        return await fn(c);
      } catch (error) {
        const session = sessionOf(c);
        if (error instanceof ApiError) {
          const title =
            error.status === 404 ? "Not found" : error.status === 403 ? "Forbidden" : "Error";
          return page(error.status, errorPage(session, title, error.message));
        }
        ctx.unexpectedErrors.push(error);
        console.error("crownest fake dashboard: unexpected error", error);
        return page(500, errorPage(session, "Error", "The dashboard failed unexpectedly."));
      }
    };

  app.get(STYLESHEET_PATH, () =>
    Promise.resolve(
      new Response(STYLESHEET, {
        headers: {
          ...SECURITY_HEADERS,
          "Content-Type": "text/css; charset=utf-8",
          "Cache-Control": "no-cache",
        },
      }),
    ),
  );

  app.get(
    "/sign-in",
    handle(async (c) => (sessionOf(c) ? seeOther("/workspace-runs") : page(200, signInPage()))),
  );

  app.post(
    "/sign-in",
    handle(async (c) => {
      const refused = crossSite(c, null);
      if (refused) return refused;
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
      const old = cookieOf(c, SESSION_COOKIE);
      if (old) sessions.delete(old);
      const session = sessions.create(key);
      return seeOther("/workspace-runs", { "Set-Cookie": sessionCookie(c, session.id) });
    }),
  );

  app.post(
    "/sign-out",
    handle(async (c) => {
      const posted = await signedInForm(c);
      if (posted instanceof Response) return posted;
      sessions.delete(posted.session.id);
      return seeOther("/sign-in", { "Set-Cookie": clearedCookie(c) });
    }),
  );

  app.get(
    "/workspace-runs",
    handle(async (c) => {
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
    }),
  );

  app.get(
    "/workspace-runs/:id",
    handle(async (c) => {
      const session = sessionOf(c);
      if (!session) return toSignIn(c);
      const key = session.key;
      ctx.auth.requireScopes(key, operations.getWorkspaceRun.scopes);
      const id = c.req.param("id") ?? "";
      const run = visibleRun(ctx, key, id);
      const terminal = isTerminal("WorkspaceRunStatus", run.status);
      let evidence: EvidenceBundle | null = null;
      if (terminal && hasScopes(key, operations.getWorkspaceRunEvidence.scopes)) {
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
    }),
  );

  app.post(
    "/workspace-runs/:id/cancel",
    handle(async (c) => {
      const posted = await signedInForm(c);
      if (posted instanceof Response) return posted;
      const { session } = posted;
      const denied = cancelDenied(session.key);
      if (denied) return page(403, errorPage(session, "Forbidden", denied));
      const id = c.req.param("id") ?? "";
      visibleRun(ctx, session.key, id); // 404 first, for runs of other projects
      await ctx.runs.cancel(session.key, id);
      return seeOther(`/workspace-runs/${encodeURIComponent(id)}`);
    }),
  );
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
