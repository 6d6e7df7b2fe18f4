// Advances a job's progress bar by polling its JSON status; reloads the page when the job ends,
// which then shows its result (or its error).
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status-url]");
  if (!box) { return; }
  var url = box.dataset.jobStatusUrl;
  var wrapper = box.querySelector(".progress");
  var bar = box.querySelector(".progress-bar");
  var step = box.querySelector(".job-step");
  var count = box.querySelector(".job-count");
  var state = box.querySelector(".job-state");
  var delay = 700;
  function show(status) {
    var percent = status.progress.percent;
    bar.style.width = percent + "%";
    bar.textContent = percent + "%";
    wrapper.setAttribute("aria-valuenow", String(percent));
    if (step) { step.textContent = status.progress.step; }
    if (count && status.progress.total) {
      count.textContent = status.progress.done + " / " + status.progress.total;
    }
    if (state && state.dataset[status.state]) { state.textContent = state.dataset[status.state]; }
    box.dataset.jobPercent = String(percent);
  }
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) { setTimeout(poll, delay * 4); return; }
        show(status);
        if (status.finished) { window.location.reload(); return; }
        setTimeout(poll, delay);
      })
      .catch(function () { setTimeout(poll, delay * 4); });
  }
  setTimeout(poll, delay);
})();
