import type { CheckSpec, Level, Source } from "../../check.js";

/** The same check graded from another source, e.g. a rule the 2020 text states and the 0.9 text does not. */
export function graded<S>(
  check: CheckSpec<S>,
  grade: { readonly source: Source; readonly clause: string },
): CheckSpec<S> {
  const level: Level = grade.source === "kit" ? "recommendation" : "contract";
  return { ...check, ...grade, level };
}
