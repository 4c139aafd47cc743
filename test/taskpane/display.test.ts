/** The deal page's values against the figures as docs/sources-format.md and the documents state them. */
import { BUILTIN_LIBRARY, findDeal } from "../../src/data/library";
import { factDisplay, formatFactValue, keyLabel } from "../../src/taskpane/display";

const fact = (deal: string, key: string) => {
  const found = findDeal(BUILTIN_LIBRARY, deal)?.facts.find((f) => f.key === key);
  if (!found) throw new Error(`${deal} has no ${key}`);
  return found;
};

test("Amazon's 2023 commitment: up to $4 billion", () => {
  expect(factDisplay(fact("amazon-anthropic-2023", "investment"))).toBe("up to $4.0B");
});

test("Anthropic's 2023 valuation stays a range of 18 to 25 billion", () => {
  expect(formatFactValue(fact("amazon-anthropic-2023", "valuation").value, "USD")).toBe(
    "$18.0B – $25.0B"
  );
});

test("ratios are percentages: 49% of profits, growth of 171%", () => {
  expect(formatFactValue(0.49, "ratio")).toBe("49%");
  expect(formatFactValue(1.71, "ratio")).toBe("171%");
});

test("millions, per-period currencies and other units", () => {
  expect(formatFactValue(500e6, "USD")).toBe("$500.0M");
  expect(formatFactValue(2.5, "USD/hour")).toBe("$2.50/hour");
  expect(formatFactValue(1.25e9, "EUR")).toBe("EUR 1.25B");
  expect(formatFactValue(5, "GW")).toBe("5 GW");
  expect(formatFactValue(10, "years")).toBe("10 years");
  expect(formatFactValue(100 / 13, "multiple")).toBe("7.692307692x");
  expect(formatFactValue("=HYPERLINK(1)", "text")).toBe("=HYPERLINK(1)");
});

test("keys read as words", () => {
  expect(keyLabel("tranche_initial")).toBe("Tranche initial");
});
