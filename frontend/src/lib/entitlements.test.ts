import { describe, expect, it } from "vitest";
import { amount, provisionAmount } from "./entitlements";
import { rangeErrors, rangeSearch } from "../pages/entitlements/ComplianceRange";

describe("the compliance range", () => {
  it("asks for both days, in order, at most a school year apart", () => {
    expect(rangeErrors({ from: "2026-09-01", to: "2027-08-31", as_of: "" })).toEqual({});
    expect(rangeErrors({ from: "", to: "", as_of: "" })).toEqual({ from: "Enter the first day, like 2026-09-01.", to: "Enter the last day, like 2027-08-31." });
    expect(rangeErrors({ from: "2026-09-01", to: "2026-08-31", as_of: "" }).to).toBe("The last day comes on or after the first day.");
    expect(rangeErrors({ from: "2026-09-01", to: "2026-09-01", as_of: "" })).toEqual({});
    // As the API: 400 days between them at most.
    expect(rangeErrors({ from: "2026-09-01", to: "2027-10-06", as_of: "" })).toEqual({});
    expect(rangeErrors({ from: "2026-09-01", to: "2027-10-07", as_of: "" }).to).toMatch(/^Choose at most a school year/);
  });

  it("carries only the days asked for into a link", () => {
    expect(rangeSearch({})).toBe("");
    expect(rangeSearch({ from: "2026-09-01", to: "2026-10-23" })).toBe("?from=2026-09-01&to=2026-10-23");
    expect(rangeSearch({ as_of: "2026-12-01" })).toBe("?as_of=2026-12-01");
  });
});

describe("a provision's amount in words", () => {
  it("says what the number means for each kind", () => {
    expect(provisionAmount("timetable_reduction", 10)).toBe("10% of a full timetable");
    expect(provisionAmount("tlr_payment", 2873)).toBe("£2,873 a year");
    expect(provisionAmount("device", 1)).toBe("Issued");
    expect(provisionAmount("job_description", 1)).toBe("On file");
    expect(provisionAmount("job_description", 0)).toBe("Not on file");
  });
});

describe("amount", () => {
  it("names one of a unit in the singular and any other figure in the plural", () => {
    expect(amount(1, "observations")).toBe("1 observation");
    expect(amount(1, "check-ins")).toBe("1 check-in");
    expect(amount(0, "observations")).toBe("0 observations");
    expect(amount(1.5, "hours")).toBe("1.5 hours");
    expect(amount(1 / 3, "observations")).toBe("0.33 observations");
    expect(amount(60, "minutes")).toBe("60 minutes");
  });

  it("leaves units that are not one plural word alone", () => {
    expect(amount(1, "per cent")).toBe("1 per cent");
    expect(amount(1, "yes or no")).toBe("1 yes or no");
    expect(amount(1)).toBe("1");
  });
});
