# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = U hebt tot { $time } om deze stap af te ronden. Een minuut daarvoor kunt u om meer tijd vragen.
time-limit-warning = U hebt nog minder dan een minuut om deze stap af te ronden. Klik op “Meer tijd” als u meer tijd nodig hebt.
time-limit-more = Meer tijd
time-limit-extended = U hebt tot { $time } om deze stap af te ronden.
time-limit-no-more = Voor deze stap kan geen extra tijd meer worden gegeven. Als de tijd verstrijkt, begin dan opnieuw met aanmelden.
time-limit-ended = De tijd voor deze stap is verstreken. Begin opnieuw met aanmelden.
time-limit-refused = Deze pagina is verlopen. Laad de pagina opnieuw en probeer het nog eens.
captcha-time-limit = { $minutes ->
    [one] Deze controle is één minuut geldig. Als die tijd verstrijkt, blijft wat u hebt getypt bewaard: u wordt gevraagd de controle opnieuw uit te voeren.
   *[other] Deze controle is { $minutes } minuten geldig. Als die tijd verstrijkt, blijft wat u hebt getypt bewaard: u wordt gevraagd de controle opnieuw uit te voeren.
}
