// The SDK's smoke test on Bun, against the in-process fake.
import { test } from "bun:test";
import { sdkSmoke } from "../shared/sdk-smoke.ts";

test("SDK smoke against the fake", sdkSmoke);
