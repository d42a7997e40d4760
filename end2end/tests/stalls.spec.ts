import { expect, type Page, test } from "@playwright/test";
import { confirmByMail, logIn, otherBrowser, sqlText } from "./helpers";

/** A one-pixel PNG. */
const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** What a visitor types on a phone without Vietnamese input: no diacritics, đ as d, lowercase. */
function withoutDiacritics(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}

function count(text: string): number {
  return Number(text.replace(/\D/g, ""));
}

async function register(page: Page, email: string, name: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Tên hiển thị").fill(name);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await confirmByMail(page, email);
}

test("the stall directory finds stalls typed without diacritics and narrows by province and kind, all in the URL", async ({ page }) => {
  await page.goto("/stalls");
  const all = count(await page.getByTestId("results-count").innerText());
  expect(all).toBeGreaterThan(24);
  const name = await page.locator(".stall-card .card-title").first().innerText();

  await page.getByLabel("Từ khóa").fill(withoutDiacritics(name));
  await page.locator("#main").getByRole("button", { name: "Tìm kiếm" }).click();
  await expect(page).toHaveURL(/\/stalls\?q=/);
  await expect(page.locator(".stall-card .card-title").first()).toHaveText(name);
  await expect(page.locator(".stall-card .card-title mark").first()).toBeVisible();
  expect(count(await page.getByTestId("results-count").innerText())).toBeLessThan(all);
  await expect(page.getByLabel("Từ khóa")).toHaveValue(withoutDiacritics(name));

  await page.getByRole("link", { name: "Xoá bộ lọc" }).click();
  await page.getByLabel("Tỉnh / thành phố").selectOption("can-tho");
  await page.getByLabel("Loại hình").selectOption("cooperative");
  await page.getByLabel("Sắp xếp").selectOption("name");
  await page.locator("#main").getByRole("button", { name: "Tìm kiếm" }).click();
  await expect(page).toHaveURL(/province=can-tho/);
  await expect(page).toHaveURL(/org_kind=cooperative/);
  const narrowed = count(await page.getByTestId("results-count").innerText());
  expect(narrowed).toBeGreaterThan(0);
  expect(narrowed).toBeLessThan(all);
  for (const meta of await page.locator(".stall-card .card-meta").allInnerTexts()) {
    expect(meta).toContain("Cần Thơ");
  }
  const names = await page.locator(".stall-card .card-title").allInnerTexts();
  const folded = names.map(withoutDiacritics);
  expect(folded).toEqual([...folded].sort());
  await expect(page.getByLabel("Loại hình")).toHaveValue("cooperative");
});

test("a stall's page narrows its own offers by words", async ({ page }) => {
  await page.goto("/stalls");
  await page.locator(".stall-card .card-title a").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "Sản phẩm, công nghệ chào bán" })).toBeVisible();
  const title = await page.locator("#offers .listing-card .card-title").first().innerText();
  const word = withoutDiacritics(title).split(" ").find((w) => w.length > 3)!;
  await page.locator("#offers").getByLabel("Từ khóa").fill(word);
  await page.locator("#offers").getByRole("button", { name: "Áp dụng" }).click();
  await expect(page).toHaveURL(/\/stalls\/[^?]+\?q=/);
  await expect(page.getByTestId("results-count")).toContainText("kết quả");
  await expect(page.locator("#offers .listing-card mark").first()).toBeVisible();
  const stallName = await page.getByRole("heading", { level: 1 }).innerText();
  for (const card of await page.locator("#offers .listing-card .card-seller").allInnerTexts()) {
    // "Gian hàng: <name>", the label for screen readers only.
    expect(card.replace(/^Gian hàng:\s*/, "")).toBe(stallName);
  }
});

test("a stall's owner invites a colleague by e-mail, who signs up from the link and joins", async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const run = `${testInfo.project.name}-${Date.now()}`;
  const owner = `chu-${run}@cantho.vn`;
  const colleague = `dong-nghiep-${run}@cantho.vn`;
  const stallName = `Hợp tác xã Lúa gạo ${run}`;

  await page.goto("/register");
  await register(page, owner, "Võ Thị Chủ", "mật khẩu của chủ");
  await expect(page.getByTestId("account-name")).toHaveText("Võ Thị Chủ");
  await page.goto("/account/stalls/new");
  await page.getByLabel("Tên tổ chức").fill(stallName);
  await page.getByLabel("Loại hình").selectOption("cooperative");
  await page.getByLabel("Lĩnh vực chính").selectOption("nong-nghiep");
  await page.getByLabel("Tỉnh / thành phố").selectOption("can-tho");
  await page.getByLabel("Giới thiệu").fill("Sản xuất và bao tiêu lúa giống, lúa thơm đạt chuẩn VietGAP cho xã viên.");
  await page.getByLabel("Địa chỉ").fill("Ấp Nhơn Lộc 1, Phong Điền, Cần Thơ");
  await page.getByLabel("Điện thoại").fill("0292 3850 123");
  await page.getByLabel("Người liên hệ").fill("Võ Thị Chủ");
  const otherSectors = page.getByRole("group", { name: "Lĩnh vực hoạt động khác (tối đa 4)" });
  await otherSectors.getByLabel("Chế biến thực phẩm").check();
  await otherSectors.getByLabel("Môi trường").check();
  await page.getByRole("button", { name: "Gửi để kiểm duyệt" }).click();
  const own = page.getByTestId("own-stall").filter({ hasText: stallName });
  await expect(own).toBeVisible();
  expect(sqlText(`SELECT other_sectors FROM stalls WHERE name = '${stallName}'`)).toBe("che-bien-thuc-pham,moi-truong");
  await own.getByRole("link", { name: "Thành viên" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thành viên gian hàng");
  await expect(page.getByTestId("team-member")).toHaveCount(1);

  // A mistyped address is said next to the field and kept.
  await page.locator("form.team-invite-form").evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByLabel("Địa chỉ e-mail của người được mời").fill("dong-nghiep@");
  await page.getByRole("button", { name: "Gửi lời mời" }).click();
  await expect(page.locator("#field-email-note")).toHaveText(/email không hợp lệ/);
  await expect(page.getByLabel("Địa chỉ e-mail của người được mời")).toHaveValue("dong-nghiep@");
  await page.getByLabel("Địa chỉ e-mail của người được mời").fill(colleague);
  await page.getByRole("button", { name: "Gửi lời mời" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi lời mời");
  await expect(page.getByTestId("invitation")).toContainText(colleague);

  // The colleague opens the mailed link, has no account yet, signs up and comes back to it.
  const body = sqlText(
    `SELECT body FROM outbox WHERE to_email = '${colleague}' AND kind = 'stall_invitation' ORDER BY id DESC LIMIT 1`,
  );
  const link = body.match(/https?:\/\/\S+(\/stall-invitation\?token=[0-9a-f]+)/);
  expect(link, body).not.toBeNull();
  const other = await otherBrowser(browser);
  const them = await other.newPage();
  await them.goto(link![1]);
  await expect(them.getByRole("heading", { level: 1 })).toHaveText("Lời mời tham gia gian hàng");
  await expect(them.getByTestId("invited-email")).toHaveText(colleague);
  await them.locator(".invitation-card").getByRole("link", { name: "Đăng ký" }).click();
  await register(them, colleague, "Lê Văn Đồng", "mật khẩu của Đồng");
  await expect(them).toHaveURL(/\/stall-invitation\?token=/);
  await them.getByRole("button", { name: "Nhận lời" }).click();
  await expect(them).toHaveURL(/\/account\/stalls\?done=joined/);
  await expect(them.getByRole("status")).toContainText("Bạn đã tham gia gian hàng");
  const joined = them.getByTestId("own-stall").filter({ hasText: stallName });
  await expect(joined).toContainText("Thành viên gian hàng");

  // The owner sees the new member; the invitation is no longer waiting.
  await page.reload();
  await expect(page.getByTestId("team-member")).toHaveCount(2);
  await expect(page.getByTestId("team-member").last()).toContainText("Lê Văn Đồng");
  await expect(page.getByTestId("invitation")).toHaveCount(0);

  // The link is spent.
  await them.goto(link![1]);
  await expect(them.locator(".invitation-card")).toContainText("đã được trả lời");

  // Its profile and pictures stay the owner's: the new member has no link to them.
  await them.goto("/account/stalls");
  const line = them.getByTestId("own-stall").filter({ hasText: stallName });
  await expect(line.getByRole("link", { name: "Thành viên" })).toBeVisible();
  await expect(line.getByRole("link", { name: "Logo & ảnh bìa" })).toHaveCount(0);

  // The owner gives the stall a logo: a file that only claims to be a picture is refused by
  // name, a real one is kept and shown.
  await page.goto("/account/stalls");
  await page.getByTestId("own-stall").filter({ hasText: stallName }).getByRole("link", { name: "Logo & ảnh bìa" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logo và ảnh bìa");
  const logo = page.getByTestId("picture-logo");
  await expect(logo.locator("div.stall-avatar")).toBeVisible();
  await logo.getByLabel("Chọn ảnh").setInputFiles({ name: "logo-gia.png", mimeType: "image/png", buffer: Buffer.from("<svg/>") });
  await logo.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByTestId("picture-logo").getByRole("alert")).toContainText("logo-gia.png");
  await page.getByTestId("picture-logo").getByLabel("Chọn ảnh").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(PNG_1X1, "base64") });
  await page.getByTestId("picture-logo").getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lưu ảnh");
  await expect(page.getByTestId("picture-logo").locator("img.stall-logo")).toBeVisible();
  await page.getByTestId("picture-logo").getByRole("button", { name: "Gỡ ảnh" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gỡ ảnh");
  await expect(page.getByTestId("picture-logo").locator("img.stall-logo")).toHaveCount(0);
  await other.close();
});

test("a stall working in several sectors shows them all and is found under each", async ({ page }) => {
  const slug = sqlText("SELECT slug FROM stalls WHERE status = 'approved' AND other_sectors LIKE '%,%' ORDER BY id LIMIT 1");
  const sectors = sqlText(`SELECT sector_code || ',' || other_sectors FROM stalls WHERE slug = '${slug}'`).split(",");
  expect(sectors.length).toBe(3);
  const name = sqlText(`SELECT name FROM stalls WHERE slug = '${slug}'`);
  await page.goto(`/stalls/${slug}`);
  const facts = page.locator(".stall-facts");
  const names: Record<string, string> = {
    "nong-nghiep": "Nông nghiệp", "thuy-san": "Thủy sản", "co-khi": "Cơ khí", "che-bien-thuc-pham": "Chế biến thực phẩm",
    "moi-truong": "Môi trường", "nang-luong": "Năng lượng", "cong-nghe-thong-tin": "Công nghệ thông tin", "y-te": "Y tế",
    "vat-lieu-xay-dung": "Vật liệu xây dựng", "tu-van-chuyen-giao": "Tư vấn – chuyển giao",
  };
  for (const code of sectors) await expect(facts).toContainText(names[code] ?? code);
  // Found in the directory under its last-named sector, not only its main one.
  await page.goto(`/stalls?q=${encodeURIComponent(name)}&sector=${sectors[2]}`);
  await expect(page.locator(".stall-card").filter({ hasText: name })).toHaveCount(1);
});

test("changes to an approved stall wait for a moderator, who sees them side by side", async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const run = `${testInfo.project.name}-${Date.now()}`;
  const stallName = `Cơ khí Cái Răng ${run}`;
  const before = "Gia công cơ khí chính xác, sửa chữa máy nông nghiệp cho bà con Cái Răng.";
  const after = "Gia công cơ khí chính xác, chế tạo máy sấy lúa và sửa chữa máy nông nghiệp.";
  await page.goto("/register");
  await register(page, `cairang-${run}@cantho.vn`, "Phạm Văn Răng", "mật khẩu của Răng");
  await page.goto("/account/stalls/new");
  await page.getByLabel("Tên tổ chức").fill(stallName);
  await page.getByLabel("Loại hình").selectOption("company");
  await page.getByLabel("Lĩnh vực chính").selectOption("co-khi");
  await page.getByLabel("Tỉnh / thành phố").selectOption("can-tho");
  await page.getByLabel("Giới thiệu").fill(before);
  await page.getByLabel("Địa chỉ").fill("45 Lê Hồng Phong, Cái Răng, Cần Thơ");
  await page.getByLabel("Điện thoại").fill("0292 3911 222");
  await page.getByLabel("Người liên hệ").fill("Phạm Văn Răng");
  await page.getByRole("button", { name: "Gửi để kiểm duyệt" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi gian hàng");

  const moderatorContext = await otherBrowser(browser);
  const mod = await moderatorContext.newPage();
  await logIn(mod, "moderator@techx.demo", "techx-moderator-demo");
  await mod.goto("/moderation");
  await mod.getByTestId("pending-stall").filter({ hasText: stallName }).getByRole("button", { name: "Duyệt" }).click();
  await expect(mod.getByRole("status")).toContainText("Đã duyệt gian hàng");
  const slug = sqlText(`SELECT slug FROM stalls WHERE name = '${stallName}'`);

  // The owner changes the description: it waits, and the public page keeps the approved one.
  await page.goto("/account/stalls");
  await page.getByTestId("own-stall").filter({ hasText: stallName }).getByRole("link", { name: "Sửa" }).click();
  await page.getByLabel("Giới thiệu").fill(after);
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi thay đổi để kiểm duyệt");
  await page.getByTestId("own-stall").filter({ hasText: stallName }).getByRole("link", { name: "Sửa" }).click();
  await expect(page.getByTestId("edit-waiting")).toBeVisible();
  await expect(page.getByLabel("Giới thiệu")).toHaveValue(after);
  await page.goto(`/stalls/${slug}`);
  await expect(page.getByText(before)).toBeVisible();

  // The moderator sees what changes, as it is and as it would be, and approves it.
  await mod.goto("/moderation");
  const change = mod.getByTestId("pending-stall-edit").filter({ hasText: stallName });
  await expect(change.locator(".stall-edit-now")).toHaveText(before);
  await expect(change.locator(".stall-edit-proposed")).toHaveText(after);
  await change.getByRole("button", { name: "Duyệt" }).click();
  await expect(mod.getByRole("status")).toContainText("Đã duyệt thay đổi");
  await page.goto(`/stalls/${slug}`);
  await expect(page.getByText(after)).toBeVisible();
  await moderatorContext.close();
});
