import fc from "fast-check";
import { NumberRule } from "../../src/engine/definition";
import { Dec } from "../../src/engine/numeric";
import { satisfies } from "../../src/engine/validate";

/** The rule read in decimal alone, bound by bound, as the rule's wording says. */
function reference(value: Dec, rule: NumberRule): boolean {
  const limit = (bound: number) => new Dec(bound);
  return (
    (rule.min === undefined || value.greaterThanOrEqualTo(limit(rule.min))) &&
    (rule.greaterThan === undefined || value.greaterThan(limit(rule.greaterThan))) &&
    (rule.max === undefined || value.lessThanOrEqualTo(limit(rule.max))) &&
    (rule.lessThan === undefined || value.lessThan(limit(rule.lessThan))) &&
    (!rule.integer || value.isInteger())
  );
}

describe("satisfies: a number against a parameter's bounds", () => {
  const limits = fc.constantFrom(-1, 0, 0.1, 0.5, 1, 100);
  const rules = fc.record(
    { min: limits, greaterThan: limits, max: limits, lessThan: limits, integer: fc.boolean() },
    { requiredKeys: [] }
  );
  // values at a bound, a hair either side of one (where the nearest double is the bound itself),
  // and anywhere
  const values = fc.oneof(
    limits.map((limit) => new Dec(limit)),
    fc
      .tuple(limits, fc.constantFrom("1e-30", "-1e-30", "1e-17", "-1e-17"))
      .map(([limit, hair]) => new Dec(limit).plus(hair)),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => new Dec(x)),
    fc.constant(new Dec(-0))
  );

  it("agrees with decimal comparisons, also where the nearest double is the bound", () => {
    fc.assert(
      fc.property(values, rules, (value, rule) => {
        expect(satisfies(value, rule)).toBe(reference(value, rule));
      }),
      { numRuns: 5_000 }
    );
  });

  it("examples: just below 1 is less than 1, though its nearest double is 1", () => {
    const justBelowOne = new Dec(1).minus("1e-30");
    expect(justBelowOne.toNumber()).toBe(1);
    expect(satisfies(justBelowOne, { lessThan: 1 })).toBe(true);
    expect(satisfies(justBelowOne, { min: 1 })).toBe(false);
    expect(satisfies(new Dec(-0), { min: 0, lessThan: 1 })).toBe(true);
  });
});
