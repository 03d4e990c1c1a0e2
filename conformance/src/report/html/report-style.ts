/** The page's only styling, inline: the report is one file that opens anywhere, offline. */
export const REPORT_STYLE = `
:root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --skip: #57606a; --disabled: #8c959f; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
main, header > div { max-width: 1100px; margin: 0 auto; padding: 0 1.25rem; }
header { padding: 1.25rem 0; color: #fff; }
header.ok { background: var(--pass); }
header.not-ok { background: var(--fail); }
h1 { margin: 0 0 .25rem; font-size: 1.75rem; }
h2 { margin: 2rem 0 .75rem; font-size: 1.25rem; }
h3 { margin: 0 0 .5rem; font-size: 1.05rem; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
h4 { margin: 1rem 0 .5rem; font-size: .95rem; }
h5 { margin: .25rem 0; font-size: .8rem; text-transform: uppercase; color: #57606a; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid #d0d7de; padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: #eaeef2; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
table.index code { white-space: nowrap; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { margin: 0; padding: .6rem; background: #f6f8fa; border: 1px solid #d0d7de; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.check { background: #fff; border: 1px solid #d0d7de; border-left: 6px solid var(--skip); border-radius: 6px; padding: 1rem; margin: 0 0 1rem; }
.check[data-status="pass"] { border-left-color: var(--pass); }
.check[data-status="fail"] { border-left-color: var(--fail); }
.check[data-status="error"] { border-left-color: var(--error); }
.check[data-status="disabled"] { border-left-color: var(--disabled); }
.badge { display: inline-block; min-width: 4.5rem; text-align: center; padding: .05rem .5rem; border-radius: 999px; color: #fff; font-size: .8rem; font-weight: 700; text-transform: uppercase; }
.badge.pass { background: var(--pass); }
.badge.fail { background: var(--fail); }
.badge.error { background: var(--error); }
.badge.skip { background: var(--skip); }
.badge.disabled { background: var(--disabled); }
.level { font-size: .8rem; border: 1px solid #d0d7de; border-radius: 4px; padding: 0 .35rem; color: #57606a; }
.rule { margin: 0 0 .25rem; font-weight: 500; }
.muted { color: #57606a; font-size: .85rem; }
.problems { margin: .5rem 0; padding-left: 1.25rem; color: var(--fail); }
.exchange { margin: .35rem 0; border: 1px solid #d0d7de; border-radius: 4px; background: #fff; }
.exchange > summary { cursor: pointer; padding: .3rem .6rem; }
.exchange-parts { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem; padding: .6rem; }
.answer-2xx { color: var(--pass); }
.answer-5xx, .answer-none { color: var(--fail); }
@media (max-width: 800px) { .exchange-parts { grid-template-columns: 1fr; } }
@media print { details { display: block; } }
`;
