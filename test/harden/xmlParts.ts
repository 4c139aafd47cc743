/** Every XML part of a .xlsx, checked as a strict XML 1.0 parser would. */
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";

/** Outside XML 1.0's Char production (§2.2): a document containing one is not well-formed. */
const NOT_A_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const CHAR_REFERENCE = /&#(x[0-9a-f]+|[0-9]+);/gi;

/** Why `xml` is not well-formed, or undefined. XMLValidator checks structure, not characters. */
function xmlProblem(xml: string): string | undefined {
  const result = XMLValidator.validate(xml);
  if (result !== true) return result.err.msg;
  const bad = NOT_A_CHAR.exec(xml);
  if (bad) return `character U+${(bad[0].codePointAt(0) as number).toString(16)}`;
  for (const [, ref] of xml.matchAll(CHAR_REFERENCE)) {
    const code = ref[0] === "x" || ref[0] === "X" ? parseInt(ref.slice(1), 16) : Number(ref);
    if (NOT_A_CHAR.test(String.fromCodePoint(Math.min(code, 0x10ffff))))
      return `character reference &#${ref};`;
  }
  return undefined;
}

/** The parts that are not well-formed XML, each with the reason; [] for a sound file. */
export async function illFormedParts(xlsx: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const bad: string[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(name)) continue;
    const problem = xmlProblem(await entry.async("string"));
    if (problem) bad.push(`${name}: ${problem}`);
  }
  return bad;
}
