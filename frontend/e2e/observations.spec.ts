import { mkdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { checkA11y, expect, expectNoSideScroll, newContext, schoolToday, signInAndWait, test, unique, USERS } from "./helpers";

// Tom Okafor (lead) schedules Aisha Rahman (SENCO) to observe James Patel, whom Sarah Evans
// mentors. The lesson was yesterday before school, so it can be written up at once and clashes
// with nothing in the demo.
const SHOTS = "/tmp/shots-obs";
mkdirSync(SHOTS, { recursive: true });
const PHONE = { width: 390, height: 844 };

function yesterdayAtSchool(): string {
  const [y, m, d] = schoolToday().split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

async function as(browser: Browser, email: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await newContext(browser, { viewport });
  const page = await context.newPage();
  await signInAndWait(page, email);
  return page;
}

test("a lead schedules a SENCO's observation, the SENCO records it on a phone, the mentor shares it, the mentee reflects, and its target is on the board", async ({ page, browser }) => {
  test.setTimeout(150_000); // five people in turn, and a meeting record on the way
  const subject = unique("Chemistry");
  const strengths = "Calm entry routine; every pupil started the retrieval quiz within two minutes.";
  const target = unique("Check understanding with mini whiteboards before independent work");

  // 1. The lead schedules it.
  await signInAndWait(page, USERS.lead);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Observations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observations" })).toBeFocused();
  await page.getByRole("link", { name: "Schedule an observation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schedule an observation" })).toBeFocused();
  await checkA11y(page, "scheduling form");
  await page.getByRole("button", { name: "Schedule the observation" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Choose whose lesson is observed" })).toBeVisible();
  await page.getByLabel("Mentee").selectOption({ label: "James Patel (mentor: Sarah Evans)" });
  await page.getByLabel("Observer", { exact: true }).selectOption({ label: "Aisha Rahman" });
  await page.getByLabel("Observer's role").selectOption({ label: "SENCO" });
  await page.getByLabel("Kind").selectOption({ label: "Formal" });
  await page.getByLabel("Date").fill(yesterdayAtSchool());
  await page.getByLabel("Starts").fill("07:15");
  await page.getByLabel("Ends").fill("07:45");
  await page.getByLabel("Class or group").fill("9C2");
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Year group").fill("Year 9");
  // It was yesterday: the lead says why an observation that has already happened is added.
  await page.getByRole("button", { name: "Schedule the observation" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: /Say why an observation that has already happened/ })).toBeVisible();
  await checkA11y(page, "back-filling without a reason");
  await page.getByLabel("Why is an observation that has already happened being added?").fill("Arranged on paper before school; written up now");
  await page.screenshot({ path: `${SHOTS}/schedule-desktop.png`, fullPage: true });
  await page.getByRole("button", { name: "Schedule the observation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observation of James Patel" })).toBeFocused();
  await expect(page.getByText("Aisha Rahman (SENCO)")).toBeVisible();
  const url = new URL(page.url()).pathname;
  await checkA11y(page, "scheduled observation");

  // 2. The SENCO writes it up on a phone: the standards are toggles; what is typed survives a reload.
  const senco = await as(browser, USERS.observer, PHONE);
  await senco.getByRole("button", { name: "Menu" }).click();
  await senco.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Observations" }).click();
  await senco.getByRole("row").filter({ hasText: subject }).getByRole("link").click();
  await expect(senco.getByRole("heading", { level: 1, name: "Observation of James Patel" })).toBeFocused();
  const form = senco.getByRole("region", { name: "Write the record" });
  const ts5 = form.getByRole("button", { name: /TS5 Adapt teaching/ });
  await expect(ts5).toHaveAttribute("aria-pressed", "false");
  await ts5.click();
  await form.getByRole("button", { name: /TS7 Manage behaviour/ }).click();
  await expect(ts5).toHaveAttribute("aria-pressed", "true");
  const box = await ts5.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  await form.getByLabel("Strengths").fill(strengths);
  await senco.reload();
  const restored = senco.getByRole("region", { name: "Write the record" });
  await expect(restored.getByText(/Restored what you wrote on this device/)).toBeVisible();
  await expect(restored.getByLabel("Strengths")).toHaveValue(strengths);
  await expect(restored.getByRole("button", { name: /TS5 Adapt teaching/ })).toHaveAttribute("aria-pressed", "true");
  await restored.getByLabel("Points to develop").fill("Check understanding before moving on to independent work.");
  await restored.getByLabel("I have given the mentee feedback").check();
  await expectNoSideScroll(senco);
  await checkA11y(senco, "observation record form at phone width");
  await senco.screenshot({ path: `${SHOTS}/record-phone.png`, fullPage: true });
  await restored.getByRole("button", { name: "Save the record" }).click();
  await expect(senco.getByText("The record has been saved.")).toBeVisible();
  await expect(senco.getByRole("region", { name: "The record" }).getByText("TS5 Adapt teaching; TS7 Manage behaviour")).toBeVisible();
  expect(await senco.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("mentorhub.observation-draft.")))).toEqual([]);
  await senco.screenshot({ path: `${SHOTS}/recorded-phone.png`, fullPage: true });
  await senco.context().close();

  // 3. The mentor shares it and sets a target from it.
  const mentor = await as(browser, USERS.mentor);
  await mentor.goto(url);
  await expect(mentor.getByRole("heading", { level: 1, name: "Observation of James Patel" })).toBeFocused();
  await expect(mentor.getByText(strengths)).toBeVisible();
  await mentor.getByRole("button", { name: "Share with James Patel" }).click();
  await expect(mentor.getByText("Shared with the mentee.")).toBeVisible();
  const targetForm = mentor.getByRole("region", { name: "Set a target" });
  await expect(targetForm.getByRole("button", { name: /TS5 Adapt teaching/ })).toHaveAttribute("aria-pressed", "true");
  await targetForm.getByLabel("Target", { exact: true }).fill(target);
  await targetForm.getByRole("button", { name: "Set the target" }).click();
  await expect(mentor.getByText("Target set. It is on the targets board.")).toBeVisible();
  await checkA11y(mentor, "shared observation with a target");

  // The mentor reviews the new target at an earlier meeting's record, by choosing it (not typing it).
  await mentor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My week" }).click();
  await mentor.getByRole("link", { name: "Mentoring James Patel" }).click();
  await mentor.getByRole("table", { name: "Earlier meetings, newest first" }).getByRole("link").nth(1).click();
  await expect(mentor.getByRole("heading", { level: 1, name: /^Meeting on / })).toBeFocused();
  await mentor.getByRole("button", { name: "Change the record" }).click();
  const record = mentor.getByRole("form", { name: "Change the record" });
  const reviews = record.getByRole("group", { name: "Targets reviewed" });
  await reviews.getByRole("checkbox", { name: new RegExp(target) }).check();
  await reviews.getByLabel("Progress and next steps").last().fill("Whiteboards in two lessons so far; keep going.");
  await checkA11y(mentor, "record form reviewing a target");
  await record.getByRole("button", { name: "Save the record" }).click();
  await expect(mentor.getByText("The record has been saved.")).toBeVisible();
  await expect(mentor.getByRole("region", { name: "Record" }).getByText(target)).toBeVisible();
  await expect(mentor.getByText("Whiteboards in two lessons so far; keep going.", { exact: false })).toBeVisible();

  // 4. The mentee reads it in their history and reflects.
  const mentee = await as(browser, USERS.mentee, PHONE);
  await mentee.goto("/observations");
  const history = mentee.getByRole("region", { name: "Your observations" });
  const item = history.getByRole("listitem").filter({ hasText: subject });
  await expect(item.getByText(strengths)).toBeVisible();
  await item.getByRole("link", { name: "Add your reflection" }).click();
  await expect(mentee.getByRole("heading", { level: 1, name: "Observation of James Patel" })).toBeFocused();
  const reflection = mentee.getByRole("region", { name: "Your reflection" });
  await reflection.getByRole("button", { name: "Save your reflection" }).click();
  await expect(reflection.getByText("Write your reflection").first()).toBeVisible();
  await reflection.getByLabel(/What you take from it/).fill("I will plan two hinge questions for every lesson this week.");
  await reflection.getByRole("button", { name: "Save your reflection" }).click();
  await expect(mentee.getByText("Your reflection has been saved.")).toBeVisible();
  await checkA11y(mentee, "mentee's reflection at phone width");
  await mentee.goto("/observations");
  await expect(mentee.getByRole("region", { name: "Your observations" }).getByText("I will plan two hinge questions")).toBeVisible();
  await expectNoSideScroll(mentee);
  await mentee.screenshot({ path: `${SHOTS}/history-phone.png` });
  await mentee.context().close();

  // 5. Another mentor of the school finds the target on the board, without names.
  const other = await as(browser, USERS.secondMentor);
  await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Targets" }).click();
  await expect(other.getByRole("heading", { level: 1, name: "Targets" })).toBeFocused();
  const board = other.getByRole("region", { name: /^Targets board/ });
  await expect(board.getByRole("row").filter({ hasText: target })).toHaveCount(1);
  await expect(board.getByText("James Patel")).toHaveCount(0);
  await checkA11y(other, "targets board");
  await other.screenshot({ path: `${SHOTS}/board-desktop.png`, fullPage: true });
  await other.setViewportSize(PHONE);
  await expectNoSideScroll(other);
  await other.screenshot({ path: `${SHOTS}/board-phone.png`, fullPage: true });
  await other.context().close();
  await mentor.context().close();
});
