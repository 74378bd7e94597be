/**
 * Secret tokens: drawing them and comparing them. Session IDs, CSRF tokens,
 * the control token and the default signing secret all come from here.
 *
 * @module
 */

/**
 * 256 random bits as base64url.
 *
 * Deliberately NOT the fake's seeded PRNG: everything else in the fake is
 * deterministic so tests replay, but these are bearer credentials (a session
 * ID, its CSRF token, the control token), and anyone who knows the seed (the
 * default is 1) could replay the seeded stream and forge one for the
 * crownest-fake server someone has open in a browser. Nothing observable through the API depends
 * on these values, so drawing them from crypto.getRandomValues costs no
 * determinism: resource IDs, request IDs and fault draws are unchanged.
 */
export function unguessableToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Compares two strings in time independent of where they first differ. */
export function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
