import { expect, test } from "@playwright/test";
import { logIn, otherBrowser, sqlText } from "./helpers";

test("a buyer asks a match for an introduction from their request", async ({ page }) => {
  await logIn(page, "an@techx.demo", "techx-member-demo");
  const slug = sqlText(
    `SELECT slug FROM listings WHERE kind = 'request' AND status = 'published'
       AND owner_id = (SELECT id FROM users WHERE email = 'an@techx.demo') ORDER BY id DESC LIMIT 1`,
  );
  expect(slug).not.toBe("");
  await page.goto(`/listings/${slug}`);
  const matches = page.getByTestId("listing-matches");
  // The first match was introduced when the demo was seeded; ask the second.
  const match = matches.getByTestId("match").nth(1);
  const title = (await match.locator(".card-title").innerText()).trim();
  // Demo offers of stalls nobody runs yet have no one to answer: the demo stall member takes it.
  const href = (await match.locator(".card-link").getAttribute("href"))!;
  sqlText(
    `UPDATE listings SET owner_id = (SELECT id FROM users WHERE email = 'binh@techx.demo')
     WHERE slug = '${href.replace("/listings/", "")}' AND owner_id IS NULL`,
  );
  await match.locator("summary", { hasText: "Đề nghị kết nối" }).click();
  await match.getByLabel("Lời nhắn").fill("Hợp tác xã chúng tôi cần 5 bộ cho vụ đông xuân, xin báo giá.");
  await match.getByRole("button", { name: "Gửi đề nghị" }).click();
  await expect(page).toHaveURL(/\/account\/introductions$/);
  const row = page.getByTestId("introduction").filter({ hasText: title }).first();
  await expect(row).toHaveAttribute("data-status", "requested");
  await expect(row).toContainText("Bạn đề nghị kết nối với");
  await expect(row.getByTestId("introduction-contact")).toHaveCount(0);
});

test("a seller accepts an introduction and sees the buyer's contact details", async ({ page }) => {
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  await page.goto("/account/introductions");
  const waiting = page.locator('[data-testid="introduction"][data-status="requested"]').first();
  const id = await waiting.getAttribute("id");
  const message = (await waiting.locator(".introduction-message").innerText()).trim();
  await waiting.getByRole("button", { name: "Đồng ý kết nối" }).click();
  await expect(page.getByRole("status")).toContainText("Đã cập nhật");
  const row = page.locator(`#${id}`);
  await expect(row).toHaveAttribute("data-status", "accepted");
  await expect(row.getByTestId("introduction-contact")).toContainText("@techx.demo");
  await row.getByRole("link", { name: "Trao đổi" }).click();
  await expect(page).toHaveURL(/\/account\/inquiries\/\d+$/);
  await expect(page.locator("body")).toContainText(message);
});

test("/connect opens with the exchange's confirmed deals, by sector", async ({ page }) => {
  await page.goto("/connect");
  const figures = page.getByTestId("connect-figures");
  await expect(figures).toBeVisible();
  await expect(figures.getByTestId("figure-deals")).not.toHaveText("0");
  await expect(figures.getByRole("table").first()).toContainText("Giao dịch");
});

test("a sold auction's winner records what was paid and its seller confirms it", async ({ page, browser }) => {
  // A demo auction that ended with a winner, sold by Bình to An.
  const auction = sqlText(
    `SELECT id FROM auctions WHERE winner_id IS NOT NULL
       AND id NOT IN (SELECT auction_id FROM deal_outcomes WHERE auction_id IS NOT NULL)
     ORDER BY id LIMIT 1`,
  );
  expect(auction).not.toBe("");
  sqlText(
    `UPDATE auctions SET seller_id = (SELECT id FROM users WHERE email = 'binh@techx.demo'),
       winner_id = (SELECT id FROM users WHERE email = 'an@techx.demo') WHERE id = ${auction}`,
  );
  await logIn(page, "an@techx.demo", "techx-member-demo");
  await page.goto("/account/introductions");
  const row = page.locator(`#auction-${auction}`);
  await expect(row).toContainText("Bạn đã thắng");
  const value = row.getByLabel("Giá trị (đồng)");
  await expect(value).not.toHaveValue("");
  await value.fill("0");
  await row.getByLabel("Ngày giao dịch").fill("2026-01-05");
  await row.getByRole("button", { name: "Ghi kết quả" }).click();
  // Refused beside the value, what was typed kept.
  const refused = page.locator(`#auction-${auction}`);
  await expect(refused.locator(".field-error")).toContainText("Giá trị phải từ 1 đồng");
  await expect(refused.getByLabel("Ngày giao dịch")).toHaveValue("2026-01-05");
  await refused.getByLabel("Giá trị (đồng)").fill("250000000");
  await refused.getByRole("button", { name: "Ghi kết quả" }).click();
  await expect(page.locator(`#auction-${auction}`).getByTestId("deal")).toContainText("Chờ bên kia xác nhận");

  const seller = await otherBrowser(browser);
  const other = await seller.newPage();
  await logIn(other, "binh@techx.demo", "techx-stall-demo");
  await other.goto("/account/introductions");
  const theirs = other.locator(`#auction-${auction}`);
  await expect(theirs).toContainText("Bạn đã bán");
  await theirs.getByTestId("confirm-deal").click();
  await expect(other.locator(`#auction-${auction}`).getByTestId("deal")).toContainText("Đã xác nhận");
  await seller.close();
});
