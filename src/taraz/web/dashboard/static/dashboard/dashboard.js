/* taraz dashboard: draws the charts from the figures the server put in the page (#chart-data),
   and shows the custom range fields only when "custom range" is chosen. No data is fetched
   and nothing is computed here. */
(function () {
  "use strict";

  function rangeFields() {
    var period = document.getElementById("f-period");
    var range = document.getElementById("f-range");
    if (!period || !range) return;
    function sync() {
      var custom = period.value === "range";
      range.hidden = !custom;
      range.querySelectorAll("select").forEach(function (s) { s.disabled = !custom; });
    }
    period.addEventListener("change", sync);
    sync();
  }

  function niceTicks(max, count) {
    if (!(max > 0)) return [0];
    var raw = max / count;
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * mag; }).find(function (s) { return s >= raw; });
    var ticks = [];
    for (var v = 0; v <= max * 1.0001 + step; v += step) { ticks.push(+v.toFixed(6)); if (v > max) break; }
    return ticks;
  }

  function axis(values, lang) {
    var max = Math.max.apply(null, values.filter(function (v) { return v != null; }).concat([0]));
    var fmt = new Intl.NumberFormat(lang === "fa" ? "fa-IR" : "en-US", { maximumFractionDigits: 2 });
    var ticks = niceTicks(max, 4);
    return { tickvals: ticks, ticktext: ticks.map(function (t) { return fmt.format(t); }), range: [0, ticks[ticks.length - 1]] };
  }

  function draw() {
    var holder = document.getElementById("chart-data");
    if (!holder || !window.Plotly) return;
    var d = JSON.parse(holder.textContent);
    var rtl = d.lang === "fa";
    var font = { family: rtl ? "Vazirmatn, Tahoma, sans-serif" : "system-ui, sans-serif", size: 13 };
    var config = { displaylogo: false, responsive: true, displayModeBar: false };
    var base = { font: font, margin: { t: 10, r: 10, b: 40, l: 10 }, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", showlegend: false };

    // monthly: this year against last
    var m = d.monthly;
    var yAxis = axis(m["this"].concat(m.last), d.lang);
    Plotly.newPlot("chart-monthly", [
      { type: "bar", name: m.last_name, x: m.x, y: m.last, hovertext: m.last_text, hoverinfo: "text", marker: { color: "#9fb3c8" } },
      { type: "bar", name: m.this_name, x: m.x, y: m["this"], hovertext: m.this_text, hoverinfo: "text", marker: { color: "#0b7a75" } }
    ], Object.assign({}, base, {
      barmode: "group", showlegend: true, legend: { orientation: "h", y: 1.12, x: rtl ? 1 : 0, xanchor: rtl ? "right" : "left" },
      xaxis: { autorange: rtl ? "reversed" : true, automargin: true },
      yaxis: Object.assign({ title: { text: m.unit, standoff: 14 }, side: rtl ? "right" : "left", automargin: true }, yAxis)
    }), config);

    // sector shares
    var s = d.sectors;
    Plotly.newPlot("chart-sectors", [{
      type: "pie", hole: 0.45, labels: s.labels, values: s.values, customdata: s.links,
      text: s.shares, hovertext: s.labels.map(function (l, i) { return l + ": " + s.shares[i] + " (" + s.text[i] + ")"; }),
      hoverinfo: "text", textinfo: "text", sort: false, direction: "clockwise"
    }], Object.assign({}, base, { showlegend: true, legend: { orientation: "h" }, margin: { t: 10, r: 10, b: 10, l: 10 } }), config);

    var phone = window.innerWidth < 500;
    // The charts are laid out left to right (plotly anchors its text that way); a Persian
    // label is a right-to-left isolate inside it, so its ellipsis stays at its logical end.
    function isolated(text) { return rtl ? "\u2067" + text + "\u2069" : text; }

    function labelRoom(labels) {
      var longest = labels.reduce(function (n, l) { return Math.max(n, l.length); }, 0);
      return Math.min(Math.max(longest * 7 + 16, 60), phone ? 150 : 280);
    }

    function bars(id, series, color) {
      var xAxis = axis(series.values, d.lang);
      var labels = (phone && series.labels_phone ? series.labels_phone : series.labels).map(isolated);
      Plotly.newPlot(id, [{
        type: "bar", orientation: "h", y: labels.slice().reverse(), x: series.values.slice().reverse(),
        hovertext: (series.names || series.labels).map(function (n, i) { return isolated(n) + ": " + series.text[i]; }).reverse(), hoverinfo: "text",
        text: series.text.map(isolated).reverse(), textposition: phone ? "none" : "auto", insidetextanchor: "end", textangle: 0,
        customdata: (series.links || []).slice().reverse(), marker: { color: color }
      }], Object.assign({}, base, {
        height: Math.max(320, 40 + 30 * labels.length),
        xaxis: Object.assign({ autorange: false, automargin: true, title: { text: series.unit, standoff: 12 } }, xAxis, rtl ? { range: [xAxis.range[1], 0] } : {}),
        yaxis: { automargin: true, side: rtl ? "right" : "left", ticklabelposition: "outside", type: "category", ticks: "outside", ticklen: 6, tickcolor: "rgba(0,0,0,0)" },
        margin: rtl ? { t: 10, r: labelRoom(labels), b: 50, l: 10 } : { t: 10, r: 10, b: 50, l: labelRoom(labels) }
      }), config);
    }
    bars("chart-partners", d.partners, "#0b5cab");
    bars("chart-products", d.products, "#7a4fb5");
    bars("chart-attribution", d.attribution, "#b5542b");

    // drill-down by clicking a sector or a partner
    ["chart-sectors", "chart-partners"].forEach(function (id) {
      var el = document.getElementById(id);
      el.on("plotly_click", function (ev) {
        var link = ev.points && ev.points[0] && ev.points[0].customdata;
        if (link) window.location.assign(Array.isArray(link) ? link[0] : link);
      });
    });
  }

  function focusDrill() {
    var drill = document.getElementById("drill");
    if (drill && window.location.hash === "#drill") drill.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    rangeFields();
    focusDrill();
    // plotly measures its labels when it draws: wait for the page's fonts (Vazirmatn is
    // wider than the fallback), or the margins it leaves are too narrow
    if (!document.fonts || !document.fonts.load) { draw(); return; }
    Promise.all([document.fonts.load("13px Vazirmatn"), document.fonts.ready]).then(draw, draw);
  });
})();
