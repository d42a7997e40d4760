import { expect, type Page, test } from "@playwright/test";
import { logIn, otherBrowser, sqlScalar, sqlText } from "./helpers";

/** Whether the test runs with JavaScript (live updates) or without (plain forms, reloads). */
function withJs(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/** Opens the auction's page; once hydrated, waits until its live stream is connected. */
async function openAuction(page: Page, id: number) {
  await page.goto(`/auctions/${id}`);
  await expect(page.getByTestId("auction-price")).toBeVisible();
  if (withJs()) {
    await expect(page.locator("body[data-hydrated=true]")).toBeAttached();
    await expect(page.getByTestId("live-on")).toBeVisible();
  }
}

/** What `page` shows after another browser's bid: live with JavaScript, after a reload without. */
async function seeLatest(page: Page) {
  if (!withJs()) {
    await page.reload();
  }
}

/**
 * A fresh auction on a published offer nobody auctions yet, by its stall's owner, running from
 * now for `seconds`, where every bid falls in the soft-close window of `softSeconds`.
 */
function newAuction(seconds: number, softSeconds: number): number {
  const now = Date.now();
  const listing = sqlScalar(
    "SELECT l.id FROM listings l WHERE l.status = 'published' AND l.kind = 'offer' AND l.stall_id IS NOT NULL " +
      "AND NOT EXISTS (SELECT 1 FROM auctions a WHERE a.listing_id = l.id) ORDER BY l.id DESC LIMIT 1",
  );
  return sqlScalar(
    "INSERT INTO auctions (listing_id, starting_price_vnd, current_price_vnd, bid_step_vnd, bid_count, starts_at, " +
      "ends_at, scheduled_end_at, status, seller_id, soft_close_ms) VALUES " +
      `(${listing}, 5000000, 5000000, 50000, 0, ${now - 1000}, ${now + seconds * 1000}, ${now + seconds * 1000}, ` +
      `'approved', NULL, ${softSeconds * 1000}) RETURNING id`,
  );
}

test("two bidders bid against each other: each sees the other's bid, a late bid extends the end, the winner sees it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const other = await otherBrowser(browser);
  const rival = await other.newPage();
  await logIn(page, "nguoi-mua-01@techx.demo", "techx-bidder-demo");
  await logIn(rival, "nguoi-mua-02@techx.demo", "techx-bidder-demo");
  // Every bid falls in the last 20 seconds, so each one pushes the end to 20 seconds after it.
  const id = newAuction(20, 20);
  await openAuction(page, id);
  await openAuction(rival, id);
  await expect(page.getByTestId("no-bids")).toBeVisible();
  const firstEnd = Number(await rival.getByTestId("countdown").getAttribute("data-ends-at"));

  // A maximum is binding: the page asks for a confirmation first.
  await page.getByTestId("bid-max").fill("5.300.000");
  await page.getByTestId("place-max").click();
  await expect(page.getByTestId("confirm-bid")).toContainText("5.300.000 ₫");
  await page.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("standing")).toHaveAttribute("data-standing", "leading");
  await expect(page.getByTestId("my-max")).toHaveText("5.300.000 ₫");
  await expect(page.getByTestId("auction-price")).toHaveText("5.000.000 ₫");

  // The rival's page shows the bid, and the end pushed back by it.
  await seeLatest(rival);
  await expect(rival.getByTestId("bid-count")).toHaveText("1");
  await expect(rival.getByTestId("auction-leader")).toHaveText(/\*\*\*/);
  await expect(rival.getByTestId("extended")).toBeVisible();
  await expect
    .poll(async () => Number(await rival.getByTestId("countdown").getAttribute("data-ends-at")))
    .toBeGreaterThan(firstEnd);

  // A quick bid at the minimum: the first bidder's maximum answers at once.
  await expect(rival.getByTestId("quick-bid-1")).toContainText("5.050.000 ₫");
  await rival.getByTestId("quick-bid-1").click();
  await expect(rival.getByTestId("standing")).toHaveAttribute("data-standing", "outbid");
  await expect(rival.getByTestId("auction-price")).toHaveText("5.100.000 ₫");
  await seeLatest(page);
  await expect(page.getByTestId("auction-price")).toHaveText("5.100.000 ₫");
  await expect(page.getByTestId("standing")).toHaveAttribute("data-standing", "leading");

  // A bid below the minimum is refused, with the reason and what was typed kept.
  await rival.getByTestId("bid-max").fill("5.000.000");
  await rival.getByTestId("place-max").click();
  await rival.getByTestId("confirm-submit").click();
  await expect(rival.getByTestId("bid-error")).toContainText("thấp hơn giá đặt tối thiểu");

  // The rival goes above the first maximum and leads; the first bidder's page says "outbid".
  await rival.getByTestId("bid-max").fill("5.500.000");
  await rival.getByTestId("place-max").click();
  await rival.getByTestId("confirm-submit").click();
  await expect(rival.getByTestId("standing")).toHaveAttribute("data-standing", "leading");
  await expect(rival.getByTestId("auction-price")).toHaveText("5.350.000 ₫");
  await seeLatest(page);
  await expect(page.getByTestId("standing")).toHaveAttribute("data-standing", "outbid");
  await expect(page.getByTestId("auction-price")).toHaveText("5.350.000 ₫");
  await expect(page.getByTestId("bid-history").locator("tbody tr")).toHaveCount(5);

  // The auction closes 20 seconds after the last bid; the rival sees that they won.
  if (!withJs()) {
    await expect.poll(() => sqlText(`SELECT status FROM auctions WHERE id = ${id}`), { timeout: 30_000 }).toBe("closed");
    await rival.reload();
  }
  await expect(rival.getByTestId("auction-ended")).toBeVisible({ timeout: 30_000 });
  await expect(rival.getByTestId("standing")).toHaveAttribute("data-standing", "won");
  await expect(rival.getByTestId("auction-price")).toHaveText("5.350.000 ₫");
  await seeLatest(page);
  await expect(page.getByTestId("standing")).toHaveAttribute("data-standing", "lost", { timeout: 10_000 });
  expect(sqlScalar(`SELECT sold_price_vnd FROM auctions WHERE id = ${id}`)).toBe(5_350_000);

  // The notification centre tells the first bidder they were outbid and lost, and the rival
  // that they won; the bell in the header counts what is unread.
  if (!withJs()) {
    await page.reload();
  }
  await expect(page.getByTestId("bell-unread")).toBeVisible();
  await page.getByTestId("header-bell").click();
  const mine = page.getByTestId("notification").filter({ has: page.locator(`a[href="/auctions/${id}"]`) });
  await expect(mine.and(page.locator("[data-kind=outbid]"))).toContainText("Có người trả giá cao hơn");
  await expect(mine.and(page.locator("[data-kind=lost]"))).toHaveCount(1);
  await page.getByTestId("mark-read").click();
  await expect(page.getByText("Đã đánh dấu đã đọc.")).toBeVisible();
  await expect(mine.first()).not.toHaveClass(/notification-unread/);
  await rival.goto("/account/notifications");
  await expect(rival.getByTestId("notification").filter({ has: rival.locator(`a[href="/auctions/${id}"]`) }).and(rival.locator("[data-kind=won]"))).toContainText("5.350.000 ₫");
  await other.close();
});

test("a visitor is asked to log in to bid, and sees the bidding without anyone's maximum", async ({ page }) => {
  const now = Date.now();
  const id = sqlScalar(`SELECT id FROM auctions WHERE status = 'approved' AND bid_count > 0 AND starts_at < ${now} AND ends_at > ${now + 600_000} ORDER BY id LIMIT 1`);
  await openAuction(page, id);
  await expect(page.getByTestId("login-to-bid")).toBeVisible();
  await expect(page.getByTestId("bid-history").locator("tbody tr").first()).toContainText("***");
  await expect(page.getByTestId("standing")).toHaveCount(0);
  await page.getByTestId("login-to-bid").click();
  await expect(page).toHaveURL(new RegExp(`/login\\?next=/auctions/${id}`));
});
