// The property's public facts: shown on the site, in guest emails and to the chatbot.
// The seed creates the settings row from this file once; after that the owner edits it in the
// database (and, later, in the owner console), and the seed never overwrites it.
// Placeholder contact details: replace them before launch.

export const property = {
  name: "Palm Aire Court",
  addressLine1: "123 Palm Aire Court",
  addressLine2: null as string | null,
  city: "Fort Myers",
  region: "FL",
  postalCode: "33901",
  country: "US",
  phone: "+1 239 555 0100",
  email: "stay@palmairecourt.example",
  arrivalInstructions:
    "Check-in is from 15:00. Park beside your unit; the key box code is sent the morning of arrival. Call us if you arrive after 21:00.",
};
