/**
 * Formula text as each host wants it. Plans hold formulas as a user types them, without "=".
 * In the .xlsx file format, functions added after Excel 2007 carry the `_xlfn.` prefix (what Excel
 * itself writes); without it Excel and LibreOffice show #NAME?. Office.js takes "=" + the text.
 */

/** Functions newer than Excel 2007 that the file format prefixes; the templates use the first few. */
const NEWER_FUNCTIONS = [
  "NORM.S.DIST",
  "NORM.DIST",
  "NORM.S.INV",
  "NORM.INV",
  "IFNA",
  "STDEV.S",
  "STDEV.P",
  "PERCENTILE.INC",
  "PERCENTILE.EXC",
  "CONCAT",
  "TEXTJOIN",
  "IFS",
  "MAXIFS",
  "MINIFS",
  "SWITCH",
];

const NEWER = new Set(NEWER_FUNCTIONS);

/** Adds `_xlfn.` before each newer function call, outside string literals and quoted sheet names. */
export function toFileFormula(formula: string): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A quoted run ends at the next lone quote; a doubled quote stays inside.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch))
        j += formula[j] === ch ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(formula.slice(i));
    if (word) {
      const name = word[0];
      const before = out.slice(-1);
      const isCall = formula[i + name.length] === "(" && !/[A-Za-z0-9_.]/.test(before);
      out += isCall && NEWER.has(name.toUpperCase()) ? `_xlfn.${name}` : name;
      i += name.length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** The text Office.js `range.formulas` takes. */
export const toOfficeFormula = (formula: string): string => `=${formula}`;
