// A sighting's or camera's history for moderators: undo, and on a camera correct, remove or
// restore it, through the review API.
const config = JSON.parse(document.getElementById("review-config").textContent);
const $ = (id) => document.getElementById(id);

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function send(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const errors = data.errors ? JSON.stringify(data.errors) : "";
    const happened = data.happened ? JSON.stringify(data.happened) : "";
    $("status").textContent = [data.detail, errors, happened].filter(Boolean).join(" ");
    return false;
  }
  window.location.reload();
  return true;
}

for (const button of document.querySelectorAll("button.undo")) {
  button.addEventListener("click", () => send(`${config.undoUrl}${button.dataset.event}/undo`, {}));
}

const form = $("camera-edit");
form?.addEventListener("submit", (event) => {
  event.preventDefault();
  const body = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.name === "count") body.count = Number(element.value);
    else if (element.name === "watches") body.watches = element.value || null;
    else body[element.name] = element.value;
  }
  send(`${config.api}edit`, body);
});
$("camera-remove")?.addEventListener("click", () =>
  send(`${config.api}remove`, { reason: form.elements.reason.value }),
);
$("camera-restore")?.addEventListener("click", () =>
  send(`${config.api}restore`, { reason: form.elements.reason.value }),
);
