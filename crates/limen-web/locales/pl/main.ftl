app-tagline = Jedno konto, wiele usług
language-label = Język
nav-my-account = Moje konto
nav-logout = Wyloguj
nav-signed-in-as = Zalogowano jako { $name }

login-title = Zaloguj się, aby kontynuować
login-email-label = Użyj swojego adresu e-mail
login-next = Dalej
login-welcome = Witamy
login-external = (użytkownik zewnętrzny)
login-switch-account = Zalogować się przy użyciu innego adresu e-mail?
login-password-label = Hasło
login-lost-password = Nie pamiętasz hasła?
login-method-label = Metoda weryfikacji
login-submit = Zaloguj się
requested-by = Na żądanie usługi { $service }
method-PASSWORD = Hasło
method-PASSWORD-desc = Uwierzytelnij się tylko hasłem.

error-email-empty = Wpisz swój adres e-mail.
error-email-invalid = To nie jest prawidłowy adres e-mail. Sprawdź go i spróbuj ponownie.
error-email-character = Ten adres zawiera niewidoczny lub nietypowy znak ({ $codepoint }), np. znak kierunku tekstu lub spację o zerowej szerokości, często wprowadzany przy kopiowaniu i wklejaniu. Wpisz adres ponownie.
error-password-empty = Wpisz swoje hasło.
error-credentials = Adres e-mail lub hasło jest nieprawidłowe.
error-method-unavailable = Ta metoda weryfikacji nie jest tu dostępna. Wybierz inną.
error-throttled = { $minutes ->
    [one] Zbyt wiele nieudanych prób. Spróbuj ponownie za minutę (o { $time } UTC).
    [few] Zbyt wiele nieudanych prób. Spróbuj ponownie za { $minutes } minuty (o { $time } UTC).
    [many] Zbyt wiele nieudanych prób. Spróbuj ponownie za { $minutes } minut (o { $time } UTC).
   *[other] Zbyt wiele nieudanych prób. Spróbuj ponownie za { $minutes } minuty (o { $time } UTC).
}
error-account-locked = To konto jest zablokowane. Skontaktuj się z pomocą techniczną w sprawie odblokowania konta.
error-csrf = Ten formularz wygasł lub został wysłany z innej witryny. Spróbuj ponownie.
error-no-method = Żadna z metod weryfikacji akceptowanych przez usługę { $service } nie jest dostępna dla Twojego konta.
error-insufficient-assurance = Usługa { $service } wymaga konta o wyższym poziomie bezpieczeństwa identyfikacji niż Twoje.
error-bad-request = Żądanie jest nieprawidłowe.
error-internal = Wystąpił błąd wewnętrzny. Spróbuj ponownie później.
error-not-found = Ta strona nie istnieje.
error-page-title = Coś poszło nie tak
unavailable-title = Usługa chwilowo niedostępna
unavailable-text = Usługa nie może teraz odpowiedzieć. Spróbuj ponownie za kilka sekund.
busy-title = Zbyt wiele jednoczesnych logowań
busy-text = Usługa jest bardzo obciążona. Spróbuj ponownie za kilka sekund.
back-to-login = Powrót do strony logowania

unknown-service-title = Nieznana usługa
unknown-service-text = Aplikacja, która Cię tu skierowała, nie jest zarejestrowana w tej usłudze logowania, dlatego nie nastąpiło przekierowanie z powrotem do niej. Chroni Cię to przed witrynami podszywającymi się pod usługę, której ufasz.
unknown-service-hint = Jeśli link pochodzi ze znanej Ci usługi, poinformuj jej pomoc techniczną, że jej adres nie jest zarejestrowany.
login-request-gone-title = Nieprawidłowy link do logowania
login-request-gone-text = Ten link do logowania jest nieznany, wygasł lub został już użyty, więc nie można go użyć do zalogowania się.
login-request-gone-hint = Wróć do aplikacji i rozpocznij logowanie od nowa z jej poziomu.

login-success-title = Uwierzytelnianie zakończone powodzeniem
login-success-text = Zalogowano.
login-success-hint = Aby wyłączyć automatyczne logowanie, kliknij Wyloguj lub zamknij wszystkie okna przeglądarki.
continue-title = Przejdź do usługi
continue-text = Przeglądarka nie przeszła dalej automatycznie. Naciśnij przycisk, aby przejść do usługi { $service }.
continue-button = Kontynuuj

logout-title = Wylogowanie
logout-text = Wylogowano.
logout-services = { $count ->
    [0] W tej sesji nie była otwarta żadna usługa.
    [one] Usługa, z której korzystano, została powiadomiona o wylogowaniu.
    [few] { $count } usługi, z których korzystano, zostały powiadomione o wylogowaniu.
    [many] { $count } usług, z których korzystano, zostało powiadomionych o wylogowaniu.
   *[other] { $count } usługi, z których korzystano, zostały powiadomione o wylogowaniu.
}
logout-close-browser = Ze względów bezpieczeństwa zamknij przeglądarkę po zakończeniu pracy.

lost-password-title = Nie pamiętam hasła

account-title = Moje konto
account-sessions = Wyświetl moje sesje
account-sessions-desc = Możesz zobaczyć swoje otwarte sesje i je zakończyć.
account-groups = Twoje grupy
account-groups-intro = Niektóre usługi otrzymują informację, do których z tych grup należysz. Grupami zarządza pomoc techniczna.
account-groups-none = Nie należysz do żadnej grupy.

sessions-title = Moje sesje
sessions-intro = Oto przeglądarki, w których zalogowano się na Twoje konto. Zakończ każdą sesję, której nie rozpoznajesz.
sessions-current = Ta przeglądarka
sessions-started = Zalogowano
sessions-last-seen = Ostatnia aktywność
sessions-address = Adres
sessions-browser = Przeglądarka
sessions-methods = Zweryfikowano za pomocą
sessions-services = Usługi
sessions-no-services = jeszcze brak
sessions-end = Zakończ tę sesję
sessions-ended = Sesja została zakończona.

demo-title = Usługa demonstracyjna
demo-intro = Ta strona jest usługą chronioną przez ten serwer logowania, tak jak byłaby nią każda aplikacja Twojej organizacji. Otrzymała bilet CAS, zweryfikowała go i uzyskała poniższe atrybuty.
demo-user = Nazwa użytkownika
demo-attributes = Otrzymane atrybuty
demo-attribute = Atrybut
demo-value = Wartość
demo-logout = Wyloguj (jednokrotne wylogowanie)
demo-signed-out = Nie zalogowano się do usługi demonstracyjnej.
demo-sign-in = Zaloguj się do usługi demonstracyjnej
demo-ticket-invalid = Nie udało się zweryfikować biletu: { $reason }

login-create-account = Utwórz konto
back = Wstecz
proceed = Przejdź dalej
cancel = Anuluj
form-has-errors = Popraw następujące elementy:
field-first-name = Imię
field-last-name = Nazwisko
field-optional = (opcjonalnie)
field-email = E-mail
field-email-confirm = Potwierdź e-mail
field-email-language = Język wiadomości e-mail
field-email-language-help = Język wiadomości e-mail, które do Ciebie wysyłamy, niezależnie od języka tych stron. Wysyłamy wiadomości e-mail wyłącznie w celu weryfikacji Twojej tożsamości lub poinformowania o zdarzeniach związanych z bezpieczeństwem Twojego konta.
field-ui-language = Język tych stron
field-ui-language-browser = Zgodnie z ustawieniem przeglądarki
field-current-password = Obecne hasło
field-new-password = Nowe hasło
field-confirm-password = Potwierdź nowe hasło
field-new-email = Nowy adres e-mail

register-title = Utwórz konto
register-staff-note = Pracownicy organizacji korzystających z tej usługi mają już konto: zamiast tego zaloguj się służbowym adresem e-mail.
register-privacy-link = Oświadczenie o ochronie prywatności
register-privacy-accept = Potwierdzam zapoznanie się z oświadczeniem o ochronie prywatności i akceptuję je.
register-submit = Utwórz konto
register-have-account = Masz już konto? Zaloguj się
register-closed = Na tym serwerze nie można utworzyć konta. Zwróć się do pomocy technicznej.
register-sent-title = Sprawdź swoją skrzynkę pocztową
register-sent-text = Wiadomość e-mail została wysłana na adres { $email }. Kliknij zawarty w niej link, aby utworzyć hasło.
register-sent-validity = Link jest ważny przez { $validity }.
register-sent-spam = Jeśli wiadomość nie dotrze w ciągu kilku minut, sprawdź folder ze spamem.

captcha-legend = Potwierdź, że jesteś człowiekiem
captcha-image-alt = Obrazek z literami i cyframi do wpisania w polu poniżej. Jeśli nie możesz go odczytać, użyj zamiast tego sprawdzenia pod polem.
captcha-new = Nowy kod
captcha-label = Wpisz kod widoczny na obrazku
captcha-pow-intro = Nie możesz odczytać obrazka? Zleć sprawdzenie przeglądarce: trwa to kilka sekund i nie wymaga czytania ani słuchania.
captcha-pow-button = Zamiast tego sprawdź za pomocą przeglądarki
captcha-pow-working = Sprawdzanie…
captcha-pow-done = Gotowe: nie musisz wpisywać kodu.
captcha-pow-nojs = To sprawdzenie wymaga JavaScriptu; zamiast tego wpisz kod z obrazka.

error-name-too-long = To imię lub nazwisko jest za długie (maksymalnie 100 znaków).
error-name-characters = To imię lub nazwisko zawiera niedozwolone znaki: użyj liter dowolnego alfabetu, spacji, łączników, apostrofów i kropek.
error-first-name-required = Wpisz swoje imię.
error-last-name-required = Wpisz swoje nazwisko.
error-email-confirm-empty = Wpisz ponownie swój adres e-mail.
error-email-mismatch = Podane adresy e-mail nie są takie same.
error-email-same = To już jest Twój adres e-mail.
error-email-taken = Adres { $email } jest już używany przez inne konto.
error-captcha = Kod jest nieprawidłowy. Wpisz kod z nowego obrazka lub użyj sprawdzenia przez przeglądarkę.
error-captcha-expired = Kod wygasł. Wpisz kod z nowego obrazka lub użyj sprawdzenia przez przeglądarkę.
error-captcha-used = Ten kod został już użyty. Wpisz kod z nowego obrazka lub użyj sprawdzenia przez przeglądarkę.
error-captcha-invalid = Nie udało się sprawdzić kodu (strona mogła zostać zmieniona). Wpisz kod z nowego obrazka lub użyj sprawdzenia przez przeglądarkę.
error-privacy = Aby utworzyć konto, zaakceptuj oświadczenie o ochronie prywatności.
error-too-many-requests = Zbyt wiele żądań dla tego adresu lub z Twojej sieci. Spróbuj ponownie za godzinę.
error-new-password-empty = Wybierz nowe hasło.
error-confirm-password-empty = Wpisz ponownie nowe hasło.
error-password-mismatch = Podane hasła nie są takie same.
error-password-wrong = Hasło jest nieprawidłowe.
error-too-many-attempts = Zbyt wiele nieudanych prób. Odczekaj chwilę i spróbuj ponownie.

password-policy-intro = Hasło musi mieć co najmniej 10 znaków i zawierać kombinację:
password-policy-upper = wielkich liter,
password-policy-lower = małych liter,
password-policy-digits = cyfr,
password-policy-special = znaków specjalnych.
password-policy-advice = Wybierz hasło jak najdłuższe i jak najbardziej złożone, aby lepiej chronić konto, ale pamiętaj, że musisz je zapamiętać.
password-problem-too-short = Ma mniej niż 10 znaków.
password-problem-too-long = Jest za długie.
password-problem-no-upper = Nie zawiera wielkiej litery.
password-problem-no-lower = Nie zawiera małej litery.
password-problem-no-digit = Nie zawiera cyfry.
password-problem-no-special = Nie zawiera znaku specjalnego.
password-problem-common = Jest zbyt popularne: byłoby jednym z pierwszych, które wypróbowałby atakujący.
password-problem-personal-data = Zawiera Twój adres e-mail lub Twoje imię albo nazwisko.
password-problem-control-characters = Zawiera niewidoczne znaki sterujące.
password-strength = Siła: { $label }
password-strength-0 = bardzo słabe
password-strength-1 = słabe
password-strength-2 = średnie
password-strength-3 = dobre
password-strength-4 = silne
zx-w-StraightRowsOfKeysAreEasyToGuess = Proste rzędy klawiszy łatwo odgadnąć.
zx-w-ShortKeyboardPatternsAreEasyToGuess = Krótkie układy klawiszy łatwo odgadnąć.
zx-w-RepeatsLikeAaaAreEasyToGuess = Powtórzenia typu „aaa” łatwo odgadnąć.
zx-w-RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess = Powtórzenia typu „abcabcabc” są tylko nieco trudniejsze do odgadnięcia niż „abc”.
zx-w-ThisIsATop10Password = To jedno z 10 najczęściej używanych haseł.
zx-w-ThisIsATop100Password = To jedno ze 100 najczęściej używanych haseł.
zx-w-ThisIsACommonPassword = To bardzo popularne hasło.
zx-w-ThisIsSimilarToACommonlyUsedPassword = To hasło jest podobne do często używanego hasła.
zx-w-SequencesLikeAbcAreEasyToGuess = Sekwencje typu abc lub 6543 łatwo odgadnąć.
zx-w-RecentYearsAreEasyToGuess = Ostatnie lata łatwo odgadnąć.
zx-w-AWordByItselfIsEasyToGuess = Pojedyncze słowo łatwo odgadnąć.
zx-w-DatesAreOftenEasyToGuess = Daty często łatwo odgadnąć.
zx-w-NamesAndSurnamesByThemselvesAreEasyToGuess = Same imiona i nazwiska łatwo odgadnąć.
zx-w-CommonNamesAndSurnamesAreEasyToGuess = Popularne imiona i nazwiska łatwo odgadnąć.
zx-s-UseAFewWordsAvoidCommonPhrases = Użyj kilku słów, unikaj popularnych wyrażeń.
zx-s-NoNeedForSymbolsDigitsOrUppercaseLetters = Długość ma większe znaczenie niż symbole, cyfry czy wielkie litery.
zx-s-AddAnotherWordOrTwo = Dodaj jeszcze jedno lub dwa słowa. Lepsze są słowa nietypowe.
zx-s-CapitalizationDoesntHelpVeryMuch = Wielkie litery niewiele pomagają.
zx-s-AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase = Hasło pisane samymi wielkimi literami jest prawie tak łatwe do odgadnięcia jak pisane samymi małymi.
zx-s-ReversedWordsArentMuchHarderToGuess = Słowa pisane wspak nie są dużo trudniejsze do odgadnięcia.
zx-s-PredictableSubstitutionsDontHelpVeryMuch = Przewidywalne zamiany, np. „@” zamiast „a”, niewiele pomagają.
zx-s-UseALongerKeyboardPatternWithMoreTurns = Użyj dłuższego układu klawiszy z większą liczbą zwrotów.
zx-s-AvoidRepeatedWordsAndCharacters = Unikaj powtarzających się słów i znaków.
zx-s-AvoidSequences = Unikaj sekwencji.
zx-s-AvoidRecentYears = Unikaj ostatnich lat.
zx-s-AvoidYearsThatAreAssociatedWithYou = Unikaj lat, które są z Tobą związane.
zx-s-AvoidDatesAndYearsThatAreAssociatedWithYou = Unikaj dat i lat, które są z Tobą związane.

password-new-title = Utwórz hasło
password-new-intro = Wybierz hasło i wpisz je dwukrotnie, aby mieć pewność, że nie zawiera literówki.
password-reset-title = Wybierz nowe hasło
password-reset-intro = Wybierz nowe hasło i wpisz je dwukrotnie. Po jego zapisaniu wszystkie sesje Twojego konta zostaną zakończone.
password-expired-title = Twoje hasło wygasło
password-expired-intro = Twoje hasło jest zbyt stare. Aby kontynuować, wybierz nowe i wpisz je dwukrotnie.
password-submit = Wyślij
password-change-title = Zmień moje hasło
password-change-submit = Zmień moje hasło
password-done-title = Twoje hasło zostało zapisane
password-done-text = Zalogowano.
password-done-proceed = Kliknij „Przejdź dalej”, aby przejść do usługi { $service }.
password-changed-title = Hasło zostało zmienione
password-changed-text = Twoje hasło zostało zmienione. Potwierdzenie wysłano e-mailem.
password-changed-sessions = { $count ->
    [one] Zakończono Twoją pozostałą sesję.
    [few] Twoje { $count } pozostałe sesje zostały zakończone.
    [many] Zakończono { $count } Twoich pozostałych sesji.
   *[other] Zakończono { $count } Twoich pozostałych sesji.
}

link-invalid-title = Nie można użyć tego linku
link-invalid-text = Ten link jest nieprawidłowy. Sprawdź, czy skopiowano cały adres z wiadomości e-mail, lub poproś o nowy link.
link-used-text = Ten link został już użyty. Każdy link działa tylko raz; w razie potrzeby poproś o nowy.
link-expired-login = Ta strona wygasła. Zaloguj się ponownie, aby wybrać nowe hasło.
link-email-expired = Ten link wygasł. Ponownie zleć zmianę adresu e-mail w sekcji Moje konto.
link-expired-title = Ten link wygasł
link-expired-text = Link, w który kliknięto, jest zbyt stary. Wpisz ponownie swój adres e-mail, aby otrzymać nowy.
link-expired-submit = Wyślij mi nowy link

lost-password-intro = Wpisz adres e-mail swojego konta. Wyślemy Ci link do wybrania nowego hasła.
lost-password-submit = Wyślij mi link
lost-password-sent-title = Sprawdź swoją skrzynkę pocztową
lost-password-sent = Jeśli istnieje konto dla adresu { $email }, wysłano na ten adres wiadomość z linkiem do wybrania nowego hasła.
lost-password-sent-validity = Link jest ważny przez { $validity }.

account-details = Moje dane osobowe
account-details-desc = Zmień imię i nazwisko, używane języki lub adres e-mail.
account-password = Zmień moje hasło
account-password-desc = Wybierz nowe hasło; Twoje pozostałe sesje zostaną zakończone.
account-delete = Usuń moje konto
account-delete-desc = Usuń swoje konto i dane osobowe.
details-title = Moje dane osobowe
details-uid = Nazwa użytkownika
details-save = Zapisz
details-saved = Zmiany zostały zapisane.
details-email-title = Zmień mój adres e-mail
details-email-text = Wyślemy link na nowy adres. Adres zmieni się po kliknięciu tego linku, a obecny adres otrzyma powiadomienie.
details-email-submit = Wyślij link potwierdzający
details-email-sent = Link potwierdzający został wysłany na nowy adres. Adres zmieni się po kliknięciu tego linku.
email-confirm-title = Potwierdź nowy adres e-mail
email-confirm-text = Adres e-mail Twojego konta zmieni się z { $old } na { $new }. Będziesz logować się nowym adresem.
email-confirm-submit = Potwierdź nowy adres
email-changed-title = Adres e-mail został zmieniony
email-changed-text = Twój adres e-mail to teraz { $email }. Używaj go do logowania.

delete-title = Usuń moje konto
delete-text = Twoje konto i dane osobowe zostaną usunięte. Nie będzie można już logować się nim do żadnej usługi. Tej operacji nie można cofnąć.
delete-sessions = Wszystkie sesje Twojego konta zostaną teraz zakończone.
delete-password = Wpisz hasło, aby potwierdzić.
delete-submit = Usuń moje konto
deleted-title = Konto zostało usunięte
deleted-text = Twoje konto zostało usunięte, a Twoje dane osobowe – skasowane.
deleted-mail = Usunięcie potwierdzono w wiadomości e-mail.

privacy-title = Oświadczenie o ochronie prywatności
privacy-1 = Ta usługa logowania przechowuje dane niezbędne do Twojej identyfikacji: imię i nazwisko, adres e-mail, wybrane języki oraz skrót (hash) hasła (nigdy samo hasło).
privacy-2 = Rejestruje zdarzenia związane z bezpieczeństwem (logowania, zmiany hasła i adresu) wraz z czasem i adresem sieciowym, aby chronić Twoje konto i badać przypadki nadużyć.
privacy-3 = Przekazuje usługom, do których się logujesz, wyłącznie te atrybuty, do których otrzymywania każda z nich jest zarejestrowana.
privacy-4 = Wiadomości e-mail są wysyłane wyłącznie w celu weryfikacji Twojej tożsamości lub poinformowania o zdarzeniach związanych z bezpieczeństwem Twojego konta.
privacy-5 = Możesz przeglądać i zmieniać swoje dane w sekcji Moje konto i w każdej chwili usunąć tam swoje konto.

dev-outbox-title = Skrzynka nadawcza (tryb deweloperski)
dev-outbox-warning = Tryb deweloperski: ta strona pokazuje każdą wiadomość e-mail wysłaną przez serwer. Nie wolno go nigdy włączać na serwerze dostępnym dla prawdziwych użytkowników.
dev-outbox-transport = Dostarczanie poczty: { $transport }
dev-outbox-empty = Nie wysłano jeszcze żadnej wiadomości e-mail.
dev-outbox-when = W kolejce od
dev-outbox-to = Do
dev-outbox-subject = Temat
dev-outbox-status = Status
dev-outbox-sent = dostarczono
dev-outbox-failed = błąd: { $error }
dev-outbox-queued = { $attempts ->
    [0] oczekuje
    [one] oczekuje, jedna nieudana próba
    [few] oczekuje, { $attempts } nieudane próby
    [many] oczekuje, { $attempts } nieudanych prób
   *[other] oczekuje, { $attempts } nieudanej próby
}
dev-outbox-links = Linki
dev-outbox-raw = Wiadomość w postaci wysłanej

duration-hours = { $n ->
    [one] godzinę
    [few] { $n } godziny
    [many] { $n } godzin
   *[other] { $n } godziny
}
duration-minutes = { $n ->
    [one] minutę
    [few] { $n } minuty
    [many] { $n } minut
   *[other] { $n } minuty
}

mail-greeting = Dzień dobry, { $name },
mail-signature = Wiadomość wysłana przez Limen
mail-link-fallback = Jeśli powyższy link nie działa, skopiuj następujący adres (upewnij się, że skopiowano cały adres!) i wklej go w pasek adresu przeglądarki:
mail-help = W razie problemów nie odpowiadaj na tę wiadomość, lecz skorzystaj z pomocy lub danych kontaktowych podanych w witrynie, w której próbowano się zarejestrować.
mail-register-subject = Utwórz hasło
mail-register-registered = Zarejestrowano Cię w systemie Limen.
mail-register-address = Twój adres e-mail to { $email }.
mail-register-follow = Aby utworzyć hasło, kliknij poniższy link:
mail-register-action = Utwórz moje hasło
mail-register-validity = Na skorzystanie z tego linku masz maksymalnie { $validity } od chwili wysłania tej wiadomości, ale zalecamy zrobić to od razu. Po tym czasie możesz złożyć nowe żądanie przez ten sam link: trzeba będzie wtedy ponownie wpisać adres e-mail i potwierdzić żądanie.
mail-reset-subject = Wybierz nowe hasło
mail-reset-requested = Ktoś, prawdopodobnie Ty, poprosił o wybranie nowego hasła do konta { $email }.
mail-reset-follow = Aby wybrać nowe hasło, kliknij poniższy link:
mail-reset-action = Wybierz nowe hasło
mail-reset-validity = Link działa jednokrotnie przez { $validity } od wysłania tej wiadomości. Po tym czasie poproś ponownie za pomocą opcji „Nie pamiętasz hasła?”.
mail-reset-not-you = Jeśli to nie Twoja prośba, zignoruj tę wiadomość: hasło pozostanie bez zmian.
mail-existing-subject = Masz już konto
mail-existing-text = Ktoś, prawdopodobnie Ty, próbował utworzyć konto dla adresu { $email }. Z tym adresem jest już powiązane konto, więc nowego nie utworzono.
mail-existing-lost = Jeśli nie pamiętasz hasła, wybierz nowe:
mail-existing-action = Nie pamiętasz hasła?
mail-existing-not-you = Jeśli próba utworzenia konta nie pochodziła od Ciebie, zignoruj tę wiadomość.
mail-email-confirm-subject = Potwierdź nowy adres e-mail
mail-email-confirm-text = Aby używać adresu { $email } jako adresu e-mail swojego konta, kliknij poniższy link.
mail-email-confirm-action = Potwierdź ten adres
mail-email-confirm-not-you = Jeśli to nie Twoja prośba, zignoruj tę wiadomość: nic się nie zmieni.
mail-security-when = Kiedy: { $time }.
mail-security-not-you = Jeśli to nie Ty, natychmiast wybierz nowe hasło za pomocą opcji „Nie pamiętasz hasła?” i skontaktuj się z pomocą techniczną.
mail-security-review = Sprawdź moje konto
mail-account-deleted-not-you = Jeśli konto nie zostało usunięte przez Ciebie, natychmiast skontaktuj się z pomocą techniczną.
mail-password-changed-subject = Twoje hasło zostało zmienione
mail-password-changed-text = Hasło do Twojego konta zostało zmienione.
mail-email-changed-subject = Twój adres e-mail został zmieniony
mail-email-changed-text = Adres e-mail Twojego konta został zmieniony na { $new }. Ten adres nie będzie już otrzymywać wiadomości dotyczących konta.
mail-account-deleted-subject = Twoje konto zostało usunięte
mail-account-deleted-text = Twoje konto i powiązane z nim dane osobowe zostały usunięte.
mail-factor-added-subject = Do Twojego konta dodano metodę weryfikacji
mail-factor-added-text = Do Twojego konta dodano metodę weryfikacji „{ $name }”.
mail-factor-removed-subject = Z Twojego konta usunięto metodę weryfikacji
mail-factor-removed-text = Z Twojego konta usunięto metodę weryfikacji „{ $name }”.

## OpenID Connect
oidc-error-title = Nie można odpowiedzieć na to żądanie logowania
oidc-error-hint = Wróć do aplikacji i spróbuj ponownie. Jeśli problem będzie się powtarzał, poinformuj wsparcie aplikacji: jej ustawienia logowania nie zgadzają się z jej rejestracją.
oidc-error-missing-client = Żądanie nie określa, z jakiej aplikacji pochodzi (brak client_id).
oidc-error-unknown-client = Aplikacja, która Cię tu skierowała, nie jest zarejestrowana w tej usłudze logowania.
oidc-error-missing-redirect = Żądanie nie określa, dokąd należy Cię odesłać (brak redirect_uri).
oidc-error-bad-redirect = Adres, na który aplikacja chciała Cię odesłać, nie jest dla niej zarejestrowany, więc nie nastąpiło przekierowanie.
oidc-request-gone = To żądanie logowania wygasło lub jest nieprawidłowe. Wróć do aplikacji i zaloguj się ponownie.
oidc-consent-title = Udostępnić Twoje dane?
oidc-consent-text = Usługa { $service } prosi o zgodę na:
oidc-consent-allow = Zezwól
oidc-consent-deny = Odmów
oidc-scope-openid = potwierdzenie Twojej tożsamości
oidc-scope-profile = wgląd w Twoje imię i nazwisko oraz preferowany język
oidc-scope-email = wgląd w Twój adres e-mail
oidc-scope-offline-access = zachowanie dostępu także po Twoim wylogowaniu
oidc-scope-groups = wgląd w grupy, do których należysz
oidc-logout-title = Wylogowanie
oidc-logout-asked-by = Usługa { $service } prosi o wylogowanie Cię.
oidc-logout-question = Czy chcesz wylogować się ze wszystkich aplikacji, do których zalogowano się za pośrednictwem tej usługi?
oidc-logout-yes = Wyloguj
oidc-logout-no = Nie wylogowuj
oidc-logout-bad-hint = Żądanie wylogowania zawiera token tożsamości, którego ta usługa nie wydała lub który został zmieniony.
oidc-logout-client-mismatch = Żądanie wylogowania wskazuje dwie różne aplikacje.
oidc-logout-bad-redirect = Adres powrotu po wylogowaniu nie jest zarejestrowany dla tej aplikacji.
logout-frontchannel = Aplikacje, z których korzystano, również są powiadamiane.
logout-continue = Kontynuuj
demo-oidc-title = Aplikacja demonstracyjna (OpenID Connect)
demo-oidc-intro = Ta aplikacja demonstracyjna loguje Cię przez OpenID Connect, tak jak zrobiłaby to nowoczesna aplikacja internetowa: przepływ kodu autoryzacji z PKCE. Następnie pokazuje otrzymany token ID, sprawdzony za pomocą opublikowanych kluczy, oraz to, co mówi o Tobie punkt końcowy userinfo.
demo-oidc-sign-in = Zaloguj się przez OpenID Connect
demo-oidc-cas-variant = Wypróbuj zamiast tego wariant CAS
demo-oidc-variant = Wypróbuj wariant OpenID Connect
demo-oidc-done = Zalogowano. Oto, co otrzymała aplikacja.
demo-oidc-verified = Podpis tokenu ID został zweryfikowany kluczem { $kid } ({ $alg }) z opublikowanego zestawu kluczy.
demo-oidc-claims = Deklaracje tokenu ID
# same-as-en: the OpenID Connect endpoint's name
demo-oidc-userinfo = Userinfo
demo-oidc-header = Nagłówek tokenu ID
demo-oidc-again = Zaloguj się ponownie
demo-oidc-failed = Logowanie nie zostało ukończone: { $reason }
demo-oidc-try-again = Spróbuj ponownie
oidc-logout-repeated = Żądanie wylogowania powtarza parametr, więc nie można mu ufać.

# Strengths, step-up and security keys (issue 5)
method-PASSWORD_WEBAUTHN = Klucz bezpieczeństwa lub zaufana platforma
method-PASSWORD_WEBAUTHN-desc = Użyj klucza bezpieczeństwa, zaufanej platformy lub klucza dostępu, aby uwierzytelnić się w Limen.
error-invalid-strength = Usługa { $service } zażądała metod weryfikacji, których nie wolno jej używać (INVALID_STRENGTH).
error-invalid-strength-hint = Poinformuj pomoc techniczną usługi; na tej stronie nie możesz nic zrobić.
login-stepup = Zalogowano hasłem. Ta usługa wymaga silniejszej metody weryfikacji: wybierz ją poniżej.
login-register-method = Usługa { $service } wymaga metody weryfikacji, której jeszcze nie skonfigurowano: { $methods }.
login-register-link = Zaloguj się hasłem, aby ją zarejestrować: { $method }
login-method-retired = Metoda „{ $method }” została wycofana dnia { $date }. Zarejestruj inną metodę weryfikacji w sekcji Moje konto.
login-passkey = Zaloguj się kluczem dostępu
account-webauthn = Zarządzaj moimi kluczami bezpieczeństwa i zaufanymi platformami
account-webauthn-desc = Dodawaj, zmieniaj nazwy lub usuwaj klucze bezpieczeństwa, zaufane platformy i klucze dostępu.
back-to-keys = Powrót do moich kluczy bezpieczeństwa
back-to-account = Powrót do sekcji Moje konto
webauthn-keys-title = Moje klucze bezpieczeństwa i zaufane platformy
webauthn-keys-intro = Klucz bezpieczeństwa to małe urządzenie (USB, NFC), które działa razem z hasłem. Zaufana platforma to mechanizm uwierzytelniania wbudowany w komputer lub telefon (Windows Hello, Touch ID, Android). Klucz dostępu jest przechowywany w telefonie lub w menedżerze haseł i pozwala zalogować się bez hasła.
webauthn-keys-none = Nie zarejestrowano jeszcze żadnego klucza bezpieczeństwa, zaufanej platformy ani klucza dostępu.
webauthn-col-name = Nazwa
webauthn-col-kind = Rodzaj
webauthn-col-model = Model
webauthn-col-created = Dodano
webauthn-col-last-used = Ostatnie użycie
webauthn-never-used = nigdy
webauthn-model-unknown = nieujawniony
webauthn-flagged = zablokowany: mógł zostać skopiowany; usuń go i zarejestruj ponownie
webauthn-rename = Zmień nazwę
webauthn-delete = Usuń
webauthn-add-heading = Dodaj urządzenie
webauthn-add-security_key = Dodaj klucz bezpieczeństwa
webauthn-add-platform = Dodaj zaufaną platformę
webauthn-add-passkey = Dodaj klucz dostępu
webauthn-kind-security_key = Klucz bezpieczeństwa
webauthn-kind-platform = Zaufana platforma
webauthn-kind-passkey = Klucz dostępu
webauthn-kind-security_key-desc = klucz USB lub NFC, którego dotykasz przy logowaniu.
webauthn-kind-platform-desc = wbudowany mechanizm uwierzytelniania tego komputera lub telefonu (Windows Hello, Touch ID, blokada ekranu Androida).
webauthn-kind-passkey-desc = na tym urządzeniu, w menedżerze haseł albo w telefonie, z którego skorzystasz przy tym komputerze (przeglądarka wyświetla kod QR; Bluetooth musi być włączony na obu urządzeniach).
webauthn-add-intro = Nadaj urządzeniu nazwę, którą rozpoznasz (np. „Mój niebieski klucz” lub „iPhone”), a następnie kliknij Wyślij i postępuj zgodnie z instrukcjami przeglądarki. Jeśli przeglądarka zapyta, czy zanonimizować informacje o mechanizmie uwierzytelniania, nie zaznaczaj tego pola.
webauthn-device-name = Nazwa urządzenia
webauthn-submit = Wyślij
webauthn-stronger-needed = Aby dodać kolejne urządzenie, trzeba będzie najpierw zalogować się za pomocą urządzenia, które już masz.
webauthn-unavailable = Klucze bezpieczeństwa i zaufane platformy nie są dostępne dla Twojego konta.
webauthn-register-text = Wykonaj kroki wyświetlane przez przeglądarkę: dotknij klucza bezpieczeństwa lub potwierdź kodem PIN, odciskiem palca albo twarzą.
webauthn-register-status = Trwa rejestracja danych uwierzytelniających…
webauthn-login-title = Klucz bezpieczeństwa lub zaufana platforma
webauthn-login-text = Wykonaj kroki wyświetlane przez przeglądarkę: dotknij klucza bezpieczeństwa lub potwierdź kodem PIN, odciskiem palca albo twarzą.
webauthn-login-status = Oczekiwanie na klucz bezpieczeństwa lub zaufaną platformę…
webauthn-choose-title = Wybierz urządzenie
webauthn-choose-text = Kliknij nazwę klucza bezpieczeństwa lub zaufanej platformy, której chcesz użyć.
webauthn-retry = Spróbuj ponownie
webauthn-noscript = Ten krok wymaga JavaScriptu: za jego pomocą przeglądarka komunikuje się z kluczem bezpieczeństwa.
webauthn-added-security_key = Klucz bezpieczeństwa został dodany.
webauthn-added-platform = Zaufana platforma została dodana.
webauthn-added-passkey = Klucz dostępu został dodany.
webauthn-deleted = Urządzenie zostało usunięte.
webauthn-renamed = Nazwa urządzenia została zmieniona.
webauthn-error-cancelled = Operacja została anulowana lub trwała zbyt długo. Spróbuj ponownie i odpowiedz na komunikat przeglądarki.
webauthn-error-unsupported = Ta przeglądarka nie może tu używać kluczy bezpieczeństwa ani kluczy dostępu. Spróbuj innej przeglądarki lub innej metody.
webauthn-error-already = To urządzenie jest już zarejestrowane na Twoim koncie.
webauthn-error-refused = Nie udało się zweryfikować odpowiedzi urządzenia. Spróbuj ponownie lub użyj innego urządzenia.
webauthn-error-expired = Ta weryfikacja trwała zbyt długo lub została już wykorzystana. Zacznij od nowa.
webauthn-error-unknown = Ten klucz bezpieczeństwa lub klucz dostępu nie jest zarejestrowany na żadnym koncie (mógł zostać usunięty). Zaloguj się hasłem lub użyj innego urządzenia.
webauthn-error-other-account = Ten klucz bezpieczeństwa należy do innego konta. Użyj klucza zarejestrowanego na tym koncie.
webauthn-error-cloned = Ten klucz bezpieczeństwa został zablokowany: jego licznik podpisów się cofnął, więc klucz mógł zostać skopiowany. Usuń go w sekcji Moje konto i zarejestruj ponownie.
webauthn-error-not-verified = Urządzenie nie zweryfikowało Twojej tożsamości (PIN, odcisk palca lub twarz). Logowanie bez hasła wymaga tej weryfikacji.
webauthn-error-no-key = Nie masz żadnego klucza bezpieczeństwa ani zaufanej platformy, których można użyć. Zarejestruj je w sekcji Moje konto.
webauthn-error-name = Nadaj urządzeniu nazwę o długości od 1 do 64 znaków.
webauthn-error-no-such-key = Na Twoim koncie nie ma takiego urządzenia.
mail-factor-renamed-subject = Zmieniono nazwę metody weryfikacji Twojego konta
mail-factor-renamed-text = Nazwa metody weryfikacji „{ $old }” została zmieniona na „{ $name }”.
demo-strong = Zażądaj ponownie, wymagając klucza bezpieczeństwa lub klucza dostępu (acceptStrengths=PASSWORD_WEBAUTHN): sesja zalogowana hasłem zostanie podniesiona na wyższy poziom uwierzytelnienia
mail-panic-used-subject = Z Twojego konta usunięto wszystkie metody weryfikacji (PANIC)
mail-panic-used-text = Na Twoim koncie użyto funkcji PANIC: usunięto wszystkie metody weryfikacji oprócz hasła ({ $names }) i zakończono wszystkie sesje. Aby korzystać z usług wymagających drugiego składnika, dodaj nowy w sekcji „Moje konto”.
mail-factors-removed-subject = Pomoc techniczna usunęła metody weryfikacji Twojego konta
mail-factors-removed-text = Pomoc techniczna usunęła z Twojego konta wszystkie metody weryfikacji oprócz hasła ({ $names }) i zakończyła wszystkie sesje.
mail-mfa-on-subject = Uwierzytelnianie wieloskładnikowe jest teraz zawsze wymagane
mail-mfa-on-text = Włączono opcję „Zawsze wymagaj uwierzytelniania wieloskładnikowego”: każde logowanie do Twojego konta kończy się teraz drugim składnikiem.
mail-mfa-off-subject = Uwierzytelnianie wieloskładnikowe nie jest już zawsze wymagane
mail-mfa-off-text = Wyłączono opcję „Zawsze wymagaj uwierzytelniania wieloskładnikowego”: usługi, które akceptują samo hasło, nie proszą już o drugi składnik.
login-code-text = Wpisz kod wyświetlany przez urządzenie.
login-code-challenge = Wpisz to wyzwanie do urządzenia, a następnie wpisz wyświetloną odpowiedź:
login-code-sent = Kod został wysłany na { $to }.
login-code-label = Kod
login-code-submit = Zaloguj się
error-no-device = Nie masz urządzenia, którego można użyć z tą metodą weryfikacji. Zarejestruj je w sekcji Moje konto.
error-code-wrong = Ten kod jest nieprawidłowy. Sprawdź go i spróbuj ponownie.
method-PASSWORD_MOBILE_APP = Kod PIN aplikacji mobilnej EU Login
method-PASSWORD_MOBILE_APP-desc = Na telefonie pojawi się żądanie; potwierdź je kodem PIN.
method-PASSWORD_SOFTWARE_TOKEN = Kod QR aplikacji mobilnej EU Login
method-PASSWORD_SOFTWARE_TOKEN-desc = Zeskanuj kod QR aplikacją i wpisz wyświetlony w niej kod.
method-MOBILE_APP = Na urządzeniu mobilnym
method-MOBILE_APP-desc = Zaloguj się za pomocą aplikacji na telefonie, na którym przeglądasz strony.
method-PASSWORD_SMS = Telefon komórkowy + SMS
method-PASSWORD_SMS-desc = Otrzymaj kod SMS-em na zarejestrowany telefon komórkowy.
# same-as-en: the method's name; "token" is the Polish word too
method-PASSWORD_TOKEN = Token
method-PASSWORD_TOKEN-desc = Wpisz kod wyświetlany przez token sprzętowy.
# same-as-en: the method's name; "token" is the Polish word too
method-PASSWORD_TOKEN_CRAM = Token CRAM
method-PASSWORD_TOKEN_CRAM-desc = Wpisz wyzwanie do tokenu, a następnie jego odpowiedź.
method-EIDAS = eID
method-EIDAS-desc = Zaloguj się za pomocą krajowego środka identyfikacji elektronicznej.
method-SOCIAL_NETWORKS = Media społecznościowe
method-SOCIAL_NETWORKS-desc = Zaloguj się za pomocą konta w mediach społecznościowych.
method-CLIENT_CERT = Certyfikat
method-CLIENT_CERT-desc = Zaloguj się za pomocą certyfikatu zainstalowanego w przeglądarce lub na karcie inteligentnej.
account-methods = Metody uwierzytelniania
account-methods-desc = Zobacz wszystkie metody weryfikacji swojego konta, wymagaj uwierzytelniania wieloskładnikowego lub usuń je wszystkie (PANIC).
account-panic = Usuń wszystkie moje urządzenia (PANIC)
account-panic-desc = Zgubione urządzenia? Usuń je wszystkie za pomocą samego hasła.
methods-title = Metody uwierzytelniania
methods-intro = Metody weryfikacji Twojego konta oprócz hasła: klucze bezpieczeństwa, zaufane platformy, klucze dostępu, a także inne, gdy zostaną dodane.
methods-none = Twoje konto nie ma żadnej metody weryfikacji oprócz hasła.
methods-col-kind = Rodzaj
methods-col-name = Nazwa
methods-col-added = Dodano
methods-col-last-used = Ostatnie użycie
methods-never-used = Nigdy
methods-blocked = (zablokowana)
methods-mfa-title = Zawsze wymagaj uwierzytelniania wieloskładnikowego
methods-mfa-text = Gdy ta opcja jest włączona, każde logowanie do Twojego konta kończy się drugim składnikiem, nawet w usługach, które akceptują samo hasło.
methods-mfa-on = Włączone: każde logowanie kończy się drugim składnikiem.
methods-mfa-off = Wyłączone: usługom, które akceptują samo hasło, ono wystarcza.
methods-mfa-turn-on = Włącz
methods-mfa-turn-off = Wyłącz
methods-mfa-turned-on = Uwierzytelnianie wieloskładnikowe jest teraz zawsze wymagane.
methods-mfa-turned-off = Uwierzytelnianie wieloskładnikowe nie jest już zawsze wymagane.
methods-mfa-no-factor = Najpierw zarejestruj drugi składnik: bez niego nie można wymagać uwierzytelniania wieloskładnikowego.
methods-panic-title = Zgubione urządzenia?
methods-panic-text = PANIC usuwa wszystkie metody weryfikacji Twojego konta oprócz hasła – wystarczy samo hasło – i kończy wszystkie sesje.
methods-panic-link = Usuń wszystkie moje urządzenia (PANIC)
back-to-methods = Powrót do metod uwierzytelniania
panic-title = Usuń wszystkie moje urządzenia (PANIC)
panic-intro = Użyj tej funkcji, jeśli Twoje klucze bezpieczeństwa, klucze dostępu lub inne urządzenia zaginęły albo jeśli podejrzewasz, że ma je ktoś inny. Po jej użyciu:
panic-effect-factors = wszystkie metody weryfikacji oprócz hasła zostaną usunięte z Twojego konta;
panic-effect-sessions = wszystkie sesje Twojego konta zostaną zakończone we wszystkich przeglądarkach, a dostęp wszystkich aplikacji zostanie cofnięty;
panic-effect-services = usługi wymagające drugiego składnika będą niedostępne, dopóki nie zarejestrujesz nowego.
panic-confirm = Rozumiem: usuń wszystkie moje urządzenia i zakończ wszystkie moje sesje.
panic-submit = Usuń wszystkie moje urządzenia
panic-confirm-needed = Zaznacz pole, aby potwierdzić.
panic-not-allowed = Funkcja PANIC nie jest dostępna dla Twojego konta. Skontaktuj się z pomocą techniczną w sprawie usunięcia urządzeń.
panic-too-many = Funkcji PANIC użyto dziś na tym koncie zbyt wiele razy. Skontaktuj się z pomocą techniczną.
panic-done = Wszystkie Twoje urządzenia zostały usunięte, a wszystkie sesje zakończone. Wysłaliśmy Ci w tej sprawie wiadomość e-mail.
panic-removed = Usunięto:
panic-unreachable = Dopóki nie zarejestrujesz nowego drugiego składnika, nie masz dostępu do tych usług:
panic-unreachable-none = Każda usługa, z której korzystasz, akceptuje samo hasło.
panic-sign-in-again = Zaloguj się ponownie
error-form-invalid = Ten formularz nie został wypełniony zgodnie z oczekiwaniami. Spróbuj ponownie.
error-factor-throttled = Zbyt wiele błędnych odpowiedzi dla drugiego składnika. Spróbuj ponownie za { $minutes ->
    [one] minutę
    [few] { $minutes } minuty
    [many] { $minutes } minut
   *[other] { $minutes } minuty
}.
mail-panic-confirm-subject = Potwierdź PANIC: usunięcie wszystkich urządzeń Twojego konta
mail-panic-confirm-text = Dla Twojego konta zażądano funkcji PANIC, podając jego hasło: wszystkie metody weryfikacji oprócz hasła zostałyby usunięte, a wszystkie sesje zakończone.
mail-panic-confirm-validity = Jeśli to Twoje żądanie, masz { $validity } na kliknięcie tego linku i potwierdzenie:
mail-panic-confirm-action = Usuń wszystkie moje urządzenia
mail-panic-confirm-not-you = Jeśli to nie Twoje żądanie, nie klikaj linku: ktoś zna Twoje hasło. Natychmiast wybierz nowe za pomocą opcji „Nie pamiętasz hasła?”.
panic-sent = Wysłaliśmy link na Twój adres e-mail. Kliknij go w ciągu godziny, aby usunąć wszystkie swoje urządzenia: do tego czasu nic nie zostanie usunięte.
panic-confirm-title = Potwierdź: usuń wszystkie moje urządzenia
panic-confirm-text = Wszystkie metody weryfikacji konta { $name } oprócz hasła zostaną usunięte, a wszystkie sesje zakończone.
panic-confirm-submit = Usuń teraz wszystkie moje urządzenia
panic-link-gone = Ten link nie jest już ważny (został użyty, wygasł lub zastąpiono go nowym). Ponownie zażądaj funkcji PANIC w sekcji Moje konto.
panic-by-mail = Aby upewnić się, że to Ty, wyślemy następnie link na Twój adres e-mail: urządzenia zostaną usunięte po jego kliknięciu.
login-lost-devices = Zgubiony klucz bezpieczeństwa lub inne urządzenia?
methods-mfa-on-inactive = Włączone, ale Twoje konto nie ma drugiego składnika, którego można użyć (zablokowany klucz lub metoda, która nie jest już oferowana): logowania kończą się hasłem, dopóki go nie zarejestrujesz.

## The mobile app (issue 14, docs/MOBILE-PROTOCOL.md)
account-mobile_app = Zarządzaj moimi urządzeniami mobilnymi
account-mobile_app-desc = Dodawaj, zmieniaj nazwy lub usuwaj telefony, którymi potwierdzasz logowania.
mobile_app-kind-mobile = Urządzenie mobilne
mobile_app-error-no-key = Nie masz urządzenia mobilnego, którego można użyć. Dodaj je w sekcji Moje konto.
software_token-error-no-key = Nie masz urządzenia mobilnego, którego można użyć. Dodaj je w sekcji Moje konto.
on_mobile-error-no-key = Nie masz urządzenia mobilnego, którego można użyć. Dodaj je w sekcji Moje konto.
mobile-title = Zarządzaj moimi urządzeniami mobilnymi
mobile-intro = Aplikacja uwierzytelniająca na telefonie potwierdza Twoje logowania: na telefonie pojawia się żądanie albo aplikacja wyświetla kod do wpisania tutaj. Każde urządzenie ma własny kod PIN.
mobile-none = Nie masz jeszcze żadnego urządzenia mobilnego.
mobile-col-model = System i model
mobile-locked = (zablokowane – zbyt wiele błędnych kodów PIN lub odłączone w aplikacji: usuń je i dodaj ponownie)
mobile-device-name = Nazwa urządzenia
mobile-delete = Usuń
mobile-add = Dodaj urządzenie mobilne
mobile-add-intro = Nadaj urządzeniu nazwę, wybierz dla niego kod PIN i wpisz go ponownie. Pojawi się kod QR: zeskanuj go aplikacją uwierzytelniającą i wpisz w niej ten sam PIN.
mobile-stronger-needed = Aby dodać lub usunąć urządzenie, najpierw zaloguj się ponownie najsilniejszą metodą weryfikacji.
mobile-pin = PIN ({ $n ->
    [one] co najmniej { $n } cyfra
    [few] co najmniej { $n } cyfry
    [many] co najmniej { $n } cyfr
   *[other] co najmniej { $n } cyfry
})
mobile-pin-again = Powtórz PIN
mobile-submit = Kontynuuj
mobile-added = Urządzenie mobilne zostało dodane. Możesz teraz logować się za jego pomocą.
mobile-deleted = Urządzenie mobilne zostało usunięte: nie może już potwierdzać Twoich logowań.
mobile-renamed = Nazwa urządzenia mobilnego została zmieniona.
mobile-unavailable = Z Twoim kontem nie można używać urządzeń mobilnych.
mobile-error-pin = PIN musi się składać wyłącznie z cyfr, od { $n } do 12.
mobile-error-pin-again = Podane kody PIN nie są takie same. Wpisz je ponownie.
mobile-error-not-scanned = Kod QR nie został jeszcze zeskanowany. Jeśli wygasł, dodaj urządzenie ponownie.
mobile-error-not-confirmed = Urządzenie zeskanowało kod QR, ale jeszcze nie potwierdziło kodu PIN.
mobile-error-pin-mismatch = PIN wpisany na urządzeniu jest inny niż wybrany tutaj. Dodaj urządzenie ponownie.
mobile-error-enrol-expired = Kod QR wygasł. Dodaj urządzenie ponownie.
mobile-error-no-such-device = Nie masz takiego urządzenia mobilnego.
mobile-scan-text = Otwórz aplikację uwierzytelniającą na telefonie i zeskanuj ten kod QR, aby dodać urządzenie „{ $name }”. Aplikacja poprosi następnie o wybrany kod PIN.
mobile-qr-label = Kod QR
mobile-link-text = Jeśli nie możesz go zeskanować, wklej ten link w aplikacji:
mobile-scan-expiry = Kod QR działa jednokrotnie przez { $n ->
    [one] minutę
    [few] { $n } minuty
    [many] { $n } minut
   *[other] { $n } minuty
}.
mobile-waiting = Oczekiwanie na urządzenie…
mobile-scanned = Urządzenie zeskanowało kod: potwierdź na nim kod PIN.
mobile-continue = Kontynuuj
mobile-back = Powrót do moich urządzeń mobilnych
mobile-push-text = Na Twoje urządzenie wysłano żądanie. Sprawdź, czy dotyczy tego logowania, a następnie wpisz w aplikacji tę liczbę i swój PIN:
mobile-number-label = Liczba do wpisania w aplikacji: { $number }
mobile-on-mobile-text = Otwórz aplikację uwierzytelniającą na tym telefonie, aby potwierdzić kodem PIN, a następnie wróć na tę stronę.
mobile-open-app = Otwórz aplikację uwierzytelniającą
mobile-waiting-approval = Oczekiwanie na zatwierdzenie… Po zatwierdzeniu ta strona przejdzie dalej automatycznie.
mobile-waiting-noscript = Po zatwierdzeniu na urządzeniu naciśnij poniższy przycisk.
mobile-approved-button = Zatwierdzono na moim urządzeniu
mobile-try-again = Spróbuj ponownie
mobile-qr-text = Zeskanuj ten kod QR aplikacją uwierzytelniającą (działa bez połączenia z siecią), wpisz w aplikacji swój PIN, a następnie wpisz tutaj wyświetlony 8-cyfrowy kod.
mobile-qr-as-text = Kod QR w postaci tekstu
mobile-code-label = Kod wyświetlony przez aplikację
mobile-error-denied = Żądanie zostało odrzucone na Twoim urządzeniu.
mobile-error-wrong-number = Liczba wpisana na urządzeniu była inna niż wyświetlona tutaj. Wysłano nowe żądanie: wpisz nową liczbę.
mobile-error-pending = Urządzenie jeszcze nie odpowiedziało. Zatwierdź na nim żądanie i spróbuj ponownie.
mobile-error-expired = Żądanie wygasło. Spróbuj ponownie.
mobile-error-device-removed = Urządzenie, które odpowiedziało, nie jest już zarejestrowane.
mobile-error-code-format = Kod ma 8 cyfr.
mobile-error-wrong-code = Ten kod jest nieprawidłowy. Zeskanuj nowy kod QR i wpisz nowy kod.
mobile-error-enrol-on-device = Urządzenie samo kończy swoją rejestrację.
mobile-notice-push-held = W ciągu ostatniej godziny na Twoich urządzeniach odrzucono zbyt wiele żądań, więc na razie żadne żądanie nie jest wysyłane. Użyj zamiast tego metody z kodem QR lub spróbuj ponownie później.
mail-device-locked-subject = Urządzenie mobilne zostało zablokowane
mail-device-unlinked-subject = Urządzenie mobilne zostało odłączone
mail-device-unlinked-text = Twoje urządzenie mobilne „{ $name }” zostało odłączone w aplikacji uwierzytelniającej („Odłącz” lub „Nie pamiętam PIN-u”). Jest zablokowane i nie może już potwierdzać logowań: usuń je w sekcji Moje konto i w razie potrzeby dodaj ponownie. Jeśli urządzenie nie zostało odłączone przez Ciebie, ktoś może mieć Twój telefon.
mail-device-locked-text = Twoje urządzenie mobilne „{ $name }” zostało zablokowane po zbyt wielu błędnych kodach PIN. Nie może już potwierdzać logowań: usuń je i dodaj ponownie w sekcji Moje konto. Jeśli te kody PIN nie zostały wpisane przez Ciebie, ktoś może mieć Twój telefon.
mobile_app-choose-text = Masz więcej niż jedno urządzenie mobilne: kliknij nazwę tego, które ma otrzymać żądanie.
mobile-error-too-many-enrolments = W ciągu ostatniej godziny zbyt często rozpoczynano dodawanie urządzeń. Spróbuj ponownie później.
mobile-open-web-app = Użyj internetowej aplikacji uwierzytelniającej
mail-sign-in-reported-subject = Na Twoim telefonie odrzucono logowanie rozpoczęte nie przez Ciebie
mail-sign-in-reported-text = Logowanie do usługi { $service } z przeglądarki { $browser } (sieć { $network }) zostało odrzucone na Twoim urządzeniu mobilnym „{ $device }” i zgłoszone jako niepochodzące od Ciebie.
mail-sign-in-reported-advice = Osoba, która je rozpoczęła, zna Twoje hasło: natychmiast wybierz nowe („Nie pamiętasz hasła?” na stronie logowania). Jeśli nie masz pewności, że Twoje urządzenia są bezpieczne, usuń je wszystkie za pomocą funkcji PANIC:
mail-sign-in-reported-advice-on-mobile = Zostało ono rozpoczęte metodą „Na urządzeniu mobilnym”, która nie wymaga hasła: ktoś, kto zna Twój adres e-mail, poprosił Twój telefon o zatwierdzenie logowania. Zatwierdzaj tylko te logowania, które właśnie samodzielnie rozpoczynasz na tym telefonie. Jeśli nie masz pewności, że Twoje urządzenia są bezpieczne, usuń je wszystkie za pomocą funkcji PANIC:
mail-sign-in-reported-action = Usuń wszystkie moje urządzenia (PANIC)
mail-sign-in-reported-if-you = Jeśli jednak było to Twoje logowanie, nie musisz nic robić.

## Hardware tokens (issue 16)
login-code-device = Urządzenie:
token-code-device = Numer seryjny tokenu:
token-code-text = Włącz token (wpisz jego PIN, jeśli o niego poprosi) i wpisz wyświetlony kod.
token-code-label = Kod z tokenu
token_cram-code-device = Numer seryjny urządzenia Digipass:
token_cram-code-challenge = Włącz urządzenie Digipass, wpisz do niego to wyzwanie, a następnie wpisz wyświetloną odpowiedź:
token_cram-code-label = Odpowiedź z urządzenia Digipass
token-choose-text = Masz więcej niż jeden token: kliknij ten, który masz przy sobie.
token_cram-choose-text = Masz więcej niż jeden token CRAM: kliknij ten, który masz przy sobie.
token-error-wrong = Ten kod jest nieprawidłowy. Sprawdź, czy to kod tego tokenu, i spróbuj ponownie.
token-error-replayed = Ten kod został już użyty. Poczekaj, aż token wyświetli nowy kod (lub włącz go ponownie), a następnie wpisz nowy kod.
token-error-locked = Ten token jest zablokowany po zbyt wielu błędnych kodach. Spróbuj ponownie później lub poproś pomoc techniczną o jego odblokowanie.
token-error-format = Wpisz tylko cyfry wyświetlane przez token.
token-error-format-response = Wpisz tylko cyfry odpowiedzi wyświetlanej przez urządzenie Digipass.
token-error-expired = Ta strona wygasła. Zacznij od nowa.
token-error-bind = Te kody nie odpowiadają tokenowi, który można dodać. Sprawdź numer seryjny na odwrocie tokenu i wpisz kody dokładnie tak, jak je wyświetla, jeden po drugim.
token-kind-hotp = Token (kod na żądanie)
token-kind-totp = Token (kod zależny od czasu)
token_cram-kind-ocra = Token CRAM (wyzwanie–odpowiedź)
tokens-kind-hotp = Token (kod na żądanie)
tokens-kind-totp = Token (kod zależny od czasu)
tokens-kind-ocra = Token CRAM (wyzwanie–odpowiedź)
account-token = Zarządzaj moimi tokenami
account-token-desc = Dodaj token sprzętowy otrzymany od organizacji, zmień jego nazwę lub go usuń.
tokens-title = Zarządzaj moimi tokenami
tokens-intro = Tokeny sprzętowe wydaje Twoja organizacja. Aby dodać token, musisz mieć go przy sobie: jego numer seryjny jest nadrukowany na odwrocie.
tokens-none = Nie masz jeszcze żadnego tokenu.
tokens-col-serial = Numer seryjny
tokens-col-added = Dodano
tokens-locked = zablokowany
tokens-name-label = Nazwa tokenu
tokens-remove = Usuń
tokens-add-heading = Dodaj token
tokens-add-token = Dodaj token
tokens-add-token-desc = token, który wyświetla kod po włączeniu lub naciśnięciu przycisku.
tokens-add-cram = Dodaj token CRAM
tokens-add-cram-desc = urządzenie Digipass, do którego wpisujesz wyzwanie, aby otrzymać odpowiedź.
tokens-by-helpdesk = Tokeny do kont takich jak Twoje przypisuje pomoc techniczna.
tokens-add-intro = Wpisz numer seryjny nadrukowany na odwrocie tokenu (wszystkie cyfry, bez łączników; stare numery seryjne zaczynają się od „T”) oraz nazwę, która pozwoli go odróżnić.
tokens-serial-label = Numer seryjny
tokens-serial-hint = Na przykład 12345678 lub T1234567.
tokens-continue = Kontynuuj
tokens-back = Powrót do moich tokenów
tokens-codes-text = Włącz token i wpisz wyświetlony kod. Następnie włącz go ponownie – w przypadku tokenu, którego kod zmienia się z czasem, poczekaj, aż wyświetli nowy kod – i wpisz ten drugi kod.
tokens-code1 = Pierwszy kod
tokens-code2 = Następny kod
tokens-cram-text = Włącz urządzenie Digipass, wpisz do niego to wyzwanie i wpisz wyświetloną odpowiedź:
tokens-add-submit = Dodaj token
tokens-added = Token został dodany do Twojego konta.
tokens-removed = Token został usunięty z Twojego konta.
tokens-renamed = Nazwa tokenu została zmieniona.
tokens-unavailable = Do Twojego konta nie można dodawać tokenów. Zwróć się do pomocy technicznej.
tokens-error-serial = Wpisz numer seryjny nadrukowany na tokenie: tylko litery i cyfry.
tokens-error-no-such-token = Nie masz takiego tokenu.
mail-token-locked-subject = Token został zablokowany
mail-token-locked-text = Twój token „{ $name }” został zablokowany po zbyt wielu błędnych kodach. Będzie znów działać od { $until }. Jeśli te kody nie zostały wpisane przez Ciebie, ktoś może próbować zalogować się jako Ty: zmień hasło.
mail-token-locked-helpdesk-text = Twój token „{ $name }” został zablokowany po zbyt wielu błędnych kodach. Pomoc techniczna może go odblokować. Jeśli te kody nie zostały wpisane przez Ciebie, ktoś może próbować zalogować się jako Ty: zmień hasło.
token-error-bind-throttled = W ciągu ostatniej godziny zbyt często próbowano dodać tokeny. Spróbuj ponownie później.
tokens-col-actions = Działania

## SMS (issue 17): the texts sent, the login page, My account's numbers
sms-text-login = { $code } to Twoj kod logowania Limen. Wygasa za { $minutes } min. Nie podawaj go nikomu: nikt z Limen nigdy o niego nie poprosi.
sms-text-login-service = { $code } to Twoj kod Limen do logowania w { $service }. Wygasa za { $minutes } min. Nie podawaj go nikomu: nikt z Limen nigdy o niego nie poprosi.
sms-text-add-number = { $code } to Twoj kod do dodania tego numeru do konta Limen. Wygasa za { $minutes } min. Nie podawaj go nikomu. Jesli to nie Twoja prosba, zignoruj te wiadomosc.
sms-text-sign = { $code } to Twoj kod Limen, by potwierdzic "{ $title }" dla { $service }. Wygasa za { $minutes } min. Nie podawaj go nikomu.
sms-code-text = Wpisz kod wysłany SMS-em (9 znaków, np. ABC-DEF-GHJ). Dostarczenie wiadomości może potrwać kilka minut.
sms-code-label = Kod z SMS-a
sms-choose-text = Masz zarejestrowanych kilka numerów telefonów komórkowych: kliknij ten, na który ma zostać wysłany kod.
sms-error-number-invalid = To nie jest numer telefonu komórkowego w formacie międzynarodowym. Zacznij od + i numeru kierunkowego kraju, np. +32 470 12 34 56.
sms-error-number-type = Ten numer nie może odbierać naszych SMS-ów: użyj numeru telefonu komórkowego (nie stacjonarnego, o podwyższonej opłacie, bezpłatnego, o współdzielonej opłacie ani internetowego).
sms-error-country = Nie można wysyłać SMS-ów na numery z tego kraju. Użyj innego numeru lub innej metody weryfikacji.
sms-error-limit = W ostatnim czasie wysłano zbyt wiele SMS-ów. Spróbuj ponownie później lub użyj innej metody weryfikacji.
sms-error-unavailable = W tej chwili nie można wysyłać SMS-ów. Użyj innej metody weryfikacji lub spróbuj ponownie jutro.
sms-error-wait = Kod został wysłany przed chwilą. Poczekaj chwilę, zanim poprosisz o kolejny: dostarczenie SMS-a może potrwać kilka minut.
sms-error-format = To nie jest kod w wysyłanej przez nas postaci: sprawdź wpisane znaki.
sms-error-expired = Ten kod wygasł. Poproś o nowy kod.
sms-error-used = Ten kod został już użyty. Poproś o nowy kod.
sms-error-exhausted = Zbyt wiele błędnych kodów: tego kodu nie można już użyć. Poproś o nowy kod.
sms-error-not-sent = Nie udało się wysłać SMS-a na ten numer. Poproś o nowy kod później lub użyj innej metody weryfikacji.
sms-error-wrong = To nie jest kod, który wysłaliśmy. Sprawdź go i spróbuj ponownie.
sms-error-no-number = Ten numer telefonu komórkowego nie jest już zarejestrowany na Twoim koncie.
sms-error-already = Ten numer jest już zarejestrowany na Twoim koncie.
login-code-not-received = Nie otrzymano kodu?
login-code-resend = Wyślij nowy kod
account-sms = Zarządzaj moimi numerami telefonów komórkowych
account-phones = Zarządzaj moimi numerami telefonów komórkowych
account-phones-desc = Dodaj numery telefonów komórkowych, na które mogą być wysyłane SMS-em kody logowania, lub je usuń.
phones-title = Zarządzaj moimi numerami telefonów komórkowych
phones-intro = Na te numery może zostać wysłany SMS-em kod, gdy logujesz się metodą „Telefon komórkowy + SMS”. SMS jest mniej bezpieczny niż aplikacja mobilna lub klucz bezpieczeństwa: jeśli możesz, użyj jednego z nich.
phones-added = Numer został dodany.
phones-removed = Numer został usunięty.
phones-none = Nie zarejestrowano żadnego numeru telefonu komórkowego.
phones-col-label = Nazwa
phones-col-number = Numer
phones-remove = Usuń
phones-add = Dodaj numer telefonu komórkowego
phones-retired = Logowanie przez SMS zostało wycofane: zarejestruj inną metodę weryfikacji (aplikację mobilną, klucz bezpieczeństwa lub klucz dostępu).
phones-unavailable = Logowanie przez SMS nie jest oferowane dla Twojego konta.
phones-add-intro = Na ten numer zostanie wysłany SMS-em kod; wpisz go na następnej stronie.
phones-number-label = Numer telefonu komórkowego
phones-number-hint = Format międzynarodowy, zaczynający się od + i numeru kierunkowego kraju, np. dla Belgii: +32 470 12 34 56.
phones-label-label = Nazwa (opcjonalnie)
phones-label-hint = Nazwa pozwalająca rozpoznać ten numer, np. „Mój telefon służbowy”.
phones-add-submit = Dodaj
phones-back = Powrót do moich numerów telefonów komórkowych
phones-confirm-title = Potwierdź numer telefonu komórkowego
phones-confirm-intro = Wpisz kod wysłany SMS-em na Twój telefon komórkowy. Dostarczenie wiadomości może potrwać kilka minut.
phones-code-label = Kod z SMS-a
phones-code-hint = 8 znaków, np. ABCD-EFGH.
phones-confirm-submit = Zakończ
phones-cancel = Anuluj
phones-error-no-such-number = Ten numer nie jest zarejestrowany na Twoim koncie.
dev-outbox-sms-title = SMS
dev-outbox-sms-empty = Nie wysłano jeszcze żadnego SMS-a.
dev-outbox-sms-text = Treść

## Transaction signing (issue 18)
sign-page-title = Podpisz transakcję
sign-fields-caption = Co masz potwierdzić
sign-retype-note = (aplikacja mobilna poprosi o wpisanie tej wartości)
sign-expires = To żądanie wygasa { $time }.
sign-intro = Sprawdź każdy wiersz powyżej. Aby podpisać, wpisz hasło, wybierz sposób potwierdzenia i kliknij Podpisz.
sign-method-label = Potwierdź za pomocą
sign-submit = Podpisz
sign-cancel = Odmów i wróć do usługi
sign-back = Powrót do strony podpisywania
sign-error-unknown = To żądanie podpisu nie istnieje. Wróć do usługi i zacznij od nowa.
sign-error-finished = To żądanie podpisu zostało już podpisane lub odrzucone.
sign-error-expired = To żądanie podpisu wygasło. Wróć do usługi i zacznij od nowa.
sign-error-other-user = To żądanie podpisu dotyczy innego konta niż to, które jest tu zalogowane. Najpierw się wyloguj albo odrzuć żądanie w usłudze.
sign-error-changed = Dane transakcji nie odpowiadają już temu, o co wnioskowano. Niczego nie podpisano.
sign-error-method = Tego żądania nie można podpisać tą metodą. Wybierz inną.
sign-error-no-method = Nie masz żadnej metody weryfikacji akceptowanej przez to żądanie. Zarejestruj ją w sekcji Moje konto (urządzenie mobilne, klucz bezpieczeństwa, token lub numer telefonu), a następnie zacznij ponownie w usłudze.
sign-error-password = Hasło jest nieprawidłowe.
sign-error-again = Ten krok wygasł lub został już wykorzystany. Wpisz ponownie hasło.
sign-error-throttled = Zbyt wiele prób. Spróbuj ponownie po { $until }.
account-signatures-title = Moje podpisy
account-signatures-link = Podpisane przeze mnie transakcje
account-signatures-intro = Transakcje, o których podpisanie w Limen poprosiły Cię usługi. Potwierdzenie to podpisany dowód, który otrzymała usługa.
account-signatures-empty = Nie poproszono Cię jeszcze o podpisanie niczego.
account-signatures-service = Usługa
account-signatures-what = Transakcja
account-signatures-when = Data
account-signatures-method = Podpisano za pomocą
account-signatures-status = Status
account-signatures-status-pending = oczekuje
account-signatures-status-signed = podpisano
account-signatures-status-cancelled = odrzucono
account-signatures-status-expired = wygasło
account-signatures-receipt = Pobierz potwierdzenie
account-signatures-report = To nie ja
account-signatures-reported = zgłoszono: to nie ja
account-signatures-report-done = Dziękujemy. Podpis został oznaczony jako niepochodzący od Ciebie i zarejestrowany; wysłaliśmy Ci wiadomość e-mail. Jeśli ktoś zna Twoje hasło, zmień je teraz i usuń swoje urządzenia, jeśli któreś mogło trafić w cudze ręce.
account-signatures-report-unknown = Nie można zgłosić tego podpisu (nie jest Twój, nie został złożony lub już go zgłoszono).
mail-signature-reported-subject = Podpis zgłoszono jako niepochodzący od Ciebie
mail-signature-reported-text = Zgłoszono z Twojego konta, że transakcja „{ $title }” podpisana dla usługi { $service } nie została podpisana przez Ciebie.
demo-sign-link = Podpisz przelew (podpisywanie transakcji)
demo-sign-title = Usługa demonstracyjna: podpisz przelew
demo-sign-intro = Usługa demonstracyjna prosi Cię o podpisanie przelewu drugim składnikiem. Limen pokazuje Ci przelew, Ty go potwierdzasz, a usługa demonstracyjna weryfikuje podpisane potwierdzenie za pomocą opublikowanych kluczy Limen.
demo-sign-transfer = Przeniesienie uprawnień do emisji
demo-sign-amount = Kwota
demo-sign-beneficiary = Rachunek beneficjenta
demo-sign-beneficiary-hint = Numer rachunku, np. EU-100-5 (EU-, trzy cyfry, -, od jednej do sześciu cyfr). Aplikacja mobilna poprosi o jego wpisanie.
demo-sign-submit = Podpisz ten przelew
demo-sign-back = Powrót do usługi demonstracyjnej
demo-sign-verified = Podpis potwierdzenia jest ważny: Limen potwierdza, że ten przelew został podpisany przez Ciebie.
demo-sign-refused = Przelew nie został podpisany (odmowa).
demo-sign-invalid = Nie udało się zweryfikować potwierdzenia. Niczego nie podpisano.
demo-sign-result-unknown = Ten wynik jest nieznany, wygasł lub został już wykorzystany.
demo-sign-method = Podpisano za pomocą
demo-sign-when = Data i godzina podpisu
demo-sign-key = Klucz Limen
demo-sign-raw = Potwierdzenie w otrzymanej postaci (JWS)
token-error-cannot-sign = Tym tokenem nie można potwierdzić transakcji: wybierz inną metodę.
sign-error-qr-too-large = Ta transakcja jest zbyt duża dla kodu QR aplikacji. Wybierz inną metodę.
sign-error-password-expired = Twoje hasło wygasło. Najpierw je zmień (zaloguj się do sekcji Moje konto), a następnie podpisz ponownie.

## Federation: eID and social network sign-in (issue 19)
account-eids = Zarządzaj moimi eID i powiązanymi kontami
account-eids-desc = Powiąż krajowy eID lub konto w mediach społecznościowych, aby się nim logować, lub usuń powiązanie.
upstream-or-sign-in-with = Lub zaloguj się za pomocą
upstream-sign-in-with = Zaloguj się za pomocą { $upstream }
upstream-failed-title = Logowanie nie zostało ukończone
upstream-unknown = Ta opcja logowania nie jest dostępna.
upstream-unreachable = Nie udało się połączyć z dostawcą tożsamości. Spróbuj ponownie później lub użyj innej metody weryfikacji.
upstream-gone = Ta próba logowania wygasła, została już wykorzystana lub rozpoczęto ją w innej przeglądarce. Zacznij od nowa na stronie logowania.
upstream-denied = Dostawca tożsamości nie zalogował Cię (być może logowanie zostało anulowane). Zacznij od nowa lub użyj innej metody weryfikacji.
upstream-refused = Nie udało się zweryfikować odpowiedzi dostawcy tożsamości, więc logowanie nie nastąpiło. Zacznij od nowa; jeśli sytuacja się powtórzy, poinformuj pomoc techniczną.
upstream-linked-elsewhere = To konto u dostawcy tożsamości jest już powiązane z innym kontem w tym serwisie. Najpierw usuń to powiązanie w sekcji Moje konto drugiego konta.
upstream-account-unusable = Konto powiązane z tą tożsamością nie może się zalogować (jest zablokowane lub jego adres nie został jeszcze potwierdzony).
upstream-linked-title = Konto zostało powiązane
upstream-linked-text = Od teraz możesz się nim logować. Powiązanie możesz usunąć w sekcji Moje konto, „Zarządzaj moimi eID i powiązanymi kontami”.
upstream-continue = Kontynuuj
upstream-choice-title = To już prawie wszystko
upstream-choice-intro = Zalogowano za pomocą { $upstream }, ale żadne konto w tym serwisie nie jest jeszcze z nim powiązane.
upstream-have-account = Mam już konto
upstream-have-account-text = Zaloguj się do swojego konta jak zwykle (z drugim składnikiem, jeśli go masz); konto zostanie wtedy powiązane i będzie można logować się na oba sposoby.
upstream-sign-in-to-link = Zaloguj się, aby powiązać
upstream-new-account = Utwórz nowe konto
upstream-new-account-text = Sprawdź imię i nazwisko oraz adres przekazane przez dostawcę tożsamości i w razie potrzeby je popraw.
upstream-email-vouched = { $upstream } potwierdził ten adres: Twoje konto jest od razu gotowe.
upstream-email-confirm = Wyślemy link na ten adres, aby potwierdzić, że należy do Ciebie; z konta będzie można korzystać po kliknięciu tego linku.
upstream-create = Utwórz moje konto
upstream-check-mailbox-title = Sprawdź swoją skrzynkę pocztową
upstream-check-mailbox = Wiadomość e-mail została wysłana na adres { $email }. Kliknij zawarty w niej link, aby aktywować konto.
upstream-check-mailbox-hint = Jeśli wiadomość nie dotrze w ciągu kilku minut, sprawdź folder ze spamem.
upstream-sign-up-closed = Nie można utworzyć konta za pomocą tego dostawcy tożsamości. Zaloguj się do istniejącego konta, aby je powiązać.
upstream-activated-title = Adres został potwierdzony
upstream-activated-text = Twoje konto { $email } jest aktywne. Zaloguj się za pomocą dostawcy tożsamości, przez którego zostało utworzone.
upstream-activation-gone = Ten link nie jest już ważny: został już użyty lub wygasł.
upstream-sign-in = Zaloguj się
upstream-links-title = Zarządzaj moimi eID i powiązanymi kontami
upstream-links-intro = Konta u innych dostawców tożsamości (krajowy eID, media społecznościowe), za pomocą których możesz się logować. Konto w mediach społecznościowych zapewnia podstawowe logowanie: usługi, które wymagają więcej, poproszą o inną metodę.
upstream-links-none = Nie powiązano żadnego konta.
upstream-links-linked = Konto zostało powiązane.
upstream-links-removed = Powiązanie zostało usunięte.
upstream-links-col-provider = Dostawca tożsamości
upstream-links-col-account = Konto
upstream-links-remove = Usuń
upstream-links-add = Powiąż konto
upstream-links-link-with = Powiąż { $upstream }
upstream-links-last-way-in = To jedyny sposób dostępu do Twojego konta: najpierw ustaw hasło („Nie pamiętasz hasła?” na stronie logowania) lub powiąż inne konto.
upstream-links-not-found = Nie ma takiego powiązania.
mail-upstream-activate-subject = Potwierdź swój adres e-mail
mail-upstream-activate-text = Utworzono dla Ciebie konto za pomocą { $upstream }.
mail-upstream-activate-action = Potwierdź mój adres
mail-upstream-tried-subject = Ktoś próbował utworzyć konto z Twoim adresem
mail-upstream-tried-text = Ktoś zalogował się za pomocą { $upstream } i próbował utworzyć konto z adresem { $email }, dla którego istnieje już konto w tym serwisie. Nic nie zostało zmienione.
mail-upstream-tried-link = Jeśli to Ty: zaloguj się jak zwykle, a następnie powiąż { $upstream } w sekcji Moje konto.
mail-upstream-tried-action = Zarządzaj moimi powiązanymi kontami
upstream-activate-title = Potwierdź swoje konto
upstream-activate-text = Aby zakończyć, zaloguj się w tej przeglądarce do konta { $email } za pomocą dostawcy tożsamości, przez którego zostało utworzone.
upstream-method-unavailable = Logowanie w ten sposób nie jest oferowane dla Twojego konta. Użyj innej metody weryfikacji.

## SAML identity provider (docs/SAML.md)
saml-error-title = Nie można przyjąć żądania logowania aplikacji
saml-error-hint = Wróć do aplikacji i zacznij od nowa. Jeśli problem będzie się powtarzał, skontaktuj się ze wsparciem aplikacji.
saml-error-refused = Aplikacja wysłała żądanie logowania, którego Limen nie może przyjąć.
saml-error-unknown-sp = Aplikacja, która Cię tu skierowała, nie jest zarejestrowana w tej usłudze logowania.
saml-error-used = To żądanie logowania zostało już wykorzystane. Wróć do aplikacji i zaloguj się z jej poziomu.
saml-error-busy = Z Twojej sieci przyszło zbyt wiele żądań logowania. Odczekaj minutę i spróbuj ponownie.
saml-error-other-browser = To żądanie logowania zostało rozpoczęte w innej przeglądarce. Zacznij od nowa w aplikacji w tej przeglądarce.
saml-logout-partial = Te aplikacje nie potwierdziły wylogowania: { $services }. Aby mieć pewność, zamknij przeglądarkę.
demo-saml-title = Aplikacja demonstracyjna (SAML)
demo-saml-intro = Ta aplikacja demonstracyjna loguje Cię przez SAML 2.0, tak jak robi to wiele aplikacji biznesowych: wysyła żądanie uwierzytelnienia do Limen i otrzymuje podpisaną asercję w swojej usłudze odbioru asercji (assertion consumer service). Następnie pokazuje NameID i otrzymane atrybuty, sprawdzone za pomocą kluczy, które Limen publikuje w swoich metadanych.
demo-saml-sign-in = Zaloguj się przez SAML
demo-saml-variant = Wypróbuj wariant SAML
demo-saml-done = Zalogowano. Oto, co otrzymała aplikacja.
demo-saml-verified = Podpis asercji został zweryfikowany ({ $alg }) za pomocą kluczy z metadanych SAML Limen.
demo-saml-attributes = Atrybuty
