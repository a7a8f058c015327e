import type { Page } from "@playwright/test";
import { checkA11y, expect, newContext, signInAndWait, test, unique, USERS } from "./helpers";

// Daniel Brooks mentors Emily Clarke on Tuesdays at 12:30. Each test here changes different
// meetings of that pairing (or adds a Thursday slot), so they can run in any order.

async function openPairing(page: Page) {
  await page.goto("/my-week");
  await page.getByRole("link", { name: "Mentoring Emily Clarke" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mentoring Emily Clarke" })).toBeFocused();
}

test("a mentor marks one meeting as lost; it shows as lost on its page and in the lead's lost meetings", async ({ page, browser }) => {
  await signInAndWait(page, USERS.secondMentor);
  await openPairing(page);
  // The next Tuesday meeting.
  await page.getByRole("table", { name: "Upcoming meetings" }).getByRole("link", { name: /^Tue .*, 12:30–13:30$/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Meeting on Tue / })).toBeFocused();
  const when = (await page.getByRole("heading", { level: 1 }).innerText()).replace("Meeting on ", "");

  const reason = unique("Mentor on a school trip");
  const change = page.getByRole("region", { name: "Move or call off this meeting" });
  await change.getByLabel("Reason").fill(reason);
  await change.getByLabel("Call it off").check();
  await change.getByLabel("Only this meeting").check();
  await change.getByRole("button", { name: "Check" }).click();
  await expect(change.getByRole("heading", { name: "Ready to confirm" })).toBeFocused();
  await expect(change.getByRole("listitem")).toHaveCount(1);
  await expect(change.getByText(/12:30 will be called off$/)).toBeVisible();
  await checkA11y(page, "lost meeting checked");
  await change.getByRole("button", { name: "Call it off" }).click();

  await expect(page.getByText("1 meeting called off.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.locator(".status", { hasText: "Called off" })).toBeVisible();
  await expect(page.getByText(reason)).toBeVisible();
  await expect(page.getByRole("region", { name: "Move or call off this meeting" })).toHaveCount(0);
  await checkA11y(page, "meeting marked as lost");

  // The school lead sees it among the lost meetings, with its reason.
  const context = await newContext(browser);
  const lead = await context.newPage();
  await signInAndWait(lead, USERS.lead);
  await lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mentoring" }).click();
  await lead.getByRole("navigation", { name: "Mentoring" }).getByRole("link", { name: "Called off and moved" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Called off and moved meetings" })).toBeFocused();
  const row = lead.getByRole("region", { name: /^Called off meetings/ }).getByRole("row").filter({ hasText: reason });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link", { name: `${when}, 12:30–13:30` })).toBeVisible();
  await expect(row.getByText("Daniel Brooks and Emily Clarke")).toBeVisible();
  await context.close();
});

test("a mentor marks a meeting and every later one in the weekly slot as lost", async ({ page }) => {
  await signInAndWait(page, USERS.secondMentor);
  await openPairing(page);
  // The third coming Tuesday, so the next ones stay free for other tests.
  await page.getByRole("table", { name: "Upcoming meetings" }).getByRole("link", { name: /^Tue .*, 12:30–13:30$/ }).nth(2).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Meeting on Tue / })).toBeFocused();
  const meetingUrl = page.url();

  const change = page.getByRole("region", { name: "Move or call off this meeting" });
  await change.getByLabel("Reason").fill("Mentor seconded to another school for the rest of the year");
  await change.getByLabel("Call it off").check();
  await change.getByLabel("This meeting and every later one in the weekly slot").check();
  await change.getByRole("button", { name: "Check" }).click();
  await expect(change.getByRole("heading", { name: "Ready to confirm" })).toBeFocused();
  const planned = await change.getByRole("listitem").count();
  expect(planned).toBeGreaterThan(1);
  await expect(change.getByRole("listitem").filter({ hasText: /will be called off$/ })).toHaveCount(planned);
  await checkA11y(page, "several meetings checked");
  await change.getByRole("button", { name: `Call off ${planned} meetings` }).click();

  await expect(page.getByText(`${planned} meetings called off.`)).toBeVisible();
  await expect(page.locator(".status", { hasText: "Called off" })).toBeVisible();

  // The pairing's coming meetings from that week on are lost too.
  await page.getByRole("link", { name: "Back to the pairing" }).click();
  const upcoming = page.getByRole("table", { name: "Upcoming meetings" });
  await expect(upcoming.getByRole("row").filter({ hasText: "Called off" }).first()).toBeVisible();
  expect(await upcoming.getByRole("row").filter({ hasText: "Called off" }).count()).toBeGreaterThan(1);
  await page.goto(meetingUrl);
  await expect(page.getByText("This meeting did not happen, so it has no record.")).toBeVisible();
});

test("a slot that was free at the check but booked before saving shows the clashes", async ({ page, browser }) => {
  await signInAndWait(page, USERS.secondMentor);
  await openPairing(page);
  await page.getByRole("link", { name: "Schedule a weekly slot" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schedule a weekly slot" })).toBeFocused();
  const slotUrl = page.url();

  async function fillThursday(tab: Page) {
    await tab.getByLabel("Day of the week").selectOption({ label: "Thursday" });
    await tab.getByLabel("Start time").fill("08:00");
    await tab.getByLabel("Length in minutes").fill("60");
    await tab.getByLabel("Where").fill("Library");
    // The pair meets on Tuesdays already: a second weekly slot is asked for on purpose.
    await tab.getByLabel("Add this as a second weekly slot, on purpose").check();
  }
  await fillThursday(page);
  await page.getByRole("button", { name: "Check for clashes" }).click();
  await expect(page.getByRole("heading", { name: "No clashes" })).toBeFocused();

  // Meanwhile the same time is booked from another session.
  const context = await newContext(browser);
  const other = await context.newPage();
  await signInAndWait(other, USERS.secondMentor);
  await other.goto(slotUrl);
  await expect(other.getByRole("heading", { level: 1, name: "Schedule a weekly slot" })).toBeVisible();
  await fillThursday(other);
  await other.getByLabel("First date").fill(await page.getByLabel("First date").inputValue());
  await other.getByRole("button", { name: "Check for clashes" }).click();
  await expect(other.getByRole("heading", { name: "No clashes" })).toBeVisible();
  await other.getByRole("button", { name: "Save weekly slot" }).click();
  await expect(other.getByText(/Weekly slot saved: Thursdays at 08:00/)).toBeVisible();
  await context.close();

  // Saving the checked slot now meets the clash: it is explained and nothing is saved.
  await page.getByRole("button", { name: "Save weekly slot" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeFocused();
  const result = page.getByRole("region", { name: /week(s)? clash$/ });
  await expect(result).toBeVisible();
  await expect(result.getByText(/Thursdays? clash(es)? with your existing weekly slot \(Thursdays at 08:00\)/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Save weekly slot" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: "Schedule a weekly slot" })).toBeVisible();
  await checkA11y(page, "slot clash found on saving");
});
