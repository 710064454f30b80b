# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Sie haben Zeit bis { $time }, um diesen Schritt abzuschließen. Eine Minute vorher können Sie mehr Zeit anfordern.
time-limit-warning = Für diesen Schritt bleibt weniger als eine Minute. Klicken Sie auf „Mehr Zeit“, wenn Sie mehr Zeit brauchen.
time-limit-more = Mehr Zeit
time-limit-extended = Sie haben Zeit bis { $time }, um diesen Schritt abzuschließen.
time-limit-no-more = Für diesen Schritt kann keine weitere Zeit hinzugefügt werden. Wenn die Zeit abläuft, beginnen Sie die Anmeldung von vorn.
time-limit-ended = Die Zeit für diesen Schritt ist abgelaufen. Beginnen Sie die Anmeldung von vorn.
time-limit-refused = Diese Seite ist abgelaufen. Laden Sie sie neu und versuchen Sie es erneut.
captcha-time-limit = { $minutes ->
    [one] Diese Prüfung gilt eine Minute lang. Wenn diese Zeit abläuft, bleibt Ihre Eingabe erhalten: Sie werden gebeten, die Prüfung erneut durchzuführen.
   *[other] Diese Prüfung gilt { $minutes } Minuten lang. Wenn diese Zeit abläuft, bleibt Ihre Eingabe erhalten: Sie werden gebeten, die Prüfung erneut durchzuführen.
}
