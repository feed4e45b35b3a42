// The live dashboard refreshes itself: poll the JSON endpoint and swap in the server-rendered body.
const root = document.querySelector("[data-checkin-dashboard]");
if (root) {
  const body = root.querySelector("[data-dashboard-body]");
  const seconds = Math.max(5, Number.parseInt(root.dataset.refresh || "10", 10));
  let failures = 0;
  const refresh = async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      body.innerHTML = data.html;
      root.dataset.checkedIn = data.checked_in;
      failures = 0;
    } catch (error) {
      failures += 1;
      root.dataset.failures = failures;
    }
  };
  window.setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", refresh);
}
