// Pages that wait for the mobile app (docs/MOBILE-PROTOCOL.md): the login's push and On Mobile
// pages, and My account's enrolment page. They work without this script (a button checks); with
// it, the page proceeds by itself when the device has answered: it asks the server, which holds
// the question until something changes (a long poll), and submits the page's form. A denied or
// expired request is shown and the page waits for the user (no new request goes out by itself).
(function () {
  "use strict";
  var box = document.querySelector("[data-wait]");
  if (!box) { return; }
  var form = box.querySelector("form[data-proceed], form#enrol-done");
  var state = box.getAttribute("data-state") || "";
  var post = box.hasAttribute("data-wait-post");
  var done = false;
  // What only holds with this script ("this page goes on by itself").
  Array.prototype.forEach.call(box.querySelectorAll("[data-script-only]"), function (el) {
    el.hidden = false;
  });
  function proceed() {
    if (done || !form) { return; }
    done = true;
    form.submit();
  }
  function reveal(id) {
    var el = document.getElementById(id);
    if (el) { el.hidden = false; }
    done = true;
  }
  function show(next) {
    var scanned = document.getElementById("enrol-status-scanned");
    var status = document.getElementById("enrol-status");
    if (next === "scanned" && scanned && status) {
      status.textContent = scanned.textContent;
    }
  }
  function ask() {
    var url = box.getAttribute("data-wait");
    if (post && form) {
      // The login transaction's token and the CSRF token, in the body (never in the URL).
      var body = new URLSearchParams();
      ["csrf_token", "ceremony"].forEach(function (name) {
        var input = form.querySelector("input[name=" + name + "]");
        if (input) { body.append(name, input.value); }
      });
      return fetch(url, { method: "POST", body: body, credentials: "same-origin", cache: "no-store" });
    }
    return fetch(url + "&seen=" + encodeURIComponent(state), { credentials: "same-origin", cache: "no-store" });
  }
  function poll() {
    if (done) { return; }
    ask()
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (!answer) { setTimeout(poll, 3000); return; }
        var next = answer.state;
        if (next === "pending" || next === "open" || next === "scanned") {
          if (next !== state) { state = next; show(next); }
          setTimeout(poll, 50);
          return;
        }
        if (post && next === "expired") { reveal("wait-expired"); return; }
        if (post && next === "denied") { reveal("wait-denied"); return; }
        proceed();
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
