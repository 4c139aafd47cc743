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
 * Each affected party has one row: its order is the first at which it is reached, its revenue at
 * risk the sum over both orders.
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

/** One affected party: where it is first reached, and what the shortfall costs it over both orders. */
export interface ContagionRow {
  party: string;
  /** 1: a flow with the stressed party; 2: reached only through a first-order party's stranded spend. */
  order: 1 | 2;
  /** First order (the stressed party's spend with it) plus second order (stranded spend with it). */
  revenue_at_risk: number;
  stake_writedown: number;
  stranded_commitment: number;
}

/** A row with the split the contagion sheet and the CLI's table show beside the totals. */
export interface PartyHit extends ContagionRow {
  revenue_first_order: number;
  revenue_second_order: number;
  /** The investment the stressed party does not put into this party (first order). */
  funding_shortfall: number;
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
 * Every affected party once, those reached at the first order first, by name within each order.
 * Names match exactly; the stressed party has no row.
 */
export function partyHits(edges: readonly WebEdge[], shock: Shock): PartyHit[] {
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

  const stranded = new Map<string, Dec>();
  const second = new Map<string, Dec>();
  for (const [party, { funding }] of first) {
    const committed = commitmentsOut.get(party) ?? ZERO;
    const lost = decMin(funding, committed);
    stranded.set(party, lost);
    if (!lost.greaterThan(0)) continue;
    for (const edge of byFrom.get(party) ?? []) {
      if (edge.to === x) continue;
      const hit = lost.times(edge.amount).div(committed);
      second.set(edge.to, (second.get(edge.to) ?? ZERO).plus(hit));
    }
  }

  const hit = (party: string, order: 1 | 2): PartyHit => {
    const own = first.get(party) ?? { revenue: ZERO, stake: ZERO, funding: ZERO };
    const passedOn = second.get(party) ?? ZERO;
    return {
      party,
      order,
      revenue_at_risk: toDouble(own.revenue.plus(passedOn), "revenue_at_risk"),
      stake_writedown: toDouble(own.stake, "stake_writedown"),
      stranded_commitment: toDouble(stranded.get(party) ?? ZERO, "stranded_commitment"),
      revenue_first_order: toDouble(own.revenue, "revenue_first_order"),
      revenue_second_order: toDouble(passedOn, "revenue_second_order"),
      funding_shortfall: toDouble(own.funding, "funding_shortfall"),
    };
  };
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [
    ...[...first.keys()].sort(byName).map((party) => hit(party, 1)),
    ...[...second.keys()]
      .filter((party) => !first.has(party))
      .sort(byName)
      .map((party) => hit(party, 2)),
  ];
}

/** A party's row as `dealloop stress --json` prints it: the fields of the issue, no split. */
export const contagionRow = ({
  party,
  order,
  revenue_at_risk,
  stake_writedown,
  stranded_commitment,
}: PartyHit): ContagionRow => ({
  party,
  order,
  revenue_at_risk,
  stake_writedown,
  stranded_commitment,
});

/** One row per affected party (partyHits without the split). */
export function contagion(edges: readonly WebEdge[], shock: Shock): ContagionRow[] {
  return partyHits(edges, shock).map(contagionRow);
}
