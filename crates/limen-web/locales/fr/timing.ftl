# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Vous avez jusqu'au { $time } pour terminer cette étape. Une minute avant, vous pourrez demander plus de temps.
time-limit-warning = Il reste moins d'une minute pour terminer cette étape. Appuyez sur « Plus de temps » si nécessaire.
time-limit-more = Plus de temps
time-limit-extended = Vous avez jusqu'au { $time } pour terminer cette étape.
time-limit-no-more = Cette étape ne peut plus être prolongée. Si le temps s'écoule, recommencez la connexion.
time-limit-ended = Le temps prévu pour cette étape est écoulé. Recommencez la connexion.
time-limit-refused = Cette page a expiré. Rechargez-la et réessayez.
captcha-time-limit = { $minutes ->
    [one] Cette vérification est valable une minute. Passé ce délai, ce que vous avez saisi est conservé : il vous sera demandé de refaire la vérification.
   *[other] Cette vérification est valable { $minutes } minutes. Passé ce délai, ce que vous avez saisi est conservé : il vous sera demandé de refaire la vérification.
}
