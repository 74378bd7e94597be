/**
 * `@crownest/sdk/fake/msw`: Mock Service Worker handlers that answer every
 * request for the service's origin with a fake, server-sent event streams
 * included. msw is not a dependency: pass its `http` namespace.
 *
 * ```ts
 * import { http } from "msw";
 * import { setupServer } from "msw/node";
 * import { createFake } from "@crownest/sdk/fake";
 * import { crownestHandlers } from "@crownest/sdk/fake/msw";
 *
 * const fake = createFake({ baseUrl: "https://api.crownest.dev" });
 * const server = setupServer(...crownestHandlers(fake, { http }));
 * server.listen();
 * // createCrowNestClient({ apiKey: fake.apiKey }) now talks to the fake.
 * ```
 *
 * @module
 */
import type { Fake } from "./create-fake.ts";

/** The part of msw's `http` namespace the handlers use (msw 2 and later). */
export interface MswHttp<Handler = unknown> {
  /** A handler for every method on `path`. */
  all(
    path: string | RegExp,
    resolver: (info: { request: Request }) => Response | Promise<Response>,
  ): Handler;
}

/** Options of crownestHandlers(). */
export interface CrowNestHandlerOptions<Handler> {
  /** msw's `http` namespace (`import { http } from "msw"`). */
  http: MswHttp<Handler>;
  /**
   * The API origin to intercept (default: the fake's `baseUrl`). When it
   * differs from the fake's, requests are re-addressed to the fake; URLs the
   * fake returns (signed downloads) then name the fake's origin, so prefer
   * `createFake({ baseUrl })` with the origin your code calls.
   */
  baseUrl?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * msw handlers that send every request for the API origin (and the fake's
 * storage origin, if any) to `fake.fetch`. Streams pass through as they are
 * produced; a dropped-connection fault becomes a network error.
 */
export function crownestHandlers<Handler>(
  fake: Fake,
  options: CrowNestHandlerOptions<Handler>,
): Handler[] {
  const intercepted = new URL(options.baseUrl ?? fake.baseUrl).origin;
  const origins = [intercepted, fake.storageOrigin].filter((o): o is string => o !== null);
  return [...new Set(origins)].map((origin) =>
    options.http.all(new RegExp(`^${escapeRegExp(origin)}/`), async ({ request }) => {
      const url = new URL(request.url);
      const target =
        origin === intercepted && intercepted !== fake.baseUrl
          ? new Request(`${fake.baseUrl}${url.pathname}${url.search}`, request)
          : request;
      try {
        return await fake.fetch(target);
      } catch (error) {
        // The fake's fetch rejects with a TypeError for a dropped connection.
        if (error instanceof TypeError) return Response.error();
        throw error;
      }
    }),
  );
}
