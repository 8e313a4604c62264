import { emulator } from "../support/stripe";
import { describe, expect, it } from "vitest";
import { clientIp, SOCKET_IP_HEADER, SOCKET_STAMP_HEADER } from "@/lib/server/http/client-ip";
import { payInTestMode } from "@/app/actions/test-payment";
import { getStripe } from "@/lib/server/stripe";

// The client address comes only from sources a client cannot forge: the socket address that
// scripts/server.ts stamps with its per-process secret (or a configured platform header). Under
// `next start` a client can send the socket header itself; without the stamp it has no effect
// (and production refuses to start that way: lib/server/start-up-checks.test.ts). And the
// test-mode card form pays only in explicit demo mode, not because the key is a test key.

const stamp = () => process.env.PALM_SOCKET_STAMP!;

describe("client identity", () => {
  it("a socket header a client sent itself (no stamp, or a wrong one) is ignored", () => {
    expect(clientIp(new Headers({ [SOCKET_IP_HEADER]: "203.0.113.5" }))).toBeNull();
    expect(clientIp(new Headers({ [SOCKET_IP_HEADER]: "203.0.113.5", [SOCKET_STAMP_HEADER]: "guess" }))).toBeNull();
    // The real stamp with its last character changed (to a character it is not already).
    const wrong = `${stamp().slice(0, -1)}${stamp().endsWith("0") ? "1" : "0"}`;
    expect(clientIp(new Headers({ [SOCKET_IP_HEADER]: "203.0.113.5", [SOCKET_STAMP_HEADER]: wrong }))).toBeNull();
  });

  it("the stamped socket address is the client's address", () => {
    expect(clientIp(new Headers({ [SOCKET_IP_HEADER]: "203.0.113.5", [SOCKET_STAMP_HEADER]: stamp() }))).toBe("203.0.113.5");
    expect(clientIp(new Headers({ [SOCKET_IP_HEADER]: "::ffff:203.0.113.6", [SOCKET_STAMP_HEADER]: stamp() }))).toBe("203.0.113.6");
  });

  it("X-Forwarded-For is not believed without TRUSTED_IP_HEADER", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.1" }))).toBeNull();
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.1", [SOCKET_IP_HEADER]: "203.0.113.7", [SOCKET_STAMP_HEADER]: stamp() }))).toBe("203.0.113.7");
  });
});

describe("the test-mode card form outside demo mode", () => {
  it("refuses to confirm a PaymentIntent although the key is a test key", async () => {
    expect(process.env.STRIPE_SECRET_KEY).toMatch(/^sk_test_/);
    const intent = await getStripe().paymentIntents.create({ amount: 5000, currency: "usd" });
    const result = await payInTestMode({ paymentIntentId: intent.id, cardNumber: "4242424242424242" });
    expect(result).toEqual({ ok: false, message: "Test-mode payments are disabled on this site." });
    expect(emulator.paymentIntents().find((p) => p.id === intent.id)?.status).toBe("requires_payment_method");
  });
});
