/**
 * Characters no source text may carry into a workbook: those XML 1.0 forbids (a .xlsx is XML, so
 * one of them makes the file ill-formed) and the bidirectional controls that make text read in
 * an order other than the one it is stored in.
 */

/** C0 controls other than tab and line breaks, U+FFFE, U+FFFF and unpaired surrogates. */
export const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these controls are what it finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu;

const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
const REFUSED = new RegExp(`${XML_FORBIDDEN.source}|${BIDI_CONTROL.source}`, "u");

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `text` cannot be imported, or undefined when it can. */
export function refusedCharacter(text: string): string | undefined {
  const found = REFUSED.exec(text);
  if (!found) return undefined;
  const char = found[0];
  return BIDI_CONTROL.test(char)
    ? `contains ${codePoint(char)}, a control that changes the order text reads in; remove it`
    : `contains ${codePoint(char)}, a character a workbook cannot hold; remove it`;
}
