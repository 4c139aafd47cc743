/**
 * The deal browser's logic: which deals a search and the party, status and year filters keep,
 * and the choices each filter offers. Pure, so it is tested without a browser.
 */
import { DEAL_STATUSES, DealStatus, LibraryDeal } from "../data/schema";

export interface DealFilter {
  /** Words that must all appear in the deal's id, title, era or a party's name (any case). */
  query: string;
  /** A party's exact name; "" for any. */
  party: string;
  /** A deal status; "" for any. */
  status: DealStatus | "";
  /** A calendar year the deal's date covers ("2023"); "" for any. */
  year: string;
}

export const NO_FILTER: DealFilter = { query: "", party: "", status: "", year: "" };

/**
 * The calendar years a deal's date covers: "2023-05" is 2023, the period "2025/2026" (or
 * "2023-06/2024-01") every year from its start to its end.
 */
export function dealYears(date: string): string[] {
  const [start, end = start] = date.split("/").map((part) => Number(part.slice(0, 4)));
  return Array.from({ length: Math.max(0, end - start) + 1 }, (_, i) => String(start + i));
}

const words = (query: string): string[] => query.toLowerCase().split(/\s+/).filter(Boolean);

function searchText(deal: LibraryDeal): string {
  return [deal.id, deal.title, deal.era ?? "", ...deal.parties.map((party) => party.name)]
    .join("\n")
    .toLowerCase();
}

export function matchesFilter(deal: LibraryDeal, filter: DealFilter): boolean {
  const text = searchText(deal);
  return (
    words(filter.query).every((word) => text.includes(word)) &&
    (filter.party === "" || deal.parties.some((party) => party.name === filter.party)) &&
    (filter.status === "" || deal.status === filter.status) &&
    (filter.year === "" || dealYears(deal.date).includes(filter.year))
  );
}

/** The deals a filter keeps, newest first (by date, then id). */
export function filterDeals(deals: readonly LibraryDeal[], filter: DealFilter): LibraryDeal[] {
  return deals
    .filter((deal) => matchesFilter(deal, filter))
    .sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? 1 : -1));
}

export interface FilterChoices {
  parties: string[];
  statuses: DealStatus[];
  years: string[];
}

/** What each filter can be set to: only values some deal has, so no choice empties the list by itself. */
export function filterChoices(deals: readonly LibraryDeal[]): FilterChoices {
  const parties = new Set(deals.flatMap((deal) => deal.parties.map((party) => party.name)));
  const statuses = new Set(deals.map((deal) => deal.status));
  const years = new Set(deals.flatMap((deal) => dealYears(deal.date)));
  return {
    parties: [...parties].sort((a, b) => a.localeCompare(b)),
    statuses: DEAL_STATUSES.filter((status) => statuses.has(status)),
    years: [...years].sort().reverse(),
  };
}

/** "in_talks" → "in talks": how statuses read in the interface. */
export const statusLabel = (status: string): string => status.replace(/_/g, " ");
