import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";

test("searches find what buyers mean on the demo catalogue", async ({ page }) => {
  // Pumps and farm drones are there, each showing a drawing of what it is.
  await page.goto("/search?q=bom+nuoc");
  const first = page.locator(".listing-card").first();
  await expect(first.locator(".card-title")).toContainText(/bơm/i);
  await expect(page.locator(".listing-card img[src*='demo/pump_t.jpg']").first()).toBeVisible();
  await page.goto("/search?q=may+bay+khong+nguoi+lai");
  await expect(page.locator(".listing-card").first()).toBeVisible();
  await expect(page.getByTestId("search-widened")).toContainText("drone");

  // A typo is forgiven and said; the page shows what was read.
  await page.goto("/search?q=robt");
  await expect(page.getByTestId("search-corrected")).toContainText("robot");
  await expect(page.locator(".listing-card mark").first()).toHaveText(/robot/i);

  // "lò sấy" is a folk name for the dryers the exchange lists.
  await page.goto("/search?q=l%C3%B2+s%E1%BA%A5y+l%C3%BAa");
  await expect(page.locator(".listing-card .card-title").first()).toContainText(/sấy lúa/i);

  // Words no listing holds together: the rest still find something, and the page says which.
  await page.goto("/search?q=m%C3%A1y+s%E1%BA%A5y+l%C3%BAa+xyzzy");
  await expect(page.getByTestId("search-left-out")).toContainText("xyzzy");
  await expect(page.locator(".listing-card").first()).toBeVisible();
});

test("a search that finds nothing offers a way on", async ({ page }) => {
  await page.goto("/search?q=qwxyz+zzkq");
  const way = page.getByTestId("nothing-found");
  await expect(way).toBeVisible();
  await expect(way.getByRole("link").first()).toBeVisible();
  const post = page.getByTestId("post-request");
  await expect(post).toHaveAttribute("href", "/account/listings/new?kind=request&title=qwxyz%20zzkq");
});

test("the connect feed pairs requests with offers, with reasons, by sector", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Kết nối cung – cầu" }).first().click();
  await expect(page).toHaveURL(/\/connect$/);
  const item = page.getByTestId("connect-item").first();
  await expect(item).toBeVisible();
  await expect(item.locator(".reason-chip").first()).toBeVisible();
  await page.getByLabel("Lĩnh vực").selectOption("thuy-san");
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/sector=thuy-san/);
  await expect(page.getByTestId("connect-item").first()).toContainText("Thủy sản");
});

test("a member hides a match that does not fit, and it stays hidden", async ({ page }) => {
  await logIn(page, "an@techx.demo", "techx-member-demo");
  await page.goto("/connect?sector=nong-nghiep");
  const request = page.getByTestId("connect-item").first().locator(".connect-request .card-link");
  await request.click();
  const matches = page.getByTestId("listing-matches");
  await expect(matches).toBeVisible();
  const firstMatch = matches.getByTestId("match").first();
  const href = await firstMatch.locator(".card-link").getAttribute("href");
  await firstMatch.locator("summary", { hasText: "Ẩn gợi ý này" }).click();
  await firstMatch.getByLabel("Ở quá xa").check();
  await firstMatch.getByRole("button", { name: "Ẩn", exact: true }).click();
  await expect(matches).toBeVisible();
  await expect(matches.locator(`.card-link[href='${href}']`)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("listing-matches").locator(`.card-link[href='${href}']`)).toHaveCount(0);
});

test("a member adds their need to a request, and bad quantities are said beside the field", async ({ page }) => {
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  await page.goto("/requests?sector=thuy-san");
  await page.locator(".listing-card .card-link").first().click();
  const pooled = page.getByTestId("pooled");
  const before = Number((await pooled.getByTestId("pooled-figures").locator("strong").first().innerText()).replace(/\D/g, ""));
  await pooled.getByLabel("Số lượng bạn cần").fill("không");
  await pooled.getByTestId("pooled-join").click();
  await expect(page.getByTestId("pooled").locator(".field-error")).toBeVisible();
  await expect(page.getByTestId("pooled").getByLabel("Số lượng bạn cần")).toHaveValue("không");
  await page.getByTestId("pooled").getByLabel("Số lượng bạn cần").fill("3");
  await page.getByTestId("pooled").getByTestId("pooled-join").click();
  await expect(page.getByTestId("pooled-mine")).toContainText("3");
  await expect(page.getByTestId("pooled-figures").locator("strong").first()).toHaveText(String(before + 1));
});
