/**
 * Reading one cell's value as Excel passes it (a number, text, a boolean, a blank) as a number.
 * Shared by the custom-function adapter (scalar arguments) and the parsers of table arguments.
 */
import { invalidValue } from "./errors";
import { Dec, decFromDouble, ZERO } from "./numeric";

/**
 * Numbers typed as text: "1e9", "-2.5", "35%", "1,000". Each character can be read only one way
 * (digits after a point belong to the fraction), so matching takes linear time on any cell.
 */
const NUMERIC_TEXT = /^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?%?$/i;

/** A plain decimal number: "12", "-2.5", "1e9"; not "0x10", "0b101", "Infinity" or "1,000". */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** The number a plain decimal text states, or undefined (surrounding spaces are ignored). */
export function plainNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return PLAIN_NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

/** A cell's value as a message shows it: text quoted, anything else as JavaScript prints it. */
export const describeCell = (raw: unknown): string =>
  typeof raw === "string" ? `"${raw}"` : String(raw);

/** The number a cell holds, or undefined when it holds something else. */
export function parseNumberCell(raw: unknown): Dec | undefined {
  // Dec is immutable: the many zeros of a schedule share one instead of each parsing its own
  if (raw === 0) return ZERO;
  if (typeof raw === "number") return Number.isFinite(raw) ? decFromDouble(raw) : undefined;
  if (typeof raw !== "string") return undefined;
  const text = raw.trim();
  if (!NUMERIC_TEXT.test(text)) return undefined;
  const plain = text.replace(/,/g, "");
  const value = plain.endsWith("%") ? new Dec(plain.slice(0, -1)).div(100) : new Dec(plain);
  return value.isFinite() && Number.isFinite(value.toNumber()) ? value : undefined;
}

/** The number a cell holds; anything else is #VALUE! naming `label`. */
export function numberFromCell(raw: unknown, label: string): Dec {
  const value = parseNumberCell(raw);
  if (value !== undefined) return value;
  if (typeof raw === "number") throw invalidValue(`${label} must be a finite number`);
  if (typeof raw === "string")
    throw invalidValue(`${label} must be a number (got ${describeCell(raw)})`);
  if (typeof raw === "boolean")
    throw invalidValue(`${label} must be a number, not ${raw ? "TRUE" : "FALSE"}`);
  throw invalidValue(`${label} must be a number`);
}
