# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Għandek sa { $time } biex tlesti dan il-pass. Minuta qabel, tista' titlob aktar ħin.
time-limit-warning = Fadal inqas minn minuta biex tlesti dan il-pass. Jekk għandek bżonn aktar ħin, agħfas “Aktar ħin”.
time-limit-more = Aktar ħin
time-limit-extended = Għandek sa { $time } biex tlesti dan il-pass.
time-limit-no-more = Ma jistax jiżdied aktar ħin għal dan il-pass. Jekk jiskadi l-ħin, erġa' idħol mill-bidu.
time-limit-ended = Il-ħin għal dan il-pass skada. Erġa' idħol mill-bidu.
time-limit-refused = Din il-paġna skadiet. Aġġorna l-paġna u erġa' pprova.
captcha-time-limit = { $minutes ->
    [one] Din il-verifika hija valida għal minuta. Jekk dak il-ħin jiskadi, dak li ktibt jinżamm: se tintalab terġa' tagħmel il-verifika.
    [two] Din il-verifika hija valida għal żewġ minuti. Jekk dak il-ħin jiskadi, dak li ktibt jinżamm: se tintalab terġa' tagħmel il-verifika.
    [few] Din il-verifika hija valida għal { $minutes } minuti. Jekk dak il-ħin jiskadi, dak li ktibt jinżamm: se tintalab terġa' tagħmel il-verifika.
    [many] Din il-verifika hija valida għal { $minutes }-il minuta. Jekk dak il-ħin jiskadi, dak li ktibt jinżamm: se tintalab terġa' tagħmel il-verifika.
   *[other] Din il-verifika hija valida għal { $minutes } minuta. Jekk dak il-ħin jiskadi, dak li ktibt jinżamm: se tintalab terġa' tagħmel il-verifika.
}
