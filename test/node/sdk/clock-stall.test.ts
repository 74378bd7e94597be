// A manual clock nobody moves explains itself within vitest's default 5 s
// test timeout: no timeout is set here on purpose (test/shared/sdk-clock-stall.ts).
import { test } from "vitest";
import {
  runFollowingAStalledStream,
  runOnAStalledClock,
  streamOnAStalledClock,
} from "../../shared/sdk-clock-stall.ts";

test("commands.run on a manual clock nobody moves is 409 clockStalled in time", runOnAStalledClock);
test("streamLogs on a stalled clock is 409 clockStalled at the first stall", streamOnAStalledClock);
test(
  "commands.run following a 202 on a stalled stream is 409 clockStalled",
  runFollowingAStalledStream,
);
