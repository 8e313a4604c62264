// Security headers for every answer, pages and API alike (set by middleware.ts).
//
// The Content-Security-Policy allows what the site really loads: its own scripts and styles
// (Next.js inlines small bootstrap scripts and styles, hence 'unsafe-inline'; no nonce plumbing
// in a mostly static site), Stripe.js and its frames for the Payment Element, and nothing may
// frame the site (frame-ancestors 'none': the checkout page cannot be clickjacked).

export function securityHeaders(options: { production: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // Development only: React's dev build and Fast Refresh use eval.
    `script-src 'self' 'unsafe-inline' https://js.stripe.com${options.production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self' https://api.stripe.com https://*.stripe.com",
    "frame-src https://js.stripe.com https://hooks.stripe.com",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Older browsers that ignore frame-ancestors.
    "X-Frame-Options": "DENY",
    ...(options.production ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
