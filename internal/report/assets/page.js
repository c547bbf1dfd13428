/* saavu page map (diff, plan): draws the JSON blocks of the page with
   Leaflet, colouring features by the chosen layer's classes. Sets
   data-ready="1" on <body> once everything is drawn. */
(function () {
  'use strict';

  function readJSON(id) { return JSON.parse(document.getElementById(id).textContent); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  if (typeof L === 'undefined') { throw new Error('Leaflet did not load'); }

  var cfg = readJSON('saavu-config');
  var regions = readJSON('saavu-regions');
  var sites = readJSON('saavu-sites');
  var cells = readJSON('saavu-cells');
  var selLayer = document.getElementById('sel-layer');
  var layerByValue = {};
  cfg.layers.forEach(function (l) { layerByValue[l.value] = l; });
  var current = cfg.layers.length ? cfg.layers[0] : null;

  var map = L.map('map', { zoomSnap: 0.25, zoomDelta: 0.5 });
  map.createPane('cells').style.zIndex = 410;
  map.createPane('regions').style.zIndex = 430;
  map.createPane('sites').style.zIndex = 440;
  map.createPane('labels').style.zIndex = 450;
  map.getPane('labels').style.pointerEvents = 'none';

  function colorOf(feature) {
    if (!current) { return cfg.noValue; }
    var v = (feature.properties || {})[current.prop];
    for (var i = 0; i < current.classes.length; i++) {
      if (current.classes[i].value === String(v)) { return current.classes[i].color; }
    }
    return cfg.noValue;
  }
  function style(feature) {
    return { stroke: true, color: '#ffffff', weight: 0.6, opacity: 0.9, fillColor: colorOf(feature), fillOpacity: 0.85 };
  }
  function popup(layer) {
    var p = layer.feature.properties || {};
    var box = el('div', null, 'cell-popup');
    box.appendChild(el('h5', p.name || p.id || ''));
    var table = el('table');
    Object.keys(p).forEach(function (k) {
      if (k === 'id' || k === 'name' || typeof p[k] === 'object') { return; }
      var tr = el('tr');
      tr.appendChild(el('th', k.split('_').join(' ')));
      tr.appendChild(el('td', p[k]));
      table.appendChild(tr);
    });
    box.appendChild(table);
    return box;
  }
  var cellLayer = L.geoJSON(cells, {
    pane: 'cells', className: 'saavu-cell', style: style,
    pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { pane: 'cells', className: 'saavu-cell', radius: 5 }); },
    onEachFeature: function (f, layer) { layer.bindPopup(popup, { maxWidth: 420 }); }
  }).addTo(map);
  var regionLayer = L.geoJSON(regions, {
    pane: 'regions', className: 'saavu-region',
    style: function () { return { color: '#14304f', weight: 2.2, opacity: 0.95, fill: false }; },
    onEachFeature: function (f, layer) {
      var p = f.properties || {};
      layer.bindTooltip(el('span', p.name || p.region_id || p.id || ''), { permanent: regions.features.length <= 25, direction: 'center', className: 'region-label', pane: 'labels' });
    }
  }).addTo(map);
  var siteLayer = L.geoJSON(sites, {
    pointToLayer: function (f, latlng) {
      return L.circleMarker(latlng, { pane: 'sites', className: 'saavu-service', radius: 7, color: '#ffffff', weight: 2, fillColor: '#d55e00', fillOpacity: 1 });
    },
    onEachFeature: function (f, layer) { layer.bindPopup(popup); }
  }).addTo(map);

  var legend = document.getElementById('legend-classes');
  var legendTitle = document.getElementById('legend-title');
  function update() {
    current = selLayer ? layerByValue[selLayer.value] : current;
    cellLayer.setStyle(style);
    legend.textContent = '';
    legendTitle.textContent = current ? current.label : 'Legend';
    (current ? current.classes : []).forEach(function (c) {
      var li = el('li');
      var sw = el('span', null, 'sw');
      sw.style.background = c.color;
      li.appendChild(sw);
      li.appendChild(document.createTextNode(c.label));
      legend.appendChild(li);
    });
  }
  if (selLayer) { selLayer.addEventListener('change', update); }

  var bounds = regionLayer.getBounds();
  if (!bounds.isValid()) { bounds = cellLayer.getBounds(); }
  if (!bounds.isValid()) { bounds = siteLayer.getBounds(); }
  if (bounds.isValid()) { map.fitBounds(bounds, { padding: [16, 16] }); } else { map.setView([62, 26], 6); }
  update();

  var body = document.body;
  body.setAttribute('data-cells', String(cellLayer.getLayers().length));
  body.setAttribute('data-regions', String(regionLayer.getLayers().length));
  body.setAttribute('data-services', String(siteLayer.getLayers().length));
  body.setAttribute('data-ready', '1');
})();
