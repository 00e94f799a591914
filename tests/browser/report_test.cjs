// Opens report.html in headless Chromium and checks what a reader sees:
//   node report_test.cjs STATIONPLAN SCENARIO OUT_DIR zh|en [--redact] [--pdf]
// Runs `stationplan report` first. Checks: no network request, no console error;
// every figure and rule outcome equals summary.json; the map draws every grid,
// street and station and lists its layers; clicking a station shows its load and
// its deputies (as many as its load); clicking a grid shows its covered share; the
// UI speaks the asked language; with --pdf, report.pdf is a real PDF of the report.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromiumOrSkip, openPage, Checks, checkClean, clickFeature } = require('./browser.cjs');

const [bin, scenario, outDir, lang, ...flags] = process.argv.slice(2);
const redact = flags.includes('--redact');
const withPdf = flags.includes('--pdf');

function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  const header = rows.shift();
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

function at(obj, key) { return key.split('.').reduce((o, k) => (o === undefined ? undefined : o[k]), obj); }

(async () => {
  chromiumOrSkip();  // before any work: no Chromium is a skip, not a failure
  const c = new Checks(`report ${path.basename(scenario)} ${lang}${redact ? ' redacted' : ''}`);
  fs.rmSync(outDir, { recursive: true, force: true });
  const args = ['report', scenario, '--out', outDir, '--lang', lang];
  if (redact) args.push('--redact');
  if (!withPdf) args.push('--no-pdf');
  try {
    execFileSync(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (e) {
    c.ok(e.status === 1, `stationplan report exit status ${e.status} (0 or 1 expected)`);
  }
  const html = path.join(outDir, 'report.html');
  const summary = JSON.parse(fs.readFileSync(path.join(outDir, 'summary.json'), 'utf8'));
  const stations = parseCsv(fs.readFileSync(path.join(outDir, 'stations.csv'), 'utf8'));
  const grids = parseCsv(fs.readFileSync(path.join(outDir, 'grids.csv'), 'utf8'));

  const { browser, page, problems } = await openPage(html);
  try {
    // Language.
    c.eq(await page.getAttribute('html', 'lang'), lang === 'zh' ? 'zh-CN' : 'en', 'html lang');
    c.eq(await page.textContent('#figures h2'), lang === 'zh' ? '关键数据' : 'Key figures', 'figures heading');
    c.eq(await page.textContent('#rules h2'), lang === 'zh' ? '规则检查' : 'Rule checklist', 'rules heading');
    c.eq(await page.textContent('#tables h2'), lang === 'zh' ? '明细表' : 'Tables', 'tables heading');

    // Every figure equals summary.json, as data and as shown.
    const figures = await page.$$eval('[data-figure]', (els) => els.map((e) => ({
      key: e.dataset.figure, value: e.dataset.value, shown: e.querySelector('.sp-figure-value').textContent })));
    c.eq(figures.length, 13, 'number of figures');
    const nf = new Intl.NumberFormat(lang === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 });
    for (const f of figures) {
      const expected = at(summary, f.key);
      c.ok(expected !== undefined, `figure ${f.key} is in summary.json`);
      c.eq(Number(f.value), expected, `figure ${f.key}`);
      const shown = f.key === 'coverage_ratio' ? (expected * 100).toFixed(1) + '%' : nf.format(expected);
      c.eq(f.shown, shown, `figure ${f.key} as shown`);
    }
    // Rules: holds / fails and counts as in summary.json.
    const rules = await page.$$eval('tr[data-rule]', (els) => els.map((e) => ({
      id: e.dataset.rule, holds: e.dataset.holds === 'true', count: Number(e.dataset.count), text: e.children[2].textContent })));
    c.eq(rules.map((r) => r.id), summary.rules.map((r) => r.id), 'rule ids');
    for (const r of summary.rules) {
      const shown = rules.find((x) => x.id === r.id) || {};
      c.eq(shown.holds, r.holds, `rule ${r.id} holds`);
      c.eq(shown.count, r.violation_count, `rule ${r.id} violation count`);
      const word = r.holds ? (lang === 'zh' ? '满足' : 'holds') : (lang === 'zh' ? '不满足' : 'fails');
      c.ok((shown.text || '').endsWith(word), `rule ${r.id} reads "${word}" (got "${shown.text}")`);
    }

    // The map: every grid, street and station drawn; the layer switcher lists the layers.
    c.eq(await page.locator('#map path.sp-grid').count(), summary.grids, 'grids drawn');
    c.eq(await page.locator('#map path.sp-street').count(), summary.streets, 'streets drawn');
    c.eq(await page.locator('#map path.sp-community').count(), summary.communities, 'communities drawn');
    c.eq(await page.locator('#map path.sp-station').count(), summary.stations, 'stations drawn');
    c.ok(await page.locator('#map path.sp-district').count() >= 1, 'district drawn');
    const counted = stations.filter((s) => s.counted === 'true').length;
    c.eq(await page.locator('#map path.sp-radius').count(), counted, 'radius circles of counted stations');
    const uncovered = summary.deputies.used - summary.deputies.covered;
    c.eq(await page.locator('#map path.sp-uncovered').count(), redact ? 0 : uncovered, 'uncovered deputies drawn');
    const suggestions = JSON.parse(fs.readFileSync(path.join(outDir, 'suggestions.json'), 'utf8'));
    c.eq(await page.locator('#map path.sp-suggestion').count(), suggestions.sites.length, 'suggested stations drawn');
    const layerNames = await page.$$eval('.leaflet-control-layers-overlays label', (els) => els.map((e) => e.textContent.trim()));
    c.eq(layerNames.length, redact ? 9 : 10, 'layers in the switcher');
    c.ok(layerNames.includes(lang === 'zh' ? '社区联络站' : 'Community stations'), 'community stations layer listed');
    // The switcher works: unticking the grids removes them from the map.
    const gridLabel = page.locator('.leaflet-control-layers-overlays label', { hasText: lang === 'zh' ? '网格' : 'Grids' });
    await gridLabel.locator('input').uncheck();
    c.eq(await page.locator('#map path.sp-grid').count(), 0, 'grids hidden by the switcher');
    await gridLabel.locator('input').check();
    c.eq(await page.locator('#map path.sp-grid').count(), summary.grids, 'grids shown again');

    // Click the community station with the highest load: its popup shows its load and deputies.
    const busiest = stations.filter((s) => s.kind === 'community').sort((a, b) => Number(b.load) - Number(a.load) || a.station_id.localeCompare(b.station_id))[0];
    const clicked = await clickFeature(page, 'window.stationplan.view.map',
      `window.stationplan.view.markers[${JSON.stringify(busiest.station_id)}]`, '.sp-station-popup');
    c.ok(clicked, `station ${busiest.station_id} found on the map`);
    if (clicked) {
      const popup = await page.$eval('.sp-station-popup', (e) => ({ id: e.dataset.station, load: e.dataset.load, text: e.textContent,
        deputies: e.querySelectorAll('.sp-deputy-list li').length })).catch(() => ({}));
      c.eq(popup.id, busiest.station_id, 'clicked station popup');
      c.eq(popup.load, busiest.load, 'station load in popup');
      c.ok((popup.text || '').includes((lang === 'zh' ? '联系代表数' : 'Load') + busiest.load), `popup reads the load (${popup.text})`);
      c.eq(popup.deputies, Number(busiest.load), 'deputies listed in the popup');
      // Names are text: markup in a station's name shows as written.
      c.ok((popup.text || '').includes(busiest.name), `popup shows the name as text (${busiest.name})`);
      c.eq(await page.locator('.sp-station-popup img, .sp-station-popup b').count(), 0, 'no markup from data in the popup');
    }
    await page.evaluate(() => window.stationplan.view.map.closePopup());
    // Click the least covered grid: its popup shows the covered share.
    const worst = grids.slice().sort((a, b) => Number(a.covered_ratio) - Number(b.covered_ratio) || a.grid_id.localeCompare(b.grid_id))[0];
    const gridClicked = await clickFeature(page, 'window.stationplan.view.map',
      `(() => { let found; window.stationplan.view.map.eachLayer((l) => { if (l.feature && l.feature.properties.id === ${JSON.stringify(worst.grid_id)} && l._path && l._path.classList.contains('sp-grid')) found = l; }); return found; })()`, '.sp-grid-popup');
    c.ok(gridClicked, `grid ${worst.grid_id} found on the map`);
    if (gridClicked) {
      const popup = await page.$eval('.sp-grid-popup', (e) => ({ id: e.dataset.grid, ratio: Number(e.dataset.coveredRatio), text: e.textContent })).catch(() => ({}));
      c.eq(popup.id, worst.grid_id, 'clicked grid popup');
      c.ok(Math.abs(popup.ratio - Number(worst.covered_ratio)) <= 1e-6, `grid covered share ${popup.ratio} = ${worst.covered_ratio}`);
      c.ok((popup.text || '').includes((Number(worst.covered_ratio) * 100).toFixed(1) + '%'), 'popup reads the covered share');
    }

    // Tables: one row per street, per community station, per uncovered deputy (up to 500).
    c.eq(Number(await page.getAttribute('#t-streets', 'data-rows')), summary.streets, 'street table rows');
    c.eq(Number(await page.getAttribute('#t-loads', 'data-rows')), summary.stations_by_kind.community, 'station load rows');
    if (uncovered) c.eq(Number(await page.getAttribute('#t-uncovered', 'data-rows')), uncovered, 'uncovered deputy rows');
    const below = grids.filter((g) => g.covered === 'false').length;
    if (below) c.eq(Number(await page.getAttribute('#t-grids', 'data-rows')), below, 'grids below full coverage rows');
    if (suggestions.sites.length) c.eq(Number(await page.getAttribute('#t-suggestions', 'data-rows')), suggestions.sites.length, 'suggestion rows');

    const rebalance = JSON.parse(fs.readFileSync(path.join(outDir, 'rebalance.json'), 'utf8'));
    c.eq(await page.$$eval('#l-remaining li', (lis) => lis.map((l) => l.textContent)), rebalance.remaining, 'what regrouping cannot fix');
    const assignment = parseCsv(fs.readFileSync(path.join(outDir, 'assignment.csv'), 'utf8')).filter((r) => r.changed === 'true');
    if (assignment.length) c.eq(Number(await page.getAttribute('#t-reassignments', 'data-rows')), assignment.length, 'reassignment rows');

    // Print styles exist: the layer switcher is hidden in print.
    await page.emulateMedia({ media: 'print' });
    c.eq(await page.$eval('.leaflet-control-layers', (e) => getComputedStyle(e).display), 'none', 'switcher hidden in print');
    await page.emulateMedia({ media: 'screen' });

    checkClean(c, problems, html);
  } finally {
    await browser.close();
  }

  if (withPdf) {
    const pdf = path.join(outDir, 'report.pdf');
    const bytes = fs.readFileSync(pdf);
    c.eq(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'report.pdf header');
    c.ok(bytes.length > 100000, `report.pdf size ${bytes.length} > 100 kB`);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number((/Pages:\s+(\d+)/.exec(info) || [])[1]);
    c.ok(pages >= 3, `report.pdf has ${pages} pages (>= 3)`);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    c.ok(text.includes(lang === 'zh' ? '关键数据' : 'Key figures'), 'report.pdf holds the report text');
    c.ok(text.includes(lang === 'zh' ? '社区联络站负荷' : 'Community station loads'), 'report.pdf holds the tables');
  }
  c.finish();
})().catch((e) => { console.error(e); process.exitCode = 1; });
