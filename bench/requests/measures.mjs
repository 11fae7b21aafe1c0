// The measures the report shows: where each figure comes from, how it compares with the floor
// (a cost ratio, so higher throughput is a lower ratio) and the target for ours.
export const MEASURES = [
  {
    key: 'sequentialUs',
    title: 'Authenticated sequential GET queue.task',
    unit: 'µs/call',
    ratio: 'cost',
    max: 1.15,
  },
  {
    key: 'sequentialCpuUs',
    title: 'Client CPU per sequential GET (no target; steadier than wall time on a shared machine)',
    unit: 'µs/call',
    ratio: 'cost',
  },
  {
    key: 'concurrentPerSec',
    title: '64 in flight GET queue.task',
    unit: 'calls/s',
    ratio: 'throughput',
    max: 1.15,
  },
  {
    key: 'createTaskUs',
    title: 'createTask (PUT, ~1 KB payload)',
    unit: 'µs/call',
    ratio: 'cost',
    max: 1.15,
  },
  {
    key: 'firstAnswerMs',
    title: 'Time to first answer in a fresh process',
    unit: 'ms',
    ratio: 'cost',
    max: 1.3,
  },
  {
    key: 'peakRssBytes',
    title: 'Peak RSS of the request run',
    unit: 'MiB',
    scale: 1 / 2 ** 20,
    ratio: 'cost',
    max: 1.25,
  },
  {
    key: 'clientBytes',
    title: 'Heap per client instance (10 000 held)',
    unit: 'bytes',
    limit: 1024,
  },
  { key: 'useBytes', title: 'Heap per use() (10 000 held)', unit: 'bytes', limit: 512 },
];

/** The median of a list of numbers (NaN when empty). */
export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A driver's cost relative to the floor in one round. */
export function ratioToFloor(measure, value, floor) {
  return measure.ratio === 'throughput' ? floor / value : value / floor;
}
