import { randomInt } from "node:crypto";

// Human booking codes: "PAC-" and six characters from an alphabet without look-alikes (no 0/O,
// 1/I/L, U), so a code read over the phone or copied from paper comes out right. Each character
// is drawn independently from the OS's cryptographic generator: one code says nothing about
// another. 30^6 ≈ 729 million codes; a collision is refused by the unique index and retried.

export const BOOKING_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const BOOKING_CODE_PATTERN = /^PAC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/;

export function generateBookingCode(): string {
  let code = "PAC-";
  for (let i = 0; i < 6; i++) code += BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)];
  return code;
}

/**
 * What a guest types, made comparable: any case, spaces and dashes ignored, the "PAC" prefix
 * optional ("pac 7kx3mq", "7KX3MQ"). Returns null when it cannot be a code.
 */
export function normalizeBookingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  const body = compact.startsWith("PAC") ? compact.slice(3) : compact;
  const code = `PAC-${body}`;
  return BOOKING_CODE_PATTERN.test(code) ? code : null;
}
