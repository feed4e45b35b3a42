// A bulk badge PDF's page in the admin: polls the job's status until it is done or failed, moving the
// progress bar and showing the download when the file is ready.
const root = document.querySelector("[data-badge-job]");

async function poll() {
  let data;
  try {
    const response = await fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(String(response.status));
    data = await response.json();
  } catch (error) {
    window.setTimeout(poll, refresh * 2);
    return;
  }
  root.querySelector("[data-progress]").value = data.percent;
  root.querySelector("[data-progress]").textContent = `${data.percent}%`;
  root.querySelector("[data-job-text]").textContent = `${data.status_label} · ${data.done}/${data.total}`;
  root.dataset.status = data.status;
  if (data.download_url) {
    const download = root.querySelector("[data-download]");
    download.querySelector("a").href = data.download_url;
    download.hidden = false;
  }
  if (data.status === "done" || data.status === "failed") {
    root.querySelector("[data-refresh-note]")?.remove();
    return;
  }
  window.setTimeout(poll, refresh);
}

const refresh = root ? Number.parseInt(root.dataset.refresh || "2", 10) * 1000 : 0;
if (root && root.dataset.status !== "done" && root.dataset.status !== "failed") window.setTimeout(poll, refresh);
