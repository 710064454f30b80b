app-tagline = Jedno konto, mnoho služieb
language-label = Jazyk
nav-my-account = Moje konto
nav-logout = Odhlásiť sa
nav-signed-in-as = Prihlásený používateľ: { $name }

login-title = Ak chcete pokračovať, prihláste sa
login-email-label = Použite svoju e-mailovú adresu
login-next = Ďalej
login-welcome = Vitajte
login-external = (externý používateľ)
login-switch-account = Prihlásiť sa inou e-mailovou adresou?
login-password-label = Heslo
login-lost-password = Zabudnuté heslo?
login-method-label = Spôsob overenia
login-submit = Prihlásiť sa
requested-by = Vyžaduje služba { $service }
method-PASSWORD = Heslo
method-PASSWORD-desc = Overte sa iba heslom.

error-email-empty = Zadajte svoju e-mailovú adresu.
error-email-invalid = Toto nie je platná e-mailová adresa. Skontrolujte ju a skúste to znova.
error-email-character = Táto adresa obsahuje neviditeľný alebo nezvyčajný znak ({ $codepoint }), napríklad značku smeru textu alebo medzeru s nulovou šírkou, ktorý sa často dostane do textu pri kopírovaní a vkladaní. Zadajte adresu znova.
error-password-empty = Zadajte svoje heslo.
error-credentials = E-mailová adresa alebo heslo nie sú správne.
error-method-unavailable = Tento spôsob overenia tu nie je k dispozícii. Zvoľte iný.
error-throttled = { $minutes ->
    [one] Príliš veľa neúspešných pokusov. Skúste to znova o minútu (o { $time } UTC).
    [few] Príliš veľa neúspešných pokusov. Skúste to znova o { $minutes } minúty (o { $time } UTC).
    [many] Príliš veľa neúspešných pokusov. Skúste to znova o { $minutes } minúty (o { $time } UTC).
   *[other] Príliš veľa neúspešných pokusov. Skúste to znova o { $minutes } minút (o { $time } UTC).
}
error-account-locked = Toto konto je zablokované. Obráťte sa na technickú podporu, aby vám ho odblokovala.
error-csrf = Platnosť tohto formulára vypršala alebo bol formulár odoslaný z inej stránky. Skúste to znova.
error-no-method = Pre vaše konto nie je k dispozícii žiadny zo spôsobov overenia, ktoré služba { $service } prijíma.
error-insufficient-assurance = Služba { $service } vyžaduje konto s vyššou úrovňou zabezpečenia identity, než má vaše konto.
error-bad-request = Požiadavka nie je platná.
error-internal = Vyskytla sa interná chyba. Skúste to znova neskôr.
error-not-found = Táto stránka neexistuje.
error-page-title = Niečo sa pokazilo
unavailable-title = Dočasne nedostupné
unavailable-text = Služba teraz nemôže odpovedať. Skúste to znova o niekoľko sekúnd.
busy-title = Príliš veľa súčasných prihlásení
busy-text = Služba je veľmi vyťažená. Skúste to znova o niekoľko sekúnd.
back-to-login = Späť na prihlasovaciu stránku

unknown-service-title = Neznáma služba
unknown-service-text = Aplikácia, ktorá vás sem poslala, nie je zaregistrovaná v tejto prihlasovacej službe, a preto vás do nej nemožno vrátiť. Chráni vás to pred stránkami, ktoré sa vydávajú za službu, ktorej dôverujete.
unknown-service-hint = Ak ste prišli cez odkaz zo známej služby, oznámte jej technickej podpore, že jej adresa nie je zaregistrovaná.
login-request-gone-title = Neplatný prihlasovací odkaz
login-request-gone-text = Tento prihlasovací odkaz je neznámy, jeho platnosť vypršala alebo už bol použitý, takže sa ním nedá prihlásiť.
login-request-gone-hint = Vráťte sa do aplikácie a začnite prihlásenie znova odtiaľ.

login-success-title = Overenie bolo úspešné
login-success-text = Prihlásenie bolo úspešné.
login-success-hint = Ak chcete ukončiť automatické prihlasovanie, kliknite na Odhlásiť sa alebo zatvorte všetky okná webového prehliadača.
continue-title = Pokračovať do služby
continue-text = Prehliadač nepokračoval automaticky. Stlačením tlačidla prejdete do služby { $service }.
continue-button = Pokračovať

logout-title = Odhlásenie
logout-text = Odhlásenie bolo úspešné.
logout-services = { $count ->
    [0] V tejto relácii nebola otvorená žiadna služba.
    [one] Služba, ktorú ste používali, bola o odhlásení informovaná.
    [few] { $count } služby, ktoré ste používali, boli o odhlásení informované.
    [many] { $count } služby, ktoré ste používali, boli o odhlásení informované.
   *[other] { $count } služieb, ktoré ste používali, bolo o odhlásení informovaných.
}
logout-close-browser = Z bezpečnostných dôvodov po skončení práce zatvorte prehliadač.

lost-password-title = Zabudnuté heslo

account-title = Moje konto
account-sessions = Zobraziť moje relácie
account-sessions-desc = Môžete si pozrieť svoje otvorené relácie a ukončiť ich.
account-groups = Vaše skupiny
account-groups-intro = Niektoré služby dostávajú informáciu o tom, do ktorých z týchto skupín patríte. Skupiny spravuje technická podpora.
account-groups-none = Nepatríte do žiadnej skupiny.

sessions-title = Moje relácie
sessions-intro = Toto sú prehliadače, v ktorých je vaše konto prihlásené. Ukončite každú reláciu, ktorú nepoznáte.
sessions-current = Tento prehliadač
sessions-started = Prihlásenie
sessions-last-seen = Posledná aktivita
sessions-address = Adresa
sessions-browser = Prehliadač
sessions-methods = Overené pomocou
sessions-services = Služby
sessions-no-services = zatiaľ žiadne
sessions-end = Ukončiť túto reláciu
sessions-ended = Relácia bola ukončená.

demo-title = Ukážková služba
demo-intro = Táto stránka je služba chránená týmto prihlasovacím serverom, ako by ňou bola ktorákoľvek aplikácia vašej organizácie. Dostala tiket CAS, overila ho a získala atribúty uvedené nižšie.
demo-user = Používateľské meno
demo-attributes = Prijaté atribúty
demo-attribute = Atribút
demo-value = Hodnota
demo-logout = Odhlásiť sa (jednotné odhlásenie)
demo-signed-out = Do ukážkovej služby nie ste prihlásení.
demo-sign-in = Prihlásiť sa do ukážkovej služby
demo-ticket-invalid = Tiket sa nepodarilo overiť: { $reason }

login-create-account = Vytvoriť konto
back = Späť
proceed = Pokračovať ďalej
cancel = Zrušiť
form-has-errors = Opravte, prosím, nasledujúce:
field-first-name = Meno
field-last-name = Priezvisko
field-optional = (nepovinné)
field-email = E-mail
field-email-confirm = Potvrdenie e-mailu
field-email-language = Jazyk e-mailov
field-email-language-help = Jazyk e-mailov, ktoré vám posielame, bez ohľadu na jazyk týchto stránok. E-maily posielame iba na overenie vašej totožnosti alebo na informovanie o bezpečnostných udalostiach vo vašom konte.
field-ui-language = Jazyk týchto stránok
field-ui-language-browser = Podľa nastavenia prehliadača
field-current-password = Súčasné heslo
field-new-password = Nové heslo
field-confirm-password = Potvrdenie nového hesla
field-new-email = Nová e-mailová adresa

register-title = Vytvoriť konto
register-staff-note = Zamestnanci organizácií, ktoré používajú túto službu, už konto majú: prihláste sa namiesto toho svojou pracovnou e-mailovou adresou.
register-privacy-link = Vyhlásenie o ochrane osobných údajov
register-privacy-accept = Potvrdzujem prečítanie vyhlásenia o ochrane osobných údajov a súhlasím s ním.
register-submit = Vytvoriť konto
register-have-account = Už máte konto? Prihláste sa
register-closed = Na tomto serveri nemožno vytvoriť konto. Obráťte sa na technickú podporu.
register-sent-title = Skontrolujte svoju e-mailovú schránku
register-sent-text = Na adresu { $email } bol odoslaný e-mail. Pomocou odkazu v ňom si vytvorte heslo.
register-sent-validity = Odkaz platí { $validity }.
register-sent-spam = Ak e-mail nepríde do niekoľkých minút, pozrite sa do priečinka s nevyžiadanou poštou.

captcha-legend = Preukážte, že ste človek
captcha-image-alt = Obrázok s písmenami a číslicami, ktoré treba prepísať do poľa nižšie. Ak ho nemôžete prečítať, použite namiesto toho overenie pod poľom.
captcha-new = Nový kód
captcha-label = Zadajte kód zobrazený na obrázku
captcha-pow-intro = Nemôžete obrázok prečítať? Nechajte overenie na prehliadač: trvá niekoľko sekúnd a nevyžaduje čítanie ani počúvanie.
captcha-pow-button = Overiť namiesto toho prehliadačom
captcha-pow-working = Overuje sa…
captcha-pow-done = Hotovo: kód nemusíte prepisovať.
captcha-pow-nojs = Toto overenie vyžaduje JavaScript; prepíšte namiesto toho kód z obrázka.

error-name-too-long = Toto meno je príliš dlhé (najviac 100 znakov).
error-name-characters = Toto meno obsahuje nepovolené znaky: používajte písmená ľubovoľnej abecedy, medzery, spojovníky, apostrofy a bodky.
error-first-name-required = Zadajte svoje meno.
error-last-name-required = Zadajte svoje priezvisko.
error-email-confirm-empty = Zadajte svoju e-mailovú adresu ešte raz.
error-email-mismatch = E-mailové adresy sa nezhodujú.
error-email-same = Toto už je vaša e-mailová adresa.
error-email-taken = Adresu { $email } už používa iné konto.
error-captcha = Kód nie je správny. Prepíšte kód z nového obrázka alebo použite overenie prehliadačom.
error-captcha-expired = Platnosť kódu vypršala. Prepíšte kód z nového obrázka alebo použite overenie prehliadačom.
error-captcha-used = Tento kód už bol použitý. Prepíšte kód z nového obrázka alebo použite overenie prehliadačom.
error-captcha-invalid = Kód sa nepodarilo overiť (stránka mohla byť zmenená). Prepíšte kód z nového obrázka alebo použite overenie prehliadačom.
error-privacy = Ak chcete vytvoriť konto, prijmite vyhlásenie o ochrane osobných údajov.
error-too-many-requests = Príliš veľa požiadaviek pre túto adresu alebo z vašej siete. Skúste to znova o hodinu.
error-new-password-empty = Zvoľte nové heslo.
error-confirm-password-empty = Zadajte nové heslo ešte raz.
error-password-mismatch = Heslá sa nezhodujú.
error-password-wrong = Heslo nie je správne.
error-too-many-attempts = Príliš veľa neúspešných pokusov. Chvíľu počkajte a skúste to znova.

password-policy-intro = Heslo musí obsahovať aspoň 10 znakov a kombináciu:
password-policy-upper = veľkých písmen,
password-policy-lower = malých písmen,
password-policy-digits = číslic,
password-policy-special = špeciálnych znakov.
password-policy-advice = Zvoľte čo najdlhšie a najzložitejšie heslo, aby bolo vaše konto bezpečnejšie, no nezabudnite, že si ho budete musieť pamätať.
password-problem-too-short = Má menej ako 10 znakov.
password-problem-too-long = Je príliš dlhé.
password-problem-no-upper = Neobsahuje veľké písmeno.
password-problem-no-lower = Neobsahuje malé písmeno.
password-problem-no-digit = Neobsahuje číslicu.
password-problem-no-special = Neobsahuje špeciálny znak.
password-problem-common = Je príliš bežné: útočník by ho skúsil medzi prvými.
password-problem-personal-data = Obsahuje vašu e-mailovú adresu alebo vaše meno.
password-problem-control-characters = Obsahuje neviditeľné riadiace znaky.
password-strength = Sila: { $label }
password-strength-0 = veľmi slabé
password-strength-1 = slabé
password-strength-2 = priemerné
password-strength-3 = dobré
password-strength-4 = silné
zx-w-StraightRowsOfKeysAreEasyToGuess = Súvislé rady klávesov sa dajú ľahko uhádnuť.
zx-w-ShortKeyboardPatternsAreEasyToGuess = Krátke vzory na klávesnici sa dajú ľahko uhádnuť.
zx-w-RepeatsLikeAaaAreEasyToGuess = Opakovania ako „aaa“ sa dajú ľahko uhádnuť.
zx-w-RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess = Opakovania ako „abcabcabc“ sa dajú uhádnuť len o niečo ťažšie ako „abc“.
zx-w-ThisIsATop10Password = Toto je jedno z 10 najbežnejších hesiel.
zx-w-ThisIsATop100Password = Toto je jedno zo 100 najbežnejších hesiel.
zx-w-ThisIsACommonPassword = Toto je veľmi bežné heslo.
zx-w-ThisIsSimilarToACommonlyUsedPassword = Toto heslo sa podobá na často používané heslo.
zx-w-SequencesLikeAbcAreEasyToGuess = Postupnosti ako abc alebo 6543 sa dajú ľahko uhádnuť.
zx-w-RecentYearsAreEasyToGuess = Nedávne roky sa dajú ľahko uhádnuť.
zx-w-AWordByItselfIsEasyToGuess = Samotné slovo sa dá ľahko uhádnuť.
zx-w-DatesAreOftenEasyToGuess = Dátumy sa často dajú ľahko uhádnuť.
zx-w-NamesAndSurnamesByThemselvesAreEasyToGuess = Samotné mená a priezviská sa dajú ľahko uhádnuť.
zx-w-CommonNamesAndSurnamesAreEasyToGuess = Bežné mená a priezviská sa dajú ľahko uhádnuť.
zx-s-UseAFewWordsAvoidCommonPhrases = Použite niekoľko slov, vyhnite sa bežným frázam.
zx-s-NoNeedForSymbolsDigitsOrUppercaseLetters = Dĺžka je dôležitejšia než symboly, číslice či veľké písmená.
zx-s-AddAnotherWordOrTwo = Pridajte ešte jedno alebo dve slová. Nezvyčajné slová sú lepšie.
zx-s-CapitalizationDoesntHelpVeryMuch = Veľké písmená veľmi nepomáhajú.
zx-s-AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase = Heslo zo samých veľkých písmen sa dá uhádnuť takmer rovnako ľahko ako zo samých malých.
zx-s-ReversedWordsArentMuchHarderToGuess = Slová napísané odzadu nie je o veľa ťažšie uhádnuť.
zx-s-PredictableSubstitutionsDontHelpVeryMuch = Predvídateľné zámeny ako „@“ namiesto „a“ veľmi nepomáhajú.
zx-s-UseALongerKeyboardPatternWithMoreTurns = Použite dlhší vzor na klávesnici s viacerými zmenami smeru.
zx-s-AvoidRepeatedWordsAndCharacters = Vyhnite sa opakovaným slovám a znakom.
zx-s-AvoidSequences = Vyhnite sa postupnostiam.
zx-s-AvoidRecentYears = Vyhnite sa nedávnym rokom.
zx-s-AvoidYearsThatAreAssociatedWithYou = Vyhnite sa rokom, ktoré s vami súvisia.
zx-s-AvoidDatesAndYearsThatAreAssociatedWithYou = Vyhnite sa dátumom a rokom, ktoré s vami súvisia.

password-new-title = Vytvorte si heslo
password-new-intro = Zvoľte heslo a zadajte ho dvakrát, aby ste mali istotu, že v ňom nie je preklep.
password-reset-title = Zvoľte nové heslo
password-reset-intro = Zvoľte nové heslo a zadajte ho dvakrát. Po jeho uložení sa ukončia všetky relácie vášho konta.
password-expired-title = Platnosť vášho hesla vypršala
password-expired-intro = Vaše heslo je príliš staré. Ak chcete pokračovať, zvoľte nové a zadajte ho dvakrát.
password-submit = Odoslať
password-change-title = Zmeniť heslo
password-change-submit = Zmeniť heslo
password-done-title = Vaše heslo bolo uložené
password-done-text = Teraz ste prihlásení.
password-done-proceed = Kliknite na „Pokračovať ďalej“ a prejdite do služby { $service }.
password-changed-title = Heslo bolo zmenené
password-changed-text = Vaše heslo bolo zmenené. Potvrdenie vám príde e-mailom.
password-changed-sessions = { $count ->
    [one] Vaša ďalšia relácia bola ukončená.
    [few] Vaše { $count } ďalšie relácie boli ukončené.
    [many] Vaše ďalšie relácie ({ $count }) boli ukončené.
   *[other] Vašich { $count } ďalších relácií bolo ukončených.
}

link-invalid-title = Tento odkaz nemožno použiť
link-invalid-text = Tento odkaz nie je platný. Skontrolujte, či ste z e-mailu skopírovali celú adresu, alebo si vyžiadajte nový odkaz.
link-used-text = Tento odkaz už bol použitý. Každý odkaz funguje iba raz; v prípade potreby si vyžiadajte nový.
link-expired-login = Platnosť tejto stránky vypršala. Prihláste sa znova a zvoľte si nové heslo.
link-email-expired = Platnosť tohto odkazu vypršala. Požiadajte o zmenu e-mailovej adresy znova v časti Moje konto.
link-expired-title = Platnosť tohto odkazu vypršala
link-expired-text = Odkaz, ktorý ste použili, je príliš starý. Zadajte znova svoju e-mailovú adresu a dostanete nový.
link-expired-submit = Poslať nový odkaz

lost-password-intro = Zadajte e-mailovú adresu svojho konta. Pošleme vám odkaz, pomocou ktorého si zvolíte nové heslo.
lost-password-submit = Poslať odkaz
lost-password-sent-title = Skontrolujte svoju e-mailovú schránku
lost-password-sent = Ak pre adresu { $email } existuje konto, bol na ňu odoslaný e-mail s odkazom na zvolenie nového hesla.
lost-password-sent-validity = Odkaz platí { $validity }.

account-details = Moje osobné údaje
account-details-desc = Zmeňte svoje meno, jazyky, ktoré používame, alebo svoju e-mailovú adresu.
account-password = Zmeniť heslo
account-password-desc = Zvoľte nové heslo; vaše ostatné relácie sa ukončia.
account-delete = Vymazať moje konto
account-delete-desc = Odstráňte svoje konto a svoje osobné údaje.
details-title = Moje osobné údaje
details-uid = Používateľské meno
details-save = Uložiť
details-saved = Zmeny boli uložené.
details-email-title = Zmeniť e-mailovú adresu
details-email-text = Na novú adresu pošleme odkaz. Adresa sa zmení, keď ho otvoríte, a vaša súčasná adresa o tom dostane správu.
details-email-submit = Poslať potvrdzovací odkaz
details-email-sent = Na novú adresu bol odoslaný potvrdzovací odkaz. Adresa sa zmení, keď ho otvoríte.
email-confirm-title = Potvrďte novú e-mailovú adresu
email-confirm-text = E-mailová adresa vášho konta sa zmení z { $old } na { $new }. Prihlasovať sa budete novou adresou.
email-confirm-submit = Potvrdiť novú adresu
email-changed-title = E-mailová adresa bola zmenená
email-changed-text = Vaša e-mailová adresa je teraz { $email }. Používajte ju na prihlásenie.

delete-title = Vymazať moje konto
delete-text = Vaše konto a vaše osobné údaje budú odstránené. Už sa ním nebudete môcť prihlásiť do žiadnej služby. Túto akciu nemožno vrátiť späť.
delete-sessions = Všetky relácie vášho konta sa teraz ukončia.
delete-password = Na potvrdenie zadajte svoje heslo.
delete-submit = Vymazať moje konto
deleted-title = Konto bolo vymazané
deleted-text = Vaše konto bolo vymazané a vaše osobné údaje odstránené.
deleted-mail = Vymazanie vám potvrdí e-mail.

privacy-title = Vyhlásenie o ochrane osobných údajov
privacy-1 = Táto prihlasovacia služba uchováva údaje potrebné na vašu identifikáciu: vaše meno a priezvisko, e-mailovú adresu, zvolené jazyky a odtlačok (hash) vášho hesla (nikdy nie samotné heslo).
privacy-2 = Zaznamenáva bezpečnostné udalosti (prihlásenia, zmeny hesla a adresy) s časom a sieťovou adresou, aby chránila vaše konto a umožnila vyšetriť zneužitie.
privacy-3 = Službám, do ktorých sa prihlasujete, poskytuje iba tie atribúty, na ktorých prijímanie je každá z nich zaregistrovaná.
privacy-4 = E-maily sa posielajú iba na overenie vašej totožnosti alebo na informovanie o bezpečnostných udalostiach vo vašom konte.
privacy-5 = Svoje údaje si môžete pozrieť a zmeniť v časti Moje konto a tam tiež svoje konto kedykoľvek vymazať.

dev-outbox-title = Vývojová pošta na odoslanie
dev-outbox-warning = Vývojový režim: táto stránka zobrazuje každý e-mail, ktorý server odoslal. Nikdy nesmie byť zapnutý na serveri, ku ktorému majú prístup skutoční používatelia.
dev-outbox-transport = Doručovanie pošty: { $transport }
dev-outbox-empty = Zatiaľ nebol odoslaný žiadny e-mail.
dev-outbox-when = Zaradené do frontu
dev-outbox-to = Komu
dev-outbox-subject = Predmet
dev-outbox-status = Stav
dev-outbox-sent = doručené
dev-outbox-failed = chyba: { $error }
dev-outbox-queued = { $attempts ->
    [0] čaká
    [one] čaká, jeden neúspešný pokus
    [few] čaká, { $attempts } neúspešné pokusy
    [many] čaká, { $attempts } neúspešného pokusu
   *[other] čaká, { $attempts } neúspešných pokusov
}
dev-outbox-links = Odkazy
dev-outbox-raw = Správa v odoslanej podobe

duration-hours = { $n ->
    [one] hodinu
    [few] { $n } hodiny
    [many] { $n } hodiny
   *[other] { $n } hodín
}
duration-minutes = { $n ->
    [one] minútu
    [few] { $n } minúty
    [many] { $n } minúty
   *[other] { $n } minút
}

mail-greeting = Dobrý deň, { $name },
mail-signature = Poslané službou Limen
mail-link-fallback = Ak odkaz vyššie nefunguje, skopírujte nasledujúcu adresu (uistite sa, že kopírujete celú adresu!) a vložte ju do panela s adresou v prehliadači:
mail-help = Ak máte problém, neodpovedajte, prosím, na túto správu, ale použite pomoc alebo kontaktné údaje na stránke, na ktorej prebiehala registrácia.
mail-register-subject = Vytvorte si heslo
mail-register-registered = V systéme Limen vám bolo zaregistrované konto.
mail-register-address = Vaša e-mailová adresa je { $email }.
mail-register-follow = Heslo si vytvoríte pomocou tohto odkazu:
mail-register-action = Vytvoriť heslo
mail-register-validity = Na použitie tohto odkazu máte najviac { $validity } od odoslania tejto správy, odporúčame vám však použiť ho hneď. Po uplynutí tohto času môžete podať novú žiadosť pomocou toho istého odkazu: budete potom musieť znova zadať svoju e-mailovú adresu a žiadosť potvrdiť.
mail-reset-subject = Zvoľte nové heslo
mail-reset-requested = Niekto, pravdepodobne vy, požiadal o zvolenie nového hesla ku kontu { $email }.
mail-reset-follow = Nové heslo si zvolíte pomocou tohto odkazu:
mail-reset-action = Zvoliť nové heslo
mail-reset-validity = Odkaz funguje raz, a to { $validity } od odoslania tejto správy. Potom oň požiadajte znova cez „Zabudnuté heslo?“.
mail-reset-not-you = Ak ste o to nežiadali, túto správu ignorujte: vaše heslo zostane bez zmeny.
mail-existing-subject = Konto už máte
mail-existing-text = Niekto, pravdepodobne vy, sa pokúsil vytvoriť konto pre adresu { $email }. K tejto adrese už konto existuje, takže nové nebolo vytvorené.
mail-existing-lost = Ak si nepamätáte heslo, zvoľte nové:
mail-existing-action = Zabudnuté heslo?
mail-existing-not-you = Ak ste sa nepokúšali vytvoriť konto, túto správu ignorujte.
mail-email-confirm-subject = Potvrďte novú e-mailovú adresu
mail-email-confirm-text = Ak chcete používať { $email } ako e-mailovú adresu svojho konta, otvorte odkaz nižšie.
mail-email-confirm-action = Potvrdiť túto adresu
mail-email-confirm-not-you = Ak ste o to nežiadali, túto správu ignorujte: nič sa nezmení.
mail-security-when = Kedy: { $time }.
mail-security-not-you = Ak ste to neboli vy, ihneď si zvoľte nové heslo cez „Zabudnuté heslo?“ a obráťte sa na technickú podporu.
mail-security-review = Skontrolovať moje konto
mail-account-deleted-not-you = Ak ste svoje konto nevymazali vy, ihneď sa obráťte na technickú podporu.
mail-password-changed-subject = Vaše heslo bolo zmenené
mail-password-changed-text = Heslo k vášmu kontu bolo zmenené.
mail-email-changed-subject = Vaša e-mailová adresa bola zmenená
mail-email-changed-text = E-mailová adresa vášho konta bola zmenená na { $new }. Na túto adresu už nebudú chodiť správy týkajúce sa konta.
mail-account-deleted-subject = Vaše konto bolo vymazané
mail-account-deleted-text = Vaše konto a jeho osobné údaje boli vymazané.
mail-factor-added-subject = K vášmu kontu bol pridaný spôsob overenia
mail-factor-added-text = K vášmu kontu bol pridaný spôsob overenia „{ $name }“.
mail-factor-removed-subject = Z vášho konta bol odstránený spôsob overenia
mail-factor-removed-text = Z vášho konta bol odstránený spôsob overenia „{ $name }“.

## OpenID Connect
oidc-error-title = Na túto požiadavku na prihlásenie nemožno odpovedať
oidc-error-hint = Vráťte sa do aplikácie a skúste to znova. Ak sa to opakuje, informujte podporu aplikácie: jej nastavenia prihlasovania nezodpovedajú jej registrácii.
oidc-error-missing-client = Z požiadavky nie je zrejmé, z ktorej aplikácie pochádza (chýba client_id).
oidc-error-unknown-client = Aplikácia, ktorá vás sem poslala, nie je zaregistrovaná v tejto prihlasovacej službe.
oidc-error-missing-redirect = Z požiadavky nie je zrejmé, kam vás vrátiť (chýba redirect_uri).
oidc-error-bad-redirect = Adresa, na ktorú vás aplikácia chcela vrátiť, pre ňu nie je zaregistrovaná, a preto ste tam neboli presmerovaní.
oidc-request-gone = Platnosť tejto požiadavky na prihlásenie vypršala alebo požiadavka nie je platná. Vráťte sa do aplikácie a prihláste sa znova.
oidc-consent-title = Zdieľať vaše údaje?
oidc-consent-text = Služba { $service } žiada o povolenie:
oidc-consent-allow = Povoliť
oidc-consent-deny = Odmietnuť
oidc-scope-openid = potvrdiť vašu totožnosť
oidc-scope-profile = vidieť vaše meno a preferovaný jazyk
oidc-scope-email = vidieť vašu e-mailovú adresu
oidc-scope-offline-access = zachovať si prístup aj po vašom odhlásení
oidc-scope-groups = vidieť skupiny, do ktorých patríte
oidc-logout-title = Odhlásenie
oidc-logout-asked-by = Služba { $service } žiada o vaše odhlásenie.
oidc-logout-question = Chcete sa odhlásiť zo všetkých aplikácií, do ktorých ste prihlásení prostredníctvom tejto služby?
oidc-logout-yes = Odhlásiť sa
oidc-logout-no = Neodhlasovať
oidc-logout-bad-hint = Požiadavka na odhlásenie obsahuje token identity, ktorý táto služba nevydala alebo ktorý bol pozmenený.
oidc-logout-client-mismatch = Požiadavka na odhlásenie uvádza dve rôzne aplikácie.
oidc-logout-bad-redirect = Adresa na návrat po odhlásení nie je pre túto aplikáciu zaregistrovaná.
logout-frontchannel = Informované sú aj aplikácie, ktoré ste používali.
logout-continue = Pokračovať
demo-oidc-title = Ukážková aplikácia (OpenID Connect)
demo-oidc-intro = Táto ukážková aplikácia vás prihlasuje cez OpenID Connect, ako by to urobila moderná webová aplikácia: tok autorizačného kódu s PKCE. Potom zobrazí prijatý token ID, overený zverejnenými kľúčmi, a čo o vás uvádza koncový bod userinfo.
demo-oidc-sign-in = Prihlásiť sa cez OpenID Connect
demo-oidc-cas-variant = Vyskúšať namiesto toho variant CAS
demo-oidc-variant = Vyskúšať variant OpenID Connect
demo-oidc-done = Ste prihlásení. Tu je, čo aplikácia dostala.
demo-oidc-verified = Podpis tokenu ID bol overený kľúčom { $kid } ({ $alg }) zo zverejnenej sady kľúčov.
demo-oidc-claims = Deklarácie tokenu ID
# same-as-en: the OpenID Connect endpoint's name
demo-oidc-userinfo = Userinfo
demo-oidc-header = Hlavička tokenu ID
demo-oidc-again = Prihlásiť sa znova
demo-oidc-failed = Prihlásenie nebolo dokončené: { $reason }
demo-oidc-try-again = Skúsiť znova
oidc-logout-repeated = Požiadavka na odhlásenie opakuje niektorý parameter, a preto jej nemožno dôverovať.

# Strengths, step-up and security keys (issue 5)
method-PASSWORD_WEBAUTHN = Bezpečnostný kľúč alebo dôveryhodná platforma
method-PASSWORD_WEBAUTHN-desc = Na overenie v systéme Limen použite bezpečnostný kľúč, dôveryhodnú platformu alebo prístupový kľúč.
error-invalid-strength = Služba { $service } požiadala o spôsoby overenia, ktoré nesmie používať (INVALID_STRENGTH).
error-invalid-strength-hint = Informujte, prosím, technickú podporu služby; na tejto stránke nemôžete nič urobiť.
login-stepup = Ste prihlásení heslom. Táto služba vyžaduje silnejší spôsob overenia: zvoľte ho nižšie.
login-register-method = Služba { $service } vyžaduje spôsob overenia, ktorý ste si ešte nenastavili: { $methods }.
login-register-link = Prihláste sa heslom a zaregistrujte si ho: { $method }
login-method-retired = Spôsob „{ $method }“ bol dňa { $date } vyradený. Zaregistrujte si iný spôsob overenia v časti Moje konto.
login-passkey = Prihlásiť sa prístupovým kľúčom
account-webauthn = Spravovať moje bezpečnostné kľúče a dôveryhodné platformy
account-webauthn-desc = Pridávajte, premenúvajte alebo odstraňujte svoje bezpečnostné kľúče, dôveryhodné platformy a prístupové kľúče.
back-to-keys = Späť na moje bezpečnostné kľúče
back-to-account = Späť na Moje konto
webauthn-keys-title = Moje bezpečnostné kľúče a dôveryhodné platformy
webauthn-keys-intro = Bezpečnostný kľúč je malé zariadenie (USB, NFC), ktoré funguje spolu s vaším heslom. Dôveryhodná platforma je overovací prvok zabudovaný vo vašom počítači alebo telefóne (Windows Hello, Touch ID, Android). Prístupový kľúč je uložený vo vašom telefóne alebo v správcovi hesiel a umožňuje prihlásenie bez hesla.
webauthn-keys-none = Zatiaľ nemáte zaregistrovaný žiadny bezpečnostný kľúč, dôveryhodnú platformu ani prístupový kľúč.
webauthn-col-name = Názov
webauthn-col-kind = Druh
webauthn-col-model = Model
webauthn-col-created = Pridané
webauthn-col-last-used = Naposledy použité
webauthn-never-used = nikdy
webauthn-model-unknown = neuvedené
webauthn-flagged = zablokované: mohlo dôjsť k skopírovaniu; odstráňte ho a zaregistrujte znova
webauthn-rename = Premenovať
webauthn-delete = Vymazať
webauthn-add-heading = Pridať zariadenie
webauthn-add-security_key = Pridať bezpečnostný kľúč
webauthn-add-platform = Pridať dôveryhodnú platformu
webauthn-add-passkey = Pridať prístupový kľúč
webauthn-kind-security_key = Bezpečnostný kľúč
webauthn-kind-platform = Dôveryhodná platforma
webauthn-kind-passkey = Prístupový kľúč
webauthn-kind-security_key-desc = kľúč USB alebo NFC, ktorého sa pri prihlásení dotknete.
webauthn-kind-platform-desc = vlastný overovací prvok tohto počítača alebo telefónu (Windows Hello, Touch ID, zámka obrazovky Androidu).
webauthn-kind-passkey-desc = v tomto zariadení, vo vašom správcovi hesiel alebo vo vašom telefóne, ktorý použijete z tohto počítača (prehliadač zobrazí QR kód; na oboch zariadeniach musí byť zapnutý Bluetooth).
webauthn-add-intro = Pomenujte zariadenie tak, aby ste ho spoznali (napríklad „Môj modrý kľúč“ alebo „iPhone“), potom kliknite na Odoslať a postupujte podľa pokynov prehliadača. Ak sa prehliadač opýta, či anonymizovať informácie o overovacom prvku, toto políčko nezačiarknite.
webauthn-device-name = Názov zariadenia
webauthn-submit = Odoslať
webauthn-stronger-needed = Pred pridaním ďalšieho zariadenia budete najprv požiadaní o prihlásenie pomocou zariadenia, ktoré už máte.
webauthn-unavailable = Bezpečnostné kľúče a dôveryhodné platformy nie sú pre vaše konto k dispozícii.
webauthn-register-text = Postupujte podľa krokov, ktoré zobrazí prehliadač: dotknite sa bezpečnostného kľúča alebo potvrďte pomocou PIN kódu, odtlačku prsta či tváre.
webauthn-register-status = Prebieha registrácia prihlasovacích údajov…
webauthn-login-title = Bezpečnostný kľúč alebo dôveryhodná platforma
webauthn-login-text = Postupujte podľa krokov, ktoré zobrazí prehliadač: dotknite sa bezpečnostného kľúča alebo potvrďte pomocou PIN kódu, odtlačku prsta či tváre.
webauthn-login-status = Čaká sa na váš bezpečnostný kľúč alebo dôveryhodnú platformu…
webauthn-choose-title = Zvoľte zariadenie
webauthn-choose-text = Kliknite na názov bezpečnostného kľúča alebo dôveryhodnej platformy, ktorú chcete použiť.
webauthn-retry = Skúsiť znova
webauthn-noscript = Tento krok vyžaduje JavaScript: jeho prostredníctvom prehliadač komunikuje s vaším bezpečnostným kľúčom.
webauthn-added-security_key = Bezpečnostný kľúč bol pridaný.
webauthn-added-platform = Dôveryhodná platforma bola pridaná.
webauthn-added-passkey = Prístupový kľúč bol pridaný.
webauthn-deleted = Zariadenie bolo odstránené.
webauthn-renamed = Zariadenie bolo premenované.
webauthn-error-cancelled = Operácia bola zrušená alebo trvala príliš dlho. Skúste to znova a odpovedzte na výzvu prehliadača.
webauthn-error-unsupported = Tento prehliadač tu nemôže používať bezpečnostné ani prístupové kľúče. Skúste iný prehliadač alebo iný spôsob.
webauthn-error-already = Toto zariadenie je už vo vašom konte zaregistrované.
webauthn-error-refused = Odpoveď vášho zariadenia sa nepodarilo overiť. Skúste to znova alebo použite iné zariadenie.
webauthn-error-expired = Toto overenie trvalo príliš dlho alebo už bolo použité. Začnite, prosím, znova.
webauthn-error-unknown = Tento bezpečnostný alebo prístupový kľúč nie je zaregistrovaný v žiadnom konte (mohol byť odstránený). Prihláste sa heslom alebo použite iné zariadenie.
webauthn-error-other-account = Tento bezpečnostný kľúč patrí inému kontu. Použite kľúč zaregistrovaný v tomto konte.
webauthn-error-cloned = Tento bezpečnostný kľúč bol zablokovaný: jeho počítadlo podpisov sa vrátilo späť, takže mohol byť skopírovaný. Odstráňte ho v časti Moje konto a zaregistrujte znova.
webauthn-error-not-verified = Vaše zariadenie vás neoverilo (PIN, odtlačok prsta alebo tvár). Prihlásenie bez hesla toto overenie vyžaduje.
webauthn-error-no-key = Nemáte žiadny použiteľný bezpečnostný kľúč ani dôveryhodnú platformu. Zaregistrujte si ich v časti Moje konto.
webauthn-error-name = Pomenujte zariadenie názvom s dĺžkou 1 až 64 znakov.
webauthn-error-no-such-key = Také zariadenie vo vašom konte nie je.
mail-factor-renamed-subject = Spôsob overenia vášho konta bol premenovaný
mail-factor-renamed-text = Spôsob overenia „{ $old }“ bol premenovaný na „{ $name }“.
demo-strong = Požiadať znova a vyžadovať bezpečnostný alebo prístupový kľúč (acceptStrengths=PASSWORD_WEBAUTHN): relácii prihlásenej heslom sa zvýši úroveň overenia
mail-panic-used-subject = Z vášho konta boli odstránené všetky spôsoby overenia (PANIC)
mail-panic-used-text = Vo vašom konte bola použitá funkcia PANIC: boli odstránené všetky spôsoby overenia okrem hesla ({ $names }) a ukončené všetky relácie. Ak chcete používať služby, ktoré vyžadujú druhý faktor, pridajte si nový v časti „Moje konto“.
mail-factors-removed-subject = Technická podpora odstránila spôsoby overenia vášho konta
mail-factors-removed-text = Technická podpora odstránila z vášho konta všetky spôsoby overenia okrem hesla ({ $names }) a ukončila všetky relácie.
mail-mfa-on-subject = Viacfaktorová autentifikácia sa teraz vyžaduje vždy
mail-mfa-on-text = Voľba „Vždy vyžadovať viacfaktorovú autentifikáciu“ bola zapnutá: každé prihlásenie do vášho konta sa teraz končí druhým faktorom.
mail-mfa-off-subject = Viacfaktorová autentifikácia sa už nevyžaduje vždy
mail-mfa-off-text = Voľba „Vždy vyžadovať viacfaktorovú autentifikáciu“ bola vypnutá: služby, ktoré prijímajú samotné heslo, už druhý faktor nepožadujú.
login-code-text = Zadajte kód, ktorý zobrazuje vaše zariadenie.
login-code-challenge = Zadajte túto výzvu do svojho zariadenia a potom prepíšte odpoveď, ktorú zobrazí:
login-code-sent = Kód bol odoslaný na { $to }.
login-code-label = Kód
login-code-submit = Prihlásiť sa
error-no-device = Pre tento spôsob overenia nemáte žiadne použiteľné zariadenie. Zaregistrujte si ho v časti Moje konto.
error-code-wrong = Tento kód nie je správny. Skontrolujte ho a skúste to znova.
method-PASSWORD_MOBILE_APP = PIN kód mobilnej aplikácie EU Login
method-PASSWORD_MOBILE_APP-desc = Na telefóne sa zobrazí žiadosť; potvrďte ju svojím PIN kódom.
method-PASSWORD_SOFTWARE_TOKEN = QR kód mobilnej aplikácie EU Login
method-PASSWORD_SOFTWARE_TOKEN-desc = Naskenujte QR kód aplikáciou a zadajte kód, ktorý zobrazí.
method-MOBILE_APP = Na mobilnom zariadení
method-MOBILE_APP-desc = Prihláste sa pomocou aplikácie v telefóne, na ktorom práve prehliadate web.
method-PASSWORD_SMS = Mobilný telefón + SMS
method-PASSWORD_SMS-desc = Dostanete kód v SMS na zaregistrovaný mobilný telefón.
# same-as-en: the method's name; "token" is the Slovak word too
method-PASSWORD_TOKEN = Token
method-PASSWORD_TOKEN-desc = Zadajte kód, ktorý zobrazuje váš hardvérový token.
# same-as-en: the method's name; "token" is the Slovak word too
method-PASSWORD_TOKEN_CRAM = Token CRAM
method-PASSWORD_TOKEN_CRAM-desc = Zadajte výzvu do svojho tokenu a potom jeho odpoveď.
method-EIDAS = eID
method-EIDAS-desc = Prihláste sa národným prostriedkom elektronickej identifikácie.
method-SOCIAL_NETWORKS = Sociálne siete
method-SOCIAL_NETWORKS-desc = Prihláste sa kontom sociálnej siete.
method-CLIENT_CERT = Certifikát
method-CLIENT_CERT-desc = Prihláste sa certifikátom nainštalovaným v prehliadači alebo na čipovej karte.
account-methods = Metódy autentifikácie
account-methods-desc = Pozrite si všetky spôsoby overenia svojho konta, vyžadujte viacfaktorovú autentifikáciu alebo ich všetky odstráňte (PANIC).
account-panic = Odstrániť všetky moje zariadenia (PANIC)
account-panic-desc = Stratili ste svoje zariadenia? Odstráňte ich všetky iba pomocou hesla.
methods-title = Metódy autentifikácie
methods-intro = Spôsoby overenia vášho konta okrem hesla: bezpečnostné kľúče, dôveryhodné platformy, prístupové kľúče a ďalšie, keď budú pridané.
methods-none = Vaše konto nemá okrem hesla žiadny spôsob overenia.
methods-col-kind = Druh
methods-col-name = Názov
methods-col-added = Pridané
methods-col-last-used = Naposledy použité
methods-never-used = Nikdy
methods-blocked = (zablokované)
methods-mfa-title = Vždy vyžadovať viacfaktorovú autentifikáciu
methods-mfa-text = Keď je táto voľba zapnutá, každé prihlásenie do vášho konta sa končí druhým faktorom, a to aj pri službách, ktoré prijímajú samotné heslo.
methods-mfa-on = Zapnuté: každé prihlásenie sa končí druhým faktorom.
methods-mfa-off = Vypnuté: službám, ktoré prijímajú samotné heslo, stačí heslo.
methods-mfa-turn-on = Zapnúť
methods-mfa-turn-off = Vypnúť
methods-mfa-turned-on = Viacfaktorová autentifikácia sa teraz vyžaduje vždy.
methods-mfa-turned-off = Viacfaktorová autentifikácia sa už nevyžaduje vždy.
methods-mfa-no-factor = Najprv si zaregistrujte druhý faktor: bez neho nemožno viacfaktorovú autentifikáciu vyžadovať.
methods-panic-title = Stratili ste svoje zariadenia?
methods-panic-text = PANIC odstráni z vášho konta všetky spôsoby overenia okrem hesla – stačí na to samotné heslo – a ukončí všetky relácie.
methods-panic-link = Odstrániť všetky moje zariadenia (PANIC)
back-to-methods = Späť na metódy autentifikácie
panic-title = Odstrániť všetky moje zariadenia (PANIC)
panic-intro = Túto funkciu použite, ak ste stratili svoje bezpečnostné kľúče, prístupové kľúče alebo iné zariadenia, alebo ak sa domnievate, že ich má niekto iný. Potom:
panic-effect-factors = budú z vášho konta odstránené všetky spôsoby overenia okrem hesla;
panic-effect-sessions = budú ukončené všetky relácie vášho konta vo všetkých prehliadačoch a všetkým aplikáciám bude odobratý prístup;
panic-effect-services = služby, ktoré vyžadujú druhý faktor, budú nedostupné, kým si nezaregistrujete nový.
panic-confirm = Rozumiem: odstráňte všetky moje zariadenia a ukončite všetky moje relácie.
panic-submit = Odstrániť všetky moje zariadenia
panic-confirm-needed = Na potvrdenie začiarknite políčko.
panic-not-allowed = Funkcia PANIC nie je pre vaše konto k dispozícii. Obráťte sa na technickú podporu, aby vaše zariadenia odstránila.
panic-too-many = Funkcia PANIC bola dnes v tomto konte použitá príliš často. Obráťte sa na technickú podporu.
panic-done = Všetky vaše zariadenia boli odstránené a všetky relácie ukončené. Poslali sme vám o tom e-mail.
panic-removed = Odstránené:
panic-unreachable = Kým si nezaregistrujete nový druhý faktor, nemáte prístup k týmto službám:
panic-unreachable-none = Každá služba, ktorú používate, prijíma samotné heslo.
panic-sign-in-again = Prihlásiť sa znova
error-form-invalid = Tento formulár nebol vyplnený podľa očakávania. Skúste to znova.
error-factor-throttled = Príliš veľa nesprávnych odpovedí pri druhom faktore. Skúste to znova o { $minutes ->
    [one] minútu
    [few] { $minutes } minúty
    [many] { $minutes } minúty
   *[other] { $minutes } minút
}.
mail-panic-confirm-subject = Potvrďte PANIC: odstránenie všetkých zariadení vášho konta
mail-panic-confirm-text = Pre vaše konto bola s použitím jeho hesla vyžiadaná funkcia PANIC: boli by odstránené všetky spôsoby overenia okrem hesla a ukončené všetky relácie.
mail-panic-confirm-validity = Ak ste o to požiadali vy, otvorte tento odkaz a potvrďte to; odkaz platí { $validity }:
mail-panic-confirm-action = Odstrániť všetky moje zariadenia
mail-panic-confirm-not-you = Ak ste to neboli vy, odkaz neotvárajte: niekto pozná vaše heslo. Ihneď si zvoľte nové cez „Zabudnuté heslo?“.
panic-sent = Poslali sme odkaz na vašu e-mailovú adresu. Otvorte ho do jednej hodiny, aby ste odstránili všetky svoje zariadenia: dovtedy sa nič neodstráni.
panic-confirm-title = Potvrdenie: odstrániť všetky moje zariadenia
panic-confirm-text = Všetky spôsoby overenia konta { $name } okrem hesla budú odstránené a všetky relácie ukončené.
panic-confirm-submit = Odstrániť teraz všetky moje zariadenia
panic-link-gone = Tento odkaz už nie je platný (bol použitý, jeho platnosť vypršala alebo bol nahradený). Požiadajte o PANIC znova v časti Moje konto.
panic-by-mail = Aby sme sa uistili, že ide o vás, pošleme vám potom odkaz na vašu e-mailovú adresu: zariadenia budú odstránené, keď ho otvoríte.
login-lost-devices = Stratili ste bezpečnostný kľúč alebo iné zariadenia?
methods-mfa-on-inactive = Zapnuté, ale vaše konto nemá žiadny použiteľný druhý faktor (zablokovaný kľúč alebo spôsob, ktorý sa už neponúka): prihlásenia sa končia heslom, kým si nejaký nezaregistrujete.

## The mobile app (issue 14, docs/MOBILE-PROTOCOL.md)
account-mobile_app = Spravovať moje mobilné zariadenia
account-mobile_app-desc = Pridávajte, premenúvajte alebo odstraňujte telefóny, ktorými potvrdzujete svoje prihlásenia.
mobile_app-kind-mobile = Mobilné zariadenie
mobile_app-error-no-key = Nemáte žiadne použiteľné mobilné zariadenie. Pridajte si ho v časti Moje konto.
software_token-error-no-key = Nemáte žiadne použiteľné mobilné zariadenie. Pridajte si ho v časti Moje konto.
on_mobile-error-no-key = Nemáte žiadne použiteľné mobilné zariadenie. Pridajte si ho v časti Moje konto.
mobile-title = Spravovať moje mobilné zariadenia
mobile-intro = Overovacia aplikácia vo vašom telefóne potvrdzuje vaše prihlásenia: v telefóne sa zobrazí žiadosť alebo aplikácia zobrazí kód, ktorý zadáte tu. Každé zariadenie má vlastný PIN.
mobile-none = Zatiaľ nemáte žiadne mobilné zariadenie.
mobile-col-model = Systém a model
mobile-locked = (zablokované – príliš veľa nesprávnych PIN kódov alebo odpojené vo svojej aplikácii: odstráňte ho a pridajte znova)
mobile-device-name = Názov zariadenia
mobile-delete = Odstrániť
mobile-add = Pridať mobilné zariadenie
mobile-add-intro = Pomenujte zariadenie, zvoľte jeho PIN a zadajte ho znova. Potom sa zobrazí QR kód: naskenujte ho overovacou aplikáciou a zadajte v nej ten istý PIN.
mobile-stronger-needed = Pred pridaním alebo odstránením zariadenia sa najprv znova prihláste svojím najsilnejším spôsobom overenia.
mobile-pin = PIN ({ $n ->
    [one] aspoň { $n } číslica
    [few] aspoň { $n } číslice
    [many] aspoň { $n } číslice
   *[other] aspoň { $n } číslic
})
mobile-pin-again = PIN znova
mobile-submit = Pokračovať
mobile-added = Mobilné zariadenie bolo pridané. Teraz sa ním môžete prihlasovať.
mobile-deleted = Mobilné zariadenie bolo odstránené: už nemôže potvrdzovať vaše prihlásenia.
mobile-renamed = Mobilné zariadenie bolo premenované.
mobile-unavailable = S vaším kontom nemožno mobilné zariadenia používať.
mobile-error-pin = PIN musí mať { $n } až 12 číslic a obsahovať iba číslice.
mobile-error-pin-again = PIN kódy sa nezhodujú. Zadajte ich znova.
mobile-error-not-scanned = QR kód zatiaľ nebol naskenovaný. Ak jeho platnosť vypršala, pridajte zariadenie znova.
mobile-error-not-confirmed = Zariadenie naskenovalo QR kód, ale zatiaľ nepotvrdilo PIN.
mobile-error-pin-mismatch = PIN zadaný v zariadení nie je ten, ktorý ste zvolili tu. Pridajte zariadenie znova.
mobile-error-enrol-expired = Platnosť QR kódu vypršala. Pridajte zariadenie znova.
mobile-error-no-such-device = Také mobilné zariadenie nemáte.
mobile-scan-text = Otvorte overovaciu aplikáciu v telefóne a naskenujte tento QR kód, aby ste pridali zariadenie „{ $name }“. Aplikácia si potom vyžiada PIN, ktorý ste zvolili.
mobile-qr-label = QR kód
mobile-link-text = Ak ho nemôžete naskenovať, vložte do aplikácie tento odkaz:
mobile-scan-expiry = QR kód funguje raz, a to { $n ->
    [one] { $n } minútu
    [few] { $n } minúty
    [many] { $n } minúty
   *[other] { $n } minút
}.
mobile-waiting = Čaká sa na vaše zariadenie…
mobile-scanned = Zariadenie naskenovalo kód: potvrďte na ňom PIN.
mobile-continue = Pokračovať
mobile-back = Späť na moje mobilné zariadenia
mobile-push-text = Na vaše zariadenie bola odoslaná žiadosť. Skontrolujte, či sa týka tohto prihlásenia, a potom zadajte v aplikácii toto číslo a svoj PIN:
mobile-number-label = Číslo, ktoré zadáte v aplikácii: { $number }
mobile-on-mobile-text = Otvorte overovaciu aplikáciu v tomto telefóne, potvrďte prihlásenie svojím PIN kódom a potom sa vráťte na túto stránku.
mobile-open-app = Otvoriť overovaciu aplikáciu
mobile-waiting-approval = Čaká sa na vaše schválenie… Keď schválite, stránka bude pokračovať sama.
mobile-waiting-noscript = Keď schválite prihlásenie v zariadení, stlačte tlačidlo nižšie.
mobile-approved-button = Schválené v mojom zariadení
mobile-try-again = Skúsiť znova
mobile-qr-text = Naskenujte tento QR kód overovacou aplikáciou (funguje aj bez pripojenia k sieti), zadajte v aplikácii svoj PIN a potom sem prepíšte osemmiestny kód, ktorý zobrazí.
mobile-qr-as-text = QR kód ako text
mobile-code-label = Kód zobrazený aplikáciou
mobile-error-denied = Žiadosť bola vo vašom zariadení zamietnutá.
mobile-error-wrong-number = Číslo zadané vo vašom zariadení nebolo to, ktoré je zobrazené tu. Bola odoslaná nová žiadosť: zadajte nové číslo.
mobile-error-pending = Vaše zariadenie zatiaľ neodpovedalo. Schváľte na ňom žiadosť a skúste to znova.
mobile-error-expired = Platnosť žiadosti vypršala. Skúste to znova.
mobile-error-device-removed = Zariadenie, ktoré odpovedalo, už nie je zaregistrované.
mobile-error-code-format = Kód má 8 číslic.
mobile-error-wrong-code = Tento kód nie je správny. Naskenujte nový QR kód a zadajte nový kód.
mobile-error-enrol-on-device = Zariadenie dokončí svoju registráciu samo.
mobile-notice-push-held = Počas poslednej hodiny bolo vo vašich zariadeniach zamietnutých príliš veľa žiadostí, a preto sa teraz žiadne žiadosti neposielajú. Použite namiesto toho spôsob s QR kódom alebo to skúste neskôr.
mail-device-locked-subject = Mobilné zariadenie bolo zablokované
mail-device-unlinked-subject = Mobilné zariadenie bolo odpojené
mail-device-unlinked-text = Vaše mobilné zariadenie „{ $name }“ bolo odpojené vo svojej overovacej aplikácii („Odpojiť“ alebo „Zabudnutý PIN“). Je zablokované a už nemôže potvrdzovať prihlásenia: odstráňte ho v časti Moje konto a prípadne ho pridajte znova. Ak ste to neurobili vy, môže mať váš telefón niekto iný.
mail-device-locked-text = Vaše mobilné zariadenie „{ $name }“ bolo zablokované po príliš veľkom počte nesprávnych PIN kódov. Už nemôže potvrdzovať prihlásenia: odstráňte ho a znova pridajte v časti Moje konto. Ak ste tieto PIN kódy nezadávali vy, môže mať váš telefón niekto iný.
mobile_app-choose-text = Máte viac ako jedno mobilné zariadenie: kliknite na názov toho, ktoré má dostať žiadosť.
mobile-error-too-many-enrolments = Počas poslednej hodiny ste začali pridávať zariadenia príliš často. Skúste to neskôr.
mobile-open-web-app = Použiť webovú overovaciu aplikáciu
mail-sign-in-reported-subject = Vo vašom telefóne bolo zamietnuté prihlásenie, ktoré ste nezačali
mail-sign-in-reported-text = Prihlásenie do služby { $service } z prehliadača { $browser } (sieť { $network }) bolo zamietnuté vo vašom mobilnom zariadení „{ $device }“ a nahlásené ako cudzie.
mail-sign-in-reported-advice = Ten, kto ho začal, pozná vaše heslo: ihneď si zvoľte nové („Zabudnuté heslo?“ na prihlasovacej stránke). Ak si nie ste istí, že sú vaše zariadenia v bezpečí, odstráňte ich všetky pomocou funkcie PANIC:
mail-sign-in-reported-advice-on-mobile = Bolo začaté spôsobom „Na mobilnom zariadení“, ktorý nevyžaduje heslo: niekto, kto pozná vašu e-mailovú adresu, požiadal váš telefón o schválenie prihlásenia. Schvaľujte iba žiadosti, ktoré ste sami práve začali v tomto telefóne. Ak si nie ste istí, že sú vaše zariadenia v bezpečí, odstráňte ich všetky pomocou funkcie PANIC:
mail-sign-in-reported-action = Odstrániť všetky moje zariadenia (PANIC)
mail-sign-in-reported-if-you = Ak ste to predsa len boli vy, nemusíte nič robiť.

## Hardware tokens (issue 16)
login-code-device = Zariadenie:
token-code-device = Sériové číslo tokenu:
token-code-text = Zapnite token (ak o to požiada, zadajte jeho PIN) a zadajte kód, ktorý zobrazí.
token-code-label = Kód tokenu
token_cram-code-device = Sériové číslo zariadenia Digipass:
token_cram-code-challenge = Zapnite Digipass, zadajte doň túto výzvu a potom prepíšte odpoveď, ktorú zobrazí:
token_cram-code-label = Odpoveď zariadenia Digipass
token-choose-text = Máte viac ako jeden token: kliknite na ten, ktorý máte pri sebe.
token_cram-choose-text = Máte viac ako jeden token CRAM: kliknite na ten, ktorý máte pri sebe.
token-error-wrong = Tento kód nie je správny. Skontrolujte, či ide o kód tohto tokenu, a skúste to znova.
token-error-replayed = Tento kód už bol použitý. Počkajte, kým token zobrazí nový kód (alebo ho znova zapnite), a zadajte nový kód.
token-error-locked = Tento token je zablokovaný po príliš veľkom počte nesprávnych kódov. Skúste to neskôr alebo požiadajte technickú podporu o jeho odblokovanie.
token-error-format = Zadajte iba číslice, ktoré zobrazuje váš token.
token-error-format-response = Zadajte iba číslice odpovede, ktorú zobrazuje váš Digipass.
token-error-expired = Platnosť tejto stránky vypršala. Začnite znova.
token-error-bind = Tieto kódy nezodpovedajú žiadnemu tokenu, ktorý môžete pridať. Skontrolujte sériové číslo na zadnej strane tokenu a zadajte kódy presne tak, ako ich zobrazuje, jeden po druhom.
token-kind-hotp = Token (kód na požiadanie)
token-kind-totp = Token (časovo závislý kód)
token_cram-kind-ocra = Token CRAM (výzva – odpoveď)
tokens-kind-hotp = Token (kód na požiadanie)
tokens-kind-totp = Token (časovo závislý kód)
tokens-kind-ocra = Token CRAM (výzva – odpoveď)
account-token = Spravovať moje tokeny
account-token-desc = Pridajte hardvérový token, ktorý vám dala vaša organizácia, premenujte ho alebo ho odstráňte.
tokens-title = Spravovať moje tokeny
tokens-intro = Hardvérové tokeny vydáva vaša organizácia. Ak chcete token pridať, musíte ho mať v ruke: jeho sériové číslo je vytlačené na zadnej strane.
tokens-none = Zatiaľ nemáte žiadny token.
tokens-col-serial = Sériové číslo
tokens-col-added = Pridané
tokens-locked = zablokovaný
tokens-name-label = Názov tokenu
tokens-remove = Odstrániť
tokens-add-heading = Pridať token
tokens-add-token = Pridať token
tokens-add-token-desc = token, ktorý zobrazí kód, keď ho zapnete alebo stlačíte jeho tlačidlo.
tokens-add-cram = Pridať token CRAM
tokens-add-cram-desc = Digipass, do ktorého zadáte výzvu a dostanete odpoveď.
tokens-by-helpdesk = Tokeny ku kontám, ako je vaše, prideľuje technická podpora.
tokens-add-intro = Zadajte sériové číslo vytlačené na zadnej strane tokenu (všetky číslice, bez spojovníkov; staré sériové čísla sa začínajú písmenom „T“) a názov, podľa ktorého ho rozlíšite.
tokens-serial-label = Sériové číslo
tokens-serial-hint = Napríklad 12345678 alebo T1234567.
tokens-continue = Pokračovať
tokens-back = Späť na moje tokeny
tokens-codes-text = Zapnite token a zadajte kód, ktorý zobrazí. Potom ho zapnite znova – pri tokene, ktorého kód sa mení s časom, počkajte, kým zobrazí nový kód – a zadajte aj tento druhý kód.
tokens-code1 = Prvý kód
tokens-code2 = Ďalší kód
tokens-cram-text = Zapnite Digipass, zadajte doň túto výzvu a prepíšte odpoveď, ktorú zobrazí:
tokens-add-submit = Pridať token
tokens-added = Token bol pridaný do vášho konta.
tokens-removed = Token bol z vášho konta odstránený.
tokens-renamed = Token bol premenovaný.
tokens-unavailable = Do vášho konta nemožno pridávať tokeny. Obráťte sa na technickú podporu.
tokens-error-serial = Zadajte sériové číslo vytlačené na tokene: iba písmená a číslice.
tokens-error-no-such-token = Taký token nemáte.
mail-token-locked-subject = Token bol zablokovaný
mail-token-locked-text = Váš token „{ $name }“ bol zablokovaný po príliš veľkom počte nesprávnych kódov. Znova bude fungovať od { $until }. Ak ste tieto kódy nezadávali vy, možno sa niekto pokúša prihlásiť za vás: zmeňte si heslo.
mail-token-locked-helpdesk-text = Váš token „{ $name }“ bol zablokovaný po príliš veľkom počte nesprávnych kódov. Technická podpora ho môže odblokovať. Ak ste tieto kódy nezadávali vy, možno sa niekto pokúša prihlásiť za vás: zmeňte si heslo.
token-error-bind-throttled = Počas poslednej hodiny ste sa pokúsili pridať tokeny príliš často. Skúste to neskôr.
tokens-col-actions = Akcie

## SMS (issue 17): the texts sent, the login page, My account's numbers
sms-text-login = { $code } je vas prihlasovaci kod Limen. Plati { $minutes } min. Nikomu ho neprezradte: nikto z Limen vas o neho nikdy nepoziada.
sms-text-login-service = { $code } je vas kod Limen na prihlasenie do sluzby { $service }. Plati { $minutes } min. Nikomu ho neprezradte: nikto z Limen vas o neho nepoziada.
sms-text-add-number = { $code } je vas kod na pridanie tohto cisla do konta Limen. Plati { $minutes } min. Nikomu ho neprezradte. Ak ste o neho neziadali, spravu ignorujte.
sms-text-sign = { $code } je vas kod Limen na potvrdenie "{ $title }" pre { $service }. Plati { $minutes } min. Nikomu ho neprezradte.
sms-code-text = Zadajte kód, ktorý sme vám poslali v SMS (9 znakov, napríklad ABC-DEF-GHJ). Doručenie správy môže trvať niekoľko minút.
sms-code-label = Kód z SMS
sms-choose-text = Máte zaregistrovaných viac čísel mobilných telefónov: kliknite na to, na ktoré sa má kód poslať.
sms-error-number-invalid = Toto nie je číslo mobilného telefónu v medzinárodnom formáte. Začnite znakom + a predvoľbou krajiny, napríklad +32 470 12 34 56.
sms-error-number-type = Na toto číslo nemožno posielať naše SMS: použite číslo mobilného telefónu (nie pevnú linku, číslo so zvýšenou tarifou, bezplatnú linku, linku so zdieľanými nákladmi ani internetové číslo).
sms-error-country = Na čísla z tejto krajiny nemožno posielať SMS. Použite iné číslo alebo iný spôsob overenia.
sms-error-limit = V poslednom čase bolo odoslaných príliš veľa SMS. Skúste to neskôr alebo použite iný spôsob overenia.
sms-error-unavailable = SMS teraz nemožno posielať. Použite iný spôsob overenia alebo to skúste zajtra.
sms-error-wait = Kód bol odoslaný pred chvíľou. Skôr než požiadate o ďalší, chvíľu počkajte: doručenie SMS môže trvať niekoľko minút.
sms-error-format = Toto nie je kód v podobe, v akej ho posielame: skontrolujte zadané znaky.
sms-error-expired = Platnosť tohto kódu vypršala. Požiadajte o nový kód.
sms-error-used = Tento kód už bol použitý. Požiadajte o nový kód.
sms-error-exhausted = Príliš veľa nesprávnych kódov: tento kód už nemožno použiť. Požiadajte o nový kód.
sms-error-not-sent = SMS sa na toto číslo nepodarilo odoslať. Požiadajte o nový kód neskôr alebo použite iný spôsob overenia.
sms-error-wrong = Toto nie je kód, ktorý sme poslali. Skontrolujte ho a skúste to znova.
sms-error-no-number = Toto číslo mobilného telefónu už nie je zaregistrované vo vašom konte.
sms-error-already = Toto číslo je už zaregistrované vo vašom konte.
login-code-not-received = Neprišiel vám kód?
login-code-resend = Poslať nový kód
account-sms = Spravovať moje čísla mobilných telefónov
account-phones = Spravovať moje čísla mobilných telefónov
account-phones-desc = Pridajte čísla mobilných telefónov, na ktoré môžu prichádzať prihlasovacie kódy v SMS, alebo ich odstráňte.
phones-title = Spravovať moje čísla mobilných telefónov
phones-intro = Na tieto čísla môže prísť kód v SMS, keď sa prihlasujete spôsobom „Mobilný telefón + SMS“. SMS je menej bezpečná ako mobilná aplikácia alebo bezpečnostný kľúč: ak môžete, použite radšej jednu z týchto možností.
phones-added = Číslo bolo pridané.
phones-removed = Číslo bolo odstránené.
phones-none = Nie je zaregistrované žiadne číslo mobilného telefónu.
phones-col-label = Názov
phones-col-number = Číslo
phones-remove = Odstrániť
phones-add = Pridať číslo mobilného telefónu
phones-retired = Prihlasovanie pomocou SMS bolo ukončené: zaregistrujte si iný spôsob overenia (mobilnú aplikáciu, bezpečnostný kľúč alebo prístupový kľúč).
phones-unavailable = Prihlasovanie pomocou SMS sa pre vaše konto neponúka.
phones-add-intro = Na toto číslo bude v SMS odoslaný kód; zadajte ho na ďalšej stránke.
phones-number-label = Číslo mobilného telefónu
phones-number-hint = Medzinárodný formát začínajúci znakom + a predvoľbou krajiny, napríklad pre Belgicko: +32 470 12 34 56.
phones-label-label = Názov (nepovinné)
phones-label-hint = Názov, podľa ktorého toto číslo spoznáte, napríklad „Môj pracovný telefón“.
phones-add-submit = Pridať
phones-back = Späť na moje čísla mobilných telefónov
phones-confirm-title = Potvrďte číslo mobilného telefónu
phones-confirm-intro = Zadajte kód, ktorý vám bol poslaný v SMS na váš mobilný telefón. Doručenie správy môže trvať niekoľko minút.
phones-code-label = Kód z SMS
phones-code-hint = 8 znakov, napríklad ABCD-EFGH.
phones-confirm-submit = Dokončiť
phones-cancel = Zrušiť
phones-error-no-such-number = Toto číslo nie je zaregistrované vo vašom konte.
dev-outbox-sms-title = SMS
dev-outbox-sms-empty = Zatiaľ nebola odoslaná žiadna SMS.
dev-outbox-sms-text = Text

## Transaction signing (issue 18)
sign-page-title = Podpísať transakciu
sign-fields-caption = Čo máte potvrdiť
sign-retype-note = (mobilná aplikácia vás požiada o jeho prepísanie)
sign-expires = Táto žiadosť vyprší { $time }.
sign-intro = Skontrolujte každý riadok vyššie. Ak chcete podpísať, zadajte heslo, zvoľte spôsob potvrdenia a kliknite na Podpísať.
sign-method-label = Potvrdiť pomocou
sign-submit = Podpísať
sign-cancel = Odmietnuť a vrátiť sa do služby
sign-back = Späť na stránku podpisovania
sign-error-unknown = Táto žiadosť o podpis neexistuje. Vráťte sa do služby a začnite znova.
sign-error-finished = Táto žiadosť o podpis už bola podpísaná alebo odmietnutá.
sign-error-expired = Platnosť tejto žiadosti o podpis vypršala. Vráťte sa do služby a začnite znova.
sign-error-other-user = Táto žiadosť o podpis je určená pre iné konto, než ktoré je tu prihlásené. Najprv sa odhláste alebo žiadosť odmietnite v službe.
sign-error-changed = Údaje transakcie už nezodpovedajú tomu, čo bolo požadované. Nič nebolo podpísané.
sign-error-method = Túto žiadosť nemožno podpísať týmto spôsobom. Zvoľte iný.
sign-error-no-method = Nemáte žiadny spôsob overenia, ktorý táto žiadosť prijíma. Zaregistrujte si ho v časti Moje konto (mobilné zariadenie, bezpečnostný kľúč, token alebo telefónne číslo) a potom začnite znova zo služby.
sign-error-password = Heslo nie je správne.
sign-error-again = Platnosť tohto kroku vypršala alebo už bol krok použitý. Zadajte znova svoje heslo.
sign-error-throttled = Príliš veľa pokusov. Skúste to znova po { $until }.
account-signatures-title = Moje podpisy
account-signatures-link = Mnou podpísané transakcie
account-signatures-intro = Transakcie, o ktorých podpis vás služby požiadali prostredníctvom Limen. Potvrdenie je podpísaný doklad, ktorý služba dostala.
account-signatures-empty = Zatiaľ ste neboli požiadaní o žiadny podpis.
account-signatures-service = Služba
account-signatures-what = Transakcia
account-signatures-when = Dátum
account-signatures-method = Podpísané pomocou
account-signatures-status = Stav
account-signatures-status-pending = čaká
account-signatures-status-signed = podpísané
account-signatures-status-cancelled = odmietnuté
account-signatures-status-expired = vypršalo
account-signatures-receipt = Stiahnuť potvrdenie
account-signatures-report = Toto nie je môj podpis
account-signatures-reported = nahlásené ako cudzie
account-signatures-report-done = Ďakujeme. Podpis je označený ako cudzí a zaznamenaný; poslali sme vám e-mail. Ak niekto pozná vaše heslo, ihneď ho zmeňte, a ak by niektoré z vašich zariadení mohlo byť v cudzích rukách, odstráňte ho.
account-signatures-report-unknown = Tento podpis nemožno nahlásiť (nie je váš, nie je podpísaný alebo už bol nahlásený).
mail-signature-reported-subject = Podpis bol nahlásený ako cudzí
mail-signature-reported-text = Nahlásili ste, že transakcia „{ $title }“ podpísaná pre službu { $service } nebola podpísaná vami.
demo-sign-link = Podpísať prevod (podpisovanie transakcií)
demo-sign-title = Ukážková služba: podpísať prevod
demo-sign-intro = Ukážková služba vás žiada o podpísanie prevodu druhým faktorom. Limen vám prevod zobrazí, vy ho potvrdíte a ukážková služba overí podpísané potvrdenie pomocou zverejnených kľúčov Limen.
demo-sign-transfer = Prevod kvót
demo-sign-amount = Suma
demo-sign-beneficiary = Účet príjemcu
demo-sign-beneficiary-hint = Číslo účtu, napríklad EU-100-5 (EU-, tri číslice, -, jedna až šesť číslic). Mobilná aplikácia vás požiada o jeho prepísanie.
demo-sign-submit = Podpísať tento prevod
demo-sign-back = Späť do ukážkovej služby
demo-sign-verified = Podpis potvrdenia je platný: Limen potvrdzuje, že ste tento prevod podpísali vy.
demo-sign-refused = Prevod nebol podpísaný (odmietnuté).
demo-sign-invalid = Potvrdenie sa nepodarilo overiť. Nič nebolo podpísané.
demo-sign-result-unknown = Tento výsledok je neznámy, vypršal alebo už bol použitý.
demo-sign-method = Podpísané pomocou
demo-sign-when = Čas podpisu
demo-sign-key = Kľúč Limen
demo-sign-raw = Potvrdenie v prijatej podobe (JWS)
token-error-cannot-sign = Týmto tokenom nemožno potvrdiť transakciu: zvoľte iný spôsob.
sign-error-qr-too-large = Táto transakcia je pre QR kód aplikácie príliš veľká. Zvoľte iný spôsob.
sign-error-password-expired = Platnosť vášho hesla vypršala. Najprv ho zmeňte (prihláste sa do časti Moje konto) a potom podpíšte znova.

## Federation: eID and social network sign-in (issue 19)
account-eids = Spravovať moje eID a prepojené kontá
account-eids-desc = Prepojte svoj národný eID alebo konto sociálnej siete, aby ste sa ním mohli prihlasovať, alebo prepojenie zrušte.
upstream-or-sign-in-with = Alebo sa prihláste pomocou
upstream-sign-in-with = Prihlásiť sa pomocou { $upstream }
upstream-failed-title = Prihlásenie nebolo dokončené
upstream-unknown = Táto možnosť prihlásenia nie je k dispozícii.
upstream-unreachable = Poskytovateľa identity sa nepodarilo kontaktovať. Skúste to neskôr alebo použite iný spôsob overenia.
upstream-gone = Platnosť tohto pokusu o prihlásenie vypršala, pokus už bol použitý alebo bol začatý v inom prehliadači. Začnite znova na prihlasovacej stránke.
upstream-denied = Poskytovateľ identity vás neprihlásil (možno ste prihlásenie zrušili). Začnite znova alebo použite iný spôsob overenia.
upstream-refused = Odpoveď poskytovateľa identity sa nepodarilo overiť, a preto prihlásenie neprebehlo. Začnite znova; ak sa to zopakuje, informujte technickú podporu.
upstream-linked-elsewhere = Toto konto poskytovateľa identity je už prepojené s iným kontom tu. Najprv toto prepojenie zrušte v časti Moje konto druhého konta.
upstream-account-unusable = Konto prepojené s touto identitou sa nemôže prihlásiť (je zablokované alebo jeho adresa ešte nie je potvrdená).
upstream-linked-title = Konto bolo prepojené
upstream-linked-text = Odteraz sa ním môžete prihlasovať. Prepojenie môžete zrušiť v časti Moje konto, „Spravovať moje eID a prepojené kontá“.
upstream-continue = Pokračovať
upstream-choice-title = Takmer hotovo
upstream-choice-intro = Prihlásili ste sa pomocou { $upstream }, ale zatiaľ s ním nie je prepojené žiadne konto tu.
upstream-have-account = Už mám konto
upstream-have-account-text = Prihláste sa do svojho konta ako obvykle (s druhým faktorom, ak ho máte); potom bude prepojené a budete sa môcť prihlasovať oboma spôsobmi.
upstream-sign-in-to-link = Prihlásiť sa a prepojiť
upstream-new-account = Vytvoriť nové konto
upstream-new-account-text = Skontrolujte meno a adresu, ktoré poskytol poskytovateľ identity, a v prípade potreby ich opravte.
upstream-email-vouched = { $upstream } túto adresu potvrdil: vaše konto je hneď pripravené.
upstream-email-confirm = Na túto adresu pošleme odkaz, aby sme overili, že je vaša; konto bude možné používať, keď odkaz otvoríte.
upstream-create = Vytvoriť moje konto
upstream-check-mailbox-title = Skontrolujte svoju e-mailovú schránku
upstream-check-mailbox = Na adresu { $email } bol odoslaný e-mail. Pomocou odkazu v ňom aktivujte svoje konto.
upstream-check-mailbox-hint = Ak e-mail nepríde do niekoľkých minút, pozrite sa do priečinka s nevyžiadanou poštou.
upstream-sign-up-closed = Pri tomto poskytovateľovi identity nemožno vytvoriť konto. Prihláste sa do existujúceho konta, aby ste ho prepojili.
upstream-activated-title = Adresa bola potvrdená
upstream-activated-text = Vaše konto { $email } je aktívne. Prihláste sa u poskytovateľa identity, pomocou ktorého bolo vytvorené.
upstream-activation-gone = Tento odkaz už nie je platný: už bol použitý alebo jeho platnosť vypršala.
upstream-sign-in = Prihlásiť sa
upstream-links-title = Spravovať moje eID a prepojené kontá
upstream-links-intro = Kontá u iných poskytovateľov identity (národný eID, sociálna sieť), pomocou ktorých sa môžete prihlásiť. Konto sociálnej siete poskytuje základné prihlásenie: služby, ktoré potrebujú viac, požiadajú o iný spôsob.
upstream-links-none = Nie je prepojené žiadne konto.
upstream-links-linked = Konto bolo prepojené.
upstream-links-removed = Prepojenie bolo zrušené.
upstream-links-col-provider = Poskytovateľ identity
upstream-links-col-account = Konto
upstream-links-remove = Odstrániť
upstream-links-add = Prepojiť konto
upstream-links-link-with = Prepojiť s { $upstream }
upstream-links-last-way-in = Toto je jediný spôsob prístupu k vášmu kontu: najprv si nastavte heslo („Zabudnuté heslo?“ na prihlasovacej stránke) alebo prepojte iné konto.
upstream-links-not-found = Také prepojenie neexistuje.
mail-upstream-activate-subject = Potvrďte svoju e-mailovú adresu
mail-upstream-activate-text = Bolo vám vytvorené konto pomocou { $upstream }.
mail-upstream-activate-action = Potvrdiť moju adresu
mail-upstream-tried-subject = Niekto sa pokúsil vytvoriť konto s vašou adresou
mail-upstream-tried-text = Niekto sa prihlásil pomocou { $upstream } a pokúsil sa vytvoriť konto s adresou { $email }, ku ktorej tu už konto existuje. Nič nebolo zmenené.
mail-upstream-tried-link = Ak ste to boli vy: prihláste sa ako obvykle a potom prepojte { $upstream } v časti Moje konto.
mail-upstream-tried-action = Spravovať moje prepojené kontá
upstream-activate-title = Potvrďte svoje konto
upstream-activate-text = Na dokončenie sa v tomto prehliadači prihláste do konta { $email } u poskytovateľa identity, pomocou ktorého bolo vytvorené.
upstream-method-unavailable = Tento spôsob prihlásenia sa pre vaše konto neponúka. Použite iný spôsob overenia.

## SAML identity provider (docs/SAML.md)
saml-error-title = Žiadosť aplikácie o prihlásenie nemožno prijať
saml-error-hint = Vráťte sa do aplikácie a začnite znova. Ak sa to opakuje, obráťte sa na podporu aplikácie.
saml-error-refused = Aplikácia odoslala žiadosť o prihlásenie, ktorú Limen nemôže prijať.
saml-error-unknown-sp = Aplikácia, ktorá vás sem poslala, nie je zaregistrovaná v tejto prihlasovacej službe.
saml-error-used = Táto žiadosť o prihlásenie už bola použitá. Vráťte sa do aplikácie a prihláste sa odtiaľ.
saml-error-busy = Z vašej siete prišlo príliš veľa žiadostí o prihlásenie. Minútu počkajte a skúste to znova.
saml-error-other-browser = Táto žiadosť o prihlásenie bola začatá v inom prehliadači. Začnite znova z aplikácie v tomto prehliadači.
saml-logout-partial = Tieto aplikácie nepotvrdili vaše odhlásenie: { $services }. Pre istotu zatvorte prehliadač.
demo-saml-title = Ukážková aplikácia (SAML)
demo-saml-intro = Táto ukážková aplikácia vás prihlasuje cez SAML 2.0, ako to robí mnoho podnikových aplikácií: posiela do Limen žiadosť o autentifikáciu a prijíma podpísané tvrdenie (assertion) vo svojej službe na prijímanie tvrdení (assertion consumer service). Potom zobrazí NameID a prijaté atribúty, overené kľúčmi, ktoré Limen zverejňuje vo svojich metadátach.
demo-saml-sign-in = Prihlásiť sa cez SAML
demo-saml-variant = Vyskúšať variant SAML
demo-saml-done = Ste prihlásení. Tu je, čo aplikácia dostala.
demo-saml-verified = Podpis tvrdenia bol overený ({ $alg }) kľúčmi z metadát SAML systému Limen.
demo-saml-attributes = Atribúty
