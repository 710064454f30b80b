// The app's texts in English and French, with the terms of the server's pages
// (crates/limen-web/locales/{en,fr}/main.ftl). Elements carry data-i18n (text),
// data-i18n-aria (aria-label); the language is the stored choice, else the browser's.

const TEXTS = {
  en: {
    "app-name": "Limen Authenticator",
    skip: "Skip to content",
    home: "Home",
    language: "Language",
    noscript: "This app needs JavaScript.",
    "home-title": "Your accounts",
    "home-empty":
      "No account yet. In My account on your sign-in server, choose “Manage my mobile devices”, then “Add a mobile device”, and add it here.",
    "add-account": "Add an account",
    "make-code": "Make a code from a QR code",
    "requests-title": "Sign-in requests",
    "no-requests": "No request waiting.",
    "check-now": "Check now",
    "live-open": "Connected: new requests appear here by themselves.",
    "live-closed": "Not connected: use “Check now”.",
    "live-offline": "Offline: you can still make codes from QR codes.",
    "enrol-title": "Add an account",
    "enrol-intro":
      "Scan the QR code shown in My account, or copy its link here. Then type the PIN you chose there.",
    "enrol-link": "Link of the QR code (limen://enrol?…)",
    "scan-qr": "Scan the QR code",
    pin: "PIN",
    "pin-hint": "Digits only, at least 4: the same PIN as on the web page.",
    "pin-again": "PIN again",
    "enrol-submit": "Add this account",
    "enrol-working": "Adding the account… (computing the PIN's key takes a moment)",
    "enrol-done": "Device “{name}” added for {account}.",
    "scan-title": "Scan a QR code",
    "scan-hint": "Point the camera at the QR code.",
    "scan-no-camera": "The camera cannot be used here: copy the QR code's text instead.",
    cancel: "Cancel",
    "request-title": "Sign-in request",
    "req-service": "Service",
    "req-time": "Time",
    "req-origin": "From",
    "req-account": "Account",
    "req-number": "Number shown on the sign-in page",
    "req-on-mobile":
      "Approve only if you started this sign-in yourself, on this phone, just now: this kind of request needs no password, only your e-mail address.",
    approve: "Approve",
    deny: "Deny",
    "not-me-text": "If you are not signing in right now, someone may know your password.",
    "deny-not-me": "Deny: this was not me",
    "result-title": "Answer sent",
    "result-approved": "Approved. The sign-in page goes on by itself.",
    "result-approved-on-mobile": "Approved. Go back to your browser tab: it goes on by itself.",
    "result-denied": "Denied. The sign-in did not go through.",
    "result-denied-not-me":
      "Denied and reported. Change your password in My account; if unsure, use the PANIC button there.",
    "result-wrong_number": "That is not the number shown on the sign-in page. The page now shows a new request: check the requests again.",
    "result-wrong_pin": "Wrong PIN. Too many wrong PINs lock this device.",
    "result-locked": "This device is locked after too many wrong PINs. Remove it in My account and add it again.",
    "result-expired": "This request has expired. Start the sign-in again.",
    "result-gone": "This request was already answered or is not for this device.",
    retry: "Try again",
    ok: "OK",
    "code-title": "Make a code from a QR code",
    "code-intro": "Scan the QR code of the sign-in page, or copy its text here. No network is needed.",
    "code-link": "Text of the QR code (limen://challenge?…)",
    continue: "Continue",
    "code-make": "Show the code",
    "code-type": "Type this code on the sign-in page:",
    "code-valid": "Valid for",
    seconds: "s",
    "code-expired": "This code has expired: reload the sign-in page for a new QR code.",
    done: "Done",
    "settings-title": "Account settings",
    "set-label": "Name in this app",
    rename: "Rename",
    renamed: "Renamed.",
    "change-pin": "Change the PIN",
    "pin-old": "Current PIN",
    "pin-new": "New PIN",
    "pin-new-hint": "Digits only, at least 4 and no fewer than the current PIN.",
    "pin-changed": "The PIN is changed.",
    "pin-checking": "Checking the current PIN with the server…",
    "push-title": "Notifications",
    "push-on": "Notifications are on: a request wakes this app.",
    "push-off": "Notifications are off: open the app to see requests.",
    "push-enable": "Turn notifications on",
    "push-disable": "Turn notifications off",
    "push-denied": "Notifications are blocked for this site in the browser's settings.",
    "remove-title": "Remove this account from the app",
    "forgot-text":
      "Forgot the PIN? The device is locked on the server and its keys are erased here: remove it in My account, then add it again.",
    "forgot-pin": "Forgot PIN",
    unlink: "Unlink this device",
    "confirm-forgot": "Erase this account's keys from the app and lock the device for {account}?",
    "confirm-unlink": "Unlink this device from {account}? Its keys are erased.",
    "confirm-yes": "Yes, erase",
    "confirm-no": "No, keep it",
    unlinked:
      "Unlinked: the keys are erased from this app and the device is locked on the server. Remove it in My account (“Manage my mobile devices”), then add it again if you wish.",
    "unlink-failed": "Nothing was erased: try again, or remove the device in My account.",
    "account-locked": "Locked",
    "account-removed": "Removed from the account: its keys were erased.",
    settings: "Settings",
    open: "Review",
    licences: "Licences",
    "kind-push": "Sign-in request",
    "kind-on_mobile": "Sign-in on this phone",
    "tx-title": "Transaction to confirm",
    "tx-retype": "Type it as the signing page shows it.",
    "err-typed_empty": "Type the value of “{label}” as the signing page shows it.",
    "err-typed_form": "“{label}” does not have the expected form: check it on the signing page.",
    "err-typed_pattern": "This request cannot be answered here: the form of “{label}” is not understood.",
    "err-typed_count": "This request asks for other values than those typed.",
    "err-display_hash": "The values you typed are not the transaction's: check them on the signing page and approve again.",
    // Errors
    "err-pin-format": "The PIN is digits only, at least 4.",
    "err-pin-differ": "The two PINs differ.",
    "err-pin_format": "A PIN is digits only; a new PIN has at least 4 and no fewer than the current one.",
    "err-number": "Type the two digits shown on the sign-in page.",
    "err-bad_link": "This is not a Limen link or QR code.",
    "err-version": "This QR code is for a newer version of the app.",
    "err-expired": "This QR code has expired: make a new one.",
    "err-insecure_issuer": "This server does not use https: refused.",
    "err-bad_signature": "The server's signature is not valid: refused.",
    "err-wrong_server": "This QR code was not signed by any account's server in this app.",
    "err-wrong_issuer": "This request comes from another server: refused.",
    "err-wrong_device": "The server's answer is for another device: refused.",
    "err-bad_answer": "The server's answer could not be understood.",
    "err-network": "The server cannot be reached. Check the network and try again.",
    "err-pin_mismatch": "The PIN differs from the one typed on the web page. Start again from My account.",
    "err-session_ended": "The web session that started this ended. Start again from My account.",
    "err-not_found": "This link is unknown, already used or expired. Start again from My account.",
    "err-already_used": "This link was already used. Start again from My account.",
    "err-unknown_device": "This device was removed from the account: its keys are erased.",
    "err-device_locked": "This device is locked after too many wrong PINs.",
    "err-wrong_pin": "The current PIN is wrong.",
    "err-no-account": "Add an account first.",
    "err-no-match": "No account in this app can answer this request.",
    "err-generic": "Something went wrong ({code}).",
  },
  fr: {
    "app-name": "Authentificateur Limen",
    skip: "Aller au contenu",
    home: "Accueil",
    language: "Langue",
    noscript: "Cette application a besoin de JavaScript.",
    "home-title": "Vos comptes",
    "home-empty":
      "Aucun compte pour l’instant. Dans « Mon compte » sur votre serveur de connexion, choisissez « Gérer mes appareils mobiles », puis « Ajouter un appareil mobile », et ajoutez-le ici.",
    "add-account": "Ajouter un compte",
    "make-code": "Obtenir un code à partir d’un code QR",
    "requests-title": "Demandes de connexion",
    "no-requests": "Aucune demande en attente.",
    "check-now": "Vérifier maintenant",
    "live-open": "Connecté : les nouvelles demandes s’affichent ici d’elles-mêmes.",
    "live-closed": "Non connecté : utilisez « Vérifier maintenant ».",
    "live-offline": "Hors ligne : vous pouvez encore obtenir des codes à partir de codes QR.",
    "enrol-title": "Ajouter un compte",
    "enrol-intro":
      "Scannez le code QR affiché dans « Mon compte », ou copiez son lien ici. Tapez ensuite le code PIN choisi sur cette page.",
    "enrol-link": "Lien du code QR (limen://enrol?…)",
    "scan-qr": "Scanner le code QR",
    pin: "Code PIN",
    "pin-hint": "Chiffres uniquement, au moins 4 : le même code PIN que sur la page web.",
    "pin-again": "Code PIN, à nouveau",
    "enrol-submit": "Ajouter ce compte",
    "enrol-working": "Ajout du compte… (le calcul de la clé du code PIN prend un instant)",
    "enrol-done": "Appareil « {name} » ajouté pour {account}.",
    "scan-title": "Scanner un code QR",
    "scan-hint": "Dirigez l’appareil photo vers le code QR.",
    "scan-no-camera": "L’appareil photo n’est pas utilisable ici : copiez plutôt le texte du code QR.",
    cancel: "Annuler",
    "request-title": "Demande de connexion",
    "req-service": "Service",
    "req-time": "Heure",
    "req-origin": "Depuis",
    "req-account": "Compte",
    "req-number": "Nombre affiché sur la page de connexion",
    "req-on-mobile":
      "N’approuvez que si vous avez lancé cette connexion vous-même, sur ce téléphone, à l’instant : ce type de demande ne demande pas de mot de passe, seulement votre adresse électronique.",
    approve: "Approuver",
    deny: "Refuser",
    "not-me-text": "Si vous n’êtes pas en train de vous connecter, quelqu’un connaît peut-être votre mot de passe.",
    "deny-not-me": "Refuser : ce n’était pas moi",
    "result-title": "Réponse envoyée",
    "result-approved": "Approuvé. La page de connexion continue d’elle-même.",
    "result-approved-on-mobile": "Approuvé. Revenez à l’onglet de votre navigateur : il continue de lui-même.",
    "result-denied": "Refusé. La connexion n’a pas abouti.",
    "result-denied-not-me":
      "Refusé et signalé. Changez votre mot de passe dans « Mon compte » ; en cas de doute, utilisez-y le bouton PANIC.",
    "result-wrong_number": "Ce n’est pas le nombre affiché sur la page de connexion. La page affiche maintenant une nouvelle demande : vérifiez à nouveau les demandes.",
    "result-wrong_pin": "Code PIN incorrect. Trop de codes PIN incorrects verrouillent cet appareil.",
    "result-locked": "Cet appareil est verrouillé après trop de codes PIN incorrects. Supprimez-le dans « Mon compte » et ajoutez-le à nouveau.",
    "result-expired": "Cette demande a expiré. Recommencez la connexion.",
    "result-gone": "Cette demande a déjà reçu une réponse ou ne concerne pas cet appareil.",
    retry: "Réessayer",
    ok: "OK",
    "code-title": "Obtenir un code à partir d’un code QR",
    "code-intro": "Scannez le code QR de la page de connexion, ou copiez son texte ici. Aucun réseau n’est nécessaire.",
    "code-link": "Texte du code QR (limen://challenge?…)",
    continue: "Continuer",
    "code-make": "Afficher le code",
    "code-type": "Tapez ce code sur la page de connexion :",
    "code-valid": "Valable encore",
    seconds: "s",
    "code-expired": "Ce code a expiré : rechargez la page de connexion pour obtenir un nouveau code QR.",
    done: "Terminé",
    "settings-title": "Paramètres du compte",
    "set-label": "Nom dans cette application",
    rename: "Renommer",
    renamed: "Renommé.",
    "change-pin": "Changer le code PIN",
    "pin-old": "Code PIN actuel",
    "pin-new": "Nouveau code PIN",
    "pin-new-hint": "Chiffres uniquement, au moins 4, et pas moins que le code PIN actuel.",
    "pin-changed": "Le code PIN est changé.",
    "pin-checking": "Vérification du code PIN actuel auprès du serveur…",
    "push-title": "Notifications",
    "push-on": "Les notifications sont activées : une demande réveille cette application.",
    "push-off": "Les notifications sont désactivées : ouvrez l’application pour voir les demandes.",
    "push-enable": "Activer les notifications",
    "push-disable": "Désactiver les notifications",
    "push-denied": "Les notifications sont bloquées pour ce site dans les réglages du navigateur.",
    "remove-title": "Retirer ce compte de l’application",
    "forgot-text":
      "Code PIN oublié ? L’appareil est bloqué sur le serveur et ses clés sont effacées ici : supprimez-le dans « Mon compte », puis ajoutez-le à nouveau.",
    "forgot-pin": "Code PIN oublié",
    unlink: "Dissocier cet appareil",
    "confirm-forgot": "Effacer les clés de ce compte de l’application et bloquer l’appareil pour {account} ?",
    "confirm-unlink": "Dissocier cet appareil de {account} ? Ses clés sont effacées.",
    "confirm-yes": "Oui, effacer",
    "confirm-no": "Non, le garder",
    unlinked:
      "Dissocié : les clés sont effacées de cette application et l’appareil est bloqué sur le serveur. Supprimez-le dans « Mon compte » (« Gérer mes appareils mobiles »), puis ajoutez-le à nouveau si vous le souhaitez.",
    "unlink-failed": "Rien n’a été effacé : réessayez, ou supprimez l’appareil dans « Mon compte ».",
    "account-locked": "Verrouillé",
    "account-removed": "Retiré du compte : ses clés ont été effacées.",
    settings: "Paramètres",
    open: "Examiner",
    licences: "Licences",
    "kind-push": "Demande de connexion",
    "kind-on_mobile": "Connexion sur ce téléphone",
    "tx-title": "Transaction à confirmer",
    "tx-retype": "Tapez-la telle que la page de signature l’affiche.",
    "err-typed_empty": "Tapez la valeur de « {label} » telle que la page de signature l’affiche.",
    "err-typed_form": "« {label} » n’a pas la forme attendue : vérifiez-la sur la page de signature.",
    "err-typed_pattern": "Impossible de répondre à cette demande ici : la forme de « {label} » n’est pas comprise.",
    "err-typed_count": "Cette demande attend d’autres valeurs que celles tapées.",
    "err-display_hash": "Les valeurs tapées ne sont pas celles de la transaction : vérifiez-les sur la page de signature et approuvez de nouveau.",
    "err-pin-format": "Le code PIN ne comporte que des chiffres, au moins 4.",
    "err-pin-differ": "Les deux codes PIN diffèrent.",
    "err-pin_format": "Un code PIN ne comporte que des chiffres ; un nouveau code PIN en a au moins 4, et pas moins que l’actuel.",
    "err-number": "Tapez les deux chiffres affichés sur la page de connexion.",
    "err-bad_link": "Ce n’est pas un lien ni un code QR Limen.",
    "err-version": "Ce code QR est destiné à une version plus récente de l’application.",
    "err-expired": "Ce code QR a expiré : obtenez-en un nouveau.",
    "err-insecure_issuer": "Ce serveur n’utilise pas https : refusé.",
    "err-bad_signature": "La signature du serveur n’est pas valable : refusé.",
    "err-wrong_server": "Ce code QR n’a été signé par le serveur d’aucun compte de cette application.",
    "err-wrong_issuer": "Cette demande vient d’un autre serveur : refusée.",
    "err-wrong_device": "La réponse du serveur concerne un autre appareil : refusée.",
    "err-bad_answer": "La réponse du serveur est incompréhensible.",
    "err-network": "Le serveur est injoignable. Vérifiez le réseau et réessayez.",
    "err-pin_mismatch": "Le code PIN diffère de celui tapé sur la page web. Recommencez depuis « Mon compte ».",
    "err-session_ended": "La session web qui a commencé l’ajout est terminée. Recommencez depuis « Mon compte ».",
    "err-not_found": "Ce lien est inconnu, déjà utilisé ou expiré. Recommencez depuis « Mon compte ».",
    "err-already_used": "Ce lien a déjà été utilisé. Recommencez depuis « Mon compte ».",
    "err-unknown_device": "Cet appareil a été retiré du compte : ses clés sont effacées.",
    "err-device_locked": "Cet appareil est verrouillé après trop de codes PIN incorrects.",
    "err-wrong_pin": "Le code PIN actuel est incorrect.",
    "err-no-account": "Ajoutez d’abord un compte.",
    "err-no-match": "Aucun compte de cette application ne peut répondre à cette demande.",
    "err-generic": "Une erreur est survenue ({code}).",
  },
};

export const LANGUAGES = Object.keys(TEXTS);

let current = "en";

/** The language to use: the one chosen in the app, else the browser's first known one. */
export function pickLanguage(stored) {
  if (stored && TEXTS[stored]) return stored;
  for (const l of navigator.languages || [navigator.language || "en"]) {
    const base = String(l).toLowerCase().split("-")[0];
    if (TEXTS[base]) return base;
  }
  return "en";
}

export function setLanguage(lang) {
  current = TEXTS[lang] ? lang : "en";
  document.documentElement.lang = current;
  return current;
}

export function language() {
  return current;
}

/** The text of `key` with `{name}` placeholders filled; the English one when missing. */
export function t(key, vars = {}) {
  const s = TEXTS[current][key] ?? TEXTS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** Fills every data-i18n / data-i18n-aria element under `root`. */
export function translate(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-aria]"))
    el.setAttribute("aria-label", t(el.dataset.i18nAria));
  document.title = t("app-name");
}

/** A time of day in the current language. */
export function formatTime(seconds) {
  return new Intl.DateTimeFormat(current, { dateStyle: "medium", timeStyle: "medium" }).format(
    new Date(seconds * 1000),
  );
}
