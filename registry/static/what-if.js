// The what-if of the scorecard, recomputed as the levels change (the "Hitung" button does the
// same on the server, so the page works without this script).
(function () {
  "use strict";
  var form = document.getElementById("what-if");
  var out = document.getElementById("what-if-live");
  if (!form || !out) { return; }
  var names = JSON.parse(form.dataset.bands);
  var lows = JSON.parse(form.dataset.lows);

  // The index as published: two decimals, half up (the predicate is read from it, as on the
  // server; the small epsilon absorbs binary sums such as 2.5995 stored as 2.59949999).
  function published(value) {
    return Math.round(value * 100 + 1e-6) / 100;
  }

  // The bands come sorted by their lower bound: the last one reached is the predicate.
  function predicate(value) {
    var found = names[0];
    for (var i = 0; i < lows.length; i++) {
      if (value >= lows[i] - 1e-9) { found = names[i]; }
    }
    return found;
  }

  function recompute() {
    var now = 0, tried = 0, changed = false;
    form.querySelectorAll("tr[data-weight]").forEach(function (row) {
      var weight = parseFloat(row.dataset.weight);
      var level = parseInt(row.dataset.level, 10);
      var select = row.querySelector("select.what-if-level");
      var wanted = select && select.value ? parseInt(select.value, 10) : level;
      if (wanted !== level) { changed = true; }
      now += level * weight / 100;
      tried += wanted * weight / 100;
    });
    var shown = published(tried);
    out.textContent = changed
      ? shown.toFixed(2) + " (" + predicate(shown) + "), " + (tried - now >= 0 ? "+" : "") +
        (tried - now).toFixed(3)
      : "";
  }

  form.addEventListener("change", recompute);
  recompute();
}());
