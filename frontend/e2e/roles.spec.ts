import { checkA11y, expect, mainNavLinks, signInAndWait, test, USERS } from "./helpers";

const expectedNav = {
  admin: ["Home", "Observations", "Coverage", "Resources", "Supervision", "Training", "Cover", "Mentor training", "Mentoring", "Entitlements", "Schools", "People", "Providers", "Integrations", "Audit log", "Change password"],
  lead: ["Home", "Observations", "Targets", "Coverage", "Resources", "Wellbeing", "Supervision", "Training", "Cover", "Mentor training", "Network", "Mentoring", "Entitlements", "Term dates", "People", "Change password"],
  mentor: ["Home", "My week", "Observations", "Targets", "Resources", "Wellbeing", "Supervision", "Training", "My training", "Network", "My entitlement", "Calendar link", "Change password"],
  mentee: ["Home", "My week", "Observations", "Targets", "Resources", "Wellbeing", "Training", "My entitlement", "Calendar link", "Change password"],
  observer: ["Home", "Observations", "Targets", "Resources", "Calendar link", "Change password"],
} as const;

for (const [role, links] of Object.entries(expectedNav)) {
  test(`${role} signs in and sees the ${role} navigation`, async ({ page }) => {
    await signInAndWait(page, USERS[role as keyof typeof expectedNav]);
    await expect(page).toHaveTitle("Home – MentorHub");
    expect(await mainNavLinks(page)).toEqual(links);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await checkA11y(page, `${role} home`);
  });
}

test("a school lead sees the people of their school on the home page", async ({ page }) => {
  await signInAndWait(page, USERS.lead);
  const people = page.getByRole("region", { name: /People at Hillcrest Academy/ });
  await expect(people.getByRole("link", { name: /./ }).first()).toBeVisible();
  await expect(people.getByRole("cell", { name: "Mentor", exact: true }).first()).toBeVisible();
  await checkA11y(page, "lead home");
});

test("every link in an observer's navigation opens a page of theirs, by keyboard", async ({ page }) => {
  await signInAndWait(page, USERS.observer);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of expectedNav.observer.filter((n) => n !== "Home")) {
    const link = nav.getByRole("link", { name, exact: true });
    await link.focus();
    await page.keyboard.press("Enter");
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toBeFocused();
    await expect(heading).not.toHaveText(/not found/i);
    await expect(link).toHaveAttribute("aria-current", "page");
  }
  await page.getByRole("link", { name: "Observations", exact: true }).first().click();
  await expect(page.getByRole("link", { name: "Schedule an observation" })).toHaveCount(0);
  await checkA11y(page, "observer's observations");
});
