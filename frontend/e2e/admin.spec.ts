import { checkA11y, expect, newContext, signInAndWait, test, unique, USERS } from "./helpers";

test("a trust admin creates a school and a person, who signs in with the initial password and must change it", async ({ page, browser }) => {
  const schoolName = unique("Oakfield School");
  const urn = String(100000 + Math.floor(Math.random() * 899999));
  await signInAndWait(page, USERS.admin);

  // A school.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schools" }).click();
  await expect(page).toHaveTitle("Schools – MentorHub");
  await expect(page.getByRole("heading", { level: 1, name: "Schools" })).toBeFocused();
  await checkA11y(page, "schools list");
  await page.getByRole("link", { name: "Add a school" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a school" })).toBeFocused();
  await page.getByRole("button", { name: "Add school" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeFocused();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page, "add school with errors");
  await page.getByLabel("Name", { exact: true }).fill(schoolName);
  await page.getByLabel("URN").fill(urn);
  await page.getByLabel("Phase").selectOption("secondary");
  await page.getByRole("button", { name: "Add school" }).click();
  await expect(page.getByRole("heading", { level: 1, name: schoolName })).toBeVisible();
  await expect(page.getByText(`${schoolName} has been added.`)).toBeVisible();
  await checkA11y(page, "school page");

  // A person with a role there.
  const email = `new.${Date.now()}@e2e.mentorhub.org.uk`;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeFocused();
  await checkA11y(page, "people list");
  await page.getByRole("link", { name: "Add a person" }).click();
  await page.getByLabel("Full name").fill("Robin Newcome");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role").selectOption("mentor");
  await page.getByLabel("School", { exact: true }).selectOption({ label: schoolName });
  await checkA11y(page, "add a person");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Robin Newcome has been added" })).toBeVisible();
  await expect(page.getByText("This password is shown only once.")).toBeVisible();
  const initialPassword = await page.getByRole("textbox", { name: "Initial password" }).inputValue();
  expect(initialPassword.length).toBeGreaterThanOrEqual(10);
  await checkA11y(page, "person added");
  await page.getByRole("link", { name: /Done: go to Robin Newcome/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Robin Newcome" })).toBeVisible();
  await expect(page.getByText(`Mentor at ${schoolName}`)).toBeVisible();
  await checkA11y(page, "person page");

  // The new person signs in in a browser of their own.
  const theirs = await newContext(browser);
  const them = await theirs.newPage();
  await them.goto("/sign-in");
  await them.getByLabel("Email address").fill(email);
  await them.getByLabel("Password", { exact: true }).fill(initialPassword);
  await them.getByRole("button", { name: "Sign in" }).click();
  await expect(them.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeFocused();
  await expect(them.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(0);
  await checkA11y(them, "forced password change");
  // Other pages are out of reach until the password is changed.
  await them.goto("/account/password");
  await expect(them.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();

  await them.getByLabel("Password you were given").fill(initialPassword);
  await them.getByLabel("New password", { exact: true }).fill("short");
  await them.getByLabel("Confirm new password").fill("short");
  await them.getByRole("button", { name: "Save password and continue" }).click();
  await expect(them.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(/at least 10 characters/);
  await checkA11y(them, "forced password change with errors");

  await them.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await them.getByLabel("Confirm new password").fill("a brand new passphrase");
  await them.getByRole("button", { name: "Save password and continue" }).click();
  await expect(them.getByRole("heading", { level: 1, name: "Welcome, Robin Newcome" })).toBeVisible();
  await expect(them.getByText(`Mentor at ${schoolName}`)).toBeVisible();
  expect(await them.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts()).toEqual(["Home", "My week", "Observations", "Targets", "Resources", "Wellbeing", "Supervision", "Training", "My training", "Network", "My entitlement", "Calendar link", "Change password"]);
  await checkA11y(them, "new person's home");

  // The session survives a reload (the new refresh cookie works).
  await them.reload();
  await expect(them.getByRole("heading", { level: 1, name: "Welcome, Robin Newcome" })).toBeVisible();
  await theirs.close();
});

test("a trust admin manages a person: roles, reset password, deactivate", async ({ page }) => {
  await signInAndWait(page, USERS.admin);
  await page.goto("/people/new");
  await expect(page.getByRole("heading", { level: 1, name: "Add a person" })).toBeVisible();
  await checkA11y(page, "add a person (direct)");
  const email = `manage.${Date.now()}@e2e.mentorhub.org.uk`;
  await page.getByLabel("Full name").fill("Casey Manage");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role").selectOption("observer");
  await page.getByLabel("School", { exact: true }).selectOption({ label: "Hillcrest Academy" });
  await page.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("link", { name: /Done: go to Casey Manage/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Casey Manage" })).toBeVisible();
  await checkA11y(page, "person page");

  // Add a second role, then remove it with confirmation.
  const addRole = page.getByRole("form", { name: "Add a role" });
  await addRole.getByLabel("Role").selectOption("mentor");
  await addRole.getByLabel("School").selectOption({ label: "Riverside Primary School" });
  await addRole.getByRole("button", { name: "Add role" }).click();
  await expect(page.getByText("Added Mentor at Riverside Primary School.")).toBeVisible();
  await page.getByRole("button", { name: "Remove Mentor at Riverside Primary School" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove this role?" });
  await expect(dialog).toBeVisible();
  await checkA11y(page, "remove role dialog");
  await dialog.getByRole("button", { name: "Remove role" }).click();
  await expect(page.getByText("Removed Mentor at Riverside Primary School.")).toBeVisible();

  // Reset the password: shown once.
  await page.getByRole("button", { name: "Reset password" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByRole("textbox", { name: "Initial password" })).not.toHaveValue("");
  await page.getByRole("button", { name: /hide the password/ }).click();
  await expect(page.getByRole("textbox", { name: "Initial password" })).toHaveCount(0);

  // Deactivate, then reactivate.
  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText("Casey Manage has been deactivated and signed out.")).toBeVisible();
  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByText("Casey Manage can sign in again.")).toBeVisible();

  // Edit details; a bad TRN is reported on the field.
  await page.getByLabel(/Teacher reference number/).fill("12");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByLabel(/Teacher reference number/)).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel(/Teacher reference number/).fill("1234567");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Details saved.")).toBeVisible();
  await checkA11y(page, "person page after changes");
});

test("a school lead keeps term dates: add, edit, delete", async ({ page }) => {
  await signInAndWait(page, USERS.leadRiverside);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Term dates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Term dates" })).toBeFocused();
  await expect(page).toHaveTitle("Term dates: Riverside Primary School – MentorHub");
  await checkA11y(page, "term dates");

  const name = unique("INSET day");
  const form = page.getByRole("region", { name: "Add a term or closure" });
  await form.getByLabel("Kind").selectOption("closure");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("First day").fill("2031-01-06");
  await form.getByLabel("Last day").fill("2031-01-05");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByLabel("Last day")).toHaveAccessibleDescription(/after the start date/);
  await form.getByLabel("Last day").fill("2031-01-06");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByText(`${name} has been added.`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("6 Jan 2031");

  await row.getByRole("button", { name: `Edit ${name}` }).click();
  await expect(page.getByRole("heading", { name: `Edit ${name}` })).toBeFocused();
  await page.getByLabel("Last day").fill("2031-01-07");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`${name} has been saved.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("7 Jan 2031");

  await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Delete ${name}` }).click();
  await checkA11y(page, "delete term date dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText(`${name} has been deleted.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});

test("a trust admin copies term dates to other schools", async ({ page }) => {
  await signInAndWait(page, USERS.admin);
  // A fresh school to copy into, so the copy cannot clash.
  const target = unique("Copy Target");
  await page.goto("/schools/new");
  await page.getByLabel("Name", { exact: true }).fill(target);
  await page.getByLabel("URN").fill(String(100000 + Math.floor(Math.random() * 899999)));
  await page.getByLabel("Phase").selectOption("primary");
  await page.getByRole("button", { name: "Add school" }).click();
  await expect(page.getByRole("heading", { level: 1, name: target })).toBeVisible();

  await checkA11y(page, "new school page");
  await page.goto("/schools?q=Hillcrest");
  await expect(page.getByRole("link", { name: "Term dates for Hillcrest Academy" })).toBeVisible();
  await checkA11y(page, "schools search");
  await page.getByRole("link", { name: "Term dates for Hillcrest Academy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Term dates" })).toBeVisible();
  await checkA11y(page, "admin term dates");
  const copy = page.getByRole("region", { name: "Copy these dates to other schools" });
  await copy.getByRole("button", { name: "Copy term dates" }).click();
  await expect(copy.getByRole("group", { name: "Schools to copy to" })).toHaveAccessibleDescription(/at least one school/);
  await copy.getByLabel(target).check();
  await copy.getByRole("button", { name: "Copy term dates" }).click();
  await expect(copy.getByText(/Copied \d+ term dates? to 1 school\./)).toBeVisible();
  await checkA11y(page, "term dates after copy");
});

test("the audit log filters by action and pages", async ({ page }) => {
  await signInAndWait(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeFocused();
  await expect(page.getByText(/Showing 1–\d+ of \d+/)).toBeVisible();
  await checkA11y(page, "audit log");
  await page.getByLabel("Action").fill("school.created");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=school.created/);
  const rows = page.locator("tbody tr");
  // The unfiltered rows stay on screen until the filtered page arrives: wait for it.
  await expect(rows.first().locator("td:nth-child(3)")).toHaveText("school.created");
  for (const text of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(text).toBe("school.created");
  await page.getByLabel("From").fill("2030-01-02");
  await page.getByLabel("To").fill("2030-01-01");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
});
