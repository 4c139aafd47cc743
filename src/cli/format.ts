/** Plain-text tables for the terminal: columns padded, numbers right-aligned. */
export function formatTable(
  rows: readonly (readonly unknown[])[],
  header?: readonly string[]
): string {
  const all = header ? [header, ...rows] : rows;
  const text = all.map((row) =>
    row.map((cell) => (cell === null || cell === undefined ? "" : String(cell)))
  );
  const widths: number[] = [];
  for (const row of text)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const lines = text.map((row, r) =>
    row
      .map((cell, i) =>
        typeof all[r][i] === "number" ? cell.padStart(widths[i]) : cell.padEnd(widths[i])
      )
      .join("  ")
      .trimEnd()
  );
  if (header) lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  return lines.join("\n");
}

/** An amount in USD as the terminal shows it: $13.00B, $500.0M, $30.00. */
export function formatUsd(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `$${(value / 1e9).toFixed(2)}B`;
  if (magnitude >= 1e6) return `$${(value / 1e6).toFixed(1)}M`;
  return `$${value.toFixed(2)}`;
}
