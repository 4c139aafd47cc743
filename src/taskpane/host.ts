/**
 * The taskpane's only door to Office: which host it runs in, and what it can do there. Components
 * call these and never Office.js. In Excel: insert a plan, read the DealSources table, prepare the
 * workbook for sharing and restore it. Anywhere else (a plain browser, Office.onReady reporting no
 * host) it is preview mode: plans download as .xlsx files.
 */
import { UserSource } from "../data/library";
import { SheetPlan } from "../templates/plan";
import { InsertResult } from "../workbook/officeWriter";
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
}

export type Host = PreviewHost | ExcelHost;

const PHASES = {
  reading: "Reading the workbook",
  writing: "Writing",
  verifying: "Checking",
  "cleaning up": "Undoing",
};

const excelHost: ExcelHost = {
  kind: "excel",
  async insert(plan, onProgress) {
    // The Office.js writer is needed only in Excel: its own chunk, loaded on first use.
    const { insertPlan } = await import(
      /* webpackChunkName: "office-writer" */ "../workbook/officeWriter"
    );
    return Excel.run((context) =>
      insertPlan(context, plan, ({ phase, done, total }) =>
        onProgress(PHASES[phase], total > 0 ? done / total : 0)
      )
    );
  },
  readDealSources() {
    return Excel.run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject("DealSources");
      await context.sync();
      if (table.isNullObject) return undefined;
      const range = table.getRange();
      range.load("values");
      await context.sync();
      return { name: TABLE_SOURCE_NAME, rows: range.values };
    });
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
