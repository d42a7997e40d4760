import { expect, test } from "@playwright/test";

test("from the stall directory to a stall, one of its offers, and back to the stall", async ({ page }) => {
  await page.goto("/stalls");
  const stallCard = page.locator(".stall-card").first();
  const stallName = (await stallCard.locator(".card-title").innerText()).trim();
  await stallCard.locator(".card-link").click();

  await expect(page).toHaveURL(/\/stalls\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(stallName);
  const offer = page.locator("#offers .listing-card").first();
  const title = (await offer.locator(".card-title").innerText()).trim();
  await offer.locator(".card-link").click();

  await expect(page).toHaveURL(/\/listings\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".price-value")).toBeVisible();
  await expect(page.getByTestId("listing-views")).toHaveText(/^\d/);
  const url = page.url();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", url);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", title);

  await page.locator(".seller-card .seller-name a").click();
  await expect(page).toHaveURL(/\/stalls\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(stallName);
});

test("an unknown listing or stall is a 404 page", async ({ page }) => {
  for (const path of ["/listings/khong-co-tin-nay", "/stalls/khong-co-gian-nay"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
  }
});
