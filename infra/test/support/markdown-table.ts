/** The keys of a Markdown table: the first column's code spans, under a header that starts with `title`. */
export function tableKeys(markdown: string, title: string): string[] {
  const start = markdown.indexOf(`| ${title}`);
  if (start < 0) throw new Error(`no table whose header starts with "${title}"`);
  const rows = markdown.slice(start).split("\n").slice(2);
  const end = rows.findIndex((row) => !row.startsWith("|"));
  return rows.slice(0, end < 0 ? undefined : end).map((row) => /^\|\s*`([^`]+)`/.exec(row)?.[1] ?? row);
}
