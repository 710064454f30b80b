## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Przejdź do treści głównej
a11y-nav-account = Twoje konto
a11y-footer-statement = Deklaracja dostępności
a11y-field-required = (wymagane)
a11y-new-window = (otwiera się w nowym oknie)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Deklaracja dostępności
a11y-intro = Operator serwisu { $site } zobowiązuje się zapewnić jego dostępność zgodnie z dyrektywą Parlamentu Europejskiego i Rady (UE) 2016/2102 w sprawie dostępności stron internetowych i mobilnych aplikacji organów sektora publicznego.
a11y-scope = Niniejsza deklaracja dostępności dotyczy serwisu { $site }: stron logowania, stron rejestracji i stron dotyczących hasła, strony „Moje konto”, stron aplikacji mobilnej i konsoli administracyjnej, we wszystkich 24 językach urzędowych Unii Europejskiej.
a11y-status-title = Status pod względem zgodności
a11y-status-text = Ta strona internetowa jest częściowo zgodna z Wytycznymi dotyczącymi dostępności treści internetowych (WCAG) 2.1 na poziomie AA oraz ze zharmonizowaną normą europejską EN 301 549 v3.2.1 z powodu niezgodności wymienionych poniżej.
a11y-gaps-title = Treści niedostępne
a11y-gaps-intro = Wymienione poniżej treści są niedostępne z następujących powodów.
a11y-gaps-noncompliance = Niezgodność z wymaganiami dostępności
a11y-gap-captcha = Test obrazkowy (CAPTCHA) w formularzach rejestracji i „Nie pamiętam hasła” ma alternatywę, która nie wymaga ani wzroku, ani słuchu – przeglądarka rozwiązuje zagadkę obliczeniową – ale ta alternatywa wymaga JavaScriptu. Bez JavaScriptu osoba, która nie widzi obrazka, nie może wysłać tych formularzy i musi zwrócić się do pomocy technicznej (WCAG 1.1.1).
a11y-gap-manual = Strony nie zostały jeszcze przetestowane przez osoby korzystające z czytników ekranu, programów powiększających lub sterowania głosem; opisane poniżej automatyczne kontrole wykrywają tylko część problemów, które wykryłby taki test.
a11y-gap-mail = Wiadomości e-mail wysyłane przez usługę nie są sprawdzane przez testy automatyczne.
a11y-outside-title = Treści nieobjęte niniejszą deklaracją
a11y-outside-third-party = Strony innych dostawców tożsamości, za pomocą których możesz się zalogować (systemy eID, serwisy społecznościowe), oraz strony usług, do których się logujesz: nie są one tworzone ani kontrolowane przez operatora tej usługi.
a11y-outside-browser = Okna dialogowe, które Twoja przeglądarka i Twój system operacyjny wyświetlają dla kluczy bezpieczeństwa i kluczy dostępu.
a11y-prepared-title = Sporządzenie niniejszej deklaracji dostępności
a11y-prepared-date = Niniejszą deklarację sporządzono dnia { $date }.
a11y-prepared-method = Deklaracja opiera się na samoocenie przeprowadzonej przez twórców Limen – oprogramowania, na którym działa ta usługa. Przy każdej zmianie zestaw testów wykonuje opisane poniżej kontrole: axe-core { $axe } w przeglądarce Chromium na każdej stronie i w każdym stanie strony, do którego może dotrzeć użytkownik (łącznie z każdym komunikatem o błędzie), w języku angielskim, francuskim, niemieckim, greckim i maltańskim; kontrole struktury stron; przejście głównych ścieżek wyłącznie za pomocą klawiatury; wyświetlanie stron przy szerokości 320 pikseli i przy powiększeniu 200 %.
a11y-prepared-review = Deklaracja jest weryfikowana za każdym razem, gdy zmienia się zakres kontroli wykonywanych przez oprogramowanie.
a11y-checks-title = Co sprawdzają testy
a11y-checks-intro = Każdy wiersz podaje kryterium sukcesu WCAG 2.1, sposób, w jaki zestaw testów je sprawdza, oraz test, który to robi.
a11y-checks-caption = Kryteria sukcesu WCAG 2.1 sprawdzane przez zestaw testów
a11y-col-criterion = Kryterium sukcesu
a11y-col-level = Poziom
a11y-col-how = Sposób sprawdzenia
a11y-col-test = Test
a11y-checks-not-listed = Kryteria, których tu nie wymieniono, nie są sprawdzane automatycznie.
a11y-feedback-title = Informacje zwrotne i dane kontaktowe
a11y-feedback-text = Jeśli zauważysz problem z dostępnością tej usługi lub potrzebujesz części jej treści w dostępnym formacie, poinformuj o tym jej operatora:
a11y-enforcement-title = Procedura egzekwowania przepisów
a11y-enforcement-text = Jeśli odpowiedź na Twoje zgłoszenie lub żądanie Cię nie satysfakcjonuje, możesz zwrócić się do organu, który egzekwuje przestrzeganie przepisów o dostępności przez operatora tej usługi:
a11y-enforcement-eu = w przypadku instytucji, organu lub jednostki organizacyjnej Unii Europejskiej:
a11y-enforcement-ombudsman = Europejski Rzecznik Praw Obywatelskich
a11y-enforcement-national = w przypadku organu sektora publicznego państwa członkowskiego – organ wyznaczony przez to państwo na podstawie dyrektywy (UE) 2016/2102:
a11y-enforcement-bodies = organy egzekwujące przepisy według wykazu Komisji Europejskiej

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core nie wykrywa żadnych poważnych ani krytycznych naruszeń swoich reguł dla tego kryterium w żadnym stanie żadnej strony, w pięciu językach.
a11y-how-axe-contrast = axe-core mierzy kontrast każdego tekstu względem jego tła: co najmniej 4,5:1, a dla dużego tekstu 3:1.
a11y-how-captcha = Test obrazkowy zostaje zaliczony bez obrazka: przeglądarka rozwiązuje zagadkę obliczeniową, po czym konto zostaje utworzone.
a11y-how-landmarks = Każda strona ma nagłówek, nazwaną nawigację, jeden obszar główny i stopkę.
a11y-how-fields = Każde widoczne pole ma powiązaną z nim etykietę; pola wymagane są oznaczone słowami, a nie tylko kolorem.
a11y-how-app = axe-core nie wykrywa żadnych poważnych ani krytycznych naruszeń na żadnym ekranie internetowej aplikacji uwierzytelniającej, ani w trybie jasnym, ani w ciemnym.
a11y-how-autocomplete = Pola na Twój własny adres e-mail, imię i nazwisko, hasła, numer telefonu i kody jednorazowe mają określony cel autouzupełniania.
a11y-how-skip-link = Na każdej stronie pierwszym elementem, do którego dociera klawiatura, jest link prowadzący bezpośrednio do treści głównej.
a11y-how-title = Każda strona ma własny tytuł: nazwę strony, a po niej nazwę usługi.
a11y-how-headings = Każda strona ma dokładnie jeden nagłówek najwyższego poziomu, który ją nazywa.
a11y-how-lang = Każda strona deklaruje język, w którym jest wyświetlana.
a11y-how-selector = Lista języków podaje nazwę każdego języka w tym właśnie języku, oznacza tekst tej nazwy tym językiem i wskazuje bieżący język.
a11y-how-consistent = Lista języków, link do niniejszej deklaracji i menu konta znajdują się w tym samym miejscu na każdej stronie.
a11y-how-errors = Komunikat o błędzie jest powiązany z polem, którego dotyczy, a pole to jest oznaczone jako nieprawidłowe; formularz z kilkoma błędami wymienia je na górze, każdy z linkiem do swojego pola.
a11y-how-announced = Komunikaty o błędach są ogłaszane przez czytniki ekranu, gdy tylko strona je wyświetli (alerty), i mogą otrzymać fokus.
a11y-how-colour = Oprócz słów komunikat o błędzie zawiera na początku znak graficzny, pole z błędem ma grubszą ramkę, a linki w tekście są podkreślone: żadna informacja nie jest przekazywana wyłącznie kolorem.
a11y-how-zoom = Przy powiększeniu 200 % (okno o szerokości 1280 pikseli) żadna strona nie przewija się w poziomie i żaden tekst nie wychodzi poza ekran, w języku angielskim, niemieckim, fińskim i greckim.
a11y-how-reflow = Przy szerokości 320 pikseli CSS żadna strona nie przewija się w poziomie i żaden tekst nie wychodzi poza ekran; szeroka tabela przewija się we własnym polu, do którego dociera klawiatura.
a11y-how-reflow-names = Strona „Moje konto” mieści się w szerokości ekranu przy bardzo długich nazwach osób i ich urządzeń oraz przy nazwach zapisanych po arabsku i po grecku.
a11y-how-focus-contrast = Wskaźnik fokusu każdego elementu, do którego dociera klawiatura, ma kontrast co najmniej 3:1 względem tego, co znajduje się za nim.
a11y-how-spacing = Po zastosowaniu odstępów w tekście określonych w kryterium przy szerokości 320 pikseli żaden tekst nie zostaje ucięty.
a11y-how-keyboard = Ścieżkę można przejść wyłącznie za pomocą klawiatury: rejestrację, logowanie z użyciem każdego rodzaju urządzenia, „Moje konto”, PANIC.
a11y-how-trap = Przechodzenie klawiszem Tab przez każdą główną stronę prowadzi z powrotem do punktu wyjścia: fokus nigdy nie zostaje uwięziony.
a11y-how-focus-order = Od początku strony klawiatura dociera najpierw do linku pomijającego, a następnie do reszty strony w kolejności czytania.
a11y-how-focus-visible = Każdy element, do którego dociera klawiatura, wyświetla obramowanie fokusu o szerokości co najmniej 2 pikseli.

## WCAG 2.1 success criteria, named as the Polish translation of WCAG 2.1 used by Polish public bodies names them
wcag-1-1-1 = Treść nietekstowa
wcag-1-3-1 = Informacje i relacje
wcag-1-3-5 = Określenie pożądanej wartości
wcag-1-4-1 = Użycie koloru
wcag-1-4-3 = Kontrast (minimum)
wcag-1-4-4 = Zmiana rozmiaru tekstu
wcag-1-4-10 = Dopasowanie do ekranu
wcag-1-4-11 = Kontrast elementów nietekstowych
wcag-1-4-12 = Odstępy w tekście
wcag-2-1-1 = Klawiatura
wcag-2-1-2 = Bez pułapki na klawiaturę
wcag-2-4-1 = Możliwość pominięcia bloków
wcag-2-4-2 = Tytuły stron
wcag-2-4-3 = Kolejność fokusu
wcag-2-4-4 = Cel łącza (w kontekście)
wcag-2-4-6 = Nagłówki i etykiety
wcag-2-4-7 = Widoczny fokus
wcag-3-1-1 = Język strony
wcag-3-1-2 = Język części
wcag-3-2-3 = Spójna nawigacja
wcag-3-3-1 = Identyfikacja błędu
wcag-3-3-2 = Etykiety lub instrukcje
wcag-4-1-2 = Nazwa, rola, wartość
wcag-4-1-3 = Komunikaty o stanie
