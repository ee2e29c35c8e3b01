// Keeps an export's page up to date while it runs; without JavaScript, "Refresh this page" works.
const status = document.getElementById("export-status");

async function poll() {
  const answer = await fetch(status.dataset.statusUrl, { credentials: "same-origin" });
  if (!answer.ok) return;
  const job = await answer.json();
  if (job.finished) {
    window.location.reload();
    return;
  }
  const bar = document.getElementById("export-progress");
  const text = document.getElementById("export-progress-text");
  if (bar) bar.value = job.percent;
  if (text && job.total) {
    text.textContent = text.dataset.template
      .replace("DONE", job.done)
      .replace("TOTAL", job.total);
  }
  window.setTimeout(poll, 2000);
}

if (status && status.dataset.finished === "false") window.setTimeout(poll, 2000);
