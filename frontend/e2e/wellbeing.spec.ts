import { checkA11y, clockNow, expect, expectNoSideScroll, signInAndWait, tabTo, test, unique, USERS } from "./helpers";

// Wellbeing check-ins, the school's figures, supervision and the mentor network, on the demo
// data: James Patel (mentee) is mentored by Sarah Evans at Hillcrest, whose lead Tom Okafor is
// the school's wellbeing lead.

function nav(page: import("@playwright/test").Page, name: string) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });
}

test("a mentee checks in asking to talk; the mentor sees the request and not the note", async ({ page }) => {
  const note = unique("Private worry about marking");
  await signInAndWait(page, USERS.mentee);
  await nav(page, "Wellbeing").click();
  await expect(page.getByRole("heading", { level: 1, name: "Wellbeing" })).toBeVisible();
  const emergency = page.getByRole("region", { name: "A check-in is not an emergency channel" });
  await expect(emergency.getByText(/999/)).toBeVisible();
  await expect(emergency.getByText(/NHS 111/)).toBeVisible();
  await expect(emergency.getByText(/designated safeguarding lead/)).toBeVisible();
  await checkA11y(page, "wellbeing page, before checking in");

  // Checking in without scores says what is missing.
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByText("Choose how you are, from 1 to 5.")).toBeVisible();

  // By keyboard: the radio groups, the note and the talk box.
  const how = page.getByRole("group", { name: /^How are you\?/ });
  await tabTo(page, how.getByLabel("1, struggling"));
  await page.keyboard.press("ArrowDown");
  await expect(how.getByLabel("2, finding it hard")).toBeChecked();
  await page.getByRole("group", { name: /^How is your workload\?/ }).getByLabel("5, unmanageable").check();
  await page.getByLabel("Anything you want to add (optional)").fill(note);
  await page.getByLabel("I would like to talk").check();
  await page.getByRole("button", { name: "Check in" }).press("Enter");
  await expect(page.getByText("Thank you for checking in. We have let them know you would like to talk.")).toBeVisible();
  const history = page.getByRole("region", { name: "Your check-ins" });
  await expect(history.getByRole("img", { name: /^Your wellbeing and workload over time\./ })).toBeVisible();
  await expect(history.getByRole("cell", { name: `${note} (private)` })).toBeVisible();
  await checkA11y(page, "wellbeing page with a history");
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAndWait(page, USERS.mentor);
  await expect(page.getByRole("link", { name: /^James Patel would like to talk \(checked in on / }).first()).toBeVisible();
  await nav(page, "Wellbeing").click();
  const mentees = page.getByRole("region", { name: "Your mentees' check-ins" });
  const newest = mentees.getByRole("row").nth(1);
  await expect(newest.getByRole("cell", { name: "James Patel", exact: true })).toBeVisible();
  await expect(newest.getByRole("cell", { name: "Yes", exact: true })).toBeVisible();
  await expect(newest.getByRole("cell", { name: "Not shared with you" })).toBeVisible();
  await expect(newest.getByRole("cell", { name: "2, finding it hard" })).toBeVisible();
  await expect(page.getByText(note)).toHaveCount(0);
  await checkA11y(page, "the mentor's view of the mentees' check-ins");
  await newest.getByRole("link", { name: "James Patel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^James Patel's check-in on / })).toBeVisible();
  await expect(page.getByText("Not shared with you")).toBeVisible();
  await expect(page.getByText(note)).toHaveCount(0);
  await checkA11y(page, "a mentee's check-in as the mentor sees it");

  // From there to the mentee's pairing page, where the library suggests reading for their
  // open targets; the mentor opens one.
  await nav(page, "My week").click();
  await page.getByRole("link", { name: "Mentoring James Patel" }).first().click();
  const suggestions = page.getByRole("region", { name: "Suggested reading" });
  const first = suggestions.getByRole("listitem").first();
  await expect(first.getByText(/^Why: .+, for standard \d$/)).toBeVisible();
  const title = (await first.getByRole("link").innerText()).trim();
  await first.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeFocused();
  await checkA11y(page, "a resource suggested for the mentee's target");
});

test("the wellbeing page works at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndWait(page, USERS.mentee);
  await page.goto("/wellbeing");
  await expect(page.getByRole("region", { name: "Your check-ins" }).getByRole("img")).toBeVisible();
  await expectNoSideScroll(page);
  await checkA11y(page, "wellbeing at phone width");
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/wellbeing-check-in.png", fullPage: true });
});

test("the wellbeing lead sees the school's figures with small groups hidden", async ({ page }) => {
  await signInAndWait(page, USERS.lead);
  await nav(page, "Wellbeing").click();
  await page.getByRole("link", { name: "Your school's wellbeing figures" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wellbeing at Hillcrest Academy" })).toBeVisible();
  const mentees = page.getByRole("region", { name: "Mentees" });
  // The demo has one or two mentees checking in a week: every week is hidden.
  await expect(mentees.getByRole("cell", { name: "Fewer than 5: hidden" }).first()).toBeVisible();
  await expect(mentees.getByText(/Every week had fewer than 5 people/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Wellbeing leads" }).getByText("Tom Okafor")).toBeVisible();
  await checkA11y(page, "the school's wellbeing figures");
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/wellbeing-school.png", fullPage: true });
});

test("another school's lead and a trust admin see no check-ins", async ({ page }) => {
  await signInAndWait(page, USERS.admin);
  await expect(nav(page, "Wellbeing")).toHaveCount(0);
  await page.goto("/wellbeing");
  await expect(page.getByRole("heading", { level: 1, name: "Wellbeing" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInAndWait(page, USERS.leadRiverside);
  await page.goto("/wellbeing/school");
  await expect(page.getByText("These figures are for the school's wellbeing lead.")).toBeVisible();
  await checkA11y(page, "school wellbeing for a lead who is not its wellbeing lead");
});

test("a lead schedules supervision with a mentor and the mentor sees it", async ({ page }) => {
  await signInAndWait(page, USERS.lead);
  await nav(page, "Supervision").click();
  await expect(page.getByRole("heading", { level: 1, name: "Supervision" })).toBeVisible();
  const form = page.getByRole("form", { name: "Schedule supervision" });
  await form.getByLabel("Mentor").selectOption({ label: "Daniel Brooks" });
  const day = new Date(clockNow() + 60 * 86_400_000);
  while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
  await form.getByLabel("Date").fill(day.toISOString().slice(0, 10));
  await form.getByLabel("Start time").fill("07:15");
  await form.getByLabel("Where (optional)").fill("Library office");
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText(/^Scheduled\.$|This time clashes/)).toBeVisible();
  if (await page.getByText(/This time clashes/).isVisible()) {
    await form.getByLabel("Schedule it anyway").check();
    await form.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByText(/^Scheduled\.$/)).toBeVisible();
  }
  await checkA11y(page, "supervision schedule");
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/supervision.png", fullPage: true });
  // A held session from the demo, with its private note for the lead.
  await page.getByRole("row", { name: /Sarah Evans.*Held on/ }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Supervision with Sarah Evans" })).toBeVisible();
  await expect(page.getByText("Talked through workload and the next observation cycle.")).toBeVisible();
  await checkA11y(page, "a supervision session");
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAndWait(page, USERS.secondMentor);
  await nav(page, "Supervision").click();
  await expect(page.getByRole("cell", { name: "Library office" }).first()).toBeVisible();
  await expect(page.getByRole("form", { name: "Schedule supervision" })).toHaveCount(0);
});

test("a mentor records nothing but reads the trust's mentors in the network, without mentees", async ({ page }) => {
  await signInAndWait(page, USERS.mentor);
  await nav(page, "Network").click();
  await expect(page.getByRole("heading", { level: 1, name: "Mentor network" })).toBeVisible();
  const table = page.getByRole("table", { name: "Mentors across the trust" });
  await expect(table.getByRole("link", { name: "Daniel Brooks" })).toBeVisible();
  await expect(table.getByText("James Patel")).toHaveCount(0);
  await expect(table.getByText("Emily Clarke")).toHaveCount(0);
  await page.getByLabel("Hillcrest Academy").check();
  await expect(page.getByRole("table", { name: "Mentors at Hillcrest Academy" })).toBeVisible();
  await checkA11y(page, "mentor network");
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/network.png", fullPage: true });
  await page.getByRole("link", { name: /The targets set at Hillcrest Academy/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Targets board: Hillcrest Academy" })).toBeVisible();
});
