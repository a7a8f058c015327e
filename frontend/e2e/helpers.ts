import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "mentorhub-demo";
export const USERS = {
  admin: "admin@demo.mentorhub.test",
  lead: "lead@demo.mentorhub.test",
  mentor: "mentor@demo.mentorhub.test",
  mentee: "mentee@demo.mentorhub.test",
  observer: "observer@demo.mentorhub.test",
  leadRiverside: "lead.riverside@demo.mentorhub.test",
  secondMentor: "daniel.brooks@demo.mentorhub.test",
  secondMentee: "emily.clarke@demo.mentorhub.test",
} as const;

// The tests' clock (see playwright.config.ts): the real time moved by the run's offset, the same in
// the server, the test runner and every browser context.
const clockOffsetMs = Number(process.env.E2E_CLOCK_OFFSET_MS);
if (!Number.isFinite(clockOffsetMs)) throw new Error("E2E_CLOCK_OFFSET_MS is not set: playwright.config.ts sets it.");

/** Now on the tests' clock, in milliseconds: use it instead of Date.now() for anything the server reads. */
export function clockNow(): number {
  return Date.now() + clockOffsetMs;
}

/** Today on the tests' clock as a school sees it (Europe/London), as YYYY-MM-DD. */
export function schoolToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(clockNow()));
}

const onTheClock = new WeakSet<BrowserContext>();

async function installClock(context: BrowserContext): Promise<void> {
  // The page's clock starts at the tests' clock and then keeps real time; timers fire as usual.
  await context.clock.install({ time: clockNow() });
  onTheClock.add(context);
}

/** A browser context of its own (another person signed in) on the tests' clock: never call browser.newContext() directly. */
export async function newContext(browser: Browser, options?: Parameters<Browser["newContext"]>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await installClock(context);
  return context;
}

/** Every test fails on a Content-Security-Policy violation or an uncaught page error. */
export const test = base.extend<{ pageProblems: string[]; everyContextOnTheClock: void }>({
  context: async ({ context }, use) => {
    await installClock(context);
    await use(context);
  },
  // A context made with browser.newContext() would keep the real date: the test fails saying so.
  everyContextOnTheClock: [
    async ({ browser }, use) => {
      const made: BrowserContext[] = [];
      const original = browser.newContext;
      browser.newContext = async (...args) => {
        const context = await original.apply(browser, args);
        made.push(context);
        return context;
      };
      try {
        await use();
      } finally {
        browser.newContext = original;
      }
      expect(made.filter((context) => !onTheClock.has(context)).length, "contexts made without newContext() from helpers.ts, off the tests' clock").toBe(0);
    },
    { auto: true },
  ],
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && /Content.Security.Policy|Refused to/i.test(message.text())) {
          problems.push(message.text());
        }
      });
      page.on("pageerror", (error) => problems.push(String(error)));
      await use(problems);
      expect(problems, "page errors or CSP violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** axe-core: no serious or critical violation on the page as it is now. */
export async function checkA11y(page: Page, where: string): Promise<void> {
  await page.waitForLoadState("domcontentloaded");
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `accessibility problems on ${where}`,
  ).toEqual([]);
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MentorHub" })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAndWait(page: Page, email: string, password = PASSWORD): Promise<void> {
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome, / })).toBeVisible();
}

export async function mainNavLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main" });
  return nav.getByRole("link").allInnerTexts();
}

export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** Presses Tab until `target` has focus (keyboard only), failing after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** Nothing on the page scrolls sideways at the current viewport width. */
export async function expectNoSideScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
}

/** The page, as it is now, is at most `screens` viewport heights long. */
export async function expectAtMostScreens(page: Page, screens: number, what: string): Promise<number> {
  const { height, screen } = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, screen: window.innerHeight }));
  expect(height, `${what} is at most ${screens} screens long`).toBeLessThanOrEqual(screens * screen);
  return height;
}
