import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { checkA11y, clockNow, expect, signInAndWait, test, unique, USERS } from "./helpers";

const SHOTS = "/tmp/shots-providers";
const PHONE = { width: 390, height: 844 };

/** A delivery signed as Standard Webhooks signs it: HMAC-SHA256 over id.timestamp.body. */
async function deliver(request: APIRequestContext, url: string, secret: string, body: object) {
  const raw = JSON.stringify(body);
  const id = `msg_${randomUUID()}`;
  const stamp = String(Math.floor(clockNow() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${stamp}.${raw}`).digest("base64");
  return request.post(url, {
    data: raw,
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": stamp, "webhook-signature": `v1,${signature}` },
  });
}

for (const width of [1280, 390]) {
  test(`a provider is registered, its secret shown once, deliveries logged and reprocessed (${width} px)`, async ({ page, context, request }) => {
    mkdirSync(SHOTS, { recursive: true });
    if (width === 390) await page.setViewportSize(PHONE);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const name = unique("Northern University");
    await signInAndWait(page, USERS.admin);
    if (width === 390) await page.getByRole("button", { name: /menu/i }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Providers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Providers" })).toBeVisible();
    await page.getByRole("button", { name: "Register provider" }).click();
    await expect(page.getByText("Enter the provider's name").first()).toBeVisible();
    await checkA11y(page, "providers with an error");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Kind").selectOption("hei");
    await page.getByRole("button", { name: "Register provider" }).click();

    await expect(page.getByRole("heading", { level: 1, name: `${name} is registered` })).toBeVisible();
    await expect(page.getByText("This secret is shown only once.")).toBeVisible();
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    const url = (await page.locator("dd.mono").first().textContent()) ?? "";
    expect(url).toMatch(/\/api\/v1\/webhooks\/providers\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Copy to clipboard" }).click();
    await expect(page.getByText("Copied.")).toBeVisible();
    await checkA11y(page, "provider registered");
    await page.screenshot({ path: `${SHOTS}/secret-${width}.png`, fullPage: true });
    await page.getByRole("link", { name: "I have stored the secret" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    // Link a mentor.
    await page.getByLabel("Link a mentor or mentee").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Link person" }).click();
    await expect(page.getByText(/is linked\.$/)).toBeVisible();
    await expect(page.getByRole("table", { name: `People linked to ${name}` }).getByRole("row")).toHaveCount(2);
    await checkA11y(page, "provider page");
    await page.screenshot({ path: `${SHOTS}/provider-${width}.png`, fullPage: true });

    // Deliveries: one good, one invalid, one unknown type.
    const good = await deliver(request, url, secret, {
      type: "course_date.created",
      timestamp: new Date(clockNow()).toISOString(),
      data: { id: "cd-1", title: "Mentor training day 2", starts_at: "2027-03-04T09:00:00Z", ends_at: "2027-03-04T15:30:00Z", audience: "mentors" },
    });
    expect(good.status()).toBe(200);
    const bad = await deliver(request, url, secret, { type: "deadline.created", timestamp: new Date(clockNow()).toISOString(), data: { id: "d-1" } });
    expect(bad.status()).toBe(422);
    expect((await deliver(request, url, secret, { type: "cohort.created", data: {} })).status()).toBe(200);
    expect((await request.post(url, { data: "{}", headers: { "content-type": "application/json" } })).status()).toBe(401);

    await page.getByRole("link", { name: `Deliveries from ${name}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Delivery log" })).toBeVisible();
    const rows = page.getByRole("table", { name: "Deliveries" }).getByRole("row");
    await expect(rows).toHaveCount(4);
    await page.getByLabel("Outcome").selectOption("rejected");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText("data.title");
    await checkA11y(page, "delivery log");
    await page.screenshot({ path: `${SHOTS}/deliveries-${width}.png`, fullPage: true });
    await rows.nth(1).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: `Delivery from ${name}` })).toBeVisible();
    await expect(page.getByText("Rejected").first()).toBeVisible();
    await checkA11y(page, "delivery detail");
    await page.getByRole("button", { name: "Process again" }).click();
    await expect(page.getByText("Processed again: rejected.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Process again" })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/delivery-${width}.png`, fullPage: true });

    // Rotate, then disable: the old secret still works in the overlap; disabled refuses all.
    await page.goBack();
    await page.goBack();
    await page.goto(url.replace(/.*\/api\/v1\/webhooks\/providers\//, "/providers/"));
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const rotate = page.getByRole("dialog", { name: "Rotate the signing secret?" });
    await expect(rotate).toContainText("keeps working for 24 hours");
    await checkA11y(page, "rotate dialog");
    await rotate.getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `A new secret for ${name}` })).toBeVisible();
    const fresh = await page.getByLabel("New signing secret").inputValue();
    expect(fresh).not.toBe(secret);
    await expect(page.getByText(/The previous secret keeps working until/)).toBeVisible();
    await checkA11y(page, "secret rotated");
    for (const key of [secret, fresh]) {
      expect((await deliver(request, url, key, { type: "cohort.created", data: {} })).status()).toBe(200);
    }
    await page.getByRole("button", { name: "I have stored the secret" }).click();
    await page.getByRole("button", { name: "Disable provider" }).click();
    await page.getByRole("dialog", { name: `Disable ${name}?` }).getByRole("button", { name: "Disable provider" }).click();
    await expect(page.getByText(`${name} is disabled.`)).toBeVisible();
    expect((await deliver(request, url, fresh, { type: "cohort.created", data: {} })).status()).toBe(401);
    await expect(page.getByRole("button", { name: "Enable provider" })).toBeVisible();
    expect(await page.content()).not.toContain(fresh);
  });
}
