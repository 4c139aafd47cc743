/** Header and footer text in the codes Excel's page setup uses (&L &C &R sections, &P, &N, &A). */
import { HeaderFooterText } from "../templates/plan";
import { MAX_HEADER_FOOTER, xmlText } from "./limits";

const TOKENS: Record<string, string> = {
  "{page}": "&P",
  "{pages}": "&N",
  "{sheet}": "&A",
  "{{": "{",
};

/** Plain text with the plan's tokens as Excel's codes, one entry a character or token. */
function encode(text: string): string[] {
  const pieces = xmlText(text).match(/\{\{|\{page\}|\{pages\}|\{sheet\}|[\s\S]/gu);
  // A literal & is doubled so it prints as itself.
  return (pieces ?? []).map((piece) => TOKENS[piece] ?? (piece === "&" ? "&&" : piece));
}

const TAGS = ["&L", "&C", "&R"] as const;
const ELLIPSIS = "…";

/**
 * The left, centre and right sections in Excel's codes, together within Excel's 255 characters:
 * the longest section is cut, visibly (with "…"), never inside a code, until they fit.
 */
export function headerFooterSections(text: HeaderFooterText | undefined): [string, string, string] {
  const sections = [text?.left, text?.center, text?.right].map((part) => encode(part ?? ""));
  const size = (pieces: string[]) => pieces.reduce((sum, piece) => sum + piece.length, 0);
  const total = () =>
    sections.reduce((sum, pieces) => sum + (pieces.length ? 2 + size(pieces) : 0), 0);
  while (total() > MAX_HEADER_FOOTER) {
    const longest = sections.reduce((a, b) => (size(b) > size(a) ? b : a));
    let excess = total() - MAX_HEADER_FOOTER + ELLIPSIS.length;
    while (excess > 0 && longest.length > 0) excess -= (longest.pop() as string).length;
    longest.push(ELLIPSIS);
  }
  return sections.map((pieces) => pieces.join("")) as [string, string, string];
}

export function headerFooterCode(text: HeaderFooterText | undefined): string | undefined {
  const code = headerFooterSections(text)
    .map((section, i) => (section ? TAGS[i] + section : ""))
    .join("");
  return code || undefined;
}
