import { expect, type Page, test } from "@playwright/test";
import { confirmByMail, logIn, otherBrowser, sqlText } from "./helpers";

/** A fresh address per run and per mode, so runs never collide. */
function uniqueEmail(label: string, project: string): string {
  return `${label}-${project}-${Date.now()}@cantho.vn`;
}

async function register(page: Page, email: string, name: string, password: string) {
  await page.goto("/register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Tên hiển thị").fill(name);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await confirmByMail(page, email);
  await expect(page.getByTestId("account-name")).toHaveText(name);
}

/** The link in the newest reset mail to `email`, as the outbox holds it. */
function resetLink(email: string): string {
  const body = sqlText(
    `SELECT body FROM outbox WHERE to_email = '${email}' AND kind = 'password_reset' ORDER BY id DESC LIMIT 1`,
  );
  const link = body.match(/https?:\/\/\S+\/reset-password\?token=[0-9a-f]+/);
  expect(link, body).not.toBeNull();
  return link![0];
}

test("a forgotten password is reset by a link that works once", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail("quen", testInfo.project.name);
  const setup = await otherBrowser(browser);
  await register(await setup.newPage(), email, "Lê Văn Quên", "mật khẩu đã quên mất");
  await setup.close();
  expect(sqlText(`SELECT kind FROM outbox WHERE to_email = '${email}' ORDER BY id DESC LIMIT 1`)).toBe("welcome");

  await page.goto("/login");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quên mật khẩu");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Gửi liên kết" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hãy kiểm tra hộp thư");

  const link = resetLink(email);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chọn mật khẩu mới");
  await page.locator("form.form").evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByLabel("Mật khẩu").fill("ngắn");
  await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
  await expect(page.locator("#field-password-note")).toHaveText(/Quá ngắn/);
  await page.getByLabel("Mật khẩu").fill("mật khẩu mới nhớ kỹ");
  await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
  await expect(page).toHaveURL(/\/account\?done=password_reset/);
  await expect(page.getByRole("status")).toContainText("Đã đặt mật khẩu mới");
  await expect(page.getByTestId("account-email")).toHaveText(email);

  // The link is spent.
  await page.goto(link);
  await page.getByLabel("Mật khẩu").fill("thêm một mật khẩu khác");
  await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
  await expect(page.getByRole("alert")).toContainText("không còn dùng được");
  await expect(page.getByRole("link", { name: "Yêu cầu liên kết mới" })).toBeVisible();
});

test("changing the password logs out the other devices; a device can be logged out by hand", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail("doi", testInfo.project.name);
  await register(page, email, "Phạm Thị Đổi", "mật khẩu ban đầu");
  const phone = await otherBrowser(browser);
  const phonePage = await phone.newPage();
  await logIn(phonePage, email, "mật khẩu ban đầu");
  const tablet = await otherBrowser(browser);
  const tabletPage = await tablet.newPage();
  await logIn(tabletPage, email, "mật khẩu ban đầu");

  await page.getByTestId("account-name").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tài khoản của tôi");
  await expect(page.getByTestId("session")).toHaveCount(3);
  await expect(page.getByTestId("session").filter({ hasText: "Thiết bị này" })).toHaveCount(1);

  // Log the tablet out from here.
  await page.getByTestId("session").filter({ hasNotText: "Thiết bị này" }).first().getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("status")).toContainText("Đã đăng xuất thiết bị đó");
  await expect(page.getByTestId("session")).toHaveCount(2);

  // A wrong current password is said next to it.
  await page.getByLabel("Mật khẩu hiện tại").fill("không đúng đâu");
  await page.getByLabel("Mật khẩu mới").fill("mật khẩu thứ hai dài");
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.locator("#field-current_password-note")).toHaveText(/Mật khẩu hiện tại không đúng/);

  await page.getByLabel("Mật khẩu hiện tại").fill("mật khẩu ban đầu");
  await page.getByLabel("Mật khẩu mới").fill("mật khẩu thứ hai dài");
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByRole("status")).toContainText("Đã đổi mật khẩu");
  await expect(page.getByTestId("session")).toHaveCount(1);

  for (const other of [phonePage, tabletPage]) {
    await other.goto("/account");
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("Cần đăng nhập");
  }
  await phone.close();
  await tablet.close();
});

test("an administrator makes a member a moderator; members cannot", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail("kiemduyet", testInfo.project.name);
  await register(page, email, "Võ Minh Kiểm", "mật khẩu kiểm duyệt");
  await page.goto("/admin/users");
  await expect(page.getByRole("alert")).toContainText("không có quyền");

  const admin = await otherBrowser(browser);
  const adminPage = await admin.newPage();
  await logIn(adminPage, "admin@techx.demo", "techx-admin-demo");
  await adminPage.goto("/account");
  await adminPage.getByRole("link", { name: "Quản trị thành viên" }).click();
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText("Quản trị thành viên");
  await adminPage.getByLabel("Tìm theo email hoặc tên").fill(email);
  await adminPage.getByRole("button", { name: "Lọc" }).click();
  const row = adminPage.getByTestId("member-row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await row.getByRole("combobox").selectOption("moderator");
  await row.getByRole("button", { name: "Lưu" }).click();
  await expect(adminPage).toHaveURL(/q=/);
  await expect(adminPage.getByTestId("member-row").filter({ hasText: email }).getByRole("combobox")).toHaveValue("moderator");
  await expect(adminPage.locator(".audit-list li").first()).toContainText("member → moderator");
  await admin.close();

  await page.goto("/account");
  await expect(page.getByTestId("account-role")).toHaveText("Kiểm duyệt viên");
});
