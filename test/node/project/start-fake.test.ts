// scripts/start-fake.mjs, the one helper that starts crownest-fake and reads
// its banner: what it refuses, with a stand-in process for the fake.
import { describe, expect, it } from "vitest";
import { startFake } from "../../../scripts/start-fake.mjs";

/** A Node process running `code` in place of the fake. */
const standIn = (code: string) => [process.execPath, "-e", code];

describe("startFake", () => {
  it("reads the banner: URL, key, control token, and keeps what follows", async () => {
    const banner =
      "crownest-fake listening on http://127.0.0.1:1234 (api key cn_test_x) (control token cn_ctl_y)";
    const fake = await startFake({
      launcher: standIn(
        `console.log(${JSON.stringify(banner)}); console.log("later"); setTimeout(() => {}, 60000)`,
      ),
    });
    try {
      expect(fake).toMatchObject({
        url: "http://127.0.0.1:1234",
        apiKey: "cn_test_x",
        controlToken: "cn_ctl_y",
        line: banner,
      });
      await expect.poll(() => fake.output()).toBe("later\n");
    } finally {
      await fake.stop();
    }
  });

  it("refuses a first line that is not the banner, and kills the process", async () => {
    // The stand-in's first line is its pid, so the test can see it go.
    const error: Error = await startFake({
      launcher: standIn("console.log(process.pid); setTimeout(() => {}, 60000)"),
    }).then(
      () => new Error("started"),
      (e: Error) => e,
    );
    const m = /unexpected first line: (\d+)$/.exec(error.message);
    expect(m, error.message).not.toBeNull();
    const alive = () => {
      try {
        process.kill(Number(m?.[1]), 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(alive).toBe(false);
  });

  it("says the fake exited before listening, with its stderr", async () => {
    await expect(
      startFake({ launcher: standIn(`console.error("no such flag"); process.exit(2)`) }),
    ).rejects.toThrow(/exited \(2\) before listening:\nno such flag/);
  });

  it("gives up after timeoutMs on a silent process", async () => {
    await expect(
      startFake({ launcher: standIn("setTimeout(() => {}, 60000)"), timeoutMs: 300 }),
    ).rejects.toThrow("did not start within 300 ms");
  });
});
