import { describe, expect, it } from "vitest";
import { amount } from "./entitlements";

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
