import { expect, test } from "@playwright/test";
import path from "node:path";
import { logIn } from "./helpers";

test("readers browse the videos and watch one, seeking by range", async ({ page }) => {
  await page.goto("/news");
  await page.getByTestId("news-videos").click();
  await expect(page).toHaveURL(/\/videos$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Video khoa học – công nghệ");
  await expect(page.getByTestId("video-gallery").locator(".video-card")).toHaveCount(12);

  await page.getByRole("link", { name: "Máy sấy lúa tiết kiệm điện tại Cờ Đỏ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Máy sấy lúa tiết kiệm điện tại Cờ Đỏ");
  const player = page.getByTestId("video-player");
  await expect(player).toHaveAttribute("preload", "none");
  await expect(player).toHaveAttribute("poster", /^\/media\/demo\/dryer\.jpg$/);
  await expect(player.locator("track[srclang=vi]")).toHaveAttribute("default", "");
  // The article it is in.
  await expect(page.getByTestId("video-articles").locator(".article-card")).toHaveCount(1);

  if (test.info().project.use.javaScriptEnabled) {
    // The browser plays it, asking the server for ranges of the clip.
    const ranged = page.waitForResponse((r) => r.url().includes("/media/demo/videos/") && r.status() === 206);
    await player.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await ranged;
    await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.5);
    // Seeking asks for the part of the file it needs.
    await player.evaluate((v: HTMLVideoElement) => {
      v.currentTime = 7;
    });
    await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(7);
  }
});

test("an editor uploads a clip with its poster and captions and publishes it", async ({ page }) => {
  await logIn(page, "bien-tap@techx.demo", "techx-editor-demo");
  await page.goto("/editor/articles");
  await page.getByRole("link", { name: "Video của sàn" }).click();
  await page.getByRole("link", { name: "Thêm video" }).click();
  const project = test.info().project.name;
  const title = `Trình diễn robot hàn tại Trà Nóc (${project})`;
  await page.getByLabel("Tiêu đề").fill(title);
  await page.getByLabel("Mô tả").fill("Cánh tay robot sáu trục hàn khung máy nông nghiệp.");
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu video.");
  await expect(page.getByTestId("video-status")).toHaveText("Bản nháp");

  const assets = path.resolve(__dirname, "../../server/assets/videos");
  // A picture named like a clip is refused by its bytes, beside the field.
  await page.locator("#field-clip").setInputFiles(path.resolve(__dirname, "../../public/icons/icon-192.png"));
  await page.getByRole("button", { name: "Tải video lên" }).click();
  await expect(page.locator("#field-clip-note")).toHaveText(/không phải video MP4 hay WebM/);
  await page.locator("#field-clip").setInputFiles(path.join(assets, "clip-3.webm"));
  await page.getByRole("button", { name: "Tải video lên" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã tải video lên.");
  await page.locator("#field-captions-vi").setInputFiles({
    name: "phu-de.vtt",
    mimeType: "text/vtt",
    buffer: Buffer.from("WEBVTT\n\n00:00.000 --> 00:02.000\nRobot hàn sáu trục\n"),
  });
  await page.getByTestId("upload-captions-vi").getByRole("button", { name: "Tải phụ đề lên" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã tải phụ đề lên.");
  await page.getByRole("button", { name: "Đăng video" }).click();
  await expect(page.getByRole("status")).toHaveText("Video đã được đăng.");

  await page.getByRole("link", { name: "Xem trang video" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("video-player").locator("source")).toHaveAttribute("type", "video/webm");
  await expect(page.getByTestId("video-player").locator("track[srclang=vi]")).toHaveCount(1);
});
