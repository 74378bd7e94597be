// Row 3's baseline: a bare Hono app on @hono/node-server with the two routes
// the throughput row loads, answering the same JSON bodies as the fake (read
// from the JSON file given as argv[2]). No auth, validation or state: the
// ceiling of a Hono route on this machine.
import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const { sandbox, command } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const sandboxJson = JSON.stringify(sandbox);
const commandJson = JSON.stringify(command);
const app = new Hono();
const json = (body) => new Response(body, { headers: { "content-type": "application/json" } });
app.get("/v1/sandboxes/:sandboxId", () => json(sandboxJson));
app.post("/v1/sandboxes/:sandboxId/commands/run", async (c) => {
  await c.req.json();
  return json(commandJson);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  console.log(`hono listening on http://127.0.0.1:${info.port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
