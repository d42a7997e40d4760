import { expect, test } from "@playwright/test";

test("search without diacritics, narrow by filters and sort, all in the URL", async ({ page }) => {
  await page.goto("/search?q=may+say+lua");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tìm kiếm");
  const first = page.locator(".listing-card").first();
  await expect(first.locator("mark").first()).toHaveText(/^(Máy|sấy|lúa)$/i);
  const all = Number((await page.getByTestId("results-count").innerText()).replace(/\D/g, ""));
  expect(all).toBeGreaterThan(0);

  // Narrow: offers in Cần Thơ under 200 million, cheapest first. The filters start folded away
  // so the results come first on a phone.
  await expect(page.getByLabel("Loại tin")).toBeHidden();
  await page.locator("summary", { hasText: "Lọc kết quả" }).click();
  await page.getByLabel("Loại tin").selectOption("offer");
  await page.getByLabel("Tỉnh / thành phố").selectOption("can-tho");
  await page.getByLabel("Giá đến (đồng)").fill("200.000.000");
  await page.getByLabel("Sắp xếp").selectOption("price_asc");
  await page.getByRole("button", { name: "Áp dụng" }).click();
  await expect(page).toHaveURL(/kind=offer/);
  await expect(page).toHaveURL(/province=can-tho/);
  await expect(page).toHaveURL(/sort=price_asc/);
  const narrowed = Number((await page.getByTestId("results-count").innerText()).replace(/\D/g, ""));
  expect(narrowed).toBeLessThan(all);
  await expect(page.getByLabel("Giá đến (đồng)")).toHaveValue("200.000.000");
  const prices = await page.locator(".listing-card .card-price").allInnerTexts();
  const amounts = prices.map((p) => Number(p.replace(/\D/g, ""))).filter((n) => n > 0);
  expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
  expect(Math.max(...amounts)).toBeLessThanOrEqual(200_000_000);

  // A filter that does not parse is said next to it; the rest still applies.
  await page.getByLabel("Giá đến (đồng)").fill("hai trăm triệu");
  await page.getByRole("button", { name: "Áp dụng" }).click();
  await expect(page.locator("#filter-price_max-note")).toHaveText("Chỉ nhập chữ số.");
  await expect(page.getByLabel("Giá đến (đồng)")).toHaveValue("hai trăm triệu");
});

test("offers narrowed by sector keep the sector on the next page", async ({ page }) => {
  await page.goto("/offers?sector=thuy-san");
  await expect(page.getByLabel("Lĩnh vực")).toHaveValue("thuy-san");
  await page.getByRole("link", { name: /Trang sau/ }).click();
  await expect(page).toHaveURL(/\/offers\?sector=thuy-san&page=2/);
  await expect(page.getByLabel("Lĩnh vực")).toHaveValue("thuy-san");
  await expect(page.locator(".listing-card").first()).toBeVisible();
});

test("titles are suggested while typing", async ({ page }) => {
  test.skip(test.info().project.name === "no-js", "suggestions need JavaScript");
  await page.goto("/search");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  // The page's own chunk hydrates after the shell; keys typed before it are not heard.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Từ khóa").pressSequentially("may say lu");
  await expect(page.locator("#filter-q-suggestions option").first()).toHaveAttribute("value", /[Mm]áy sấy lúa/);
});
