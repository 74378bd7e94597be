// Import rules of src/, fake/ and cli/, checked by `npm run check:deps` (part
// of `npm test`). Type-only imports count: tsPreCompilationDeps keeps them in
// the graph, so an `import type` cycle is a cycle too. No cycles anywhere, and
// these layers, lowest first; the rules below keep a lower one from importing
// a higher one:
//   src/                       the SDK (nothing of fake/ or cli/); its request path
//                              top down: resources/ and sse.ts, operations.ts (an
//                              operation's request), transport.ts (send), retry-timing.ts
//   fake/core/                 the fake's building blocks (clock, errors, auth, the
//                              resolved options' shape)
//   fake/config.ts             the options and their defaults, resolved into core's shape
//   fake/services/, process/   each resource's logic, built on core
//   fake/http/                 the HTTP pipeline (defineRoute, validation, faults,
//                              idempotency, journal, SSE); the services never see it
//   fake/context.ts, state.ts  wire the services together, snapshot their state
//   fake/routes/, dashboard/   HTTP, calling the services: the API's routes, and the
//                              dashboard's own Hono app (beside each other)
//   fake/app.ts, create-fake.ts the Hono app (the API's routes, the dashboard mounted) and createFake
//   fake/server/               serves a fake over HTTP; the crownest-fake command
// cli/ is built on the SDK and imports nothing from fake/. cmdline/ (the bins'
// option parser) imports nothing of the project.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "An import cycle (type-only imports included). Move what both sides share into a module both import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "sdk-is-standalone",
      severity: "error",
      comment: "src/ is the SDK: it imports nothing from the fake or the CLI.",
      from: { path: "^src/" },
      to: { path: "^(fake|cli)/" },
    },
    {
      name: "sdk-send-below-operations",
      severity: "error",
      comment:
        "src/transport.ts sends any request (an operation's or a signed URL's) and, with retry-timing, failures, errors, env and bytes, knows nothing of operations, streams, resources or the client.",
      from: { path: "^src/(transport|retry-timing|failures|errors|env|bytes)\\.ts$" },
      to: { path: "^src/(operations|sse|client|handle|index)\\.ts$|^src/resources/" },
    },
    {
      name: "sdk-operations-below-resources",
      severity: "error",
      comment:
        "src/operations.ts builds and parses one operation's request; the streams, resources and the client are built on it, never the other way.",
      from: { path: "^src/operations\\.ts$" },
      to: { path: "^src/(sse|client|handle|index)\\.ts$|^src/resources/" },
    },
    {
      name: "fake-core-below-services",
      severity: "error",
      comment:
        "fake/core/ and fake/config.ts (the options every layer reads) are what the services build on; they use nothing of the services, routes, dashboard, the context that wires them or the state snapshots of them.",
      from: { path: "^fake/(core/|config\\.ts$)" },
      to: { path: "^fake/(services|process|routes|dashboard)/|^fake/(context|state)\\.ts$" },
    },
    {
      name: "fake-core-below-config",
      severity: "error",
      comment:
        "fake/core/ is the base: config.ts resolves the options into core's shape (core/resolved-config.ts), and the HTTP pipeline (fake/http/) is built on core, never the other way.",
      from: { path: "^fake/core/" },
      to: { path: "^fake/config\\.ts$|^fake/http/" },
    },
    {
      name: "services-never-see-http",
      severity: "error",
      comment:
        "The services and the process engine take FakeCore, not the HTTP pipeline (fake/http/: faults, idempotency, journal, request IDs, routing); only routes, the dashboard, the context and the app use it.",
      from: { path: "^fake/(services|process)/" },
      to: { path: "^fake/http/" },
    },
    {
      name: "http-below-routes",
      severity: "error",
      comment:
        "fake/http/ is the pipeline every route goes through; it knows no service, route, dashboard page or the context that wires them.",
      from: { path: "^fake/http/" },
      to: { path: "^fake/(services|process|routes|dashboard)/|^fake/(context|state|app)\\.ts$" },
    },
    {
      name: "services-below-routes",
      severity: "error",
      comment:
        "The services hold the resources' logic; routes and the dashboard call them, never the other way.",
      from: { path: "^fake/(services|process)/" },
      to: { path: "^fake/(routes|dashboard)/" },
    },
    {
      name: "dashboard-mounted-by-the-app",
      severity: "error",
      comment:
        "The dashboard is a Hono app of its own, with its own router; only the fake's app (fake/app.ts) imports it, to mount it on its paths, so none of its routes goes into the API's router.",
      from: { path: "^fake/", pathNot: "^fake/(dashboard/|app\\.ts$)" },
      to: { path: "^fake/dashboard/" },
    },
    {
      name: "dashboard-beside-the-api-routes",
      severity: "error",
      comment:
        "The dashboard calls the services, as the API's routes do; it never imports a route of fake/routes/, nor they it.",
      from: { path: "^fake/dashboard/" },
      to: { path: "^fake/routes/" },
    },
    {
      name: "server-on-top",
      severity: "error",
      comment:
        "fake/server/ serves a fake over HTTP and is the crownest-fake command; only the entries (fake/bin.ts, fake/index.ts) import it.",
      from: { path: "^fake/", pathNot: "^fake/(server/|bin\\.ts$|index\\.ts$)" },
      to: { path: "^fake/server/" },
    },
    {
      name: "cli-uses-the-sdk-not-the-fake",
      severity: "error",
      comment: "cli/ is built on the SDK (src/); it imports nothing from the fake.",
      from: { path: "^cli/" },
      to: { path: "^fake/" },
    },
    {
      name: "cmdline-is-standalone",
      severity: "error",
      comment:
        "cmdline/ is shared by the CLI's and the fake's bins; it imports nothing of the project.",
      from: { path: "^cmdline/" },
      to: { path: "^(src|fake|cli)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Only the packaged code: tests and scripts may import anything.
    includeOnly: "^(src|fake|cli|cmdline)/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
