import * as React from "react";
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  tokens,
} from "@fluentui/react-components";
import { ShareScan } from "../../workbook/share";
import { ExcelHost } from "../host";
import { errorLines, prepareSummary, restoreSummary, scanSummary } from "../sharing";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

type Outcome = { intent: "success" | "info" | "error"; lines: string[] };

/** Prepare for sharing (DEAL formulas to values, sources listed) and Restore formulas, in Excel. */
export function SharingPanel({ host }: { host: ExcelHost }) {
  const styles = useStyles();
  const [progress, setProgress] = React.useState<{ step: string; fraction: number } | undefined>();
  const [pending, setPending] = React.useState<
    { scan: ShareScan; answer(go: boolean): void } | undefined
  >();
  const [outcome, setOutcome] = React.useState<Outcome | undefined>();
  const onProgress = (step: string, fraction: number) => setProgress({ step, fraction });

  const run = async (work: () => Promise<Outcome>) => {
    setOutcome(undefined);
    onProgress("Starting", 0);
    try {
      setOutcome(await work());
    } catch (error) {
      setOutcome({
        intent: "error",
        lines: [error instanceof Error ? error.message : String(error)],
      });
    } finally {
      setProgress(undefined);
      setPending(undefined);
    }
  };

  // Prepare stops after reading, shows the scan (every error cell among it), and waits for the user.
  const confirm = (scan: ShareScan) =>
    new Promise<boolean>((resolve) => {
      setProgress(undefined);
      setPending({
        scan,
        answer: (go) => {
          setPending(undefined);
          if (go) onProgress("Writing", 0);
          resolve(go);
        },
      });
    });

  const prepare = () =>
    run(async () => {
      const result = await host.prepare(confirm, onProgress);
      return {
        intent: result.status === "prepared" ? "success" : "info",
        lines: [prepareSummary(result)],
      };
    });
  const restore = () =>
    run(async () => {
      const result = await host.restore(onProgress);
      const lines = restoreSummary(result);
      return { intent: lines.length > 1 ? "info" : "success", lines };
    });

  const busy = progress !== undefined || pending !== undefined;
  return (
    <section aria-labelledby="sharing-heading">
      <h2 id="sharing-heading">Sharing</h2>
      <p>
        Before sending this workbook to readers without DealLoop, replace its DEAL formulas with
        their values and list its sources; Restore formulas undoes it.
      </p>
      <div className={styles.row}>
        <Button onClick={prepare} disabled={busy}>
          Prepare for sharing
        </Button>
        <Button onClick={restore} disabled={busy}>
          Restore formulas
        </Button>
      </div>
      {progress && (
        <Field validationMessage={progress.step} validationState="none">
          <ProgressBar value={progress.fraction} aria-label={`Sharing: ${progress.step}`} />
        </Field>
      )}
      {pending && (
        <MessageBar intent={pending.scan.errors.length > 0 ? "warning" : "info"} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{scanSummary(pending.scan)}</MessageBarTitle>
            {pending.scan.errors.length > 0 && (
              <ul className={styles.list} aria-label="Error cells">
                {errorLines(pending.scan).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
            <div className={styles.row}>
              <Button appearance="primary" onClick={() => pending.answer(true)}>
                Prepare now
              </Button>
              <Button onClick={() => pending.answer(false)}>Cancel</Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      <div role="status" aria-live="polite">
        {outcome && (
          <MessageBar intent={outcome.intent} layout="multiline">
            <MessageBarBody>
              {outcome.lines.map((line) => (
                <div key={line}>{line}</div>
              ))}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
