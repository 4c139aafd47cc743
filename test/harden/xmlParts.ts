/** Every XML part of a .xlsx, for tests that check each one with a strict XML parser. */
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";

/** The parts that are not well-formed XML, each with the parser's reason; [] for a sound file. */
export async function illFormedParts(xlsx: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const bad: string[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(name)) continue;
    const result = XMLValidator.validate(await entry.async("string"));
    if (result !== true) bad.push(`${name}: ${result.err.msg}`);
  }
  return bad;
}
