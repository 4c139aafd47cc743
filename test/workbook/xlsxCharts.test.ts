/**
 * Native charts in the produced .xlsx, read from the file (not the plan): every chart part is
 * reached from its sheet (sheet → drawing → chart), every XML part is well-formed, and each
 * series' c:cat / c:val (c:xVal / c:yVal) reference is the range the test declared, on that sheet.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { label, Span, WorkbookBuilder } from "../../src/templates/builder";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { parseCellAddress, parseRange } from "../../src/templates/a1";
import { attachChart, checkChart, legendShown, rangeCells } from "../../src/templates/charts";
import { demoEntries, demoPlan } from "../../src/templates/demo";
import { escapeXml } from "../../src/templates/markup";
import { PlannedChart } from "../../src/templates/plan";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import { decodePng } from "../pack/png";
import { CHART_SHEET, chartGalleryPlan, NETWORK_FLOWS, NETWORK_SHEET } from "../support/chartPlans";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["c:ser", "Relationship", "sheet", "xdr:twoCellAnchor"].includes(name),
});

/** 'Chart''s gallery'!$A$4:$A$8, written out here from the declared "A4:A8". */
const expectedRef = (range: string) =>
  `'${CHART_SHEET.replace(/'/g, "''")}'!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;

interface FoundChart {
  sheet: string;
  xml: string;
  anchor: { from: [number, number]; to: [number, number] };
}

/** The charts of each sheet, followed through the package's relationships. */
async function chartsOf(file: Buffer): Promise<{ zip: JSZip; charts: FoundChart[] }> {
  const zip = await JSZip.loadAsync(file);
  const text = async (path: string) => {
    const entry = zip.file(path);
    if (!entry) throw new Error(`missing part ${path}`);
    return entry.async("string");
  };
  const rels = async (path: string) => {
    const dir = path.slice(0, path.lastIndexOf("/"));
    const name = path.slice(path.lastIndexOf("/") + 1);
    const entry = zip.file(`${dir}/_rels/${name}.rels`);
    if (!entry) return new Map<string, string>();
    const parsed = parser.parse(await entry.async("string"));
    const resolve = (target: string) => {
      const parts = `${dir}/${target}`.split("/");
      const out: string[] = [];
      for (const p of parts)
        if (p === "..") out.pop();
        else out.push(p);
      return out.join("/");
    };
    return new Map<string, string>(
      parsed.Relationships.Relationship.map((r: Record<string, string>) => [
        r["@Id"],
        resolve(r["@Target"]),
      ])
    );
  };
  const workbook = parser.parse(await text("xl/workbook.xml"));
  const workbookRels = await rels("xl/workbook.xml");
  const charts: FoundChart[] = [];
  for (const sheet of workbook.workbook.sheets.sheet) {
    const part = workbookRels.get(sheet["@r:id"]) as string;
    const sheetXml = parser.parse(await text(part));
    const drawingId = sheetXml.worksheet.drawing?.["@r:id"];
    if (!drawingId) continue;
    const drawingPath = (await rels(part)).get(drawingId) as string;
    const drawing = parser.parse(await text(drawingPath));
    const drawingRels = await rels(drawingPath);
    for (const anchor of drawing["xdr:wsDr"]["xdr:twoCellAnchor"]) {
      if (!anchor["xdr:graphicFrame"]) continue;
      const id = anchor["xdr:graphicFrame"]["a:graphic"]["a:graphicData"]["c:chart"]["@r:id"];
      const at = (m: Record<string, number>): [number, number] => [m["xdr:row"], m["xdr:col"]];
      charts.push({
        sheet: sheet["@name"],
        xml: await text(drawingRels.get(id) as string),
        anchor: { from: at(anchor["xdr:from"]), to: at(anchor["xdr:to"]) },
      });
    }
  }
  return { zip, charts };
}

const titleOf = (chart: Record<string, any>): string =>
  chart["c:chartSpace"]["c:chart"]["c:title"]["c:tx"]["c:rich"]["a:p"]["a:r"]["a:t"];

describe("charts in the .xlsx file", () => {
  const fixture = chartGalleryPlan();
  let found: { zip: JSZip; charts: FoundChart[] };
  beforeAll(async () => {
    found = await chartsOf(await planToBuffer(fixture.plan));
  });

  test("every XML part of the package is well-formed", async () => {
    const paths = Object.keys(found.zip.files).filter((p) => /\.(xml|rels)$/.test(p));
    expect(paths.filter((p) => p.startsWith("xl/charts/"))).toHaveLength(4);
    for (const path of paths) {
      const xml = await found.zip.file(path)!.async("string");
      expect([path, XMLValidator.validate(xml)]).toEqual([path, true]);
    }
    const types = await found.zip.file("[Content_Types].xml")!.async("string");
    for (const chart of paths.filter((p) => p.startsWith("xl/charts/")))
      expect(types).toContain(`PartName="/${chart}"`);
  });

  test("each chart series is bound to the ranges declared for it, on its own sheet", () => {
    expect(found.charts).toHaveLength(4);
    for (const chart of found.charts) {
      expect(chart.sheet).toBe(CHART_SHEET);
      const parsed = parser.parse(chart.xml);
      const plot = parsed["c:chartSpace"]["c:chart"]["c:plotArea"];
      const group = plot["c:barChart"] ?? plot["c:scatterChart"] ?? plot["c:lineChart"];
      const declared = fixture.declared[titleOf(parsed)];
      expect(declared).toBeDefined();
      const series = group["c:ser"].map((s: Record<string, any>) => ({
        categories: (s["c:cat"] ?? s["c:xVal"])[s["c:cat"] ? "c:strRef" : "c:numRef"]["c:f"],
        values: (s["c:val"] ?? s["c:yVal"])["c:numRef"]["c:f"],
      }));
      expect(series).toEqual(
        declared.map((d) => ({
          categories: expectedRef(d.categories),
          values: expectedRef(d.values),
        }))
      );
      // No cached numbers: the chart is drawn from the cells.
      expect(chart.xml).not.toContain("c:numCache");
    }
  });

  test("chart kinds: stacked columns and bars overlap fully; the invisible base has no fill", () => {
    const byTitle = new Map(
      found.charts.map((c) => [titleOf(parser.parse(c.xml)), parser.parse(c.xml)])
    );
    const plot = (title: string) => byTitle.get(title)["c:chartSpace"]["c:chart"]["c:plotArea"];
    const bridge = plot("Headline to risk-adjusted value")["c:barChart"];
    expect([
      bridge["c:barDir"]["@val"],
      bridge["c:grouping"]["@val"],
      bridge["c:overlap"]["@val"],
    ]).toEqual(["col", "stacked", "100"]);
    expect(bridge["c:ser"][0]["c:spPr"]).toHaveProperty("a:noFill");
    expect(bridge["c:ser"][1]["c:spPr"]).toHaveProperty("a:solidFill");
    const field = plot("Valuation range by method")["c:barChart"];
    expect([field["c:barDir"]["@val"], field["c:grouping"]["@val"]]).toEqual(["bar", "stacked"]);
    // Bars read top-down in the sheet's order, the value axis at the bottom; columns as they are.
    const orientation = (title: string) =>
      plot(title)["c:catAx"]["c:scaling"]["c:orientation"]["@val"];
    expect(orientation("Valuation range by method")).toBe("maxMin");
    expect(plot("Valuation range by method")["c:valAx"]["c:crosses"]["@val"]).toBe("max");
    expect(orientation("Headline to risk-adjusted value")).toBe("minMax");
    expect(plot("Funding over time")).toHaveProperty("c:scatterChart");
    // The value axis says its unit.
    expect(plot("Sensitivity of value")["c:valAx"]["c:numFmt"]["@formatCode"]).toBe(
      '$#,##0.0,,,"B"'
    );
  });

  test("each chart sits where it was anchored, inside the sheet's print area", () => {
    const sheet = fixture.plan.sheets[0];
    const area = sheet.print.area.split(":")[1];
    const [, lastColumn, lastRow] = /^([A-Z]+)(\d+)$/.exec(area)!;
    const columnNumber = [...lastColumn].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const anchors = found.charts
      .map((c) => c.anchor)
      .sort((a, b) => a.from[0] - b.from[0] || a.from[1] - b.from[1]);
    // Zero-based rows and columns: F1 is (0, 5); each chart is 8 columns by 14 rows.
    expect(anchors).toEqual([
      { from: [0, 5], to: [14, 13] },
      { from: [0, 14], to: [14, 22] },
      { from: [15, 5], to: [29, 13] },
      { from: [15, 14], to: [29, 22] },
    ]);
    for (const { to } of anchors) {
      expect(to[0]).toBeLessThanOrEqual(Number(lastRow));
      expect(to[1]).toBeLessThanOrEqual(columnNumber);
    }
  });

  test("the capital-flow picture: a PNG over its cells, each party's circle where the circle layout puts it", async () => {
    const sheetDrawing = found.zip.file("xl/drawings/drawing2.xml")!;
    const drawing = parser.parse(await sheetDrawing.async("string"));
    const [picture] = drawing["xdr:wsDr"]["xdr:twoCellAnchor"];
    expect(picture["xdr:pic"]["xdr:nvPicPr"]["xdr:cNvPr"]["@descr"]).toBe(
      "Capital flows between the parties"
    );
    // The key's header is row 3 (title, blank); the picture starts there in column D, 7 × 18 cells.
    expect([picture["xdr:from"]["xdr:col"], picture["xdr:from"]["xdr:row"]]).toEqual([3, 2]);
    expect([picture["xdr:to"]["xdr:col"], picture["xdr:to"]["xdr:row"]]).toEqual([10, 20]);
    const png = decodePng(
      Buffer.from(await found.zip.file("xl/media/diagram1.png")!.async("uint8array"))
    );
    // Columns D–J have no planned width: Excel's default column is 64 px; rows are 20 px.
    expect([png.width, png.height]).toEqual([7 * 64, 18 * 20]);
    // Three parties on a circle of radius min(w, h)/2 − 48 round the centre, the first at the top.
    const radius = Math.min(png.width, png.height) / 2 - 48;
    const pixel = (x: number, y: number) => {
      const at = (Math.round(y) * png.width + Math.round(x)) * png.channels;
      return [...png.pixels.subarray(at, at + 3)];
    };
    for (let i = 0; i < 3; i++) {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / 3;
      const [x, y] = [
        png.width / 2 + radius * Math.cos(angle),
        png.height / 2 + radius * Math.sin(angle),
      ];
      // Below the number, inside the circle: the node colour 1F4E79.
      expect(pixel(x, y + 11)).toEqual([0x1f, 0x4e, 0x79]);
    }
    expect(pixel(2, 2)).toEqual([255, 255, 255]);
    // The key names the parties in cells, numbered as in the picture.
    const network = fixture.plan.sheets.find((s) => s.name === NETWORK_SHEET)!;
    const key = network.rows
      .slice(3, 6)
      .map((row) => row.slice(0, 2).map((c) => (c?.kind === "label" ? c.text : null)));
    expect(key).toEqual([
      [1, NETWORK_FLOWS[0].from],
      [2, NETWORK_FLOWS[0].to],
      [3, NETWORK_FLOWS[2].from],
    ]);
  });

  test("a plan without charts gets no chart parts", async () => {
    const wb = new WorkbookBuilder({ template: "t", title: "t", dealId: "d", asOf: "2026" });
    wb.sheet("Plain", [10]).row(label("no chart"));
    const { zip, charts } = await chartsOf(await planToBuffer(wb.build()));
    expect(charts).toEqual([]);
    expect(Object.keys(zip.files).filter((p) => p.includes("chart"))).toEqual([]);
  });

  test("text in a chart is escaped and loses characters XML forbids", () => {
    expect(escapeXml(`A & B <"x"> 'y'\uFFFE\u0001`)).toBe(
      "A &amp; B &lt;&quot;x&quot;&gt; &apos;y&apos;"
    );
  });
});

describe("declaring a chart", () => {
  const setup = () => {
    const wb = new WorkbookBuilder({ template: "t", title: "t", dealId: "d", asOf: "2026" });
    const a = wb.sheet("A", [10, 10]);
    const b = wb.sheet("B", [10, 10]);
    const [a1, a2] = a.row(label("x"), label(1));
    const [b1] = b.row(label("y"));
    return { a, a1, a2, b1 };
  };

  test("a series on another sheet is refused with the chart's name", () => {
    const { a, a1, b1 } = setup();
    expect(() =>
      a.chart({
        kind: "line",
        title: "Mixed",
        series: [{ name: "s", categories: new Span(a1, a1), values: new Span(b1, b1) }],
        anchor: { at: a1.offset(2, 0), columns: 4, rows: 4 },
      })
    ).toThrow(/chart "Mixed": the values of "s" is on B, not on A/);
  });

  test("categories and values of different lengths, a block, a bad colour or no series are refused", () => {
    const base: PlannedChart = {
      kind: "stacked-column",
      title: "T",
      series: [{ name: "s", categories: "A1:A3", values: "B1:B3" }],
      anchor: { cell: "D1", columns: 4, rows: 4 },
    };
    expect(() => checkChart("A", base)).not.toThrow();
    const bad = (patch: Partial<PlannedChart["series"][0]>) => ({
      ...base,
      series: [{ ...base.series[0], ...patch }],
    });
    expect(() => checkChart("A", bad({ values: "B1:B4" }))).toThrow(/3 categories and 4 values/);
    expect(() => checkChart("A", bad({ values: "B1:C3" }))).toThrow(/one row or one column/);
    expect(() => checkChart("A", bad({ fill: "blue" }))).toThrow(/not RRGGBB/);
    expect(() => checkChart("A", { ...base, series: [] })).toThrow(/no series/);
    expect(() => checkChart("A", { ...base, anchor: { cell: "D1", columns: 1, rows: 4 } })).toThrow(
      /whole cells/
    );
  });

  test("attaching a chart to a built sheet grows its print area and refuses a bad chart", () => {
    const { a } = setup();
    const built = a.build({ landscape: true });
    expect(built.print.area).toBe("A1:B1");
    const chart: PlannedChart = {
      kind: "line",
      title: "Attached",
      series: [{ name: "s", categories: "A1:A1", values: "B1:B1" }],
      anchor: { cell: "C3", columns: 4, rows: 5 },
    };
    // C3 plus four columns and five rows ends at F7.
    const attached = attachChart(built, chart);
    expect(attached.print.area).toBe("A1:F7");
    expect(attached.charts).toEqual([chart]);
    expect(built.charts).toBeUndefined();
    expect(() =>
      attachChart(built, { ...chart, series: [{ ...chart.series[0], values: "B1:B2" }] })
    ).toThrow(/chart "Attached" on A: series "s" has 1 categories and 2 values/);
  });

  test("the print area grows to hold a chart placed beyond the cells", () => {
    const { a, a1, a2 } = setup();
    a.chart({
      kind: "line",
      title: "Far",
      series: [{ name: "s", categories: new Span(a1, a1), values: new Span(a2, a2) }],
      anchor: { at: a1.offset(5, 3), columns: 6, rows: 10 },
    });
    // The anchor is D6; six columns by ten rows end at I15.
    expect(a.build({ landscape: true }).print.area).toBe("A1:I15");
  });
});

describe("charts of the real templates, in the files they write", () => {
  const DEALS = ["amazon-anthropic-2026", "amazon-openai-2026", "amazon-anthropic-2023"];
  const deals = BUILTIN_LIBRARY.filter((d) => DEALS.includes(d.id));
  const entries = demoEntries(deals).map((entry) => ({
    ...entry,
    plan: demoPlan(entry, BUILTIN_LIBRARY),
  }));
  /** 'Vendor loop'!$A$4:$A$8 for "A4:A8" on the sheet "Vendor loop". */
  const absolute = (sheet: string, range: string) =>
    `'${sheet.replace(/'/g, "''")}'!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;

  test("the deals tried get every chart the brief asks for", () => {
    const titles = new Set(
      entries.flatMap((e) => e.plan.sheets.flatMap((s) => (s.charts ?? []).map((c) => c.title)))
    );
    for (const title of [
      "Headline to risk-adjusted commitment",
      "When the money is paid",
      "This deal's NPV, from its present values",
      "This deal's NPV: each input at the ends of its grid range",
      "Headline investment: net new capital and the round trip",
    ])
      expect([title, titles.has(title)]).toEqual([title, true]);
    expect([...titles].some((t) => t.endsWith(": valuation by round"))).toBe(true);
    const diagrams = entries.flatMap((e) => e.plan.sheets.flatMap((s) => s.diagrams ?? []));
    expect(diagrams.length).toBeGreaterThan(0);
  });

  test.each(entries.map((e) => [e.file, e] as const))(
    "%s: every chart part is bound to ranges of its own sheet, inside its print area",
    async (_file, entry) => {
      const { charts } = await chartsOf(await planToBuffer(entry.plan));
      const planned = entry.plan.sheets.flatMap((s) =>
        (s.charts ?? []).map((chart) => ({ sheet: s, chart }))
      );
      expect(charts).toHaveLength(planned.length);
      for (const found of charts) {
        const parsed = parser.parse(found.xml);
        const title = titleOf(parsed);
        const match = planned.find((p) => p.sheet.name === found.sheet && p.chart.title === title);
        expect([title, match !== undefined]).toEqual([title, true]);
        const { sheet, chart } = match!;
        const refs = [...found.xml.replace(/&apos;/g, "'").matchAll(/<c:f>([^<]*)<\/c:f>/g)].map(
          (m) => m[1]
        );
        expect(refs).toEqual(
          chart.series.flatMap((s) => [
            absolute(sheet.name, s.categories),
            absolute(sheet.name, s.values),
          ])
        );
        // Every plotted cell is a formula or a number of the sheet, not an empty cell.
        for (const s of chart.series)
          for (const a1 of rangeCells(s.values)!) {
            const { row, column } = parseCellAddress(a1);
            const cell = sheet.rows[row - 1]?.[column - 1];
            expect([title, a1, cell?.kind]).toEqual([title, a1, "formula"]);
          }
        // The chart's cells are inside the print area, which starts at A1.
        const area = parseRange(sheet.print.area);
        const [fromRow, fromColumn] = found.anchor.from;
        const [toRow, toColumn] = found.anchor.to;
        expect(fromRow + 1 >= area.top && toRow <= area.bottom).toBe(true);
        expect(fromColumn + 1 >= area.left && toColumn <= area.right).toBe(true);
        // An invisible base has no legend entry.
        chart.series.forEach((s, i) => {
          const entryXml = `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>`;
          expect([title, i, found.xml.includes(entryXml)]).toEqual([
            title,
            i,
            s.fill === "none" && legendShown(chart),
          ]);
        });
      }
    },
    30_000
  );
});
