// Pages that wait for the mobile app (docs/MOBILE-PROTOCOL.md): the login's push and On Mobile
// pages, and My account's enrolment page. They work without this script (a button checks); with
// it, the page proceeds by itself when the device has answered: it asks the server, which holds
// the question until something changes (a long poll), and submits the page's form.
(function () {
  "use strict";
  var box = document.querySelector("[data-wait]");
  if (!box) { return; }
  var form = box.querySelector("form[data-proceed], form#enrol-done");
  var state = box.getAttribute("data-state") || "";
  var done = false;
  function proceed() {
    if (done || !form) { return; }
    done = true;
    form.submit();
  }
  function show(next) {
    var scanned = document.getElementById("enrol-status-scanned");
    var status = document.getElementById("enrol-status");
    if (next === "scanned" && scanned && status) {
      status.textContent = scanned.textContent;
    }
  }
  function poll() {
    if (done) { return; }
    var url = box.getAttribute("data-wait") + "&seen=" + encodeURIComponent(state);
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (!answer) { setTimeout(poll, 3000); return; }
        var next = answer.state;
        if (next === "pending" || next === "open" || next === "scanned") {
          if (next !== state) { state = next; show(next); }
          setTimeout(poll, 50);
          return;
        }
        if (next === "expired" && box.hasAttribute("data-stay-on-expiry")) {
          var expired = document.getElementById("wait-expired");
          if (expired) { expired.hidden = false; }
          return;
        }
        proceed();
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
