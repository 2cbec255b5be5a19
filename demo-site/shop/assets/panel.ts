// The demo's live panel: what the guard holds (from Cordon.getHeld) and what actually reached the vendor server.
const panel = document.querySelector<HTMLElement>('[data-demo-panel]')!;
const stateLine = panel.querySelector<HTMLElement>('[data-panel-state]')!;
const heldList = panel.querySelector<HTMLElement>('[data-panel-held]')!;
const hitsList = panel.querySelector<HTMLElement>('[data-panel-hits]')!;

interface Hit { vendor: string; method: string; path: string }

function fill(list: HTMLElement, lines: string[], empty: string) {
  list.replaceChildren(...(lines.length > 0 ? lines : [empty]).map((line) => {
    const item = document.createElement('li');
    item.textContent = line;
    return item;
  }));
}

function showState() {
  const state = window.Cordon.getState();
  const saleShare = state.saleOptOut && state.sharingOptOut ? 'opted out of sale and sharing' : 'sale and sharing allowed';
  const sensitive = state.limitSensitive ? 'sensitive use limited' : 'sensitive use not limited';
  stateLine.textContent = `${saleShare}; ${sensitive}${state.gpc ? '; GPC signal received' : ''} (source: ${state.source}).`;
  fill(heldList, window.Cordon.getHeld().map((item) => `${item.kind} ${item.url} — ${item.vendor ?? 'unknown'} (${item.purposes.join(', ')})`), 'Nothing held.');
}

async function showHits() {
  const response = await fetch('/api/vendor-log');
  const hits = await response.json() as Hit[];
  const counts = new Map<string, number>();
  for (const hit of hits) counts.set(hit.vendor, (counts.get(hit.vendor) ?? 0) + 1);
  fill(hitsList, [...counts].map(([vendor, count]) => `${vendor}: ${count} request${count === 1 ? '' : 's'}, last ${hits.findLast((hit) => hit.vendor === vendor)!.path}`), 'None.');
}

panel.querySelector('[data-panel-reset]')!.addEventListener('click', async () => {
  await fetch('/api/vendor-log/reset', { method: 'POST' });
  await showHits();
});
addEventListener('cordon:change', showState);
showState();
void showHits();
// What the guard holds grows without an event of its own, so it is read again with the vendor log.
setInterval(() => {
  showState();
  void showHits();
}, 1_000);

export {};
