// The SDK's smoke test on Bun, against the in-process fake.
import { test } from "bun:test";
import {
  runFollowingAStalledStream,
  runOnAStalledClock,
  streamOnAStalledClock,
} from "../shared/sdk-clock-stall.ts";
import { sdkSmoke } from "../shared/sdk-smoke.ts";

test("SDK smoke against the fake", sdkSmoke);

// No timeout override: a stalled manual clock explains itself within bun test's default 5 s.
test("commands.run on a manual clock nobody moves is 409 clockStalled in time", runOnAStalledClock);
test("streamLogs on a stalled clock is 409 clockStalled at the first stall", streamOnAStalledClock);
test(
  "commands.run following a 202 on a stalled stream is 409 clockStalled",
  runFollowingAStalledStream,
);
