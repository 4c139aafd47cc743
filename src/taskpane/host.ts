/**
 * The taskpane's only door to Office: which host it runs in, and what it can do there. Components
 * call these and never Office.js. In Excel: insert a plan, read the DealSources table, prepare the
 * workbook for sharing and restore it. Anywhere else (a plain browser, Office.onReady reporting no
 * host) it is preview mode: plans download as .xlsx files.
 */
import { UserSource } from "../data/library";
import { SheetPlan } from "../templates/plan";
import { InsertResult, Progress as OfficeProgress } from "../workbook/officeWriter";
import { PrepareResult, RestoreResult, ShareScan } from "../workbook/share";
import { downloadPlan, Progress } from "./download";
import { TABLE_SOURCE_NAME } from "./sources";

export type { Progress };

export interface PreviewHost {
  kind: "preview";
  download(plan: SheetPlan, onProgress: Progress): Promise<string>;
}

export interface ExcelHost {
  kind: "excel";
  /** Inserts the plan as new sheets; resolves with the sheet names Excel gave them. */
  insert(plan: SheetPlan, onProgress: Progress): Promise<InsertResult>;
  /** The rows of the workbook's table named DealSources (header first), or undefined when there is none. */
  readDealSources(): Promise<UserSource | undefined>;
  /** Prepares the workbook for sharing once `confirm` has seen the scan and agreed. */
  prepare(
    confirm: (scan: ShareScan) => Promise<boolean>,
    onProgress: Progress
  ): Promise<PrepareResult>;
  restore(onProgress: Progress): Promise<RestoreResult>;
}

export type Host = PreviewHost | ExcelHost;

const PHASES = {
  reading: "Reading the workbook",
  writing: "Writing",
  verifying: "Checking",
  "cleaning up": "Undoing",
};

/** The Office.js writers' progress (syncs done of syncs needed) as a step and a fraction. */
const progressOf =
  (onProgress: Progress) =>
  ({ phase, done, total }: OfficeProgress) =>
    onProgress(PHASES[phase], total > 0 ? done / total : 0);

// The Office.js writers are needed only in Excel: their own chunk, loaded on first use.
const officeWriter = () =>
  import(/* webpackChunkName: "office-writer" */ "../workbook/officeWriter");
const officeShare = () => import(/* webpackChunkName: "office-writer" */ "../workbook/officeShare");
const officeTables = () =>
  import(/* webpackChunkName: "office-writer" */ "../workbook/officeTables");

const excelHost: ExcelHost = {
  kind: "excel",
  async insert(plan, onProgress) {
    const { insertPlan } = await officeWriter();
    return Excel.run((context) => insertPlan(context, plan, progressOf(onProgress)));
  },
  async readDealSources() {
    const { readTableValues } = await officeTables();
    const rows = await Excel.run((context) => readTableValues(context, "DealSources"));
    return rows && { name: TABLE_SOURCE_NAME, rows };
  },
  async prepare(confirm, onProgress) {
    const { prepareForSharing } = await officeShare();
    return Excel.run((context) =>
      prepareForSharing(context, { confirm, onProgress: progressOf(onProgress) })
    );
  },
  async restore(onProgress) {
    const { restoreFormulas } = await officeShare();
    return Excel.run((context) => restoreFormulas(context, { onProgress: progressOf(onProgress) }));
  },
};

const previewHost: PreviewHost = { kind: "preview", download: downloadPlan };

/** Waits for Office.js; without it (not loaded, or no host) the taskpane runs in preview mode. */
export async function detectHost(): Promise<Host> {
  if (typeof Office === "undefined") return previewHost;
  try {
    const info = await Office.onReady();
    // Outside Office the host is null (checked first: Office.HostType may be missing too).
    return info.host !== null && info.host === Office.HostType.Excel ? excelHost : previewHost;
  } catch {
    return previewHost;
  }
}
