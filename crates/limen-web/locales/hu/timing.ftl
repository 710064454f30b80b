# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Ezt a lépést a következő időpontig fejezheti be: { $time }. Egy perccel előtte több időt kérhet.
time-limit-warning = Kevesebb mint egy perc maradt a lépés befejezéséig. Ha több időre van szüksége, kattintson a „Több idő” gombra.
time-limit-more = Több idő
time-limit-extended = Ezt a lépést a következő időpontig fejezheti be: { $time }.
time-limit-no-more = Ehhez a lépéshez már nem adható több idő. Ha az idő lejár, kezdje újra a bejelentkezést.
time-limit-ended = Az erre a lépésre szánt idő lejárt. Kezdje újra a bejelentkezést.
time-limit-refused = Ez az oldal lejárt. Töltse be újra, és próbálkozzon ismét.
captcha-time-limit = { $minutes ->
    [one] Ez az ellenőrzés egy percig érvényes. Ha ez az idő lejár, a beírt adatok megmaradnak: ismét el kell végeznie az ellenőrzést.
   *[other] Ez az ellenőrzés { $minutes } percig érvényes. Ha ez az idő lejár, a beírt adatok megmaradnak: ismét el kell végeznie az ellenőrzést.
}
