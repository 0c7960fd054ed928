// The live log: every broker message as a sentence, newest first, from /feed (the server replays its
// buffer first, then follows live). Filters, pause and the raw JSON work here; the list and the
// de-duplication memory are bounded, so a page left open for days stays the same size.
(() => {
  const list = document.getElementById('log');
  const max = Number(list.dataset.max) || 1000;
  const toolFilter = document.getElementById('filter-tool');
  const eventFilter = document.getElementById('filter-event');
  const topicFilter = document.getElementById('filter-topic');
  const pauseButton = document.getElementById('pause');
  const heldStatus = document.getElementById('held');
  const seen = new Map();
  let held = [];
  let paused = false;

  // MQTT topic filter semantics: + is one level, # the rest.
  function topicMatches(filter, topic) {
    if (!filter) return true;
    const f = filter.split('/');
    const t = topic.split('/');
    for (let i = 0; i < f.length; i++) {
      if (f[i] === '#') return true;
      if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
    }
    return f.length === t.length;
  }

  function matches(item) {
    const tool = toolFilter.value.trim().toLowerCase();
    const toolText = (item.dataset.toolId + ' ' + item.dataset.toolName).toLowerCase();
    return (!tool || toolText.includes(tool))
      && (!eventFilter.value || item.dataset.event === eventFilter.value)
      && topicMatches(topicFilter.value.trim(), item.dataset.topic);
  }

  function render(message) {
    const item = document.createElement('li');
    item.className = 'entry';
    item.dataset.id = message.id;
    item.dataset.topic = message.topic;
    item.dataset.event = message.event || '';
    item.dataset.toolId = message.tool_id ?? '';
    item.dataset.toolName = message.tool_name || '';
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    const sentence = document.createElement('span');
    sentence.className = 'sentence';
    const time = document.createElement('time');
    time.dateTime = message.received_at;
    time.textContent = new Date(message.received_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    sentence.append(message.sentence + ', ', time);
    const topic = document.createElement('code');
    topic.className = 'topic';
    topic.textContent = message.topic;
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = 'QoS ' + message.qos + (message.retained ? ' · retained' : '') + (message.signed ? ' · signed' : '');
    summary.append(sentence, topic, meta);
    const json = document.createElement('pre');
    json.className = 'json';
    details.append(summary, json);
    // Pretty-printed only when opened: most entries are never opened.
    details.addEventListener('toggle', () => {
      if (!details.open || json.textContent) return;
      try {
        json.textContent = JSON.stringify(JSON.parse(message.payload), null, 2);
      } catch (notJson) {
        json.textContent = message.payload;
      }
    });
    item.append(details);
    item.hidden = !matches(item);
    return item;
  }

  // A redelivery (same event and event_id) is shown once; the memory of ids is bounded too.
  function duplicate(message) {
    if (!message.event_id) return false;
    const key = message.event + ':' + message.event_id;
    if (seen.has(key)) return true;
    seen.set(key, true);
    if (seen.size > max * 4) seen.delete(seen.keys().next().value);
    return false;
  }

  function add(message) {
    if (duplicate(message)) return;
    list.prepend(render(message));
    while (list.children.length > max) list.lastElementChild.remove();
    document.getElementById('log-empty').hidden = true;
  }

  function receive(event) {
    const message = JSON.parse(event.data);
    if (paused) {
      held.push(message);
      if (held.length > max) held.shift();
      heldStatus.textContent = held.length + ' new while paused';
    } else {
      add(message);
    }
  }

  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) {
      held.forEach(add);
      held = [];
      heldStatus.textContent = '';
    }
  });
  const refilter = () => { for (const item of list.children) item.hidden = !matches(item); };
  [toolFilter, eventFilter, topicFilter].forEach(input => input.addEventListener('input', refilter));

  Nemo.follow('/feed?after=0', { message: receive }, 'after');
  Nemo.keepSession();
})();
