/**
 * How each kind of plan cell looks, for every writer (ExcelJS here, Office.js in the taskpane):
 * inputs blue, formulas black, links to other sheets green, assumptions shaded, missing facts
 * flagged. Colours are RGB hex.
 */
import { PlanCell } from "../templates/plan";

export interface CellLook {
  fontColor: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fill?: string;
  borderBottom?: boolean;
  align?: "left" | "center" | "right";
  /** Wrap long text onto more lines (headers), so a narrow numeric column keeps its full title. */
  wrap?: boolean;
}

export const COLORS = {
  input: "0000FF",
  formula: "000000",
  link: "008000",
  assumptionFill: "FFF2CC",
  missing: "C00000",
  missingFill: "F8CBAD",
  headerFill: "D9E1F2",
  muted: "595959",
} as const;

const LOOKS = {
  input: { fontColor: COLORS.input },
  assumption: { fontColor: COLORS.input, fill: COLORS.assumptionFill },
  missing: { fontColor: COLORS.missing, bold: true, fill: COLORS.missingFill },
  formula: { fontColor: COLORS.formula },
  link: { fontColor: COLORS.link },
  title: { fontColor: COLORS.formula, bold: true, size: 14 },
  subtitle: { fontColor: COLORS.muted, italic: true },
  section: { fontColor: COLORS.formula, bold: true, size: 12 },
  header: {
    fontColor: COLORS.formula,
    bold: true,
    fill: COLORS.headerFill,
    borderBottom: true,
    align: "center",
    wrap: true,
  },
  text: { fontColor: COLORS.formula },
  note: { fontColor: COLORS.muted, italic: true },
  tag: { fontColor: COLORS.muted },
  warning: { fontColor: COLORS.missing, bold: true, fill: COLORS.missingFill },
} satisfies Record<string, CellLook>;

export function lookOf(cell: PlanCell): CellLook {
  const look = kindLook(cell);
  return "wrap" in cell && cell.wrap ? { ...look, wrap: true } : look;
}

function kindLook(cell: PlanCell): CellLook {
  switch (cell.kind) {
    case "label": {
      return cell.look ? { ...LOOKS[cell.look], italic: false } : LOOKS[cell.role];
    }
    case "input":
      return cell.wrap ? { ...LOOKS.input, wrap: true } : LOOKS.input;
    case "assumption":
      return cell.missing ? LOOKS.missing : LOOKS.assumption;
    case "formula": {
      const look = cell.link ? LOOKS.link : LOOKS.formula;
      return cell.emphasis ? { ...look, bold: true } : look;
    }
    // A calculation like any other (live where the add-in runs): black, green across sheets.
    case "addin":
      return cell.link ? LOOKS.link : LOOKS.formula;
  }
}
