// The public map: neighbourhoods coloured by how densely cameras watch them, and the cameras
// themselves (clustered by the server) once zoomed in. Filters, the density measure and the
// view live in the URL's fragment, so a link restores exactly what was on screen.
import {
  camerasText,
  fill,
  followCameras,
  formatNumber,
  readJson,
  translateLeaflet,
} from "./cameras-layer.js";

const config = readJson("map-config");
const strings = readJson("map-strings");
// ColorBrewer YlOrRd, 5 classes: sequential and safe for colour-blind readers.
const PALETTE = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
const NO_DATA = "#d9d9d9";
const mapElement = document.getElementById("map");
const status = document.getElementById("map-status");
let quiet = null;

// A short visible message, also read out by screen readers.
function say(text, { stay = false } = {}) {
  status.textContent = text;
  clearTimeout(quiet);
  if (!stay && text) quiet = setTimeout(() => (status.textContent = ""), 6000);
}

const state = { measure: "km2", filters: {}, figures: new Map(), total: 0, started: false };
let areaLayer = null;
const shapes = new Map(); // slug -> Leaflet layer

const map = L.map("map", { zoomControl: false, maxZoom: config.maxZoom });
L.control
  .zoom({ position: "topright", zoomInTitle: strings.zoomIn, zoomOutTitle: strings.zoomOut })
  .addTo(map);
translateLeaflet(map, strings);
// Tiles are decoration: when they fail (no network) every data layer still draws.
L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: config.maxZoom }).addTo(map);
map.attributionControl.addAttribution(fill(strings.cameraData, { license: config.dataLicense }));

const cameraGroup = L.featureGroup().addTo(map);
const context = { map, config, strings };

// --- the permalink -----------------------------------------------------------------------

function readPermalink() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const view = (params.get("map") || "").split("/").map(Number);
  state.measure = params.get("measure") === "residents" ? "residents" : "km2";
  state.filters = {};
  for (const name of config.filters) {
    if (params.get(name)) state.filters[name] = params.get(name);
  }
  return view.length === 3 && view.every(Number.isFinite) ? view : null;
}

function writePermalink() {
  const center = map.getCenter();
  const params = new URLSearchParams({
    map: `${map.getZoom()}/${center.lat.toFixed(5)}/${center.lng.toFixed(5)}`,
  });
  if (state.measure !== "km2") params.set("measure", state.measure);
  for (const [name, value] of Object.entries(state.filters)) params.set(name, value);
  const hash = `#${params.toString().replaceAll("%2F", "/")}`;
  window.history.replaceState(null, "", hash);
  // Switching language keeps the view.
  const next = document.querySelector(".language-switch input[name=next]");
  if (next) next.value = `${window.location.pathname}${window.location.search}${hash}`;
}

// --- the choropleth ----------------------------------------------------------------------

function valueOf(properties) {
  return state.measure === "residents" ? properties.per_1000_residents : properties.density_per_km2;
}

// Classes for the choropleth: areas without any camera get a class of their own (the
// lightest); the others are split at quantiles, so each class holds about as many areas.
function classify(values) {
  const positive = values.filter((value) => value > 0).sort((a, b) => a - b);
  const zero = values.some((value) => value <= 0);
  const wanted = Math.min(PALETTE.length - (zero ? 1 : 0), new Set(positive).size);
  const lower = [];
  for (let i = 0; i < wanted; i += 1) {
    const value = positive[Math.floor((i * positive.length) / wanted)];
    if (!lower.length || value > lower.at(-1)) lower.push(value);
  }
  // Spread the classes over the palette so that the darkest always means the densest.
  const first = zero ? 1 : 0;
  const colours = lower.map((_, i) =>
    lower.length === 1
      ? PALETTE.at(-1)
      : PALETTE[first + Math.round((i * (PALETTE.length - 1 - first)) / (lower.length - 1))],
  );
  return { zero, lower, colours, max: positive.at(-1) };
}

function colourOf(value, classes) {
  if (value === null || value === undefined) return NO_DATA;
  if (value <= 0) return PALETTE[0];
  let index = 0;
  while (index + 1 < classes.lower.length && value >= classes.lower[index + 1]) index += 1;
  return classes.colours[index];
}

function legendItem(colour, text) {
  const item = document.createElement("li");
  const swatch = document.createElement("span");
  swatch.className = "swatch";
  // A colour of the fixed palette, set through the DOM (no style="" markup).
  swatch.style.background = colour;
  const label = document.createElement("span");
  label.textContent = text;
  item.append(swatch, label);
  return item;
}

function renderLegend(classes, hasUnknown) {
  document.getElementById("legend-title").textContent =
    state.measure === "residents" ? strings.legend1000 : strings.legendKm2;
  const list = document.querySelector("#legend .legend-classes");
  list.replaceChildren();
  if (classes.zero) list.append(legendItem(PALETTE[0], formatNumber(0)));
  classes.lower.forEach((lower, i) => {
    const upper = classes.lower[i + 1] ?? classes.max;
    const text = upper > lower ? `${formatNumber(lower)} – ${formatNumber(upper)}` : formatNumber(lower);
    list.append(legendItem(classes.colours[i], text));
  });
  if (hasUnknown) list.append(legendItem(NO_DATA, strings.noPopulation));
}

function areaPopup(slug) {
  const p = state.figures.get(slug);
  const box = document.createElement("div");
  box.className = "area-popup";
  const title = document.createElement("strong");
  title.textContent = p.name;
  const count = document.createElement("p");
  count.className = "area-count";
  count.textContent = camerasText(strings, p.camera_count);
  const density = document.createElement("p");
  density.textContent = `${formatNumber(p.density_per_km2)} ${strings.perKm2}`;
  box.append(title, count, density);
  if (p.per_1000_residents !== null) {
    const residents = document.createElement("p");
    residents.textContent = `${formatNumber(p.per_1000_residents, 2)} ${strings.per1000}`;
    box.append(residents);
  }
  const rank = document.createElement("p");
  rank.textContent = fill(strings.rank, { rank: p.rank, total: state.total });
  const link = document.createElement("a");
  link.href = config.areaPageUrl.replace("/slug/", `/${encodeURIComponent(slug)}/`);
  link.textContent = strings.areaPage;
  box.append(rank, link);
  return box;
}

function areaTooltip(slug) {
  const p = state.figures.get(slug);
  const box = document.createElement("div");
  const title = document.createElement("strong");
  title.textContent = p.name;
  const figures = document.createElement("div");
  figures.textContent = `${camerasText(strings, p.camera_count)} · ${formatNumber(valueOf(p) ?? 0)} ${
    state.measure === "residents" ? strings.per1000 : strings.perKm2
  } · ${fill(strings.rank, { rank: p.rank, total: state.total })}`;
  box.append(title, figures);
  return box;
}

function restyleAreas() {
  const features = [...state.figures.values()];
  const values = features.map(valueOf).filter((value) => value !== null && value !== undefined);
  const classes = classify(values);
  for (const [slug, shape] of shapes) {
    shape.setStyle({ fillColor: colourOf(valueOf(state.figures.get(slug)), classes) });
  }
  renderLegend(classes, values.length < features.length);
  mapElement.dataset.areas = String(shapes.size);
}

function setFigures(collection) {
  state.figures = new Map(collection.features.map((f) => [f.properties.slug, f.properties]));
  state.total = collection.features.length;
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

function filterQuery() {
  return new URLSearchParams(state.filters).toString();
}

async function loadAreas() {
  const collection = await fetchJson(config.areasUrl);
  setFigures(collection);
  if (Object.keys(state.filters).length) setFigures(await fetchJson(`${config.areasUrl}?geometry=false&${filterQuery()}`));
  mapElement.dataset.figures = filterQuery();
  areaLayer = L.geoJSON(collection, {
    style: { className: "area-shape", color: "#3d3d3d", weight: 1, fillOpacity: 0.65 },
    onEachFeature: (feature, shape) => {
      const slug = feature.properties.slug;
      shapes.set(slug, shape);
      // Which area a shape is, for tests and for anyone inspecting the page.
      shape.on("add", () => shape.getElement()?.setAttribute("data-slug", slug));
      shape.bindPopup(() => areaPopup(slug), { maxWidth: 240 });
      // Where there is a mouse, hovering tells the figures before any click.
      if (window.matchMedia("(hover: hover)").matches) {
        shape.bindTooltip(() => areaTooltip(slug), { sticky: true, direction: "top" });
      }
    },
  }).addTo(map);
  areaLayer.bringToBack();
  const names = document.getElementById("area-names");
  for (const feature of collection.features) {
    const option = document.createElement("option");
    option.value = feature.properties.name;
    names.append(option);
  }
  const measure = document.getElementById("measure");
  measure.hidden = !collection.features.some((f) => f.properties.population);
  if (measure.hidden) state.measure = "km2";
  syncControls();
  restyleAreas();
  // For real-user and bench timing: navigation to the choropleth on screen.
  performance.mark("cameramap:choropleth-drawn");
  return collection;
}

let figuresAsked = 0;

async function refreshFigures() {
  if (!areaLayer) return;
  const query = filterQuery();
  const asked = ++figuresAsked;
  const collection = await fetchJson(`${config.areasUrl}?geometry=false${query ? `&${query}` : ""}`);
  if (asked !== figuresAsked) return; // a later change is on its way
  setFigures(collection);
  restyleAreas();
  map.closePopup();
  mapElement.dataset.figures = query;
}

// --- cameras -----------------------------------------------------------------------------

// Over a choropleth, cameras appear from city zoom; without areas, at every zoom. Not before
// the areas are known.
function camerasVisible() {
  if (!state.started) return false;
  return shapes.size === 0 || map.getZoom() >= config.clusterZoom;
}

const refreshCameras = followCameras(map, cameraGroup, context, {
  filters: () => state.filters,
  visible: camerasVisible,
  onDrawn: ({ cameras = 0, clusters = 0, hidden, error, query = "" }) => {
    if (!state.started) return;
    if (error) {
      showError();
      return;
    }
    mapElement.dataset.cameras = String(cameras);
    mapElement.dataset.clusters = String(clusters);
    mapElement.dataset.cameraQuery = query;
    document.getElementById("legend-note").textContent = hidden ? strings.zoomForCameras : "";
  },
});

// --- controls ----------------------------------------------------------------------------

function showError() {
  say(strings.loadFailed, { stay: true });
  let message = document.querySelector("#legend .error");
  if (!message) {
    message = document.createElement("p");
    message.className = "error";
    message.setAttribute("role", "alert");
    document.getElementById("legend").append(message);
  }
  message.textContent = strings.loadFailed;
}

function syncControls() {
  for (const name of config.filters) {
    document.getElementById(`filter-${name}`).value = state.filters[name] || "";
  }
  for (const radio of document.querySelectorAll("#measure input")) radio.checked = radio.value === state.measure;
  document.getElementById("filter-badge").hidden = !Object.keys(state.filters).length;
}

const filterForm = document.getElementById("filters");
filterForm.addEventListener("change", () => {
  state.filters = {};
  for (const name of config.filters) {
    const value = document.getElementById(`filter-${name}`).value;
    if (value) state.filters[name] = value;
  }
  syncControls();
  writePermalink();
  refreshFigures().catch(showError);
  refreshCameras();
});
filterForm.addEventListener("reset", () => {
  // After the browser has reset the fields.
  setTimeout(() => filterForm.dispatchEvent(new Event("change")));
});

document.getElementById("measure").addEventListener("change", (event) => {
  state.measure = event.target.value;
  writePermalink();
  restyleAreas();
});

document.getElementById("search").addEventListener("submit", (event) => {
  event.preventDefault();
  const wanted = document.getElementById("area-search").value.trim().toLocaleLowerCase();
  const figures = [...state.figures.values()];
  const found =
    figures.find((p) => p.name.toLocaleLowerCase() === wanted) ||
    figures.find((p) => p.name.toLocaleLowerCase().includes(wanted));
  if (!found) {
    say(fill(strings.notFound, { name: document.getElementById("area-search").value }));
    return;
  }
  const shape = shapes.get(found.slug);
  // Close the panel (it covers the map on a phone), jump there and say what is there.
  document.getElementById("panel").open = false;
  map.fitBounds(shape.getBounds(), { maxZoom: 15, animate: false });
  shape.openPopup(shape.getBounds().getCenter());
  say(`${found.name}: ${camerasText(strings, found.camera_count)}`);
});

document.getElementById("locate").addEventListener("click", () => {
  say(strings.locating, { stay: true });
  map.locate({ setView: true, maxZoom: config.streetZoom });
});
let here = null;
map.on("locationfound", (event) => {
  if (here) here.remove();
  here = L.circle(event.latlng, { radius: event.accuracy, className: "you-are-here" }).addTo(map);
  say("");
});
// The browser's own reason is in the browser's language, not the page's: not shown.
map.on("locationerror", () => {
  say(strings.locateFailed);
});

// --- start -------------------------------------------------------------------------------

const view = readPermalink();
syncControls();
if (view) map.setView([view[1], view[2]], view[0]);
else map.setView(config.center, config.zoom);
map.on("moveend", writePermalink);
// A permalink pasted or edited in the address bar of an open map.
window.addEventListener("hashchange", () => {
  const wanted = readPermalink();
  syncControls();
  if (wanted) map.setView([wanted[1], wanted[2]], wanted[0], { animate: false });
  restyleAreas();
  refreshFigures().catch(showError);
  refreshCameras();
});

loadAreas()
  .then((collection) => {
    // No animation on arrival: the first view is there at once (and stays still for a tap).
    if (!view && collection.features.length) {
      map.fitBounds(areaLayer.getBounds(), { padding: [8, 8], animate: false });
    }
    document.getElementById("map-summary").textContent = fill(strings.shown, {
      areas: formatNumber(collection.features.length, 0),
      cameras: formatNumber([...state.figures.values()].reduce((sum, p) => sum + p.camera_count, 0), 0),
    });
  })
  .catch(showError)
  .finally(() => {
    state.started = true;
    refreshCameras();
    mapElement.dataset.state = "ready";
  });
