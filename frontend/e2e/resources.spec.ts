import type { Browser, Page } from "@playwright/test";
import { checkA11y, expect, expectNoSideScroll, newContext, signInAndWait, tabTo, test, unique, USERS } from "./helpers";

// The demo loads the starter library into the trust; James Patel (mentee) has open targets on
// standards 4, 5 and 7, which suggest resources on challenge and support and on behaviour.
const PHONE = { width: 390, height: 844 };

async function as(browser: Browser, email: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await newContext(browser, { viewport });
  const page = await context.newPage();
  await signInAndWait(page, email);
  return page;
}

test("a mentee finds suggested reading on their home, opens it and bookmarks it, on a phone", async ({ browser }) => {
  const page = await as(browser, USERS.mentee, PHONE);
  const suggestions = page.getByRole("region", { name: "Suggested reading" });
  await expect(suggestions.getByRole("link", { name: "Managing Behaviour for Learning (NE700)" })).toBeVisible();
  await expect(suggestions.getByText("Behaviour, for standard 7")).toBeVisible();
  await suggestions.getByRole("link", { name: "Managing Behaviour for Learning (NE700)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Managing Behaviour for Learning (NE700)" })).toBeFocused();
  await expect(page.getByText("No link is recorded")).toBeVisible();
  await page.getByRole("button", { name: "Bookmark", exact: true }).click();
  await expect(page.getByText("Bookmarked: find it under your bookmarks.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove bookmark" })).toBeVisible();
  await checkA11y(page, "a bookmarked resource");
  await page.goto("/resources/bookmarks");
  await expect(page.getByRole("heading", { level: 1, name: "Your bookmarks" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Managing Behaviour for Learning (NE700)" })).toBeVisible();
  await expectNoSideScroll(page);
  await checkA11y(page, "bookmarks at phone width");
  // Mentees do not keep the library.
  await expect(page.getByRole("link", { name: "Add a resource" })).toHaveCount(0);
});

test("a mentor sees what the mentee's targets suggest on the pairing page and opens one", async ({ browser }) => {
  const page = await as(browser, USERS.mentor);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My week" }).click();
  await page.getByRole("link", { name: "Mentoring James Patel" }).first().click();
  const suggestions = page.getByRole("region", { name: "Suggested reading" });
  await expect(suggestions.getByText("From the library, for the mentee's open targets.")).toBeVisible();
  const first = suggestions.getByRole("listitem").first();
  await expect(first.getByText(/^Why: /)).toBeVisible();
  await checkA11y(page, "the pairing page with suggestions");
  await first.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "../docs/screenshots/suggestions-mentor.png" });
  const title = (await first.getByRole("link").innerText()).trim();
  await first.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeFocused();
});

test("searching the library: words rank by title, filters narrow, any text answers, by keyboard", async ({ page }) => {
  await signInAndWait(page, USERS.mentor);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Resources" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Resource library" })).toBeFocused();
  await checkA11y(page, "the library");
  const search = page.getByRole("searchbox", { name: "Search" });
  await tabTo(page, search);
  await page.keyboard.type("feedback");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=feedback/);
  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("heading", { level: 3 }).first()).toHaveText("Feedback for Learning (NE714)");
  await page.getByLabel("Theme").selectOption({ label: "Assessment" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(results.getByRole("heading", { level: 3 })).toHaveText(["Feedback for Learning (NE714)"]);
  await expect(page.getByRole("heading", { level: 2, name: "Assessment: three things you can do right now" })).toBeVisible();
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "All resources" })).toBeVisible();
  for (const text of ['"NEAR(* AND OR', "'; DROP TABLE resources; --", "x".repeat(3000)]) {
    await search.fill(text);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByText("No resources match.")).toBeVisible();
  }
  await page.getByLabel("Phase").selectOption({ label: "Early years" });
  await search.fill("");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("link", { name: /^Professional Dialogues in the Early Years/ })).toBeVisible();
  await page.getByLabel("Phase").selectOption({ label: "Any phase" });
  await page.getByLabel("Teachers’ Standard").selectOption({ label: "TS7 Manage behaviour" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText(/No resources match|Showing/)).toBeVisible();
  await checkA11y(page, "the library's results");
});

test("the theme prompts: three things to do right now for each theme", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInAndWait(page, USERS.mentee);
  await page.goto("/resources/themes");
  await expect(page.getByRole("heading", { level: 1, name: "Three things you can do right now" })).toBeFocused();
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(12);
  await expect(page.getByText("Agree with your mentee how often, when and where you will meet")).toBeVisible();
  await expectNoSideScroll(page);
  await checkA11y(page, "theme prompts at phone width");
  await page.getByRole("link", { name: "Resources on wellbeing" }).click();
  await expect(page.getByRole("link", { name: "Education Support: looking after teacher wellbeing" })).toBeVisible();
});

test("a trust admin adds a resource: a javascript: link is refused, a web link kept; then edits and removes it", async ({ page }) => {
  const title = unique("Hinge questions in practice");
  await signInAndWait(page, USERS.admin);
  await page.goto("/resources");
  await page.getByRole("link", { name: "Add a resource" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a resource" })).toBeFocused();
  await checkA11y(page, "the resource editor");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind").selectOption({ label: "Guide" });
  await page.getByLabel("Link (optional)").fill("javascript:alert(document.cookie)");
  await page.getByLabel("Summary").fill("How to plan one question that tells you whether the class is ready to move on.");
  await page.getByRole("checkbox", { name: "Assessment" }).check();
  await page.getByRole("checkbox", { name: "Secondary" }).check();
  await page.getByRole("button", { name: /TS6/ }).click();
  await page.getByRole("button", { name: "Add resource" }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: /javascript: link is not a web address/ })).toBeVisible();
  await summary.getByRole("link", { name: /javascript: link/ }).click();
  await expect(page.getByLabel("Link (optional)")).toBeFocused();
  await checkA11y(page, "the editor with an error");
  await page.screenshot({ path: "../docs/screenshots/resource-editor.png", fullPage: true });
  await page.getByLabel("Link (optional)").fill("https://example.org/hinge-questions");
  await page.getByRole("button", { name: "Add resource" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`${title} has been added.`)).toBeVisible();
  const open = page.getByRole("link", { name: `Open ${title}` });
  await expect(open).toHaveAttribute("href", "https://example.org/hinge-questions");
  await expect(open).toHaveAttribute("rel", "noopener noreferrer");
  await expect(page.getByText("TS6 Assessment")).toBeVisible();
  await page.getByRole("link", { name: /^Edit/ }).click();
  await page.getByLabel("Year (optional)").fill("2026");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`${title} has been saved.`)).toBeVisible();
  await page.getByRole("button", { name: "Remove from the library" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove resource" }).click();
  await expect(page.getByText(`${title} has been removed from the library.`)).toBeVisible();
});
