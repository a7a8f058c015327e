import { checkA11y, expect, newContext, signIn, signInAndWait, test, USERS } from "./helpers";

test("a person with roles at two schools switches between them, and changes their password", async ({ page, browser }) => {
  // A trust admin sets the person up: lead at one school, mentor at another.
  await signInAndWait(page, USERS.admin);
  await page.goto("/people/new");
  const email = `two.schools.${Date.now()}@e2e.mentorhub.org.uk`;
  await page.getByLabel("Full name").fill("Morgan Twoschools");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role").selectOption("school_lead");
  await page.getByLabel("School", { exact: true }).selectOption({ label: "Hillcrest Academy" });
  await page.getByRole("button", { name: "Add person" }).click();
  const initialPassword = await page.getByRole("textbox", { name: "Initial password" }).inputValue();
  await page.getByRole("link", { name: /Done: go to Morgan Twoschools/ }).click();
  const addRole = page.getByRole("form", { name: "Add a role" });
  await addRole.getByLabel("Role").selectOption("mentor");
  await addRole.getByLabel("School").selectOption({ label: "Riverside Primary School" });
  await addRole.getByRole("button", { name: "Add role" }).click();
  await expect(page.getByText("Added Mentor at Riverside Primary School.")).toBeVisible();

  const context = await newContext(browser);
  const them = await context.newPage();
  await signIn(them, email, initialPassword);
  await them.getByLabel("Password you were given").fill(initialPassword);
  await them.getByLabel("New password", { exact: true }).fill("first chosen passphrase");
  await them.getByLabel("Confirm new password").fill("first chosen passphrase");
  await them.getByRole("button", { name: "Save password and continue" }).click();
  await expect(them.getByRole("heading", { level: 1, name: "Welcome, Morgan Twoschools" })).toBeVisible();

  const switcher = them.getByLabel("Viewing school");
  await expect(switcher).toBeVisible();
  await expect(them.getByRole("region", { name: "People at Hillcrest Academy" })).toBeVisible();
  await checkA11y(them, "home with the school switcher");
  await switcher.selectOption({ label: "Riverside Primary School (Mentor)" });
  await expect(them.getByRole("region", { name: "People at Hillcrest Academy" })).toHaveCount(0);
  await expect(them.getByRole("region", { name: "Your meetings" })).toBeVisible();
  await switcher.selectOption({ label: "Hillcrest Academy (School lead)" });
  await expect(them.getByRole("region", { name: "People at Hillcrest Academy" })).toBeVisible();

  // The lead's "Term dates" goes to the school they lead, and stays marked as the current page.
  await them.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Term dates" }).click();
  await expect(them.getByRole("heading", { level: 1, name: "Term dates" })).toBeVisible();
  await expect(them.getByText("Hillcrest Academy", { exact: true })).toBeVisible();
  await expect(them.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Term dates" })).toHaveAttribute("aria-current", "page");

  // A change of password by choice: the person stays signed in with the new one.
  await them.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Change password" }).click();
  await expect(them.getByRole("heading", { level: 1, name: "Change password" })).toBeFocused();
  await checkA11y(them, "change password");
  await them.getByLabel("Current password").fill("wrong current password");
  await them.getByLabel("New password", { exact: true }).fill("second chosen passphrase");
  await them.getByLabel("Confirm new password").fill("second chosen passphrase");
  await them.getByRole("button", { name: "Change password" }).click();
  await expect(them.getByRole("alert").filter({ hasText: "There is a problem" })).toBeFocused();
  await checkA11y(them, "change password with a server error");
  await them.getByLabel("Current password").fill("first chosen passphrase");
  await them.getByRole("button", { name: "Change password" }).click();
  await expect(them.getByText("Your password has been changed.")).toBeVisible();
  await them.reload();
  await expect(them.getByRole("heading", { level: 1, name: "Change password" })).toBeVisible();
  await context.close();
});

test("a lock-out says how long to wait", async ({ page }) => {
  await page.route("**/api/v1/auth/token", (route, request) => {
    if (request.postData()?.includes("grant_type=password")) {
      return route.fulfill({
        status: 429,
        headers: { "Retry-After": "37" },
        contentType: "application/problem+json",
        body: JSON.stringify({ type: "about:blank", title: "Too many requests", status: 429 }),
      });
    }
    return route.continue();
  });
  await signIn(page, USERS.mentee);
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Too many attempts, try again in 37 seconds.");
});

test("a lead adds a person at their own school only", async ({ page }) => {
  await signInAndWait(page, USERS.leadRiverside);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeFocused();
  await checkA11y(page, "lead people list");
  await page.getByRole("link", { name: "Add a person" }).click();
  const roles = await page.getByLabel("Role").locator("option").allInnerTexts();
  expect(roles).not.toContain("Trust admin");
  await expect(page.getByLabel("School", { exact: true }).locator("option")).toHaveText(["Choose a school", "Riverside Primary School"]);
  await expect(page.getByLabel("School", { exact: true })).toHaveValue(/.+/);
  await page.getByLabel("Full name").fill("Jo Riverside");
  await page.getByLabel("Email address").fill(`jo.${Date.now()}@e2e.mentorhub.org.uk`);
  await page.getByLabel("Role").selectOption("mentee");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jo Riverside has been added" })).toBeVisible();
  await checkA11y(page, "lead added a person");
});
