/**
 * The user's own sources: a CSV file (one row per fact, the columns in docs/sources-format.md),
 * the same columns as a table of cells (an Excel table named DealSources), or JSON in the
 * schema's shape. Pure: text or cells in; deals, or the full list of problems by row and column,
 * out. A source with any problem is rejected whole. A good one overrides or extends the deals
 * before it by id (facts replace by key) without changing them, and every fact keeps its origin.
 */
import { plainNumber } from "../engine/cells";
import { refusedCharacter } from "./characters";
import {
  Deal,
  LibraryDeal,
  LibraryFact,
  toFact,
  toLibraryFact,
  validateDeal,
  validateFact,
} from "./schema";

export type UserSource =
  | { name: string; text: string }
  /** Rows of cells as Excel gives them (header first): numbers stay numbers, text stays text. */
  | { name: string; rows: readonly (readonly unknown[])[] };

export interface Problem {
  /** The source's name (its file name). */
  source: string;
  /** CSV and tables: 1-based row as a spreadsheet shows it (the header is row 1). */
  row?: number;
  column?: string;
  /** JSON: where in the document (`deals[0].facts[2].value`). */
  path?: string;
  message: string;
}

export function formatProblem({ source, row, column, path, message }: Problem): string {
  const where = [
    row !== undefined && `row ${row}`,
    column && `column ${column}`,
    path && `at ${path}`,
  ].filter(Boolean);
  return `${source}${where.length ? ` ${where.join(", ")}` : ""}: ${message}`;
}

/** The CSV layout: one row per fact; the deal_* columns and parties may be given once per deal. */
export const CSV_COLUMNS = [
  "deal_id",
  "deal_title",
  "deal_kind",
  "deal_date",
  "deal_era",
  "deal_status",
  "parties",
  "key",
  "value",
  "value_high",
  "unit",
  "qualifier",
  "basis",
  "status",
  "document",
  "section",
  "as_of",
  "formula",
  "flow_from",
  "flow_to",
  "flow_kind",
  "note",
  "tags",
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly CsvColumn[] = ["deal_id", "key", "value", "unit", "status"];

/** The deal-level fields a CSV carries, and their columns. */
const DEAL_COLUMNS = {
  title: "deal_title",
  kind: "deal_kind",
  date: "deal_date",
  era: "deal_era",
  status: "deal_status",
  parties: "parties",
} as const;
type DealField = keyof typeof DEAL_COLUMNS;

type Path = readonly PropertyKey[];
/** Where a path inside a source's i-th deal points in the file, with a note for the message. */
interface Location {
  row?: number;
  column?: string;
  path?: string;
  note?: string;
}
/** A deal as a source gives it: checked only once merged with the deal it extends. */
type Patch = Record<string, unknown>;
interface ReadResult {
  patches: Patch[];
  locate(deal: number, path: Path): Location;
  problems: Problem[];
}

const problemAt = (source: string, at: Location, message: string): Problem => ({
  source,
  ...(at.row !== undefined && { row: at.row }),
  ...(at.column !== undefined && { column: at.column }),
  ...(at.path !== undefined && { path: at.path }),
  message: at.note ? `${at.note}: ${message}` : message,
});

// ── CSV ──

/** The records of an RFC 4180 CSV (quoted fields, "" inside quotes, CRLF or LF). Fields stay text. */
export function parseCsv(text: string): {
  records: string[][];
  problems: { row: number; message: string }[];
} {
  const records: string[][] = [];
  const problems: { row: number; message: string }[] = [];
  let record: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const char = text[i];
    if (char === '"' && field === "") {
      const row = records.length + 1;
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0) {
          problems.push({ row, message: 'a quoted cell is never closed (a missing ")' });
          return { records, problems };
        }
        field += text.slice(j, close);
        if (text[close + 1] === '"') {
          field += '"';
          j = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      if (i < text.length && !",\r\n".includes(text[i])) {
        problems.push({
          row,
          message: "text after a closing quote (quote the whole cell, doubling inner quotes)",
        });
      }
      continue;
    }
    if (char === ",") endField();
    else if (char === "\n" || char === "\r") {
      endRecord();
      if (char === "\r" && text[i + 1] === "\n") i++;
    } else field += char;
    i++;
  }
  if (field !== "" || record.length > 0) endRecord();
  return { records, problems };
}

/** A cell as text: what Excel shows for a number or boolean; text is never reinterpreted. */
function textOf(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  return (typeof cell === "string" ? cell : String(cell)).trim();
}

/** The cells up to the last one that is not blank. */
function trimTrailingBlanks(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end--;
  return cells.slice(0, end);
}

/** A value cell of a numeric fact: a number, or the text as written (the schema says what is wrong). */
function numberOf(cell: unknown): unknown {
  if (typeof cell !== "string") return cell;
  const text = cell.trim();
  return plainNumber(text) ?? text;
}

const listOf = (text: string): string[] =>
  text
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "");

function factColumn(path: Path): CsvColumn {
  const [field, sub, leaf] = path;
  switch (field) {
    case "value":
      return sub === "high" ? "value_high" : "value";
    case "source":
      return sub === "section" || sub === "as_of" ? sub : "document";
    case "derivation":
      return "formula";
    case "flows":
      return leaf === "to" ? "flow_to" : leaf === "kind" ? "flow_kind" : "flow_from";
    case "key":
    case "unit":
    case "qualifier":
    case "basis":
    case "status":
    case "note":
    case "tags":
      return field;
    default:
      return "key";
  }
}

interface CsvDeal {
  id: string;
  firstRow: number;
  fields: Partial<Record<DealField, { text: string; row: number }>>;
  facts: { row: number; fact: Record<string, unknown> }[];
}

function readRows(
  source: string,
  records: readonly (readonly unknown[])[],
  firstProblems: Problem[]
): ReadResult {
  const problems = [...firstProblems];
  const headerIndex = records.findIndex((record) => record.some((cell) => textOf(cell) !== ""));
  const empty: ReadResult = { patches: [], locate: () => ({}), problems };
  if (headerIndex < 0) {
    problems.push({
      source,
      message: "the source is empty: it needs a header row and one row per fact",
    });
    return empty;
  }
  const headerRow = headerIndex + 1;
  // Only the named cells count: a header with 300k trailing commas costs nothing per row.
  const header = trimTrailingBlanks(records[headerIndex].map((cell) => textOf(cell).toLowerCase()));
  const columnIndex = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === "") return;
    if (!columnIndex.has(name)) columnIndex.set(name, i);
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        source,
        row: headerRow,
        column: name,
        message: `unknown column; the columns are ${CSV_COLUMNS.join(", ")}`,
      });
    } else if (columnIndex.get(name) !== i) {
      problems.push({ source, row: headerRow, column: name, message: "the column appears twice" });
    }
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!columnIndex.has(name))
      problems.push({
        source,
        row: headerRow,
        column: name,
        message: "required column is missing",
      });
  }
  if (problems.length > 0) return empty;

  const deals = new Map<string, CsvDeal>();
  for (let r = headerIndex + 1; r < records.length; r++) {
    const record = records[r];
    const row = r + 1;
    if (record.every((cell) => textOf(cell) === "")) continue;
    record.forEach((cell, i) => {
      if ((header[i] ?? "") === "" && textOf(cell) !== "") {
        problems.push({ source, row, message: `cell ${i + 1} has a value but no column header` });
      }
    });
    const raw = (column: CsvColumn): unknown => {
      const i = columnIndex.get(column);
      return i === undefined ? undefined : record[i];
    };
    const cell = (column: CsvColumn): string => textOf(raw(column));
    const fact = rowFact(cell, raw);
    const id = cell("deal_id");
    if (id === "") {
      problems.push({ source, row, column: "deal_id", message: "required" });
      for (const issue of validateFact(fact)) {
        problems.push({ source, row, column: factColumn(issue.path), message: issue.message });
      }
      continue;
    }
    let deal = deals.get(id);
    if (!deal) {
      deal = { id, firstRow: row, fields: {}, facts: [] };
      deals.set(id, deal);
    }
    for (const [field, column] of Object.entries(DEAL_COLUMNS) as [DealField, CsvColumn][]) {
      const text = cell(column);
      if (text === "") continue;
      const earlier = deal.fields[field];
      if (!earlier) deal.fields[field] = { text, row };
      else if (earlier.text !== text) {
        problems.push({
          source,
          row,
          column,
          message: `deal ${id} has ${column} "${earlier.text}" in row ${earlier.row}; repeat it exactly or leave it blank`,
        });
      }
    }
    deal.facts.push({ row, fact });
  }
  if (deals.size === 0 && problems.length === 0) {
    // As an empty source is: a header alone would import nothing without a word.
    problems.push({ source, message: "the source has a header row but no facts below it" });
  }

  const csvDeals = [...deals.values()];
  const patches = csvDeals.map((deal) => {
    const patch: Patch = {
      id: deal.id,
      facts: deal.facts.map(({ fact }) => fact),
    };
    for (const [field, given] of Object.entries(deal.fields) as [
      DealField,
      { text: string; row: number },
    ][]) {
      patch[field] =
        field === "parties"
          ? partiesOf(given.text, (message) =>
              problems.push({ source, row: given.row, column: "parties", message })
            )
          : given.text;
    }
    return patch;
  });

  const locate = (index: number, path: Path): Location => {
    const deal = csvDeals[index];
    const [first, second, ...rest] = path;
    if (first === "facts" && typeof second === "number") {
      return { row: deal.facts[second]?.row ?? deal.firstRow, column: factColumn(rest) };
    }
    if (typeof first === "string" && first in DEAL_COLUMNS) {
      const field = first as DealField;
      const parties = patches[index].parties as { name: string }[] | undefined;
      const party =
        field === "parties" && typeof second === "number" ? parties?.[second] : undefined;
      return {
        row: deal.fields[field]?.row ?? deal.firstRow,
        column: DEAL_COLUMNS[field],
        ...(party && { note: `party "${party.name}"` }),
      };
    }
    return { row: deal.firstRow };
  };
  return { patches, locate, problems };
}

function rowFact(
  cell: (column: CsvColumn) => string,
  raw: (column: CsvColumn) => unknown
): Record<string, unknown> {
  const unit = cell("unit");
  const high = cell("value_high");
  const value =
    unit === "text"
      ? cell("value")
      : high !== ""
        ? { low: numberOf(raw("value")), high: numberOf(raw("value_high")) }
        : numberOf(raw("value") ?? "");
  const optional = (column: CsvColumn) => cell(column) || undefined;
  const fact: Record<string, unknown> = { key: cell("key"), value, unit, status: cell("status") };
  if (cell("qualifier")) fact.qualifier = cell("qualifier");
  // the schema accepts the words JSON does and names the others
  if (cell("basis")) fact.basis = cell("basis");
  if (cell("document") || cell("section") || cell("as_of")) {
    fact.source = {
      document: optional("document"),
      section: optional("section"),
      as_of: optional("as_of"),
    };
  }
  if (cell("formula")) fact.derivation = { formula: cell("formula") };
  if (cell("flow_from") || cell("flow_to") || cell("flow_kind")) {
    const froms = listOf(cell("flow_from"));
    const tos = listOf(cell("flow_to"));
    const kind = optional("flow_kind");
    // One flow per (from, to) pair; a blank end still yields one flow, so the schema names the missing cell.
    fact.flows = (froms.length ? froms : [undefined]).flatMap((from) =>
      (tos.length ? tos : [undefined]).map((to) => ({ from, to, kind }))
    );
  }
  if (cell("note")) fact.note = cell("note");
  if (cell("tags")) fact.tags = listOf(cell("tags"));
  return fact;
}

/** "Amazon: investor; Anthropic: investee" → parties; the role is checked by the schema. */
function partiesOf(
  text: string,
  problem: (message: string) => void
): { name: string; role: string }[] {
  return listOf(text).flatMap((part) => {
    const colon = part.lastIndexOf(":");
    if (colon < 0) {
      problem(`write each party as name: role, separated by ; (got "${part}")`);
      return [];
    }
    return [
      {
        name: part.slice(0, colon).trim(),
        role: part
          .slice(colon + 1)
          .trim()
          .toLowerCase(),
      },
    ];
  });
}

// ── JSON ──

function jsonPath(path: Path): string {
  return path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
}

function readJson(source: string, text: string): ReadResult {
  const problems: Problem[] = [];
  const empty: ReadResult = { patches: [], locate: () => ({}), problems };
  let data: unknown;
  try {
    // A byte-order mark is allowed, as in a CSV (Windows editors write one).
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    problems.push({ source, message: `not valid JSON: ${(error as Error).message}` });
    return empty;
  }
  const wrapped = typeof data === "object" && data !== null && !Array.isArray(data);
  const items = wrapped ? (data as { deals?: unknown }).deals : data;
  if (!Array.isArray(items)) {
    problems.push({ source, message: 'expected an array of deals, or an object {"deals": [...]}' });
    return empty;
  }
  const prefix = wrapped ? "deals" : "";
  const locate = (index: number, path: Path): Location => ({
    path: `${prefix}[${index}]${jsonPath(path)}`,
  });
  const seen = new Map<unknown, number>();
  const patches = items.map((item, index): Patch => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      problems.push(problemAt(source, locate(index, []), "a deal must be an object"));
      return {};
    }
    const id = (item as Patch).id;
    const first = seen.get(id);
    if (id !== undefined && first !== undefined) {
      const message = `deal ${String(id)} appears twice (also ${prefix}[${first}])`;
      problems.push(problemAt(source, locate(index, ["id"]), message));
    }
    seen.set(id, index);
    return item as Patch;
  });
  return { patches, locate, problems };
}

// ── applying a source ──

function readSource(source: UserSource): ReadResult {
  if ("rows" in source) return readRows(source.name, source.rows, []);
  if (/\.json$/i.test(source.name)) return readJson(source.name, source.text);
  if (/\.csv$/i.test(source.name)) {
    const { records, problems } = parseCsv(source.text);
    return readRows(
      source.name,
      records,
      problems.map((p) => ({ source: source.name, ...p }))
    );
  }
  return {
    patches: [],
    locate: () => ({}),
    problems: [{ source: source.name, message: "a source must be a .csv or a .json file" }],
  };
}

/** Which fact or party of a merged deal came from the patch (its index there) and which was inherited. */
interface Merged {
  deal: Patch;
  facts: (number | LibraryFact)[];
  parties: (number | undefined)[];
}

const isPatch = (value: unknown): value is Patch =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The deal a patch makes of the deal it extends (if any): the patch's fields win, its parties are
 * added, its facts replace the old ones by key. Raw, so that validation reports on all of it.
 */
function merge(base: LibraryDeal | undefined, patch: Patch): Merged {
  const { facts: patchFacts, parties: patchParties, ...fields } = patch;
  const given = Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined)
  );
  const ownFacts = Array.isArray(patchFacts) ? patchFacts : [];
  const ownParties = Array.isArray(patchParties) ? patchParties : [];
  // A malformed list is passed through as given, so that the schema reports it.
  const malformed = (list: unknown) => list !== undefined && !Array.isArray(list);
  if (!base) {
    return {
      deal: { ...given, parties: patchParties ?? [], facts: patchFacts },
      facts: ownFacts.map((_, i) => i),
      parties: ownParties.map((_, i) => i),
    };
  }
  const { facts: baseFacts, origins: _origins, parties: baseParties, ...baseFields } = base;
  const keyOf = (fact: unknown) => (isPatch(fact) ? fact.key : undefined);
  const used = new Set<number>();
  const facts: unknown[] = [];
  const factOrigins: (number | LibraryFact)[] = [];
  for (const old of baseFacts) {
    const i = ownFacts.findIndex((fact, j) => !used.has(j) && keyOf(fact) === old.key);
    if (i >= 0) used.add(i);
    facts.push(i >= 0 ? ownFacts[i] : toFact(old));
    factOrigins.push(i >= 0 ? i : old);
  }
  ownFacts.forEach((fact, j) => {
    if (used.has(j)) return;
    facts.push(fact);
    factOrigins.push(j);
  });
  const known = (party: unknown) =>
    isPatch(party) && baseParties.some((old) => old.name === party.name && old.role === party.role);
  const added = ownParties.flatMap((party, j) => (known(party) ? [] : [{ party, j }]));
  return {
    deal: {
      ...baseFields,
      ...given,
      parties: malformed(patchParties)
        ? patchParties
        : [...baseParties, ...added.map((a) => a.party)],
      facts: malformed(patchFacts) ? patchFacts : facts,
    },
    facts: factOrigins,
    parties: [...baseParties.map(() => undefined), ...added.map((a) => a.j)],
  };
}

/**
 * Applies one user source on top of `base`. With any problem, `deals` is `base` itself and
 * `problems` lists every one; otherwise `deals` is a new list (base's objects are never changed).
 */
export function applySource(
  base: readonly LibraryDeal[],
  given: UserSource
): { deals: readonly LibraryDeal[]; problems: Problem[] } {
  // The file's name, never the path it was read from: the origin is shown in shared workbooks.
  const source = { ...given, name: fileName(given.name) };
  const { patches, locate, problems } = readSource(source);
  const byId = new Map(base.map((deal) => [deal.id, deal]));
  const results: LibraryDeal[] = [];
  patches.forEach((patch, index) => {
    const refused = refusedText(patch);
    for (const { path, message } of refused)
      problems.push(problemAt(source.name, locate(index, path), message));
    if (refused.length > 0) return;
    const old = typeof patch.id === "string" ? byId.get(patch.id) : undefined;
    const merged = merge(old, patch);
    const { deal, issues } = validateDeal(merged.deal);
    if (deal) {
      results.push(libraryDeal(deal, old, merged, source.name));
      return;
    }
    for (const { path, message } of issues) {
      const [first, position, ...rest] = path;
      const origin =
        first === "facts" && typeof position === "number"
          ? merged.facts[position]
          : first === "parties" && typeof position === "number"
            ? merged.parties[position]
            : undefined;
      if (typeof origin === "number") {
        problems.push(problemAt(source.name, locate(index, [first, origin, ...rest]), message));
      } else if (origin) {
        const inherited = `${origin.origin} fact ${origin.key}: ${message}`;
        problems.push(problemAt(source.name, locate(index, []), inherited));
      } else problems.push(problemAt(source.name, locate(index, path), message));
    }
  });
  if (problems.length > 0) {
    // In reading order, row by row and column by column (the sort is stable for JSON's paths).
    const column = (p: Problem) => CSV_COLUMNS.indexOf(p.column as CsvColumn);
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || column(a) - column(b));
    return { deals: base, problems };
  }
  const updated = new Map(results.map((deal) => [deal.id, deal]));
  return {
    deals: [
      ...base.map((deal) => updated.get(deal.id) ?? deal),
      ...results.filter((deal) => !byId.has(deal.id)),
    ],
    problems,
  };
}

/** Every text in a patch that holds a character no workbook may carry, with where it is. */
function refusedText(patch: Patch): { path: Path; message: string }[] {
  const found: { path: Path; message: string }[] = [];
  // Without recursion: a JSON source can nest deeper than the stack.
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value: patch, path: [] }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, path } = item;
    if (typeof value === "string") {
      const message = refusedCharacter(value);
      if (message) found.push({ path, message });
    } else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        const message = refusedCharacter(key);
        if (message) found.push({ path: [...path, key], message: `its name ${message}` });
        pending.push({ value: inner, path: [...path, Array.isArray(value) ? Number(key) : key] });
      }
    }
  }
  return found.reverse();
}

/** "C:\\Users\\me\\deals.csv" or "/home/me/deals.csv" → "deals.csv". */
const fileName = (path: string): string =>
  path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);

function libraryDeal(
  deal: Deal,
  old: LibraryDeal | undefined,
  merged: Merged,
  origin: string
): LibraryDeal {
  const facts = deal.facts.map((fact, i): LibraryFact => {
    const from = merged.facts[i];
    if (typeof from !== "number") return from;
    return toLibraryFact(
      fact,
      origin,
      old?.facts.find((before) => before.key === fact.key)?.origin
    );
  });
  const origins = [...(old?.origins ?? []), ...(old?.origins.includes(origin) ? [] : [origin])];
  return { ...deal, facts, origins };
}
