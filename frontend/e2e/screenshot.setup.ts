import { expect, signInAndWait, test, USERS } from "./helpers";

// Runs before the other browser tests, on the fresh demo data, so the picture is the same each run.
test("the admin home page, for the README screenshot", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAndWait(page, USERS.admin);
  await expect(page.getByText("active schools")).toBeVisible();
  await page.locator("h1").blur();
  await page.screenshot({ path: "../docs/screenshots/home.png" });
});
