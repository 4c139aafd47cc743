/**
 * The add-in's weight and the taskpane's first render, from a production build (test/e2e/browser.ts
 * builds it, or reuses a build newer than every source):
 * - the whole build's bytes (dist/ as deployed; office.js comes from the Office CDN);
 * - functions.js minified bytes (it loads with every workbook that uses a DEAL function);
 * - taskpane.js gzip bytes, with ExcelJS split out;
 * - the JavaScript a download loads on demand (the .xlsx writer and ExcelJS), gzip bytes, as
 *   observed in the browser when "Download .xlsx" is pressed;
 * - first render: from navigation start to the deal list in the page, headless Chromium, served
 *   from 127.0.0.1 with the cache off, median of several loads.
 * `npx tsx bench/taskpane.bench.ts` runs it alone.
 */
import { readdirSync, readFileSync, statSync } from "fs";
import { basename, join } from "path";
import { gzipSync } from "zlib";
import { freshBuild, launch, serve } from "../test/e2e/browser";

export interface TaskpaneFigure {
  name: string;
  value: number;
  unit: "bytes" | "ms";
  target: string;
  ok: boolean;
}

const KB = 1024;
const LOADS = 9;

const gzipBytes = (file: string): number => gzipSync(readFileSync(file)).length;

/** Every file under `dir`, in bytes. */
const folderBytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(path) : statSync(path).size);
  }, 0);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];

export async function benchTaskpane(): Promise<TaskpaneFigure[]> {
  const { dir } = freshBuild();
  const functionsBytes = readFileSync(join(dir, "functions.js")).length;
  const taskpaneGzip = gzipBytes(join(dir, "taskpane.js"));
  const distBytes = folderBytes(dir);

  const server = await serve(dir);
  const browser = await launch(server.origin);
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const renders: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${server.origin}/taskpane.html`);
      // Polled every animation frame: the time the list was first in the page, from navigation start.
      const shown = await page.waitForFunction(
        () => (document.querySelector("[data-testid=deal-list] li") ? performance.now() : 0),
        undefined,
        { polling: "raf" }
      );
      renders.push((await shown.jsonValue()) as number);
    }

    const loaded: string[] = [];
    page.on("response", (response) => {
      if (response.url().endsWith(".js")) loaded.push(basename(new URL(response.url()).pathname));
    });
    await page.getByRole("button", { name: /expanded partnership with Anthropic/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download .xlsx" }).click(),
    ]);
    await download.path();
    const onDemandGzip = loaded.reduce((sum, file) => sum + gzipBytes(join(dir, file)), 0);

    const firstRender = median(renders);
    return [
      {
        name: "dist/, every file of the production build (office.js from the Office CDN)",
        value: distBytes,
        unit: "bytes",
        target: "≤ 5 MB",
        ok: distBytes <= 5 * KB * KB,
      },
      {
        name: "functions.js (minified)",
        value: functionsBytes,
        unit: "bytes",
        target: "≤ 150 KB",
        ok: functionsBytes <= 150 * KB,
      },
      {
        name: "taskpane.js (gzip, ExcelJS split out)",
        value: taskpaneGzip,
        unit: "bytes",
        target: "≤ 400 KB",
        ok: taskpaneGzip <= 400 * KB,
      },
      {
        name: `loaded on download: ${loaded.join(", ")} (gzip)`,
        value: onDemandGzip,
        unit: "bytes",
        target: "not in the taskpane entry",
        ok: loaded.length > 0,
      },
      {
        name: `first render, deal list visible (median of ${LOADS} cold loads)`,
        value: Math.round(firstRender),
        unit: "ms",
        target: "< 1000 ms",
        ok: firstRender < 1000,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

if (require.main === module) {
  benchTaskpane().then(
    (figures) => {
      for (const f of figures) {
        const shown = f.unit === "bytes" ? `${(f.value / KB).toFixed(1)} KB` : `${f.value} ms`;
        console.log(`${f.name}: ${shown} (target ${f.target}) ${f.ok ? "ok" : "MISSED"}`);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    }
  );
}
