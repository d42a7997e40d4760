import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { logIn, otherBrowser, sqlScalar } from "./helpers";

/** A running auction nobody bids on yet, ten minutes long, on a published offer. */
function quietAuction(): number {
  const now = Date.now();
  const listing = sqlScalar(
    "SELECT l.id FROM listings l WHERE l.status = 'published' AND l.kind = 'offer' AND l.stall_id IS NOT NULL " +
      "AND NOT EXISTS (SELECT 1 FROM auctions a WHERE a.listing_id = l.id) ORDER BY l.id LIMIT 1",
  );
  return sqlScalar(
    "INSERT INTO auctions (listing_id, starting_price_vnd, current_price_vnd, bid_step_vnd, bid_count, starts_at, " +
      "ends_at, scheduled_end_at, status, seller_id, soft_close_ms) VALUES " +
      `(${listing}, 5000000, 5000000, 50000, 0, ${now - 1000}, ${now + 600_000}, ${now + 600_000}, 'approved', NULL, 0) ` +
      "RETURNING id",
  );
}

/** Bids a confirmed maximum through the bid form's own endpoint, as the member of `request`. */
async function bid(request: APIRequestContext, auction: number, max: number, key: string) {
  const response = await request.post("/api/place_bid", {
    form: { auction_id: String(auction), kind: "max", max: String(max), key, confirmed: "yes" },
    headers: { Accept: "application/json" },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test("the bell and a live auction keep working on every page of a walk through the site", async ({ page, browser }, info) => {
  test.skip(info.project.name === "no-js", "live updates need JavaScript");
  test.setTimeout(90_000);
  const member = "nguoi-mua-05@techx.demo";
  const rivalContext = await otherBrowser(browser);
  const rival = await rivalContext.newPage();
  await logIn(page, member, "techx-bidder-demo");
  await logIn(rival, "nguoi-mua-06@techx.demo", "techx-bidder-demo");
  const auction = quietAuction();
  const unread = () =>
    sqlScalar(
      `SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = '${member}' AND n.read_at IS NULL`,
    );

  // What the bell shows must come to match the database, at least `least`. Other notifications
  // may arrive meanwhile (an auction of an earlier test closing): the bell must count those too.
  const bell = page.getByTestId("bell-unread");
  const shown = async () => ((await bell.count()) === 0 ? 0 : Number(await bell.textContent()));
  const expectBell = async (least: number, where: string) => {
    await expect
      .poll(async () => {
        const count = await shown();
        return count >= least && count === unread() ? "matches" : `bell ${count}, unread ${unread()}, expected ≥ ${least}`;
      }, { message: where })
      .toBe("matches");
  };

  // Each step: the member leads with a higher maximum, the rival goes above it. The member is
  // outbid, so the bell on whatever page they are on counts one more, live.
  let step = 0;
  async function outbidOnThisPage(where: string) {
    step += 1;
    await expect(page.locator("body"), where).toHaveAttribute("data-hydrated", "true");
    const before = unread();
    await expectBell(before, where);
    // No reload may count: the document is marked and must still be the same one after.
    await page.evaluate(() => ((window as any).__walk = true));
    await bid(page.request, auction, 5_000_000 + 1_000_000 * step, `walk-member-${auction}-${step}`);
    await bid(rival.request, auction, 5_500_000 + 1_000_000 * step, `walk-rival-${auction}-${step}`);
    await expectBell(before + 1, where);
    expect(await page.evaluate(() => (window as any).__walk), where).toBe(true);
  }

  await page.goto("/");
  await outbidOnThisPage("home");

  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Chào bán" }).last().click();
  await expect(page).toHaveURL(/\/offers$/);
  await outbidOnThisPage("offers");

  await page.locator(".listing-card .card-link").first().click();
  await expect(page).toHaveURL(/\/listings\//);
  await outbidOnThisPage("a listing");

  await page.goto(`/auctions/${auction}`);
  await expect(page.getByTestId("live-on")).toBeVisible();
  await outbidOnThisPage("the auction");
  // The auction's own page follows the bids as they happen.
  const price = (amount: number) => `${amount.toLocaleString("de-DE")} ₫`;
  await expect(page.getByTestId("auction-price")).toHaveText(price(5_000_000 + 1_000_000 * step + 50_000));
  await expect(page.getByTestId("standing")).toHaveAttribute("data-standing", "outbid");

  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Gian hàng" }).last().click();
  await expect(page).toHaveURL(/\/stalls$/);
  await outbidOnThisPage("stalls");

  await rivalContext.close();
});
