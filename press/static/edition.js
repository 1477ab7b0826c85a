/* The edition's one script of its own: draws every chart and map on a page from the JSON written into it, and, in
   an iframe, tells the host page how tall the page is (message type "borderlines:height") whenever that changes.
   Charts switch to their phone layout below 700 px (charts.text.PAGE_WIDTH, the width their page layout is fitted
   for), as in the app. Nothing here is fetched: plotly.js and deck.gl come from assets/ beside this file. */
(function () {
  "use strict";
  var PHONE_BELOW = 700;

  function json(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function drawChart(box) {
    var narrow = box.clientWidth < PHONE_BELOW;
    if (box.dataset.drawn === (narrow ? "phone" : "wide")) return;
    var figure = json(box.dataset.figure + (narrow ? "-phone" : "")) || json(box.dataset.figure);
    var layout = Object.assign({}, figure.layout, {autosize: true});
    delete layout.width;
    if (layout.height) box.style.height = layout.height + "px";  // the phone's layout is taller
    window.Plotly.react(box, figure.data, layout, {
      responsive: true, displaylogo: false, modeBarButtonsToRemove: ["select2d", "lasso2d"],
      toImageButtonOptions: {format: "png", filename: box.dataset.stem, scale: 2}
    });
    box.dataset.drawn = narrow ? "phone" : "wide";
  }

  function tooltip(template) {
    return function (info) {
      var object = info.object;
      if (!object || !template) return null;
      var values = Object.assign({}, object.properties || {}, object);
      var text = template.replace(/\{(\w+)\}/g, function (_, key) { return values[key] == null ? "" : values[key]; });
      return text ? {text: text} : null;  // deck.gl writes `text` as text, never as HTML
    };
  }

  function drawMap(box) {
    var spec = json(box.dataset.deck);
    var converter = new window.deck.JSONConverter({
      configuration: new window.deck.JSONConfiguration({classes: window.deck})
    });
    // The map is laid out for a page 700 px wide: narrower, it zooms out to show the same countries.
    var view = Object.assign({}, spec.initialViewState);
    view.zoom += Math.log2(Math.min(1, box.clientWidth / 700));
    var props = converter.convert({layers: spec.layers, initialViewState: view, views: spec.views});
    new window.deck.Deck(Object.assign(props, {
      parent: box, width: "100%", height: "100%", controller: true,
      getTooltip: tooltip(box.dataset.tooltip)
    }));
    box.dataset.drawn = "map";
  }

  function drawAll() {
    if (!window.Plotly) return;  // a page of maps or tables only
    document.querySelectorAll(".chart[data-figure]").forEach(drawChart);
  }

  function reportHeight() {
    if (window.parent === window) return;
    var height = document.documentElement.scrollHeight;
    window.parent.postMessage({type: "borderlines:height", height: height, chart: document.body.dataset.chart},
                              "*");
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll();
    document.querySelectorAll(".map[data-deck]").forEach(drawMap);
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(drawAll, 150);
    });
    if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.documentElement);
    window.addEventListener("load", reportHeight);
    reportHeight();
  });
})();
