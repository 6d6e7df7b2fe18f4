// A "select all" box for a list of checkboxes (data-check-all: the selector of the boxes).
// Without JavaScript the box stays hidden and each record is ticked on its own: nothing is
// ever ticked for the user.
document.querySelectorAll("[data-check-all]").forEach(function (all) {
  var boxes = function () { return document.querySelectorAll(all.dataset.checkAll); };
  all.hidden = false;
  all.addEventListener("change", function () {
    boxes().forEach(function (box) { box.checked = all.checked; });
  });
  document.addEventListener("change", function (event) {
    if (event.target === all || !event.target.matches(all.dataset.checkAll)) return;
    var list = Array.prototype.slice.call(boxes());
    all.checked = list.length > 0 && list.every(function (box) { return box.checked; });
  });
});
