// The scanner's "Print badge" after an admission (green or amber entry); any other answer hides it.
// Online it links to the attendee's badge page (checkin/badge_views.py). An answer made offline has
// no admission on the server yet: the badge is drawn here from the bundle (offline.js `badgeFor`),
// its QR code from the scanned code (uqr), and printed with the page's own print style (badge.css).
// Fed by the scanner's `checkin:answer` event.
import { renderSVG } from "../vendor/uqr/index.mjs";

const link = document.querySelector("[data-badge-link]");
const button = document.querySelector("[data-offline-badge-button]");
const template = document.querySelector("[data-offline-badge-template]");
let offlineBadge = null;

function label(element, text, name) {
  const bdi = document.createElement("bdi");
  bdi.textContent = name || "";
  element.replaceChildren(`${text}: `, bdi);
}

/** The badge as the print page draws it (checkin/badges/print.html), from the bundle's data. */
function drawBadge(badge) {
  const article = template.content.firstElementChild.cloneNode(true);
  article.classList.add(`badge--${badge.layout}`);
  article.lang = badge.language;
  article.querySelector(".badge__event").textContent = badge.event;
  article.querySelector(".badge__name bdi").textContent = badge.name;
  const organisation = article.querySelector(".badge__org");
  if (badge.organisation) organisation.querySelector("bdi").textContent = badge.organisation;
  else organisation.remove();
  const qr = article.querySelector(".badge__qr");
  // Admitted from the search, the code was not scanned: the bundle holds no secrets to draw it from.
  if (badge.secret) qr.innerHTML = renderSVG(badge.secret, { ecc: "M", border: 4 });
  else qr.remove();
  const band = article.querySelector(".badge__band");
  band.style.backgroundColor = badge.colour;
  const typeName = document.createElement("bdi");
  typeName.textContent = badge.ticket_type;
  band.replaceChildren(`${badge.category} · `, typeName);
  return article;
}

function clearOfflineBadge() {
  document.body.classList.remove("printing-badge");
  if (offlineBadge) offlineBadge.remove();
  offlineBadge = null;
}

if (link) {
  document.addEventListener("checkin:answer", (event) => {
    const { data } = event.detail;
    const ticket = data.ticket || {};
    const admitted = data.status === "ok" && ticket.id && (data.offline ? Boolean(data.badge) : data.checkin && data.checkin.type === "entry");
    clearOfflineBadge();
    link.hidden = true;
    link.removeAttribute("href");
    if (button) {
      button.hidden = true;
      button.badge = null;
    }
    if (!admitted) return;
    if (data.offline) {
      if (!button || !template) return;
      button.badge = data.badge;
      label(button, data.badge.secret ? button.dataset.label : button.dataset.labelNoQr, ticket.attendee_name);
      button.hidden = false;
      return;
    }
    link.href = link.dataset.url.replace(/\/0\/$/, `/${ticket.id}/`);
    label(link, link.dataset.label, ticket.attendee_name);
    link.hidden = false;
  });
}

if (button) {
  button.addEventListener("click", () => {
    if (!button.badge) return;
    clearOfflineBadge();
    offlineBadge = drawBadge(button.badge);
    document.querySelector("main").append(offlineBadge);
    document.body.classList.add("printing-badge");
    window.print();
  });
}
