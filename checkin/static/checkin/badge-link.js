// The scanner's "Print badge" link: after an admission (green or amber entry) it points at that
// attendee's badge page; any other answer hides it. Fed by the scanner's `checkin:answer` event.
const link = document.querySelector("[data-badge-link]");

if (link) {
  document.addEventListener("checkin:answer", (event) => {
    const { data } = event.detail;
    const ticket = data.ticket || {};
    const admitted = data.status === "ok" && data.checkin && data.checkin.type === "entry" && ticket.id;
    if (!admitted) {
      link.hidden = true;
      link.removeAttribute("href");
      return;
    }
    link.href = link.dataset.url.replace(/\/0\/$/, `/${ticket.id}/`);
    const name = document.createElement("bdi");
    name.textContent = ticket.attendee_name || "";
    link.replaceChildren(`${link.dataset.label}: `, name);
    link.hidden = false;
  });
}
