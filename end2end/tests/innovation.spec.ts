import { expect, test } from "@playwright/test";
import { logIn, otherBrowser, sqlScalar, sqlText } from "./helpers";

/** A UTC instant as a `datetime-local` value in Vietnam time. */
function vietnamLocal(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
}

/** The demo stall's published projects, oldest first (the seed's introductions, calls and
 * sessions are about them). */
function demoStallProject(n: number): { id: number; name: string } {
  const where =
    "FROM startup_projects WHERE status = 'published' AND stall_id = (SELECT MIN(id) FROM stalls) ORDER BY id";
  return {
    id: sqlScalar(`SELECT id ${where} LIMIT 1 OFFSET ${n}`),
    name: sqlText(`SELECT name ${where} LIMIT 1 OFFSET ${n}`),
  };
}

test("an investor sees the projects that fit, explained, and asks for an introduction", async ({ page }) => {
  await logIn(page, "an@techx.demo", "techx-member-demo");
  await page.goto("/account/startups");
  await page.getByRole("link", { name: "Dự án phù hợp với tôi" }).click();
  await expect(page).toHaveURL(/\/account\/investor\/matches$/);
  await expect(page.getByTestId("matches-count")).toContainText("dự án phù hợp nhất trong số");
  // His focus is agriculture: every match says so, with its weight.
  const first = page.getByTestId("project-match").first();
  await expect(first.locator('[data-reason="sector"]')).toContainText("Nông nghiệp");
  await expect(first.locator('[data-reason="sector"] .reason-weight')).toHaveText("+3.0");

  // From a match not asked yet, to its page, where the fit is explained again.
  const open = page.getByTestId("project-match").filter({ has: page.getByRole("link", { name: "Xin được giới thiệu" }) }).first();
  const name = (await open.locator(".card-title").textContent())!.trim();
  await open.getByRole("link", { name: "Xin được giới thiệu" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  const section = page.getByTestId("project-introduction");
  await expect(section).toContainText("Dự án hợp với trọng tâm đầu tư của bạn");
  await section.getByLabel("Lời nhắn cho nhóm dự án").fill("Tôi đầu tư vào công nghệ sau thu hoạch, muốn tìm hiểu kế hoạch mở rộng.");
  await section.getByRole("button", { name: "Xin được giới thiệu" }).click();
  await expect(page).toHaveURL(/done=introduction_asked#introduction$/);
  await expect(page.getByRole("status")).toHaveText("Đã gửi lời xin giới thiệu; nhóm dự án sẽ trả lời.");
  await expect(page.getByTestId("introduction-status")).toContainText("Chờ trả lời");
  await expect(page.getByTestId("ask-introduction")).toHaveCount(0);
});

test("a project accepts an introduction and talks with the investor", async ({ page }) => {
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  await page.goto("/account/startups");
  const waiting = page.locator('[data-testid="startup-introduction"][data-status="requested"]').first();
  await expect(waiting).toContainText("Quỹ quan tâm đến dự án");
  await waiting.getByRole("button", { name: "Đồng ý kết nối" }).click();
  await expect(page).toHaveURL(/\/account\/startups\/introductions\/\d+\?done=accepted$/);
  await expect(page.getByTestId("introduction-contact")).toContainText("@khoi-nghiep.techx.demo");
  const messages = page.getByTestId("intro-messages").locator("li");
  await expect(messages).toHaveCount(1);
  await page.getByLabel("Tin nhắn").fill("Cảm ơn quỹ, mời quỹ đến xem máy chạy thử vào thứ Năm.");
  await page.getByRole("button", { name: "Gửi", exact: true }).click();
  await expect(messages).toHaveCount(2);
  await expect(messages.last()).toContainText("mời quỹ đến xem máy chạy thử");
});

test("a project applies to an open call and the programme moves its application", async ({ page, browser }) => {
  const project = demoStallProject(2);
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  await page.goto("/startups");
  await page.getByRole("link", { name: "Kêu gọi hồ sơ" }).click();
  await expect(page).toHaveURL(/\/calls$/);
  await page.getByTestId("calls-open").getByRole("link").first().click();
  await expect(page.getByTestId("call-deadline")).toBeVisible();
  // The first project applied already and shows where it stands.
  await expect(page.getByTestId("own-applications")).toContainText("Đã nhận");

  // An answer of spaces is no answer: refused beside it, the others kept.
  const form = page.getByTestId("apply-form");
  await form.getByLabel("Dự án nộp hồ sơ").selectOption(String(project.id));
  const answers = form.locator("textarea");
  await answers.nth(0).fill("Máy sấy giảm hao hụt sau thu hoạch cho hợp tác xã.");
  await answers.nth(1).fill("Hai mươi hợp tác xã dùng máy sau mười hai tháng.");
  await answers.nth(2).fill("   ");
  await form.getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(page.getByTestId("apply-form").locator(".field-error")).toHaveText("Vui lòng điền trường này.");
  await expect(page.getByTestId("apply-form").locator("textarea").nth(0)).toHaveValue("Máy sấy giảm hao hụt sau thu hoạch cho hợp tác xã.");
  await page.getByTestId("apply-form").locator("textarea").nth(2).fill("Hoàn thiện sản phẩm mẫu và chứng nhận chất lượng.");
  await page.getByTestId("apply-form").getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(page).toHaveURL(/done=applied#apply$/);
  await expect(page.getByTestId("own-applications").locator("li")).toHaveCount(2);

  // The programme reviews it, then declines it with a reason (required).
  const funder = await otherBrowser(browser);
  const desk = await funder.newPage();
  await logIn(desk, "quy@techx.demo", "techx-funder-demo");
  await desk.goto("/account/calls");
  await desk.getByTestId("own-calls").locator("tbody tr").first().locator("td").nth(2).getByRole("link").click();
  const card = desk.getByTestId("call-application").filter({ hasText: project.name });
  await expect(card).toContainText("Hoàn thiện sản phẩm mẫu và chứng nhận chất lượng.");
  await card.getByLabel("Đang xét duyệt").check();
  await card.getByRole("button", { name: "Cập nhật" }).click();
  await expect(desk.getByRole("status")).toContainText("Đã cập nhật trạng thái hồ sơ");
  const moved = desk.getByTestId("call-application").filter({ hasText: project.name });
  await expect(moved).toHaveAttribute("data-status", "reviewing");
  await moved.getByLabel("Không được chọn").check();
  await moved.getByRole("button", { name: "Cập nhật" }).click();
  const refused = desk.getByTestId("call-application").filter({ hasText: project.name });
  await expect(refused.locator(".field-error")).toHaveText("Vui lòng điền trường này.");
  await refused.getByLabel("Không được chọn").check();
  await refused.getByLabel("Lý do (bắt buộc khi không chọn)").fill("Dự án chưa đăng ký là doanh nghiệp nhỏ và vừa.");
  await refused.getByRole("button", { name: "Cập nhật" }).click();
  await expect(desk.getByTestId("call-application").filter({ hasText: project.name })).toHaveAttribute("data-status", "declined");
  const csv = await desk.request.get((await desk.getByTestId("applications-csv").getAttribute("href"))!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(project.name);
  await funder.close();

  // The applicant reads the outcome and why.
  await page.goto("/account/startups");
  const mine = page.locator("#applications").locator("li").filter({ hasText: project.name });
  await expect(mine).toContainText("Không được chọn");
  await expect(mine).toContainText("Dự án chưa đăng ký là doanh nghiệp nhỏ và vừa.");
});

test("a project asks a mentor for a session; the mentor proposes times and the project picks one", async ({ page, browser }) => {
  const project = demoStallProject(0);
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  await page.goto("/mentors");
  await page.locator("select[name=expertise]").selectOption("technology");
  await page.getByLabel("Chỉ cố vấn còn giờ trong tháng").check();
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(/expertise=technology/);
  const cards = page.getByTestId("mentor-card");
  expect(await cards.count()).toBeGreaterThan(0);
  for (const text of await cards.allTextContents()) expect(text).toContain("Công nghệ");
  await cards.filter({ hasText: "Nguyễn Văn An" }).getByRole("link").click();

  // A time in the past is refused beside the field; what was typed stays.
  const form = page.getByTestId("ask-session");
  await form.getByLabel("Dự án", { exact: true }).selectOption(String(project.id));
  await form.getByLabel("Chủ đề").fill("Kho lạnh cho trái cây sau thu hoạch");
  await form.getByLabel("Bạn cần cố vấn điều gì?").fill("Nhóm cần góp ý về thiết kế kho lạnh nhỏ cho hợp tác xã.");
  await form.getByLabel("Thời gian mong muốn").fill(vietnamLocal(Date.now() - 2 * 86_400_000));
  await form.getByRole("button", { name: "Xin buổi cố vấn" }).click();
  const again = page.getByTestId("ask-session");
  await expect(again.locator(".field-error")).toHaveText("Thời gian này đã qua; hãy chọn một thời điểm sắp tới.");
  await expect(again.getByLabel("Chủ đề")).toHaveValue("Kho lạnh cho trái cây sau thu hoạch");
  await again.getByLabel("Thời gian mong muốn").fill(vietnamLocal(Date.now() + 2 * 86_400_000));
  await again.getByRole("button", { name: "Xin buổi cố vấn" }).click();
  await expect(page).toHaveURL(/done=asked#ask$/);

  // The mentor proposes two times (not one in the past).
  const mentor = await otherBrowser(browser);
  const an = await mentor.newPage();
  await logIn(an, "an@techx.demo", "techx-member-demo");
  await an.goto("/account/mentoring");
  await an.getByRole("link", { name: "Kho lạnh cho trái cây sau thu hoạch" }).click();
  const propose = an.getByTestId("propose-times");
  await propose.getByLabel("Thời gian 2").fill(vietnamLocal(Date.now() - 86_400_000));
  await propose.getByRole("button", { name: "Gửi đề xuất" }).click();
  await expect(an.getByTestId("propose-times").locator(".field-error")).toHaveText("Thời gian này đã qua; hãy chọn một thời điểm sắp tới.");
  await an.getByTestId("propose-times").getByLabel("Thời gian 2").fill(vietnamLocal(Date.now() + 3 * 86_400_000));
  await an.getByTestId("propose-times").getByRole("button", { name: "Gửi đề xuất" }).click();
  await expect(an.getByTestId("session-status")).toHaveText("Cố vấn đề xuất thời gian");
  const session = an.url();
  await mentor.close();

  // The project picks the first; both now see each other's contact. Notes stay private.
  await page.goto(new URL(session).pathname);
  await page.getByTestId("choose-time").getByRole("button").first().click();
  await expect(page.getByTestId("session-status")).toHaveText("Đã hẹn");
  await expect(page.getByTestId("session-contact")).toContainText("an@techx.demo");
  await page.getByLabel("Ghi chú riêng").fill("Hỏi anh An về nhà cung cấp máy nén.");
  await page.getByRole("button", { name: "Lưu ghi chú" }).click();
  await expect(page.getByLabel("Ghi chú riêng")).toHaveValue("Hỏi anh An về nhà cung cấp máy nén.");
});

test("the incubator shows its cohorts, alumni and training courses; editors keep them", async ({ page }) => {
  await page.goto("/startups");
  await page.getByRole("link", { name: "Vườn ươm" }).click();
  await expect(page).toHaveURL(/\/incubator$/);
  await page.getByTestId("programme-card").first().getByRole("link").click();
  await expect(page.getByTestId("programme-figures")).toHaveText("11 dự án · 20 lớp đào tạo · 750 học viên");
  await expect(page.getByTestId("alumni").getByTestId("project-card")).toHaveCount(6);
  await expect(page.getByTestId("trainings").locator("tbody tr")).toHaveCount(20);

  // An editor adds a cohort: its last day must come after its first.
  await logIn(page, "bien-tap@techx.demo", "techx-editor-demo");
  await page.goto("/incubator/vuon-uom-doanh-nghiep-cong-nghe-can-tho");
  await page.getByRole("link", { name: "Sửa", exact: true }).click();
  const form = page.getByTestId("cohort-form");
  await form.getByLabel("Khóa ươm").fill("Khóa 2027");
  await form.getByLabel("Ngày bắt đầu").fill("2027-03-01");
  await form.getByLabel("Ngày kết thúc").fill("2027-02-01");
  await form.getByRole("button", { name: "Thêm khóa ươm" }).click();
  await expect(page.locator("#field-ends-note")).toHaveText("Thời điểm kết thúc phải sau khi bắt đầu.");
  await expect(page.getByTestId("cohort-form").getByLabel("Khóa ươm")).toHaveValue("Khóa 2027");
  await page.getByTestId("cohort-form").getByLabel("Ngày kết thúc").fill("2027-08-31");
  await page.getByTestId("cohort-form").getByRole("button", { name: "Thêm khóa ươm" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu.");
  await expect(page.locator(".cohort-list")).toContainText("Khóa 2027");
});
