import * as React from "react";
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { ImportReport, problemLines, reportSummary } from "../sources";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  problems: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});

interface Props {
  /** Names of the sources in use, in the order they apply. */
  sources: readonly string[];
  report: ImportReport | undefined;
  busy: boolean;
  onFile(name: string, text: string): void;
  /** A file that could not be read: its failure replaces the last report. */
  onFileError(name: string, error: unknown): void;
  /** Reads the workbook's DealSources table; absent outside Excel. */
  onReadTable?(): void;
  onClear(): void;
}

/** The user's own sources: a CSV or JSON file, or the workbook's DealSources table, and the import's full report. */
export function SourcesPanel({
  sources,
  report,
  busy,
  onFile,
  onFileError,
  onReadTable,
  onClear,
}: Props) {
  const styles = useStyles();
  const inputId = React.useId();
  const readFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (file) {
      try {
        onFile(file.name, await file.text());
      } catch (error) {
        onFileError(file.name, error);
      }
    }
    // The same file may be chosen again after it is corrected.
    input.value = "";
  };
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">Your sources</h2>
      <p>
        Add deals or facts from a CSV or JSON file (the columns are in docs/sources-format.md)
        {onReadTable ? ", or from a table named DealSources in this workbook" : ""}.
      </p>
      <div className={styles.row}>
        <label htmlFor={inputId}>CSV or JSON file</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={readFile}
          disabled={busy}
        />
        {onReadTable && (
          <Button onClick={onReadTable} disabled={busy}>
            Read the DealSources table
          </Button>
        )}
        {sources.length > 0 && (
          <Button onClick={onClear} disabled={busy}>
            Remove my sources
          </Button>
        )}
      </div>
      {busy && <Spinner size="tiny" label="Reading the DealSources table…" />}
      {sources.length > 0 && <p>In use: {sources.join(", ")}.</p>}
      <div role="status" aria-live="polite">
        {report && (
          <MessageBar
            intent={report.accepted ? "success" : "error"}
            layout="multiline"
            data-testid="import-report"
          >
            <MessageBarBody>
              <MessageBarTitle>{reportSummary(report)}</MessageBarTitle>
              {!report.accepted && (
                <ul className={styles.problems}>
                  {problemLines(report).map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
