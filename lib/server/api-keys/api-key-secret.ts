import "server-only";
import { createHash, randomBytes } from "node:crypto";

// A key is "pac_" + 43 characters of base64url (256 random bits). The database stores only its
// sha256, which is enough for a lookup: a key this random cannot be guessed from its hash, so a
// slow password hash would add latency to every request and no safety.

export const API_KEY_PREFIX = "pac_";

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What a list shows of a key: enough to tell keys apart, far too little to use one. */
export function displayPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + 6);
}
