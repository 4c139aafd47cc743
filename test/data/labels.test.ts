/**
 * Reader-facing words: every key the built-in library uses has words of its own (no key reaches a
 * sheet as snake_case), and every built-in document is cited by its own title, kind and era as
 * the source folder's README and the documents themselves give them.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import { BUILTIN_DOCUMENTS, documentCitation } from "../../src/data/documents";
import {
  dealKindWords,
  derivationWords,
  triggerWords,
  FACT_WORDS,
  factWords,
  flowKindWords,
  roleWords,
  statusWords,
} from "../../src/data/labels";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { DEAL_KINDS, FACT_STATUSES, FLOW_KINDS, PARTY_ROLES } from "../../src/data/schema";

const SNAKE = /[a-z0-9]_[a-z0-9]/;

describe("label table", () => {
  test("every fact key of the built-in library has its own words, never the key", () => {
    const keys = new Set(BUILTIN_LIBRARY.flatMap((deal) => deal.facts.map((f) => f.key)));
    for (const key of keys) {
      expect(Object.keys(FACT_WORDS)).toContain(key);
      expect(factWords(key)).not.toMatch(SNAKE);
    }
  });

  test("every status, role, flow kind and deal kind reads as words", () => {
    const all = [
      ...FACT_STATUSES.map(statusWords),
      ...PARTY_ROLES.map(roleWords),
      ...FLOW_KINDS.map(flowKindWords),
      ...DEAL_KINDS.map(dealKindWords),
    ];
    for (const words of all) expect(words).not.toMatch(SNAKE);
    expect(statusWords("in_talks")).toBe("in talks");
  });

  test("a derivation reads in words", () => {
    expect(derivationWords("investment_cumulative - investment")).toBe(
      "Cumulative investment − Investment"
    );
    // the library's own: $13B total less the $5B new less the 2023 deal's $4B
    expect(derivationWords("investment_cumulative - investment - 4000000000")).toBe(
      "Cumulative investment − Investment − 4 billion"
    );
    expect(derivationWords("investment * 2500000")).toBe("Investment × 2.5 million");
    expect(derivationWords("investment * 1000")).toBe("Investment × 1000");
  });

  test("trigger names read as the library words them", () => {
    expect(triggerWords("agi")).toBe("AGI");
    expect(triggerWords("ipo")).toBe("IPO");
    expect(triggerWords("first_close")).toBe("first close");
  });

  test("a key no table knows reads as its words", () => {
    expect(factWords("my_own_metric")).toBe("My own metric");
  });
});

const SOURCES = path.resolve(__dirname, "../../../shared/sources");
const describeWithSources = existsSync(SOURCES) ? describe : describe.skip;

describe("citations", () => {
  test("a citation is title, kind and era; the file name never appears", () => {
    expect(documentCitation("002_92b99d0c0b5c9a6e.txt")).toBe(
      "“The Deal That Redefines AI Competition”, investor analysis, late 2023"
    );
    for (const doc of BUILTIN_DOCUMENTS) expect(documentCitation(doc.id)).not.toContain(".txt");
  });

  test("every document a built-in fact cites is in the catalogue", () => {
    const cited = BUILTIN_LIBRARY.flatMap((d) => d.facts.flatMap((f) => f.source?.document ?? []));
    const known = new Set(BUILTIN_DOCUMENTS.map((d) => d.id));
    for (const id of cited) expect(known.has(id)).toBe(true);
  });

  test("a user's document is cited by its name as given", () => {
    expect(documentCitation("Q3 board memo")).toBe("Q3 board memo");
  });

  describeWithSources("against the source folder", () => {
    // read inside the tests: a skipped describe still runs its body while jest collects it
    test.each(BUILTIN_DOCUMENTS.map((d) => [d.id, d] as const))("%s", (id, doc) => {
      const readme = readFileSync(path.join(SOURCES, "README.md"), "utf8");
      const text = readFileSync(path.join(SOURCES, id), "utf8");
      // a quoted title is the document's own first line
      if (doc.title) expect(text.split("\n")[0].trim()).toBe(doc.title);
      // the era is the README's, on the document's own row
      const row = readme.split("\n").find((line) => line.startsWith(`| ${id} |`));
      expect(row?.split("|")[3].trim()).toBe(doc.era);
    });
  });
});
