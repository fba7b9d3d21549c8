// The map page: incidents from the API, filtered by the URL's query (so a view can be shared),
// drawn as clustered markers over offline country outlines, with a timeline that filters.
// Every text from the data goes through textContent (HW.el), never innerHTML.
"use strict";
(function () {
  var FIELDS = ["date_from", "date_to", "country", "grade", "min_killed", "actor", "q"];
  var MARK = { Confirmed: "C", Fair: "F", Weak: "W", Contested: "?", Discounted: "D" };
  var params = new URLSearchParams(location.search);
  FIELDS.forEach(function (f) {
    var input = document.getElementById("f-" + f);
    if (input && params.get(f)) input.value = params.get(f);
  });

  var map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5 }).setView([20, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: countryinfo (Natural Earth)");
  fetch("/static/basemap/countries.geojson").then(function (r) { return r.json(); }).then(function (g) {
    L.geoJSON(g, { interactive: false, style: { color: "#8a8f98", weight: 0.7, fillColor: "#eef0ea", fillOpacity: 1 } })
      .addTo(map).bringToBack();
  }).catch(function () { /* no outlines: markers still work */ });
  var cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
  map.addLayer(cluster);

  function best(inc) {
    var k = inc.killed || {};
    return k.best != null ? k.best : (k.high != null ? k.high : (k.low != null ? k.low : null));
  }
  function range(r) {
    if (!r || (r.low == null && r.best == null && r.high == null)) return "—";
    var s = function (v) { return v == null ? "?" : String(v); };
    if (r.low === r.high && (r.best == null || r.best === r.low)) return s(r.low);
    return s(r.low) + "–" + s(r.best) + "–" + s(r.high);
  }
  function gradeClass(g) { return "grade-" + (g ? g.toLowerCase() : "none"); }
  function place(inc) { return [inc.place_name, inc.admin1, inc.country].filter(Boolean).join(", ") || "unknown place"; }

  function marker(inc) {
    var n = best(inc) || 0, size = Math.round(18 + Math.min(30, 4 * Math.sqrt(n)));
    var pin = HW.el("span", MARK[inc.grade] || "·", { "class": "pin " + gradeClass(inc.grade) });
    pin.style.width = pin.style.height = size + "px";
    pin.style.lineHeight = size + "px";
    var icon = L.divIcon({ html: pin, className: "pin-wrap", iconSize: [size, size] });
    var m = L.marker([inc.lat, inc.lon], { icon: icon, keyboard: true,
      title: place(inc) + ": " + (best(inc) == null ? "toll unknown" : best(inc) + " killed") + ", " + (inc.grade || "not graded") });
    var pop = HW.el("div");
    var a = HW.el("a", (inc.type || "Incident") + " — " + place(inc), { href: "/incidents/" + encodeURIComponent(inc.id) });
    pop.appendChild(a);
    pop.appendChild(HW.el("div", (inc.date_start || "undated") + " · killed " + range(inc.killed)));
    pop.appendChild(HW.el("div", "Grade: " + (inc.grade || "not graded") + " · " + inc.documents + " report(s)"));
    m.bindPopup(pop);
    return m;
  }

  async function load() {
    var q = new URLSearchParams();
    FIELDS.forEach(function (f) { if (params.get(f)) q.set(f, params.get(f)); });
    q.set("limit", "1000");
    var items = [], cursor = null, total = 0;
    do {
      if (cursor) q.set("cursor", cursor);
      var page = await HW.api("GET", "/incidents?" + q.toString());
      items = items.concat(page.items); total = page.total; cursor = page.next_cursor;
    } while (cursor && items.length < 20000);
    return { items: items, total: total };
  }

  function drawTable(items) {
    var body = document.querySelector("#incident-table tbody");
    body.replaceChildren();
    items.forEach(function (inc) {
      var tr = HW.el("tr");
      tr.appendChild(HW.el("td", inc.date_start || "undated"));
      var td = HW.el("td");
      td.appendChild(HW.el("a", place(inc), { href: "/incidents/" + encodeURIComponent(inc.id) }));
      tr.appendChild(td);
      tr.appendChild(HW.el("td", inc.type || ""));
      tr.appendChild(HW.el("td", range(inc.killed)));
      var g = HW.el("td");
      g.appendChild(HW.el("span", MARK[inc.grade] || "·", { "class": "pin small " + gradeClass(inc.grade), "aria-hidden": "true" }));
      g.appendChild(document.createTextNode(" " + (inc.grade || "not graded")));
      tr.appendChild(g);
      tr.appendChild(HW.el("td", String(inc.documents)));
      body.appendChild(tr);
    });
  }

  function drawMap(items) {
    cluster.clearLayers();
    var pts = [];
    items.forEach(function (inc) {
      if (inc.lat == null || inc.lon == null) return;
      cluster.addLayer(marker(inc));
      pts.push([inc.lat, inc.lon]);
    });
    if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 7 });
  }

  // Timeline: buckets per day (or per week when the span is long); each bar is a link that
  // sets date_from/date_to to its bucket, so the map and the URL follow.
  function drawTimeline(items) {
    var box = document.getElementById("timeline");
    box.replaceChildren();
    var dated = items.filter(function (i) { return i.date_start; });
    if (!dated.length) { box.appendChild(HW.el("p", "No dated incidents.")); return; }
    var day = 86400000, t = dated.map(function (i) { return Date.parse(i.date_start); });
    var t0 = Math.min.apply(null, t), t1 = Math.max.apply(null, t);
    var unit = (t1 - t0) / day > 120 ? 7 : 1;
    document.getElementById("tl-unit").textContent = unit === 7 ? "week" : "day";
    var buckets = {};
    dated.forEach(function (i) {
      var k = Math.floor((Date.parse(i.date_start) - t0) / (unit * day));
      var b = buckets[k] || (buckets[k] = { n: 0, killed: 0 });
      b.n += 1; b.killed += best(i) || 0;
    });
    var keys = Object.keys(buckets).map(Number), nb = Math.max.apply(null, keys) + 1;
    var maxN = Math.max.apply(null, keys.map(function (k) { return buckets[k].n; }));
    var NS = "http://www.w3.org/2000/svg", W = 900, H = 90, bw = Math.max(2, Math.min(40, (W - 20) / nb));
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + (H + 20));
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", "Incidents per " + (unit === 7 ? "week" : "day"));
    keys.sort(function (a, b) { return a - b; }).forEach(function (k) {
      var b = buckets[k], from = new Date(t0 + k * unit * day), to = new Date(from.getTime() + (unit - 1) * day);
      var iso = function (d) { return d.toISOString().slice(0, 10); };
      var q = new URLSearchParams(location.search);
      q.set("date_from", iso(from)); q.set("date_to", iso(to));
      var a = document.createElementNS(NS, "a");
      a.setAttribute("href", "?" + q.toString());
      a.setAttribute("class", "bar");
      var label = iso(from) + (unit === 7 ? " (week)" : "") + ": " + b.n + " incident(s), " + b.killed + " killed";
      a.setAttribute("aria-label", label);
      var h = Math.max(3, (H - 10) * b.n / maxN), x = 10 + k * bw;
      var r = document.createElementNS(NS, "rect");
      r.setAttribute("x", x); r.setAttribute("y", H - h); r.setAttribute("width", Math.max(1, bw - 2)); r.setAttribute("height", h);
      var title = document.createElementNS(NS, "title"); title.textContent = label;
      r.appendChild(title); a.appendChild(r);
      if (b.killed) {
        var tx = document.createElementNS(NS, "text");
        tx.setAttribute("x", x + bw / 2 - 1); tx.setAttribute("y", H - h - 3); tx.setAttribute("text-anchor", "middle");
        tx.textContent = String(b.killed); a.appendChild(tx);
      }
      svg.appendChild(a);
    });
    var d0 = document.createElementNS(NS, "text"); d0.setAttribute("x", 10); d0.setAttribute("y", H + 16);
    d0.textContent = new Date(t0).toISOString().slice(0, 10); svg.appendChild(d0);
    var d1 = document.createElementNS(NS, "text"); d1.setAttribute("x", W - 10); d1.setAttribute("y", H + 16);
    d1.setAttribute("text-anchor", "end"); d1.textContent = new Date(t1).toISOString().slice(0, 10); svg.appendChild(d1);
    box.appendChild(svg);
    box.appendChild(HW.el("p", "Bar height: incidents; number above: killed (best estimates).", { "class": "hint" }));
  }

  load().then(function (res) {
    var s = document.getElementById("summary");
    var located = res.items.filter(function (i) { return i.lat != null; }).length;
    s.textContent = res.total + " incident(s) match; " + located + " on the map.";
    drawTimeline(res.items); drawMap(res.items); drawTable(res.items);
    document.body.setAttribute("data-loaded", String(res.total));
  }).catch(function (e) {
    document.getElementById("summary").textContent = "Could not load incidents: " + e.message;
  });
})();
