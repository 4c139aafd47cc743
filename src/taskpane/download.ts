/**
 * Preview mode's output: the sheet plan written by the .xlsx writer and handed to the browser as
 * a download. ExcelJS is large, so it is loaded (as its own chunk) only when a download is asked for.
 */
import { SheetPlan } from "../templates/plan";

export type Progress = (step: string, fraction: number) => void;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "amazon-anthropic-2023-vendor-loop.xlsx": the deal and the template, safe on every file system. */
export function workbookFileName(plan: SheetPlan): string {
  const stem = `${plan.dealId}-${plan.template}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${stem || "dealloop"}.xlsx`;
}

export async function downloadPlan(plan: SheetPlan, onProgress: Progress): Promise<string> {
  onProgress("Loading the workbook writer", 0.1);
  const { planToXlsx } = await import(/* webpackChunkName: "exceljs" */ "../workbook/xlsxWriter");
  onProgress("Writing the workbook", 0.5);
  const data = await planToXlsx(plan);
  const name = workbookFileName(plan);
  const url = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  onProgress("Downloaded", 1);
  return name;
}
