// Limen's WebAuthn pages (W3C Web Authentication Level 3): the browser half of the ceremonies.
// The server puts the options in <script type="application/json" id="webauthn-options"> inside a
// form#webauthn-ceremony (data-mode "create" or "get"); this script runs the ceremony, puts the
// answer (JSON, binary fields base64url) into the form's "credential" field and submits it.
// On the sign-in page, #passkey-login and autofill (conditional mediation) start a passwordless
// passkey login. Without JavaScript these pages say so; the rest of Limen never needs it.
(function () {
  "use strict";

  function toBytes(b64url) {
    var b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    var raw = atob(b64);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out.buffer;
  }

  function toB64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // §5.4 PublicKeyCredentialCreationOptions from the server's JSON.
  function creationOptions(json) {
    var o = Object.assign({}, json.publicKey || json);
    o.challenge = toBytes(o.challenge);
    o.user = Object.assign({}, o.user, { id: toBytes(o.user.id) });
    o.excludeCredentials = (o.excludeCredentials || []).map(function (c) {
      return Object.assign({}, c, { id: toBytes(c.id) });
    });
    return o;
  }

  // §5.5 PublicKeyCredentialRequestOptions from the server's JSON.
  function requestOptions(json) {
    var o = Object.assign({}, json.publicKey || json);
    o.challenge = toBytes(o.challenge);
    o.allowCredentials = (o.allowCredentials || []).map(function (c) {
      return Object.assign({}, c, { id: toBytes(c.id) });
    });
    return o;
  }

  function credentialJSON(cred) {
    var r = cred.response;
    var response = { clientDataJSON: toB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64url(r.attestationObject);
      if (r.getTransports) response.transports = r.getTransports();
    } else {
      response.authenticatorData = toB64url(r.authenticatorData);
      response.signature = toB64url(r.signature);
      response.userHandle = r.userHandle ? toB64url(r.userHandle) : null;
    }
    return JSON.stringify({
      id: cred.id,
      rawId: toB64url(cred.rawId),
      type: cred.type,
      response: response,
      extensions: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
    });
  }

  function show(el, text) {
    if (!el) return;
    el.textContent = text;
    el.hidden = false;
  }

  // The message for a browser error: cancelled or timed out (NotAllowedError), a key already
  // registered (InvalidStateError), or no WebAuthn at all.
  function messageFor(err, el) {
    var name = err && err.name;
    if (name === "InvalidStateError") return el.dataset.msgAlready;
    if (name === "NotSupportedError" || name === "SecurityError") return el.dataset.msgUnsupported;
    return el.dataset.msgCancelled;
  }

  function supported() {
    return !!(window.PublicKeyCredential && navigator.credentials);
  }

  // --- A ceremony page: registration, or a second-factor sign-in -------------------------------
  function runCeremony(form) {
    var status = document.getElementById("webauthn-status");
    var error = document.getElementById("webauthn-error");
    var retry = document.getElementById("webauthn-retry");
    var options = JSON.parse(document.getElementById("webauthn-options").textContent);
    if (!supported()) {
      show(error, form.dataset.msgUnsupported);
      return;
    }
    if (error) error.hidden = true;
    if (retry) retry.hidden = true;
    if (status) status.hidden = false;
    var call =
      form.dataset.mode === "create"
        ? navigator.credentials.create({ publicKey: creationOptions(options) })
        : navigator.credentials.get({ publicKey: requestOptions(options) });
    call.then(
      function (cred) {
        form.elements.credential.value = credentialJSON(cred);
        form.submit();
      },
      function (err) {
        if (status) status.hidden = true;
        show(error, messageFor(err, form));
        if (retry) retry.hidden = false;
      }
    );
  }

  var ceremony = document.getElementById("webauthn-ceremony");
  if (ceremony) {
    var retry = document.getElementById("webauthn-retry");
    if (retry) {
      retry.addEventListener("click", function (e) {
        e.preventDefault();
        runCeremony(ceremony);
      });
    }
    // After a refusal the page shows the server's message and waits for "Try again".
    if (ceremony.dataset.autostart !== "false") runCeremony(ceremony);
  }

  // --- Passwordless passkey login on the sign-in page ---------------------------------------------
  var passkeyForm = document.getElementById("passkey-form");
  if (!passkeyForm) return;
  var passkeyButton = document.getElementById("passkey-login");
  var passkeyError = document.getElementById("webauthn-error");
  var pending = null;

  function fetchOptions() {
    var body = new URLSearchParams();
    body.set("csrf_token", passkeyForm.elements.csrf_token.value);
    return fetch("/cas/login/passkey/options", {
      method: "POST",
      body: body,
      credentials: "same-origin",
    }).then(function (r) {
      if (!r.ok) throw new Error("options " + r.status);
      return r.json();
    });
  }

  function passkeyLogin(mediation) {
    if (pending) pending.abort();
    var controller = new AbortController();
    pending = controller;
    return fetchOptions().then(function (answer) {
      var request = { publicKey: requestOptions(answer.options), signal: controller.signal };
      if (mediation) request.mediation = mediation;
      return navigator.credentials.get(request).then(function (cred) {
        passkeyForm.elements.ceremony.value = answer.ceremony;
        passkeyForm.elements.credential.value = credentialJSON(cred);
        passkeyForm.submit();
      });
    });
  }

  if (!supported()) {
    if (passkeyButton) passkeyButton.hidden = true;
    return;
  }
  if (passkeyButton) {
    passkeyButton.hidden = false;
    passkeyButton.addEventListener("click", function (e) {
      e.preventDefault();
      if (passkeyError) passkeyError.hidden = true;
      passkeyLogin(null).catch(function (err) {
        if (err && err.name === "AbortError") return;
        show(passkeyError, messageFor(err, passkeyForm));
      });
    });
  }
  // Autofill: the e-mail field offers the passkeys of this site (autocomplete="username webauthn").
  if (PublicKeyCredential.isConditionalMediationAvailable) {
    PublicKeyCredential.isConditionalMediationAvailable().then(function (yes) {
      if (yes) passkeyLogin("conditional").catch(function () {});
    });
  }
})();
