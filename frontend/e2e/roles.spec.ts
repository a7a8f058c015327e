import { checkA11y, expect, mainNavLinks, signInAndWait, test, USERS } from "./helpers";

const expectedNav = {
  admin: ["Home", "Observations", "Supervision", "Mentoring", "Schools", "People", "Integrations", "Audit log", "Change password"],
  lead: ["Home", "Observations", "Targets", "Wellbeing", "Supervision", "Network", "Mentoring", "Term dates", "People", "Change password"],
  mentor: ["Home", "My week", "Observations", "Targets", "Wellbeing", "Supervision", "Network", "Calendar link", "Change password"],
  mentee: ["Home", "My week", "Observations", "Targets", "Wellbeing", "Calendar link", "Change password"],
  observer: ["Home", "Observations", "Targets", "Change password"],
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
