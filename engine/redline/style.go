package redline

// css styles both the redline pages and the index. It is inlined so that
// a page opened from an e-mail attachment or a zip still looks right.
//
// Colour is never the only signal, for grayscale prints and colour-blind
// readers: insertions are underlined and marked "+", deletions struck
// through and marked "−". Changed words inside an edited line get a
// darker background and a heavier line.
const css = `:root {
  --ink: #1d2330; --muted: #5b6475; --rule: #d9dde5; --accent: #1f4e8c; --soft: #f6f7f9;
  --ins: #1a7f37; --ins-bg: #e6ffec; --ins-word: #a6ecb8;
  --del: #b4232c; --del-bg: #ffebe9; --del-word: #ffb8b2;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 72rem; padding: 1.25rem clamp(.75rem, 3vw, 2.5rem) 3rem; color: var(--ink);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); }
h1 { font-size: 1.75rem; line-height: 1.2; margin: .2rem 0 .5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; }
code { font: .85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.crumbs, .meta, .legend, footer { color: var(--muted); font-size: .875rem; margin: 0 0 .5rem; }
.meta { color: var(--ink); }
footer { margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: .75rem; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 3px; font-size: .8rem; font-weight: 600;
  border: 1px solid currentColor; }
.b-added { color: var(--ins); background: var(--ins-bg); }
.b-removed { color: var(--del); background: var(--del-bg); }
.b-modified { color: var(--accent); background: #eaf0f8; }
.n-ins { color: var(--ins); font-weight: 600; }
.n-del { color: var(--del); font-weight: 600; }
.n-ins, .n-del, .ln { font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
.none { color: var(--muted); font-style: italic; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
ins, del { text-decoration-thickness: 1px; }
ins { text-decoration: underline; text-decoration-color: var(--ins); text-underline-offset: .18em; }
del { text-decoration: line-through; text-decoration-color: var(--del); }
ins.w, del.w { border-radius: 2px; text-decoration-thickness: 2px; }
ins.w { background: var(--ins-word); }
del.w { background: var(--del-word); }

/* The redline: one row per line, numbered on both sides. Cells align on
   the first baseline, so numbers sit level with text of another size. */
.diff { width: 100%; border-collapse: collapse; table-layout: fixed; border: 1px solid var(--rule); }
.diff col.c-ln { width: 3.2em; }
.diff col.c-mk { width: 1.5em; }
.diff th { font-size: .75rem; font-weight: 600; color: var(--muted); text-align: right; padding: .3rem .4rem;
  background: var(--soft); border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
.diff th:last-child { text-align: left; }
.diff td { padding: .15rem .4rem; vertical-align: baseline; }
.diff .ln { text-align: right; color: var(--muted); font-size: .75rem; }
.diff .mk { text-align: center; font-weight: 700; padding-left: 0; padding-right: 0; }
.diff .tx { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .9rem; line-height: 1.4; }
.diff tr.ins { background: var(--ins-bg); }
.diff tr.ins .mk { color: var(--ins); }
.diff tr.del { background: var(--del-bg); }
.diff tr.del .mk { color: var(--del); }
.diff tr.ins + tr.eq, .diff tr.del + tr.eq, .diff tr.eq + tr.ins, .diff tr.eq + tr.del { border-top: 1px solid var(--rule); }
.diff tr.gap td { background: var(--soft); color: var(--muted); font-size: .8rem; text-align: center;
  border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); padding: .25rem; }
.same { padding: .75rem 1rem; background: var(--soft); border: 1px solid var(--rule); }

/* The index: lists that scroll sideways on a phone rather than squeeze. */
.wrap { overflow-x: auto; border: 1px solid var(--rule); }
.list { width: 100%; border-collapse: collapse; font-size: .9rem; }
.list th, .list td { padding: .45rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
.list th { background: var(--soft); font-weight: 600; white-space: nowrap; }
.list tbody tr:last-child td { border-bottom: 0; }
.list td.num { white-space: nowrap; }
.list .field { white-space: nowrap; }
.list .val { min-width: 12rem; }
.list .doc code { display: block; color: var(--muted); font-size: .75rem; }
.list del:not(.w) { background: var(--del-bg); }
.list ins:not(.w) { background: var(--ins-bg); }

/* On a phone every pixel of width goes to the text. */
@media (max-width: 40rem) {
  h1 { font-size: 1.4rem; }
  .diff col.c-ln { width: 2.3em; }
  .diff col.c-mk { width: 1.1em; }
  .diff td { padding-left: .2rem; padding-right: .2rem; }
  .diff .ln { font-size: .7rem; }
  .diff .tx { font-size: .85rem; }
  .diff th { padding: .3rem .2rem; font-size: .7rem; }
  /* Lists become cards: a sideways scroll would hide the From and To. */
  .wrap { overflow: visible; }
  .list thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .list tr { display: block; padding: .4rem .6rem; border-bottom: 1px solid var(--rule); }
  .list tbody tr:last-child { border-bottom: 0; }
  .list td { display: block; border: 0; padding: .1rem 0; }
  .list td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .8rem; }
  .list .val { min-width: 0; }
  .list td.num, .list .field { white-space: normal; }
  .list td { overflow-wrap: anywhere; }
}

@media print {
  @page { margin: 15mm 12mm; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .crumbs a { color: inherit; text-decoration: none; }
  .wrap { overflow: visible; border: 0; }
  .diff, .list { border: 1px solid #999; }
  .diff thead, .list thead { display: table-header-group; }
  .diff tr, .list tr { break-inside: avoid; }
  .diff .tx { font-size: 9pt; line-height: 1.3; }
  h1, h2 { break-after: avoid; }
}
`
