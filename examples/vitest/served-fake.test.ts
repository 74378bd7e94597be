// Against the fake that global-setup.ts serves over HTTP for the whole run.
// In your project the import is "@crownest/sdk".
import { describe, expect, inject, it } from "vitest";
import { createCrowNestClient } from "../../src/index.ts";

describe("the fake served from vitest's globalSetup", () => {
  it("answers the SDK over HTTP, with the programs its setup defined", async () => {
    const client = createCrowNestClient({
      apiKey: inject("crownestApiKey"),
      baseUrl: inject("crownestUrl"),
    });
    const sandbox = await client.sandboxes.create();
    const cmd = await client.commands.run(sandbox.id, "npm test");
    expect(cmd).toMatchObject({ status: "exited", exitCode: 0, stdout: "12 passing\n" });
    await client.sandboxes.kill(sandbox.id);
  });
});
