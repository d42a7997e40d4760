import { expect, test } from "@playwright/test";

test("the language switch turns the page English and remembers it", async ({ page, context }, testInfo) => {
  await page.goto("/offers");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chào bán");

  // Mark the document: with JavaScript the switch must happen in place, without a reload.
  const scripted = testInfo.project.name === "js";
  if (scripted) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    await page.evaluate(() => ((window as any).__sameDocument = true));
  }
  await page.getByRole("link", { name: "English" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offers");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/offers$/);
  if (scripted) {
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  }
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "lang")?.value).toBe("en");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offers");
  if (scripted) {
    // The page's own chunk hydrates after the shell: switch once it has.
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    await page.waitForLoadState("networkidle");
  }
  await page.getByRole("link", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chào bán");
});
