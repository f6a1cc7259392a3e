/* Findings filter. State lives in the URL hash (#severity=error&opd=dinkes) so a filtered
   view can be bookmarked or sent as a link. Plain ES5: old office PCs open this file too. */
(function () {
  "use strict";
  var list = document.getElementById("findings");
  var sevSel = document.getElementById("f-severity");
  var opdSel = document.getElementById("f-opd");
  var shownEl = document.getElementById("f-shown");
  var emptyEl = document.getElementById("f-empty");
  var section = document.getElementById("temuan");

  function parseHash() {
    var out = {};
    var raw = window.location.hash.replace(/^#/, "");
    raw.split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) {
        try {
          out[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1));
        } catch (err) {
          /* a malformed hash is ignored, not fatal */
        }
      }
    });
    return out;
  }

  function choose(sel, value) {
    if (!sel) { return; }
    var known = Array.prototype.some.call(sel.options, function (o) { return o.value === value; });
    sel.value = known ? value : "";
  }

  function apply() {
    if (!list) { return 0; }
    var sev = sevSel ? sevSel.value : "";
    var opd = opdSel ? opdSel.value : "";
    var items = list.children;
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var match = (!sev || li.getAttribute("data-severity") === sev) &&
        (!opd || (" " + li.getAttribute("data-opd") + " ").indexOf(" " + opd + " ") >= 0);
      li.hidden = !match;
      if (match) { shown++; }
    }
    if (shownEl) {
      shownEl.textContent = shownEl.getAttribute("data-template")
        .replace("{shown}", String(shown)).replace("{total}", String(items.length));
    }
    if (emptyEl) { emptyEl.hidden = shown !== 0; }
    return shown;
  }

  function fromHash(scroll) {
    var h = parseHash();
    if (!("severity" in h) && !("opd" in h)) { return false; }
    choose(sevSel, h.severity || "");
    choose(opdSel, h.opd || "");
    apply();
    if (scroll && section && section.scrollIntoView) { section.scrollIntoView(); }
    return true;
  }

  function toHash() {
    var parts = [];
    if (sevSel && sevSel.value) { parts.push("severity=" + encodeURIComponent(sevSel.value)); }
    if (opdSel && opdSel.value) { parts.push("opd=" + encodeURIComponent(opdSel.value)); }
    try {
      window.history.replaceState(null, "", parts.length ? "#" + parts.join("&") : "#temuan");
    } catch (err) {
      /* some viewers forbid URL changes; the filter still works */
    }
  }

  function onChange() { apply(); toHash(); }
  if (sevSel) { sevSel.addEventListener("change", onChange); }
  if (opdSel) { opdSel.addEventListener("change", onChange); }
  window.addEventListener("hashchange", function () { fromHash(true); });
  if (!fromHash(true)) { apply(); }

  function selfcheck() {
    var box = document.getElementById("kladoc-selfcheck");
    var log = window.kladocSelfcheck || { errors: [], blocked: [] };
    var entries = window.performance && performance.getEntriesByType ?
      performance.getEntriesByType("resource") : [];
    if (!box) { return; }
    box.textContent = JSON.stringify({
      resources: entries.length,
      urls: Array.prototype.map.call(entries, function (e) { return e.name; }),
      errors: log.errors,
      blocked: log.blocked,
      severity: sevSel ? sevSel.value : "",
      opd: opdSel ? opdSel.value : "",
      shown: list ? list.querySelectorAll("li:not([hidden])").length : 0,
      scrollWidth: document.documentElement.scrollWidth,
      viewportWidth: window.innerWidth
    });
  }
  selfcheck();
  window.addEventListener("load", function () { window.setTimeout(selfcheck, 0); });
}());
