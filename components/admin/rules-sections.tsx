"use client";
import type { RateSettings } from "@/lib/server/admin/rates/get-rate-settings";
import { unitCategoryLabels } from "@/lib/site/format";

// The rates page's taxes, stay rules and cancellation policies: controlled inputs over the rows
// the page loaded. RatesEditor owns the state and sends only the rows that differ.

export type TaxRow = RateSettings["taxes"][number] & { rateText: string; feesText: string; rateChangeFrom: string };
export type RuleRow = RateSettings["stayRules"][number];
export type PolicyRow = RateSettings["policies"][number] & { tiersText: string };

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const numberOrNull = (text: string): number | null => (text.trim() === "" ? null : Number(text));

export const tiersToText = (tiers: Array<{ daysBefore: number; refundPct: number }>) => tiers.map((t) => `${t.daysBefore}:${t.refundPct}`).join(", ");
export function textToTiers(text: string): Array<{ daysBefore: number; refundPct: number }> {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [days, pct] = part.split(":");
      return { daysBefore: Number(days), refundPct: Number(pct) };
    });
}
export const basisPoints = (percentText: string) => Math.round(Number(percentText) * 100);

/** A tax row the owner is adding: no id until it is saved. */
export const newTaxRow = (): TaxRow => ({
  id: "",
  code: "",
  name: "",
  rateBps: 0,
  appliesToNightly: true,
  appliesToFees: [],
  maxStayNights: null,
  effectiveFrom: null,
  effectiveTo: null,
  rateText: "",
  feesText: "",
  rateChangeFrom: "",
});

/** A stay rule the owner is adding: for the whole property and switched off until a field is set. */
export const newRuleRow = (): RuleRow => ({
  id: "",
  name: "",
  unitId: null,
  category: null,
  startDate: null,
  endDate: null,
  recursAnnually: false,
  minNights: null,
  maxNights: null,
  checkInWeekdays: [],
  bookingHorizonMonths: null,
  sameDayCutoffHour: null,
});

// New rows are told apart by position among the new rows, so their labels stay unique and stable.
const newLabel = (what: string, rows: Array<{ id: string }>, i: number) => `New ${what} ${rows.slice(0, i + 1).filter((r) => !r.id).length}`;

function RemoveNewRow({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <button type="button" className="link-button" onClick={onRemove}>
      Remove<span className="visually-hidden"> {label}</span>
    </button>
  );
}

export function TaxesSection({ rows, onChange }: { rows: TaxRow[]; onChange: (rows: TaxRow[]) => void }) {
  const set = (i: number, patch: Partial<TaxRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  return (
    <div className="admin-card">
      <h2>Taxes</h2>
      <p>A new rate applies to nights from the date you give; earlier nights keep the old rate. Bookings already made keep the taxes they paid.</p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr><th scope="col">Tax</th><th scope="col">Rate %</th><th scope="col">New rate from</th><th scope="col">On nights</th><th scope="col">On fees (comma separated)</th><th scope="col">Exempt above nights</th><th scope="col">In effect</th></tr>
          </thead>
          <tbody>
            {rows.map((t, i) => {
              const label = t.id ? t.name : newLabel("tax", rows, i);
              return (
                <tr key={t.id || `new-${i}`}>
                  {t.id ? (
                    <th scope="row">{t.name}</th>
                  ) : (
                    <th scope="row">
                      <input aria-label={`${label}: name`} size={18} value={t.name} onChange={(e) => set(i, { name: e.target.value })} />{" "}
                      <input aria-label={`${label}: code (letters, digits, dashes)`} size={12} value={t.code} onChange={(e) => set(i, { code: e.target.value })} />
                    </th>
                  )}
                  <td><input aria-label={`${label}: rate percent`} inputMode="decimal" size={5} value={t.rateText} onChange={(e) => set(i, { rateText: e.target.value })} /></td>
                  <td>{t.id ? <input type="date" aria-label={`${label}: new rate from`} value={t.rateChangeFrom} onChange={(e) => set(i, { rateChangeFrom: e.target.value })} /> : "—"}</td>
                  <td><input type="checkbox" aria-label={`${label}: on nights`} checked={t.appliesToNightly} onChange={(e) => set(i, { appliesToNightly: e.target.checked })} /></td>
                  <td><input aria-label={`${label}: fees taxed`} size={22} value={t.feesText} onChange={(e) => set(i, { feesText: e.target.value })} /></td>
                  <td><input aria-label={`${label}: exempt above nights`} inputMode="numeric" size={4} value={t.maxStayNights ?? ""} onChange={(e) => set(i, { maxStayNights: numberOrNull(e.target.value) })} /></td>
                  <td>
                    {t.id ? (
                      <>{t.effectiveFrom ?? "always"} → {t.effectiveTo ?? "open"}</>
                    ) : (
                      <>
                        <input type="date" aria-label={`${label}: first night taxed`} value={t.effectiveFrom ?? ""} onChange={(e) => set(i, { effectiveFrom: e.target.value || null })} />{" "}
                        <RemoveNewRow label={label} onRemove={() => remove(i)} />
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" className="button" onClick={() => onChange([...rows, newTaxRow()])}>Add a tax</button>
      </p>
    </div>
  );
}

const CATEGORIES = Object.entries(unitCategoryLabels) as Array<[keyof typeof unitCategoryLabels, string]>;

/** The scope select's value for a rule: "", "category:<type>" or "unit:<id>". */
const scopeValue = (r: RuleRow) => (r.unitId ? `unit:${r.unitId}` : r.category ? `category:${r.category}` : "");
function scopeFrom(value: string): Pick<RuleRow, "unitId" | "category"> {
  if (value.startsWith("unit:")) return { unitId: value.slice(5), category: null };
  if (value.startsWith("category:")) return { unitId: null, category: value.slice(9) as RuleRow["category"] };
  return { unitId: null, category: null };
}

export function StayRulesSection({ rows, units, onChange }: { rows: RuleRow[]; units: RateSettings["units"]; onChange: (rows: RuleRow[]) => void }) {
  const set = (i: number, patch: Partial<RuleRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  const scope = (r: RuleRow) => (r.unitId ? units.find((u) => u.id === r.unitId)?.name ?? "One unit" : r.category ? unitCategoryLabels[r.category] : "Whole property");
  return (
    <div className="admin-card">
      <h2>Stay rules</h2>
      <p>Rules judge new holds and quotes; bookings already made are never re-judged. Empty a rule&apos;s fields to switch it off.</p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr><th scope="col">Rule</th><th scope="col">Applies to</th><th scope="col">Check-ins from</th><th scope="col">to</th><th scope="col">Min nights</th><th scope="col">Max nights</th><th scope="col">Check-in days</th><th scope="col">Months ahead</th><th scope="col">Same-day until (hour)</th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const label = r.id ? r.name : newLabel("stay rule", rows, i);
              return (
                <tr key={r.id || `new-${i}`}>
                  {r.id ? (
                    <th scope="row">{r.name}</th>
                  ) : (
                    <th scope="row">
                      <input aria-label={`${label}: name`} size={18} value={r.name} onChange={(e) => set(i, { name: e.target.value })} />{" "}
                      <RemoveNewRow label={label} onRemove={() => remove(i)} />
                    </th>
                  )}
                  <td>
                    {r.id ? (
                      scope(r)
                    ) : (
                      <select aria-label={`${label}: applies to`} value={scopeValue(r)} onChange={(e) => set(i, scopeFrom(e.target.value))}>
                        <option value="">Whole property</option>
                        {CATEGORIES.map(([value, text]) => <option key={value} value={`category:${value}`}>{text}</option>)}
                        {units.map((u) => <option key={u.id} value={`unit:${u.id}`}>{u.name}</option>)}
                      </select>
                    )}
                  </td>
                  <td><input type="date" aria-label={`${label}: first check-in date`} value={r.startDate ?? ""} onChange={(e) => set(i, { startDate: e.target.value || null })} /></td>
                  <td><input type="date" aria-label={`${label}: last check-in date`} value={r.endDate ?? ""} onChange={(e) => set(i, { endDate: e.target.value || null })} /></td>
                  <td><input aria-label={`${label}: minimum nights`} inputMode="numeric" size={3} value={r.minNights ?? ""} onChange={(e) => set(i, { minNights: numberOrNull(e.target.value) })} /></td>
                  <td><input aria-label={`${label}: maximum nights`} inputMode="numeric" size={3} value={r.maxNights ?? ""} onChange={(e) => set(i, { maxNights: numberOrNull(e.target.value) })} /></td>
                  <td>
                    <fieldset className="weekdays">
                      <legend className="visually-hidden">{label}: check-in days (none ticked: any day)</legend>
                      {WEEKDAYS.map((day, d) => (
                        <label key={day}>
                          <input
                            type="checkbox"
                            checked={r.checkInWeekdays.includes(d)}
                            onChange={(e) => set(i, { checkInWeekdays: e.target.checked ? [...r.checkInWeekdays, d].sort() : r.checkInWeekdays.filter((x) => x !== d) })}
                          />
                          {day}
                        </label>
                      ))}
                    </fieldset>
                  </td>
                  <td><input aria-label={`${label}: months ahead`} inputMode="numeric" size={3} value={r.bookingHorizonMonths ?? ""} onChange={(e) => set(i, { bookingHorizonMonths: numberOrNull(e.target.value) })} /></td>
                  <td><input aria-label={`${label}: same-day cut-off hour`} inputMode="numeric" size={3} value={r.sameDayCutoffHour ?? ""} onChange={(e) => set(i, { sameDayCutoffHour: numberOrNull(e.target.value) })} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" className="button" onClick={() => onChange([...rows, newRuleRow()])}>Add a stay rule</button>
      </p>
    </div>
  );
}

export function PoliciesSection({ rows, onChange }: { rows: PolicyRow[]; onChange: (rows: PolicyRow[]) => void }) {
  const set = (i: number, patch: Partial<PolicyRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="admin-card">
      <h2>Cancellation policy</h2>
      <p>Tiers are &quot;days before check-in : percent of the nights refunded&quot;. New bookings take the policy in force when the guest pays; bookings already made keep theirs.</p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr><th scope="col">Policy</th><th scope="col">Tiers</th><th scope="col">Fees and taxes back before arrival</th><th scope="col">Free within hours of booking</th><th scope="col">…if booked days ahead</th></tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td><input aria-label={`${p.name}: tiers`} size={22} value={p.tiersText} onChange={(e) => set(i, { tiersText: e.target.value })} /></td>
                <td><input type="checkbox" aria-label={`${p.name}: fees and taxes refunded before arrival`} checked={p.refundFeesBeforeArrival} onChange={(e) => set(i, { refundFeesBeforeArrival: e.target.checked })} /></td>
                <td><input aria-label={`${p.name}: grace hours`} inputMode="numeric" size={4} value={String(p.graceHours)} onChange={(e) => set(i, { graceHours: Number(e.target.value) })} /></td>
                <td><input aria-label={`${p.name}: grace minimum days ahead`} inputMode="numeric" size={4} value={String(p.graceMinDaysBefore)} onChange={(e) => set(i, { graceMinDaysBefore: Number(e.target.value) })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
