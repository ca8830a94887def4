// Polls status.json about once a second and redraws the page. Plain DOM, no libraries; all data goes
// in through textContent, never as HTML.
(function () {
  'use strict';
  const POLL_MS = 1000;
  const daemon = document.getElementById('daemon');
  const updated = document.getElementById('updated');
  const tbody = document.querySelector('#services tbody');
  const sources = document.getElementById('sources');
  const historyBox = document.getElementById('history');
  const clientsBox = document.getElementById('clients');
  const troubleBody = document.querySelector('#trouble tbody');
  const SVG = 'http://www.w3.org/2000/svg';
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

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, String(v)));
    return e;
  }

  // One small line chart: self-contained SVG, no library, no font or script from elsewhere.
  function chart(title, times, lines) {
    const W = 240, H = 64;
    const figure = el('figure', null, 'chart');
    const values = lines.flatMap(l => l.values).filter(v => v !== null && isFinite(v));
    const max = Math.max(1e-9, ...values);
    const t0 = times[0], t1 = times[times.length - 1];
    const box = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img' });
    box.append(svg('rect', { x: 0, y: 0, width: W, height: H, class: 'frame' }));
    lines.forEach((l, i) => {
      const points = [];
      l.values.forEach((v, j) => {
        if (v === null || !isFinite(v)) return;
        const x = t1 > t0 ? (times[j] - t0) / (t1 - t0) * (W - 2) + 1 : W / 2;
        points.push(x.toFixed(1) + ',' + (H - 2 - v / max * (H - 6)).toFixed(1));
      });
      const line = svg('polyline', { points: points.join(' '), class: 'line line-' + i });
      line.dataset.series = l.name;
      line.dataset.points = points.length;
      box.append(line);
      // A dot on the newest value: a line needs two points to show, so a lone first sample (just after
      // start, or a quantity first seen now) would otherwise draw nothing.
      if (points.length > 0) {
        const [cx, cy] = points[points.length - 1].split(',');
        const dot = svg('circle', { cx: cx, cy: cy, r: 2, class: 'dot line-' + i });
        dot.dataset.series = l.name;
        box.append(dot);
      }
    });
    const last = lines.map(l => l.name + ' ' + round(l.values[l.values.length - 1])).join(' · ');
    figure.append(box, el('figcaption', title + ': ' + last + ' (max ' + round(max) + ')'));
    return figure;
  }

  function round(v) {
    if (v === null || v === undefined || !isFinite(v)) return '—';
    return v >= 100 ? Math.round(v) : Math.round(v * 10) / 10;
  }

  function renderHistory(histories) {
    const parts = (histories || []).map(h => {
      const box = el('div', null, 'history');
      box.dataset.name = h.name;
      box.append(el('h3', h.name));
      const s = h.series, charts = [];
      const pick = names => names.filter(n => s[n]).map(n => ({ name: n, values: s[n] }));
      if (s.connections) charts.push(chart('connections (now)', h.times, pick(['connections'])));
      if (s['connects/s']) charts.push(chart('connects/s', h.times, pick(['connects/s'])));
      if (s['refused/s']) charts.push(chart('refused/s', h.times,
        pick(Object.keys(s).filter(n => n.startsWith('refused/s:')))));
      if (s['bytes-in/s']) charts.push(chart('bytes/s in, out', h.times, pick(['bytes-in/s', 'bytes-out/s'])));
      if (s['handler-failures/s']) charts.push(chart('handler failures/s', h.times, pick(['handler-failures/s'])));
      const known = /^(connections|connects\/s|refused\/s.*|bytes-(in|out)\/s|handler-failures\/s)$/;
      Object.keys(s).filter(n => !known.test(n)).forEach(n => charts.push(chart(n, h.times, pick([n]))));
      box.append(...charts);
      return box;
    });
    historyBox.replaceChildren(...parts);
  }

  function renderClients(activity) {
    const parts = [];
    (activity || []).forEach(a => {
      if (!a.clients.length && !a.otherClients) return;
      const table = el('table', null, 'clients');
      table.dataset.service = a.service;
      const head = el('tr');
      ['Address', 'Connected since', 'Bytes in', 'Bytes out', 'Idle for'].forEach(h => head.append(el('th', h)));
      table.append(el('caption', a.service), head);
      a.clients.forEach(c => {
        const tr = el('tr');
        tr.append(el('td', c.address, 'address'), el('td', new Date(c.since).toLocaleTimeString()),
          el('td', bytes(c.bytesIn), 'num'), el('td', bytes(c.bytesOut), 'num'),
          el('td', duration(Math.round(c.idleSeconds)), 'num'));
        table.append(tr);
      });
      if (a.otherClients) {
        const tr = el('tr');
        const td = el('td', 'and ' + a.otherClients + ' more', 'muted');
        td.colSpan = 5;
        tr.append(td);
        table.append(tr);
      }
      parts.push(table);
    });
    if (!parts.length) parts.push(el('p', 'Nobody is connected.', 'muted'));
    clientsBox.replaceChildren(...parts);
  }

  function renderTrouble(lines) {
    const rows = (lines || []).map(l => {
      const tr = el('tr', null, 'level-' + l.level);
      tr.append(el('td', new Date(l.time).toLocaleTimeString()), el('td', l.level), el('td', l.logger),
        el('td', l.message, 'message'));
      return tr;
    });
    if (!rows.length) {
      const tr = el('tr');
      const td = el('td', 'Nothing since the daemon started.', 'muted');
      td.colSpan = 4;
      tr.append(td);
      rows.push(tr);
    }
    troubleBody.replaceChildren(...rows);
  }

  function render(status) {
    daemon.textContent = 'Switchboard ' + status.version + ' · up ' + duration(status.uptimeSeconds)
      + ' · ' + status.jvm + ' · threads: ' + status.threadMode;
    daemon.classList.remove('offline');
    renderServices(status.services);
    renderHistory(status.history);
    renderClients(status.activity);
    renderTrouble(status.recentTrouble);
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
