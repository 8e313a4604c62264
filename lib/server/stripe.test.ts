import { describe, expect, it } from "vitest";
import { STRIPE_API_VERSION, stripeHostConfig } from "./stripe";

describe("Stripe configuration", () => {
  it("pins the API version", () => {
    expect(STRIPE_API_VERSION).toBe("2026-02-25.clover");
  });

  it("sends API calls to STRIPE_API_BASE when set, to Stripe otherwise", () => {
    expect(stripeHostConfig("http://127.0.0.1:12111")).toEqual({ host: "127.0.0.1", port: "12111", protocol: "http" });
    expect(stripeHostConfig("http://localhost")).toEqual({ host: "localhost", port: 80, protocol: "http" });
    expect(stripeHostConfig("https://stripe-proxy.internal")).toEqual({ host: "stripe-proxy.internal", port: 443, protocol: "https" });
    expect(stripeHostConfig(undefined)).toEqual({});
  });
});
