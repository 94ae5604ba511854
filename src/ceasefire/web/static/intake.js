// The field report form's map: a click sets the latitude and longitude fields; a town chosen
// from the suggestions moves the marker there. Without JavaScript the fields are typed by hand.
(function () {
  "use strict";
  var el = document.getElementById("pick-map");
  if (!el || !window.L) { return; }
  var lat = document.getElementById("r-lat");
  var lon = document.getElementById("r-lon");
  var place = document.getElementById("r-place");
  var map = L.map(el, { attributionControl: true, zoomControl: true });
  map.attributionControl.setPrefix(false);
  map.setView([0, 0], 2);
  fetch(el.dataset.basemap, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      L.geoJSON(topojson.feature(topo, topo.objects.countries), {
        style: { color: "#7d8b99", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
        interactive: false
      }).addTo(map).bringToBack();
      map.attributionControl.addAttribution("Natural Earth");
    });
  if (el.dataset.areas) {
    fetch(el.dataset.areas, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (areas) {
        var layer = L.geoJSON(areas, {
          style: { color: "#14243b", weight: 1.5, fillOpacity: 0.06 },
          pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 4 }); },
          interactive: false
        }).addTo(map);
        if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds()); }
        el.dataset.ready = "true";
      });
  } else {
    el.dataset.ready = "true";
  }
  var marker = null;
  function put(latitude, longitude) {
    var at = [latitude, longitude];
    if (marker) { marker.setLatLng(at); } else {
      marker = L.circleMarker(at, { radius: 7, color: "#a3121b", weight: 3, fillOpacity: 0.4 }).addTo(map);
    }
  }
  map.on("click", function (e) {
    lat.value = e.latlng.lat.toFixed(5);
    lon.value = e.latlng.lng.toFixed(5);
    put(e.latlng.lat, e.latlng.lng);
  });
  place.addEventListener("change", function () {
    var options = document.querySelectorAll("#towns option");
    for (var i = 0; i < options.length; i++) {
      if (options[i].value === place.value) {
        lat.value = options[i].dataset.lat;
        lon.value = options[i].dataset.lon;
        put(parseFloat(lat.value), parseFloat(lon.value));
        map.setView([parseFloat(lat.value), parseFloat(lon.value)], Math.max(map.getZoom(), 10));
        return;
      }
    }
  });
})();
