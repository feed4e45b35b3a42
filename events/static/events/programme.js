// The programme's small interactive parts: stars (personal agenda), instant agenda filters, My agenda.
// Anonymous stars live in localStorage; once the visitor asks for a calendar link the list is also
// kept on the server under a secret key, and every change is sent there.

const STORE = "ddd-agenda-sessions";
const KEY_STORE = "ddd-agenda-key";
const SYNC_STORE = "ddd-agenda-sync-url";

function readStars() {
  try {
    const value = JSON.parse(localStorage.getItem(STORE) || "[]");
    return Array.isArray(value) ? value.map(Number).filter((n) => n > 0) : [];
  } catch (error) {
    return [];
  }
}

function writeStars(ids) {
  const unique = [...new Set(ids.map(Number))].filter((n) => n > 0);
  localStorage.setItem(STORE, JSON.stringify(unique));
  document.dispatchEvent(new CustomEvent("stars-changed", { detail: unique }));
  const syncUrl = localStorage.getItem(SYNC_STORE);
  if (syncUrl) {
    fetch(syncUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sessions: unique }),
      credentials: "omit",
    }).catch(() => {});
  }
  return unique;
}

class StarSession extends HTMLElement {
  connectedCallback() {
    this.button = this.querySelector("button");
    if (!this.button) return;
    this.id_ = Number(this.getAttribute("session"));
    this.button.hidden = false;
    this.render(readStars());
    this.button.addEventListener("click", () => {
      const stars = readStars();
      const next = stars.includes(this.id_) ? stars.filter((n) => n !== this.id_) : [...stars, this.id_];
      writeStars(next);
    });
    this.listener = (event) => this.render(event.detail);
    document.addEventListener("stars-changed", this.listener);
  }

  disconnectedCallback() {
    document.removeEventListener("stars-changed", this.listener);
  }

  render(stars) {
    const on = stars.includes(this.id_);
    this.button.setAttribute("aria-pressed", on ? "true" : "false");
    const label = this.button.querySelector(".star-label");
    if (label) label.textContent = on ? label.dataset.remove : label.dataset.add;
    const icon = this.button.querySelector(".star-icon");
    if (icon) icon.textContent = on ? "★" : "☆";
  }
}

class AgendaFilter extends HTMLElement {
  connectedCallback() {
    this.form = this.querySelector("form.agenda-filters");
    if (!this.form) return;
    this.form.addEventListener("change", () => this.apply());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.apply();
    });
    const button = this.form.querySelector(".apply-filters");
    if (button) button.hidden = true;
    // Wide screens have room for the filters; phones keep them folded until asked.
    const panel = this.querySelector("details.filter-panel");
    if (panel && window.matchMedia("(min-width: 64rem)").matches) panel.open = true;
  }

  selected(name) {
    return [...this.form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
  }

  apply() {
    const tracks = this.selected("track");
    const types = this.selected("type");
    const languages = this.selected("language");
    const items = [...this.querySelectorAll("[data-session]")];
    let shown = 0;
    for (const item of items) {
      const language = item.dataset.language;
      const visible =
        (!tracks.length || tracks.includes(item.dataset.track)) &&
        (!types.length || types.includes(item.dataset.type)) &&
        (!languages.length || language === "both" || languages.includes(language));
      item.hidden = !visible;
      if (visible) shown += 1;
    }
    const count = this.querySelector(".agenda-count");
    if (count && count.dataset.template) {
      count.textContent = count.dataset.template.replace("__N__", shown).replace("__T__", items.length);
    }
    // Keep the address shareable and the day tabs on the same filters.
    const params = new URLSearchParams();
    tracks.forEach((v) => params.append("track", v));
    types.forEach((v) => params.append("type", v));
    languages.forEach((v) => params.append("language", v));
    const day = this.form.querySelector('input[name="day"]');
    for (const link of this.querySelectorAll(".day-tabs a[data-day]")) {
      const query = new URLSearchParams(params);
      query.set("day", link.dataset.day);
      link.href = `?${query}`;
    }
    if (day && day.value) params.set("day", day.value);
    history.replaceState(null, "", `${location.pathname}?${params}`);
  }
}

class MyAgenda extends HTMLElement {
  connectedCallback() {
    this.list = this.querySelector(".my-agenda-list");
    document.addEventListener("stars-changed", (event) => this.refresh(event.detail));
    const key = this.dataset.key;
    if (key) {
      // A saved agenda (opened from its secret address): adopt it in this browser and keep it in sync.
      localStorage.setItem(KEY_STORE, key);
      localStorage.setItem(SYNC_STORE, this.dataset.syncUrl);
      const server = (this.dataset.ids || "").split(",").filter(Boolean).map(Number);
      const merged = [...new Set([...server, ...readStars()])];
      if (merged.length !== server.length) writeStars(merged);
      else localStorage.setItem(STORE, JSON.stringify(merged));
    } else if (this.hasAttribute("data-query-ids")) {
      // A link such as "add my workshops to my agenda" (`?s=1,2`): add them to this browser's stars.
      const given = this.dataset.queryIds.split(",").filter(Boolean).map(Number);
      const stars = readStars();
      if (given.some((id) => !stars.includes(id))) writeStars([...stars, ...given]);
      else this.refresh(stars);
    } else {
      this.refresh(readStars());
    }
    const form = this.querySelector(".subscribe-form");
    const saved = localStorage.getItem(SYNC_STORE);
    if (form && saved) {
      // This browser already has a subscription: point at it instead of making a second one.
      const link = document.createElement("a");
      link.className = "button";
      link.href = saved;
      link.textContent = form.dataset.existingLabel;
      form.replaceWith(link);
    } else if (form) {
      form.addEventListener("submit", () => {
        form.querySelector('input[name="sessions"]').value = readStars().join(",");
      });
    }
  }

  async refresh(ids) {
    const url = `${this.dataset.partialUrl}?partial=1&s=${ids.join(",")}`;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok) this.list.innerHTML = await response.text();
    } catch (error) {
      // Offline: keep what is shown.
    }
  }
}

customElements.define("star-session", StarSession);
customElements.define("agenda-filter", AgendaFilter);
customElements.define("my-agenda", MyAgenda);
