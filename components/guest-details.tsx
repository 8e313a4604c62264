"use client";

import { TextField } from "./text-field";

// The guest's details form, used when reserving on a unit page and when paying a hold that
// was placed elsewhere. Checks here only save a round trip; the API validates again.

export const GUEST_FIELDS = ["firstName", "lastName", "email", "phone"] as const;
export type GuestField = (typeof GUEST_FIELDS)[number];
export type GuestDetails = Record<GuestField, string>;
export type GuestErrors = Partial<Record<GuestField, string>>;

export const emptyGuest: GuestDetails = { firstName: "", lastName: "", email: "", phone: "" };

export function validateGuest(guest: GuestDetails): GuestErrors {
  const errs: GuestErrors = {};
  if (!guest.firstName.trim()) errs.firstName = "Please enter your first name.";
  if (!guest.lastName.trim()) errs.lastName = "Please enter your last name.";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(guest.email.trim())) errs.email = "Please enter a valid email address.";
  if (guest.phone.trim() && !/^\+?[0-9 ().-]{7,32}$/.test(guest.phone.trim())) errs.phone = "Please enter a valid phone number, or leave it empty.";
  return errs;
}

/** Moves focus to the first field with an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(errs: GuestErrors): void {
  const first = GUEST_FIELDS.find((f) => errs[f]);
  if (first) document.getElementById(`guest-${first}`)?.focus();
}

export function GuestDetailsFields(props: {
  value: GuestDetails;
  errors: GuestErrors;
  onChange: (update: (current: GuestDetails) => GuestDetails) => void;
}) {
  const { value, errors, onChange } = props;
  return (
    <>
      <div className="field-row">
        <TextField id="firstName" label="First name" autoComplete="given-name" value={value.firstName} error={errors.firstName}
          onChange={(v) => onChange((c) => ({ ...c, firstName: v }))} />
        <TextField id="lastName" label="Last name" autoComplete="family-name" value={value.lastName} error={errors.lastName}
          onChange={(v) => onChange((c) => ({ ...c, lastName: v }))} />
      </div>
      <TextField id="email" label="Email" type="email" autoComplete="email" value={value.email} error={errors.email}
        onChange={(v) => onChange((c) => ({ ...c, email: v }))} />
      <TextField id="phone" label="Phone (optional)" type="tel" autoComplete="tel" value={value.phone} error={errors.phone}
        onChange={(v) => onChange((c) => ({ ...c, phone: v }))} />
    </>
  );
}
