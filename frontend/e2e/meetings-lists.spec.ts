import { checkA11y, expect, expectAtMostScreens, expectNoSideScroll, signInAndWait, test, USERS } from "./helpers";

// The demo's year starts in September 2026. The closure added here runs from Wednesday 16 to
// Wednesday 23 June 2027: two of Sarah Evans and James Patel's Wednesday meetings, and Daniel
// Brooks and Emily Clarke's Tuesday one unless another test has called those off already.
const INSET_FIRST = "2027-06-16";
const INSET_LAST = "2027-06-23";

test("a mentor sees every meeting of the pairing, paged and filtered, and the pairing page fits a phone", async ({ page }) => {
  await signInAndWait(page, USERS.mentor);
  await page.goto("/my-week");
  await page.getByRole("link", { name: "Mentoring James Patel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mentoring James Patel" })).toBeFocused();

  // The pairing page at phone width, for docs/screenshots/pairing.png.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("link", { name: /^See all \d+ meetings of this pairing$/ })).toBeVisible();
  await expectNoSideScroll(page);
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/pairing.png", fullPage: true });
  await expectAtMostScreens(page, 3, "the pairing page at phone width");
  await page.setViewportSize({ width: 1280, height: 800 });

  const seeAll = page.getByRole("link", { name: /^See all \d+ meetings of this pairing$/ });
  const total = Number((await seeAll.innerText()).match(/\d+/)?.[0]);
  expect(total).toBeGreaterThan(11);
  await seeAll.click();
  await expect(page.getByRole("heading", { level: 1, name: "All meetings" })).toBeFocused();
  const table = page.getByRole("table", { name: "Meetings of this pairing" });
  await expect(page.getByRole("status").filter({ hasText: `of ${total}` })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(26); // a heading row and a page of 25
  await checkA11y(page, "all of a pairing's meetings");
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Showing 26–` })).toBeVisible();

  // Only the held ones.
  const filters = page.getByRole("search", { name: "Filter meetings of this pairing" });
  await filters.getByLabel("Status").selectOption({ label: "Held" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/state=held/);
  await expect(page).not.toHaveURL(/offset=/);
  // Every row but the heading row is a held meeting.
  await expect(table.getByRole("row").filter({ hasNotText: "Held" })).toHaveCount(1);
  expect(await table.getByRole("row").count()).toBeGreaterThan(1);
  await checkA11y(page, "a pairing's held meetings");

  // Between two dates: the first week of the spring term.
  await filters.getByLabel("Status").selectOption({ label: "Any status" });
  await filters.getByLabel("From").fill("2027-01-04");
  await filters.getByLabel("To").fill("2027-01-08");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("link", { name: /^Wed 6 Jan 2027, 15:30–16:30$/ })).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSideScroll(page);
  await checkA11y(page, "a pairing's meetings at 390px");
});

test("a school lead filters the school's meetings by mentee, status and week", async ({ page }) => {
  await signInAndWait(page, USERS.lead);
  await page.goto("/mentoring");
  await page.getByRole("navigation", { name: "Mentoring" }).getByRole("link", { name: "Meetings", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meetings" })).toBeFocused();
  const table = page.getByRole("table", { name: "Meetings of Hillcrest Academy" });
  await expect(table.getByRole("row").filter({ hasText: "Sarah Evans and James Patel" }).first()).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Daniel Brooks and Emily Clarke" }).first()).toBeVisible();
  await checkA11y(page, "the school's meetings");

  const filters = page.getByRole("search", { name: "Filter meetings of hillcrest academy" });
  await filters.getByLabel("Mentor or mentee").selectOption({ label: "Emily Clarke (mentee)" });
  await filters.getByLabel("Status").selectOption({ label: "Held" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/state=held/);
  await expect(table.getByRole("row").filter({ hasText: "Sarah Evans" })).toHaveCount(0);
  // Every row but the heading row is one of Emily Clarke's held meetings.
  await expect(table.getByRole("row").filter({ hasNotText: "Daniel Brooks and Emily Clarke" })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasNotText: "Held" })).toHaveCount(1);
  expect(await table.getByRole("row").count()).toBeGreaterThan(1);

  // This week's meetings of both pairs, whatever their status.
  await filters.getByLabel("Mentor or mentee").selectOption({ label: "Anyone" });
  await filters.getByLabel("Status").selectOption({ label: "Any status" });
  await filters.getByLabel("When").selectOption({ label: "This week" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/when=this_week/);
  await expect(table.getByRole("row").filter({ hasText: "Sarah Evans and James Patel" }).filter({ hasText: "Wed 2 Dec 2026" })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: "Wed 9 Dec 2026" })).toHaveCount(0);

  // Meetings over and not recorded yet: each one still scheduled.
  await filters.getByLabel("When").selectOption({ label: "Any time" });
  await filters.getByLabel("Status").selectOption({ label: "Not recorded yet" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/state=not_recorded/);
  // The demo's past meetings are all recorded, so none wait; any that did would still be scheduled.
  await expect(page.getByText("No meetings match.").or(table.getByRole("row").filter({ hasText: "Scheduled" }).first())).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Held" })).toHaveCount(0);

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSideScroll(page);
  await checkA11y(page, "the school's meetings at 390px");
});

test("a lead adds INSET days with meetings on them, moves one and lets the other go", async ({ page }) => {
  await signInAndWait(page, USERS.lead);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Term dates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Term dates" })).toBeVisible();
  const form = page.getByRole("region", { name: "Add a term or closure" });
  await form.getByLabel("Kind").selectOption("closure");
  await form.getByLabel("Name").fill("INSET days");
  await form.getByLabel("First day").fill(INSET_FIRST);
  await form.getByLabel("Last day").fill(INSET_LAST);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByText("INSET days has been added.")).toBeVisible();

  // The meetings on those days are shown to the lead at once.
  const closure = page.getByRole("region", { name: /^Meetings on closure days/ });
  await expect(closure.getByRole("heading", { name: /^Meetings on closure days \([23]\)$/ })).toBeVisible();
  await expect(closure.getByText(/^[23] meetings are still planned on a day the school is closed\./)).toBeVisible();
  await expect(closure.getByRole("row").filter({ hasText: "INSET days, 16 Jun 2027 to 23 Jun 2027" }).filter({ hasText: "Sarah Evans and James Patel" })).toHaveCount(2);
  await checkA11y(page, "meetings on a new closure");

  // Move the first Wednesday's meeting to the Tuesday before, the day before the closure.
  await closure.getByRole("link", { name: /^Wed 16 Jun 2027, 15:30–16:30$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Meeting on Wed 16 Jun 2027/ })).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "The school is closed that day (INSET days, 16 Jun 2027 to 23 Jun 2027)" })).toBeVisible();
  await expect(page.locator(".status", { hasText: "On a closure day" })).toBeVisible();
  await checkA11y(page, "a meeting on a closure day");
  const change = page.getByRole("region", { name: "Move or call off this meeting" });
  await change.getByLabel("Reason").fill("INSET day added");
  await change.getByLabel("Move it to a new time in the same week").check();
  await change.getByLabel("New date").fill("2027-06-15");
  await change.getByLabel("New start time").fill("15:30");
  await change.getByRole("button", { name: "Check" }).click();
  await expect(change.getByRole("heading", { name: "Ready to confirm" })).toBeFocused();
  await change.getByRole("button", { name: "Move the meeting" }).click();
  await expect(page.getByText(/moved/i).first()).toBeVisible();
  await expect(page.locator(".status", { hasText: "On a closure day" })).toHaveCount(0);

  // Let the rest go: cancelled as "School closed", counted against nobody.
  await page.goto("/term-dates");
  await expect(closure.getByRole("heading", { name: /^Meetings on closure days \([12]\)$/ })).toBeVisible();
  await expect(closure.getByRole("row").filter({ hasText: "Sarah Evans and James Patel" })).toHaveCount(1);
  await closure.getByRole("button", { name: /^Let (it|these \d+ meetings) go$/ }).click();
  const dialog = page.getByRole("dialog", { name: /^Let \d+ meetings? go\?$/ });
  await expect(dialog).toBeVisible();
  await checkA11y(page, "letting a closure's meetings go");
  await dialog.getByRole("button", { name: /^Let \d+ meetings? go$/ }).click();
  await expect(page.getByText(/^[12] meetings? let go: The school was closed that day, so it counts against nobody\.$/)).toBeVisible();
  await expect(page.getByRole("region", { name: /^Meetings on closure days/ })).toHaveCount(0);

  // The school's list shows it in those words.
  await page.goto("/mentoring/meetings?state=school_closed");
  const table = page.getByRole("table", { name: "Meetings of Hillcrest Academy" });
  const row = table.getByRole("row").filter({ hasText: "Sarah Evans and James Patel" }).filter({ hasText: "Wed 23 Jun 2027" });
  await expect(row.filter({ hasText: "School closed" })).toHaveCount(1);
  await row.getByRole("link").click();
  await expect(page.getByText("The school was closed that day, so it counts against nobody.")).toBeVisible();
  await checkA11y(page, "a meeting let go for a closure");
});
