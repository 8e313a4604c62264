import { daysClearOfWinter, expect, fillGuest, money, nightsOf, pickDates, propertyDate, showDay, test, useRunnerClock } from "./fixtures";

// The whole guest journey in a real browser, offline: home → unit → dates → server quote →
// reserve (hold + checkout on the server) → test-mode payment through the Stripe emulator →
// signed webhook → booking confirmed; then the iCal feed and a second guest's calendar agree.

test("a guest books a stay end to end and the calendar and iCal feed reflect it", async ({ page, browser, api, shot, db }) => {
  // A 3-night cottage stay: outside the winter minimum (see daysClearOfWinter).
  const day = daysClearOfWinter(20);
  const checkIn = propertyDate(day);
  const checkOut = propertyDate(day + 3);

  // Home page: the active units with their "from" price.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Our stays" })).toBeVisible();
  const cards = page.locator(".unit-card");
  await expect(cards).toHaveCount(11);
  const viewCard = cards.filter({ has: page.getByRole("link", { name: "View", exact: true }) });
  await expect(viewCard).toContainText("1-bedroom cottage");
  await expect(viewCard).toContainText("Sleeps 3");
  await expect(viewCard).toContainText(/from \$\d+\/night/);
  await shot(page, "01-home");

  // Pick the unit.
  await viewCard.getByRole("link", { name: "View", exact: true }).click();
  await expect(page).toHaveURL(/\/units\/view$/);
  await expect(page.getByRole("heading", { level: 1, name: "View" })).toBeVisible();
  await expect(page.getByText("Loading availability…")).toBeHidden();
  await shot(page, "02-unit");

  // Dates → the server's quote, exactly as the API prices it.
  const expected = await api.quote("view", checkIn, checkOut);
  await pickDates(page, checkIn, checkOut);
  await expect(page.getByTestId("selected-dates")).toContainText("3 nights");
  await expect(page.getByTestId("quote-total")).toHaveText(money(expected.totalCents));
  for (const item of expected.lineItems) await expect(page.getByTestId("quote")).toContainText(item.label);
  await expect(page).toHaveURL(new RegExp(`checkIn=${checkIn}&checkOut=${checkOut}`));
  await page.getByLabel("Guests").selectOption("2");
  await shot(page, "03-quote");

  // Reserve: hold + checkout run on the server; the browser lands on /checkout.
  await fillGuest(page, { firstName: "Ana", lastName: "Rivera", email: `ana+${Date.now()}@example.test`, phone: "+1 239 555 0100" });
  await page.getByRole("button", { name: "Reserve" }).click();
  await expect(page).toHaveURL(/\/checkout\?holdId=/);
  await expect(page.getByTestId("checkout-total")).toHaveText(money(expected.totalCents));
  await expect(page.getByTestId("countdown")).toContainText(/held for another 1[45]:\d\d/);
  await expect(page.getByText("Test mode — no real card is charged.")).toBeVisible();
  await shot(page, "04-checkout");

  // Pay with the test card: confirmed through the emulator and the signed webhook.
  await page.getByLabel("Card number (test)").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/bookings\/confirmation\?pi=pi_/);
  await expect(page.getByTestId("confirmation")).toBeVisible();
  await expect(page.getByRole("heading", { name: "You're booked at View!" })).toBeVisible();
  await expect(page.getByTestId("confirmation-total")).toHaveText(money(expected.totalCents));
  const bookingCode = (await page.getByTestId("booking-code").textContent())?.trim() ?? "";
  expect(bookingCode).toMatch(/^PAC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
  await shot(page, "05-confirmation");

  // The booking is in the database, paid, with the hold converted.
  const row = await db.query(
    `SELECT b.id, b.status, b."totalCents", h.status AS hold, p.status AS payment, to_char(b."checkIn", 'YYYY-MM-DD') AS "checkIn"
       FROM "Booking" b JOIN "Hold" h ON h.id = b."holdId" JOIN "Payment" p ON p."bookingId" = b.id WHERE b.code = $1`,
    [bookingCode],
  );
  expect(row.rows[0]).toMatchObject({ status: "CONFIRMED", totalCents: expected.totalCents, hold: "CONVERTED", payment: "succeeded", checkIn });
  const bookingId = row.rows[0].id as string;

  // The unit's iCal feed lists the stay.
  const ics = await page.request.get("/api/v1/units/view/ical.ics");
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const feed = (await ics.text()).replace(/\r?\n[ \t]/g, "");
  expect(feed).toContain(bookingId);
  expect(feed).toMatch(new RegExp(`DTSTART[^:\\n]*:${checkIn.replaceAll("-", "")}`));
  expect(feed).toMatch(new RegExp(`DTEND[^:\\n]*:${checkOut.replaceAll("-", "")}`));

  // Another guest, in a fresh browser context, sees those nights disabled.
  const other = await browser.newContext({ timezoneId: "America/New_York", viewport: { width: 1280, height: 900 } });
  try {
    const page2 = await other.newPage();
    await useRunnerClock(page2);
    await page2.goto("/units/view");
    await expect(page2.getByText("Loading availability…")).toBeHidden();
    for (const night of nightsOf(checkIn, checkOut)) {
      const cell = await showDay(page2, night);
      await expect(cell).toHaveAttribute("data-disabled", "true");
      await expect(cell.getByRole("button")).toBeDisabled();
    }
    // The check-out day is free again: the next stay can start on it.
    await expect(await showDay(page2, checkOut)).not.toHaveAttribute("data-disabled", "true");
    await shot(page2, "06-second-guest-sees-booked-nights");
  } finally {
    await other.close();
  }
});

test("a declined test card shows a clear message and a second card succeeds", async ({ page, context, shot }) => {
  const checkIn = propertyDate(12);
  const checkOut = propertyDate(14);
  await page.goto("/units/trailer-01");
  await expect(page.getByText("Loading availability…")).toBeHidden();
  await pickDates(page, checkIn, checkOut);
  await expect(page.getByTestId("quote-total")).toBeVisible();
  await fillGuest(page, { firstName: "Sam", lastName: "Lee", email: `sam+${Date.now()}@example.test` });
  await page.getByRole("button", { name: "Reserve" }).click();
  await expect(page).toHaveURL(/\/checkout\?holdId=/);

  await page.getByLabel("Card number (test)").fill("4000 0000 0000 0002");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("payment-error")).toContainText("declined");
  await expect(page).toHaveURL(/\/checkout\?holdId=/);
  await shot(page, "07-card-declined");

  // While nothing is paid, the confirmation page shows its processing state (and keeps polling).
  const pi = await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith("pac:checkout:"));
    return key ? (JSON.parse(sessionStorage.getItem(key) ?? "{}") as { paymentIntentId?: string }).paymentIntentId : undefined;
  });
  expect(pi).toMatch(/^pi_/);
  const pending = await context.newPage();
  await useRunnerClock(pending);
  await pending.goto(`/bookings/confirmation?pi=${pi}`);
  await expect(pending.getByTestId("confirmation-processing")).toBeVisible();
  await pending.waitForTimeout(1500);
  await expect(pending.getByTestId("confirmation-processing")).toBeVisible();
  await shot(pending, "07b-confirmation-processing");
  await pending.close();

  await page.getByLabel("Card number (test)").fill("4242424242424242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("confirmation")).toBeVisible();
  await expect(page.getByRole("heading", { name: "You're booked at Trailer-01!" })).toBeVisible();
});

test("a guest pays a hold the chatbot placed, from the /checkout?holdId= link", async ({ page, api, shot }) => {
  // The bot's side, through the private API exactly as docs/n8n.md wires it.
  const checkIn = propertyDate(40);
  const checkOut = propertyDate(43);
  const quote = await api.quote("rv-03", checkIn, checkOut);
  const { holdId } = await api.hold("rv-03", checkIn, checkOut);
  const started = await api.checkout(holdId, { firstName: "Bo", lastName: "Tanaka", email: `bo+${Date.now()}@example.test` });
  expect(started.amountCents).toBe(quote.totalCents);

  // The guest's side: a browser that never saw this hold.
  await page.goto(`/checkout?holdId=${holdId}`);
  await expect(page.getByTestId("resume-checkout")).toBeVisible();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByText("Please enter your first name.")).toBeVisible();
  await fillGuest(page, { firstName: "Bo", lastName: "Tanaka", email: `bo+${Date.now()}@example.test` });
  await page.getByRole("button", { name: "Continue to payment" }).click();

  await expect(page.getByTestId("checkout-total")).toHaveText(money(quote.totalCents));
  await expect(page.getByTestId("countdown")).toBeVisible();
  await shot(page, "13-chatbot-hold-checkout");
  await page.getByLabel("Card number (test)").fill("4242424242424242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("confirmation")).toBeVisible();
  await expect(page.getByRole("heading", { name: "You're booked at RV-03!" })).toBeVisible();

  // Checkout is idempotent per hold: the guest paid the PaymentIntent the bot had started.
  const status = await api.bookingStatus(started.paymentIntentId);
  expect(status.status).toBe("confirmed");
  expect(status.booking).toMatchObject({ checkIn, checkOut, totalCents: quote.totalCents });
});

test("a /checkout link for an unknown hold says so", async ({ page }) => {
  await page.goto("/checkout?holdId=doesnotexist123");
  await fillGuest(page, { firstName: "Al", lastName: "Bee", email: "al@example.test" });
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByTestId("resume-error")).toContainText("could not find this reservation");
});
