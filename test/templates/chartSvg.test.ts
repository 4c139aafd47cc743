/**
 * The taskpane's SVG drawings: read back as XML (well-formed, text escaped) and measured, with
 * the expected geometry worked out from the numbers given (bar lengths proportional to values,
 * decreases hanging from the running total, a tornado's downside left of zero, arrow widths by
 * the square root of the amount).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { chartSvg } from "../../src/templates/chartSvg";
import { layoutNetwork, NODE_RADIUS, networkSvg } from "../../src/templates/networkSvg";
import { PlannedChart } from "../../src/templates/plan";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
}

function rects(svg: string): Box[] {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = parser.parse(svg).svg[0];
  return (root.rect ?? []).map((r: Record<string, string>) => ({
    x: Number(r.x),
    y: Number(r.y),
    width: Number(r.width),
    height: Number(r.height),
    fill: r.fill,
  }));
}

/** A lookup over a small grid: column letter + row → value. */
const grid =
  (cells: Record<string, number | string | null>) =>
  (sheet: string, a1: string): number | string | null =>
    sheet === "S" ? (cells[a1] ?? null) : null;

const bridge: PlannedChart = {
  kind: "stacked-column",
  title: 'Bridge <&> "test"',
  series: [
    { name: "Base", categories: "A1:A5", values: "B1:B5", fill: "none" },
    { name: "Step", categories: "A1:A5", values: "C1:C5", fill: "1F4E79" },
  ],
  anchor: { cell: "E1", columns: 6, rows: 10 },
};
const bridgeCells = {
  A1: "Headline",
  A2: "Contingent",
  A3: "Firm",
  A4: "Risk",
  A5: "Adjusted",
  B1: 0,
  B2: 7,
  B3: 0,
  B4: 5,
  B5: 0,
  C1: 10,
  C2: 3,
  C3: 7,
  C4: 2,
  C5: 5,
};

describe("chartSvg", () => {
  test("a bridge: bars proportional to the steps, each decrease hanging from the total before it", () => {
    const bars = rects(chartSvg(bridge, "S", grid(bridgeCells))).filter(
      (r) => r.fill === "#1F4E79"
    );
    expect(bars).toHaveLength(5);
    const [headline, contingent, firm, risk, adjusted] = bars;
    const unit = headline.height / 10;
    expect(contingent.height / unit).toBeCloseTo(3, 6);
    expect(firm.height / unit).toBeCloseTo(7, 6);
    expect(risk.height / unit).toBeCloseTo(2, 6);
    expect(adjusted.height / unit).toBeCloseTo(5, 6);
    // The contingent step's top is at 10 (the headline's top), the risk step's top at 7.
    expect(contingent.y).toBeCloseTo(headline.y, 0);
    expect(risk.y).toBeCloseTo(firm.y, 0);
    // Totals stand on the axis: their bottoms line up.
    expect(firm.y + firm.height).toBeCloseTo(headline.y + headline.height, 0);
  });

  test("the title and labels are escaped text, never markup", () => {
    const svg = chartSvg(bridge, "S", grid({ ...bridgeCells, A1: "<script>alert(1)</script>" }));
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("Bridge &lt;&amp;&gt; &quot;test&quot;");
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  test("a tornado: downsides left of zero, upsides right, lengths as given", () => {
    const tornado: PlannedChart = {
      kind: "stacked-bar",
      title: "Sensitivity",
      series: [
        { name: "Down", categories: "A1:A2", values: "B1:B2", fill: "C55A11" },
        { name: "Up", categories: "A1:A2", values: "C1:C2", fill: "548235" },
      ],
      anchor: { cell: "E1", columns: 6, rows: 10 },
    };
    const boxes = rects(
      chartSvg(tornado, "S", grid({ A1: "Rate", A2: "Odds", B1: -4, B2: -1, C1: 2, C2: 3 }))
    );
    const down = boxes.filter((b) => b.fill === "#C55A11");
    const up = boxes.filter((b) => b.fill === "#548235");
    const legendKeys = 2;
    expect(down).toHaveLength(2 + legendKeys / 2);
    const zero = up[0].x;
    // Every bar of either side touches the zero line from its own side.
    for (const b of down.slice(0, 2)) expect(b.x + b.width).toBeCloseTo(zero, 0);
    for (const b of up.slice(0, 2)) expect(b.x).toBeCloseTo(zero, 0);
    // The first input's bar is on top, as the sheet lists it.
    expect(down[0].y).toBeLessThan(down[1].y);
    const unit = down[0].width / 4;
    expect(down[1].width / unit).toBeCloseTo(1, 1);
    expect(up[0].width / unit).toBeCloseTo(2, 1);
    expect(up[1].width / unit).toBeCloseTo(3, 1);
  });

  test("cells with no number leave a gap instead of NaN", () => {
    const line: PlannedChart = {
      kind: "scatter",
      title: "Timeline",
      series: [{ name: "Funded", categories: "A1:A3", values: "B1:B3" }],
      anchor: { cell: "E1", columns: 6, rows: 10 },
    };
    const svg = chartSvg(
      line,
      "S",
      grid({ A1: 2023, A2: 2024, A3: 2025, B1: 1, B2: "#N/A", B3: 3 })
    );
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    expect(parser.parse(svg).svg[0].circle).toHaveLength(2);
  });
});

describe("the capital-flow network diagram", () => {
  const flows = [
    { from: "Amazon", to: "Anthropic", amount: 100 },
    { from: "Anthropic", to: "Amazon", amount: 1 },
    { from: "Google", to: "Anthropic" },
  ];

  test("parties sit on one circle; arrows leave and reach each party at its rim", () => {
    const layout = layoutNetwork(flows, 300, 300);
    expect(layout.parties.map((p) => p.name)).toEqual(["Amazon", "Anthropic", "Google"]);
    const radii = layout.parties.map((p) => Math.hypot(p.at.x - 150, p.at.y - 150));
    for (const r of radii) expect(r).toBeCloseTo(radii[0], 9);
    const at = new Map(layout.parties.map((p) => [p.name, p.at]));
    for (const { flow, start, end } of layout.arrows) {
      const a = at.get(flow.from)!;
      const b = at.get(flow.to)!;
      expect(Math.hypot(start.x - a.x, start.y - a.y)).toBeCloseTo(NODE_RADIUS, 9);
      expect(Math.hypot(end.x - b.x, end.y - b.y)).toBeCloseTo(NODE_RADIUS + 2, 9);
    }
  });

  test("widths grow with the square root of the amount; flows both ways bend apart", () => {
    const [big, small, unpriced] = layoutNetwork(flows).arrows;
    expect(big.width).toBeCloseTo(9, 9);
    // 1 + 8·√(1/100)
    expect(small.width).toBeCloseTo(1.8, 9);
    expect(unpriced.width).toBeCloseTo(1, 9);
    // The two controls lie on opposite sides of the straight line between the pair.
    const side = (
      p: { x: number; y: number },
      a: { x: number; y: number },
      b: { x: number; y: number }
    ) => Math.sign((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
    const [a, b] = layoutNetwork(flows).parties.map((p) => p.at);
    expect(side(big.control, a, b)).toBe(-side(small.control, a, b));
    expect(side(big.control, a, b)).not.toBe(0);
  });

  test("names are escaped and an unpriced flow is dashed", () => {
    const svg = networkSvg([{ from: "A<B", to: "C&D" }]);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain("A&lt;B");
    expect(svg).toContain('stroke-dasharray="4 3"');
  });
});
