import { describe, expect, it } from "vitest";
import { jsonLdText, priceRange, propertyJsonLd, unitJsonLd, type PropertyFacts, type UnitFacts } from "./structured-data";

const property: PropertyFacts = {
  name: "Palm Aire Court",
  address: { line1: "123 Palm Aire Court", line2: "Office", city: "Fort Myers", region: "FL", postalCode: "33901", country: "US" },
  phone: "+1 239 555 0100",
  email: "stay@example.test",
  checkInTime: "15:00",
  checkOutTime: "11:00",
};

const unit: UnitFacts = {
  slug: "essex",
  name: "Essex",
  description: "Two bedrooms.",
  capacity: 5,
  beds: 3,
  baths: 1,
  amenities: ["Wi-Fi"],
  features: ["Screened porch"],
  photos: ["/images/units/cottage.svg", "https://cdn.example.test/essex.jpg"],
  fromNightlyCents: 9500,
  nightlyCents: 16500,
  currency: "USD",
};

describe("priceRange", () => {
  it.each([
    [[9500, 16500], "$95 – $165 per night"],
    [[16500, 16500], "$165 per night"],
    // 8450 cents is $84.50: cents shown only when the amount is not round.
    [[8450, null], "$84.50 per night"],
    [[null, null], undefined],
  ])("%o → %s", (cents, expected) => {
    expect(priceRange(cents, "USD")).toBe(expected);
  });
});

describe("unitJsonLd", () => {
  const data = unitJsonLd(unit, property, "https://palmairecourt.example") as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading nested JSON

  it("is a VacationRental with the property's address and times", () => {
    expect(data["@type"]).toBe("VacationRental");
    expect(data.url).toBe("https://palmairecourt.example/units/essex");
    expect(data.address).toEqual({
      "@type": "PostalAddress",
      streetAddress: "123 Palm Aire Court, Office",
      addressLocality: "Fort Myers",
      addressRegion: "FL",
      postalCode: "33901",
      addressCountry: "US",
    });
    expect([data.checkinTime, data.checkoutTime]).toEqual(["15:00", "11:00"]);
    expect(data.priceRange).toBe("$95 – $165 per night");
  });

  it("contains an Accommodation with occupancy, rooms and amenities, and absolute image URLs", () => {
    expect(data.containsPlace.occupancy).toEqual({ "@type": "QuantitativeValue", maxValue: 5, unitText: "guests" });
    expect(data.containsPlace.numberOfBedrooms).toBe(3);
    expect(data.containsPlace.numberOfBathroomsTotal).toBe(1);
    expect(data.containsPlace.amenityFeature.map((f: { name: string }) => f.name)).toEqual(["Wi-Fi", "Screened porch"]);
    expect(data.image).toEqual(["https://palmairecourt.example/images/units/cottage.svg", "https://cdn.example.test/essex.jpg"]);
  });
});

describe("propertyJsonLd", () => {
  it("gives the range over every unit's prices", () => {
    const data = propertyJsonLd(property, "https://palmairecourt.example", [
      { fromNightlyCents: 4500, nightlyCents: null, currency: "USD" },
      { fromNightlyCents: 9500, nightlyCents: 16500, currency: "USD" },
    ]);
    expect(data["@type"]).toBe("LodgingBusiness");
    expect(data.priceRange).toBe("$45 – $165 per night");
  });
});

describe("jsonLdText", () => {
  it("cannot close the script element it is written into", () => {
    const text = jsonLdText({ description: "</script><script>alert(1)</script>" });
    expect(text).not.toContain("</script");
    expect(JSON.parse(text).description).toBe("</script><script>alert(1)</script>");
  });
});
