import { checkA11y, expect, expectNoSideScroll, signInAndWait, test, unique, USERS } from "./helpers";

// Daniel Brooks mentors Emily Clarke on Tuesdays at 12:30. This file adds a second weekly slot
// for them on Tuesday afternoons (other files use their Tuesday lunchtimes and Thursday
// mornings), changes it from a date and ends it, leaving their Tuesday slot as it was.
test.describe.configure({ mode: "serial" });

test("the clash check summarises, a free time is proposed and saved, then changed from a date and ended", async ({ page }) => {
  test.slow(); // several screens, each checked with axe
  await signInAndWait(page, USERS.secondMentor);
  await page.goto("/my-week");
  await page.getByRole("link", { name: "Mentoring Emily Clarke" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mentoring Emily Clarke" })).toBeFocused();
  const pairingUrl = page.url();
  await page.getByRole("link", { name: "Schedule a weekly slot" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schedule a weekly slot" })).toBeFocused();

  // A free time is proposed, not the time the pair already meets.
  // Other files change this pair's meetings too, so the proposal is read, not assumed.
  const proposal = page.getByText(/^Proposed: (Monday|Tuesday|Wednesday|Thursday|Friday)s at \d\d:\d\d$/);
  await expect(proposal).toBeVisible();
  const [, day, at] = /^Proposed: (\w+)s at (\d\d:\d\d)$/.exec(await proposal.innerText()) ?? [];
  await expect(page.getByLabel("Start time")).toHaveValue(at);
  expect(`${day} ${at}`).not.toBe("Tuesday 12:30");
  // Another browser test may have added a second slot to this pair already.
  await expect(page.getByText(/already has (a weekly slot|weekly slots): .*Tuesdays at 12:30 in Science prep room/)).toBeVisible();

  // Asking for the agreed time anyway: the clashes are counted, the dates only on demand.
  await page.getByLabel("Day of the week").selectOption({ label: "Tuesday" });
  await page.getByLabel("Start time").fill("12:30");
  await page.getByLabel("Add this as a second weekly slot, on purpose").check();
  await page.getByRole("button", { name: "Check for clashes" }).click();
  const result = page.getByRole("region", { name: /weeks? clash(es)?$/ });
  await expect(result.getByRole("heading")).toBeFocused();
  const summary = result.getByText(/^\d+ Tuesdays? clash(es)? with your existing weekly slot \(Tuesdays at 12:30\)$/);
  await expect(summary).toBeVisible();
  const weeks = Number((await summary.innerText()).split(" ")[0]);
  expect(weeks).toBeGreaterThan(0);
  const dates = result.getByText(`Show the ${weeks} date${weeks === 1 ? "" : "s"}`);
  await expect(dates).toBeVisible();
  await expect(result.getByText(/^Tue .* at 12:30: your existing weekly slot/).first()).toBeHidden();
  await checkA11y(page, "clash summary");

  // On a phone the result stays short.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSideScroll(page);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(2500);

  // The dates, on demand, each saying what it clashes with.
  await dates.click();
  await expect(result.getByText(/^Tue .* at 12:30: your existing weekly slot \(Tuesdays at 12:30\)$/)).toHaveCount(weeks);
  await checkA11y(page, "clash dates shown");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Back to the proposed time: free, and saved.
  await result.getByRole("button", { name: `Use the proposed time: ${day}s at ${at}` }).click();
  await expect(page.getByLabel("Start time")).toHaveValue(at);
  await page.getByLabel("Where").fill("Library");
  await page.getByRole("button", { name: "Check for clashes" }).click();
  await expect(page.getByRole("heading", { name: "No clashes" })).toBeFocused();
  await page.getByRole("button", { name: "Save weekly slot" }).click();
  await expect(page.getByText(`Weekly slot saved: ${day}s at ${at}`, { exact: false })).toBeVisible();
  const slots = page.getByRole("table", { name: "Protected weekly slots" });
  await expect(slots.getByRole("row").filter({ hasText: `${day}s, ${at}` })).toHaveCount(1);
  await checkA11y(page, "pairing with two slots");

  // Changed from a date: a new room and time for the later meetings.
  await slots.getByRole("link", { name: `Change from a date: ${day}s at ${at}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change a weekly slot from a date" })).toBeFocused();
  const reason = unique("New timetable");
  await page.getByLabel("Length in minutes").fill("30");
  await page.getByLabel("Where").fill("Room 5");
  await page.getByLabel("Why it changes").fill(reason);
  await page.getByRole("button", { name: "Check the change" }).click();
  await expect(page.getByRole("heading", { name: "What will change" })).toBeFocused();
  await expect(page.getByText(new RegExp(`the slot meets ${day}s at ${at} in Room 5 for 30 minutes: \\d+ scheduled meetings? follows?`))).toBeVisible();
  await checkA11y(page, "slot change checked");
  await page.getByRole("button", { name: "Save the change" }).click();
  await expect(page.getByText(/^Weekly slot changed\./)).toBeVisible();
  await expect(page).toHaveURL(pairingUrl);
  await expect(slots.getByRole("row").filter({ hasText: "Room 5" })).toHaveCount(1);

  // Ended: its later meetings are called off.
  await slots.getByRole("link", { name: `End the slot on ${day}s at ${at}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "End a weekly slot" })).toBeFocused();
  await expect(page.getByText(`Now: ${day}s at ${at} for 30 minutes in Room 5`, { exact: false })).toBeVisible();
  await page.getByLabel("Why it ends").fill("Back to one meeting a week");
  await page.getByRole("button", { name: "Check what ends" }).click();
  await expect(page.getByRole("heading", { name: "What will end" })).toBeFocused();
  await expect(page.getByText(/later scheduled meetings? called off/)).toBeVisible();
  await checkA11y(page, "slot end checked");
  await page.getByRole("button", { name: "End the slot" }).click();
  await expect(page.getByText(/^Weekly slot ended\./)).toBeVisible();
  await checkA11y(page, "pairing after ending a slot");
});

test("on a phone, the clash check with the pair's own weekly slot stays a few lines long", async ({ page }) => {
  // Only checks (a dry run): Sarah Evans and James Patel's meetings stay as they are.
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndWait(page, USERS.mentor);
  await page.goto("/my-week");
  await page.getByRole("link", { name: "Mentoring James Patel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mentoring James Patel" })).toBeFocused();
  await page.getByRole("link", { name: "Schedule a weekly slot" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schedule a weekly slot" })).toBeFocused();
  await page.getByLabel("Day of the week").selectOption({ label: "Wednesday" });
  await page.getByLabel("Start time").fill("15:30");
  await page.getByLabel("Add this as a second weekly slot, on purpose").check();
  await page.getByRole("button", { name: "Check for clashes" }).click();
  const result = page.getByRole("region", { name: /weeks? clash(es)?$/ });
  await expect(result.getByRole("heading")).toBeFocused();
  await expect(result.getByText(/^\d+ Wednesdays? clash(es)? with your existing weekly slot \(Wednesdays at 15:30\)$/)).toBeVisible();
  await expectNoSideScroll(page);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(2500);
  await checkA11y(page, "clash check on a phone");
  await page.locator("h2#check-heading").blur();
  await page.screenshot({ path: "../docs/screenshots/clash-check.png", fullPage: true });
});
