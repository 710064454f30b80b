# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Na dokončení tohoto kroku máte čas do { $time }. Minutu předem budete moci požádat o více času.
time-limit-warning = Na dokončení tohoto kroku zbývá méně než minuta. Pokud potřebujete více času, klikněte na „Více času“.
time-limit-more = Více času
time-limit-extended = Na dokončení tohoto kroku máte čas do { $time }.
time-limit-no-more = Čas na tento krok již nelze prodloužit. Pokud vyprší, přihlaste se znovu od začátku.
time-limit-ended = Čas na tento krok vypršel. Přihlaste se znovu od začátku.
time-limit-refused = Platnost této stránky vypršela. Načtěte ji znovu a zkuste to ještě jednou.
captcha-time-limit = { $minutes ->
    [one] Toto ověření platí jednu minutu. Pokud tento čas vyprší, to, co jste zadali, zůstane zachováno: budete požádáni o nové ověření.
    [few] Toto ověření platí { $minutes } minuty. Pokud tento čas vyprší, to, co jste zadali, zůstane zachováno: budete požádáni o nové ověření.
    [many] Toto ověření platí { $minutes } minuty. Pokud tento čas vyprší, to, co jste zadali, zůstane zachováno: budete požádáni o nové ověření.
   *[other] Toto ověření platí { $minutes } minut. Pokud tento čas vyprší, to, co jste zadali, zůstane zachováno: budete požádáni o nové ověření.
}
