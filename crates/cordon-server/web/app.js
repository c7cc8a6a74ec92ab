// cordon analyst page: plain JavaScript, no dependencies.
//
// Calls GET /lists, GET /search and GET /entities/{id} on the server that
// served the page; in the Alerts view (servers with `--monitor`), GET
// /alerts, GET /alerts/{id} and POST /alerts/{id}/decisions. Every piece of list data is put into the page with
// textContent / attribute setters (the `h` helper), never as HTML.
//
// When the server has API keys it answers 401 {"code": "unauthorized"}:
// the page then asks for a key, keeps it in sessionStorage and sends it as
// `X-API-Key`, and retries what it was doing.
//
// The search and the selected entity are kept in the URL fragment
// (#q=...&kind=...&entity=...), and so are the alert queue's filter and the
// open alert (#view=alerts&status=...&alert=...), so a review can be
// bookmarked or shared.
'use strict';

(function () {
  const KEY_STORAGE = 'cordon.apiKey';
  const $ = (sel) => document.querySelector(sel);

  // ---- DOM helper: element with attributes and children; strings become
  // text nodes, so nothing here is ever parsed as HTML.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  function replace(el, ...children) {
    el.replaceChildren();
    return append(el, children);
  }

  // ---- formatting
  const fmtScore = (x) => (typeof x === 'number' ? x.toFixed(2) : '–');
  const fmtPct = (x) => (typeof x === 'number' ? Math.round(x * 100) + '%' : '–');
  function fmtSigned(x) {
    if (typeof x !== 'number') return '';
    if (x > 0) return '+' + x.toFixed(2);
    if (x < 0) return '\u2212' + Math.abs(x).toFixed(2);
    return '\u00b10.00';
  }
  function fmtDate(d) {
    if (!d) return '';
    if (typeof d === 'string') return d;
    const p = (n) => String(n).padStart(2, '0');
    let s = String(d.year);
    if (d.month) s += '-' + p(d.month);
    if (d.month && d.day) s += '-' + p(d.day);
    return s;
  }
  function fmtDob(dob) {
    if (!dob) return '';
    if (typeof dob === 'string') return dob;
    switch (dob.type) {
      case 'exact': return fmtDate(dob.date);
      case 'circa': return 'circa ' + fmtDate(dob.date);
      case 'range': return fmtDate(dob.from) + ' to ' + fmtDate(dob.to);
      default: return JSON.stringify(dob);
    }
  }
  const human = (s) => String(s || '').replace(/_/g, ' ');

  // ---- API
  class ApiError extends Error {
    constructor(status, code, detail) {
      super(detail || code || ('HTTP ' + status));
      this.status = status;
      this.code = code;
    }
  }
  let pendingAfterKey = null;

  // GET `path`, or `method` with a JSON `body`.
  async function api(path, method, payload) {
    const headers = { Accept: 'application/json' };
    const key = sessionStorage.getItem(KEY_STORAGE);
    if (key) headers['X-API-Key'] = key;
    const init = { headers, method: method || 'GET' };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(payload);
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, 'network', 'The server did not answer: ' + e.message);
    }
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok) {
      throw new ApiError(res.status, body && body.code, body && body.detail);
    }
    return body;
  }

  // Runs `action`; on 401 shows the key panel and runs it again once a key
  // is given. Other errors go to the status line.
  async function withKey(action) {
    try {
      return await action();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        pendingAfterKey = action;
        askForKey(sessionStorage.getItem(KEY_STORAGE) ? 'That key was refused. Enter a valid key.' : '');
        return undefined;
      }
      setStatus(e.message, 'error');
      return undefined;
    }
  }

  function askForKey(message) {
    const panel = $('[data-testid="api-key-panel"]');
    panel.hidden = false;
    $('#key-error').textContent = message || '';
    setStatus('This server requires an API key.', 'error');
    $('#api-key').focus();
  }

  function setStatus(text, kind) {
    const el = $('#status');
    el.textContent = text || '';
    el.className = 'status' + (kind ? ' status-' + kind : '');
  }

  // ---- snapshot and lists
  // A list's date and how it was found (`as_of_source` of GET /lists).
  function datedText(l) {
    if (!l.as_of) return 'undated';
    if (l.as_of_source === 'published') return 'published ' + l.as_of;
    if (l.as_of_source === 'file name') return l.as_of + ' from its path';
    if (l.as_of_source === 'file modified') return 'file modified ' + l.as_of;
    return l.as_of;
  }
  // A file path that line-breaks after its slashes, not inside names.
  const pathParts = (p) => p.split(/(?<=\/)/).map((part) => [part, h('wbr', {})]);

  function ageText(l) {
    if (l.age_days === null || l.age_days === undefined) return 'unknown';
    return l.age_days.toLocaleString('en') + (l.age_days === 1 ? ' day' : ' days');
  }

  let listsInService = [];

  async function loadLists() {
    const data = await api('/lists');
    listsInService = data.lists || [];
    $('[data-testid="snapshot-version"]').textContent = data.snapshot;
    const lists = data.lists || [];
    $('[data-testid="snapshot-summary"]').textContent =
      data.entities.toLocaleString('en') + ' entities · ' +
      lists.map((l) => l.list + (l.date ? ' ' + l.date : '')).join(', ');
    const stale = lists.filter((l) => l.stale);
    const banner = $('#stale-warning');
    if (stale.length) {
      replace(banner, h('strong', { text: 'Stale lists: ' }),
        stale.map((l) => l.list + (l.as_of ? ' ' + ageText(l) + ' old' : '') + ' (' + datedText(l) + ')').join('; '),
        '. Older than ' + data.max_age_days + ' days: screening runs against old data.');
      banner.hidden = false;
    } else {
      replace(banner);
      banner.hidden = true;
    }
    const rows = lists.map((l) => h('tr', { 'data-testid': 'list-row', 'data-list': l.list, class: l.stale ? 'stale' : null },
      h('th', { scope: 'row' }, h('code', { text: l.list })),
      h('td', { text: l.format }),
      h('td', { 'data-testid': 'list-date', title: datedText(l), text: l.as_of || 'undated' }),
      h('td', { 'data-testid': 'list-age', class: 'num' }, ageText(l),
        l.stale ? [' ', h('span', { class: 'badge badge-stale', 'data-testid': 'list-stale', text: 'stale' })] : []),
      h('td', {}, h('code', { text: l.version })),
      h('td', { class: 'num', text: l.entities.toLocaleString('en') }),
      h('td', { class: 'num', text: l.persons.toLocaleString('en') }),
      h('td', { class: 'num', text: l.organizations.toLocaleString('en') }),
      h('td', { class: 'num', text: l.vessels.toLocaleString('en') }),
      h('td', { class: 'num', text: l.aircraft.toLocaleString('en') }),
      h('td', { class: 'num', text: l.names.toLocaleString('en') }),
      h('td', { class: 'num', text: String(l.warnings) }),
      h('td', { class: 'files', 'data-testid': 'list-source' }, (l.files || []).map((f) =>
        h('div', { title: 'sha256 ' + f.sha256 },
          h('code', {}, pathParts(f.path)), ' ', h('span', { class: 'muted', text: '(' + f.bytes.toLocaleString('en') + ' B, sha256 ' + f.sha256.slice(0, 12) + '…)' }))))));
    replace($('#lists'),
      h('table', { class: 'grid lists-table' },
        h('caption', { class: 'sr-only', text: 'Lists in snapshot ' + data.snapshot }),
        h('thead', {}, h('tr', {},
          ['List', 'Format', 'Date', 'Age', 'Version', 'Entities', 'Persons', 'Orgs', 'Vessels', 'Aircraft', 'Names', 'Warnings', 'Source files']
            .map((t, i) => h('th', { scope: 'col', class: i === 3 || (i >= 5 && i <= 11) ? 'num' : null, text: t })))),
        h('tbody', {}, rows)),
      data.ownership ? ownershipSummary(data.ownership) : null);
  }

  function ownershipSummary(o) {
    return h('div', { class: 'ownership-summary', 'data-testid': 'ownership-summary' },
      h('p', {}, h('strong', { text: 'Ownership data ' }), h('code', { text: o.version }), ': ' +
        o.files.length + ' file' + (o.files.length === 1 ? '' : 's') + ', ' +
        o.parties.toLocaleString('en') + ' parties, ' + o.interests.toLocaleString('en') + ' interests; ' +
        o.owners_linked + ' of ' + o.owners + ' owners linked to list entities; ' +
        o.derived + ' parties derived (list ownership), ' + o.captured + ' captured; rules assessed on ' + o.as_of + '.'),
      h('ul', { class: 'small' },
        (o.files || []).map((f) => h('li', {}, h('code', {}, pathParts(f.path)),
          ' ', h('span', { class: 'muted', text: '(' + f.role + ': ' + f.parties + ' parties, ' + f.interests + ' interests, sha256 ' + f.sha256.slice(0, 12) + '…)' }))),
        (o.rules || []).map((r) => h('li', {}, h('code', { text: r.id }), ' ' + r.name + ': ',
          r.in_force ? 'in force' : h('strong', { text: 'not in force' }), ' (' + r.windows + ')')),
        (o.problems || []).map((p) => h('li', { 'data-testid': 'ownership-problem', class: 'warn', text: 'problem: ' + p }))));
  }

  // ---- search
  let lastResults = [];
  let selectedId = null;

  function formParams() {
    const f = $('#search-form');
    const p = new URLSearchParams();
    for (const name of ['q', 'kind', 'dob', 'country', 'id', 'limit']) {
      const v = f.elements[name].value.trim();
      if (v) p.set(name, v);
    }
    return p;
  }

  function fillForm(p) {
    const f = $('#search-form');
    for (const name of ['q', 'kind', 'dob', 'country', 'id', 'limit']) {
      if (p.has(name)) f.elements[name].value = p.get(name);
    }
  }

  function writeHash(p, entity) {
    const q = new URLSearchParams(p);
    if (entity) q.set('entity', entity);
    const s = '#' + q.toString();
    if (location.hash !== s) history.replaceState(null, '', s);
  }

  async function search(p, entityToOpen) {
    setStatus('Screening…', 'busy');
    const started = performance.now();
    const data = await api('/search?' + p.toString());
    const ms = Math.round(performance.now() - started);
    lastResults = data.matches || [];
    const hits = lastResults.filter((m) => m.match).length;
    setStatus(lastResults.length + ' candidate' + (lastResults.length === 1 ? '' : 's') + ', ' +
      hits + ' match' + (hits === 1 ? '' : 'es') + ' · snapshot ' + data.snapshot + ' · ' + ms + ' ms',
      hits ? 'hit' : 'ok');
    renderResults(data);
    const open = entityToOpen && lastResults.find((m) => m.entity_id === entityToOpen);
    if (open) await select(open.entity_id, false);
    else {
      selectedId = null;
      replace($('#detail'), h('p', { class: 'empty', text: 'Select a result to see its explanation and entity detail.' }));
      writeHash(p, null);
    }
  }

  function renderResults(data) {
    const ms = data.matches || [];
    $('[data-testid="results-count"]').textContent = '(' + ms.length + ')';
    if (!ms.length) {
      replace($('#results'), h('p', { class: 'empty', 'data-testid': 'no-results', text: 'No candidates for this query.' }));
      return;
    }
    const rows = ms.map((m, i) => {
      const tr = h('tr', {
        'data-testid': 'result-row',
        'data-entity-id': m.entity_id,
        'data-match': m.match ? 'true' : 'false',
        class: m.match ? 'is-match' : null,
        onclick: (ev) => { if (!(ev.target instanceof HTMLButtonElement)) select(m.entity_id, true); },
      },
      h('td', { class: 'num muted', text: String(i + 1) }),
      h('td', { class: 'score-cell' },
        h('span', { class: 'score', 'data-testid': 'result-score', text: fmtScore(m.score) }),
        h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: 'width:' + Math.round(Math.max(0, Math.min(1, m.score)) * 100) + '%' }))),
      h('td', {}, badge(m.match)),
      h('td', { class: 'name-cell' },
        h('button', {
          type: 'button', class: 'linklike', 'data-testid': 'result-open',
          'aria-controls': 'detail', 'aria-pressed': 'false',
          onclick: () => select(m.entity_id, true),
        }, m.name),
        m.matched_name && m.matched_name !== m.name
          ? h('div', { class: 'matched-name' }, h('span', { class: 'muted', text: 'matched ' }), m.matched_name)
          : null,
        h('div', { class: 'subline' },
          h('span', { class: 'kind', text: m.kind }), ' · ', h('code', { text: m.entity_id })),
        m.ownership ? ownershipLine(m.ownership) : null),
      h('td', { 'data-testid': 'result-programs' }, (m.programs || []).map((p) => h('span', { class: 'tag', text: p }))),
      h('td', { class: 'small' },
        (m.dates_of_birth || []).map((d) => h('div', { text: d })),
        (m.countries || []).length ? h('div', { class: 'muted', text: m.countries.join(', ') }) : null));
      return tr;
    });
    replace($('#results'),
      h('table', { class: 'grid results-table' },
        h('caption', { class: 'sr-only', text: 'Candidates, best first' }),
        h('thead', {}, h('tr', {},
          ['#', 'Score', 'Decision', 'Name', 'Programs', 'DOB / countries']
            .map((t, i) => h('th', { scope: 'col', class: i === 0 ? 'num' : null, text: t })))),
        h('tbody', {}, rows)));
  }

  // ---- ownership: a party on no list, owned by listed parties
  function ownershipLine(o) {
    return h('div', { class: 'ownership-line', 'data-testid': 'result-ownership', 'data-verdict': o.verdict },
      h('span', { class: 'badge badge-own-' + o.verdict, text: 'ownership: ' + human(o.verdict) }), ' ', o.summary);
  }

  function renderOwnership(o) {
    const findings = (o.findings || []).map((f) =>
      h('li', { 'data-testid': 'ownership-finding', 'data-rule': f.rule_id, 'data-verdict': f.verdict },
        h('div', {},
          h('strong', { text: f.rule_name }), ' ',
          h('span', { class: 'badge badge-own-' + f.verdict, text: human(f.verdict) }), ' ',
          f.in_force
            ? h('span', { class: 'muted small', text: f.windows })
            : h('span', { class: 'badge badge-stale', 'data-testid': 'ownership-not-in-force', text: 'not in force on ' + o.as_of + ': ' + f.windows })),
        h('p', { class: 'ownership-path', 'data-testid': 'ownership-path', text: f.summary }),
        (f.owners || []).length
          ? h('ul', { class: 'ownership-owners' }, f.owners.map((w) =>
            h('li', {}, w.share + ' ', h('span', { text: w.name }), ' ', h('span', { class: 'muted small', text: '(' + human(w.basis) + ')' }),
              (w.listed || []).map((l) => h('div', { class: 'muted small' },
                '→ ', h('code', { text: l.entity_id }), ' ' + l.name + ' · score ' + fmtScore(l.score) + ' · ' + l.method)))))
          : null,
        h('p', { class: 'muted small' }, f.url ? h('a', { href: f.url, rel: 'noopener', target: '_blank', text: f.citation }) : f.citation)));
    return h('section', { class: 'card', 'data-testid': 'ownership', 'aria-labelledby': 'own-heading' },
      h('div', { class: 'card-head' },
        h('h3', { id: 'own-heading', text: 'Ownership' }),
        h('span', { class: 'badge badge-own-' + o.verdict, 'data-testid': 'ownership-verdict', text: human(o.verdict) })),
      h('p', { class: 'muted small', text: 'On no list itself; owned by listed parties. Rules assessed on ' + o.as_of + '.' }),
      h('ul', { class: 'ownership-findings' }, findings));
  }

  function badge(match) {
    return h('span', {
      class: 'badge ' + (match ? 'badge-match' : 'badge-nomatch'),
      'data-testid': 'match-badge',
      text: match ? 'match' : 'no match',
    });
  }

  // ---- selection: explanation + entity detail
  async function select(id, focus) {
    selectedId = id;
    for (const tr of document.querySelectorAll('[data-testid="result-row"]')) {
      const on = tr.getAttribute('data-entity-id') === id;
      tr.classList.toggle('selected', on);
      tr.querySelector('[data-testid="result-open"]').setAttribute('aria-pressed', on ? 'true' : 'false');
      if (on && focus) tr.scrollIntoView({ block: 'nearest' });
    }
    writeHash(formParams(), id);
    const m = lastResults.find((r) => r.entity_id === id);
    replace($('#detail'), h('p', { class: 'muted', text: 'Loading ' + id + '…' }));
    const data = await withKey(() => api('/entities/' + encodeURIComponent(id)));
    if (!data || selectedId !== id) return;
    // A linked entity may not be among the results: no explanation then.
    replace($('#detail'),
      m && m.ownership ? renderOwnership(m.ownership) : null,
      m ? renderExplanation(m) : h('p', { class: 'muted small', text: 'Not among the current results: no explanation for this query.' }),
      renderEntity(data));
    if (focus) $('#detail-heading').focus();
  }

  function renderExplanation(m) {
    const x = m.explanation || {};
    const rows = [];
    for (const a of x.alignments || []) {
      rows.push(h('tr', { 'data-testid': 'alignment-row', class: 'kind-' + a.kind },
        h('td', { class: 'tok', 'data-testid': 'align-query' }, h('span', { class: 'token', text: a.query })),
        h('td', { class: 'arrow', 'aria-hidden': 'true', text: '\u2194' }),
        h('td', { class: 'tok', 'data-testid': 'align-list' }, h('span', { class: 'token', text: a.list })),
        h('td', { class: 'num sim' }, simBar(a.similarity)),
        h('td', {}, h('span', { class: 'kindtag kindtag-' + a.kind, text: a.kind })),
        h('td', { class: 'num muted', text: typeof a.weight === 'number' ? a.weight.toFixed(1) : '' })));
    }
    for (const t of x.unmatched_query || []) {
      rows.push(h('tr', { 'data-testid': 'unmatched-query', class: 'unmatched' },
        h('td', { class: 'tok' }, h('span', { class: 'token token-missing', text: t })),
        h('td', { class: 'arrow', 'aria-hidden': 'true', text: '\u2192' }),
        h('td', { class: 'muted', text: 'no list word' }),
        h('td', { class: 'num', text: '–' }),
        h('td', {}, h('span', { class: 'kindtag kindtag-none', text: 'unmatched query word' })),
        h('td', {})));
    }
    for (const t of x.unmatched_list || []) {
      rows.push(h('tr', { 'data-testid': 'unmatched-list', class: 'unmatched' },
        h('td', { class: 'muted', text: 'no query word' }),
        h('td', { class: 'arrow', 'aria-hidden': 'true', text: '\u2190' }),
        h('td', { class: 'tok' }, h('span', { class: 'token token-extra', text: t })),
        h('td', { class: 'num', text: '–' }),
        h('td', {}, h('span', { class: 'kindtag kindtag-none', text: 'unmatched list word' })),
        h('td', {})));
    }
    const evidence = (x.evidence || []).map((e) => {
      const cls = e.effect > 0 ? 'pos' : e.effect < 0 ? 'neg' : 'zero';
      return h('li', { 'data-testid': 'evidence-line', class: 'ev-' + cls },
        h('span', { class: 'effect', 'data-testid': 'evidence-effect', text: fmtSigned(e.effect) }),
        h('span', { class: 'evkind', text: human(e.kind) }),
        h('span', { class: 'evdetail', text: e.detail }));
    });
    return h('section', { class: 'card', 'data-testid': 'explanation', 'aria-labelledby': 'x-heading' },
      h('div', { class: 'card-head' },
        h('h3', { id: 'x-heading', text: 'Why it scored ' + fmtScore(m.score) }),
        badge(m.match),
        h('span', { class: 'score big', 'data-testid': 'explanation-score', text: fmtScore(m.score) })),
      h('p', { class: 'summary', 'data-testid': 'explanation-summary', text: x.summary || '' }),
      h('dl', { class: 'kv kv-inline' },
        h('dt', { text: 'Query form' }), h('dd', {}, h('code', { 'data-testid': 'query-form', text: x.query_form || '' })),
        h('dt', { text: 'List form' }), h('dd', {}, h('code', { 'data-testid': 'list-form', text: x.list_form || '' })),
        h('dt', { text: 'Name score' }), h('dd', { text: fmtScore(x.name_score) }),
        h('dt', { text: 'Coverage' }), h('dd', { text: 'query ' + fmtPct(x.query_coverage) + ' · list ' + fmtPct(x.list_coverage) })),
      h('table', { class: 'grid align-table', 'data-testid': 'alignments' },
        h('caption', { text: 'Aligned words (normalized)' }),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: 'Query word' }), h('th', { scope: 'col', 'aria-label': 'paired with' }),
          h('th', { scope: 'col', text: 'List word' }), h('th', { scope: 'col', class: 'num', text: 'Similarity' }),
          h('th', { scope: 'col', text: 'Kind' }), h('th', { scope: 'col', class: 'num', title: 'Rarity weight of the word in the lists', text: 'Weight' }))),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: '6', class: 'muted', text: 'No words aligned.' })))),
      evidence.length
        ? h('div', {}, h('h4', { text: 'Evidence' }), h('ul', { class: 'evidence', 'data-testid': 'evidence' }, evidence))
        : h('p', { class: 'muted small', 'data-testid': 'evidence', text: 'No other evidence (date of birth, country, identifier) was compared.' }));
  }

  function simBar(sim) {
    const pct = Math.round(Math.max(0, Math.min(1, sim || 0)) * 100);
    return h('span', { class: 'simwrap' },
      h('span', { class: 'bar small-bar', 'aria-hidden': 'true' }, h('span', { style: 'width:' + pct + '%' })),
      h('span', { 'data-testid': 'align-similarity', text: fmtScore(sim) }));
  }

  function section(title, testid, content) {
    if (content === null || content === undefined || (Array.isArray(content) && !content.length)) {
      return h('div', { class: 'sec sec-empty', 'data-testid': testid },
        h('h4', { text: title }), h('p', { class: 'muted small', text: 'none listed' }));
    }
    return h('div', { class: 'sec', 'data-testid': testid }, h('h4', { text: title }), content);
  }

  function table(cols, rows, testid) {
    return h('table', { class: 'grid', 'data-testid': testid },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c === null || c === undefined ? '' : c))))));
  }

  function renderEntity(data) {
    const e = data.entity;
    const src = data.source || {};
    const names = e.names || [];
    const primary = (names.find((n) => n.type === 'primary') || names[0] || { name: e.id }).name;

    const facts = [];
    const fact = (k, v) => { if (v !== null && v !== undefined && v !== '') facts.push(h('dt', { text: k }), h('dd', {}, v)); };
    fact('Id', h('code', { text: e.id }));
    fact('Kind', e.kind);
    fact('Gender', e.gender);
    fact('Title', e.title);
    if (e.organization) {
      fact('Established', (e.organization.established || []).map(fmtDob).join('; '));
      fact('Type', (e.organization.types || []).join(', '));
    }
    if (e.craft) {
      const c = e.craft;
      fact('Flag', c.flag); fact('Vessel type', c.vessel_type); fact('Call sign', c.call_sign);
      fact('Tonnage', c.tonnage); fact('GRT', c.gross_registered_tonnage); fact('Owner', c.owner);
      fact('Other', (c.other || []).join('; '));
    }

    const programs = (e.programs || []).map((p) => h('span', { class: 'tag tag-program', 'data-testid': 'entity-program', text: p }));
    const dobs = (e.dates_of_birth || []).map((d) => h('li', { text: fmtDob(d) }));
    const pobs = (e.places_of_birth || []).map((p) => h('li', { text: p }));
    const countries = (e.countries || []).map((c) => [c.name, c.code ? h('code', { text: c.code }) : '', human(c.role)]);
    const ids = (e.identifiers || []).map((i) => [i.label || human(i.type), h('code', { text: i.value }), i.country || '', i.note || '']);
    const addrs = (e.addresses || []).map((a) => [a.street || '', a.city || '', a.country || '', a.remark || '']);
    const links = (e.links || []).map((l) => [
      l.entity_id
        ? h('a', { href: '#', 'data-entity-link': l.entity_id, onclick: (ev) => { ev.preventDefault(); select(l.entity_id, true); } }, l.name)
        : l.name,
      human(l.relation),
      l.entity_id ? h('code', { text: l.entity_id }) : '']);
    const remarks = (e.remarks || []).map((r) => h('li', { text: r }));
    const prov = e.provenance || {};

    return h('section', { class: 'card', 'data-testid': 'entity-detail', 'data-entity-id': e.id, 'aria-labelledby': 'e-heading' },
      h('div', { class: 'card-head' },
        h('h3', { id: 'e-heading', 'data-testid': 'entity-name', text: primary }),
        h('span', { class: 'kindtag', text: e.kind })),
      h('div', { class: 'sec', 'data-testid': 'entity-programs' }, h('h4', { text: 'Programs' }),
        programs.length ? h('div', {}, programs) : h('p', { class: 'muted small', text: 'none listed' })),
      h('dl', { class: 'kv' }, facts),
      section('Names', 'entity-names', names.length ? table(['Name', 'Type', 'Script', 'Lang', 'Remark'],
        names.map((n) => [h('span', { class: 'name-text', text: n.name }), human(n.type), n.script || '', n.lang || '', n.remark || '']), 'names-table') : null),
      section('Dates of birth', 'entity-dobs', dobs.length ? h('ul', { class: 'plain' }, dobs) : null),
      section('Places of birth', 'entity-pobs', pobs.length ? h('ul', { class: 'plain' }, pobs) : null),
      section('Countries', 'entity-countries', countries.length ? table(['Country', 'Code', 'Role'], countries) : null),
      section('Identifiers', 'entity-identifiers', ids.length ? table(['Type', 'Value', 'Country', 'Note'], ids) : null),
      section('Addresses', 'entity-addresses', addrs.length ? table(['Street', 'City', 'Country', 'Remark'], addrs) : null),
      section('Links', 'entity-links', links.length ? table(['Name', 'Relation', 'Entity'], links) : null),
      remarks.length ? section('Remarks', 'entity-remarks', h('ul', { class: 'plain remarks' }, remarks)) : null,
      h('div', { class: 'sec', 'data-testid': 'entity-source' }, h('h4', { text: 'Source' }),
        h('dl', { class: 'kv' },
          h('dt', { text: 'List' }), h('dd', {}, h('code', { 'data-testid': 'source-list', text: src.list || e.list })),
          h('dt', { text: 'List date' }), h('dd', { 'data-testid': 'source-date', text: src.date || 'undated' }),
          h('dt', { text: 'List version' }), h('dd', {}, h('code', { text: src.list_version || '' })),
          h('dt', { text: 'Snapshot' }), h('dd', {}, h('code', { 'data-testid': 'source-snapshot', text: src.snapshot || '' })),
          h('dt', { text: 'Source id' }), h('dd', {}, h('code', { text: e.source_id })),
          h('dt', { text: 'Provenance' }), h('dd', { 'data-testid': 'provenance' },
            h('code', { text: (prov.file || '') + (prov.line ? ':' + prov.line : '') }),
            prov.list ? ' (' + prov.list + ')' : ''))));
  }

  // ---- wiring
  function onSubmit(ev) {
    ev.preventDefault();
    const p = formParams();
    if (!p.get('q')) { setStatus('Enter a name.', 'error'); $('#q').focus(); return; }
    writeHash(p, null);
    withKey(() => search(p, null));
  }

  async function onKey(ev) {
    ev.preventDefault();
    const key = $('#api-key').value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_STORAGE, key);
    $('#key-error').textContent = '';
    try {
      await loadLists();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        sessionStorage.removeItem(KEY_STORAGE);
        $('#key-error').textContent = 'That key was refused.';
        $('#api-key').select();
        return;
      }
      // 403: a known key without the screening role (a reviewer-only
      // key): it is accepted; the lists stay hidden.
      if (!(e instanceof ApiError && e.status === 403)) {
        setStatus(e.message, 'error');
        return;
      }
    }
    $('[data-testid="api-key-change"]').hidden = false;
    $('[data-testid="api-key-panel"]').hidden = true;
    $('#api-key').value = '';
    setStatus('Key accepted.', 'ok');
    const again = pendingAfterKey;
    pendingAfterKey = null;
    if (again) await withKey(again);
    if (currentView === 'screen') $('#q').focus();
  }

  // ---- views: screening (search) and alerts (review)
  let currentView = 'screen';

  function showView(view) {
    currentView = view;
    $('#screen-view').hidden = view !== 'screen';
    $('#alerts-view').hidden = view !== 'alerts';
    for (const a of document.querySelectorAll('.view-tab')) {
      if (a.getAttribute('data-view') === view) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  function onHashChange() {
    const p = new URLSearchParams(location.hash.slice(1));
    if (p.get('view') === 'alerts') {
      if (currentView !== 'alerts') openAlertsView(p);
    } else if (currentView !== 'screen') {
      showView('screen');
    }
  }

  // ---- alerts: queue, alert view, decisions
  let queueOffset = 0;
  let queueNext = null;
  let openAlertId = null;

  function alertsParams() {
    const p = new URLSearchParams();
    p.set('view', 'alerts');
    const status = $('#alert-status').value;
    const customer = $('#alert-customer').value.trim();
    p.set('status', status);
    if (customer) p.set('customer', customer);
    return p;
  }

  function writeAlertsHash() {
    const p = alertsParams();
    if (openAlertId !== null) p.set('alert', String(openAlertId));
    const s = '#' + p.toString();
    if (location.hash !== s) history.replaceState(null, '', s);
  }

  function setAlertsStatus(text, kind) {
    const el = $('#alerts-status-line');
    el.textContent = text || '';
    el.className = 'status' + (kind ? ' status-' + kind : '');
  }

  async function openAlertsView(p) {
    showView('alerts');
    if (p.has('status')) $('#alert-status').value = p.get('status');
    if (p.has('customer')) $('#alert-customer').value = p.get('customer');
    queueOffset = 0;
    const id = p.get('alert');
    await withKey(async () => {
      await loadQueue();
      if (id) await openAlert(Number(id), false);
    });
  }

  const statusText = (s) => human(s);
  function statusBadge(s) {
    return h('span', { class: 'badge badge-status badge-' + s, 'data-testid': 'alert-status-badge', text: statusText(s) });
  }

  async function loadQueue() {
    const p = alertsParams();
    p.delete('view');
    if (!p.get('status')) p.delete('status');
    p.set('limit', '50');
    p.set('offset', String(queueOffset));
    setAlertsStatus('Loading alerts…', 'busy');
    let data;
    try {
      data = await api('/alerts?' + p.toString());
    } catch (e) {
      if (e instanceof ApiError && e.code === 'monitoring_off') {
        replace($('#queue'), h('p', { class: 'empty', 'data-testid': 'monitoring-off', text: e.message }));
        setAlertsStatus('');
        return;
      }
      throw e;
    }
    const alerts = data.alerts || [];
    queueNext = data.next_offset;
    $('[data-testid="queue-count"]').textContent = alerts.length
      ? '(' + (data.offset + 1) + '–' + (data.offset + alerts.length) + (queueNext !== null ? ', more' : '') + ')'
      : '(0)';
    $('[data-testid="queue-pager"]').hidden = data.offset === 0 && queueNext === null;
    $('[data-testid="queue-prev"]').disabled = data.offset === 0;
    $('[data-testid="queue-next"]').disabled = queueNext === null;
    setAlertsStatus(alerts.length + ' alert' + (alerts.length === 1 ? '' : 's') + ' on this page', alerts.length ? 'hit' : 'ok');
    writeAlertsHash();
    if (!alerts.length) {
      replace($('#queue'), h('p', { class: 'empty', 'data-testid': 'queue-empty', text: 'No alerts with this filter.' }));
      return;
    }
    const rows = alerts.map((a) => h('tr', {
      'data-testid': 'queue-row',
      'data-alert-id': a.id,
      'data-status': a.status,
      class: a.id === openAlertId ? 'selected' : null,
      onclick: (ev) => { if (!(ev.target instanceof HTMLButtonElement)) openAlert(a.id, true); },
    },
    h('td', { class: 'num' }, h('button', {
      type: 'button', class: 'linklike', 'data-testid': 'queue-open', 'aria-controls': 'alert',
      onclick: () => openAlert(a.id, true),
    }, '#' + a.id)),
    h('td', { class: 'score-cell' },
      h('span', { class: 'score', 'data-testid': 'queue-score', text: fmtScore(a.score) }),
      h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: 'width:' + Math.round(Math.max(0, Math.min(1, a.score)) * 100) + '%' }))),
    h('td', {}, statusBadge(a.status)),
    h('td', {}, h('code', { 'data-testid': 'queue-customer', text: a.customer_id })),
    h('td', {}, h('code', { 'data-testid': 'queue-entity', text: a.entity_id })),
    h('td', { class: 'small', text: a.reason }),
    h('td', { class: 'small muted', text: (a.created || '').slice(0, 16).replace('T', ' ') })));
    replace($('#queue'),
      h('table', { class: 'grid queue-table' },
        h('caption', { class: 'sr-only', text: 'Alerts, highest score first' }),
        h('thead', {}, h('tr', {},
          ['Alert', 'Score', 'Status', 'Customer', 'List entity', 'Reason', 'Raised']
            .map((t, i) => h('th', { scope: 'col', class: i === 0 ? 'num' : null, text: t })))),
        h('tbody', {}, rows)));
  }

  async function openAlert(id, focus) {
    openAlertId = id;
    for (const tr of document.querySelectorAll('[data-testid="queue-row"]')) {
      tr.classList.toggle('selected', Number(tr.getAttribute('data-alert-id')) === id);
    }
    writeAlertsHash();
    replace($('#alert'), h('p', { class: 'muted', text: 'Loading alert ' + id + '…' }));
    const data = await withKey(() => api('/alerts/' + encodeURIComponent(id)));
    if (!data || openAlertId !== id) return;
    renderAlert(data);
    if (focus) $('#alert-heading').focus();
  }

  // The reviewer whose decision waits for a second one, and what it was.
  function pendingDecision(a) {
    if (a.status !== 'pending_review') return null;
    const ds = a.decisions || [];
    for (let i = ds.length - 1; i >= 0; i--) {
      if (ds[i].outcome === 'pending_review') return ds[i];
    }
    return null;
  }

  function renderCustomer(c) {
    if (!c) return h('p', { class: 'muted', text: 'The store no longer has this version of the customer.' });
    const facts = [];
    const fact = (k, v, testid) => {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return;
      facts.push(h('dt', { text: k }), h('dd', { 'data-testid': testid }, Array.isArray(v) ? v.join('; ') : v));
    };
    fact('Id', h('code', { text: c.id }), 'customer-id');
    fact('Aliases', c.aliases, 'customer-aliases');
    fact('Kind', c.kind, 'customer-kind');
    fact('Date of birth', c.dob ? fmtDate(c.dob) : null, 'customer-dob');
    fact('Countries', c.countries, 'customer-countries');
    fact('Identifiers', c.identifiers, 'customer-identifiers');
    fact('Gender', c.gender, 'customer-gender');
    fact('Version', 'raised on version ' + c.version +
      (c.current_version === null ? ' (customer since removed)' : c.current_version !== c.version ? ' (now version ' + c.current_version + ')' : ' (current)'), 'customer-version');
    return h('section', { class: 'card', 'data-testid': 'alert-customer', 'aria-labelledby': 'c-heading' },
      h('div', { class: 'card-head' },
        h('h3', { id: 'c-heading', 'data-testid': 'customer-name', text: c.name }),
        h('span', { class: 'kindtag', text: 'customer' })),
      h('dl', { class: 'kv' }, facts));
  }

  function renderAlert(a) {
    const pending = pendingDecision(a);
    const open = a.status === 'open' || a.status === 'pending_review' || a.status === 'escalated';
    const decisions = (a.decisions || []).map((d) => [d.time.slice(0, 19).replace('T', ' '), String(d.round), d.decision, h('strong', { text: d.by }), statusBadge(d.outcome), d.reason]);
    const list = listsInService.find((l) => l.list === (a.entity && a.entity.list)) || {};
    const entitySide = a.entity
      ? renderEntity({ entity: a.entity, source: { list: a.entity.list, date: list.date, list_version: list.version, snapshot: a.entity_snapshot } })
      : h('section', { class: 'card', 'data-testid': 'entity-detail' },
        h('p', { class: 'muted', text: a.entity_id + ' is not in the snapshot in service (' + a.entity_snapshot + '): delisted, or its list is not loaded.' }));
    replace($('#alert'),
      h('div', { class: 'card-head', 'data-testid': 'alert-head', 'data-alert-id': a.id },
        h('h3', { text: 'Alert #' + a.id + ': customer ' + a.customer_id + ' \u2194 ' + a.entity_id }),
        h('span', { 'data-testid': 'alert-status' }, statusBadge(a.status)),
        h('span', { class: 'score big', 'data-testid': 'alert-score', text: fmtScore(a.score) })),
      h('dl', { class: 'kv kv-inline' },
        h('dt', { text: 'Reason' }), h('dd', { 'data-testid': 'alert-reason', text: a.reason }),
        h('dt', { text: 'List' }), h('dd', {}, h('code', { text: a.list })),
        h('dt', { text: 'Raised' }), h('dd', { text: a.created }),
        h('dt', { text: 'Snapshot' }), h('dd', {}, h('code', { text: a.snapshot }))),
      pending ? h('p', { class: 'four-eyes', 'data-testid': 'four-eyes' },
        'Pending review: ', h('strong', { text: pending.decision }), ' by ',
        h('strong', { 'data-testid': 'first-reviewer', text: pending.by }),
        '. A different reviewer must confirm it with the same decision to close the alert.') : null,
      h('div', { class: 'side-by-side' }, renderCustomer(a.customer), entitySide),
      renderExplanation({ score: a.score, match: true, explanation: a.explanation }),
      section('Decisions', 'alert-decisions', decisions.length ? table(['Time', 'Round', 'Decision', 'By', 'Outcome', 'Reason'], decisions, 'decisions-table') : null),
      open ? renderDecideForm(a, pending) : h('p', { class: 'muted', 'data-testid': 'alert-closed', text: 'This alert is ' + statusText(a.status) + ': closed.' }));
  }

  function renderDecideForm(a, pending) {
    const err = h('span', { class: 'error', 'data-testid': 'decide-error', role: 'alert' });
    const select = h('select', { id: 'decision', name: 'decision', 'data-testid': 'decide-decision' },
      [['false-positive', 'False positive'], ['true-match', 'True match'], ['escalate', 'Escalate']].map(([v, t]) =>
        h('option', { value: v, selected: pending && pending.decision === v ? true : null, text: t })));
    const reason = h('textarea', { id: 'decision-reason', name: 'reason', 'data-testid': 'decide-reason', required: true });
    const form = h('form', { class: 'decide-form card', 'data-testid': 'decide-form', 'aria-labelledby': 'decide-heading' },
      h('h4', { id: 'decide-heading', text: pending ? 'Confirm or replace the pending decision' : 'Decide' }),
      h('div', { class: 'field' }, h('label', { for: 'decision', text: 'Decision' }), select),
      h('div', { class: 'field' }, h('label', { for: 'decision-reason', text: 'Reason' }), reason),
      h('div', { class: 'field field-button' }, h('button', { type: 'submit', 'data-testid': 'decide-submit', text: 'Record decision' })),
      err);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      err.textContent = '';
      const text = reason.value.trim();
      if (!text) { err.textContent = 'Give the reason for the decision.'; reason.focus(); return; }
      let updated;
      try {
        updated = await api('/alerts/' + encodeURIComponent(a.id) + '/decisions', 'POST', { decision: select.value, reason: text });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          pendingAfterKey = () => openAlert(a.id, false);
          askForKey('');
          return;
        }
        err.textContent = e.message;
        return;
      }
      setAlertsStatus('Alert #' + updated.id + ': ' + select.value + ' recorded; now ' + statusText(updated.status) + '.', 'ok');
      const detail = await api('/alerts/' + encodeURIComponent(a.id));
      renderAlert(detail);
      await loadQueue();
    });
    return form;
  }

  function changeKey() {
    sessionStorage.removeItem(KEY_STORAGE);
    pendingAfterKey = currentView === 'alerts'
      ? async () => { await loadQueue(); if (openAlertId !== null) await openAlert(openAlertId, false); }
      : null;
    askForKey('');
  }

  function start() {
    $('#search-form').addEventListener('submit', onSubmit);
    $('#key-form').addEventListener('submit', onKey);
    $('#alerts-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      queueOffset = 0;
      withKey(loadQueue);
    });
    $('#alert-status').addEventListener('change', () => { queueOffset = 0; withKey(loadQueue); });
    $('[data-testid="queue-prev"]').addEventListener('click', () => { queueOffset = Math.max(0, queueOffset - 50); withKey(loadQueue); });
    $('[data-testid="queue-next"]').addEventListener('click', () => { if (queueNext !== null) { queueOffset = queueNext; withKey(loadQueue); } });
    $('[data-testid="api-key-change"]').addEventListener('click', changeKey);
    window.addEventListener('hashchange', onHashChange);
    if (sessionStorage.getItem(KEY_STORAGE)) $('[data-testid="api-key-change"]').hidden = false;
    document.addEventListener('keydown', (ev) => {
      // "/" focuses the name field, as in most search tools.
      if (ev.key === '/' && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
        ev.preventDefault();
        $('#q').focus();
      }
    });
    const p = new URLSearchParams(location.hash.slice(1));
    if (p.get('view') === 'alerts') {
      withKey(loadLists).then(() => openAlertsView(p));
      return;
    }
    fillForm(p);
    withKey(async () => {
      await loadLists();
      if (p.get('q')) await search(formParams(), p.get('entity'));
    }).then(() => {
      if (!p.get('q') && $('[data-testid="api-key-panel"]').hidden) $('#q').focus();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
