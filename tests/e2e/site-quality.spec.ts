import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { daysClearOfWinter, expect, pickDates, propertyDate, test } from "./fixtures";

// Short stays at the cottages (essex, 9606-2br, view) start at daysClearOfWinter offsets: the
// seeded winter minimum would refuse them from January to April.

// What a guest notices without trying: phones, keyboard, labels, no third-party hosts; and that
// no server secret ended up in the browser bundles of the production build.

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("home and unit pages fit, show one month, and every input is labelled", async ({ page, shot }) => {
    await page.goto("/");
    await expect(page.locator(".unit-card").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, "11-phone-home");

    const day = daysClearOfWinter(50);
    await page.goto(`/units/essex?checkIn=${propertyDate(day)}&checkOut=${propertyDate(day + 3)}`);
    await expect(page.getByTestId("quote-total")).toBeVisible();
    await expect(page.locator(".rdp-month")).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll("input, select, textarea"))
        .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"))
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    await shot(page, "12-phone-unit");
  });
});

test("the calendar and the form work from the keyboard", async ({ page }) => {
  const day = daysClearOfWinter(45);
  const checkIn = propertyDate(day);
  await page.goto("/units/9606-2br");
  await expect(page.getByText("Loading availability…")).toBeHidden();
  await pickDates(page, checkIn, propertyDate(day + 1)); // brings the month into view
  await page.getByRole("button", { name: "Clear dates" }).click();
  // Focus the check-in day, then move with the arrow keys and select with Enter.
  await page.locator(`td[data-day="${checkIn}"]:not([data-outside]) button`).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("selected-dates")).toContainText("2 nights");
  await expect(page.getByTestId("quote-total")).toBeVisible();
  await page.getByLabel("Guests").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("First name")).toBeFocused();
});

test("the quote box keeps its height while the price loads", async ({ page }) => {
  await page.goto("/units/essex");
  await expect(page.getByText("Loading availability…")).toBeHidden();
  const box = page.getByTestId("quote");
  const before = (await box.boundingBox())?.height ?? 0;
  const day = daysClearOfWinter(90);
  await pickDates(page, propertyDate(day), propertyDate(day + 3));
  await expect(page.getByTestId("quote-total")).toBeVisible();
  const after = (await box.boundingBox())?.height ?? 0;
  expect(Math.abs(after - before)).toBeLessThanOrEqual(2);
});

test("pages load nothing from other hosts", async ({ page }) => {
  const foreign: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "data:") foreign.push(req.url());
  });
  await page.goto("/");
  const day = daysClearOfWinter(100);
  await page.goto(`/units/view?checkIn=${propertyDate(day)}&checkOut=${propertyDate(day + 2)}`);
  await expect(page.getByTestId("quote-total")).toBeVisible();
  await page.goto("/checkout?holdId=none");
  await page.goto("/bookings/confirmation");
  expect(foreign).toEqual([]);
});

test("no server secret is in the browser bundles or the pages", async ({ request }) => {
  const secrets = {
    SERVICE_API_KEY: process.env.E2E_SERVICE_API_KEY ?? "",
    CRON_SECRET: process.env.E2E_CRON_SECRET ?? "",
    STRIPE_WEBHOOK_SECRET: process.env.E2E_WEBHOOK_SECRET ?? "",
  };
  for (const value of Object.values(secrets)) expect(value.length).toBeGreaterThanOrEqual(16);

  const staticDir = path.join(process.env.E2E_DIST_DIR ?? "", "static");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(staticDir);
  expect(files.length).toBeGreaterThan(10);
  const leaks: string[] = [];
  for (const file of files) {
    const text = readFileSync(file).toString("latin1");
    for (const [name, value] of Object.entries(secrets)) if (text.includes(value)) leaks.push(`${name} in ${path.relative(staticDir, file)}`);
  }
  expect(leaks).toEqual([]);

  for (const url of ["/", "/units/essex", "/checkout?holdId=x", "/bookings/confirmation?pi=pi_x"]) {
    const html = await (await request.get(url)).text();
    for (const [name, value] of Object.entries(secrets)) expect(html.includes(value), `${name} in ${url}`).toBe(false);
  }
});
