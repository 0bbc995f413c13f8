// The trace view: recent traces from /actuator/telemetry/traces, or the traces of a telemetry.v2 JSONL file
// parsed in the browser. No dependencies; nothing is loaded from anywhere but this application.
(function () {
  'use strict';

  var body = document.body;
  // the page is /…/telemetry/view, part of the telemetry endpoint: its data is next to it, wherever the
  // actuator is (context path, management base path, management port)
  var api = window.location.pathname.replace(/\/view\/?$/, '');

  var state = { source: 'live', fileTraces: [], traces: [], selectedTrace: null, detail: null, rows: [], liveTimer: null };

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function status(text) { $('status').textContent = text; }

  function formatNanos(nanos) {
    if (nanos === null || nanos === undefined) { return 'open'; }
    var ms = nanos / 1e6;
    if (ms >= 1000) { return (ms / 1000).toFixed(2) + ' s'; }
    if (ms >= 10) { return ms.toFixed(0) + ' ms'; }
    if (ms >= 0.1) { return ms.toFixed(2) + ' ms'; }
    return (nanos / 1e3).toFixed(1) + ' µs';
  }

  // ---- assembling spans from events: the same rules as the starter's TraceAssembler ----

  var RANK = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

  function kindOf(eventType, attributes) {
    if (eventType === 'db_query' || 'db.system' in attributes || 'db.system.name' in attributes) { return 'db'; }
    var kind = attributes['span.kind'];
    return (kind === 'server' || kind === 'client') ? kind : 'internal';
  }

  function assemble(traceId, events) {
    var spans = new Map();
    var service = null;
    events.forEach(function (event) {
      if (typeof event.span_id !== 'string') { return; }
      if (service === null && event.service && typeof event.service.name === 'string') { service = event.service.name; }
      var span = spans.get(event.span_id);
      if (!span) {
        span = { spanId: event.span_id, parentSpanId: null, name: null, eventType: null, first: Infinity, last: -Infinity,
          duration: null, severity: 'TRACE', attributes: {}, error: null, events: [] };
        spans.set(event.span_id, span);
      }
      span.events.push(event);
      if (typeof event.parent_span_id === 'string') { span.parentSpanId = event.parent_span_id; }
      var ts = Number(event.timestamp_ns) || 0;
      span.first = Math.min(span.first, ts);
      span.last = Math.max(span.last, ts);
      if (typeof event.duration_ns === 'number') {
        span.duration = event.duration_ns;
        span.name = typeof event.function_name === 'string' ? event.function_name : span.name;
        span.eventType = event.event_type || span.eventType;
      } else if (span.name === null) {
        span.name = typeof event.function_name === 'string' ? event.function_name : null;
        span.eventType = event.event_type || null;
      }
      var severity = event.severity || 'INFO';
      if ((RANK[severity] || 0) > (RANK[span.severity] || 0)) { span.severity = severity; }
      if (event.attributes && typeof event.attributes === 'object') { Object.assign(span.attributes, event.attributes); }
      if (!span.error && event.error && typeof event.error === 'object') {
        span.error = { type: event.error.type, message: event.error.message, stacktrace: event.error.stacktrace };
      }
    });
    var start = Infinity;
    var end = -Infinity;
    spans.forEach(function (span) {
      span.start = (span.duration !== null && span.events.length === 1) ? span.last - span.duration : span.first;
      span.end = span.duration !== null ? Math.max(span.last, span.start + span.duration) : span.last;
      start = Math.min(start, span.start);
      end = Math.max(end, span.end);
    });
    if (!spans.size) { start = 0; end = 0; }
    var details = [];
    var errors = 0;
    var warnings = 0;
    spans.forEach(function (span) {
      errors += span.severity === 'ERROR' ? 1 : 0;
      warnings += span.severity === 'WARN' ? 1 : 0;
      details.push({ spanId: span.spanId, parentSpanId: span.parentSpanId, name: span.name || span.spanId,
        kind: kindOf(span.eventType, span.attributes), startOffsetNanos: span.start - start, durationNanos: span.duration,
        severity: span.severity, attributes: span.attributes, error: span.error,
        events: span.events.map(function (e) {
          return { type: e.event_type, offsetNanos: (Number(e.timestamp_ns) || 0) - start, severity: e.severity,
            message: e.message, sequence: e.sequence };
        }) });
    });
    details.sort(function (a, b) { return a.startOffsetNanos - b.startOffsetNanos; });
    var root = details.find(function (s) { return s.parentSpanId === null || !spans.has(s.parentSpanId); });
    var startDate = new Date(start / 1e6);
    return { summary: { traceId: traceId, rootName: root ? root.name : null, service: service,
      start: isFinite(startDate.getTime()) ? startDate.toISOString() : '', startEpochMillis: start / 1e6,
      durationNanos: end - start, spanCount: details.length, errorCount: errors, warningCount: warnings,
      completed: true, linesNotKept: 0 }, spans: details };
  }

  // ---- reading a JSONL file: every line checked against the telemetry.v2 shape; problems are listed ----

  var SEVERITIES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
  var HEX32 = /^[0-9a-f]{32}$/;
  var HEX16 = /^[0-9a-f]{16}$/;

  function check(event) {
    var problems = [];
    if (!event || typeof event !== 'object' || Array.isArray(event)) { return ['not a JSON object']; }
    if (!event.schema || event.schema.format !== 'telemetry.v2') { problems.push('schema.format is not telemetry.v2'); }
    if (typeof event.timestamp !== 'string') { problems.push('timestamp is missing'); }
    if (!Number.isInteger(event.timestamp_ns)) { problems.push('timestamp_ns is not an integer'); }
    if (!Number.isInteger(event.sequence)) { problems.push('sequence is not an integer'); }
    if (typeof event.event_type !== 'string') { problems.push('event_type is missing'); }
    if (SEVERITIES.indexOf(event.severity) < 0) { problems.push('severity ' + JSON.stringify(event.severity) + ' is not one of ' + SEVERITIES.join(', ')); }
    if (event.trace_id !== null && !HEX32.test(event.trace_id)) { problems.push('trace_id is not 32 hex digits or null'); }
    if (event.span_id !== null && !HEX16.test(event.span_id)) { problems.push('span_id is not 16 hex digits or null'); }
    if (event.parent_span_id !== null && !HEX16.test(event.parent_span_id)) { problems.push('parent_span_id is not 16 hex digits or null'); }
    if (event.duration_ns !== null && !(Number.isInteger(event.duration_ns) && event.duration_ns >= 0)) { problems.push('duration_ns is not a non-negative integer or null'); }
    if (typeof event.message !== 'string') { problems.push('message is missing'); }
    if (!event.attributes || typeof event.attributes !== 'object' || Array.isArray(event.attributes)) { problems.push('attributes is not an object'); }
    if (!event.service || typeof event.service.name !== 'string') { problems.push('service.name is missing'); }
    return problems;
  }

  function readJsonl(text) {
    var problems = [];
    var byTrace = new Map();
    var lines = text.split(/\r?\n/);
    var count = 0;
    var outside = 0;
    lines.forEach(function (line, index) {
      if (!line.trim()) { return; }
      count++;
      var event;
      try {
        event = JSON.parse(line);
      } catch (e) {
        problems.push('line ' + (index + 1) + ': not JSON (' + e.message + ')');
        return;
      }
      check(event).forEach(function (p) { problems.push('line ' + (index + 1) + ': ' + p); });
      if (event && typeof event.trace_id === 'string' && typeof event.span_id === 'string') {
        var list = byTrace.get(event.trace_id);
        if (!list) { list = []; byTrace.set(event.trace_id, list); }
        list.push(event);
      } else {
        outside++;
      }
    });
    var traces = [];
    byTrace.forEach(function (events, traceId) { traces.push(assemble(traceId, events)); });
    traces.sort(function (a, b) { return b.summary.startEpochMillis - a.summary.startEpochMillis; });
    return { traces: traces, problems: problems, lines: count, outside: outside };
  }

  function loadFile(file) {
    status('Reading ' + file.name + '…');
    var began = performance.now();
    file.text().then(function (text) {
      var result = readJsonl(text);
      body.dataset.lastLoadMs = (performance.now() - began).toFixed(1);
      state.fileTraces = result.traces;
      showProblems(result.problems);
      status(file.name + ': ' + result.lines + ' lines, ' + result.traces.length + ' traces' +
        (result.outside ? ', ' + result.outside + ' events outside traces' : '') +
        (result.problems.length ? ', ' + result.problems.length + ' schema problems' : ''));
      selectSource('file');
    }, function (error) {
      status('Could not read ' + file.name + ': ' + error.message);
    });
  }

  function showProblems(problems) {
    var list = $('problem-list');
    list.textContent = '';
    $('problems').hidden = problems.length === 0;
    $('problems').open = problems.length > 0;
    $('problems-title').textContent = problems.length + ' schema problem' + (problems.length === 1 ? '' : 's') + ' (the valid lines are shown)';
    problems.slice(0, 500).forEach(function (p) { list.appendChild(el('li', null, p)); });
    if (problems.length > 500) { list.appendChild(el('li', null, '… and ' + (problems.length - 500) + ' more')); }
  }

  // ---- the list of traces ----

  function filters() {
    return { errorsOnly: $('filter-errors').checked, minMs: Number($('filter-min').value) || 0,
      name: $('filter-name').value.trim().toLowerCase(), limit: Number($('filter-limit').value) || 100 };
  }

  function refresh() {
    if (state.source === 'file') {
      var f = filters();
      var shown = state.fileTraces.map(function (t) { return t.summary; }).filter(function (s) {
        return (!f.errorsOnly || s.errorCount > 0) && s.durationNanos >= f.minMs * 1e6 &&
          (!f.name || (s.rootName || '').toLowerCase().indexOf(f.name) >= 0);
      }).slice(0, f.limit);
      showTraces(shown);
      return Promise.resolve();
    }
    var f2 = filters();
    var query = new URLSearchParams();
    if (f2.errorsOnly) { query.set('errorsOnly', 'true'); }
    if (f2.minMs) { query.set('minDurationMs', String(f2.minMs)); }
    if (f2.name) { query.set('nameContains', f2.name); }
    query.set('limit', String(f2.limit));
    return fetchJson(api + '/traces?' + query.toString()).then(function (answer) {
      if (!answer) {
        showTraces([]);
        $('trace-empty').textContent = 'The traces endpoint did not answer. Expose it with management.endpoints.web.exposure.include=telemetry, or open a JSONL file.';
        $('trace-empty').hidden = false;
        return;
      }
      showTraces(answer.traces);
      var s = answer.store;
      status(s.completed + ' traces kept (' + Math.round(s.bytes / 1024) + ' KB of ' + Math.round(s.maxBytes / 1024) + ' KB), ' + s.inProgress + ' in progress');
    });
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (response) {
      return response.ok ? response.json() : null;
    }, function () { return null; });
  }

  function showTraces(summaries) {
    state.traces = summaries;
    var list = $('trace-list');
    list.textContent = '';
    $('trace-empty').hidden = summaries.length > 0;
    $('trace-empty').textContent = state.source === 'file' ? 'No traces in this file match.' : 'No traces match yet: use the application, then Refresh.';
    summaries.forEach(function (s, index) {
      var item = el('li');
      item.setAttribute('role', 'option');
      item.id = 'trace-' + s.traceId;
      item.dataset.traceId = s.traceId;
      item.dataset.index = String(index);
      item.setAttribute('aria-selected', String(state.selectedTrace === s.traceId));
      if (s.errorCount) { item.classList.add('has-error'); } else if (s.warningCount) { item.classList.add('has-warn'); }
      var name = el('span', 'name', s.rootName || s.traceId);
      name.title = s.rootName || s.traceId;
      item.appendChild(name);
      item.appendChild(el('span', 'duration', formatNanos(s.durationNanos)));
      var sub = el('span', 'sub', (s.start || '').replace('T', ' ').slice(0, 23) + ' · ' + s.spanCount + ' spans' +
        (s.errorCount ? ' · ' + s.errorCount + ' error' + (s.errorCount > 1 ? 's' : '') : '') +
        (s.warningCount ? ' · ' + s.warningCount + ' warn' : '') + (s.service ? ' · ' + s.service : ''));
      item.appendChild(sub);
      item.addEventListener('click', function () { openTrace(s.traceId); });
      list.appendChild(item);
    });
  }

  function moveInList(list, selector, current, delta) {
    var items = Array.prototype.slice.call(list.querySelectorAll(selector));
    if (!items.length) { return null; }
    var index = items.indexOf(current);
    var next = index < 0 ? 0 : Math.max(0, Math.min(items.length - 1, index + delta));
    return items[next];
  }

  function openTrace(traceId) {
    state.selectedTrace = traceId;
    // until its waterfall is drawn, the one shown is not the one chosen (also what the browser tests wait on)
    delete body.dataset.renderedTrace;
    Array.prototype.forEach.call($('trace-list').children, function (item) {
      item.setAttribute('aria-selected', String(item.dataset.traceId === traceId));
    });
    var item = $('trace-' + traceId);
    if (item) { $('trace-list').setAttribute('aria-activedescendant', item.id); item.scrollIntoView({ block: 'nearest' }); }
    if (state.source === 'file') {
      var found = state.fileTraces.find(function (t) { return t.summary.traceId === traceId; });
      if (found) { renderTrace(found); }
      return Promise.resolve();
    }
    return fetchJson(api + '/traces/' + encodeURIComponent(traceId)).then(function (detail) {
      // a later click has chosen another trace while this one was on its way: its answer must not win
      if (state.selectedTrace !== traceId) { return; }
      if (detail) { renderTrace(detail); } else { status('Trace ' + traceId + ' is no longer kept'); }
    });
  }

  // ---- the waterfall ----

  function order(spans) {
    var byId = new Map();
    spans.forEach(function (s) { byId.set(s.spanId, { span: s, children: [] }); });
    var roots = [];
    spans.forEach(function (s) {
      var node = byId.get(s.spanId);
      var parent = s.parentSpanId !== null ? byId.get(s.parentSpanId) : null;
      if (parent && parent !== node) { parent.children.push(node); } else { roots.push(node); }
    });
    var byStart = function (a, b) { return a.span.startOffsetNanos - b.span.startOffsetNanos; };
    var rows = [];
    var stack = roots.sort(byStart).reverse().map(function (n) { return { node: n, depth: 0 }; });
    var seen = new Set();
    while (stack.length) {
      var item = stack.pop();
      if (seen.has(item.node.span.spanId)) { continue; }
      seen.add(item.node.span.spanId);
      rows.push({ span: item.node.span, depth: item.depth });
      var children = item.node.children.sort(byStart);
      for (var i = children.length - 1; i >= 0; i--) { stack.push({ node: children[i], depth: item.depth + 1 }); }
    }
    return rows;
  }

  // Only the rows in view (and a margin) are in the document: a trace of 10,000 spans costs what 60 rows cost.
  var ROW_HEIGHT = 22;
  var MARGIN_ROWS = 20;

  function renderTrace(detail) {
    var began = performance.now();
    state.detail = detail;
    state.selectedIndex = -1;
    var s = detail.summary;
    state.total = Math.max(1, s.durationNanos);
    $('trace-title').textContent = s.rootName || s.traceId;
    $('trace-title').title = s.rootName || s.traceId;
    $('trace-meta').textContent = 'trace ' + s.traceId + ' · ' + s.spanCount + ' spans · ' + formatNanos(s.durationNanos) +
      (s.completed ? '' : ' · in progress') + (s.linesNotKept ? ' · ' + s.linesNotKept + ' events not kept' : '');
    var axis = $('axis');
    axis.textContent = '';
    [0, 0.25, 0.5, 0.75, 1].forEach(function (f) {
      var tick = el('span', null, f === 0 ? '0' : formatNanos(state.total * f));
      tick.style.left = (f * 100) + '%';
      axis.appendChild(tick);
    });
    state.rows = order(detail.spans);
    var waterfall = $('waterfall');
    waterfall.textContent = '';
    waterfall.scrollTop = 0;
    waterfall.dataset.rowCount = String(state.rows.length);
    waterfall.removeAttribute('aria-activedescendant');
    var spacer = el('div', 'spacer');
    spacer.style.height = (state.rows.length * ROW_HEIGHT) + 'px';
    waterfall.appendChild(spacer);
    state.drawn = null;
    drawRows();
    $('details').hidden = true;
    void waterfall.offsetHeight; // lay out now, so that the time measured includes it
    body.dataset.lastRenderMs = (performance.now() - began).toFixed(1);
    body.dataset.renderedTrace = s.traceId;
  }

  function drawRows() {
    var waterfall = $('waterfall');
    var spacer = waterfall.firstChild;
    if (!spacer) { return; }
    var height = waterfall.clientHeight || 600;
    var first = Math.max(0, Math.floor(waterfall.scrollTop / ROW_HEIGHT) - MARGIN_ROWS);
    var last = Math.min(state.rows.length, Math.ceil((waterfall.scrollTop + height) / ROW_HEIGHT) + MARGIN_ROWS);
    if (state.drawn && state.drawn[0] === first && state.drawn[1] === last) { return; }
    state.drawn = [first, last];
    spacer.textContent = '';
    var fragment = document.createDocumentFragment();
    for (var i = first; i < last; i++) { fragment.appendChild(rowElement(state.rows[i], i)); }
    spacer.appendChild(fragment);
  }

  function rowElement(row, index) {
    var span = row.span;
    var total = state.total;
    var line = el('div', 'row');
    line.style.top = (index * ROW_HEIGHT) + 'px';
    line.setAttribute('role', 'treeitem');
    line.setAttribute('aria-level', String(row.depth + 1));
    line.setAttribute('aria-posinset', String(index + 1));
    line.setAttribute('aria-setsize', String(state.rows.length));
    line.setAttribute('aria-selected', String(index === state.selectedIndex));
    line.id = 'span-' + span.spanId;
    line.dataset.spanId = span.spanId;
    line.dataset.parentSpanId = span.parentSpanId || '';
    line.dataset.depth = String(row.depth);
    line.dataset.index = String(index);
    line.dataset.kind = span.kind;
    line.dataset.severity = span.severity;
    if (span.severity === 'ERROR') { line.classList.add('sev-error-row'); } else if (span.severity === 'WARN') { line.classList.add('sev-warn-row'); }
    var label = el('div', 'label');
    label.style.paddingLeft = (4 + Math.min(row.depth, 30) * 14) + 'px';
    if (span.severity === 'ERROR') { label.appendChild(el('span', 'sev sev-error', 'ERROR')); }
    if (span.severity === 'WARN') { label.appendChild(el('span', 'sev sev-warn', 'WARN')); }
    var name = el('span', 'name', span.name);
    name.title = span.name + ' (' + span.kind + ', ' + formatNanos(span.durationNanos) + ')';
    label.appendChild(name);
    line.appendChild(label);
    var track = el('div', 'track');
    var left = span.startOffsetNanos / total * 100;
    var width = (span.durationNanos === null ? total - span.startOffsetNanos : span.durationNanos) / total * 100;
    var bar = el('div', 'bar kind-' + span.kind + (span.durationNanos === null ? ' open' : ''));
    bar.style.left = left + '%';
    bar.style.width = Math.max(0, width) + '%';
    track.appendChild(bar);
    var text = el('span', 'bar-label', formatNanos(span.durationNanos));
    if (left + width > 80) { text.style.right = (100 - left + 0.5) + '%'; } else { text.style.left = (left + width + 0.5) + '%'; }
    track.appendChild(text);
    line.appendChild(track);
    return line;
  }

  function selectIndex(index) {
    if (index < 0 || index >= state.rows.length) { return; }
    state.selectedIndex = index;
    var waterfall = $('waterfall');
    var top = index * ROW_HEIGHT;
    if (top < waterfall.scrollTop) {
      waterfall.scrollTop = top;
    } else if (top + ROW_HEIGHT > waterfall.scrollTop + waterfall.clientHeight) {
      waterfall.scrollTop = top + ROW_HEIGHT - waterfall.clientHeight;
    }
    drawRows();
    Array.prototype.forEach.call(waterfall.querySelectorAll('.row'), function (r) {
      r.setAttribute('aria-selected', String(Number(r.dataset.index) === index));
    });
    waterfall.setAttribute('aria-activedescendant', 'span-' + state.rows[index].span.spanId);
    showDetails(state.rows[index].span);
  }

  function kvTable(entries) {
    var table = el('table', 'kv');
    entries.forEach(function (entry) {
      var tr = el('tr');
      tr.appendChild(el('th', null, entry[0]));
      var value = entry[1];
      tr.appendChild(el('td', null, (value !== null && typeof value === 'object') ? JSON.stringify(value) : String(value)));
      table.appendChild(tr);
    });
    return table;
  }

  function showDetails(span) {
    var target = $('details-body');
    target.textContent = '';
    $('details-title').textContent = span.name;
    target.appendChild(kvTable([['kind', span.kind], ['span id', span.spanId], ['parent', span.parentSpanId || '(root)'],
      ['start', '+' + formatNanos(span.startOffsetNanos)], ['duration', formatNanos(span.durationNanos)], ['severity', span.severity]]));
    if (span.error) {
      target.appendChild(el('h3', null, 'Error'));
      target.appendChild(kvTable([['type', span.error.type], ['message', span.error.message]]));
      if (span.error.stacktrace) { target.appendChild(el('pre', null, span.error.stacktrace)); }
    }
    target.appendChild(el('h3', null, 'Attributes'));
    var attributes = kvTable(Object.keys(span.attributes).sort().map(function (k) { return [k, span.attributes[k]]; }));
    attributes.id = 'span-attributes';
    target.appendChild(attributes);
    target.appendChild(el('h3', null, 'Events'));
    target.appendChild(kvTable((span.events || []).map(function (e) {
      return ['+' + formatNanos(e.offsetNanos) + ' ' + e.type, e.severity + ' ' + (e.message || '')];
    })));
    $('details').hidden = false;
  }

  // ---- metadata and writer panels ----

  function loadPanels() {
    return fetchJson(api).then(function (answer) {
      var writer = $('writer-body');
      var metadata = $('metadata-body');
      writer.textContent = '';
      metadata.textContent = '';
      if (!answer) {
        writer.appendChild(el('p', 'empty', 'The telemetry endpoint did not answer.'));
        return;
      }
      if (answer.writer) {
        var w = answer.writer;
        writer.appendChild(kvTable([['output', w.output], ['running', w.running], ['written', w.written], ['dropped', w.dropped],
          ['failed', w.failed], ['queue', w.queueDepth + ' / ' + w.queueCapacity], ['last error', w.lastError || 'none']]));
      }
      Object.keys(answer.metadata || {}).forEach(function (block) {
        metadata.appendChild(el('h4', null, block));
        var values = answer.metadata[block] || {};
        metadata.appendChild(kvTable(Object.keys(values).map(function (k) { return [k, values[k]]; })));
      });
      if ((answer.providers || []).length) {
        metadata.appendChild(el('h4', null, 'providers'));
        metadata.appendChild(kvTable(answer.providers.map(function (p) {
          return [p.name, (p.applied ? 'applied' : 'not applied') + (p.source ? ' · ' + p.source : '') + ' · ' + p.durationMillis + ' ms' + (p.error ? ' · ' + p.error : '')];
        })));
      }
    });
  }

  // ---- sources, keyboard, drag and drop ----

  function selectSource(source) {
    state.source = source;
    $('source-live').setAttribute('aria-pressed', String(source === 'live'));
    $('source-file').setAttribute('aria-pressed', String(source === 'file'));
    $('file-area').hidden = source !== 'file';
    $('live').disabled = source === 'file';
    return refresh();
  }

  $('source-live').addEventListener('click', function () { selectSource('live'); });
  $('source-file').addEventListener('click', function () { selectSource('file'); });
  $('filters').addEventListener('submit', function (event) { event.preventDefault(); refresh(); loadPanels(); });
  $('filter-errors').addEventListener('change', refresh);
  $('live').addEventListener('change', function () {
    if (state.liveTimer) { clearInterval(state.liveTimer); state.liveTimer = null; }
    if ($('live').checked) { state.liveTimer = setInterval(function () { if (state.source === 'live') { refresh(); } }, 3000); }
  });

  $('trace-list').addEventListener('keydown', function (event) {
    var list = $('trace-list');
    var current = document.getElementById(list.getAttribute('aria-activedescendant') || '') || null;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var next = moveInList(list, 'li', current, event.key === 'ArrowDown' ? 1 : -1);
      if (next) { openTrace(next.dataset.traceId); }
    } else if (event.key === 'Enter') {
      // Enter opens the chosen trace (the first when none is) and moves into its waterfall
      var target = current || list.querySelector('li');
      if (!target) { return; }
      event.preventDefault();
      var opened = state.selectedTrace === target.dataset.traceId && state.rows.length;
      (opened ? Promise.resolve() : openTrace(target.dataset.traceId)).then(function () {
        if (state.rows.length) { $('waterfall').focus(); selectIndex(Math.max(0, state.selectedIndex)); }
      });
    }
  });

  $('waterfall').addEventListener('click', function (event) {
    var row = event.target.closest('.row');
    if (row) { selectIndex(Number(row.dataset.index)); }
  });

  $('waterfall').addEventListener('scroll', function () { window.requestAnimationFrame(drawRows); });

  $('waterfall').addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var from = state.selectedIndex < 0 ? -1 : state.selectedIndex;
      selectIndex(Math.max(0, Math.min(state.rows.length - 1, from + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if ((event.key === 'Home' || event.key === 'End') && state.rows.length) {
      event.preventDefault();
      selectIndex(event.key === 'Home' ? 0 : state.rows.length - 1);
    } else if (event.key === 'Enter' && state.rows.length) {
      event.preventDefault();
      selectIndex(Math.max(0, state.selectedIndex));
    } else if (event.key === 'Escape') {
      $('trace-list').focus();
    }
  });

  $('file-input').addEventListener('change', function () {
    var file = $('file-input').files[0];
    if (file) { loadFile(file); }
  });

  var zone = $('drop-zone');
  ['dragenter', 'dragover'].forEach(function (type) {
    document.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add('dragging'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    document.addEventListener(type, function (event) { event.preventDefault(); zone.classList.remove('dragging'); });
  });
  document.addEventListener('drop', function (event) {
    var file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) { loadFile(file); }
  });

  refresh().then(function () {
    if (state.traces.length) { return openTrace(state.traces[0].traceId); }
  }).then(function () { body.dataset.ready = 'true'; });
  loadPanels();
}());
