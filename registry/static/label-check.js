// Checks a sub-domain label while it is typed, with the same rules the server applies on save.
(function () {
  "use strict";
  var input = document.getElementById("f-label");
  var live = document.getElementById("label-live");
  if (!input || !live) { return; }
  var timer = null;
  function show(result) {
    live.className = "small " + (result.available ? "text-success" : "text-danger");
    live.textContent = result.available ? result.fqdn + " ✓" : result.problems.join(" ");
  }
  function check() {
    var label = input.value.trim();
    if (!label) { live.textContent = ""; return; }
    var url = input.dataset.checkUrl + "?label=" + encodeURIComponent(label);
    var unit = document.getElementById("f-unit_id");
    if (unit && unit.value) { url += "&unit=" + encodeURIComponent(unit.value); }
    var headers = {"Accept": "application/json", "Accept-Language": document.documentElement.lang};
    fetch(url, {credentials: "same-origin", headers: headers})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result) { show(result); } })
      .catch(function () { live.textContent = ""; });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });
})();
