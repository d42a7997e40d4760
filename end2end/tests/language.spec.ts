import { expect, test } from "@playwright/test";

test("the language switch turns the page English and remembers it", async ({ page, context }) => {
  await page.goto("/offers?sector=thuy-san");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chào bán");

  // A link through /lang/en: the same page comes back in English, query and all.
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offers");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/offers\?sector=thuy-san$/);
  await expect(page.getByLabel("Sector")).toHaveValue("thuy-san");
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "lang")?.value).toBe("en");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offers");
  await page.getByRole("link", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chào bán");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
});
