# Time limits (WCAG 2.1 SC 2.2.1): a second factor's step of the login, the CAPTCHA.
time-limit-text = Na ukończenie tego kroku masz czas do { $time }. Minutę wcześniej możesz poprosić o więcej czasu.
time-limit-warning = Na ukończenie tego kroku pozostała niecała minuta. Jeśli potrzebujesz więcej czasu, kliknij „Więcej czasu”.
time-limit-more = Więcej czasu
time-limit-extended = Na ukończenie tego kroku masz czas do { $time }.
time-limit-no-more = Nie można już wydłużyć czasu na ten krok. Jeśli czas się skończy, zaloguj się od nowa.
time-limit-ended = Czas na ten krok się skończył. Zaloguj się od nowa.
time-limit-refused = Ta strona wygasła. Odśwież ją i spróbuj ponownie.
captcha-time-limit = { $minutes ->
    [one] To sprawdzenie jest ważne przez minutę. Jeśli ten czas upłynie, wpisane przez Ciebie dane zostaną zachowane: konieczne będzie ponowne sprawdzenie.
    [few] To sprawdzenie jest ważne przez { $minutes } minuty. Jeśli ten czas upłynie, wpisane przez Ciebie dane zostaną zachowane: konieczne będzie ponowne sprawdzenie.
    [many] To sprawdzenie jest ważne przez { $minutes } minut. Jeśli ten czas upłynie, wpisane przez Ciebie dane zostaną zachowane: konieczne będzie ponowne sprawdzenie.
   *[other] To sprawdzenie jest ważne przez { $minutes } minuty. Jeśli ten czas upłynie, wpisane przez Ciebie dane zostaną zachowane: konieczne będzie ponowne sprawdzenie.
}
