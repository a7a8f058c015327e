import type { Browser, Page } from "@playwright/test";
import { checkA11y, clockNow, expect, expectAtMostScreens, expectNoSideScroll, newContext, signInAndWait, test, unique, USERS } from "./helpers";

// The demo trust has approved mentor, ECT and ITT policies that Hillcrest adopted at the start of
// the year. Here the trust drafts a new mentor version, the board approves it, Hillcrest adopts
// it, and Daniel Brooks records that his two latest meetings with Emily Clarke did not take place.

const SHOTS = "../docs/screenshots";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

function today(): string {
  return new Date(clockNow()).toISOString().slice(0, 10);
}

async function as(browser: Browser, email: string): Promise<Page> {
  const context = await newContext(browser, { viewport: DESKTOP });
  const page = await context.newPage();
  await signInAndWait(page, email);
  return page;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/entitlements-${name}.png`, fullPage: true });
}

/** The mentor records a past meeting as not having taken place. */
async function loseEarlierMeeting(page: Page, nth: number) {
  await page.goto("/my-week");
  await page.getByRole("link", { name: "Mentoring Emily Clarke" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mentoring Emily Clarke" })).toBeFocused();
  await page.getByRole("table", { name: "Earlier meetings, newest first" }).getByRole("link", { name: /^Tue .*, 12:30–13:30$/ }).nth(nth).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Meeting on Tue / })).toBeFocused();
  const change = page.getByRole("button", { name: "Change the record" });
  if (await change.isVisible()) await change.click();
  await page.getByRole("radio", { name: /^No: did not take place/ }).check();
  await page.getByRole("button", { name: "Save the record" }).click();
  await expect(page.getByText("The record has been saved.")).toBeVisible();
}

test("a policy is drafted, approved and adopted; two lost meetings put a mentor at risk and the lead is told", async ({ page, browser }) => {
  test.setTimeout(150_000); // three people in turn, each page checked with axe
  await page.setViewportSize(DESKTOP);
  // The trust admin drafts a new mentor version from the starter template.
  await signInAndWait(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Entitlements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Entitlements" })).toBeFocused();
  const grid = page.getByRole("table", { name: "Compliance by school and item category" });
  await expect(grid.getByRole("link", { name: "Hillcrest Academy" })).toBeVisible();
  await checkA11y(page, "trust compliance");
  await shot(page, "trust");

  await page.getByRole("link", { name: "Policies and their approval" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Entitlement policies" })).toBeFocused();
  const name = unique("Mentor entitlement");
  const form = page.getByRole("form", { name: "Start a policy" });
  await form.getByLabel("For").selectOption("mentor");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Start from").selectOption({ index: 1 });
  await form.getByLabel("Takes effect from (optional)").fill(today());
  await checkA11y(page, "policies");
  await form.getByRole("button", { name: "Start the draft" }).click();

  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^${name}, version \\d+$`) })).toBeVisible();
  await expect(page.getByText("Draft started.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  // Edit an item, save, submit.
  await page.getByRole("group", { name: /Protected weekly meeting$/ }).getByLabel("Promise").fill("A protected hour with your mentee every week, in the timetable.");
  await page.getByRole("button", { name: "Save the draft" }).click();
  await expect(page.getByText("The draft is saved.")).toBeVisible();
  await checkA11y(page, "policy draft");
  await shot(page, "policy-draft");
  await page.getByRole("button", { name: "Submit to the board" }).click();
  await expect(page.getByText("Submitted to the headteachers' board.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save the draft" })).toHaveCount(0);

  // The board approves it, recorded by the trust admin with its note.
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Write the board's note")).toBeVisible();
  await page.getByLabel("Board's note").fill("Approved at the headteachers' board meeting.");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved: schools can adopt this version.")).toBeVisible();
  await expect(page.getByText(/“Approved at the headteachers' board meeting\.”/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Retire this version" })).toBeVisible();
  await checkA11y(page, "policy approved");
  await shot(page, "policy-approved");
  const policyUrl = page.url();

  // Hillcrest's lead adopts it from today; the lead cannot approve or retire.
  const lead = await as(browser, USERS.lead);
  await lead.goto(policyUrl);
  await expect(lead.getByRole("heading", { level: 1, name: new RegExp(`^${name}`) })).toBeFocused();
  await expect(lead.getByRole("button", { name: "Retire this version" })).toHaveCount(0);
  await lead.getByLabel("Hillcrest Academy adopts it from").fill(today());
  await lead.getByRole("button", { name: "Adopt this version" }).click();
  await expect(lead.getByText(/^Hillcrest Academy follows this version from /)).toBeVisible();
  await checkA11y(lead, "policy adopted");
  await lead.reload();
  await expect(lead.getByRole("heading", { level: 1, name: new RegExp(`^${name}`) })).toBeVisible();
  await expect(lead.getByRole("heading", { name: "Adopt for a school" })).toHaveCount(0);

  // Daniel Brooks's two latest meetings with Emily Clarke did not take place.
  const mentor = await as(browser, USERS.secondMentor);
  await loseEarlierMeeting(mentor, 0);
  await loseEarlierMeeting(mentor, 1);

  // The school's compliance shows him at risk, with the weeks that fell short.
  await lead.goto("/");
  await lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Entitlements" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Entitlements" })).toBeFocused();
  await lead.getByRole("link", { name: "Hillcrest Academy" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Entitlements at Hillcrest Academy" })).toBeFocused();
  const row = lead.getByRole("table", { name: "People and their overall status" }).getByRole("row").filter({ hasText: "Daniel Brooks" });
  await expect(row.getByText("At risk")).toBeVisible();
  await checkA11y(lead, "school compliance");
  await shot(lead, "school");
  await row.getByRole("link", { name: "Daniel Brooks" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Daniel Brooks's entitlement" })).toBeFocused();
  // Hillcrest adopted the new version from today, a Wednesday: a week follows the version in
  // force on its first day, so this week is still the old version's, shown open, and the new
  // version's items are folded below it as later.
  await expect(lead.getByText(/^Version \d+, .* to .*:$/).first()).toBeVisible();
  const later = lead.locator("summary", { hasText: /^Later: Version \d+, / }).first();
  await later.click();
  await expect(lead.getByRole("table", { name: /items as mentor, Version \d+, / }).first()).toBeVisible();
  // The short weeks are folded item by item; opening one shows its weeks.
  const fold = lead.locator("summary", { hasText: /: \d+ weeks? short$/ }).first();
  await fold.click();
  await expect(lead.getByRole("table", { name: /: weeks that fell short, and why$/ }).first().getByRole("row")).not.toHaveCount(0);
  await checkA11y(lead, "person compliance");
  await shot(lead, "person");

  // The lead's home says so: an early warning among the to-dos.
  await lead.getByRole("link", { name: "Home", exact: true }).click();
  await expect(lead.getByText(/Emily Clarke's protected meetings with Daniel Brooks were lost \d+ times since .*: their entitlement is at risk\./)).toBeVisible();
  await checkA11y(lead, "lead home with the early warning");
  await shot(lead, "lead-home");
  await lead.context().close();
  await mentor.context().close();
});

test("a mentor's and a mentee's own entitlement, and the lead's views, at desktop and phone width", async ({ browser }) => {
  test.setTimeout(120_000);
  for (const [who, path, heading] of [
    [USERS.mentor, "/my-entitlement", "My entitlement"],
    [USERS.mentee, "/my-entitlement", "My entitlement"],
    [USERS.lead, "/entitlements", "Entitlements"],
  ] as const) {
    const page = await as(browser, who);
    if (path === "/my-entitlement") {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My entitlement" }).click();
    } else {
      await page.goto(path);
    }
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeFocused();
    await expect(page.getByText(/From .* to .*, as things stood on/).first()).toBeVisible();
    const label = who === USERS.mentor ? "mentor" : who === USERS.mentee ? "mentee" : "lead";
    await checkA11y(page, `${label} ${heading} at 1280`);
    if (label !== "lead") {
      await expect(page.getByRole("img").first()).toBeVisible();
      await page.getByText("The same numbers as a table").first().click();
      await shot(page, `${label}-1280`);
    }
    await page.setViewportSize(PHONE);
    if (label !== "lead") {
      // Fresh at phone width, every fold closed: at most three phone screens.
      await page.reload();
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByText(/From .* to .*, as things stood on/).first()).toBeVisible();
      await page.locator("h1").blur();
      const height = await expectAtMostScreens(page, 3, `${label}'s entitlement at 390 px`);
      console.log(`${label}'s entitlement at 390 px: ${height} px`);
    }
    await expectNoSideScroll(page);
    await checkA11y(page, `${label} ${heading} at 390`);
    await shot(page, `${label}-390`);
    if (label === "mentor") {
      const fold = page.locator("summary", { hasText: /: \d+ weeks? short$/ }).first();
      await expect(fold).toBeVisible();
      await fold.focus();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("table", { name: /: weeks that fell short, and why$/ }).first()).toBeVisible();
      await expectNoSideScroll(page);
      await checkA11y(page, "mentor's short weeks opened at 390");
    }
    if (label === "lead") {
      await page.getByRole("link", { name: "Hillcrest Academy" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Entitlements at Hillcrest Academy" })).toBeFocused();
      await expectNoSideScroll(page);
      await checkA11y(page, "school compliance at 390");
      await shot(page, "school-390");
      await page.getByRole("link", { name: "Policies" }).first().isVisible();
      await page.goto("/entitlements/policies");
      await expect(page.getByRole("heading", { level: 1, name: "Entitlement policies" })).toBeFocused();
      await expect(page.getByRole("form", { name: "Start a policy" })).toHaveCount(0);
      await expectNoSideScroll(page);
      await checkA11y(page, "policies at 390");
    }
    await page.context().close();
  }
});

test("a lead chooses the dates, downloads them as CSV, sees the school's adoptions and records a provision", async ({ browser }) => {
  test.setTimeout(120_000);
  const lead = await as(browser, USERS.lead);
  await lead.goto("/entitlements");
  await expect(lead.getByRole("heading", { level: 1, name: "Entitlements" })).toBeFocused();
  // The range defaults to this school year.
  await expect(lead.getByLabel("From", { exact: true })).toHaveValue(/^\d{4}-09-01$/);
  const from = await lead.getByLabel("From", { exact: true }).inputValue();
  await lead.getByRole("link", { name: "Hillcrest Academy" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Entitlements at Hillcrest Academy" })).toBeFocused();

  // A range the wrong way round is refused next to its field, before anything is asked.
  await lead.getByText("Change the dates").click();
  const dates = lead.getByRole("form", { name: "Change the dates" });
  await dates.getByLabel("To", { exact: true }).fill(`${Number(from.slice(0, 4)) - 1}-12-31`);
  await dates.getByRole("button", { name: "Show these dates" }).click();
  await expect(lead.getByRole("alert").filter({ hasText: "The last day comes on or after the first day." })).toBeFocused();
  await expect(dates.getByText("The last day comes on or after the first day.")).toBeVisible();
  await expect(dates.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await checkA11y(lead, "school compliance with a bad range");

  // The autumn half term: in the address, so it can be shared, and the CSV is the same range.
  const to = `${from.slice(0, 4)}-10-23`;
  await dates.getByLabel("To", { exact: true }).fill(to);
  await dates.getByRole("button", { name: "Show these dates" }).click();
  await expect(lead).toHaveURL(new RegExp(`[?&]from=${from}&to=${to}`));
  await expect(lead.getByText(/^From .* to 23 Oct/).first()).toBeVisible();
  await lead.reload();
  await expect(lead.getByLabel("To", { exact: true })).toHaveValue(to);
  const download = lead.waitForEvent("download");
  await lead.getByRole("button", { name: "Download the rows as CSV" }).click();
  expect((await download).suggestedFilename()).toBe(`entitlement-compliance-${from}-to-${to}.csv`);
  // The range follows the person's link.
  await lead.getByRole("table", { name: "People and their overall status" }).getByRole("link").first().click();
  await expect(lead).toHaveURL(new RegExp(`/entitlements/people/.*[?&]from=${from}&to=${to}`));
  await expect(lead.getByLabel("To", { exact: true })).toHaveValue(to);
  await lead.goBack();

  // The adoptions: which version, from when, until when, who adopted it.
  const adoptions = lead.getByRole("table", { name: "Policy versions the school adopted, newest first" });
  await expect(adoptions.getByRole("row").filter({ hasText: "Mentors" }).first()).toBeVisible();
  await expect(adoptions.getByRole("columnheader", { name: "Adopted by" })).toBeVisible();
  await checkA11y(lead, "school compliance with a range and the adoptions");
  await lead.locator("h1").blur();
  await shot(lead, "school-range");
  await lead.setViewportSize(PHONE);
  await expectNoSideScroll(lead);
  await checkA11y(lead, "school compliance with the adoptions at 390");
  await shot(lead, "school-range-390");
  await lead.setViewportSize(DESKTOP);
  // A version the school follows already offers no adopt form.
  await adoptions.getByRole("link").first().click();
  await expect(lead.getByRole("heading", { level: 1, name: /, version \d+$/ })).toBeFocused();
  await expect(lead.getByRole("heading", { name: "Adopt for a school" })).toHaveCount(0);
  await lead.goBack();

  // Provisions: what is wrong is said next to each field, the API's answer too.
  await lead.getByRole("link", { name: "Provisions recorded" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Provisions at Hillcrest Academy" })).toBeFocused();
  const form = lead.getByRole("form", { name: "Record a provision" });
  await form.getByRole("button", { name: "Record the provision" }).click();
  await expect(lead.getByRole("alert").filter({ hasText: "Choose the person" })).toBeFocused();
  await expect(form.getByText("Choose the person")).toBeVisible();
  await expect(form.getByText("Enter the reduction as a per cent")).toBeVisible();
  await checkA11y(lead, "provisions with errors");
  await form.getByLabel("Person").selectOption({ label: "Daniel Brooks" });
  await form.getByLabel("Provision").selectOption("tlr_payment");
  await form.getByLabel("TLR, pounds a year").fill("250000");
  await form.getByLabel("From").fill(today());
  await form.getByLabel("Evidence").fill("Letter from the head, 1 September");
  await form.getByRole("button", { name: "Record the provision" }).click();
  await expect(form.getByLabel("TLR, pounds a year")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText(/less than or equal to 100000/)).toBeVisible();
  await form.getByLabel("TLR, pounds a year").fill("2873");
  await form.getByRole("button", { name: "Record the provision" }).click();
  await expect(lead.getByText(/^Recorded for Daniel Brooks: TLR payment, from /)).toBeVisible();
  const recorded = lead.getByRole("table", { name: "Provisions recorded, newest first" });
  await expect(recorded.getByRole("row").filter({ hasText: "Daniel Brooks" }).filter({ hasText: "£2,873 a year" }).first()).toBeVisible();
  // A device has no amount to give.
  await form.getByLabel("Person").selectOption({ label: "Daniel Brooks" });
  await form.getByLabel("Provision").selectOption("device");
  await expect(form.getByRole("spinbutton")).toHaveCount(0);
  await form.getByLabel("From").fill(today());
  await form.getByLabel("Evidence").fill("Laptop asset tag HC-0412");
  await form.getByRole("button", { name: "Record the provision" }).click();
  await expect(recorded.getByRole("row").filter({ hasText: "Laptop asset tag HC-0412" }).getByRole("cell", { name: "Issued", exact: true })).toBeVisible();
  await checkA11y(lead, "provisions recorded");
  await lead.locator("h1").blur();
  await shot(lead, "provisions");
  await lead.setViewportSize(PHONE);
  await expectNoSideScroll(lead);
  await checkA11y(lead, "provisions at 390");
  await shot(lead, "provisions-390");
  await lead.context().close();
});
