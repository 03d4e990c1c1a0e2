import type { PhaseTimings } from "./lifecycle-flow.js";

export interface PhaseRow {
  /** Which run: "process, TLS". */
  readonly label: string;
  /** Absent when the run did not finish. */
  readonly timings?: PhaseTimings;
  /** Shown after the timings: why a phase is missing, or that the run failed. */
  readonly note?: string;
}

const HEADERS = ["run", "create", "first connect", "delete"] as const;

const ms = (value: number | undefined) => (value === undefined ? "—" : `${Math.round(value)} ms`);

/** A plain-text table of phase durations, one row per run. */
export function formatPhaseTable(rows: readonly PhaseRow[], title = "Lifecycle phase durations"): string {
  const cells = rows.map((row) => [
    row.label,
    ms(row.timings?.createMs),
    ms(row.timings?.firstConnectMs),
    ms(row.timings?.deleteMs),
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((cell) => (cell[column] ?? "").length)),
  );
  const line = (cell: readonly string[], note = "") =>
    `  ${cell
      .map((text, column) =>
        column === 0 ? text.padEnd(widths[column] ?? 0) : text.padStart(widths[column] ?? 0),
      )
      .join("  ")}${note ? `  ${note}` : ""}`.trimEnd();
  return [title, line(HEADERS), ...cells.map((cell, i) => line(cell, rows[i]?.note))].join("\n");
}
