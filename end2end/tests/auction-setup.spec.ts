import { expect, test } from "@playwright/test";
import { logIn, otherBrowser } from "./helpers";

/** `ms` as a `datetime-local` value in Vietnam time (UTC+7), as the form takes it. */
function vietnamInput(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
}

test("a seller puts an offer up for auction; a moderator approves it and confirms a bidder's deposit; the bidder bids", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const other = await otherBrowser(browser);
  const moderator = await other.newPage();
  const third = await otherBrowser(browser);
  const bidder = await third.newPage();
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  await logIn(moderator, "moderator@techx.demo", "techx-moderator-demo");
  await logIn(bidder, "nguoi-mua-05@techx.demo", "techx-bidder-demo");

  // The seller picks a published offer without an auction and sets the rules.
  await page.goto("/account/listings");
  const line = page.getByTestId("own-listing").filter({ has: page.getByTestId("put-up-for-auction") }).first();
  const title = (await line.locator("h2").textContent())!.trim();
  await line.getByTestId("put-up-for-auction").click();
  await expect(page.getByTestId("auction-editor")).toBeVisible();
  const now = Date.now();
  await page.getByLabel("Giá khởi điểm (đ)").fill("50.000.000");
  await page.getByLabel("Giá sàn (ẩn)").fill("49.000.000");
  await page.getByLabel("Bắt đầu", { exact: true }).fill(vietnamInput(now));
  await page.getByLabel("Kết thúc", { exact: true }).fill(vietnamInput(now + 2 * 3_600_000));
  await page.getByLabel(/Chỉ người đã đăng ký/).check();
  await page.getByLabel("Tiền đặt trước (đ)").fill("5.000.000");
  await page.getByTestId("submit-auction").click();
  // Refused with the reason beside the field, and everything typed still there.
  await expect(page.locator("#field-reserve-note")).toContainText("Giá sàn phải từ giá khởi điểm trở lên");
  await expect(page.getByLabel("Tiền đặt trước (đ)")).toHaveValue("5.000.000");
  await expect(page.getByLabel(/Chỉ người đã đăng ký/)).toBeChecked();
  await page.getByLabel("Giá sàn (ẩn)").fill("");
  await page.getByTestId("submit-auction").click();
  await expect(page.getByText("Đã gửi phiên đấu giá")).toBeVisible();
  const link = page.getByTestId("own-listing").filter({ hasText: title }).getByTestId("own-auction-link");
  await expect(link).toContainText("chờ duyệt");
  const href = (await link.getAttribute("href"))!;

  // A moderator approves it from the queue.
  await moderator.goto("/moderation#auctions");
  const card = moderator.getByTestId("pending-auction").filter({ hasText: title });
  await expect(card).toContainText("50.000.000 ₫");
  await expect(card).toContainText("5.000.000 ₫");
  await card.getByTestId("approve-auction").click();
  await expect(moderator.getByText("Đã duyệt phiên đấu giá.")).toBeVisible();

  // A bidder must register first; the deposit waits for a moderator.
  await bidder.goto(href);
  await expect(bidder.getByTestId("registration")).toContainText("5.000.000 ₫");
  await expect(bidder.getByTestId("place-max")).toHaveCount(0);
  await bidder.getByLabel("Mã giao dịch chuyển khoản tiền đặt trước").fill("VCB 0099 8877");
  await bidder.getByLabel("Số điện thoại liên hệ").fill("0901 234 567");
  await bidder.getByTestId("register-submit").click();
  await expect(bidder.getByTestId("registration-pending")).toBeVisible();

  await moderator.goto("/moderation#bidders");
  const registration = moderator.getByTestId("pending-bidder").filter({ hasText: "VCB 0099 8877" });
  await expect(registration).toContainText(title);
  await registration.getByTestId("approve-bidder").click();
  await expect(moderator.getByText("Đã xác nhận tiền đặt trước")).toBeVisible();

  // Approved: the bidding forms appear and a bid is taken.
  await bidder.goto(href);
  await expect(bidder.getByTestId("registration-approved")).toBeVisible();
  await bidder.getByTestId("quick-bid-1").click();
  await expect(bidder.getByTestId("standing")).toHaveAttribute("data-standing", "leading");
  await expect(bidder.getByTestId("auction-price")).toHaveText("50.000.000 ₫");

  // The index has its sections as links.
  await page.goto("/auctions");
  await expect(page.getByTestId("auctions-running")).toHaveAttribute("aria-current", "page");
  await page.getByTestId("auctions-upcoming").click();
  await expect(page.getByTestId("auctions-upcoming")).toHaveAttribute("aria-current", "page");
  await other.close();
  await third.close();
});
