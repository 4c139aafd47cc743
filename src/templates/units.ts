/** The number format that shows a library unit (USD, ratio, GW…) at the value's scale. */
import { FORMATS } from "./plan";

/** USD as $13.0B / $5.0M / $30.00; another currency by its code: 13.0B EUR. */
function currencyFormat(code: string, value: number, per: string): string {
  const magnitude = Math.abs(value);
  const scale = magnitude >= 1e9 ? [",,,", "B"] : magnitude >= 1e6 ? [",,", "M"] : ["", ""];
  const decimals = scale[1] ? "0.0" : "0.00";
  const suffix = `${scale[1]}${code === "USD" ? "" : ` ${code}`}${per ? ` /${per}` : ""}`;
  return `${code === "USD" ? "$" : ""}#,##${decimals}${scale[0]}${suffix ? `"${suffix}"` : ""}`;
}

export function formatForUnit(unit: string, value: number): string {
  const currency = /^([A-Z]{3})(?:\/(hour|month|quarter|year))?$/.exec(unit);
  if (currency) return currencyFormat(currency[1], value, currency[2] ?? "");
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
