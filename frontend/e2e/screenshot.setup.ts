import { expect, signInAndWait, test, USERS } from "./helpers";

// Runs before the other browser tests, on the fresh demo data, so the pictures are the same each run.
test("the admin home page, for the README screenshot", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAndWait(page, USERS.admin);
  await expect(page.getByText("active schools")).toBeVisible();
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/home.png" });
});

test("a mentor's week, for the README screenshot", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAndWait(page, USERS.mentor);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My week" }).click();
  await expect(page.getByRole("link", { name: "Mentoring James Patel" })).toBeVisible();
  await page.mouse.move(1, 790);
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/my-week.png" });
});
