/**
 * Text put into XML or SVG markup: escaped, and without the characters XML 1.0 forbids (C0
 * controls other than tab and newlines, lone surrogates, U+FFFE and U+FFFF), which would make the
 * part ill-formed for every reader.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these control characters are what it removes
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Text as XML character data or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, "").replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}
