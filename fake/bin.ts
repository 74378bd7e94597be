#!/usr/bin/env node
// The `crownest-fake` bin. Placeholder: the real server (over @hono/node-server)
// comes later, so for now it only says how it will be used.
console.log(
  "usage: crownest-fake [--port <port>]  (placeholder: the fake server is not implemented yet)",
);
process.exit(0);
