# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Ha tempo fino al { $time } per completare questo passaggio. Un minuto prima potrà chiedere più tempo.
time-limit-warning = Manca meno di un minuto per completare questo passaggio. Faccia clic su «Più tempo» se ne ha bisogno.
time-limit-more = Più tempo
time-limit-extended = Ha tempo fino al { $time } per completare questo passaggio.
time-limit-no-more = Non è possibile aggiungere altro tempo a questo passaggio. Se il tempo scade, ricominci l'accesso dall'inizio.
time-limit-ended = Il tempo previsto per questo passaggio è scaduto. Ricominci l'accesso dall'inizio.
time-limit-refused = Questa pagina è scaduta. La ricarichi e riprovi.
captcha-time-limit = { $minutes ->
    [one] Questa verifica è valida per un minuto. Se il tempo scade, quanto ha digitato viene conservato: le verrà chiesto di ripetere la verifica.
   *[other] Questa verifica è valida per { $minutes } minuti. Se il tempo scade, quanto ha digitato viene conservato: le verrà chiesto di ripetere la verifica.
}
