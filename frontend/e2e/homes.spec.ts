import type { APIRequestContext, Page } from "@playwright/test";
import { checkA11y, clockNow, expect, signInAndWait, test, unique, USERS } from "./helpers";

// Each role's home says what to do next. The demo's own homes are pictured (and their empty
// states checked) in screenshot.setup.ts, on the fresh demo data; these tests change nothing
// the other browser tests rely on: the new pair below is at Riverside, which has no mentoring.

function todos(page: Page) {
  return page.getByRole("region", { name: "What to do next" });
}

test("a mentor's and a mentee's homes say when their meeting this week is, and open it", async ({ page }) => {
  for (const [who, partner] of [
    [USERS.mentor, "James Patel"],
    [USERS.mentee, "Sarah Evans"],
  ] as const) {
    await signInAndWait(page, who);
    const coming = todos(page).getByRole("list", { name: /^Coming up/ });
    const meeting = coming.getByRole("link", { name: new RegExp(`^Your meeting with ${partner} this week is on \\w+day \\d+ \\w+ \\d{4} at \\d\\d:\\d\\d\\.$`) });
    await expect(meeting.first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Your meetings" }).getByRole("link", { name: "See this week and next" })).toBeVisible();
    await checkA11y(page, `${who} home`);
    await meeting.first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Meeting on / })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to MentorHub" })).toBeVisible();
  }
});

test("a mentor's home asks them to talk with the mentee who asked to, and opens the check-in", async ({ page }) => {
  // The demo's mentee asked to talk when checking in today; the note stays with the mentee.
  await signInAndWait(page, USERS.mentor);
  const talk = todos(page).getByRole("list", { name: /^To do/ }).getByRole("link", { name: /^James Patel would like to talk \(checked in on / });
  await expect(talk.first()).toBeVisible();
  await talk.first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^James Patel's check-in on / })).toBeVisible();
  await expect(page.getByText("Not shared with you")).toBeVisible();
  await checkA11y(page, "a request to talk opened from the mentor's home");
});

test("a school lead's home lists what needs doing at the school, next to its people", async ({ page }) => {
  await signInAndWait(page, USERS.lead);
  await expect(todos(page).getByRole("heading", { level: 2, name: "What to do next" })).toBeVisible();
  await expect(page.getByRole("region", { name: /People at Hillcrest Academy/ })).toBeVisible();
  await checkA11y(page, "school lead home");
});

test("a trust admin's home keeps its overview", async ({ page }) => {
  await signInAndWait(page, USERS.admin);
  const overview = page.getByRole("region", { name: "Your trust at a glance" });
  await expect(overview.getByText("active schools")).toBeVisible();
  await expect(overview.getByRole("link", { name: "Manage schools" })).toBeVisible();
  await checkA11y(page, "trust admin home");
});

test("an observer's home says what they will be asked to do, and how they will know", async ({ page }) => {
  await signInAndWait(page, USERS.observer);
  // The demo asks the observer to watch a lesson in each of the next two weeks.
  await expect(todos(page).getByRole("link", { name: /^You observe Emily Clarke / }).first()).toBeVisible();
  const guide = page.getByRole("region", { name: "What you will see here" });
  await expect(guide.getByText(/Each one you are asked to make is listed under “What to do next”/)).toBeVisible();
  await expect(guide.getByText(/the date and time, soonest first/)).toBeVisible();
  await expect(guide.getByText(/you see the request here the next time you sign in/)).toBeVisible();
  await expect(guide.getByRole("link", { name: "Observations" })).toBeVisible();
  await expect(page.getByText(/will appear here/)).toHaveCount(0);
  await checkA11y(page, "observer home");
});

// --- a new pair at Riverside, set up through the API as a school would ---------------------

const NEW_PASSWORD = "a-long-new-password-for-homes";

async function tokenFor(request: APIRequestContext, email: string, password: string): Promise<string> {
  const response = await request.post("/api/v1/auth/token", { form: { grant_type: "password", username: email, password } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).access_token as string;
}

async function call(request: APIRequestContext, token: string, method: "GET" | "POST", url: string, data?: unknown) {
  const response = await request.fetch(url, { method, data, headers: { Authorization: `Bearer ${token}` } });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBeTruthy();
  return response.status() === 204 ? null : await response.json();
}

function isoDay(offset: number): string {
  return new Date(clockNow() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A new person at the school with their own password (set as they would on first sign-in). */
async function newPerson(request: APIRequestContext, lead: string, schoolId: string, role: "mentor" | "mentee") {
  const name = unique(role === "mentor" ? "Mentor" : "Mentee").replace(/ (\w+)$/, (_, tail: string) => ` ${tail.replace(/\d/g, "")}x`);
  const email = `${role}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}@example.org`;
  const created = await call(request, lead, "POST", "/api/v1/users", { email, full_name: name, roles: [{ role, school_id: schoolId }] });
  const first = await tokenFor(request, email, created.initial_password);
  await call(request, first, "POST", "/api/v1/auth/password", { current_password: created.initial_password, new_password: NEW_PASSWORD });
  return { id: created.user.id as string, name: created.user.full_name as string, email };
}

test("a new pair's homes say what to do next, each opening the page to act on; only their school's lead is told", async ({ page, request }) => {
  test.slow();
  const lead = await tokenFor(request, USERS.leadRiverside, "mentorhub-demo");
  const me = await call(request, lead, "GET", "/api/v1/me");
  const schoolId = me.roles.find((r: { role: string }) => r.role === "school_lead").school_id as string;
  const mentor = await newPerson(request, lead, schoolId, "mentor");
  const mentee = await newPerson(request, lead, schoolId, "mentee");
  const start = isoDay(0);
  await call(request, lead, "POST", `/api/v1/schools/${schoolId}/mentor-profiles`, { user_id: mentor.id, starts_on: start });
  await call(request, lead, "POST", `/api/v1/schools/${schoolId}/mentee-profiles`, { user_id: mentee.id, pathway: "itt", starts_on: start });
  const pairing = await call(request, lead, "POST", "/api/v1/pairings", {
    school_id: schoolId,
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    kind: "subject_mentor",
    starts_on: start,
    ends_on: isoDay(120),
  });

  // Riverside's lead is told the pair has no weekly slot, and the to-do opens the slot form.
  await signInAndWait(page, USERS.leadRiverside);
  const noSlot = todos(page)
    .getByRole("list", { name: /^To do/ })
    .getByRole("link", { name: `Set up a weekly slot for ${mentor.name} and ${mentee.name}: they have no protected meeting time.` });
  await expect(noSlot).toBeVisible();
  await checkA11y(page, "Riverside lead home with a to-do");
  await noSlot.click();
  await expect(page.getByRole("heading", { level: 1, name: "Schedule a weekly slot" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/pairings/${pairing.id}/slots/new$`));
  await page.getByRole("button", { name: "Sign out" }).click();

  // Hillcrest's lead is not.
  await signInAndWait(page, USERS.lead);
  await expect(todos(page)).toBeVisible();
  await expect(page.getByText(mentor.name)).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  // The mentee is asked to set the agreement up at the first meeting.
  await signInAndWait(page, mentee.email, NEW_PASSWORD);
  const setUp = todos(page).getByRole("link", { name: `Set up your mentoring agreement with ${mentor.name} at your first meeting.` });
  await expect(setUp).toHaveAttribute("href", `/pairings/${pairing.id}/agreement`);
  await page.getByRole("button", { name: "Sign out" }).click();

  // The mentor proposes it; now the mentee's home says which version waits for them.
  const mentorToken = await tokenFor(request, mentor.email, NEW_PASSWORD);
  await call(request, mentorToken, "POST", `/api/v1/pairings/${pairing.id}/agreements`, {
    meeting_frequency: "weekly",
    meeting_day: 3,
    meeting_time: "08:00",
    meeting_location: "Library",
    feedback_timing: "same_day",
    mentor_prepares: "Notes",
    mentee_prepares: "A reflection",
    record_keeper: "mentor",
    agenda_setting: "Together",
    feedback_approach: "Strengths first",
    wellbeing_frequency: "every meeting",
    concern_route: "Speak to the school lead",
  });
  await signInAndWait(page, mentee.email, NEW_PASSWORD);
  const agree = todos(page).getByRole("link", { name: `Read and agree version 1 of your agreement with ${mentor.name}.` });
  await expect(agree).toBeVisible();
  await checkA11y(page, "mentee home with an agreement to agree");
  await agree.click();
  await expect(page).toHaveURL(new RegExp(`/pairings/${pairing.id}$`));
  await page.getByRole("button", { name: "Agree version 1" }).click();
  await expect(page.getByText("You have agreed version 1.")).toBeVisible();

  // Nothing is left to do, and the home says what comes next instead of going blank.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await expect(todos(page).getByText("Nothing needs doing, and no meetings are planned yet.", { exact: false })).toBeVisible();
  await expect(todos(page).getByRole("link", { name: "My week" })).toBeVisible();
  await checkA11y(page, "mentee home with nothing to do");
});
