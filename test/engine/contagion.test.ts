/**
 * Contagion against a brute force written apart from the engine: it enumerates every path of one
 * or two edges that starts or ends at the shocked party and applies the propagation rule edge by
 * edge, in doubles, over small random webs (fast-check). A hand-worked Nvidia → OpenAI → Oracle
 * chain pins the rule itself.
 */
import fc from "fast-check";
import { contagion, ContagionRow, failureShock, WebEdge } from "../../src/engine/contagion";
import { DealError } from "../../src/engine/errors";

type Totals = Omit<ContagionRow, "party" | "order">;
const FIELDS = [
  "revenue_at_risk",
  "stake_writedown",
  "funding_shortfall",
  "stranded_commitment",
] as const;

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
        funding_shortfall: 5,
        stranded_commitment: 5,
      },
      {
        party: "SoftBank",
        order: 1,
        revenue_at_risk: 0,
        stake_writedown: 2,
        funding_shortfall: 0,
        stranded_commitment: 0,
      },
      {
        party: "TSMC",
        order: 1,
        revenue_at_risk: 4,
        stake_writedown: 0,
        funding_shortfall: 0,
        stranded_commitment: 0,
      },
      {
        party: "Microsoft",
        order: 2,
        revenue_at_risk: 1.25,
        stake_writedown: 0,
        funding_shortfall: 0,
        stranded_commitment: 0,
      },
      {
        party: "Oracle",
        order: 2,
        revenue_at_risk: 3.75,
        stake_writedown: 0,
        funding_shortfall: 0,
        stranded_commitment: 0,
      },
    ]);
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
          const rows = contagion(edges, { party: x, shortfall: s, writedown: w });
          const expected = bruteForce(edges, x, s, w);
          expect(rows.map((r) => `${r.order}|${r.party}`).sort()).toEqual(
            [...expected.keys()].sort()
          );
          for (const r of rows) {
            const want = expected.get(`${r.order}|${r.party}`)!;
            for (const field of FIELDS)
              expect([r.party, field, agrees(r[field], want[field])]).toEqual([
                r.party,
                field,
                true,
              ]);
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
