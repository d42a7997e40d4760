import { expect, test } from "@playwright/test";
import { logIn, sqlScalar, sqlText } from "./helpers";

/** The first published project of the demo stall (it has a pitch deck the city's funds read). */
function demoStallProject(): string {
  return sqlText(
    "SELECT slug FROM startup_projects WHERE status = 'published' AND stall_id = (SELECT MIN(id) FROM stalls) ORDER BY id LIMIT 1",
  );
}

test("visitors browse the startup showcase by stage and by words", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Khởi nghiệp" }).first().click();
  await expect(page).toHaveURL(/\/startups$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Khởi nghiệp");
  await expect(page.getByTestId("startups-counts")).toContainText(/\d[\d.]* dự án · \d+ nhà đầu tư/);
  expect(await page.getByTestId("project-card").count()).toBe(24);

  // Narrowed to one stage: every card is at that stage.
  await page.getByLabel("Giai đoạn").selectOption("pilot");
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(/stage=pilot/);
  const stages = await page.getByTestId("project-card").locator(".tag-stage").allTextContents();
  expect(stages.length).toBeGreaterThan(0);
  expect(stages.every((s) => s === "Thử nghiệm")).toBe(true);

  // Words find projects whatever their accents, and are marked in the results.
  await page.getByLabel("Tìm dự án").fill("may say lua");
  await page.getByLabel("Giai đoạn").selectOption("");
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page.getByTestId("project-card").first()).toContainText("Máy sấy lúa");
  await expect(page.getByTestId("project-card").first().locator("mark").first()).toBeVisible();

  // A project's page: the public summary; the confidential part only says what there is.
  await page.getByTestId("project-card").first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 2, name: "Đội ngũ" })).toBeVisible();
  const secret = page.getByTestId("confidential");
  await expect(secret).toContainText("số liệu mật");
  await expect(secret).toContainText("chỉ dành cho nhà đầu tư đã được duyệt");
  await expect(page.getByTestId("project-confidential")).toHaveCount(0);

  // The investors behind the showcase, the city's two funds among them.
  await page.goto("/investors");
  await expect(page.getByTestId("investor-card").filter({ hasText: "thành phố Cần Thơ" })).toHaveCount(2);
});

test("an approved investor accepts a project's terms once, and its owners see the look", async ({ page, browser }) => {
  const slug = demoStallProject();
  await logIn(page, "an@techx.demo", "techx-member-demo");
  await page.goto(`/startups/${slug}`);
  await expect(page.getByTestId("project-confidential")).toHaveCount(0);
  await expect(page.getByTestId("project-deck")).toHaveCount(0);
  await page.getByTestId("accept-terms").click();
  await expect(page).toHaveURL(new RegExp(`/startups/${slug}\\?done=accepted#confidential$`));
  await expect(page.getByTestId("project-confidential")).toContainText("Doanh thu 12 tháng gần nhất");
  await expect(page.getByTestId("terms-accepted")).toBeVisible();
  const deck = await page.getByTestId("project-deck").getAttribute("href");
  const pdf = await page.request.get(deck!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  expect(
    sqlScalar(
      `SELECT COUNT(*) FROM startup_confidential_views v JOIN users u ON u.id = v.user_id
       WHERE u.email = 'an@techx.demo' AND v.what = 'deck'`,
    ),
  ).toBe(1);

  // The demo stall's member sees who looked, the investor just now among them.
  const owner = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    javaScriptEnabled: test.info().project.use.javaScriptEnabled,
  });
  const ownerPage = await owner.newPage();
  await logIn(ownerPage, "binh@techx.demo", "techx-stall-demo");
  await ownerPage.goto(`/startups/${slug}`);
  const views = ownerPage.getByTestId("confidential-views");
  await expect(views).toContainText("Nguyễn Văn An – nhà đầu tư thiên thần");
  await expect(views).toContainText("Quỹ Hỗ trợ khởi nghiệp đổi mới sáng tạo thành phố Cần Thơ");
  await owner.close();
});

test("a member presents a project: bad funding is told beside the field, nothing typed is lost", async ({ page }) => {
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  await page.goto("/account");
  await page.getByRole("link", { name: "Dự án khởi nghiệp của tôi" }).click();
  await page.getByRole("link", { name: "Giới thiệu dự án" }).first().click();
  await page.getByLabel("Tên dự án").fill("Hệ thống cảnh báo xâm nhập mặn bằng tin nhắn");
  await page.getByLabel("Giới thiệu một câu").fill("Báo độ mặn kênh rạch cho nông dân qua tin nhắn mỗi sáng");
  await page
    .getByLabel("Mô tả chi tiết")
    .fill("Cảm biến đặt ở cửa cống đo độ mặn mỗi giờ; hệ thống gửi tin nhắn cho hộ dân trước khi lấy nước vào ruộng.");
  await page.getByLabel("Lĩnh vực").selectOption("nong-nghiep");
  await page.getByLabel("Tỉnh / thành phố").selectOption("can-tho");
  await page.getByLabel("Giai đoạn").selectOption("prototype");
  await page.getByLabel("Mức sẵn sàng công nghệ (TRL)").selectOption("4");
  await page.getByLabel("Vốn cần huy động (đồng)").fill("-500000000");
  await page.getByLabel("Hình thức vốn").selectOption("grant");
  await page.getByRole("textbox", { name: "Đội ngũ" }).fill("Trần Thị Bình | Sáng lập");
  await page.getByLabel("Kết quả mật").fill("Doanh thu thử nghiệm: 40 triệu đồng");
  await page.getByRole("button", { name: "Gửi dự án" }).click();

  const funding = page.getByLabel("Vốn cần huy động (đồng)");
  await expect(page.locator(".field-invalid").filter({ has: funding })).toContainText("Số vốn không được âm.");
  await expect(funding).toHaveValue("-500000000");
  await expect(page.getByLabel("Tên dự án")).toHaveValue("Hệ thống cảnh báo xâm nhập mặn bằng tin nhắn");
  await expect(page.getByLabel("Kết quả mật")).toHaveValue("Doanh thu thử nghiệm: 40 triệu đồng");
  expect(sqlScalar("SELECT COUNT(*) FROM startup_projects WHERE name LIKE 'Hệ thống cảnh báo xâm nhập mặn%'")).toBe(0);

  await funding.fill("500.000.000");
  await page.getByRole("button", { name: "Gửi dự án" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lưu dự án và gửi kiểm duyệt");
  await expect(page.getByTestId("project-status")).toHaveText("Chờ duyệt");
  // Waiting, it is not in the showcase.
  await page.goto("/startups?q=xam+nhap+man");
  await expect(page.getByTestId("project-card").filter({ hasText: "cảnh báo xâm nhập mặn" })).toHaveCount(0);
});
