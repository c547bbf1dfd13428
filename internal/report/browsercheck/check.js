/* Injected after the page's own scripts by browsercheck: measures the
   rendered page and writes the findings as JSON into #saavu-dom-check. */
(function () {
  'use strict';
  var out = {
    ready: document.body.getAttribute('data-ready') === '1',
    errors: [], sections: [], charts: [], overlaps: [], outside: [], clipped: [],
    layers: [], counts: {}, body: {}
  };
  function rec(e) {
    var r = e.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height, right: r.right, bottom: r.bottom };
  }
  function desc(e) {
    return (e.getAttribute('class') || e.tagName) + ' "' + (e.textContent || '').trim().slice(0, 60) + '"';
  }
  try {
    var errs = document.getElementById('js-errors');
    if (errs) { Array.prototype.forEach.call(errs.children, function (li) { out.errors.push(li.textContent); }); }
    Array.prototype.forEach.call(document.body.attributes, function (a) {
      if (a.name.indexOf('data-') === 0) { out.body[a.name.slice(5)] = a.value; }
    });
    document.querySelectorAll('section[id], article[id]').forEach(function (s) { out.sections.push(s.id); });

    // Charts: text boxes must not overlap each other or leave the chart.
    var tol = 0.5;
    document.querySelectorAll('svg.chart').forEach(function (svg) {
      var title = svg.getAttribute('aria-label') || '';
      var texts = Array.prototype.slice.call(svg.querySelectorAll('text'));
      var frame = rec(svg);
      var boxes = texts.map(rec);
      var info = { class: svg.getAttribute('class'), title: title, texts: texts.length,
        bars: svg.querySelectorAll('rect.bar').length, width: frame.w, section: '' };
      var holder = svg.closest('article[id], section[id]');
      if (holder) { info.section = holder.id; }
      out.charts.push(info);
      if (frame.w === 0) { return; }
      for (var i = 0; i < boxes.length; i++) {
        var a = boxes[i];
        if (a.w === 0 || a.h === 0) { continue; }
        if (a.x < frame.x - tol || a.right > frame.right + tol || a.y < frame.y - tol || a.bottom > frame.bottom + tol) {
          out.outside.push({ chart: title, text: desc(texts[i]) });
        }
        for (var j = i + 1; j < boxes.length; j++) {
          var b = boxes[j];
          if (b.w === 0 || b.h === 0) { continue; }
          var ox = Math.min(a.right, b.right) - Math.max(a.x, b.x);
          var oy = Math.min(a.bottom, b.bottom) - Math.max(a.y, b.y);
          if (ox > tol && oy > tol) {
            out.overlaps.push({ chart: title, a: desc(texts[i]), b: desc(texts[j]) });
          }
        }
      }
    });

    // Headings, labels and table headers: nothing cut off.
    document.querySelectorAll('h1, h2, h3, h4, h5, th, label, .figure-value, .figure-label, figcaption, .toc a').forEach(function (e) {
      if (e.getClientRects().length === 0) { return; }
      if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) {
        out.clipped.push(desc(e) + ' scrollWidth ' + e.scrollWidth + ' > clientWidth ' + e.clientWidth);
      }
    });

    // Map: features drawn per layer.
    var count = function (sel) { return document.querySelectorAll(sel).length; };
    out.counts = {
      cellPaths: count('path.saavu-cell'), regionPaths: count('path.saavu-region'),
      gapPaths: count('path.saavu-gap'), servicePaths: count('path.saavu-service'),
      stackIcons: count('.saavu-stack'), regionLabels: count('.leaflet-tooltip.region-label'),
      canvas: count('#map canvas'), maps: count('.leaflet-container')
    };
    var stacked = 0;
    document.querySelectorAll('.saavu-stack').forEach(function (e) { stacked += parseInt(e.textContent, 10) || 0; });
    out.counts.stackedServices = stacked;

    var cfgEl = document.getElementById('saavu-config');
    var cellsEl = document.getElementById('saavu-cells');
    var selLayer = document.getElementById('sel-layer');
    var selCat = document.getElementById('sel-category');
    var selMode = document.getElementById('sel-mode');
    if (cfgEl && cellsEl && out.counts.canvas === 0) {
      var cfg = JSON.parse(cfgEl.textContent);
      var cells = JSON.parse(cellsEl.textContent).features || [];
      var noValue = (cfg.noValue || '#e4e4e4').toLowerCase();
      var layers = cfg.layers || [];
      var fire = function (s) { if (s) { s.dispatchEvent(new Event('change')); } };
      var drawn = function () {
        var n = 0;
        document.querySelectorAll('path.saavu-cell').forEach(function (p) {
          var f = (p.getAttribute('fill') || '').toLowerCase();
          if (f && f !== noValue && f !== 'none') { n++; }
        });
        return n;
      };
      var wantFor = function (l, prop) {
        var want = 0;
        cells.forEach(function (f) {
          var v = (f.properties || {})[prop];
          var ok;
          if (!l) { ok = true; } else if (l.classes) {
            ok = l.classes.some(function (c) { return c.value === String(v); });
          } else if (l.bool) { ok = typeof v === 'boolean'; } else { ok = typeof v === 'number'; }
          if (ok) { want++; }
        });
        return want;
      };
      var legend = function () { return (document.getElementById('legend-title') || {}).textContent || ''; };
      if (selCat && selMode) {
        // The analyse report: every layer for every category and mode it has.
        var options = selLayer ? Array.prototype.map.call(selLayer.options, function (o) { return o.value; }) : ['nearest'];
        options.forEach(function (value) {
          var l = null;
          layers.forEach(function (x) { if (x.value === value) { l = x; } });
          var pairs = l ? l.pairs : [selCat.value + '|' + selMode.value];
          pairs.forEach(function (pair) {
            var cm = pair.split('|');
            if (selLayer) { selLayer.value = value; }
            if (cm[0] !== 'all') { selCat.value = cm[0]; }
            selMode.value = cm[1];
            fire(selLayer || selCat);
            var prop = l ? l.prop.split('{c}').join(selCat.value).split('{m}').join(selMode.value) :
              selCat.value + '_' + selMode.value + '_min';
            out.layers.push({ layer: value, category: selCat.value, mode: selMode.value, prop: prop,
              want: wantFor(l, prop), drawn: drawn(), legend: legend() });
          });
        });
      } else {
        // Other pages: each layer of the selector.
        layers.forEach(function (l) {
          if (selLayer) { selLayer.value = l.value; fire(selLayer); }
          out.layers.push({ layer: l.value, prop: l.prop, want: wantFor(l, l.prop), drawn: drawn(), legend: legend() });
        });
      }
    }
  } catch (e) {
    out.errors.push('check: ' + e);
  }
  var pre = document.createElement('pre');
  pre.id = 'saavu-dom-check';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
