/**
 * The JSON text a response was made from, kept beside it (not in it), so the
 * request journal records response bodies without reading them again.
 *
 * @module
 */

const texts = new WeakMap<Response, string>();

/** Returns `res`, remembering that its body is `text`. */
export function withJsonText(res: Response, text: string): Response {
  texts.set(res, text);
  return res;
}

/** The JSON text `res` was made from, if withJsonText() saw it. */
export function jsonTextOf(res: Response): string | undefined {
  return texts.get(res);
}
