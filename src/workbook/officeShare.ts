/**
 * Prepare for sharing and Restore formulas in the open workbook, through Office.js (the logic is
 * in share.ts; this file reads and writes).
 *
 * Reading is bulk: the sheet list (one sync), each sheet's used range (one sync), then the used
 * ranges' formulas, values and value types in blocks of rows, as many blocks per sync as fit a
 * cell budget (halved and retried when Excel refuses a response as too large), then the spill
 * range of each DEAL cell (ExcelApi 1.12) in one sync. Nothing is written until the whole
 * workbook is read and the caller has seen the scan (`confirm`).
 *
 * Writing goes in as few syncs as the 4 MB request budget allows: the `_DealLoop` record first
 * (very hidden), then the Sources & assumptions sheet, then the DEAL cells, each rectangle of
 * them written as one 2-D `values` write, which replaces the formula and keeps the cell's number
 * format and style. A dynamic array's whole spill range gets its values, so every number it
 * showed stays. If a write fails, every cell is given its formula back and the added sheets are
 * removed; the error says so.
 *
 * Restore reads the record, checks each cell still holds a value (a cell the user has since given
 * a formula of their own is left alone and reported), clears each recorded spill range, writes
 * the formulas back as 2-D `formulas` writes, and removes the record and the Sources sheet last,
 * so a failed restore can simply be run again.
 */
import { op, packBatches, QueuedOp, rowBlocks, SYNC_BUDGET } from "./officeChunks";
import {
  addSheetOp,
  constantEntry,
  Created,
  describeOfficeError,
  Entry,
  officeCapabilities,
  Progress,
  removeCreated,
  sheetOps,
  SyncCounter,
  WriterCapabilities,
} from "./officeWriter";
import { parseRange, Rect } from "../templates/a1";
import {
  ADDIN_VERSION,
  CellScalar,
  DealCell,
  decodeShareRecord,
  encodeShareRecord,
  isDealLoopSheet,
  isErrorValue,
  parseProvenance,
  PrepareResult,
  PROVENANCE_SHEET,
  rectAddress,
  rectangles,
  refusal,
  restoreAction,
  RestoreResult,
  scanGrid,
  SHARE_RECORD_SHEET,
  ShareEntry,
  ShareError,
  ShareRecord,
  shareRecord,
  ShareScan,
  SOURCES_SHEET,
  stillCalculating,
  TYPABLE_ERRORS,
} from "./share";
import { NameSet, uniqueSheetName } from "./sheetNames";

export interface ShareOptions {
  /** The stamp written on the Sources sheet and in the record (default: now, ISO). */
  asOf?: string;
  version?: string;
  onProgress?: (progress: Progress) => void;
  /** Shown the scan before anything changes; return false to stop with nothing changed. */
  confirm?: (scan: ShareScan) => boolean | Promise<boolean>;
  capabilities?: WriterCapabilities;
  /** Cells read per sync (halved automatically when Excel refuses a response as too large). */
  cellsPerRead?: number;
  /** Request bytes per write sync. */
  budget?: number;
}

const DEFAULT_CELLS_PER_READ = 50_000;

// ---------------------------------------------------------------------------------------------
// Reading.

interface SheetInfo {
  name: string;
  /** 0-based, as Office.js gives it. */
  used?: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number };
}

async function readSheets(
  context: Excel.RequestContext,
  counter: SyncCounter
): Promise<SheetInfo[]> {
  const sheets = context.workbook.worksheets.load("items/name");
  await counter.sync("reading");
  const used = sheets.items.map((sheet) => ({
    name: sheet.name,
    range: sheet.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"),
  }));
  await counter.sync("reading");
  return used.map(({ name, range }) => ({
    name,
    ...(range.isNullObject
      ? {}
      : {
          used: {
            rowIndex: range.rowIndex,
            columnIndex: range.columnIndex,
            rowCount: range.rowCount,
            columnCount: range.columnCount,
          },
        }),
  }));
}

interface Block {
  sheet: string;
  /** 0-based. */
  row: number;
  column: number;
  rows: number;
  columns: number;
}

interface BlockData {
  formulas: unknown[][];
  values: CellScalar[][];
  numberFormat?: string[][];
}

const isPayloadError = (error: unknown): boolean =>
  (error as { code?: string }).code === "RequestPayloadSizeLimitExceeded" ||
  /payload size/i.test((error as { message?: string }).message ?? "");

/**
 * The formulas of a block with text cells blanked: Range.formulas shows a text cell's text, so
 * text typed as '=DEAL.X(1) reads like a formula. A cell is taken as text when its value is a
 * string equal to what formulas shows (a formula's result cannot be its own text in practice).
 */
function formulasOnly(data: BlockData): unknown[][] {
  return data.formulas.map((row, r) =>
    row.map((formula, c) =>
      typeof formula === "string" && data.values[r]?.[c] === formula ? null : formula
    )
  );
}

/** Office.js values with their value types: an error becomes { error }, an empty cell null. */
function typedValues(values: unknown[][], types: string[][]): CellScalar[][] {
  return values.map((row, r) =>
    row.map((value, c) => {
      const type = types[r]?.[c];
      if (type === "Error") return { error: String(value) };
      if (type === "Empty") return null;
      return value as CellScalar;
    })
  );
}

/** A row slice of a wanted block: `offset` rows below its top. */
interface Slice extends Block {
  of: Block;
  offset: number;
}

/** A block cut into row slices of at most `budget` cells (at least one row each). */
function slices(block: Block, budget: number, of: Block = block, offset = 0): Slice[] {
  const rows = Math.max(1, Math.floor(budget / Math.max(1, block.columns)));
  const out: Slice[] = [];
  for (let r = 0; r < block.rows; r += rows) {
    out.push({
      ...block,
      row: block.row + r,
      rows: Math.min(rows, block.rows - r),
      of,
      offset: offset + r,
    });
  }
  return out;
}

/**
 * Reads blocks of cells, as many per sync as `cellsPerRead` allows; when Excel refuses a
 * response as too large, halves the budget (cutting blocks into smaller row slices) and tries
 * again.
 */
async function readBlocks(
  context: Excel.RequestContext,
  counter: SyncCounter,
  wanted: readonly Block[],
  withFormats: (sheet: string) => boolean,
  cellsPerRead: number
): Promise<Map<Block, BlockData>> {
  const parts = new Map<Block, { offset: number; data: BlockData }[]>(
    wanted.map((block) => [block, []])
  );
  let budget = cellsPerRead;
  let queue = wanted.flatMap((block) => slices(block, budget));
  while (queue.length > 0) {
    const round: { slice: Slice; range: Excel.Range }[] = [];
    let cells = 0;
    while (
      queue.length > 0 &&
      (round.length === 0 || cells + queue[0].rows * queue[0].columns <= budget)
    ) {
      const slice = queue.shift() as Slice;
      const fields = [
        "formulas",
        "values",
        "valueTypes",
        ...(withFormats(slice.sheet) ? ["numberFormat"] : []),
      ];
      const range = context.workbook.worksheets
        .getItem(slice.sheet)
        .getRangeByIndexes(slice.row, slice.column, slice.rows, slice.columns)
        .load(fields);
      round.push({ slice, range });
      cells += slice.rows * slice.columns;
    }
    try {
      await counter.sync("reading");
    } catch (error) {
      if (!isPayloadError(error) || (round.length === 1 && round[0].slice.rows === 1)) throw error;
      budget = Math.max(1, Math.floor(budget / 2));
      queue = [
        ...round.flatMap(({ slice }) => slices(slice, budget, slice.of, slice.offset)),
        ...queue,
      ];
      continue;
    }
    for (const { slice, range } of round) {
      const data: BlockData = {
        formulas: range.formulas,
        values: typedValues(range.values, range.valueTypes),
        ...(withFormats(slice.sheet) ? { numberFormat: range.numberFormat } : {}),
      };
      parts.get(slice.of)?.push({ offset: slice.offset, data });
    }
  }
  const glued = new Map<Block, BlockData>();
  for (const [block, list] of parts) {
    const ordered = list.sort((a, b) => a.offset - b.offset).map((p) => p.data);
    glued.set(block, {
      formulas: ordered.flatMap((p) => p.formulas),
      values: ordered.flatMap((p) => p.values),
      ...(withFormats(block.sheet)
        ? { numberFormat: ordered.flatMap((p) => p.numberFormat ?? []) }
        : {}),
    });
  }
  return glued;
}

/** Reads the whole workbook and scans it: nothing is written. */
async function scan(
  context: Excel.RequestContext,
  counter: SyncCounter,
  options: ShareOptions
): Promise<{
  scan: ShareScan;
  sheets: SheetInfo[];
  grids: Map<string, { block: Block; data: BlockData }>;
}> {
  const sheets = await readSheets(context, counter);
  const blocks: Block[] = sheets.flatMap(({ name, used }) =>
    used && name.toLowerCase() !== SHARE_RECORD_SHEET.toLowerCase()
      ? [
          {
            sheet: name,
            row: used.rowIndex,
            column: used.columnIndex,
            rows: used.rowCount,
            columns: used.columnCount,
          },
        ]
      : []
  );
  const isProvenance = (sheet: string) =>
    sheet.toLowerCase().startsWith(PROVENANCE_SHEET.toLowerCase());
  const read = await readBlocks(
    context,
    counter,
    blocks,
    isProvenance,
    options.cellsPerRead ?? DEFAULT_CELLS_PER_READ
  );
  const grids = new Map([...read].map(([block, data]) => [block.sheet, { block, data }]));

  const found: ShareScan = {
    deal: [],
    errors: [],
    calculating: [],
    sources: [],
    prepared: sheets.some((s) => s.name.toLowerCase() === SHARE_RECORD_SHEET.toLowerCase()),
    sheetsRead: blocks.length,
    cellsRead: blocks.reduce((sum, b) => sum + b.rows * b.columns, 0),
  };
  for (const { block, data } of grids.values()) {
    if (isProvenance(block.sheet)) {
      if (block.row === 0 && block.column === 0)
        found.sources.push(...parseProvenance(data.formulas, data.values, data.numberFormat));
      continue;
    }
    if (isDealLoopSheet(block.sheet)) continue;
    const { deal, errors } = scanGrid({
      sheet: block.sheet,
      top: block.row + 1,
      left: block.column + 1,
      formulas: formulasOnly(data),
      values: data.values,
    });
    found.deal.push(...deal);
    found.errors.push(...errors);
  }

  const capabilities = options.capabilities ?? officeCapabilities();
  if (capabilities.spill && found.deal.length > 0) {
    // One lookup per DEAL cell, packed into syncs by request size like any write.
    const looked: { cell: DealCell; spill: Excel.Range }[] = [];
    const lookups = found.deal.map((cell) =>
      op(
        `find the spill of ${cell.sheet}!${cell.address}`,
        [cell.sheet, cell.address],
        () => {
          const range = context.workbook.worksheets.getItem(cell.sheet).getRange(cell.address);
          looked.push({ cell, spill: range.getSpillingToRangeOrNullObject().load("address") });
        },
        4
      )
    );
    for (const batch of packBatches(lookups, options.budget ?? SYNC_BUDGET)) {
      for (const item of batch) item.queue();
      await counter.sync("reading");
    }
    for (const { cell, spill } of looked) {
      if (spill.isNullObject) continue;
      const address = spill.address.slice(spill.address.lastIndexOf("!") + 1).replace(/\$/g, "");
      if (address !== cell.address) cell.spill = address;
    }
  }
  found.calculating = stillCalculating(found.deal);
  return { scan: found, sheets, grids };
}

/** Reads and scans the workbook without changing anything: what prepare would do, and the errors. */
export async function scanForSharing(
  context: Excel.RequestContext,
  options: ShareOptions = {}
): Promise<ShareScan> {
  return (await scan(context, new SyncCounter(context, options.onProgress), options)).scan;
}

// ---------------------------------------------------------------------------------------------
// Writing.

/** What a frozen cell receives: its value; an error stays an error where Excel lets one be typed. */
function frozenEntry(value: CellScalar): Entry {
  if (value === null) return "";
  if (isErrorValue(value))
    return TYPABLE_ERRORS.includes(value.error) ? value.error : constantEntry(value.error);
  return typeof value === "string" && value === "" ? "" : constantEntry(value);
}

/** Grid value lookup: sheet → (row, column) 1-based → value as read. */
function valueReader(grids: Map<string, { block: Block; data: BlockData }>) {
  return (sheet: string, row: number, column: number): CellScalar => {
    const grid = grids.get(sheet);
    if (!grid) return null;
    return grid.data.values[row - 1 - grid.block.row]?.[column - 1 - grid.block.column] ?? null;
  };
}

/** The cells a DEAL cell's value covers: itself, or its whole spill range. */
function coveredCells(cell: DealCell): { row: number; column: number }[] {
  if (!cell.spill) return [{ row: cell.row, column: cell.column }];
  const r = parseRange(cell.spill);
  const cells: { row: number; column: number }[] = [];
  for (let row = r.top; row <= r.bottom; row++)
    for (let column = r.left; column <= r.right; column++) cells.push({ row, column });
  return cells;
}

/** 2-D writes of one rectangle split by rows to fit the budget. */
function rectOps(
  context: Excel.RequestContext,
  sheet: string,
  rect: Rect,
  entries: Entry[][],
  property: "values" | "formulas",
  budget: number
): QueuedOp[] {
  return rowBlocks(
    entries.map((row) => JSON.stringify(row).length),
    Math.floor(budget / 4)
  ).map(([r0, r1]) => {
    const part: Rect = { ...rect, top: rect.top + r0, bottom: rect.top + r1 - 1 };
    const data = entries.slice(r0, r1);
    return op(
      `${property === "values" ? "freeze" : "restore"} ${sheet}!${rectAddress(part)}`,
      data,
      () => {
        context.workbook.worksheets.getItem(sheet).getRange(rectAddress(part))[property] = data;
      }
    );
  });
}

function recordOps(
  context: Excel.RequestContext,
  record: ShareRecord,
  created: Created,
  handles: Map<string, Excel.Worksheet>,
  budget: number
): QueuedOp[] {
  const rows = encodeShareRecord(record).map((row) => row.map((text) => constantEntry(text)));
  const handle = () => handles.get(SHARE_RECORD_SHEET) as Excel.Worksheet;
  return [
    addSheetOp(context, SHARE_RECORD_SHEET, created, handles),
    ...rowBlocks(
      rows.map((row) => JSON.stringify(row).length),
      Math.floor(budget / 4)
    ).map(([r0, r1]) =>
      op(`record formulas in ${SHARE_RECORD_SHEET}`, rows.slice(r0, r1), () => {
        handle().getRangeByIndexes(r0, 0, r1 - r0, 4).formulas = rows.slice(r0, r1);
      })
    ),
    op(
      `hide ${SHARE_RECORD_SHEET}`,
      "VeryHidden",
      () => {
        handle().visibility = "VeryHidden";
      },
      1
    ),
  ];
}

/** Writes formulas back: spill ranges cleared first, then each rectangle of entries as one 2-D write. */
function restoreOps(
  context: Excel.RequestContext,
  entries: readonly ShareEntry[],
  budget: number
): QueuedOp[] {
  const ops: QueuedOp[] = [];
  for (const entry of entries.filter((e) => e.spill)) {
    ops.push(
      op(`clear ${entry.sheet}!${entry.spill}`, entry.spill, () => {
        context.workbook.worksheets
          .getItem(entry.sheet)
          .getRange(entry.spill as string)
          .clear("Contents");
      })
    );
  }
  const bySheet = new Map<string, Map<string, ShareEntry>>();
  for (const entry of entries) {
    const cells = bySheet.get(entry.sheet) ?? new Map<string, ShareEntry>();
    cells.set(entry.address, entry);
    bySheet.set(entry.sheet, cells);
  }
  for (const [sheet, cells] of bySheet) {
    const positions = [...cells.keys()]
      .map((address) => parseRange(address))
      .map((r) => ({ row: r.top, column: r.left }));
    for (const rect of rectangles(positions)) {
      const formulas: Entry[][] = [];
      for (let row = rect.top; row <= rect.bottom; row++) {
        const line: Entry[] = [];
        for (let column = rect.left; column <= rect.right; column++) {
          line.push(
            (
              cells.get(
                rectAddress({ top: row, left: column, bottom: row, right: column })
              ) as ShareEntry
            ).formula
          );
        }
        formulas.push(line);
      }
      ops.push(...rectOps(context, sheet, rect, formulas, "formulas", budget));
    }
  }
  return ops;
}

/** Runs ops in batches, each batch one sync with calculation suspended. Returns how many batches completed. */
async function runBatches(
  context: Excel.RequestContext,
  counter: SyncCounter,
  batches: QueuedOp[][],
  created: Created,
  onBatch?: (index: number) => void
): Promise<void> {
  counter.total = counter.count + batches.length;
  for (const [i, batch] of batches.entries()) {
    onBatch?.(i);
    context.application.suspendApiCalculationUntilNextSync();
    for (const item of batch) item.queue();
    await counter.sync("writing");
    created.confirm();
  }
}

/**
 * Prepares the open workbook for sharing (see the header). Refuses, changing nothing, when the
 * workbook is prepared already or a DEAL cell is still calculating; calls `confirm` with the scan
 * (errors included) before any change.
 */
export async function prepareForSharing(
  context: Excel.RequestContext,
  options: ShareOptions = {}
): Promise<PrepareResult & { syncs: number }> {
  const counter = new SyncCounter(context, options.onProgress);
  const budget = options.budget ?? SYNC_BUDGET;
  const read = await scan(context, counter, options);
  const found = read.scan;
  const refused = refusal(found);
  if (refused) throw refused;
  if (options.confirm && !(await options.confirm(found))) {
    return { status: "cancelled", scan: found, syncs: counter.count };
  }

  const sourcesName = uniqueSheetName(SOURCES_SHEET, new NameSet(read.sheets.map((s) => s.name)));
  const stamp = {
    asOf: options.asOf ?? new Date().toISOString(),
    version: options.version ?? ADDIN_VERSION,
  };
  const { record, sheet: planned } = shareRecord(found, stamp, sourcesName);

  const created = new Created();
  const handles = new Map<string, Excel.Worksheet>();
  const capabilities = options.capabilities ?? officeCapabilities();
  const valueAt = valueReader(read.grids);
  const freezeOps = [...groupBy(found.deal, (c) => c.sheet)].flatMap(([sheet, cells]) => {
    const covered = cells.flatMap(coveredCells);
    return rectangles(covered).flatMap((rect) => {
      const entries: Entry[][] = [];
      for (let row = rect.top; row <= rect.bottom; row++) {
        const line: Entry[] = [];
        for (let column = rect.left; column <= rect.right; column++)
          line.push(frozenEntry(valueAt(sheet, row, column)));
        entries.push(line);
      }
      return rectOps(context, sheet, rect, entries, "values", budget);
    });
  });
  const ops = [
    ...recordOps(context, record, created, handles, budget),
    addSheetOp(context, sourcesName, created, handles),
    ...sheetOps(
      {
        context,
        sheet: planned,
        actual: sourcesName,
        handle: () => handles.get(sourcesName) as Excel.Worksheet,
        rename: (f) => f,
      },
      capabilities,
      budget
    ).ops,
    ...freezeOps,
  ];
  const batches = packBatches(ops, budget);
  const freezing = new Set(freezeOps);
  let started = 0;
  try {
    await runBatches(context, counter, batches, created, (i) => (started = i));
  } catch (error) {
    // Cells may have been frozen in the failing batch or before: give every one its formula back.
    const frozeAny = batches
      .slice(0, started + 1)
      .some((batch) => batch.some((item) => freezing.has(item)));
    const reason = `Preparing for sharing failed while writing: ${describeOfficeError(error)}`;
    try {
      if (frozeAny) for (const item of restoreOps(context, record.entries, budget)) item.queue();
      await removeCreated(context, created, () => counter.sync("cleaning up"));
    } catch (undo) {
      throw new ShareError(
        `${reason}. Undoing it also failed (${describeOfficeError(undo)}): run Restore formulas to put the formulas back.`,
        true,
        error
      );
    }
    throw new ShareError(`${reason}. Every change was undone.`, false, error);
  }
  return {
    status: "prepared",
    scan: found,
    record,
    sourcesSheet: sourcesName,
    syncs: counter.count,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Puts back every formula prepare replaced, and removes the record and the Sources & assumptions
 * sheet it added (see the header).
 */
export async function restoreFormulas(
  context: Excel.RequestContext,
  options: ShareOptions = {}
): Promise<RestoreResult & { syncs: number }> {
  const counter = new SyncCounter(context, options.onProgress);
  const budget = options.budget ?? SYNC_BUDGET;
  const cellsPerRead = options.cellsPerRead ?? DEFAULT_CELLS_PER_READ;
  const sheets = await readSheets(context, counter);
  const recordSheet = sheets.find((s) => s.name.toLowerCase() === SHARE_RECORD_SHEET.toLowerCase());
  if (!recordSheet?.used)
    throw new ShareError(
      `There is nothing to restore: this workbook has no ${SHARE_RECORD_SHEET} record.`,
      false
    );
  const { rowCount } = recordSheet.used;
  const recordBlock: Block = {
    sheet: recordSheet.name,
    row: 0,
    column: 0,
    rows: rowCount + recordSheet.used.rowIndex,
    columns: 4,
  };
  const recordData = (
    await readBlocks(context, counter, [recordBlock], () => false, cellsPerRead)
  ).get(recordBlock) as BlockData;
  let record: ShareRecord;
  try {
    record = decodeShareRecord(
      recordData.values.map((row) => row.map((v) => (isErrorValue(v) ? v.error : v)))
    );
  } catch (error) {
    throw new ShareError(
      `The ${SHARE_RECORD_SHEET} record cannot be read: ${(error as Error).message}`,
      false,
      error
    );
  }

  const exists = new NameSet(sheets.map((s) => s.name));
  const missing = record.entries.filter((e) => !exists.has(e.sheet));
  const present = record.entries.filter((e) => exists.has(e.sheet));
  // What each recorded cell holds now, read by rectangles of recorded cells.
  const blocks = [...groupBy(present, (e) => e.sheet)].flatMap(([sheet, entries]) =>
    rectangles(
      entries.map((e) => parseRange(e.address)).map((r) => ({ row: r.top, column: r.left }))
    ).map((rect): Block => ({
      sheet,
      row: rect.top - 1,
      column: rect.left - 1,
      rows: rect.bottom - rect.top + 1,
      columns: rect.right - rect.left + 1,
    }))
  );
  const now = await readBlocks(context, counter, blocks, () => false, cellsPerRead);
  const current = new Map<string, unknown>();
  for (const [block, data] of now) {
    formulasOnly(data).forEach((row, r) =>
      row.forEach((formula, c) => {
        const address = rectAddress({
          top: block.row + r + 1,
          left: block.column + c + 1,
          bottom: block.row + r + 1,
          right: block.column + c + 1,
        });
        current.set(`${block.sheet.toLowerCase()}!${address}`, formula);
      })
    );
  }
  const conflicts: RestoreResult["conflicts"] = [];
  const todo = present.filter((entry) => {
    const found = current.get(`${entry.sheet.toLowerCase()}!${entry.address}`);
    const formula = typeof found === "string" && found.startsWith("=") ? found : undefined;
    const action = restoreAction(entry, formula);
    if (action === "conflict") {
      conflicts.push({
        sheet: entry.sheet,
        address: entry.address,
        found: formula as string,
        recorded: entry.formula,
      });
    }
    return action === "restore";
  });

  const removals = [record.sourcesSheet, recordSheet.name].filter((name): name is string =>
    Boolean(name && exists.has(name))
  );
  const ops = [
    ...restoreOps(context, todo, budget),
    ...removals.map((name) =>
      op(`remove ${name}`, name, () => {
        const sheet = context.workbook.worksheets.getItem(name);
        sheet.visibility = "Hidden"; // a very hidden sheet cannot be deleted
        sheet.delete();
      })
    ),
  ];
  try {
    await runBatches(context, counter, packBatches(ops, budget), new Created());
  } catch (error) {
    throw new ShareError(
      `Restoring formulas failed: ${describeOfficeError(error)}. The record is kept; run Restore formulas again to finish.`,
      true,
      error
    );
  }
  return {
    restored: todo.length,
    conflicts,
    missing,
    removedSheets: removals,
    syncs: counter.count,
  };
}
