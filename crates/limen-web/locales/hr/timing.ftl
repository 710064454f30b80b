# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Za dovršetak ovog koraka imate vremena do { $time }. Minutu prije toga moći ćete zatražiti više vremena.
time-limit-warning = Za dovršetak ovog koraka ostalo je manje od minute. Ako vam treba više vremena, pritisnite „Više vremena”.
time-limit-more = Više vremena
time-limit-extended = Za dovršetak ovog koraka imate vremena do { $time }.
time-limit-no-more = Vrijeme za ovaj korak više se ne može produljiti. Ako istekne, ponovno se prijavite od početka.
time-limit-ended = Vrijeme za ovaj korak je isteklo. Ponovno se prijavite od početka.
time-limit-refused = Ova je stranica istekla. Učitajte je ponovno i pokušajte još jednom.
captcha-time-limit = { $minutes ->
    [one] Ova provjera vrijedi { $minutes } minutu. Ako to vrijeme istekne, ono što ste upisali bit će sačuvano: od vas će se tražiti da ponovite provjeru.
    [few] Ova provjera vrijedi { $minutes } minute. Ako to vrijeme istekne, ono što ste upisali bit će sačuvano: od vas će se tražiti da ponovite provjeru.
   *[other] Ova provjera vrijedi { $minutes } minuta. Ako to vrijeme istekne, ono što ste upisali bit će sačuvano: od vas će se tražiti da ponovite provjeru.
}
