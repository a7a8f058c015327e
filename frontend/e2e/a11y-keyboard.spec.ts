import { mkdirSync } from "node:fs";
import { checkA11y, expect, signInAndWait, tabTo, test, unique, USERS } from "./helpers";

// Screenshots to look at (phone width); kept out of the repository.
const SHOTS = process.env.SHOTS_DIR ?? "test-results/shots";
mkdirSync(SHOTS, { recursive: true });

test.describe("the API docs", () => {
  for (const [path, name] of [
    ["/api/docs", "Swagger UI"],
    ["/api/redoc", "ReDoc"],
  ] as const) {
    test(`${name} works from this server's own files, on a phone too`, async ({ page, baseURL, pageProblems }) => {
      // Anything asked of another host fails, as it would without internet, and is noted.
      const elsewhere: string[] = [];
      await page.route(
        (url) => !url.href.startsWith(baseURL!) && url.protocol !== "data:" && url.protocol !== "blob:",
        (route) => {
          elsewhere.push(route.request().url());
          return route.abort();
        },
      );
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(path);
      await expect(page).toHaveTitle(`MentorHub API – ${name}`);
      // The description is drawn from /api/v1/openapi.json: the UI has loaded and run (ReDoc
      // takes some seconds over the whole description).
      await expect(page.getByText("Promised vs. delivered for school-based teacher mentoring", { exact: false }).first()).toBeVisible({
        timeout: 30_000,
      });
      await expect(page.getByText("/api/v1/auth/token").first()).toBeAttached();
      await page.screenshot({ path: `${SHOTS}/${name.replace(" ", "-").toLowerCase()}-390.png` });
      expect(elsewhere).toEqual([]);
      if (name === "ReDoc") {
        // ReDoc's bundle asks for its maker's logo from their CDN whatever it is told; the
        // page's policy refuses it (the link's text stays), which is the policy doing its job.
        const logo = pageProblems.findIndex((p) => /Loading the image 'https:\/\/cdn\.redoc\.ly\/[^']+' violates .*img-src 'self' data:/.test(p));
        if (logo >= 0) pageProblems.splice(logo, 1);
      }
    });
  }
});

test("saving a school in place keeps focus on the button, which holds back a second save", async ({ page }) => {
  const name = unique("Keyboard School");
  await signInAndWait(page, USERS.admin);
  await page.goto("/schools/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("URN").fill(String(100000 + Math.floor(Math.random() * 899999)));
  await page.getByLabel("Phase").selectOption("primary");
  await page.getByRole("button", { name: "Add school" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeFocused();

  // The save is held for a moment, so what the button does meanwhile can be seen.
  let saves = 0;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/v1/schools/*", async (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    saves += 1;
    await held;
    return route.continue();
  });

  const nameField = page.getByLabel("Name", { exact: true });
  await tabTo(page, nameField);
  await page.keyboard.press("End");
  await page.keyboard.type(" Annexe");
  const save = page.getByRole("button", { name: /Save changes|Saving/ });
  await tabTo(page, save);
  await page.keyboard.press("Enter");
  await expect(save).toHaveText("Saving…");
  await expect(save).toHaveAttribute("aria-disabled", "true");
  await expect(save).toBeFocused();
  await page.keyboard.press("Enter"); // a second press while saving sends nothing
  await checkA11y(page, "school saving");
  release();

  await expect(page.getByRole("status").filter({ hasText: `${name} Annexe has been saved.` })).toBeVisible();
  await expect(save).toHaveText("Save changes");
  await expect(save).not.toHaveAttribute("aria-disabled", "true");
  await expect(save).toBeFocused();
  expect(saves).toBe(1);
  await checkA11y(page, "school saved");
});

test("a pairing clash from the server is linked from the error summary to the mentee", async ({ page }) => {
  await signInAndWait(page, USERS.lead);
  await page.goto("/mentoring/pairings/new");
  await expect(page.getByRole("heading", { level: 1, name: "Create a pairing" })).toBeFocused();
  const mentor = page.getByLabel("Mentor", { exact: true });
  await mentor.selectOption((await mentor.locator("option", { hasText: "Daniel Brooks" }).getAttribute("value")) ?? "");
  const mentee = page.getByLabel("Mentee", { exact: true });
  await mentee.selectOption((await mentee.locator("option", { hasText: "James Patel" }).getAttribute("value")) ?? "");
  // James already has an induction mentor.
  await tabTo(page, page.getByLabel("Induction mentor"));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: "Create pairing" }));
  await page.keyboard.press("Enter");

  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  const link = summary.getByRole("link", { name: /This mentee already has an induction mentor/ });
  await expect(link).toHaveAttribute("href", "#field-mentee_id");
  await expect(mentee).toHaveAttribute("aria-invalid", "true");
  await expect(mentee).toHaveAccessibleDescription(/already has an induction mentor/);
  await checkA11y(page, "create pairing with a clash");
  await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(mentee).toBeFocused();
});

test("on a phone, Escape closes the open menu and gives focus back to the Menu button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndWait(page, USERS.lead);
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "People" })).toBeHidden();
  await tabTo(page, menu);
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "People" })).toBeVisible();
  await checkA11y(page, "phone menu open");
  await page.screenshot({ path: `${SHOTS}/menu-open-390.png` });
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Home" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "People" })).toBeHidden();
  await expect(menu).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/menu-closed-390.png` });
  // And open again from the keyboard: the button still works.
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
});
