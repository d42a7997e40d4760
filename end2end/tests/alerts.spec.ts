import { expect, test } from "@playwright/test";
import { logIn, sqlScalar, sqlText } from "./helpers";

test("a member saves a search from its results and manages it", async ({ page }) => {
  await logIn(page, "an@techx.demo", "techx-member-demo");
  await page.goto("/search?q=m%C3%A1y+s%E1%BA%A5y+l%C3%BAa&province=can-tho");
  const box = page.getByTestId("save-search");
  await box.locator("summary").click();
  const name = `Sấy lúa Cần Thơ ${Date.now()}`;
  await box.getByLabel("Tên tìm kiếm").fill(name);
  await box.getByLabel("Báo cho tôi").selectOption("weekly");
  await box.getByRole("button", { name: "Lưu và nhận thông báo" }).click();

  await expect(page).toHaveURL(/\/account\/alerts\?done=saved/);
  await expect(page.getByRole("status")).toContainText("Đã lưu tìm kiếm");
  const row = page.getByTestId("alert").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.locator(".chip").first()).toHaveText("“máy sấy lúa”");
  await expect(row.locator(".chip", { hasText: "Cần Thơ" })).toBeVisible();
  await expect(row.getByLabel("Báo cho tôi")).toHaveValue("weekly");

  // Paused, then gone.
  await row.getByTestId("alert-pause").click();
  await expect(page.getByTestId("alert").filter({ hasText: name }).getByTestId("alert-paused")).toBeVisible();
  await page.getByTestId("alert").filter({ hasText: name }).getByTestId("alert-delete").click();
  await expect(page.getByRole("status")).toContainText("Đã xoá tìm kiếm");
  await expect(page.getByTestId("alert").filter({ hasText: name })).toHaveCount(0);
});

test("a search that finds nothing offers to save it; a visitor logs in first", async ({ page }) => {
  await page.goto("/search?q=qwxyz+zzkq");
  const box = page.getByTestId("save-search");
  await expect(box).toHaveAttribute("open", "");
  await expect(box.getByLabel("Tên tìm kiếm")).toHaveValue("qwxyz zzkq");
  await box.getByRole("button", { name: "Lưu và nhận thông báo" }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fsearch%3Fq%3Dqwxyz/);
});

test("a listing published later reaches the member's notifications at once", async ({ page }) => {
  await logIn(page, "an@techx.demo", "techx-member-demo");
  const word = `zq${Date.now() % 1_000_000}x`;
  await page.goto(`/search?q=${word}`);
  const box = page.getByTestId("save-search");
  await box.getByLabel("Báo cho tôi").selectOption("instant");
  await box.getByRole("button", { name: "Lưu và nhận thông báo" }).click();
  await expect(page).toHaveURL(/\/account\/alerts\?done=saved/);

  // Another seller's listing holding the word is published.
  const title = `Máy gieo hạt ${word}`;
  const slug = `may-gieo-hat-${word}`;
  sqlText(
    `INSERT INTO listings (slug, kind, listing_type, seller_name, title, summary, sector_code, province_code,
       price_vnd, search_text, status, created_at, description, fold_title, fold_body)
     VALUES ('${slug}', 'offer', 'equipment', 'Cơ khí Tây Đô', '${title}', 'Gieo hạt đều', 'nong-nghiep',
       'can-tho', 25000000, 'may gieo hat ${word}', 'published', 1, '', 'may gieo hat ${word}', 'gieo hat deu')`,
  );
  expect(sqlScalar(`SELECT COUNT(*) FROM listings WHERE slug = '${slug}'`)).toBe(1);
  await expect(async () => {
    await page.goto("/account/notifications");
    await expect(page.getByTestId("notification").filter({ hasText: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const item = page.getByTestId("notification").filter({ hasText: title });
  await expect(item).toHaveAttribute("data-kind", "alert");
  await item.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/listings/${slug}$`));
});
