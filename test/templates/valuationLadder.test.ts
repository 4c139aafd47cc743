/** valuation-ladder: rounds in order, against the arithmetic of post-money, stake and step-up. */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { FormulaCell } from "../../src/templates/plan";
import { buildPlan } from "../../src/templates/template";
import { decimalYear } from "../../src/templates/valuationLadder";
import { closeTo, rowOf } from "./planQuery";

const template = findTemplate("valuation-ladder")!;
const build = (id: string, overrides = {}) =>
  buildPlan(template, {
    deal: BUILTIN_LIBRARY.find((d) => d.id === id)!,
    deals: BUILTIN_LIBRARY,
    overrides,
  });
const SHEET = "Valuation ladder";
/** The ladder row of a round: its cells from "Valuation used" (column C) on. */
const ladder = (plan: ReturnType<typeof build>, name: string) => {
  const rows = plan.sheets[0].rows.filter(
    (r) => r[0]?.kind === "label" && r[0].text === name && r[1]?.kind === "label"
  );
  return rows[0].slice(2) as (FormulaCell | null)[];
};
const expected = (cell: unknown) => (cell as FormulaCell).expected as number;

describe("decimalYear", () => {
  it("takes the middle of the period a date names", () => {
    expect(decimalYear("2026")).toBe(2026.5);
    expect(decimalYear("2023-05")).toBe(2023 + 4.5 / 12);
    expect(decimalYear("2025/2026")).toBe(2026);
    expect(decimalYear("2023-06/2023-12")).toBeCloseTo(2023 + 8.5 / 12, 12);
  });
});

describe("Baseten's round: $1.5B at a $13B valuation (read as post-money)", () => {
  const plan = build("baseten-round-2026");
  const [, , pre, post, stake, keep] = ladder(plan, "Baseten's round (2026)");

  it("splits pre- and post-money and the stakes", () => {
    expect(pre?.formula).toMatch(/IF\(Ladder_Basis="pre_money"/);
    expect(expected(post)).toBe(13e9);
    expect(closeTo(expected(stake), 1.5 / 13)).toBe(true);
    expect(closeTo(expected(keep), 11.5 / 13)).toBe(true);
  });

  it("shows the basis as an assumption", () => {
    expect(rowOf(plan, SHEET, "Valuation basis when the source does not say")[1]).toMatchObject({
      kind: "assumption",
      value: "post_money",
    });
  });
});

describe("Anthropic as of 2025–2026: three marks", () => {
  const plan = build("anthropic-valuation-2026");
  const spark = ladder(plan, "Anthropic's round led by Spark Capital (May 2023)");
  const amazon = ladder(plan, "Amazon's commitment to Anthropic (late 2023)");
  const mark = ladder(plan, "Anthropic's valuation (2025–2026)");

  it("reads a round without an amount as a mark, pre = post", () => {
    expect(expected(spark[3])).toBe(4.1e9);
    expect(spark[1]).toMatchObject({ kind: "label", text: "not stated" });
  });

  it("prices Amazon's 2023 round at the range's midpoint, post-money, less the $4B", () => {
    expect(expected(amazon[3])).toBe(21.5e9);
    // Step-up: this round's pre-money over the prior post-money.
    expect(closeTo(expected(amazon[7]), 17.5e9 / 4.1e9)).toBe(true);
  });

  it("gives the step-up and implied annual growth to the $380B mark", () => {
    const step = 380e9 / 21.5e9;
    const years = 2026 - (2023 + 8.5 / 12);
    expect(closeTo(expected(mark[7]), step)).toBe(true);
    expect(closeTo(expected(mark[8]), step ** (1 / years) - 1, 1e-10)).toBe(true);
  });

  it("follows a 1% holder through the rounds it is diluted in", () => {
    const holder = mark[9] as FormulaCell;
    expect(holder.formula).toMatch(/^L\d+$/); // a mark dilutes no one
    expect(ladder(plan, "Amazon's commitment to Anthropic (late 2023)")[9]?.formula).toMatch(
      /^L\d+\*H\d+$/
    );
  });
});
