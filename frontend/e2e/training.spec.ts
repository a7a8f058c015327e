import { createHmac, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { checkA11y, clockNow, expect, expectNoSideScroll, PASSWORD, signInAndWait, test, unique, USERS } from "./helpers";

// A course date arrives by a signed webhook (Standard Webhooks, signed here as a provider would:
// HMAC-SHA256 over "id.timestamp.body" with the secret after "whsec_"), clashes with the demo
// pair's protected Wednesday meeting and needs release in the school day. Tom Okafor (Hillcrest's
// lead) sees the clash on his home and approves cover; Sarah Evans (the mentor) sees the session
// booked, released, on her training record.

async function tokenFor(request: APIRequestContext, email: string): Promise<string> {
  const answer = await request.post("/api/v1/auth/token", { form: { grant_type: "password", username: email, password: PASSWORD } });
  expect(answer.ok()).toBeTruthy();
  return (await answer.json()).access_token as string;
}

function signed(secret: string, body: string): Record<string, string> {
  const id = `msg_${randomUUID()}`;
  const timestamp = String(Math.floor(clockNow() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${signature}`, "content-type": "application/json" };
}

/** The home shows the first few to-dos of a group; open them all. */
async function showAllTodos(page: import("@playwright/test").Page) {
  await expect(page.getByRole("heading", { level: 3, name: /^To do \(\d+\)$/ })).toBeVisible();
  const more = page.getByRole("button", { name: /^Show all / });
  for (const button of await more.all()) await button.click();
  await expect(more).toHaveCount(0);
}

function nav(page: import("@playwright/test").Page, name: string) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
}

test("a course date by webhook clashes with a protected meeting; the lead approves cover; the mentor's record shows it", async ({ page, request }) => {
  const title = unique("Mentor training day");
  const admin = { Authorization: `Bearer ${await tokenFor(request, USERS.admin)}` };
  const made = await request.post("/api/v1/providers", { headers: admin, data: { name: unique("Leeds SCITT"), kind: "scitt" } });
  expect(made.status()).toBe(201);
  const { provider, signing_secret: secret } = await made.json();

  // A protected meeting of Sarah Evans and James Patel more than a week ahead.
  const mentorAuth = { Authorization: `Bearer ${await tokenFor(request, USERS.mentor)}` };
  const me = await (await request.get("/api/v1/me", { headers: mentorAuth })).json();
  const from = new Date(clockNow() + 8 * 86_400_000).toISOString();
  const meetings = await (await request.get(`/api/v1/meetings?person_id=${me.id}&starts_from=${encodeURIComponent(from)}&status=scheduled&limit=5`, { headers: mentorAuth })).json();
  const meeting = meetings.items[0];
  expect(meeting, "a protected meeting ahead to clash with").toBeTruthy();
  const meetingStart = new Date(meeting.starts_at).getTime();
  const course = {
    type: "course_date.created",
    timestamp: new Date(clockNow()).toISOString(),
    data: {
      id: randomUUID(),
      title,
      starts_at: new Date(meetingStart - 90 * 60_000).toISOString(),
      ends_at: new Date(meetingStart + 75 * 60_000).toISOString(),
      audience: "both",
      location: "Leeds, room 2",
      requires_release: true,
      participants: [
        { trn: "1000002", role: "mentor" },
        { trn: "1000003", role: "mentee" },
      ],
    },
  };
  const body = JSON.stringify(course);
  const delivered = await request.post(`/api/v1/webhooks/providers/${provider.id}`, { headers: signed(secret, body), data: body });
  expect(delivered.status(), await delivered.text()).toBeLessThan(300);
  // The same bytes with a signature made with another secret change nothing.
  const forged = await request.post(`/api/v1/webhooks/providers/${provider.id}`, { headers: signed("whsec_" + Buffer.from("not the secret at all!!").toString("base64"), body), data: body });
  expect(forged.status()).toBe(401);

  // The lead sees the clash and the cover to decide on their home.
  await signInAndWait(page, USERS.lead);
  await showAllTodos(page);
  await expect(page.getByRole("link", { name: new RegExp(`^The course "${title}" clashes with the protected meeting of Sarah Evans and James Patel on `) })).toBeVisible();
  const coverTodo = page.getByRole("link", { name: new RegExp(`^Approve or decline cover for Sarah Evans to attend "${title}"`) });
  await expect(coverTodo).toBeVisible();
  await checkA11y(page, "the lead's home with a clash and cover to decide");
  await coverTodo.click();
  await expect(page.getByRole("heading", { level: 1, name: "Cover for Sarah Evans" })).toBeVisible();
  await expect(page.getByText("Waiting for the lead")).toBeVisible();
  await checkA11y(page, "a cover request");
  await page.getByRole("group", { name: "Release them for the course?" }).getByLabel("Approve: arrange cover").check();
  await page.getByLabel("Note (optional)").fill("Science team covers period 5");
  await page.getByRole("button", { name: "Approve release" }).click();
  await expect(page.getByText("Release approved: it shows on their week.")).toBeVisible();
  await expect(page.getByText("Science team covers period 5")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve release" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  // The mentor: the clash on their home, the session booked and released on their record.
  await signInAndWait(page, USERS.mentor);
  await showAllTodos(page);
  await expect(page.getByRole("link", { name: new RegExp(`^The course "${title}" clashes with your protected meeting with James Patel on `) })).toBeVisible();
  await nav(page, "My training").click();
  await expect(page.getByRole("heading", { level: 1, name: "Training record: Sarah Evans" })).toBeVisible();
  const booked = page.getByRole("region", { name: "Booked sessions" });
  const row = booked.getByRole("row").filter({ hasText: title });
  await expect(row.getByRole("cell", { name: "Release approved" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Early career teacher entitlement: 20 hours" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Time by national standard for school-based ITT mentors" }).getByRole("cell", { name: "2 Teaching" })).toBeVisible();
  await checkA11y(page, "the mentor's training record");
  await page.screenshot({ path: "../docs/screenshots/training-record.png", fullPage: true });

  await nav(page, "Training").click();
  await expect(page.getByRole("heading", { level: 1, name: "Training calendar" })).toBeVisible();
  const listed = page.getByRole("row").filter({ hasText: title });
  await expect(listed.getByRole("cell", { name: /Clashes with a protected meeting\. Release approved/ })).toBeVisible();
  await checkA11y(page, "the training calendar");
  await page.screenshot({ path: "../docs/screenshots/training-calendar.png", fullPage: true });

  // At phone width.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSideScroll(page);
  await checkA11y(page, "the training calendar at 390 px");
  await page.goto(`/training/records/${me.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Training record: Sarah Evans" })).toBeVisible();
  await expectNoSideScroll(page);
  await checkA11y(page, "the training record at 390 px");
  await page.screenshot({ path: "../docs/screenshots/training-record-phone.png", fullPage: true });
});

test("a mentor logs hours with evidence and sees them against the standards", async ({ page }) => {
  const title = unique("Reading on feedback");
  await signInAndWait(page, USERS.secondMentor);
  await nav(page, "My training").click();
  await expect(page.getByRole("heading", { level: 1, name: "Training record: Daniel Brooks" })).toBeVisible();
  const form = page.getByRole("form", { name: "Log training" });
  await form.getByLabel("What it was").fill(title);
  await form.getByRole("group", { name: "Kind of mentor training" }).getByLabel("Refresher").check();
  await form.getByLabel("How long, in minutes").fill("90");
  await form.getByLabel("3 Professionalism").check();
  await form.getByLabel("Evidence", { exact: true }).fill("Notes shared with my lead");
  await form.getByRole("button", { name: "Log training" }).click();
  await expect(page.getByText("Logged.")).toBeVisible();
  const entries = page.getByRole("table", { name: "Training on record, latest first" });
  await expect(entries.getByRole("row").filter({ hasText: title })).toBeVisible();
  const standards = page.getByRole("table", { name: "Time by national standard for school-based ITT mentors" });
  await expect(standards.getByRole("row").filter({ hasText: "3 Professionalism" }).getByRole("cell", { name: /h/ })).not.toHaveText("0 min");
  await checkA11y(page, "a training record after logging hours");
});

test("the lead sees the school's mentors' training and the cover requests", async ({ page }) => {
  await signInAndWait(page, USERS.lead);
  await nav(page, "Mentor training").click();
  await expect(page.getByRole("heading", { level: 1, name: "Mentor training" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sarah Evans" })).toBeVisible();
  await checkA11y(page, "the school's mentor training");
  await nav(page, "Cover").click();
  await expect(page.getByRole("heading", { level: 1, name: "Cover requests" })).toBeVisible();
  await checkA11y(page, "cover requests");
  await page.screenshot({ path: "../docs/screenshots/cover-requests.png", fullPage: true });
});
