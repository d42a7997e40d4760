import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";

test("visitors read the exchange in figures, pick a period and take a chart's CSV", async ({ page }) => {
  const js = test.info().project.use.javaScriptEnabled;
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Thống kê" }).first().click();
  await expect(page).toHaveURL(/\/statistics$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sàn giao dịch qua các con số");

  // The headline figures come from the seeded exchange.
  const offers = page.locator("[data-figure=offers] dd");
  expect(Number(await offers.getAttribute("data-value"))).toBeGreaterThan(10_000);
  expect(Number(await page.locator("[data-figure=visits] dd").getAttribute("data-value"))).toBeGreaterThan(100_000);

  // Each chart is an image named by its caption, drawn on the server.
  const sectors = page.locator("figure[data-chart=listings-by-sector]");
  await expect(sectors.getByRole("img", { name: "Tin đang đăng theo lĩnh vực" })).toBeVisible();
  expect(await sectors.locator("rect").count()).toBeGreaterThan(10);
  // Its figures are in a table too, folded until asked for.
  await sectors.getByText("Xem bảng số liệu").click();
  await expect(sectors.getByRole("rowheader", { name: "Nông nghiệp" })).toBeVisible();

  // By default the last 36 months, month by month.
  const listings = page.locator("figure[data-chart=new-listings]");
  await expect(listings.locator("tbody tr")).toHaveCount(36);

  if (js) {
    // Hydrated, a column shows its value beside the pointer.
    // (Hovered again until the island has hydrated: a hover before that shows nothing.)
    const column = listings.locator("rect").last();
    await expect(async () => {
      await column.hover();
      await expect(page.locator(".chart-tip")).toHaveText(/ · (Chào bán|Tìm mua): [\d.]+$/, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByRole("button", { name: "Xem", exact: true })).toBeHidden();
    // Choosing a period applies it at once.
    await page.getByLabel("Khoảng thời gian").selectOption("all");
  } else {
    await page.getByLabel("Khoảng thời gian").selectOption("all");
    await page.getByRole("button", { name: "Xem", exact: true }).click();
  }
  await expect(page).toHaveURL(/\/statistics\?period=all$/);
  await expect(page.getByLabel("Khoảng thời gian")).toHaveValue("all");
  const years = await listings.locator("tbody th").allTextContents();
  expect(years.length).toBeGreaterThanOrEqual(10);
  expect(years.every((y) => /^\d{4}$/.test(y))).toBe(true);

  // The CSV holds the same rows.
  const href = await listings.getByTestId("chart-csv").getAttribute("href");
  expect(href).toBe("/statistics/new-listings.csv?period=all");
  const csv = await page.request.get(href!);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("year,offer,request");
  expect(lines.length - 1).toBe(years.length);
});

test("the statistics read in English", async ({ page }) => {
  await page.goto("/lang/en?next=/statistics");
  await page.goto("/statistics?period=12m");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The exchange in figures");
  const listings = page.locator("figure[data-chart=new-listings]");
  await expect(listings.locator("tbody tr")).toHaveCount(12);
  await expect(listings.locator("thead")).toContainText("Offers");
  await expect(page.locator("figure[data-chart=events] .chart-legend")).toContainText("Training");
});

test("administrators watch the backlog, the outbox and what buyers found nothing for", async ({ page }) => {
  // A buyer searches for something nobody offers (words no listing has, one per project).
  const words = `xqzjv bwpqk ${test.info().project.name.replace(/[^a-z]/g, "")}zz`;
  await page.goto(`/offers?q=${encodeURIComponent(words)}`);
  await expect(page.locator(".listing-card")).toHaveCount(0);

  // Members and moderators are refused; an administrator sees the page.
  await logIn(page, "moderator@techx.demo", "techx-moderator-demo");
  await page.goto("/admin");
  await expect(page.getByTestId("ops-backlog")).toHaveCount(0);
  await page.context().clearCookies();
  await logIn(page, "admin@techx.demo", "techx-admin-demo");
  await page.goto("/account");
  await page.getByRole("link", { name: "Vận hành sàn" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vận hành sàn");

  // The seed has booth applications waiting for the moderators.
  const booths = page.getByTestId("ops-backlog").locator("tr[data-queue=booths] td").first();
  expect(Number(await booths.getAttribute("data-value"))).toBeGreaterThan(0);
  await expect(page.getByTestId("ops-outbox").locator("[data-outbox=sent_day] dd")).toHaveText(/^\d/);
  await expect(page.locator("figure[data-chart=signups] tbody tr")).toHaveCount(12);
  await expect(page.locator("figure[data-chart=new-listings]")).toBeVisible();

  // The search is written with the page views, every few seconds.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("ops-misses").innerText();
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toContain(words);
});

test("a stall's members see its listings' views, inquiries and saves", async ({ page }) => {
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  await page.goto("/account/stalls");
  await page.getByRole("link", { name: "Số liệu" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Số liệu gian hàng");
  const table = page.getByTestId("stall-figures");
  expect(await table.locator("tbody tr").count()).toBeGreaterThan(10);
  // The seed gave the demo stall twelve weeks of views.
  expect(Number(await page.locator("[data-figure=views_30d] dd").getAttribute("data-value"))).toBeGreaterThan(0);
  await expect(table.locator("tbody tr").first().locator("svg.sparkline rect")).toHaveCount(12);
  await expect(page.locator("figure[data-chart=stall-views] tbody tr")).toHaveCount(12);

  // Someone else's stall is not found.
  const id = Number(await table.getAttribute("data-stall"));
  await page.goto(`/account/stalls/${id + 1}/figures`);
  await expect(page.getByTestId("stall-figures")).toHaveCount(0);
});
