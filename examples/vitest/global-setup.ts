// One fake served over HTTP for the whole vitest run (`globalSetup` in
// vitest.config.ts): for code that reads a base URL, or test files that run
// in parallel against one service. Tests get its URL and key by inject().
// In your project the import is "@crownest/sdk/fake".
import type { TestProject } from "vitest/node";
import { serveFake } from "../../fake/index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    crownestUrl: string;
    crownestApiKey: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await serveFake({
    port: 0, // a free port
    clock: "auto",
    // Runs before the first request: programs, fault rules, keys.
    setup: (fake) => {
      fake.programs.define("npm test", async (proc) => {
        proc.stdout.write("12 passing\n");
        return 0;
      });
    },
  });
  project.provide("crownestUrl", server.url);
  project.provide("crownestApiKey", server.fake.apiKey);
  return () => server.close();
}
