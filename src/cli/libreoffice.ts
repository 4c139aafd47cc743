/**
 * LibreOffice from the command line: find soffice, and convert workbooks with it (to a PDF, or
 * recalculated back to .xlsx). Each run gets a fresh profile that forces recalculation on load, so
 * every formula shows its computed value, and so it works while another soffice is running.
 */
import { execFileSync, spawn } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, extname, join } from "path";

export const INSTALL_HINT = "sudo apt-get install -y libreoffice-calc-nogui";

/** `--convert-to` targets: the output extension, then the export filter. */
export const PDF_TARGET = "pdf:calc_pdf_Export";
export const XLSX_TARGET = "xlsx:Calc MS Excel 2007 XML";

/** The soffice executable ($SOFFICE, or soffice/libreoffice on the PATH), if installed. */
export function findSoffice(): string | undefined {
  const candidates = [process.env.SOFFICE, "soffice", "libreoffice"].filter((c): c is string =>
    Boolean(c)
  );
  for (const candidate of candidates) {
    try {
      // The PATH searched is this process's, as the caller may have set it (a test strips soffice from it).
      execFileSync(candidate, ["--version"], {
        stdio: "ignore",
        timeout: 60_000,
        env: process.env,
      });
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
 * Converts `files` in one soffice run to `target` (PDF_TARGET, XLSX_TARGET) in `outDir`, and
 * returns the converted files' paths in the same order. Files must have distinct base names
 * (they land in one folder, named after their source with the target's extension).
 */
export async function convertWithSoffice(
  soffice: string,
  files: readonly string[],
  target: string,
  outDir: string,
  timeoutMs = 240_000
): Promise<string[]> {
  const extension = target.split(":")[0];
  const names = files.map((file) => `${basename(file, extname(file))}.${extension}`);
  if (new Set(names).size !== names.length)
    throw new Error("files to convert must have distinct names");
  mkdirSync(outDir, { recursive: true });
  const profile = freshProfile();
  const args = [
    `-env:UserInstallation=file://${profile}`,
    "--headless",
    "--norestore",
    "--convert-to",
    target,
    "--outdir",
    outDir,
    ...files,
  ];
  try {
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
        else
          reject(
            new Error(
              `soffice ${signal ? `was killed after ${timeoutMs} ms` : `exited ${code}`}: ${text}`
            )
          );
      });
    });
    const converted = names.map((name) => join(outDir, name));
    const lost = converted.filter((file) => !existsSync(file));
    if (lost.length > 0) throw new Error(`soffice did not write ${lost.join(", ")}:\n${output}`);
    return converted;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The number of pages of a PDF as LibreOffice writes it (page objects in plain dictionaries). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}
