app-tagline = En račun, veliko storitev
language-label = Jezik
nav-my-account = Moj račun
nav-logout = Odjava
nav-signed-in-as = Prijavljeni kot { $name }

login-title = Za nadaljevanje se prijavite
login-email-label = Uporabite svoj e-poštni naslov
login-next = Naprej
login-welcome = Dobrodošli
login-external = (zunanji uporabnik)
login-switch-account = Se želite prijaviti z drugim e-poštnim naslovom?
login-password-label = Geslo
login-lost-password = Ste pozabili geslo?
login-method-label = Način preverjanja
login-submit = Prijava
requested-by = Zahteva storitve { $service }
method-PASSWORD = Geslo
method-PASSWORD-desc = Avtenticirajte se samo z geslom.

error-email-empty = Vnesite svoj e-poštni naslov.
error-email-invalid = To ni veljaven e-poštni naslov. Preverite ga in poskusite znova.
error-email-character = Ta naslov vsebuje neviden ali nenavaden znak ({ $codepoint }), na primer oznako smeri besedila ali presledek ničelne širine, ki pogosto pride v besedilo pri kopiranju in lepljenju. Znova vnesite naslov.
error-password-empty = Vnesite svoje geslo.
error-credentials = E-poštni naslov ali geslo ni pravilno.
error-method-unavailable = Ta način preverjanja tukaj ni na voljo. Izberite drugega.
error-throttled = { $minutes ->
    [one] Preveč neuspešnih poskusov. Poskusite znova čez { $minutes } minuto (ob { $time } UTC).
    [two] Preveč neuspešnih poskusov. Poskusite znova čez { $minutes } minuti (ob { $time } UTC).
    [few] Preveč neuspešnih poskusov. Poskusite znova čez { $minutes } minute (ob { $time } UTC).
   *[other] Preveč neuspešnih poskusov. Poskusite znova čez { $minutes } minut (ob { $time } UTC).
}
error-account-locked = Ta račun je zaklenjen. Za odklepanje se obrnite na službo za pomoč uporabnikom.
error-csrf = Ta obrazec je potekel ali je bil poslan z drugega spletnega mesta. Poskusite znova.
error-no-method = Za vaš račun ni na voljo noben od načinov preverjanja, ki jih sprejema storitev { $service }.
error-insufficient-assurance = Storitev { $service } zahteva račun z višjo ravnjo zanesljivosti identitete, kot jo ima vaš.
error-bad-request = Zahteva ni veljavna.
error-internal = Prišlo je do notranje napake. Poskusite znova pozneje.
error-not-found = Ta stran ne obstaja.
error-page-title = Prišlo je do napake
unavailable-title = Začasno ni na voljo
unavailable-text = Storitev trenutno ne more odgovoriti. Poskusite znova čez nekaj sekund.
busy-title = Preveč hkratnih prijav
busy-text = Storitev je zelo obremenjena. Poskusite znova čez nekaj sekund.
back-to-login = Nazaj na stran za prijavo

unknown-service-title = Neznana storitev
unknown-service-text = Aplikacija, ki vas je poslala sem, ni registrirana pri tej storitvi za prijavo, zato vas nismo preusmerili nazaj vanjo. To vas ščiti pred spletnimi mesti, ki se izdajajo za storitev, ki ji zaupate.
unknown-service-hint = Če ste sledili povezavi iz znane storitve, obvestite njeno službo za pomoč uporabnikom, da njen naslov ni registriran.
login-request-gone-title = Povezava za prijavo ni veljavna
login-request-gone-text = Ta povezava za prijavo je neznana, je potekla ali je bila že uporabljena, zato se z njo ni mogoče prijaviti.
login-request-gone-hint = Vrnite se v aplikacijo in od tam znova začnite prijavo.

login-success-title = Avtentikacija je uspela
login-success-text = Prijavljeni ste.
login-success-hint = Če ne želite več samodejne prijave, kliknite Odjava ali zaprite vsa okna spletnega brskalnika.
continue-title = Nadaljuj v storitev
continue-text = Brskalnik ni samodejno nadaljeval. Pritisnite gumb za nadaljevanje v storitev { $service }.
continue-button = Nadaljuj

logout-title = Odjava
logout-text = Odjavljeni ste.
logout-services = { $count ->
    [0] V tej seji ni bila odprta nobena storitev.
    [1] Storitev, ki ste jo uporabljali, je bila obveščena o vaši odjavi.
    [one] { $count } storitev, ki ste jo uporabljali, je bila obveščena o vaši odjavi.
    [two] { $count } storitvi, ki ste ju uporabljali, sta bili obveščeni o vaši odjavi.
    [few] { $count } storitve, ki ste jih uporabljali, so bile obveščene o vaši odjavi.
   *[other] { $count } storitev, ki ste jih uporabljali, je bilo obveščenih o vaši odjavi.
}
logout-close-browser = Zaradi varnosti po končanem delu zaprite brskalnik.

lost-password-title = Pozabljeno geslo

account-title = Moj račun
account-sessions = Prikaži moje seje
account-sessions-desc = Ogledate si lahko svoje odprte seje in jih končate.
account-groups = Vaše skupine
account-groups-intro = Nekatere storitve prejmejo podatek o tem, v katere od teh skupin spadate. Skupine upravlja služba za pomoč uporabnikom.
account-groups-none = Ne spadate v nobeno skupino.

sessions-title = Moje seje
sessions-intro = To so brskalniki, v katerih ste prijavljeni. Končajte vsako sejo, ki je ne prepoznate.
sessions-current = Ta brskalnik
sessions-started = Prijava
sessions-last-seen = Zadnja dejavnost
sessions-address = Naslov
sessions-browser = Brskalnik
sessions-methods = Preverjeno z
sessions-services = Storitve
sessions-no-services = še nobena
sessions-end = Končaj to sejo
sessions-ended = Seja je bila končana.

demo-title = Predstavitvena storitev
demo-intro = Ta stran je storitev, ki jo ščiti ta strežnik za prijavo, tako kot bi ščitil katero koli aplikacijo vaše organizacije. Prejela je vstopnico CAS, jo preverila in dobila spodnje atribute.
demo-user = Uporabniško ime
demo-attributes = Prejeti atributi
demo-attribute = Atribut
demo-value = Vrednost
demo-logout = Odjava (enotna odjava)
demo-signed-out = V predstavitveno storitev niste prijavljeni.
demo-sign-in = Prijava v predstavitveno storitev
demo-ticket-invalid = Vstopnice ni bilo mogoče preveriti: { $reason }

login-create-account = Ustvari račun
back = Nazaj
proceed = Pojdi naprej
cancel = Prekliči
form-has-errors = Popravite naslednje:
field-first-name = Ime
field-last-name = Priimek
field-optional = (neobvezno)
field-email = E-pošta
field-email-confirm = Potrditev e-pošte
field-email-language = Jezik e-poštnih sporočil
field-email-language-help = Jezik e-poštnih sporočil, ki vam jih pošiljamo, ne glede na jezik teh strani. E-poštna sporočila pošiljamo samo za preverjanje vaše identitete ali za obveščanje o varnostnih dogodkih v vašem računu.
field-ui-language = Jezik teh strani
field-ui-language-browser = Kot zahteva moj brskalnik
field-current-password = Trenutno geslo
field-new-password = Novo geslo
field-confirm-password = Potrditev novega gesla
field-new-email = Nov e-poštni naslov

register-title = Ustvarite račun
register-staff-note = Zaposleni v organizacijah, ki uporabljajo to storitev, račun že imajo: namesto tega se prijavite s svojim službenim e-poštnim naslovom.
register-privacy-link = Izjava o varstvu zasebnosti
register-privacy-accept = Potrjujem seznanitev z izjavo o varstvu zasebnosti in jo sprejemam.
register-submit = Ustvari račun
register-have-account = Že imate račun? Prijavite se
register-closed = Na tem strežniku ni mogoče ustvariti računa. Obrnite se na službo za pomoč uporabnikom.
register-sent-title = Preverite svoj poštni predal
register-sent-text = Na naslov { $email } smo poslali e-poštno sporočilo. Sledite povezavi v njem, da ustvarite geslo.
register-sent-validity = Povezava velja { $validity }.
register-sent-spam = Če sporočilo ne prispe v nekaj minutah, poglejte v mapo z neželeno pošto.

captcha-legend = Dokažite, da ste človek
captcha-image-alt = Slika s črkami in števkami, ki jih vnesete v spodnje polje. Če je ne morete prebrati, namesto tega uporabite preverjanje pod poljem.
captcha-new = Nova koda
captcha-label = Vnesite kodo, prikazano na sliki
captcha-pow-intro = Slike ne morete prebrati? Naj namesto tega preverjanje opravi brskalnik: traja nekaj sekund in ne zahteva branja ali poslušanja.
captcha-pow-button = Namesto tega preveri z brskalnikom
captcha-pow-working = Preverjanje …
captcha-pow-done = Končano: kode vam ni treba vnesti.
captcha-pow-nojs = To preverjanje zahteva JavaScript; namesto tega vnesite kodo s slike.

error-name-too-long = To ime je predolgo (največ 100 znakov).
error-name-characters = To ime vsebuje nedovoljene znake: uporabite črke katere koli abecede, presledke, vezaje, opuščaje in pike.
error-first-name-required = Vnesite svoje ime.
error-last-name-required = Vnesite svoj priimek.
error-email-confirm-empty = Še enkrat vnesite svoj e-poštni naslov.
error-email-mismatch = E-poštna naslova se ne ujemata.
error-email-same = To je že vaš e-poštni naslov.
error-email-taken = Naslov { $email } že uporablja drug račun.
error-captcha = Koda ni pravilna. Vnesite kodo z nove slike ali uporabite preverjanje z brskalnikom.
error-captcha-expired = Koda je potekla. Vnesite kodo z nove slike ali uporabite preverjanje z brskalnikom.
error-captcha-used = Ta koda je bila že uporabljena. Vnesite kodo z nove slike ali uporabite preverjanje z brskalnikom.
error-captcha-invalid = Kode ni bilo mogoče preveriti (stran je bila morda spremenjena). Vnesite kodo z nove slike ali uporabite preverjanje z brskalnikom.
error-privacy = Če želite ustvariti račun, sprejmite izjavo o varstvu zasebnosti.
error-too-many-requests = Preveč zahtev za ta naslov ali iz vašega omrežja. Poskusite znova čez eno uro.
error-new-password-empty = Izberite novo geslo.
error-confirm-password-empty = Še enkrat vnesite novo geslo.
error-password-mismatch = Gesli se ne ujemata.
error-password-wrong = Geslo ni pravilno.
error-too-many-attempts = Preveč neuspešnih poskusov. Počakajte nekaj časa in poskusite znova.

password-policy-intro = Geslo mora vsebovati vsaj 10 znakov in kombinacijo:
password-policy-upper = velikih črk,
password-policy-lower = malih črk,
password-policy-digits = števk,
password-policy-special = posebnih znakov.
password-policy-advice = Izberite čim daljše in čim bolj zapleteno geslo, da bo vaš račun varnejši, vendar ne pozabite, da si ga boste morali zapomniti.
password-problem-too-short = Ima manj kot 10 znakov.
password-problem-too-long = Predolgo je.
password-problem-no-upper = Nima velike črke.
password-problem-no-lower = Nima male črke.
password-problem-no-digit = Nima števke.
password-problem-no-special = Nima posebnega znaka.
password-problem-common = Preveč pogosto je: napadalec bi ga poskusil med prvimi.
password-problem-personal-data = Vsebuje vaš e-poštni naslov ali vaše ime.
password-problem-control-characters = Vsebuje nevidne krmilne znake.
password-strength = Moč: { $label }
password-strength-0 = zelo šibko
password-strength-1 = šibko
password-strength-2 = zadovoljivo
password-strength-3 = dobro
password-strength-4 = močno
zx-w-StraightRowsOfKeysAreEasyToGuess = Ravne vrste tipk je lahko uganiti.
zx-w-ShortKeyboardPatternsAreEasyToGuess = Kratke vzorce na tipkovnici je lahko uganiti.
zx-w-RepeatsLikeAaaAreEasyToGuess = Ponovitve, kot je „aaa“, je lahko uganiti.
zx-w-RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess = Ponovitve, kot je „abcabcabc“, je le malo težje uganiti kot „abc“.
zx-w-ThisIsATop10Password = To je eno od 10 najpogostejših gesel.
zx-w-ThisIsATop100Password = To je eno od 100 najpogostejših gesel.
zx-w-ThisIsACommonPassword = To je zelo pogosto geslo.
zx-w-ThisIsSimilarToACommonlyUsedPassword = To geslo je podobno pogosto uporabljenemu geslu.
zx-w-SequencesLikeAbcAreEasyToGuess = Zaporedja, kot sta abc ali 6543, je lahko uganiti.
zx-w-RecentYearsAreEasyToGuess = Nedavne letnice je lahko uganiti.
zx-w-AWordByItselfIsEasyToGuess = Posamezno besedo je lahko uganiti.
zx-w-DatesAreOftenEasyToGuess = Datume je pogosto lahko uganiti.
zx-w-NamesAndSurnamesByThemselvesAreEasyToGuess = Samostojna imena in priimke je lahko uganiti.
zx-w-CommonNamesAndSurnamesAreEasyToGuess = Pogosta imena in priimke je lahko uganiti.
zx-s-UseAFewWordsAvoidCommonPhrases = Uporabite nekaj besed, izogibajte se pogostim besednim zvezam.
zx-s-NoNeedForSymbolsDigitsOrUppercaseLetters = Dolžina je pomembnejša od simbolov, števk ali velikih črk.
zx-s-AddAnotherWordOrTwo = Dodajte še eno ali dve besedi. Nenavadne besede so boljše.
zx-s-CapitalizationDoesntHelpVeryMuch = Velike začetnice ne pomagajo veliko.
zx-s-AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase = Geslo iz samih velikih črk je skoraj tako lahko uganiti kot geslo iz samih malih.
zx-s-ReversedWordsArentMuchHarderToGuess = Besede, zapisane nazaj, ni veliko težje uganiti.
zx-s-PredictableSubstitutionsDontHelpVeryMuch = Predvidljive zamenjave, kot je „@“ namesto „a“, ne pomagajo veliko.
zx-s-UseALongerKeyboardPatternWithMoreTurns = Uporabite daljši vzorec na tipkovnici z več spremembami smeri.
zx-s-AvoidRepeatedWordsAndCharacters = Izogibajte se ponavljajočim se besedam in znakom.
zx-s-AvoidSequences = Izogibajte se zaporedjem.
zx-s-AvoidRecentYears = Izogibajte se nedavnim letnicam.
zx-s-AvoidYearsThatAreAssociatedWithYou = Izogibajte se letnicam, ki so povezane z vami.
zx-s-AvoidDatesAndYearsThatAreAssociatedWithYou = Izogibajte se datumom in letnicam, ki so povezani z vami.

password-new-title = Ustvarite geslo
password-new-intro = Izberite geslo in ga vnesite dvakrat, da se prepričate, da se niste zatipkali.
password-reset-title = Izberite novo geslo
password-reset-intro = Izberite novo geslo in ga vnesite dvakrat. Ko bo shranjeno, se končajo vse seje vašega računa.
password-expired-title = Vaše geslo je poteklo
password-expired-intro = Vaše geslo je prestaro. Za nadaljevanje izberite novo in ga vnesite dvakrat.
password-submit = Pošlji
password-change-title = Spremeni moje geslo
password-change-submit = Spremeni moje geslo
password-done-title = Vaše geslo je shranjeno
password-done-text = Zdaj ste prijavljeni.
password-done-proceed = Kliknite „Pojdi naprej“ za nadaljevanje v storitev { $service }.
password-changed-title = Geslo je spremenjeno
password-changed-text = Vaše geslo je bilo spremenjeno. To vam potrjuje e-poštno sporočilo.
password-changed-sessions = { $count ->
    [1] Vaša druga seja je bila končana.
    [one] Vaša { $count } druga seja je bila končana.
    [two] Vaši drugi { $count } seji sta bili končani.
    [few] Vaše druge { $count } seje so bile končane.
   *[other] Vaših drugih { $count } sej je bilo končanih.
}

link-invalid-title = Te povezave ni mogoče uporabiti
link-invalid-text = Ta povezava ni veljavna. Preverite, ali ste iz e-poštnega sporočila kopirali celoten naslov, ali zahtevajte novo povezavo.
link-used-text = Ta povezava je bila že uporabljena. Vsaka povezava deluje samo enkrat; če jo potrebujete, zahtevajte novo.
link-expired-login = Ta stran je potekla. Znova se prijavite, da izberete novo geslo.
link-email-expired = Ta povezava je potekla. Spremembo e-poštnega naslova znova zahtevajte v razdelku Moj račun.
link-expired-title = Ta povezava je potekla
link-expired-text = Povezava, ki ste ji sledili, je prestara. Znova vnesite svoj e-poštni naslov, da prejmete novo.
link-expired-submit = Pošljite mi novo povezavo

lost-password-intro = Vnesite e-poštni naslov svojega računa. Poslali vam bomo povezavo za izbiro novega gesla.
lost-password-submit = Pošljite mi povezavo
lost-password-sent-title = Preverite svoj poštni predal
lost-password-sent = Če za naslov { $email } obstaja račun, smo nanj poslali e-poštno sporočilo s povezavo za izbiro novega gesla.
lost-password-sent-validity = Povezava velja { $validity }.

account-details = Moji osebni podatki
account-details-desc = Spremenite svoje ime, jezike, ki jih uporabljamo, ali svoj e-poštni naslov.
account-password = Spremeni moje geslo
account-password-desc = Izberite novo geslo; vaše druge seje se končajo.
account-delete = Izbriši moj račun
account-delete-desc = Odstranite svoj račun in svoje osebne podatke.
details-title = Moji osebni podatki
details-uid = Uporabniško ime
details-save = Shrani
details-saved = Vaše spremembe so shranjene.
details-email-title = Spremeni moj e-poštni naslov
details-email-text = Na novi naslov bomo poslali povezavo. Vaš naslov se spremeni, ko ji sledite, vaš trenutni naslov pa prejme obvestilo.
details-email-submit = Pošlji potrditveno povezavo
details-email-sent = Na novi naslov smo poslali potrditveno povezavo. Vaš naslov se spremeni, ko ji sledite.
email-confirm-title = Potrdite svoj novi e-poštni naslov
email-confirm-text = E-poštni naslov vašega računa se bo spremenil iz { $old } v { $new }. Prijavljali se boste z novim naslovom.
email-confirm-submit = Potrdi novi naslov
email-changed-title = E-poštni naslov je spremenjen
email-changed-text = Vaš e-poštni naslov je zdaj { $email }. Uporabljajte ga za prijavo.

delete-title = Izbriši moj račun
delete-text = Vaš račun in vaši osebni podatki bodo odstranjeni. Z njim se ne boste mogli več prijaviti v nobeno storitev. Tega ni mogoče razveljaviti.
delete-sessions = Vse seje vašega računa se zdaj končajo.
delete-password = Za potrditev vnesite svoje geslo.
delete-submit = Izbriši moj račun
deleted-title = Račun je izbrisan
deleted-text = Vaš račun je bil izbrisan, vaši osebni podatki pa odstranjeni.
deleted-mail = Izbris vam potrjuje e-poštno sporočilo.

privacy-title = Izjava o varstvu zasebnosti
privacy-1 = Ta storitev za prijavo hrani podatke, potrebne za vašo identifikacijo: vaše ime in priimek, e-poštni naslov, izbrane jezike in zgoščeno vrednost (hash) vašega gesla (nikoli samega gesla).
privacy-2 = Beleži varnostne dogodke (prijave, spremembe gesla in naslova) s časom in omrežnim naslovom, da zaščiti vaš račun in omogoči preiskavo zlorab.
privacy-3 = Storitvam, v katere se prijavljate, posreduje samo tiste atribute, za prejemanje katerih je posamezna storitev registrirana.
privacy-4 = E-poštna sporočila se pošiljajo samo za preverjanje vaše identitete ali za obveščanje o varnostnih dogodkih v vašem računu.
privacy-5 = Svoje podatke si lahko ogledate in spremenite v razdelku Moj račun, kjer lahko svoj račun tudi kadar koli izbrišete.

dev-outbox-title = Razvojni izhodni predal
dev-outbox-warning = Razvojni način: ta stran prikazuje vsako e-poštno sporočilo, ki ga je poslal strežnik. Nikoli ga ne smete omogočiti na strežniku, do katerega dostopajo resnični uporabniki.
dev-outbox-transport = Dostava pošte: { $transport }
dev-outbox-empty = Poslano ni bilo še nobeno e-poštno sporočilo.
dev-outbox-when = V čakalni vrsti od
dev-outbox-to = Za
dev-outbox-subject = Zadeva
dev-outbox-status = Stanje
dev-outbox-sent = dostavljeno
dev-outbox-failed = napaka: { $error }
dev-outbox-queued = { $attempts ->
    [0] čaka
    [1] čaka, en neuspešen poskus
    [one] čaka, { $attempts } neuspešen poskus
    [two] čaka, { $attempts } neuspešna poskusa
    [few] čaka, { $attempts } neuspešni poskusi
   *[other] čaka, { $attempts } neuspešnih poskusov
}
dev-outbox-links = Povezave
dev-outbox-raw = Sporočilo, kot je bilo poslano

duration-hours = { $n ->
    [one] { $n } uro
    [two] { $n } uri
    [few] { $n } ure
   *[other] { $n } ur
}
duration-minutes = { $n ->
    [one] { $n } minuto
    [two] { $n } minuti
    [few] { $n } minute
   *[other] { $n } minut
}

mail-greeting = Pozdravljeni, { $name },
mail-signature = Poslal vam je Limen
mail-link-fallback = Če zgornja povezava ne deluje, kopirajte naslednji naslov (prepričajte se, da ste kopirali celoten naslov!) in ga prilepite v naslovno vrstico brskalnika:
mail-help = Če imate težavo, ne odgovarjajte na to sporočilo, temveč upoštevajte pomoč ali kontaktne podatke na spletnem mestu, kjer ste se poskušali registrirati.
mail-register-subject = Ustvarite geslo
mail-register-registered = Registrirani ste v sistemu Limen.
mail-register-address = Vaš e-poštni naslov je { $email }.
mail-register-follow = Za ustvarjanje gesla sledite spodnji povezavi:
mail-register-action = Ustvari moje geslo
mail-register-validity = Za uporabo te povezave imate največ { $validity } od trenutka, ko je bilo to sporočilo poslano, vendar vam priporočamo, da jo uporabite takoj. Po tem času lahko podate novo zahtevo prek iste povezave: takrat boste morali znova vnesti svoj e-poštni naslov in potrditi zahtevo.
mail-reset-subject = Izberite novo geslo
mail-reset-requested = Nekdo, verjetno vi, je zahteval izbiro novega gesla za račun { $email }.
mail-reset-follow = Za izbiro novega gesla sledite spodnji povezavi:
mail-reset-action = Izberi novo geslo
mail-reset-validity = Povezava deluje enkrat, in sicer { $validity } od pošiljanja tega sporočila. Nato jo znova zahtevajte z možnostjo „Ste pozabili geslo?“.
mail-reset-not-you = Če tega niste zahtevali vi, prezrite to sporočilo: vaše geslo ostane nespremenjeno.
mail-existing-subject = Račun že imate
mail-existing-text = Nekdo, verjetno vi, je poskušal ustvariti račun za { $email }. Za ta naslov račun že obstaja, zato nov ni bil ustvarjen.
mail-existing-lost = Če se gesla ne spomnite, izberite novo:
mail-existing-action = Ste pozabili geslo?
mail-existing-not-you = Če niste poskušali ustvariti računa, prezrite to sporočilo.
mail-email-confirm-subject = Potrdite svoj novi e-poštni naslov
mail-email-confirm-text = Če želite { $email } uporabljati kot e-poštni naslov svojega računa, sledite spodnji povezavi.
mail-email-confirm-action = Potrdi ta naslov
mail-email-confirm-not-you = Če tega niste zahtevali vi, prezrite to sporočilo: nič se ne spremeni.
mail-security-when = Kdaj: { $time }.
mail-security-not-you = Če to niste bili vi, takoj izberite novo geslo z „Ste pozabili geslo?“ in se obrnite na službo za pomoč uporabnikom.
mail-security-review = Preglej moj račun
mail-account-deleted-not-you = Če svojega računa niste izbrisali vi, se takoj obrnite na službo za pomoč uporabnikom.
mail-password-changed-subject = Vaše geslo je bilo spremenjeno
mail-password-changed-text = Geslo vašega računa je bilo spremenjeno.
mail-email-changed-subject = Vaš e-poštni naslov je bil spremenjen
mail-email-changed-text = E-poštni naslov vašega računa je bil spremenjen v { $new }. Ta naslov ne bo več prejemal sporočil o računu.
mail-account-deleted-subject = Vaš račun je bil izbrisan
mail-account-deleted-text = Vaš račun in njegovi osebni podatki so bili izbrisani.
mail-factor-added-subject = Vašemu računu je bil dodan način preverjanja
mail-factor-added-text = Vašemu računu je bil dodan način preverjanja „{ $name }“.
mail-factor-removed-subject = Iz vašega računa je bil odstranjen način preverjanja
mail-factor-removed-text = Iz vašega računa je bil odstranjen način preverjanja „{ $name }“.

## OpenID Connect
oidc-error-title = Na to zahtevo za prijavo ni mogoče odgovoriti
oidc-error-hint = Vrnite se v aplikacijo in poskusite znova. Če se to ponavlja, obvestite podporo aplikacije: njene nastavitve prijave se ne ujemajo z njeno registracijo.
oidc-error-missing-client = Zahteva ne navaja, iz katere aplikacije prihaja (manjka client_id).
oidc-error-unknown-client = Aplikacija, ki vas je poslala sem, ni registrirana pri tej storitvi za prijavo.
oidc-error-missing-redirect = Zahteva ne navaja, kam naj vas vrnemo (manjka redirect_uri).
oidc-error-bad-redirect = Naslov, na katerega vas je aplikacija želela vrniti, zanjo ni registriran, zato vas nismo preusmerili tja.
oidc-request-gone = Ta zahteva za prijavo je potekla ali ni veljavna. Vrnite se v aplikacijo in se znova prijavite.
oidc-consent-title = Želite deliti svoje podatke?
oidc-consent-text = Storitev { $service } želi:
oidc-consent-allow = Dovoli
oidc-consent-deny = Zavrni
oidc-scope-openid = potrditi, kdo ste
oidc-scope-profile = videti vaše ime in želeni jezik
oidc-scope-email = videti vaš e-poštni naslov
oidc-scope-offline-access = ohraniti dostop, ko ste odjavljeni
oidc-scope-groups = videti skupine, v katere spadate
oidc-logout-title = Odjava
oidc-logout-asked-by = Storitev { $service } želi, da se odjavite.
oidc-logout-question = Se želite odjaviti iz vseh aplikacij, v katere ste prijavljeni prek te storitve?
oidc-logout-yes = Odjava
oidc-logout-no = Ostanite prijavljeni
oidc-logout-bad-hint = Zahteva za odjavo vsebuje žeton identitete, ki ga ta storitev ni izdala ali ki je bil spremenjen.
oidc-logout-client-mismatch = Zahteva za odjavo navaja dve različni aplikaciji.
oidc-logout-bad-redirect = Naslov za vrnitev po odjavi za to aplikacijo ni registriran.
logout-frontchannel = Obveščene so tudi aplikacije, ki ste jih uporabljali.
logout-continue = Nadaljuj
demo-oidc-title = Predstavitvena aplikacija (OpenID Connect)
demo-oidc-intro = Ta predstavitvena aplikacija vas prijavi prek OpenID Connect, kot bi to storila sodobna spletna aplikacija: tok avtorizacijske kode s PKCE. Nato prikaže prejeti žeton ID, preverjen z objavljenimi ključi, in kaj o vas pove končna točka userinfo.
demo-oidc-sign-in = Prijava z OpenID Connect
demo-oidc-cas-variant = Namesto tega preizkusite različico CAS
demo-oidc-variant = Preizkusite različico OpenID Connect
demo-oidc-done = Prijavljeni ste. Tukaj je, kar je prejela aplikacija.
demo-oidc-verified = Podpis žetona ID je bil preverjen s ključem { $kid } ({ $alg }) iz objavljenega nabora ključev.
demo-oidc-claims = Trditve žetona ID
# same-as-en: the OpenID Connect endpoint's name
demo-oidc-userinfo = Userinfo
demo-oidc-header = Glava žetona ID
demo-oidc-again = Znova se prijavite
demo-oidc-failed = Prijava ni bila dokončana: { $reason }
demo-oidc-try-again = Poskusite znova
oidc-logout-repeated = Zahteva za odjavo ponavlja parameter, zato ji ni mogoče zaupati.

# Strengths, step-up and security keys (issue 5)
method-PASSWORD_WEBAUTHN = Varnostni ključ ali zaupanja vredna platforma
method-PASSWORD_WEBAUTHN-desc = Za avtentikacijo v sistemu Limen uporabite varnostni ključ, zaupanja vredno platformo ali ključ za dostop.
error-invalid-strength = Storitev { $service } je zahtevala načine preverjanja, ki jih ne sme uporabljati (INVALID_STRENGTH).
error-invalid-strength-hint = Obvestite službo za pomoč uporabnikom te storitve; na tej strani ne morete storiti ničesar.
login-stepup = Prijavljeni ste z geslom. Ta storitev zahteva močnejši način preverjanja: izberite ga spodaj.
login-register-method = Storitev { $service } zahteva način preverjanja, ki ga še niste nastavili: { $methods }.
login-register-link = Prijavite se z geslom, da ga registrirate: { $method }
login-method-retired = Način „{ $method }“ je bil { $date } ukinjen. V razdelku Moj račun registrirajte drug način preverjanja.
login-passkey = Prijava s ključem za dostop
account-webauthn = Upravljanje mojih varnostnih ključev in zaupanja vrednih platform
account-webauthn-desc = Dodajte, preimenujte ali odstranite svoje varnostne ključe, zaupanja vredne platforme in ključe za dostop.
back-to-keys = Nazaj na moje varnostne ključe
back-to-account = Nazaj na Moj račun
webauthn-keys-title = Moji varnostni ključi in zaupanja vredne platforme
webauthn-keys-intro = Varnostni ključ je majhna naprava (USB, NFC), ki deluje skupaj z vašim geslom. Zaupanja vredna platforma je avtentikator, vgrajen v vaš računalnik ali telefon (Windows Hello, Touch ID, Android). Ključ za dostop je shranjen v vašem telefonu ali upravitelju gesel in vas lahko prijavi brez gesla.
webauthn-keys-none = Niste še registrirali nobenega varnostnega ključa, zaupanja vredne platforme ali ključa za dostop.
webauthn-col-name = Ime
webauthn-col-kind = Vrsta
webauthn-col-model = Model
webauthn-col-created = Dodano
webauthn-col-last-used = Zadnja uporaba
webauthn-never-used = nikoli
webauthn-model-unknown = ni razkrito
webauthn-flagged = blokirano: morda je bilo kopirano; odstranite ga in ga znova registrirajte
webauthn-rename = Preimenuj
webauthn-delete = Izbriši
webauthn-add-heading = Dodajte napravo
webauthn-add-security_key = Dodaj varnostni ključ
webauthn-add-platform = Dodaj zaupanja vredno platformo
webauthn-add-passkey = Dodaj ključ za dostop
webauthn-kind-security_key = Varnostni ključ
webauthn-kind-platform = Zaupanja vredna platforma
webauthn-kind-passkey = Ključ za dostop
webauthn-kind-security_key-desc = ključ USB ali NFC, ki se ga dotaknete ob prijavi.
webauthn-kind-platform-desc = lastni avtentikator tega računalnika ali telefona (Windows Hello, Touch ID, zaklepanje zaslona v Androidu).
webauthn-kind-passkey-desc = v tej napravi, v vašem upravitelju gesel ali v vašem telefonu, ki ga uporabite s tem računalnikom (brskalnik prikaže kodo QR; Bluetooth mora biti vklopljen v obeh napravah).
webauthn-add-intro = Napravi dajte ime, ki ga boste prepoznali (na primer „Moj modri ključ“ ali „iPhone“), nato kliknite Pošlji in sledite navodilom brskalnika. Če vas brskalnik vpraša, ali naj anonimizira podatke o avtentikatorju, tega polja ne označite.
webauthn-device-name = Ime naprave
webauthn-submit = Pošlji
webauthn-stronger-needed = Če želite dodati še eno napravo, se boste morali najprej prijaviti z napravo, ki jo že imate.
webauthn-unavailable = Varnostni ključi in zaupanja vredne platforme za vaš račun niso na voljo.
webauthn-register-text = Sledite korakom, ki jih prikaže brskalnik: dotaknite se varnostnega ključa ali potrdite s kodo PIN, prstnim odtisom ali obrazom.
webauthn-register-status = Registracija poverilnice poteka …
webauthn-login-title = Varnostni ključ ali zaupanja vredna platforma
webauthn-login-text = Sledite korakom, ki jih prikaže brskalnik: dotaknite se varnostnega ključa ali potrdite s kodo PIN, prstnim odtisom ali obrazom.
webauthn-login-status = Čakanje na vaš varnostni ključ ali zaupanja vredno platformo …
webauthn-choose-title = Izberite napravo
webauthn-choose-text = Kliknite ime varnostnega ključa ali zaupanja vredne platforme, ki jo želite uporabiti.
webauthn-retry = Poskusite znova
webauthn-noscript = Ta korak zahteva JavaScript: prek njega brskalnik komunicira z vašim varnostnim ključem.
webauthn-added-security_key = Varnostni ključ je bil dodan.
webauthn-added-platform = Zaupanja vredna platforma je bila dodana.
webauthn-added-passkey = Ključ za dostop je bil dodan.
webauthn-deleted = Naprava je bila odstranjena.
webauthn-renamed = Naprava je bila preimenovana.
webauthn-error-cancelled = Postopek je bil preklican ali je trajal predolgo. Poskusite znova in odgovorite na poziv brskalnika.
webauthn-error-unsupported = Ta brskalnik tukaj ne more uporabljati varnostnih ključev ali ključev za dostop. Poskusite z drugim brskalnikom ali drugim načinom.
webauthn-error-already = Ta naprava je že registrirana v vašem računu.
webauthn-error-refused = Odgovora vaše naprave ni bilo mogoče preveriti. Poskusite znova ali uporabite drugo napravo.
webauthn-error-expired = To preverjanje je trajalo predolgo ali je bilo že uporabljeno. Začnite znova.
webauthn-error-unknown = Ta varnostni ključ ali ključ za dostop ni registriran v nobenem računu (morda je bil odstranjen). Prijavite se z geslom ali uporabite drugo napravo.
webauthn-error-other-account = Ta varnostni ključ pripada drugemu računu. Uporabite ključ, registriran v tem računu.
webauthn-error-cloned = Ta varnostni ključ je bil blokiran: njegov števec podpisov se je vrnil nazaj, zato je bil morda kopiran. Odstranite ga v razdelku Moj račun in ga znova registrirajte.
webauthn-error-not-verified = Vaša naprava vas ni preverila (PIN, prstni odtis ali obraz). Prijava brez gesla zahteva to preverjanje.
webauthn-error-no-key = Nimate uporabnega varnostnega ključa ali zaupanja vredne platforme. Registrirajte ga v razdelku Moj račun.
webauthn-error-name = Napravi dajte ime z 1 do 64 znaki.
webauthn-error-no-such-key = V vašem računu ni take naprave.
mail-factor-renamed-subject = Način preverjanja vašega računa je bil preimenovan
mail-factor-renamed-text = Način preverjanja „{ $old }“ je bil preimenovan v „{ $name }“.
demo-strong = Vprašaj znova in zahtevaj varnostni ključ ali ključ za dostop (acceptStrengths=PASSWORD_WEBAUTHN): seji, prijavljeni z geslom, se dvigne raven preverjanja
mail-panic-used-subject = Iz vašega računa so bili odstranjeni vsi načini preverjanja (PANIC)
mail-panic-used-text = V vašem računu je bila uporabljena funkcija PANIC: odstranjeni so bili vsi načini preverjanja razen gesla ({ $names }) in končane so bile vse seje. Za dostop do storitev, ki zahtevajo drugi faktor, dodajte novega v razdelku „Moj račun“.
mail-factors-removed-subject = Služba za pomoč uporabnikom je odstranila načine preverjanja vašega računa
mail-factors-removed-text = Služba za pomoč uporabnikom je iz vašega računa odstranila vse načine preverjanja razen gesla ({ $names }) in končala vse seje.
mail-mfa-on-subject = Večfaktorska avtentikacija je zdaj vedno zahtevana
mail-mfa-on-text = Možnost „Vedno zahtevaj večfaktorsko avtentikacijo“ je bila vklopljena: vsaka prijava v vaš račun se zdaj konča z drugim faktorjem.
mail-mfa-off-subject = Večfaktorska avtentikacija ni več vedno zahtevana
mail-mfa-off-text = Možnost „Vedno zahtevaj večfaktorsko avtentikacijo“ je bila izklopljena: storitve, ki sprejemajo samo geslo, ne zahtevajo več drugega faktorja.
login-code-text = Vnesite kodo, ki jo prikazuje vaša naprava.
login-code-challenge = Ta izziv vnesite v svojo napravo, nato vnesite odziv, ki ga prikaže:
login-code-sent = Koda je bila poslana na { $to }.
login-code-label = Koda
login-code-submit = Prijava
error-no-device = Za ta način preverjanja nimate uporabne naprave. Registrirajte jo v razdelku Moj račun.
error-code-wrong = Ta koda ni pravilna. Preverite jo in poskusite znova.
method-PASSWORD_MOBILE_APP = Koda PIN mobilne aplikacije EU Login
method-PASSWORD_MOBILE_APP-desc = Na telefonu se prikaže zahteva; potrdite jo s svojo kodo PIN.
method-PASSWORD_SOFTWARE_TOKEN = Koda QR mobilne aplikacije EU Login
method-PASSWORD_SOFTWARE_TOKEN-desc = Z aplikacijo skenirajte kodo QR in vnesite kodo, ki jo prikaže.
method-MOBILE_APP = V mobilni napravi
method-MOBILE_APP-desc = Prijavite se z aplikacijo v telefonu, na katerem brskate.
method-PASSWORD_SMS = Mobilni telefon + SMS
method-PASSWORD_SMS-desc = Prejmite kodo prek SMS na registrirani mobilni telefon.
method-PASSWORD_TOKEN = Žeton
method-PASSWORD_TOKEN-desc = Vnesite kodo, ki jo prikazuje vaš strojni žeton.
method-PASSWORD_TOKEN_CRAM = Žeton CRAM
method-PASSWORD_TOKEN_CRAM-desc = Vnesite izziv v svoj žeton, nato še njegov odziv.
method-EIDAS = eID
method-EIDAS-desc = Prijavite se z nacionalnim sredstvom elektronske identifikacije.
method-SOCIAL_NETWORKS = Družbena omrežja
method-SOCIAL_NETWORKS-desc = Prijavite se z računom družbenega omrežja.
method-CLIENT_CERT = Potrdilo
method-CLIENT_CERT-desc = Prijavite se z digitalnim potrdilom, nameščenim v brskalniku ali na pametni kartici.
account-methods = Metode avtentikacije
account-methods-desc = Oglejte si vse načine preverjanja svojega računa, zahtevajte večfaktorsko avtentikacijo ali jih vse odstranite (PANIC).
account-panic = Odstrani vse moje naprave (PANIC)
account-panic-desc = Ste izgubili svoje naprave? Odstranite jih vse samo z geslom.
methods-title = Metode avtentikacije
methods-intro = Načini preverjanja vašega računa poleg gesla: varnostni ključi, zaupanja vredne platforme, ključi za dostop in drugi, ko bodo dodani.
methods-none = Vaš račun poleg gesla nima nobenega načina preverjanja.
methods-col-kind = Vrsta
methods-col-name = Ime
methods-col-added = Dodano
methods-col-last-used = Zadnja uporaba
methods-never-used = Nikoli
methods-blocked = (blokirano)
methods-mfa-title = Vedno zahtevaj večfaktorsko avtentikacijo
methods-mfa-text = Ko je ta možnost vklopljena, se vsaka prijava v vaš račun konča z drugim faktorjem, tudi pri storitvah, ki sprejemajo samo geslo.
methods-mfa-on = Vklopljeno: vsaka prijava se konča z drugim faktorjem.
methods-mfa-off = Izklopljeno: storitvam, ki sprejemajo samo geslo, zadostuje geslo.
methods-mfa-turn-on = Vklopi
methods-mfa-turn-off = Izklopi
methods-mfa-turned-on = Večfaktorska avtentikacija je zdaj vedno zahtevana.
methods-mfa-turned-off = Večfaktorska avtentikacija ni več vedno zahtevana.
methods-mfa-no-factor = Najprej registrirajte drugi faktor: brez njega ni mogoče zahtevati večfaktorske avtentikacije.
methods-panic-title = Ste izgubili svoje naprave?
methods-panic-text = PANIC iz vašega računa odstrani vse načine preverjanja razen gesla – zanj zadostuje samo geslo – in konča vse seje.
methods-panic-link = Odstrani vse moje naprave (PANIC)
back-to-methods = Nazaj na metode avtentikacije
panic-title = Odstrani vse moje naprave (PANIC)
panic-intro = To uporabite, če ste izgubili varnostne ključe, ključe za dostop ali druge naprave ali menite, da jih ima nekdo drug. Nato:
panic-effect-factors = bodo iz vašega računa odstranjeni vsi načini preverjanja razen gesla;
panic-effect-sessions = bodo končane vse seje vašega računa v vseh brskalnikih in preklican dostop vseh aplikacij;
panic-effect-services = storitve, ki zahtevajo drugi faktor, ne bodo dosegljive, dokler ne registrirate novega.
panic-confirm = Razumem: vse moje naprave bodo odstranjene in vse moje seje končane.
panic-submit = Odstrani vse moje naprave
panic-confirm-needed = Za potrditev označite polje.
panic-not-allowed = Funkcija PANIC za vaš račun ni na voljo. Za odstranitev naprav se obrnite na službo za pomoč uporabnikom.
panic-too-many = Funkcija PANIC je bila danes v tem računu uporabljena prepogosto. Obrnite se na službo za pomoč uporabnikom.
panic-done = Vse vaše naprave so bile odstranjene in vse seje končane. O tem smo vam poslali e-poštno sporočilo.
panic-removed = Odstranjeno:
panic-unreachable = Dokler ne registrirate novega drugega faktorja, nimate dostopa do teh storitev:
panic-unreachable-none = Vse storitve, ki jih uporabljate, sprejemajo samo geslo.
panic-sign-in-again = Znova se prijavite
error-form-invalid = Ta obrazec ni bil izpolnjen, kot je pričakovano. Poskusite znova.
error-factor-throttled = Preveč napačnih odgovorov za drugi faktor. Poskusite znova čez { $minutes ->
    [one] { $minutes } minuto
    [two] { $minutes } minuti
    [few] { $minutes } minute
   *[other] { $minutes } minut
}.
mail-panic-confirm-subject = Potrdite PANIC: odstranitev vseh naprav vašega računa
mail-panic-confirm-text = Za vaš račun je bila z njegovim geslom zahtevana funkcija PANIC: odstranjeni bi bili vsi načini preverjanja razen gesla in končane vse seje.
mail-panic-confirm-validity = Če ste to bili vi, sledite tej povezavi in potrdite; povezava velja { $validity }:
mail-panic-confirm-action = Odstrani vse moje naprave
mail-panic-confirm-not-you = Če to niste bili vi, ne sledite povezavi: nekdo pozna vaše geslo. Takoj izberite novo z „Ste pozabili geslo?“.
panic-sent = Na vaš e-poštni naslov smo poslali povezavo. Sledite ji v eni uri, da odstranite vse svoje naprave: do takrat se ne odstrani nič.
panic-confirm-title = Potrditev: odstrani vse moje naprave
panic-confirm-text = Vsi načini preverjanja računa { $name } razen gesla bodo odstranjeni in vse seje končane.
panic-confirm-submit = Zdaj odstrani vse moje naprave
panic-link-gone = Ta povezava ni več veljavna (uporabljena, potekla ali zamenjana). PANIC znova zahtevajte v razdelku Moj račun.
panic-by-mail = Da se prepričamo, da ste to vi, vam nato pošljemo povezavo na vaš e-poštni naslov: naprave so odstranjene, ko ji sledite.
login-lost-devices = Ste izgubili varnostni ključ ali druge naprave?
methods-mfa-on-inactive = Vklopljeno, vendar vaš račun nima uporabnega drugega faktorja (blokiran ključ ali način, ki ni več na voljo): prijave se končajo z geslom, dokler ga ne registrirate.

## The mobile app (issue 14, docs/MOBILE-PROTOCOL.md)
account-mobile_app = Upravljanje mojih mobilnih naprav
account-mobile_app-desc = Dodajte, preimenujte ali odstranite telefone, s katerimi potrjujete prijave.
mobile_app-kind-mobile = Mobilna naprava
mobile_app-error-no-key = Nimate uporabne mobilne naprave. Dodajte jo v razdelku Moj račun.
software_token-error-no-key = Nimate uporabne mobilne naprave. Dodajte jo v razdelku Moj račun.
on_mobile-error-no-key = Nimate uporabne mobilne naprave. Dodajte jo v razdelku Moj račun.
mobile-title = Upravljanje mojih mobilnih naprav
mobile-intro = Aplikacija za avtentikacijo v vašem telefonu potrjuje vaše prijave: v telefonu se prikaže zahteva ali pa aplikacija prikaže kodo, ki jo vnesete tukaj. Vsaka naprava ima svojo kodo PIN.
mobile-none = Nimate še nobene mobilne naprave.
mobile-col-model = Sistem in model
mobile-locked = (zaklenjena – preveč napačnih kod PIN ali povezava prekinjena v njeni aplikaciji: odstranite jo in jo znova dodajte)
mobile-device-name = Ime naprave
mobile-delete = Odstrani
mobile-add = Dodaj mobilno napravo
mobile-add-intro = Napravi dajte ime, izberite njeno kodo PIN in jo vnesite še enkrat. Nato se prikaže koda QR: skenirajte jo z aplikacijo za avtentikacijo in tam vnesite isto kodo PIN.
mobile-stronger-needed = Če želite dodati ali odstraniti napravo, se najprej znova prijavite s svojim najmočnejšim načinom preverjanja.
mobile-pin = PIN ({ $n ->
    [one] vsaj { $n } števka
    [two] vsaj { $n } števki
    [few] vsaj { $n } števke
   *[other] vsaj { $n } števk
})
mobile-pin-again = Še enkrat PIN
mobile-submit = Nadaljuj
mobile-added = Mobilna naprava je bila dodana. Zdaj se lahko prijavite z njo.
mobile-deleted = Mobilna naprava je bila odstranjena: ne more več potrjevati vaših prijav.
mobile-renamed = Mobilna naprava je bila preimenovana.
mobile-unavailable = Mobilnih naprav ni mogoče uporabljati z vašim računom.
mobile-error-pin = PIN mora imeti od { $n } do 12 števk in vsebovati samo števke.
mobile-error-pin-again = Kodi PIN se ne ujemata. Vnesite ju znova.
mobile-error-not-scanned = Koda QR še ni bila skenirana. Če je potekla, napravo dodajte znova.
mobile-error-not-confirmed = Naprava je skenirala kodo QR, vendar še ni potrdila kode PIN.
mobile-error-pin-mismatch = PIN, vnesen v napravi, ni tisti, ki ste ga izbrali tukaj. Napravo dodajte znova.
mobile-error-enrol-expired = Koda QR je potekla. Napravo dodajte znova.
mobile-error-no-such-device = Take mobilne naprave nimate.
mobile-scan-text = Odprite aplikacijo za avtentikacijo v telefonu in skenirajte to kodo QR, da dodate „{ $name }“. Aplikacija nato zahteva kodo PIN, ki ste jo izbrali.
mobile-qr-label = Koda QR
mobile-link-text = Če je ne morete skenirati, prilepite to povezavo v aplikacijo:
mobile-scan-expiry = Koda QR deluje enkrat, in sicer { $n ->
    [one] { $n } minuto
    [two] { $n } minuti
    [few] { $n } minute
   *[other] { $n } minut
}.
mobile-waiting = Čakanje na vašo napravo …
mobile-scanned = Naprava je skenirala kodo: na njej potrdite kodo PIN.
mobile-continue = Nadaljuj
mobile-back = Nazaj na moje mobilne naprave
mobile-push-text = Vaši napravi je bila poslana zahteva. Preverite, ali se nanaša na to prijavo, nato v aplikacijo vnesite to število in svojo kodo PIN:
mobile-number-label = Število, ki ga vnesete v aplikacijo: { $number }
mobile-on-mobile-text = Odprite aplikacijo za avtentikacijo v tem telefonu, potrdite s svojo kodo PIN, nato se vrnite na to stran.
mobile-open-app = Odpri aplikacijo za avtentikacijo
mobile-waiting-approval = Čakanje na vašo odobritev … Ko odobrite, ta stran nadaljuje sama.
mobile-waiting-noscript = Ko odobrite v svoji napravi, pritisnite spodnji gumb.
mobile-approved-button = Odobreno v moji napravi
mobile-try-again = Poskusite znova
mobile-qr-text = To kodo QR skenirajte z aplikacijo za avtentikacijo (deluje brez omrežja), v aplikacijo vnesite svojo kodo PIN, nato tukaj vnesite 8-mestno kodo, ki jo prikaže.
mobile-qr-as-text = Koda QR kot besedilo
mobile-code-label = Koda, ki jo prikaže aplikacija
mobile-error-denied = Zahteva je bila v vaši napravi zavrnjena.
mobile-error-wrong-number = Število, vneseno v vaši napravi, ni bilo tisto, ki je prikazano tukaj. Poslana je bila nova zahteva: vnesite novo število.
mobile-error-pending = Vaša naprava še ni odgovorila. Odobrite zahtevo v njej in poskusite znova.
mobile-error-expired = Zahteva je potekla. Poskusite znova.
mobile-error-device-removed = Naprava, ki je odgovorila, ni več registrirana.
mobile-error-code-format = Koda ima 8 števk.
mobile-error-wrong-code = Ta koda ni pravilna. Skenirajte novo kodo QR in vnesite novo kodo.
mobile-error-enrol-on-device = Naprava sama dokonča svojo registracijo.
mobile-notice-push-held = V zadnji uri je bilo v vaših napravah zavrnjenih preveč zahtev, zato zaenkrat ne pošiljamo nobene zahteve. Namesto tega uporabite način s kodo QR ali poskusite znova pozneje.
mail-device-locked-subject = Mobilna naprava je bila zaklenjena
mail-device-unlinked-subject = Povezava z mobilno napravo je bila prekinjena
mail-device-unlinked-text = Povezava z vašo mobilno napravo „{ $name }“ je bila prekinjena v njeni aplikaciji za avtentikacijo („Prekini povezavo“ ali „Pozabljen PIN“). Naprava je zaklenjena in ne more več potrjevati prijav: odstranite jo v razdelku Moj račun in jo po želji znova dodajte. Če tega niste storili vi, ima vaš telefon morda nekdo drug.
mail-device-locked-text = Vaša mobilna naprava „{ $name }“ je bila zaklenjena po preveč napačnih kodah PIN. Ne more več potrjevati prijav: odstranite jo in jo znova dodajte v razdelku Moj račun. Če teh kod PIN niste vnesli vi, ima vaš telefon morda nekdo drug.
mobile_app-choose-text = Imate več mobilnih naprav: kliknite ime tiste, ki naj prejme zahtevo.
mobile-error-too-many-enrolments = V zadnji uri ste prepogosto začeli dodajati naprave. Poskusite znova pozneje.
mobile-open-web-app = Uporabi spletno aplikacijo za avtentikacijo
mail-sign-in-reported-subject = V vašem telefonu je bila zavrnjena prijava, ki je niste začeli vi
mail-sign-in-reported-text = Prijava v storitev { $service } iz brskalnika { $browser } (omrežje { $network }) je bila zavrnjena v vaši mobilni napravi „{ $device }“ in prijavljena kot tuja.
mail-sign-in-reported-advice = Kdor jo je začel, pozna vaše geslo: takoj izberite novo („Ste pozabili geslo?“ na strani za prijavo). Če niste prepričani, da so vaše naprave varne, jih vse odstranite s funkcijo PANIC:
mail-sign-in-reported-advice-on-mobile = Začeta je bila z načinom „V mobilni napravi“, ki ne zahteva gesla: nekdo, ki pozna vaš e-poštni naslov, je vaš telefon prosil za odobritev prijave. Odobrite samo zahteve, ki ste jih pravkar sami začeli v tistem telefonu. Če niste prepričani, da so vaše naprave varne, jih vse odstranite s funkcijo PANIC:
mail-sign-in-reported-action = Odstrani vse moje naprave (PANIC)
mail-sign-in-reported-if-you = Če ste bili vendarle vi, vam ni treba storiti ničesar.

## Hardware tokens (issue 16)
login-code-device = Naprava:
token-code-device = Serijska številka žetona:
token-code-text = Vklopite žeton (vnesite njegovo kodo PIN, če jo zahteva) in vnesite kodo, ki jo prikaže.
token-code-label = Koda žetona
token_cram-code-device = Serijska številka naprave Digipass:
token_cram-code-challenge = Vklopite Digipass, vanj vnesite ta izziv in nato vnesite odziv, ki ga prikaže:
token_cram-code-label = Odziv naprave Digipass
token-choose-text = Imate več žetonov: kliknite tistega, ki ga imate pri sebi.
token_cram-choose-text = Imate več žetonov CRAM: kliknite tistega, ki ga imate pri sebi.
token-error-wrong = Ta koda ni pravilna. Preverite, ali je to koda tega žetona, in poskusite znova.
token-error-replayed = Ta koda je bila že uporabljena. Počakajte, da žeton prikaže novo kodo (ali ga znova vklopite), nato vnesite novo.
token-error-locked = Ta žeton je zaklenjen po preveč napačnih kodah. Poskusite znova pozneje ali prosite službo za pomoč uporabnikom, da ga odklene.
token-error-format = Vnesite samo števke, ki jih prikazuje vaš žeton.
token-error-format-response = Vnesite samo števke odziva, ki ga prikazuje vaš Digipass.
token-error-expired = Ta stran je potekla. Začnite znova.
token-error-bind = Te kode se ne ujemajo z žetonom, ki ga lahko dodate. Preverite serijsko številko na hrbtni strani žetona in vnesite kode natanko tako, kot jih prikaže, eno za drugo.
token-kind-hotp = Žeton (koda na zahtevo)
token-kind-totp = Žeton (časovno odvisna koda)
token_cram-kind-ocra = Žeton CRAM (izziv–odziv)
tokens-kind-hotp = Žeton (koda na zahtevo)
tokens-kind-totp = Žeton (časovno odvisna koda)
tokens-kind-ocra = Žeton CRAM (izziv–odziv)
account-token = Upravljanje mojih žetonov
account-token-desc = Dodajte strojni žeton, ki vam ga je dala vaša organizacija, ga preimenujte ali odstranite.
tokens-title = Upravljanje mojih žetonov
tokens-intro = Strojne žetone izdaja vaša organizacija. Če želite dodati žeton, ga morate imeti pri roki: njegova serijska številka je natisnjena na hrbtni strani.
tokens-none = Nimate še nobenega žetona.
tokens-col-serial = Serijska številka
tokens-col-added = Dodano
tokens-locked = zaklenjen
tokens-name-label = Ime žetona
tokens-remove = Odstrani
tokens-add-heading = Dodajte žeton
tokens-add-token = Dodaj žeton
tokens-add-token-desc = žeton, ki prikaže kodo, ko ga vklopite ali pritisnete njegov gumb.
tokens-add-cram = Dodaj žeton CRAM
tokens-add-cram-desc = Digipass, v katerega vnesete izziv, da dobite odziv.
tokens-by-helpdesk = Žetone računom, kot je vaš, dodeljuje služba za pomoč uporabnikom.
tokens-add-intro = Vnesite serijsko številko, natisnjeno na hrbtni strani žetona (vse števke, brez vezajev; stare serijske številke se začnejo s „T“), in ime, po katerem ga boste ločili od drugih.
tokens-serial-label = Serijska številka
tokens-serial-hint = Na primer 12345678 ali T1234567.
tokens-continue = Nadaljuj
tokens-back = Nazaj na moje žetone
tokens-codes-text = Vklopite žeton in vnesite kodo, ki jo prikaže. Nato ga znova vklopite – pri žetonu, katerega koda se spreminja s časom, počakajte, da prikaže novo kodo – in vnesite to drugo kodo.
tokens-code1 = Prva koda
tokens-code2 = Naslednja koda
tokens-cram-text = Vklopite Digipass, vanj vnesite ta izziv in vnesite odziv, ki ga prikaže:
tokens-add-submit = Dodaj žeton
tokens-added = Žeton je bil dodan v vaš račun.
tokens-removed = Žeton je bil odstranjen iz vašega računa.
tokens-renamed = Žeton je bil preimenovan.
tokens-unavailable = V vaš račun ni mogoče dodajati žetonov. Obrnite se na službo za pomoč uporabnikom.
tokens-error-serial = Vnesite serijsko številko, natisnjeno na žetonu: samo črke in števke.
tokens-error-no-such-token = Takega žetona nimate.
mail-token-locked-subject = Žeton je bil zaklenjen
mail-token-locked-text = Vaš žeton „{ $name }“ je bil zaklenjen po preveč napačnih kodah. Znova bo deloval od { $until }. Če teh kod niste vnesli vi, se morda nekdo poskuša prijaviti kot vi: spremenite geslo.
mail-token-locked-helpdesk-text = Vaš žeton „{ $name }“ je bil zaklenjen po preveč napačnih kodah. Služba za pomoč uporabnikom ga lahko odklene. Če teh kod niste vnesli vi, se morda nekdo poskuša prijaviti kot vi: spremenite geslo.
token-error-bind-throttled = V zadnji uri ste prepogosto poskušali dodati žetone. Poskusite znova pozneje.
tokens-col-actions = Dejanja

## SMS (issue 17): the texts sent, the login page, My account's numbers
sms-text-login = { $code } je vasa koda za prijavo v Limen. Velja { $minutes } min. Nikomur je ne povejte: nihce iz Limen vas ne bo nikoli prosil zanjo.
sms-text-login-service = { $code } je vasa koda Limen za prijavo v { $service }. Velja { $minutes } min. Nikomur je ne povejte: nihce iz Limen vas ne bo prosil zanjo.
sms-text-add-number = { $code } je vasa koda za dodajanje te stevilke v racun Limen. Velja { $minutes } min. Nikomur je ne povejte. Ce je niste zahtevali, prezrite to sporocilo.
sms-text-sign = { $code } je vasa koda Limen za potrditev "{ $title }" za { $service }. Velja { $minutes } min. Nikomur je ne povejte.
sms-code-text = Vnesite kodo, ki smo vam jo poslali prek SMS (9 znakov, na primer ABC-DEF-GHJ). Sporočilo lahko prispe šele po nekaj minutah.
sms-code-label = Koda iz SMS
sms-choose-text = Registriranih imate več številk mobilnih telefonov: kliknite tisto, na katero naj bo poslana koda.
sms-error-number-invalid = To ni številka mobilnega telefona v mednarodni obliki. Začnite z + in kodo države, na primer +32 470 12 34 56.
sms-error-number-type = Ta številka ne more prejemati naših sporočil SMS: uporabite številko mobilnega telefona (ne stacionarne, premijske, brezplačne številke, številke z deljenimi stroški ali internetne številke).
sms-error-country = Na številke iz te države ni mogoče pošiljati sporočil SMS. Uporabite drugo številko ali drug način preverjanja.
sms-error-limit = V zadnjem času je bilo poslanih preveč sporočil SMS. Poskusite znova pozneje ali uporabite drug način preverjanja.
sms-error-unavailable = Sporočil SMS trenutno ni mogoče pošiljati. Uporabite drug način preverjanja ali poskusite znova jutri.
sms-error-wait = Koda je bila poslana pred kratkim. Počakajte malo, preden zahtevate novo: sporočilo SMS lahko prispe šele po nekaj minutah.
sms-error-format = To ni koda v obliki, v kateri jo pošiljamo: preverite vnesene znake.
sms-error-expired = Ta koda je potekla. Zahtevajte novo kodo.
sms-error-used = Ta koda je bila že uporabljena. Zahtevajte novo kodo.
sms-error-exhausted = Preveč napačnih kod: te kode ni več mogoče uporabiti. Zahtevajte novo kodo.
sms-error-not-sent = Sporočila SMS na to številko ni bilo mogoče poslati. Novo kodo zahtevajte pozneje ali uporabite drug način preverjanja.
sms-error-wrong = To ni koda, ki smo jo poslali. Preverite jo in poskusite znova.
sms-error-no-number = Ta številka mobilnega telefona ni več registrirana v vašem računu.
sms-error-already = Ta številka je že registrirana v vašem računu.
login-code-not-received = Niste prejeli kode?
login-code-resend = Pošlji novo kodo
account-sms = Upravljanje mojih številk mobilnih telefonov
account-phones = Upravljanje mojih številk mobilnih telefonov
account-phones-desc = Dodajte številke mobilnih telefonov, ki lahko prek SMS prejemajo kode za prijavo, ali jih odstranite.
phones-title = Upravljanje mojih številk mobilnih telefonov
phones-intro = Na te številke lahko prejmete kodo prek SMS, ko se prijavite z načinom „Mobilni telefon + SMS“. SMS je manj varen kot mobilna aplikacija ali varnostni ključ: če lahko, uporabite enega od njiju.
phones-added = Številka je bila dodana.
phones-removed = Številka je bila odstranjena.
phones-none = Registrirana ni nobena številka mobilnega telefona.
phones-col-label = Ime
phones-col-number = Številka
phones-remove = Odstrani
phones-add = Dodaj številko mobilnega telefona
phones-retired = Prijava prek SMS je bila ukinjena: registrirajte drug način preverjanja (mobilno aplikacijo, varnostni ključ ali ključ za dostop).
phones-unavailable = Prijava prek SMS za vaš račun ni na voljo.
phones-add-intro = Na to številko bo prek SMS poslana koda; vnesite jo na naslednji strani.
phones-number-label = Številka mobilnega telefona
phones-number-hint = Mednarodna oblika, ki se začne z + in kodo države, na primer za Belgijo: +32 470 12 34 56.
phones-label-label = Ime (neobvezno)
phones-label-hint = Ime, po katerem boste prepoznali to številko, na primer „Moj službeni telefon“.
phones-add-submit = Dodaj
phones-back = Nazaj na moje številke mobilnih telefonov
phones-confirm-title = Potrdite številko mobilnega telefona
phones-confirm-intro = Vnesite kodo, ki je bila prek SMS poslana na vaš mobilni telefon. Sporočilo lahko prispe šele po nekaj minutah.
phones-code-label = Koda iz SMS
phones-code-hint = 8 znakov, na primer ABCD-EFGH.
phones-confirm-submit = Dokončaj
phones-cancel = Prekliči
phones-error-no-such-number = Ta številka ni registrirana v vašem računu.
dev-outbox-sms-title = SMS
dev-outbox-sms-empty = Poslano ni bilo še nobeno sporočilo SMS.
dev-outbox-sms-text = Besedilo

## Transaction signing (issue 18)
sign-page-title = Podpišite transakcijo
sign-fields-caption = Kaj morate potrditi
sign-retype-note = (mobilna aplikacija vas bo prosila, da to vnesete)
sign-expires = Ta zahteva poteče ob { $time }.
sign-intro = Preverite vsako vrstico zgoraj. Za podpis vnesite geslo, izberite način potrditve in kliknite Podpiši.
sign-method-label = Potrdi z
sign-submit = Podpiši
sign-cancel = Zavrni in se vrni v storitev
sign-back = Nazaj na stran za podpisovanje
sign-error-unknown = Ta zahteva za podpis ne obstaja. Vrnite se v storitev in začnite znova.
sign-error-finished = Ta zahteva za podpis je bila že podpisana ali zavrnjena.
sign-error-expired = Ta zahteva za podpis je potekla. Vrnite se v storitev in začnite znova.
sign-error-other-user = Ta zahteva za podpis je za drug račun, kot je tisti, ki je tukaj prijavljen. Najprej se odjavite ali pa zahtevo zavrnite v storitvi.
sign-error-changed = Podatki transakcije se ne ujemajo več s tem, kar je bilo zahtevano. Ničesar ni bilo podpisano.
sign-error-method = Te zahteve ni mogoče podpisati s tem načinom. Izberite drugega.
sign-error-no-method = Nimate nobenega načina preverjanja, ki ga ta zahteva sprejema. Registrirajte ga v razdelku Moj račun (mobilna naprava, varnostni ključ, žeton ali telefonska številka), nato začnite znova v storitvi.
sign-error-password = Geslo ni pravilno.
sign-error-again = Ta korak je potekel ali je bil že uporabljen. Znova vnesite geslo.
sign-error-throttled = Preveč poskusov. Poskusite znova po { $until }.
account-signatures-title = Moji podpisi
account-signatures-link = Moje podpisane transakcije
account-signatures-intro = Transakcije, za katere so vas storitve prosile, da jih podpišete prek sistema Limen. Potrdilo je podpisano dokazilo, ki ga je prejela storitev.
account-signatures-empty = Niste še bili zaprošeni, da kar koli podpišete.
account-signatures-service = Storitev
account-signatures-what = Transakcija
account-signatures-when = Datum
account-signatures-method = Podpisano z
account-signatures-status = Stanje
account-signatures-status-pending = čaka
account-signatures-status-signed = podpisano
account-signatures-status-cancelled = zavrnjeno
account-signatures-status-expired = poteklo
account-signatures-receipt = Prenesi potrdilo
account-signatures-report = To ni moj podpis
account-signatures-reported = prijavljeno kot tuje
account-signatures-report-done = Hvala. Podpis je označen kot tuj in zabeležen; poslali smo vam e-poštno sporočilo. Če kdo pozna vaše geslo, ga takoj spremenite, in odstranite svoje naprave, če je katera morda v tujih rokah.
account-signatures-report-unknown = Tega podpisa ni mogoče prijaviti (ni vaš, ni podpisan ali je že prijavljen).
mail-signature-reported-subject = Podpis je bil prijavljen kot tuj
mail-signature-reported-text = Prijavili ste, da transakcije „{ $title }“, podpisane za storitev { $service }, niste podpisali vi.
demo-sign-link = Podpišite nakazilo (podpisovanje transakcij)
demo-sign-title = Predstavitvena storitev: podpišite nakazilo
demo-sign-intro = Predstavitvena storitev vas prosi, da nakazilo podpišete z drugim faktorjem. Limen vam prikaže nakazilo, vi ga potrdite, predstavitvena storitev pa preveri podpisano potrdilo z objavljenimi ključi sistema Limen.
demo-sign-transfer = Prenos pravic do emisije
demo-sign-amount = Znesek
demo-sign-beneficiary = Račun prejemnika
demo-sign-beneficiary-hint = Številka računa, na primer EU-100-5 (EU-, tri števke, -, ena do šest števk). Mobilna aplikacija vas prosi, da jo vnesete.
demo-sign-submit = Podpiši to nakazilo
demo-sign-back = Nazaj na predstavitveno storitev
demo-sign-verified = Podpis potrdila je veljaven: Limen potrjuje, da ste to nakazilo podpisali vi.
demo-sign-refused = Nakazilo ni bilo podpisano (zavrnjeno).
demo-sign-invalid = Potrdila ni bilo mogoče preveriti. Ničesar ni bilo podpisano.
demo-sign-result-unknown = Ta rezultat je neznan, je potekel ali je bil že uporabljen.
demo-sign-method = Podpisano z
demo-sign-when = Čas podpisa
demo-sign-key = Ključ sistema Limen
demo-sign-raw = Potrdilo, kot je bilo prejeto (JWS)
token-error-cannot-sign = S tem žetonom ni mogoče potrditi transakcije: izberite drug način.
sign-error-qr-too-large = Ta transakcija je prevelika za kodo QR aplikacije. Izberite drug način.
sign-error-password-expired = Vaše geslo je poteklo. Najprej ga spremenite (prijavite se v Moj račun), nato znova podpišite.

## Federation: eID and social network sign-in (issue 19)
account-eids = Upravljanje mojih eID in povezanih računov
account-eids-desc = Povežite svoj nacionalni eID ali račun družbenega omrežja, da se z njim prijavljate, ali odstranite povezavo.
upstream-or-sign-in-with = Ali pa se prijavite z
upstream-sign-in-with = Prijava prek { $upstream }
upstream-failed-title = Prijava ni bila dokončana
upstream-unknown = Ta možnost prijave ni na voljo.
upstream-unreachable = Ponudnika identitete ni bilo mogoče doseči. Poskusite znova pozneje ali uporabite drug način preverjanja.
upstream-gone = Ta poskus prijave je potekel, je bil že uporabljen ali pa je bil začet v drugem brskalniku. Začnite znova na strani za prijavo.
upstream-denied = Ponudnik identitete vas ni prijavil (morda ste preklicali). Začnite znova ali uporabite drug način preverjanja.
upstream-refused = Odgovora ponudnika identitete ni bilo mogoče preveriti, zato niste bili prijavljeni. Začnite znova; če se to ponovi, obvestite službo za pomoč uporabnikom.
upstream-linked-elsewhere = Ta račun ponudnika identitete je že povezan z drugim računom tukaj. Najprej odstranite to povezavo v razdelku Moj račun drugega računa.
upstream-account-unusable = Račun, povezan s to identiteto, se ne more prijaviti (zaklenjen je ali pa njegov naslov še ni potrjen).
upstream-linked-title = Račun je povezan
upstream-linked-text = Odslej se lahko prijavljate z njim. Povezavo lahko odstranite v razdelku Moj račun, „Upravljanje mojih eID in povezanih računov“.
upstream-continue = Nadaljuj
upstream-choice-title = Skoraj končano
upstream-choice-intro = Prijavili ste se prek { $upstream }, vendar z njim tukaj še ni povezan noben račun.
upstream-have-account = Račun že imam
upstream-have-account-text = Prijavite se v svoj račun kot običajno (z drugim faktorjem, če ga imate); nato bo povezan in se boste lahko prijavljali na oba načina.
upstream-sign-in-to-link = Prijavite se za povezavo
upstream-new-account = Ustvari nov račun
upstream-new-account-text = Preverite ime in naslov, ki ju je posredoval ponudnik identitete, in ju po potrebi popravite.
upstream-email-vouched = { $upstream } je potrdil ta naslov: vaš račun je takoj pripravljen.
upstream-email-confirm = Na ta naslov bomo poslali povezavo, da potrdimo, da je vaš; račun lahko uporabljate, ko ji sledite.
upstream-create = Ustvari moj račun
upstream-check-mailbox-title = Preverite svoj poštni predal
upstream-check-mailbox = Na naslov { $email } smo poslali e-poštno sporočilo. Sledite povezavi v njem, da aktivirate svoj račun.
upstream-check-mailbox-hint = Če sporočilo ne prispe v nekaj minutah, poglejte v mapo z neželeno pošto.
upstream-sign-up-closed = Računa s tem ponudnikom identitete ni mogoče ustvariti. Prijavite se v obstoječi račun, da ga povežete.
upstream-activated-title = Naslov je potrjen
upstream-activated-text = Vaš račun { $email } je aktiven. Prijavite se s ponudnikom identitete, s katerim ste ga ustvarili.
upstream-activation-gone = Ta povezava ni več veljavna: bila je že uporabljena ali pa je potekla.
upstream-sign-in = Prijava
upstream-links-title = Upravljanje mojih eID in povezanih računov
upstream-links-intro = Računi pri drugih ponudnikih identitete (nacionalni eID, družbeno omrežje), s katerimi se lahko prijavite. Račun družbenega omrežja omogoča osnovno prijavo: storitve, ki potrebujejo več, zahtevajo drug način.
upstream-links-none = Noben račun ni povezan.
upstream-links-linked = Račun je bil povezan.
upstream-links-removed = Povezava je bila odstranjena.
upstream-links-col-provider = Ponudnik identitete
upstream-links-col-account = Račun
upstream-links-remove = Odstrani
upstream-links-add = Poveži račun
upstream-links-link-with = Poveži { $upstream }
upstream-links-last-way-in = To je edini način dostopa do vašega računa: najprej nastavite geslo („Ste pozabili geslo?“ na strani za prijavo) ali povežite drug račun.
upstream-links-not-found = Take povezave ni.
mail-upstream-activate-subject = Potrdite svoj e-poštni naslov
mail-upstream-activate-text = Za vas je bil ustvarjen račun prek { $upstream }.
mail-upstream-activate-action = Potrdi moj naslov
mail-upstream-tried-subject = Nekdo je poskušal ustvariti račun z vašim naslovom
mail-upstream-tried-text = Nekdo se je prijavil prek { $upstream } in poskušal ustvariti račun z naslovom { $email }, ki tukaj že ima račun. Nič ni bilo spremenjeno.
mail-upstream-tried-link = Če ste bili to vi: prijavite se kot običajno, nato povežite { $upstream } v razdelku Moj račun.
mail-upstream-tried-action = Upravljanje mojih povezanih računov
upstream-activate-title = Potrdite svoj račun
upstream-activate-text = Za dokončanje se v tem brskalniku prijavite v { $email } s ponudnikom identitete, s katerim ste ga ustvarili.
upstream-method-unavailable = Prijava na ta način za vaš račun ni na voljo. Uporabite drug način preverjanja.

## SAML identity provider (docs/SAML.md)
saml-error-title = Zahteve aplikacije za prijavo ni bilo mogoče sprejeti
saml-error-hint = Vrnite se v aplikacijo in začnite znova. Če se to ponavlja, se obrnite na podporo aplikacije.
saml-error-refused = Aplikacija je poslala zahtevo za prijavo, ki je Limen ne more sprejeti.
saml-error-unknown-sp = Aplikacija, ki vas je poslala sem, ni registrirana pri tej storitvi za prijavo.
saml-error-used = Ta zahteva za prijavo je bila že uporabljena. Vrnite se v aplikacijo in se prijavite od tam.
saml-error-busy = Iz vašega omrežja je prišlo preveč zahtev za prijavo. Počakajte minuto in poskusite znova.
saml-error-other-browser = Ta zahteva za prijavo je bila začeta v drugem brskalniku. Začnite znova v aplikaciji v tem brskalniku.
saml-logout-partial = Te aplikacije niso potrdile, da ste odjavljeni iz njih: { $services }. Za vsak primer zaprite brskalnik.
demo-saml-title = Predstavitvena aplikacija (SAML)
demo-saml-intro = Ta predstavitvena aplikacija vas prijavi prek SAML 2.0, kot to počnejo številne poslovne aplikacije: sistemu Limen pošlje zahtevo za avtentikacijo in prejme podpisano izjavo (assertion) v svoji storitvi za prejem izjav (assertion consumer service). Nato prikaže NameID in prejete atribute, preverjene s ključi, ki jih Limen objavlja v svojih metapodatkih.
demo-saml-sign-in = Prijava s SAML
demo-saml-variant = Preizkusite različico SAML
demo-saml-done = Prijavljeni ste. Tukaj je, kar je prejela aplikacija.
demo-saml-verified = Podpis izjave je bil preverjen ({ $alg }) s ključi iz metapodatkov SAML sistema Limen.
demo-saml-attributes = Atributi
