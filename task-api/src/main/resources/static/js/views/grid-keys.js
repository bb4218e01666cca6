// Keyboard movement between the cards of a grid: arrows move the focus by one card or one row.

/** The number of cards in the grid's first row, as laid out now. */
export function columns(grid) {
  const cards = [...grid.children];
  if (!cards.length) return 1;
  const top = cards[0].offsetTop;
  const n = cards.findIndex((c) => c.offsetTop !== top);
  return n === -1 ? cards.length : n;
}

/** The index reached from index by direction in a grid of n items and cols columns, or -1. */
export function step(index, direction, n, cols) {
  const by = { left: -1, right: 1, up: -cols, down: cols }[direction];
  const next = index + by;
  return next >= 0 && next < n ? next : -1;
}

/** Arrow keys on a card's link move the focus to the neighbouring card's link. */
export function arrowKeys(grid, selector) {
  grid.addEventListener('keydown', (e) => {
    const direction = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' }[e.key];
    if (!direction || !e.target.matches(selector)) return;
    const links = [...grid.querySelectorAll(selector)];
    const next = step(links.indexOf(e.target), direction, links.length, columns(grid));
    if (next >= 0) {
      e.preventDefault();
      links[next].focus();
    }
  });
}
