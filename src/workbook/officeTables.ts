/** Reading an Excel table's cells through Office.js (the user's `DealSources` table). */

/** The table's values, header row first, or undefined when the workbook has no such table. */
export async function readTableValues(
  context: Excel.RequestContext,
  name: string
): Promise<unknown[][] | undefined> {
  const table = context.workbook.tables.getItemOrNullObject(name);
  await context.sync();
  if (table.isNullObject) return undefined;
  const range = table.getRange();
  range.load("values");
  await context.sync();
  return range.values;
}
