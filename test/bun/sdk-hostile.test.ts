// The SDK's hostile-server, failure and configuration cases on Bun, against
// stub servers on 127.0.0.1 (Bun.serve).
import { test } from "bun:test";
import {
  envBaseUrlChecked,
  failureCases,
  hostileCases,
  runPastWaitBudget,
  startWebStub,
} from "../shared/sdk-hostile.ts";

for (const [name, run] of Object.entries({ ...hostileCases, ...failureCases })) {
  test(name, () => run(startWebStub), 20_000);
}

test("a bad CROWNEST_BASE_URL is named when the client is built", () => {
  envBaseUrlChecked(process.env);
});

test("commands.run follows a command past the wait budget to its end", runPastWaitBudget, 20_000);
