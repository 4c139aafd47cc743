/**
 * Excel's limits and XML's rules, shared by both writers so that a plan too big for Excel is
 * refused (or, for headers and footers, visibly shortened) the same way whichever writes it.
 */

import { XML_FORBIDDEN } from "../data/characters";

/** Characters in one cell's text. */
export const MAX_TEXT = 32767;
/** Characters in one formula, as Excel counts them (with its "="). */
export const MAX_FORMULA = 8192;
/** Characters in one header or footer, its &-codes included. */
export const MAX_HEADER_FOOTER = 255;

/** The text without the characters XML forbids (the importer refuses them; this is the last guard). */
export const xmlText = (text: string): string => text.replace(XML_FORBIDDEN, "");

/** Text as a cell may hold it: XML-safe, and refused when over Excel's limit. */
export function cellText(text: string): string {
  const safe = xmlText(text);
  if (safe.length > MAX_TEXT)
    throw new RangeError(`a text of ${safe.length} characters is over Excel's ${MAX_TEXT}`);
  return safe;
}

/** A formula as Excel counts it ("=" included), refused when over Excel's limit. */
export function checkFormulaLength(formula: string): void {
  const length = formula.startsWith("=") ? formula.length : formula.length + 1;
  if (length > MAX_FORMULA)
    throw new RangeError(`a formula of ${length} characters is over Excel's ${MAX_FORMULA}`);
}
