/**
 * Names for what a writer adds to a workbook that already has content: sheet names Excel
 * accepts and that collide with nothing ("Vendor loop", then "Vendor loop (2)"…), defined names
 * likewise ("Loop_Spend", "Loop_Spend_2"…), and the reverse: reading `'Sheet'!$B$4` back.
 * Excel compares both kinds of name case-insensitively.
 */
import { cellAddress, isValidDefinedName, parseCellAddress } from "../templates/a1";

const MAX_SHEET_NAME = 31;
const FORBIDDEN = /[:\\/?*[\]]/g;
/** Excel keeps this name for its change history; no sheet may take it. */
const RESERVED = ["history"];

/** The name made legal: forbidden characters become "_", no quote at either end, at most 31 characters. */
export function legalSheetName(name: string): string {
  const trimQuotes = (text: string) => text.replace(/^'+|'+$/g, "");
  const clean = trimQuotes(name.replace(FORBIDDEN, "_"));
  return trimQuotes(clean.slice(0, MAX_SHEET_NAME)) || "Sheet";
}

/** A set of names compared as Excel compares them. */
export class NameSet {
  private readonly lower = new Set<string>();

  constructor(names: Iterable<string> = []) {
    for (const name of names) this.add(name);
  }

  has(name: string): boolean {
    return this.lower.has(name.toLowerCase());
  }

  add(name: string): void {
    this.lower.add(name.toLowerCase());
  }
}

/** The first free name of "base", "base (2)", "base (3)"…, shortened so each fits in 31 characters. */
export function uniqueSheetName(wanted: string, taken: NameSet): string {
  const base = legalSheetName(wanted);
  const free = (name: string) => !taken.has(name) && !RESERVED.includes(name.toLowerCase());
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = legalSheetName(base.slice(0, MAX_SHEET_NAME - suffix.length)) + suffix;
    if (free(name)) return name;
  }
}

/** The first free defined name of "name", "name_2", "name_3"… */
export function uniqueDefinedName(wanted: string, taken: NameSet): string {
  if (!isValidDefinedName(wanted)) throw new Error(`"${wanted}" is not a valid defined name`);
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const name = `${wanted}_${n}`;
    if (!taken.has(name) && isValidDefinedName(name)) return name;
  }
}

/** Where a one-cell reference formula points: "='Vendor loop'!$B$4" → Vendor loop, B4. */
export function parseSheetReference(
  formula: string
): { sheet: string; address: string } | undefined {
  // An unquoted sheet name has no space, quote or operator (#REF! is not a sheet).
  const match =
    /^=?(?:'((?:[^']|'')+)'|([^'!=#\s"(),:;+\-*/&<>^]+))!(\$?[A-Za-z]{1,3}\$?\d+)$/.exec(
      formula.trim()
    );
  if (!match) return undefined;
  const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
  const { row, column } = parseCellAddress(match[3]);
  return { sheet, address: cellAddress(row, column) };
}
