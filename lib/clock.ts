// The app's one clock. Business code asks "what time is it" here (or takes an injected `now`
// option), never `new Date()` / `Date.now()` directly, so a test can move time for the whole app
// by faking the system clock once, and services can be called with an explicit `now`.

/** The current instant. */
export function now(): Date {
  return new Date(Date.now());
}
