import { mkdirSync } from "node:fs";
import { checkA11y, expect, expectNoSideScroll, signInAndWait, tabTo, test, USERS } from "./helpers";

const PHONE = { width: 390, height: 844 };
mkdirSync("/tmp/shots-coverage", { recursive: true });

test("a lead reads the school's observation coverage: chart with its summary and table, who observed whom, mentees not seen lately, and the CSV", async ({ page }) => {
  await signInAndWait(page, USERS.lead);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coverage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observation coverage" })).toBeFocused();

  // The chart is an image named by its summary; the same numbers are in a table.
  const weeks = page.getByRole("region", { name: "Observations each week, by observer role" });
  const chart = weeks.getByRole("img");
  await expect(chart).toBeVisible();
  const summary = await chart.evaluate((svg) => document.getElementById(svg.getAttribute("aria-labelledby") ?? "")?.textContent ?? "");
  expect(summary).toMatch(/^\d+ observations? took place in the 12 weeks from .+: Mentor \d+/);
  await expect(weeks.getByRole("list", { name: "Observer roles in the chart" }).getByText("SENCO")).toBeVisible();
  // The table opens from its summary, by keyboard.
  const opener = weeks.getByText("The same numbers as a table");
  await opener.focus();
  await page.keyboard.press("Enter");
  const table = weeks.getByRole("table", { name: "Observations each week, by observer role" });
  await expect(table.getByRole("row")).toHaveCount(13); // a heading row and 12 weeks
  await expect(table.getByRole("columnheader", { name: "Mentor" })).toBeVisible();
  const total = Number(summary.split(" ")[0]);
  const cells = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(cells.reduce((sum, text) => sum + Number(text.replace(/\D/g, "")), 0)).toBe(total);

  // Who observed whom, with names and roles in words.
  const whom = page.getByRole("region", { name: "Who observed whom" });
  await expect(whom.getByRole("cell", { name: "James Patel" }).first()).toBeVisible();
  await expect(whom.getByRole("cell", { name: /SENCO/ }).first()).toBeVisible();

  // The CSV has a row per row of the list.
  const download = page.waitForEvent("download");
  await whom.getByRole("button", { name: "Download the rows as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^observation-coverage-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(whom.getByRole("status").first()).toHaveText(/has been downloaded|have been downloaded/);
  const path = await file.path();
  const { readFileSync } = await import("node:fs");
  const lines = readFileSync(path, "utf8").trim().split(/\r?\n/);
  expect(lines[0]).toBe("week_start,school_id,school_name,mentee_id,mentee_name,observer_id,observer_name,observer_role,kind,count");
  const listed = await whom.getByRole("status").last().innerText();
  expect(listed).toMatch(new RegExp(`of ${lines.length - 1}$`));
  await expect(whom.getByRole("button", { name: "Next page" })).toBeVisible();

  // Mentees not observed for a while: the lead chooses how long, by keyboard.
  const unseen = page.getByRole("region", { name: /^Mentees not observed for/ });
  const weeksControl = unseen.getByLabel("Not observed for");
  await tabTo(page, weeksControl, 80);
  await weeksControl.selectOption({ label: "1 week" });
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "Mentees not observed for 1 week" })).toBeVisible();
  await expect(page).toHaveURL(/weeks=1/);
  await checkA11y(page, "coverage page");

  // A range that ends before it starts is refused in words, in place.
  const filters = page.getByRole("search", { name: "Coverage filters" });
  await filters.getByLabel("From").fill("2026-12-01");
  await filters.getByLabel("To").fill("2026-11-01");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(filters.getByText("Choose a range whose last day is on or after its first.")).toBeVisible();

  // At phone width nothing scrolls sideways; the screenshot is for the docs.
  await page.goto("/coverage");
  await page.setViewportSize(PHONE);
  await expect(page.getByRole("heading", { level: 1, name: "Observation coverage" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Observations each week, by observer role" }).getByRole("img")).toBeVisible();
  await expectNoSideScroll(page);
  await checkA11y(page, "coverage page at phone width");
  await page.screenshot({ path: "../docs/screenshots/coverage.png", fullPage: true });
  await page.screenshot({ path: "/tmp/shots-coverage/top-390.png" });
  await page.getByRole("region", { name: "Observations each week, by observer role" }).screenshot({ path: "/tmp/shots-coverage/chart-390.png" });
  await page.getByRole("region", { name: /^Mentees not observed/ }).screenshot({ path: "/tmp/shots-coverage/unseen-390.png" });
  await page.getByRole("region", { name: "Who observed whom" }).screenshot({ path: "/tmp/shots-coverage/whom-390.png" });
});

test("a trust admin picks one school; a mentor has no coverage page", async ({ page }) => {
  await signInAndWait(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coverage" }).click();
  const filters = page.getByRole("search", { name: "Coverage filters" });
  await filters.getByLabel("School").selectOption({ label: "Riverside Primary School" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText(/at Riverside Primary School\./)).toBeVisible();
  await expect(page.getByRole("region", { name: "Who observed whom" }).getByRole("cell", { name: "James Patel" })).toHaveCount(0);
  await checkA11y(page, "trust admin's coverage of one school");
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAndWait(page, USERS.mentor);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coverage" })).toHaveCount(0);
  await page.goto("/coverage");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/not found/i);
});
