/**
 * CIRCULARITY: how much of a web of deals is money going round in circles.
 * Choices where the spec is silent:
 * - party names are trimmed and case-sensitive; lists sort them case-insensitively, then exactly;
 * - each cycle is written from its first party in that order ("A → B → C → A"), largest amount
 *   first, ties in text order; with no circular flows `cycles` is #N/A "no circular flows"
 *   (a spill cannot be empty), and with no rows at all `net_positions` is #N/A too, while the
 *   volumes are 0;
 * - `by_flow` is one cell per row of the range (header and blank rows empty), so it spills beside
 *   a sheet's list of flows, each part on its flow's row; the parts are circulationByRow's.
 */
import { numberFromCell, parseNumberCell } from "./cells";
import { decomposeCycles, maxCirculation } from "./circulation";
import { Args, DealFunction, Table } from "./definition";
import { invalidValue, notAvailable } from "./errors";
import { Dec, toDouble } from "./numeric";
import { describeRule, needsThat } from "./validate";

export interface Flow {
  from: string;
  to: string;
  /** >= 0, at a double's precision, as a cell holds it. */
  amount: number;
}

const AMOUNT_RULE = { min: 0 };

const isBlank = (cell: unknown): boolean =>
  cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");

/** Party names are trimmed and compared exactly: "Nvidia" and "NVIDIA" are two parties. */
function partyName(cell: unknown, label: string): string {
  if (isBlank(cell)) throw invalidValue(`${label} is empty`);
  if (typeof cell === "number" && Number.isFinite(cell)) return String(cell);
  if (typeof cell !== "string") throw invalidValue(`${label} must be a party name (text)`);
  return cell.trim();
}

function amountOf(cell: unknown, label: string): number {
  const value =
    typeof cell === "number" && Number.isFinite(cell)
      ? cell
      : numberFromCell(cell, label).toNumber();
  if (value < 0) throw invalidValue(`${label} ${describeRule(AMOUNT_RULE)} (got ${value})`);
  return value;
}

/** The flows of a `flows` range and where each sits in it. */
export interface FlowRows {
  flows: Flow[];
  /** The range row (0-based, header included) each flow came from. */
  rowOf: number[];
  /** How many rows the range has. */
  rowCount: number;
}

/**
 * The rows of a `flows` range: columns from, to, amount (more are ignored). The first non-blank
 * row is a header when its amount is not a number and has no digit; blank rows are skipped; rows are numbered as
 * in the range, header included.
 */
export function parseFlowRows(table: readonly unknown[]): FlowRows {
  const rows = table.map((row) => (Array.isArray(row) ? (row as unknown[]) : [row]));
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  if (width < 3) {
    throw invalidValue(
      `flows needs at least 3 columns (from, to, amount), not a ${rows.length}×${width} range`
    );
  }
  const flows: Flow[] = [];
  const rowOf: number[] = [];
  let seenRow = false;
  rows.forEach(([from, to, amount], i) => {
    if (isBlank(from) && isBlank(to) && isBlank(amount)) return;
    // "Amount" is a header; "$100" is a mistyped amount, reported as one, never skipped.
    const isHeader =
      !seenRow &&
      parseNumberCell(amount) === undefined &&
      !(typeof amount === "string" && /\d/.test(amount));
    seenRow = true;
    if (isHeader) return;
    const label = `flows row ${i + 1}`;
    flows.push({
      from: partyName(from, `${label}: from`),
      to: partyName(to, `${label}: to`),
      amount: amountOf(amount, `${label}: amount`),
    });
    rowOf.push(i);
  });
  return { flows, rowOf, rowCount: rows.length };
}

export const parseFlows = (table: readonly unknown[]): Flow[] => parseFlowRows(table).flows;

/** Case-insensitive, then exact, so the order never depends on the machine's locale. */
function byName(a: string, b: string): number {
  const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A double's shortest decimal form (what a cell displays) as digits × 10^exponent. */
function decimalParts(x: number): { digits: bigint; exponent: number } {
  const [mantissa, power = "0"] = String(x).split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  return {
    digits: BigInt(whole + fraction),
    exponent: Number(power) - fraction.length,
  };
}

/**
 * The amounts as exact integers in units of 10^exponent, exponent being the lowest decimal place
 * any amount uses, so 0.1 + 0.2 is exactly 0.3. This is decimal arithmetic without rounding: the
 * graph algorithm adds and subtracts bigints, which never lose a digit however far apart the
 * amounts' magnitudes are (a 34-digit decimal would), and is faster than decimal objects.
 */
function fixedPoint(amounts: readonly number[]) {
  const parts = amounts.map(decimalParts);
  const exponent = parts.reduce((low, p) => Math.min(low, p.exponent), 0);
  return {
    units: parts.map((p) => p.digits * 10n ** BigInt(p.exponent - exponent)),
    toDec: (units: bigint) => new Dec(`${units}e${exponent}`),
  };
}

export function circularity(flows: readonly Flow[]) {
  const parties = [...new Set(flows.flatMap((f) => [f.from, f.to]))].sort(byName);
  const index = new Map(parties.map((name, i) => [name, i]));

  const { units, toDec } = fixedPoint(flows.map((f) => f.amount));

  // Rows with the same from and to add up; arcs in (from, to) order make the cycles deterministic.
  const merged = new Map<number, bigint>();
  flows.forEach(({ from, to }, row) => {
    const key = (index.get(from) as number) * parties.length + (index.get(to) as number);
    merged.set(key, (merged.get(key) ?? 0n) + units[row]);
  });
  const arcs = [...merged.keys()]
    .sort((a, b) => a - b)
    .map((key) => ({
      from: Math.floor(key / parties.length),
      to: key % parties.length,
      capacity: merged.get(key) as bigint,
    }));
  const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);
  const gross = sum(arcs.map((arc) => arc.capacity));

  let circulation: bigint[] | undefined;
  const solve = () => (circulation ??= maxCirculation(parties.length, arcs));
  const circular = () => sum(solve());

  const cycles = (): Table => {
    const found = decomposeCycles(parties.length, arcs, solve());
    if (found.length === 0) throw notAvailable("cycles: no circular flows");
    return found
      .map(({ nodes, amount }) => ({
        text: [...nodes, nodes[0]].map((v) => parties[v]).join(" → "),
        amount,
      }))
      .sort((a, b) =>
        a.amount !== b.amount ? (a.amount > b.amount ? -1 : 1) : a.text < b.text ? -1 : 1
      )
      .map(({ text, amount }) => [text, toDouble(toDec(amount), "cycle amount")]);
  };

  const netPositions = (): Table => {
    if (parties.length === 0) throw notAvailable("net_positions: flows has no rows");
    const net: bigint[] = new Array(parties.length).fill(0n);
    for (const { from, to, capacity } of arcs) {
      net[from] -= capacity;
      net[to] += capacity;
    }
    return parties.map((name, v) => [name, toDouble(toDec(net[v]), `net position of ${name}`)]);
  };

  return {
    circular_volume: () => toDouble(toDec(circular()), "circular_volume"),
    gross_volume: () => toDouble(toDec(gross), "gross_volume"),
    circular_share: () => {
      needsThat(gross > 0n, "circular_share", "flows whose total is above 0");
      return toDouble(new Dec(circular().toString()).div(gross.toString()), "circular_share");
    },
    cycles,
    net_positions: netPositions,
  };
}

/**
 * Each row's part of the maximum circulation, rows kept apart (not added up by pair), for a sheet
 * that lists the flows one per row: the parts sum to circular_volume.
 */
export function circulationByRow(flows: readonly Flow[]): number[] {
  const parties = [...new Set(flows.flatMap((f) => [f.from, f.to]))];
  const index = new Map(parties.map((name, i) => [name, i]));
  const { units, toDec } = fixedPoint(flows.map((f) => f.amount));
  const arcs = flows.map(({ from, to }, row) => ({
    from: index.get(from) as number,
    to: index.get(to) as number,
    capacity: units[row],
  }));
  return maxCirculation(parties.length, arcs).map((c) => toDouble(toDec(c), "circulation"));
}

/**
 * The `by_flow` spill: one cell per row of the range, in its order, so it lines up beside the
 * flows it reads; a header or blank row gets an empty cell.
 */
function partsByRow({ flows, rowOf, rowCount }: FlowRows): Table {
  const parts = circulationByRow(flows);
  const column: Table = Array.from({ length: rowCount }, () => [""]);
  rowOf.forEach((row, i) => (column[row] = [parts[i]]));
  return column;
}

export const CIRCULARITY: DealFunction = {
  name: "CIRCULARITY",
  params: [{ name: "flows", kind: "table" }],
  fields: [
    "circular_volume",
    "gross_volume",
    "circular_share",
    "cycles",
    "net_positions",
    "by_flow",
  ],
  fieldHelp: {
    by_flow:
      "One cell per row of flows, in its order: that row's part of the circulation (rows with the same pair kept apart); a header or blank row gives an empty cell.",
  },
  headline: "circular_volume",
  evaluate: (args: Args) => {
    const rows = parseFlowRows(args.flows as unknown[][]);
    return { ...circularity(rows.flows), by_flow: () => partsByRow(rows) };
  },
};
