import { expect, test } from "@playwright/test";
import { logIn, otherBrowser, sqlText } from "./helpers";

const TECHMART = "/events/cho-cong-nghe-thiet-bi-can-tho-mua-moi";

test("a stall applies for a booth, a moderator numbers it, the techmart shows its listings", async ({ page, browser }) => {
  const stall = sqlText(
    `SELECT s.name FROM stalls s JOIN stall_members m ON m.stall_id = s.id JOIN users u ON u.id = m.user_id
     WHERE u.email = 'binh@techx.demo' AND s.status = 'approved' ORDER BY s.id LIMIT 1`,
  );
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  await page.goto(TECHMART);
  await page.getByTestId("event-apply-booth").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký gian hàng trưng bày");
  const panel = page.getByTestId("booth-stall").filter({ hasText: stall });
  // Nothing ticked: refused beside the listings.
  for (const box of await panel.getByRole("checkbox").all()) await box.uncheck();
  await panel.getByTestId("booth-apply").click();
  await expect(page.getByTestId("booth-stall").filter({ hasText: stall }).locator(".field-error")).toHaveText("Chọn từ 1 đến 12 sản phẩm.");
  const boxes = page.getByTestId("booth-stall").filter({ hasText: stall }).getByRole("checkbox");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const shown = (await page.getByTestId("booth-stall").filter({ hasText: stall }).locator("label.check").nth(0).textContent())!.trim();
  await page.getByTestId("booth-stall").filter({ hasText: stall }).getByTestId("booth-apply").click();
  await expect(page.getByTestId("booth-done")).toHaveText("Đã gửi đăng ký gian hàng.");

  const moderator = await (await otherBrowser(browser)).newPage();
  await logIn(moderator, "moderator@techx.demo", "techx-moderator-demo");
  await moderator.goto(TECHMART);
  await moderator.getByTestId("event-booth-desk").click();
  const application = moderator.getByTestId("booth-application").filter({ hasText: stall });
  await application.getByLabel("Số gian").fill("z9");
  await application.getByRole("button", { name: "Nhận và xếp gian" }).click();
  await expect(moderator.getByRole("status")).toHaveText("Đã lưu quyết định.");
  await expect(moderator.getByTestId("booth-application").filter({ hasText: stall })).toContainText("Z9");

  await page.goto(TECHMART);
  const exhibitor = page.getByTestId("exhibitors").locator(".exhibitor").filter({ hasText: stall });
  await expect(exhibitor.locator(".exhibitor-booth")).toContainText("Z9");
  await page.getByTestId("event-techmart").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chợ công nghệ trực tuyến");
  await expect(page.getByTestId("techmart-when")).toContainText("chưa bắt đầu");
  const words = shown.split(/\s+/).slice(0, 3).join(" ");
  await page.getByTestId("techmart-filter").getByLabel("Từ khóa").fill(words);
  await page.getByTestId("techmart-filter").getByRole("button", { name: "Áp dụng" }).click();
  await expect(page.getByTestId("techmart-listings")).toContainText(shown);
});
