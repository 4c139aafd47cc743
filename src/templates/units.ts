/** The number format that shows a library unit (USD, ratio, GW…) at the value's scale. */
import { FORMATS } from "./plan";

const SCALES = [
  { at: 1e9, commas: ",,,", suffix: "B" },
  { at: 1e6, commas: ",,", suffix: "M" },
  { at: 1, commas: "", suffix: "" },
];

/** The fewest decimals (from `least`, at most 2) that show every value exactly at the scale. */
function decimalsFor(values: readonly number[], scale: number, least: number): number {
  const exact = (decimals: number) =>
    values.every((v) => {
      const shown = (v / scale) * 10 ** decimals;
      return Math.abs(shown - Math.round(shown)) < 1e-6;
    });
  let decimals = least;
  while (decimals < 2 && !exact(decimals)) decimals++;
  return decimals;
}

/**
 * USD as $13.0B / $5.0M / $30.00; another currency by its code: 13.0B EUR. Given the other
 * values of its table, one scale (the largest's) and enough decimals that every value shows
 * exactly, so parts visibly add to their total ($1.25B + $2.75B = $4.00B, not $1.3B + $2.8B).
 */
function currencyFormat(
  code: string,
  value: number,
  per: string,
  table: readonly number[] = [value]
): string {
  const magnitude = Math.max(...[value, ...table].map(Math.abs));
  const found = SCALES.find((s) => magnitude >= s.at) ?? SCALES[SCALES.length - 1];
  const scale = [found.commas, found.suffix];
  const places = decimalsFor([value, ...table], found.at, scale[1] ? 1 : 2);
  const decimals = `0.${"0".repeat(places)}`;
  const suffix = `${scale[1]}${code === "USD" ? "" : ` ${code}`}${per ? ` /${per}` : ""}`;
  return `${code === "USD" ? "$" : ""}#,##${decimals}${scale[0]}${suffix ? `"${suffix}"` : ""}`;
}

/** The format for `value` in `unit`; a currency at the scale and decimals of its whole `table`. */
export function formatForUnit(unit: string, value: number, table?: readonly number[]): string {
  const currency = /^([A-Z]{3})(?:\/(hour|month|quarter|year))?$/.exec(unit);
  if (currency) return currencyFormat(currency[1], value, currency[2] ?? "", table);
  switch (unit) {
    case "ratio":
      return FORMATS.percent;
    case "multiple":
      return FORMATS.multiple;
    case "years":
      return FORMATS.years;
    case "GW":
      return '0.0" GW"';
    case "count":
      return "#,##0";
    case "count/year":
      return '#,##0" /year"';
    default:
      return FORMATS.number;
  }
}
