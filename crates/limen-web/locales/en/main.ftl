app-tagline = One account, many services
language-label = Language
nav-my-account = My account
nav-logout = Logout
nav-signed-in-as = Signed in as { $name }

login-title = Sign in to continue
login-email-label = Use your e-mail address
login-next = Next
login-welcome = Welcome
login-external = (External)
login-switch-account = Sign in with another e-mail address?
login-password-label = Password
login-lost-password = Lost password?
login-method-label = Verification method
login-submit = Sign in
requested-by = Requested by { $service }
method-PASSWORD = Password
method-PASSWORD-desc = Authenticate with your password only.

error-email-empty = Please enter your e-mail address.
error-email-invalid = This is not a valid e-mail address. Check it and try again.
error-email-character = This address contains an invisible or unusual character ({ $codepoint }), such as a direction mark or a zero-width space, often brought in by copying and pasting. Type the address again.
error-password-empty = Please enter your password.
error-credentials = The e-mail address or the password is incorrect.
error-method-unavailable = This verification method is not available here. Choose another one.
error-throttled = { $minutes ->
    [one] Too many failed attempts. Try again in one minute (at { $time } UTC).
   *[other] Too many failed attempts. Try again in { $minutes } minutes (at { $time } UTC).
}
error-account-locked = This account is locked. Contact your help desk to have it unlocked.
error-csrf = This form has expired or was sent from another site. Please try again.
error-no-method = None of the verification methods accepted by { $service } is available for your account.
error-insufficient-assurance = { $service } requires an account with a higher identity assurance level than yours.
error-bad-request = The request is not valid.
error-internal = An internal error occurred. Please try again later.
error-not-found = This page does not exist.
error-page-title = Something went wrong
back-to-login = Back to the sign-in page

unknown-service-title = Unknown service
unknown-service-text = The application that sent you here is not registered with this sign-in service, so you have not been sent back to it. This protects you from sites pretending to be a service you trust.
unknown-service-hint = If you followed a link from a known service, tell its help desk that its address is not registered.

login-success-title = Authentication succeeded
login-success-text = You are signed in.
login-success-hint = To stop being signed in automatically, click Logout or close every window of your web browser.
continue-title = Continue to the service
continue-text = Your browser did not continue automatically. Press the button to go on to { $service }.
continue-button = Continue

logout-title = Logout
logout-text = You have been logged out.
logout-services = { $count ->
    [0] No service was open in this session.
    [one] The service you used has been told that you logged out.
   *[other] The { $count } services you used have been told that you logged out.
}
logout-close-browser = For your safety, close your browser when you have finished.

lost-password-title = Lost password

account-title = My account
account-sessions = View my sessions
account-sessions-desc = You can see your open sessions and end them.

sessions-title = My sessions
sessions-intro = These are the browsers where you are signed in. End any session you do not recognise.
sessions-current = This browser
sessions-started = Signed in
sessions-last-seen = Last active
sessions-address = Address
sessions-browser = Browser
sessions-methods = Verified with
sessions-services = Services
sessions-no-services = none yet
sessions-end = End this session
sessions-ended = The session has been ended.

demo-title = Demo service
demo-intro = This page is a service protected by this sign-in server, like any application of your organisation would be. It received a CAS ticket, validated it, and got the attributes below.
demo-user = User name
demo-attributes = Attributes received
demo-attribute = Attribute
demo-value = Value
demo-logout = Log out (single logout)
demo-signed-out = You are not signed in to the demo service.
demo-sign-in = Sign in to the demo service
demo-ticket-invalid = The ticket could not be validated: { $reason }

login-create-account = Create an account
back = Back
proceed = Proceed
cancel = Cancel
form-has-errors = Please correct the following:
field-first-name = First name
field-last-name = Last name
field-optional = (optional)
field-email = E-mail
field-email-confirm = Confirm e-mail
field-email-language = E-mail language
field-email-language-help = The language of the e-mails we send you, whatever the language of these pages. We only send e-mails to check your identity or to tell you about security events on your account.
field-ui-language = Language of these pages
field-ui-language-browser = As my browser asks
field-current-password = Current password
field-new-password = New password
field-confirm-password = Confirm new password
field-new-email = New e-mail address

register-title = Create an account
register-staff-note = Staff members of the organisations using this service already have an account: sign in with your work e-mail address instead.
register-privacy-link = Privacy statement
register-privacy-accept = I have read the privacy statement and accept it.
register-submit = Create an account
register-have-account = Already have an account? Sign in
register-closed = Creating an account is not possible on this server. Ask your help desk.
register-sent-title = Check your mailbox
register-sent-text = An e-mail has been sent to { $email }. Follow the link it contains to create your password.
register-sent-validity = The link is valid for { $validity }.
register-sent-spam = If the e-mail does not arrive within a few minutes, look in your junk mail folder.

captcha-legend = Prove you are a person
captcha-image-alt = A picture of letters and digits to type in the field below. If you cannot read it, use the check below the field instead.
captcha-new = New code
captcha-label = Enter the code shown in the picture
captcha-pow-intro = Cannot read the picture? Let your browser check instead: it takes a few seconds and needs no reading or listening.
captcha-pow-button = Check with my browser instead
captcha-pow-working = Checking…
captcha-pow-done = Done: you do not need to type the code.
captcha-pow-nojs = This check needs JavaScript; type the code from the picture instead.

error-name-too-long = This name is too long (at most 100 characters).
error-name-characters = This name contains characters that are not allowed: use letters of any alphabet, spaces, hyphens, apostrophes and full stops.
error-first-name-required = Please enter your first name.
error-last-name-required = Please enter your last name.
error-email-confirm-empty = Please type your e-mail address again.
error-email-mismatch = The two e-mail addresses are not the same.
error-email-same = This is already your e-mail address.
error-email-taken = The address { $email } is already used by another account.
error-captcha = The code is not correct. Type the code of the new picture, or use the browser check.
error-captcha-expired = The code has expired. Type the code of the new picture, or use the browser check.
error-captcha-used = This code was already used. Type the code of the new picture, or use the browser check.
error-captcha-invalid = The code could not be checked (the page may have been changed). Type the code of the new picture, or use the browser check.
error-privacy = Please accept the privacy statement to create an account.
error-too-many-requests = Too many requests for this address or from your network. Please try again in an hour.
error-new-password-empty = Please choose a new password.
error-confirm-password-empty = Please type the new password again.
error-password-mismatch = The two passwords are not the same.
error-password-wrong = The password is incorrect.
error-too-many-attempts = Too many failed attempts. Please wait a while and try again.

password-policy-intro = Your password must contain at least 10 characters and a combination of:
password-policy-upper = upper-case letters,
password-policy-lower = lower-case letters,
password-policy-digits = digits,
password-policy-special = special characters.
password-policy-advice = Choose a password as long and complex as possible to make your account safer, but remember that you will need to remember it.
password-problem-too-short = It has fewer than 10 characters.
password-problem-too-long = It is too long.
password-problem-no-upper = It has no upper-case letter.
password-problem-no-lower = It has no lower-case letter.
password-problem-no-digit = It has no digit.
password-problem-no-special = It has no special character.
password-problem-common = It is too common: it would be among the first guesses of an attacker.
password-problem-personal-data = It contains your e-mail address or your name.
password-problem-control-characters = It contains invisible control characters.
password-strength = Strength: { $label }
password-strength-0 = very weak
password-strength-1 = weak
password-strength-2 = fair
password-strength-3 = good
password-strength-4 = strong
zx-w-StraightRowsOfKeysAreEasyToGuess = Straight rows of keys are easy to guess.
zx-w-ShortKeyboardPatternsAreEasyToGuess = Short keyboard patterns are easy to guess.
zx-w-RepeatsLikeAaaAreEasyToGuess = Repeats like "aaa" are easy to guess.
zx-w-RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess = Repeats like "abcabcabc" are only slightly harder to guess than "abc".
zx-w-ThisIsATop10Password = This is one of the 10 most common passwords.
zx-w-ThisIsATop100Password = This is one of the 100 most common passwords.
zx-w-ThisIsACommonPassword = This is a very common password.
zx-w-ThisIsSimilarToACommonlyUsedPassword = This is similar to a commonly used password.
zx-w-SequencesLikeAbcAreEasyToGuess = Sequences like abc or 6543 are easy to guess.
zx-w-RecentYearsAreEasyToGuess = Recent years are easy to guess.
zx-w-AWordByItselfIsEasyToGuess = A word by itself is easy to guess.
zx-w-DatesAreOftenEasyToGuess = Dates are often easy to guess.
zx-w-NamesAndSurnamesByThemselvesAreEasyToGuess = Names and surnames by themselves are easy to guess.
zx-w-CommonNamesAndSurnamesAreEasyToGuess = Common names and surnames are easy to guess.
zx-s-UseAFewWordsAvoidCommonPhrases = Use a few words, avoid common phrases.
zx-s-NoNeedForSymbolsDigitsOrUppercaseLetters = Length matters more than symbols, digits or upper-case letters.
zx-s-AddAnotherWordOrTwo = Add another word or two. Uncommon words are better.
zx-s-CapitalizationDoesntHelpVeryMuch = Capital letters do not help very much.
zx-s-AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase = All upper-case is almost as easy to guess as all lower-case.
zx-s-ReversedWordsArentMuchHarderToGuess = Reversed words are not much harder to guess.
zx-s-PredictableSubstitutionsDontHelpVeryMuch = Predictable substitutions like "@" instead of "a" do not help very much.
zx-s-UseALongerKeyboardPatternWithMoreTurns = Use a longer keyboard pattern with more turns.
zx-s-AvoidRepeatedWordsAndCharacters = Avoid repeated words and characters.
zx-s-AvoidSequences = Avoid sequences.
zx-s-AvoidRecentYears = Avoid recent years.
zx-s-AvoidYearsThatAreAssociatedWithYou = Avoid years that are associated with you.
zx-s-AvoidDatesAndYearsThatAreAssociatedWithYou = Avoid dates and years that are associated with you.

password-new-title = Create your password
password-new-intro = Choose a password and type it twice, to make sure you have not mistyped it.
password-reset-title = Choose a new password
password-reset-intro = Choose a new password and type it twice. When it is saved, every session of your account ends.
password-expired-title = Your password has expired
password-expired-intro = Your password is too old. Choose a new one and type it twice to go on.
password-submit = Submit
password-change-title = Change my password
password-change-submit = Change my password
password-done-title = Your password has been saved
password-done-text = You are now signed in.
password-done-proceed = Click "Proceed" to go on to { $service }.
password-changed-title = Password changed
password-changed-text = Your password has been changed. An e-mail confirms it.
password-changed-sessions = { $count ->
    [one] Your other session has been ended.
   *[other] Your { $count } other sessions have been ended.
}

link-invalid-title = This link cannot be used
link-invalid-text = This link is not valid. Check that you copied the whole address from the e-mail, or ask for a new link.
link-used-text = This link has already been used. Each link works only once; ask for a new one if you need it.
link-expired-login = This page has expired. Sign in again to choose your new password.
link-email-expired = This link has expired. Ask for the change of your e-mail address again from My account.
link-expired-title = This link has expired
link-expired-text = The link you followed is too old. Enter your e-mail address again to receive a new one.
link-expired-submit = Send me a new link

lost-password-intro = Enter the e-mail address of your account. We will send you a link to choose a new password.
lost-password-submit = Send me a link
lost-password-sent-title = Check your mailbox
lost-password-sent = If an account exists for { $email }, an e-mail with a link to choose a new password has been sent to it.
lost-password-sent-validity = The link is valid for { $validity }.

account-details = My personal data
account-details-desc = Change your name, the languages we use, or your e-mail address.
account-password = Change my password
account-password-desc = Choose a new password; your other sessions end.
account-delete = Delete my account
account-delete-desc = Remove your account and your personal data.
details-title = My personal data
details-uid = User name
details-save = Save
details-saved = Your changes have been saved.
details-email-title = Change my e-mail address
details-email-text = We will send a link to the new address. Your address changes when you follow it, and your current address is told.
details-email-submit = Send the confirmation link
details-email-sent = A confirmation link has been sent to the new address. Your address changes when you follow it.
email-confirm-title = Confirm your new e-mail address
email-confirm-text = Your account's e-mail address will change from { $old } to { $new }. You will sign in with the new address.
email-confirm-submit = Confirm the new address
email-changed-title = E-mail address changed
email-changed-text = Your e-mail address is now { $email }. Use it to sign in.

delete-title = Delete my account
delete-text = Your account and your personal data will be removed. You will no longer be able to sign in to any service with it. This cannot be undone.
delete-sessions = Every session of your account ends now.
delete-password = Enter your password to confirm.
delete-submit = Delete my account
deleted-title = Account deleted
deleted-text = Your account has been deleted and your personal data removed.
deleted-mail = An e-mail confirms the deletion.

privacy-title = Privacy statement
privacy-1 = This sign-in service keeps the data needed to identify you: your names, your e-mail address, the languages you chose and a hash of your password (never the password itself).
privacy-2 = It records security events (sign-ins, password and address changes) with the time and the network address, to protect your account and investigate misuse.
privacy-3 = It gives the services you sign in to only the attributes each one is registered to receive.
privacy-4 = E-mails are sent only to check your identity or to tell you about security events on your account.
privacy-5 = You can see and change your data in My account, and delete your account there at any time.

dev-outbox-title = Development outbox
dev-outbox-warning = Development mode: this page shows every e-mail the server sent. It must never be enabled on a server that real users reach.
dev-outbox-transport = Mail delivery: { $transport }
dev-outbox-empty = No e-mail has been sent yet.
dev-outbox-when = Queued
dev-outbox-to = To
dev-outbox-subject = Subject
dev-outbox-status = Status
dev-outbox-sent = delivered
dev-outbox-failed = failed: { $error }
dev-outbox-queued = { $attempts ->
    [0] waiting
   *[other] waiting, { $attempts } failed attempts
}
dev-outbox-links = Links
dev-outbox-raw = Message as sent

duration-hours = { $n ->
    [one] one hour
   *[other] { $n } hours
}
duration-minutes = { $n ->
    [one] one minute
   *[other] { $n } minutes
}

mail-greeting = Dear { $name },
mail-signature = Sent to you by Limen
mail-link-fallback = If the link above does not work, copy the following address (make sure the complete address is copied!) and paste it into your browser's address bar:
mail-help = Instead of replying to this message, if you have a problem, please follow the help or contact information on the site where you were trying to register.
mail-register-subject = Create your password
mail-register-registered = You have been registered in Limen.
mail-register-address = Your e-mail address is { $email }.
mail-register-follow = To create your password, follow the link below:
mail-register-action = Create my password
mail-register-validity = You have a maximum of { $validity }, starting from the time that this message was sent, to use this link, but you are encouraged to do so immediately. After this time, you can make another request by following the same link: you will then need to re-enter your e-mail address and confirm your request.
mail-reset-subject = Choose a new password
mail-reset-requested = Someone, probably you, asked to choose a new password for the account { $email }.
mail-reset-follow = To choose a new password, follow the link below:
mail-reset-action = Choose a new password
mail-reset-validity = The link works once, within { $validity } of this message. After that, ask again with "Lost password?".
mail-reset-not-you = If you did not ask for this, ignore this message: your password stays as it is.
mail-existing-subject = You already have an account
mail-existing-text = Someone, probably you, tried to create an account for { $email }. This address already has an account, so no new one was created.
mail-existing-lost = If you do not remember your password, choose a new one:
mail-existing-action = Lost password?
mail-existing-not-you = If you did not try to create an account, ignore this message.
mail-email-confirm-subject = Confirm your new e-mail address
mail-email-confirm-text = To use { $email } as the e-mail address of your account, follow the link below.
mail-email-confirm-action = Confirm this address
mail-email-confirm-not-you = If you did not ask for this, ignore this message: nothing changes.
mail-security-when = When: { $time }.
mail-security-not-you = If this was not you, choose a new password with "Lost password?" at once and contact your help desk.
mail-security-review = Review my account
mail-account-deleted-not-you = If you did not delete your account, contact your help desk at once.
mail-password-changed-subject = Your password has been changed
mail-password-changed-text = The password of your account has been changed.
mail-email-changed-subject = Your e-mail address has been changed
mail-email-changed-text = The e-mail address of your account has been changed to { $new }. This address will no longer receive messages about the account.
mail-account-deleted-subject = Your account has been deleted
mail-account-deleted-text = Your account and its personal data have been deleted.
mail-factor-added-subject = A verification method was added to your account
mail-factor-added-text = The verification method "{ $name }" was added to your account.
mail-factor-removed-subject = A verification method was removed from your account
mail-factor-removed-text = The verification method "{ $name }" was removed from your account.
mail-panic-used-subject = Your account has been blocked (PANIC)
mail-panic-used-text = The PANIC button was used: your sessions were ended and your account was blocked.

## OpenID Connect
oidc-error-title = This sign-in request cannot be answered
oidc-error-hint = Go back to the application and try again. If it keeps happening, tell the application's support: its sign-in settings do not match its registration.
oidc-error-missing-client = The request does not say which application it comes from (client_id is missing).
oidc-error-unknown-client = The application that sent you here is not registered with this sign-in service.
oidc-error-missing-redirect = The request does not say where to send you back (redirect_uri is missing).
oidc-error-bad-redirect = The address the application asked to send you back to is not registered for it, so you were not sent there.
oidc-request-gone = This sign-in request has expired or is not valid. Go back to the application and sign in again.
oidc-consent-title = Share your details?
oidc-consent-text = { $service } asks to:
oidc-consent-allow = Allow
oidc-consent-deny = Refuse
oidc-scope-openid = confirm who you are
oidc-scope-profile = see your name and preferred language
oidc-scope-email = see your e-mail address
oidc-scope-offline-access = keep access while you are signed out
oidc-logout-title = Sign out
oidc-logout-asked-by = { $service } asks to sign you out.
oidc-logout-question = Do you want to sign out of every application you are signed in to through this service?
oidc-logout-yes = Sign out
oidc-logout-no = Stay signed in
oidc-logout-bad-hint = The sign-out request carries an identity token that this service did not issue or that was altered.
oidc-logout-client-mismatch = The sign-out request names two different applications.
oidc-logout-bad-redirect = The address to return to after signing out is not registered for this application.
logout-frontchannel = The applications you used are being told as well.
logout-continue = Continue
demo-oidc-title = Demo application (OpenID Connect)
demo-oidc-intro = This demo application signs you in with OpenID Connect, as a modern web application would: authorization code flow with PKCE. Afterwards it shows the ID token it received, checked against the published keys, and what the userinfo endpoint says about you.
demo-oidc-sign-in = Sign in with OpenID Connect
demo-oidc-cas-variant = Try the CAS variant instead
demo-oidc-variant = Try the OpenID Connect variant
demo-oidc-done = You are signed in. Here is what the application received.
demo-oidc-verified = The ID token's signature was verified with key { $kid } ({ $alg }) from the published key set.
demo-oidc-claims = ID token claims
demo-oidc-userinfo = Userinfo
demo-oidc-header = ID token header
demo-oidc-again = Sign in again
demo-oidc-failed = The sign-in did not complete: { $reason }
demo-oidc-try-again = Try again
oidc-logout-repeated = The sign-out request repeats a parameter, so it cannot be trusted.

# Strengths, step-up and security keys (issue 5)
method-PASSWORD_WEBAUTHN = Security key or trusted platform
method-PASSWORD_WEBAUTHN-desc = Use a security key, a trusted platform or a passkey to authenticate with Limen.
error-invalid-strength = { $service } asked for verification methods it is not allowed to use (INVALID_STRENGTH).
error-invalid-strength-hint = Please tell the service's help desk; there is nothing you can do on this page.
login-stepup = You are signed in with your password. This service requires a stronger verification method: choose it below.
login-register-method = { $service } requires a verification method you have not set up yet: { $methods }.
login-register-link = Sign in with your password to register one: { $method }
login-method-retired = The method "{ $method }" was retired on { $date }. Register another verification method in My account.
login-passkey = Sign in with a passkey
account-webauthn = Manage my security keys and trusted platforms
account-webauthn-desc = Add, rename or remove your security keys, trusted platforms and passkeys.
back-to-keys = Back to my security keys
back-to-account = Back to My account
webauthn-keys-title = My security keys and trusted platforms
webauthn-keys-intro = A security key is a small device (USB, NFC) that works with your password. A trusted platform is the authenticator built into your computer or phone (Windows Hello, Touch ID, Android). A passkey lives on your phone or in your password manager and can sign you in without your password.
webauthn-keys-none = You have not registered any security key, trusted platform or passkey yet.
webauthn-col-name = Name
webauthn-col-kind = Kind
webauthn-col-model = Model
webauthn-col-created = Added
webauthn-col-last-used = Last used
webauthn-never-used = never
webauthn-model-unknown = not disclosed
webauthn-flagged = blocked: it may have been copied; remove it and register it again
webauthn-rename = Rename
webauthn-delete = Delete
webauthn-add-heading = Add a device
webauthn-add-security_key = Add a security key
webauthn-add-platform = Add a trusted platform
webauthn-add-passkey = Add a passkey
webauthn-kind-security_key = Security key
webauthn-kind-platform = Trusted platform
webauthn-kind-passkey = Passkey
webauthn-kind-security_key-desc = a USB or NFC key you touch when you sign in.
webauthn-kind-platform-desc = this computer's or phone's own authenticator (Windows Hello, Touch ID, Android screen lock).
webauthn-kind-passkey-desc = on this device, in your password manager, or on your phone from this computer (the browser shows a QR code; Bluetooth must be on on both devices).
webauthn-add-intro = Give the device a name you will recognise (for example "My blue key" or "iPhone"), then click Submit and follow your browser's instructions. If the browser asks whether to anonymise the authenticator's information, do not tick that box.
webauthn-device-name = Device name
webauthn-submit = Submit
webauthn-stronger-needed = To add another device, you will first be asked to sign in with one you already have.
webauthn-unavailable = Security keys and trusted platforms are not available for your account.
webauthn-register-text = Follow the steps your browser shows: touch your security key, or confirm with your PIN, fingerprint or face.
webauthn-register-status = Credential registration in progress…
webauthn-login-title = Security key or trusted platform
webauthn-login-text = Follow the steps your browser shows: touch your security key, or confirm with your PIN, fingerprint or face.
webauthn-login-status = Waiting for your security key or trusted platform…
webauthn-choose-title = Choose your device
webauthn-choose-text = Click the name of the security key or trusted platform you want to use.
webauthn-retry = Try again
webauthn-noscript = This step needs JavaScript: your browser talks to your security key through it.
webauthn-added-security_key = The security key has been added.
webauthn-added-platform = The trusted platform has been added.
webauthn-added-passkey = The passkey has been added.
webauthn-deleted = The device has been removed.
webauthn-renamed = The device has been renamed.
webauthn-error-cancelled = The operation was cancelled or took too long. Try again, and answer your browser's prompt.
webauthn-error-unsupported = This browser cannot use security keys or passkeys here. Try another browser, or another method.
webauthn-error-already = This device is already registered with your account.
webauthn-error-refused = The answer of your device could not be verified. Try again, or use another device.
webauthn-error-expired = This verification took too long or was already used. Please start again.
webauthn-error-unknown = This security key or passkey is not registered with any account (it may have been removed). Sign in with your password, or use another device.
webauthn-error-other-account = This security key belongs to another account. Use a key registered with this account.
webauthn-error-cloned = This security key has been blocked: its signature counter went backwards, so it may have been copied. Remove it in My account and register it again.
webauthn-error-not-verified = Your device did not verify you (PIN, fingerprint or face). Signing in without a password needs that verification.
webauthn-error-no-key = You have no usable security key or trusted platform. Register one in My account.
webauthn-error-name = Give the device a name of 1 to 64 characters.
webauthn-error-no-such-key = There is no such device on your account.
mail-factor-renamed-subject = A verification method of your account was renamed
mail-factor-renamed-text = The verification method "{ $old }" was renamed "{ $name }".
demo-strong = Ask again, demanding a security key or passkey (acceptStrengths=PASSWORD_WEBAUTHN): a password session is stepped up
