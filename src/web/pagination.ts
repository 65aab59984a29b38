// The GOV.UK pagination component for a list shown a page at a time: previous, next, the first and last pages and
// those either side of the current one. One page needs no pagination.

/** The pagination of page `current` of a list of `total` rows, `size` to a page; `link` gives a page's address. */
export function pagination(current: number, total: number, size: number, link: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / size))
  if (pages <= 1) return undefined
  return {
    previous: current > 1 ? { href: link(current - 1) } : undefined,
    next: current < pages ? { href: link(current + 1) } : undefined,
    items: [...new Set([1, current - 1, current, current + 1, pages])]
      .filter((n) => n >= 1 && n <= pages)
      .sort((a, b) => a - b)
      .map((n) => ({ number: n, href: link(n), current: n === current })),
  }
}
