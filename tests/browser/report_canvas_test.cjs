// A city too large for SVG: the report's map is drawn on canvas and still works.
//   node report_canvas_test.cjs STATIONPLAN MAKE_BENCH_DISTRICT OUT_DIR
// Writes a seeded synthetic city (16 streets, 1,600 grids, 256 communities, 1,500
// stations, 3,000 deputies: over report.js's 4,000-feature threshold), runs
// `stationplan report --no-pdf --no-rebalance` on it and checks in headless
// Chromium: no request, no console error; the map draws on canvas (no SVG grid or
// station element) and holds one layer per grid and one marker per station; a real
// mouse click on the busiest community station's pixel opens its popup with its
// load and as many deputies as its load; the load table shows 500 rows and counts
// every community station.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromiumOrSkip, openPage, Checks, checkClean } = require('./browser.cjs');

const [bin, generator, outDir] = process.argv.slice(2);

(async () => {
  chromiumOrSkip();  // before any work: no Chromium is a skip, not a failure
  const c = new Checks('report on canvas');
  fs.rmSync(outDir, { recursive: true, force: true });
  const city = path.join(outDir, 'city');
  execFileSync(generator, ['--out', city, '--deputies', '3000', '--stations', '1500', '--side-km', '20',
    '--streets-per-side', '4', '--communities-per-street-side', '4', '--grids-per-street-side', '10', '--seed', '7'],
  { stdio: ['ignore', 'ignore', 'inherit'] });
  const out = path.join(outDir, 'result');
  try {
    execFileSync(bin, ['report', path.join(city, 'bench.toml'), '--out', out, '--lang', 'en', '--no-pdf', '--no-rebalance',
      '--time-limit', '10', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (e) {
    c.ok(e.status === 1, `stationplan report exit status ${e.status} (0 or 1 expected)`);
  }
  const html = path.join(out, 'report.html');
  const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
  c.eq([summary.grids, summary.stations], [1600, 1500], 'city size');

  const { browser, page, problems } = await openPage(html);
  try {
    const map = await page.evaluate(() => {
      const v = window.stationplan.view;
      let grids = 0, canvasGrids = 0;
      v.map.eachLayer((l) => {
        if (l.feature && l.feature.properties && /-G\d+$/.test(l.feature.properties.id || '')) {
          grids++;
          if (l._renderer && l._renderer._ctx) canvasGrids++;
        }
      });
      return { grids, canvasGrids, markers: Object.keys(v.markers).length,
        canvases: document.querySelectorAll('#map canvas').length, paths: document.querySelectorAll('#map path').length };
    });
    c.eq(map.grids, summary.grids, 'grid layers on the map');
    c.eq(map.canvasGrids, summary.grids, 'grids drawn on canvas');
    c.eq(map.markers, summary.stations, 'station markers');
    c.ok(map.canvases >= 2, `canvases for the area and point panes (${map.canvases})`);
    c.eq(map.paths, 0, 'no SVG path on the map');

    // A real click on the busiest community station's pixel (canvas hit detection).
    const busiest = await page.evaluate(() => {
      const loads = window.stationplan.data.community_stations.slice();
      loads.sort((a, b) => b.load - a.load || (a.id < b.id ? -1 : 1));
      return loads[0];
    });
    const point = await page.evaluate((id) => {
      const v = window.stationplan.view;
      const m = v.markers[id];
      v.map.getContainer().scrollIntoView({ block: 'center' });
      v.map.setView(m.getLatLng(), 18, { animate: false });
      const p = v.map.latLngToContainerPoint(m.getLatLng());
      const box = v.map.getContainer().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, busiest.id);
    await page.mouse.click(point.x, point.y);
    const opened = await page.waitForSelector('.sp-station-popup', { timeout: 5000 }).then(() => true, () => false);
    c.ok(opened, `clicking station ${busiest.id} opens its popup`);
    if (opened) {
      const popup = await page.$eval('.sp-station-popup', (e) => ({ id: e.dataset.station, load: Number(e.dataset.load),
        deputies: e.querySelectorAll('.sp-deputy-list li').length }));
      c.eq(popup, { id: busiest.id, load: busiest.load, deputies: busiest.load }, 'station popup');
    }
    c.eq(Number(await page.getAttribute('#t-loads', 'data-rows')), summary.stations_by_kind.community, 'load table counts every community station');
    c.eq(await page.locator('#t-loads tbody tr').count(), 500, 'load table rows shown');
    checkClean(c, problems, html);
  } finally {
    await browser.close();
  }
  c.finish();
})().catch((e) => { console.error(e); process.exit(1); });
