// Percentiles and medians for the load tool's figures.

/** The p-th percentile (0..1) of numbers, nearest rank; NaN for none. */
export function percentile(values, p) {
  if (!values.length) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function median(values) {
  return percentile(values, 0.5);
}

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
