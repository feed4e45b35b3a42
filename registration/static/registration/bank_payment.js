// The bank-transfer page: copy buttons; a tap on the QR code (on a phone) opens the list of banking
// apps; and asking every few seconds whether the money has arrived, so the page turns to "paid" by itself.
const page = document.querySelector(".bank-payment");
const feedback = document.getElementById("copy-feedback");
const copiedText = document.getElementById("copied-text")?.content.textContent.trim() || "";

for (const button of document.querySelectorAll("button.copy")) {
  button.addEventListener("click", async () => {
    const value = document.getElementById(button.dataset.copy)?.textContent.trim() || "";
    try {
      await navigator.clipboard.writeText(value);
      feedback.textContent = copiedText;
    } catch {
      feedback.textContent = value;
    }
  });
}

// Without JavaScript the QR code is a link to its list; with it, the list opens and takes the focus.
for (const link of document.querySelectorAll(".bank-qr-open")) {
  link.addEventListener("click", (event) => {
    const apps = document.getElementById(link.hash.slice(1));
    if (!apps) return;
    event.preventDefault();
    apps.open = true;
    apps.scrollIntoView({ block: "nearest" });
    apps.querySelector(".bank-app-list a")?.focus();
  });
}

async function check() {
  try {
    const response = await fetch(page.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return false;
    const state = await response.json();
    if (state.paid) {
      document.getElementById("payment-waiting").hidden = true;
      const paid = document.getElementById("payment-paid");
      paid.hidden = false;
      paid.focus();
      return true;
    }
    // Part of the amount arrived: show the remainder and its new QR code.
    if (String(state.received) !== page.dataset.received) window.location.reload();
    return state.status !== "pending_payment";
  } catch {
    return false;
  }
}

if (page && !document.getElementById("payment-waiting").hidden) {
  const timer = setInterval(async () => {
    if (await check()) clearInterval(timer);
  }, 4000);
}
