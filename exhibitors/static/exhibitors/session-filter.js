/*
 * <session-filter>: a search box over the product form's demonstration sessions (grouped by day).
 * Typing "hoi truong b" or "14:00" keeps the matching sessions and the days that have one; accents
 * and case are ignored. Ticked sessions always stay visible. Without JavaScript the full list shows.
 */

const fold = (text) =>
  text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();

class SessionFilter extends HTMLElement {
  connectedCallback() {
    const id = `${this.id || "sessions"}-filter`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = this.dataset.textLabel;
    const input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    this.prepend(label, input);
    input.addEventListener("input", () => this.filter(fold(input.value.trim())));
  }

  filter(query) {
    for (const fieldset of this.querySelectorAll("fieldset")) {
      let shown = 0;
      for (const option of fieldset.querySelectorAll(".check")) {
        const ticked = option.querySelector("input").checked;
        const match = !query || ticked || fold(option.textContent).includes(query);
        option.hidden = !match;
        shown += match ? 1 : 0;
      }
      fieldset.hidden = shown === 0;
    }
  }
}

customElements.define("session-filter", SessionFilter);
