// <announcement-progress data-url=…>: refreshes its progress bar and status line every few seconds
// until everything is sent; the status line is a polite live region, so screen readers hear the count.
const EVERY_MS = 3000;

class AnnouncementProgress extends HTMLElement {
  connectedCallback() {
    if (this.dataset.status === "sending") this.timer = setTimeout(() => this.refresh(), EVERY_MS);
  }

  disconnectedCallback() {
    clearTimeout(this.timer);
  }

  async refresh() {
    try {
      const response = await fetch(this.dataset.url, { headers: { Accept: "application/json" } });
      if (response.ok) this.show(await response.json());
    } catch {
      // The network blinked: try again at the next tick.
    }
    if (this.dataset.status === "sending") this.timer = setTimeout(() => this.refresh(), EVERY_MS);
  }

  show(progress) {
    this.dataset.status = progress.status;
    const bar = this.querySelector("progress");
    bar.max = progress.total;
    bar.value = progress.sent;
    bar.textContent = `${progress.sent} / ${progress.total}`;
    const text = this.querySelector("[data-progress-text]");
    const done = progress.status === "sent" ? ` ${this.dataset.doneText}` : "";
    const counts = this.dataset.text.replace("SENT", progress.sent).replace("TOTAL", progress.total);
    text.textContent = `${counts}${done}`;
    // The mail server's error is said in the page's language by the server; once it is gone, so is the note.
    if (!progress.last_error) this.querySelector("[data-progress-error]").textContent = "";
  }
}

customElements.define("announcement-progress", AnnouncementProgress);
