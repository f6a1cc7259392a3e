/* Runs first: records script errors and anything the Content-Security-Policy blocked, so the
   page can state in #kladoc-selfcheck that it loaded nothing from outside. */
(function () {
  "use strict";
  var log = { errors: [], blocked: [] };
  window.kladocSelfcheck = log;
  window.addEventListener("error", function (e) {
    log.errors.push(String(e.message || e.type));
  }, true);
  document.addEventListener("securitypolicyviolation", function (e) {
    log.blocked.push(e.violatedDirective + " " + e.blockedURI);
  });
}());
