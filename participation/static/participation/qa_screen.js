// The room's screen: every few seconds, the approved questions again from the open API, redrawn in place.
const list = document.getElementById("qa-screen-list");
const REFRESH_MS = 5000;
const text = (key) => list.dataset[key];

function item(question) {
  const li = document.createElement("li");
  if (question.is_pinned) li.className = "pinned";
  const body = document.createElement("p");
  body.className = "qa-text";
  body.textContent = question.text;
  const meta = document.createElement("p");
  meta.className = "qa-meta";
  if (question.is_pinned) {
    const strong = document.createElement("strong");
    strong.textContent = text("pinned");
    meta.append(strong, " · ");
  }
  const votes = question.votes === 1 ? text("votesOne") : text("votesMany");
  meta.append(`${question.name || text("anonymous")} · ▲ ${question.votes} ${votes}`);
  li.append(body, meta);
  return li;
}

async function refresh() {
  try {
    const response = await fetch(list.dataset.api, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const data = await response.json();
    const open = data.results.filter((question) => !question.is_answered).slice(0, Number(list.dataset.limit));
    const items = open.map(item);
    if (!items.length) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = text("empty");
      items.push(empty);
    }
    list.replaceChildren(...items);
    list.dataset.refreshed = String(Date.now());
  } catch {
    // The network hiccups in conference halls: keep what is shown and try again at the next tick.
  }
}

setInterval(refresh, REFRESH_MS);
