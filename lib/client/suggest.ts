// "Did you mean": the nearest names to a mistyped method or service name.

/** Case-sensitive Levenshtein distance between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  // One row of the edit-distance table, rewritten per character of `a`.
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 0; i < a.length; i++) {
    const charA = a[i];
    let diagonal = i;
    let left = i + 1;
    row = row.map((above, j) => {
      if (j === 0) return left;
      left = Math.min(above + 1, left + 1, diagonal + (charA === b[j - 1] ? 0 : 1));
      diagonal = above;
      return left;
    });
  }
  return row.at(-1) ?? 0;
}

/** Up to `count` candidates nearest to `name` (case-insensitive edit distance, prefix matches first). */
export function nearestNames(name: string, candidates: Iterable<string>, count = 3): string[] {
  const lower = name.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => {
      const lc = c.toLowerCase();
      const score =
        lc.startsWith(lower) || lower.startsWith(lc)
          ? Math.abs(lc.length - lower.length) / 10
          : editDistance(lower, lc);
      return { c, score };
    })
    .filter(({ c, score }) => score <= Math.max(3, Math.ceil(c.length / 2)))
    .sort((x, y) => x.score - y.score || x.c.localeCompare(y.c))
    .slice(0, count)
    .map(({ c }) => c);
}

/** ` Did you mean a, b?` or ''. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const near = nearestNames(name, candidates);
  return near.length ? ` Did you mean ${near.join(', ')}?` : '';
}
