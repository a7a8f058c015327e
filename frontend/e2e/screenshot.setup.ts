import { checkA11y, expect, expectNoSideScroll, signInAndWait, test, USERS } from "./helpers";

// Runs before the other browser tests, on the fresh demo data, so the pictures are the same each run.
// Each role's home at phone width, on the demo data: what it says to do next, or what comes
// next when nothing needs doing. Three phone screens at most.
const HOMES = [
  { file: "home-mentor", email: USERS.mentor, shows: /^Your meeting with James Patel this week is on / },
  { file: "home-mentee", email: USERS.mentee, shows: /^Your meeting with Sarah Evans this week is on / },
  { file: "home-school-lead", email: USERS.lead, shows: /^You observe James Patel / },
  { file: "home-trust-admin", email: USERS.admin, shows: /^Manage schools$/ },
  { file: "home-observer", email: USERS.observer, shows: /^You observe Emily Clarke / },
] as const;

for (const { file, email, shows } of HOMES) {
  test(`${file} at phone width, for the README screenshots`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAndWait(page, email);
    await expect(page.getByText(shows).first()).toBeVisible();
    await expectNoSideScroll(page);
    await checkA11y(page, `${file} at phone width`);
    await page.locator("h1").blur();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height, "three phone screens at most").toBeLessThanOrEqual(2500);
    await page.screenshot({ path: `../docs/screenshots/${file}.png`, fullPage: true });
  });
}

test("a mentor's week, for the README screenshot", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAndWait(page, USERS.mentor);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My week" }).click();
  await expect(page.getByRole("link", { name: "Mentoring James Patel" })).toBeVisible();
  await page.mouse.move(1, 790);
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/my-week.png" });
});

test("the resource library on a phone, for the README screenshots", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndWait(page, USERS.mentor);
  await page.goto("/resources?theme=contracting");
  await expect(page.getByRole("heading", { level: 2, name: "Contracting: three things you can do right now" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Peer Mentor Handbook" })).toBeVisible();
  await expectNoSideScroll(page);
  await checkA11y(page, "the library filtered by a theme, at phone width");
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/resources-library.png", fullPage: true });
  await page.getByRole("link", { name: "Peer Mentor Handbook" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Peer Mentor Handbook" })).toBeFocused();
  await expectNoSideScroll(page);
  await checkA11y(page, "a resource at phone width");
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/resource.png", fullPage: true });
});
