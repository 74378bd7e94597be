// The SDK's smoke scenario (test/shared/sdk-smoke.ts) on Cloudflare Workers'
// runtime: `workerd test` calls this module's `test` handler. Importing it
// at all proves the SDK and the fake do nothing at import time that Workers
// forbid in global scope (random values, timers, I/O).
import { sdkSmoke } from "../shared/sdk-smoke.ts";

export default {
  async test(): Promise<void> {
    await sdkSmoke();
  },
};
