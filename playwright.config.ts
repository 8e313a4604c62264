import { defineConfig, devices } from "@playwright/test";

// Browser tests: Debian's Chromium (no browser download) against a production build of the app
// (`next build` into .next-e2e, then `npm start`'s server) on a fresh PostgreSQL database, with
// the local Stripe emulator delivering real signed webhooks. See tests/e2e/global-setup.ts.

// Chosen once in the runner process; the workers inherit it through the environment.
const port = Number((process.env.E2E_PORT ||= String(31_000 + Math.floor(Math.random() * 20_000))));

// Under libfaketime (`faketime '2028-02-29 09:00:00' npm run test:e2e`) the app server and the test
// runner run on the shifted clock, but Chromium hangs with the preload: it starts without it, and
// tests/e2e/fixtures.ts sets its pages' clock to the runner's time instead.
const browserEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key, value]) => value !== undefined && key !== "LD_PRELOAD" && !key.startsWith("FAKETIME")),
) as Record<string, string>;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/playwright",
  globalSetup: "./tests/e2e/global-setup.ts",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    timezoneId: "America/New_York",
    locale: "en-US",
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM || "/usr/bin/chromium",
      env: browserEnv,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, channel: undefined },
    },
  ],
});
