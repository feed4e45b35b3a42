/*
 * <lead-scanner>: booth lead scanning with the phone camera, reusing the check-in app's <qr-camera>.
 * Each decoded ticket code is posted to `data-scan-url`; the answer (saved, already scanned, refused)
 * is announced in the live region. Texts come translated from the template's data- attributes.
 * Without JavaScript (or a camera) the plain form below the element does the same job.
 */

import "../checkin/qr-camera.js";

function readCookie(name) {
  const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return match ? decodeURIComponent(match[1]) : "";
}

class LeadScanner extends HTMLElement {
  connectedCallback() {
    this.camera = this.querySelector("qr-camera");
    this.result = this.querySelector(".scan-result");
    this.button = this.querySelector(".scan-start");
    this.button.hidden = false;
    this.button.addEventListener("click", () => this.toggle());
    this.camera.addEventListener("code", (event) => this.send(event.detail.text));
    this.camera.addEventListener("camera-error", () => this.say(this.dataset.textCamera, "error"));
  }

  async toggle() {
    if (this.camera.running) {
      this.camera.stop();
      this.button.textContent = this.dataset.textStart;
      return;
    }
    try {
      await this.camera.start();
      this.button.textContent = this.dataset.textStop;
    } catch (error) {
      // camera-error already told the user.
    }
  }

  say(message, kind, link) {
    this.result.textContent = "";
    const p = document.createElement("p");
    p.className = `scan-${kind}`;
    p.textContent = message;
    if (link) {
      p.append(" ");
      const a = document.createElement("a");
      a.href = link;
      a.textContent = this.dataset.textEdit;
      p.append(a);
    }
    this.result.append(p);
  }

  async send(secret) {
    let response;
    try {
      response = await fetch(this.dataset.scanUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": readCookie("csrftoken") },
        body: JSON.stringify({ secret }),
      });
    } catch (error) {
      this.say(`${this.dataset.textError} ${error.message}`, "error");
      return;
    }
    const data = await response.json().catch(() => ({}));
    if (data.status === "ok") {
      const prefix = data.created ? this.dataset.textSaved : this.dataset.textAgain;
      this.say(`${prefix} ${data.lead.label}`, "ok", data.lead.url);
    } else {
      this.say(`${this.dataset.textError} ${data.detail || response.status}`, "error");
    }
  }
}

if (!customElements.get("lead-scanner")) customElements.define("lead-scanner", LeadScanner);
