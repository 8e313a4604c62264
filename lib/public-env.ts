// The only configuration the browser may see. Next.js inlines NEXT_PUBLIC_* at build time;
// nothing secret may ever be named NEXT_PUBLIC_*.
export const publicEnv = {
  stripePublishableKey: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY || "",
} as const;
