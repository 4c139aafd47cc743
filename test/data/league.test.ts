/**
 * The headline deflator on the library: the identities in decimal arithmetic for every row, and
 * the deals with a split or a spend back worked by hand from the source figures and closed forms.
 */
import Decimal from "decimal.js";
import fc from "fast-check";
import { main } from "../../src/cli/main";
import { findAssumption } from "../../src/data/assumptions";
import { league, LeagueRow } from "../../src/data/league";
import { BUILTIN_LIBRARY } from "../../src/data/library";

const rows = league(BUILTIN_LIBRARY);
const row = (deal: string) => rows.find((r) => r.deal === deal) as LeagueRow;
const assumption = (key: string) => findAssumption(key)?.value as number;
const closeTo = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

describe("the headline deflator", () => {
  it("has firm + contingent = headline and net new capital = headline − round trip, exactly", () => {
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const r of rows) {
      expect(new Decimal(r.firm).plus(r.contingent).eq(r.headline)).toBe(true);
      if (r.round_trip !== null)
        expect(new Decimal(r.headline).minus(r.round_trip).eq(r.net_new_capital as number)).toBe(
          true
        );
      else expect(r.net_new_capital).toBeNull();
    }
  });

  it("ranks by net new capital per dollar of headline, deals whose spend back has no figure last", () => {
    const shares = rows.map((r) => r.net_new_share);
    const known = shares.filter((s): s is number => s !== null);
    expect(shares.slice(0, known.length)).toEqual(known);
    expect([...known].sort((a, b) => b - a)).toEqual(known);
    for (const r of rows.filter((r) => r.net_new_share !== null))
      expect(closeTo(r.net_new_share as number, (r.net_new_capital as number) / r.headline)).toBe(
        true
      );
  });

  it("Amazon–OpenAI 2026: $15B firm, the $35B contingent on AGI or an IPO, weighted and discounted", () => {
    const r = row("amazon-openai-2026");
    expect([r.headline, r.firm, r.contingent]).toEqual([50e9, 15e9, 35e9]);
    // Either trigger releases it: p = 1 − (1 − p_ipo)(1 − p_agi), paid after years_to_trigger.
    const p = 1 - (1 - assumption("probability_ipo")) * (1 - assumption("probability_agi"));
    const pv = (35e9 * p) / (1 + assumption("discount_rate")) ** assumption("years_to_trigger");
    expect(closeTo(r.contingent_pv, pv)).toBe(true);
    expect(r.round_trip).toBeNull(); // OpenAI's spend with Amazon has no figure in the source
    expect([r.status, r.qualifier, r.confidence]).toEqual(["reported", "proposed", 0.75]);
  });

  it("bands each contingent PV whatever the dependence of the triggers, the independent value inside", () => {
    for (const r of rows) {
      expect([r.deal, r.contingent_pv_low <= r.contingent_pv]).toEqual([r.deal, true]);
      expect([r.deal, r.contingent_pv <= r.contingent_pv_high]).toEqual([r.deal, true]);
    }
    // "AGI or an IPO": at least the likelier trigger (they nest), at most the two added (they
    // never coincide), each paid after years_to_trigger.
    const r = row("amazon-openai-2026");
    const [ipo, agi] = [assumption("probability_ipo"), assumption("probability_agi")];
    const discount = (1 + assumption("discount_rate")) ** assumption("years_to_trigger");
    expect(closeTo(r.contingent_pv_low, (35e9 * Math.max(ipo, agi)) / discount)).toBe(true);
    expect(closeTo(r.contingent_pv_high, (35e9 * (ipo + agi)) / discount)).toBe(true);
    expect(r.contingent_pv_low).toBeLessThan(r.contingent_pv_high);
    // One trigger named: the band is the point.
    const one = row("amazon-anthropic-2023");
    expect([one.contingent_pv_low, one.contingent_pv_high]).toEqual([
      one.contingent_pv,
      one.contingent_pv,
    ]);
  });

  it("keeps the independent value inside the band for any trigger probabilities", () => {
    const probability = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(probability, probability, probability, (ipo, agi, contingent) => {
        const given: Record<string, number> = {
          probability_ipo: ipo,
          probability_agi: agi,
          probability_contingent: contingent,
        };
        for (const r of league(BUILTIN_LIBRARY, (key) => given[key] ?? assumption(key)))
          expect([
            r.deal,
            r.contingent_pv_low <= r.contingent_pv,
            r.contingent_pv <= r.contingent_pv_high,
          ]).toEqual([r.deal, true, true]);
      }),
      { numRuns: 100 }
    );
  });

  it("caps the high end at certainty when the triggers' probabilities add to more than 1", () => {
    const given: Record<string, number> = {
      probability_ipo: 0.7,
      probability_agi: 0.6,
      years_to_trigger: 2,
      discount_rate: 0.1,
    };
    const r = league(BUILTIN_LIBRARY, (key) => given[key] ?? assumption(key)).find(
      (x) => x.deal === "amazon-openai-2026"
    ) as LeagueRow;
    // low: 0.7 (the likelier); independent: 1 − 0.3 × 0.4 = 0.88; high: min(1, 1.3) = 1
    expect(closeTo(r.contingent_pv_low, (35e9 * 0.7) / 1.21)).toBe(true);
    expect(closeTo(r.contingent_pv, (35e9 * 0.88) / 1.21)).toBe(true);
    expect(closeTo(r.contingent_pv_high, 35e9 / 1.21)).toBe(true);
  });

  it("Amazon–Anthropic 2023: $1.25B firm of up to $4B, and the 2026 figure shown beside it", () => {
    const r = row("amazon-anthropic-2023");
    expect([r.headline, r.firm, r.contingent]).toEqual([4e9, 1.25e9, 2.75e9]);
    const pv =
      (2.75e9 * assumption("probability_contingent")) /
      (1 + assumption("discount_rate")) ** assumption("years_to_trigger");
    expect(closeTo(r.contingent_pv, pv)).toBe(true);
    expect(r.later_figure).toEqual({
      deal: "amazon-anthropic-2026",
      fact: "investment_cumulative",
      value: 13e9,
      date: "2026",
    });
    expect(r.notes[0]).toMatch(/^uses this deal's own figure/);
  });

  it("Amazon–Anthropic 2026: the $5B comes straight back against over $100B of committed spend", () => {
    const r = row("amazon-anthropic-2026");
    expect([r.headline, r.round_trip, r.net_new_capital, r.net_new_share]).toEqual([
      5e9, 5e9, 0, 0,
    ]);
  });

  it("a round with no spend back keeps all its headline as net new capital", () => {
    expect(row("databricks-round-2023")).toMatchObject({
      round_trip: 0,
      net_new_capital: 500e6,
      net_new_share: 1,
    });
  });

  it("dealloop league --json gives the rows with their deal", async () => {
    const out: string[] = [];
    expect(
      await main(["league", "--json"], { out: (t) => out.push(t), err: () => undefined })
    ).toBe(0);
    const json = JSON.parse(out.join("\n")) as LeagueRow[];
    expect(json.map((r) => r.deal)).toEqual(rows.map((r) => r.deal));
    for (const r of json)
      for (const field of [
        "headline",
        "firm",
        "contingent",
        "contingent_pv",
        "contingent_pv_low",
        "contingent_pv_high",
        "round_trip",
        "net_new_capital",
        "status",
        "confidence",
      ])
        expect(r).toHaveProperty(field);
  });
});
