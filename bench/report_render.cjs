// Times how long headless Chromium takes to render a report.html, for
// run_report_bench.sh. Uses playwright-core from the build tree (NODE_PATH) with the
// system Chromium and the flags of tests/browser/browser.cjs.
//
//   NODE_PATH=build/web/node_modules node bench/report_render.cjs REPORT.html [RUNS]
//
// Each run is a fresh browser (launched before the clock starts) and a fresh page, a
// 1400 x 1000 viewport like the browser tests. The time of one run is the page's own
// performance.now() (milliseconds since navigation start) once the first frame after
// report.js sets body[data-ready="true"] has been produced (a task queued from that
// frame's requestAnimationFrame callback, so after its style, layout and paint);
// report.js sets the attribute once the whole page is built and every map layer has
// been added to the map and drawn. An init script
// watches for that attribute with a MutationObserver, so no polling delay is counted.
// The run is checked: the map must hold one grid layer per grid of the data, one
// marker per station with a position, and every grid must be drawn (as an SVG path
// or on a canvas renderer); a page error, a console error or a request that is not
// the page's own file fails the run. Prints one JSON line per run and a summary line:
//   {"run":1,"ready_ms":..,"painted_ms":..,"load_event_ms":..,"wall_ms":..,"grids":..,"stations":..,"renderer":"svg"}
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');
const { pathToFileURL } = require('url');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const INIT = `(() => {
  window.__spBench = {};
  const done = () => {
    window.__spBench.ready_ms = performance.now();
    // The frame after ready: style, layout and paint run after rAF callbacks, so a task
    // queued from the callback runs once that frame has been produced.
    requestAnimationFrame(() => setTimeout(() => { window.__spBench.painted_ms = performance.now(); }, 0));
  };
  const watch = () => {
    const obs = new MutationObserver(() => {
      if (document.body.getAttribute('data-ready') === 'true') { obs.disconnect(); done(); }
    });
    obs.observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
  };
  if (document.body) watch();
  else new MutationObserver((_, o) => { if (document.body) { o.disconnect(); watch(); } })
    .observe(document.documentElement || document, { childList: true, subtree: true });
})();`;

async function once(file, run) {
  const browser = await chromium.launch({
    executablePath: process.env.STATIONPLAN_CHROMIUM || '/usr/bin/chromium', args: FLAGS, timeout: 120000 });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const errors = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      errors.push('request ' + url);
      return route.abort();
    });
    await context.addInitScript(INIT);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
    const t0 = Date.now();
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load', timeout: 300000 });
    await page.waitForFunction(() => window.__spBench && window.__spBench.painted_ms !== undefined, null,
      { timeout: 300000, polling: 50 });
    const wall = Date.now() - t0;
    const r = await page.evaluate(() => {
      const view = window.stationplan.view;
      const D = window.stationplan.data;
      const map = view.map;
      let gridLayers = 0, gridDrawn = 0, renderer = 'svg';
      map.eachLayer((l) => {
        if (l.feature && l.options && /sp-grid/.test(l.options.className || '')) {
          gridLayers++;
          if (l._path || (l._renderer && l._renderer._ctx && l._parts && l._parts.length)) gridDrawn++;
          if (l._renderer && l._renderer._ctx) renderer = 'canvas';
        }
      });
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        ready_ms: window.__spBench.ready_ms, painted_ms: window.__spBench.painted_ms,
        load_event_ms: nav ? nav.loadEventEnd : null,
        grids: gridLayers, grids_drawn: gridDrawn, grids_expected: D.layers.grids.features.length,
        stations: Object.keys(view.markers).length,
        stations_expected: D.layers.stations.features.filter((f) => f.geometry).length,
        renderer,
      };
    });
    if (r.grids !== r.grids_expected || r.grids_drawn !== r.grids_expected) errors.push(`grids: ${r.grids} layers, ${r.grids_drawn} drawn, expected ${r.grids_expected}`);
    if (r.stations !== r.stations_expected) errors.push(`stations: ${r.stations} markers, expected ${r.stations_expected}`);
    if (errors.length) throw new Error(errors.join('; '));
    return Object.assign({ run, wall_ms: wall }, r);
  } finally {
    await browser.close();
  }
}

function median(v) {
  const s = v.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

(async () => {
  const file = process.argv[2];
  const runs = Number(process.argv[3] || 3);
  if (!file || !(runs >= 1)) {
    console.error('usage: report_render.cjs REPORT.html [RUNS]');
    process.exit(2);
  }
  const results = [];
  for (let i = 1; i <= runs; i++) {
    const r = await once(file, i);
    for (const k of ['ready_ms', 'painted_ms', 'load_event_ms']) if (r[k] !== null) r[k] = Math.round(r[k]);
    console.log(JSON.stringify(r));
    results.push(r);
  }
  console.log(JSON.stringify({ median_painted_ms: median(results.map((r) => r.painted_ms)),
    median_ready_ms: median(results.map((r) => r.ready_ms)), median_wall_ms: median(results.map((r) => r.wall_ms)) }));
})().catch((e) => { console.error('report_render.cjs: ' + (e && e.stack || e)); process.exit(1); });
