// /review/: work through the queue. Actions go to the review API; each success moves on to
// the next sighting. Keys: a approve, m merge, r reject, j/k next/previous.
const config = JSON.parse(document.getElementById("review-config").textContent);
const text = config.text;
const $ = (id) => document.getElementById(id);
const status = $("status");

const format = (template, values) =>
  template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function say(message) {
  status.textContent = message;
}

async function send(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 409) {
    const happened = data.happened || {};
    const what = [happened.action || happened.status, happened.by, happened.reason]
      .filter(Boolean)
      .join(", ");
    say(format(text.conflict, { what: what || data.detail }));
    return null;
  }
  if (!response.ok) {
    const errors = data.errors
      ? Object.entries(data.errors).map(([field, messages]) => `${field}: ${messages.join(" ")}`)
      : [];
    say(format(text.failed, { why: [data.detail, ...errors].filter(Boolean).join(" ") }));
    return null;
  }
  return data;
}

// After an action the current sighting has left the queue: show the next one still in it.
function goNext() {
  const queue = config.queue;
  const current = config.sighting ? queue.indexOf(config.sighting.id) : -1;
  const next = queue[current + 1] ?? queue[current - 1];
  const url = new URL(config.reviewUrl, window.location.origin);
  if (next !== undefined && next !== config.sighting?.id) url.searchParams.set("sighting", next);
  window.location.assign(url);
}

// --- The map: the reported pin (draggable) and the verified cameras within 50 m ------------

const sighting = config.sighting;
if (sighting && window.L) {
  const map = L.map("review-map").setView(sighting.location, 18);
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 20 }).addTo(map);
  const pin = L.marker(sighting.location, { draggable: true, title: "sighting" }).addTo(map);
  pin.on("dragend", () => {
    const { lat, lng } = pin.getLatLng();
    $("latitude").value = lat.toFixed(7);
    $("longitude").value = lng.toFixed(7);
  });
  for (const camera of sighting.nearby) {
    const marker = L.circleMarker(camera.location, { radius: 8, color: "#c0392b" }).addTo(map);
    const label = document.createElement("span");
    label.textContent = camera.label;
    marker.bindTooltip(label);
    marker.on("click", () => {
      const radio = document.querySelector(`#merge input[value="${camera.id}"]`);
      if (radio) radio.checked = true;
    });
  }
  L.circle(sighting.location, { radius: 50, weight: 1, fill: false }).addTo(map);
}

// --- Actions ---------------------------------------------------------------------------------

function keptPhotos() {
  return [...document.querySelectorAll('input[name="keep_photos"]:checked')].map((input) =>
    Number(input.value),
  );
}

async function approve() {
  const form = $("approve");
  if (!form) return;
  const body = { keep_photos: keptPhotos() };
  for (const element of form.elements) {
    if (!element.name || element.name === "keep_photos") continue;
    const value = element.value.trim();
    if (["height_m", "latitude", "longitude"].includes(element.name)) {
      body[element.name] = value === "" ? null : Number(value);
    } else if (element.name === "count") {
      body.count = Number(value);
    } else if (element.name === "directions") {
      body.directions = value === "" ? [] : value.split(";").map((part) => part.trim());
    } else if (element.name === "watches") {
      body.watches = value || null;
    } else {
      body[element.name] = value;
    }
  }
  if (body.height_m === null) delete body.height_m;
  if (await send(`${config.api}${sighting.id}/approve`, body)) goNext();
}

async function merge() {
  const chosen = document.querySelector('#merge input[name="camera"]:checked');
  if (!chosen) {
    say(text.chooseCamera);
    return;
  }
  const body = { camera: Number(chosen.value), keep_photos: keptPhotos() };
  if (await send(`${config.api}${sighting.id}/merge`, body)) goNext();
}

async function reject() {
  const body = { reason: $("reject-reason").value, note: $("reject-note").value };
  if (await send(`${config.api}${sighting.id}/reject`, body)) goNext();
}

for (const [id, action] of [
  ["approve", approve],
  ["merge", merge],
  ["reject", reject],
]) {
  $(id)?.addEventListener("submit", (event) => {
    event.preventDefault();
    action();
  });
}

$("bulk")?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const ids = [...document.querySelectorAll('input[name="bulk"]:checked')].map((input) =>
    Number(input.value),
  );
  if (!ids.length) return;
  const result = await send(`${config.api}reject`, { sightings: ids, reason: "spam" });
  if (result) window.location.assign(config.reviewUrl);
});

document.addEventListener("keydown", (event) => {
  const target = event.target;
  const typing =
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement;
  if (typing || event.ctrlKey || event.metaKey || event.altKey || !sighting) return;
  const actions = {
    a: approve,
    m: merge,
    r: reject,
    j: () => $("next") && window.location.assign($("next").href),
    k: () => $("previous") && window.location.assign($("previous").href),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

// --- Redaction: drag rectangles on a photo, then have the server paint them in -------------

const drawn = new Map();

for (const frame of document.querySelectorAll(".photo-frame")) {
  const photoId = Number(frame.dataset.photo);
  const image = frame.querySelector("img");
  drawn.set(photoId, []);
  let start = null;
  let box = null;
  frame.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    const bounds = frame.getBoundingClientRect();
    start = { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
    box = document.createElement("div");
    box.className = "redact-box";
    frame.append(box);
    frame.setPointerCapture(event.pointerId);
  });
  frame.addEventListener("pointermove", (event) => {
    if (!start) return;
    const bounds = frame.getBoundingClientRect();
    const x = Math.min(Math.max(event.clientX - bounds.left, 0), bounds.width);
    const y = Math.min(Math.max(event.clientY - bounds.top, 0), bounds.height);
    Object.assign(box.style, {
      left: `${Math.min(x, start.x)}px`,
      top: `${Math.min(y, start.y)}px`,
      width: `${Math.abs(x - start.x)}px`,
      height: `${Math.abs(y - start.y)}px`,
    });
  });
  frame.addEventListener("pointerup", () => {
    if (!start) return;
    const scale = image.naturalWidth / image.clientWidth;
    const left = Math.round(box.offsetLeft * scale);
    const top = Math.round(box.offsetTop * scale);
    const right = Math.min(image.naturalWidth, Math.round((box.offsetLeft + box.offsetWidth) * scale));
    const bottom = Math.min(image.naturalHeight, Math.round((box.offsetTop + box.offsetHeight) * scale));
    if (right - left > 2 && bottom - top > 2) drawn.get(photoId).push([left, top, right, bottom]);
    else box.remove();
    start = null;
  });
}

for (const button of document.querySelectorAll(".redact-apply")) {
  button.addEventListener("click", async () => {
    const photoId = Number(button.dataset.photo);
    const boxes = drawn.get(photoId) || [];
    if (!boxes.length) {
      say(text.noRectangles);
      return;
    }
    if (await send(`${config.redactUrl}${photoId}/redact`, { boxes })) window.location.reload();
  });
}

// The shortcuts work from here on (tests wait for this).
document.body.dataset.reviewReady = "true";
