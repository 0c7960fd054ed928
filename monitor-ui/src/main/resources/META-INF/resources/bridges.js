// Bridge health: the status fragment is re-read every few seconds (heartbeats are written every 2 s).
(() => {
  const container = document.getElementById('bridges-status');
  async function refresh() {
    try {
      const response = await fetch(container.dataset.refresh, { headers: { Accept: 'text/html' }, redirect: 'manual' });
      if (response.type === 'opaqueredirect') {
        window.location.reload();
        return;
      }
      if (!response.ok) throw new Error(response.status);
      container.innerHTML = await response.text();
      Nemo.formatTimes(container);
      Nemo.setConnection('connected', 'live');
    } catch (e) {
      Nemo.setConnection('reconnecting', 'reconnecting…');
    }
  }
  setInterval(refresh, 3000);
})();
