import { describe, expect, it } from "vitest";
import { isSensitiveKey, redact, redactText } from "./redact";

describe("redactText: personal data and secrets are replaced", () => {
  it.each([
    ["ana.rivera+test@example.com", "[REDACTED_EMAIL]"],
    ["mail ANA@Example.CO.UK now", "mail [REDACTED_EMAIL] now"],
    ["+1 (239) 555-0100", "[REDACTED_PHONE]"],
    ["+1 239 555 0100", "[REDACTED_PHONE]"],
    ["+12395550100", "[REDACTED_PHONE]"],
    ["+44 20 7946 0958", "[REDACTED_PHONE]"],
    ["call 239.555.0100 today", "call [REDACTED_PHONE] today"],
    ["(239) 555-0100", "[REDACTED_PHONE]"],
    ["239-555-0100", "[REDACTED_PHONE]"],
    ["239 555 0100", "[REDACTED_PHONE]"],
    ["1-239-555-0100", "[REDACTED_PHONE]"],
    ["Bearer abc", "Bearer [REDACTED]"],
    ["authorization: bearer test-service-key-0123456789abcdef", "authorization: bearer [REDACTED]"],
    ["Basic dXNlcjpwYXNz", "Basic [REDACTED]"],
    ["pi_123_secret_456", "[REDACTED_CLIENT_SECRET]"],
    ["clientSecret=pi_3PqAbc12XyZ_secret_Qw3rTy9", "clientSecret=[REDACTED_CLIENT_SECRET]"],
    ["seti_1Abc_secret_Def", "[REDACTED_CLIENT_SECRET]"],
    ["key sk_test_51HxYzAbC123", "key [REDACTED_KEY]"],
    // Assembled at run time so no file in the repository looks like a committed live key.
    [["sk", "live", "abcDEF123"].join("_"), "[REDACTED_KEY]"],
    ["rk_test_abc", "[REDACTED_KEY]"],
    ["whsec_testsecret0123456789abcdef", "[REDACTED_KEY]"],
    ['create: { firstName: "Ana", lastName: "Rivera" }', 'create: { firstName: "[REDACTED]", lastName: "[REDACTED]" }'],
    ['{"email":"x","customerName":"Bo"}', '{"email":"[REDACTED]","customerName":"[REDACTED]"}'],
    ["Failing row contains (c1, Ana, Rivera, null).", "Failing row contains ([REDACTED])."],
    ["Key (email)=(someone) already exists.", "Key (email)=([REDACTED]) already exists."],
  ])("%s", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});

describe("redactText: ordinary values are left alone", () => {
  it.each([
    "2027-01-10",
    "2027-01-10 to 2027-01-17",
    "checkIn=2027-01-10&checkOut=2027-02-09",
    "2026-11-21T05:28:09.548Z",
    "2026-11-21T05:28:09+00:00",
    "152500",
    "1525000",
    "15250000",
    "totalCents: 2395550100",
    "durationMs 12.4",
    "took 1234.5 ms",
    "P1M",
    "PT15M",
    "9ee00f12-79b5-4a5d-bee1-cacf390e5b0a",
    "550e8400-e29b-41d4-a716-446655440000",
    "cmwpyvnu40002yf7debeuvotb",
    "chatbot-req-12345",
    "unit 9606-2BR",
    "at Object.<anonymous> (/app/lib/server/db.ts:123:45)",
    "node:internal/process/task_queues:95:5",
    "@prisma/client@6.19.3",
    "pi_3PqAbc12XyZ",
    "127.0.0.1:6379",
    "::ffff:127.0.0.1",
    "Palm Aire Court — Essex",
  ])("%s", (input) => {
    expect(redactText(input)).toBe(input);
  });
});

describe("redact: objects", () => {
  it("replaces sensitive keys at any depth and keeps the rest", () => {
    const out = redact({
      requestId: "9ee00f12-79b5-4a5d-bee1-cacf390e5b0a",
      status: 201,
      body: {
        unitId: "cmwpyvnu40002yf7debeuvotb",
        checkIn: "2027-01-10",
        customer: { firstName: "Ana", lastName: "Rivera", email: "ana@example.com", phone: "+1 239 555 0100", name: "Ana R" },
      },
      headers: { Authorization: "Bearer xyz", "Stripe-Signature": "t=1,v1=abc", "x-cron-secret": "s" },
      clientSecret: "pi_1_secret_2",
      receipt_email: "a@b.co",
      list: ["ana@example.com", 3],
      at: new Date(0),
      missing: undefined,
    }) as Record<string, any>;
    expect(out).toEqual({
      requestId: "9ee00f12-79b5-4a5d-bee1-cacf390e5b0a",
      status: 201,
      body: {
        unitId: "cmwpyvnu40002yf7debeuvotb",
        checkIn: "2027-01-10",
        customer: { firstName: "[REDACTED]", lastName: "[REDACTED]", email: "[REDACTED]", phone: "[REDACTED]", name: "[REDACTED]" },
      },
      headers: { Authorization: "[REDACTED]", "Stripe-Signature": "[REDACTED]", "x-cron-secret": "[REDACTED]" },
      clientSecret: "[REDACTED]",
      receipt_email: "[REDACTED]",
      list: ["[REDACTED_EMAIL]", 3],
      at: new Date(0),
      missing: undefined,
    });
  });

  it("turns errors into plain objects with redacted message, stack, own fields and cause", () => {
    const inner = new Error("insert failed for ana@example.com");
    const error = Object.assign(new Error("upsert: firstName: \"Ana\" phone +1 239 555 0100", { cause: inner }), {
      code: "P2002",
      meta: { target: ["email"], email: "ana@example.com" },
    });
    const out = redact({ err: error }) as { err: Record<string, any> };
    expect(out.err.type).toBe("Error");
    expect(out.err.code).toBe("P2002");
    expect(out.err.message).toBe('upsert: firstName: "[REDACTED]" phone [REDACTED_PHONE]');
    expect(out.err.stack).toContain('firstName: "[REDACTED]"');
    expect(out.err.meta).toEqual({ target: ["email"], email: "[REDACTED]" });
    expect(out.err.cause.message).toBe("insert failed for [REDACTED_EMAIL]");
    const text = JSON.stringify(out);
    for (const leaked of ["ana@example.com", "Ana\\\"", "555 0100"]) expect(text).not.toContain(leaked);
  });

  it("stops at a depth limit instead of recursing forever", () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 20; i++) node = (node.next = {}) as Record<string, unknown>;
    expect(JSON.stringify(redact(deep))).toContain("[TRUNCATED]");
  });

  it.each([
    ["email", true], ["customerEmail", true], ["phoneNumber", true], ["firstName", true], ["last_name", true],
    ["name", true], ["authorization", true], ["clientSecret", true], ["client_secret", true], ["apiKey", true],
    ["stripe-signature", true], ["token", true], ["password", true],
    ["requestId", false], ["unitId", false], ["route", false], ["status", false], ["checkIn", false],
    ["totalCents", false], ["durationMs", false], ["code", false], ["unitName", false],
  ])("isSensitiveKey(%s) = %s", (key, expected) => {
    expect(isSensitiveKey(key)).toBe(expected);
  });
});
