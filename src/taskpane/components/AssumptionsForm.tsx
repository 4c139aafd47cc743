import * as React from "react";
import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { describeRule } from "../../engine/validate";
import { domainOf } from "../../templates/datum";
import { AssumptionField, choicesText, isEditable } from "../assumptionForm";
import { formatValue } from "../numberFormat";

const useStyles = makeStyles({
  fields: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  fixed: { margin: 0 },
});

interface Props {
  fields: readonly AssumptionField[];
  texts: Readonly<Record<string, string>>;
  errors: Readonly<Record<string, string>>;
  onChange(key: string, text: string): void;
  onReset(): void;
}

/** What an empty field means: the default shown in the sheet's own format, or a value to fill. */
function defaultText(field: AssumptionField): string {
  if (field.defaultValue === null)
    return "The deal states none: type a value, or the sheet shows #N/A.";
  return `Default ${formatValue(field.defaultValue, field.format)}: ${field.rationale}`;
}

/** The rule the function behind the assumption applies, worded as its error messages word it. */
function ruleText(field: AssumptionField): string {
  if (field.choices) return ` Choose ${choicesText(field)}.`;
  const rule = field.spec ? domainOf(field.spec).rule : undefined;
  const whole = field.spec?.whole ? " A whole number." : "";
  return (rule ? ` ${describeRule(rule).replace(/^must/, "Must")}.` : "") + whole;
}

const choicesId = (field: AssumptionField) => `choices-${field.key}`;

export function AssumptionsForm({ fields, texts, errors, onChange, onReset }: Props) {
  const styles = useStyles();
  const editable = fields.filter(isEditable);
  const fixed = fields.filter((field) => !isEditable(field));
  return (
    <section aria-labelledby="assumptions-heading">
      <h2 id="assumptions-heading">Assumptions</h2>
      {editable.length === 0 && <p>This template takes no assumptions.</p>}
      <div className={styles.fields}>
        {editable.map((field) => (
          <React.Fragment key={field.key}>
            <Field
              label={field.missing ? `${field.label} (missing from the deal)` : field.label}
              hint={defaultText(field) + ruleText(field)}
              validationState={
                errors[field.key]
                  ? "error"
                  : field.missing && !texts[field.key]
                    ? "warning"
                    : "none"
              }
              validationMessage={errors[field.key]}
            >
              <Input
                value={texts[field.key] ?? ""}
                onChange={(_, data) => onChange(field.key, data.value)}
                placeholder={field.defaultValue === null ? "to fill" : String(field.defaultValue)}
                data-key={field.key}
                inputMode={field.choices ? "numeric" : "decimal"}
                list={field.choices && choicesId(field)}
              />
            </Field>
            {/* The dropdown's choices, offered as the field is typed (outside the Field, which labels one child). */}
            {field.choices && (
              <datalist id={choicesId(field)}>
                {field.choices.map((choice) => (
                  <option key={choice} value={choice} />
                ))}
              </datalist>
            )}
          </React.Fragment>
        ))}
        {fixed.map((field) => (
          <p key={field.key} className={styles.fixed}>
            {field.label}: <strong>{String(field.defaultValue)}</strong> ({field.rationale})
          </p>
        ))}
      </div>
      {editable.length > 0 && (
        <Button
          appearance="secondary"
          onClick={onReset}
          disabled={Object.values(texts).every((text) => !text)}
        >
          Reset to defaults
        </Button>
      )}
    </section>
  );
}
