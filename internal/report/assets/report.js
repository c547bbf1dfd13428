/* saavu report map: reads the JSON blocks written into the page and draws
   them with Leaflet. Sets data-ready="1" on <body> once everything is drawn. */
(function () {
  'use strict';

  function readJSON(id) {
    var el = document.getElementById(id);
    return JSON.parse(el.textContent);
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function fmt(v, digits) {
    if (v === null || v === undefined || typeof v !== 'number' || !isFinite(v)) { return '–'; }
    return v.toFixed(digits);
  }

  if (typeof L === 'undefined') {
    throw new Error('Leaflet did not load');
  }

  var cfg = readJSON('saavu-config');
  var regions = readJSON('saavu-regions');
  var gaps = readJSON('saavu-gaps');
  var services = readJSON('saavu-services');
  var cells = readJSON('saavu-cells');

  var selCategory = document.getElementById('sel-category');
  var selMode = document.getElementById('sel-mode');
  var selGroup = document.getElementById('sel-group');
  var selLayer = document.getElementById('sel-layer');

  // The first view is the pair the report chose (selected in the page).
  var state = {
    category: cfg.defaultCategory || (cfg.categories.length ? cfg.categories[0].value : ''),
    mode: cfg.defaultMode || (cfg.modes.length ? cfg.modes[0].value : ''),
    group: cfg.groups.length ? cfg.groups[0].value : 'population',
    layer: 'nearest'
  };
  var layerByValue = {};
  cfg.layers.forEach(function (l) { layerByValue[l.value] = l; });

  // Measure layers: cells are coloured in classes of equal counts of
  // cells (quantiles) of the measure's values for the current selection.
  var measure = { layer: null, prop: '', breaks: [], colors: [] };
  var NO_VALUE = '#e4e4e4';

  function layerProp(l) {
    return l.prop.split('{c}').join(state.category).split('{m}').join(state.mode);
  }

  function prepareMeasure() {
    var l = state.layer === 'nearest' ? null : layerByValue[state.layer];
    measure.layer = l;
    if (!l) { return; }
    measure.prop = layerProp(l);
    var n = cfg.colors.length;
    var ramp = cfg.colors.slice();
    if (l.better === 'high') { ramp.reverse(); }
    if (l.bool) {
      measure.breaks = [];
      measure.colors = l.better === 'high' ? [ramp[0], ramp[n - 1]] : [ramp[n - 1], ramp[0]];
      return;
    }
    var vals = [];
    cells.features.forEach(function (f) {
      var v = (f.properties || {})[measure.prop];
      if (typeof v === 'number' && isFinite(v)) { vals.push(v); }
    });
    vals.sort(function (a, b) { return a - b; });
    var breaks = [];
    for (var k = 1; k < n; k++) {
      if (!vals.length) { break; }
      var b = vals[Math.min(vals.length - 1, Math.floor(vals.length * k / n))];
      if (!breaks.length || b > breaks[breaks.length - 1]) { breaks.push(b); }
    }
    measure.breaks = breaks;
    // Spread the ramp over the classes there are.
    measure.colors = [];
    for (var c = 0; c <= breaks.length; c++) {
      measure.colors.push(ramp[breaks.length ? Math.round(c * (n - 1) / breaks.length) : 0]);
    }
  }

  function measureColor(v) {
    if (measure.layer.bool) {
      if (v === true) { return measure.colors[1]; }
      if (v === false) { return measure.colors[0]; }
      return NO_VALUE;
    }
    if (typeof v !== 'number' || !isFinite(v)) { return NO_VALUE; }
    for (var i = 0; i < measure.breaks.length; i++) {
      if (v < measure.breaks[i]) { return measure.colors[i]; }
    }
    return measure.colors[measure.breaks.length];
  }

  function num(v) {
    var a = Math.abs(v);
    if (a >= 100) { return v.toFixed(0); }
    if (a >= 10) { return v.toFixed(1); }
    return v.toFixed(2);
  }

  var classLegend = document.getElementById('legend-classes');
  var classLegendHTML = classLegend ? classLegend.innerHTML : '';

  function drawLegend() {
    if (!classLegend) { return; }
    if (!measure.layer) { classLegend.innerHTML = classLegendHTML; return; }
    classLegend.textContent = '';
    var items = [];
    if (measure.layer.bool) {
      items = [[measure.colors[1], 'Yes'], [measure.colors[0], 'No']];
    } else {
      for (var i = 0; i <= measure.breaks.length; i++) {
        var lo = i === 0 ? null : measure.breaks[i - 1];
        var hi = i < measure.breaks.length ? measure.breaks[i] : null;
        var text = lo === null ? (hi === null ? 'All cells' : 'below ' + num(hi)) :
          (hi === null ? num(lo) + ' or more' : num(lo) + ' to ' + num(hi));
        items.push([measure.colors[i], text]);
      }
    }
    items.push([NO_VALUE, 'No value']);
    items.forEach(function (it) {
      var li = el('li');
      var sw = el('span', null, 'sw');
      sw.style.background = it[0];
      li.appendChild(sw);
      li.appendChild(document.createTextNode(it[1]));
      classLegend.appendChild(li);
    });
  }

  // byMode phrases a mode after a service: "by walking", "without a car".
  function byMode(value) {
    if (value === 'nocar') { return 'without a car'; }
    if (value === 'walk') { return 'by walking'; }
    if (value === 'bike') { return 'by bike'; }
    return 'by ' + labelOf(cfg.modes, value).toLowerCase();
  }

  function labelOf(list, value) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].value === value) { return list[i].label; }
    }
    return value;
  }

  // Travel time class: 0..n-1 within threshold i, n beyond the last,
  // n+1 unreachable (null).
  function timeClass(v) {
    var th = cfg.thresholds;
    if (v === null || v === undefined) { return th.length + 1; }
    for (var i = 0; i < th.length; i++) {
      if (v <= th[i]) { return i; }
    }
    return th.length;
  }

  function classColor(c) {
    return c < cfg.colors.length ? cfg.colors[c] : cfg.unreachable;
  }

  var map = L.map('map', { zoomSnap: 0.25, zoomDelta: 0.5, attributionControl: true });
  if (cfg.basemap) {
    L.tileLayer(cfg.basemap.url, { attribution: cfg.basemap.attribution, maxZoom: 19 }).addTo(map);
  }
  map.createPane('cells').style.zIndex = 410;
  map.createPane('gaps').style.zIndex = 420;
  map.createPane('regions').style.zIndex = 430;
  map.createPane('services').style.zIndex = 440;
  // Region names above the service markers: a marker never hides a label.
  map.createPane('labels').style.zIndex = 450;
  map.getPane('labels').style.pointerEvents = 'none';
  map.getPane('gaps').style.pointerEvents = 'none';

  var cellRenderer = cfg.large ? L.canvas({ pane: 'cells', padding: 0.2 }) : L.svg({ pane: 'cells' });

  function timeKey() { return state.category + '_' + state.mode + '_min'; }

  function cellStyle(feature) {
    var p = feature.properties;
    var color = measure.layer ? measureColor(p[measure.prop]) : classColor(timeClass(p[timeKey()]));
    var inGroup = true;
    if (state.group && state.group !== 'population') {
      var g = p[state.group];
      inGroup = typeof g === 'number' && g > 0;
    }
    return {
      stroke: !cfg.large,
      color: '#ffffff',
      weight: 0.6,
      opacity: 0.9,
      fillColor: color,
      fillOpacity: inGroup ? 0.85 : 0.12
    };
  }

  function cellPopup(layer) {
    var p = layer.feature.properties;
    var box = el('div', null, 'cell-popup');
    box.appendChild(el('h5', p.id));
    var line = (p.region || p.region_id || '') + ' · population ' + fmt(p.population, 0);
    for (var g = 1; g < cfg.groups.length; g++) {
      var gv = p[cfg.groups[g].value];
      if (typeof gv === 'number') { line += ', ' + cfg.groups[g].label.toLowerCase() + ' ' + fmt(gv, 0); }
    }
    box.appendChild(el('p', line));
    var table = el('table');
    var head = el('tr');
    ['Service', 'Mode', 'Min', 'Km', 'Nearest'].forEach(function (h, i) {
      var th = el('th', h);
      if (i === 2 || i === 3) { th.className = 'num'; }
      head.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el('tbody');
    cfg.categories.forEach(function (c) {
      cfg.modes.forEach(function (m) {
        var k = c.value + '_' + m.value + '_';
        var tr = el('tr');
        if (c.value === state.category && m.value === state.mode) { tr.className = 'current'; }
        var unreachable = p[k + 'min'] === null || p[k + 'min'] === undefined;
        tr.appendChild(el('td', c.label));
        tr.appendChild(el('td', m.label));
        tr.appendChild(el('td', unreachable ? 'unreachable' : fmt(p[k + 'min'], 1), 'num'));
        tr.appendChild(el('td', unreachable ? '' : fmt(p[k + 'km'], 1), 'num'));
        tr.appendChild(el('td', unreachable ? '' : (p[k + 'service'] || '')));
        body.appendChild(tr);
      });
    });
    table.appendChild(body);
    box.appendChild(table);
    return box;
  }

  var cellLayer = L.geoJSON(cells, {
    pane: 'cells',
    renderer: cellRenderer,
    className: 'saavu-cell',
    style: cellStyle,
    // Origins given as points (firms, addresses) rather than grid cells.
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { pane: 'cells', renderer: cellRenderer, className: 'saavu-cell', radius: 5 });
    },
    onEachFeature: function (feature, layer) {
      layer.bindPopup(cellPopup, { maxWidth: 420 });
    }
  }).addTo(map);

  var gapLayer = L.geoJSON(null, {
    pane: 'gaps',
    className: 'saavu-gap',
    interactive: false,
    style: function () {
      return { color: '#1b1b1b', weight: 1.6, opacity: 0.9, dashArray: '5 3', fillColor: 'url(#saavu-hatch)', fillOpacity: 1 };
    },
    filter: function (feature) {
      var p = feature.properties || {};
      return p.category === state.category && p.mode === state.mode;
    }
  }).addTo(map);

  function drawGaps() {
    gapLayer.clearLayers();
    gapLayer.addData(gaps);
  }

  var manyRegions = regions.features && regions.features.length > 25;
  var regionLayer = L.geoJSON(regions, {
    pane: 'regions',
    className: 'saavu-region',
    style: function () { return { color: '#14304f', weight: 2.2, opacity: 0.95, fill: false }; },
    onEachFeature: function (feature, layer) {
      var p = feature.properties || {};
      var name = p.name || p.id || '';
      layer.bindTooltip(el('span', name), {
        permanent: !manyRegions, direction: 'center', className: 'region-label', sticky: manyRegions,
        pane: manyRegions ? 'tooltipPane' : 'labels'
      });
    }
  }).addTo(map);

  // Services at the same place (rounded to about a metre) are drawn as
  // one marker with their count; its popup lists them all.
  function servicePopup(list) {
    var box = el('div', null, 'cell-popup');
    if (list.length > 1) { box.appendChild(el('h5', list.length + ' services here')); }
    list.forEach(function (feature) {
      var p = feature.properties || {};
      if (list.length === 1) { box.appendChild(el('h5', p.name || p.id || 'Service')); }
      var text = (cfg.categoryLabels[p.category] || p.category || '');
      if (list.length > 1) { text = (p.name || p.id || 'Service') + ' · ' + text; }
      if (typeof p.capacity === 'number') { text += ' · capacity ' + fmt(p.capacity, 0); }
      if (p.opening_hours) { text += ' · open ' + p.opening_hours; }
      box.appendChild(el('p', text));
    });
    return box;
  }

  var places = [];
  var placeIndex = {};
  (services.features || []).forEach(function (f) {
    if (!f.geometry || f.geometry.type !== 'Point') { return; }
    var c = f.geometry.coordinates;
    var key = c[0].toFixed(5) + ',' + c[1].toFixed(5);
    if (!(key in placeIndex)) {
      placeIndex[key] = places.length;
      places.push({ latlng: L.latLng(c[1], c[0]), features: [] });
    }
    places[placeIndex[key]].features.push(f);
  });

  function serviceStyle(feature) {
    var c = (feature.properties || {}).category;
    var current = c === state.category;
    return {
      radius: current ? 7 : 4.5,
      color: '#ffffff',
      weight: current ? 2 : 1,
      fillColor: cfg.serviceColors[c] || '#444444',
      fillOpacity: current ? 1 : 0.7,
      opacity: 1
    };
  }

  var serviceLayer = L.featureGroup();
  var serviceCount = 0;
  places.forEach(function (place) {
    serviceCount += place.features.length;
    var layer;
    if (place.features.length === 1) {
      layer = L.circleMarker(place.latlng, { pane: 'services', className: 'saavu-service', radius: 6 });
      layer.feature = place.features[0];
    } else {
      var n = place.features.length;
      layer = L.marker(place.latlng, {
        pane: 'services',
        icon: L.divIcon({ className: 'saavu-stack', html: String(n), iconSize: [22, 22] }),
        title: n + ' services',
        keyboard: false
      });
      layer.stack = place.features;
    }
    layer.bindPopup(function () { return servicePopup(place.features); });
    serviceLayer.addLayer(layer);
  });
  serviceLayer.addTo(map);

  function restyleServices() {
    serviceLayer.eachLayer(function (layer) {
      if (!layer.feature) { return; }
      var s = serviceStyle(layer.feature);
      layer.setStyle(s);
      layer.setRadius(s.radius);
      if (s.radius > 5) { layer.bringToFront(); }
    });
  }

  function describe() {
    var title = document.getElementById('legend-title');
    var cat = labelOf(cfg.categories, state.category);
    var mode = byMode(state.mode);
    title.textContent = measure.layer ? measure.layer.label + ': ' + cat.toLowerCase() + ' ' + mode :
      'Minutes to ' + cat.toLowerCase() + ' ' + mode;
    var out = document.getElementById('selection-summary');
    var t = cfg.totals[state.category + '|' + state.mode + '|' + state.group];
    if (!t) { out.textContent = ''; return; }
    var parts = [];
    for (var i = 0; i < cfg.thresholds.length; i++) {
      parts.push(t.within[i] + ' within ' + cfg.thresholds[i] + ' min');
    }
    var who = state.group === 'population' ? 'the population' : labelOf(cfg.groups, state.group).toLowerCase();
    out.textContent = cat + ' ' + mode + ', ' + who + ' of all regions: ' + parts.join(', ') +
      '; ' + t.unreachable + ' cannot reach one.';
  }

  function update() {
    state.category = selCategory ? selCategory.value : state.category;
    state.mode = selMode ? selMode.value : state.mode;
    state.group = selGroup ? selGroup.value : state.group;
    state.layer = selLayer ? selLayer.value : state.layer;
    prepareMeasure();
    drawLegend();
    cellLayer.setStyle(cellStyle);
    drawGaps();
    restyleServices();
    describe();
  }

  [selCategory, selMode, selGroup, selLayer].forEach(function (s) {
    if (s) { s.addEventListener('change', update); }
  });

  function toggle(id, layer) {
    var box = document.getElementById(id);
    if (!box) { return; }
    box.addEventListener('change', function () {
      if (box.checked) { layer.addTo(map); } else { map.removeLayer(layer); }
    });
  }
  toggle('show-cells', cellLayer);
  toggle('show-gaps', gapLayer);
  toggle('show-services', serviceLayer);
  toggle('show-regions', regionLayer);

  var bounds = regionLayer.getBounds();
  if (!bounds.isValid()) { bounds = cellLayer.getBounds(); }
  if (!bounds.isValid()) { bounds = serviceLayer.getBounds(); }
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [16, 16] });
  } else {
    map.setView([62, 26], 6);
  }

  update();

  var body = document.body;
  body.setAttribute('data-cells', String(cellLayer.getLayers().length));
  body.setAttribute('data-gaps', String(gapLayer.getLayers().length));
  body.setAttribute('data-regions', String(regionLayer.getLayers().length));
  body.setAttribute('data-services', String(serviceCount));
  body.setAttribute('data-service-places', String(serviceLayer.getLayers().length));
  body.setAttribute('data-height', String(document.documentElement.scrollHeight));
  body.setAttribute('data-ready', '1');
})();
