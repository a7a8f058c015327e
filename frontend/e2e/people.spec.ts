import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { checkA11y, expect, expectNoSideScroll, newContext, signInAndWait, test, USERS } from "./helpers";

const SHOTS = "/tmp/shots-people";

async function phoneShot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await expectNoSideScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
}

/** Opens a set-up link in a browser of its own (nobody signed in), chooses a password and lands signed in. */
async function setUpAccount(browser: Browser, link: string, name: string, shot?: string): Promise<void> {
  const context = await newContext(browser);
  const them = await context.newPage();
  await them.goto(link);
  await expect(them.getByRole("heading", { level: 1, name: `Welcome, ${name}` })).toBeVisible();
  await checkA11y(them, "set up your account");
  await them.getByLabel("New password", { exact: true }).fill("short");
  await them.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(them.getByRole("alert").filter({ hasText: "There is a problem" })).toBeFocused();
  await checkA11y(them, "set up your account with a problem");
  await them.getByLabel("New password", { exact: true }).fill("a chosen passphrase of mine");
  await them.getByLabel("Confirm new password").fill("a chosen passphrase of mine");
  if (shot) await phoneShot(them, shot);
  await them.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(them.getByRole("heading", { level: 1, name: `Welcome, ${name}` })).toBeVisible();
  await expect(them.getByRole("navigation", { name: "Main" })).toBeVisible();
  // The link works once.
  await them.goto(link);
  await expect(them.getByRole("alert")).toContainText("already been used");
  await context.close();
}

test("a lead edits a demo person, a bad address is refused in plain words, and the audit log names them", async ({ page, browser }) => {
  await signInAndWait(page, USERS.lead);
  await page.goto("/people");
  await page.getByRole("link", { name: "Aisha Rahman" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Aisha Rahman" })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await details.getByLabel("MIS staff code (optional)").fill("ARA");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Details saved.")).toBeVisible();

  await details.getByLabel("Email address").fill("aisha@school");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Enter an email address like name@school.org.uk");
  await checkA11y(page, "person with a bad email");
  await details.getByLabel("Email address").fill("observer@demo.mentorhub.test");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Details saved.")).toBeVisible();

  // The trust admin's audit log says who changed whom, by name.
  const context = await newContext(browser);
  const admin = await context.newPage();
  await signInAndWait(admin, USERS.admin);
  await admin.goto("/audit?action=user.updated&object_type=user");
  const row = admin.getByRole("table", { name: "Audit events" }).getByRole("row").filter({ hasText: "Aisha Rahman" }).first();
  await expect(row).toContainText("Tom Okafor");
  await expect(row).not.toContainText(/user [0-9a-f]{8}/);
  await checkA11y(admin, "audit log with names");
  await phoneShot(admin, "audit");
  await context.close();
});

test("a lead imports a file with two problems and sees both, then imports people and sends their set-up links", async ({ page, browser }) => {
  await signInAndWait(page, USERS.lead);
  await page.goto("/mentoring/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import from a spreadsheet" })).toBeFocused();
  const stamp = Date.now().toString(36);
  const header = "email,full_name,role,starts_on,ends_on,pathway,mentor_email,pairing_kind";
  const bad = [
    header,
    `kit.${stamp}@e2e.mentorhub.org.uk,Kit ${stamp},observer,31/02/2027,,,,`,
    `lou.${stamp}@e2e.mentorhub.org.uk,Lou ${stamp},mentee,01/09/2026,16/07/2027,itt,nobody.${stamp}@e2e.mentorhub.org.uk,subject_mentor`,
    `max.${stamp}@e2e.mentorhub.org.uk,Max ${stamp},observer,01/09/2026,,,,`,
    "",
  ].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "2 problems in staff.csv" })).toBeFocused();
  const problems = page.getByRole("table", { name: "Problems by line and column" });
  await expect(problems.getByRole("row", { name: "2 starts_on is not a date: write it as 2026-09-01 or 01/09/2026" })).toBeVisible();
  await expect(problems.getByRole("row", { name: "3 mentor_email is not a mentor in this file or at this school" })).toBeVisible();
  await expect(page.getByText("Once the problems are fixed, importing will add at least")).toBeVisible();
  await expect(page.getByText("2 new people", { exact: true })).toBeVisible();
  await checkA11y(page, "import with two problems");
  await phoneShot(page, "import-problems");

  const name = `Max Imported ${stamp}`;
  const good = [header, `max.${stamp}@e2e.mentorhub.org.uk,${name},observer,01/09/2026,,,,`, ""].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "Ready to import 1 row" })).toBeFocused();
  await page.getByRole("button", { name: "Import 1 row" }).click();
  await expect(page.getByRole("heading", { name: "Imported 1 row" })).toBeFocused();
  await expect(page.getByRole("heading", { name: "Next: send each new person their set-up link" })).toBeVisible();
  await checkA11y(page, "import done with set-up links");
  await phoneShot(page, "import-done");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the set-up links (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("mentorhub-set-up-links.csv");
  const rows = (await readFile(await file.path(), "utf8")).trim().split("\r\n");
  expect(rows[0]).toBe('"name","email","link"');
  const [, csvName, csvEmail, link] = rows[1].match(/^"(.*)","(.*)","(.*)"$/) ?? [];
  expect([csvName, csvEmail]).toEqual([name, `max.${stamp}@e2e.mentorhub.org.uk`]);
  expect(link).toMatch(/\/welcome#[A-Za-z0-9_-]{43}$/);

  // The people list shows who has not set up their account yet.
  await page.goto("/people");
  await page.getByLabel("Account").selectOption("invited");
  await page.getByRole("button", { name: "Filter" }).click();
  const invited = page.getByRole("table", { name: "People" }).getByRole("row").filter({ hasText: name });
  await expect(invited.getByRole("cell", { name: "Invited, not set up yet" })).toBeVisible();
  await checkA11y(page, "people, invited");
  await phoneShot(page, "people-invited");

  await setUpAccount(browser, link, name);
});

test("a lead sends a set-up link from a person's page; a new link cancels the old one", async ({ page, browser }) => {
  await signInAndWait(page, USERS.lead);
  await page.goto("/people/new");
  const stamp = Date.now().toString(36);
  const name = `Rowan Invited ${stamp}`;
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(`rowan.${stamp}@e2e.mentorhub.org.uk`);
  await page.getByLabel("Role").selectOption("observer");
  await page.getByLabel("School", { exact: true }).selectOption({ label: "Hillcrest Academy" });
  await page.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("link", { name: `Done: go to ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  const account = page.getByRole("region", { name: "Account" });
  await account.getByRole("button", { name: "Send a set-up link" }).click();
  const box = page.getByRole("textbox", { name: "Set-up link" });
  const first = await box.inputValue();
  expect(first).toMatch(/\/welcome#[A-Za-z0-9_-]{43}$/);
  await expect(account).toContainText("they have a set-up link that still works");
  await checkA11y(page, "person with a set-up link");
  await phoneShot(page, "person-link");
  await account.getByRole("button", { name: "Send a set-up link" }).click();
  await expect(box).not.toHaveValue(first);
  const second = await box.inputValue();

  const context = await newContext(browser);
  const stale = await context.newPage();
  await stale.goto(first);
  await expect(stale.getByRole("alert")).toContainText("replaced by a newer link");
  await checkA11y(stale, "a replaced link");
  await phoneShot(stale, "welcome-replaced");
  await context.close();

  await setUpAccount(browser, second, name, "welcome");
});
