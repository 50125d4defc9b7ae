/* stagemap asset index: filters and text search over window.stagemapIndex
   (static/search-index.js). Plain JavaScript, no network: works from file:// too.
   The filter state lives in the address fragment, e.g. assets.html#stage=evaluation&text=price,
   so a filtered list can be bookmarked or shared. */
(function () {
  "use strict";
  var index = window.stagemapIndex;
  var form = document.getElementById("filters");
  var table = document.getElementById("asset-table");
  var count = document.getElementById("result-count");
  var none = document.getElementById("no-results");
  if (!index || !form || !table || !count || !none) {
    return;
  }
  var FIELDS = ["text", "stage", "question", "persona", "format", "state"];

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var byId = {};
  index.assets.forEach(function (entry) {
    entry.haystack = fold(entry.text);
    byId[entry.id] = entry;
  });
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);

  function control(name) {
    return form.elements.namedItem(name);
  }

  function current() {
    var values = {};
    FIELDS.forEach(function (name) {
      var el = control(name);
      values[name] = el ? el.value.trim() : "";
    });
    return values;
  }

  function matches(entry, v, words) {
    if (v.stage && entry.stages.indexOf(v.stage) < 0) { return false; }
    if (v.question && entry.questions.indexOf(v.question) < 0) { return false; }
    /* An asset that names no persona serves everyone, as in the coverage report. */
    if (v.persona && entry.personas.length && entry.personas.indexOf(v.persona) < 0) { return false; }
    if (v.format && entry.format !== v.format) { return false; }
    if (v.state && entry.state !== v.state) { return false; }
    for (var i = 0; i < words.length; i++) {
      if (entry.haystack.indexOf(words[i]) < 0) { return false; }
    }
    return true;
  }

  function apply(remember) {
    var v = current();
    var words = fold(v.text).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var entry = byId[row.getAttribute("data-id")];
      var ok = Boolean(entry) && matches(entry, v, words);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown === rows.length
      ? "Showing all " + rows.length + " assets."
      : "Showing " + shown + " of " + rows.length + " assets.";
    none.hidden = shown !== 0;
    if (remember) {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        if (v[name]) { params.set(name, v[name]); }
      });
      var fragment = params.toString();
      try {
        history.replaceState(null, "", fragment ? "#" + fragment : location.pathname + location.search);
      } catch (err) {
        /* Some browsers refuse history changes on file:// pages; filtering still works. */
      }
    }
  }

  function fromFragment() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    FIELDS.forEach(function (name) {
      var el = control(name);
      if (!el) { return; }
      var value = params.get(name) || "";
      if (el.tagName === "SELECT" && value && !el.querySelector("option[value=\"" + CSS.escape(value) + "\"]")) {
        value = "";
      }
      el.value = value;
    });
  }

  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { apply(true); }, 0);
  });
  window.addEventListener("hashchange", function () { fromFragment(); apply(false); });
  fromFragment();
  form.hidden = false;
  apply(false);
}());
