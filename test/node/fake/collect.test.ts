// Artifact collection is one routine for commands and workspace runs: a file
// that can't be collected is reported per file, and an error that is a bug of
// the fake (not an ApiError) is reported as internal_error for that file and
// kept in unexpectedErrors, for both callers alike.
import { describe, expect, it } from "vitest";
import { createFake } from "../../../fake/index.ts";
import { tarGz } from "../sdk/helpers/fetch-stubs.ts";

function brokenCollection() {
  const fake = createFake();
  const boom = new Error("disk on fire");
  const artifacts = fake.context.artifacts;
  const real = artifacts.createFromFile.bind(artifacts);
  artifacts.createFromFile = async (input) => {
    if (input.path.endsWith("bad.txt")) throw boom;
    return real(input);
  };
  return { fake, client: fake.client(), boom };
}

describe("artifact collection", () => {
  it("a command reports a fake bug as internal_error for that file only", async () => {
    const { fake, client, boom } = brokenCollection();
    const sandbox = await client.sandboxes.create();
    const command = await client.commands.run(sandbox.id, "echo a > good.txt; echo b > bad.txt", {
      collect: [{ path: "good.txt" }, { path: "bad.txt", name: "b" }],
    });
    expect(command.collectStatus).toBe("partial");
    expect(command.collectedArtifacts.map((a) => a.path)).toEqual(["/workspace/good.txt"]);
    expect(command.collectErrors).toEqual([
      { path: "/workspace/bad.txt", name: "b", code: "internal_error", message: "disk on fire" },
    ]);
    expect(fake.context.unexpectedErrors).toEqual([boom]);
  });

  it("a workspace run does the same: the run ends by its command, the file is an artifact_error", async () => {
    const { fake, client, boom } = brokenCollection();
    const events: { type: string }[] = [];
    const { workspaceRun, evidence } = await client.workspaceRuns.runArchive(
      await tarGz({ "good.txt": "a", "bad.txt": "b" }),
      {
        command: "true",
        artifacts: [{ path: "good.txt" }, { path: "bad.txt", name: "b" }],
        onEvent: (e) => {
          events.push(e);
        },
      },
    );
    expect(workspaceRun).toMatchObject({ status: "succeeded", exitCode: 0, error: null });
    expect(workspaceRun.collectedArtifacts.map((a) => a.path)).toEqual(["/workspace/good.txt"]);
    const failure = { path: "bad.txt", name: "b", code: "internal_error", message: "disk on fire" };
    expect(evidence.artifactErrors).toEqual([failure]);
    expect(events).toContainEqual(expect.objectContaining({ type: "artifact_error", ...failure }));
    expect(fake.context.unexpectedErrors).toEqual([boom]);
  });
});
