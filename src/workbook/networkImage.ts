/**
 * The capital-flow diagram rasterised to a PNG in plain JavaScript, for the .xlsx file (Excel has
 * no network chart, and LibreOffice prints a PNG as it is). The geometry is the taskpane SVG's
 * (layoutNetwork); the parties are numbered inside their circles, and the key beside the picture
 * names them in cells.
 */
import {
  DiagramFlow,
  FLOW_COLOUR,
  HIGHLIGHT_COLOUR,
  layoutNetwork,
  NODE_RADIUS,
  Point,
} from "../templates/networkSvg";
import { encodePng } from "./pngEncode";

export const NODE_COLOUR = "1F4E79";

/** Digits 0–9 in a 3 × 5 grid, one row per string. */
const DIGITS = [
  ["111", "101", "101", "101", "111"],
  ["010", "110", "010", "010", "111"],
  ["111", "001", "111", "100", "111"],
  ["111", "001", "111", "001", "111"],
  ["101", "101", "111", "001", "001"],
  ["111", "100", "111", "001", "111"],
  ["111", "100", "111", "101", "111"],
  ["111", "001", "001", "001", "001"],
  ["111", "101", "111", "101", "111"],
  ["111", "101", "111", "001", "111"],
];

class Canvas {
  readonly rgb: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number
  ) {
    this.rgb = new Uint8Array(width * height * 3).fill(255);
  }

  pixel(x: number, y: number, colour: number[]): void {
    const [px, py] = [Math.round(x), Math.round(y)];
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    this.rgb.set(colour, (py * this.width + px) * 3);
  }

  disc(centre: Point, radius: number, colour: number[]): void {
    for (let y = Math.floor(centre.y - radius); y <= Math.ceil(centre.y + radius); y++)
      for (let x = Math.floor(centre.x - radius); x <= Math.ceil(centre.x + radius); x++)
        if ((x - centre.x) ** 2 + (y - centre.y) ** 2 <= radius * radius) this.pixel(x, y, colour);
  }

  triangle(a: Point, b: Point, c: Point, colour: number[]): void {
    const cross = (p: Point, q: Point, r: Point) =>
      (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    const xs = [a.x, b.x, c.x];
    const ys = [a.y, b.y, c.y];
    for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++)
      for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
        const p = { x, y };
        const [d1, d2, d3] = [cross(a, b, p), cross(b, c, p), cross(c, a, p)];
        const negative = d1 < 0 || d2 < 0 || d3 < 0;
        const positive = d1 > 0 || d2 > 0 || d3 > 0;
        if (!(negative && positive)) this.pixel(x, y, colour);
      }
  }

  digits(text: string, centre: Point, scale: number, colour: number[]): void {
    const width = text.length * 4 * scale - scale;
    [...text].forEach((digit, i) => {
      const glyph = DIGITS[Number(digit)];
      glyph.forEach((row, gy) =>
        [...row].forEach((bit, gx) => {
          if (bit !== "1") return;
          for (let dy = 0; dy < scale; dy++)
            for (let dx = 0; dx < scale; dx++)
              this.pixel(
                centre.x - width / 2 + (i * 4 + gx) * scale + dx,
                centre.y - (5 * scale) / 2 + gy * scale + dy,
                colour
              );
        })
      );
    });
  }
}

const rgbOf = (hex: string) => [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The diagram as PNG bytes, `width` × `height` pixels. */
export function networkPng(
  flows: readonly DiagramFlow[],
  width: number,
  height: number
): Uint8Array {
  const canvas = new Canvas(width, height);
  const layout = layoutNetwork(flows, width, height);
  for (const { flow, start, control, end, width: thickness } of layout.arrows) {
    const colour = rgbOf(flow.highlight ? HIGHLIGHT_COLOUR : FLOW_COLOUR);
    const head = 6 + thickness;
    const along = { x: end.x - control.x, y: end.y - control.y };
    const norm = Math.hypot(along.x, along.y) || 1;
    const [ux, uy] = [along.x / norm, along.y / norm];
    const base = { x: end.x - ux * head, y: end.y - uy * head };
    const half = 3 + thickness * 0.8;
    canvas.triangle(
      end,
      { x: base.x - uy * half, y: base.y + ux * half },
      { x: base.x + uy * half, y: base.y - ux * half },
      colour
    );
    // The shaft, stamped along the curve, stops where the arrowhead begins.
    const steps = Math.ceil(Math.hypot(end.x - start.x, end.y - start.y) * 1.5) + 1;
    let travelled = 0;
    let previous = start;
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      const p = {
        x: (1 - t) ** 2 * start.x + 2 * (1 - t) * t * control.x + t * t * end.x,
        y: (1 - t) ** 2 * start.y + 2 * (1 - t) * t * control.y + t * t * end.y,
      };
      travelled += Math.hypot(p.x - previous.x, p.y - previous.y);
      previous = p;
      if (Math.hypot(end.x - p.x, end.y - p.y) < head * 0.8) break;
      // An unpriced flow is dashed: 5 px drawn, 4 px skipped.
      if (flow.amount === undefined && travelled % 9 >= 5) continue;
      canvas.disc(p, thickness / 2, colour);
    }
  }
  layout.parties.forEach(({ at }, i) => {
    canvas.disc(at, NODE_RADIUS, rgbOf(NODE_COLOUR));
    canvas.digits(String(i + 1), at, 3, [255, 255, 255]);
  });
  return encodePng(width, height, canvas.rgb);
}
