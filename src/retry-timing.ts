import {
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_RETRY_MAX_HINT_MS,
} from "./generated/contract.ts";

/**
 * The wait before retry `attempt + 1` (0-based): the server's Retry-After-Ms
 * or Retry-After hint when it is sane (0 to the contract's cap), else
 * exponential backoff with full jitter.
 */
export function retryDelay(attempt: number, headers?: Headers): number {
  const hint = headers && retryHint(headers);
  if (
    hint !== undefined &&
    Number.isFinite(hint) &&
    hint >= 0 &&
    hint <= DEFAULT_RETRY_MAX_HINT_MS
  ) {
    return Math.ceil(hint);
  }
  return Math.round(
    Math.random() *
      Math.min(DEFAULT_RETRY_MAX_DELAY_MS, DEFAULT_RETRY_BASE_DELAY_MS * 2 ** attempt),
  );
}

/** Retry-After-Ms in ms, else Retry-After (seconds or an HTTP date) in ms from now. */
function retryHint(headers: Headers): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms != null && ms !== "") return Number(ms);
  const sec = headers.get("retry-after");
  if (sec == null || sec === "") return undefined;
  return /^\d+$/.test(sec.trim()) ? Number(sec) * 1000 : Date.parse(sec) - Date.now();
}

/** The default wait between retries: a timer that the signal cuts short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
