import { expect, test } from "@playwright/test";
import { sqlScalar } from "./helpers";

test.describe("home page", () => {
  test("shows the exchange's figures as the database holds them", async ({ page }) => {
    const stalls = sqlScalar("SELECT COUNT(*) FROM stalls WHERE status = 'approved'");
    const offers = sqlScalar("SELECT COUNT(*) FROM listings WHERE status = 'published' AND kind = 'offer'");
    const requests = sqlScalar("SELECT COUNT(*) FROM listings WHERE status = 'published' AND kind = 'request'");
    expect(stalls).toBeGreaterThanOrEqual(240); // the seed's 240, plus any a test added
    // The seed's 44, plus auctions other specs put up and minus those they ended (buy-now).
    const running = sqlScalar(
      `SELECT COUNT(*) FROM auctions WHERE status = 'approved' AND starts_at <= ${Date.now()} AND ends_at > ${Date.now()}`,
    );
    expect(running).toBeGreaterThan(0);

    await page.goto("/");
    const figures = page.getByRole("region", { name: "Số liệu của sàn" });
    await expect(figures.getByRole("definition").nth(0)).toHaveText(stalls.toLocaleString("de-DE"));
    await expect(figures.locator('[data-counter="offers"] dd')).toHaveAttribute("data-value", String(offers));
    await expect(figures.locator('[data-counter="offers"] dd')).toHaveText(offers.toLocaleString("de-DE"));
    await expect(figures.locator('[data-counter="requests"] dd')).toHaveAttribute("data-value", String(requests));
    await expect(figures.locator('[data-counter="auctions"] dd')).toHaveAttribute("data-value", String(running));
    const visits = Number(await figures.locator('[data-counter="visits"] dd').getAttribute("data-value"));
    expect(visits).toBeGreaterThan(0);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nơi công nghệ gặp người cần");
    await expect(page.getByRole("heading", { name: "Chào bán mới" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Đấu giá đang diễn ra" })).toBeVisible();
  });

  test("a stall approved in the database shows up in the count", async ({ page }, testInfo) => {
    const slug = `e2e-${testInfo.project.name}-${Date.now()}`;
    const before = sqlScalar("SELECT COUNT(*) FROM stalls WHERE status = 'approved'");
    sqlScalar(
      "INSERT INTO stalls (slug, name, org_kind, sector_code, province_code, description, status, created_at) " +
        `VALUES ('${slug}', 'Công ty E2E', 'company', 'co-khi', 'can-tho', 'Kiểm thử', 'approved', 0) RETURNING id`,
    );
    // A change made behind the server's back shows once the page kept for visitors is stale
    // (`--page-cache-ms`, 5 s by default); the home figures themselves are not cached here.
    await expect
      .poll(
        async () => {
          await page.goto("/");
          return page.locator('[data-counter="stalls"] dd').getAttribute("data-value");
        },
        { timeout: 15_000, intervals: [500] },
      )
      .toBe(String(before + 1));
  });

  test("navigation reaches every section and the search finds without diacritics", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await nav.getByRole("link", { name: "Gian hàng" }).last().click();
    await expect(page).toHaveURL(/\/stalls$/);
    await expect(page.getByRole("heading", { level: 1, name: "Gian hàng" })).toBeVisible();
    await expect(page.locator(".stall-card").first()).toBeVisible();

    await page.getByRole("searchbox").first().fill("may say lua");
    await page.getByRole("button", { name: "Tìm kiếm" }).first().click();
    await expect(page).toHaveURL(/\/search\?q=may\+say\+lua/);
    await expect(page.locator(".listing-card").first()).toContainText(/máy sấy lúa/i);
  });
});
