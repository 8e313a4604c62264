import { afterEach, describe, expect, it } from "vitest";
import { logger, onLogLine } from "./logger";

// Every way a line can be logged passes through redaction; each case below reaches the line by a
// different path through pino.

let lines: string[] = [];
let stop: (() => void) | undefined;
afterEach(() => stop?.());
function capture() {
  lines = [];
  stop = onLogLine((l) => lines.push(l));
}

const EMAIL = "guest.person@example.test";
const PHONE = "+1 (239) 555-0147";

describe("logger redaction", () => {
  it.each([
    ["an error logged alone (pino copies its message to msg)", () => logger.error(new Error(`dup ${EMAIL} ${PHONE}`))],
    ["an object whose err has a message", () => logger.error({ err: { message: `bad ${EMAIL}` } })],
    ["a nested error under another key", () => logger.error({ context: { failure: new Error(`x ${PHONE}`) } }, "failed")],
    ["an error's cause", () => logger.error({ err: new Error("outer", { cause: new Error(`inner ${EMAIL}`) }) }, "failed")],
    ["interpolated message arguments", () => logger.error("could not reach %s at %s", EMAIL, PHONE)],
    ["child-logger bindings", () => logger.child({ email: EMAIL, contact: `call ${PHONE}` }).error("bound")],
    ["sensitive keys", () => logger.error({ customer: { firstName: "Zebulon", phone: PHONE, email: EMAIL } }, "customer")],
    ["headers with credentials", () => logger.error({ headers: { authorization: "Bearer sekrit-token-value" } }, "h")],
    ["a Stripe client secret in text", () => logger.error("intent pi_3AbC_secret_XyZ created")],
  ])("%s", (_label, log) => {
    capture();
    log();
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(() => JSON.parse(line)).not.toThrow();
    for (const leaked of [EMAIL, "555-0147", "Zebulon", "sekrit", "_secret_XyZ"]) expect(line).not.toContain(leaked);
  });

  it("keeps ordinary values readable", () => {
    capture();
    logger.error({ checkIn: "2027-01-10", totalCents: 152500, requestId: "9ee00f12-79b5-4a5d-bee1-cacf390e5b0a" }, "quote 2027-01-10");
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ checkIn: "2027-01-10", totalCents: 152500, requestId: "9ee00f12-79b5-4a5d-bee1-cacf390e5b0a", msg: "quote 2027-01-10" });
  });
});
