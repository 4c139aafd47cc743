/**
 * A plan's dropdown as both writers write it. Excel keeps an inline list as one comma-separated
 * string of at most 255 characters, so a choice cannot hold a comma or a double quote.
 */
import { ListValidation } from "../templates/plan";

/** The inline list source ("Year-end,Mid-year"); throws when a choice cannot be written inline. */
export function listSource({ list }: ListValidation): string {
  if (list.length === 0) throw new Error("a dropdown needs at least one choice");
  for (const choice of list) {
    if (choice.trim() === "" || /[,"]/.test(choice))
      throw new Error(`the dropdown choice "${choice}" is empty or holds a comma or a quote`);
  }
  const source = list.join(",");
  if (source.length > 255)
    throw new Error(`a dropdown's choices take ${source.length} characters, over Excel's 255`);
  return source;
}

/** What the cell says when a typed value is not one of the choices. */
export const listError = (validation: ListValidation): string =>
  `Choose one of: ${validation.list.join(", ")}.`.slice(0, 255);
