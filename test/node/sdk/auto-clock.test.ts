// Regression: a fake bug the SDK's tests found (fixed by Clock.busy()).
import { expect, it } from "vitest";
import { createFake } from "../../../fake/index.ts";
import { createCrowNestClient } from "../../../src/index.ts";
import { noise, tarGz } from "./helpers/fetch-stubs.ts";

// On the auto clock, time must move only when the fake is idle. Extracting a
// large archive is real async work (DecompressionStream, crypto.subtle) that
// the auto loop's settle() could not see, so it fired heartbeat timers and
// then the run's sandbox TTL mid-extraction (the run ended `failed`,
// sandbox_destroyed). The fake now marks such work with clock.busy().
it("auto clock: a 1.2 MB archive's run is not killed by fake time passing during extraction", async () => {
  const fake = createFake({ clock: "auto" });
  fake.programs.define("check", async (proc) => {
    proc.stdout.write(await proc.fs.read("hello.txt"));
    return 0;
  });
  const client = createCrowNestClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
  });
  const bytes = await tarGz({ "hello.txt": "hello", "blob.bin": noise(1_200_000) });
  const { workspaceRun } = await client.workspaceRuns.runArchive(bytes, { command: "check" });
  expect(workspaceRun.error).toBeNull();
  expect(workspaceRun.status).toBe("succeeded");
});
