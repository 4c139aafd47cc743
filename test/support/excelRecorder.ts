/**
 * A recorder of the Excel JavaScript API, for tests of code that drives Excel through Office.js.
 *
 * office-addin-mock (installed) cannot stand in here: it does not support collections
 * (worksheets.items, names.add/getItem, getItemOrNullObject), which every writer call needs. So
 * this models the part of the API DealLoop uses, with Office's semantics where the tests depend
 * on them:
 * - calls are queued and run only at context.sync(), in order; an operation that fails stops
 *   the batch there (earlier operations stay applied, later ones never run), as Office does;
 * - a property read before it was loaded and synced throws PropertyNotLoaded;
 * - strings written through Range.values/formulas are taken as typed input: "=…", "+…", "-…",
 *   "@…" become formulas; numbers, percentages, ISO dates, TRUE/FALSE and error codes become
 *   those values; a leading apostrophe keeps the rest as text; null leaves a cell as it is and ""
 *   empties it;
 * - a request whose JSON is over the payload limit (5 MB, Excel on the web's) is refused whole
 *   with RequestPayloadSizeLimitExceeded, and so is a response over it;
 * - sheet and defined names are unique case-insensitively; a very hidden sheet cannot be deleted;
 *   deleting a sheet leaves the names that pointed into it as #REF! (it does not remove them);
 * - formulas are not calculated: a formula's value is what the fixture set, or what the optional
 *   `evaluate` gives (a 2-D result spills, or shows #SPILL! when its cells are not empty); a
 *   formula that is only a reference to one cell ('Vendor loop'!$B$4) takes that cell's value
 *   when it is entered.
 * - charts: worksheet.charts.add(type, source, seriesBy) makes one series whose values are the
 *   source; titles, position, legend, series (getItemAt, add, setValues, setXAxisValues, fill,
 *   line), legend entries hidden (legendEntries.getItemAt(i).visible, one entry per series) and
 *   axis titles and number format are recorded as set (ExcelApi 1.1–1.8); pictures from
 *   shapes.addImage (PNG or JPEG only) with their position and size (ExcelApi 1.9); manual page
 *   breaks from horizontalPageBreaks.add, as the rows they go above (ExcelApi 1.9);
 * Every executed operation is logged with the sheet it touched, and the workbook's state can be
 * snapshotted as plain data, so a test can prove what changed and what did not.
 */

export type ErrorValue = { error: string };
export type Scalar = number | string | boolean | ErrorValue | null;

export interface CellState {
  /** With its "=". */
  formula?: string;
  value?: Scalar;
  /** Text entered behind an apostrophe. */
  quotePrefix?: boolean;
  numberFormat?: string;
  /** Cell properties as set with setCellProperties (merged). */
  format?: Record<string, unknown>;
  /** A dynamic-array anchor: the range its result fills, itself included. */
  spill?: string;
  /** A cell filled by the anchor at this address. */
  spilledFrom?: string;
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface SheetState {
  id: string;
  name: string;
  visibility: Visibility;
  cells: Record<string, CellState>;
  /** Column index (0-based) → width in points. */
  columnWidths: Record<number, number>;
  freeze?: { rows: number; columns: number };
  print: Record<string, unknown>;
  notes: Record<string, string>;
  /** Data validation by cell address, as set through Range.dataValidation (absent until one is set). */
  validations?: Record<string, { rule?: unknown; errorAlert?: unknown }>;
  /** Charts added with worksheet.charts.add, in order (absent until the first). */
  charts?: ChartState[];
  /** Pictures added with worksheet.shapes.addImage (absent until the first). */
  shapes?: ShapeState[];
  /** Rows (from 1) a manual page break goes above, from horizontalPageBreaks.add, in order (absent until the first). */
  pageBreaks?: number[];
}

export interface ShapeState {
  /** The Base64 PNG or JPEG as given. */
  image: string;
  name?: string;
  altTextDescription?: string;
  lockAspectRatio?: boolean;
  left?: number;
  top?: number;
  width?: number;
  height?: number;
}

/** A chart series: its ranges as "Sheet!A1:A5" (the sheet they were taken from), its look. */
export interface ChartSeriesState {
  name?: string;
  values?: string;
  xValues?: string;
  /** "#RRGGBB" from setSolidColor, "none" after fill.clear(). */
  fill?: string;
  line?: { color?: string; lineStyle?: string };
}

export interface ChartState {
  type: string;
  seriesBy: string;
  title?: string;
  /** Top-left and bottom-right cells from setPosition. */
  position?: { start: string; end: string };
  /** hiddenEntries: the indexes of legend entries set invisible (legendEntries.getItemAt(i).visible = false). */
  legend: { visible?: boolean; position?: string; hiddenEntries?: number[] };
  series: ChartSeriesState[];
  categoryAxisTitle?: string;
  valueAxisTitle?: string;
  valueFormat?: string;
  /** categoryAxis.reversePlotOrder */
  categoriesReversed?: boolean;
  /** categoryAxis.position: where the value axis crosses the categories. */
  valueAxisCrossesAt?: string;
}

export interface NameState {
  name: string;
  /** The sheet's id, or null once that sheet was deleted (#REF!). */
  sheet: string | null;
  address: string;
  comment: string;
  visible: boolean;
}

export interface WorkbookState {
  sheets: SheetState[];
  names: NameState[];
  comments: { sheet: string; address: string; content: string }[];
  active?: string;
}

export interface LoggedOp {
  sync: number;
  /** 1-based over the recorder's life. */
  index: number;
  kind: string;
  write: boolean;
  /** The id of the sheet the operation read or wrote, if any. */
  sheet?: string;
}

export type Evaluate = (
  formula: string,
  where: { sheet: string; address: string }
) => Scalar | Scalar[][] | undefined;

export class OfficeLikeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly debugInfo: { code: string; message: string; errorLocation?: string }
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

const fail = (code: string, message: string, errorLocation?: string): never => {
  throw new OfficeLikeError(code, message, {
    code,
    message,
    ...(errorLocation ? { errorLocation } : {}),
  });
};

// ---------------------------------------------------------------------------------------------
// Addresses.

interface Rect {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

const colLetters = (c: number): string => {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const colIndex = (letters: string): number =>
  [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
export const a1 = (row: number, column: number): string => `${colLetters(column)}${row + 1}`;

export function parseA1(address: string): Rect {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [start, end = start] = local.replace(/\$/g, "").split(":");
  const cell = (text: string) => {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(text);
    if (!m) return fail("InvalidArgument", `"${address}" is not a range address`);
    return { row: Number(m[2]) - 1, column: colIndex(m[1]) };
  };
  const a = cell(start);
  const b = cell(end);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    rows: Math.abs(a.row - b.row) + 1,
    columns: Math.abs(a.column - b.column) + 1,
  };
}

const rectA1 = (r: Rect): string =>
  r.rows === 1 && r.columns === 1
    ? a1(r.top, r.left)
    : `${a1(r.top, r.left)}:${a1(r.top + r.rows - 1, r.left + r.columns - 1)}`;
const quoteSheet = (name: string): string =>
  /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;

function* cellsOf(r: Rect): Generator<[number, number, string]> {
  for (let i = 0; i < r.rows; i++)
    for (let j = 0; j < r.columns; j++) yield [i, j, a1(r.top + i, r.left + j)];
}

// ---------------------------------------------------------------------------------------------
// Typed input, as Excel parses it.

const TYPABLE_ERRORS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"];
const isError = (v: unknown): v is ErrorValue =>
  typeof v === "object" && v !== null && "error" in v;

/** Days from 1899-12-30 (Excel's serial dates). */
const serial = (y: number, m: number, d: number) =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;

function parseTyped(text: string): { formula: string } | { value: Scalar; quotePrefix?: boolean } {
  if (text.startsWith("'")) return { value: text.slice(1), quotePrefix: true };
  if (text.startsWith("=")) return { formula: text };
  const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim());
  if (number) return { value: Number(text) };
  const percent = /^[+-]?(\d+\.?\d*|\.\d+)%$/.exec(text.trim());
  if (percent) return { value: Number(text.trim().slice(0, -1)) / 100 };
  if (text.startsWith("+") || text.startsWith("-")) return { formula: `=${text}` };
  if (text.startsWith("@")) return { formula: `=${text.slice(1)}` };
  const date = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(text);
  if (date) return { value: serial(Number(date[1]), Number(date[2]), Number(date[3] ?? 1)) };
  if (/^(true|false)$/i.test(text)) return { value: text.toUpperCase() === "TRUE" };
  if (TYPABLE_ERRORS.includes(text.toUpperCase())) return { value: { error: text.toUpperCase() } };
  return { value: text };
}

// ---------------------------------------------------------------------------------------------
// The recorder.

interface Pending {
  kind: string;
  write: boolean;
  payload: unknown;
  sheet?: () => string | undefined;
  run(): void;
}

/** What a queued action looks like in Office's request JSON, for measuring its size. */
const requestBytes = (id: number, p: Pending): number =>
  Buffer.byteLength(
    JSON.stringify({
      Id: id,
      ActionType: p.write ? 4 : 2,
      Name: p.kind,
      ObjectPathId: id,
      ArgumentInfo: { Arguments: [p.payload ?? null] },
    })
  ) + 80; // its object path entry

export class ExcelRecorder {
  state: WorkbookState = { sheets: [], names: [], comments: [] };
  syncs = 0;
  readonly log: LoggedOp[] = [];
  /** Measured request bytes of each sync. */
  readonly requests: number[] = [];
  payloadLimit = 5 * 1024 * 1024;
  evaluate?: Evaluate;
  private failWhen?: (op: { index: number; kind: string; sync: number }) => boolean;
  private failSync?: number;
  private pending: Pending[] = [];
  private staged: (() => void)[] = [];
  private responseBytes = 0;
  private nextId = 1;
  private opIndex = 0;
  readonly context: Excel.RequestContext;

  constructor() {
    const workbook = new FakeWorkbook(this);
    const application = {
      suspendApiCalculationUntilNextSync: () =>
        this.queue({
          kind: "Application.suspendApiCalculationUntilNextSync",
          write: false,
          payload: null,
          run: () => {},
        }),
    };
    this.context = {
      workbook,
      application,
      sync: () => this.sync(),
    } as unknown as Excel.RequestContext;
  }

  // -- fixtures ------------------------------------------------------------------------------

  addSheet(
    name: string,
    cells: Record<string, CellState> = {},
    visibility: Visibility = "Visible"
  ): SheetState {
    const sheet: SheetState = {
      id: `sheet${this.nextId++}`,
      name,
      visibility,
      cells: {},
      columnWidths: {},
      print: {},
      notes: {},
    };
    for (const [address, cell] of Object.entries(cells)) sheet.cells[address] = { ...cell };
    this.state.sheets.push(sheet);
    return sheet;
  }

  addName(name: string, sheet: string, address: string): void {
    const target = this.sheetByName(sheet);
    if (!target) throw new Error(`no sheet ${sheet}`);
    this.state.names.push({ name, sheet: target.id, address, comment: "", visible: true });
  }

  /** The workbook as plain data. */
  snapshot(): WorkbookState {
    return structuredClone(this.state);
  }

  /** Fail the n-th operation executed from now on (1 = the next one). */
  failAtOperation(n: number): void {
    const target = this.opIndex + n;
    this.failWhen = ({ index }) => index === target;
  }

  /** Fail the n-th operation of this kind executed from now on ("Range.formulas", "NamedItemCollection.add"…). */
  failAtKind(kind: string, n = 1): void {
    let seen = 0;
    this.failWhen = (op) => op.kind === kind && ++seen === n;
  }

  /** Fail the n-th sync from now on, before it runs anything. */
  failAtSync(n: number): void {
    this.failSync = this.syncs + n;
  }

  clearFailures(): void {
    this.failWhen = undefined;
    this.failSync = undefined;
  }

  sheetByName(name: string): SheetState | undefined {
    return this.state.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetById(id: string): SheetState | undefined {
    return this.state.sheets.find((s) => s.id === id);
  }

  /** Operations executed so far that wrote to a sheet. */
  writesTo(sheetId: string): LoggedOp[] {
    return this.log.filter((op) => op.write && op.sheet === sheetId);
  }

  // -- the queue -----------------------------------------------------------------------------

  queue(p: Pending): void {
    this.pending.push(p);
  }

  stage(commit: () => void, bytes: number): void {
    this.staged.push(commit);
    this.responseBytes += bytes;
  }

  async sync(): Promise<void> {
    this.syncs += 1;
    const batch = this.pending;
    this.pending = [];
    this.staged = [];
    this.responseBytes = 0;
    const bytes = batch.reduce((sum, p, i) => sum + requestBytes(i + 1, p), 0);
    this.requests.push(bytes);
    if (this.failSync === this.syncs) fail("GeneralException", "injected failure at sync");
    if (bytes > this.payloadLimit)
      fail("RequestPayloadSizeLimitExceeded", `the request is ${bytes} bytes, over the limit`);
    for (const p of batch) {
      this.opIndex += 1;
      const logged: LoggedOp = {
        sync: this.syncs,
        index: this.opIndex,
        kind: p.kind,
        write: p.write,
      };
      if (this.failWhen?.({ index: this.opIndex, kind: p.kind, sync: this.syncs })) {
        fail(
          "InjectedFailure",
          `injected failure at operation ${this.opIndex} (${p.kind})`,
          p.kind
        );
      }
      const sheet = p.sheet?.();
      if (sheet) logged.sheet = sheet;
      try {
        p.run();
      } catch (error) {
        if (error instanceof OfficeLikeError) {
          error.debugInfo.errorLocation ??= p.kind;
        }
        throw error;
      }
      this.log.push(logged);
    }
    if (this.responseBytes > this.payloadLimit)
      fail(
        "RequestPayloadSizeLimitExceeded",
        `the response is ${this.responseBytes} bytes, over the limit`
      );
    for (const commit of this.staged) commit();
  }

  // -- cell semantics ------------------------------------------------------------------------

  cell(sheet: SheetState, address: string): CellState {
    return (sheet.cells[address] ??= {});
  }

  tidy(sheet: SheetState, address: string): void {
    const c = sheet.cells[address];
    if (!c) return;
    for (const key of Object.keys(c) as (keyof CellState)[])
      if (c[key] === undefined || c[key] === null) delete c[key];
    if (Object.keys(c).length === 0) delete sheet.cells[address];
  }

  private clearSpill(sheet: SheetState, anchor: string): void {
    const a = sheet.cells[anchor];
    if (!a?.spill) return;
    for (const [, , address] of cellsOf(parseA1(a.spill))) {
      if (address === anchor) continue;
      const child = sheet.cells[address];
      if (child?.spilledFrom === anchor) {
        delete child.value;
        delete child.spilledFrom;
        this.tidy(sheet, address);
      }
    }
    delete a.spill;
  }

  /** Empties a cell's content (keeps its formats), as clear("Contents") or "" does. */
  clearContent(sheet: SheetState, address: string): void {
    const c = sheet.cells[address];
    if (!c || c.spilledFrom) return;
    this.clearSpill(sheet, address);
    delete c.formula;
    delete c.value;
    delete c.quotePrefix;
    this.tidy(sheet, address);
  }

  /** One cell of a Range.values/formulas write. */
  enter(sheet: SheetState, address: string, input: unknown): void {
    if (input === null || input === undefined) return;
    const existing = sheet.cells[address];
    if (existing?.spilledFrom) {
      // Typing into a spilled cell blocks the spill: the anchor shows #SPILL!.
      const anchor = existing.spilledFrom;
      this.clearSpill(sheet, anchor);
      sheet.cells[anchor].value = { error: "#SPILL!" };
    }
    this.clearContent(sheet, address);
    if (input === "") return;
    const c = this.cell(sheet, address);
    if (typeof input === "number" || typeof input === "boolean") {
      c.value = input;
    } else if (typeof input === "string") {
      const parsed = parseTyped(input);
      if ("formula" in parsed) {
        c.formula = parsed.formula;
        this.calculate(sheet, address);
      } else {
        c.value = parsed.value;
        if (parsed.quotePrefix) c.quotePrefix = true;
      }
    } else fail("InvalidArgument", `cannot enter ${JSON.stringify(input)}`);
    this.tidy(sheet, address);
  }

  /** The value a one-cell reference formula points at, if the formula is one. */
  private reference(formula: string): Scalar | undefined {
    const m = /^=(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!\$?([A-Z]{1,3})\$?(\d+)$/.exec(
      formula
    );
    if (!m) return undefined;
    const target = this.sheetByName(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
    if (!target) return { error: "#REF!" };
    return target.cells[`${m[3]}${m[4]}`]?.value ?? 0;
  }

  private calculate(sheet: SheetState, address: string): void {
    const c = sheet.cells[address];
    const result =
      this.evaluate?.(c.formula as string, { sheet: sheet.name, address }) ??
      this.reference(c.formula as string);
    if (!Array.isArray(result)) {
      c.value = result ?? null;
      return;
    }
    const { top, left } = parseA1(address);
    const spill: Rect = {
      top,
      left,
      rows: result.length,
      columns: Math.max(...result.map((r) => r.length)),
    };
    const blocked = [...cellsOf(spill)].some(
      ([, , a]) =>
        a !== address &&
        sheet.cells[a] &&
        (sheet.cells[a].value !== undefined || sheet.cells[a].formula)
    );
    if (blocked) {
      c.value = { error: "#SPILL!" };
      return;
    }
    for (const [i, j, a] of cellsOf(spill)) {
      const value = result[i]?.[j] ?? null;
      if (a === address) c.value = value;
      else Object.assign(this.cell(sheet, a), { value, spilledFrom: address });
    }
    if (spill.rows * spill.columns > 1) c.spill = rectA1(spill);
  }
}

// ---------------------------------------------------------------------------------------------
// Proxies.

const propertyList = (props?: string | string[] | { select?: string }): string[] => {
  const list =
    typeof props === "string"
      ? props.split(",")
      : Array.isArray(props)
        ? props
        : (props?.select ?? "").split(",");
  return list.map((p) => p.trim().replace(/^items\//, "")).filter(Boolean);
};

/** A proxy whose properties are readable only once loaded and synced. */
class Loadable {
  protected readonly loaded = new Map<string, unknown>();

  protected read<T>(property: string): T {
    if (!this.loaded.has(property))
      fail(
        "PropertyNotLoaded",
        `The property '${property}' is not available. Load it and call context.sync() first.`
      );
    return this.loaded.get(property) as T;
  }

  /** Sets what a load saw (committed when the sync succeeds); `wire` is what the response carries. */
  fill(rec: ExcelRecorder, values: Record<string, unknown>, wire: unknown = values): void {
    rec.stage(
      () => {
        for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
      },
      Buffer.byteLength(JSON.stringify(wire))
    );
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly names: FakeNames;
  readonly comments: { add(target: FakeRange, content: string): void };

  constructor(rec: ExcelRecorder) {
    this.worksheets = new FakeWorksheets(rec);
    this.names = new FakeNames(rec);
    this.comments = {
      add: (target, content) =>
        rec.queue({
          kind: "CommentCollection.add",
          write: true,
          payload: content,
          sheet: () => target.sheetId(),
          run: () => {
            const { sheet, rect } = target.resolved();
            rec.state.comments.push({ sheet: sheet.id, address: rectA1(rect), content });
          },
        }),
    };
  }
}

class FakeWorksheets extends Loadable {
  constructor(private readonly rec: ExcelRecorder) {
    super();
  }

  get items(): FakeWorksheet[] {
    return this.read("items");
  }

  load(props?: string | string[]): this {
    const fields = propertyList(props);
    this.rec.queue({
      kind: "WorksheetCollection.load",
      write: false,
      payload: fields,
      run: () => {
        const items = this.rec.state.sheets.map((s) => {
          const sheet = new FakeWorksheet(this.rec, () => s.id, false);
          sheet.loadNow(fields);
          return sheet;
        });
        const wire = this.rec.state.sheets.map((sheet) => ({
          name: sheet.name,
          visibility: sheet.visibility,
        }));
        this.fill(this.rec, { items }, wire);
      },
    });
    return this;
  }

  add(name: string): FakeWorksheet {
    let id: string | undefined;
    this.rec.queue({
      kind: "WorksheetCollection.add",
      write: true,
      payload: name,
      run: () => {
        if (
          name.length < 1 ||
          name.length > 31 ||
          /[:\\/?*[\]]/.test(name) ||
          /^'|'$/.test(name) ||
          name.toLowerCase() === "history"
        ) {
          fail("InvalidArgument", `"${name}" is not a valid sheet name`);
        }
        if (this.rec.sheetByName(name))
          fail("ItemAlreadyExists", `A sheet named "${name}" already exists`);
        id = this.rec.addSheet(name).id;
      },
      sheet: () => id,
    });
    return new FakeWorksheet(this.rec, () => id, false);
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(
      this.rec,
      () => this.rec.sheetByName(name)?.id ?? fail("ItemNotFound", `no sheet named "${name}"`),
      false
    );
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.rec, () => this.rec.sheetByName(name)?.id, true);
  }
}

class FakeWorksheet extends Loadable {
  readonly freezePanes: {
    freezeRows(n: number): void;
    freezeColumns(n: number): void;
    freezeAt(range: FakeRange): void;
  };
  readonly pageLayout: {
    setPrintArea(area: string): void;
    printOrder: string;
    orientation: string;
    zoom: unknown;
    headersFooters: { defaultForAllPages: Record<string, string> };
  };
  readonly notes: { add(target: FakeRange, content: string): void };
  readonly charts: { add(type: string, source: FakeRange, seriesBy?: string): FakeChart };
  readonly shapes: { addImage(base64: string): Record<string, unknown> };
  readonly horizontalPageBreaks: { add(pageBreakRange: FakeRange | string): void };

  constructor(
    private readonly rec: ExcelRecorder,
    readonly id: () => string | undefined,
    private readonly nullable: boolean
  ) {
    super();
    const write = (kind: string, payload: unknown, run: (sheet: SheetState) => void) =>
      rec.queue({
        kind,
        write: true,
        payload,
        sheet: () => this.id(),
        run: () => run(this.state()),
      });
    const freeze = (rows: number, columns: number) => (sheet: SheetState) =>
      (sheet.freeze = { rows, columns });
    this.freezePanes = {
      freezeRows: (n) => write("WorksheetFreezePanes.freezeRows", n, freeze(n, 0)),
      freezeColumns: (n) => write("WorksheetFreezePanes.freezeColumns", n, freeze(0, n)),
      freezeAt: (range) =>
        write("WorksheetFreezePanes.freezeAt", null, (sheet) => {
          const { rect } = range.resolved();
          freeze(rect.top + rect.rows, rect.left + rect.columns)(sheet);
        }),
    };
    const print = (key: string, value: unknown) =>
      write(`PageLayout.${key}`, value, (sheet) => (sheet.print[key] = value));
    const headers: Record<string, string> = {};
    for (const key of [
      "leftHeader",
      "centerHeader",
      "rightHeader",
      "leftFooter",
      "centerFooter",
      "rightFooter",
    ]) {
      Object.defineProperty(headers, key, {
        set: (value: string) => {
          print(key, value);
        },
        enumerable: true,
      });
    }
    this.pageLayout = {
      setPrintArea: (area) => print("printArea", area),
      set printOrder(value: string) {
        print("printOrder", value);
      },
      set orientation(value: string) {
        print("orientation", value);
      },
      set zoom(value: unknown) {
        print("zoom", value);
      },
      headersFooters: { defaultForAllPages: headers },
    } as FakeWorksheet["pageLayout"];
    this.horizontalPageBreaks = {
      add: (target) =>
        write("PageBreakCollection.add", typeof target === "string" ? target : null, (sheet) => {
          const { top } = typeof target === "string" ? parseA1(target) : target.resolved().rect;
          const rows = new Set([...(sheet.pageBreaks ?? []), top + 1]);
          sheet.pageBreaks = [...rows].sort((a, b) => a - b);
        }),
    };
    this.notes = {
      add: (target, content) =>
        write("NoteCollection.add", content, (sheet) => {
          const { rect } = target.resolved();
          if (rect.rows * rect.columns !== 1) fail("InvalidCellAddress", "a note goes on one cell");
          sheet.notes[rectA1(rect)] = content;
        }),
    };
    this.shapes = {
      addImage: (base64) => {
        let shape: ShapeState | undefined;
        write("ShapeCollection.addImage", base64, (sheet) => {
          const bytes = Buffer.from(base64, "base64");
          const png = bytes.subarray(0, 8).equals(Buffer.from("89504e470d0a1a0a", "hex"));
          const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
          if (!png && !jpeg) fail("InvalidArgument", "the image is neither PNG nor JPEG");
          shape = { image: base64 };
          (sheet.shapes ??= []).push(shape);
        });
        const properties = [
          "name",
          "altTextDescription",
          "lockAspectRatio",
          "left",
          "top",
          "width",
          "height",
        ];
        return setters(
          (kind, payload, apply) =>
            write(kind, payload, () => {
              if (!shape) fail("ItemNotFound", "the shape does not exist");
              apply();
            }),
          "Shape",
          Object.fromEntries(
            properties.map((p) => [
              p,
              (v: never) => ((shape as unknown as Record<string, unknown>)[p] = v),
            ])
          )
        );
      },
    };
    this.charts = {
      add: (type, source, seriesBy = "Auto") => {
        let chart: ChartState | undefined;
        write("ChartCollection.add", [type, seriesBy], (sheet) => {
          if (!CHART_TYPES.has(type)) fail("InvalidArgument", `"${type}" is not a chart type`);
          chart = { type, seriesBy, legend: {}, series: [{ values: source.qualified() }] };
          (sheet.charts ??= []).push(chart);
        });
        return new FakeChart(
          (kind, payload, run) =>
            write(kind, payload, () =>
              run(chart ?? fail("ItemNotFound", "the chart does not exist"))
            ),
          this
        );
      },
    };
  }

  /** The sheet, at run time. */
  state(): SheetState {
    const id = this.id();
    return (id && this.rec.sheetById(id)) || fail("ItemNotFound", "the worksheet does not exist");
  }

  loadNow(fields: string[]): void {
    const sheet = this.state();
    const all: Record<string, unknown> = {
      name: sheet.name,
      visibility: sheet.visibility,
      id: sheet.id,
    };
    for (const f of fields.length ? fields : Object.keys(all)) this.loaded.set(f, all[f]);
  }

  get name(): string {
    return this.read("name");
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  get visibility(): Visibility {
    return this.read("visibility");
  }

  set visibility(value: Visibility) {
    this.rec.queue({
      kind: "Worksheet.visibility",
      write: true,
      payload: value,
      sheet: () => this.id(),
      run: () => {
        const sheet = this.state();
        if (
          value !== "Visible" &&
          this.rec.state.sheets.filter((s) => s.visibility === "Visible" && s !== sheet).length ===
            0
        ) {
          fail("InvalidOperation", "a workbook must keep one visible sheet");
        }
        sheet.visibility = value;
      },
    });
  }

  load(props?: string | string[]): this {
    const fields = propertyList(props);
    this.rec.queue({
      kind: "Worksheet.load",
      write: false,
      payload: fields,
      sheet: () => this.id(),
      run: () => {
        const id = this.id();
        const sheet = id ? this.rec.sheetById(id) : undefined;
        if (!sheet && !this.nullable) fail("ItemNotFound", "the worksheet does not exist");
        this.fill(
          this.rec,
          sheet
            ? { isNullObject: false, name: sheet.name, visibility: sheet.visibility }
            : { isNullObject: true }
        );
      },
    });
    return this;
  }

  delete(): void {
    this.rec.queue({
      kind: "Worksheet.delete",
      write: true,
      payload: null,
      sheet: () => this.id(),
      run: () => {
        const sheet = this.state();
        if (sheet.visibility === "VeryHidden")
          fail("InvalidOperation", "a very hidden sheet cannot be deleted");
        if (
          sheet.visibility === "Visible" &&
          this.rec.state.sheets.filter((s) => s.visibility === "Visible").length === 1
        ) {
          fail("InvalidOperation", "a workbook must keep one visible sheet");
        }
        this.rec.state.sheets = this.rec.state.sheets.filter((s) => s !== sheet);
        for (const n of this.rec.state.names) if (n.sheet === sheet.id) n.sheet = null;
        this.rec.state.comments = this.rec.state.comments.filter((c) => c.sheet !== sheet.id);
        if (this.rec.state.active === sheet.id) delete this.rec.state.active;
      },
    });
  }

  activate(): void {
    this.rec.queue({
      kind: "Worksheet.activate",
      write: false,
      payload: null,
      sheet: () => this.id(),
      run: () => (this.rec.state.active = this.state().id),
    });
  }

  getRange(address: string): FakeRange {
    return new FakeRange(this.rec, this, () => parseA1(address), false);
  }

  getRangeByIndexes(top: number, left: number, rows: number, columns: number): FakeRange {
    return new FakeRange(this.rec, this, () => ({ top, left, rows, columns }), false);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.rec, this, () => usedRect(this.state(), valuesOnly), true);
  }
}

function usedRect(sheet: SheetState, valuesOnly: boolean): Rect | undefined {
  const used = Object.entries(sheet.cells)
    .filter(
      ([, c]) =>
        !valuesOnly || c.formula !== undefined || (c.value !== undefined && c.value !== null)
    )
    .map(([address]) => parseA1(address));
  if (used.length === 0) return undefined;
  const box = used.reduce(
    (b, r) => ({
      top: Math.min(b.top, r.top),
      left: Math.min(b.left, r.left),
      bottom: Math.max(b.bottom, r.top),
      right: Math.max(b.right, r.left),
    }),
    { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity }
  );
  return {
    top: box.top,
    left: box.left,
    rows: box.bottom - box.top + 1,
    columns: box.right - box.left + 1,
  };
}

const shown = (value: Scalar | undefined): string | number | boolean =>
  value === undefined || value === null ? "" : isError(value) ? value.error : value;

const valueType = (value: Scalar | undefined): string =>
  value === undefined || value === null
    ? "Empty"
    : isError(value)
      ? "Error"
      : typeof value === "number"
        ? "Double"
        : typeof value === "boolean"
          ? "Boolean"
          : "String";

function mergeDeep(
  target: Record<string, unknown>,
  source: Record<string, unknown>
): Record<string, unknown> {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === "object" && !Array.isArray(v))
      target[k] = mergeDeep(
        { ...((target[k] as Record<string, unknown>) ?? {}) },
        v as Record<string, unknown>
      );
    else target[k] = v;
  }
  return target;
}

class FakeRange extends Loadable {
  readonly format: { columnWidth: number };
  /** DataValidation's rule and errorAlert, set on one cell (the part of the API the writer uses). */
  readonly dataValidation: { rule: unknown; errorAlert: unknown };

  constructor(
    private readonly rec: ExcelRecorder,
    private readonly sheet: FakeWorksheet,
    private readonly rect: () => Rect | undefined,
    private readonly nullable: boolean
  ) {
    super();
    const self = this;
    this.format = {
      set columnWidth(points: number) {
        self.write("RangeFormat.columnWidth", points, (state, r) => {
          for (let c = r.left; c < r.left + r.columns; c++) state.columnWidths[c] = points;
        });
      },
    } as { columnWidth: number };
    const validate = (key: "rule" | "errorAlert") => (value: unknown) =>
      self.write(`DataValidation.${key}`, value, (state, r) => {
        if (r.rows * r.columns !== 1)
          fail("InvalidArgument", "the recorder models validation on one cell");
        state.validations ??= {};
        const address = rectA1(r);
        state.validations[address] = { ...state.validations[address], [key]: value };
      });
    this.dataValidation = {
      set rule(value: unknown) {
        validate("rule")(value);
      },
      set errorAlert(value: unknown) {
        validate("errorAlert")(value);
      },
    } as { rule: unknown; errorAlert: unknown };
  }

  sheetId(): string | undefined {
    return this.sheet.id();
  }

  /** "Sheet!A1:B2", resolved at run time. */
  qualified(): string {
    const { sheet, rect } = this.resolved();
    return `${sheet.name}!${rectA1(rect)}`;
  }

  resolved(): { sheet: SheetState; rect: Rect } {
    const sheet = this.sheet.state();
    return { sheet, rect: this.rect() ?? fail("ItemNotFound", "the range does not exist") };
  }

  private write(
    kind: string,
    payload: unknown,
    run: (sheet: SheetState, rect: Rect) => void
  ): void {
    this.rec.queue({
      kind,
      write: true,
      payload,
      sheet: () => this.sheet.id(),
      run: () => {
        const { sheet, rect } = this.resolved();
        run(sheet, rect);
      },
    });
  }

  private grid<T>(
    kind: string,
    data: T[][],
    each: (sheet: SheetState, address: string, item: T) => void
  ): void {
    this.write(kind, data, (sheet, rect) => {
      if (data.length !== rect.rows || data.some((row) => row.length !== rect.columns)) {
        fail(
          "InvalidArgument",
          `${kind}: ${data.length}×${data[0]?.length ?? 0} data for a ${rect.rows}×${rect.columns} range`
        );
      }
      for (const [i, j, address] of cellsOf(rect)) each(sheet, address, data[i][j]);
    });
  }

  set formulas(data: unknown[][]) {
    this.grid("Range.formulas", data, (sheet, address, item) =>
      this.rec.enter(sheet, address, item)
    );
  }

  set values(data: unknown[][]) {
    this.grid("Range.values", data, (sheet, address, item) => this.rec.enter(sheet, address, item));
  }

  set numberFormat(data: (string | null)[][]) {
    this.grid("Range.numberFormat", data, (sheet, address, item) => {
      if (item === null || item === undefined) return;
      this.rec.cell(sheet, address).numberFormat = item === "General" ? undefined : item;
      this.rec.tidy(sheet, address);
    });
  }

  setCellProperties(data: Record<string, unknown>[][]): void {
    this.grid("Range.setCellProperties", data, (sheet, address, item) => {
      const format = (item as { format?: Record<string, unknown> })?.format;
      if (!format) return;
      const c = this.rec.cell(sheet, address);
      c.format = mergeDeep({ ...(c.format ?? {}) }, format);
    });
  }

  clear(applyTo: string): void {
    if (applyTo !== "Contents")
      throw new Error(`the recorder models clear("Contents") only, not ${applyTo}`);
    this.write("Range.clear", applyTo, (sheet, rect) => {
      for (const [, , address] of cellsOf(rect)) this.rec.clearContent(sheet, address);
    });
  }

  getSpillingToRangeOrNullObject(): FakeRange {
    return new FakeRange(
      this.rec,
      this.sheet,
      () => {
        const { sheet, rect } = this.resolved();
        const spill = sheet.cells[a1(rect.top, rect.left)]?.spill;
        return spill ? parseA1(spill) : undefined;
      },
      true
    );
  }

  load(props?: string | string[]): this {
    const fields = propertyList(props);
    this.rec.queue({
      kind: "Range.load",
      write: false,
      payload: fields,
      sheet: () => this.sheet.id(),
      run: () => {
        const sheet = this.sheet.state();
        const rect = this.rect();
        if (!rect) {
          if (!this.nullable) fail("ItemNotFound", "the range does not exist");
          this.fill(this.rec, { isNullObject: true });
          return;
        }
        const cells = (f: (c: CellState | undefined) => unknown) =>
          Array.from({ length: rect.rows }, (_, i) =>
            Array.from({ length: rect.columns }, (_, j) =>
              f(sheet.cells[a1(rect.top + i, rect.left + j)])
            )
          );
        const all: Record<string, () => unknown> = {
          address: () => `${quoteSheet(sheet.name)}!${rectA1(rect)}`,
          rowIndex: () => rect.top,
          columnIndex: () => rect.left,
          rowCount: () => rect.rows,
          columnCount: () => rect.columns,
          formulas: () => cells((c) => c?.formula ?? shown(c?.value)),
          values: () => cells((c) => shown(c?.value)),
          valueTypes: () => cells((c) => valueType(c?.value)),
          numberFormat: () => cells((c) => c?.numberFormat ?? "General"),
        };
        const values: Record<string, unknown> = { isNullObject: false };
        for (const f of fields) {
          if (!all[f]) throw new Error(`the recorder cannot load Range.${f}`);
          values[f] = all[f]();
        }
        this.fill(this.rec, values);
      },
    });
    return this;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
}

class FakeNames extends Loadable {
  constructor(private readonly rec: ExcelRecorder) {
    super();
  }

  get items(): FakeName[] {
    return this.read("items");
  }

  load(props?: string | string[]): this {
    propertyList(props);
    this.rec.queue({
      kind: "NamedItemCollection.load",
      write: false,
      payload: props ?? null,
      run: () => {
        const items = this.rec.state.names.map((n) => {
          const item = new FakeName(this.rec, n.name, false);
          item.loadNow();
          return item;
        });
        this.fill(this.rec, { items }, this.rec.state.names);
      },
    });
    return this;
  }

  add(name: string, reference: FakeRange | string, comment = ""): void {
    this.rec.queue({
      kind: "NamedItemCollection.add",
      write: true,
      payload: [name, typeof reference === "string" ? reference : null, comment],
      run: () => {
        if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name))
          fail("InvalidArgument", `"${name}" is not a valid name`);
        if (this.rec.state.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) {
          fail("ItemAlreadyExists", `the name "${name}" already exists`);
        }
        if (typeof reference === "string")
          throw new Error("the recorder models names of ranges only");
        const { sheet, rect } = reference.resolved();
        this.rec.state.names.push({
          name,
          sheet: sheet.id,
          address: rectA1(rect),
          comment,
          visible: true,
        });
      },
    });
  }

  getItem(name: string): FakeName {
    return new FakeName(this.rec, name, false);
  }

  getItemOrNullObject(name: string): FakeName {
    return new FakeName(this.rec, name, true);
  }
}

class FakeName extends Loadable {
  constructor(
    private readonly rec: ExcelRecorder,
    private readonly key: string,
    private readonly nullable: boolean
  ) {
    super();
  }

  private find(): NameState | undefined {
    return this.rec.state.names.find((n) => n.name.toLowerCase() === this.key.toLowerCase());
  }

  private describe(n: NameState): Record<string, unknown> {
    const sheet = n.sheet ? this.rec.sheetById(n.sheet) : undefined;
    const where = sheet ? `${quoteSheet(sheet.name)}!` : "#REF!";
    const absolute = n.address.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
    return {
      isNullObject: false,
      name: n.name,
      formula: `=${where}${absolute}`,
      comment: n.comment,
      visible: n.visible,
    };
  }

  loadNow(): void {
    const n = this.find();
    if (n) for (const [k, v] of Object.entries(this.describe(n))) this.loaded.set(k, v);
  }

  get name(): string {
    return this.read("name");
  }
  get formula(): string {
    return this.read("formula");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  load(props?: string | string[]): this {
    propertyList(props);
    this.rec.queue({
      kind: "NamedItem.load",
      write: false,
      payload: props ?? null,
      run: () => {
        const n = this.find();
        if (!n && !this.nullable) fail("ItemNotFound", `no name "${this.key}"`);
        this.fill(this.rec, n ? this.describe(n) : { isNullObject: true });
      },
    });
    return this;
  }

  delete(): void {
    this.rec.queue({
      kind: "NamedItem.delete",
      write: true,
      payload: this.key,
      run: () => {
        const n = this.find() ?? fail("ItemNotFound", `no name "${this.key}"`);
        this.rec.state.names = this.rec.state.names.filter((x) => x !== n);
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Charts.

/** The chart types DealLoop uses, as Excel.ChartType names them (others are refused). */
const CHART_TYPES = new Set(["ColumnStacked", "BarStacked", "Line", "XYScatterLines"]);

type ChartWrite = (kind: string, payload: unknown, run: (chart: ChartState) => void) => void;

/** A setter-only object: each property set is queued as a `kind.property` write. */
function setters<T extends object>(
  write: (kind: string, payload: unknown, apply: () => void) => void,
  kind: string,
  apply: Record<string, (value: never) => void>,
  extra: object = {}
): T {
  const target = { ...extra } as T;
  for (const [property, set] of Object.entries(apply)) {
    Object.defineProperty(target, property, {
      set: (value: never) => {
        write(`${kind}.${property}`, value, () => set(value));
      },
      enumerable: true,
    });
  }
  return target;
}

class FakeChart {
  readonly title: { text: string };
  readonly legend: {
    visible: boolean;
    position: string;
    legendEntries: { getItemAt(index: number): { visible: boolean } };
  };
  readonly series: {
    getItemAt(index: number): FakeChartSeries;
    add(name?: string): FakeChartSeries;
  };
  readonly axes: {
    categoryAxis: { title: { text: string }; reversePlotOrder: boolean; position: string };
    valueAxis: { title: { text: string }; numberFormat: string };
  };

  constructor(
    private readonly write: ChartWrite,
    private readonly sheet: FakeWorksheet
  ) {
    let current: ChartState | undefined;
    const on = (kind: string, payload: unknown, apply: () => void) =>
      write(kind, payload, (chart) => {
        current = chart;
        apply();
      });
    const chart = () => current as ChartState;
    this.title = setters(on, "ChartTitle", { text: (v: string) => (chart().title = v) });
    const entry = (index: number) =>
      setters<{ visible: boolean }>(
        (kind, payload, apply) =>
          on(kind, payload, () => {
            // One entry per series: an entry asked for before its series exists is not there.
            if (index >= chart().series.length) fail("ItemNotFound", `no legend entry at ${index}`);
            apply();
          }),
        "ChartLegendEntry",
        {
          visible: (v: boolean) => {
            const hidden = new Set(chart().legend.hiddenEntries ?? []);
            if (v) hidden.delete(index);
            else hidden.add(index);
            chart().legend.hiddenEntries = [...hidden].sort((a, b) => a - b);
          },
        }
      );
    this.legend = setters(
      on,
      "ChartLegend",
      {
        visible: (v: boolean) => (chart().legend.visible = v),
        position: (v: string) => (chart().legend.position = v),
      },
      { legendEntries: { getItemAt: entry } }
    );
    this.axes = {
      categoryAxis: setters(
        on,
        "ChartAxis",
        {
          reversePlotOrder: (v: boolean) => (chart().categoriesReversed = v),
          position: (v: string) => (chart().valueAxisCrossesAt = v),
        },
        {
          title: setters(on, "ChartAxisTitle", {
            text: (v: string) => (chart().categoryAxisTitle = v),
          }),
        }
      ),
      valueAxis: setters(
        on,
        "ChartAxis",
        { numberFormat: (v: string) => (chart().valueFormat = v) },
        {
          title: setters(on, "ChartAxisTitle", {
            text: (v: string) => (chart().valueAxisTitle = v),
          }),
        }
      ),
    };
    this.series = {
      getItemAt: (index) =>
        new FakeChartSeries(
          (kind, payload, run) =>
            write(kind, payload, (c) =>
              run(c.series[index] ?? fail("ItemNotFound", `no series at ${index}`))
            ),
          sheet
        ),
      add: (name) => {
        let added: ChartSeriesState | undefined;
        write("ChartSeriesCollection.add", name ?? null, (c) => {
          added = name === undefined ? {} : { name };
          c.series.push(added);
        });
        return new FakeChartSeries(
          (kind, payload, run) =>
            write(kind, payload, () =>
              run(added ?? fail("ItemNotFound", "the series does not exist"))
            ),
          sheet
        );
      },
    };
  }

  setPosition(start: string, end: string): void {
    this.write("Chart.setPosition", [start, end], (chart) => {
      parseA1(start);
      parseA1(end);
      chart.position = { start, end };
    });
  }
}

type SeriesWrite = (
  kind: string,
  payload: unknown,
  run: (series: ChartSeriesState) => void
) => void;

class FakeChartSeries {
  readonly format: {
    fill: { setSolidColor(color: string): void; clear(): void };
    line: { color: string; lineStyle: string };
  };

  constructor(
    private readonly write: SeriesWrite,
    private readonly sheet: FakeWorksheet
  ) {
    let current: ChartSeriesState | undefined;
    const on = (kind: string, payload: unknown, apply: () => void) =>
      write(kind, payload, (series) => {
        current = series;
        apply();
      });
    const series = () => current as ChartSeriesState;
    this.format = {
      fill: {
        setSolidColor: (color) =>
          write("ChartFill.setSolidColor", color, (s) => {
            if (!/^#[0-9A-Fa-f]{6}$/.test(color)) fail("InvalidArgument", `bad colour ${color}`);
            s.fill = color;
          }),
        clear: () => write("ChartFill.clear", null, (s) => (s.fill = "none")),
      },
      line: setters(on, "ChartLineFormat", {
        color: (v: string) => ((series().line ??= {}).color = v),
        lineStyle: (v: string) => ((series().line ??= {}).lineStyle = v),
      }),
    };
  }

  set name(value: string) {
    this.write("ChartSeries.name", value, (s) => (s.name = value));
  }

  /** A series reads ranges of its chart's own sheet, as DealLoop's charts do. */
  private bind(kind: string, range: FakeRange, apply: (s: ChartSeriesState, at: string) => void) {
    this.write(kind, null, (s) => {
      if (range.sheetId() !== this.sheet.id())
        fail("InvalidArgument", `${kind}: the range is on another sheet`);
      apply(s, range.qualified());
    });
  }

  setValues(range: FakeRange): void {
    this.bind("ChartSeries.setValues", range, (s, at) => (s.values = at));
  }

  setXAxisValues(range: FakeRange): void {
    this.bind("ChartSeries.setXAxisValues", range, (s, at) => (s.xValues = at));
  }
}
