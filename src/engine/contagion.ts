/**
 * Contagion across a capital web: if one party misses part of what it owes, who else is hit, and
 * how. The rule (docs/methodology.md states it in words):
 *
 * First order, for every other party P:
 * - revenue at risk: the shortfall s times the spend X committed to P;
 * - stake write-down: the write-down share w times the equity P holds in X;
 * - funding shortfall: s times the equity X was to put into P;
 * - stranded commitment: the part of P's own spend commitments that X's missing money was paying
 *   for, min(funding shortfall, P's commitments), as VENDOR_FINANCE_LOOP's round trip takes the
 *   first dollars spent to be the investor's own.
 * Second order, for every party Q: revenue at risk from each first-order party P's stranded
 * commitment, shared over P's commitments in proportion to their amounts. It stops there.
 * Revenue a party loses is not propagated as lost funding: a vendor absorbs it in its own results.
 */
import { invalidValue, notAvailable } from "./errors";
import { Dec, decMin, toDouble, ZERO } from "./numeric";

export const EDGE_KINDS = ["equity", "commitment"] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface WebEdge {
  /** Equity: the investor; commitment: the party that must spend. */
  from: string;
  /** Equity: the company invested in; commitment: the vendor paid. */
  to: string;
  /** >= 0 */
  amount: number;
  kind: EdgeKind;
}

export interface Shock {
  party: string;
  /** Share of its committed money (spend and investment) the party does not pay, 0 to 1. */
  shortfall: number;
  /** Share of the equity held in the party written off, 0 to 1 (the shortfall, or 1 on failure). */
  writedown: number;
}

export interface ContagionRow {
  party: string;
  order: 1 | 2;
  revenue_at_risk: number;
  stake_writedown: number;
  /** Order 1: the investment the party does not receive. */
  funding_shortfall: number;
  stranded_commitment: number;
}

/** A failure in year k of a horizon of n even years: years k to n are not paid, the equity is lost. */
export function failureShock(party: string, failYear: number, years: number): Shock {
  if (!Number.isInteger(failYear) || failYear < 1)
    throw invalidValue(`the failure year must be a whole number from 1 (got ${failYear})`);
  if (!(years > 0)) throw invalidValue(`the horizon must be greater than 0 years (got ${years})`);
  const missed = Math.max(0, Math.min(1, new Dec(years - failYear + 1).div(years).toNumber()));
  return { party, shortfall: missed, writedown: 1 };
}

const share = (value: number, what: string) => {
  if (!(value >= 0 && value <= 1))
    throw invalidValue(`${what} must be between 0 and 1 (got ${value})`);
  return new Dec(value);
};

/**
 * The table of affected parties, first order then second, by name within each (a party hit at
 * both orders has a row for each). Names match exactly; the shocked party has no row.
 */
export function contagion(edges: readonly WebEdge[], shock: Shock): ContagionRow[] {
  const s = share(shock.shortfall, "shortfall");
  const w = share(shock.writedown, "writedown");
  const x = shock.party;
  if (!edges.some((e) => e.from === x || e.to === x))
    throw notAvailable(`${x} has no capital flow with a figure in the web`);

  const commitmentsOut = new Map<string, Dec>();
  const byFrom = new Map<string, WebEdge[]>();
  for (const edge of edges) {
    if (!(edge.amount >= 0))
      throw invalidValue(`${edge.from} → ${edge.to}: amount must be at least 0`);
    if (edge.from === edge.to)
      throw invalidValue(`${edge.from} → ${edge.to}: a flow needs two parties`);
    if (edge.kind !== "commitment") continue;
    commitmentsOut.set(edge.from, (commitmentsOut.get(edge.from) ?? ZERO).plus(edge.amount));
    const list = byFrom.get(edge.from);
    if (list) list.push(edge);
    else byFrom.set(edge.from, [edge]);
  }

  const first = new Map<string, { revenue: Dec; stake: Dec; funding: Dec }>();
  const at = (party: string) => {
    let row = first.get(party);
    if (!row) first.set(party, (row = { revenue: ZERO, stake: ZERO, funding: ZERO }));
    return row;
  };
  for (const edge of edges) {
    if (edge.from === x && edge.to !== x) {
      const row = at(edge.to);
      if (edge.kind === "commitment") row.revenue = row.revenue.plus(s.times(edge.amount));
      else row.funding = row.funding.plus(s.times(edge.amount));
    } else if (edge.to === x && edge.from !== x && edge.kind === "equity") {
      const row = at(edge.from);
      row.stake = row.stake.plus(w.times(edge.amount));
    }
  }

  const second = new Map<string, Dec>();
  const rows: ContagionRow[] = [];
  for (const [party, { revenue, stake, funding }] of first) {
    const committed = commitmentsOut.get(party) ?? ZERO;
    const stranded = decMin(funding, committed);
    if (stranded.greaterThan(0)) {
      for (const edge of byFrom.get(party) ?? []) {
        if (edge.to === x) continue;
        const hit = stranded.times(edge.amount).div(committed);
        second.set(edge.to, (second.get(edge.to) ?? ZERO).plus(hit));
      }
    }
    rows.push({
      party,
      order: 1,
      revenue_at_risk: toDouble(revenue, "revenue_at_risk"),
      stake_writedown: toDouble(stake, "stake_writedown"),
      funding_shortfall: toDouble(funding, "funding_shortfall"),
      stranded_commitment: toDouble(stranded, "stranded_commitment"),
    });
  }
  for (const [party, revenue] of second)
    rows.push({
      party,
      order: 2,
      revenue_at_risk: toDouble(revenue, "revenue_at_risk"),
      stake_writedown: 0,
      funding_shortfall: 0,
      stranded_commitment: 0,
    });
  return rows.sort(
    (a, b) => a.order - b.order || (a.party < b.party ? -1 : a.party > b.party ? 1 : 0)
  );
}
