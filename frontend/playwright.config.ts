import { defineConfig, devices } from "@playwright/test";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";

// The browser tests run in the system's Chromium; a missing browser fails the run, never skips it.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(`Chromium not found at ${chromium}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
}
if (!existsSync("dist/index.html")) {
  throw new Error("dist/index.html is missing: run `npm run build` before `npm run test:e2e`.");
}

async function freePort(): Promise<string> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 8765;
      probe.close(() => resolve(String(port)));
    });
  });
}

// Workers load this file again; they inherit the port the runner chose.
process.env.E2E_PORT ??= await freePort();
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

// The tests run on the Python tests' clock (../tests/suite-clock.json, read by tests/conftest.py
// too): it reads that instant when the run starts and then ticks, so the demo data seeded "today"
// and every "this week" are the same whatever the real date. The runner fixes the offset from the
// real clock once; the server (e2e/server.mjs), the workers and every browser context
// (e2e/helpers.ts) inherit it, so all of them agree to the millisecond.
const suiteClock = JSON.parse(readFileSync(new URL("../tests/suite-clock.json", import.meta.url), "utf8")) as { starts_at: string };
process.env.E2E_CLOCK_OFFSET_MS ??= String(Date.parse(suiteClock.starts_at) - Date.now());

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: Math.max(1, Math.min(4, availableParallelism())),
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "screenshot", testMatch: /screenshot\.setup\.ts/, use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } },
    { name: "chromium", dependencies: ["screenshot"], use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    command: "node e2e/server.mjs",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
