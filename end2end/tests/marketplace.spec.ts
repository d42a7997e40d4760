import { expect, test } from "@playwright/test";
import { crc32, deflateSync } from "node:zlib";
import { confirmByMail, logIn, otherBrowser, sqlScalar } from "./helpers";

/** A one-pixel PNG. */
const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

test("a member opens a stall, a moderator approves it, its offer is found without diacritics, a buyer writes and the stall replies", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const run = `${testInfo.project.name}-${Date.now()}`;
  const email = `taydo-${run}@cantho.vn`;
  const stallName = `Cơ khí Tây Đô ${run}`;
  const title = `Máy kéo cày xới đa năng ${run}`;

  await page.goto("/register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Tên hiển thị").fill("Trần Văn Tây");
  await page.getByLabel("Mật khẩu").fill("mật khẩu của Tây Đô");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await confirmByMail(page, email);
  await expect(page.getByTestId("account-name")).toHaveText("Trần Văn Tây");

  // Open a stall: mistakes first, reported next to their fields, with what was typed kept.
  await page.goto("/account/stalls");
  await page.getByRole("link", { name: "Mở gian hàng mới" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mở gian hàng");
  await page.locator("form.form").evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByLabel("Tên tổ chức").fill(stallName);
  await page.getByLabel("Loại hình").selectOption("company");
  await page.getByLabel("Lĩnh vực chính").selectOption("co-khi");
  await page.getByLabel("Tỉnh / thành phố").selectOption("can-tho");
  await page.getByLabel("Giới thiệu").fill("Chế tạo máy kéo, máy cày xới và máy sấy lúa cho nông dân Đồng bằng sông Cửu Long.");
  await page.getByLabel("Địa chỉ").fill("12 Trần Hưng Đạo, Ninh Kiều, Cần Thơ");
  await page.getByLabel("Điện thoại").fill("gọi cho tôi nhé");
  await page.getByLabel("Người liên hệ").fill("Trần Văn Tây");
  await page.getByLabel("Website (không bắt buộc)").fill("taydo.vn");
  await page.getByRole("button", { name: "Gửi để kiểm duyệt" }).click();
  await expect(page.locator("#field-phone-note")).toHaveText(/Số điện thoại không hợp lệ/);
  await expect(page.locator("#field-website-note")).toHaveText(/http/);
  await expect(page.getByLabel("Tên tổ chức")).toHaveValue(stallName);
  await expect(page.getByLabel("Giới thiệu")).toHaveValue(/Chế tạo máy kéo/);
  await expect(page.getByLabel("Lĩnh vực chính")).toHaveValue("co-khi");
  await page.getByLabel("Điện thoại").fill("0292 3812 345");
  await page.getByLabel("Website (không bắt buộc)").fill("https://taydo.vn");
  await page.getByLabel("Chứng nhận (không bắt buộc)").fill("ISO 9001, VietGAP");
  await page.getByRole("button", { name: "Gửi để kiểm duyệt" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi gian hàng");
  const own = page.getByTestId("own-stall").filter({ hasText: stallName });
  await expect(own.getByTestId("stall-status")).toHaveText("Chờ duyệt");

  // A moderator approves it.
  const moderator = await otherBrowser(browser);
  const mod = await moderator.newPage();
  await logIn(mod, "moderator@techx.demo", "techx-moderator-demo");
  await mod.goto("/moderation");
  const pending = mod.getByTestId("pending-stall").filter({ hasText: stallName });
  await expect(pending).toContainText("ISO 9001");
  await pending.getByRole("button", { name: "Duyệt" }).click();
  await expect(mod.getByRole("status")).toContainText("Đã duyệt gian hàng");

  await page.goto("/account/stalls");
  await expect(page.getByTestId("own-stall").filter({ hasText: stallName }).getByTestId("stall-status")).toHaveText("Đã duyệt");

  // Post an offer for the stall.
  await page.goto("/account/listings");
  await page.getByRole("link", { name: "Đăng tin mới" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng tin");
  await page.getByLabel("Loại tin").selectOption("offer");
  await page.getByLabel("Nhóm").selectOption("equipment");
  await page.getByLabel("Đăng cho").selectOption({ label: stallName });
  await page.getByLabel("Tiêu đề").fill(title);
  await page.getByLabel("Tóm tắt").fill("Máy kéo 4 bánh 35 mã lực, kèm giàn cày xới, phù hợp ruộng lúa ĐBSCL.");
  await page.getByLabel("Mô tả chi tiết").fill("## Thông số\n- Công suất 35 mã lực\n- Bảo hành 12 tháng");
  await page.getByLabel("Lĩnh vực", { exact: true }).selectOption("co-khi");
  await page.getByLabel("Tỉnh / thành phố").selectOption("can-tho");
  await page.getByLabel("Giá chào bán (đồng)").fill("285.000.000");
  await page.getByLabel("Số lượng").fill("5");
  await page.getByLabel("Đơn vị").fill("chiếc");
  await page.getByLabel("Tình trạng").selectOption("new");
  await page.getByLabel("Xuất xứ").fill("Việt Nam");
  await page.getByRole("button", { name: "Gửi kiểm duyệt" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi tin");
  await expect(page.getByTestId("own-listing").filter({ hasText: title }).getByTestId("listing-status")).toHaveText("Chờ duyệt");

  // Add a picture: a file that only claims to be one is refused by its content, with its name.
  await page.getByTestId("own-listing").filter({ hasText: title }).getByRole("link", { name: "Hình ảnh" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hình ảnh");
  await page.getByLabel("Chọn ảnh").setInputFiles({ name: "bao-gia.jpg", mimeType: "image/jpeg", buffer: Buffer.from("%PDF-1.7 not a picture") });
  await page.getByRole("button", { name: "Tải ảnh lên" }).click();
  await expect(page.getByTestId("image-error")).toContainText("bao-gia.jpg");
  await expect(page.getByTestId("image-error")).toContainText("không phải ảnh");
  await page.getByLabel("Chọn ảnh").setInputFiles({ name: "may-keo.png", mimeType: "image/png", buffer: Buffer.from(PNG_1X1, "base64") });
  await page.getByRole("button", { name: "Tải ảnh lên" }).click();
  await expect(page.getByRole("status")).toContainText("Đã thêm ảnh");
  await expect(page.getByTestId("listing-image")).toHaveCount(1);
  // A second one, made the cover; then the first goes.
  await page.getByLabel("Chọn ảnh").setInputFiles({ name: "may-keo-2.png", mimeType: "image/png", buffer: Buffer.from(PNG_1X1, "base64") });
  await page.getByRole("button", { name: "Tải ảnh lên" }).click();
  await expect(page.getByTestId("listing-image")).toHaveCount(2);
  const idOf = (n: number) => page.getByTestId("listing-image").nth(n).locator('input[name="image_id"]').first().inputValue();
  const [firstId, secondId] = [await idOf(0), await idOf(1)];
  await expect(page.getByTestId("listing-image").nth(0).getByTestId("cover-badge")).toBeVisible();
  await page.getByTestId("listing-image").nth(1).getByRole("button", { name: "Đặt làm ảnh đại diện" }).click();
  await expect(page.getByRole("status")).toContainText("Đã đổi thứ tự ảnh");
  expect([await idOf(0), await idOf(1)]).toEqual([secondId, firstId]);
  await expect(page.getByTestId("cover-badge")).toHaveCount(1);
  await page.getByTestId("listing-image").nth(1).getByRole("button", { name: "Xoá ảnh" }).click();
  await expect(page.getByTestId("listing-image")).toHaveCount(1);
  expect(await idOf(0)).toBe(secondId);

  await mod.goto("/moderation#listings");
  const pendingListing = mod.getByTestId("pending-listing").filter({ hasText: title });
  await expect(pendingListing.locator(".prose h3")).toHaveText("Thông số");
  await pendingListing.getByRole("button", { name: "Duyệt" }).click();
  await expect(mod.getByRole("status")).toContainText("Đã duyệt tin");
  await moderator.close();

  // Found by a search typed without diacritics, and its page shows every detail.
  await page.goto(`/search?q=${encodeURIComponent(`may keo cay xoi ${run}`)}`);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".spec-table")).toContainText("5 chiếc");
  await expect(page.locator(".spec-table")).toContainText("Mới");
  await expect(page.locator(".spec-table")).toContainText("Việt Nam");
  await expect(page.locator(".seller-card")).toContainText(stallName);
  await expect(page.locator(".prose h3")).toHaveText("Thông số");

  await expect(page.getByTestId("gallery-image")).toBeVisible();
  const listingPath = new URL(page.url()).pathname;

  // Another member writes to the stall from the listing's page, and saves it.
  const buyerContext = await otherBrowser(browser);
  const buyer = await buyerContext.newPage();
  await logIn(buyer, "an@techx.demo", "techx-member-demo");
  await buyer.goto(listingPath);
  await buyer.getByTestId("watch-button").click();
  await expect(buyer.getByTestId("watch-button")).toContainText("Bỏ lưu");
  await buyer.getByLabel("Tin nhắn").fill("Chào anh Tây, máy còn không? Giao về Cờ Đỏ được không ạ? <b>gấp</b>");
  await buyer.getByRole("button", { name: "Gửi yêu cầu liên hệ" }).click();
  await expect(buyer).toHaveURL(/\/account\/inquiries\/\d+/);
  await expect(buyer.getByTestId("conversation-other")).toHaveText(stallName);
  await expect(buyer.getByTestId("message")).toHaveCount(1);
  await expect(buyer.getByTestId("message").first()).toContainText("<b>gấp</b>");
  const conversationPath = new URL(buyer.url()).pathname;

  // The stall's member sees it waiting, reads it and replies.
  await page.goto("/");
  await expect(page.getByTestId("header-unread")).toHaveText("1");
  await page.getByTestId("header-inbox").click();
  const line = page.getByTestId("inbox-line").filter({ hasText: title });
  await expect(line.getByTestId("unread-count")).toHaveText("1");
  await line.getByRole("link").click();
  await expect(page.getByTestId("message").first()).toContainText("Giao về Cờ Đỏ");
  await page.getByLabel("Trả lời").fill("Còn 5 chiếc, giao tận nơi tại Cờ Đỏ trong tuần.");
  await page.getByRole("button", { name: "Gửi tin nhắn" }).click();
  await expect(page.getByTestId("message")).toHaveCount(2);
  await expect(page.getByTestId("header-inbox")).toBeVisible();
  await expect(page.getByTestId("header-unread")).toHaveCount(0);

  // The buyer sees the reply in their inbox, and the saved listing in their watchlist.
  await buyer.goto("/account/inquiries");
  const buyerLine = buyer.getByTestId("inbox-line").filter({ hasText: title });
  await expect(buyerLine.getByTestId("unread-count")).toHaveText("1");
  await buyerLine.getByRole("link").click();
  await expect(buyer).toHaveURL(new RegExp(`${conversationPath}$`));
  await expect(buyer.getByTestId("message").last()).toContainText("Còn 5 chiếc");
  // Reading it is not what marks it read (a GET changes nothing): the page's small form does,
  // sent by itself with JavaScript, by a click without.
  if (testInfo.project.name === "no-js") {
    await buyer.getByTestId("mark-conversation-read").getByRole("button", { name: "Đánh dấu đã đọc" }).click();
  }
  await expect(buyer.getByTestId("mark-conversation-read")).toHaveCount(0);
  await buyer.goto("/account/inquiries");
  await expect(buyer.getByTestId("inbox-line").filter({ hasText: title }).getByTestId("unread-count")).toHaveCount(0);
  await buyer.goto("/account/watchlist");
  await expect(buyer.getByTestId("watched-listing").filter({ hasText: title })).toBeVisible();
  await buyerContext.close();
});

test("an unfinished offer is kept as a draft, reopened with what it lacks, and sent once complete", async ({ page }, testInfo) => {
  const title = `Máy gặt đập liên hợp mini ${testInfo.project.name}-${Date.now()}`;
  await logIn(page, "an@techx.demo", "techx-member-demo");
  await page.goto("/account/listings/new");
  await page.locator("form.listing-form").evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByLabel("Tiêu đề").fill(title);
  await page.getByLabel("Giá chào bán (đồng)").fill("bốn mươi triệu");
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lưu bản nháp");
  const draft = page.getByTestId("incomplete-draft").filter({ hasText: title });
  await expect(draft).toContainText("Chưa đủ thông tin");
  await expect(draft).toContainText("mục cần hoàn thiện");
  expect(sqlScalar(`SELECT COUNT(*) FROM listings WHERE title = '${title}'`)).toBe(0);

  // Reopened: everything as typed, what is missing or wrong marked next to its field.
  await draft.getByRole("link", { name: "Tiếp tục soạn" }).click();
  await expect(page.getByTestId("draft-incomplete-note")).toBeVisible();
  await expect(page.getByLabel("Tiêu đề")).toHaveValue(title);
  await expect(page.getByLabel("Giá chào bán (đồng)")).toHaveValue("bốn mươi triệu");
  await expect(page.locator("#field-summary-note")).toHaveText("Vui lòng điền trường này.");
  await expect(page.locator("#field-price_vnd-note")).not.toBeEmpty();

  // Completed and sent: it becomes an offer waiting for review, and the draft is gone.
  await page.locator("form.listing-form").evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByLabel("Nhóm").selectOption("equipment");
  await page.getByLabel("Tóm tắt").fill("Máy gặt đập liên hợp cỡ nhỏ cho ruộng bậc thang và ruộng lún, năng suất 0,3 ha/giờ.");
  await page.getByLabel("Lĩnh vực", { exact: true }).selectOption("co-khi");
  await page.getByLabel("Tỉnh / thành phố").selectOption("an-giang");
  await page.getByLabel("Giá chào bán (đồng)").fill("40.000.000");
  await page.getByLabel("Điện thoại").fill("0909 123 456");
  await page.getByRole("button", { name: "Gửi kiểm duyệt" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi tin");
  await expect(page.getByTestId("own-listing").filter({ hasText: title }).getByTestId("listing-status")).toHaveText("Chờ duyệt");
  await expect(page.getByTestId("incomplete-draft").filter({ hasText: title })).toHaveCount(0);
});

/** A PNG of `width` × `height` pixels of noise: large as pictures go, so an upload takes a while. */
function noisePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  // Each row a filter byte (none) and its pixels, from a xorshift generator: noise does not compress.
  const rows = Buffer.alloc((width * 3 + 1) * height);
  let x = 0x2545f491;
  for (let i = 0; i < rows.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    rows[i] = i % (width * 3 + 1) === 0 ? 0 : x & 0xff;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

test("a picture upload shows how far it has got, then the picture", async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name === "no-js", "without JavaScript the browser's own upload shows its progress");
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  const listing = sqlScalar(
    "SELECT l.id FROM listings l JOIN stall_members m ON m.stall_id = l.stall_id JOIN users u ON u.id = m.user_id " +
      "WHERE u.email = 'binh@techx.demo' AND l.image_count < 6 ORDER BY l.id DESC LIMIT 1",
  );
  await page.goto(`/account/listings/${listing}/images`);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const pictures = await page.getByTestId("listing-image").count();
  // A phone's upload speed: 1.5 Mbit/s, so the picture takes seconds to send.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: -1, uploadThroughput: 192 * 1024 });
  const picture = noisePng(400, 400);
  expect(picture.length).toBeGreaterThan(300_000);
  await page.getByLabel("Chọn ảnh").setInputFiles({ name: "ruong-lua.png", mimeType: "image/png", buffer: picture });
  await page.getByRole("button", { name: "Tải ảnh lên" }).click();
  const progress = page.getByTestId("upload-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toContainText("Đang tải lên…");
  await expect.poll(async () => Number(await progress.locator("progress").getAttribute("value")), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId("listing-image")).toHaveCount(pictures + 1, { timeout: 20_000 });
  await expect(page.getByText(/Đã thêm ảnh/)).toBeVisible();
});
