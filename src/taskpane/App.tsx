import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { findDeal, UserSource } from "../data/library";
import { shareSessionDeals } from "../data/sessionLibrary";
import { DealFilter, NO_FILTER } from "./browse";
import { Host } from "./host";
import {
  ImportReport,
  failedReport,
  importSource,
  initialSources,
  SourcesState,
  TABLE_SOURCE_NAME,
} from "./sources";
import { DealBrowser } from "./components/DealBrowser";
import { DealFacts } from "./components/DealFacts";
import { SharingPanel } from "./components/SharingPanel";
import { SourcesPanel } from "./components/SourcesPanel";
import { Workbench } from "./components/Workbench";

const useStyles = makeStyles({
  main: {
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "720px",
    marginInline: "auto",
  },
  header: {
    display: "flex",
    alignItems: "baseline",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500 },
  mode: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** The one line that says where the taskpane runs. */
function modeLine(host: Host | undefined): string {
  if (!host) return "Connecting to Office…";
  if (host.kind === "excel") return "In Excel: templates insert as new sheets.";
  return "Preview mode (not running in Excel): templates download as .xlsx workbooks.";
}

export function App({ host }: { host: Host | undefined }) {
  const styles = useStyles();
  const [library, setLibrary] = React.useState<SourcesState>(initialSources);
  const [report, setReport] = React.useState<ImportReport | undefined>();
  const [filter, setFilter] = React.useState<DealFilter>(NO_FILTER);
  const [dealId, setDealId] = React.useState<string | undefined>();
  const [reading, setReading] = React.useState(false);
  const deal = dealId === undefined ? undefined : findDeal(library.deals, dealId);

  const addSource = (source: UserSource) => {
    const result = importSource(library, source);
    setLibrary(result.state);
    // =DEAL.FACT in the workbook sees the imported deals too.
    shareSessionDeals(result.state.deals);
    setReport(result.report);
  };

  const readTable =
    host?.kind === "excel"
      ? async () => {
          setReading(true);
          setReport(undefined);
          try {
            const source = await host.readDealSources();
            if (source) addSource(source);
            else
              setReport({
                source: TABLE_SOURCE_NAME,
                accepted: false,
                problems: [
                  {
                    source: TABLE_SOURCE_NAME,
                    message: "this workbook has no table named DealSources",
                  },
                ],
                deals: [],
              });
          } catch (error) {
            setReport(failedReport(TABLE_SOURCE_NAME, error));
          } finally {
            setReading(false);
          }
        }
      : undefined;

  // Focus the page heading when the view changes (not on load), so a screen reader announces it.
  const focusTarget = React.useRef<HTMLHeadingElement>(null);
  const loaded = React.useRef(false);
  React.useEffect(() => {
    if (loaded.current) focusTarget.current?.focus();
    loaded.current = true;
  }, [dealId]);

  return (
    <main className={styles.main}>
      <header className={styles.header}>
        <h1 className={styles.title} ref={focusTarget} tabIndex={-1}>
          DealLoop
        </h1>
      </header>
      <p className={styles.mode} data-testid="mode">
        {modeLine(host)}
      </p>
      {deal ? (
        <>
          <div>
            <Button onClick={() => setDealId(undefined)}>Back to deals</Button>
          </div>
          <DealFacts deal={deal} />
          <Workbench key={deal.id} deal={deal} deals={library.deals} host={host} />
        </>
      ) : (
        <>
          <DealBrowser
            deals={library.deals}
            filter={filter}
            onFilter={setFilter}
            onOpen={setDealId}
          />
          <SourcesPanel
            sources={library.sources.map((source) => source.name)}
            report={report}
            busy={reading}
            onFile={(name, text) => addSource({ name, text })}
            onFileError={(name, error) => setReport(failedReport(name, error))}
            onReadTable={readTable}
            onClear={() => {
              setLibrary(initialSources());
              setReport(undefined);
            }}
          />
          {host?.kind === "excel" && <SharingPanel host={host} />}
        </>
      )}
    </main>
  );
}
