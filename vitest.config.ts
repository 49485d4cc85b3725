import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Reports, at the end of the run, browser tests skipped for want of Chromium.
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A property test or a browser test may print a lot; keep failures readable.
    reporters: ["default"],
  },
});
