# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Du har indtil { $time } til at gennemføre dette trin. Et minut før kan du bede om mere tid.
time-limit-warning = Der er mindre end et minut tilbage til at gennemføre dette trin. Tryk på »Mere tid«, hvis du har brug for det.
time-limit-more = Mere tid
time-limit-extended = Du har indtil { $time } til at gennemføre dette trin.
time-limit-no-more = Der kan ikke gives mere tid til dette trin. Hvis tiden løber ud, skal du starte forfra med at logge ind.
time-limit-ended = Tiden til dette trin er løbet ud. Start forfra med at logge ind.
time-limit-refused = Denne side er udløbet. Genindlæs den, og prøv igen.
captcha-time-limit = { $minutes ->
    [one] Denne kontrol er gyldig i ét minut. Hvis tiden løber ud, bevares det, du har skrevet: Du bliver bedt om at foretage kontrollen igen.
   *[other] Denne kontrol er gyldig i { $minutes } minutter. Hvis tiden løber ud, bevares det, du har skrevet: Du bliver bedt om at foretage kontrollen igen.
}
