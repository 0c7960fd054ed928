// The tool board: each card arrives rendered by the server (/board/feed) and replaces the old one
// in place; search, state filter and counts are applied here.
(() => {
  const board = document.getElementById('board');
  const search = document.getElementById('search');
  const filters = document.querySelectorAll('.filter');
  let stateFilter = 'all';

  function nameOf(card) {
    return (card.querySelector('.tool-name')?.textContent || '').toLowerCase();
  }

  function insertSorted(card) {
    const name = nameOf(card);
    const after = [...board.children].find(other => nameOf(other) > name);
    board.insertBefore(card, after || null);
  }

  function show(html) {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    const card = template.content.firstElementChild;
    const existing = document.getElementById(card.id);
    if (existing) {
      const changed = existing.dataset.state !== card.dataset.state;
      existing.replaceWith(card);
      if (changed) card.classList.add('changed');
    } else {
      insertSorted(card);
    }
    Nemo.formatTimes(card);
    refresh();
  }

  function remove(toolId) {
    document.getElementById('tool-' + toolId)?.remove();
    refresh();
  }

  // after a (re)connect the server names every tool there is: drop cards of tools removed meanwhile
  function keepOnly(json) {
    const current = new Set(JSON.parse(json).map(id => 'tool-' + id));
    [...board.children].filter(card => !current.has(card.id)).forEach(card => card.remove());
    refresh();
  }

  function refresh() {
    const query = search.value.trim().toLowerCase();
    const counts = { all: 0 };
    let visible = 0;
    for (const card of board.children) {
      const state = card.dataset.state;
      counts.all++;
      counts[state] = (counts[state] || 0) + 1;
      const shown = (stateFilter === 'all' || state === stateFilter)
        && (!query || card.dataset.search.toLowerCase().includes(query));
      card.hidden = !shown;
      if (shown) visible++;
    }
    document.querySelectorAll('[data-count]').forEach(el => { el.textContent = counts[el.dataset.count] || 0; });
    document.getElementById('board-empty').hidden = counts.all > 0;
    document.getElementById('board-no-match').hidden = counts.all === 0 || visible > 0;
  }

  search.addEventListener('input', refresh);
  filters.forEach(button => button.addEventListener('click', () => {
    stateFilter = button.dataset.filter;
    filters.forEach(b => b.setAttribute('aria-pressed', String(b === button)));
    refresh();
  }));

  Nemo.follow('/board/feed', {
    card: event => show(event.data),
    remove: event => remove(event.data),
    current: event => keepOnly(event.data),
  });
  Nemo.keepSession();
  refresh();
})();
