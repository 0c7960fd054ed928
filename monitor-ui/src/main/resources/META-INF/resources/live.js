// Follows /feed (server-sent events) and prepends each message; the browser reconnects by itself
// and sends Last-Event-ID, so the server replays what was missed.
(() => {
  const list = document.getElementById('messages');
  const status = document.getElementById('connection');
  const maxShown = 500;

  function setState(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  function render(message) {
    const item = document.createElement('li');
    item.className = 'message';
    item.dataset.id = message.id;
    const time = document.createElement('time');
    time.dateTime = message.received_at;
    time.textContent = new Date(message.received_at).toLocaleTimeString();
    const topic = document.createElement('code');
    topic.className = 'topic';
    topic.textContent = message.topic;
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = 'QoS ' + message.qos + (message.retained ? ' · retained' : '');
    const payload = document.createElement('pre');
    payload.className = 'payload';
    payload.textContent = message.payload;
    item.append(time, topic, meta, payload);
    return item;
  }

  const source = new EventSource('/feed?after=' + encodeURIComponent(list.dataset.lastId || '0'));
  source.onopen = () => setState('connected', 'live');
  source.onerror = () => setState('reconnecting', 'reconnecting…');
  source.addEventListener('message', event => {
    const empty = document.getElementById('empty');
    if (empty) empty.remove();
    list.prepend(render(JSON.parse(event.data)));
    while (list.children.length > maxShown) list.lastElementChild.remove();
  });
})();
