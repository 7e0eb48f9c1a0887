// A neighbourhood's page: its outline and its cameras on a small map.
import { followCameras, readJson, translateLeaflet, fill } from "./cameras-layer.js";

const config = readJson("map-config");
const strings = readJson("map-strings");
const map = L.map("area-map", { maxZoom: config.maxZoom, scrollWheelZoom: false });
translateLeaflet(map, strings);
L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: config.maxZoom }).addTo(map);
map.attributionControl.addAttribution(fill(strings.cameraData, { license: config.dataLicense }));

const outline = L.geoJSON(config.area, { style: { className: "area-outline" }, interactive: false }).addTo(map);
const cameras = L.featureGroup().addTo(map);
const element = document.getElementById("area-map");
const refresh = followCameras(map, cameras, { map, config, strings }, {
  onDrawn: ({ cameras: shown = 0, clusters = 0 }) => {
    element.dataset.cameras = String(shown);
    element.dataset.clusters = String(clusters);
    element.dataset.state = "ready";
  },
});
map.fitBounds(outline.getBounds(), { padding: [6, 6] });
refresh();
