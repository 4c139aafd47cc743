/**
 * LibreOffice as the recalculation oracle: it opens a workbook, recalculates every formula (forced
 * on load through a fresh profile, so no cached value survives), and saves it; ExcelJS then reads
 * each formula's recalculated result. One soffice run converts a whole batch of files.
 */
import { execFileSync, spawn } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import ExcelJS from "exceljs";

export const INSTALL_HINT = "apt-get install -y libreoffice-calc-nogui";

/** The soffice executable ($SOFFICE, or soffice/libreoffice on the PATH), if installed. */
export function findSoffice(): string | undefined {
  const candidates = [process.env.SOFFICE, "soffice", "libreoffice"].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ["--version"], { stdio: "ignore", timeout: 60_000 });
      return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Recalculation on load forced for .xlsx (OOXML) and .ods files alike. */
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function freshProfile(): string {
  const profile = mkdtempSync(join(tmpdir(), "dealloop-lo-profile-"));
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(join(profile, "user", "registrymodifications.xcu"), PROFILE_SETTINGS);
  return profile;
}

/**
 * Converts `files` (.xlsx) in one soffice run, recalculating each, and returns the converted
 * files' paths in the same order. Files must have distinct names (they land in one folder).
 */
export async function recalculate(
  soffice: string,
  files: readonly string[],
  outDir: string,
  timeoutMs = 240_000
): Promise<string[]> {
  const names = files.map((file) => basename(file));
  if (new Set(names).size !== names.length) throw new Error("files to recalculate must have distinct names");
  mkdirSync(outDir, { recursive: true });
  const profile = freshProfile();
  const args = [
    `-env:UserInstallation=file://${profile}`,
    "--headless",
    "--norestore",
    "--convert-to",
    "xlsx:Calc MS Excel 2007 XML",
    "--outdir",
    outDir,
    ...files,
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(soffice, args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    // A wedged soffice must fail the run, not hang it.
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (chunk) => (text += chunk));
    child.stderr.on("data", (chunk) => (text += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(text);
      else reject(new Error(`soffice ${signal ? `was killed after ${timeoutMs} ms` : `exited ${code}`}: ${text}`));
    });
  });
  const converted = names.map((name) => join(outDir, name));
  const lost = converted.filter((file) => !existsSync(file));
  if (lost.length > 0) throw new Error(`soffice did not write ${lost.join(", ")}:\n${output}`);
  return converted;
}

/** A recalculated cell: its value as LibreOffice left it (a formula's result, or the plain value). */
export type RecalculatedValue = number | string | boolean | { error: string } | null;

export function resultOf(cell: ExcelJS.Cell): RecalculatedValue {
  // cell.value drops a formula's falsy result (0, "", FALSE); cell.result keeps it.
  const value = (cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value) as unknown;
  const read = (v: unknown): RecalculatedValue => {
    if (v === null || v === undefined) return null;
    if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "object" && "error" in (v as object)) return { error: String((v as { error: unknown }).error) };
    if (typeof v === "object" && "richText" in (v as object)) {
      return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
    }
    return String(v);
  };
  return read(value);
}

/**
 * DealLoop's plans hold no dates, but LibreOffice saves formats such as `0.0" yrs"` as
 * `0.0\ \y\r\s`, which ExcelJS then takes for a date format, turning the number into a Date (and
 * a large one into an invalid Date). Reading with date detection off keeps every number a number.
 */
const excelUtils = require("exceljs/lib/utils/utils") as { isDateFmt: (format: string) => boolean };
excelUtils.isDateFmt = () => false;

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/**
 * Whether the oracle can run here. Without soffice the suite is skipped with a loud message;
 * with CI=true a missing soffice is a failure, not a skip.
 */
export function oracleStatus(): { soffice?: string; message?: string; mustFail: boolean } {
  const soffice = findSoffice();
  if (soffice) return { soffice, mustFail: false };
  const message =
    "\n**********************************************************************\n" +
    "  LibreOffice (soffice) is not installed: the recalculation oracle was SKIPPED.\n" +
    `  Install it with: ${INSTALL_HINT}\n` +
    "**********************************************************************\n";
  return { message, mustFail: process.env.CI === "true" };
}
