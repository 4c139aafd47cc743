/**
 * The built-in source documents as a reader cites them: the document's own title (its first
 * heading) or, where it has none, what it is; its kind; and the era it describes. The file name is
 * only an id (shown on the Sources sheet); a citation reads
 * “The Deal That Redefines AI Competition”, investor analysis, late 2023 — Valuation.
 */

export interface SourceDocument {
  /** The file name in the source folder: the id a fact cites. */
  id: string;
  /** The document's own heading, quoted in a citation; absent when it has none. */
  title?: string;
  /** What the document is, in words. */
  kind: string;
  /** The era it describes. */
  era: string;
}

export const BUILTIN_DOCUMENTS: readonly SourceDocument[] = [
  {
    id: "000_7d611d7c1f3503d4.txt",
    title: "Capital & Industrial Strategy",
    kind: "daily brief",
    era: "2026",
  },
  { id: "001_0fba67505b9d97df.txt", kind: "podcast digest on compute strategy", era: "2025–2026" },
  {
    id: "002_92b99d0c0b5c9a6e.txt",
    title: "The Deal That Redefines AI Competition",
    kind: "investor analysis",
    era: "late 2023",
  },
  { id: "003_bb608b4455414188.txt", kind: "podcast digest on the OpenAI round", era: "2026" },
  {
    id: "004_e66127d25fc20cd4.txt",
    kind: "analysis of the expanded Amazon–Anthropic partnership",
    era: "2026",
  },
];

const BY_ID = new Map(BUILTIN_DOCUMENTS.map((d) => [d.id, d]));

export const sourceDocument = (id: string): SourceDocument | undefined => BY_ID.get(id);

/**
 * A document as a reader cites it: “Title”, kind, era — or, for a document the catalogue does not
 * know (a user's own source), its name as given.
 */
export function documentCitation(id: string): string {
  const known = BY_ID.get(id);
  if (!known) return id;
  const kind = known.title ? known.kind : known.kind.charAt(0).toUpperCase() + known.kind.slice(1);
  return [known.title ? `“${known.title}”` : undefined, kind, known.era].filter(Boolean).join(", ");
}
