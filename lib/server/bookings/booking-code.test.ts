import { describe, expect, it } from "vitest";
import { BOOKING_CODE_PATTERN, generateBookingCode, normalizeBookingCode } from "./booking-code";

describe("generateBookingCode", () => {
  it("makes PAC- codes from the unambiguous alphabet only", () => {
    for (let i = 0; i < 2000; i++) {
      const code = generateBookingCode();
      expect(code).toMatch(BOOKING_CODE_PATTERN);
      expect(code.slice(4)).not.toMatch(/[01ILOU]/);
    }
  });
});

describe("normalizeBookingCode", () => {
  it.each([
    ["PAC-7KX3MQ", "PAC-7KX3MQ"],
    ["pac-7kx3mq", "PAC-7KX3MQ"],
    [" PAC 7KX 3MQ ", "PAC-7KX3MQ"],
    ["7kx3mq", "PAC-7KX3MQ"],
  ])("reads %j as %s", (input, expected) => {
    expect(normalizeBookingCode(input)).toBe(expected);
  });

  it.each(["PAC-7KX3M", "PAC-7KX3MQQ", "PAC-0KX3MQ", "PAC-IKX3MQ", "", "cmx2658rn0003px7dll7llw8s"])("refuses %j", (input) => {
    expect(normalizeBookingCode(input)).toBeNull();
  });
});
