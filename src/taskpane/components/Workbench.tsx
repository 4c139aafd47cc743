import * as React from "react";
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Field,
  tokens,
} from "@fluentui/react-components";
import { LibraryDeal } from "../../data/schema";
import { SheetPlan } from "../../templates/plan";
import { assumptionFields, readForm } from "../assumptionForm";
import { Host } from "../host";
import { TEMPLATES } from "../../templates";
import { TemplateOption, templateOptions } from "../templateChoices";
import { AssumptionsForm } from "./AssumptionsForm";
import { PlanPreview } from "./PlanPreview";
import { TemplatePicker } from "./TemplatePicker";

const useStyles = makeStyles({
  actions: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    marginBlock: tokens.spacingVerticalL,
  },
});

type Outcome = { intent: "success" | "error"; text: string };

/** A template that cannot build its plan says why, instead of taking the taskpane down. */
function attempt(build: () => SheetPlan): { plan: SheetPlan } | { error: string } {
  try {
    return { plan: build() };
  } catch (error) {
    return {
      error: `The template could not be built: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

interface Props {
  deal: LibraryDeal;
  /** The whole library: some templates read other deals (the network, the valuation ladder). */
  deals: readonly LibraryDeal[];
  host: Host | undefined;
}

/** The selected deal's templates: pick one, set its assumptions, preview it, insert or download it. */
export function Workbench({ deal, deals, host }: Props) {
  const styles = useStyles();
  const options = React.useMemo(() => templateOptions(TEMPLATES, deal, deals), [deal, deals]);
  const [selected, setSelected] = React.useState<string | undefined>(
    () => options.find((o) => o.applies)?.name
  );
  const [texts, setTexts] = React.useState<Record<string, string>>({});
  const [progress, setProgress] = React.useState<{ step: string; fraction: number } | undefined>();
  const [outcome, setOutcome] = React.useState<Outcome | undefined>();
  const option: TemplateOption | undefined = options.find((o) => o.name === selected && o.applies);

  // The defaults' plan gives the form its fields; the overrides' plan is previewed and written.
  const base = React.useMemo(() => option && attempt(() => option.build({})), [option]);
  const fields = React.useMemo(
    () => (option && base && "plan" in base ? assumptionFields(base.plan, option.assumptions) : []),
    [option, base]
  );
  const form = React.useMemo(() => readForm(fields, texts), [fields, texts]);
  // The preview may follow typing a frame behind (a plan takes milliseconds to build); what is
  // inserted or downloaded is built from the form as it stands at the click.
  const previewed = React.useDeferredValue(form.overrides);
  const built = React.useMemo(
    () => option && attempt(() => option.build(previewed)),
    [option, previewed]
  );
  const plan = built && "plan" in built ? built.plan : undefined;
  const failure = built && "error" in built ? built.error : undefined;
  const invalid = Object.keys(form.errors).length;

  const choose = (name: string) => {
    setSelected(name);
    setTexts({});
    setOutcome(undefined);
  };

  const run = async () => {
    if (!option || !host) return;
    const now = attempt(() => option.build(form.overrides));
    if ("error" in now) {
      setOutcome({ intent: "error", text: now.error });
      return;
    }
    const { plan } = now;
    setOutcome(undefined);
    const onProgress = (step: string, fraction: number) => setProgress({ step, fraction });
    onProgress("Starting", 0);
    try {
      if (host.kind === "excel") {
        const result = await host.insert(plan, onProgress);
        const sheets = result.sheets.map((sheet) => `“${sheet.actual}”`).join(", ");
        setOutcome({ intent: "success", text: `Inserted ${sheets} into the workbook.` });
      } else {
        const name = await host.download(plan, onProgress);
        setOutcome({ intent: "success", text: `Downloaded ${name}.` });
      }
    } catch (error) {
      setOutcome({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setProgress(undefined);
    }
  };

  const action = host?.kind === "excel" ? "Insert into workbook" : "Download .xlsx";
  return (
    <>
      <TemplatePicker options={options} selected={selected} onSelect={choose} />
      {option && (
        <AssumptionsForm
          fields={fields}
          texts={texts}
          errors={form.errors}
          onChange={(key, text) => setTexts((old) => ({ ...old, [key]: text }))}
          onReset={() => setTexts({})}
        />
      )}
      {plan && <PlanPreview plan={plan} />}
      {failure && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      {option && (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            onClick={run}
            disabled={!host || !plan || invalid > 0 || progress !== undefined}
          >
            {action}
          </Button>
          {invalid > 0 && (
            <p>
              Correct the {invalid === 1 ? "assumption" : `${invalid} assumptions`} marked above
              first.
            </p>
          )}
          {progress && (
            <Field validationMessage={progress.step} validationState="none">
              <ProgressBar value={progress.fraction} aria-label={`${action}: ${progress.step}`} />
            </Field>
          )}
          <div role="status" aria-live="polite">
            {outcome && (
              <MessageBar intent={outcome.intent} layout="multiline" data-testid="outcome">
                <MessageBarBody>{outcome.text}</MessageBarBody>
              </MessageBar>
            )}
          </div>
        </div>
      )}
    </>
  );
}
