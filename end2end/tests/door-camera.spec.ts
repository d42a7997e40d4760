import { expect, test } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "../playwright.config";
import { logIn, sqlScalar, sqlText } from "./helpers";

// A fake camera; the page is given a BarcodeDetector that "reads" the ticket held up to it
// (Chromium on Linux has none of its own), so what is tested is the door's wiring: camera on,
// frames read, each ticket checked in once however long it is held up, camera off.
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: [...chromiumArgs, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
  },
  permissions: ["camera"],
});

test("a ticket held up to the camera checks in once", async ({ page }) => {
  test.skip(!test.info().project.use.javaScriptEnabled, "the camera needs JavaScript");
  const code = sqlText(
    `SELECT r.ticket_code FROM event_registrations r JOIN events e ON e.id = r.event_id
     WHERE e.slug = 'ngay-hoi-khoi-nghiep-doi-moi-sang-tao-can-tho' AND r.status = 'confirmed'
       AND r.checked_in_at IS NULL ORDER BY r.id DESC LIMIT 1`,
  );
  await page.addInitScript((held) => {
    (window as any).BarcodeDetector = class {
      constructor(options: { formats: string[] }) {
        if (!options.formats.includes("qr_code")) throw new Error("asked for another format");
      }
      async detect(source: HTMLVideoElement) {
        // Only frames of a playing camera carry the ticket.
        return source.srcObject && source.readyState >= 2 ? [{ rawValue: `${location.origin}/tickets/${held}` }] : [];
      }
    };
  }, code);
  await logIn(page, "bien-tap@techx.demo", "techx-editor-demo");
  await page.goto("/events/ngay-hoi-khoi-nghiep-doi-moi-sang-tao-can-tho/check-in");
  await expect(page.locator("body[data-hydrated=true]")).toBeAttached();
  const count = Number(await page.getByTestId("door-count").textContent());
  await page.getByTestId("door-scan").click();
  await expect(page.getByTestId("door-result")).toHaveAttribute("data-outcome", "done");
  await expect(page.getByTestId("door-count")).toHaveText(String(count + 1));
  // Held up for a while: read many times, checked in once.
  await page.waitForFunction(() => (document.querySelector(".door-video") as HTMLVideoElement).currentTime > 1);
  await expect(page.getByTestId("door-result")).toHaveAttribute("data-outcome", "done");
  expect(sqlScalar(`SELECT COUNT(*) FROM event_registrations WHERE ticket_code = '${code}' AND checked_in_at IS NOT NULL`)).toBe(1);
  await page.getByTestId("door-scan").click();
  await expect(page.locator(".door-video")).toBeHidden();
});
