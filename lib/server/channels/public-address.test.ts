import { describe, expect, it } from "vitest";
import { isAllowedAddress } from "./public-address";

describe("isAllowedAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.0.0.1",
    "10.255.255.255",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.1.1",
    "169.254.169.254", // cloud metadata
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1", // 127.0.0.1, hex-mapped
    "::ffff:10.1.2.3",
    "::ffff:a9fe:a9fe", // 169.254.169.254
    "not-an-ip",
  ])("refuses %s", (address) => {
    expect(isAllowedAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "172.15.255.255", "172.32.0.1", "192.169.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "allows the public address %s",
    (address) => {
      expect(isAllowedAddress(address)).toBe(true);
    },
  );

  it("admits loopback, and only loopback, when asked", () => {
    expect(isAllowedAddress("127.0.0.1", { allowLoopback: true })).toBe(true);
    expect(isAllowedAddress("::1", { allowLoopback: true })).toBe(true);
    expect(isAllowedAddress("10.0.0.1", { allowLoopback: true })).toBe(false);
    expect(isAllowedAddress("192.168.0.10", { allowLoopback: true })).toBe(false);
    expect(isAllowedAddress("169.254.169.254", { allowLoopback: true })).toBe(false);
  });
});
