/**
 * Contagion against a brute force written apart from the engine: it enumerates every path of one
 * or two edges that starts or ends at the shocked party and applies the propagation rule edge by
 * edge, in doubles, over small random webs (fast-check), then folds each party's hits at the two
 * orders into its one row. A hand-worked Nvidia → OpenAI → Oracle chain pins the rule itself.
 */
import fc from "fast-check";
import { contagion, failureShock, partyHits, WebEdge } from "../../src/engine/contagion";
import { DealError } from "../../src/engine/errors";

interface Totals {
  revenue_at_risk: number;
  stake_writedown: number;
  funding_shortfall: number;
  stranded_commitment: number;
}
const FIELDS = [
  "revenue_at_risk",
  "stake_writedown",
  "funding_shortfall",
  "stranded_commitment",
] as const;

/** The hits by path length: `${order}|${party}`, each party possibly at both orders. */
function bruteForce(edges: readonly WebEdge[], x: string, s: number, w: number) {
  const rows = new Map<string, Totals>();
  const row = (party: string, order: number) => {
    const id = `${order}|${party}`;
    if (!rows.has(id))
      rows.set(id, {
        revenue_at_risk: 0,
        stake_writedown: 0,
        funding_shortfall: 0,
        stranded_commitment: 0,
      });
    return rows.get(id)!;
  };
  // paths of one edge
  for (const e of edges) {
    if (e.from === x && e.kind === "commitment") row(e.to, 1).revenue_at_risk += s * e.amount;
    if (e.from === x && e.kind === "equity") row(e.to, 1).funding_shortfall += s * e.amount;
    if (e.to === x && e.kind === "equity") row(e.from, 1).stake_writedown += w * e.amount;
  }
  // paths of two edges X →equity→ P →commitment→ Q, grouped by P
  const middles = [...new Set(edges.filter((e) => e.from === x).map((e) => e.to))];
  for (const p of middles) {
    let funding = 0;
    let committed = 0;
    const legs: WebEdge[] = [];
    for (const e of edges) {
      if (e.from === x && e.to === p && e.kind === "equity") funding += s * e.amount;
      if (e.from === p && e.kind === "commitment") {
        committed += e.amount;
        legs.push(e);
      }
    }
    const stranded = Math.min(funding, committed);
    row(p, 1).stranded_commitment = stranded;
    if (stranded > 0)
      for (const leg of legs)
        if (leg.to !== x) row(leg.to, 2).revenue_at_risk += (stranded * leg.amount) / committed;
  }
  return rows;
}

/** One row a party: the first order that reaches it, each figure summed over the orders. */
function byParty(hits: Map<string, Totals>) {
  const parties = new Map<string, Totals & { order: number; second_order_revenue: number }>();
  for (const [id, totals] of [...hits].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [order, party] = [Number(id.split("|")[0]), id.slice(id.indexOf("|") + 1)];
    const seen = parties.get(party);
    const second = order === 2 ? totals.revenue_at_risk : 0;
    if (!seen) {
      parties.set(party, { ...totals, order, second_order_revenue: second });
      continue;
    }
    for (const field of FIELDS) seen[field] += totals[field];
    seen.second_order_revenue += second;
  }
  return parties;
}

const agrees = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const PARTIES = ["Nvidia", "OpenAI", "Oracle", "Microsoft", "NVIDIA", "Amazon"];
const edge = fc
  .record({
    from: fc.constantFrom(...PARTIES),
    to: fc.constantFrom(...PARTIES),
    amount: fc.oneof(
      fc.integer({ min: 0, max: 1000 }),
      fc.double({ min: 1e-3, max: 1e11, noNaN: true })
    ),
    kind: fc.constantFrom("equity" as const, "commitment" as const),
  })
  .filter((e) => e.from !== e.to);

/** 0, 1, or a share not so small that a double's product underflows where decimals do not. */
const share = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 1e-6, max: 1, noNaN: true }));

describe("contagion across the capital web", () => {
  it("works the Nvidia → OpenAI → Oracle chain by hand", () => {
    const edges: WebEdge[] = [
      { from: "Nvidia", to: "OpenAI", amount: 10, kind: "equity" },
      { from: "OpenAI", to: "Oracle", amount: 30, kind: "commitment" },
      { from: "OpenAI", to: "Microsoft", amount: 10, kind: "commitment" },
      { from: "SoftBank", to: "Nvidia", amount: 4, kind: "equity" },
      { from: "Nvidia", to: "TSMC", amount: 8, kind: "commitment" },
    ];
    // Nvidia pays half: OpenAI is 5 short, which strands 5 of its 40 of commitments, shared
    // 30:10 between Oracle (3.75) and Microsoft (1.25); TSMC loses 4 of revenue; SoftBank's
    // stake of 4 is written down by half.
    expect(contagion(edges, { party: "Nvidia", shortfall: 0.5, writedown: 0.5 })).toEqual([
      {
        party: "OpenAI",
        order: 1,
        revenue_at_risk: 0,
        stake_writedown: 0,
        stranded_commitment: 5,
      },
      {
        party: "SoftBank",
        order: 1,
        revenue_at_risk: 0,
        stake_writedown: 2,
        stranded_commitment: 0,
      },
      { party: "TSMC", order: 1, revenue_at_risk: 4, stake_writedown: 0, stranded_commitment: 0 },
      {
        party: "Microsoft",
        order: 2,
        revenue_at_risk: 1.25,
        stake_writedown: 0,
        stranded_commitment: 0,
      },
      {
        party: "Oracle",
        order: 2,
        revenue_at_risk: 3.75,
        stake_writedown: 0,
        stranded_commitment: 0,
      },
    ]);
  });

  it("gives a party reached at both orders one row: order 1, revenue summed over the two", () => {
    // Nvidia sells $8 of chips to Oracle itself and funds OpenAI's $40 of spend, $30 of it with
    // Oracle. Half of Nvidia's money missing: Oracle loses 4 directly and 3.75 through OpenAI.
    const edges: WebEdge[] = [
      { from: "Nvidia", to: "OpenAI", amount: 10, kind: "equity" },
      { from: "OpenAI", to: "Oracle", amount: 30, kind: "commitment" },
      { from: "OpenAI", to: "Microsoft", amount: 10, kind: "commitment" },
      { from: "Nvidia", to: "Oracle", amount: 8, kind: "commitment" },
    ];
    const shock = { party: "Nvidia", shortfall: 0.5, writedown: 0.5 };
    const oracle = partyHits(edges, shock).filter((r) => r.party === "Oracle");
    expect(oracle).toEqual([
      {
        party: "Oracle",
        order: 1,
        revenue_at_risk: 7.75,
        stake_writedown: 0,
        stranded_commitment: 0,
        revenue_first_order: 4,
        revenue_second_order: 3.75,
        funding_shortfall: 0,
      },
    ]);
    expect(Object.keys(contagion(edges, shock)[0]).sort()).toEqual(
      ["order", "party", "revenue_at_risk", "stake_writedown", "stranded_commitment"].sort()
    );
  });

  it("gives the brute force's table on random webs", () => {
    fc.assert(
      fc.property(
        fc.array(edge, { maxLength: 14 }),
        fc.constantFrom(...PARTIES),
        share,
        share,
        (edges, x, s, w) => {
          fc.pre(edges.some((e) => e.from === x || e.to === x));
          const shock = { party: x, shortfall: s, writedown: w };
          const rows = partyHits(edges, shock);
          const expected = byParty(bruteForce(edges, x, s, w));
          expect(rows.map((r) => r.party).sort()).toEqual([...expected.keys()].sort());
          expect(contagion(edges, shock).map((r) => [r.party, r.order])).toEqual(
            rows.map((r) => [r.party, r.order])
          );
          for (const r of rows) {
            const want = expected.get(r.party)!;
            expect([r.party, r.order]).toEqual([r.party, want.order]);
            const pairs: [string, number, number][] = [
              ...FIELDS.map((f): [string, number, number] => [f, r[f], want[f]]),
              ["revenue_second_order", r.revenue_second_order, want.second_order_revenue],
              [
                "revenue_first_order",
                r.revenue_first_order,
                want.revenue_at_risk - want.second_order_revenue,
              ],
            ];
            for (const [field, got, wanted] of pairs)
              expect([r.party, field, agrees(got, wanted)]).toEqual([r.party, field, true]);
          }
        }
      ),
      { numRuns: 400 }
    );
  });

  it("matches party names exactly: NVIDIA is not Nvidia", () => {
    const edges: WebEdge[] = [
      { from: "Nvidia", to: "OpenAI", amount: 10, kind: "equity" },
      { from: "NVIDIA", to: "Oracle", amount: 10, kind: "commitment" },
    ];
    expect(
      contagion(edges, { party: "Nvidia", shortfall: 1, writedown: 1 }).map((r) => r.party)
    ).toEqual(["OpenAI"]);
  });

  it("turns a failure in year k of n into the share of years not paid, and the whole stake lost", () => {
    expect(failureShock("A", 1, 10)).toEqual({ party: "A", shortfall: 1, writedown: 1 });
    expect(failureShock("A", 4, 10)).toEqual({ party: "A", shortfall: 0.7, writedown: 1 });
    expect(failureShock("A", 11, 10)).toEqual({ party: "A", shortfall: 0, writedown: 1 });
    expect(() => failureShock("A", 0, 10)).toThrow(DealError);
    expect(() => failureShock("A", 2.5, 10)).toThrow("whole number");
  });

  it("refuses a shortfall outside 0 to 1 and a party with no flow", () => {
    const edges: WebEdge[] = [{ from: "A", to: "B", amount: 1, kind: "equity" }];
    expect(() => contagion(edges, { party: "A", shortfall: 1.5, writedown: 0 })).toThrow(
      "between 0 and 1"
    );
    expect(() => contagion(edges, { party: "C", shortfall: 0.5, writedown: 0.5 })).toThrow(
      "no capital flow"
    );
  });
});
