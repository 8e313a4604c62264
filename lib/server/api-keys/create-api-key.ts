import "server-only";
import type { Db } from "@/lib/server/db/client";
import { isConflictError } from "@/lib/server/db/errors";
import { AppError } from "@/lib/server/errors";
import { displayPrefix, generateApiKey, hashApiKey } from "./api-key-secret";

export const API_KEY_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export interface CreatedApiKey {
  id: string;
  name: string;
  /** The key itself: shown once, never stored. */
  key: string;
  prefix: string;
  createdAt: Date;
}

/** Creates a named key for one integration (e.g. "n8n", "mcp-claude"). */
export async function createApiKey(db: Db, options: { name: string }): Promise<CreatedApiKey> {
  const name = options.name.trim().toLowerCase();
  if (!API_KEY_NAME.test(name)) {
    throw new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
      issues: [{ path: "name", message: "A key name is 1 to 63 letters, digits, dots, dashes or underscores, e.g. n8n-bot." }],
    });
  }
  const key = generateApiKey();
  try {
    const row = await db.apiKey.create({
      data: { name, keyHash: hashApiKey(key), prefix: displayPrefix(key) },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    return { ...row, key };
  } catch (error) {
    // The partial unique index on live names is the last word when two creations race.
    if (isConflictError(error)) throw new AppError("CONFLICT", `A key named ${name} already exists. Revoke it first or pick another name.`);
    throw error;
  }
}
