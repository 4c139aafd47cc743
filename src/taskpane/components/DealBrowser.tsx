import * as React from "react";
import {
  Badge,
  Button,
  Field,
  makeStyles,
  SearchBox,
  Select,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DealStatus, LibraryDeal } from "../../data/schema";
import { DealFilter, filterChoices, filterDeals, statusLabel } from "../browse";

const useStyles = makeStyles({
  filters: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(96px, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
  },
  deal: {
    width: "100%",
    justifyContent: "flex-start",
    textAlign: "left",
    paddingBlock: tokens.spacingVerticalS,
  },
  dealText: { display: "flex", flexDirection: "column", gap: "2px", minWidth: 0, flexGrow: 1 },
  meta: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  // At 320 px the title wraps; the badge keeps its width rather than clipping its word.
  badge: { flexShrink: 0 },
});

/** The status badge's colour: firm figures look firmer. */
export const STATUS_COLORS: Record<string, "success" | "informative" | "warning" | "subtle"> = {
  announced: "success",
  reported: "informative",
  in_talks: "warning",
  estimate: "subtle",
  derived: "subtle",
};

interface Props {
  deals: readonly LibraryDeal[];
  filter: DealFilter;
  onFilter(filter: DealFilter): void;
  onOpen(id: string): void;
}

export function DealBrowser({ deals, filter, onFilter, onOpen }: Props) {
  const styles = useStyles();
  const choices = React.useMemo(() => filterChoices(deals), [deals]);
  const shown = React.useMemo(() => filterDeals(deals, filter), [deals, filter]);
  const set = (change: Partial<DealFilter>) => onFilter({ ...filter, ...change });
  return (
    <section aria-labelledby="deals-heading">
      <h2 id="deals-heading">Deals</h2>
      <Field label="Search deals">
        <SearchBox
          value={filter.query}
          onChange={(_, data) => set({ query: data.value })}
          placeholder="Party, deal or year"
        />
      </Field>
      <div className={styles.filters}>
        <Field label="Party">
          <Select value={filter.party} onChange={(_, data) => set({ party: data.value })}>
            <option value="">Any</option>
            {choices.parties.map((party) => (
              <option key={party}>{party}</option>
            ))}
          </Select>
        </Field>
        <Field label="Status">
          <Select
            value={filter.status}
            onChange={(_, data) => set({ status: data.value as DealStatus | "" })}
          >
            <option value="">Any</option>
            {choices.statuses.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Year">
          <Select value={filter.year} onChange={(_, data) => set({ year: data.value })}>
            <option value="">Any</option>
            {choices.years.map((year) => (
              <option key={year}>{year}</option>
            ))}
          </Select>
        </Field>
      </div>
      <p role="status" aria-live="polite">
        {shown.length === deals.length
          ? `${deals.length} deals`
          : `${shown.length} of ${deals.length} deals match`}
      </p>
      <ul className={styles.list} aria-label="Deals" data-testid="deal-list">
        {shown.map((deal) => (
          <li key={deal.id}>
            <Button appearance="subtle" className={styles.deal} onClick={() => onOpen(deal.id)}>
              <span className={styles.dealText}>
                <Text weight="semibold">{deal.title}</Text>
                <span className={styles.meta}>
                  {[
                    deal.era ?? deal.date,
                    deal.parties
                      .map((p) => p.name)
                      .filter(unique)
                      .join(", "),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </span>
              <Badge appearance="tint" color={STATUS_COLORS[deal.status]} className={styles.badge}>
                {statusLabel(deal.status)}
              </Badge>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const unique = (name: string, i: number, all: string[]) => all.indexOf(name) === i;
