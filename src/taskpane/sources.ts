/**
 * The user's own sources in the taskpane: each file (or the workbook's DealSources table) is
 * tried on top of the sources already accepted; one with any problem is rejected whole and its
 * every problem is reported, as the importer states them.
 */
import { buildLibrary, formatProblem, Problem, UserSource } from "../data/library";
import { LibraryDeal } from "../data/schema";

/** The name a workbook's DealSources table goes by in reports and in each fact's origin. */
export const TABLE_SOURCE_NAME = "DealSources table";

export interface ImportReport {
  source: string;
  accepted: boolean;
  problems: Problem[];
  /** Ids of the deals the source added or changed. */
  deals: string[];
}

export interface SourcesState {
  sources: readonly UserSource[];
  deals: readonly LibraryDeal[];
}

export const initialSources = (): SourcesState => ({ sources: [], deals: buildLibrary([]).deals });

/**
 * Adds `source` after the accepted ones; a source of the same name (the same file imported
 * again, or the table read again) replaces the earlier one.
 */
export function importSource(
  state: SourcesState,
  source: UserSource
): { state: SourcesState; report: ImportReport } {
  const sources = [...state.sources.filter((s) => s.name !== source.name), source];
  let built: ReturnType<typeof buildLibrary>;
  try {
    built = buildLibrary(sources);
  } catch (error) {
    return { state, report: failedReport(source.name, error) };
  }
  const { deals, problems } = built;
  if (problems.length > 0) {
    return { state, report: { source: source.name, accepted: false, problems, deals: [] } };
  }
  // The library is rebuilt from all sources, so deals are compared by content, not identity.
  const before = new Map(state.deals.map((deal) => [deal.id, JSON.stringify(deal)]));
  const changed = deals
    .filter((deal) => before.get(deal.id) !== JSON.stringify(deal))
    .map((deal) => deal.id);
  return {
    state: { sources, deals },
    report: { source: source.name, accepted: true, problems: [], deals: changed },
  };
}

/** The report of a source that could not be read at all (the file, the table, or an error). */
export function failedReport(source: string, error: unknown): ImportReport {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    source,
    accepted: false,
    problems: [{ source, message: `could not be read: ${reason}` }],
    deals: [],
  };
}

/** Forgets every user source: the built-in library alone. */
export const clearSources = (): SourcesState => initialSources();

/** The report's headline, in the command line's words. */
export function reportSummary(report: ImportReport): string {
  if (report.accepted) {
    const count = report.deals.length;
    return `${report.source} imported: ${count} deal${count === 1 ? "" : "s"} added or changed${count ? ` (${report.deals.join(", ")})` : ""}.`;
  }
  const count = report.problems.length;
  return `${count} problem${count === 1 ? "" : "s"} in ${report.source}; nothing from it was imported:`;
}

export const problemLines = (report: ImportReport): string[] => report.problems.map(formatProblem);
