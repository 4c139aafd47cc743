/**
 * A small lexer for Excel formula text: string literals, quoted sheet names, words (names,
 * function names, references) and single characters. Enough to find function calls and rename
 * sheets and defined names without ever touching text inside quotes, which a regular expression
 * over the whole formula cannot promise.
 *
 * (formulaText.ts walks formulas the same way for `_xlfn.`; this module exposes the tokens so the
 * Office.js writer and the share step can use them too.)
 */
import { sheetPrefix } from "../templates/a1";

export type Token =
  /** "…" with doubled quotes inside, verbatim. */
  | { kind: "string"; text: string }
  /** '…' (a quoted sheet name), verbatim with its quotes. */
  | { kind: "quoted"; text: string }
  /** A maximal run of name characters: SUM, DEAL.VALUATION_STEP, B4, Loop_Spend, _xlfn.NORM.S.DIST. */
  | { kind: "word"; text: string }
  | { kind: "other"; text: string };

const WORD = /^[A-Za-z_\\][A-Za-z0-9_.\\]*/;

export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A quoted run ends at the next lone quote; a doubled quote stays inside.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch))
        j += formula[j] === ch ? 2 : 1;
      tokens.push({ kind: ch === '"' ? "string" : "quoted", text: formula.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    // A word starts only where a name can: not inside a number such as 1E5 or 2.5.
    const previous = formula[i - 1];
    const word =
      previous !== undefined && /[0-9.]/.test(previous) ? null : WORD.exec(formula.slice(i));
    if (word) {
      tokens.push({ kind: "word", text: word[0] });
      i += word[0].length;
      continue;
    }
    tokens.push({ kind: "other", text: ch });
    i += 1;
  }
  return tokens;
}

const isOther = (token: Token | undefined, text: string): boolean =>
  token?.kind === "other" && token.text === text;

/**
 * A DEAL custom function as a formula shows it: DEAL.NAME( in Excel, or _xldudf_DEAL_NAME( as
 * the file format stores an add-in function Excel could not resolve when it saved.
 */
const DEAL_CALL = /^(DEAL\.|_xldudf_DEAL_)[A-Za-z0-9_.]+$/i;

/** Whether the formula calls a DEAL.* function anywhere outside string literals. */
export function callsDeal(formula: string): boolean {
  const tokens = tokenize(formula);
  return tokens.some(
    (token, i) => token.kind === "word" && DEAL_CALL.test(token.text) && isOther(tokens[i + 1], "(")
  );
}

/** Lower-cased old name → new name. */
export type Renames = ReadonlyMap<string, string>;

const unquote = (quoted: string): string => quoted.slice(1, -1).replace(/''/g, "'");

/**
 * The formula with sheet references and defined names renamed: `'Vendor loop'!B4` →
 * `'Vendor loop (2)'!B4`, `Loop_Spend` → `Loop_Spend_2`. Function names, cell references, and
 * anything inside quotes stay as they are.
 */
export function renameReferences(formula: string, sheets: Renames, names: Renames): string {
  if (sheets.size === 0 && names.size === 0) return formula;
  const tokens = tokenize(formula);
  let out = "";
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if ((token.kind === "quoted" || token.kind === "word") && isOther(next, "!")) {
      const sheet = token.kind === "quoted" ? unquote(token.text) : token.text;
      const renamed = sheets.get(sheet.toLowerCase());
      if (renamed !== undefined) {
        out += sheetPrefix(renamed);
        i += 1; // the "!" is part of the prefix
        continue;
      }
    } else if (token.kind === "word" && !isOther(next, "(") && !isOther(tokens[i - 1], "!")) {
      const renamed = names.get(token.text.toLowerCase());
      if (renamed !== undefined) {
        out += renamed;
        continue;
      }
    }
    out += token.text;
  }
  return out;
}
