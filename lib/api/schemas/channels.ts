import { z } from "zod";

// Inputs of the channel-sync services (import feeds, export tokens). Shared by the feeds script
// today and by the owner console's server actions later.

export const channelName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "expected a short channel name such as airbnb, vrbo or booking")
  .meta({ description: "The channel the calendar belongs to: airbnb, vrbo, booking, or any short name." });

export const feedUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "expected the channel's http(s) calendar export URL (ending in .ics)");

export const addFeedInput = z.strictObject({
  /** The unit's id or slug. */
  unit: z.string().trim().min(1),
  channel: channelName,
  url: feedUrl,
});
export type AddFeedInput = z.input<typeof addFeedInput>;

export const exportTokenInput = z.strictObject({
  unit: z.string().trim().min(1),
  channel: channelName,
});

/** Export tokens are 32 random bytes, base64url: 43 characters. */
export const exportToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** Path parameters of GET /api/v1/units/{id}/ical/{token}: anything malformed is simply not found. */
export const channelExportParams = z
  .object({
    id: z.string().max(64).meta({ description: "The unit's id or slug.", example: "essex" }),
    token: z.string().max(128).meta({
      description: "The secret export token followed by .ics, as printed by `npm run feeds -- export`.",
      example: "Vq3x2m1o9Yw8s7D6f5G4h3J2k1L0zXcVbNm9QwErTy8.ics",
    }),
  })
  .meta({ id: "ChannelExportParams" });
