import { expect, test } from "@playwright/test";
import { sqlText } from "./helpers";

test("pages load without script errors or blocked resources", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  const listing = sqlText("SELECT slug FROM listings WHERE status = 'published' AND stall_id IS NOT NULL LIMIT 1");
  const stall = sqlText("SELECT slug FROM stalls WHERE status = 'approved' LIMIT 1");
  const pages = ["/", "/offers", "/requests", "/stalls", "/auctions", "/news", "/search?q=thuy+san",
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

test("pages fetched at once each carry their own wasm preloads, no one else's", async ({ request }, info) => {
  test.skip(info.project.name === "no-js", "a server-side property; once is enough");
  const listing = sqlText("SELECT slug FROM listings WHERE status = 'published' AND stall_id IS NOT NULL LIMIT 1");
  const stall = sqlText("SELECT slug FROM stalls WHERE status = 'approved' LIMIT 1");
  const paths = [`/listings/${listing}`, `/stalls/${stall}`, "/offers", "/stalls", "/"];
  const preloads = async (path: string) => {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    const [head, body] = html.split("</head>");
    expect(body, `${path}: preloads stay in the head`).not.toContain('rel="preload"');
    return [...head.matchAll(/<link rel="preload" href="([^"]+)"/g)].map((m) => m[1]).sort();
  };
  const alone = new Map<string, string[]>();
  for (const path of paths) alone.set(path, await preloads(path));
  expect(alone.get(paths[0])!.length, "a listing page preloads its chunks").toBeGreaterThan(0);
  // Each hint names a module the build has.
  for (const href of alone.get(paths[0])!.slice(0, 5)) {
    const module = await request.get(href);
    expect(module.status(), href).toBe(200);
    expect(module.headers()["content-type"], href).toContain("application/wasm");
  }
  // Many at once, interleaved on the server's worker threads: each page keeps exactly its own.
  for (let round = 0; round < 3; round++) {
    const batch = Array.from({ length: 40 }, (_, i) => paths[i % paths.length]);
    const results = await Promise.all(batch.map(preloads));
    batch.forEach((path, i) => expect(results[i], `${path} fetched among others`).toEqual(alone.get(path)));
  }
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
