import fc from "fast-check";
import { CAPPED_RETURN } from "../../src/engine/cappedReturn";
import { callDealFunction, CellResult } from "../../src/functions/adapter";
import { expectClose, expectError, numberOf, tableOf } from "./cellExpect";

const capped = (args: unknown[], output: unknown = null): CellResult =>
  callDealFunction(CAPPED_RETURN, [...args, output]);
const field = (args: unknown[], output: string): number => numberOf(capped(args, output));

describe("CAPPED_RETURN", () => {
  // Microsoft–OpenAI style: $13B in, 49% of profits, capped at 100× (a $1.3T cap).
  const stake = [13e9, 0.49, 100];

  it("pays the share of profits below the cap", () => {
    const all = tableOf(capped([...stake, 1e12], "all"));
    expect(all.map(([name]) => name)).toEqual([
      "payout",
      "multiple",
      "excess_to_others",
      "profits_to_reach_cap",
    ]);
    const [payout, multiple, excess, reach] = all.map(([, value]) => value as number);
    expectClose(payout, 490e9);
    expectClose(multiple, 490 / 13);
    expect(excess).toBe(0);
    expectClose(reach, 1.3e12 / 0.49); // $2.653T of profits fill the cap
  });

  it("stops at the cap and sends the rest to others", () => {
    expectClose(numberOf(capped([...stake, 5e12])), 1.3e12);
    expectClose(field([...stake, 5e12], "multiple"), 100);
    expectClose(field([...stake, 5e12], "excess_to_others"), 0.49 * 5e12 - 1.3e12); // 1.15e12
  });

  it("kinks at profits_to_reach_cap: slope profit_share before, flat after", () => {
    // Round numbers so every value is exact: $10 at 50% capped at 3× reaches its cap of 30 at profits 60.
    expect(field([10, 0.5, 3, 0], "profits_to_reach_cap")).toBe(60);
    expect([50, 59, 60, 61, 70, 1e6].map((p) => numberOf(capped([10, 0.5, 3, p])))).toEqual([
      25, 29.5, 30, 30, 30, 30,
    ]);
    expect([59, 60, 61, 70].map((p) => field([10, 0.5, 3, p], "excess_to_others"))).toEqual([
      0, 0, 0.5, 5,
    ]);
  });

  it("never pays more than the cap or the share, and splits the share between the two", () => {
    const amount = fc.double({ min: 1e-3, max: 1e12, noNaN: true });
    // No subnormal share: the test's own double product would lose the digits it compares.
    const shares = fc.double({ min: 0, max: 1, noNaN: true }).filter((s) => s === 0 || s > 1e-100);
    fc.assert(
      fc.property(amount, shares, amount, amount, (i, share, cap, profits) => {
        const payout = numberOf(capped([i, share, cap, profits]));
        expect(payout).toBeLessThanOrEqual(cap * i * (1 + 1e-15));
        expect(payout).toBeLessThanOrEqual(share * profits * (1 + 1e-15));
        const excess = field([i, share, cap, profits], "excess_to_others");
        expect(excess).toBeGreaterThanOrEqual(0);
        expectClose(payout + excess, share * profits, 1e-12);
        expectClose(field([i, share, cap, profits], "multiple"), payout / i, 1e-12);
      })
    );
  });

  it("needs profit_share > 0 for profits_to_reach_cap, and pays nothing without a share", () => {
    expectError(
      capped([13e9, 0, 100, 1e12], "profits_to_reach_cap"),
      "#N/A",
      "profits_to_reach_cap needs profit_share > 0"
    );
    expect(numberOf(capped([13e9, 0, 100, 1e12]))).toBe(0);
  });

  it("answers #VALUE! naming the parameter and its rule", () => {
    const cases: [unknown[], string][] = [
      [[0, 0.49, 100, 1], "investment must be greater than 0 (got 0)"],
      [[1, 1.2, 100, 1], "profit_share must be between 0 and 1 (got 1.2)"],
      [[1, -0.1, 100, 1], "profit_share must be between 0 and 1 (got -0.1)"],
      [[1, 0.49, 0, 1], "cap_multiple must be greater than 0 (got 0)"],
      [[1, 0.49, 100, -1], "total_profits must be at least 0 (got -1)"],
      [[1, 0.49, 100, null], "total_profits is required"],
      [[1, 0.49, "100x", 1], 'cap_multiple must be a number (got "100x")'],
    ];
    for (const [args, message] of cases) expectError(capped(args), "#VALUE!", message);
  });

  it("takes Excel's shapes and text numbers, and names the valid fields for an unknown one", () => {
    expect(numberOf(capped([[["13e9"]], "49%", [[100]], "1,000,000,000,000"]))).toBe(
      numberOf(capped([...stake, 1e12]))
    );
    expectError(
      capped([...stake, 1e12], "cap"),
      "#N/A",
      'unknown output "cap"; valid fields: payout, multiple, excess_to_others, profits_to_reach_cap, all'
    );
  });
});
