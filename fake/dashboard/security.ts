/**
 * The dashboard's browser-facing protections, all from Hono:
 * hono/secure-headers (a CSP that allows no script at all, nosniff, a
 * same-origin referrer policy, no framing), hono/csrf (a form POST from
 * another site is refused) and hono/cookie (the session cookie: HttpOnly,
 * SameSite=Lax, Path=/, Secure on https). The per-session CSRF token of the
 * forms that change something is checked in app.ts.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import type { CookieOptions } from "hono/utils/cookie";
import { SESSION_COOKIE } from "../core/sessions.ts";
import type { FakeEnv, FakeHonoContext } from "../http/route.ts";

/** The security headers of every dashboard response, error pages and redirects included. */
export const securityHeaders: MiddlewareHandler<FakeEnv> = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  // same-origin (not no-referrer): with no-referrer, browsers send `Origin: null` on form POSTs.
  referrerPolicy: "same-origin",
  xFrameOptions: "DENY",
  // The fake doesn't own its host name: HSTS would outlive it in the browser.
  strictTransportSecurity: false,
});

const sameOrigin = csrf();

/**
 * hono/csrf for requests that come from a browser: a form POST passes when
 * Sec-Fetch-Site is same-origin or Origin is this origin. Browsers send
 * Origin on every POST, so a request with neither header comes from a
 * non-browser client, which no other site can drive; it still needs the
 * session's CSRF token to change anything.
 */
export const crossSiteGuard: MiddlewareHandler<FakeEnv> = (c, next) =>
  c.req.header("origin") === undefined && c.req.header("sec-fetch-site") === undefined
    ? next()
    : sameOrigin(c, next);

function cookieOptions(c: FakeHonoContext): CookieOptions {
  const secure = new URL(c.req.url).protocol === "https:";
  return { path: "/", httpOnly: true, sameSite: "Lax", secure };
}

/** The session ID the request's cookie carries, if any. */
export function sessionIdOf(c: FakeHonoContext): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Sets the session cookie on the response (a session cookie: no Max-Age, no Domain). */
export function setSessionCookie(c: FakeHonoContext, id: string): void {
  setCookie(c, SESSION_COOKIE, id, cookieOptions(c));
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(c: FakeHonoContext): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}
