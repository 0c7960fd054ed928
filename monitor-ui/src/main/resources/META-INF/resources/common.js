// Shared by every page: times in the reader's time zone, live durations, the connection badge,
// and a server-sent-events connection that comes back by itself.
window.Nemo = (() => {
  const timeFormat = { hour: '2-digit', minute: '2-digit', second: '2-digit' };
  const dateTimeFormat = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };

  function formatTimes(root) {
    (root || document).querySelectorAll('time[data-format]').forEach(el => {
      const when = new Date(el.dateTime);
      if (isNaN(when)) return;
      el.textContent = el.dataset.format === 'datetime'
        ? when.toLocaleString([], dateTimeFormat) : when.toLocaleTimeString([], timeFormat);
      el.title = when.toLocaleString();
    });
    tickDurations(root);
  }

  function duration(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return s + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min';
    const h = Math.floor(m / 60);
    if (h < 48) return h + ' h ' + String(m % 60).padStart(2, '0') + ' min';
    return Math.floor(h / 24) + ' days';
  }

  function tickDurations(root) {
    const now = Date.now();
    (root || document).querySelectorAll('[data-since]').forEach(el => {
      const since = Date.parse(el.dataset.since);
      if (!isNaN(since)) el.textContent = duration(now - since);
    });
  }

  function setConnection(state, text) {
    const badge = document.getElementById('connection');
    if (!badge) return;
    badge.dataset.state = state;
    badge.textContent = text;
  }

  // Has the session ended? A request for a page answers with the login page then.
  async function sessionEnded() {
    try {
      const response = await fetch('/session', { redirect: 'manual' });
      return response.type === 'opaqueredirect' || response.status === 401 || response.status === 403;
    } catch (e) {
      return false;
    }
  }

  // EventSource retries by itself (with Last-Event-ID) after a network error, but gives up when the
  // server answers with something else than an event stream (a restart's 503, an expired session's
  // redirect): then open a new one, resuming after the last id seen, or go to the login page.
  function follow(url, handlers, resumeParam) {
    let lastId = null;
    let source;
    const open = () => {
      const target = new URL(url, window.location.href);
      if (lastId && resumeParam) target.searchParams.set(resumeParam, lastId);
      source = new EventSource(target);
      source.onopen = () => setConnection('connected', 'live');
      source.onerror = async () => {
        setConnection('reconnecting', 'reconnecting…');
        if (source.readyState === EventSource.CLOSED) {
          if (await sessionEnded()) {
            // reloading lets the deployment's own sign-in (form or OIDC) take over
            window.location.reload();
            return;
          }
          setTimeout(open, 3000);
        }
      };
      Object.entries(handlers).forEach(([name, handle]) => source.addEventListener(name, event => {
        if (event.lastEventId) lastId = event.lastEventId;
        handle(event);
      }));
    };
    open();
  }

  // Long-open pages make no requests of their own; this keeps the sign-in session fresh.
  function keepSession() {
    setInterval(() => fetch('/session').catch(() => {}), 5 * 60 * 1000);
  }

  document.addEventListener('DOMContentLoaded', () => {
    formatTimes(document);
    setInterval(() => tickDurations(document), 1000);
  });

  return { formatTimes, setConnection, follow, keepSession };
})();
