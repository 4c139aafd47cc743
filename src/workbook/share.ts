/**
 * Prepare for sharing, host-free: what both adapters (Office.js in officeShare.ts, ExcelJS in
 * xlsxShare.ts) agree on.
 *
 * - Which cells to freeze: every formula that calls a DEAL.* function (case-insensitive, inside
 *   larger formulas too, never inside a string literal) becomes its current value; a reader
 *   without the add-in would otherwise see #NAME?.
 * - The share record: the very hidden sheet `_DealLoop` holds sheet, cell, original formula and
 *   spill range of every frozen cell, so Restore puts back exactly what was there.
 * - The provenance record: each insert by the Office.js writer adds a very hidden sheet
 *   `_DealLoopSources` ("_DealLoopSources (2)"…) with one row per sourced input or assumption it
 *   wrote. Column A of each row is a reference formula to the cell ('Vendor loop'!$B$4), so Excel
 *   keeps it pointing at the right cell when rows are inserted or the sheet is renamed, and its
 *   value is the cell's current value; the other columns are the citation or the rationale.
 * - The Sources & assumptions sheet built from those records, with the as-of stamp, the add-in's
 *   version and the error cells found before anything changed.
 */
import manifest from "../../package.json";
import { cellAddress, parseCellAddress, rangeAddress, Rect, sheetPrefix } from "../templates/a1";
import { header, label, PlacedDatum, Ref, WorkbookBuilder } from "../templates/builder";
import { AssumptionCell, PlanCell, PlannedSheet, Provenance, SheetPlan } from "../templates/plan";
import { sourcesSheet as templateSourcesSheet, SOURCES_SHEET } from "../templates/sources";
import { callsDeal } from "./formulaTokens";
import { parseSheetReference } from "./sheetNames";

/** The add-in's version, from package.json at build time (a default import: webpack warns on named JSON imports). */
export const ADDIN_VERSION: string = manifest.version;

export const SHARE_RECORD_SHEET = "_DealLoop";
export const PROVENANCE_SHEET = "_DealLoopSources";
export { SOURCES_SHEET };

/** DealLoop's own bookkeeping sheets: never scanned, never frozen, never listed. */
export function isDealLoopSheet(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === SHARE_RECORD_SHEET.toLowerCase() || lower.startsWith(PROVENANCE_SHEET.toLowerCase())
  );
}

/** A cell's value as the share step sees it; an error value is { error: "#N/A" }. */
export type CellScalar = number | string | boolean | null | { error: string };

export const isErrorValue = (value: unknown): value is { error: string } =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { error?: unknown }).error === "string";

/** Error codes Excel shows; the first seven are also what a user can type to enter an error. */
export const ERROR_CODES = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BUSY!",
  "#BLOCKED!",
  "#CONNECT!",
  "#UNKNOWN!",
  "#PYTHON!",
  "#EXTERNAL!",
] as const;
export const TYPABLE_ERRORS: readonly string[] = ERROR_CODES.slice(0, 7);

/** A custom function still computing shows one of these: its value is not known yet. */
export const STILL_CALCULATING: readonly string[] = ["#BUSY!", "#GETTING_DATA"];

// ---------------------------------------------------------------------------------------------
// Provenance: written by the Office.js writer, read back by prepare-for-sharing.

export const PROVENANCE_HEADER = [
  "Cell",
  "Kind",
  "Label",
  "Document",
  "Section",
  "Status",
  "As of",
  "Qualifier",
  "Fact",
  "Derivation",
  "Key",
  "Rationale",
  "Template",
  "Deal",
  "Plan as of",
  "Origin",
] as const;

type ProvenanceColumn = (typeof PROVENANCE_HEADER)[number];

/** A sourced fact or an assumption as the workbook holds it now. */
export interface SourceRecord {
  kind: "fact" | "assumption";
  label: string;
  sheet: string;
  address: string;
  value: CellScalar;
  /** The cell's number format, so the list shows the value in its unit. */
  format?: string;
  /** Facts: where the figure comes from. */
  source?: Provenance;
  /** Assumptions: the key, the rationale, and whether it is a missing fact still to fill. */
  key?: string;
  rationale?: string;
  missing?: boolean;
  template: string;
  dealId: string;
  planAsOf: string;
}

/** Every sourced input and assumption a plan places, with its sheet and cell. */
function* plannedData(plan: SheetPlan) {
  for (const sheet of plan.sheets) {
    for (const [r, cells] of sheet.rows.entries()) {
      for (const [c, cell] of cells.entries()) {
        if (cell && (cell.kind === "input" || cell.kind === "assumption")) {
          yield { sheet: sheet.name, address: cellAddress(r + 1, c + 1), cell };
        }
      }
    }
  }
}

/** The plan's inputs and assumptions as records, valued as the plan states them unless `valueAt` reads the workbook. */
export function recordsFromPlan(
  plan: SheetPlan,
  valueAt?: (sheet: string, address: string) => CellScalar
): SourceRecord[] {
  return [...plannedData(plan)].map(({ sheet, address, cell }) => {
    const planned: CellScalar =
      cell.kind === "assumption" && cell.value === null ? { error: "#N/A" } : cell.value;
    const common = {
      label: cell.label,
      sheet,
      address,
      value: valueAt ? valueAt(sheet, address) : planned,
      ...(cell.format ? { format: cell.format } : {}),
      template: plan.template,
      dealId: plan.dealId,
      planAsOf: plan.asOf,
    };
    return cell.kind === "input"
      ? { kind: "fact", ...common, source: cell.source }
      : {
          kind: "assumption",
          ...common,
          key: cell.key,
          rationale: cell.rationale,
          missing: cell.missing,
        };
  });
}

/** One provenance row before it is placed: the cell it points at (on the plan's sheet) and the text columns. */
export interface ProvenanceRow {
  sheet: string;
  address: string;
  format?: string;
  /** Columns B onwards, in PROVENANCE_HEADER order. */
  fields: string[];
}

export function provenanceRows(plan: SheetPlan): ProvenanceRow[] {
  return recordsFromPlan(plan).map((record) => {
    const s = record.source;
    const byColumn: Record<Exclude<ProvenanceColumn, "Cell">, string | undefined> = {
      Kind: record.kind,
      Label: record.label,
      Document: s?.document,
      Section: s?.section,
      Status: record.kind === "fact" ? s?.status : record.missing ? "missing" : "assumption",
      "As of": s?.asOf,
      Qualifier: s?.qualifier,
      Fact: s?.fact,
      Derivation: s?.derivation,
      Key: record.key,
      Rationale: record.rationale,
      Template: record.template,
      Deal: record.dealId,
      "Plan as of": record.planAsOf,
      Origin: s?.origin,
    };
    const fields = PROVENANCE_HEADER.slice(1).map(
      (column) => byColumn[column as keyof typeof byColumn] ?? ""
    );
    return {
      sheet: record.sheet,
      address: record.address,
      ...(record.format ? { format: record.format } : {}),
      fields,
    };
  });
}

/** The reference formula a provenance row's column A holds. */
export const provenanceLink = (sheet: string, address: string): string => {
  const { row, column } = parseCellAddress(address);
  return `=${sheetPrefix(sheet)}${cellAddress(row, column, true)}`;
};

const OPTIONAL_SOURCE: [
  keyof Provenance & ("asOf" | "qualifier" | "fact" | "derivation" | "origin"),
  ProvenanceColumn,
][] = [
  ["asOf", "As of"],
  ["qualifier", "Qualifier"],
  ["fact", "Fact"],
  ["derivation", "Derivation"],
  ["origin", "Origin"],
];

const text = (value: unknown): string =>
  value === null || value === undefined ? "" : String(value);

/**
 * Records from one provenance sheet: `formulas` and `values` of its used range from A1, and
 * its number formats when the host has them. A row whose reference no longer resolves (its sheet
 * was deleted: #REF!) is dropped.
 */
export function parseProvenance(
  formulas: readonly unknown[][],
  values: readonly CellScalar[][],
  formats?: readonly unknown[][]
) {
  const head = (formulas[0] ?? []).map(text);
  const at = (row: readonly unknown[], column: ProvenanceColumn) => {
    const i = head.indexOf(column);
    return i < 0 ? "" : text(row[i]);
  };
  if (head[0] !== "Cell" || !head.includes("Kind"))
    throw new Error("not a DealLoop provenance sheet (unknown header)");
  const records: SourceRecord[] = [];
  formulas.slice(1).forEach((row, i) => {
    const target = parseSheetReference(text(row[0]));
    const kind = at(row, "Kind");
    if (!target || (kind !== "fact" && kind !== "assumption")) return;
    const format = text(formats?.[i + 1]?.[0]);
    const record: SourceRecord = {
      kind,
      label: at(row, "Label"),
      ...target,
      value: values[i + 1]?.[0] ?? null,
      ...(format && format !== "General" ? { format } : {}),
      template: at(row, "Template"),
      dealId: at(row, "Deal"),
      planAsOf: at(row, "Plan as of"),
    };
    if (kind === "fact") {
      const source: Provenance = {
        document: at(row, "Document"),
        section: at(row, "Section"),
        status: at(row, "Status"),
      };
      for (const [key, column] of OPTIONAL_SOURCE)
        if (at(row, column)) source[key] = at(row, column);
      record.source = source;
    } else {
      record.key = at(row, "Key");
      record.rationale = at(row, "Rationale");
      record.missing = at(row, "Status") === "missing";
    }
    records.push(record);
  });
  return records;
}

// ---------------------------------------------------------------------------------------------
// The scan: DEAL cells and error cells.

/** A rectangle of a sheet as a host read it: row `top`, column `left` (1-based) is [0][0]. */
export interface SheetGrid {
  sheet: string;
  top: number;
  left: number;
  formulas: readonly (readonly unknown[])[];
  values: readonly (readonly CellScalar[])[];
}

export interface DealCell {
  sheet: string;
  row: number;
  column: number;
  address: string;
  formula: string;
  value: CellScalar;
  /** The range a dynamic-array (or array) formula fills, when it fills more than its own cell. */
  spill?: string;
}

export interface ErrorCell {
  sheet: string;
  address: string;
  error: string;
  formula?: string;
}

export interface GridScan {
  deal: DealCell[];
  errors: ErrorCell[];
}

/** Adds one cell to a scan: a DEAL cell if its formula calls DEAL.*, an error cell if it shows an error. */
export function scanCell(
  scan: GridScan,
  sheet: string,
  row: number,
  column: number,
  raw: unknown,
  value: CellScalar
) {
  const address = cellAddress(row, column);
  const formula = typeof raw === "string" && raw.startsWith("=") ? raw : undefined;
  if (formula && callsDeal(formula))
    scan.deal.push({ sheet, row, column, address, formula, value });
  if (isErrorValue(value))
    scan.errors.push({ sheet, address, error: value.error, ...(formula ? { formula } : {}) });
}

export function scanGrid(grid: SheetGrid): GridScan {
  const scan: GridScan = { deal: [], errors: [] };
  grid.formulas.forEach((cells, r) =>
    cells.forEach((raw, c) =>
      scanCell(scan, grid.sheet, grid.top + r, grid.left + c, raw, grid.values[r]?.[c] ?? null)
    )
  );
  return scan;
}

/** Where a cell sits, as a reader types it: 'Vendor loop'!B4. */
export const cellReference = (sheet: string, address: string): string =>
  `${sheetPrefix(sheet)}${address}`;

// ---------------------------------------------------------------------------------------------
// What prepare and restore report, whichever host they run in.

export interface ShareScan {
  /** The cells whose DEAL formulas become values. */
  deal: DealCell[];
  /** Every cell showing an error, on every sheet but DealLoop's own. */
  errors: ErrorCell[];
  /** DEAL cells still computing (#BUSY!): prepare waits until there are none. */
  calculating: DealCell[];
  /** The sourced facts and assumptions the workbook uses. */
  sources: SourceRecord[];
  /** A `_DealLoop` record exists: the workbook is prepared already. */
  prepared: boolean;
  sheetsRead: number;
  cellsRead: number;
}

export type PrepareResult =
  | { status: "cancelled"; scan: ShareScan }
  | { status: "prepared"; scan: ShareScan; record: ShareRecord; sourcesSheet: string };

export interface RestoreResult {
  restored: number;
  /** Cells that hold a formula of their own now: left alone. */
  conflicts: { sheet: string; address: string; found: string; recorded: string }[];
  /** Entries whose sheet no longer exists. */
  missing: ShareEntry[];
  removedSheets: string[];
}

export class ShareError extends Error {
  constructor(
    message: string,
    /** Whether the workbook was left changed (only when an undo failed too). */
    readonly changed: boolean,
    override readonly cause?: unknown
  ) {
    super(message);
    this.name = "ShareError";
  }
}

/** Why prepare must not start, if it must not: the workbook is prepared already, or a DEAL cell is still computing. */
export function refusal(scan: ShareScan): ShareError | undefined {
  if (scan.prepared) {
    return new ShareError(
      `This workbook is prepared for sharing already (it has a ${SHARE_RECORD_SHEET} record). Restore formulas first, then prepare again.`,
      false
    );
  }
  if (scan.calculating.length > 0) {
    const cells = scan.calculating.map((c) => cellReference(c.sheet, c.address)).join(", ");
    return new ShareError(
      `${scan.calculating.length} DEAL cell(s) are still calculating (${cells}). Wait for them, then prepare again.`,
      false
    );
  }
  return undefined;
}

/** The DEAL cells still computing, from a scan's DEAL cells. */
export const stillCalculating = (deal: readonly DealCell[]): DealCell[] =>
  deal.filter((cell) => isErrorValue(cell.value) && STILL_CALCULATING.includes(cell.value.error));

/** The record and the Sources & assumptions sheet a prepare writes. */
export function shareRecord(
  scan: ShareScan,
  stamp: { asOf: string; version: string },
  sourcesSheetName: string
) {
  const record: ShareRecord = {
    ...stamp,
    sourcesSheet: sourcesSheetName,
    entries: scan.deal.map((c) => ({
      sheet: c.sheet,
      address: c.address,
      formula: c.formula,
      ...(c.spill ? { spill: c.spill } : {}),
    })),
  };
  const sheet = sourcesSheet(
    scan.sources,
    scan.errors,
    { ...stamp, replaced: scan.deal.length },
    sourcesSheetName
  );
  return { record, sheet };
}

/**
 * What Restore does with one recorded cell, given the formula it holds now (undefined: a value):
 * put the formula back; nothing (it is back already); or leave a formula the user wrote since.
 */
export function restoreAction(
  entry: ShareEntry,
  current: string | undefined
): "restore" | "done" | "conflict" {
  if (current === undefined) return "restore";
  return current === entry.formula ? "done" : "conflict";
}

// ---------------------------------------------------------------------------------------------
// The share record in `_DealLoop`.

export interface ShareEntry {
  sheet: string;
  address: string;
  /** As the host showed it, with its "=". */
  formula: string;
  spill?: string;
}

export interface ShareRecord {
  asOf: string;
  version: string;
  /** The Sources & assumptions sheet prepare added (Restore removes it). */
  sourcesSheet?: string;
  entries: ShareEntry[];
}

const RECORD_TITLE = "DealLoop sharing record";
const RECORD_FORMAT = "1";
const ENTRY_HEADER = ["Sheet", "Cell", "Formula", "Spill range"];

/** The record as rows of text (four columns). */
export function encodeShareRecord(record: ShareRecord): string[][] {
  return [
    [RECORD_TITLE, RECORD_FORMAT, "", ""],
    ["Prepared", record.asOf, "DealLoop", record.version],
    ["Sources sheet", record.sourcesSheet ?? "", "", ""],
    ENTRY_HEADER,
    ...record.entries.map((e) => [e.sheet, e.address, e.formula, e.spill ?? ""]),
  ];
}

export function decodeShareRecord(rows: readonly (readonly unknown[])[]): ShareRecord {
  const cell = (r: number, c: number) => text(rows[r]?.[c]);
  if (cell(0, 0) !== RECORD_TITLE)
    throw new Error(`${SHARE_RECORD_SHEET} is not a DealLoop sharing record`);
  if (cell(0, 1) !== RECORD_FORMAT)
    throw new Error(
      `${SHARE_RECORD_SHEET} has record format ${cell(0, 1)}; this add-in reads ${RECORD_FORMAT}`
    );
  if (ENTRY_HEADER.some((h, c) => cell(3, c) !== h))
    throw new Error(`${SHARE_RECORD_SHEET} has no entry header in row 4`);
  const entries = rows.slice(4).flatMap((_, i): ShareEntry[] => {
    const [sheet, address, formula, spill] = [0, 1, 2, 3].map((c) => cell(i + 4, c));
    if (!sheet && !address && !formula) return [];
    if (!sheet || !address || !formula.startsWith("=")) {
      throw new Error(
        `${SHARE_RECORD_SHEET} row ${i + 5} is not a complete entry (sheet, cell, formula)`
      );
    }
    return [{ sheet, address, formula, ...(spill ? { spill } : {}) }];
  });
  return {
    asOf: cell(1, 1),
    version: cell(1, 3),
    ...(cell(2, 1) ? { sourcesSheet: cell(2, 1) } : {}),
    entries,
  };
}

// ---------------------------------------------------------------------------------------------
// Cells to rectangles, for bulk writes.

export const rectAddress = (r: Rect): string => rangeAddress(r.top, r.left, r.bottom, r.right);

/**
 * Covers a set of cells with few rectangles: runs of adjacent cells in a row, and runs with the
 * same columns on consecutive rows merged into one. Every cell is in exactly one rectangle; no
 * rectangle holds a cell not in the set.
 */
export function rectangles(cells: readonly { row: number; column: number }[]): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const { row, column } of cells) byRow.set(row, [...(byRow.get(row) ?? []), column]);
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const columns = [...new Set(byRow.get(row))].sort((a, b) => a - b);
    const next = new Map<string, Rect>();
    for (let i = 0; i < columns.length;) {
      let j = i;
      while (j + 1 < columns.length && columns[j + 1] === columns[j] + 1) j++;
      const key = `${columns[i]}:${columns[j]}`;
      const above = open.get(key);
      if (above && above.bottom === row - 1) {
        above.bottom = row;
        next.set(key, above);
        open.delete(key);
      } else next.set(key, { top: row, left: columns[i], bottom: row, right: columns[j] });
      i = j + 1;
    }
    done.push(...open.values());
    open = next;
  }
  return [...done, ...open.values()];
}

// ---------------------------------------------------------------------------------------------
// The Sources & assumptions sheet.

export interface SharingStamp {
  asOf: string;
  version: string;
  /** Cells whose DEAL formulas became values. */
  replaced: number;
}

/** A record as the plan cell it was written from (value and note do not matter to the list). */
function placedDatum(record: SourceRecord): PlacedDatum {
  const { row, column } = parseCellAddress(record.address);
  const ref = new Ref(record.sheet, row, column);
  const value =
    isErrorValue(record.value) || typeof record.value === "boolean" ? null : record.value;
  const format = record.format ? { format: record.format } : {};
  if (record.kind === "fact") {
    const source = record.source ?? { document: "", section: "", status: "" };
    return {
      ref,
      cell: { kind: "input", label: record.label, value: value ?? "", source, note: "", ...format },
    };
  }
  const cell: AssumptionCell = {
    kind: "assumption",
    key: record.key ?? "",
    label: record.label,
    value,
    rationale: record.rationale ?? "",
    missing: Boolean(record.missing),
    note: "",
    ...format,
  };
  return { ref, cell };
}

/**
 * The Sources & assumptions sheet for a prepared workbook: the templates' own list (each value a
 * link to the cell that holds it), then when and by which version it was prepared, and every cell
 * that showed an error.
 */
export function sourcesSheet(
  records: readonly SourceRecord[],
  errors: readonly ErrorCell[],
  stamp: SharingStamp,
  name = SOURCES_SHEET
): PlannedSheet {
  const deals =
    [...new Set(records.map((r) => r.dealId).filter(Boolean))].join(", ") || "none recorded";
  const wb = new WorkbookBuilder({
    template: "prepare-for-sharing",
    title: SOURCES_SHEET,
    dealId: deals,
    asOf: stamp.asOf,
  });
  wb.placed.push(...records.map(placedDatum));
  templateSourcesSheet(wb);
  const sheet = wb.build().sheets[0];

  const lines: (PlanCell | null)[][] = [
    [],
    [label("Prepared for sharing", "section")],
    [
      label(
        `Prepared ${stamp.asOf} by DealLoop ${stamp.version}: ${stamp.replaced} cell(s) with DEAL.* formulas now hold ` +
          "their values. Restore formulas (DealLoop taskpane) puts the formulas back.",
        "note"
      ),
    ],
    [],
    [label(`Cells showing errors when prepared: ${errors.length}`, "section")],
    ["Cell", "Error", "Formula"].map(header),
    ...(errors.length === 0 ? [[label("None", "note")]] : []),
    ...errors.map((e) => [
      label(cellReference(e.sheet, e.address)),
      label(e.error, "warning"),
      ...(e.formula ? [label(e.formula)] : []),
    ]),
  ];
  const width = sheet.columnWidths.length;
  const rows = [
    ...sheet.rows,
    ...lines.map((line) => [...line, ...new Array<null>(width - line.length).fill(null)]),
  ];
  return {
    ...sheet,
    name,
    rows,
    print: { ...sheet.print, area: rangeAddress(1, 1, rows.length, width) },
  };
}
