interface DenoLike {
  permissions?: { querySync?(d: { name: "env"; variable: string }): { state: string } };
  env: { get(name: string): string | undefined };
}

/**
 * Reads an environment variable on Node, Deno and Bun, or undefined when
 * there is none. On Deno it asks the permission state first, so a script run
 * without --allow-env neither crashes nor prompts; Deno is checked before
 * `process` because Deno 2 also has a `process` global whose env is gated.
 */
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    Deno?: DenoLike;
    process?: { env?: Record<string, string | undefined> };
  };
  try {
    if (g.Deno) {
      const state = g.Deno.permissions?.querySync?.({ name: "env", variable: name }).state;
      if (state !== undefined && state !== "granted") return undefined;
      return g.Deno.env.get(name) || undefined;
    }
    return g.process?.env?.[name] || undefined;
  } catch {
    return undefined;
  }
}
