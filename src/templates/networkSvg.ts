/**
 * The capital-flow network as a diagram (Excel has no network chart): parties on a circle, in
 * the order they first appear, and one arrow per flow whose width grows with the square root of
 * its amount (so a $100B flow does not hide a $1B one). A pair with flows both ways gets two
 * arcs bent to opposite sides. Pure geometry, shared by the taskpane's SVG and the .xlsx image.
 */
import { escapeXml } from "./markup";
import { DiagramFlow } from "./plan";

export type { DiagramFlow };

export interface Point {
  x: number;
  y: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  parties: { name: string; at: Point }[];
  /** Each arrow as a quadratic curve from `start` through `control` to `end` (the arrowhead's tip). */
  arrows: { flow: DiagramFlow; start: Point; control: Point; end: Point; width: number }[];
}

export const NODE_RADIUS = 16;

/** The parties in the order they first appear: the diagram's numbering, 1 first. */
export function partiesOf(flows: readonly DiagramFlow[]): string[] {
  const names = new Set<string>();
  for (const f of flows) for (const name of [f.from, f.to]) names.add(name);
  return [...names];
}
const MIN_WIDTH = 1;
const MAX_WIDTH = 9;

export function layoutNetwork(
  flows: readonly DiagramFlow[],
  width = 320,
  height = 320
): DiagramLayout {
  const names = partiesOf(flows);
  const centre = { x: width / 2, y: height / 2 };
  const radius = Math.max(10, Math.min(width, height) / 2 - 48);
  const parties = names.map((name, i) => {
    // The first party at the top, then clockwise.
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, names.length);
    return {
      name,
      at: { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) },
    };
  });
  const where = new Map(parties.map((p) => [p.name, p.at]));
  const largest = Math.max(0, ...flows.map((f) => f.amount ?? 0));
  const pairs = new Set(flows.map((f) => `${f.from}\u0000${f.to}`));
  const arrows = flows
    .filter((f) => f.from !== f.to)
    .map((flow) => {
      const a = where.get(flow.from) as Point;
      const b = where.get(flow.to) as Point;
      const [dx, dy] = [b.x - a.x, b.y - a.y];
      const length = Math.hypot(dx, dy) || 1;
      const [ux, uy] = [dx / length, dy / length];
      // Both directions present: bend each to its own side (to the right of its direction).
      const bend = pairs.has(`${flow.to}\u0000${flow.from}`) ? 0.18 * length : 0;
      const control = { x: (a.x + b.x) / 2 - uy * bend, y: (a.y + b.y) / 2 + ux * bend };
      const towards = (from: Point, to: Point, by: number): Point => {
        const d = Math.hypot(to.x - from.x, to.y - from.y) || 1;
        return { x: from.x + ((to.x - from.x) / d) * by, y: from.y + ((to.y - from.y) / d) * by };
      };
      const share =
        largest > 0 && flow.amount !== undefined
          ? Math.sqrt(Math.max(0, flow.amount) / largest)
          : 0;
      return {
        flow,
        start: towards(a, control, NODE_RADIUS),
        control,
        end: towards(b, control, NODE_RADIUS + 2),
        width: MIN_WIDTH + share * (MAX_WIDTH - MIN_WIDTH),
      };
    });
  return { width, height, parties, arrows };
}

const r = (n: number) => Math.round(n * 10) / 10;

export const FLOW_COLOUR = "5B6770";
export const HIGHLIGHT_COLOUR = "C55A11";

/** The diagram as a standalone <svg>; every party name is escaped text. */
export function networkSvg(
  flows: readonly DiagramFlow[],
  width = 320,
  height = 320,
  title = "Capital flows"
): string {
  const layout = layoutNetwork(flows, width, height);
  const marker = (id: string, colour: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse">` +
    `<path d="M0,0 L10,5 L0,10 z" fill="#${colour}"/></marker>`;
  const arrows = layout.arrows.map(({ flow, start, control, end, width: w }) => {
    const colour = flow.highlight ? HIGHLIGHT_COLOUR : FLOW_COLOUR;
    const dash = flow.amount === undefined ? ' stroke-dasharray="4 3"' : "";
    return (
      `<path d="M${r(start.x)},${r(start.y)} Q${r(control.x)},${r(control.y)} ${r(end.x)},${r(end.y)}" fill="none" ` +
      `stroke="#${colour}" stroke-width="${r(w)}" stroke-opacity="0.85"${dash} marker-end="url(#${flow.highlight ? "deal" : "flow"})">` +
      `<title>${escapeXml(`${flow.from} → ${flow.to}`)}</title></path>`
    );
  });
  const nodes = layout.parties.map(({ name, at }) => {
    const below = at.y >= height / 2;
    return (
      `<circle cx="${r(at.x)}" cy="${r(at.y)}" r="${NODE_RADIUS}" fill="#1F4E79"/>` +
      `<text x="${r(at.x)}" y="${r(at.y + (below ? NODE_RADIUS + 12 : -NODE_RADIUS - 5))}" text-anchor="middle" font-size="10">${escapeXml(name)}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" font-family="Segoe UI, sans-serif">` +
    `<title>${escapeXml(title)}</title><defs>${marker("flow", FLOW_COLOUR)}${marker("deal", HIGHLIGHT_COLOUR)}</defs>` +
    `${arrows.join("")}${nodes.join("")}</svg>`
  );
}
