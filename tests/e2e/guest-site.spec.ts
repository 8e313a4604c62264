import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { daysClearOfWinter, expect, money, propertyDate, recipientsOf, test, waitForMail } from "./fixtures";

// Issue #20: every guest page passes axe-core at desktop and phone widths, a stay can be booked
// with the keyboard alone, search engines get titles, canonical URLs, Open Graph, JSON-LD and a
// sitemap of the active units, and the cached pages follow a rate change once revalidated.

/** Serious and critical axe violations, including the experimental label/content rule. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")} — ${v.help}`);
}

async function hold(api: { hold: (u: string, a: string, b: string) => Promise<{ holdId: string }> }, days: number) {
  return api.hold("trailer-03", propertyDate(days), propertyDate(days + 2));
}

for (const width of [1280, 375]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("every guest page has no serious or critical axe violation", async ({ page, api }) => {
      await page.goto("/");
      await expect(page.locator(".unit-card").first()).toBeVisible();
      expect(await seriousViolations(page), "home").toEqual([]);

      // A unit page with a shared stay: calendar, chosen range, the server's quote (a 3-night
      // cottage stay, outside the winter minimum: see daysClearOfWinter).
      const day = daysClearOfWinter(130);
      await page.goto(`/units/essex?checkIn=${propertyDate(day)}&checkOut=${propertyDate(day + 3)}`);
      await expect(page.getByTestId("quote-total")).toBeVisible();
      expect(await seriousViolations(page), "unit with a quote").toEqual([]);

      // The booking form with its errors shown.
      await page.getByRole("button", { name: "Reserve" }).click();
      await expect(page.getByLabel("First name")).toHaveAttribute("aria-invalid", "true");
      expect(await seriousViolations(page), "unit with form errors").toEqual([]);

      // Checkout of a hold placed elsewhere (the guest form, then payment in test mode).
      const { holdId } = await hold(api, width === 375 ? 140 : 150);
      await page.goto(`/checkout?holdId=${holdId}`);
      await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
      await expect(page.getByLabel("First name")).toBeVisible();
      expect(await seriousViolations(page), "checkout").toEqual([]);

      await page.goto("/bookings/find");
      await expect(page.getByRole("heading", { name: "Find your booking" })).toBeVisible();
      expect(await seriousViolations(page), "find my booking").toEqual([]);

      await page.goto("/bookings/confirmation?pi=pi_unknown");
      await expect(page.locator("main")).not.toBeEmpty();
      expect(await seriousViolations(page), "confirmation").toEqual([]);

      const missing = await page.goto("/units/no-such-stay");
      expect(missing?.status()).toBe(404);
      await expect(page.getByRole("link", { name: "See all our stays" })).toBeVisible();
      expect(await seriousViolations(page), "404").toEqual([]);
    });
  });
}

test("day buttons are named by their date and contain the number they show", async ({ page }) => {
  await page.goto("/units/essex");
  await expect(page.getByText("Loading availability…")).toBeHidden();
  const day = propertyDate(3);
  const button = page.locator(`td[data-day="${day}"]:not([data-outside]) button`);
  const name = (await button.getAttribute("aria-label")) ?? "";
  const shown = (await button.textContent())?.trim() ?? "";
  expect(shown).toBe(String(Number(day.slice(8))));
  expect(name.split(/[\s,]+/)).toContain(shown);
  expect(name).toMatch(/^(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), [A-Z][a-z]+ \d{1,2}, \d{4}/);
});

test("a guest books a stay with the keyboard alone", async ({ page, api }) => {
  const checkIn = propertyDate(160);
  const checkOut = propertyDate(163);
  const expected = await api.quote("trailer-02", checkIn, checkOut);
  await page.goto("/units/trailer-02");
  await expect(page.getByText("Loading availability…")).toBeHidden();

  const focusedDay = () =>
    page.evaluate(() => (document.activeElement?.closest("td[data-day]") as HTMLElement | null)?.dataset.day ?? null);

  // Tab from the top of the page into the calendar grid.
  await page.locator("body").focus();
  for (let i = 0; i < 40 && (await focusedDay()) === null; i++) await page.keyboard.press("Tab");
  expect(await focusedDay()).not.toBeNull();
  // The focused day is visibly marked (the site's focus ring, not the browser's default).
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.style).not.toBe("none");
  expect(ring.width).toBeGreaterThanOrEqual(2);

  // Arrows to the check-in day (PageDown a month at a time, then weeks, then days).
  for (let i = 0; i < 200; i++) {
    const at = (await focusedDay()) as string;
    if (at === checkIn) break;
    expect(at < checkIn, `focus moved past ${checkIn} to ${at}`).toBe(true);
    const days = (Date.parse(checkIn) - Date.parse(at)) / 86_400_000;
    await page.keyboard.press(days >= 31 ? "PageDown" : days >= 7 ? "ArrowDown" : "ArrowRight");
  }
  expect(await focusedDay()).toBe(checkIn);
  await page.keyboard.press("Enter");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  expect(await focusedDay()).toBe(checkOut);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("selected-dates")).toContainText("3 nights");
  await expect(page.getByTestId("quote-total")).toHaveText(money(expected.totalCents));

  // On through the form with Tab; the fields are typed into, the form sent with Enter.
  const tabTo = async (label: string) => {
    const field = page.getByLabel(label, { exact: true });
    for (let i = 0; i < 40 && !(await field.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(field).toBeFocused();
  };
  await tabTo("First name");
  await page.keyboard.type("Kira");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Keys");
  await page.keyboard.press("Tab");
  const email = `kira+${Date.now()}@example.test`;
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/checkout\?holdId=/);
  await expect(page.getByTestId("checkout-total")).toHaveText(money(expected.totalCents));

  await tabTo("Card number (test)");
  await page.keyboard.type("4242 4242 4242 4242");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/bookings\/confirmation\?pi=pi_/);
  await expect(page.getByTestId("confirmation")).toBeVisible();
  await expect(page.getByTestId("confirmation-total")).toHaveText(money(expected.totalCents));

  // The pages of a real booking, at both widths: confirmation, manage (from the email), receipt.
  const mail = await waitForMail((m) => recipientsOf(m).includes(email) && (m.subject ?? "").startsWith("Booking confirmed"));
  const manage = new URL(/https?:\/\/\S+\/bookings\/manage\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? "")?.[0] ?? "http://x/").pathname;
  const confirmation = page.url();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(confirmation);
    await expect(page.getByTestId("confirmation")).toBeVisible();
    expect(await seriousViolations(page), `confirmed booking at ${width} px`).toEqual([]);
    await page.goto(manage);
    await expect(page.getByTestId("manage-booking")).toBeVisible();
    expect(await seriousViolations(page), `manage booking at ${width} px`).toEqual([]);
    await page.getByTestId("receipt-link").click();
    await expect(page.getByTestId("receipt")).toBeVisible();
    expect(await seriousViolations(page), `receipt at ${width} px`).toEqual([]);
  }
});

test("pages carry titles, canonical URLs, link previews and JSON-LD with the unit's facts", async ({ page, db }) => {
  const origin = process.env.E2E_BASE_URL as string;
  const unit = (await db.query(`SELECT name, capacity FROM "Unit" WHERE slug = 'essex'`)).rows[0] as { name: string; capacity: number };
  const prop = (await db.query(`SELECT "addressLine1", city, "postalCode" FROM "PropertySettings" WHERE id = 1`)).rows[0] as {
    addressLine1: string;
    city: string;
    postalCode: string;
  };

  await page.goto("/units/essex");
  await expect(page).toHaveTitle(`${unit.name} · Palm Aire Court`);
  const head = page.locator("head");
  await expect(head.locator('link[rel="canonical"]')).toHaveAttribute("href", `${origin}/units/essex`);
  await expect(head.locator('meta[name="description"]')).toHaveAttribute("content", /sleeps \d/);
  await expect(head.locator('meta[property="og:title"]')).toHaveAttribute("content", unit.name);
  await expect(head.locator('meta[property="og:image"]')).toHaveAttribute("content", new RegExp(`^${origin}/`));
  await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");

  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const rental = blocks.map((t) => JSON.parse(t)).find((d) => d["@type"] === "VacationRental");
  expect(rental.name).toBe(unit.name);
  expect(rental.containsPlace["@type"]).toBe("Accommodation");
  expect(rental.containsPlace.occupancy.maxValue).toBe(unit.capacity);
  expect(rental.address.streetAddress).toBe(prop.addressLine1);
  expect(rental.address.addressLocality).toBe(prop.city);
  expect(rental.address.postalCode).toBe(prop.postalCode);
  expect(rental.priceRange).toMatch(/^\$\d+(\.\d\d)?( – \$\d+(\.\d\d)?)? per night$/);
  expect(rental.containsPlace.amenityFeature.length).toBeGreaterThan(0);

  await page.goto("/");
  // Next writes the root URL without its trailing slash.
  await expect(head.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`^${origin}/?$`));
  const home = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t));
  const business = home.find((d) => d["@type"] === "LodgingBusiness");
  expect(business.address.streetAddress).toBe(prop.addressLine1);
  expect(business.checkinTime).toMatch(/^\d\d:\d\d$/);
  expect(business.checkoutTime).toMatch(/^\d\d:\d\d$/);
});

test("the sitemap lists every active unit and no inactive one; robots keeps crawlers out of /admin and /api", async ({ request, db }) => {
  const origin = process.env.E2E_BASE_URL as string;
  await db.query(`UPDATE "Unit" SET active = false WHERE slug = 'rv-03'`);
  try {
    const res = await request.get("/sitemap.xml");
    expect(res.status()).toBe(200);
    const listed = [...(await res.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]).sort();
    const active = (await db.query(`SELECT slug FROM "Unit" WHERE active ORDER BY slug`)).rows.map((r: { slug: string }) => `${origin}/units/${r.slug}`);
    expect(active.length).toBeGreaterThan(5);
    expect(listed).toEqual([`${origin}/`, ...active].sort());
    expect(listed).not.toContain(`${origin}/units/rv-03`);
  } finally {
    await db.query(`UPDATE "Unit" SET active = true WHERE slug = 'rv-03'`);
  }
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /admin");
  expect(robots).toContain("Disallow: /api");
  expect(robots).toContain(`Sitemap: ${origin}/sitemap.xml`);
});

test("a rate change shows on the cached unit page on the next request after revalidation", async ({ request, db }) => {
  const fetchPage = async () => {
    const res = await request.get("/units/9608-1br");
    const price = /data-testid="from-price".*?<strong>([^<]+)<\/strong>/s.exec(await res.text())?.[1];
    return { price, cache: res.headers()["x-nextjs-cache"] };
  };
  // Next answers a render before it writes the page to the cache; a revalidation must come after
  // that write to count. Asking until an answer comes from the cache (HIT) waits for the write.
  const cachedPrice = async () => {
    for (let i = 0; i < 100; i++) {
      const answer = await fetchPage();
      if (answer.cache === "HIT") return answer.price;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the unit page never came from the cache");
  };
  const revalidate = async () => {
    const res = await request.post("/api/internal/revalidate-site", { headers: { authorization: `Bearer ${process.env.E2E_CRON_SECRET}` } });
    expect(res.status(), await res.text()).toBe(200);
  };
  const setNightly = (cents: number) =>
    db.query(`UPDATE "RatePlan" SET nightly = $1 WHERE "unitId" = (SELECT id FROM "Unit" WHERE slug = '9608-1br') RETURNING nightly`, [cents]);

  // The seeded plan: $125 a night (prisma/data/rates.ts), the unit's lowest price per night.
  await revalidate();
  expect((await fetchPage()).price).toBe("$125");
  expect(await cachedPrice()).toBe("$125");
  const changed = await setNightly(14_300);
  expect(changed.rowCount).toBe(1);
  try {
    // Written behind the app's back: the cache still serves the old price...
    expect(await cachedPrice()).toBe("$125");
    // ...until the pages are revalidated; the very next request renders the new one.
    await revalidate();
    expect((await fetchPage()).price).toBe("$143");
    expect(await cachedPrice()).toBe("$143");
  } finally {
    await setNightly(12_500);
    await revalidate();
  }
  expect((await fetchPage()).price).toBe("$125");
});
