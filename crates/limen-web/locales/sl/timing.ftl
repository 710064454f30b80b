# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Za dokončanje tega koraka imate čas do { $time }. Minuto prej boste lahko zaprosili za več časa.
time-limit-warning = Za dokončanje tega koraka je ostala manj kot minuta. Če potrebujete več časa, kliknite „Več časa“.
time-limit-more = Več časa
time-limit-extended = Za dokončanje tega koraka imate čas do { $time }.
time-limit-no-more = Časa za ta korak ni več mogoče podaljšati. Če poteče, se znova prijavite od začetka.
time-limit-ended = Čas za ta korak je potekel. Znova se prijavite od začetka.
time-limit-refused = Ta stran je potekla. Znova jo naložite in poskusite še enkrat.
captcha-time-limit = { $minutes ->
    [one] To preverjanje velja { $minutes } minuto. Če ta čas poteče, se vneseno ohrani: pozvani boste, da preverjanje opravite znova.
    [two] To preverjanje velja { $minutes } minuti. Če ta čas poteče, se vneseno ohrani: pozvani boste, da preverjanje opravite znova.
    [few] To preverjanje velja { $minutes } minute. Če ta čas poteče, se vneseno ohrani: pozvani boste, da preverjanje opravite znova.
   *[other] To preverjanje velja { $minutes } minut. Če ta čas poteče, se vneseno ohrani: pozvani boste, da preverjanje opravite znova.
}
