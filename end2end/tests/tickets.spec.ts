import { expect, test } from "@playwright/test";
import { logIn, sqlScalar, sqlText } from "./helpers";

const TECHMART = "/events/cho-cong-nghe-thiet-bi-can-tho-mua-moi";

/** The newest mail of `kind` to `email`, on one line. */
function mail(email: string, kind: string): string {
  return sqlText(
    `SELECT REPLACE(body, '\n', ' ') FROM outbox WHERE to_email = '${email}' AND kind = '${kind}' ORDER BY id DESC LIMIT 1`,
  );
}

test("a visitor registers, confirms by mail, gets a ticket with its QR code and cancels it", async ({ page }) => {
  const email = `hoa-${test.info().project.name}-${Date.now()}@example.vn`;
  await page.goto(TECHMART);
  const form = page.getByTestId("register-form");
  const seatsBefore = await page.getByTestId("event-seats-left").textContent();
  await form.getByLabel("Họ và tên").fill("Lê Thị Hoa");
  await form.getByLabel("Tổ chức / đơn vị").fill("HTX Rau an toàn Long Tuyền");
  await form.getByLabel("Điện thoại").fill("gọi tôi nhé");
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Đăng ký" }).click();
  // Refused beside the field, everything typed kept.
  await expect(page.locator("#field-phone-note")).toBeVisible();
  await expect(page.getByTestId("register-form").getByLabel("Họ và tên")).toHaveValue("Lê Thị Hoa");
  await expect(page.getByTestId("register-form").getByLabel("Email")).toHaveValue(email);
  await page.getByTestId("register-form").getByLabel("Điện thoại").fill("0292 3820 123");
  await page.getByTestId("register-form").getByRole("button", { name: "Đăng ký" }).click();
  await expect(page.getByTestId("event-check-mail")).toBeVisible();
  // Nothing held until the link is opened.
  await expect(page.getByTestId("event-seats-left")).toHaveText(seatsBefore!);

  const confirm = mail(email, "registration_confirm").match(/\/confirm-ticket\?token=[0-9a-f]+/);
  expect(confirm).not.toBeNull();
  await page.goto(confirm![0]);
  await page.getByRole("button", { name: "Xác nhận và nhận vé" }).click();
  await expect(page.getByTestId("ticket-done")).toContainText("Bạn đã có chỗ");
  await expect(page.getByTestId("ticket-status")).toHaveAttribute("data-status", "confirmed");
  await expect(page.getByTestId("ticket-qr").locator("svg")).toBeVisible();
  await expect(page.getByTestId("ticket-code")).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByTestId("ticket-cancel")).toHaveCount(0);

  // The ticket mail's cancel link frees the seat.
  const cancel = mail(email, "registration_ticket").match(/\/tickets\/[0-9A-Z]{12}\?cancel=[0-9a-f]+/);
  expect(cancel).not.toBeNull();
  await page.goto(cancel![0]);
  await page.getByTestId("ticket-cancel").click();
  await expect(page.getByTestId("ticket-done")).toHaveText("Đã hủy đăng ký.");
  await expect(page.getByTestId("ticket-status")).toHaveAttribute("data-status", "cancelled");
  await expect(page.getByTestId("ticket-qr")).toHaveCount(0);
});

test("a member sees their seat on the event page and opens the ticket", async ({ page }) => {
  await logIn(page, "an@techx.demo", "techx-member-demo");
  await page.goto(TECHMART);
  await expect(page.getByTestId("event-mine")).toHaveText("Bạn đã đăng ký tham dự.");
  await page.goto("/account");
  await expect(page.getByTestId("account-tickets")).toContainText("Chợ công nghệ – thiết bị Cần Thơ mùa mới");
  await page.goto(TECHMART);
  await page.getByRole("link", { name: "Xem vé" }).click();
  await expect(page.getByTestId("ticket-status")).toHaveAttribute("data-status", "confirmed");
  await expect(page.getByTestId("ticket-qr").locator("svg")).toBeVisible();
});

test("an organiser checks tickets in once; offline check-ins wait for the connection", async ({ page, context }) => {
  const fresh = (skip: number) =>
    sqlText(
      `SELECT r.ticket_code FROM event_registrations r JOIN events e ON e.id = r.event_id
       WHERE e.slug = 'ngay-hoi-khoi-nghiep-doi-moi-sang-tao-can-tho' AND r.status = 'confirmed'
         AND r.checked_in_at IS NULL ORDER BY r.id LIMIT 1 OFFSET ${skip}`,
    );
  const [first, second] = [fresh(0), fresh(1)];
  await logIn(page, "bien-tap@techx.demo", "techx-editor-demo");
  await page.goto("/events/ngay-hoi-khoi-nghiep-doi-moi-sang-tao-can-tho");
  await page.getByTestId("event-check-in").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Soát vé");
  if (test.info().project.use.javaScriptEnabled) {
    await expect(page.locator("body[data-hydrated=true]")).toBeAttached();
  }
  const count = Number(await page.getByTestId("door-count").textContent());
  const door = page.getByTestId("check-in-door");
  await door.getByLabel("Mã vé").fill(first.toLowerCase());
  await door.getByRole("button", { name: "Soát vé" }).click();
  await expect(page.getByTestId("door-result")).toHaveAttribute("data-outcome", "done");
  await expect(page.getByTestId("door-count")).toHaveText(String(count + 1));
  await door.getByLabel("Mã vé").fill(first);
  await door.getByRole("button", { name: "Soát vé" }).click();
  await expect(page.getByTestId("door-result")).toHaveAttribute("data-outcome", "already");
  await expect(page.getByTestId("door-count")).toHaveText(String(count + 1));
  await door.getByLabel("Mã vé").fill("ZZZZ-ZZZZ-ZZZZ");
  await door.getByRole("button", { name: "Soát vé" }).click();
  await expect(page.getByTestId("door-result")).toHaveAttribute("data-outcome", "unknown");
  await expect(page.getByTestId("door-result")).toContainText("Không có vé nào mang mã này");

  if (test.info().project.use.javaScriptEnabled) {
    // The connection drops: the check-in waits in the browser, then goes when it returns.
    await context.setOffline(true);
    await door.getByLabel("Mã vé").fill(second);
    await door.getByRole("button", { name: "Soát vé" }).click();
    await expect(page.getByTestId("door-result")).toHaveAttribute("data-outcome", "queued");
    await expect(page.getByTestId("door-queued")).toContainText("1");
    expect(sqlScalar(`SELECT COUNT(*) FROM event_registrations WHERE ticket_code = '${second}' AND checked_in_at IS NOT NULL`)).toBe(0);
    await context.setOffline(false);
    await expect(page.getByTestId("door-queued")).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId("door-result")).toHaveAttribute("data-outcome", "done");
    await expect(page.getByTestId("door-count")).toHaveText(String(count + 2));
    expect(sqlScalar(`SELECT COUNT(*) FROM event_registrations WHERE ticket_code = '${second}' AND checked_in_at IS NOT NULL`)).toBe(1);
  }
});
