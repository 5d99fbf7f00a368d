// Rutinhandboken: print date and search. The handbook is readable without this file.
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
  });

  var form = document.querySelector("form[data-search]");
  var results = document.getElementById("search-results");
  if (!form || !results) { return; }
  form.hidden = false;
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
    if (!query) { results.textContent = ""; return; }
    load().then(function (pf) { return pf.search(query); })
      .then(function (found) { return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); })); })
      .then(function (items) { if (ticket === pending) { render(items, query); } })
      .catch(function () { results.textContent = results.getAttribute("data-none"); });
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  input.addEventListener("input", search);
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; search(); }
})();
