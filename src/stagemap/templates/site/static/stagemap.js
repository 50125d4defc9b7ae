/* stagemap site script. Plain JavaScript, no network beyond the site's own files: works from
   file:// too, and without it every page still reads in full (long lists go on over numbered
   pages with plain links).

   1. The search index (static/search/, see stagemap.render.searchindex): a small manifest
      loaded with the page, then, as words are typed, only the chunks of the words' first
      letters and the records of the matches shown. Each file is a script that calls
      stagemap.add (script tags, not fetch(), so it works from file://). A search finds the
      assets in which every word typed (of two letters or more) begins a word.
   2. Search on every page: the header's box lists the best matches; without the script it
      submits to the assets page, which reads ?text=.
   3. The assets page: words typed in its Search box look through the whole library (with
      the other filters applied to the matches); the other filters alone apply to the assets
      on the page shown. The filter state lives in the address fragment, e.g.
      assets.html#stage=evaluation&text=price, so a filtered list can be bookmarked or shared.
   4. The print button of a play.
   5. An address whose fragment names no element (a link written for the site's generator,
      #whats-new where the heading "What's new?" is h-what-s-new here, or a public page's
      fragment without the h- prefix) is pointed at the element whose id has the same letters
      and digits, accents aside, as `stagemap check --links` reads it (render/deadlinks.py).

   Matches are ranked: title before text, then ready to send, in the making, past review, and
   retired last, then by the stage their journey starts at, then by id. Everything shown is
   set as text, never as markup. */
var stagemap = (function () {
  "use strict";
  var STATE_RANK = { ready: 0, scheduled: 1, review: 1, draft: 1, idea: 1, stale: 2, retired: 3 };
  var STATE_WORDS = { ready: "", scheduled: "scheduled", stale: "past review", idea: "idea", draft: "draft", review: "in review", retired: "retired" };
  var STATE_OF_LETTER = { r: "ready", c: "scheduled", s: "stale", i: "idea", d: "draft", v: "review", x: "retired" };
  var SHORTEST = 2;
  var loaded = {};
  var waiting = {};
  var asked = {};
  var folder = null;

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* The words of a text a search looks for: as the index was made (stagemap.analyse.search). */
  function words(text) {
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return w.length >= SHORTEST; });
  }

  function chunkName(prefix) {
    return "w-" + Array.from(prefix).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("") + ".js";
  }

  function fileOf(key) {
    if (key === "m") { return "index.js"; }
    if (key.indexOf("w:") === 0) { return chunkName(key.slice(2)); }
    return "r-" + key.slice(2) + ".js";
  }

  /* Called by each index file as it loads. */
  function settle(key, ok) {
    var then = waiting[key] || [];
    delete waiting[key];
    then.forEach(function (f) { f(ok); });
  }

  function add(key, data) {
    loaded[key] = data;
    settle(key, true);
  }

  /* Load the index files not loaded yet (as script tags), then call then(); failed() instead
     when one cannot be loaded (a file missing from a copied site, say). */
  function need(keys, then, failed) {
    var missing = keys.filter(function (k) { return !Object.prototype.hasOwnProperty.call(loaded, k); });
    var left = missing.length, gave = false;
    if (!left) { then(); return; }
    if (folder === null) { if (failed) { failed(); } return; }
    missing.forEach(function (key) {
      (waiting[key] = waiting[key] || []).push(function (ok) {
        if (gave) { return; }
        if (!ok) { gave = true; if (failed) { failed(); } return; }
        left -= 1;
        if (!left) { then(); }
      });
      if (asked[key]) { return; }
      asked[key] = true;
      var script = document.createElement("script");
      script.src = folder + fileOf(key);
      script.onerror = function () { delete asked[key]; settle(key, false); };
      document.head.appendChild(script);
    });
  }

  function start(manifest) {
    if (!manifest) { return; }  /* a page of an older template: no index to load, search says so */
    folder = manifest.replace(/index\.js$/, "");
    need(["m"], function () {});
  }

  function positions(gaps, into) {
    var n = 0;
    for (var i = 0; i < gaps.length; i++) { n += gaps[i]; into[n] = true; }
  }

  function both(a, b) {
    if (a === null) { return b; }
    var out = {};
    Object.keys(a).forEach(function (n) { if (b[n]) { out[n] = true; } });
    return out;
  }

  /* Lower is better: retired assets always come last, whatever matched. */
  function score(state, inTitle) {
    return (STATE_RANK[state] || 0) * 2 + (inTitle ? 0 : 1);
  }

  /* Call then(ranked positions) for the words of query; then(null) when it has none. */
  function find(query, then, failed) {
    var wanted = words(query);
    if (!wanted.length) { then(null); return; }
    need(["m"], function () {
      var prefixes = loaded.m.prefixes;
      function chunks(w) {
        return prefixes.filter(function (p) { return w.indexOf(p) === 0 || p.indexOf(w) === 0; });
      }
      var keys = [];
      wanted.forEach(function (w) { chunks(w).forEach(function (p) { keys.push("w:" + p); }); });
      need(keys, function () {
        var all = null, titled = null;
        wanted.forEach(function (w) {
          var hits = {}, inTitle = {};
          chunks(w).forEach(function (p) {
            var chunk = loaded["w:" + p];
            Object.keys(chunk.words).forEach(function (word) {
              if (word.indexOf(w) !== 0) { return; }
              positions(chunk.words[word], hits);
              if (chunk.titles[word]) { positions(chunk.titles[word], inTitle); }
            });
          });
          all = both(all, hits);
          titled = both(titled, inTitle);
        });
        var states = loaded.m.states, journey = loaded.m.journey;
        then(Object.keys(all).map(Number).sort(function (a, b) {
          return score(STATE_OF_LETTER[states[a]], titled[a]) - score(STATE_OF_LETTER[states[b]], titled[b]) ||
            journey.charCodeAt(a) - journey.charCodeAt(b) || a - b;
        }));
      }, failed);
    }, failed);
  }

  /* Call then(records) for the assets at these positions, in the same order. */
  function records(found, then, failed) {
    need(["m"], function () {
      var per = loaded.m.per;
      var keys = found.map(function (n) { return "r:" + Math.floor(n / per); });
      need(keys, function () {
        then(found.map(function (n) {
          var r = loaded["r:" + Math.floor(n / per)][n % per];
          return { id: r[0], url: r[1], title: r[2], format: r[3], state: r[4], stages: r[5], questions: r[6], personas: r[7] };
        }));
      }, failed);
    }, failed);
  }

  return { add: add, start: start, find: find, records: records, fold: fold, words: words, stateWords: STATE_WORDS };
}());

(function siteSearch() {
  "use strict";
  var form = document.getElementById("site-search");
  if (!form) { return; }
  var input = form.elements.namedItem("text");
  var results = document.getElementById("site-results");
  var root = form.getAttribute("data-root") || "";
  var asked = 0;
  var LIMIT = 8;
  stagemap.start(form.getAttribute("data-search"));

  function item(entry) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + entry.url;
    a.textContent = entry.title;
    var meta = document.createElement("span");
    meta.className = "hit-meta";
    var state = stagemap.stateWords[entry.state];
    meta.textContent = [entry.format, state].filter(Boolean).join(" · ");
    if (meta.textContent) { a.appendChild(meta); }
    li.appendChild(a);
    return li;
  }

  function show(found, entries) {
    results.textContent = "";
    var list = document.createElement("ol");
    entries.forEach(function (entry) { list.appendChild(item(entry)); });
    var note = document.createElement("p");
    var all = document.createElement("a");
    all.href = form.getAttribute("action") + "#text=" + encodeURIComponent(input.value.trim());
    all.textContent = found.length ? "All " + found.length + " matches on the assets page" : "No asset matches.";
    note.appendChild(found.length ? all : document.createTextNode(all.textContent));
    results.appendChild(list);
    results.appendChild(note);
    results.hidden = false;
  }

  function say(text) {
    results.textContent = "";
    var note = document.createElement("p");
    note.textContent = text;
    results.appendChild(note);
    results.hidden = false;
  }

  function search() {
    var mine = ++asked;
    if (!input.value.trim()) { results.hidden = true; return; }
    function failed() { if (mine === asked) { say("The search index could not be loaded."); } }
    stagemap.find(input.value, function (found) {
      if (mine !== asked) { return; }
      if (found === null) { say("Type at least two letters."); return; }
      stagemap.records(found.slice(0, LIMIT), function (entries) {
        if (mine === asked) { show(found, entries); }
      }, failed);
    }, failed);
  }

  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { results.hidden = true; }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) { results.hidden = true; }
  });
}());

(function partOfPage() {
  "use strict";
  function letters(text) {
    return stagemap.fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
  }
  function named() {
    var given = location.hash.replace(/^#/, "");
    try { given = decodeURIComponent(given); } catch (e) { /* kept as written */ }
    /* An assets page's filters live in the fragment too (stage=evaluation). */
    if (!given || given.indexOf("=") >= 0 || document.getElementById(given)) { return null; }
    /* h-1b-visas may be the public page's own name of "H-1B visas" (h-h-1b-visas here). */
    var plain = given.replace(/^h-/, "");
    var exact = document.getElementById("h-" + given) || document.getElementById("h-" + plain) ||
      document.getElementById(plain);
    if (exact) { return exact; }
    var wanted = [letters(given), letters(plain)].filter(function (w) { return w; });
    var found = null;
    Array.prototype.some.call(document.querySelectorAll("main [id^='h-']"), function (el) {
      if (wanted.indexOf(letters(el.id.slice(2))) >= 0) { found = el; }
      return found !== null;
    });
    return found;
  }
  function go() {
    var el = named();
    /* The address then names the element itself: the browser scrolls to it, as to any part. */
    if (el) { location.replace("#" + encodeURIComponent(el.id)); }
  }
  window.addEventListener("hashchange", go);
  go();
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
  var form = document.getElementById("filters");
  var table = document.getElementById("asset-table");
  var count = document.getElementById("result-count");
  var none = document.getElementById("no-results");
  var search = document.getElementById("site-search");
  if (!form || !table || !count || !none || !search) {
    return;
  }
  var FIELDS = ["text", "stage", "question", "persona", "format", "state"];
  var LABELS = { ready: "published", scheduled: "scheduled", stale: "published, past review", idea: "idea", draft: "draft", review: "in review", retired: "retired" };
  var more = document.getElementById("more-filters");
  var filterCount = document.getElementById("filter-count");
  var wide = window.matchMedia("(min-width: 48rem)");
  var limit = Number(table.getAttribute("data-limit")) || 100;
  var total = Number(table.getAttribute("data-total")) || 0;
  var paged = table.hasAttribute("data-paged");
  var root = search.getAttribute("data-root") || "";
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var asked = 0;

  function control(name) {
    return form.elements.namedItem(name);
  }

  /* Display names by id, from the filter's own options. */
  function names(name) {
    var found = {};
    var el = control(name);
    if (el) {
      Array.prototype.forEach.call(el.options, function (o) { if (o.value) { found[o.value] = o.textContent; } });
    }
    return found;
  }
  var named = { stages: names("stage"), questions: names("question"), personas: names("persona") };

  function current() {
    var values = {};
    FIELDS.forEach(function (name) {
      var el = control(name);
      values[name] = el ? el.value.trim() : "";
    });
    return values;
  }

  function listed(row, name) {
    var text = row.getAttribute("data-" + name) || "";
    return text ? text.split(" ") : [];
  }

  function fromRow(row) {
    return {
      stages: listed(row, "stages"),
      questions: listed(row, "questions"),
      personas: listed(row, "personas"),
      format: row.getAttribute("data-format") || "",
      state: row.getAttribute("data-state") || ""
    };
  }

  function matches(entry, v) {
    if (v.stage && entry.stages.indexOf(v.stage) < 0) { return false; }
    if (v.question && entry.questions.indexOf(v.question) < 0) { return false; }
    /* An asset that names no persona serves everyone, as in the coverage report. */
    if (v.persona && entry.personas.length && entry.personas.indexOf(v.persona) < 0) { return false; }
    if (v.format && entry.format !== v.format) { return false; }
    if (v.state && entry.state !== v.state) { return false; }
    return true;
  }

  function cell(row, label, text) {
    var td = document.createElement("td");
    td.setAttribute("data-label", label);
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  /* A row of the table for a search result, like the rows the page was made with. */
  function rowOf(entry) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-id", entry.id);
    tr.className = "state-" + entry.state;
    var title = document.createElement("td");
    title.className = "c-title";
    var link = document.createElement("a");
    link.href = root + entry.url;
    link.textContent = entry.title;
    title.appendChild(link);
    tr.appendChild(title);
    ["stages", "questions"].forEach(function (name) {
      cell(tr, name === "stages" ? "Stages" : "Questions", entry[name].map(function (i) { return named[name][i] || i; }).join(", "));
    });
    cell(tr, "For", entry.personas.map(function (i) { return named.personas[i] || i; }).join(", ") || "everyone");
    cell(tr, "Format", entry.format || "–");
    var status = cell(tr, "Status", "");
    status.className = "c-status";
    var badge = document.createElement("span");
    badge.className = "badge state-" + entry.state;
    badge.textContent = LABELS[entry.state] || entry.state;
    status.appendChild(badge);
    return tr;
  }

  function remember(v) {
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

  /* Without words to look for: the filters apply to this page's rows. */
  function filterPage(v) {
    var shown = 0;
    body.textContent = "";
    rows.forEach(function (row) {
      var ok = matches(fromRow(row), v);
      row.hidden = !ok;
      if (ok) { shown += 1; }
      body.appendChild(row);
    });
    var where = paged ? " on this page." : ".";
    count.textContent = shown === rows.length
      ? "Showing all " + rows.length + " assets" + where
      : "Showing " + shown + " of " + (paged ? "the " : "") + rows.length + " assets" + where;
    none.hidden = shown !== 0;
  }

  /* With words: the best matches of the whole library, the other filters applied to them. */
  function searchAll(v, mine) {
    count.textContent = "Searching…";
    var filtered = FIELDS.some(function (name) { return name !== "text" && v[name]; });
    function failed() { if (mine === asked) { count.textContent = "The search index could not be loaded."; } }
    stagemap.find(v.text, function (found) {
      if (mine !== asked) { return; }
      stagemap.records(filtered ? found : found.slice(0, limit), function (entries) {
        if (mine !== asked) { return; }
        var hits = entries.filter(function (e) { return matches(e, v); });
        var matched = filtered ? hits.length : found.length;
        body.textContent = "";
        hits.slice(0, limit).forEach(function (e) { body.appendChild(rowOf(e)); });
        count.textContent = matched > limit
          ? "Showing the best " + limit + " of " + matched + " matching assets."
          : "Showing " + matched + " of " + total + " assets.";
        none.hidden = matched !== 0;
      }, failed);
    }, failed);
  }

  function apply(keep) {
    var v = current();
    var mine = ++asked;
    var active = FIELDS.filter(function (name) { return name !== "text" && v[name]; }).length;
    filterCount.textContent = active ? "(" + active + " on)" : "";
    if (stagemap.words(v.text).length) {
      searchAll(v, mine);
    } else {
      filterPage(v);
    }
    if (keep) { remember(v); }
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
