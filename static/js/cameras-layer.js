// Cameras on a Leaflet map: clusters from the server, icons, fields of view and popups.
// Shared by the map, neighbourhood and camera pages. Text from the data goes in through
// textContent only.

const SVG = "http://www.w3.org/2000/svg";
const EARTH_RADIUS_M = 6371008.8;
// Horizontal angle of view by camera type, in degrees: rough typical values, for drawing.
const ANGLE = { fixed: 60, dome: 90, panning: 120, unknown: 60 };
// Licence plate readers look along one lane.
const ALPR_ANGLE = 30;

export function readJson(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
}

export function formatNumber(value, digits = 1) {
  return Number(value).toLocaleString(document.documentElement.lang, {
    maximumFractionDigits: digits,
  });
}

export function camerasText(strings, n) {
  return fill(n === 1 ? strings.camerasOne : strings.camerasMany, { n: formatNumber(n, 0) });
}

export function formatDay(isoDate) {
  if (!isoDate) return "";
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "medium" }).format(
    new Date(year, month - 1, day),
  );
}

// How far a camera is drawn to see: a few times its height when known (a rough, readable
// scale, not a measurement), 25 m otherwise.
export function reachMetres(heightM) {
  if (!heightM) return 25;
  return Math.min(60, Math.max(12, heightM * 6));
}

function destination(latlng, bearingDeg, metres) {
  const rad = Math.PI / 180;
  const angular = metres / EARTH_RADIUS_M;
  const bearing = bearingDeg * rad;
  const lat1 = latlng.lat * rad;
  const lon1 = latlng.lng * rad;
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing),
  );
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1),
      Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2),
    );
  return L.latLng(lat2 / rad, lon2 / rad);
}

// [from, to] bearings, clockwise, for one direction: a bearing or a range like "90-270".
export function sector(direction, properties) {
  if (typeof direction === "string" && direction.includes("-")) {
    const [from, to] = direction.split("-").map(Number);
    return [from, to > from ? to : to + 360];
  }
  const angle =
    properties.surveillance_type === "alpr" ? ALPR_ANGLE : ANGLE[properties.camera_type] ?? 60;
  const bearing = Number(direction);
  return [bearing - angle / 2, bearing + angle / 2];
}

// A wedge per direction; a circle for a camera that turns (dome, panning) or whose
// direction nobody noted (dashed).
export function fieldOfView(properties, latlng) {
  const reach = reachMetres(properties.height_m);
  const directions = properties.directions || [];
  if (!directions.length) {
    const turns = properties.camera_type === "dome" || properties.camera_type === "panning";
    return [
      L.circle(latlng, {
        radius: reach,
        className: turns ? "fov fov-circle" : "fov fov-circle fov-unknown",
        interactive: false,
      }),
    ];
  }
  return directions.map((direction) => {
    const [from, to] = sector(direction, properties);
    const points = [latlng];
    for (let bearing = from; bearing < to; bearing += 5) points.push(destination(latlng, bearing, reach));
    points.push(destination(latlng, to, reach));
    return L.polygon(points, { className: "fov fov-wedge", interactive: false });
  });
}

export function iconName(properties) {
  return properties.surveillance_type === "camera"
    ? `camera-${properties.camera_type}`
    : properties.surveillance_type;
}

function cameraIcon(properties, iconsUrl) {
  const box = document.createElement("div");
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const use = document.createElementNS(SVG, "use");
  use.setAttribute("href", `${iconsUrl}#${iconName(properties)}`);
  svg.append(use);
  box.append(svg);
  if (properties.count > 1) {
    const badge = document.createElement("span");
    badge.className = "count";
    badge.textContent = `×${properties.count}`;
    box.append(badge);
  }
  return L.divIcon({
    html: box,
    className: `camera-icon icon-${iconName(properties)}`,
    iconSize: [28, 28],
    iconAnchor: [14, 14],
  });
}

function clusterIcon(properties) {
  const label = document.createElement("span");
  label.textContent = formatNumber(properties.count, 0);
  const size = 30 + 6 * Math.min(4, Math.floor(Math.log10(properties.count)));
  return L.divIcon({
    html: label,
    className: "cluster-icon",
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}

function term(list, label, value) {
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  dd.textContent = value;
  list.append(dt, dd);
}

export function cameraDetails(camera, context) {
  const { strings, config } = context;
  const labels = strings.labels;
  const p = camera.properties;
  const box = document.createElement("div");
  box.className = "camera-popup";
  const title = document.createElement("strong");
  title.textContent = `${labels.surveillance_type[p.surveillance_type]} · ${labels.camera_type[p.camera_type]}`;
  box.append(title);
  if (p.photo) {
    const image = document.createElement("img");
    image.src = p.photo;
    image.alt = strings.photoAlt;
    image.loading = "lazy";
    image.width = 240;
    image.height = 180;
    box.append(image);
  }
  const list = document.createElement("dl");
  term(list, strings.mount, labels.mount[p.mount]);
  const operator = labels.operator_type[p.operator_type];
  term(list, strings.operator, p.operator ? `${operator} (${p.operator})` : operator);
  if (p.count > 1) term(list, strings.devices, formatNumber(p.count, 0));
  if (p.directions.length) term(list, strings.directions, p.directions.map((d) => `${d}°`).join(", "));
  term(list, strings.confirmations, formatNumber(p.confirmations, 0));
  term(list, strings.firstReported, formatDay(p.first_reported));
  box.append(list);
  const link = document.createElement("a");
  link.href = config.cameraPageUrl.replace("/0/", `/${p.id}/`);
  link.textContent = strings.cameraPage;
  box.append(link);
  return box;
}

function openCamera(marker, id, context) {
  if (marker.getPopup()) {
    marker.openPopup(); // fetched already
    return;
  }
  const waiting = document.createElement("p");
  waiting.textContent = context.strings.loading;
  marker.bindPopup(waiting, { maxWidth: 260 }).openPopup();
  fetch(context.config.cameraUrl.replace("/0/", `/${id}/`), { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error(`camera ${id}: HTTP ${response.status}`);
      return response.json();
    })
    .then((camera) => marker.setPopupContent(cameraDetails(camera, context)))
    .catch(() => {
      marker.setPopupContent(context.strings.loadFailed);
      marker.once("popupclose", () => marker.unbindPopup()); // try again next time
    });
}

// Cameras a few metres apart stay a cluster at the deepest zoom: a popup lists them.
function listCameras(marker, latlng, context) {
  const half = 0.0002;
  const bbox = [latlng.lng - half, latlng.lat - half, latlng.lng + half, latlng.lat + half];
  const url = context.config.camerasUrl + "?bbox=" + bbox.map((v) => v.toFixed(6)).join(",");
  fetch(url, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(url))))
    .then((collection) => {
      const list = document.createElement("ul");
      list.className = "camera-list";
      const labels = context.strings.labels;
      for (const camera of collection.features) {
        const p = camera.properties;
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = context.config.cameraPageUrl.replace("/0/", `/${p.id}/`);
        link.textContent = `${labels.surveillance_type[p.surveillance_type]} · ${labels.camera_type[p.camera_type]}`;
        item.append(link);
        list.append(item);
      }
      marker.bindPopup(list, { maxWidth: 260 }).openPopup();
    })
    .catch(() => marker.bindPopup(context.strings.loadFailed).openPopup());
}

// A tap, a click, or Enter/Space on a focused marker (Leaflet only maps keys to popups).
function onActivate(marker, handler) {
  marker.on("click", handler);
  marker.on("keypress", (event) => {
    const key = event.originalEvent.key;
    if (key === "Enter" || key === " ") {
      event.originalEvent.preventDefault();
      handler();
    }
  });
}

// Draws a FeatureCollection from the clusters endpoint into `group`; fields of view only
// from street zoom, where cameras stand apart.
export function drawCells(group, collection, context, { cones }) {
  group.clearLayers();
  let cameras = 0;
  let clusters = 0;
  for (const feature of collection.features) {
    const [lon, lat] = feature.geometry.coordinates;
    const latlng = L.latLng(lat, lon);
    const p = feature.properties;
    if (p.cluster) {
      clusters += 1;
      const marker = L.marker(latlng, {
        icon: clusterIcon(p),
        title: fill(context.strings.clusterMarker, { n: formatNumber(p.count, 0) }),
        riseOnHover: true,
      });
      onActivate(marker, () => {
        const zoom = context.map.getZoom();
        if (zoom < context.config.maxZoom) context.map.setView(latlng, Math.min(zoom + 2, context.config.maxZoom));
        else listCameras(marker, latlng, context); // as close as the map goes: list them
      });
      group.addLayer(marker);
      continue;
    }
    cameras += 1;
    if (cones) for (const shape of fieldOfView(p, latlng)) group.addLayer(shape);
    const label = `${context.strings.labels.surveillance_type[p.surveillance_type]}, ${context.strings.labels.camera_type[p.camera_type]}`;
    const marker = L.marker(latlng, {
      icon: cameraIcon(p, context.config.iconsUrl),
      title: fill(context.strings.cameraMarker, { type: label }),
    });
    onActivate(marker, () => openCamera(marker, p.id, context));
    group.addLayer(marker);
  }
  return { cameras, clusters };
}

export function viewBbox(map) {
  const bounds = map.getBounds();
  const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value));
  let west = clamp(bounds.getWest(), 180);
  let east = clamp(bounds.getEast(), 180);
  if (bounds.getEast() - bounds.getWest() >= 360 || west >= east) [west, east] = [-180, 180];
  const south = clamp(bounds.getSouth(), 90);
  const north = clamp(bounds.getNorth(), 90);
  return [west, south, east, north].map((value) => value.toFixed(6)).join(",");
}

// Keeps `group` filled with the cameras in view, asking the server again after every move.
// `filters()` gives the current filter query; `visible()` says whether to show them now.
export function followCameras(map, group, context, { filters = () => ({}), visible = () => true, onDrawn = () => {} }) {
  let pending = null;
  async function refresh() {
    if (pending) pending.abort();
    if (!visible()) {
      group.clearLayers();
      onDrawn({ cameras: 0, clusters: 0, hidden: true });
      return;
    }
    pending = new AbortController();
    const zoom = map.getZoom();
    const query = new URLSearchParams({ bbox: viewBbox(map), zoom: String(zoom), ...filters() });
    try {
      const response = await fetch(`${context.config.clustersUrl}?${query}`, {
        headers: { Accept: "application/json" },
        signal: pending.signal,
      });
      if (!response.ok) throw new Error(`clusters: HTTP ${response.status}`);
      const collection = await response.json();
      const drawn = drawCells(group, collection, context, { cones: zoom >= context.config.streetZoom });
      onDrawn({ ...drawn, hidden: false, query: query.toString() });
    } catch (error) {
      if (error.name !== "AbortError") onDrawn({ error });
    }
  }
  map.on("moveend", refresh);
  return refresh;
}

// Leaflet writes a few English labels of its own; the page gives them in its language.
export function translateLeaflet(map, strings) {
  for (const button of map.zoomControl?.getContainer()?.querySelectorAll("a") ?? []) {
    const inward = button.classList.contains("leaflet-control-zoom-in");
    button.title = inward ? strings.zoomIn : strings.zoomOut;
    button.setAttribute("aria-label", button.title);
  }
  map.on("popupopen", (event) => {
    const close = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", strings.close);
  });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
}
