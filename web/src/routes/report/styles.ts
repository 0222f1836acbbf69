// The report screen's styles (decision 0035), rendered as a <style> by the report itself: neither in styles.css
// nor as a CSS import, either of which would add to the sign-in first load, which is at its budget.
export const REPORT_CSS = `.report-unit { margin: -0.5rem 0 0; color: var(--muted); }
.report-section h2 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
.report-table th[scope='col']:not(:first-child) { text-align: right; min-width: 4.5rem; }
.report-table td { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.report-table th[scope='row'] { font-weight: 400; width: 100%; }
.report-table tr:not(.report-sub) th[scope='row'] { font-weight: 600; }
.report-sub th[scope='row'] { padding-left: 1rem; }
.report-note { display: block; font-size: 0.85rem; color: var(--muted); font-weight: 400; }
.report-wide th, .report-wide td { white-space: nowrap; }
.report-wide thead th { white-space: normal; min-width: 7rem; vertical-align: bottom; }
.report-wide th[scope='row'] { position: sticky; left: 0; background: var(--paper); max-width: 9rem; white-space: normal; }
.report-wide td { text-align: right; font-variant-numeric: tabular-nums; }
.report-total th, .report-total td { font-weight: 700; }
.report-chart { margin: 0.5rem 0 1rem; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem; }
.report-chart svg { width: 100%; height: auto; max-height: 14rem; }
.report-chart polyline { stroke-width: 2; }
.chart-axis { stroke: var(--line); }
.chart-label, .chart-max { font-size: 9px; fill: var(--muted); }
.chart-a polyline { stroke: var(--brand); }
.chart-a circle { fill: var(--brand); }
.chart-b polyline { stroke: #b45309; stroke-dasharray: 4 3; }
.chart-b circle { fill: #b45309; }
.report-chart figcaption { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.85rem; }
.chart-key::before { content: ''; display: inline-block; width: 1rem; height: 3px; margin-right: 0.35rem; vertical-align: middle; }
.chart-key.chart-a::before { background: var(--brand); }
.chart-key.chart-b::before { background: #b45309; }
.print-only { display: none; }

/* On paper: the report and its signatures, nothing of the app around it; tables whole, not scrolled. */
@media print {
  @page { size: A4; margin: 15mm; }
  body { background: #fff; color: #000; font-size: 11pt; }
  .header, .nav, .banner, .skip, .public-bar, .report-actions, .report-filters, .report-by-commune, .page-head, .state { display: none !important; }
  .main { max-width: none; padding: 0; }
  .print-only { display: block; }
  .report-print-head { display: flex; justify-content: space-between; text-align: center; gap: 1rem; }
  .report-print-head p, .report-print-title p { margin: 0.1rem 0; }
  .report-print-unit { font-weight: 700; text-transform: uppercase; }
  .report-print-motto { font-weight: 700; text-decoration: underline; }
  .report-print-title { text-align: center; margin: 1rem 0; }
  .table-wrap { overflow: visible; border: none; }
  .report-table th, .report-table td { border: 1px solid #000; padding: 0.2rem 0.4rem; }
  .report-section { break-inside: auto; }
  .report-section h2 { break-after: avoid; }
  .report-table tr { break-inside: avoid; }
  .report-chart { border: none; max-width: 12cm; break-inside: avoid; }
  .report-signatures { break-inside: avoid; margin-top: 1.5rem; }
  .report-date-line { text-align: right; font-style: italic; }
  .report-signers { display: flex; justify-content: space-between; text-align: center; min-height: 4cm; }
  .report-signers > div { flex: 1; }
}`
