// /submit/: report a camera from a phone. Place it (device, photo or map), describe it, send
// it; a report that cannot be sent now waits in IndexedDB (outbox.js) and goes by itself later.
import * as outbox from "./outbox.js";
import { photoGps } from "./photo-gps.js";

const config = JSON.parse(document.getElementById("submit-config").textContent);
const text = config.text;
const $ = (id) => document.getElementById(id);
const form = $("report");
const state = { photo: null, photoPlace: null, location: null, source: null, directions: [] };

const format = (template, values) =>
  template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));

function show(element, message) {
  element.textContent = message ?? "";
  element.hidden = !message;
}

// --- The map and the pin --------------------------------------------------------------------

const map = L.map("location-map", { zoomControl: true });
if (config.serviceArea) map.fitBounds(config.serviceArea);
else map.setView(config.center, config.zoom);
// Tiles are decoration: the pin, the taps and the report work without them.
L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
let pin = null;
let accuracyCircle = null;
const rays = L.layerGroup().addTo(map);

function placePin(latitude, longitude, source, message) {
  state.location = { latitude, longitude };
  state.source = source;
  $("latitude").value = latitude.toFixed(7);
  $("longitude").value = longitude.toFixed(7);
  $("location_source").value = source;
  if (!pin) {
    pin = L.marker([latitude, longitude], { draggable: true, autoPan: true, title: "camera" }).addTo(map);
    pin.on("dragend", () => {
      const { lat, lng } = pin.getLatLng();
      placePin(lat, lng, "map", text.mapPlace);
    });
  } else {
    pin.setLatLng([latitude, longitude]);
  }
  if (source !== "device" && accuracyCircle) {
    accuracyCircle.remove();
    accuracyCircle = null;
  }
  map.setView([latitude, longitude], Math.max(map.getZoom(), 18));
  $("location-status").textContent = message;
  show($("location-error"), "");
  drawDirections();
}

map.on("click", (event) => {
  if ($("tap-direction").getAttribute("aria-pressed") === "true" && pin) {
    addDirection(Math.round(bearing(pin.getLatLng(), event.latlng)));
    setTapMode(false);
    return;
  }
  placePin(event.latlng.lat, event.latlng.lng, "map", text.mapPlace);
});

// --- The device's position ------------------------------------------------------------------

function locate() {
  if (!navigator.geolocation) {
    $("location-status").textContent = text.noPosition;
    return;
  }
  $("location-status").textContent = text.locating;
  navigator.geolocation.getCurrentPosition(
    (position) => {
      // A pin the volunteer placed, or the photo's place they chose, is not overridden.
      if (state.source && state.source !== "device") return;
      const { latitude, longitude, accuracy } = position.coords;
      const metres = Math.round(accuracy);
      placePin(latitude, longitude, "device", format(text.accuracy, { metres }));
      accuracyCircle?.remove();
      accuracyCircle = L.circle([latitude, longitude], { radius: accuracy, interactive: false }).addTo(map);
    },
    () => {
      if (!state.location) $("location-status").textContent = text.noPosition;
    },
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 },
  );
}

$("use-device").addEventListener("click", () => {
  state.source = null;
  locate();
});

// --- The photo ------------------------------------------------------------------------------

$("photo").addEventListener("change", async () => {
  const file = $("photo").files[0];
  if (!file) return;
  if (file.size > config.maxPhotoBytes) {
    show($("photo-error"), text.photoTooLarge);
    $("photo").value = "";
    return;
  }
  show($("photo-error"), "");
  setPhoto(file);
  const place = await photoGps(file);
  if (state.photo !== file) return;
  state.photoPlace = place;
  const button = $("use-photo");
  if (place) {
    const label = `${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)}`;
    button.textContent = format(text.photoLocation, { place: label });
    button.dataset.latitude = String(place.latitude);
    button.dataset.longitude = String(place.longitude);
  }
  button.hidden = !place;
});

function setPhoto(file) {
  const image = $("photo-image");
  if (image.src) URL.revokeObjectURL(image.src);
  state.photo = file;
  if (file) image.src = URL.createObjectURL(file);
  else image.removeAttribute("src");
  $("photo-preview").hidden = !file;
  if (!file) {
    state.photoPlace = null;
    $("use-photo").hidden = true;
    $("photo").value = "";
  }
}

$("photo-remove").addEventListener("click", () => setPhoto(null));
$("use-photo").addEventListener("click", () => {
  const place = state.photoPlace;
  if (place) placePin(place.latitude, place.longitude, "photo", text.photoPlace);
});

// --- Directions: the compass dial, or a tap on the map --------------------------------------

function bearing(from, to) {
  const rad = Math.PI / 180;
  const dLon = (to.lng - from.lng) * rad;
  const y = Math.sin(dLon) * Math.cos(to.lat * rad);
  const x =
    Math.cos(from.lat * rad) * Math.sin(to.lat * rad) -
    Math.sin(from.lat * rad) * Math.cos(to.lat * rad) * Math.cos(dLon);
  return ((Math.atan2(y, x) / rad) + 360) % 360 % 360;
}

function addDirection(value) {
  const normal = value % 360;
  if (!state.directions.includes(normal)) state.directions.push(normal);
  drawDirections();
}

function removeDirection(value) {
  state.directions = state.directions.filter((direction) => direction !== value);
  drawDirections();
}

function setTapMode(on) {
  const button = $("tap-direction");
  button.setAttribute("aria-pressed", String(on));
  button.textContent = on ? text.tapMode : text.tapModeOff;
}

function drawDirections() {
  for (const button of document.querySelectorAll(".dial-point")) {
    button.setAttribute("aria-pressed", String(state.directions.includes(Number(button.dataset.bearing))));
  }
  const svgRays = $("dial-rays");
  svgRays.replaceChildren();
  const list = $("direction-list");
  list.replaceChildren();
  rays.clearLayers();
  for (const direction of state.directions) {
    const angle = (direction * Math.PI) / 180;
    const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    line.setAttribute("x2", (Math.sin(angle) * 26).toFixed(1));
    line.setAttribute("y2", (-Math.cos(angle) * 26).toFixed(1));
    svgRays.append(line);

    const item = document.createElement("li");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "×";
    remove.setAttribute("aria-label", `${text.remove} ${direction}°`);
    remove.addEventListener("click", () => removeDirection(direction));
    item.append(format(text.pointsTo, { bearing: direction }), remove);
    list.append(item);

    if (pin) {
      const from = pin.getLatLng();
      const metres = 30;
      const to = [
        from.lat + (Math.cos(angle) * metres) / 111320,
        from.lng + (Math.sin(angle) * metres) / (111320 * Math.cos((from.lat * Math.PI) / 180)),
      ];
      L.polyline([from, to], { color: "#0b57d0", weight: 4, interactive: false }).addTo(rays);
    }
  }
}

for (const button of document.querySelectorAll(".dial-point")) {
  button.addEventListener("click", () => {
    const value = Number(button.dataset.bearing);
    if (state.directions.includes(value)) removeDirection(value);
    else addDirection(value);
  });
}
$("tap-direction").addEventListener("click", () => {
  setTapMode($("tap-direction").getAttribute("aria-pressed") !== "true");
});

// --- Count and note -------------------------------------------------------------------------

function step(by) {
  const input = $("count");
  input.value = String(Math.min(1000, Math.max(1, (parseInt(input.value, 10) || 1) + by)));
}
$("count-down").addEventListener("click", () => step(-1));
$("count-up").addEventListener("click", () => step(1));
$("note").addEventListener("input", () => {
  $("note-count").textContent = `${$("note").value.length} / ${$("note").maxLength}`;
});

// --- Sending, and keeping what could not be sent --------------------------------------------

function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function collectFields() {
  const fields = {};
  for (const [name, value] of new FormData(form)) {
    if (name === "photo" || (name === "height_m" && value === "")) continue;
    fields[name] = value;
  }
  fields.directions = [...state.directions].map(String);
  return fields;
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

// "sent", "retry" (no connection, timeout, server trouble), "blocked" (sign in first) or
// "refused" (the report itself was not accepted).
async function deliver(report) {
  const body = new FormData();
  body.append("client_id", report.clientId);
  for (const [name, value] of Object.entries(report.fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  if (report.photo) body.append("photo", report.photo, report.photo.name || "photo.jpg");
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 30000 + (report.photo?.size ?? 0) / 20);
  try {
    const response = await fetch(config.apiUrl, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
      signal: controller.signal,
    });
    const data = await response.json().catch(() => ({}));
    if (response.ok || response.status === 409) return { outcome: "sent", data };
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      return { outcome: "retry", data };
    }
    if (response.status === 401 || response.status === 403) return { outcome: "blocked", data };
    return { outcome: "refused", data };
  } catch (error) {
    return { outcome: "retry", data: {} };
  } finally {
    clearTimeout(timeout);
  }
}

async function updateWaiting() {
  const waiting = await outbox.count().catch(() => 0);
  const status = $("queue-status");
  status.dataset.waiting = String(waiting);
  show(status, waiting ? format(waiting === 1 ? text.waitingOne : text.waitingMany, { count: waiting }) : "");
  return waiting;
}

function showSent(data, message) {
  show($("result-text"), message);
  $("result-link").hidden = false;
  $("result-link").href = data.id ? `${config.myReportsUrl}#report-${data.id}` : config.myReportsUrl;
  $("result").hidden = false;
}

function describeRefusal(data) {
  const details = Object.entries(data.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
  return details.length ? details.join(" ") : data.detail ?? "";
}

let flushing = null;
// Reports being sent by the form itself, which a concurrent flush must leave alone.
const inFlight = new Set();

// Send every waiting report, oldest first; stop at the first that still cannot go.
function flush() {
  flushing ??= (async () => {
    try {
      for (const report of await outbox.all()) {
        if (inFlight.has(report.clientId)) continue;
        const { outcome, data } = await deliver(report);
        if (outcome === "retry" || outcome === "blocked") break;
        await outbox.remove(report.clientId);
        if (outcome === "sent") showSent(data, text.delivered);
        else show($("form-error"), format(text.refused, { reason: describeRefusal(data) }));
      }
    } catch (error) {
      console.warn("the waiting reports could not be read", error);
    } finally {
      flushing = null;
      await updateWaiting();
    }
  })();
  return flushing;
}

function resetForm() {
  form.reset();
  setPhoto(null);
  state.directions = [];
  drawDirections();
  $("note-count").textContent = `0 / ${$("note").maxLength}`;
  // Keep the pin where it is: the next camera is often on the same corner.
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  show($("form-error"), "");
  $("result").hidden = true;
  if (!state.location) {
    show($("location-error"), text.needLocation);
    $("location-map").scrollIntoView({ behavior: "smooth", block: "center" });
    return;
  }
  const report = { clientId: newClientId(), fields: collectFields(), photo: state.photo, createdAt: Date.now() };
  inFlight.add(report.clientId);
  const keep = await outbox.put(report).then(() => true, () => false);
  const send = $("send");
  send.disabled = true;
  show($("queue-status"), text.sending);
  const { outcome, data } = await deliver(report);
  inFlight.delete(report.clientId);
  send.disabled = false;
  if (outcome === "sent") {
    if (keep) await outbox.remove(report.clientId);
    showSent(data, text.sent);
    resetForm();
  } else if (outcome === "refused") {
    if (keep) await outbox.remove(report.clientId);
    show($("form-error"), format(text.refused, { reason: describeRefusal(data) }));
  } else if (outcome === "blocked") {
    show($("form-error"), data.detail ?? "");
  } else if (keep) {
    showSent({}, text.queued);
    $("result-link").hidden = true;
    resetForm();
  } else {
    show($("form-error"), text.refused.replace("%(reason)s", ""));
  }
  await updateWaiting();
  if (outcome === "sent") await flush();
});

// Waiting reports go when the connection returns, when the page is shown again, and every
// half minute meanwhile (some phones never tell the page that they are back online).
window.addEventListener("online", flush);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") flush();
});
setInterval(async () => {
  if (navigator.onLine && (await outbox.count().catch(() => 0))) flush();
}, 30000);

locate();
flush();
