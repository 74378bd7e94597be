interface DenoLike {
  permissions?: { querySync?(d: { name: "env"; variable: string }): { state: string } };
  env: { get(name: string): string | undefined };
}

/** One environment variable: its value (undefined when unset), or that the runtime refused the read. */
export type EnvRead = { denied: false; value: string | undefined } | { denied: true; flag: string };

/**
 * Reads an environment variable on Node, Deno and Bun, or from `env` when
 * given. On Deno it asks the permission state first, so a script run without
 * --allow-env neither crashes nor prompts, and a refused read is told apart
 * from an unset variable (`denied`, with the flag that grants it). Deno is
 * checked before `process` because Deno 2 also has a `process` global whose
 * env is gated (a read from it that throws is `denied` too).
 */
export function lookupEnv(
  name: string,
  env?: Readonly<Record<string, string | undefined>>,
): EnvRead {
  const g = globalThis as {
    Deno?: DenoLike;
    process?: { env?: Record<string, string | undefined> };
  };
  const denied: EnvRead = { denied: true, flag: `--allow-env=${name}` };
  try {
    if (env) return { denied: false, value: env[name] || undefined };
    if (g.Deno) {
      const state = g.Deno.permissions?.querySync?.({ name: "env", variable: name }).state;
      if (state !== undefined && state !== "granted") return denied;
      return { denied: false, value: g.Deno.env.get(name) || undefined };
    }
    return { denied: false, value: g.process?.env?.[name] || undefined };
  } catch (error) {
    // A permission model that throws on access (Deno's NotCapable/PermissionDenied).
    if (/NotCapable|PermissionDenied/.test((error as Error)?.name ?? "")) return denied;
    return { denied: false, value: undefined };
  }
}

/** {@link lookupEnv}'s value, or undefined when unset or refused. */
export function readEnv(
  name: string,
  env?: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const read = lookupEnv(name, env);
  return read.denied ? undefined : read.value;
}
