import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

/** Where the running test's server keeps its database (see serve-for-tests.sh). */
export function databaseUrl(): string {
  const file = path.resolve(__dirname, `../../target/e2e-data/${test.info().project.name}/database-url`);
  return readFileSync(file, "utf8").trim();
}

/** Runs one SQL statement on the test server's database and returns the first column of the first row. */
export function sqlScalar(sql: string): number {
  return Number(sqlText(sql));
}

/** Like {@link sqlScalar}, as text. Statements are plain SQL that SQLite and PostgreSQL share. */
export function sqlText(sql: string): string {
  const url = databaseUrl();
  if (url.startsWith("postgres")) {
    const out = execFileSync("psql", ["-qAtX", "-v", "ON_ERROR_STOP=1", url, "-c", sql]).toString();
    return out.split("\n")[0].trim();
  }
  const script = [
    "import sqlite3, sys",
    "con = sqlite3.connect(sys.argv[1], timeout=10)",
    "row = con.execute(sys.argv[2]).fetchone()",
    "con.commit()",
    "print(row[0] if row else '')",
  ].join("\n");
  return execFileSync("python3", ["-c", script, url.replace(/^sqlite:\/\//, ""), sql]).toString().trim();
}

/** Another browser (its own cookies) in the same mode as the test. */
export async function otherBrowser(browser: Browser): Promise<BrowserContext> {
  const use = test.info().project.use;
  return browser.newContext({ baseURL: use.baseURL, javaScriptEnabled: use.javaScriptEnabled, locale: "vi-VN" });
}

/** Logs `page` in through the form and waits for the account menu. */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).last().click();
  await expect(page.getByTestId("account-name")).toBeVisible();
}

/** Opens the link of the newest confirmation mail to `email` (as the outbox holds it) and
 * presses its button: the new account's address is confirmed and `page` logged in. */
export async function confirmByMail(page: Page, email: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kiểm tra hộp thư của bạn");
  const body = sqlText(
    `SELECT REPLACE(body, '\n', ' ') FROM outbox WHERE to_email = '${email}' AND kind = 'confirm_email' ORDER BY id DESC LIMIT 1`,
  );
  const link = body.match(/\/confirm-email\?token=[0-9a-f]+(&next=\S+)?/);
  expect(link, body).not.toBeNull();
  await page.goto(link![0]);
  await page.getByRole("button", { name: "Xác nhận và đăng nhập" }).click();
  await expect(page.getByTestId("account-name")).toBeVisible();
}
