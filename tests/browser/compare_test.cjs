// Opens the comparison view of the fixture (tests/data/compare/compare.json, written
// by the unit test CompareHtml.RendersTheFixture) in headless Chromium:
//   node compare_test.cjs DIR compare.json
// Checks: no network request or console error; every figure and rule before/after
// equals the fixture; the station, deputy and grid tables list exactly the fixture's
// entries; both maps draw their stations (5 before, 6 after); zh and en both render.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromiumOrSkip, openPage, Checks, checkClean } = require('./browser.cjs');

const [dir, fixtureFile] = process.argv.slice(2);
const fixture = JSON.parse(fs.readFileSync(fixtureFile, 'utf8'));

async function checkPage(file, lang, redact) {
  const c = new Checks(`compare ${lang}${redact ? ' redacted' : ''}`);
  const { browser, page, problems } = await openPage(file);
  try {
    c.eq(await page.getAttribute('html', 'lang'), lang === 'zh' ? 'zh-CN' : 'en', 'html lang');
    c.eq(await page.textContent('#rules h2'), lang === 'zh' ? '规则结果对比' : 'Rules before and after', 'rules heading');
    c.eq(await page.locator('.sp-redacted').count(), redact ? 1 : 0, 'redaction notice');
    const figures = await page.$$eval('tr[data-figure]', (els) => els.map((e) => ({
      key: e.dataset.figure, before: Number(e.dataset.before), after: Number(e.dataset.after), change: Number(e.dataset.change) })));
    c.eq(figures, fixture.figures, 'figures before, after and change');
    const stationsRow = await page.$eval('tr[data-figure="stations"]', (e) => Array.from(e.children).map((td) => td.textContent));
    c.eq(stationsRow.slice(1), ['5', '6', '+1'], 'stations figure as shown');
    const rules = await page.$$eval('tr[data-rule]', (els) => els.map((e) => ({
      id: e.dataset.rule, before: e.dataset.beforeHolds === 'true', after: e.dataset.afterHolds === 'true', text: e.children[3].textContent })));
    c.eq(rules.map((r) => [r.id, r.before, r.after]), fixture.rules.map((r) => [r.id, r.before_holds, r.after_holds]), 'rules');
    const r3 = rules.find((r) => r.id === 'R3') || {};
    c.eq(r3.text, (lang === 'zh' ? '✗ 不满足' : '✗ fails') + ' (1)', 'R3 after as shown');
    const rows = async (id) => (await page.locator(`#${id}`).count()) ? Number(await page.getAttribute(`#${id}`, 'data-rows')) : 0;
    c.eq(await rows('t-added'), 1, 'stations added');
    c.eq(await rows('t-closed'), 0, 'stations closed');
    c.eq(await rows('t-moved'), 1, 'stations moved');
    c.eq(await rows('t-merged'), 0, 'stations merged');
    c.eq(await page.$$eval('#t-added tbody td', (tds) => tds.map((t) => t.textContent)),
      ['C3', 'C3站', lang === 'zh' ? '社区联络站' : 'community station', '113.713712', '34.794208'], 'added station');
    c.eq(await page.$$eval('#t-added thead th', (ths) => ths.map((t) => t.textContent).slice(3)),
      lang === 'zh' ? ['经度', '纬度'] : ['Longitude', 'Latitude'], 'lon/lat headings');
    c.eq(await page.$$eval('#t-moved tbody td', (tds) => tds.map((t) => t.textContent)),
      ['C2', 'C2站', '113.677699, 34.7824', '113.680977, 34.782409', '300'], 'moved station');
    c.eq(await page.$$eval('#t-deputies tbody td', (tds) => tds.map((t) => t.textContent)),
      ['d6', 'C1', 'C3', lang === 'zh' ? '1,664.33' : '1,664.33', '141.42'], 'deputy changing station');
    c.eq(await rows('t-grids-gaining'), 2, 'grids gaining');
    c.eq(await page.$$eval('#t-grids-gaining tbody tr:first-child td', (tds) => tds.map((t) => t.textContent)),
      ['G1', '84.4%', '85.8%'], 'grid G1 before and after');
    c.eq(await rows('t-grids-losing'), 0, 'grids losing');
    c.eq(await rows('t-communities-gaining'), 0, 'communities gaining');
    // Two maps, before and after, each drawing its own stations and grids.
    c.eq(await page.locator('#map-before path.sp-station').count(), 5, 'stations on the map before');
    c.eq(await page.locator('#map-after path.sp-station').count(), 6, 'stations on the map after');
    c.eq(await page.locator('#map-before path.sp-grid').count(), 2, 'grids on the map before');
    c.eq(await page.locator('#map-after path.sp-grid').count(), 2, 'grids on the map after');
    checkClean(c, problems, file);
  } finally {
    await browser.close();
  }
  c.finish();
  return c.failures.length;
}

(async () => {
  chromiumOrSkip();  // before any work: no Chromium is a skip, not a failure
  let failed = await checkPage(path.join(dir, 'compare.html'), 'zh', false);
  failed += await checkPage(path.join(dir, 'compare-en.html'), 'en', true);
  process.exitCode = failed ? 1 : 0;
})().catch((e) => { console.error(e); process.exitCode = 1; });
