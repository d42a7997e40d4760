import { expect, test } from "@playwright/test";
import { confirmByMail } from "./helpers";

/** A fresh address per run and per mode, so runs never collide. */
function uniqueEmail(project: string): string {
  return `member-${project}-${Date.now()}@cantho.vn`;
}

test("register with mistakes, fix them, log out and log back in", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo.project.name);
  const name = "Trần Thị Bích";
  const password = "một câu mật khẩu dài";

  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký thành viên");

  // Mistakes: each field says what is wrong, next to it, and keeps what was typed.
  await page.getByLabel("Email").fill("bich@");
  await page.getByLabel("Tên hiển thị").fill(name);
  await page.getByLabel("Mật khẩu").fill("ngắn");
  // The browser's own checks would stop the form; the server's must hold without them too.
  await page.locator("form.form").evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();

  await expect(page.getByRole("alert")).toContainText("Vui lòng kiểm tra lại");
  await expect(page.locator("#field-email-note")).toHaveText(/Địa chỉ email không hợp lệ/);
  await expect(page.locator("#field-password-note")).toHaveText(/Quá ngắn/);
  await expect(page.getByLabel("Email")).toHaveValue("bich@");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Tên hiển thị")).toHaveValue(name);
  await expect(page.getByLabel("Mật khẩu")).toHaveValue("");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  // The address is confirmed by the link mailed to it, which logs in.
  await confirmByMail(page, email);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("account-name")).toHaveText(name);

  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
  await expect(page.getByTestId("account-name")).toHaveCount(0);

  // A wrong password: said next to the password, the address stays.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Mật khẩu").fill("không phải mật khẩu");
  await page.getByRole("button", { name: "Đăng nhập" }).last().click();
  await expect(page.locator("#field-password-note")).toHaveText(/Email hoặc mật khẩu không đúng/);
  await expect(page.getByLabel("Email")).toHaveValue(email.toUpperCase());

  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).last().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("account-name")).toHaveText(name);
});

test("the account pages are in English too", async ({ page, context }) => {
  await context.addCookies([{ name: "lang", value: "en", url: test.info().project.use.baseURL ?? "http://127.0.0.1:3100" }]);
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await expect(page.getByLabel("Password")).toHaveAttribute("autocomplete", "current-password");
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create an account");
  await expect(page.getByLabel("Password")).toHaveAttribute("autocomplete", "new-password");
});
