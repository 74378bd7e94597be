// A client with no SSE library, for tests of what goes over the wire: it posts
// JSON with the key and reads an event stream as text, to its end or its error.
// Runtime-neutral: Node, Deno and Bun use it.

/** Five lines, 200 ms of fake time apart. */
export const FIVE_LINES =
  "echo 1; sleep 0.2; echo 2; sleep 0.2; echo 3; sleep 0.2; echo 4; sleep 0.2; echo 5";

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** A raw client of one fake: POST JSON, GET a stream, with its key. */
export function rawClient(fetchFn: Fetch, baseUrl: string, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  return {
    post: async (path: string, body: object): Promise<{ id: string }> =>
      (
        await fetchFn(`${baseUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) })
      ).json() as Promise<{ id: string }>,
    stream: (path: string): Promise<Response> => fetchFn(`${baseUrl}${path}`, { headers }),
  };
}

/** The `event:` names of the whole events in an SSE text, and whether it stops mid-event. */
export function eventsOf(text: string): { names: string[]; partial: boolean } {
  const blocks = text.split("\n\n");
  const partial = (blocks.pop() as string) !== "";
  const names = blocks.map((b) => /^event: (\S+)$/m.exec(b)?.[1] ?? "?");
  return { names, partial };
}

/** Reads a body to its end: the whole events, and "end" or the error's message. */
export async function readRaw(
  res: Response,
): Promise<{ names: string[]; partial: boolean; ended: string }> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = "end";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    ended = error instanceof Error ? error.message : String(error);
  }
  return { ...eventsOf(text), ended };
}
