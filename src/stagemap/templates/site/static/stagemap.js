/* stagemap site script. Plain JavaScript, no network beyond the site's own files: works from
   file:// too, and without it every page still reads in full.

   1. Search on every page: the header's box loads static/search-index.js (a script tag, so it
      works from file://) the first time it is used and lists the best matches; without the
      script the box submits to the assets page, which reads ?text=.
   2. The assets page: filters and text search over window.stagemapIndex. The filter state lives
      in the address fragment, e.g. assets.html#stage=evaluation&text=price, so a filtered list
      can be bookmarked or shared.
   3. The print button of a play.

   Matches are ranked: title before text, then ready to send, in the making, past review, and
   retired last. */
var stagemap = (function () {
  "use strict";
  var STATE_RANK = { ready: 0, review: 1, draft: 1, idea: 1, stale: 2, retired: 3 };
  var STATE_WORDS = { ready: "", stale: "past review", idea: "idea", draft: "draft", review: "in review", retired: "retired" };

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function prepare(index) {
    if (!index.prepared) {
      index.assets.forEach(function (entry, position) {
        entry.haystack = fold(entry.text);
        entry.folded = fold(entry.title);
        entry.position = position;
      });
      index.prepared = true;
    }
    return index;
  }

  /* Lower is better: retired assets always come last, whatever matched. */
  function score(entry, words) {
    var inTitle = words.every(function (w) { return entry.folded.indexOf(w) >= 0; });
    return (STATE_RANK[entry.state] || 0) * 2 + (inTitle ? 0 : 1);
  }

  function rank(entries, words) {
    return entries.slice().sort(function (a, b) {
      return score(a, words) - score(b, words) || a.position - b.position;
    });
  }

  return { fold: fold, prepare: prepare, rank: rank, score: score, words: STATE_WORDS };
}());

(function siteSearch() {
  "use strict";
  var form = document.getElementById("site-search");
  if (!form) { return; }
  var input = form.elements.namedItem("text");
  var results = document.getElementById("site-results");
  var root = form.getAttribute("data-root") || "";
  var loading = false;
  var LIMIT = 8;

  /* Load the index once; whatever asked last runs when it arrives. */
  var pending = null;
  function load(then) {
    if (window.stagemapIndex) { then(); return; }
    pending = then;
    if (loading) { return; }
    loading = true;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-index");
    script.onload = function () { loading = false; if (pending) { pending(); } };
    script.onerror = function () { loading = false; };
    document.head.appendChild(script);
  }

  function item(entry) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + entry.url;
    a.textContent = entry.title;
    var meta = document.createElement("span");
    meta.className = "hit-meta";
    var state = stagemap.words[entry.state];
    meta.textContent = [entry.format, state].filter(Boolean).join(" · ");
    if (meta.textContent) { a.appendChild(meta); }
    li.appendChild(a);
    return li;
  }

  function show() {
    var words = stagemap.fold(input.value).split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length || !window.stagemapIndex) { results.hidden = true; return; }
    var index = stagemap.prepare(window.stagemapIndex);
    var found = stagemap.rank(index.assets.filter(function (entry) {
      return words.every(function (w) { return entry.haystack.indexOf(w) >= 0; });
    }), words);
    var list = document.createElement("ol");
    found.slice(0, LIMIT).forEach(function (entry) { list.appendChild(item(entry)); });
    var note = document.createElement("p");
    var all = document.createElement("a");
    all.href = form.getAttribute("action") + "#text=" + encodeURIComponent(input.value.trim());
    all.textContent = found.length ? "All " + found.length + " matches on the assets page" : "No asset matches.";
    note.appendChild(found.length ? all : document.createTextNode(all.textContent));
    results.appendChild(list);
    results.appendChild(note);
    results.hidden = false;
  }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () { load(show); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { results.hidden = true; }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) { results.hidden = true; }
  });
}());

(function printButton() {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".print-button"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
}());

(function assetIndex() {
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
  var fold = stagemap.fold;
  var more = document.getElementById("more-filters");
  var filterCount = document.getElementById("filter-count");
  var wide = window.matchMedia("(min-width: 48rem)");

  var byId = {};
  stagemap.prepare(index).assets.forEach(function (entry) {
    byId[entry.id] = entry;
  });
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

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
    /* With words to look for, the best matches come first and retired assets last. */
    var order = words.length
      ? rows.slice().sort(function (a, b) {
        var x = byId[a.getAttribute("data-id")], y = byId[b.getAttribute("data-id")];
        if (!x || !y) { return 0; }
        return stagemap.score(x, words) - stagemap.score(y, words) || x.position - y.position;
      })
      : rows;
    order.forEach(function (row) { body.appendChild(row); });
    var active = FIELDS.filter(function (name) { return name !== "text" && v[name]; }).length;
    filterCount.textContent = active ? "(" + active + " on)" : "";
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
    /* ?text= comes from the search box of a page without the script. */
    var params = new URLSearchParams(location.hash.replace(/^#/, "") || location.search.replace(/^\?/, ""));
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
  var filtered = FIELDS.some(function (name) { return name !== "text" && current()[name]; });
  more.open = wide.matches || filtered;
  apply(false);
}());
