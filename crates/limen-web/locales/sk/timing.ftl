# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Na dokončenie tohto kroku máte čas do { $time }. Minútu predtým budete môcť požiadať o viac času.
time-limit-warning = Na dokončenie tohto kroku zostáva menej ako minúta. Ak potrebujete viac času, kliknite na „Viac času“.
time-limit-more = Viac času
time-limit-extended = Na dokončenie tohto kroku máte čas do { $time }.
time-limit-no-more = Čas na tento krok už nemožno predĺžiť. Ak uplynie, prihláste sa znova od začiatku.
time-limit-ended = Čas na tento krok uplynul. Prihláste sa znova od začiatku.
time-limit-refused = Platnosť tejto stránky vypršala. Načítajte ju znova a skúste to ešte raz.
captcha-time-limit = { $minutes ->
    [one] Toto overenie platí jednu minútu. Ak tento čas uplynie, to, čo ste zadali, sa zachová: budete požiadaní o nové overenie.
    [few] Toto overenie platí { $minutes } minúty. Ak tento čas uplynie, to, čo ste zadali, sa zachová: budete požiadaní o nové overenie.
    [many] Toto overenie platí { $minutes } minúty. Ak tento čas uplynie, to, čo ste zadali, sa zachová: budete požiadaní o nové overenie.
   *[other] Toto overenie platí { $minutes } minút. Ak tento čas uplynie, to, čo ste zadali, sa zachová: budete požiadaní o nové overenie.
}
