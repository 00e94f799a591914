// Shared by the browser tests: headless Debian Chromium driven by playwright-core
// (never a downloaded browser), with every request that is not the page's own
// file:// or a data: URL refused and recorded, and console errors recorded.
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');
const { pathToFileURL } = require('url');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

// No Chromium: a skip (exit 77, ctest's SKIP_RETURN_CODE) with the reason, or a
// failure where skips are not allowed (STATIONPLAN_NO_SKIP=1, set by CI).
function chromiumOrSkip() {
  const exe = process.env.STATIONPLAN_CHROMIUM || '/usr/bin/chromium';
  if (!require('fs').existsSync(exe)) {
    const why = `needs Chromium at ${exe} (package chromium, or set STATIONPLAN_CHROMIUM)`;
    if (process.env.STATIONPLAN_NO_SKIP === '1') {
      console.error(`cannot run, and skips are not allowed here (STATIONPLAN_NO_SKIP=1): ${why}`);
      process.exit(1);
    }
    console.error(`skipped: ${why}`);
    process.exit(77);
  }
  return exe;
}

async function openPage(htmlFile, viewport) {
  const browser = await chromium.launch({
    executablePath: chromiumOrSkip(),
    args: FLAGS,
    timeout: 120000,
  });
  const context = await browser.newContext({ viewport: viewport || { width: 1400, height: 1000 } });
  const problems = { requests: [], console: [], pageErrors: [], fileRequests: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:')) return route.continue();
    if (url.startsWith('file:')) {
      problems.fileRequests.push(url);
      return route.continue();
    }
    problems.requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.console.push(msg.type() + ': ' + msg.text()); });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !problems.requests.includes(url)) problems.requests.push(url);
  });
  await page.goto(pathToFileURL(path.resolve(htmlFile)).href, { waitUntil: 'load', timeout: 60000 });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { browser, page, problems };
}

// A tiny assertion collector: every failure is listed, the exit status is 1 if any.
class Checks {
  constructor(name) { this.name = name; this.failures = []; this.passed = 0; }
  ok(cond, what) { if (cond) this.passed++; else this.failures.push(what); }
  eq(actual, expected, what) {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    this.ok(a === e, `${what}: got ${a}, expected ${e}`);
  }
  finish() {
    for (const f of this.failures) console.error(`FAIL ${this.name}: ${f}`);
    console.log(`${this.name}: ${this.passed} checks passed, ${this.failures.length} failed`);
    process.exitCode = this.failures.length ? 1 : 0;
  }
}

// No request left the page, nothing went wrong in the console, and the only file
// the page asked for is itself.
function checkClean(c, problems, htmlFile) {
  c.eq(problems.requests, [], 'network requests');
  c.eq(problems.console, [], 'console errors and warnings');
  c.eq(problems.pageErrors, [], 'page errors');
  c.eq(problems.fileRequests, [pathToFileURL(path.resolve(htmlFile)).href], 'files requested');
}

// Clicks a map feature for real: zooms the map to it, then finds a pixel whose
// topmost element is the feature's own SVG path (or marker) and clicks it; waits for
// `popupSelector`. A popup's auto-pan can still be moving the map on a slow machine,
// so a click that opened no popup is tried again (three times at most).
async function clickFeature(page, mapExpr, layerExpr, popupSelector) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const point = await page.evaluate(({ mapExpr, layerExpr }) => {
      const map = eval(mapExpr);
      const layer = eval(layerExpr);
      map.stop();
      map.closePopup();
      map.getContainer().scrollIntoView({ block: 'center' });
      if (layer.getBounds) map.fitBounds(layer.getBounds(), { animate: false, maxZoom: 17 });
      else map.setView(layer.getLatLng(), 17, { animate: false });
      const target = layer._path;
      const box = map.getContainer().getBoundingClientRect();
      for (let step = 24; step >= 3; step = Math.floor(step / 2)) {
        for (let y = box.top + step; y < box.bottom - step; y += step) {
          for (let x = box.left + step; x < box.right - step; x += step) {
            if (document.elementFromPoint(x, y) === target) return { x, y };
          }
        }
      }
      return null;
    }, { mapExpr, layerExpr });
    if (!point) return false;
    await page.mouse.click(point.x, point.y);
    const opened = await page.waitForSelector(popupSelector, { timeout: 5000 }).then(() => true, () => false);
    if (opened) return true;
  }
  return false;
}

module.exports = { chromiumOrSkip, openPage, Checks, checkClean, clickFeature };
