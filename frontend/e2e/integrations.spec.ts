import { checkA11y, expect, signInAndWait, test, unique, USERS } from "./helpers";

test("an integration client's secret is shown once, then gone; revoking asks first", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = unique("Arbor");
  await signInAndWait(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeFocused();
  await checkA11y(page, "integrations list");
  await page.getByRole("link", { name: "Create an integration client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create an integration client" })).toBeFocused();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("group", { name: "Schools it may see" })).toHaveAccessibleDescription(/at least one school/);
  await checkA11y(page, "create client with errors");
  await page.getByLabel("Hillcrest Academy").check();
  await page.getByLabel(/org:read/).check();
  await page.getByRole("button", { name: "Create client" }).click();

  await expect(page.getByRole("heading", { level: 1, name: `${name} is ready` })).toBeVisible();
  await expect(page.getByText("This secret is shown only once.")).toBeVisible();
  const secret = await page.getByLabel("Client secret").inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await page.getByRole("button", { name: "Copy to clipboard" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await checkA11y(page, "client created");

  await page.getByRole("link", { name: "I have stored the secret" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
  await expect(page.getByText(`${name} has been created.`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Active");
  await expect(page.getByText(secret)).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await page.goBack();
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  await page.goto("/integrations");
  await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke ${name}?` });
  await expect(dialog).toBeVisible();
  await checkA11y(page, "revoke dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Active");
  await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Revoke ${name}` }).click();
  await dialog.getByRole("button", { name: "Revoke client" }).click();
  await expect(page.getByText(`${name} has been revoked.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
});
