// Gyre's import rules, checked by dependency-cruiser (architecture.test.ts runs them inside
// `npm test`; `npm run check:imports` prints them for people).
//
// The house, outermost on the left; a folder may import only folders to its right, plus itself:
//   packages/cli → packages/local → functions → packages/core → events
//   stacks → functions (declaration modules only) → packages/core → events
// packages/profile (not written yet) sits level with packages/core/src/platform: anything that
// may import packages/core may import it, and it imports only events.
// examples/, bench/, web/, e2e/ and the root files sit outside the house and may import anything,
// but nothing in the house may import them.
// Test files follow their folder's rules, except that they may also import the test-support
// module packages/local/src/testing. Type-only imports count: they are edges like any other.
//
// Each layer rule below lists what its folder MAY import (`pathNot`), so a folder that is added
// later is forbidden until a rule names it. Imports of stacks/ are judged by not-to-stacks alone
// and imports of the testing module by testing-only-from-tests alone, so an edge breaks one rule.

/** Domain folders of packages/core/src/. */
const DOMAINS = "(datasets|training|registry|deployment|monitoring)";
/** The test-support module: packages/local/src/testing.ts, or a future testing/ folder. */
const TESTING = "^packages/local/src/testing(\\.ts$|/)";
/** A test file, by name. */
const TEST_FILE = "\\.test\\.ts$";
/** Edges into the repository's own files: not node built-ins, not what failed to resolve. */
const IN_REPO = { dependencyTypesNot: ["core"], couldNotResolve: false };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No module may import itself through a chain of other modules, tests included.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment:
        "Every import must resolve to a file or package, or the check could not see where it points (Pulumi, and the types sst.config.ts references, come from .sst/platform, which SST writes on its first run).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: ["^@pulumi/", "(^|/)\\.sst/platform/"] },
    },
    {
      name: "not-to-stacks",
      comment:
        "stacks/ is the infrastructure on top: nothing in packages/, functions/ or events/ imports it.",
      severity: "error",
      from: { path: "^(packages|functions|events)/" },
      to: { path: "^stacks/" },
    },
    {
      name: "testing-only-from-tests",
      comment:
        "Below packages/local only test files (*.test.ts) may import the test-support module packages/local/src/testing.",
      severity: "error",
      from: { path: "^(packages/(core|profile)|functions|events|stacks)/", pathNot: TEST_FILE },
      to: { path: TESTING },
    },
    {
      name: "cli-imports-inward",
      comment:
        "packages/cli may import only packages/local, functions, packages/core, packages/profile, events, and examples/ (gyre example generates an example's data).",
      severity: "error",
      from: { path: "^packages/cli/" },
      to: {
        ...IN_REPO,
        pathNot: "^(packages/(cli|local|core|profile)|functions|events|stacks|examples)/",
      },
    },
    {
      name: "local-imports-inward",
      comment:
        "packages/local may import only functions, packages/core, packages/profile and events.",
      severity: "error",
      from: { path: "^packages/local/" },
      to: { ...IN_REPO, pathNot: "^(packages/(local|core|profile)|functions|events|stacks)/" },
    },
    {
      name: "functions-imports-inward",
      comment: "functions/ may import only packages/core, packages/profile and events.",
      severity: "error",
      from: { path: "^functions/" },
      to: { ...IN_REPO, pathNot: ["^(packages/(core|profile)|functions|events|stacks)/", TESTING] },
    },
    {
      name: "core-imports-inward",
      comment: "packages/core may import only packages/profile and events.",
      severity: "error",
      from: { path: "^packages/core/" },
      to: { ...IN_REPO, pathNot: ["^(packages/(core|profile)|events|stacks)/", TESTING] },
    },
    {
      name: "profile-imports-events-only",
      comment:
        "packages/profile sits level with core's platform kernel: it may import only events.",
      severity: "error",
      from: { path: "^packages/profile/" },
      to: { ...IN_REPO, pathNot: ["^(packages/profile|events|stacks)/", TESTING] },
    },
    {
      name: "events-imports-nothing",
      comment: "events/ is the bottom layer: it imports none of the repository's other folders.",
      severity: "error",
      from: { path: "^events/" },
      to: { ...IN_REPO, pathNot: ["^(events|stacks)/", TESTING] },
    },
    {
      name: "stacks-imports-inward",
      comment:
        "stacks/ may import only functions (declaration modules), packages/core, packages/profile and events.",
      severity: "error",
      from: { path: "^stacks/" },
      to: { ...IN_REPO, pathNot: ["^(stacks|functions|packages/(core|profile)|events)/", TESTING] },
    },
    {
      name: "stacks-to-functions-declarations-only",
      comment:
        "stacks/ may import from functions/ only the declaration modules wiring.ts, services.ts and <service>/service.ts, and how a function is bundled (bundling/), never handler code.",
      severity: "error",
      from: { path: "^stacks/" },
      to: {
        path: "^functions/",
        pathNot: [
          "^functions/(wiring|services)\\.ts$",
          "^functions/[^/]+/service\\.ts$",
          "^functions/bundling/(entry|sst)\\.ts$",
        ],
      },
    },
    {
      name: "platform-not-to-domains",
      comment:
        "The shared kernel packages/core/src/platform must not import any domain folder of packages/core/src.",
      severity: "error",
      from: { path: "^packages/core/src/platform/" },
      to: { path: `^packages/core/src/${DOMAINS}/` },
    },
    {
      name: "domain-not-to-other-domain",
      comment:
        "A domain folder of packages/core/src must not import another domain folder; share through platform.",
      severity: "error",
      from: { path: `^packages/core/src/${DOMAINS}/` },
      to: { path: `^packages/core/src/${DOMAINS}/`, pathNot: "^packages/core/src/$1/" },
    },
    {
      name: "service-not-to-other-service",
      comment:
        "A service folder in functions/ must not import another service's folder; any may import functions/shared.",
      severity: "error",
      from: { path: "^functions/([^/]+)/", pathNot: "^functions/(platform|shared)/" },
      to: { path: "^functions/[^/]+/", pathNot: "^functions/($1|shared)/" },
    },
    {
      name: "shared-not-to-services",
      comment:
        "functions/shared is what the services share, so it must not import any service folder.",
      severity: "error",
      from: { path: "^functions/shared/" },
      to: { path: "^functions/[^/]+/", pathNot: "^functions/shared/" },
    },
    {
      name: "platform-service-via-api-only",
      comment: "functions/platform may import another service only through that service's api.ts.",
      severity: "error",
      from: { path: "^functions/platform/" },
      to: {
        path: "^functions/[^/]+/",
        pathNot: ["^functions/(platform|shared)/", "^functions/[^/]+/api\\.ts$"],
      },
    },
  ],
  options: {
    // node_modules: npm packages are not ours to check; .sst and .gyre: generated, git-ignored.
    // functions/entries/ holds the generated Lambda entries (functions/bundling/entry.ts).
    exclude: { path: ["(^|/)node_modules/", "^\\.sst/", "^\\.gyre/", "^functions/entries/"] },
    // Count `import type` too: a type-only import still ties one folder to another.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Workspace packages (@gyre/core/..., @gyre/events) resolve through their symlinks in
    // node_modules and each package.json's `exports` to the real files (packages/core/src/...),
    // so they count as edges into those folders. combinedDependencies reads the root
    // package.json too, as the workspaces share its devDependencies.
    combinedDependencies: true,
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};
