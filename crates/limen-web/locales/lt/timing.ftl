# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Šį žingsnį turite baigti iki { $time }. Likus minutei galėsite paprašyti daugiau laiko.
time-limit-warning = Šiam žingsniui baigti liko mažiau nei minutė. Jei reikia daugiau laiko, paspauskite „Daugiau laiko“.
time-limit-more = Daugiau laiko
time-limit-extended = Šį žingsnį turite baigti iki { $time }.
time-limit-no-more = Šiam žingsniui daugiau laiko pridėti nebegalima. Jei laikas baigsis, prisijunkite iš naujo.
time-limit-ended = Šiam žingsniui skirtas laikas baigėsi. Prisijunkite iš naujo.
time-limit-refused = Šio puslapio galiojimas baigėsi. Įkelkite jį iš naujo ir bandykite dar kartą.
captcha-time-limit = { $minutes ->
    [one] Šis patikrinimas galioja { $minutes } minutę. Jei šis laikas baigsis, tai, ką įvedėte, bus išsaugota: jūsų bus paprašyta patikrinimą atlikti dar kartą.
    [few] Šis patikrinimas galioja { $minutes } minutes. Jei šis laikas baigsis, tai, ką įvedėte, bus išsaugota: jūsų bus paprašyta patikrinimą atlikti dar kartą.
    [many] Šis patikrinimas galioja { $minutes } minutės. Jei šis laikas baigsis, tai, ką įvedėte, bus išsaugota: jūsų bus paprašyta patikrinimą atlikti dar kartą.
   *[other] Šis patikrinimas galioja { $minutes } minučių. Jei šis laikas baigsis, tai, ką įvedėte, bus išsaugota: jūsų bus paprašyta patikrinimą atlikti dar kartą.
}
