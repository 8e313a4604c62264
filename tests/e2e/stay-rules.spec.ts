import { daysClearOfWinter, expect, money, propertyDate, showDay, test } from "./fixtures";

// The calendar honours the stay rules the server sends with availability (days that cannot start
// a stay, the check-in day's minimum), and a refused stay offers its alternatives as one click.

test("the calendar honours the unit's stay rules, and an alternative is one click away", async ({ page, api, db, shot }) => {
  const closed = propertyDate(15);
  const closedWeekday = new Date(`${closed}T00:00:00Z`).getUTCDay();
  const allowed = [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== closedWeekday);
  await db.query(
    `INSERT INTO "StayRule" (id, name, "unitId", "minNights", "checkInWeekdays", "updatedAt")
     SELECT 'e2e-stay-rule', 'e2e trailer-02', id, 4, $1::int[], now() FROM "Unit" WHERE slug = 'trailer-02'`,
    [allowed],
  );
  let holdId: string | null = null;
  try {
    await page.goto("/units/trailer-02");
    await expect(page.getByText("Loading availability…")).toBeHidden();
    // No check-in on the closed weekday.
    const closedCell = await showDay(page, closed);
    await expect(closedCell).toHaveAttribute("data-disabled", "true");
    await expect(closedCell).toHaveClass(/day-no-check-in/);

    // From the next day, check-out days before the 4-night minimum are not offered.
    await (await showDay(page, propertyDate(16))).getByRole("button").click();
    await expect(page.getByTestId("min-nights-hint")).toContainText("at least 4 nights");
    await expect(await showDay(page, propertyDate(18))).toHaveAttribute("data-disabled", "true");
    await expect(await showDay(page, propertyDate(19))).toHaveAttribute("data-disabled", "true");
    await (await showDay(page, propertyDate(20))).getByRole("button").click();
    const expected = await api.quote("trailer-02", propertyDate(16), propertyDate(20));
    await expect(page.getByTestId("quote-total")).toHaveText(money(expected.totalCents));
    await shot(page, "20-stay-rules-calendar");

    // Taken nights: the server's refusal offers what would work instead, one click each.
    holdId = (await api.hold("trailer-02", propertyDate(40), propertyDate(44))).holdId;
    await page.goto(`/units/trailer-02?checkIn=${propertyDate(41)}&checkOut=${propertyDate(45)}`);
    const offered = page.getByTestId("alternatives");
    await expect(offered).toBeVisible();
    const first = offered.getByRole("button").first();
    const label = (await first.textContent()) ?? "";
    await shot(page, "21-alternatives");
    await first.click();
    const total = page.getByTestId("quote-total");
    await expect(total).toBeVisible();
    // The price offered is the price quoted once chosen.
    expect(label).toContain((await total.textContent())?.replace(/\.00$/, "") ?? "missing");
  } finally {
    await db.query(`DELETE FROM "StayRule" WHERE id = 'e2e-stay-rule'`);
    if (holdId) await db.query(`UPDATE "Hold" SET status = 'CANCELLED' WHERE id = $1`, [holdId]);
  }
});

test("the home page finds stays for dates and a party", async ({ page }) => {
  // Outside the cottages' winter minimum (see daysClearOfWinter), which would refuse 9618-2BR.
  const day = daysClearOfWinter(50);
  const checkIn = propertyDate(day);
  const checkOut = propertyDate(day + 3);
  await page.goto("/");
  await page.getByLabel("Check-in").fill(checkIn);
  await page.getByLabel("Check-out").fill(checkOut);
  await page.getByLabel("Guests").selectOption("6");
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByTestId("search-results");
  await expect(results).toBeVisible();
  // Sleeps six: 9618-2BR and the RV sites only.
  const links = results.getByRole("link");
  await expect(links).toHaveCount(4);
  await expect(links.first()).toContainText("RV-0");
  await links.last().click();
  // The unit page keeps the stay in its address (the booking card may reorder the parameters).
  await expect(page).toHaveURL(/\/units\/9618-2br\?/);
  const params = new URL(page.url()).searchParams;
  expect([params.get("checkIn"), params.get("checkOut"), params.get("guests")]).toEqual([checkIn, checkOut, "6"]);
  await expect(page.getByTestId("quote-total")).toBeVisible();
});
