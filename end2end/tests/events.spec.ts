import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";

test("visitors find events upcoming first, by kind, in a month calendar and as .ics", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Sự kiện" }).first().click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sự kiện khoa học – công nghệ");
  // The seed's three coming events, soonest first; twenty past ones behind them.
  const upcoming = page.getByTestId("events-upcoming").locator(".event-card");
  await expect(upcoming).toHaveCount(3);
  await expect(upcoming.first()).toContainText("Chợ công nghệ – thiết bị Cần Thơ mùa mới");
  await expect(page.getByTestId("events-past").locator(".event-card")).toHaveCount(12);

  await page.getByRole("main").getByRole("link", { name: "Khởi nghiệp", exact: true }).click();
  await expect(page).toHaveURL(/kind=startup/);
  await expect(page.getByTestId("events-upcoming").locator(".event-card")).toHaveCount(1);
  // Eight startup events over the years, and one coming.
  await expect(page.getByTestId("events-past").locator(".event-card")).toHaveCount(8);

  await page.getByTestId("events-calendar-link").click();
  await expect(page.getByTestId("event-calendar")).toBeVisible();
  await page.getByRole("link", { name: /Tháng sau/ }).click();
  await expect(page).toHaveURL(/view=calendar&month=\d{4}-\d{2}/);
  await expect(page.getByTestId("event-calendar").locator(".calendar-event").first()).toBeVisible();

  await page.goto("/events");
  await upcoming.first().locator(".card-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chợ công nghệ – thiết bị Cần Thơ mùa mới");
  await expect(page.getByTestId("event-programme").locator("li")).toHaveCount(4);
  const ics = await page.request.get(await page.getByTestId("event-ics").getAttribute("href") as string);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await ics.text()).toContain("SUMMARY:Chợ công nghệ – thiết bị Cần Thơ mùa mới");

  // A past event keeps its attendance and the news that followed it.
  await page.goto("/events/cho-cong-nghe-thiet-bi-can-tho-2023");
  await expect(page.getByTestId("event-ended")).toBeVisible();
  await expect(page.getByTestId("event-attendance")).toHaveText("6.300");
});

test("a moderator announces an event; bad input is told beside its field and kept", async ({ page }) => {
  await logIn(page, "bien-tap@techx.demo", "techx-editor-demo");
  await page.goto("/editor/events/new");
  const title = `Tập huấn chuyển giao công nghệ sấy (${test.info().project.name})`;
  await page.getByLabel("Loại sự kiện").selectOption("training");
  await page.getByLabel("Tên sự kiện").fill(title);
  await page.getByLabel("Giới thiệu ngắn").fill("Khóa tập huấn hai ngày cho hợp tác xã về công nghệ sấy nông sản.");
  await page.getByLabel("Nội dung", { exact: true }).fill("Học viên thực hành trên máy sấy tầng sôi tại Viện Lúa.");
  const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Bắt đầu").fill(`${day}T08:00`);
  await page.getByLabel("Kết thúc").fill(`${day}T07:00`);
  await page.getByLabel("Nơi tổ chức").fill("Viện Lúa Đồng bằng sông Cửu Long");
  await page.getByLabel("Chương trình", { exact: true }).fill("08:00 | Lý thuyết sấy | TS. Nguyễn Văn A");
  await page.getByRole("button", { name: "Lưu và công bố" }).click();
  await expect(page.locator("#field-ends_at-note")).toHaveText("Thời điểm kết thúc phải sau khi bắt đầu.");
  await expect(page.getByLabel("Tên sự kiện")).toHaveValue(title);
  await expect(page.getByLabel("Chương trình", { exact: true })).toHaveValue(/Lý thuyết sấy/);
  await page.getByLabel("Kết thúc").fill(`${day}T17:00`);
  await page.getByRole("button", { name: "Lưu và công bố" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu và công bố sự kiện.");
  await page.getByRole("link", { name: "Xem trang sự kiện" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("event-programme")).toContainText("TS. Nguyễn Văn A");
});
