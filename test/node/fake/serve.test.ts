// serveFake() from the package entry (`@crownest/sdk/fake`): a free port,
// setup(fake) before the first request, url, fake.apiKey and close(); from
// the sources and from the built package (its Node side is loaded by a
// computed specifier, .ts in one and .js in the other).
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import * as entry from "../../../fake/index.ts";
import { createCrowNestClient } from "../../../src/index.ts";
import { ensureBuilt } from "../../helpers/build.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const built = join(root, "dist/fake/index.js");

type Entry = typeof entry;

async function exercise(serveFake: Entry["serveFake"]): Promise<void> {
  const seen: string[] = [];
  const server = await serveFake({
    port: 0,
    clock: "auto",
    setup: (fake) => {
      seen.push(`setup ${fake.baseUrl}`);
      fake.programs.define("greet", async (proc) => {
        proc.stdout.write(`hello ${proc.argv[1]}\n`);
      });
    },
  });
  let closed = false;
  try {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    // setup ran on the fake that serves, before anything was served.
    expect(seen).toEqual([`setup ${server.url}`]);
    expect(server.fake.apiKey).toMatch(/^cn_test_[0-9a-f]{32}$/);
    const client = createCrowNestClient({ apiKey: server.fake.apiKey, baseUrl: server.url });
    const sandbox = await client.sandboxes.create();
    const ran = await client.commands.run(sandbox.id, "greet vitest");
    expect(ran).toMatchObject({ status: "exited", exitCode: 0, stdout: "hello vitest\n" });
    expect(server.fake.requests.list({ operationId: "runCommand" })).toHaveLength(1);
    await server.close();
    closed = true;
    await expect(fetch(`${server.url}/v1/projects`)).rejects.toThrow();
  } finally {
    if (!closed) await server.close();
  }
}

describe("serveFake from @crownest/sdk/fake", () => {
  beforeAll(() => ensureBuilt(built), 180_000);

  it("serves on a free port after setup(fake), with url, fake.apiKey and close() (sources)", async () => {
    await exercise(entry.serveFake);
  });

  it("does the same from the built package", async () => {
    const pkg = (await import(pathToFileURL(built).href)) as Entry;
    await exercise(pkg.serveFake);
  });

  it("a setup that throws closes the server and rejects", async () => {
    let port = 0;
    await expect(
      entry.serveFake({
        port: 0,
        setup: (fake) => {
          port = Number(new URL(fake.baseUrl).port);
          throw new Error("setup failed");
        },
      }),
    ).rejects.toThrow("setup failed");
    await expect(fetch(`http://127.0.0.1:${port}/v1/projects`)).rejects.toThrow();
  });
});
