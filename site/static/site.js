// Rutinhandboken: print date, remembered unit and role, filters, sorting and search.
// The handbook is readable without this file.
(function () {
  "use strict";
  var base = document.documentElement.getAttribute("data-base") || "./";

  function isoToday() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("[data-print-date]").forEach(function (el) { el.textContent = isoToday(); });
    // the notice in every printed sheet's margin (print.css) says the day of printing too
    document.documentElement.setAttribute("data-sheet-date", isoToday());
  });

  // -- A table wider than the screen scrolls in its own box: a keyboard user reaches it with Tab.
  function tabStops() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) { table.setAttribute("tabindex", "0"); }
      else { table.removeAttribute("tabindex"); }
    });
  }
  document.addEventListener("DOMContentLoaded", tabStops);
  window.addEventListener("resize", tabStops);

  // -- Min enhet and Min roll: chosen once, kept in this browser (localStorage), no server.
  var KEYS = { unit: "rutinhandboken.minEnhet", role: "rutinhandboken.minRoll" };
  function recall(kind) {
    try { var v = JSON.parse(window.localStorage.getItem(KEYS[kind]) || "null"); return v && v.id ? v : null; }
    catch (e) { return null; }
  }
  function remember(kind, value) {
    try {
      if (value) { window.localStorage.setItem(KEYS[kind], JSON.stringify(value)); }
      else { window.localStorage.removeItem(KEYS[kind]); }
    } catch (e) { /* storage off: the choice lasts for this page only */ }
    highlight();
  }
  function words(text) { return (text || "").split(/\s+/).filter(Boolean); }
  function show(el, on) { if (el) { el.hidden = !on; } }
  function fill(el, field, value) {
    if (el) { el.textContent = (el.getAttribute("data-text") || "").replace(field, value); }
  }
  function appliesTo(units, unit) {
    if (!unit) { return false; }
    var lineage = unit.lineage || [unit.id];
    return words(units).some(function (u) { return lineage.indexOf(u) >= 0; });
  }

  function highlight() {
    var unit = recall("unit"), role = recall("role");
    var article = document.querySelector("article[data-units]");
    if (article) {
      var forUnit = appliesTo(article.getAttribute("data-units"), unit);
      var forRole = !!role && words(article.getAttribute("data-roles")).indexOf(role.id) >= 0;
      var youUnit = article.querySelector("[data-you-unit]"), youRole = article.querySelector("[data-you-role]");
      if (forUnit) { fill(youUnit, "{unit}", unit.name); }
      if (forRole) { fill(youRole, "{role}", role.name); }
      show(youUnit, forUnit); show(youRole, forRole);
      show(article.querySelector("[data-applies-you]"), forUnit || forRole);
    }
    document.querySelectorAll("tr[data-units]").forEach(function (row) {
      var on = appliesTo(row.getAttribute("data-units"), unit) ||
               (!!role && words(row.getAttribute("data-roles")).indexOf(role.id) >= 0);
      row.classList.toggle("is-yours", on);
      show(row.querySelector(".you-mark"), on);
    });
    document.querySelectorAll("li[data-unit]").forEach(function (li) {
      var on = !!unit && li.getAttribute("data-unit") === unit.id;
      li.classList.toggle("is-yours", on);
      show(li.querySelector(":scope > .you-mark"), on);
    });
    document.querySelectorAll("li[data-role]").forEach(function (li) {
      var on = !!role && li.getAttribute("data-role") === role.id;
      li.classList.toggle("is-yours", on);
      show(li.querySelector(".you-mark"), on);
    });
    document.querySelectorAll("[data-choose-unit], [data-choose-role]").forEach(function (p) {
      var kind = p.hasAttribute("data-choose-unit") ? "unit" : "role";
      var mine = recall(kind);
      var on = !!mine && mine.id === p.getAttribute("data-choose-" + kind);
      show(p.querySelector("button"), !on); show(p.querySelector(".chosen-mark"), on);
    });
    document.querySelectorAll("form[data-chooser]").forEach(function (f) {
      var mine = recall(f.getAttribute("data-chooser"));
      f.querySelector("select").value = mine ? mine.id : "";
    });
    var panel = document.querySelector("[data-mine]");
    if (panel) {
      [["unit", unit], ["role", role]].forEach(function (pair) {
        var slot = panel.querySelector('[data-mine-slot="' + pair[0] + '"]');
        slot.textContent = "";
        var source = pair[1] && document.querySelector('template[data-mine-' + pair[0] + '="' + CSS.escape(pair[1].id) + '"]');
        var link = pair[0] === "unit" && pair[1] && !source && document.querySelector("template[data-mine-unit-link]");
        if (source) { slot.appendChild(source.content.cloneNode(true)); }
        if (link) {  // a large handbook: the unit's summary is on its own page
          var part = link.content.cloneNode(true);
          var a = part.querySelector("[data-mine-unit-name]");
          a.textContent = pair[1].name;
          a.setAttribute("href", base + "enheter/" + encodeURIComponent(pair[1].id) + ".html");
          slot.appendChild(part);
        }
      });
      show(panel.querySelector("[data-mine-none]"), !(unit && role));
    }
  }

  document.querySelectorAll("form[data-chooser]").forEach(function (f) {
    var kind = f.getAttribute("data-chooser");
    var select = f.querySelector("select");
    f.hidden = false;
    f.addEventListener("submit", function (event) {
      event.preventDefault();
      var option = select.options[select.selectedIndex];
      if (!select.value) { remember(kind, null); return; }
      var value = { id: select.value, name: option.textContent.trim() };
      if (kind === "unit") { value.lineage = words(option.getAttribute("data-lineage")); }
      remember(kind, value);
    });
    f.querySelector("[data-forget]").addEventListener("click", function () { remember(kind, null); });
  });
  document.querySelectorAll("[data-choose-unit], [data-choose-role]").forEach(function (p) {
    var kind = p.hasAttribute("data-choose-unit") ? "unit" : "role";
    p.hidden = false;
    p.querySelector("button").addEventListener("click", function () {
      var value = { id: p.getAttribute("data-choose-" + kind), name: p.getAttribute("data-name") };
      if (kind === "unit") { value.lineage = words(p.getAttribute("data-lineage")); }
      remember(kind, value);
    });
  });
  show(document.querySelector("[data-mine]"), true);
  highlight();
  window.addEventListener("storage", highlight);

  // -- Enheter: the tree filtered as you type (the whole tree stays without JavaScript).
  var unitFilter = document.querySelector("[data-unit-filter]");
  if (unitFilter) {
    unitFilter.hidden = false;
    var unitInput = unitFilter.querySelector("input");
    var tree = document.querySelector("[data-unit-tree] > ul");
    var filterTree = function (ul, query) {
      var any = false;
      Array.prototype.forEach.call(ul.children, function (li) {
        var name = li.querySelector(":scope > a").textContent.toLocaleLowerCase("sv");
        var sub = li.querySelector(":scope > ul");
        var below = sub ? filterTree(sub, query) : false;
        var on = !query || name.indexOf(query) >= 0 || below;
        li.hidden = !on;
        any = any || on;
      });
      return any;
    };
    unitInput.addEventListener("input", function () {
      var found = filterTree(tree, unitInput.value.trim().toLocaleLowerCase("sv"));
      show(unitFilter.querySelector("[data-filter-none]"), !found);
    });
  }

  // -- Alla rutiner: filters and sorting on the full list the page already has.
  var listForm = document.querySelector("form[data-list-filters]");
  var listBody = document.querySelector("table.all-routines tbody");
  if (listForm && listBody) {
    listForm.hidden = false;
    var rows = Array.prototype.slice.call(listBody.rows);
    var shown = listForm.querySelector("[data-shown]");
    var apply = function () {
      var count = 0;
      rows.forEach(function (row) {
        var on = Array.prototype.every.call(listForm.querySelectorAll("select[data-filter]"), function (sel) {
          if (!sel.value) { return true; }
          var have = row.getAttribute("data-" + sel.getAttribute("data-filter")) || "";
          var how = sel.getAttribute("data-match");
          if (how === "lineage") {
            var opt = sel.options[sel.selectedIndex];
            return appliesTo(have, { id: sel.value, lineage: words(opt.getAttribute("data-lineage")) });
          }
          if (how === "word") { return words(have).indexOf(sel.value) >= 0; }
          return have === sel.value;
        });
        row.hidden = !on;
        if (on) { count++; }
      });
      var key = listForm.querySelector("select[data-sort]").value;
      var sorted = rows.slice().sort(function (a, b) {
        var x = a.getAttribute("data-" + key) || "", y = b.getAttribute("data-" + key) || "";
        if (key === "changed") { var swap = x; x = y; y = swap; }  // newest first
        if (x === y) { return a.getAttribute("data-title").localeCompare(b.getAttribute("data-title"), "sv"); }
        if (!x) { return 1; }
        if (!y) { return -1; }
        return key === "title" ? x.localeCompare(y, "sv") : (x < y ? -1 : 1);
      });
      sorted.forEach(function (row) { listBody.appendChild(row); });
      shown.textContent = shown.getAttribute("data-shown").replace("{shown}", count).replace("{total}", rows.length);
    };
    listForm.addEventListener("change", apply);
    listForm.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  // -- Search (Pagefind): a document id finds that routine only (by its id in the page's metadata).
  // The header's form on every page; on the start page the results show there, elsewhere the
  // form takes the query to the start page (index.html?q=…), which runs it.
  var form = document.querySelector("form[data-search]");
  var results = document.getElementById("search-results");
  if (!form || !results) { return; }
  var section = results.closest("[data-search-results]");
  var input = form.querySelector("input");
  var pagefind = null;
  var siteRoot = new URL(base, window.location.href);

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
        return pf.options({ baseUrl: siteRoot.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function render(items, query) {
    results.textContent = "";
    var summary = document.createElement("p");
    summary.textContent = items.length ? items.length + " " + results.getAttribute("data-count")
                                       : results.getAttribute("data-none");
    results.appendChild(summary);
    if (!items.length) { return; }
    var list = document.createElement("ol");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.meta.title || item.url;
      li.appendChild(a);
      if (item.meta.status) {
        var badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = " " + item.meta.status;
        li.appendChild(document.createTextNode(" "));
        li.appendChild(badge);
      }
      var excerpt = document.createElement("p");
      excerpt.innerHTML = item.excerpt; // Pagefind's excerpt: our own indexed text, with <mark>
      li.appendChild(excerpt);
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  var pending = 0;
  function search() {
    var query = input.value.trim();
    var ticket = ++pending;
    if (!query) { results.textContent = ""; if (section) { section.hidden = true; } return; }
    if (section) { section.hidden = false; }
    var byId = /^[\w.-]+$/.test(query) && /\d/.test(query) && /[A-Za-z]/.test(query);
    load().then(function (pf) { return pf.search(query); })
      .then(function (found) {
        return Promise.all(found.results.slice(0, byId ? 200 : 20).map(function (r) { return r.data(); }));
      })
      .then(function (items) {
        if (byId) {  // the routine with this id, not every routine that says "SU"
          var exact = items.filter(function (item) { return (item.meta.id || "").toUpperCase() === query.toUpperCase(); });
          items = exact.length ? exact : items.slice(0, 20);
        }
        if (ticket === pending) { render(items, query); }
      })
      .catch(function () { results.textContent = results.getAttribute("data-none"); });
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  input.addEventListener("input", search);
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; search(); }
})();
