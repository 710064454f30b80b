# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = You have until { $time } to finish this step. A minute before, you can ask for more time.
time-limit-warning = Less than a minute is left to finish this step. Press “More time” if you need it.
time-limit-more = More time
time-limit-extended = You have until { $time } to finish this step.
time-limit-no-more = No more time can be added to this step. If it runs out, start signing in again.
time-limit-ended = The time for this step has run out. Start signing in again.
time-limit-refused = This page has expired. Reload it and try again.
captcha-time-limit = { $minutes ->
    [one] This check is valid for one minute. If that time runs out, what you typed is kept: you will be asked to do the check again.
   *[other] This check is valid for { $minutes } minutes. If that time runs out, what you typed is kept: you will be asked to do the check again.
}
