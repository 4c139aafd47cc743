/**
 * How the deal page shows a fact: its value in its unit (billions of dollars, percentages,
 * multiples), a range as both ends, and the source's own hedge ("up to") in front.
 */
import { FactValue, isRange, LibraryFact } from "../data/schema";
import { formatValue, general } from "./numberFormat";

const CURRENCY = /^([A-Z]{3})(?:\/(hour|month|year))?$/;

/** A currency amount in the unit a reader expects at its size: $4.0B, $250.0M, $2.50/hour. */
function currencyText(value: number, code: string, per: string | undefined): string {
  const symbol = code === "USD" ? "$" : `"${code} "`;
  const suffix = per ? `"/${per}"` : "";
  const magnitude = Math.abs(value);
  const scaled = magnitude >= 1e9 ? ',,,"B"' : magnitude >= 1e6 ? ',,"M"' : "";
  const decimals = scaled ? "0.0##" : "0.00";
  return formatValue(value, `${symbol}#,##${decimals}${scaled}${suffix}`);
}

/** Other units: the number as Excel's General shows it, with the unit after it. */
const SUFFIXES: Record<string, string> = {
  GW: " GW",
  years: " years",
  multiple: "x",
  count: "",
  "count/year": "/year",
};

function show(value: number, unit: string): string {
  const currency = CURRENCY.exec(unit);
  if (currency) return currencyText(value, currency[1], currency[2]);
  if (unit === "ratio") return `${general(value * 100)}%`;
  return `${general(value)}${SUFFIXES[unit] ?? ` ${unit}`}`;
}

export function formatFactValue(value: FactValue, unit: string): string {
  if (typeof value === "string") return value;
  if (isRange(value)) return `${show(value.low, unit)} – ${show(value.high, unit)}`;
  return show(value, unit);
}

/** The value as the source hedges it: "up to $4.0B". */
export const factDisplay = (fact: LibraryFact): string =>
  [fact.qualifier, formatFactValue(fact.value, fact.unit)].filter(Boolean).join(" ");

/** "tranche_initial" → "Tranche initial". */
export const keyLabel = (key: string): string => {
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};
