/*
 * <checkin-scanner>: the gate and session-door scanner for check-in staff.
 *
 * Enhances the server-rendered page (which works as plain forms without JavaScript):
 * - camera scanning through <qr-camera> (BarcodeDetector or jsQR), continuous;
 * - USB/Bluetooth scanners that type the code and Enter into the focused field;
 * - manual search by name, e-mail, phone or order reference, with check-in from a result;
 * - a full-screen green/red/amber answer, a beep and a vibration; undo the last check-in for a few minutes;
 * - offline mode (offline.js): with no network, answers and search come from the list's bundle in
 *   IndexedDB and scans wait in a queue that is sent when the network is back; a service worker keeps
 *   the page itself (docs/checkin-offline.md).
 *
 * Everything it says comes translated from the template (json_script), the answers' sentences from the server.
 */

import "./qr-camera.js";
import { OfflineScanner, fill } from "./offline.js";

const RETRIES = 3;
const SEARCH_LIMIT = 20; // as the server's (views.SEARCH_LIMIT)

function uuid() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function readCookie(name) {
  const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return match ? decodeURIComponent(match[1]) : "";
}

function text(tag, className, content) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (content !== undefined && content !== null) element.textContent = content;
  return element;
}

class Feedback {
  /** A beep through WebAudio and a vibration: the result is known without looking at the screen. */
  constructor() {
    this.audio = null;
  }

  unlock() {
    // Browsers only allow sound after a gesture: the first tap or key press creates the context.
    if (this.audio) return;
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (AudioContext) {
      try {
        this.audio = new AudioContext();
      } catch (error) {
        this.audio = null;
      }
    }
  }

  play(colour) {
    const patterns = {
      green: { tones: [[880, 0.12]], vibrate: [80] },
      amber: { tones: [[660, 0.1], [880, 0.1]], vibrate: [80, 60, 80] },
      red: { tones: [[220, 0.18], [180, 0.25]], vibrate: [250, 100, 250] },
    };
    const pattern = patterns[colour] || patterns.red;
    if (navigator.vibrate) {
      try {
        navigator.vibrate(pattern.vibrate);
      } catch (error) {
        /* not allowed without a gesture: silence is fine */
      }
    }
    if (!this.audio) return;
    if (this.audio.state === "suspended") this.audio.resume();
    let start = this.audio.currentTime;
    for (const [frequency, duration] of pattern.tones) {
      const oscillator = this.audio.createOscillator();
      const gain = this.audio.createGain();
      oscillator.type = colour === "red" ? "square" : "sine";
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.25, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + duration);
      oscillator.connect(gain).connect(this.audio.destination);
      oscillator.start(start);
      oscillator.stop(start + duration);
      start += duration + 0.05;
    }
  }
}

class CheckinScanner extends HTMLElement {
  connectedCallback() {
    if (this._ready) return;
    this._ready = true;
    const messages = document.getElementById(this.dataset.messagesId || "checkin-messages");
    this.t = messages ? JSON.parse(messages.textContent) : {};
    this.listId = this.dataset.list;
    this.gate = this.dataset.gate || "";
    this.undoSeconds = Number.parseInt(this.dataset.undoSeconds || "300", 10);
    this.feedback = new Feedback();
    this.pending = new Set();

    this.codeForm = this.querySelector("[data-scan-form]");
    this.codeInput = this.querySelector("[data-scan-input]");
    this.searchForm = this.querySelector("[data-search-form]");
    this.searchInput = this.querySelector("[data-search-input]");
    this.searchResults = this.querySelector("[data-search-results]");
    this.camera = this.querySelector("qr-camera");
    this.cameraButton = this.querySelector("[data-camera-toggle]");
    this.cameraStatus = this.querySelector("[data-camera-status]");
    this.overlay = this.querySelector("[data-result]");
    this.undoButton = this.querySelector("[data-undo]");
    this.history = this.querySelector("[data-history]");
    this.typeSelect = this.querySelector("[data-scan-type]");

    // Remember the gate on this device, so a volunteer on the next shift finds it filled in.
    try {
      if (this.gate) window.localStorage.setItem("checkin-gate", this.gate);
      if (this.listId) window.localStorage.setItem("checkin-list", this.listId);
    } catch (error) {
      /* private mode: the session remembers it anyway */
    }

    const unlock = () => this.feedback.unlock();
    this.addEventListener("pointerdown", unlock);
    this.addEventListener("keydown", unlock);

    if (this.codeForm) {
      this.codeForm.addEventListener("submit", (event) => {
        event.preventDefault();
        const code = this.codeInput.value.trim();
        this.codeInput.value = "";
        if (code) this.redeem(code);
        this.codeInput.focus();
      });
    }
    if (this.searchForm) {
      this.searchForm.addEventListener("submit", (event) => {
        event.preventDefault();
        this.search(this.searchInput.value.trim());
      });
    }
    if (this.camera) {
      this.camera.addEventListener("code", (event) => this.redeem(event.detail.text));
      this.camera.addEventListener("camera-error", (event) => {
        this.setCameraStatus(`${this.t.camera_error || "Camera unavailable"} (${event.detail.name})`);
        this.cameraButton.textContent = this.t.camera_start || "Start camera";
      });
    }
    if (this.cameraButton) {
      this.cameraButton.hidden = false;
      this.cameraButton.addEventListener("click", () => this.toggleCamera());
    }
    if (this.overlay) {
      this.overlay.addEventListener("click", () => this.hideResult());
    }
    if (this.undoButton) {
      this.undoButton.addEventListener("click", () => this.undo());
    }
    // Keep the code field focused for keyboard-wedge scanners, unless staff are typing elsewhere.
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.hideResult();
      const target = event.target;
      const typing = target && (target.matches("input, select, textarea, button") || target.isContentEditable);
      if (!typing && this.codeInput && event.key.length === 1) this.codeInput.focus();
    });
    if (this.codeInput) this.codeInput.focus();
    this.startOffline();
  }

  // --- Offline mode ---------------------------------------------------------------------------------
  startOffline() {
    this.banner = this.querySelector("[data-offline-banner]");
    this.readiness = this.querySelector("[data-offline-ready]");
    const logout = this.querySelector("[data-logout]");
    if (logout) logout.addEventListener("submit", (event) => this.logOut(event, logout));
    if (!this.dataset.bundleUrl || !window.indexedDB || !(window.crypto && window.crypto.subtle)) return;
    this.offline = new OfflineScanner({
      list: this.listId,
      event: this.dataset.event,
      gate: this.gate,
      urls: { device: this.dataset.deviceUrl, bundle: this.dataset.bundleUrl, upload: this.dataset.uploadUrl },
      t: this.t,
      timeZone: this.dataset.timeZone,
      csrf: () => this.csrfToken(),
      onChange: (status) => this.showOfflineStatus(status),
      onSynced: (item, result) => this.showSynced(item, result),
    });
    this.offline.start().catch(() => {
      this.offline = null; // no IndexedDB (a private window may refuse it): online only, as before
    });
    this.startServiceWorker();
  }

  async startServiceWorker() {
    if (!("serviceWorker" in navigator) || !this.dataset.swUrl) return;
    try {
      // A page the worker already controls was cached on its way in: only the first visit asks.
      const firstVisit = !navigator.serviceWorker.controller;
      await navigator.serviceWorker.register(this.dataset.swUrl);
      const registration = await navigator.serviceWorker.ready;
      if (!firstVisit) return;
      // What this visit loaded before the worker was there: the page, its scripts, styles and fonts.
      const urls = [window.location.pathname, this.camera && this.camera.getAttribute("decoder-src")];
      for (const entry of performance.getEntriesByType("resource")) {
        const url = new URL(entry.name);
        if (url.origin === window.location.origin && /\.(js|css|woff2?|png|svg)$/.test(url.pathname)) urls.push(url.pathname);
      }
      registration.active.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: urls.filter(Boolean) } });
    } catch (error) {
      /* no worker (an old browser, or not a secure origin): the page still works online */
    }
  }

  showOfflineStatus(status) {
    if (this.banner) {
      const waiting =
        status.queued === 1 ? this.t.scans_waiting_one : fill(this.t.scans_waiting, { count: status.queued });
      if (status.offline) {
        this.banner.textContent = `${fill(this.t.offline_since, { time: status.offlineSince })} · ${waiting}`;
        this.banner.dataset.state = "offline";
        this.banner.hidden = false;
      } else if (status.queued > 0) {
        this.banner.textContent = `${this.t.sending} · ${waiting}`;
        this.banner.dataset.state = "sending";
        this.banner.hidden = false;
      } else {
        this.banner.textContent = "";
        this.banner.dataset.state = "online";
        this.banner.hidden = true;
      }
    }
    if (this.readiness) {
      const count = status.bundleCount === null ? null : status.bundleCount.toLocaleString(document.documentElement.lang || "vi");
      this.readiness.textContent =
        count === null ? this.t.bundle_missing : fill(this.t.bundle_ready, { count, time: status.bundleTime });
    }
  }

  /** The server's answer to a scan made offline: a conflict (or any other change of mind) goes into
   * this device's history. */
  showSynced(item, result) {
    const sameColour = (result.result === "ok") === (item.local === "ok");
    if (sameColour && result.result !== "conflict") return;
    const colour = result.result === "ok" ? "green" : "red";
    this.addHistory(colour, item.name || (item.secret || "").slice(0, 12), result.message || result.result);
  }

  async answerOffline(request) {
    const answer = await this.offline.scan({
      secret: request.secret,
      ticketId: request.ticket,
      type: request.type,
      nonce: request.nonce,
    });
    this.showAnswer(answer, request);
  }

  csrfToken() {
    return readCookie("csrftoken") || this.dataset.csrf || "";
  }

  async logOut(event, form) {
    // Leaving the device: forget the attendees and the cached page, but never scans not yet sent.
    if (this._loggingOut) return;
    event.preventDefault();
    this._loggingOut = true;
    try {
      if (this.offline) await this.offline.forget();
      const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
      if (worker) worker.postMessage({ type: "FORGET_PAGE" });
    } finally {
      form.submit();
    }
  }

  get scanType() {
    return this.typeSelect ? this.typeSelect.value : "entry";
  }

  setCameraStatus(message) {
    if (this.cameraStatus) this.cameraStatus.textContent = message;
  }

  async toggleCamera() {
    if (!this.camera) return;
    if (this.camera.running) {
      this.camera.stop();
      this.cameraButton.textContent = this.t.camera_start || "Start camera";
      this.cameraButton.setAttribute("aria-pressed", "false");
      this.setCameraStatus(this.t.camera_off || "");
      return;
    }
    this.setCameraStatus(this.t.camera_starting || "…");
    try {
      await this.camera.start();
      this.cameraButton.textContent = this.t.camera_stop || "Stop camera";
      this.cameraButton.setAttribute("aria-pressed", "true");
      this.setCameraStatus(this.t.camera_on || "");
    } catch (error) {
      /* camera-error already told the user */
    }
  }

  async post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": this.csrfToken(),
      },
      body: JSON.stringify(body),
    });
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    return { response, data };
  }

  async redeem(secret) {
    // The same code arriving twice at once (camera and wedge) is one scan.
    if (this.pending.has(secret)) return;
    this.pending.add(secret);
    const body = { secret, list: this.listId, nonce: uuid(), type: this.scanType, gate: this.gate };
    this.showBusy();
    try {
      if (this.offline && this.offline.answersLocally) {
        await this.answerOffline(body);
        return;
      }
      let lastError = null;
      for (let attempt = 0; attempt < RETRIES; attempt += 1) {
        try {
          // A retry carries the same nonce: the server answers it with the first answer.
          const { response, data } = await this.post(this.dataset.redeemUrl, body);
          if (data && data.status) {
            this.showAnswer(data, body);
            return;
          }
          if (response.status === 403 || response.status === 401) {
            this.showProblem(this.t.logged_out || "Please log in again.");
            return;
          }
          lastError = new Error(`HTTP ${response.status}`);
        } catch (error) {
          lastError = error;
          if (this.offline && this.offline.ready) {
            // The network is gone: answer from the bundle now rather than keep the queue waiting.
            await this.offline.markOffline();
            await this.answerOffline(body);
            return;
          }
        }
        await new Promise((resolve) => window.setTimeout(resolve, 300 * (attempt + 1)));
      }
      this.showProblem(`${this.t.network_error || "No connection"} (${lastError && lastError.message})`);
    } finally {
      this.pending.delete(secret);
    }
  }

  async redeemTicket(ticket) {
    const body = { ticket: ticket.id, list: this.listId, nonce: uuid(), type: this.scanType, gate: this.gate };
    await this.answerOffline(body);
  }

  colourOf(data) {
    if (data.status !== "ok") return "red";
    return data.attention ? "amber" : "green";
  }

  showBusy() {
    this.overlay.dataset.state = "busy";
  }

  showAnswer(data, request) {
    const colour = this.colourOf(data);
    const ticket = data.ticket || {};
    const headline =
      colour === "green" ? this.t.ok : colour === "amber" ? this.t.attention : this.t.refused;
    const lines = [];
    if (ticket.attendee_name) lines.push(["name", ticket.attendee_name]);
    if (ticket.organisation) lines.push(["org", ticket.organisation]);
    if (ticket.ticket_type) lines.push(["type", ticket.ticket_type]);
    if (data.message) lines.push(["reason", data.message]);
    for (const note of data.attention_reasons || []) lines.push(["note", note]);
    this.renderOverlay(colour, headline, lines);
    this.feedback.play(colour);
    this.addHistory(colour, ticket.attendee_name || (request.secret || "").slice(0, 12), data.message || headline);
    if (this.offline && !data.offline) this.offline.noteOnlineAnswer(data);
    if (data.status === "ok" && data.checkin) {
      this.lastCheckin = { nonce: request.nonce, at: Date.now(), name: ticket.attendee_name || "" };
      this.updateUndo();
    }
    if (this.camera && this.camera.running) this.camera.focus?.();
    // Badge printing (badge-link.js) and other listeners learn of every answer.
    this.dispatchEvent(new CustomEvent("checkin:answer", { bubbles: true, detail: { data, colour } }));
  }

  showProblem(message) {
    this.renderOverlay("red", this.t.problem || this.t.refused, [["reason", message]]);
    this.feedback.play("red");
  }

  renderOverlay(colour, headline, lines) {
    const overlay = this.overlay;
    overlay.replaceChildren();
    overlay.dataset.state = colour;
    overlay.className = `scan-result scan-result--${colour}`;
    overlay.append(text("p", "scan-result__headline", headline));
    for (const [kind, value] of lines) overlay.append(text("p", `scan-result__${kind}`, value));
    overlay.append(text("p", "scan-result__hint", this.t.tap_to_close || ""));
    overlay.hidden = false;
    window.clearTimeout(this._hideTimer);
    // Green goes away by itself so the queue keeps moving; red and amber wait for the volunteer.
    if (colour === "green") this._hideTimer = window.setTimeout(() => this.hideResult(), 2500);
  }

  hideResult() {
    if (!this.overlay) return;
    this.overlay.hidden = true;
    this.overlay.dataset.state = "idle";
    if (this.codeInput) this.codeInput.focus({ preventScroll: true });
  }

  addHistory(colour, who, what) {
    if (!this.history) return;
    const item = text("li", `history-item history-item--${colour}`);
    const time = new Date().toLocaleTimeString(document.documentElement.lang || "vi", {
      hour: "2-digit",
      minute: "2-digit",
    });
    item.append(text("span", "history-time", time), text("span", "history-who", who), text("span", "history-what", what));
    this.history.prepend(item);
    while (this.history.children.length > 8) this.history.lastElementChild.remove();
  }

  updateUndo() {
    if (!this.undoButton) return;
    window.clearTimeout(this._undoTimer);
    const last = this.lastCheckin;
    const remaining = last ? this.undoSeconds * 1000 - (Date.now() - last.at) : 0;
    if (remaining <= 0) {
      this.undoButton.hidden = true;
      return;
    }
    this.undoButton.hidden = false;
    this.undoButton.textContent = `${this.t.undo || "Undo"}: ${last.name}`;
    this._undoTimer = window.setTimeout(() => this.updateUndo(), Math.min(remaining, 30000));
  }

  async undo() {
    const last = this.lastCheckin;
    if (!last) return;
    try {
      const { data } = await this.post(this.dataset.annulUrl, { nonce: last.nonce, list: this.listId });
      if (data && data.status === "ok") {
        this.lastCheckin = null;
        this.updateUndo();
        this.renderOverlay("amber", this.t.undone || "Undone", [["name", last.name]]);
        this.addHistory("amber", last.name, this.t.undone || "Undone");
      } else {
        this.showProblem((data && (data.detail || data.message)) || this.t.undo_failed || "");
      }
    } catch (error) {
      this.showProblem(this.t.network_error || "No connection");
    }
  }

  async search(query) {
    if (!this.searchResults) return;
    this.searchResults.replaceChildren();
    if (query.length < 2) {
      this.searchResults.append(text("li", "search-empty", this.t.search_short || ""));
      return;
    }
    const url = new URL(this.dataset.searchUrl, window.location.href);
    url.searchParams.set("list", this.listId);
    url.searchParams.set("q", query);
    let data = null;
    try {
      if (this.offline && this.offline.answersLocally) throw new Error("offline");
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      data = await response.json();
    } catch (error) {
      if (!(this.offline && this.offline.ready)) {
        this.searchResults.append(text("li", "search-empty", this.t.network_error || ""));
        return;
      }
      data = { results: await this.offline.search(query, SEARCH_LIMIT) };
    }
    const results = (data && data.results) || [];
    if (!results.length) {
      this.searchResults.append(text("li", "search-empty", this.t.search_none || ""));
      return;
    }
    for (const ticket of results) {
      const item = text("li", "search-result");
      const details = text("div", "search-result__details");
      details.append(text("strong", "", ticket.attendee_name));
      const extra = [ticket.organisation, ticket.ticket_type, ticket.order_reference].filter(Boolean).join(" · ");
      details.append(text("span", "search-result__meta", extra));
      if (ticket.checked_in) details.append(text("span", "search-result__status", this.t.already_in || ""));
      const button = text("button", "button search-result__button", this.t.check_in || "Check in");
      button.type = "button";
      button.setAttribute("aria-label", `${this.t.check_in || "Check in"}: ${ticket.attendee_name}`);
      // Offline results carry no secret (the bundle has none): checked in by the ticket's id.
      button.addEventListener("click", () => (ticket.secret ? this.redeem(ticket.secret) : this.redeemTicket(ticket)));
      item.append(details, button);
      this.searchResults.append(item);
    }
  }
}

if (!customElements.get("checkin-scanner")) customElements.define("checkin-scanner", CheckinScanner);
