import { checkA11y, expect, PASSWORD, signIn, signInAndWait, test, USERS } from "./helpers";

test("the whole sign-in works by keyboard alone", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MentorHub" })).toBeFocused();
  await checkA11y(page, "sign-in page");
  const email = page.getByLabel("Email address");
  for (let i = 0; i < 5 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(email).toBeFocused();
  await page.keyboard.type(USERS.mentor);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome, / })).toBeFocused();
  await checkA11y(page, "mentor home after keyboard sign-in");
});

test("the skip link is the first thing a keyboard reaches and jumps to the main content", async ({ page }) => {
  await signInAndWait(page, USERS.mentee);
  // Start from the top of the document (the page has put focus on its heading, further down).
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("a wrong password gets a clear message tied to the summary", async ({ page }) => {
  await signIn(page, USERS.lead, "not-the-password");
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("The email address or password is not right.");
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle("Sign in – MentorHub");
  await checkA11y(page, "sign-in with an error");
});

test("empty fields are reported beside the fields", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  const emailField = page.getByLabel("Email address");
  await expect(emailField).toHaveAttribute("aria-invalid", "true");
  await expect(emailField).toHaveAccessibleDescription(/Enter your email address/);
  await page.getByRole("link", { name: "Enter your password" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await checkA11y(page, "sign-in with field errors");
});

test("a reload keeps the session through the refresh cookie", async ({ page }) => {
  await signInAndWait(page, USERS.observer);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome, / })).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain("ey"); // no JWT anywhere in web storage
  const cookies = await page.context().cookies();
  const refresh = cookies.find((c) => c.name === "mentorhub_refresh");
  expect(refresh?.httpOnly).toBe(true);
  expect(refresh?.sameSite).toBe("Strict");
});

test("signing out ends the session: reload shows sign-in and back shows no data", async ({ page }) => {
  await signInAndWait(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Sam|Alex|Jordan|./ }).first()).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MentorHub" })).toBeVisible();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await checkA11y(page, "signed out");

  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MentorHub" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MentorHub" })).toBeVisible();
  await page.goto("/people");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("after signing out, the next person to sign in starts at home, not on the last page", async ({ page }) => {
  await signInAndWait(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MentorHub" })).toBeVisible();
  await page.getByLabel("Email address").fill(USERS.mentor);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome, / })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});

test("an expired session sends the person to sign in with a message", async ({ page }) => {
  await signInAndWait(page, USERS.admin);
  // The access token is refused and the refresh cookie is gone, as when both have expired.
  await page.context().clearCookies();
  await page.route("**/api/v1/users?**", (route) =>
    route.fulfill({
      status: 401,
      contentType: "application/problem+json",
      body: JSON.stringify({ type: "about:blank", title: "Unauthorised", status: 401 }),
    }),
  );
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MentorHub" })).toBeVisible();
  await expect(page.getByText("Your session has expired. Sign in again to carry on.")).toBeVisible();
  // Signing in again returns to the page the person was on.
  await page.unroute("**/api/v1/users?**");
  await page.getByLabel("Email address").fill(USERS.admin);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
});

test("on a 375px screen the navigation collapses behind a Menu button", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAndWait(page, USERS.admin);
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Schools" })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await nav.getByRole("link", { name: "Schools" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schools" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(375);
  await checkA11y(page, "schools at 375px");
});
