// The public map: neighbourhoods coloured by cameras per km², drawn from /api/v1/areas/.
const config = JSON.parse(document.getElementById("map-config").textContent);

// ColorBrewer YlOrRd, 5 classes: sequential and safe for colour-blind readers.
const PALETTE = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];

const map = L.map("map", { zoomControl: true, preferCanvas: false });
map.setView([0, 0], 2);

// Tiles are decoration: when they fail (no network) the data layers still draw.
L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
map.attributionControl.addAttribution(`Camera data: ${config.dataLicense}`);

function quantileBreaks(values, classes) {
  const sorted = [...values].sort((a, b) => a - b);
  const breaks = [];
  for (let i = 1; i < classes; i += 1) {
    breaks.push(sorted[Math.floor((i * sorted.length) / classes)] ?? 0);
  }
  return [...new Set(breaks)];
}

function classOf(value, breaks) {
  let index = 0;
  while (index < breaks.length && value >= breaks[index]) index += 1;
  return index;
}

function formatNumber(value, digits = 1) {
  return Number(value).toLocaleString(undefined, { maximumFractionDigits: digits });
}

function renderLegend(breaks, maximum) {
  const list = document.querySelector("#legend .legend-classes");
  list.replaceChildren();
  const bounds = [0, ...breaks, maximum];
  for (let i = 0; i < bounds.length - 1; i += 1) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = PALETTE[Math.round((i * (PALETTE.length - 1)) / Math.max(1, bounds.length - 2))];
    item.append(swatch, `${formatNumber(bounds[i])} – ${formatNumber(bounds[i + 1])}`);
    list.append(item);
  }
}

function tooltipFor(properties) {
  const box = document.createElement("div");
  const title = document.createElement("strong");
  title.textContent = properties.name;
  const figures = document.createElement("div");
  figures.textContent =
    `${formatNumber(properties.camera_count, 0)} cameras · ` +
    `${formatNumber(properties.density_per_km2)} per km² · rank ${properties.rank ?? "–"}`;
  box.append(title, figures);
  return box;
}

async function drawAreas() {
  const response = await fetch(config.areasUrl, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`areas: HTTP ${response.status}`);
  const collection = await response.json();
  const densities = collection.features.map((f) => f.properties.density_per_km2);
  const breaks = quantileBreaks(densities, PALETTE.length);
  const colourIndex = (value) =>
    Math.round((classOf(value, breaks) * (PALETTE.length - 1)) / Math.max(1, breaks.length));
  const layer = L.geoJSON(collection, {
    style: (feature) => ({
      className: "area-shape",
      color: "#444",
      weight: 1,
      fillOpacity: 0.7,
      fillColor: PALETTE[colourIndex(feature.properties.density_per_km2)],
    }),
    onEachFeature: (feature, shape) => {
      shape.bindTooltip(() => tooltipFor(feature.properties), { sticky: true });
      shape.on("click", () => shape.openTooltip());
    },
  }).addTo(map);
  renderLegend(breaks, Math.max(0, ...densities));
  if (collection.features.length) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  document.getElementById("map").dataset.areas = String(collection.features.length);
}

drawAreas().catch((error) => {
  const legend = document.getElementById("legend");
  const message = document.createElement("p");
  message.className = "error";
  message.setAttribute("role", "alert");
  message.textContent = "The neighbourhoods could not be loaded. Try again later.";
  legend.append(message);
  console.warn(error);
});
