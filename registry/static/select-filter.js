// Type-to-search for long drop-downs (applications, OPDs, data centres). The form macro renders
// a hidden search box before each long <select>; this script shows it and narrows the options
// to those holding every typed word. Without the script the plain <select> works as before.
(function () {
  "use strict";

  function words(text) {
    return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  }

  function wire(input) {
    var select = document.getElementById(input.dataset.filters);
    if (!select) { return; }
    var options = Array.prototype.slice.call(select.options);
    var texts = options.map(function (option) { return option.text.toLocaleLowerCase(); });

    function narrow() {
      var wanted = words(input.value);
      var chosen = options.filter(function (option) { return option.selected; });
      var matches = [];
      select.textContent = "";
      options.forEach(function (option, i) {
        var match = wanted.every(function (word) { return texts[i].indexOf(word) >= 0; });
        // the empty choice and the chosen ones stay, so nothing is chosen behind one's back
        if (match || option.value === "" || chosen.indexOf(option) >= 0) { select.add(option); }
        if (match && option.value !== "") { matches.push(option); }
      });
      chosen.forEach(function (option) { option.selected = true; });
      if (!select.multiple && wanted.length && matches.length === 1 && !matches[0].selected) {
        matches[0].selected = true;  // one match left: take it
        select.dispatchEvent(new Event("change", {bubbles: true}));
      }
    }

    input.hidden = false;
    input.addEventListener("input", narrow);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {  // Enter picks from the list, it does not send the form
        event.preventDefault();
        select.focus();
      }
    });
  }

  document.querySelectorAll("input[data-filters]").forEach(wire);
}());
