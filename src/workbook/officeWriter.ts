/**
 * Writes a sheet plan into the open workbook through Office.js: new sheets only, never touching
 * what is already there, in a fixed number of context.sync() calls, atomically.
 *
 * Syncs (no sync inside a loop):
 *   1. read: the names of the sheets and defined names that exist;
 *   2. write: everything, as bulk 2-D range operations, with calculation suspended;
 *   3. verify and activate: each new sheet's used range and each new name, read back.
 * Three in all for every realistic template. Excel on the web refuses a request over 5 MB, so the
 * write is packed into batches of at most 4 MB by estimated size (officeChunks.ts). Measured on
 * every template for every built-in deal: 60–970 cells, 17–151 KB of requests (the IC summary is
 * the largest), one batch. Only a plan of tens of thousands of text cells needs more, and then
 * the write takes one sync per batch (2 + batches in all), each under the limit.
 *
 * Text is always text: every string constant is written with a leading apostrophe. Range.values
 * and Range.formulas take a string as if the user typed it, so "=1+1", "+44 20…", "-5%",
 * "@handle", "2023-09" or "TRUE" would otherwise become a formula, a number, a date or a
 * boolean. The apostrophe is Excel's own marker for "store what follows as text": the cell holds
 * the string without it (its quote-prefix flag set) in every Excel, desktop and web. A Text
 * number format ("@") set first was not chosen: whether Range.values honours it is not
 * documented, and it would turn later typed numbers in those cells into text.
 *
 * Atomic: if a write batch or the verification fails, the sheets and names this insert created
 * are deleted and an InsertError says what failed. When the failure is in a batch whose effects
 * are unknown (Office applies a failing batch's operations up to the one that failed), the
 * cleanup first reads which of ours exist (one sync), then deletes them (one sync); otherwise the
 * deletion is one sync.
 *
 * Requirement sets: ExcelApi 1.9 (setCellProperties, pageLayout), 1.7 (freezePanes), 1.6
 * (suspendApiCalculationUntilNextSync), 1.4 (names.add), 1.2 (sheet visibility). Cell notes use
 * worksheet.notes (ExcelApi 1.18) where available, else threaded comments (ExcelApi 1.10), else
 * none: every citation is also in the column beside its input. Manual page breaks
 * (horizontalPageBreaks, 1.9) and hidden legend entries (1.7) are checked for on their own. Charts and the capital-flow
 * picture are queued with their sheet's write (officeCharts.ts: ExcelApi 1.7–1.9), so they add
 * no sync and are deleted with their sheet on rollback.
 */
import { cellAddress, rangeAddress, sheetPrefix } from "../templates/a1";
import { PlanCell, PlannedSheet, SheetPlan } from "../templates/plan";
import { renameReferences } from "./formulaTokens";
import { toOfficeFormula } from "./formulaText";
import { chartOp, diagramOp } from "./officeCharts";
import { op, packBatches, QueuedOp, rowBlocks, SYNC_BUDGET } from "./officeChunks";
import { cellText, checkFormulaLength } from "./limits";
import { headerFooterSections } from "./print";
import { PROVENANCE_HEADER, PROVENANCE_SHEET, provenanceLink, provenanceRows } from "./share";
import { NameSet, uniqueDefinedName, uniqueSheetName } from "./sheetNames";
import { CellLook, lookOf } from "./styles";
import { listError, listSource } from "./validation";

export interface WriterCapabilities {
  /** How cell notes are written: worksheet notes (ExcelApi 1.18), threaded comments (1.10), or not at all. */
  notes: "notes" | "comments" | "none";
  /** Range.getSpillingToRangeOrNullObject (ExcelApi 1.12): dynamic arrays can be found. */
  spill: boolean;
  /** Worksheet.horizontalPageBreaks (ExcelApi 1.9): the plan's manual page breaks. */
  pageBreaks: boolean;
  /** ChartLegendEntry.visible (ExcelApi 1.7): an invisible series' legend entry hidden. */
  legendEntries: boolean;
}

/** What the running Excel supports (everything off outside Office). */
export function officeCapabilities(): WriterCapabilities {
  const supported = (version: string): boolean =>
    typeof Office !== "undefined" &&
    Boolean(Office.context?.requirements?.isSetSupported("ExcelApi", version));
  // A page break and a hidden legend entry only polish the print and a legend: asked for only
  // where the host has them, so that a host without them still inserts everything else.
  return {
    notes: supported("1.18") ? "notes" : supported("1.10") ? "comments" : "none",
    spill: supported("1.12"),
    pageBreaks: supported("1.9"),
    legendEntries: supported("1.7"),
  };
}

export interface Progress {
  phase: "reading" | "writing" | "verifying" | "cleaning up";
  /** Syncs done so far and the syncs the job needs (known once the read is done). */
  done: number;
  total: number;
}

export interface InsertOptions {
  onProgress?: (progress: Progress) => void;
  capabilities?: WriterCapabilities;
  /** Bytes per write sync (tests lower it to force chunking). */
  budget?: number;
}

export interface Placed {
  planned: string;
  actual: string;
}

export interface InsertResult {
  sheets: Placed[];
  names: Placed[];
  /** The very hidden provenance sheet this insert added (none when the plan has no inputs). */
  provenanceSheet?: string;
  syncs: number;
  writeBatches: number;
  /** Estimated request bytes of the whole write. */
  writeBytes: number;
}

export class InsertError extends Error {
  constructor(
    message: string,
    readonly rolledBack: boolean,
    override readonly cause?: unknown
  ) {
    super(message);
    this.name = "InsertError";
  }
}

// ---------------------------------------------------------------------------------------------
// Cells as Office.js entries.

/** What a 2-D write puts in a cell: a formula ("=…"), a constant, or null to leave the cell alone. */
export type Entry = string | number | boolean | null;

/** A constant as Range.formulas/values must receive it: text behind an apostrophe (see the header). */
export function constantEntry(value: string | number | boolean): Entry {
  if (typeof value === "number" && !Number.isFinite(value))
    throw new RangeError(`${value} cannot be written to a cell`);
  if (typeof value !== "string") return value;
  const text = cellText(value);
  return text === "" ? null : `'${text}`;
}

export function formulaEntry(formula: string): Entry {
  const entry = toOfficeFormula(formula);
  checkFormulaLength(entry);
  return entry;
}

function planEntry(cell: PlanCell, rename: (formula: string) => string): Entry {
  switch (cell.kind) {
    case "label":
      return constantEntry(cell.live ?? cell.text);
    case "input":
      return constantEntry(cell.value);
    case "assumption":
      // A missing fact shows #N/A in every dependant until the user fills it: never a silent zero.
      return cell.value === null ? "=NA()" : constantEntry(cell.value);
    case "formula":
      return formulaEntry(rename(cell.formula));
    // Live here: the add-in that inserts it computes it (sharing freezes it); a cell its spill
    // fills is left empty for it (a value there would block the spill).
    case "addin":
      return cell.formula === undefined ? null : formulaEntry(rename(cell.formula));
  }
}

const noteOf = (cell: PlanCell): string | undefined =>
  cell.kind === "input" || cell.kind === "assumption" || cell.kind === "label"
    ? (cell.note && cellText(cell.note)) || undefined
    : undefined;

const BORDER_COLOR = "#808080";
const ALIGN = { left: "Left", center: "Center", right: "Right" } as const;

/** A plan look as Office.js cell properties (the counterpart of the ExcelJS writer's styles). */
export function lookProperties(look: CellLook): Excel.SettableCellProperties {
  const font: Excel.CellPropertiesFont = { color: `#${look.fontColor}` };
  if (look.bold) font.bold = true;
  if (look.italic) font.italic = true;
  if (look.size) font.size = look.size;
  const format: Excel.CellPropertiesFormat = { font };
  if (look.fill) format.fill = { color: `#${look.fill}` };
  if (look.borderBottom)
    format.borders = { bottom: { style: "Continuous", weight: "Thin", color: BORDER_COLOR } };
  if (look.align) format.horizontalAlignment = ALIGN[look.align];
  // Excel grows a row to fit wrapped text itself (the .xlsx writer sets heights by hand).
  if (look.wrap) format.wrapText = true;
  return { format };
}

/** Column width in characters (as the plan and ExcelJS give it) → points (as Office.js takes it), for Calibri 11. */
export const widthInPoints = (characters: number): number => (characters * 7 + 5) * 0.75;

// ---------------------------------------------------------------------------------------------
// The operations that write one sheet.

/** Each 2-D block is kept to a quarter of a batch so that blocks pack well. */
const blockBudget = (budget: number) => Math.floor(budget / 4);

export interface SheetWrite {
  context: Excel.RequestContext;
  sheet: PlannedSheet;
  /** The name it gets in the workbook. */
  actual: string;
  handle: () => Excel.Worksheet;
  rename: (formula: string) => string;
}

interface Extent {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The entries of a sheet, validated, and the rectangle that holds its content (undefined if empty). */
function sheetEntries({ sheet, rename }: SheetWrite): { entries: Entry[][]; extent?: Extent } {
  let extent: Extent | undefined;
  const entries = sheet.rows.map((cells, r) =>
    cells.map((cell, c) => {
      if (!cell) return null;
      let entry: Entry;
      try {
        entry = planEntry(cell, rename);
      } catch (error) {
        throw new Error(`${sheet.name}!${cellAddress(r + 1, c + 1)}: ${(error as Error).message}`);
      }
      if (entry !== null) {
        const [row, column] = [r + 1, c + 1];
        extent = extent
          ? {
              top: Math.min(extent.top, row),
              left: Math.min(extent.left, column),
              bottom: Math.max(extent.bottom, row),
              right: Math.max(extent.right, column),
            }
          : { top: row, left: column, bottom: row, right: column };
      }
      return entry;
    })
  );
  return { entries, extent };
}

/**
 * Bulk operations for one new sheet: column widths (runs of equal widths), then per block of
 * rows one numberFormat, one formulas and one setCellProperties write over the whole width,
 * then notes (Office.js has no bulk form for them), frozen panes, page setup and charts.
 */
export function sheetOps(
  write: SheetWrite,
  capabilities: WriterCapabilities,
  budget = SYNC_BUDGET
): { ops: QueuedOp[]; extent?: Extent } {
  const { context, sheet, actual, handle } = write;
  const { entries, extent } = sheetEntries(write);
  const ops: QueuedOp[] = [];
  const where = (r0: number, r1: number, width: number) =>
    `${sheetPrefix(actual)}${rangeAddress(r0 + 1, 1, r1, Math.max(width, 1))}`;

  for (let c = 0; c < sheet.columnWidths.length;) {
    let end = c;
    while (
      end + 1 < sheet.columnWidths.length &&
      sheet.columnWidths[end + 1] === sheet.columnWidths[c]
    )
      end++;
    const [start, count, points] = [c, end - c + 1, widthInPoints(sheet.columnWidths[c])];
    ops.push(
      op(
        `set column widths on ${actual}`,
        points,
        () => {
          handle().getRangeByIndexes(0, start, 1, count).format.columnWidth = points;
        },
        3
      )
    );
    c = end + 1;
  }

  const width = sheet.rows.reduce((most, row) => Math.max(most, row.length), 0);
  const formats = sheet.rows.map((cells) =>
    cells.map((cell) => (cell && "format" in cell && cell.format ? cell.format : null))
  );
  const looks = sheet.rows.map((cells) =>
    cells.map((cell) => (cell ? lookProperties(lookOf(cell)) : {}))
  );
  const rowSize = (r: number) =>
    JSON.stringify(entries[r]).length +
    JSON.stringify(formats[r]).length +
    JSON.stringify(looks[r]).length;
  if (width > 0) {
    for (const [r0, r1] of rowBlocks(
      sheet.rows.map((_, r) => rowSize(r)),
      blockBudget(budget)
    )) {
      const range = () => handle().getRangeByIndexes(r0, 0, r1 - r0, width);
      const block = <T>(rows: T[][]) => rows.slice(r0, r1);
      const pad = <T>(rows: T[][], fill: T) =>
        block(rows).map((row) => [...row, ...new Array<T>(width - row.length).fill(fill)]);
      const numberFormats = pad(formats, null);
      if (numberFormats.some((row) => row.some((f) => f !== null))) {
        ops.push(
          op(`set number formats on ${where(r0, r1, width)}`, numberFormats, () => {
            range().numberFormat = numberFormats;
          })
        );
      }
      const formulas = pad(entries, null);
      if (formulas.some((row) => row.some((e) => e !== null))) {
        ops.push(
          op(`write ${where(r0, r1, width)}`, formulas, () => {
            range().formulas = formulas;
          })
        );
      }
      const properties = pad(looks, {});
      ops.push(
        op(`style ${where(r0, r1, width)}`, properties, () => {
          range().setCellProperties(properties);
        })
      );
    }
  }

  if (capabilities.notes !== "none") {
    sheet.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        const note = cell && noteOf(cell);
        if (!note) return;
        const address = cellAddress(r + 1, c + 1);
        ops.push(
          op(
            `add a note to ${actual}!${address}`,
            note,
            () => {
              const target = handle().getRange(address);
              if (capabilities.notes === "notes") handle().notes.add(target, note);
              else context.workbook.comments.add(target, note);
            },
            3
          )
        );
      })
    );
  }

  sheet.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (cell?.kind !== "assumption" || !cell.validation) return;
      const address = cellAddress(r + 1, c + 1);
      const source = listSource(cell.validation);
      const message = listError(cell.validation);
      ops.push(
        op(
          `add a dropdown to ${actual}!${address}`,
          source,
          () => {
            const validation = handle().getRange(address).dataValidation;
            validation.rule = { list: { inCellDropDown: true, source } };
            validation.errorAlert = {
              showAlert: true,
              style: "Stop",
              title: cell.label.slice(0, 32),
              message,
            };
          },
          3
        )
      );
    })
  );

  const { rows: frozenRows, columns: frozenColumns } = sheet.freeze;
  if (frozenRows > 0 || frozenColumns > 0) {
    ops.push(
      op(
        `freeze panes on ${actual}`,
        sheet.freeze,
        () => {
          const panes = handle().freezePanes;
          if (frozenColumns === 0) panes.freezeRows(frozenRows);
          else if (frozenRows === 0) panes.freezeColumns(frozenColumns);
          else panes.freezeAt(handle().getRangeByIndexes(0, 0, frozenRows, frozenColumns));
        },
        3
      )
    );
  }

  const { print } = sheet;
  ops.push(
    op(
      `set up printing on ${actual}`,
      print,
      () => {
        const layout = handle().pageLayout;
        layout.setPrintArea(print.area);
        layout.orientation = print.landscape ? "Landscape" : "Portrait";
        layout.zoom = { horizontalFitToPages: print.fitToWidth };
        // As the .xlsx writer: a sheet pages wide prints across first, beside its row labels.
        if (print.fitToWidth > 1) layout.printOrder = "OverThenDown";
        const pages = layout.headersFooters.defaultForAllPages;
        if (print.header) {
          [pages.leftHeader, pages.centerHeader, pages.rightHeader] = headerFooterSections(
            print.header
          );
        }
        if (print.footer) {
          [pages.leftFooter, pages.centerFooter, pages.rightFooter] = headerFooterSections(
            print.footer
          );
        }
      },
      12
    )
  );
  const breaks = print.rowBreaks ?? [];
  if (capabilities.pageBreaks && breaks.length > 0) {
    ops.push(
      op(
        `break the pages of ${actual}`,
        breaks,
        () => {
          // A break goes above the range's top-left cell: "before row r" is above A{r}.
          const pageBreaks = handle().horizontalPageBreaks;
          for (const row of breaks) pageBreaks.add(cellAddress(row, 1));
        },
        breaks.length
      )
    );
  }
  for (const chart of sheet.charts ?? [])
    ops.push(chartOp(actual, handle, chart, capabilities.legendEntries));
  for (const diagram of sheet.diagrams ?? [])
    ops.push(diagramOp(actual, handle, sheet, diagram, widthInPoints));
  return { ops, extent };
}

// ---------------------------------------------------------------------------------------------
// Sheets and names that exist, and what a job created (for the cleanup).

export interface Existing {
  sheets: NameSet;
  names: NameSet;
}

/** Queues the read of existing sheet and defined names; call `read()` after the sync. */
export function queueExistingNames(context: Excel.RequestContext): () => Existing {
  const sheets = context.workbook.worksheets.load("items/name");
  const names = context.workbook.names.load("items/name");
  return () => ({
    sheets: new NameSet(sheets.items.map((s) => s.name)),
    names: new NameSet(names.items.map((n) => n.name)),
  });
}

/** What a job added to the workbook, each with whether it certainly exists (its batch succeeded). */
export class Created {
  readonly sheets: { name: string; certain: boolean }[] = [];
  readonly names: { name: string; certain: boolean }[] = [];

  /** Ops of a batch that succeeded: their sheets and names exist. */
  confirm(): void {
    for (const item of [...this.sheets, ...this.names]) item.certain = true;
  }

  get empty(): boolean {
    return this.sheets.length === 0 && this.names.length === 0;
  }
}

/** Deletes what `created` holds: one sync if every item is known to exist, else a read first. */
export async function removeCreated(
  context: Excel.RequestContext,
  created: Created,
  sync: () => Promise<void>
): Promise<void> {
  if (created.empty) return;
  let sheets = created.sheets.map((s) => s.name);
  let names = created.names.map((n) => n.name);
  if ([...created.sheets, ...created.names].some((item) => !item.certain)) {
    const read = queueExistingNames(context);
    await sync();
    const existing = read();
    sheets = sheets.filter((name) => existing.sheets.has(name));
    names = names.filter((name) => existing.names.has(name));
  }
  for (const name of names) context.workbook.names.getItem(name).delete();
  for (const name of sheets) {
    const sheet = context.workbook.worksheets.getItem(name);
    // A very hidden sheet cannot be deleted; hidden can.
    sheet.visibility = "Hidden";
    sheet.delete();
  }
  await sync();
}

/** The Office error's own words, with where Excel says it happened. */
export function describeOfficeError(error: unknown): string {
  const e = error as { message?: string; code?: string; debugInfo?: { errorLocation?: string } };
  const where = e.debugInfo?.errorLocation ? ` (at ${e.debugInfo.errorLocation})` : "";
  const code = e.code && !e.message?.includes(e.code) ? `${e.code}: ` : "";
  return `${code}${e.message ?? String(error)}${where}`;
}

/** Counts syncs and reports progress. */
export class SyncCounter {
  count = 0;
  total = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly onProgress?: (progress: Progress) => void
  ) {}

  async sync(phase: Progress["phase"]): Promise<void> {
    await this.context.sync();
    this.count += 1;
    this.total = Math.max(this.total, this.count);
    this.onProgress?.({ phase, done: this.count, total: this.total });
  }
}

// ---------------------------------------------------------------------------------------------
// insertPlan

interface Placement {
  sheets: Placed[];
  names: Placed[];
  provenanceSheet?: string;
  rename: (formula: string) => string;
}

function place(plan: SheetPlan, existing: Existing, withProvenance: boolean): Placement {
  const taken = existing.sheets;
  const sheets = plan.sheets.map((s) => {
    const actual = uniqueSheetName(s.name, taken);
    taken.add(actual);
    return { planned: s.name, actual };
  });
  const names = plan.names.map((n) => {
    const actual = uniqueDefinedName(n.name, existing.names);
    existing.names.add(actual);
    return { planned: n.name, actual };
  });
  const renamed = (placed: Placed[]) =>
    new Map(
      placed.filter((p) => p.planned !== p.actual).map((p) => [p.planned.toLowerCase(), p.actual])
    );
  const [sheetRenames, nameRenames] = [renamed(sheets), renamed(names)];
  const provenanceSheet = withProvenance ? uniqueSheetName(PROVENANCE_SHEET, taken) : undefined;
  return {
    sheets,
    names,
    ...(provenanceSheet ? { provenanceSheet } : {}),
    rename: (formula) => renameReferences(formula, sheetRenames, nameRenames),
  };
}

/** Adds a worksheet and returns a lazy handle to it (valid once its op is queued). */
export function addSheetOp(
  context: Excel.RequestContext,
  name: string,
  created: Created,
  handles: Map<string, Excel.Worksheet>
): QueuedOp {
  return op(
    `add sheet ${name}`,
    name,
    () => {
      handles.set(name, context.workbook.worksheets.add(name));
      created.sheets.push({ name, certain: false });
    },
    1
  );
}

function provenanceOps(
  plan: SheetPlan,
  placement: Placement,
  handle: () => Excel.Worksheet,
  budget: number
): QueuedOp[] {
  const actualOf = new Map(placement.sheets.map((p) => [p.planned, p.actual]));
  const rows = provenanceRows(plan);
  const entries: Entry[][] = [
    PROVENANCE_HEADER.map((h) => constantEntry(h)),
    ...rows.map((row) => [
      provenanceLink(actualOf.get(row.sheet) as string, row.address),
      ...row.fields.map((field) => constantEntry(field)),
    ]),
  ];
  const formats: (string | null)[][] = [[null], ...rows.map((row) => [row.format ?? null])];
  const width = PROVENANCE_HEADER.length;
  const ops: QueuedOp[] = [];
  for (const [r0, r1] of rowBlocks(
    entries.map((e) => JSON.stringify(e).length),
    blockBudget(budget)
  )) {
    const [block, blockFormats] = [entries.slice(r0, r1), formats.slice(r0, r1)];
    ops.push(
      op(
        `record sources on ${placement.provenanceSheet}`,
        [block, blockFormats],
        () => {
          handle().getRangeByIndexes(r0, 0, r1 - r0, 1).numberFormat = blockFormats;
          handle().getRangeByIndexes(r0, 0, r1 - r0, width).formulas = block;
        },
        4
      )
    );
  }
  ops.push(
    op(
      `hide ${placement.provenanceSheet}`,
      "VeryHidden",
      () => {
        handle().visibility = "VeryHidden";
      },
      1
    )
  );
  return ops;
}

/**
 * Inserts `plan` as new sheets of the open workbook (see the header for the syncs, the payload
 * limit and atomicity). Throws InsertError, with the workbook left as it was, when anything fails.
 */
export async function insertPlan(
  context: Excel.RequestContext,
  plan: SheetPlan,
  onProgress?: InsertOptions["onProgress"] | InsertOptions
): Promise<InsertResult> {
  const options: InsertOptions =
    typeof onProgress === "function" ? { onProgress } : (onProgress ?? {});
  const capabilities = options.capabilities ?? officeCapabilities();
  const budget = options.budget ?? SYNC_BUDGET;
  const counter = new SyncCounter(context, options.onProgress);
  const created = new Created();
  const fail = async (stage: string, error: unknown): Promise<never> => {
    const reason = `Inserting "${plan.title}" failed while ${stage}: ${describeOfficeError(error)}`;
    try {
      await removeCreated(context, created, () => counter.sync("cleaning up"));
    } catch (cleanup) {
      const left = [...created.sheets, ...created.names].map((item) => item.name).join(", ");
      throw new InsertError(
        `${reason}. Removing what it had added also failed (${describeOfficeError(cleanup)}); check for: ${left}.`,
        false,
        error
      );
    }
    throw new InsertError(`${reason}. The workbook is as it was.`, true, error);
  };

  // Sync 1: what exists.
  const readExisting = queueExistingNames(context);
  try {
    await counter.sync("reading");
  } catch (error) {
    return fail("reading the workbook's sheet names", error);
  }

  // Everything below is computed before any write, so a bad plan changes nothing.
  const handles = new Map<string, Excel.Worksheet>();
  const handleOf = (name: string) => () => handles.get(name) as Excel.Worksheet;
  let placement: Placement;
  let writeOps: QueuedOp[];
  const extents = new Map<string, Extent | undefined>();
  try {
    const withProvenance = provenanceRows(plan).length > 0;
    placement = place(plan, readExisting(), withProvenance);
    const skeleton: QueuedOp[] = placement.sheets.map((p) =>
      addSheetOp(context, p.actual, created, handles)
    );
    if (placement.provenanceSheet)
      skeleton.push(addSheetOp(context, placement.provenanceSheet, created, handles));
    const nameOps = plan.names.map((n, i) => {
      const actual = placement.names[i].actual;
      const sheet = placement.sheets.find((p) => p.planned === n.sheet);
      if (!sheet)
        throw new Error(
          `defined name ${n.name} refers to sheet "${n.sheet}", which the plan does not have`
        );
      return op(
        `define ${actual}`,
        [actual, n.address],
        () => {
          context.workbook.names.add(
            actual,
            handleOf(sheet.actual)().getRange(n.address),
            `DealLoop · ${plan.template} · ${plan.dealId}`
          );
          created.names.push({ name: actual, certain: false });
        },
        3
      );
    });
    const content = plan.sheets.flatMap((sheet, i) => {
      const actual = placement.sheets[i].actual;
      const write = { context, sheet, actual, handle: handleOf(actual), rename: placement.rename };
      const { ops, extent } = sheetOps(write, capabilities, budget);
      extents.set(actual, extent);
      return ops;
    });
    const provenance = placement.provenanceSheet
      ? provenanceOps(plan, placement, handleOf(placement.provenanceSheet), budget)
      : [];
    writeOps = [...skeleton, ...nameOps, ...content, ...provenance];
  } catch (error) {
    throw new InsertError(
      `Inserting "${plan.title}" was refused before anything was written: ${(error as Error).message}`,
      true,
      error
    );
  }

  // Sync 2 (or one per batch for a giant plan): the write.
  const batches = packBatches(writeOps, budget);
  counter.total = 2 + batches.length;
  for (const [i, batch] of batches.entries()) {
    context.application.suspendApiCalculationUntilNextSync();
    for (const item of batch) item.queue();
    try {
      await counter.sync("writing");
    } catch (error) {
      const stage =
        batches.length > 1
          ? `writing (batch ${i + 1} of ${batches.length}: ${batch[0].label} … ${batch[batch.length - 1].label})`
          : "writing";
      return fail(stage, error);
    }
    created.confirm();
  }

  // Last sync: read back what was written, and show the first new sheet.
  const used = placement.sheets.map((p) => ({
    ...p,
    range: handles.get(p.actual)!.getUsedRangeOrNullObject(true).load("address"),
  }));
  const names = placement.names.map((n) => ({
    ...n,
    item: context.workbook.names.getItemOrNullObject(n.actual).load("name"),
  }));
  if (placement.sheets.length > 0) handles.get(placement.sheets[0].actual)!.activate();
  try {
    await counter.sync("verifying");
    const problems = [
      ...used.flatMap(({ actual, range }) => {
        const extent = extents.get(actual);
        const expected = extent
          ? rangeAddress(extent.top, extent.left, extent.bottom, extent.right)
          : undefined;
        const found = range.isNullObject
          ? undefined
          : range.address.slice(range.address.lastIndexOf("!") + 1);
        return found === expected
          ? []
          : [`${actual} holds ${found ?? "nothing"}, expected ${expected ?? "nothing"}`];
      }),
      ...names.flatMap(({ actual, item }) =>
        item.isNullObject ? [`the name ${actual} is missing`] : []
      ),
    ];
    if (problems.length > 0)
      throw new Error(`the workbook does not hold what was written: ${problems.join("; ")}`);
  } catch (error) {
    return fail("verifying", error);
  }

  return {
    sheets: placement.sheets,
    names: placement.names,
    ...(placement.provenanceSheet ? { provenanceSheet: placement.provenanceSheet } : {}),
    syncs: counter.count,
    writeBatches: batches.length,
    writeBytes: writeOps.reduce((sum, item) => sum + item.size, 0),
  };
}
