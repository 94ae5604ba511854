// The map: offline basemap (Natural Earth via world-atlas), the agreement's areas and, when the
// page names a data URL, the incidents (clustered by the server), with filters and a week slider.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var STATUS_COLOURS = {
    confirmed: "#0d6b2f", rejected: "#5b6570", disputed: "#a3330b", pending: "#7a5a00",
    candidate: "#6a3d9a"
  };
  // the page's words in the reader's language (the server translates them; see map.html)
  var WORDS = JSON.parse(el.dataset.words || "{}");
  var LANG = document.documentElement.lang || "en";
  function term(value) { return (WORDS.terms && WORDS.terms[value]) || value; }
  function typeLabel(value) { return (WORDS.types && WORDS.types[value]) || value; }
  function countOf(n) {
    var forms = WORDS.plural || {};
    var form = forms[new Intl.PluralRules(LANG).select(n)] || forms.other || "%(num)s";
    return form.replace("%(num)s", String(n));
  }
  var map = L.map(el, { attributionControl: true, zoomControl: true, preferCanvas: false });
  map.attributionControl.setPrefix(false);
  map.setView([39.8, 46.6], 8);

  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "tiles" }).addTo(map);
  }
  fetch(el.dataset.basemap, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        style: { color: "#7d8b99", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
        interactive: false
      }).addTo(map).bringToBack();
      map.attributionControl.addAttribution("Natural Earth");
    });

  var areaBounds = null, fitted = false;
  var areaStyle = function (feature) {
    var kind = feature.properties.kind;
    if (kind === "line") { return { color: "#a3121b", weight: 3, dashArray: "6 4" }; }
    if (kind === "corridor") { return { color: "#0b5cad", weight: 2, fillOpacity: 0.2 }; }
    return { color: "#14243b", weight: 1.5, fillOpacity: 0.06 };
  };
  var areasLoaded = fetch(el.dataset.areas, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (areas) {
      var layer = L.geoJSON(areas, {
        style: areaStyle,
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 5, color: "#14243b", weight: 2, fillColor: "#fff", fillOpacity: 1 });
        },
        onEachFeature: function (f, l) {
          var p = f.properties;
          // a text node, never HTML: Leaflet puts a string tooltip in as markup
          var label = document.createElement("span");
          label.textContent = p.name + (p.approximate ? " (" + (WORDS.approximate || "approximate") + ")" : "");
          l.bindTooltip(label);
        }
      }).addTo(map);
      if (layer.getBounds().isValid()) {
        areaBounds = layer.getBounds();
        if (!fitted) { map.fitBounds(areaBounds); }
      }
      el.dataset.areasLoaded = "true";
    });

  // the force: posts with their own symbol (a triangle; a base filled apart), patrols and
  // convoys as lines; drawn above the areas, under the incidents
  var ROUTE_COLOURS = { patrol: "#0d6b2f", convoy: "#6a3d9a" };
  if (el.dataset.force) {
    areasLoaded.then(function () {
      return fetch(el.dataset.force, { credentials: "same-origin" });
    }).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, {
        style: function (f) {
          return { color: ROUTE_COLOURS[f.properties.layer] || "#444", weight: 4, opacity: 0.85,
                   dashArray: f.properties.layer === "convoy" ? "2 6" : null, className: "force-route route-" + f.properties.layer };
        },
        pointToLayer: function (f, latlng) {
          var p = f.properties;
          if (p.layer !== "post") {
            return L.circleMarker(latlng, { radius: 6, color: ROUTE_COLOURS[p.layer] || "#444", weight: 3, fillOpacity: 0, className: "force-route route-" + p.layer });
          }
          var marker = L.marker(latlng, {
            icon: L.divIcon({ className: "post-symbol " + p.kind, html: "", iconSize: [14, 14] }),
            keyboard: true, title: p.name, alt: p.name
          });
          marker.on("add", function () {
            var node = marker.getElement();
            if (node) { node.setAttribute("data-post", String(p.id)); }
          });
          return marker;
        },
        onEachFeature: function (f, l) {
          var p = f.properties, text;
          if (p.layer === "post") {
            text = p.name + " (" + p.kind + ", " + p.contributor + "), from " + p.opened + (p.closed ? " to " + p.closed : "");
          } else {
            text = p.layer + " " + p.start + (p.end && p.end !== p.start ? " to " + p.end : "") + ": " + p.participants.join(", ") +
              (p.places.length ? " · " + p.places.join(" – ") : "") + (p.cargo ? " · " + p.cargo : "");
          }
          l.bindTooltip(text);
          l.on("add", function () {
            var node = l.getElement ? l.getElement() : null;
            if (node && p.layer !== "post") { node.setAttribute("data-route", p.layer + "-" + p.id); }
          });
        }
      }).addTo(map);
      el.dataset.forceLoaded = "true";
    });
  }

  if (!el.dataset.incidents) { el.dataset.ready = "true"; return; }

  var form = document.getElementById("map-filters");
  var count = document.getElementById("map-count");
  var slider = document.getElementById("f-slider");
  var sliderOut = document.getElementById("f-slider-out");
  var incidents = L.layerGroup().addTo(map);
  var first = true;

  var legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "map-legend");
    Object.keys(STATUS_COLOURS).forEach(function (k) {
      var row = document.createElement("div");
      var dot = document.createElement("i");
      dot.className = "legend-" + k;
      dot.style.background = STATUS_COLOURS[k];
      row.appendChild(dot);
      row.appendChild(document.createTextNode(k));
      div.appendChild(row);
    });
    if (el.dataset.force) {
      [["post", "#14243b"], ["patrol", ROUTE_COLOURS.patrol], ["convoy", ROUTE_COLOURS.convoy]].forEach(function (k) {
        var row = document.createElement("div");
        var dot = document.createElement("i");
        dot.className = k[0] === "post" ? "post-symbol legend-post" : "legend-route";
        dot.style.background = k[1];
        row.appendChild(dot);
        row.appendChild(document.createTextNode(k[0]));
        div.appendChild(row);
      });
    }
    return div;
  };
  legend.addTo(map);

  function params() {
    var data = new FormData(form);
    var q = new URLSearchParams();
    data.forEach(function (v, k) { if (v) { q.append(k, v); } });
    var b = map.getBounds();
    if (!first) { q.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (x) { return x.toFixed(4); }).join(",")); }
    q.set("zoom", String(map.getZoom()));
    return q;
  }

  function load() {
    var q = params();
    return fetch(el.dataset.incidents + "?" + q.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        incidents.clearLayers();
        var bounds = [];
        data.features.forEach(function (f) {
          var c = f.geometry.coordinates, latlng = [c[1], c[0]], p = f.properties, marker;
          bounds.push(latlng);
          if (p.count > 1) {
            var size = Math.min(56, 26 + Math.log(p.count) * 5);
            marker = L.marker(latlng, {
              icon: L.divIcon({ className: "cluster-label", html: "", iconSize: [size, size] }),
              keyboard: true, title: p.count + " incidents", alt: p.count + " incidents"
            });
            marker.on("add", function () {
              var node = marker.getElement();
              node.textContent = String(p.count);
              node.style.background = STATUS_COLOURS[p.status] || "#444";
              node.style.borderRadius = "50%";
              node.style.lineHeight = size + "px";
              node.setAttribute("data-count", String(p.count));
            });
            if (p.ids) {
              // a few incidents at (almost) the same place: list them
              var list = document.createElement("ul");
              p.ids.forEach(function (id) {
                var li = document.createElement("li"), a = document.createElement("a");
                a.href = "/incidents/" + id; a.textContent = "#" + id;
                li.appendChild(a); list.appendChild(li);
              });
              marker.bindPopup(list);
            } else {
              marker.on("click", function () { map.setView(latlng, Math.min(map.getZoom() + 2, 16)); });
            }
          } else {
            marker = L.circleMarker(latlng, {
              radius: 8, color: "#fff", weight: 2, fillColor: STATUS_COLOURS[p.status] || "#444", fillOpacity: 0.95
            });
            var link = document.createElement("a");
            link.href = "/incidents/" + p.id;
            link.textContent = "#" + p.id + (p.place ? " " + p.place : "");
            var box = document.createElement("div");
            box.appendChild(link);
            box.appendChild(document.createElement("br"));
            box.appendChild(document.createTextNode(typeLabel(p.type || "") + " · " + term(p.status) + " · " + (p.date || "")));
            marker.bindPopup(box);
            marker.on("add", function () {
              var node = marker.getElement();
              if (node) { node.setAttribute("data-incident", String(p.id)); node.setAttribute("tabindex", "0"); node.setAttribute("role", "button"); node.setAttribute("aria-label", "#" + p.id + (p.place ? " " + p.place : "") + ", " + term(p.status)); node.addEventListener("keydown", function (e) { if (e.key === "Enter") { marker.openPopup(); } }); }
            });
          }
          incidents.addLayer(marker);
        });
        var unplaced = data.total - data.on_map;
        count.textContent = countOf(data.total) +
          (unplaced > 0 ? " (" + (WORDS.unplaced || "{n}").replace("{n}", String(unplaced)) + ")" : "");
        count.setAttribute("data-unplaced", String(Math.max(unplaced, 0)));
        count.setAttribute("data-total", String(data.total));
        if (first && bounds.length) {
          var all = L.latLngBounds(bounds);
          if (areaBounds) { all.extend(areaBounds); }
          map.fitBounds(all, { maxZoom: 10, padding: [20, 20] });
          fitted = true;
        }
        first = false;
        el.dataset.ready = "true";
      });
  }

  // the slider moves a one-week window between the earliest and latest incident dates
  function setupSlider(range) {
    if (!range || !range.first || !range.last) { slider.disabled = true; return; }
    var start = new Date(range.first + "T00:00:00Z"), last = new Date(range.last + "T00:00:00Z");
    var weeks = Math.max(0, Math.ceil((last - start) / (7 * 86400000)));
    slider.max = String(weeks);
    slider.addEventListener("input", function () {
      var from = new Date(start.getTime() + Number(slider.value) * 7 * 86400000);
      var to = new Date(from.getTime() + 6 * 86400000);
      form.elements.start.value = from.toISOString().slice(0, 10);
      form.elements.end.value = to.toISOString().slice(0, 10);
      sliderOut.textContent = form.elements.start.value;
    });
    slider.addEventListener("change", function () { load(); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); load(); });
  map.on("moveend", function () { if (!first) { load(); } });
  // incidents after the areas, so the first view frames both
  areasLoaded.then(load).then(function () {
    fetch(el.dataset.incidents + "?range=1&" + new URLSearchParams(new FormData(form)).toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(setupSlider);
  });
})();
