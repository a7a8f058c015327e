import { readFileSync } from "node:fs";
import { clockNow, expect, schoolToday, signInAndWait, test, USERS } from "./helpers";

// The browser tests keep the Python tests' clock (playwright.config.ts): whatever the machine's
// date, the server that seeded the demo data, the test runner and the browser all say it is the
// day in suite-clock.json, so "this week" in the demo is the same week in every run.
const startsAt = Date.parse((JSON.parse(readFileSync("../tests/suite-clock.json", "utf8")) as { starts_at: string }).starts_at);
const schoolDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });
const shownDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

test("the server, the test runner and the browser keep the tests' clock, not the machine's date", async ({ page, request }) => {
  const day = schoolDay.format(startsAt);
  // The run is younger than a day, so the clock has not left the day it started on.
  expect(clockNow() - startsAt).toBeGreaterThanOrEqual(0);
  expect(schoolToday()).toBe(day);

  const served = await request.get("/healthz");
  expect(served.ok()).toBeTruthy();
  const serverNow = Date.parse(served.headers()["date"]);
  expect(Math.abs(serverNow - clockNow()), "the server's clock against the tests' clock, in ms").toBeLessThan(60_000);

  await signInAndWait(page, USERS.mentor);
  const browserNow = await page.evaluate(() => Date.now());
  expect(Math.abs(browserNow - clockNow()), "the browser's clock against the tests' clock, in ms").toBeLessThan(60_000);

  // The app's week is the week of that day, and the demo's weekly meeting is in it.
  const [y, m, d] = day.split("-").map(Number);
  const monday = new Date(Date.UTC(y, m - 1, d - ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7)));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My week" }).click();
  await expect(page.getByText(`Week beginning ${shownDate.format(monday)}`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Meetings this week" }).getByRole("row", { name: /James Patel/ }).first()).toBeVisible();
});
