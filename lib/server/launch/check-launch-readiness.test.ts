import { describe, expect, it } from "vitest";
import { checkLaunchReadiness, type LaunchFacts } from "./check-launch-readiness";

// A production deployment ready for guests: every rule below starts from it and breaks one thing.
// Key strings are built from parts so no live-key-shaped literal sits in the repository.
const live = (prefix: string) => `${prefix}_${"live"}_0123456789abcdef`;
const ready: LaunchFacts = {
  nodeEnv: "production",
  stripeSecretKey: live("sk"),
  stripePublishableKey: live("pk"),
  origin: "https://palmairecourt.com",
  upstashConfigured: true,
  serverless: true,
  ownerEmail: "owner@palmairecourt.com",
  property: { email: "stay@palmairecourt.com", phone: "+1 239 463 2211", addressLine1: "4 Gulf Shore Road" },
  placeholderRates: false,
};
const checks = (facts: Partial<LaunchFacts>) => checkLaunchReadiness({ ...ready, ...facts }).map((p) => `${p.level}:${p.check}`);

describe("checkLaunchReadiness", () => {
  it("finds nothing in a deployment that is ready", () => {
    expect(checkLaunchReadiness(ready)).toEqual([]);
  });

  it("checks nothing outside production (dev and tests run with test keys and placeholders)", () => {
    expect(checks({ nodeEnv: "development", stripeSecretKey: "sk_test_x", stripePublishableKey: "", placeholderRates: true, ownerEmail: undefined })).toEqual([]);
    expect(checks({ nodeEnv: "test", property: undefined })).toEqual([]);
  });

  it.each<[string, Partial<LaunchFacts>, string[]]>([
    ["live secret key with a test publishable key", { stripePublishableKey: "pk_test_abc" }, ["refuse:stripe-key-modes"]],
    // A test secret with a live publishable key is both a mode mismatch and a test key.
    ["test secret key with a live publishable key", { stripeSecretKey: "sk_test_abc" }, ["refuse:stripe-key-modes", "warn:stripe-test-key"]],
    ["a test restricted key counts as test mode", { stripeSecretKey: "rk_test_abc", stripePublishableKey: "pk_test_abc" }, ["warn:stripe-test-key"]],
    ["a live restricted key counts as live mode", { stripeSecretKey: live("rk") }, []],
    ["test key pair (staging): runs, loudly", { stripeSecretKey: "sk_test_abc", stripePublishableKey: "pk_test_abc" }, ["warn:stripe-test-key"]],
    ["test key and no publishable key (test-mode form)", { stripeSecretKey: "sk_test_abc", stripePublishableKey: "" }, ["warn:stripe-test-key"]],
    ["Stripe calls sent to an emulator", { stripeApiBase: "http://127.0.0.1:12111" }, ["warn:stripe-api-base"]],
    ["plain http origin", { origin: "http://palmairecourt.com" }, ["warn:https-origin"]],
    ["http on loopback is fine (the smoke test, a container behind a TLS proxy's health check)", { origin: "http://127.0.0.1:3000" }, []],
    ["no owner email", { ownerEmail: undefined }, ["warn:owner-email"]],
    ["owner email empty", { ownerEmail: "" }, ["warn:owner-email"]],
    ["no settings row (never seeded)", { property: undefined }, ["warn:property-settings"]],
    ["example rates", { placeholderRates: true }, ["warn:placeholder-rates"]],
    ["Vercel without Upstash", { upstashConfigured: false }, ["warn:shared-rate-limits"]],
    // One container counts its limits in memory correctly; several are the owner's call (docs).
    ["one server without Upstash", { upstashConfigured: false, serverless: false }, []],
  ])("%s", (_name, facts, expected) => {
    expect(checks(facts)).toEqual(expected);
  });

  it.each<[string, { email: string; phone: string; addressLine1: string }, boolean]>([
    // The shipped values of prisma/data/property.ts.
    ["shipped placeholders", { email: "stay@palmairecourt.example", phone: "+1 239 555 0100", addressLine1: "123 Palm Aire Court" }, true],
    ["example.com email", { ...ready.property!, email: "owner@example.com" }, true],
    ["subdomain of .test", { ...ready.property!, email: "a@mail.palm.test" }, true],
    ["fictional 555-0199 phone", { ...ready.property!, phone: "(239) 555-0199" }, true],
    ["only the address left", { ...ready.property!, addressLine1: "123 Palm Aire Court" }, true],
    // 555-1234 is a real exchange outside the reserved 0100-0199 block.
    ["real 555 number", { ...ready.property!, phone: "+1 239 555 1234" }, false],
    ["a domain merely containing 'example'", { ...ready.property!, email: "stay@examplebeach.com" }, false],
  ])("property contact: %s", (_name, property, placeholder) => {
    expect(checks({ property })).toEqual(placeholder ? ["warn:property-contact"] : []);
  });

  it("names every placeholder it found in one message", () => {
    const [problem] = checkLaunchReadiness({ ...ready, property: { email: "stay@palmairecourt.example", phone: "+1 239 555 0100", addressLine1: "123 Palm Aire Court" } });
    expect(problem!.message).toContain("email stay@palmairecourt.example");
    expect(problem!.message).toContain("phone +1 239 555 0100");
    expect(problem!.message).toContain("address 123 Palm Aire Court");
  });
});
