// Polls status.json about once a second and redraws the page. Plain DOM, no libraries; all data goes
// in through textContent, never as HTML.
(function () {
  'use strict';
  const POLL_MS = 1000;
  const daemon = document.getElementById('daemon');
  const updated = document.getElementById('updated');
  const tbody = document.querySelector('#services tbody');
  const sources = document.getElementById('sources');
  const previous = new Map();

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }

  function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
  }

  function duration(seconds) {
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600),
      m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + (d || h || m ? m + 'm ' : '') + s + 's';
  }

  function cell(row, key, text, className) {
    const td = el('td', text, className);
    const id = row + '/' + key;
    if (previous.has(id) && previous.get(id) !== String(text)) td.classList.add('changed');
    previous.set(id, String(text));
    return td;
  }

  function renderServices(services) {
    const rows = services.map(s => {
      const tr = el('tr');
      tr.dataset.service = s.name;
      tr.append(
        el('td', s.name),
        el('td', s.protocol),
        el('td', s.plugin ? s.plugin + ' ' + s.pluginVersion : '—'),
        el('td', s.port ? (s.address.includes(':') ? '[' + s.address + ']' : s.address) + ':' + s.port : '—'),
        el('td', s.state + (s.problem ? ': ' + s.problem : ''), 'state state-' + s.state),
        cell(s.name, 'active', s.activeConnections, 'num active'),
        cell(s.name, 'total', s.totalConnections, 'num total'),
        cell(s.name, 'rejected', s.rejectedConnections, 'num rejected'),
        cell(s.name, 'stuck', s.stuckHandlers, 'num stuck'),
        cell(s.name, 'failed', s.failedHandlers, 'num failed'),
        cell(s.name, 'calls', s.failedPluginCalls, 'num failed-calls'),
        cell(s.name, 'in', bytes(s.bytesIn), 'num'),
        cell(s.name, 'out', bytes(s.bytesOut), 'num'));
      return tr;
    });
    tbody.replaceChildren(...rows);
  }

  // A StatusSource's snapshot is plain data of any shape: render maps as tables, lists as lists.
  function renderValue(value) {
    if (Array.isArray(value)) {
      if (value.length && value.every(v => v && typeof v === 'object' && !Array.isArray(v))) {
        const keys = [...new Set(value.flatMap(Object.keys))];
        const table = el('table');
        const head = el('tr');
        keys.forEach(k => head.append(el('th', k)));
        table.append(head);
        value.forEach(v => {
          const tr = el('tr');
          keys.forEach(k => { const td = el('td'); td.append(renderValue(v[k])); tr.append(td); });
          table.append(tr);
        });
        return table;
      }
      return el('span', value.map(v => typeof v === 'object' ? JSON.stringify(v) : v).join(', '));
    }
    if (value && typeof value === 'object') {
      const table = el('table');
      Object.entries(value).forEach(([k, v]) => {
        const tr = el('tr');
        const td = el('td');
        td.append(renderValue(v));
        tr.append(el('th', k), td);
        table.append(tr);
      });
      return table;
    }
    return document.createTextNode(value === null || value === undefined ? '—' : String(value));
  }

  function renderSources(map) {
    const parts = [];
    Object.entries(map || {}).forEach(([name, snapshot]) => {
      parts.push(el('h2', name));
      const box = el('div', null, 'source');
      box.append(renderValue(snapshot));
      parts.push(box);
    });
    sources.replaceChildren(...parts);
  }

  function render(status) {
    daemon.textContent = 'Switchboard ' + status.version + ' · up ' + duration(status.uptimeSeconds)
      + ' · ' + status.jvm + ' · threads: ' + status.threadMode;
    daemon.classList.remove('offline');
    renderServices(status.services);
    renderSources(status.sources);
    updated.textContent = 'Updated ' + new Date().toLocaleTimeString();
  }

  async function poll() {
    try {
      const response = await fetch('status.json', { cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      render(await response.json());
    } catch (e) {
      daemon.textContent = 'Cannot reach the daemon (' + e.message + '); retrying…';
      daemon.classList.add('offline');
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  poll();
})();
