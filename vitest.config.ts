import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWERTOOLS_LOG_LEVEL: "SILENT",
      POWERTOOLS_METRICS_DISABLED: "true",
    },
    include: ["**/*.test.ts"],
    // Tests that spawn the CLI take seconds each on two busy cores; none asserts a duration.
    testTimeout: 20_000,
    exclude: ["**/node_modules/**", ".gyre/**", ".sst/**"],
  },
});
