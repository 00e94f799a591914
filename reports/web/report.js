// stationplan's report page: renders the data block (#sp-data) written by
// src/report/ into figures, the rule checklist, a Leaflet map and tables, in
// Chinese or English. Also renders the before/after comparison view. Runs offline;
// it asks for nothing over any network (the page's Content-Security-Policy forbids it).
(function () {
  'use strict';

  var TEXT = {
    zh: {
      report: '人大代表联络站覆盖报告',
      compare: '联络站调整前后对比',
      scenario: '方案', crs: '工作坐标系', radius: '服务半径', metres: '米',
      figures: '关键数据', rules: '规则检查', map: '地图', tables: '明细表',
      'deputies.total': '代表记录总数', 'deputies.used': '有效代表', 'deputies.covered': '千米内有站点的代表',
      'deputies.rejected': '无法使用的记录', coverage_ratio: '覆盖率', streets: '街道', communities: '社区',
      grids: '网格', stations: '联络站', 'stations_by_kind.street': '街道联络站',
      'stations_by_kind.community': '社区联络站', 'stations_by_kind.industry': '行业联络站', rejects: '被拒记录',
      rule: '规则', outcome: '结果', count: '违规数', holds: '满足', fails: '不满足', details: '明细',
      R1: '每位代表一千米内有计数站点（驻区人大代表不出千米找到站点）',
      R2: '每个社区有代表地址或站点（选民不出社区找到代表）',
      R3: '每个社区联络站联系 3–5 名代表；每位代表分配到社区联络站',
      R4: '每个网格在站点半径内并有联络人',
      R5: '每个街道恰有一个街道联络站，且位于街道内',
      R6: '有行业的代表分配到该行业联络站',
      R7: '社区、网格位于所属街道内，无缝隙重叠；站点与代表在区内；无未知站点引用',
      layers: '图层', district: '区界', street_layer: '街道', community_layer: '社区', grid_layer: '网格（按覆盖比例着色）',
      radius_layer: '站点服务半径', station_street: '街道联络站', station_community: '社区联络站',
      station_industry: '行业联络站', uncovered_layer: '未覆盖代表', suggested_layer: '建议新增站点',
      kind_street: '街道联络站', kind_community: '社区联络站', kind_industry: '行业联络站',
      load: '联系代表数', capacity: '容量', deputies: '代表', deputy: '代表', none: '无',
      covered_share: '覆盖比例', uncovered_deputies: '未覆盖代表', liaison: '联络人', yes: '有', no: '无',
      per_street: '各街道情况', community_loads: '社区联络站负荷', uncovered_table: '一千米内无站点的代表', walking_table: '步行与直线距离结论不同的代表', nearest_walk_station: '步行最近站点', walk_m: '步行距离（米）', covered_straight: '直线距离内覆盖', covered_walking: '步行距离内覆盖',
      grids_below: '未完全覆盖的网格', suggestions: '建议新增站点及理由', reassignments: '代表调整',
      station_changes: '站点调整',
      id: '编号', name: '名称', street: '街道', community: '社区', grid: '网格',
      street_stations: '街道站', community_stations: '社区站', industry_stations: '行业站',
      covered_deputies: '已覆盖代表', coverage: '覆盖率', within_capacity: '在容量内',
      nearest_station: '最近站点', distance_m: '距离（米）', uncovered_area: '未覆盖面积（平方米）',
      rank: '序号', site: '候选点', origin: '来源', new_deputies: '新覆盖代表', only_here: '仅此点覆盖',
      runner_up: '次优候选点', lost_by: '少覆盖', at_0_9: '0.9 倍半径', at_1_1: '1.1 倍半径',
      grid_area: '新覆盖网格面积（平方米）',
      old_station: '原站点', new_station: '新站点', old_distance: '原距离（米）', new_distance: '新距离（米）',
      within_radius: '半径内', kind: '类型', to_site: '迁至', load_before: '调整前', load_after: '调整后', reason: '原因',
      suggest_summary: '按最少站点模型（LSCP），新增 {n} 个站点后，千米内有站点的代表由 {a} 增至 {b}（共 {t} 名）。',
      rebalance_summary: '重新分配：{n} 名代表调整站点，违规由 {a} 降至 {b}。',
      redacted: '已脱敏：不含代表姓名和地址，地图上代表仅以网格计数显示。',
      empty: '（无）', more: '另有 {n} 条，见 CSV 文件',
      before: '调整前', after: '调整后', change: '变化',
      added: '新增站点', closed: '撤销站点', moved: '迁移站点', merged: '合并站点', from: '原位置', to: '新位置',
      merged_into: '并入', merged_from: '被合并站点',
      deputies_changing: '更换站点的代表', gaining: '新获覆盖', losing: '失去覆盖',
      communities_change: '社区覆盖变化', grids_change: '网格覆盖变化', rules_change: '规则结果对比',
      before_covered: '调整前覆盖比例', after_covered: '调整后覆盖比例', map_before: '调整前地图', map_after: '调整后地图',
      lon: '经度', lat: '纬度', remaining: '重新分配后仍无法解决',
      generated_by: '由 stationplan 生成；离线可用，不发出任何网络请求。'
    },
    en: {
      report: 'Deputy liaison station coverage report',
      compare: 'Liaison stations before and after',
      scenario: 'Scenario', crs: 'Working CRS', radius: 'Radius', metres: 'm',
      figures: 'Key figures', rules: 'Rule checklist', map: 'Map', tables: 'Tables',
      'deputies.total': 'Deputy records', 'deputies.used': 'Deputies used', 'deputies.covered': 'Deputies within the radius',
      'deputies.rejected': 'Records not used', coverage_ratio: 'Coverage', streets: 'Streets', communities: 'Communities',
      grids: 'Grids', stations: 'Stations', 'stations_by_kind.street': 'Street stations',
      'stations_by_kind.community': 'Community stations', 'stations_by_kind.industry': 'Industry stations',
      rejects: 'Rejected records',
      rule: 'Rule', outcome: 'Outcome', count: 'Violations', holds: 'holds', fails: 'fails', details: 'Details',
      R1: 'Every deputy within the radius of a counted station',
      R2: 'Every community contains a deputy\'s address or a station',
      R3: 'Every community station serves 3-5 deputies; every deputy is assigned to one',
      R4: 'Every grid lies within the radius of a counted station and has a liaison person',
      R5: 'Every street has exactly one street station, inside that street',
      R6: 'Every deputy with a sector is assigned to that sector\'s industry station',
      R7: 'Communities and grids inside their street, no gaps or overlaps, everything inside the district, no unknown stations',
      layers: 'Layers', district: 'District', street_layer: 'Streets', community_layer: 'Communities',
      grid_layer: 'Grids (shaded by covered share)', radius_layer: 'Station radius',
      station_street: 'Street stations', station_community: 'Community stations', station_industry: 'Industry stations',
      uncovered_layer: 'Uncovered deputies', suggested_layer: 'Suggested stations',
      kind_street: 'street station', kind_community: 'community station', kind_industry: 'industry station',
      load: 'Load', capacity: 'Capacity', deputies: 'Deputies', deputy: 'Deputy', none: 'none',
      covered_share: 'Covered share', uncovered_deputies: 'Uncovered deputies', liaison: 'Liaison person', yes: 'yes', no: 'no',
      per_street: 'Per street', community_loads: 'Community station loads', uncovered_table: 'Deputies beyond the radius', walking_table: 'Deputies where walking and the straight line disagree', nearest_walk_station: 'Nearest station on foot', walk_m: 'Walking distance (m)', covered_straight: 'Covered in a straight line', covered_walking: 'Covered on foot',
      grids_below: 'Grids below full coverage', suggestions: 'Suggested stations and why', reassignments: 'Reassignments',
      station_changes: 'Station changes',
      id: 'ID', name: 'Name', street: 'Street', community: 'Community', grid: 'Grid',
      street_stations: 'Street st.', community_stations: 'Community st.', industry_stations: 'Industry st.',
      covered_deputies: 'Covered deputies', coverage: 'Coverage', within_capacity: 'Within capacity',
      nearest_station: 'Nearest station', distance_m: 'Distance (m)', uncovered_area: 'Uncovered area (m²)',
      rank: 'Rank', site: 'Site', origin: 'Origin', new_deputies: 'Newly covered deputies', only_here: 'Only here',
      runner_up: 'Runner-up', lost_by: 'Lost by', at_0_9: 'At 0.9 × radius', at_1_1: 'At 1.1 × radius',
      grid_area: 'Newly covered grid area (m²)',
      old_station: 'Old station', new_station: 'New station', old_distance: 'Old distance (m)', new_distance: 'New distance (m)',
      within_radius: 'Within radius', kind: 'Kind', to_site: 'To', load_before: 'Before', load_after: 'After', reason: 'Reason',
      suggest_summary: 'Fewest stations (LSCP): {n} new station(s) bring deputies within the radius from {a} to {b} (of {t}).',
      rebalance_summary: 'Regrouping: {n} deputies change station; violations {a} → {b}.',
      redacted: 'Redacted: no deputy names or addresses; deputies appear on maps only as counts per grid.',
      empty: '(none)', more: '{n} more in the CSV files',
      before: 'Before', after: 'After', change: 'Change',
      added: 'Stations added', closed: 'Stations closed', moved: 'Stations moved', merged: 'Stations merged',
      from: 'From', to: 'To', merged_into: 'Into', merged_from: 'Merged stations',
      deputies_changing: 'Deputies changing station', gaining: 'Gaining coverage', losing: 'Losing coverage',
      communities_change: 'Communities', grids_change: 'Grids', rules_change: 'Rules before and after',
      before_covered: 'Covered before', after_covered: 'Covered after', map_before: 'Map before', map_after: 'Map after',
      lon: 'Longitude', lat: 'Latitude', remaining: 'What regrouping cannot fix',
      generated_by: 'Made by stationplan; works offline and makes no network request.'
    }
  };

  var D = JSON.parse(document.getElementById('sp-data').textContent);
  var L10N = TEXT[D.lang] || TEXT.zh;
  function t(key, args) {
    var s = Object.prototype.hasOwnProperty.call(L10N, key) ? L10N[key] : key;
    if (args) Object.keys(args).forEach(function (k) { s = s.split('{' + k + '}').join(String(args[k])); });
    return s;
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'className') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  var nf = new Intl.NumberFormat(D.lang === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 });
  function num(v) { return v === null || v === undefined ? '' : (typeof v === 'number' ? nf.format(v) : String(v)); }
  function pct(v) { return v === null || v === undefined ? '' : (v * 100).toFixed(1) + '%'; }
  function lonlatText(v) { return typeof v === 'number' ? v.toFixed(6) : ''; }
  function yesno(v) { return v === null || v === undefined ? '' : (v ? t('yes') : t('no')); }

  // Covered share 0 -> red, 1 -> green (the PNG maps use the same scale).
  function shareColour(s) {
    s = Math.max(0, Math.min(1, s || 0));
    function mix(a, b, u) { return Math.round(a + (b - a) * u); }
    var c = s < 0.5 ? [mix(222, 250, s * 2), mix(84, 222, s * 2), mix(70, 140, s * 2)]
      : [mix(250, 120, (s - 0.5) * 2), mix(222, 196, (s - 0.5) * 2), mix(140, 120, (s - 0.5) * 2)];
    return 'rgb(' + c.join(',') + ')';
  }
  var KIND_COLOUR = { street: '#96142a', community: '#1450be', industry: '#7832a0' };
  // Above this many drawn features (grids, communities, stations with their radius
  // circles, uncovered deputies, suggestions) the map uses a canvas renderer.
  var CANVAS_FEATURES = 4000;

  // A table from column specs {key, label, format}; rows beyond `limit` are counted.
  function table(id, columns, rows, limit) {
    var wrap = el('div', { className: 'sp-table-wrap' });
    if (!rows.length) { wrap.appendChild(el('p', { className: 'sp-empty', text: t('empty') })); return wrap; }
    var head = el('tr', null, columns.map(function (c) { return el('th', { text: t(c.label || c.key) }); }));
    var shown = limit ? rows.slice(0, limit) : rows;
    var body = shown.map(function (r) {
      return el('tr', null, columns.map(function (c) {
        var v = r[c.key];
        return el('td', { className: typeof v === 'number' ? 'num' : '', text: c.format ? c.format(v, r) : num(v) });
      }));
    });
    wrap.appendChild(el('table', { id: id, className: 'sp-table', 'data-rows': String(rows.length) },
      [el('thead', null, [head]), el('tbody', null, body)]));
    if (shown.length < rows.length) wrap.appendChild(el('p', { className: 'sp-more', text: t('more', { n: rows.length - shown.length }) }));
    return wrap;
  }

  function section(id, title, children) {
    return el('section', { id: id }, [el('h2', { text: title })].concat(children));
  }

  function popupTable(rows) {
    return '<table class="sp-popup">' + rows.map(function (r) {
      return '<tr><th>' + escapeHtml(r[0]) + '</th><td>' + escapeHtml(r[1]) + '</td></tr>';
    }).join('') + '</table>';
  }
  function escapeHtml(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function stationPopup(p) {
    var rows = [[t('id'), p.id], [t('name'), p.name || ''], [t('kind'), t('kind_' + p.kind)], [t('load'), num(p.load)]];
    if (p.capacity_min !== null && p.capacity_min !== undefined) rows.push([t('capacity'), p.capacity_min + '–' + p.capacity_max]);
    var html = '<div class="sp-station-popup" data-station="' + escapeHtml(p.id) + '" data-load="' + p.load + '">' + popupTable(rows);
    if (p.deputies) {
      html += '<p class="sp-popup-head">' + escapeHtml(t('deputies')) + ' (' + p.deputies.length + ')</p>';
      // Each deputy is [id, distance_m] or [id, distance_m, name].
      html += p.deputies.length ? '<ul class="sp-deputy-list">' + p.deputies.map(function (d) {
        return '<li>' + escapeHtml(d[0] + (d[2] ? ' ' + d[2] : '')) +
          (d[1] !== null && d[1] !== undefined ? ' · ' + escapeHtml(num(d[1])) + ' ' + escapeHtml(t('metres')) : '') + '</li>';
      }).join('') + '</ul>' : '<p>' + escapeHtml(t('none')) + '</p>';
    }
    return html + '</div>';
  }

  function gridPopup(p) {
    var rows = [[t('id'), p.id], [t('name'), p.name || ''], [t('covered_share'), pct(p.covered_ratio)],
      [t('deputies'), num(p.deputies)]];
    if (p.uncovered !== undefined) rows.push([t('uncovered_deputies'), num(p.uncovered)]);
    rows.push([t('liaison'), yesno(p.liaison)]);
    return '<div class="sp-grid-popup" data-grid="' + escapeHtml(p.id) + '" data-covered-ratio="' + p.covered_ratio + '">' +
      popupTable(rows) + '</div>';
  }

  // Draws the district's own layers (no tiles) into `container`; returns the map and
  // the station markers by id.
  function drawMap(container, layers, radius_m, extra) {
    // A small district is drawn as SVG (one element per feature, styled by class); a
    // whole city (thousands of grids and stations) on canvas, so that panning and
    // zooming redraw one canvas per pane rather than move tens of thousands of
    // elements. Features stay clickable either way.
    var count = function (c) { return c && c.features ? c.features.length : 0; };
    var features = count(layers.grids) + count(layers.communities) + 2 * count(layers.stations) +
      (extra || []).reduce(function (n, x) { return n + x.layer.getLayers().length; }, 0);
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: false, preferCanvas: features > CANVAS_FEATURES });
    // Panes keep the drawing order whatever the layer switcher adds back: areas
    // below lines below points.
    map.createPane('sp-areas').style.zIndex = 350;
    map.createPane('sp-points').style.zIndex = 450;
    var overlays = {};
    var markers = {};
    var grids = L.geoJSON(layers.grids, {
      style: function (f) {
        return { pane: 'sp-areas', className: 'sp-grid', color: '#888', weight: 0.6, fillColor: shareColour(f.properties.covered_ratio), fillOpacity: 0.65 };
      },
      onEachFeature: function (f, layer) { layer.bindPopup(function () { return gridPopup(f.properties); }); }
    });
    var communities = L.geoJSON(layers.communities, {
      style: { className: 'sp-community', color: '#9a9a9a', weight: 1, fill: false, dashArray: '3 3' },
      interactive: false
    });
    var streets = L.geoJSON(layers.streets, {
      style: { className: 'sp-street', color: '#3c3c3c', weight: 2.5, fill: false },
      onEachFeature: function (f, layer) { layer.bindTooltip(escapeHtml(f.properties.name || f.properties.id), { sticky: true }); }
    });
    var district = L.geoJSON(layers.district, { style: { className: 'sp-district', color: '#111', weight: 3.5, fill: false }, interactive: false });
    var radius = L.layerGroup();
    var byKind = { street: L.layerGroup(), community: L.layerGroup(), industry: L.layerGroup() };
    layers.stations.features.forEach(function (f) {
      if (!f.geometry) return;
      var p = f.properties;
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      if (p.counted) {
        L.circle(ll, { radius: radius_m, className: 'sp-radius', color: '#4682c8', weight: 1, fillOpacity: 0.04, interactive: false }).addTo(radius);
      }
      var m = L.circleMarker(ll, {
        pane: 'sp-points', radius: p.kind === 'street' ? 8 : 6, className: 'sp-station sp-station-' + p.kind,
        color: '#fff', weight: 1.5, fillColor: KIND_COLOUR[p.kind] || '#333', fillOpacity: 1
      });
      m.bindPopup(function () { return stationPopup(p); });  // built when opened
      m.bindTooltip(escapeHtml(p.name || p.id));
      (byKind[p.kind] || byKind.community).addLayer(m);
      markers[p.id] = m;
    });
    overlays[t('district')] = district.addTo(map);
    overlays[t('street_layer')] = streets.addTo(map);
    overlays[t('community_layer')] = communities.addTo(map);
    overlays[t('grid_layer')] = grids.addTo(map);
    overlays[t('radius_layer')] = radius.addTo(map);
    overlays[t('station_street')] = byKind.street.addTo(map);
    overlays[t('station_community')] = byKind.community.addTo(map);
    overlays[t('station_industry')] = byKind.industry.addTo(map);
    (extra || []).forEach(function (x) { overlays[x.label] = x.layer.addTo(map); });
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    var bounds = district.getBounds().isValid() ? district.getBounds() : streets.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
    return { map: map, markers: markers, overlays: overlays };
  }

  function header(title) {
    var h = el('header', null, [el('h1', { text: title })]);
    if (D.redact) h.appendChild(el('p', { className: 'sp-redacted', text: t('redacted') }));
    return h;
  }

  function renderReport(app) {
    app.appendChild(header(t('report') + ' — ' + D.title));
    app.appendChild(el('p', { className: 'sp-meta' }, [
      t('scenario') + ': ' + D.scenario + ' · ' + t('crs') + ': ' + D.crs + ' · ' + t('radius') + ': ' + num(D.radius_m) + ' ' + t('metres')]));

    // Key figures: data-figure is the key in summary.json, data-value its exact value.
    var cards = D.figures.map(function (f) {
      var shown = f.key === 'coverage_ratio' ? pct(f.value) : num(f.value);
      return el('div', { className: 'sp-figure', 'data-figure': f.key, 'data-value': String(f.value) },
        [el('div', { className: 'sp-figure-value', text: shown }), el('div', { className: 'sp-figure-label', text: t(f.key) })]);
    });
    app.appendChild(section('figures', t('figures'), [el('div', { className: 'sp-figures' }, cards)]));

    var ruleRows = D.rules.map(function (r) {
      var details = null;
      if (r.violations.length) {
        details = el('details', null, [el('summary', { text: t('details') })].concat([el('ul', null, r.violations.map(function (v) {
          return el('li', { text: v });
        }))]));
        if (r.violation_count > r.violations.length) details.appendChild(el('p', { className: 'sp-more', text: t('more', { n: r.violation_count - r.violations.length }) }));
      }
      return el('tr', { 'data-rule': r.id, 'data-holds': String(r.holds), 'data-count': String(r.violation_count) }, [
        el('td', { text: r.id }), el('td', { text: t(r.id) }),
        el('td', { className: r.holds ? 'sp-holds' : 'sp-fails', text: r.holds ? '✓ ' + t('holds') : '✗ ' + t('fails') }),
        el('td', { className: 'num', text: num(r.violation_count) }), el('td', null, [details])]);
    });
    app.appendChild(section('rules', t('rules'), [el('table', { className: 'sp-table sp-rules' }, [
      el('thead', null, [el('tr', null, ['rule', 'rule', 'outcome', 'count', 'details'].map(function (k, i) {
        return el('th', { text: i === 1 ? '' : t(k) });
      }))]), el('tbody', null, ruleRows)])]));

    var mapDiv = el('div', { id: 'map', className: 'sp-map' });
    var legend = el('div', { className: 'sp-legend' }, [
      el('span', { className: 'sp-swatch', style: 'background:' + shareColour(0) }), ' 0% ',
      el('span', { className: 'sp-swatch', style: 'background:' + shareColour(0.5) }), ' 50% ',
      el('span', { className: 'sp-swatch', style: 'background:' + shareColour(1) }), ' 100% ' + t('covered_share')]);
    app.appendChild(section('map-section', t('map'), [mapDiv, legend]));

    var tables = [];
    if (D.suggest) tables.push(el('p', { className: 'sp-plan', text: t('suggest_summary', {
      n: D.suggestions.length, a: D.suggest.covered_before, b: D.suggest.covered_after, t: D.figures.filter(function (f) { return f.key === 'deputies.used'; })[0].value }) }));
    if (D.rebalance) tables.push(el('p', { className: 'sp-plan', text: t('rebalance_summary', {
      n: D.reassignments.length, a: D.rebalance.violations_before, b: D.rebalance.violations_after }) }));
    tables.push(el('h3', { text: t('per_street') }));
    tables.push(table('t-streets', [{ key: 'id' }, { key: 'name' }, { key: 'communities' }, { key: 'grids' },
      { key: 'street_stations' }, { key: 'community_stations' }, { key: 'industry_stations' }, { key: 'deputies' },
      { key: 'covered_deputies' }, { key: 'coverage', format: function (v, r) { return r.deputies ? pct(r.covered_deputies / r.deputies) : ''; } }],
    D.streets));
    tables.push(el('h3', { text: t('community_loads') }));
    tables.push(table('t-loads', [{ key: 'id' }, { key: 'name' }, { key: 'street_id', label: 'street' },
      { key: 'community_id', label: 'community' }, { key: 'load' },
      { key: 'capacity', format: function (v, r) { return r.capacity_min === null ? '' : r.capacity_min + '–' + r.capacity_max; } },
      { key: 'within_capacity', format: yesno }], D.community_stations, 500));
    tables.push(el('h3', { text: t('uncovered_table') }));
    var uncoveredCols = [{ key: 'id' }];
    if (!D.redact) uncoveredCols.push({ key: 'name' });
    uncoveredCols = uncoveredCols.concat([{ key: 'street_id', label: 'street' }, { key: 'community_id', label: 'community' },
      { key: 'grid_id', label: 'grid' }, { key: 'nearest_station_id', label: 'nearest_station' }, { key: 'nearest_distance_m', label: 'distance_m' }]);
    tables.push(table('t-uncovered', uncoveredCols, D.uncovered, 500));
    if (D.walking_disagree) {
      tables.push(el('h3', { text: t('walking_table') }));
      var walkCols = [{ key: 'id' }];
      if (!D.redact) walkCols.push({ key: 'name' });
      walkCols = walkCols.concat([{ key: 'street_id', label: 'street' }, { key: 'community_id', label: 'community' },
        { key: 'nearest_station_id', label: 'nearest_station' }, { key: 'nearest_distance_m', label: 'distance_m' },
        { key: 'nearest_walk_station_id', label: 'nearest_walk_station' }, { key: 'nearest_walk_m', label: 'walk_m' },
        { key: 'covered_straight', format: yesno }, { key: 'covered_walking', format: yesno }]);
      tables.push(table('t-walking', walkCols, D.walking_disagree, 500));
    }
    tables.push(el('h3', { text: t('grids_below') }));
    tables.push(table('t-grids', [{ key: 'id' }, { key: 'name' }, { key: 'street_id', label: 'street' },
      { key: 'covered_ratio', label: 'covered_share', format: pct }, { key: 'uncovered_area_m2', label: 'uncovered_area' },
      { key: 'deputies' }, { key: 'liaison', format: yesno }], D.grids_below, 500));
    tables.push(el('h3', { text: t('suggestions') }));
    tables.push(table('t-suggestions', [{ key: 'rank' }, { key: 'site_id', label: 'site' }, { key: 'name' }, { key: 'origin' },
      { key: 'street_id', label: 'street' }, { key: 'community_id', label: 'community' }, { key: 'new_deputies' },
      { key: 'only_here' }, { key: 'grid_area_m2', label: 'grid_area' }, { key: 'runner_up_id', label: 'runner_up' },
      { key: 'lost_by' }, { key: 'new_deputies_at_0_9', label: 'at_0_9' }, { key: 'new_deputies_at_1_1', label: 'at_1_1' }],
    D.suggestions));
    tables.push(el('h3', { text: t('reassignments') }));
    tables.push(table('t-reassignments', [{ key: 'deputy_id', label: 'deputy' }, { key: 'old_station_id', label: 'old_station' },
      { key: 'new_station_id', label: 'new_station' }, { key: 'old_distance_m', label: 'old_distance' },
      { key: 'new_distance_m', label: 'new_distance' }, { key: 'within_radius', format: yesno }], D.reassignments, 500));
    if (D.rebalance && D.rebalance.remaining.length) {
      tables.push(el('h3', { text: t('remaining') }));
      tables.push(el('ul', { id: 'l-remaining', className: 'sp-remaining' }, D.rebalance.remaining.map(function (r) { return el('li', { text: r }); })));
    }
    if (D.station_changes.length) {
      tables.push(el('h3', { text: t('station_changes') }));
      tables.push(table('t-station-changes', [{ key: 'kind' }, { key: 'station_id', label: 'id' }, { key: 'to_site_id', label: 'to_site' },
        { key: 'load_before' }, { key: 'load_after' }, { key: 'reason' }], D.station_changes));
    }
    app.appendChild(section('tables', t('tables'), tables));
    app.appendChild(el('footer', { text: t('generated_by') }));

    var uncovered = L.layerGroup();
    D.uncovered.forEach(function (u) {
      if (!u.lonlat) return;
      L.circleMarker([u.lonlat[1], u.lonlat[0]], { pane: 'sp-points', radius: 4, className: 'sp-uncovered', color: '#e61e1e', weight: 1, fillOpacity: 0.9 })
        .bindPopup(popupTable([[t('deputy'), u.id + (u.name ? ' ' + u.name : '')], [t('nearest_station'), u.nearest_station_id],
          [t('distance_m'), num(u.nearest_distance_m)]])).addTo(uncovered);
    });
    var suggested = L.layerGroup();
    D.suggestions.forEach(function (s) {
      L.circleMarker([s.lonlat[1], s.lonlat[0]], { pane: 'sp-points', radius: 9, className: 'sp-suggestion', color: '#111', weight: 2, fillColor: '#f58c00', fillOpacity: 1 })
        .bindPopup(popupTable([[t('rank'), s.rank], [t('site'), s.site_id], [t('name'), s.name], [t('new_deputies'), s.new_deputies],
          [t('runner_up'), s.runner_up_id], [t('lost_by'), s.lost_by]])).addTo(suggested);
    });
    var extra = [{ label: t('suggested_layer'), layer: suggested }];
    if (!D.redact) extra.unshift({ label: t('uncovered_layer'), layer: uncovered });
    return drawMap(mapDiv, D.layers, D.radius_m, extra);
  }

  function renderCompare(app) {
    app.appendChild(header(t('compare') + ' — ' + D.title));
    var figs = D.figures.map(function (f) {
      var show = function (v) { return /ratio|share/.test(f.key) ? pct(v) : num(v); };
      var sign = f.change > 0 ? '+' : '';
      return el('tr', { 'data-figure': f.key, 'data-before': String(f.before), 'data-after': String(f.after), 'data-change': String(f.change) }, [
        el('td', { text: t(f.key) }), el('td', { className: 'num', text: show(f.before) }), el('td', { className: 'num', text: show(f.after) }),
        el('td', { className: 'num ' + (f.change > 0 ? 'sp-up' : f.change < 0 ? 'sp-down' : ''), text: sign + (/ratio|share/.test(f.key) ? (f.change * 100).toFixed(1) + '%' : num(f.change)) })]);
    });
    app.appendChild(section('figures', t('figures'), [el('table', { className: 'sp-table sp-compare-figures' }, [
      el('thead', null, [el('tr', null, ['', 'before', 'after', 'change'].map(function (k) { return el('th', { text: k ? t(k) : '' }); }))]),
      el('tbody', null, figs)])]));
    var rules = D.rules.map(function (r) {
      return el('tr', { 'data-rule': r.id, 'data-before-holds': String(r.before_holds), 'data-after-holds': String(r.after_holds) }, [
        el('td', { text: r.id }), el('td', { text: t(r.id) }),
        el('td', { className: r.before_holds ? 'sp-holds' : 'sp-fails', text: (r.before_holds ? '✓ ' + t('holds') : '✗ ' + t('fails')) + ' (' + r.before_count + ')' }),
        el('td', { className: r.after_holds ? 'sp-holds' : 'sp-fails', text: (r.after_holds ? '✓ ' + t('holds') : '✗ ' + t('fails')) + ' (' + r.after_count + ')' })]);
    });
    app.appendChild(section('rules', t('rules_change'), [el('table', { className: 'sp-table sp-rules' }, [
      el('thead', null, [el('tr', null, ['rule', '', 'before', 'after'].map(function (k) { return el('th', { text: k ? t(k) : '' }); }))]),
      el('tbody', null, rules)])]));
    var st = D.stations;
    var stationCols = [{ key: 'station_id', label: 'id' }, { key: 'name' }, { key: 'kind', format: function (v) { return t('kind_' + v); } },
      { key: 'lon', format: lonlatText }, { key: 'lat', format: lonlatText }];
    app.appendChild(section('stations', t('stations'), [
      el('h3', { text: t('added') }), table('t-added', stationCols, st.added),
      el('h3', { text: t('closed') }), table('t-closed', stationCols, st.closed),
      el('h3', { text: t('moved') }), table('t-moved', [{ key: 'station_id', label: 'id' }, { key: 'name' },
        { key: 'from', format: function (v) { return v.lon + ', ' + v.lat; } }, { key: 'to', format: function (v) { return v.lon + ', ' + v.lat; } },
        { key: 'distance_m' }], st.moved),
      el('h3', { text: t('merged') }), table('t-merged', [{ key: 'into', label: 'merged_into' },
        { key: 'from', label: 'merged_from', format: function (v) { return v.join(', '); } }], st.merged)]));
    app.appendChild(section('deputies', t('deputies_changing'), [table('t-deputies', [{ key: 'deputy_id', label: 'deputy' },
      { key: 'old_station_id', label: 'old_station' }, { key: 'new_station_id', label: 'new_station' },
      { key: 'old_distance_m', label: 'old_distance' }, { key: 'new_distance_m', label: 'new_distance' }], D.deputies_changing_station, 1000)]));
    var gridCols = [{ key: 'grid_id', label: 'grid' }, { key: 'before_covered_ratio', label: 'before_covered', format: pct },
      { key: 'after_covered_ratio', label: 'after_covered', format: pct }];
    app.appendChild(section('coverage', t('coverage'), [
      el('h3', { text: t('communities_change') + ' · ' + t('gaining') }), table('t-communities-gaining', [{ key: 'community_id', label: 'id' }, { key: 'name' }], D.communities.gaining),
      el('h3', { text: t('communities_change') + ' · ' + t('losing') }), table('t-communities-losing', [{ key: 'community_id', label: 'id' }, { key: 'name' }], D.communities.losing),
      el('h3', { text: t('grids_change') + ' · ' + t('gaining') }), table('t-grids-gaining', gridCols, D.grids.gaining),
      el('h3', { text: t('grids_change') + ' · ' + t('losing') }), table('t-grids-losing', gridCols, D.grids.losing)]));
    var before = el('div', { id: 'map-before', className: 'sp-map sp-map-half' });
    var after = el('div', { id: 'map-after', className: 'sp-map sp-map-half' });
    app.appendChild(section('maps', t('map'), [el('div', { className: 'sp-side-by-side' }, [
      el('div', null, [el('h3', { text: t('map_before') + ' — ' + D.before.label }), before]),
      el('div', null, [el('h3', { text: t('map_after') + ' — ' + D.after.label }), after])])]));
    app.appendChild(el('footer', { text: t('generated_by') }));
    var b = drawMap(before, D.before.layers, D.before.summary.radius_m, []);
    var a = drawMap(after, D.after.layers, D.after.summary.radius_m, []);
    // Moving one map moves the other: the same place before and after.
    var syncing = false;
    function follow(from, to) {
      from.on('moveend', function () {
        if (syncing) return;
        syncing = true;
        to.setView(from.getCenter(), from.getZoom(), { animate: false });
        syncing = false;
      });
    }
    follow(b.map, a.map);
    follow(a.map, b.map);
    return { before: b, after: a };
  }

  // On paper every rule's violations are listed (the screen folds them away).
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });

  var app = document.getElementById('app');
  document.title = (D.kind === 'compare' ? t('compare') : t('report')) + ' — ' + D.title;
  var view = D.kind === 'compare' ? renderCompare(app) : renderReport(app);
  // For tests and for people scripting the page: the maps and markers.
  window.stationplan = { data: D, view: view };
  document.body.setAttribute('data-ready', 'true');
})();
