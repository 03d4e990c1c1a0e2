import { z } from "zod";

const quote = (input: unknown): string => JSON.stringify(String(input).slice(0, 80));

/** A whole number within bounds, given as Pulumi gives config: a string. */
export const wholeNumber = (min: number, max: number) => {
  const rule = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: (issue) => `${rule}; got ${quote(issue.input)}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: (issue) => `${rule}; got ${quote(issue.input)}` })
        .max(max, { error: (issue) => `${rule}; got ${quote(issue.input)}` }),
    );
};

export const boolean = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["true", "false"], { error: (issue) => `must be true or false; got ${quote(issue.input)}` }))
    .transform((value) => value === "true");

/** A string matching `pattern`; `rule` says what is expected. Quotes the input unless it is secret. */
export const matching = (pattern: RegExp, rule: string, options: { secret?: boolean } = {}) =>
  z
    .string()
    .trim()
    .regex(pattern, {
      error: (issue) => (options.secret ? rule : `${rule}; got ${quote(issue.input)}`),
    });

/**
 * A list: a YAML list in the stack file (which Pulumi hands over as JSON) or a comma-separated
 * string (`pulumi config set key a,b`), each entry matching `pattern`.
 */
export const list = (pattern: RegExp, rule: string) =>
  z
    .string()
    .transform((value, ctx) => {
      const text = value.trim();
      if (!text.startsWith("["))
        return text
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean);
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.map((entry) => String(entry).trim()).filter(Boolean);
      } catch {
        // reported below
      }
      ctx.addIssue({ code: "custom", message: `must be a list; got ${quote(text)}` });
      return z.NEVER;
    })
    .pipe(z.array(z.string().regex(pattern, { error: (issue) => `${rule}; got ${quote(issue.input)}` })));
