import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";

test("readers browse the news by category and tag and read an article", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Tin tức" }).first().click();
  await expect(page).toHaveURL(/\/news$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tin khoa học và công nghệ");
  await expect(page.locator(".article-card")).toHaveCount(12);

  // A category narrows the list; its chip says where the reader is.
  await page.getByRole("main").getByRole("link", { name: "Khởi nghiệp", exact: true }).click();
  await expect(page).toHaveURL(/category=khoi-nghiep/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Khởi nghiệp");
  await page.getByRole("link", { name: /Trang sau|Next/ }).click();
  await expect(page).toHaveURL(/category=khoi-nghiep&page=2/);

  // An article: its lead, body, tags linking their own lists, related articles.
  const card = page.locator(".article-card").first();
  const title = (await card.locator(".card-title").textContent())!.trim();
  await card.locator(".card-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".article-body p").first()).toBeVisible();
  await expect(page.getByTestId("related-articles").locator(".article-card").first()).toBeVisible();
  const tag = page.locator(".article-tags .chip").first();
  const label = (await tag.textContent())!.replace(/^#/, "").trim();
  await tag.click();
  await expect(page).toHaveURL(/\/news\?tag=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Thẻ: ${label}`);
});

test("the site search offers articles, and the news is searched like listings", async ({ page }) => {
  await page.goto("/");
  const header = page.locator(".site-header").getByRole("search");
  await header.getByRole("searchbox").fill("may say");
  await header.getByRole("button").click();
  await expect(page).toHaveURL(/\/search\?q=may(\+|%20)say/);
  // Beside the listings: the first articles holding the words, highlighted, and all of them.
  const related = page.getByTestId("related-news");
  await expect(related.locator("li")).toHaveCount(3);
  await expect(related.locator("mark").first()).toBeVisible();
  await related.getByTestId("related-news-all").click();
  await expect(page).toHaveURL(/\/news\?q=may%20say/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tin tức về «may say»");
  await expect(page.getByTestId("news-count")).toContainText("bài viết khớp");
  await expect(page.locator(".article-card").first().locator("mark").first()).toBeVisible();

  // The news's own box, with diacritics this time, narrowed to one category.
  await page.getByRole("main").getByRole("link", { name: "Khởi nghiệp", exact: true }).click();
  await page.getByLabel("Tìm trong tin tức").fill("khởi nghiệp");
  await page.getByLabel("Tìm trong tin tức").press("Enter");
  await expect(page).toHaveURL(/\/news\?q=.*category=khoi-nghiep/);
  await expect(page.locator(".article-card .tag").first()).toHaveText("Khởi nghiệp");
  await expect(page.locator(".article-card mark").first()).toBeVisible();
  await page.getByLabel("Tìm trong tin tức").fill("zzqxw");
  await page.getByLabel("Tìm trong tin tức").press("Enter");
  await expect(page.getByTestId("news-nothing-found")).toBeVisible();
});

test("an editor writes, publishes and unpublishes an article; bad input keeps the text", async ({ page }) => {
  await logIn(page, "bien-tap@techx.demo", "techx-editor-demo");
  await page.goto("/editor/articles");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bàn biên tập");
  await page.getByRole("link", { name: "Viết bài mới" }).click();

  const project = test.info().project.name;
  const title = `Hội chợ công nghệ thiết bị Cần Thơ mở cửa (${project})`;
  await page.getByLabel("Tiêu đề", { exact: true }).fill(title);
  // A slug another article has: refused beside the field, everything typed kept.
  const list = await (await page.request.get("/news")).text();
  const taken = /href="\/news\/([a-z0-9-]+)"/.exec(list)![1];
  await page.getByLabel("Địa chỉ bài viết").fill(taken);
  await page.getByLabel("Chuyên mục").selectOption("su-kien");
  await page.getByLabel("Tóm tắt").fill("Hơn 200 gian hàng công nghệ và thiết bị của các tỉnh Đồng bằng sông Cửu Long.");
  await page.getByLabel("Nội dung").fill(
    "Hội chợ diễn ra ba ngày tại **Trung tâm Hội chợ Triển lãm Cần Thơ**, với nhiều phiên kết nối cung – cầu công nghệ.",
  );
  await page.getByLabel("Thẻ").fill("techmart, Cần Thơ");
  await page.getByRole("button", { name: "Đăng ngay" }).click();
  await expect(page.locator(".field-error").first()).toContainText("Địa chỉ này đã có bài khác dùng");
  await expect(page.getByLabel("Tiêu đề", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Nội dung")).toHaveValue(/Trung tâm Hội chợ Triển lãm Cần Thơ/);
  await expect(page.getByLabel("Chuyên mục")).toHaveValue("su-kien");
  await page.getByLabel("Địa chỉ bài viết").fill("");
  await page.getByRole("button", { name: "Đăng ngay" }).click();
  await expect(page.getByRole("status")).toHaveText("Bài viết đã được đăng.");
  await expect(page.getByTestId("article-status")).toHaveText("Đã đăng");
  await expect(page.getByTestId("article-history")).toContainText("Biên tập viên Demo");

  await page.getByRole("link", { name: "Xem trên trang" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".article-body strong")).toHaveText("Trung tâm Hội chợ Triển lãm Cần Thơ");
  const address = page.url();
  await page.goto("/news?category=su-kien");
  await expect(page.locator(".article-card").first()).toContainText(title);

  await page.goto("/editor/articles");
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Gỡ bài" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã gỡ bài viết; độc giả không còn thấy bài.");
  const gone = await page.request.get(address);
  expect(gone.status()).toBe(404);
});
