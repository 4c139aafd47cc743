/** Header and footer text in the codes Excel's page setup uses (&L &C &R sections, &P, &N, &A). */
import { HeaderFooterText } from "../templates/plan";

const TOKENS: Record<string, string> = { "{page}": "&P", "{pages}": "&N", "{sheet}": "&A" };

/** Plain text with the plan's tokens; a literal & is doubled so it prints as itself. */
function encode(text: string): string {
  return text
    .replace(/&/g, "&&")
    .replace(/\{page\}|\{pages\}|\{sheet\}/g, (token) => TOKENS[token]);
}

export function headerFooterCode(text: HeaderFooterText | undefined): string | undefined {
  if (!text) return undefined;
  const sections: [string, string | undefined][] = [
    ["&L", text.left],
    ["&C", text.center],
    ["&R", text.right],
  ];
  const code = sections
    .filter(([, value]) => value)
    .map(([tag, value]) => tag + encode(value as string))
    .join("");
  return code || undefined;
}
