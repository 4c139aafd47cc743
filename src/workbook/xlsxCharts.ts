/**
 * Native charts, and the capital-flow diagram's picture, in the .xlsx file. ExcelJS cannot write
 * charts (its issue #141), and the maintained library that can, excelize-wasm, costs 4.1 MB gzip
 * and 0.3–1.1 s a workbook (docs/dependencies.md), so the writer adds standard DrawingML parts to
 * the package ExcelJS wrote, with jszip (which ExcelJS itself uses): per sheet, one drawing part
 * with an anchor per chart or picture, one chart part per chart, one PNG per picture, their
 * relationships and content types.
 *
 * Every series refers to cells of its sheet ('Sheet'!$C$5:$C$9) and carries no cached numbers:
 * Excel and LibreOffice draw it from the cells, so a chart follows its inputs.
 */
import JSZip from "jszip";
import { parseRange, rangeAddress, sheetPrefix } from "../templates/a1";
import { checkChart, legendShown, seriesFills } from "../templates/charts";
import { escapeXml } from "../templates/markup";
import {
  ChartSeries,
  PlannedChart,
  PlannedDiagram,
  PlannedSheet,
  SheetPlan,
} from "../templates/plan";
import { networkPng } from "./networkImage";

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  pkg: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const REL = {
  drawing: `${NS.r}/drawing`,
  chart: `${NS.r}/chart`,
  image: `${NS.r}/image`,
};
const CONTENT = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};
const HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** An absolute reference to a range of `sheet`: 'Vendor loop'!$C$5:$C$9. */
export function absoluteRef(sheet: string, range: string): string {
  const r = parseRange(range);
  return sheetPrefix(sheet) + rangeAddress(r.top, r.left, r.bottom, r.right, true);
}

const val = (tag: string, value: string | number) => `<c:${tag} val="${value}"/>`;

function richText(text: string, size: number, bold: boolean): string {
  const run = `<a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/>`;
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r>${run}<a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

const title = (text: string | undefined, size: number, bold = false) =>
  text ? `<c:title>${richText(text, size, bold)}${val("overlay", 0)}</c:title>` : "";

function shapeProperties(kind: PlannedChart["kind"], fill: string): string {
  const solid = `<a:solidFill><a:srgbClr val="${fill}"/></a:solidFill>`;
  if (kind === "line" || kind === "scatter")
    return fill === "none"
      ? "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>"
      : `<c:spPr><a:ln w="28575" cap="rnd">${solid}<a:round/></a:ln></c:spPr>`;
  return fill === "none"
    ? "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
    : `<c:spPr>${solid}<a:ln><a:noFill/></a:ln></c:spPr>`;
}

function seriesXml(
  sheet: string,
  chart: PlannedChart,
  series: ChartSeries,
  i: number,
  fill: string
) {
  const ref = (kind: "strRef" | "numRef", range: string) =>
    `<c:${kind}><c:f>${escapeXml(absoluteRef(sheet, range))}</c:f></c:${kind}>`;
  const head =
    val("idx", i) +
    val("order", i) +
    `<c:tx><c:v>${escapeXml(series.name)}</c:v></c:tx>` +
    shapeProperties(chart.kind, fill);
  switch (chart.kind) {
    case "stacked-column":
    case "stacked-bar":
      return (
        `<c:ser>${head}${val("invertIfNegative", 0)}` +
        `<c:cat>${ref("strRef", series.categories)}</c:cat>` +
        `<c:val>${ref("numRef", series.values)}</c:val></c:ser>`
      );
    case "line":
      return (
        `<c:ser>${head}<c:marker>${val("symbol", "none")}</c:marker>` +
        `<c:cat>${ref("strRef", series.categories)}</c:cat>` +
        `<c:val>${ref("numRef", series.values)}</c:val>${val("smooth", 0)}</c:ser>`
      );
    case "scatter":
      return (
        `<c:ser>${head}<c:marker>${val("symbol", "circle")}${val("size", 6)}</c:marker>` +
        `<c:xVal>${ref("numRef", series.categories)}</c:xVal>` +
        `<c:yVal>${ref("numRef", series.values)}</c:yVal>${val("smooth", 0)}</c:ser>`
      );
  }
}

const CATEGORY_AXIS = 500001;
const VALUE_AXIS = 500002;

function axisXml(chart: PlannedChart): string {
  const horizontal = chart.kind === "stacked-bar";
  // Bars read top to bottom in the sheet's order: categories reversed, the value axis at the
  // (now bottom) maximum category.
  const common = (id: number, position: string) =>
    val("axId", id) +
    `<c:scaling>${val("orientation", horizontal && id === CATEGORY_AXIS ? "maxMin" : "minMax")}</c:scaling>` +
    val("delete", 0) +
    val("axPos", position);
  const ticks = val("majorTickMark", "out") + val("minorTickMark", "none");
  const valueAxis = (
    id: number,
    position: string,
    cross: number,
    words?: string,
    format?: string
  ) =>
    `<c:valAx>${common(id, position)}<c:majorGridlines/>${title(words, 900)}` +
    `<c:numFmt formatCode="${escapeXml(format ?? "General")}" sourceLinked="${format ? 0 : 1}"/>` +
    `${ticks}${val("tickLblPos", "nextTo")}${val("crossAx", cross)}${val("crosses", horizontal ? "max" : "autoZero")}` +
    `${val("crossBetween", chart.kind === "scatter" ? "midCat" : "between")}</c:valAx>`;
  if (chart.kind === "scatter") {
    return (
      valueAxis(CATEGORY_AXIS, "b", VALUE_AXIS, chart.categoryAxisTitle) +
      valueAxis(VALUE_AXIS, "l", CATEGORY_AXIS, chart.valueAxisTitle, chart.valueFormat)
    );
  }
  const categoryAxis =
    `<c:catAx>${common(CATEGORY_AXIS, horizontal ? "l" : "b")}` +
    `${title(chart.categoryAxisTitle, 900)}<c:numFmt formatCode="General" sourceLinked="1"/>` +
    // Labels at the low end keep them clear of bars that go below zero (a tornado, a loss).
    `${ticks}${val("tickLblPos", "low")}${val("crossAx", VALUE_AXIS)}${val("crosses", "autoZero")}` +
    `${val("auto", 1)}${val("lblAlgn", "ctr")}${val("lblOffset", 100)}${val("noMultiLvlLbl", 0)}</c:catAx>`;
  return (
    categoryAxis +
    valueAxis(
      VALUE_AXIS,
      horizontal ? "b" : "l",
      CATEGORY_AXIS,
      chart.valueAxisTitle,
      chart.valueFormat
    )
  );
}

/** The chart part (c:chartSpace) of one planned chart on `sheet`. */
export function chartXml(sheet: string, chart: PlannedChart): string {
  const fills = seriesFills(chart);
  const series = chart.series.map((s, i) => seriesXml(sheet, chart, s, i, fills[i])).join("");
  const axes = val("axId", CATEGORY_AXIS) + val("axId", VALUE_AXIS);
  let plot: string;
  switch (chart.kind) {
    case "stacked-column":
    case "stacked-bar":
      plot =
        `<c:barChart>${val("barDir", chart.kind === "stacked-bar" ? "bar" : "col")}` +
        `${val("grouping", "stacked")}${val("varyColors", 0)}${series}` +
        `${val("gapWidth", 60)}${val("overlap", 100)}${axes}</c:barChart>`;
      break;
    case "line":
      plot = `<c:lineChart>${val("grouping", "standard")}${val("varyColors", 0)}${series}${val("marker", 1)}${axes}</c:lineChart>`;
      break;
    case "scatter":
      plot = `<c:scatterChart>${val("scatterStyle", "lineMarker")}${val("varyColors", 0)}${series}${axes}</c:scatterChart>`;
      break;
  }
  return (
    HEADER +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `${val("roundedCorners", 0)}<c:chart>${title(chart.title, 1200, true)}${val("autoTitleDeleted", 0)}` +
    `<c:plotArea><c:layout/>${plot}${axisXml(chart)}</c:plotArea>` +
    (legendShown(chart)
      ? `<c:legend>${val("legendPos", "b")}${hiddenLegendEntries(chart)}${val("overlay", 0)}</c:legend>`
      : "") +
    `${val("plotVisOnly", 1)}${val("dispBlanksAs", "gap")}</c:chart></c:chartSpace>`
  );
}

/** An invisible series (a waterfall's base) has no entry in the legend. */
const hiddenLegendEntries = (chart: PlannedChart): string =>
  chart.series
    .map((s, i) =>
      s.fill === "none" ? `<c:legendEntry>${val("idx", i)}${val("delete", 1)}</c:legendEntry>` : ""
    )
    .join("");

/** What a drawing holds: a chart, or a picture, with the relationship to its part. */
export type DrawingItem =
  | { kind: "chart"; chart: PlannedChart; relationship: string }
  | { kind: "picture"; diagram: PlannedDiagram; relationship: string };

/** The drawing part: one two-cell anchor per chart or picture, over the cells the plan gives it. */
export function drawingXml(items: DrawingItem[]): string {
  const anchors = items.map((item, i) => {
    const { anchor, title } = item.kind === "chart" ? item.chart : item.diagram;
    const { top, left } = parseRange(anchor.cell);
    const marker = (tag: string, column: number, row: number) =>
      `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff>` +
      `<xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    const name = `id="${i + 2}" name="${escapeXml(title)}"`;
    const content =
      item.kind === "chart"
        ? `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr ${name}/>` +
          `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
          `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="${item.relationship}"/>` +
          `</a:graphicData></a:graphic></xdr:graphicFrame>`
        : `<xdr:pic><xdr:nvPicPr><xdr:cNvPr ${name} descr="${escapeXml(title)}"/>` +
          `<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
          `<xdr:blipFill><a:blip r:embed="${item.relationship}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
          `<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`;
    return (
      `<xdr:twoCellAnchor editAs="oneCell">${marker("from", left - 1, top - 1)}` +
      marker("to", left - 1 + anchor.columns, top - 1 + anchor.rows) +
      `${content}<xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return (
    HEADER +
    `<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join("")}</xdr:wsDr>`
  );
}

/** Excel's default column (8.43 characters) in pixels, for columns the plan gives no width. */
export const DEFAULT_COLUMN_PIXELS = 64;

/**
 * A diagram's size in pixels, so the picture keeps its proportions over its cells: column widths
 * as Excel draws Calibri 11 (7 px a character + 5), rows of the default 15 pt (20 px).
 */
export function diagramPixels(
  sheet: PlannedSheet,
  diagram: PlannedDiagram
): { width: number; height: number } {
  const { left } = parseRange(diagram.anchor.cell);
  let width = 0;
  for (let c = left - 1; c < left - 1 + diagram.anchor.columns; c++)
    width +=
      sheet.columnWidths[c] === undefined
        ? DEFAULT_COLUMN_PIXELS
        : Math.trunc(sheet.columnWidths[c] * 7 + 5);
  return { width, height: diagram.anchor.rows * 20 };
}

const relationshipsXml = (items: { id: string; type: string; target: string }[]) =>
  items
    .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`)
    .join("");

const unescapeAttribute = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Sheet name → its part's path ("xl/worksheets/sheet2.xml"), from the workbook and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await read(zip, "xl/workbook.xml");
  const relationships = await read(zip, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const m of relationships.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?xl\//, "").replace(/^\//, ""));
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const target = id && targets.get(id);
    if (name !== undefined && target) parts.set(unescapeAttribute(name), `xl/${target}`);
  }
  return parts;
}

async function read(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`the workbook has no ${path}`);
  return file.async("string");
}

/** Elements that follow <drawing> in a worksheet (CT_Worksheet's order). */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

function withDrawing(sheetXml: string, relationship: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error("the sheet already has a drawing");
  const element = `<drawing r:id="${relationship}"/>`;
  for (const tag of AFTER_DRAWING) {
    const at = sheetXml.search(new RegExp(`<${tag}\\b`));
    if (at >= 0) return sheetXml.slice(0, at) + element + sheetXml.slice(at);
  }
  const end = sheetXml.lastIndexOf("</worksheet>");
  return sheetXml.slice(0, end) + element + sheetXml.slice(end);
}

function freePath(zip: JSZip, stem: string, extension: string): string {
  for (let n = 1; ; n++) {
    const path = `${stem}${n}.${extension}`;
    if (!zip.file(path)) return path;
  }
}

/** True when a sheet has a chart or a picture to add to ExcelJS's package. */
export const hasDrawings = (sheet: PlannedSheet): boolean =>
  (sheet.charts ?? []).length + (sheet.diagrams ?? []).length > 0;

/**
 * The package ExcelJS wrote, with the plan's charts added. A plan without charts comes back
 * as it was, untouched and without a second zip pass.
 */
export async function addCharts(xlsx: Uint8Array, plan: SheetPlan): Promise<Uint8Array> {
  const sheets = plan.sheets.filter(hasDrawings);
  if (sheets.length === 0) return xlsx;
  for (const sheet of sheets) for (const chart of sheet.charts ?? []) checkChart(sheet.name, chart);
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  const overrides: string[] = [];
  let pictures = false;
  for (const sheet of sheets) {
    const part = parts.get(sheet.name);
    if (!part) throw new Error(`the workbook has no sheet "${sheet.name}"`);
    const drawingPath = freePath(zip, "xl/drawings/drawing", "xml");
    const drawingName = drawingPath.slice(drawingPath.lastIndexOf("/") + 1);
    const items: DrawingItem[] = [];
    const links: { id: string; type: string; target: string }[] = [];
    const link = (type: string, path: string) => {
      const id = `rId${links.length + 1}`;
      links.push({ id, type, target: `../${path.split("/").slice(-2).join("/")}` });
      return id;
    };
    for (const chart of sheet.charts ?? []) {
      const path = freePath(zip, "xl/charts/chart", "xml");
      zip.file(path, chartXml(sheet.name, chart));
      overrides.push(`<Override PartName="/${path}" ContentType="${CONTENT.chart}"/>`);
      items.push({ kind: "chart", chart, relationship: link(REL.chart, path) });
    }
    for (const diagram of sheet.diagrams ?? []) {
      const path = freePath(zip, "xl/media/diagram", "png");
      const { width, height } = diagramPixels(sheet, diagram);
      zip.file(path, networkPng(diagram.flows, width, height));
      pictures = true;
      items.push({ kind: "picture", diagram, relationship: link(REL.image, path) });
    }
    zip.file(drawingPath, drawingXml(items));
    zip.file(
      `xl/drawings/_rels/${drawingName}.rels`,
      `${HEADER}<Relationships xmlns="${NS.pkg}">${relationshipsXml(links)}</Relationships>`
    );
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${CONTENT.drawing}"/>`);

    const folder = part.slice(0, part.lastIndexOf("/"));
    const relsPath = `${folder}/_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;
    const existing = zip.file(relsPath) ? await read(zip, relsPath) : undefined;
    const taken = new Set([...(existing ?? "").matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n++;
    const relationship = `rId${n}`;
    const entry = relationshipsXml([
      { id: relationship, type: REL.drawing, target: `../drawings/${drawingName}` },
    ]);
    zip.file(
      relsPath,
      existing
        ? existing.replace("</Relationships>", `${entry}</Relationships>`)
        : `${HEADER}<Relationships xmlns="${NS.pkg}">${entry}</Relationships>`
    );
    zip.file(part, withDrawing(await read(zip, part), relationship));
  }
  const types = await read(zip, "[Content_Types].xml");
  const png =
    pictures && !/Extension="png"/i.test(types)
      ? '<Default Extension="png" ContentType="image/png"/>'
      : "";
  zip.file("[Content_Types].xml", types.replace("</Types>", `${png}${overrides.join("")}</Types>`));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
