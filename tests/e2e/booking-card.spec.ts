import { daysClearOfWinter, expect, fillGuest, money, pickDates, propertyDate, showDay, test } from "./fixtures";

// The booking card's server-driven behaviour: chatbot deep links, conflicts, bad input, expiry.

test("a deep link with dates shows the same quote as the API", async ({ page, api, shot }) => {
  const checkIn = propertyDate(60);
  const checkOut = propertyDate(70);
  const expected = await api.quote("essex", checkIn, checkOut);
  expect(expected.nights).toBe(10);

  await page.goto(`/units/essex?checkIn=${checkIn}&checkOut=${checkOut}`);
  await expect(page.getByTestId("quote-total")).toHaveText(money(expected.totalCents));
  const rows = page.getByTestId("quote").locator("tbody tr");
  await expect(rows).toHaveCount(expected.lineItems.length);
  for (const [i, item] of expected.lineItems.entries()) {
    await expect(rows.nth(i)).toContainText(item.label);
    await expect(rows.nth(i)).toContainText(money(Math.abs(item.amountCents)));
  }
  await expect(page.getByTestId("selected-dates")).toContainText("10 nights");
  await shot(page, "08-deep-link-quote");

  // The chatbot's format with unitId on the home page lands on the same quote.
  await page.goto(`/?unitId=essex&checkIn=${checkIn}&checkOut=${checkOut}`);
  await expect(page).toHaveURL(new RegExp(`/units/essex\\?checkIn=${checkIn}&checkOut=${checkOut}`));
  await expect(page.getByTestId("quote-total")).toHaveText(money(expected.totalCents));
});

test("someone else taking the dates gives a friendly message and refreshes the calendar", async ({ page, api, db, shot }) => {
  // A 3-night cottage stay: outside the winter minimum (see daysClearOfWinter).
  const day = daysClearOfWinter(30);
  const checkIn = propertyDate(day);
  const checkOut = propertyDate(day + 3);
  await page.goto("/units/9608-1br");
  await expect(page.getByText("Loading availability…")).toBeHidden();
  await pickDates(page, checkIn, checkOut);
  await expect(page.getByTestId("quote-total")).toBeVisible();
  await fillGuest(page, { firstName: "Lee", lastName: "Park", email: `lee+${Date.now()}@example.test` });

  // Meanwhile the chatbot places a hold on an overlapping night.
  const hold = await api.hold("9608-1br", propertyDate(day + 1), propertyDate(day + 2));
  try {
    await page.getByRole("button", { name: "Reserve" }).click();
    await expect(page.getByTestId("booking-message")).toContainText("someone else has just reserved");
    await expect(page).toHaveURL(/\/units\/9608-1br/);
    await expect(await showDay(page, propertyDate(day + 1))).toHaveAttribute("data-disabled", "true");
    await expect(page.getByRole("button", { name: "Reserve" })).toBeDisabled();
    await shot(page, "09-conflict");
  } finally {
    await db.query(`UPDATE "Hold" SET status = 'CANCELLED' WHERE id = $1`, [hold.holdId]);
  }
});

test("stays that are too long or include taken nights are explained, not quoted", async ({ page, api, db }) => {
  const hold = await api.hold("rv-01", propertyDate(20), propertyDate(22));
  try {
    await page.goto(`/units/rv-01?checkIn=${propertyDate(19)}&checkOut=${propertyDate(23)}`);
    await expect(page.getByTestId("booking-message")).toContainText("already taken");
    await expect(page.getByTestId("quote-total")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Reserve" })).toBeDisabled();
  } finally {
    await db.query(`UPDATE "Hold" SET status = 'CANCELLED' WHERE id = $1`, [hold.holdId]);
  }

  await page.goto(`/units/rv-01?checkIn=${propertyDate(5)}&checkOut=${propertyDate(5 + 400)}`);
  await expect(page.getByTestId("booking-message")).toContainText("at most 365 nights");
  await expect(page.getByTestId("quote-total")).toHaveCount(0);

  await page.goto(`/units/rv-01?checkIn=${propertyDate(-3)}&checkOut=${propertyDate(2)}`);
  await expect(page.getByTestId("booking-message")).toContainText("cannot be in the past");

  await page.goto(`/units/rv-01?checkIn=not-a-date&checkOut=${propertyDate(2)}`);
  await expect(page.getByTestId("booking-message")).toContainText("could not be read");

  // Guest details are checked before anything is reserved.
  await page.goto(`/units/rv-01?checkIn=${propertyDate(40)}&checkOut=${propertyDate(41)}`);
  await expect(page.getByTestId("quote-total")).toBeVisible();
  await page.getByRole("button", { name: "Reserve" }).click();
  await expect(page.getByText("Please enter your first name.")).toBeVisible();
  await expect(page.getByLabel("First name")).toBeFocused();
  await fillGuest(page, { firstName: "Kim", lastName: "Ng", email: "not-an-email" });
  await page.getByRole("button", { name: "Reserve" }).click();
  await expect(page.getByText("Please enter a valid email address.")).toBeVisible();
  await expect(page).toHaveURL(/\/units\/rv-01/);
});

test("an expired hold on the checkout page says so and links back to the unit", async ({ page, shot }) => {
  const holdId = "expired-hold-e2e";
  const checkIn = propertyDate(45);
  const checkOut = propertyDate(47);
  await page.goto("/");
  await page.evaluate(({ id, checkIn, checkOut }) => {
    sessionStorage.setItem(
      `pac:checkout:${id}`,
      JSON.stringify({
        holdId: id,
        paymentIntentId: "pi_expired",
        clientSecret: "pi_expired_secret_x",
        amountCents: 12345,
        currency: "USD",
        expiresAt: new Date(Date.now() - 1000).toISOString(),
        unit: { slug: "view", name: "View" },
        checkIn,
        checkOut,
        guests: 2,
      }),
    );
  }, { id: holdId, checkIn, checkOut });
  await page.goto(`/checkout?holdId=${holdId}`);
  await expect(page.getByTestId("hold-expired")).toContainText("Your hold has expired");
  await expect(page.getByRole("link", { name: /Go back to View/ })).toHaveAttribute("href", `/units/view?checkIn=${checkIn}&checkOut=${checkOut}`);
  await expect(page.getByLabel("Card number (test)")).toHaveCount(0);
  await shot(page, "10-hold-expired");
});
