// End-to-end test of the analyst web page in a real browser: Debian's
// chromium driven by playwright-core, against a running `cordon serve`
// loaded with the OFAC SDN list of 2024-05-03. Started by ./run.sh, which
// sets:
//   CORDON_URL         the server without API keys (required)
//   CORDON_KEYED_URL   a second server with API keys (optional)
//   CORDON_TEST_KEY    the key that server accepts
//   CORDON_MONITOR_URL a third server with --monitor and API keys (optional)
//   CORDON_ALICE_KEY, CORDON_BOB_KEY  its two reviewer keys (screening and
//                      reviewer roles); CORDON_OPS_KEY its screening and
//                      admin key (imports customers, runs monitoring)
//   CHROMIUM           browser binary (default /usr/bin/chromium)
//   SCREENSHOT_DIR     where screenshots go (default ./screenshots)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE = process.env.CORDON_URL;
const KEYED = process.env.CORDON_KEYED_URL;
const KEY = process.env.CORDON_TEST_KEY;
const MON = process.env.CORDON_MONITOR_URL;
const ALICE_KEY = process.env.CORDON_ALICE_KEY;
const BOB_KEY = process.env.CORDON_BOB_KEY;
const OPS_KEY = process.env.CORDON_OPS_KEY;
const OWN = process.env.CORDON_OWNERSHIP_URL;
const SHOTS = process.env.SCREENSHOT_DIR || path.join(here, 'screenshots');
const VIEWPORT = { width: 1280, height: 900 };
const TIMEOUT = 15_000;

// The JSC "Special Economic Zone of Industrial Production Alabuga" in the
// SDN list of 2024-05-03, and what the list says about it.
const ALABUGA_SEZ = 'ofac-sdn:45708';
const ALABUGA_PROGRAM = 'RUSSIA-EO14024';
const LIST_DATE = '2024-05-03';

if (!BASE) throw new Error('CORDON_URL is not set: run tests/browser/run.sh');

let browser;

// playwright-core refuses --user-data-dir in `launch` args; it starts
// chromium with a fresh temporary profile of its own and deletes it on
// close, and every test below gets its own incognito-like context.
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  if (browser) await browser.close();
});

// A fresh page; every uncaught script error and console error is recorded,
// and the test fails on them (`allowConsole` filters expected ones, such as
// chromium's "Failed to load resource: 401" before a key is given).
async function openPage(t, url, { allowConsole = () => false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowConsole(m.text())) problems.push('console error: ' + m.text());
  });
  t.after(async () => {
    await context.close();
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  return { page, problems };
}

const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

async function searchFor(page, name) {
  await byTestId(page, 'search-name').fill(name);
  await byTestId(page, 'search-submit').click();
  await byTestId(page, 'result-row').first().waitFor();
  await page.waitForLoadState('networkidle');
}

async function apiJson(base, p, headers = {}) {
  const res = await fetch(base + p, { headers });
  assert.equal(res.status, 200, `${p}: HTTP ${res.status}`);
  return res.json();
}

// Width and height from a PNG's IHDR chunk.
function pngSize(file) {
  const b = fs.readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bytes: b.length };
}

test('header shows the snapshot in service and the footer its lists with dates and counts', async (t) => {
  const lists = await apiJson(BASE, '/lists');
  const { page, problems } = await openPage(t, BASE + '/');
  await assertSnapshotShown(page, lists);
  assert.deepEqual(problems, []);
});

async function assertSnapshotShown(page, lists) {
  const version = byTestId(page, 'snapshot-version');
  await page.waitForFunction(
    (v) => document.querySelector('[data-testid="snapshot-version"]').textContent === v,
    lists.snapshot,
  );
  assert.equal(await version.textContent(), lists.snapshot);
  const rows = byTestId(page, 'list-row');
  assert.equal(await rows.count(), lists.lists.length);
  const sdn = lists.lists.find((l) => l.list === 'ofac-sdn');
  assert.ok(sdn, 'ofac-sdn is loaded');
  const row = page.locator('[data-testid="list-row"][data-list="ofac-sdn"]');
  assert.equal(await row.locator('[data-testid="list-date"]').textContent(), LIST_DATE);
  const text = await row.textContent();
  assert.ok(text.includes(sdn.version), 'list version shown');
  assert.ok(text.includes(sdn.entities.toLocaleString('en')), 'entity count shown');
  assert.match(await byTestId(page, 'snapshot-summary').textContent(), new RegExp('ofac-sdn ' + LIST_DATE));
  // Where the list came from and how old it is: the 2024 file is far
  // older than the default maximum age, so it is marked stale.
  assert.ok((await row.locator('[data-testid="list-source"]').textContent()).includes(sdn.source_file), 'source file shown');
  assert.equal(sdn.as_of, LIST_DATE);
  assert.ok(sdn.age_days > 365 && sdn.stale, 'the 2024 list is stale: ' + JSON.stringify(sdn));
  assert.match(await row.locator('[data-testid="list-age"]').textContent(), new RegExp(sdn.age_days.toLocaleString('en') + ' days'));
  assert.equal(await row.locator('[data-testid="list-stale"]').count(), 1);
  const banner = byTestId(page, 'stale-warning');
  assert.ok(await banner.isVisible(), 'stale banner shown');
  assert.match(await banner.textContent(),
    new RegExp(`Stale lists: ofac-sdn ${sdn.age_days.toLocaleString('en')} days old \\(${LIST_DATE} from its path\\)`));
  // The short cells keep to one line beside the long source paths.
  for (const cell of [row.locator('th'), row.locator('[data-testid="list-date"]'), row.locator('[data-testid="list-age"]')]) {
    const wraps = await cell.evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      const rects = [...r.getClientRects()];
      const firstBottom = Math.min(...rects.map((q) => q.bottom));
      return rects.some((q) => q.top >= firstBottom - 1);
    });
    assert.equal(wraps, false, `"${await cell.textContent()}" is on one line`);
  }
}

test('search "Alabuga": scored results; the JSC Special Economic Zone entry shows its program, aligned explanation and source', async (t) => {
  const lists = await apiJson(BASE, '/lists');
  const { page, problems } = await openPage(t, BASE + '/');
  await searchFor(page, 'Alabuga');

  // Results: every row has a score in [0, 1] and a decision badge, best first.
  const rows = byTestId(page, 'result-row');
  const n = await rows.count();
  assert.ok(n >= 10, `expected at least 10 candidates, got ${n}`);
  const scores = (await byTestId(page, 'result-score').allTextContents()).map(Number);
  assert.equal(scores.length, n);
  for (const s of scores) assert.ok(s >= 0 && s <= 1, `score ${s}`);
  assert.deepEqual([...scores].sort((a, b) => b - a), scores, 'best first');
  const badges = await byTestId(page, 'match-badge').allTextContents();
  assert.equal(badges.length, n);
  assert.ok(badges.every((b) => b === 'match' || b === 'no match'), badges.join(','));
  assert.ok(badges.includes('match'), 'at least one Alabuga company is a match');

  // Open the JSC Special Economic Zone entry.
  const row = page.locator(`[data-testid="result-row"][data-entity-id="${ALABUGA_SEZ}"]`);
  assert.match(await row.textContent(), /SPECIAL ECONOMIC ZONE/);
  assert.match(await row.locator('[data-testid="result-programs"]').textContent(), new RegExp(ALABUGA_PROGRAM));
  await row.locator('[data-testid="result-open"]').click();
  const detail = page.locator(`[data-testid="entity-detail"][data-entity-id="${ALABUGA_SEZ}"]`);
  await detail.waitFor();
  assert.equal(await row.getAttribute('class').then((c) => c.includes('selected')), true);
  assert.equal(await row.locator('[data-testid="result-open"]').getAttribute('aria-pressed'), 'true');

  // Entity detail: name, program, identifiers, source list and date.
  assert.match(await detail.locator('[data-testid="entity-name"]').textContent(),
    /JOINT STOCK COMPANY SPECIAL ECONOMIC ZONE OF INDUSTRIAL PRODUCTION ALABUGA/);
  assert.deepEqual(await detail.locator('[data-testid="entity-program"]').allTextContents(), [ALABUGA_PROGRAM]);
  assert.match(await detail.locator('[data-testid="names-table"]').textContent(), /primary/);
  assert.match(await detail.locator('[data-testid="entity-identifiers"]').textContent(), /1646019914/);
  assert.equal(await detail.locator('[data-testid="source-list"]').textContent(), 'ofac-sdn');
  assert.equal(await detail.locator('[data-testid="source-date"]').textContent(), LIST_DATE);
  assert.equal(await detail.locator('[data-testid="source-snapshot"]').textContent(), lists.snapshot);
  assert.match(await detail.locator('[data-testid="provenance"]').textContent(), /sdn\.csv:\d+/);

  // Explanation: the query word aligned with the list word, the list's
  // other words shown unmatched, and the summary.
  const x = byTestId(page, 'explanation');
  await x.waitFor();
  const aligned = x.locator('[data-testid="alignment-row"]');
  assert.ok(await aligned.count() >= 1);
  assert.equal(await aligned.first().locator('[data-testid="align-query"]').textContent(), 'alabuga');
  assert.equal(await aligned.first().locator('[data-testid="align-list"]').textContent(), 'alabuga');
  assert.match(await aligned.first().locator('[data-testid="align-similarity"]').textContent(), /^1\.00$/);
  assert.match(await aligned.first().textContent(), /exact/);
  const unmatched = await x.locator('[data-testid="unmatched-list"]').allTextContents();
  assert.ok(unmatched.some((u) => u.includes('economic')), unmatched.join(' | '));
  assert.match(await x.locator('[data-testid="explanation-summary"]').textContent(), /query words? matched/);
  assert.match(await x.locator('[data-testid="list-form"]').textContent(), /alabuga/);

  // The selection is in the URL, so the review can be shared.
  assert.match(decodeURIComponent(page.url()), new RegExp('entity=' + ALABUGA_SEZ));

  // Screenshot of the results and detail view.
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, 'alabuga.png');
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  const png = pngSize(file);
  const docHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.equal(png.width, VIEWPORT.width);
  assert.equal(png.height, Math.max(VIEWPORT.height, docHeight));
  assert.ok(png.bytes > 30_000, `screenshot is only ${png.bytes} bytes`);
  console.log(`screenshot: ${file} (${png.width}x${png.height}, ${png.bytes} bytes)`);

  assert.deepEqual(problems, []);
});

test('a bookmarked review (#q=...&entity=...) reopens the search and the entity', async (t) => {
  const { page, problems } = await openPage(t, `${BASE}/#q=Alabuga&limit=25&entity=${ALABUGA_SEZ}`);
  const detail = page.locator(`[data-testid="entity-detail"][data-entity-id="${ALABUGA_SEZ}"]`);
  await detail.waitFor();
  assert.equal(await byTestId(page, 'search-name').inputValue(), 'Alabuga');
  assert.ok(await byTestId(page, 'result-row').count() >= 10);
  await byTestId(page, 'explanation').waitFor();
  assert.deepEqual(problems, []);
});

test('keyboard only: "/" focuses the name, Enter screens, Enter on a result opens it', async (t) => {
  const { page, problems } = await openPage(t, BASE + '/');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('Qods Aviation Industries');
  await page.keyboard.press('Enter');
  const first = byTestId(page, 'result-row').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('data-entity-id'), 'ofac-sdn:16418');
  assert.equal(await first.locator('[data-testid="match-badge"]').textContent(), 'match');
  await first.locator('[data-testid="result-open"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="entity-detail"][data-entity-id="ofac-sdn:16418"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'detail-heading');
  // Every form control has a label.
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select')]
    .filter((el) => !(el.labels && el.labels.length)).map((el) => el.id || el.name));
  assert.deepEqual(unlabelled, []);
  assert.deepEqual(problems, []);
});

test('a request the server refuses shows its error', async (t) => {
  const { page, problems } = await openPage(t, `${BASE}/#q=Alabuga&dob=1999-13`, {
    allowConsole: (text) => /status of 400/.test(text),
  });
  const status = byTestId(page, 'status');
  await page.waitForFunction(() => /not a date/.test(document.querySelector('[data-testid="status"]').textContent));
  assert.match(await status.getAttribute('class'), /status-error/);
  assert.equal(await byTestId(page, 'result-row').count(), 0);
  assert.deepEqual(problems, []);
});

test('list data is escaped, never parsed as HTML', async (t) => {
  const { page, problems } = await openPage(t, BASE + '/');
  // Serve the entity with markup in its names, remarks and identifiers, as a
  // hostile or broken list file could carry.
  const evil = '<img src=x onerror="window.__xss=1"><b>bold</b>';
  await page.route('**/entities/**', async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    body.entity.names.push({ name: evil, type: 'alias' });
    body.entity.remarks = [evil];
    body.entity.identifiers = [{ type: 'other', label: evil, value: evil }];
    await route.fulfill({ response: res, json: body });
  });
  await searchFor(page, 'Alabuga');
  await byTestId(page, 'result-open').first().click();
  const detail = byTestId(page, 'entity-detail');
  await detail.waitFor();
  assert.ok((await detail.locator('[data-testid="names-table"]').textContent()).includes(evil));
  assert.ok((await detail.locator('[data-testid="entity-identifiers"]').textContent()).includes(evil));
  assert.equal(await page.locator('#detail img, #detail b, #results img').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
});

test('with API keys: the page asks for a key, refuses a wrong one, then works with the right one', { skip: !KEYED && 'CORDON_KEYED_URL not set' }, async (t) => {
  assert.ok(KEY, 'CORDON_TEST_KEY is set with CORDON_KEYED_URL');
  const lists = await apiJson(KEYED, '/lists', { 'X-API-Key': KEY });
  const { page, problems } = await openPage(t, KEYED + '/', {
    allowConsole: (text) => /status of 401/.test(text),
  });
  const panel = byTestId(page, 'api-key-panel');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'api-key');

  await byTestId(page, 'api-key-input').fill('not-the-key');
  await byTestId(page, 'api-key-submit').click();
  await page.waitForFunction(() => /refused/.test(document.querySelector('[data-testid="api-key-error"]').textContent));
  assert.ok(await panel.isVisible());
  assert.equal(await page.evaluate(() => sessionStorage.getItem('cordon.apiKey')), null);

  await byTestId(page, 'api-key-input').fill(KEY);
  await byTestId(page, 'api-key-input').press('Enter');
  await panel.waitFor({ state: 'hidden' });
  await assertSnapshotShown(page, lists);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('cordon.apiKey')), KEY);

  await searchFor(page, 'Alabuga');
  await page.locator(`[data-testid="result-row"][data-entity-id="${ALABUGA_SEZ}"] [data-testid="result-open"]`).click();
  const detail = page.locator(`[data-testid="entity-detail"][data-entity-id="${ALABUGA_SEZ}"]`);
  await detail.waitFor();
  assert.deepEqual(await detail.locator('[data-testid="entity-program"]').allTextContents(), [ALABUGA_PROGRAM]);

  // The key lasts for the tab's session: a reload does not ask again.
  await page.reload({ waitUntil: 'networkidle' });
  await detail.waitFor();
  assert.ok(!(await panel.isVisible()));
  assert.deepEqual(problems, []);
});

// POST `body` as JSON with `key`; the answer must be 200.
async function postJson(base, p, body, key) {
  const res = await fetch(base + p, {
    method: 'POST',
    headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  assert.equal(res.status, 200, `${p}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function enterKey(page, key) {
  const panel = byTestId(page, 'api-key-panel');
  await panel.waitFor({ state: 'visible' });
  await byTestId(page, 'api-key-input').fill(key);
  await byTestId(page, 'api-key-submit').click();
  await panel.waitFor({ state: 'hidden' });
}

const statusIs = (page, text) => page.waitForFunction(
  (t) => { const el = document.querySelector('[data-testid="alert-status"]'); return el && el.textContent === t; },
  text,
);

test('alerts: a listed customer raised by monitoring is decided false positive by one reviewer and confirmed by another', { skip: !MON && 'CORDON_MONITOR_URL not set' }, async (t) => {
  assert.ok(ALICE_KEY && BOB_KEY && OPS_KEY, 'the reviewer and operator keys are set with CORDON_MONITOR_URL');
  // A small register through the API: a party listed on 2024-05-03, a
  // second one, and a stranger; then a monitoring run.
  const imported = await postJson(MON, '/customers', { customers: [
    { id: 'web-qods', name: 'Qods Aviation Industries', kind: 'organization', country: ['IR'] },
    { id: 'web-alabuga', name: 'Special Economic Zone of Industrial Production Alabuga', kind: 'organization' },
    { id: 'web-stranger', name: 'Maria Ejemplo Stranger', kind: 'person', dob: '1990-04-02' },
  ] }, OPS_KEY);
  assert.equal(imported.added, 3, JSON.stringify(imported));
  const run = await postJson(MON, '/monitor/run', {}, OPS_KEY);
  const qods = run.new_alerts.find((a) => a.customer_id === 'web-qods' && a.entity_id === 'ofac-sdn:16418');
  assert.ok(qods, 'Qods Aviation Industries is raised: ' + JSON.stringify(run.new_alerts.map((a) => [a.customer_id, a.entity_id])));
  assert.ok(run.new_alerts.some((a) => a.customer_id === 'web-alabuga'), 'the Alabuga zone is raised');
  assert.ok(!run.new_alerts.some((a) => a.customer_id === 'web-stranger'), 'the stranger is not');

  const { page, problems } = await openPage(t, MON + '/#view=alerts&status=open', {
    // 401 before a key is given; 409 when alice confirms her own decision.
    allowConsole: (text) => /status of (401|409)/.test(text),
  });
  assert.ok(await byTestId(page, 'alerts-view').isVisible());
  assert.ok(!(await byTestId(page, 'screen-view').isVisible()));
  await enterKey(page, ALICE_KEY);

  // The queue: open alerts, highest score first.
  const row = page.locator(`[data-testid="queue-row"][data-alert-id="${qods.id}"]`);
  await row.waitFor();
  const scores = (await byTestId(page, 'queue-score').allTextContents()).map(Number);
  assert.ok(scores.length >= 2, scores.join(','));
  assert.deepEqual([...scores].sort((a, b) => b - a), scores, 'highest score first');
  const statuses = await byTestId(page, 'queue-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
  assert.ok(statuses.every((s) => s === 'open'), statuses.join(','));
  assert.equal(await row.locator('[data-testid="queue-customer"]').textContent(), 'web-qods');

  // The alert: the customer beside the list entity, and the explanation.
  await row.locator('[data-testid="queue-open"]').click();
  await page.locator(`[data-testid="alert-head"][data-alert-id="${qods.id}"]`).waitFor();
  assert.equal(await byTestId(page, 'customer-name').textContent(), 'Qods Aviation Industries');
  assert.equal(await byTestId(page, 'customer-countries').textContent(), 'IR');
  const entity = page.locator('[data-testid="entity-detail"][data-entity-id="ofac-sdn:16418"]');
  await entity.waitFor();
  assert.match(await entity.locator('[data-testid="entity-name"]').textContent(), /QODS AVIATION INDUSTRIES/);
  const cust = await byTestId(page, 'alert-customer').boundingBox();
  const ent = await entity.boundingBox();
  assert.ok(cust.x + cust.width <= ent.x + 1 && Math.abs(cust.y - ent.y) < 5, 'side by side: ' + JSON.stringify([cust, ent]));
  const x = byTestId(page, 'explanation');
  assert.ok(await x.locator('[data-testid="alignment-row"]').count() >= 2);
  assert.match(await x.locator('[data-testid="align-query"]').first().textContent(), /qods|aviation|industries/);
  assert.match(await byTestId(page, 'alert-reason').textContent(), /new customer/);

  // Alice decides false positive: pending review, waiting for someone else.
  await byTestId(page, 'decide-decision').selectOption('false-positive');
  await byTestId(page, 'decide-reason').fill('Different party: a test register entry');
  await byTestId(page, 'decide-submit').click();
  await statusIs(page, 'pending review');
  assert.equal(await byTestId(page, 'first-reviewer').textContent(), 'alice');
  assert.match(await byTestId(page, 'four-eyes').textContent(), /false-positive by alice.*different reviewer/);
  // She cannot confirm it herself.
  await byTestId(page, 'decide-reason').fill('Confirming my own decision');
  await byTestId(page, 'decide-submit').click();
  await page.waitForFunction(() => /different reviewer/.test(document.querySelector('[data-testid="decide-error"]').textContent));
  await statusIs(page, 'pending review');

  // Bob, with his own key, confirms it: closed as a false positive.
  await byTestId(page, 'api-key-change').click();
  await enterKey(page, BOB_KEY);
  await page.locator(`[data-testid="alert-head"][data-alert-id="${qods.id}"]`).waitFor();
  await statusIs(page, 'pending review');
  assert.equal(await byTestId(page, 'decide-decision').inputValue(), 'false-positive');
  await byTestId(page, 'decide-reason').fill('Confirmed: different party');
  await byTestId(page, 'decide-submit').click();
  await statusIs(page, 'false positive');
  await byTestId(page, 'alert-closed').waitFor();
  assert.equal(await byTestId(page, 'decide-form').count(), 0);
  const by = await byTestId(page, 'decisions-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.children[3].textContent));
  assert.deepEqual(by, ['alice', 'bob']);
  // It left the open queue, and the false-positive filter lists it.
  await page.waitForFunction((id) => !document.querySelector(`[data-testid="queue-row"][data-alert-id="${id}"]`), qods.id);
  await byTestId(page, 'alerts-status').selectOption('false_positive');
  await page.locator(`[data-testid="queue-row"][data-alert-id="${qods.id}"][data-status="false_positive"]`).waitFor();
  assert.match(decodeURIComponent(page.url()), new RegExp(`view=alerts&status=false_positive&alert=${qods.id}`));

  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, 'alert-review.png');
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  console.log(`screenshot: ${file} (${JSON.stringify(pngSize(file))})`);

  // The server agrees: closed by two different reviewers, the keys' names.
  const stored = await apiJson(MON, '/alerts/' + qods.id, { 'X-API-Key': BOB_KEY });
  assert.equal(stored.status, 'false_positive');
  assert.deepEqual(stored.decisions.map((d) => [d.by, d.outcome]), [['alice', 'pending_review'], ['bob', 'false_positive']]);
  assert.deepEqual(problems, []);
});

test('ownership: a company captured through its owners shows the rule and the path; the lists view counts the ownership data', { skip: !OWN && 'CORDON_OWNERSHIP_URL not set' }, async (t) => {
  const lists = await apiJson(OWN, '/lists');
  assert.ok(lists.ownership, '/lists reports the ownership data');
  assert.equal(lists.ownership.interests, 4);
  const { page, problems } = await openPage(t, OWN + '/');
  await byTestId(page, 'ownership-summary').waitFor();
  assert.match(await byTestId(page, 'ownership-summary').textContent(), /4 interests/);
  await searchFor(page, 'Volga Composites');

  const row = page.locator('[data-testid="result-row"][data-entity-id="ownership:volga"]');
  assert.equal(await row.getAttribute('data-match'), 'true');
  const line = row.locator('[data-testid="result-ownership"]');
  assert.equal(await line.getAttribute('data-verdict'), 'captured');
  assert.match(await line.textContent(), /through Kama Drone Parts LLC \(100%\)/);

  await row.locator('[data-testid="result-open"]').click();
  const own = byTestId(page, 'ownership');
  await own.waitFor();
  assert.equal(await own.locator('[data-testid="ownership-verdict"]').textContent(), 'captured');
  const ofac = own.locator('[data-testid="ownership-finding"][data-rule="ofac-50"]');
  assert.equal(await ofac.getAttribute('data-verdict'), 'captured');
  const pathText = await ofac.locator('[data-testid="ownership-path"]').textContent();
  assert.match(pathText, /55% held by blocked parties/);
  assert.match(pathText, /ofac-sdn:16418/);
  assert.match(pathText, /ofac-sdn:45713/);
  assert.match(pathText, /through Kama Drone Parts LLC \(100%\)/);
  assert.match(await byTestId(page, 'explanation-summary').textContent(), /^OFAC 50 Percent Rule: 55% held/);

  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'ownership.png'), fullPage: true, animations: 'disabled', caret: 'hide' });
  assert.deepEqual(problems, []);
});
