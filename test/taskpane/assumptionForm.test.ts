/**
 * The assumptions form against the functions spec (LOOK_THROUGH's domain: vendor_margin in
 * [−1, 1], discount_rate > −1, and the wording "must be between 0 and 1") and the documented
 * default assumptions (the vendor loop's margin before depreciation 0.50, discount_rate 0.10:
 * docs/sources-format.md).
 */
import fc from "fast-check";
import { BUILTIN_LIBRARY, findDeal } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { buildPlan } from "../../src/templates/template";
import { parseAssumptions } from "../../src/cli/options";
import { DealError } from "../../src/engine/errors";
import {
  AssumptionField,
  assumptionFields,
  checkField,
  choicesText,
  isEditable,
  parseNumberText,
  readForm,
} from "../../src/taskpane/assumptionForm";

const template = findTemplate("vendor-loop");
/** The vendor loop's margin: a margin before depreciation, LOOK_THROUGH's vendor_margin. */
const MARGIN = "vendor_margin_before_depreciation";
const deal = findDeal(BUILTIN_LIBRARY, "amazon-anthropic-2026");
if (!template || !deal)
  throw new Error("the vendor-loop template and amazon-anthropic-2026 are needed");
const plan = (overrides = {}) => buildPlan(template, { deal, deals: BUILTIN_LIBRARY, overrides });
const fields = assumptionFields(plan(), template.assumptions);
const field = (key: string): AssumptionField => {
  const found = fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
};

describe("parseNumberText", () => {
  test.each([
    ["0.3", 0.3],
    [" 0.3 ", 0.3],
    ["30%", 0.3],
    ["4e9", 4e9],
    ["-1", -1],
    [".5", 0.5],
    ["+2", 2],
  ])("%p is %p", (text, value) => expect(parseNumberText(text)).toBeCloseTo(value, 12));
  test.each(["", "abc", "4B", "1,000", "0,3", "30 %%", "1e", "--1"])("%p is refused", (text) =>
    expect(parseNumberText(text)).toBeUndefined()
  );
});

describe("fields from the vendor-loop plan of amazon-anthropic-2026", () => {
  test("defaults are the documented assumptions", () => {
    expect(field(MARGIN).defaultValue).toBe(0.5);
    expect(field("discount_rate").defaultValue).toBe(0.1);
  });
  test("each key appears once, and carries its rule", () => {
    expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
    expect(field(MARGIN).spec?.key).toBe(MARGIN);
  });
  test("a deal that states its figures has no missing field", () => {
    expect(fields.filter((f) => f.missing)).toEqual([]);
  });
});

describe("checkField: the function's own domain and words", () => {
  test("vendor_margin outside [−1, 1] is refused, naming the parameter and the rule", () => {
    const check = checkField(field(MARGIN), "1.5");
    expect(check).toEqual({
      state: "error",
      message: expect.stringMatching(/^vendor_margin must be between -1 and 1 \(got 1\.5\)/),
    });
  });
  test("the bounds themselves are allowed", () => {
    expect(checkField(field(MARGIN), "-1")).toEqual({ state: "value", value: -1 });
    expect(checkField(field(MARGIN), "100%")).toEqual({ state: "value", value: 1 });
  });
  test("discount_rate must be greater than −1", () => {
    expect(checkField(field("discount_rate"), "-1")).toMatchObject({
      state: "error",
      message: expect.stringContaining("greater than -1"),
    });
    expect(checkField(field("discount_rate"), "-0.99")).toEqual({ state: "value", value: -0.99 });
  });
  test("a year paid must be a whole number", () => {
    const year = fields.find((f) => f.spec?.whole);
    expect(year).toBeDefined();
    expect(checkField(year as AssumptionField, "2026.5")).toMatchObject({
      state: "error",
      message: expect.stringContaining("whole number"),
    });
    expect(checkField(year as AssumptionField, "2027")).toEqual({ state: "value", value: 2027 });
  });
  test("empty keeps the default; text is not a number", () => {
    expect(checkField(field(MARGIN), "  ")).toEqual({ state: "default" });
    expect(checkField(field(MARGIN), "thirty")).toMatchObject({
      state: "error",
      message: expect.stringContaining("not a number"),
    });
  });
  test("accepted exactly when −1 ≤ g ≤ 1", () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (g) => {
        const check = checkField(field(MARGIN), String(g));
        expect(check.state).toBe(g >= -1 && g <= 1 ? "value" : "error");
      })
    );
  });
});

describe("readForm", () => {
  test("valid texts become overrides, bad ones messages, empty ones nothing", () => {
    const result = readForm(fields, {
      [MARGIN]: "0.25",
      discount_rate: "-2",
      spend_years: "",
    });
    expect(result.overrides).toEqual({ [MARGIN]: 0.25 });
    expect(Object.keys(result.errors)).toEqual(["discount_rate"]);
  });
  test("an override reaches the plan's assumption cell", () => {
    const changed = assumptionFields(
      plan(readForm(fields, { [MARGIN]: "25%" }).overrides),
      template.assumptions
    );
    expect(changed.find((f) => f.key === MARGIN)?.defaultValue).toBe(0.25);
  });
  test("a text assumption is shown, not edited", () => {
    const text: AssumptionField = {
      key: "basis",
      label: "Basis",
      defaultValue: "post_money",
      rationale: "",
      missing: false,
    };
    expect(isEditable(text)).toBe(false);
    expect(readForm([text], { basis: "x" })).toEqual({ overrides: {}, errors: {} });
  });
});

describe("the failure year: None, or a year of the schedule", () => {
  // The documented deal: signed in 2026, $100 billion of spend over the next decade (2027 to
  // 2036, docs/sources-format.md): the customer can fail from the decision year to the last.
  const failure = field("failure_year");
  const years = Array.from({ length: 11 }, (_, k) => String(2026 + k));

  test("is editable, offering None and the years 2026 to 2036", () => {
    expect(failure.defaultValue).toBe("None");
    expect(isEditable(failure)).toBe(true);
    expect(failure.choices).toEqual(["None", ...years]);
    expect(choicesText(failure)).toBe("None or a year from 2026 to 2036");
  });

  test("the switches stay display-only: their words are not numbers", () => {
    expect(isEditable(field("timing"))).toBe(false);
    expect(isEditable(field("scenario"))).toBe(false);
  });

  test("a year of the schedule is a value; None (in any case) or nothing keeps the default", () => {
    expect(checkField(failure, "2030")).toEqual({ state: "value", value: 2030 });
    expect(checkField(failure, "2026")).toEqual({ state: "value", value: 2026 });
    expect(checkField(failure, "2036")).toEqual({ state: "value", value: 2036 });
    expect(checkField(failure, "none")).toEqual({ state: "default" });
    expect(checkField(failure, "")).toEqual({ state: "default" });
  });

  test.each([
    ["2020", "failure_year must be None or a year from 2026 to 2036 (got 2020)"],
    ["2037", "failure_year must be None or a year from 2026 to 2036 (got 2037)"],
    ["2030.5", "failure_year must be None or a year from 2026 to 2036 (got 2030.5)"],
    ["soon", '"soon" is not one of the choices: None or a year from 2026 to 2036'],
  ])("%p is refused, saying which years are allowed", (text, message) => {
    expect(checkField(failure, text)).toEqual({ state: "error", message });
    expect(readForm(fields, { failure_year: text }).errors).toEqual({ failure_year: message });
  });

  test("flows into the template exactly as the CLI's --assume failure_year=2030", () => {
    const fromForm = readForm(fields, { failure_year: "2030" }).overrides;
    const fromCli = parseAssumptions(["failure_year=2030"]);
    expect(fromForm).toEqual(fromCli);
    const built = plan(fromForm);
    expect(built).toEqual(plan(fromCli));
    expect(
      assumptionFields(built, template.assumptions).find((f) => f.key === "failure_year")
    ).toMatchObject({ defaultValue: 2030 });
  });

  test("the template refuses a year outside the schedule the same way, so --assume does too", () => {
    expect(() => plan({ failure_year: 2020 })).toThrow(DealError);
    expect(() => plan({ failure_year: 2020 })).toThrow(
      "failure_year must be None or a year of the schedule from 2026 to 2036 (got 2020)"
    );
  });
});
