// A camera's page: where it is and what it sees, on a small map.
import { drawCells, readJson, translateLeaflet, fill } from "./cameras-layer.js";

const config = readJson("map-config");
const strings = readJson("map-strings");
const [lon, lat] = config.camera.geometry.coordinates;
const map = L.map("camera-map", { maxZoom: config.maxZoom, scrollWheelZoom: false });
translateLeaflet(map, strings);
L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: config.maxZoom }).addTo(map);
map.attributionControl.addAttribution(fill(strings.cameraData, { license: config.dataLicense }));
map.setView([lat, lon], 18);

const group = L.featureGroup().addTo(map);
const drawn = drawCells(group, { features: [config.camera] }, { map, config, strings }, { cones: true });
const element = document.getElementById("camera-map");
element.dataset.cameras = String(drawn.cameras);
element.dataset.cones = String(document.querySelectorAll("#camera-map path.fov").length);
element.dataset.state = "ready";
