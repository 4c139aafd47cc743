import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { CellLookup, chartSvg, evaluatedLookup } from "../../templates/chartSvg";
import { DiagramFlow, networkSvg } from "../../templates/networkSvg";
import { SheetPlan } from "../../templates/plan";

const useStyles = makeStyles({
  figure: {
    margin: `${tokens.spacingVerticalS} 0`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    maxWidth: "100%",
    "& svg": { maxWidth: "100%", height: "auto", display: "block" },
  },
  caption: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2 },
});

/** Markup built by chartSvg/networkSvg, which escape every text they put in. */
function Svg({ markup, caption }: { markup: string; caption: string }) {
  const styles = useStyles();
  return (
    <figure className={styles.figure}>
      <div dangerouslySetInnerHTML={{ __html: markup }} />
      <figcaption className={styles.caption}>{caption}</figcaption>
    </figure>
  );
}

const NETWORK_CAPTION =
  "Capital flows between the parties; arrow width grows with the amount (square root), dashed where no figure is stated.";

/**
 * The plan's native charts and capital-flow diagrams as they will look once inserted, drawn from
 * `lookup` (by default the values the formula evaluator computes from the plan, as Excel will).
 */
export function ChartPreview({ plan: current, lookup }: { plan: SheetPlan; lookup?: CellLookup }) {
  // Evaluating a plan takes tens of milliseconds: the grid above follows typing first.
  const plan = React.useDeferredValue(current);
  const charts = React.useMemo(() => {
    const values = lookup ?? evaluatedLookup(plan);
    return plan.sheets.flatMap((sheet) => [
      ...(sheet.charts ?? []).map((chart) => ({
        key: `${sheet.name}/${chart.title}`,
        markup: chartSvg(chart, sheet.name, values),
        caption: `Chart on the sheet “${sheet.name}”`,
      })),
      ...(sheet.diagrams ?? []).map((diagram) => ({
        key: `${sheet.name}/${diagram.title}`,
        markup: networkSvg(diagram.flows, 320, 320, diagram.title),
        caption: `${NETWORK_CAPTION} On the sheet “${sheet.name}”.`,
      })),
    ]);
  }, [plan, lookup]);
  if (charts.length === 0) return null;
  return (
    <div data-testid="chart-preview">
      {charts.map((c) => (
        <Svg key={c.key} markup={c.markup} caption={c.caption} />
      ))}
    </div>
  );
}

/** The capital-flow network: parties on a circle, arrows as wide as the amount's square root. */
export function NetworkDiagram({ flows }: { flows: readonly DiagramFlow[] }) {
  const markup = React.useMemo(() => networkSvg(flows), [flows]);
  if (flows.length === 0) return null;
  return <Svg markup={markup} caption={NETWORK_CAPTION} />;
}
