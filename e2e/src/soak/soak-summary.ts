import type { SoakReport } from "./run-soak.js";

/** The human summary of a soak run: what ran, what the chaos was, what broke (if anything). */
export function formatSoakSummary(report: SoakReport): string {
  const lives = report.lives;
  const byDeployment = new Map<string, { ended: number; total: number }>();
  for (const life of lives) {
    const entry = byDeployment.get(life.deployment) ?? { ended: 0, total: 0 };
    entry.total += 1;
    if (life.ended) entry.ended += 1;
    byDeployment.set(life.deployment, entry);
  }
  const statuses = Object.entries(report.requests.byStatus)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `${status}×${count}`)
    .join(" ");
  const lines = [
    `soak seed ${report.seed}: ${report.passed ? "PASSED" : "FAILED"} in ${(report.ms / 1000).toFixed(1)} s`,
    `  lives: ${[...byDeployment].map(([name, { ended, total }]) => `${name} ${ended}/${total} ended`).join(", ")}` +
      ` (${lives.filter((l) => l.steps.some((s) => s.startsWith("rotated"))).length} rotated, ${lives.filter((l) => l.steps.includes("DELETE during creation")).length} deleted during creation)`,
    `  requests: ${report.requests.sent} (${statuses}); ${report.requests.rerouted} cut by a kill and sent to the other replica; ${report.requests.coldFallbacks} cold 503 fallbacks`,
    `  chaos: ${report.chaos.plan.throttleWindows.length} throttling windows, ${report.chaos.plan.kills.length} SIGKILLs; replica starts ${report.chaos.replicaStarts.join(" + ")}`,
    `  endpoint after the run: ${report.leftovers.length === 0 ? "nothing left" : `${report.leftovers.length} left`}; passwords in logs: ${report.secretsInLogs}`,
  ];
  if (report.aborted) lines.push(`  stopped early: ${report.aborted}`);
  // The same problem of one life is told once, with how often it came.
  const counted = new Map<string, number>();
  for (const violation of report.violations) {
    const line = `${violation.guresid ? `${violation.guresid}: ` : ""}${violation.problem.slice(0, 240)}`;
    counted.set(line, (counted.get(line) ?? 0) + 1);
  }
  const shown = [...counted].slice(0, 30);
  for (const [line, count] of shown) lines.push(`  ✗ ${line}${count > 1 ? ` (×${count})` : ""}`);
  if (counted.size > shown.length)
    lines.push(`  … and ${counted.size - shown.length} more (see the JSON report)`);
  return lines.join("\n");
}
