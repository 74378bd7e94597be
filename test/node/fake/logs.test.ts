// Command logs: the EventLog (unit and property tests), listCommandLogs
// paging and its window, and the SSE stream (replay, live events, heartbeats,
// resume, stream_gap, fault cuts, disconnects), all contract-checked.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EventLog } from "../../../fake/core/event-log.ts";
import { setup } from "./helpers/process.ts";

type Ev = { seq: number; v: string };

describe("EventLog", () => {
  test("sequences without gaps, keeps the window, reports gaps", () => {
    const log = new EventLog<Ev>(3);
    expect(log.firstRetainedSeq).toBe(1);
    expect(log.since(0)).toEqual({ gap: false, events: [] });
    for (const v of "abcde") log.append((seq) => ({ seq, v }));
    expect(log.lastSeq).toBe(5);
    expect(log.size).toBe(3);
    expect(log.firstRetainedSeq).toBe(3);
    expect(log.since(2)).toEqual({
      gap: false,
      events: [
        { seq: 3, v: "c" },
        { seq: 4, v: "d" },
        { seq: 5, v: "e" },
      ],
    });
    expect(log.since(1).gap).toBe(true);
    expect(log.since(1).events.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.since(3, 1).events).toEqual([{ seq: 4, v: "d" }]);
    expect(log.since(9)).toEqual({ gap: false, events: [] });
    expect(() => log.append(() => ({ seq: 9, v: "x" }))).toThrow(/seq/);
  });

  test("subscribers get live events and the close; unsubscribe works", () => {
    const log = new EventLog<Ev>(10);
    const got: string[] = [];
    const off = log.subscribe(
      (e) => got.push(e.v),
      () => got.push("closed"),
    );
    const other = log.subscribe((e) => got.push(`2${e.v}`));
    expect(log.subscriberCount).toBe(2);
    log.append((seq) => ({ seq, v: "a" }));
    other();
    log.append((seq) => ({ seq, v: "b" }));
    log.close();
    log.close();
    expect(got).toEqual(["a", "2a", "b", "closed"]);
    expect(log.subscriberCount).toBe(0);
    expect(log.closed).toBe(true);
    expect(() => log.append((seq) => ({ seq, v: "c" }))).toThrow(/closed/);
    let lateClose = false;
    log.subscribe(
      () => {},
      () => (lateClose = true),
    )();
    expect(lateClose).toBe(true);
    off();
  });

  test("property: since() matches a model that keeps every event", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 210 }),
        fc.integer({ min: 1, max: 30 }),
        (window, count, afterSeq, limit) => {
          const log = new EventLog<Ev>(window);
          for (let i = 0; i < count; i++) log.append((seq) => ({ seq, v: String(seq) }));
          const firstKept = Math.max(1, count - window + 1);
          const expected = [];
          for (
            let s = Math.max(afterSeq + 1, firstKept);
            s <= count && expected.length < limit;
            s++
          ) {
            expected.push(s);
          }
          const slice = log.since(afterSeq, limit);
          expect(slice.events.map((e) => e.seq)).toEqual(expected);
          expect(slice.gap).toBe(afterSeq < firstKept - 1);
          expect(log.size).toBe(Math.min(count, window));
        },
      ),
    );
  });
});

/** A program that writes `n` numbered stdout chunks ("1\n", "2\n", ...). */
function defineSpam(f: Awaited<ReturnType<typeof setup>>): void {
  f.fake.programs.define("spam", (proc) => {
    const n = Number(proc.argv[1]);
    for (let i = 1; i <= n; i++) proc.stdout.write(`${i}\n`);
  });
}

describe("listCommandLogs", () => {
  test("chunks in order with commandId, stream and createdAt; afterSeq and limit page them", async () => {
    const f = await setup({ clock: "auto" });
    defineSpam(f);
    const r = await f.run("spam 120; echo err >&2");
    const first = await f.logs(r.json.id);
    expect(first.json.data).toHaveLength(50);
    expect(first.json.data[0]).toEqual({
      commandId: r.json.id,
      createdAt: r.json.startedAt,
      data: "1\n",
      seq: 1,
      stream: "stdout",
    });
    // A full page says more follows, and where to read on.
    expect(first.json).toMatchObject({ hasMore: true, nextAfterSeq: 50 });
    const rest = await f.logs(r.json.id, "?afterSeq=50&limit=100");
    expect(rest.json).toMatchObject({ hasMore: false, nextAfterSeq: 121 });
    expect((await f.logs(r.json.id, "?afterSeq=121")).json).toMatchObject({
      data: [],
      hasMore: false,
      nextAfterSeq: 121,
    });
    expect(rest.json.data.map((c: { seq: number }) => c.seq)).toEqual(
      Array.from({ length: 71 }, (_, i) => 51 + i),
    );
    expect(rest.json.data.at(-1)).toMatchObject({ seq: 121, stream: "stderr", data: "err\n" });
    expect((await f.logs(r.json.id, "?afterSeq=121")).json.data).toEqual([]);
    expect((await f.logs(r.json.id, "?limit=101")).status).toBe(400);
    expect((await f.logs(r.json.id, "?limit=0")).status).toBe(400);
    expect((await f.logs(r.json.id, "?afterSeq=-1")).status).toBe(400);
  });

  test("only the window is kept: memory stays bounded at 10x the window", async () => {
    const f = await setup({ clock: "auto", plan: { logWindow: 100 } });
    defineSpam(f);
    const r = await f.run("spam 1000");
    expect(f.fake.context.commands.runtime.get(r.json.id)?.log.size).toBe(100);
    // No afterSeq and afterSeq=0 agree: the trimmed start is a visible gap.
    for (const query of ["?limit=100", "?afterSeq=0&limit=100"]) {
      const fromStart = await f.logs(r.json.id, query);
      expect(fromStart.status).toBe(409);
      expect(fromStart.json.error).toMatchObject({
        code: "stream_gap",
        details: { requestedAfterSeq: 0, firstAvailableSeq: 901 },
      });
    }
    const all = await f.logs(r.json.id, "?afterSeq=900&limit=100");
    expect(all.json.data[0].seq).toBe(901);
    expect(all.json.data.at(-1).seq).toBe(1000);
    expect(all.json).toMatchObject({ hasMore: false, nextAfterSeq: 1000 });
    const gap = await f.logs(r.json.id, "?afterSeq=899");
    expect(gap.status).toBe(409);
    expect(gap.json.error).toMatchObject({
      code: "stream_gap",
      details: { requestedAfterSeq: 899, firstAvailableSeq: 901 },
    });
    const one = await f.logs(r.json.id, "?afterSeq=900&limit=1");
    expect(one.json).toMatchObject({ data: [{ seq: 901 }], hasMore: true, nextAfterSeq: 901 });
  });
});

describe("streamCommandLogs", () => {
  test("replays the chunks, then the terminal event with the final command, then ends", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("echo a; echo b >&2");
    const s = await f.call("GET", `/v1/commands/${r.json.id}/logs/stream`);
    expect(s.status).toBe(200);
    expect(s.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(s.events.map((e) => [e.event, e.id])).toEqual([
      ["log", "1"],
      ["log", "2"],
      ["terminal", undefined],
    ]);
    expect(s.events[1]?.data).toEqual({
      type: "log",
      stream: "stderr",
      data: "b\n",
      seq: 2,
      createdAt: r.json.startedAt,
    });
    expect(s.events[2]?.data).toEqual({ type: "terminal", command: r.json });
  });

  test("live events and heartbeats every 15 s of fake time while quiet", async () => {
    const f = await setup();
    const started = await f.start("echo go; sleep 40; echo end");
    const s = await f.stream("GET", `/v1/commands/${started.json.id}/logs/stream`);
    const next = async () => (await s.events.next()).value?.data;
    expect(await next()).toMatchObject({ type: "log", data: "go\n", seq: 1 });
    const pending = next();
    await f.fake.clock.advance(14_999);
    await f.fake.clock.advance(1);
    expect(await pending).toEqual({ type: "heartbeat" });
    const second = next();
    await f.fake.clock.advance(15_000);
    expect(await second).toEqual({ type: "heartbeat" });
    const third = next();
    await f.fake.clock.advance(10_000);
    expect(await third).toMatchObject({ type: "log", data: "end\n", seq: 2 });
    expect(await next()).toMatchObject({ type: "terminal", command: { status: "exited" } });
    expect((await s.events.next()).done).toBe(true);
  });

  test("resume with afterSeq or Last-Event-ID; the query wins", async () => {
    const f = await setup({ clock: "auto" });
    defineSpam(f);
    const r = await f.run("spam 5");
    const path = `/v1/commands/${r.json.id}/logs/stream`;
    const seqs = (events: { data: { seq?: number } }[]) =>
      events.filter((e) => e.data.seq !== undefined).map((e) => e.data.seq);
    expect(seqs((await f.call("GET", `${path}?afterSeq=3`)).events)).toEqual([4, 5]);
    const byHeader = await f.call("GET", path, { headers: { "Last-Event-ID": "2" } });
    expect(seqs(byHeader.events)).toEqual([3, 4, 5]);
    const both = await f.call("GET", `${path}?afterSeq=4`, { headers: { "Last-Event-ID": "1" } });
    expect(seqs(both.events)).toEqual([5]);
    const bad = await f.call("GET", path, { headers: { "Last-Event-ID": "x" } });
    expect(bad.status).toBe(400);
  });

  test("a resume point before the window: stream_gap error event first, then the oldest retained", async () => {
    const f = await setup({ clock: "auto", plan: { logWindow: 5 } });
    defineSpam(f);
    const r = await f.run("spam 20");
    const s = await f.call("GET", `/v1/commands/${r.json.id}/logs/stream?afterSeq=3`);
    expect(s.events[0]?.data).toMatchObject({
      type: "error",
      code: "stream_gap",
      details: { requestedAfterSeq: 3, firstAvailableSeq: 16 },
    });
    expect(s.events[0]?.id).toBeUndefined();
    expect(s.events.slice(1).map((e) => e.data.seq ?? e.data.type)).toEqual([
      16,
      17,
      18,
      19,
      20,
      "terminal",
    ]);
    // Without a resume point it reads from the start: the trimmed chunks are a stream_gap.
    const fresh = await f.call("GET", `/v1/commands/${r.json.id}/logs/stream`);
    expect(fresh.events[0]?.data).toMatchObject({
      code: "stream_gap",
      details: { requestedAfterSeq: 0, firstAvailableSeq: 16 },
    });
    expect(fresh.events.slice(1).map((e) => e.data.seq ?? e.data.type)).toEqual([
      16,
      17,
      18,
      19,
      20,
      "terminal",
    ]);
    const fromZero = await f.call("GET", `/v1/commands/${r.json.id}/logs/stream?afterSeq=0`);
    expect(fromZero.events[0]?.data).toMatchObject({ code: "stream_gap" });
  });

  test("a reader that falls behind the window mid-stream gets stream_gap, then the oldest retained", async () => {
    const f = await setup({ plan: { logWindow: 3 } });
    f.fake.programs.define("burst", async (proc) => {
      proc.stdout.write("first\n");
      await proc.sleep(1000);
      for (let i = 2; i <= 11; i++) proc.stdout.write(`${i}\n`);
    });
    const started = await f.start("burst");
    const s = await f.stream("GET", `/v1/commands/${started.json.id}/logs/stream`);
    expect((await s.events.next()).value?.data.seq).toBe(1);
    // Nobody reads while the burst overflows the window: the body pulls only on demand.
    await f.fake.clock.advance(1000);
    const rest = [];
    for await (const e of s.events) rest.push(e.data.seq ?? e.data);
    expect(rest[0]).toMatchObject({
      type: "error",
      code: "stream_gap",
      details: { requestedAfterSeq: 1, firstAvailableSeq: 9 },
    });
    expect(rest.slice(1, 4)).toEqual([9, 10, 11]);
    expect(rest[4]).toMatchObject({ type: "terminal" });
  });

  test("a fault cuts the stream after N events; resuming from the last id loses nothing", async () => {
    const f = await setup({ clock: "auto" });
    defineSpam(f);
    const r = await f.run("spam 6");
    f.fake.faults.add({ operation: "streamCommandLogs", cutStreamAfterEvents: 2, times: 1 });
    const path = `/v1/commands/${r.json.id}/logs/stream`;
    const s = await f.stream("GET", path);
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const e of s.events) got.push(e.data.seq);
      })(),
    ).rejects.toThrow(/cut/);
    expect(got).toEqual([1, 2]);
    const resumed = await f.call("GET", path, { headers: { "Last-Event-ID": "2" } });
    expect(resumed.events.map((e) => e.data.seq ?? e.data.type)).toEqual([3, 4, 5, 6, "terminal"]);
  });

  test("a client that disconnects costs nothing more: unsubscribed, timers cancelled", async () => {
    const f = await setup();
    const started = await f.start("echo hi; sleep 50");
    await f.fake.clock.advance(0);
    const log = f.fake.context.commands.runtime.get(started.json.id)?.log;
    const baseline = f.fake.clock.pendingTimers();
    const s = await f.stream("GET", `/v1/commands/${started.json.id}/logs/stream`);
    expect((await s.events.next()).value?.data.type).toBe("log");
    const pending = s.events.next(); // the server now waits for output or a heartbeat
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log?.subscriberCount).toBe(1);
    expect(f.fake.clock.pendingTimers()).toBe(baseline + 1);
    await s.close();
    expect((await pending).done).toBe(true);
    expect(log?.subscriberCount).toBe(0);
    expect(f.fake.clock.pendingTimers()).toBe(baseline);
    await f.fake.clock.advance(50_000);
    expect((await f.get(started.json.id)).json.status).toBe("exited");
  });

  test("a stream opened on a running command follows it to the end (auto clock)", async () => {
    const f = await setup({ clock: "auto" });
    const started = await f.start("echo 1; sleep 20; echo 2; sleep 20; exit 7");
    const s = await f.call("GET", `/v1/commands/${started.json.id}/logs/stream`);
    expect(s.events.map((e) => e.data.type)).toEqual([
      "log",
      "heartbeat",
      "log",
      "heartbeat",
      "terminal",
    ]);
    expect(s.events.at(-1)?.data.command).toMatchObject({ exitCode: 7, durationMs: 40_000 });
  });
});
