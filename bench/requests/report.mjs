// Turns per-round results into one markdown table per measure: each driver's median, the median
// of its per-round ratios to the floor, and pass/fail against the issue's targets for ours.
import { MEASURES, median, ratioToFloor } from './measures.mjs';

const format = (n) =>
  !Number.isFinite(n) ? '—' : n >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3);

function row(measure, driver, rounds) {
  const values = rounds.map((r) => r[driver][measure.key]);
  const value = median(values) * (measure.scale ?? 1);
  const ratios = measure.ratio
    ? rounds.map((r) => ratioToFloor(measure, r[driver][measure.key], r.floor[measure.key]))
    : [];
  const ratio = median(ratios);
  const range = ratios.length
    ? `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`
    : '—';
  let target = '';
  let verdict = '';
  if (driver === 'ours' && measure.max)
    [target, verdict] = [`≤ ${measure.max} ×`, ratio <= measure.max ? 'pass' : 'FAIL'];
  if (driver === 'ours' && measure.limit)
    [target, verdict] = [`≤ ${measure.limit} B`, value <= measure.limit ? 'pass' : 'FAIL'];
  return `| ${driver} | ${format(value)} | ${measure.ratio ? `${ratio.toFixed(2)} ×` : '—'} | ${range} | ${target} | ${verdict} |`;
}

/** Markdown tables for every measure over `rounds` (an array of {floor, official, ours} results). */
export function renderReport(rounds, drivers) {
  const out = [];
  for (const measure of MEASURES) {
    const shown = drivers.filter((d) => rounds.some((r) => Number.isFinite(r[d][measure.key])));
    out.push(
      `#### ${measure.title} (${measure.unit})`,
      '',
      '| driver | median | × floor | per-round range | target | |',
      '|---|---:|---:|---|---|---|',
    );
    for (const driver of shown) out.push(row(measure, driver, rounds));
    out.push('');
  }
  return out.join('\n');
}
