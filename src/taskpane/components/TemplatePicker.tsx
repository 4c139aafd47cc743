import * as React from "react";
import { makeStyles, Radio, RadioGroup, tokens } from "@fluentui/react-components";
import { TemplateOption } from "../templateChoices";

const useStyles = makeStyles({
  option: { display: "flex", flexDirection: "column", marginBottom: tokens.spacingVerticalS },
  detail: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    marginLeft: "32px",
  },
  needs: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  lacking: { color: tokens.colorPaletteDarkOrangeForeground2 },
});

interface Props {
  options: readonly TemplateOption[];
  selected: string | undefined;
  onSelect(name: string): void;
}

/** Which templates this deal can fill, the facts each reads, and what the deal lacks. */
export function TemplatePicker({ options, selected, onSelect }: Props) {
  const styles = useStyles();
  return (
    <section aria-labelledby="templates-heading">
      <h2 id="templates-heading">Template</h2>
      <RadioGroup
        aria-labelledby="templates-heading"
        value={selected ?? ""}
        onChange={(_, data) => onSelect(data.value)}
      >
        {options.map((option) => {
          const detailId = `template-${option.name}-detail`;
          return (
            <div key={option.name} className={styles.option}>
              <Radio
                value={option.name}
                label={option.title}
                disabled={!option.applies}
                aria-describedby={detailId}
              />
              <div id={detailId} className={styles.detail}>
                <div>
                  {option.applies
                    ? option.summary
                    : `Does not apply: this deal lacks ${option.missing.join("; ")}.`}
                </div>
                {option.applies && (
                  <ul className={styles.needs} aria-label={`What ${option.title} reads`}>
                    {option.needs.map((need) => (
                      <li key={need.key} className={need.present ? undefined : styles.lacking}>
                        {need.present ? "✓" : "✗"} {need.key}: {need.description}
                        {!need.present &&
                          (need.required ? " (missing: fill it as an assumption)" : " (optional)")}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          );
        })}
      </RadioGroup>
    </section>
  );
}
