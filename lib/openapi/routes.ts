import { z } from "zod";
import { availabilityQuery, availabilityResponse } from "@/lib/api/schemas/availability";
import {
  bookingIdParams,
  cancelBookingBody,
  cancelBookingResponse,
  cancellationQuoteResponse,
  lookupBookingBody,
  lookupBookingResponse,
  refundBookingBody,
  refundBookingResponse,
} from "@/lib/api/schemas/bookings";
import { cancellationPolicyView } from "@/lib/api/schemas/cancellation";
import { checkoutBody, checkoutResponse } from "@/lib/api/schemas/checkout";
import { createHoldBody, holdResponse } from "@/lib/api/schemas/holds";
import { stripeEventEnvelope, stripeWebhookResponse } from "@/lib/api/schemas/stripe-webhook";
import { quoteRequest, quoteResponse } from "@/lib/api/schemas/quote";
import { searchQuery, searchResponse } from "@/lib/api/schemas/search";
import { getUnitParams, getUnitQuery, unitDetail } from "@/lib/api/schemas/units";
import { listUnitsQuery, listUnitsResponse } from "@/lib/api/schemas/units";
import { healthResponse, icalendar, icalParams, openApiDocument } from "./schemas";
import { channelExportParams } from "@/lib/api/schemas/channels";
import type { RouteDoc } from "./types";
import { unknownUnit } from "@/lib/server/errors";

// The route table of the OpenAPI document: one row per (method, path) under /api/v1. Request and
// response schemas are imported from each route's schema.ts, the same objects its handler
// validates with; only prose, examples and the list of error statuses are written here.
// Examples use the seeded data (unit "essex") and off-season 2027 dates (no discount) so the
// numbers are easy to check; the contract test sends every example request to the running app.

const REQUEST_ID = "0b7e4c1e-5a7d-4f0a-9f55-2f1d3c8a9b10";
const ESSEX_ID = "cm3x0essex000001";

export const validationError = (path: string, message: string) => ({
  error: { code: "VALIDATION_FAILED", message: "The request is not valid; see issues.", issues: [{ path, message }], requestId: REQUEST_ID },
});
export const appError = (code: string, message: string) => ({ error: { code, message, requestId: REQUEST_ID } });

// The real message of the error factory, so the examples cannot drift from what the API says.
const unitNotFound = appError("NOT_FOUND", unknownUnit().message);

export const publicRoutes: RouteDoc[] = [
  {
    operationId: "listUnits",
    method: "get",
    path: "/units",
    file: "app/api/v1/units/route.ts",
    summary: "List the units",
    description: "Active units with the basic facts and the lowest price per night. Cached for 60 s.",
    tags: ["Units"],
    security: "none",
    request: { query: listUnitsQuery },
    response: { status: 200, description: "The active units.", mediaType: "application/json", schema: listUnitsResponse },
    errors: [400, 500, 503],
    examples: [
      {
        name: "all",
        summary: "Every active unit",
        request: {},
        status: 200,
        response: {
          units: [
            {
              id: ESSEX_ID,
              slug: "essex",
              name: "Essex",
              type: "COTTAGE_2BR",
              capacity: 5,
              beds: 2,
              baths: 1,
              photo: "/images/units/cottage.svg",
              fromNightlyCents: 16500,
              currency: "USD",
            },
            {
              id: "cm3x0view0000001",
              slug: "view",
              name: "View",
              type: "COTTAGE_1BR",
              capacity: 3,
              beds: 1,
              baths: 1,
              photo: "/images/units/cottage.svg",
              fromNightlyCents: 13500,
              currency: "USD",
            },
          ],
        },
      },
      {
        name: "unknownParameter",
        summary: "An unknown query parameter is refused",
        request: { query: { type: "COTTAGE_2BR" } },
        status: 400,
        response: validationError("type", "Unknown field: type."),
      },
    ],
  },
  {
    operationId: "getUnit",
    method: "get",
    path: "/units/{id}",
    file: "app/api/v1/units/[id]/route.ts",
    summary: "Get one unit",
    description: "A unit's details and published rates, by id or slug. Cached for 60 s.",
    tags: ["Units"],
    security: "none",
    request: { params: getUnitParams, query: getUnitQuery },
    response: { status: 200, description: "The unit.", mediaType: "application/json", schema: unitDetail },
    errors: [400, 404, 500, 503],
    examples: [
      {
        name: "bySlug",
        summary: "The Essex cottage, by slug",
        request: { params: { id: "essex" } },
        status: 200,
        response: {
          id: ESSEX_ID,
          slug: "essex",
          name: "Essex",
          type: "COTTAGE_2BR",
          capacity: 5,
          beds: 2,
          baths: 1,
          description: "A bright two-bedroom cottage with a screened porch, steps from the pool.",
          amenities: ["Wi-Fi", "Air conditioning", "Full kitchen", "Linens and towels", "Smart TV", "Free parking", "Washer and dryer"],
          features: ["Screened porch", "Near the pool", "Pet friendly"],
          photos: ["/images/units/cottage.svg"],
          active: true,
          petFriendly: true,
          rates: { nightly: 16500, weekly: 99000, monthly: 320000, fourMonth: 1140000, currency: "USD" },
          fromNightlyCents: 16500,
        },
      },
      {
        name: "unknownUnit",
        summary: "No unit has this id or slug",
        request: { params: { id: "no-such-unit" } },
        status: 404,
        response: unitNotFound,
      },
    ],
  },
  {
    operationId: "getUnitCalendar",
    method: "get",
    path: "/units/{id}/ical.ics",
    file: "app/api/v1/units/[id]/ical.ics/route.ts",
    summary: "A unit's booking calendar (iCal feed)",
    description:
      "An iCalendar feed of the unit's confirmed bookings, to subscribe to from Google Calendar, Apple Calendar or a channel manager. " +
      "Cached for 5 minutes; answers 304 to a matching If-None-Match.",
    tags: ["Units"],
    security: "none",
    request: { params: icalParams },
    response: {
      status: 200,
      description: "The calendar.",
      mediaType: "text/calendar",
      schema: icalendar,
    },
    errors: [400, 404, 500, 503],
    examples: [
      {
        name: "essex",
        summary: "Essex's calendar",
        request: { params: { id: "essex" } },
        status: 200,
        response: [
          "BEGIN:VCALENDAR",
          "VERSION:2.0",
          "PRODID:-//Palm Aire Court//Bookings//EN",
          "X-WR-CALNAME:Palm Aire Court — Essex",
          "BEGIN:VEVENT",
          "UID:cm3x0booking0001@palm-aire-court",
          "DTSTART;VALUE=DATE:20270201",
          "DTEND;VALUE=DATE:20270208",
          "SUMMARY:Palm Aire Court — Essex",
          "END:VEVENT",
          "END:VCALENDAR",
          "",
        ].join("\r\n"),
      },
      {
        name: "unknownUnit",
        summary: "No unit has this id or slug",
        request: { params: { id: "no-such-unit" } },
        status: 404,
        response: unitNotFound,
      },
    ],
  },
  {
    operationId: "getUnitChannelCalendar",
    method: "get",
    path: "/units/{id}/ical/{token}",
    file: "app/api/v1/units/[id]/ical/[token]/route.ts",
    summary: "A unit's calendar for one channel (secret iCal export)",
    description:
      "The URL to paste into Airbnb, VRBO or Booking.com as an imported calendar: the unit's confirmed bookings, the owner's blocks and the " +
      "nights imported from every other channel, as all-day events, but never the nights imported from the channel this URL was made " +
      "for (no echo loop). Made and revoked by the owner (`npm run feeds -- export|revoke`); unknown, revoked or malformed tokens answer 404. " +
      "Answers 304 to a matching If-None-Match.",
    tags: ["Units"],
    security: "none",
    request: { params: channelExportParams },
    response: { status: 200, description: "The calendar.", mediaType: "text/calendar", schema: icalendar },
    errors: [404, 500],
    examples: [
      {
        name: "forAirbnb",
        summary: "Essex's calendar as sent to Airbnb",
        request: { params: { id: "essex", token: "Vq3x2m1o9Yw8s7D6f5G4h3J2k1L0zXcVbNm9QwErTy8.ics" } },
        bind: { "params.token": "fixture:exportToken" },
        status: 200,
        response: [
          "BEGIN:VCALENDAR",
          "VERSION:2.0",
          "PRODID:-//Palm Aire Court//Channel calendar//EN",
          "X-WR-CALNAME:Palm Aire Court — Essex",
          "BEGIN:VEVENT",
          "UID:booking-cm3x0booking0001@palm-aire-court",
          "DTSTART;VALUE=DATE:20270201",
          "DTEND;VALUE=DATE:20270208",
          "SUMMARY:Not available",
          "END:VEVENT",
          "END:VCALENDAR",
          "",
        ].join("\r\n"),
      },
      {
        name: "revoked",
        summary: "An unknown or revoked token",
        request: { params: { id: "essex", token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics" } },
        status: 404,
        response: appError("NOT_FOUND", "No calendar is published at this address."),
      },
    ],
  },
  {
    operationId: "checkAvailability",
    method: "get",
    path: "/availability",
    file: "app/api/v1/availability/route.ts",
    summary: "Check a unit's availability",
    description:
      "Whether the stay [start, end) can be booked (by a party of `guests` with `pets`, when given): free nights (turnover days included), " +
      "the stay rules, capacity and pets, judged exactly as a hold would be. When `isAvailable` is false, `rule` says why (the same " +
      "`details.rule` a hold would be refused with), `details` carries the rule's figure and `alternatives` up to three stays that would work. " +
      "`unavailable` lists the bookings, live holds and blocks (closed by the owner or sold on another channel) that take any night of the span; `arrivalRules` the stay rules of each day for calendars. " +
      "The chatbot speaks `isAvailable` and `reason`. Never cached.",
    tags: ["Booking"],
    security: "none",
    request: { query: availabilityQuery },
    response: { status: 200, description: "The availability of the span.", mediaType: "application/json", schema: availabilityResponse },
    errors: [400, 404, 500, 503],
    examples: [
      {
        name: "free",
        summary: "Ten free nights in January 2027",
        request: { query: { unitId: "essex", start: "2027-01-10", end: "2027-01-20" } },
        status: 200,
        response: {
          unitId: ESSEX_ID,
          start: "2027-01-10",
          end: "2027-01-20",
          isAvailable: true,
          unavailable: [],
          arrivalRules: [{ start: "2027-01-10", end: "2027-01-19", checkIn: true, minNights: 7, maxNights: 365 }],
        },
      },
      {
        name: "overCapacity",
        summary: "Six guests do not fit Essex (sleeps five): the refusal and what would work",
        request: { query: { unitId: "essex", start: "2027-01-10", end: "2027-01-20", guests: "6" } },
        status: 200,
        response: {
          unitId: ESSEX_ID,
          start: "2027-01-10",
          end: "2027-01-20",
          isAvailable: false,
          reason: "This unit sleeps at most 5 guests.",
          rule: "CAPACITY",
          details: { capacity: 5 },
          alternatives: [
            { unitId: "cm3x0rv01000001", slug: "rv-01", name: "RV-01", checkIn: "2027-01-10", checkOut: "2027-01-20", nights: 10, totalCents: 59920, currency: "USD" },
            { unitId: "cm3x09618000001", slug: "9618-2br", name: "9618-2BR", checkIn: "2027-01-10", checkOut: "2027-01-20", nights: 10, totalCents: 190960, currency: "USD" },
          ],
          unavailable: [],
          arrivalRules: [{ start: "2027-01-10", end: "2027-01-19", checkIn: true, minNights: 7, maxNights: 365 }],
        },
      },
      {
        name: "endBeforeStart",
        summary: "end must be after start",
        request: { query: { unitId: "essex", start: "2027-01-20", end: "2027-01-10" } },
        status: 400,
        response: validationError("end", "end must be after start."),
      },
      {
        name: "unknownUnit",
        summary: "No unit has this id or slug",
        request: { query: { unitId: "no-such-unit", start: "2027-01-10", end: "2027-01-20" } },
        status: 404,
        response: unitNotFound,
      },
    ],
  },
  {
    operationId: "getQuote",
    method: "post",
    path: "/quote",
    file: "app/api/v1/quote/route.ts",
    summary: "Price a stay",
    description:
      "The server's price of a stay: the cheapest combination of nightly, weekly (7), monthly (30) and four-month (120) rates, " +
      "seasonal discounts prorated per night, then fees (the pet fee once per pet), then each lodging tax as its own line " +
      "(rounded once, half up; none for a stay longer than the transient limit). `totalCents` includes `taxCents`. " +
      "The stay is judged as a hold would be (taken nights, stay rules, `guests` against capacity, `pets`), except that past dates " +
      "may be priced; a refusal carries `error.details.rule` and up to three `alternatives`. The chatbot speaks nights, totalCents and currency. Places no hold.",
    tags: ["Booking"],
    security: "none",
    request: { body: quoteRequest },
    response: { status: 200, description: "The price of the stay.", mediaType: "application/json", schema: quoteResponse },
    errors: [400, 404, 409, 413, 415, 422, 500, 503],
    examples: [
      {
        name: "tenNights",
        summary: "Ten nights at Essex in January 2027 (no season discount)",
        request: { body: { unitId: "essex", checkIn: "2027-01-10", checkOut: "2027-01-20" } },
        status: 200,
        response: {
          nights: 10,
          baseCents: 148500,
          discountCents: 0,
          feesCents: 4000,
          // 152500 taxable: 6% = 9150, 1% = 1525, 5% = 7625.
          taxCents: 18300,
          totalCents: 170800,
          currency: "USD",
          unit: { id: ESSEX_ID, slug: "essex", name: "Essex" },
          checkIn: "2027-01-10",
          checkOut: "2027-01-20",
          lineItems: [
            { label: "Weekly rate × 1 (7 nights)", amountCents: 99000, kind: "base" },
            { label: "Nightly rate × 3 (3 nights)", amountCents: 49500, kind: "base" },
            { label: "Cleaning Fee", amountCents: 4000, kind: "fee" },
            { label: "Florida sales tax (6%)", amountCents: 9150, kind: "tax" },
            { label: "County discretionary surtax (1%)", amountCents: 1525, kind: "tax" },
            { label: "Tourist development tax (5%)", amountCents: 7625, kind: "tax" },
          ],
          taxLines: [
            { name: "Florida sales tax", rateBps: 600, taxableCents: 152500, amountCents: 9150 },
            { name: "County discretionary surtax", rateBps: 100, taxableCents: 152500, amountCents: 1525 },
            { name: "Tourist development tax", rateBps: 500, taxableCents: 152500, amountCents: 7625 },
          ],
          cancellationPolicy: (quoteResponse.meta()?.example as { cancellationPolicy?: unknown } | undefined)?.cancellationPolicy,
        },
      },
      {
        name: "petsRefused",
        summary: "View does not take pets",
        request: { body: { unitId: "view", checkIn: "2027-01-10", checkOut: "2027-01-20", guests: 2, pets: 1 } },
        status: 400,
        response: {
          error: {
            code: "VALIDATION_FAILED",
            message: "The request is not valid; see issues.",
            issues: [{ path: "pets", message: "This unit does not accept pets." }],
            details: {
              rule: "PETS",
              maxPets: 0,
              alternatives: [
                { unitId: ESSEX_ID, slug: "essex", name: "Essex", checkIn: "2027-01-10", checkOut: "2027-01-20", nights: 10, totalCents: 173600, currency: "USD" },
                { unitId: "cm3x09618000001", slug: "9618-2br", name: "9618-2BR", checkIn: "2027-01-10", checkOut: "2027-01-20", nights: 10, totalCents: 193760, currency: "USD" },
              ],
            },
            requestId: REQUEST_ID,
          },
        },
      },
      {
        name: "checkOutBeforeCheckIn",
        summary: "checkOut must be after checkIn",
        request: { body: { unitId: "essex", checkIn: "2027-01-20", checkOut: "2027-01-10" } },
        status: 400,
        response: validationError("checkOut", "checkOut must be after checkIn."),
      },
      {
        name: "unknownUnit",
        summary: "No unit has this id or slug",
        request: { body: { unitId: "no-such-unit", checkIn: "2027-01-10", checkOut: "2027-01-20" } },
        status: 404,
        response: unitNotFound,
      },
    ],
  },
  {
    operationId: "searchStays",
    method: "get",
    path: "/search",
    file: "app/api/v1/search/route.ts",
    summary: "Find units for dates and a party",
    description:
      "Every active unit (of `type`, when given) that can take `guests` (and `pets`) for [checkIn, checkOut): free nights " +
      "(turnover days included), the stay rules, capacity and pets, judged exactly as a hold would be; with the total (taxes and fees " +
      "included) and the nightly average, cheapest first. Never cached.",
    tags: ["Booking"],
    security: "none",
    request: { query: searchQuery },
    response: { status: 200, description: "The units that fit, cheapest first.", mediaType: "application/json", schema: searchResponse },
    errors: [400, 500],
    examples: [
      {
        name: "week",
        summary: "A week in January 2027 for two",
        request: { query: { checkIn: "2027-01-10", checkOut: "2027-01-17", guests: "2" } },
        status: 200,
        response: {
          checkIn: "2027-01-10",
          checkOut: "2027-01-17",
          guests: 2,
          pets: 0,
          results: [
            {
              // RV site week 33000 + cleaning 4000 = 37000; taxes 12% = 4440; 41440 / 7 = 5920.
              unit: { id: "cm3x0rv01000001", slug: "rv-01", name: "RV-01", type: "RV_SITE", capacity: 6, petFriendly: false, photo: "/images/units/rv-site.svg" },
              nights: 7,
              totalCents: 41440,
              nightlyAverageCents: 5920,
              currency: "USD",
            },
          ],
        },
      },
      {
        name: "noGuests",
        summary: "guests is required",
        request: { query: { checkIn: "2027-01-10", checkOut: "2027-01-17" } },
        status: 400,
        response: validationError("guests", "Invalid input: expected string, received undefined"),
      },
    ],
  },
];

const GUEST = { firstName: "Ana", lastName: "Rivera", email: "ana@example.com", phone: "+1 239 555 0100" };
const HOLD_ID = "cm5hold0essex0feb27000001";
const INTENT_ID = "pi_3Q0essex0feb2700000001";
const HOLD_DATES = { checkIn: "2027-02-01", checkOut: "2027-02-08" };
const PRIVATE_NOTE =
  " Private: send `Authorization: Bearer <key>` (SERVICE_API_KEY or a named integration key); browsers may call it only from ORIGIN or N8N_ORIGIN.";

export const privateRoutes: RouteDoc[] = [
  {
    operationId: "createHold",
    idempotent: true,
    method: "post",
    path: "/holds",
    file: "app/api/v1/holds/route.ts",
    summary: "Hold a unit's nights",
    description:
      "Checks availability and holds the nights [checkIn, checkOut) for ttlMinutes (default 15, 1 to 60) in one serializable transaction; " +
      "overlapping holds and bookings (turnover days included) are refused with 409 even under concurrent requests. checkIn cannot be in the past. " +
      "`guests` is required (over the unit's capacity: 400 naming guests); `pets` only on pet-friendly units. The stay rules apply " +
      "(422 STAY_NOT_ALLOWED). Every refusal carries `error.details.rule` and up to three bookable `alternatives`. " +
      "With `customer`, the guest is recorded for prefill. Rate limited per client and unit (429 with Retry-After)." +
      PRIVATE_NOTE,
    tags: ["Booking"],
    security: "bearer",
    request: { body: createHoldBody },
    response: { status: 201, description: "The hold.", mediaType: "application/json", schema: holdResponse },
    errors: [400, 401, 404, 409, 413, 415, 422, 429, 500, 503],
    examples: [
      {
        name: "created",
        summary: "Hold seven February nights at Essex for 15 minutes",
        request: { body: { unitId: "essex", ...HOLD_DATES, guests: 2, ttlMinutes: 15, customer: GUEST } },
        status: 201,
        response: { holdId: HOLD_ID, expiresAt: "2027-01-02T15:15:00.000Z", unitId: ESSEX_ID, ...HOLD_DATES, guests: 2, pets: 0 },
      },
      {
        name: "datesTaken",
        summary: "The same nights again: already held, with what would work instead",
        request: { body: { unitId: "essex", ...HOLD_DATES, guests: 2, ttlMinutes: 15, customer: GUEST } },
        status: 409,
        response: {
          error: {
            code: "UNAVAILABLE",
            message: "Those dates are no longer available.",
            details: {
              rule: "UNAVAILABLE",
              alternatives: [
                { unitId: ESSEX_ID, slug: "essex", name: "Essex", checkIn: "2027-01-25", checkOut: "2027-02-01", nights: 7, totalCents: 115360, currency: "USD" },
                { unitId: ESSEX_ID, slug: "essex", name: "Essex", checkIn: "2027-02-08", checkOut: "2027-02-15", nights: 7, totalCents: 115360, currency: "USD" },
                { unitId: "cm3x0rv01000001", slug: "rv-01", name: "RV-01", checkIn: "2027-02-01", checkOut: "2027-02-08", nights: 7, totalCents: 41440, currency: "USD" },
              ],
            },
            requestId: REQUEST_ID,
          },
        },
      },
      {
        name: "overCapacity",
        summary: "Six guests do not fit Essex (sleeps five)",
        request: { body: { unitId: "essex", checkIn: "2027-03-01", checkOut: "2027-03-08", guests: 6 } },
        status: 400,
        response: {
          error: {
            code: "VALIDATION_FAILED",
            message: "The request is not valid; see issues.",
            issues: [{ path: "guests", message: "This unit sleeps at most 5 guests." }],
            details: { rule: "CAPACITY", capacity: 5, alternatives: [] },
            requestId: REQUEST_ID,
          },
        },
      },
      {
        name: "checkOutBeforeCheckIn",
        summary: "checkOut must be after checkIn",
        request: { body: { unitId: "essex", checkIn: "2027-02-08", checkOut: "2027-02-01", guests: 2 } },
        status: 400,
        response: validationError("checkOut", "checkOut must be after checkIn."),
      },
      {
        name: "unknownUnit",
        summary: "No unit has this id or slug",
        request: { body: { unitId: "no-such-unit", ...HOLD_DATES, guests: 2 } },
        status: 404,
        response: unitNotFound,
      },
    ],
  },
  {
    operationId: "startCheckout",
    idempotent: true,
    method: "post",
    path: "/checkout",
    file: "app/api/v1/checkout/route.ts",
    summary: "Start paying for a hold",
    description:
      "Re-judges (stay rules, party, other guests' nights) and re-prices the held stay on the server, taxes included, records the guest " +
      "and returns the client secret of the hold's one Stripe PaymentIntent for the taxed total " +
      "(metadata holdId and unitId, receipt to the guest's email). Calling it again for the same hold returns the same PaymentIntent. " +
      "The booking is created by the Stripe webhook when the payment succeeds. Rate limited per client and unit." +
      PRIVATE_NOTE,
    tags: ["Booking"],
    security: "bearer",
    request: { body: checkoutBody },
    response: { status: 200, description: "The PaymentIntent to pay.", mediaType: "application/json", schema: checkoutResponse },
    errors: [400, 401, 404, 409, 410, 413, 415, 422, 429, 500, 502, 503],
    examples: [
      {
        name: "started",
        summary: "Pay for the February hold",
        request: { body: { holdId: HOLD_ID, customer: GUEST } },
        bind: { "body.holdId": "createHold.created:holdId" },
        status: 200,
        response: {
          holdId: HOLD_ID,
          unitId: ESSEX_ID,
          ...HOLD_DATES,
          guests: 2,
          pets: 0,
          clientSecret: `${INTENT_ID}_secret_0000000000000000000000000`,
          paymentIntentId: INTENT_ID,
          // Week 99000 + cleaning 4000 = 103000; taxes 6% + 1% + 5% = 6180 + 1030 + 5150 = 12360.
          amountCents: 115360,
          currency: "USD",
          expiresAt: "2027-01-02T15:15:00.000Z",
          cancellationPolicy: (checkoutResponse.meta()?.example as { cancellationPolicy?: unknown } | undefined)?.cancellationPolicy,
        },
      },
      {
        name: "unknownHold",
        summary: "No hold has this id",
        request: { body: { holdId: "cm5nosuchhold000000000000", customer: GUEST } },
        status: 404,
        response: appError("NOT_FOUND", "No hold with that id exists."),
      },
      {
        name: "holdExpired",
        summary: "The hold lapsed before checkout",
        request: { body: { holdId: "cm5hold0expired0000000001", customer: GUEST } },
        bind: { "body.holdId": "fixture:expiredHoldId" },
        status: 410,
        response: appError("HOLD_EXPIRED", "This hold has expired; place a new hold."),
      },
      {
        name: "alreadyPaid",
        summary: "The hold was paid and booked meanwhile",
        request: { body: { holdId: HOLD_ID, customer: GUEST } },
        bind: { "body.holdId": "createHold.created:holdId" },
        after: "stripeWebhook.succeeded",
        status: 409,
        response: appError("HOLD_NOT_ACTIVE", "This hold has already been paid."),
      },
      {
        name: "missingCustomer",
        summary: "customer is required",
        request: { body: { holdId: HOLD_ID } },
        status: 400,
        response: validationError("customer", "Invalid input: expected object, received undefined"),
      },
    ],
  },
  {
    operationId: "getCancellationQuote",
    method: "post",
    path: "/bookings/{id}/cancellation-quote",
    file: "app/api/v1/bookings/[id]/cancellation-quote/route.ts",
    summary: "Preview a cancellation's refund",
    description:
      "What cancelling the booking now would refund under the policy it was sold under (its snapshot), with the policy itself. " +
      "Changes nothing; the answer depends on the moment it is asked (asOf), so it is never cached." +
      PRIVATE_NOTE,
    tags: ["Booking"],
    security: "bearerOrOwner",
    request: { params: bookingIdParams },
    response: { status: 200, description: "The refund a cancellation would give now.", mediaType: "application/json", schema: cancellationQuoteResponse },
    errors: [400, 401, 404, 413, 500, 503],
    examples: [
      {
        name: "preview",
        summary: "The February booking, previewed within 48 hours of booking",
        request: { params: { id: "cm5book0essex0feb27000001" } },
        bind: { "params.id": "fixture:bookingId" },
        after: "stripeWebhook.succeeded",
        status: 200,
        response: {
          bookingId: "cm5book0essex0feb27000001",
          status: "CONFIRMED",
          cancellable: true,
          asOf: "2027-01-05T14:00:00.000Z",
          quote: {
            refundCents: 70000,
            rule: "grace",
            refundPct: 100,
            nightlyRefundCents: 66000,
            feesAndTaxesRefundCents: 4000,
            refundableCents: 70000,
            currency: "USD",
          },
          cancellationPolicy: cancellationPolicyView.meta()?.example,
        },
      },
      {
        name: "unknownBooking",
        summary: "No booking has this id",
        request: { params: { id: "cm5nosuchbooking000000000" } },
        status: 404,
        response: appError("NOT_FOUND", "No booking with that id exists."),
      },
    ],
  },
  {
    operationId: "refundBooking",
    idempotent: true,
    method: "post",
    path: "/bookings/{id}/refunds",
    file: "app/api/v1/bookings/[id]/refunds/route.ts",
    summary: "Refund part of a booking (owner)",
    description:
      "The owner refunds part of what a booking paid, whatever its status (a damage deposit returned after the stay, goodwill). " +
      "At most what remains refundable (captured minus every refund not failed); more is a 400 REFUND_TOO_LARGE with " +
      "details.refundableCents, nothing left is a 409. The decision is recorded first, then sent to Stripe with the idempotency key " +
      "booking-refund:<bookingId>:<sequence>; a refund Stripe has not confirmed yet is retried by the resume-refunds job. " +
      "Owner only: send `Authorization: Bearer <OWNER_API_KEY>` (the service key gets 403).",
    tags: ["Booking"],
    security: "owner",
    request: { params: bookingIdParams, body: refundBookingBody },
    response: { status: 201, description: "The refund, as recorded and sent.", mediaType: "application/json", schema: refundBookingResponse },
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 500, 503],
    examples: [
      {
        name: "partial",
        summary: "Return 10 of the February booking's dollars",
        request: { params: { id: "cm5book0essex0feb27000001" }, body: { amountCents: 1000, reason: "Goodwill" } },
        bind: { "params.id": "fixture:bookingId" },
        after: "getCancellationQuote.preview",
        status: 201,
        response: {
          bookingId: "cm5book0essex0feb27000001",
          refund: {
            id: "cm5refund000000000000001",
            sequence: 1,
            amountCents: 1000,
            currency: "USD",
            kind: "owner",
            status: "succeeded",
            requestedBy: "owner",
            reason: "Goodwill",
            requestedAt: "2027-01-05T14:01:00.000Z",
            failureReason: null,
          },
        },
      },
      {
        name: "serviceKey",
        summary: "The service key may not refund (owner only)",
        status: 403,
        response: appError("FORBIDDEN", "Only the owner can do this."),
      },
      {
        name: "tooMuch",
        summary: "More than remains refundable",
        request: { params: { id: "cm5book0essex0feb27000001" }, body: { amountCents: 99999999 } },
        bind: { "params.id": "fixture:bookingId" },
        after: "refundBooking.partial",
        status: 400,
        response: {
          error: {
            code: "REFUND_TOO_LARGE",
            message: "The refund can be at most 69000 cents, what remains refundable on this booking.",
            details: { refundableCents: 69000 },
            requestId: REQUEST_ID,
          },
        },
      },
    ],
  },
  {
    operationId: "cancelBooking",
    idempotent: true,
    method: "post",
    path: "/bookings/cancel",
    file: "app/api/v1/bookings/cancel/route.ts",
    summary: "Cancel a booking",
    description:
      "Marks a confirmed booking CANCELLED, which frees its nights at once (the iCal feed drops it), and refunds what the policy " +
      "the booking was sold under gives at this moment (see its cancellation-quote): tiers by days before check-in at the check-in " +
      "time in the property's time zone, fees and taxes in full before arrival, a full refund within the grace period after booking. " +
      "The refund is recorded with the cancellation, then sent to Stripe with the idempotency key booking-refund:<bookingId>:<sequence>; " +
      "cancelling again (or at once, 20 times) changes nothing and makes no second refund, but completes a refund an earlier attempt " +
      "could not confirm. With the service key the actor is the guest, or the chatbot with actor: \"chatbot\"; with OWNER_API_KEY it is " +
      "the owner, who may set refundCents (0 up to what remains refundable; more is a 400 REFUND_TOO_LARGE; with the service key, 403)." +
      PRIVATE_NOTE,
    tags: ["Booking"],
    security: "bearerOrOwner",
    request: { body: cancelBookingBody },
    response: { status: 200, description: "The booking after cancellation.", mediaType: "application/json", schema: cancelBookingResponse },
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 500, 503],
    examples: [
      {
        name: "cancelled",
        summary: "Cancel the February booking",
        request: { body: { bookingId: "cm5book0essex0feb27000001", reason: "Guest changed plans" } },
        bind: { "body.bookingId": "fixture:bookingId" },
        after: "refundBooking.tooMuch",
        status: 200,
        response: {
          bookingId: "cm5book0essex0feb27000001",
          status: "CANCELLED",
          cancelledAt: "2027-01-05T14:02:11.000Z",
          cancelledBy: "guest",
          cancelReason: "Guest changed plans",
          changed: true,
          refund: {
            id: "cm5refund000000000000002",
            sequence: 2,
            amountCents: 69000,
            currency: "USD",
            kind: "cancellation",
            status: "succeeded",
            requestedBy: "guest",
            reason: "Guest changed plans",
            requestedAt: "2027-01-05T14:02:11.000Z",
            failureReason: null,
          },
          refundedCents: 70000,
          quote: {
            refundCents: 69000,
            rule: "grace",
            refundPct: 100,
            nightlyRefundCents: 66000,
            feesAndTaxesRefundCents: 4000,
            refundableCents: 69000,
            currency: "USD",
          },
        },
      },
      {
        name: "alreadyCancelled",
        summary: "Cancelling again changes nothing",
        request: { body: { bookingId: "cm5book0essex0feb27000001", reason: "Asked twice" } },
        bind: { "body.bookingId": "fixture:bookingId" },
        after: "cancelBooking.cancelled",
        status: 200,
        response: {
          bookingId: "cm5book0essex0feb27000001",
          status: "CANCELLED",
          cancelledAt: "2027-01-05T14:02:11.000Z",
          cancelledBy: "guest",
          cancelReason: "Guest changed plans",
          changed: false,
          refund: {
            id: "cm5refund000000000000002",
            sequence: 2,
            amountCents: 69000,
            currency: "USD",
            kind: "cancellation",
            status: "succeeded",
            requestedBy: "guest",
            reason: "Guest changed plans",
            requestedAt: "2027-01-05T14:02:11.000Z",
            failureReason: null,
          },
          refundedCents: 70000,
          quote: null,
        },
      },
      {
        name: "ownerAmountOnly",
        summary: "Only the owner may set the refund amount",
        request: { body: { bookingId: "cm5nosuchbooking000000000", refundCents: 500 } },
        status: 403,
        response: appError("FORBIDDEN", "Only the owner can set the refund amount."),
      },
      {
        name: "unknownBooking",
        summary: "No booking has this id",
        request: { body: { bookingId: "cm5nosuchbooking000000000" } },
        status: 404,
        response: appError("NOT_FOUND", "No booking with that id exists."),
      },
      {
        name: "idempotencyKeyReused",
        summary: "The Idempotency-Key was first sent with another booking",
        status: 422,
        response: appError(
          "IDEMPOTENCY_KEY_REUSED",
          "This request key was already used for a different request. Send a new Idempotency-Key with each new request.",
        ),
      },
    ],
  },
  {
    operationId: "lookupBooking",
    method: "post",
    path: "/bookings/lookup",
    file: "app/api/v1/bookings/lookup/route.ts",
    summary: "Find a booking by code and email",
    description:
      "Finds a booking by its code (PAC-XXXXXX, from the confirmation email or page) and the guest's email, and returns it with a fresh " +
      "manage-my-booking link for the guest. An unknown code and a wrong email get the same 404, and the route is rate limited per " +
      "client, so codes cannot be guessed." +
      PRIVATE_NOTE,
    tags: ["Booking"],
    security: "bearer",
    request: { body: lookupBookingBody },
    response: { status: 200, description: "The booking and its manage link.", mediaType: "application/json", schema: lookupBookingResponse },
    errors: [400, 401, 404, 413, 429, 500, 503],
    examples: [
      {
        name: "found",
        summary: "The guest's code and email",
        request: { body: { code: "PAC-7KX3MQ", email: "ana@example.com" } },
        bind: { "body.code": "fixture:bookingCode" },
        after: "stripeWebhook.succeeded",
        status: 200,
        response: lookupBookingResponse.meta()?.example,
      },
      {
        name: "noMatch",
        summary: "Unknown code or wrong email: the same answer",
        request: { body: { code: "PAC-7KX3MQ", email: "someone.else@example.com" } },
        bind: { "body.code": "fixture:bookingCode" },
        after: "stripeWebhook.succeeded",
        status: 404,
        response: appError("NOT_FOUND", "No booking matches that booking code and email."),
      },
    ],
  },
];

/** Request header of the Stripe webhook (documented; the route reads it from the request). */
const stripeSignatureHeader = z.object({
  "Stripe-Signature": z.string().meta({
    description: "Stripe's signature of the exact raw body (t=<timestamp>,v1=<HMAC-SHA256>), checked against STRIPE_WEBHOOK_SECRET.",
    example: "t=1798761600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
  }),
});

export const webhookRoutes: RouteDoc[] = [
  {
    operationId: "stripeWebhook",
    method: "post",
    path: "/webhooks/stripe",
    file: "app/api/v1/webhooks/stripe/route.ts",
    summary: "Stripe webhook",
    description:
      "Called by Stripe, not by integrators. The Stripe-Signature header is verified over the raw body. " +
      "payment_intent.succeeded turns the hold named in metadata.holdId into a confirmed booking (or refunds the payment if the nights " +
      "were taken meanwhile); payment_intent.payment_failed is logged and the hold stays until it expires; charge.refunded and " +
      "refund.updated reconcile a booking's refunds with Stripe (a refund made in the dashboard is recorded against its booking once; " +
      "a failed refund is flagged for the owner and its amount becomes refundable again); other types are acknowledged " +
      "and ignored. Each event id is applied at most once. Any failure answers non-2xx so Stripe redelivers. The body schema is " +
      "documentation only: the route never re-parses the signed bytes with it.",
    tags: ["Webhooks"],
    security: "stripeSignature",
    request: { body: stripeEventEnvelope, headers: stripeSignatureHeader },
    response: { status: 200, description: "The event was handled.", mediaType: "application/json", schema: stripeWebhookResponse },
    errors: [400, 409, 413, 500, 502, 503],
    examples: [
      {
        name: "succeeded",
        summary: "The February hold was paid",
        request: {
          headers: { "stripe-signature": "t=1798761600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd" },
          body: {
            id: "evt_3Q0essex0feb2700000001",
            object: "event",
            type: "payment_intent.succeeded",
            created: 1798761600,
            livemode: false,
            data: {
              object: {
                id: INTENT_ID,
                object: "payment_intent",
                amount: 103000,
                amount_received: 103000,
                currency: "usd",
                status: "succeeded",
                receipt_email: "ana@example.com",
                metadata: { holdId: HOLD_ID, unitId: ESSEX_ID, ...HOLD_DATES },
              },
            },
          },
        },
        bind: {
          "body.data.object.id": "startCheckout.started:paymentIntentId",
          "body.data.object.amount": "startCheckout.started:amountCents",
          "body.data.object.amount_received": "startCheckout.started:amountCents",
          "body.data.object.metadata.holdId": "createHold.created:holdId",
          "body.data.object.metadata.unitId": "createHold.created:unitId",
          "headers.stripe-signature": "fixture:stripeSignature",
        },
        status: 200,
        response: { received: true, outcome: "booked" },
      },
      {
        name: "badSignature",
        summary: "The signature does not match the body",
        request: {
          headers: { "stripe-signature": "t=1798761600,v1=0000000000000000000000000000000000000000000000000000000000000000" },
          body: {
            id: "evt_3Q0forged000000000000001",
            object: "event",
            type: "payment_intent.succeeded",
            created: 1798761600,
            data: { object: { id: INTENT_ID, object: "payment_intent" } },
          },
        },
        status: 400,
        response: appError("INVALID_SIGNATURE", "Invalid signature."),
      },
    ],
  },
];

export const operationalRoutes: RouteDoc[] = [
  {
    operationId: "getHealth",
    method: "get",
    path: "/health",
    file: "app/api/v1/health/route.ts",
    summary: "Health check",
    description: "200 when the database answers and every migration is applied; 503 with the same shape otherwise. For uptime monitors. status \"degraded\" (still 200) when an import feed (Airbnb, VRBO...) is stale or an imported block overlaps one of our stays.",
    tags: ["Operations"],
    security: "none",
    request: {},
    response: { status: 200, description: "Healthy.", mediaType: "application/json", schema: healthResponse },
    alsoResponds: [{ status: 503, description: "Unhealthy: the database is down or a migration is pending (same shape, ok false)." }],
    errors: [],
    examples: [
      {
        name: "healthy",
        summary: "Database up, migrations applied",
        request: {},
        status: 200,
        response: { ok: true, status: "ok", database: "up", migrations: { applied: 4, expected: 4, pending: [] }, channels: { staleFeeds: [], openConflicts: 0 } },
      },
      {
        name: "migrationPending",
        summary: "A migration on disk is not applied",
        status: 503,
        response: { ok: false, status: "down", database: "up", migrations: { applied: 3, expected: 4, pending: ["20270101000000_example"] }, channels: { staleFeeds: [], openConflicts: 0 } },
      },
    ],
  },
  {
    operationId: "getOpenApiDocument",
    method: "get",
    path: "/openapi.json",
    file: "app/api/v1/openapi.json/route.ts",
    summary: "This OpenAPI document",
    description: "The OpenAPI 3.1 description of /api/v1, generated from the routes' zod schemas. Also in docs/openapi.json.",
    tags: ["Operations"],
    security: "none",
    request: {},
    response: { status: 200, description: "The document.", mediaType: "application/json", schema: openApiDocument },
    errors: [500],
    examples: [
      {
        name: "document",
        summary: "The document (abridged)",
        request: {},
        status: 200,
        response: { openapi: "3.1.0", info: { title: "Palm Aire Court API", version: "1.0.0" }, paths: {} },
      },
    ],
  },
];
