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
error-password-empty = Please enter your password.
error-credentials = The e-mail address or the password is incorrect.
error-method-unavailable = This verification method is not available here. Choose another one.
error-throttled = { $minutes ->
    [one] Too many failed attempts. Try again in one minute (at { $time } UTC).
   *[other] Too many failed attempts. Try again in { $minutes } minutes (at { $time } UTC).
}
error-account-locked = This account is locked. Contact your help desk to have it unlocked.
error-password-expired = Your password has expired. Ask your help desk for a new one, or use "Lost password?" when it is available.
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
lost-password-text = Resetting a forgotten password by e-mail is not available on this server yet. Ask your help desk to set a new password for you.

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
