import { expect, test } from "@playwright/test";
import { sqlText } from "./helpers";

test("pages load without script errors or blocked resources", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  page.on("response", (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== "document") {
      problems.push(`${response.status()} ${response.url()}`);
    }
  });
  const listing = sqlText("SELECT slug FROM listings WHERE status = 'published' AND stall_id IS NOT NULL LIMIT 1");
  const stall = sqlText("SELECT slug FROM stalls WHERE status = 'approved' LIMIT 1");
  const pages = ["/", "/offers", "/requests", "/stalls", "/auctions", "/search?q=thuy+san",
    `/listings/${listing}`, `/stalls/${stall}`, "/login", "/register", "/forgot-password",
    "/reset-password?token=abc", "/account", "/admin/users", "/stalls?q=hop+tac+xa&province=can-tho&sort=name",
    `/stalls/${stall}?q=may&sort=price_asc`, "/stall-invitation?token=abc"];
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (test.info().project.name === "js") {
      await expect(page.locator("body"), path).toHaveAttribute("data-hydrated", "true");
    }
  }
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("the phone menu opens and leads to a section", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await page.getByText("Danh mục").click();
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Đấu giá" }).first().click();
  await expect(page).toHaveURL(/\/auctions$/);
  await expect(page.locator(".auction-card")).toHaveCount(24);
});

test("a stall member's pages load without script errors", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  await page.goto("/login");
  await page.getByLabel("Email").fill("binh@techx.demo");
  await page.getByLabel("Mật khẩu").fill("techx-stall-demo");
  await page.getByRole("button", { name: "Đăng nhập" }).last().click();
  await expect(page.getByTestId("account-name")).toBeVisible();
  const conversation = sqlText("SELECT id FROM conversations ORDER BY id LIMIT 1");
  const managed = sqlText(
    "SELECT l.id FROM listings l JOIN stall_members m ON m.stall_id = l.stall_id " +
      "JOIN users u ON u.id = m.user_id WHERE u.email = 'binh@techx.demo' AND l.image_count > 0 ORDER BY l.id LIMIT 1",
  );
  const pictured = sqlText("SELECT slug FROM listings WHERE status = 'published' AND image_count > 0 ORDER BY id LIMIT 1");
  const team = sqlText(
    "SELECT m.stall_id FROM stall_members m JOIN users u ON u.id = m.user_id WHERE u.email = 'binh@techx.demo' LIMIT 1",
  );
  const pages = ["/account/inquiries", `/account/inquiries/${conversation}`, "/account/watchlist",
    `/account/listings/${managed}/images`, `/listings/${pictured}`, "/search?q=may&images=1",
    `/account/stalls/${team}/team`];
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (test.info().project.name === "js") {
      await expect(page.locator("body"), path).toHaveAttribute("data-hydrated", "true");
    }
  }
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("only pages with islands load the browser's code, and hydrate them", async ({ page }, info) => {
  test.skip(info.project.name === "no-js", "about scripts");
  const modules: string[] = [];
  page.on("request", (request) => {
    if (/\/pkg\/.*\.(wasm|js)$/.test(request.url())) modules.push(request.url());
  });
  const listing = sqlText("SELECT slug FROM listings WHERE status = 'published' ORDER BY id LIMIT 1");
  // A visitor's content pages have no island: no script beyond the page's own, no wasm.
  for (const path of ["/", "/stalls", `/listings/${listing}`]) {
    await page.goto(path);
    await expect(page.locator("body"), path).toHaveAttribute("data-hydrated", "true");
    await expect(page.locator("leptos-island"), path).toHaveCount(0);
  }
  await page.waitForLoadState("networkidle");
  expect(modules).toEqual([]);
  // The search page's words box is one: the module loads and the island comes alive.
  await page.goto("/search?q=may");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator("leptos-island")).toHaveCount(1);
  // The first module alone: the bidding islands' code stays in chunks of its own.
  expect(modules.filter((url) => url.endsWith(".wasm"))).toEqual([expect.stringMatching(/\/pkg\/techx\.[^/]+\.wasm$/)]);
  expect(modules.filter((url) => /\/pkg\/techx\.[^/]+\.js$/.test(url))).toHaveLength(1);
});

test("a listing page served again as kept for visitors runs its scripts under a nonce of its own", async ({ page, request }, info) => {
  const listing = sqlText("SELECT slug FROM listings WHERE status = 'published' ORDER BY id DESC LIMIT 1 OFFSET 7");
  const path = `/listings/${listing}`;
  const nonce = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1] ?? "";
  const first = await request.get(path);
  const second = await request.get(path);
  const [n1, n2] = [nonce(first.headers()["content-security-policy"]), nonce(second.headers()["content-security-policy"])];
  expect(n1).not.toBe("");
  expect(n2).not.toBe(n1);
  const [html1, html2] = [await first.text(), await second.text()];
  expect(html2).toContain(`nonce="${n2}"`);
  expect(html2).not.toContain(n1);
  // The same page, view count included: the second was the kept one, not a second render.
  expect(html2.replaceAll(n2, "N")).toBe(html1.replaceAll(n1, "N"));

  if (info.project.name !== "js") return;
  // A browser on the kept page: hydrated, no script blocked by its Content-Security-Policy.
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  for (let visit = 0; visit < 2; visit++) {
    await page.goto(path);
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});
