import { UsageError } from "./user-error.js";

const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration written as people write it: `90s`, `30m`, `6h`, `2d`, or combined (`1h30m`). `flag`
 * names the input in the error.
 */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  const parts = [...trimmed.matchAll(/(\d+)([smhd])/g)];
  const consumed = parts.map((part) => part[0]).join("");
  if (parts.length === 0 || consumed !== trimmed) {
    throw new UsageError(
      flag,
      `${JSON.stringify(text)} is not a duration`,
      `write a number and a unit (s, m, h, d), e.g. ${flag} 6h or ${flag} 1h30m`,
    );
  }
  const ms = parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNITS[unit ?? "s"] ?? 0), 0);
  if (ms === 0) throw new UsageError(flag, "must be more than 0", `e.g. ${flag} 6h`);
  return ms;
}

/** `850 ms`, `12.3 s`, `4m 05s`, `2h 10m`: short and stable in width. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1_000);
  const hours = Math.floor(totalSeconds / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, "0")}m`;
  return `${minutes}m ${String(seconds).padStart(2, "0")}s`;
}

/** An age for listings: `3d 4h`, `5h 12m`, `40m`. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes % 60}m`;
  return `${minutes}m`;
}
