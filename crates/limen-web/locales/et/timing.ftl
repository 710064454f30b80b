# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Selle sammu lõpetamiseks on teil aega kuni { $time }. Minut enne seda saate paluda rohkem aega.
time-limit-warning = Selle sammu lõpetamiseks on jäänud vähem kui minut. Kui vajate rohkem aega, vajutage „Rohkem aega“.
time-limit-more = Rohkem aega
time-limit-extended = Selle sammu lõpetamiseks on teil aega kuni { $time }.
time-limit-no-more = Sellele sammule ei saa rohkem aega lisada. Kui aeg saab otsa, alustage sisselogimist uuesti.
time-limit-ended = Selle sammu aeg on läbi. Alustage sisselogimist uuesti.
time-limit-refused = Selle lehe kehtivus on lõppenud. Laadige leht uuesti ja proovige veel kord.
captcha-time-limit = { $minutes ->
    [one] See kontroll kehtib ühe minuti. Kui see aeg saab otsa, jääb sisestatu alles: teil palutakse kontroll uuesti teha.
   *[other] See kontroll kehtib { $minutes } minutit. Kui see aeg saab otsa, jääb sisestatu alles: teil palutakse kontroll uuesti teha.
}
