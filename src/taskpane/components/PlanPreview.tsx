import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { SheetPlan } from "../../templates/plan";
import { PreviewCell, previewGrid } from "../preview";
import { ChartPreview } from "./ChartPreview";

const useStyles = makeStyles({
  scroll: {
    overflowX: "auto",
    maxHeight: "420px",
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase100,
    fontFamily: tokens.fontFamilyBase,
  },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    paddingInline: tokens.spacingHorizontalXS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    paddingInline: tokens.spacingHorizontalXS,
    whiteSpace: "nowrap",
    maxWidth: "16em",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  // The sheet's colour key: inputs blue, assumptions shaded, formulas black, checks grey.
  input: { color: "#0000c8" },
  assumption: { color: "#0000c8", backgroundColor: "#fff2cc" },
  formula: { textAlign: "right" },
  addin: { textAlign: "right" },
  check: { color: tokens.colorNeutralForeground2, textAlign: "right" },
  label: {},
  empty: {},
});

const NUMERIC = /^[-$(]?[\d.,]/;

function Cell({ cell, className }: { cell: PreviewCell; className: string }) {
  const styles = useStyles();
  const right =
    cell.kind !== "label" && NUMERIC.test(cell.text) ? { textAlign: "right" as const } : undefined;
  return (
    <td className={mergeClasses(className, styles[cell.kind])} title={cell.note} style={right}>
      {cell.text}
    </td>
  );
}

/** The first sheet of the plan, as a small read-only grid. */
export function PlanPreview({ plan }: { plan: SheetPlan }) {
  const styles = useStyles();
  const grid = React.useMemo(() => previewGrid(plan.sheets[0]), [plan]);
  const others = plan.sheets.length - 1;
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <p>
        Sheet “{grid.sheet}”{others > 0 && ` and ${others} more sheet${others === 1 ? "" : "s"}`}
        {grid.hiddenRows > 0 && `; ${grid.hiddenRows} more rows`}
        {grid.hiddenColumns > 0 && `; ${grid.hiddenColumns} more columns`}.
      </p>
      <div
        className={styles.scroll}
        tabIndex={0}
        role="region"
        aria-label={`Preview of the sheet ${grid.sheet}`}
      >
        <table className={styles.table} data-testid="preview">
          <thead>
            <tr>
              <th className={styles.head}>
                <span className="visually-hidden">Row</span>
              </th>
              {grid.columns.map((column) => (
                <th key={column} scope="col" className={styles.head}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row, r) => (
              <tr key={r}>
                <th scope="row" className={styles.head}>
                  {r + 1}
                </th>
                {row.map((cell, c) => (
                  <Cell key={c} cell={cell} className={styles.cell} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ChartPreview plan={plan} />
    </section>
  );
}
