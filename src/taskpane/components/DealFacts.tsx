import * as React from "react";
import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import { sourceLine } from "../../data/library";
import { BUILTIN_ORIGIN, LibraryDeal } from "../../data/schema";
import { statusLabel } from "../browse";
import { factDisplay, keyLabel } from "../display";
import { STATUS_COLORS } from "./DealBrowser";

const useStyles = makeStyles({
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: {
    textAlign: "left",
    verticalAlign: "top",
    paddingBlock: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  value: { fontWeight: tokens.fontWeightSemibold },
  citation: {
    color: tokens.colorNeutralForeground2,
    display: "block",
    marginTop: "2px",
    fontWeight: tokens.fontWeightRegular,
  },
  meta: { color: tokens.colorNeutralForeground2, margin: 0 },
});

/** Who takes part, by role: "Amazon (investor, vendor), Anthropic (investee, customer)". */
function partiesLine(deal: LibraryDeal): string {
  const roles = new Map<string, string[]>();
  for (const { name, role } of deal.parties)
    roles.set(name, [...(roles.get(name) ?? []), role.replace(/_/g, " ")]);
  return [...roles].map(([name, list]) => `${name} (${list.join(", ")})`).join(", ");
}

/** The deal page's head and its facts: value with the source's hedge, status, citation. */
export function DealFacts({ deal }: { deal: LibraryDeal }) {
  const styles = useStyles();
  return (
    <section aria-labelledby="deal-heading">
      <h2 id="deal-heading">{deal.title}</h2>
      <p className={styles.meta}>
        <Badge appearance="tint" color={STATUS_COLORS[deal.status]}>
          {statusLabel(deal.status)}
        </Badge>{" "}
        {deal.era && deal.era !== deal.date ? `${deal.era} (${deal.date})` : deal.date}
        {deal.parties.length > 0 && ` · ${partiesLine(deal)}`}
      </p>
      {deal.origins.some((origin) => origin !== BUILTIN_ORIGIN) && (
        <p className={styles.meta}>From: {deal.origins.join(" + ")}</p>
      )}
      {deal.note && <p>{deal.note}</p>}
      <table className={styles.table} data-testid="facts">
        <caption className="visually-hidden">
          Facts of {deal.title}, with their sources and status
        </caption>
        <thead>
          <tr>
            <th scope="col" className={styles.cell}>
              Fact
            </th>
            <th scope="col" className={styles.cell}>
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {deal.facts.map((fact) => (
            <tr key={fact.key}>
              <th scope="row" className={styles.cell}>
                {keyLabel(fact.key)}
                <span className={styles.citation}>{sourceLine(deal, fact)}</span>
                {fact.note && <span className={styles.citation}>Note: {fact.note}</span>}
              </th>
              <td className={styles.cell}>
                <span className={styles.value}>{factDisplay(fact)}</span>
                <span className={styles.citation}>
                  <Badge appearance="outline" color={STATUS_COLORS[fact.status]} size="small">
                    {statusLabel(fact.status)}
                  </Badge>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
