// Live password feedback on the password forms: the server's own policy check and zxcvbn
// estimate (POST /cas/password/assess, answered in the page language), and whether the
// confirmation matches. The server checks everything again when the form is sent; without
// JavaScript the form works the same, with the feedback after sending.
(function () {
  'use strict';
  var form = document.querySelector('form.password-form');
  if (!form) { return; }
  var input = form.querySelector('#new_password');
  var confirm = form.querySelector('#confirm_password');
  var out = document.getElementById('password-feedback');
  var confirmOut = document.getElementById('confirm-feedback');
  var csrf = form.querySelector('input[name="csrf_token"]');
  var email = form.querySelector('input[name="email"]');
  var timer = null;
  var seq = 0;

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function para(text, cls) {
    var p = document.createElement('p');
    if (cls) { p.className = cls; }
    p.textContent = text;
    return p;
  }

  function show(result) {
    clear(out);
    if (!input.value) { return; }
    var meter = document.createElement('meter');
    meter.min = 0; meter.max = 4; meter.low = 2; meter.high = 3; meter.optimum = 4;
    meter.value = result.score;
    meter.setAttribute('aria-hidden', 'true');
    out.appendChild(meter);
    out.appendChild(para(result.label, 'strength strength-' + result.score));
    result.problems.forEach(function (p) { out.appendChild(para(p, 'problem')); });
    result.feedback.forEach(function (f) { out.appendChild(para(f, 'hint')); });
  }

  function assess() {
    var mine = ++seq;
    var body = new URLSearchParams();
    body.set('csrf_token', csrf ? csrf.value : '');
    body.set('password', input.value);
    body.set('email', email ? email.value : '');
    fetch('/cas/password/assess', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString()
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (result) { if (result && mine === seq) { show(result); } })
      .catch(function () { /* the server checks on submit anyway */ });
  }

  function checkConfirm() {
    if (!confirmOut) { return; }
    if (confirm.value && confirm.value !== input.value) {
      confirmOut.textContent = confirm.getAttribute('data-mismatch');
      confirmOut.className = 'feedback problem';
    } else {
      confirmOut.textContent = '';
    }
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(assess, 250);
    if (confirm.value) { checkConfirm(); }
  });
  confirm.addEventListener('input', checkConfirm);
})();
