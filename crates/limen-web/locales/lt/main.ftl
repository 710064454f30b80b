app-tagline = Viena paskyra, daug paslaugų
language-label = Kalba
nav-my-account = Mano paskyra
nav-logout = Atsijungti
nav-signed-in-as = Prisijungta kaip { $name }

login-title = Prisijunkite, kad galėtumėte tęsti
login-email-label = Naudokite savo e. pašto adresą
login-next = Toliau
login-welcome = Sveiki
login-external = (Išorinis naudotojas)
login-switch-account = Prisijungti kitu e. pašto adresu?
login-password-label = Slaptažodis
login-lost-password = Pamiršote slaptažodį?
login-method-label = Tikrinimo būdas
login-submit = Prisijungti
requested-by = Užklausą pateikė { $service }
method-PASSWORD = Slaptažodis
method-PASSWORD-desc = Autentifikavimas tik slaptažodžiu.

error-email-empty = Įveskite savo e. pašto adresą.
error-email-invalid = Tai nėra galiojantis e. pašto adresas. Patikrinkite jį ir bandykite dar kartą.
error-email-character = Šiame adrese yra nematomas arba neįprastas simbolis ({ $codepoint }), pvz., krypties žymė ar nulinio pločio tarpas, dažnai atsirandantis kopijuojant ir įklijuojant. Įveskite adresą iš naujo.
error-password-empty = Įveskite savo slaptažodį.
error-credentials = Neteisingas e. pašto adresas arba slaptažodis.
error-method-unavailable = Šis tikrinimo būdas čia negalimas. Pasirinkite kitą.
error-throttled = { $minutes ->
    [one] Per daug nesėkmingų bandymų. Bandykite dar kartą po { $minutes } minutės ({ $time } UTC).
    [few] Per daug nesėkmingų bandymų. Bandykite dar kartą po { $minutes } minučių ({ $time } UTC).
    [many] Per daug nesėkmingų bandymų. Bandykite dar kartą po { $minutes } minutės ({ $time } UTC).
   *[other] Per daug nesėkmingų bandymų. Bandykite dar kartą po { $minutes } minučių ({ $time } UTC).
}
error-account-locked = Ši paskyra užrakinta. Kreipkitės į savo pagalbos tarnybą, kad ji būtų atrakinta.
error-csrf = Šios formos galiojimas baigėsi arba ji buvo išsiųsta iš kitos svetainės. Bandykite dar kartą.
error-no-method = Jūsų paskyrai negalimas nė vienas tikrinimo būdas, kurį priima { $service }.
error-insufficient-assurance = { $service } reikalauja paskyros, kurios tapatybės patikimumo lygis aukštesnis nei jūsų.
error-bad-request = Užklausa netinkama.
error-internal = Įvyko vidinė klaida. Bandykite dar kartą vėliau.
error-not-found = Šio puslapio nėra.
error-page-title = Kažkas nepavyko
unavailable-title = Laikinai nepasiekiama
unavailable-text = Paslauga šiuo metu negali atsakyti. Bandykite dar kartą po kelių sekundžių.
busy-title = Per daug prisijungimų vienu metu
busy-text = Paslauga šiuo metu labai apkrauta. Bandykite dar kartą po kelių sekundžių.
back-to-login = Grįžti į prisijungimo puslapį

unknown-service-title = Nežinoma paslauga
unknown-service-text = Programa, kuri jus čia nukreipė, neužregistruota šioje prisijungimo paslaugoje, todėl jūsų į ją negrąžinome. Tai apsaugo jus nuo svetainių, kurios apsimeta paslauga, kuria pasitikite.
unknown-service-hint = Jei atėjote per nuorodą iš žinomos paslaugos, praneškite jos pagalbos tarnybai, kad jos adresas neužregistruotas.
login-request-gone-title = Prisijungimo nuoroda negalioja
login-request-gone-text = Ši prisijungimo nuoroda nežinoma, nebegalioja arba jau buvo panaudota, todėl ja prisijungti negalima.
login-request-gone-hint = Grįžkite į programą ir vėl pradėkite prisijungimą iš ten.

login-success-title = Autentifikavimas sėkmingas
login-success-text = Jūs prisijungėte.
login-success-hint = Jei nebenorite būti prijungiami automatiškai, spustelėkite „Atsijungti“ arba uždarykite visus naršyklės langus.
continue-title = Tęsti paslaugoje
continue-text = Naršyklė automatiškai nenukreipė jūsų toliau. Paspauskite mygtuką, kad pereitumėte į paslaugą { $service }.
continue-button = Tęsti

logout-title = Atsijungimas
logout-text = Jūs atsijungėte.
logout-services = { $count ->
    [0] Šiame seanse nebuvo atidaryta nė viena paslauga.
    [1] Paslaugai, kuria naudojotės, pranešta, kad atsijungėte.
    [one] { $count } paslaugai, kuria naudojotės, pranešta, kad atsijungėte.
    [few] { $count } paslaugoms, kuriomis naudojotės, pranešta, kad atsijungėte.
    [many] { $count } paslaugos, kuriomis naudojotės, pranešta, kad atsijungėte.
   *[other] { $count } paslaugų, kuriomis naudojotės, pranešta, kad atsijungėte.
}
logout-close-browser = Savo saugumo labui baigę darbą uždarykite naršyklę.

lost-password-title = Pamirštas slaptažodis

account-title = Mano paskyra
account-sessions = Peržiūrėti mano seansus
account-sessions-desc = Galite matyti savo atvirus seansus ir juos baigti.
account-groups = Jūsų grupės
account-groups-intro = Kai kurioms paslaugoms pranešama, kurioms iš šių grupių priklausote. Jas tvarko jūsų pagalbos tarnyba.
account-groups-none = Nepriklausote jokiai grupei.

sessions-title = Mano seansai
sessions-intro = Tai naršyklės, kuriose prisijungėte. Baikite bet kurį seansą, kurio neatpažįstate.
sessions-current = Ši naršyklė
sessions-started = Prisijungta
sessions-last-seen = Paskutinė veikla
sessions-address = Adresas
sessions-browser = Naršyklė
sessions-methods = Patikrinta naudojant
sessions-services = Paslaugos
sessions-no-services = kol kas nėra
sessions-end = Baigti šį seansą
sessions-ended = Seansas baigtas.

demo-title = Demonstracinė paslauga
demo-intro = Šis puslapis yra paslauga, apsaugota šiuo prisijungimo serveriu, kaip ir bet kuri jūsų organizacijos programa. Ji gavo CAS bilietą, jį patvirtino ir gavo toliau nurodytus atributus.
demo-user = Naudotojo vardas
demo-attributes = Gauti atributai
demo-attribute = Atributas
demo-value = Reikšmė
demo-logout = Atsijungti (vieningas atsijungimas)
demo-signed-out = Prie demonstracinės paslaugos neprisijungta.
demo-sign-in = Prisijungti prie demonstracinės paslaugos
demo-ticket-invalid = Bilieto patvirtinti nepavyko: { $reason }

login-create-account = Sukurti paskyrą
back = Atgal
proceed = Tęsti
cancel = Atšaukti
form-has-errors = Ištaisykite šiuos dalykus:
field-first-name = Vardas
field-last-name = Pavardė
field-optional = (neprivaloma)
field-email = E. paštas
field-email-confirm = Pakartokite e. paštą
field-email-language = E. laiškų kalba
field-email-language-help = Kalba, kuria jums siunčiame e. laiškus, nepriklausomai nuo šių puslapių kalbos. E. laiškus siunčiame tik jūsų tapatybei patikrinti arba pranešti apie su jūsų paskyros saugumu susijusius įvykius.
field-ui-language = Šių puslapių kalba
field-ui-language-browser = Pagal mano naršyklės nustatymus
field-current-password = Dabartinis slaptažodis
field-new-password = Naujas slaptažodis
field-confirm-password = Pakartokite naują slaptažodį
field-new-email = Naujas e. pašto adresas

register-title = Paskyros sukūrimas
register-staff-note = Šia paslauga besinaudojančių organizacijų darbuotojai jau turi paskyrą: prisijunkite savo darbo e. pašto adresu.
register-privacy-link = Privatumo pareiškimas
register-privacy-accept = Perskaičiau privatumo pareiškimą ir jį priimu.
register-submit = Sukurti paskyrą
register-have-account = Jau turite paskyrą? Prisijunkite
register-closed = Šiame serveryje paskyros sukurti negalima. Kreipkitės į savo pagalbos tarnybą.
register-sent-title = Patikrinkite savo pašto dėžutę
register-sent-text = E. laiškas išsiųstas adresu { $email }. Spustelėkite jame esančią nuorodą ir susikurkite slaptažodį.
register-sent-validity = Nuoroda galioja { $validity }.
register-sent-spam = Jei e. laiškas neateina per kelias minutes, patikrinkite brukalo (šlamšto) aplanką.

captcha-legend = Įrodykite, kad esate žmogus
captcha-image-alt = Paveikslėlis su raidėmis ir skaitmenimis, kuriuos reikia įvesti į toliau esantį laukelį. Jei negalite jų perskaityti, vietoj to naudokite po laukeliu esantį patikrinimą.
captcha-new = Naujas kodas
captcha-label = Įveskite paveikslėlyje matomą kodą
captcha-pow-intro = Negalite perskaityti paveikslėlio? Leiskite patikrinimą atlikti naršyklei: tai užtrunka kelias sekundes ir nereikia nei skaityti, nei klausytis.
captcha-pow-button = Patikrinti naudojant mano naršyklę
captcha-pow-working = Tikrinama…
captcha-pow-done = Atlikta: kodo įvesti nereikia.
captcha-pow-nojs = Šiam patikrinimui reikia JavaScript; vietoj to įveskite kodą iš paveikslėlio.

error-name-too-long = Šis vardas per ilgas (ne daugiau kaip 100 simbolių).
error-name-characters = Šiame varde yra neleistinų simbolių: naudokite bet kurios abėcėlės raides, tarpus, brūkšnelius, apostrofus ir taškus.
error-first-name-required = Įveskite savo vardą.
error-last-name-required = Įveskite savo pavardę.
error-email-confirm-empty = Dar kartą įveskite savo e. pašto adresą.
error-email-mismatch = Abu e. pašto adresai nesutampa.
error-email-same = Tai jau yra jūsų e. pašto adresas.
error-email-taken = Adresas { $email } jau naudojamas kitos paskyros.
error-captcha = Kodas neteisingas. Įveskite naujo paveikslėlio kodą arba naudokite patikrinimą naršykle.
error-captcha-expired = Kodo galiojimas baigėsi. Įveskite naujo paveikslėlio kodą arba naudokite patikrinimą naršykle.
error-captcha-used = Šis kodas jau buvo panaudotas. Įveskite naujo paveikslėlio kodą arba naudokite patikrinimą naršykle.
error-captcha-invalid = Kodo patikrinti nepavyko (galbūt puslapis buvo pakeistas). Įveskite naujo paveikslėlio kodą arba naudokite patikrinimą naršykle.
error-privacy = Norėdami sukurti paskyrą, priimkite privatumo pareiškimą.
error-too-many-requests = Per daug užklausų dėl šio adreso arba iš jūsų tinklo. Bandykite dar kartą po valandos.
error-new-password-empty = Pasirinkite naują slaptažodį.
error-confirm-password-empty = Dar kartą įveskite naują slaptažodį.
error-password-mismatch = Abu slaptažodžiai nesutampa.
error-password-wrong = Slaptažodis neteisingas.
error-too-many-attempts = Per daug nesėkmingų bandymų. Šiek tiek palaukite ir bandykite dar kartą.

password-policy-intro = Jūsų slaptažodį turi sudaryti ne mažiau kaip 10 simbolių, o jame turi būti derinami:
password-policy-upper = didžiosios raidės,
password-policy-lower = mažosios raidės,
password-policy-digits = skaitmenys,
password-policy-special = specialieji simboliai.
password-policy-advice = Kad paskyra būtų saugesnė, rinkitės kuo ilgesnį ir sudėtingesnį slaptažodį, tačiau nepamirškite, kad turėsite jį įsiminti.
password-problem-too-short = Jame mažiau nei 10 simbolių.
password-problem-too-long = Jis per ilgas.
password-problem-no-upper = Jame nėra didžiosios raidės.
password-problem-no-lower = Jame nėra mažosios raidės.
password-problem-no-digit = Jame nėra skaitmens.
password-problem-no-special = Jame nėra specialiojo simbolio.
password-problem-common = Jis per daug paplitęs: užpuolikas jį išbandytų tarp pirmųjų.
password-problem-personal-data = Jame yra jūsų e. pašto adresas arba vardas.
password-problem-control-characters = Jame yra nematomų valdymo simbolių.
password-strength = Stiprumas: { $label }
password-strength-0 = labai silpnas
password-strength-1 = silpnas
password-strength-2 = vidutinis
password-strength-3 = geras
password-strength-4 = stiprus
zx-w-StraightRowsOfKeysAreEasyToGuess = Iš eilės einančius klaviatūros klavišus lengva atspėti.
zx-w-ShortKeyboardPatternsAreEasyToGuess = Trumpus klaviatūros raštus lengva atspėti.
zx-w-RepeatsLikeAaaAreEasyToGuess = Pasikartojimus, pvz., „aaa“, lengva atspėti.
zx-w-RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess = Pasikartojimus, pvz., „abcabcabc“, atspėti tik šiek tiek sunkiau nei „abc“.
zx-w-ThisIsATop10Password = Tai vienas iš 10 dažniausių slaptažodžių.
zx-w-ThisIsATop100Password = Tai vienas iš 100 dažniausių slaptažodžių.
zx-w-ThisIsACommonPassword = Tai labai dažnas slaptažodis.
zx-w-ThisIsSimilarToACommonlyUsedPassword = Jis panašus į dažnai naudojamą slaptažodį.
zx-w-SequencesLikeAbcAreEasyToGuess = Sekas, pvz., abc arba 6543, lengva atspėti.
zx-w-RecentYearsAreEasyToGuess = Pastarųjų metų skaičius lengva atspėti.
zx-w-AWordByItselfIsEasyToGuess = Vieną žodį lengva atspėti.
zx-w-DatesAreOftenEasyToGuess = Datas dažnai lengva atspėti.
zx-w-NamesAndSurnamesByThemselvesAreEasyToGuess = Vienus vardus ir pavardes lengva atspėti.
zx-w-CommonNamesAndSurnamesAreEasyToGuess = Dažnus vardus ir pavardes lengva atspėti.
zx-s-UseAFewWordsAvoidCommonPhrases = Naudokite kelis žodžius, venkite įprastų frazių.
zx-s-NoNeedForSymbolsDigitsOrUppercaseLetters = Ilgis svarbesnis už simbolius, skaitmenis ar didžiąsias raides.
zx-s-AddAnotherWordOrTwo = Pridėkite dar vieną ar du žodžius. Geriau – neįprastus.
zx-s-CapitalizationDoesntHelpVeryMuch = Didžiosios raidės nelabai padeda.
zx-s-AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase = Tekstą vien didžiosiomis raidėmis atspėti beveik taip pat lengva kaip tekstą vien mažosiomis.
zx-s-ReversedWordsArentMuchHarderToGuess = Atvirkščiai parašytus žodžius atspėti nedaug sunkiau.
zx-s-PredictableSubstitutionsDontHelpVeryMuch = Nuspėjami pakeitimai, pvz., „@“ vietoj „a“, nelabai padeda.
zx-s-UseALongerKeyboardPatternWithMoreTurns = Naudokite ilgesnį klaviatūros raštą su daugiau posūkių.
zx-s-AvoidRepeatedWordsAndCharacters = Venkite pasikartojančių žodžių ir simbolių.
zx-s-AvoidSequences = Venkite sekų.
zx-s-AvoidRecentYears = Venkite pastarųjų metų.
zx-s-AvoidYearsThatAreAssociatedWithYou = Venkite su jumis susijusių metų.
zx-s-AvoidDatesAndYearsThatAreAssociatedWithYou = Venkite su jumis susijusių datų ir metų.

password-new-title = Susikurkite slaptažodį
password-new-intro = Pasirinkite slaptažodį ir įveskite jį du kartus, kad įsitikintumėte, jog nesuklydote.
password-reset-title = Pasirinkite naują slaptažodį
password-reset-intro = Pasirinkite naują slaptažodį ir įveskite jį du kartus. Jį išsaugojus, visi jūsų paskyros seansai baigiami.
password-expired-title = Jūsų slaptažodžio galiojimas baigėsi
password-expired-intro = Jūsų slaptažodis per senas. Norėdami tęsti, pasirinkite naują ir įveskite jį du kartus.
password-submit = Pateikti
password-change-title = Slaptažodžio keitimas
password-change-submit = Pakeisti slaptažodį
password-done-title = Jūsų slaptažodis išsaugotas
password-done-text = Dabar jūs prisijungėte.
password-done-proceed = Spustelėkite „Tęsti“, kad pereitumėte į paslaugą { $service }.
password-changed-title = Slaptažodis pakeistas
password-changed-text = Jūsų slaptažodis pakeistas. Tai patvirtinsime e. laišku.
password-changed-sessions = { $count ->
    [1] Kitas jūsų seansas baigtas.
    [one] Baigtas { $count } kitas jūsų seansas.
    [few] Baigti { $count } kiti jūsų seansai.
    [many] Baigta { $count } kito jūsų seanso.
   *[other] Baigta { $count } kitų jūsų seansų.
}

link-invalid-title = Šios nuorodos naudoti negalima
link-invalid-text = Ši nuoroda negalioja. Patikrinkite, ar nukopijavote visą adresą iš e. laiško, arba paprašykite naujos nuorodos.
link-used-text = Ši nuoroda jau panaudota. Kiekviena nuoroda veikia tik kartą; jei reikia, paprašykite naujos.
link-expired-login = Šio puslapio galiojimas baigėsi. Prisijunkite dar kartą, kad pasirinktumėte naują slaptažodį.
link-email-expired = Šios nuorodos galiojimas baigėsi. Dar kartą paprašykite pakeisti e. pašto adresą skiltyje „Mano paskyra“.
link-expired-title = Šios nuorodos galiojimas baigėsi
link-expired-text = Nuoroda, kuria pasinaudojote, per sena. Dar kartą įveskite savo e. pašto adresą, kad gautumėte naują.
link-expired-submit = Atsiųsti man naują nuorodą

lost-password-intro = Įveskite savo paskyros e. pašto adresą. Atsiųsime jums nuorodą naujam slaptažodžiui pasirinkti.
lost-password-submit = Atsiųsti man nuorodą
lost-password-sent-title = Patikrinkite savo pašto dėžutę
lost-password-sent = Jei adresu { $email } yra registruota paskyra, juo išsiųstas e. laiškas su nuoroda naujam slaptažodžiui pasirinkti.
lost-password-sent-validity = Nuoroda galioja { $validity }.

account-details = Mano asmens duomenys
account-details-desc = Pakeiskite savo vardą, mūsų naudojamas kalbas ar savo e. pašto adresą.
account-password = Pakeisti slaptažodį
account-password-desc = Pasirinkite naują slaptažodį; kiti jūsų seansai baigiami.
account-delete = Panaikinti paskyrą
account-delete-desc = Pašalinkite savo paskyrą ir asmens duomenis.
details-title = Mano asmens duomenys
details-uid = Naudotojo vardas
details-save = Išsaugoti
details-saved = Jūsų pakeitimai išsaugoti.
details-email-title = E. pašto adreso keitimas
details-email-text = Naujuoju adresu atsiųsime nuorodą. Jūsų adresas pasikeis, kai ja pasinaudosite, o į dabartinį adresą bus išsiųstas pranešimas.
details-email-submit = Siųsti patvirtinimo nuorodą
details-email-sent = Patvirtinimo nuoroda išsiųsta naujuoju adresu. Jūsų adresas pasikeis, kai ja pasinaudosite.
email-confirm-title = Patvirtinkite naują e. pašto adresą
email-confirm-text = Jūsų paskyros e. pašto adresas bus pakeistas iš { $old } į { $new }. Prisijungsite naujuoju adresu.
email-confirm-submit = Patvirtinti naują adresą
email-changed-title = E. pašto adresas pakeistas
email-changed-text = Dabar jūsų e. pašto adresas yra { $email }. Naudokite jį prisijungdami.

delete-title = Paskyros panaikinimas
delete-text = Jūsų paskyra ir asmens duomenys bus pašalinti. Nebegalėsite ja prisijungti prie jokios paslaugos. Šio veiksmo atšaukti negalima.
delete-sessions = Visi jūsų paskyros seansai baigiami nedelsiant.
delete-password = Norėdami patvirtinti, įveskite slaptažodį.
delete-submit = Panaikinti mano paskyrą
deleted-title = Paskyra panaikinta
deleted-text = Jūsų paskyra panaikinta, o asmens duomenys pašalinti.
deleted-mail = Panaikinimas patvirtinamas e. laišku.

privacy-title = Privatumo pareiškimas
privacy-1 = Ši prisijungimo paslauga saugo duomenis, reikalingus jūsų tapatybei nustatyti: jūsų vardą ir pavardę, e. pašto adresą, pasirinktas kalbas ir slaptažodžio maišos reikšmę (niekada ne patį slaptažodį).
privacy-2 = Ji registruoja su saugumu susijusius įvykius (prisijungimus, slaptažodžio ir adreso pakeitimus), nurodydama laiką ir tinklo adresą, kad apsaugotų jūsų paskyrą ir galėtų tirti piktnaudžiavimo atvejus.
privacy-3 = Paslaugoms, prie kurių prisijungiate, ji teikia tik tuos atributus, kuriuos kiekviena iš jų yra užregistruota gauti.
privacy-4 = E. laiškai siunčiami tik jūsų tapatybei patikrinti arba pranešti apie su jūsų paskyros saugumu susijusius įvykius.
privacy-5 = Savo duomenis galite matyti ir keisti skiltyje „Mano paskyra“, ten taip pat bet kada galite panaikinti savo paskyrą.

dev-outbox-title = Kūrimo aplinkos siunčiamieji
dev-outbox-warning = Kūrimo režimas: šiame puslapyje rodomas kiekvienas serverio išsiųstas e. laiškas. Jo niekada negalima įjungti serveryje, kurį pasiekia tikri naudotojai.
dev-outbox-transport = Pašto pristatymas: { $transport }
dev-outbox-empty = Dar neišsiųstas nė vienas e. laiškas.
dev-outbox-when = Įtraukta į eilę
dev-outbox-to = Kam
dev-outbox-subject = Tema
dev-outbox-status = Būsena
dev-outbox-sent = pristatyta
dev-outbox-failed = nepavyko: { $error }
dev-outbox-queued = { $attempts ->
    [0] laukiama
    [1] laukiama, vienas nesėkmingas bandymas
    [one] laukiama, { $attempts } nesėkmingas bandymas
    [few] laukiama, { $attempts } nesėkmingi bandymai
    [many] laukiama, { $attempts } nesėkmingo bandymo
   *[other] laukiama, { $attempts } nesėkmingų bandymų
}
dev-outbox-links = Nuorodos
dev-outbox-raw = Išsiųstas pranešimas

duration-hours = { $n ->
    [one] { $n } valandą
    [few] { $n } valandas
    [many] { $n } valandos
   *[other] { $n } valandų
}
duration-minutes = { $n ->
    [one] { $n } minutę
    [few] { $n } minutes
    [many] { $n } minutės
   *[other] { $n } minučių
}

mail-greeting = Gerb. { $name },
mail-signature = Šį laišką jums išsiuntė sistema Limen
mail-link-fallback = Jei pirmiau pateikta nuoroda neveikia, nukopijuokite šį adresą (įsitikinkite, kad nukopijuotas visas adresas!) ir įklijuokite jį į naršyklės adreso juostą:
mail-help = Jei kyla problemų, neatsakykite į šį laišką, o pasinaudokite pagalbos ar kontaktine informacija svetainėje, kurioje bandėte registruotis.
mail-register-subject = Susikurkite slaptažodį
mail-register-registered = Jus užregistravome sistemoje Limen.
mail-register-address = Jūsų e. pašto adresas: { $email }.
mail-register-follow = Norėdami susikurti slaptažodį, spustelėkite toliau pateiktą nuorodą:
mail-register-action = Susikurti slaptažodį
mail-register-validity = Šia nuoroda galite pasinaudoti ne ilgiau kaip { $validity } nuo šio laiško išsiuntimo, tačiau rekomenduojame tai padaryti nedelsiant. Praėjus šiam laikui, galite pateikti naują prašymą ta pačia nuoroda: tada reikės dar kartą įvesti savo e. pašto adresą ir patvirtinti prašymą.
mail-reset-subject = Pasirinkite naują slaptažodį
mail-reset-requested = Kažkas, tikriausiai jūs, paprašė pasirinkti naują paskyros { $email } slaptažodį.
mail-reset-follow = Norėdami pasirinkti naują slaptažodį, spustelėkite toliau pateiktą nuorodą:
mail-reset-action = Pasirinkti naują slaptažodį
mail-reset-validity = Nuoroda veikia vieną kartą ir tik per { $validity } nuo šio laiško išsiuntimo. Vėliau paprašykite dar kartą per „Pamiršote slaptažodį?“.
mail-reset-not-you = Jei to neprašėte, nekreipkite dėmesio į šį laišką: jūsų slaptažodis lieka nepakeistas.
mail-existing-subject = Jūs jau turite paskyrą
mail-existing-text = Kažkas, tikriausiai jūs, bandė sukurti paskyrą adresu { $email }. Šiuo adresu paskyra jau yra, todėl nauja nesukurta.
mail-existing-lost = Jei neprisimenate slaptažodžio, pasirinkite naują:
mail-existing-action = Pamiršote slaptažodį?
mail-existing-not-you = Jei nebandėte sukurti paskyros, nekreipkite dėmesio į šį laišką.
mail-email-confirm-subject = Patvirtinkite naują e. pašto adresą
mail-email-confirm-text = Norėdami naudoti { $email } kaip savo paskyros e. pašto adresą, spustelėkite toliau pateiktą nuorodą.
mail-email-confirm-action = Patvirtinti šį adresą
mail-email-confirm-not-you = Jei to neprašėte, nekreipkite dėmesio į šį laišką: niekas nepasikeis.
mail-security-when = Kada: { $time }.
mail-security-not-you = Jei tai buvote ne jūs, nedelsdami pasirinkite naują slaptažodį per „Pamiršote slaptažodį?“ ir kreipkitės į savo pagalbos tarnybą.
mail-security-review = Peržiūrėti mano paskyrą
mail-account-deleted-not-you = Jei savo paskyros nepanaikinote, nedelsdami kreipkitės į savo pagalbos tarnybą.
mail-password-changed-subject = Jūsų slaptažodis pakeistas
mail-password-changed-text = Jūsų paskyros slaptažodis pakeistas.
mail-email-changed-subject = Jūsų e. pašto adresas pakeistas
mail-email-changed-text = Jūsų paskyros e. pašto adresas pakeistas į { $new }. Šiuo adresu nebebus gaunami pranešimai apie paskyrą.
mail-account-deleted-subject = Jūsų paskyra panaikinta
mail-account-deleted-text = Jūsų paskyra ir jos asmens duomenys panaikinti.
mail-factor-added-subject = Į jūsų paskyrą įtrauktas tikrinimo būdas
mail-factor-added-text = Į jūsų paskyrą įtrauktas tikrinimo būdas „{ $name }“.
mail-factor-removed-subject = Iš jūsų paskyros pašalintas tikrinimo būdas
mail-factor-removed-text = Iš jūsų paskyros pašalintas tikrinimo būdas „{ $name }“.

## OpenID Connect
oidc-error-title = Į šią prisijungimo užklausą atsakyti negalima
oidc-error-hint = Grįžkite į programą ir bandykite dar kartą. Jei tai kartojasi, praneškite programos pagalbos tarnybai: jos prisijungimo nustatymai neatitinka jos registracijos.
oidc-error-missing-client = Užklausoje nenurodyta, iš kurios programos ji gauta (trūksta client_id).
oidc-error-unknown-client = Programa, kuri jus čia nukreipė, neužregistruota šioje prisijungimo paslaugoje.
oidc-error-missing-redirect = Užklausoje nenurodyta, kur jus grąžinti (trūksta redirect_uri).
oidc-error-bad-redirect = Adresas, kuriuo programa paprašė jus grąžinti, jai neužregistruotas, todėl jūsų ten nenukreipėme.
oidc-request-gone = Ši prisijungimo užklausa nebegalioja arba yra netinkama. Grįžkite į programą ir prisijunkite dar kartą.
oidc-consent-title = Bendrinti savo duomenis?
oidc-consent-text = { $service } prašo leidimo:
oidc-consent-allow = Leisti
oidc-consent-deny = Atsisakyti
oidc-scope-openid = patvirtinti jūsų tapatybę
oidc-scope-profile = matyti jūsų vardą ir pageidaujamą kalbą
oidc-scope-email = matyti jūsų e. pašto adresą
oidc-scope-offline-access = išlaikyti prieigą ir jums atsijungus
oidc-scope-groups = matyti grupes, kurioms priklausote
oidc-logout-title = Atsijungimas
oidc-logout-asked-by = { $service } prašo jus atjungti.
oidc-logout-question = Ar norite atsijungti nuo visų programų, prie kurių prisijungėte per šią paslaugą?
oidc-logout-yes = Atsijungti
oidc-logout-no = Likti prisijungus
oidc-logout-bad-hint = Atsijungimo užklausoje yra tapatybės žetonas, kurio ši paslauga neišdavė arba kuris buvo pakeistas.
oidc-logout-client-mismatch = Atsijungimo užklausoje nurodytos dvi skirtingos programos.
oidc-logout-bad-redirect = Adresas, į kurį reikia grįžti atsijungus, šiai programai neužregistruotas.
logout-frontchannel = Apie tai taip pat pranešama programoms, kuriomis naudojotės.
logout-continue = Tęsti
demo-oidc-title = Demonstracinė programa (OpenID Connect)
demo-oidc-intro = Ši demonstracinė programa jus prijungia naudodama OpenID Connect, kaip tai darytų šiuolaikinė žiniatinklio programa: autorizacijos kodo srautas su PKCE. Vėliau ji parodo gautą ID žetoną, patikrintą pagal paskelbtus raktus, ir ką apie jus praneša userinfo galinis taškas.
demo-oidc-sign-in = Prisijungti naudojant OpenID Connect
demo-oidc-cas-variant = Vietoj to išbandyti CAS variantą
demo-oidc-variant = Išbandyti OpenID Connect variantą
demo-oidc-done = Jūs prisijungėte. Štai ką gavo programa.
demo-oidc-verified = ID žetono parašas patikrintas raktu { $kid } ({ $alg }) iš paskelbto raktų rinkinio.
demo-oidc-claims = ID žetono teiginiai (claims)
demo-oidc-userinfo = Userinfo duomenys
demo-oidc-header = ID žetono antraštė
demo-oidc-again = Prisijungti dar kartą
demo-oidc-failed = Prisijungti nepavyko: { $reason }
demo-oidc-try-again = Bandyti dar kartą
oidc-logout-repeated = Atsijungimo užklausoje kartojamas parametras, todėl ja negalima pasitikėti.

# Strengths, step-up and security keys (issue 5)
method-PASSWORD_WEBAUTHN = Saugumo raktas arba patikima platforma
method-PASSWORD_WEBAUTHN-desc = Autentifikuokitės sistemoje Limen saugumo raktu, patikima platforma arba prieigos raktu.
error-invalid-strength = { $service } paprašė tikrinimo būdų, kurių jai naudoti neleidžiama (INVALID_STRENGTH).
error-invalid-strength-hint = Praneškite paslaugos pagalbos tarnybai; šiame puslapyje nieko padaryti negalite.
login-stepup = Jūs prisijungėte slaptažodžiu. Ši paslauga reikalauja stipresnio tikrinimo būdo: pasirinkite jį toliau.
login-register-method = { $service } reikalauja tikrinimo būdo, kurio dar nenustatėte: { $methods }.
login-register-link = Prisijunkite slaptažodžiu ir užregistruokite jį: { $method }
login-method-retired = Būdas „{ $method }“ nebenaudojamas nuo { $date }. Užregistruokite kitą tikrinimo būdą skiltyje „Mano paskyra“.
login-passkey = Prisijungti prieigos raktu
account-webauthn = Tvarkyti mano saugumo raktus ir patikimas platformas
account-webauthn-desc = Pridėkite, pervadinkite arba pašalinkite savo saugumo raktus, patikimas platformas ir prieigos raktus.
back-to-keys = Grįžti į mano saugumo raktus
back-to-account = Grįžti į „Mano paskyra“
webauthn-keys-title = Mano saugumo raktai ir patikimos platformos
webauthn-keys-intro = Saugumo raktas – tai mažas įrenginys (USB, NFC), veikiantis kartu su jūsų slaptažodžiu. Patikima platforma – tai į jūsų kompiuterį ar telefoną įdiegta autentifikavimo priemonė („Windows Hello“, „Touch ID“, „Android“). Prieigos raktas saugomas jūsų telefone arba slaptažodžių tvarkytuvėje ir gali jus prijungti be slaptažodžio.
webauthn-keys-none = Dar neužregistravote nė vieno saugumo rakto, patikimos platformos ar prieigos rakto.
webauthn-col-name = Pavadinimas
webauthn-col-kind = Rūšis
webauthn-col-model = Modelis
webauthn-col-created = Pridėta
webauthn-col-last-used = Paskutinį kartą naudota
webauthn-never-used = niekada
webauthn-model-unknown = neatskleista
webauthn-flagged = užblokuotas: galbūt nukopijuotas; pašalinkite jį ir užregistruokite iš naujo
webauthn-rename = Pervadinti
webauthn-delete = Ištrinti
webauthn-add-heading = Įrenginio pridėjimas
webauthn-add-security_key = Pridėti saugumo raktą
webauthn-add-platform = Pridėti patikimą platformą
webauthn-add-passkey = Pridėti prieigos raktą
webauthn-kind-security_key = Saugumo raktas
webauthn-kind-platform = Patikima platforma
webauthn-kind-passkey = Prieigos raktas
webauthn-kind-security_key-desc = USB arba NFC raktas, kurį paliečiate prisijungdami.
webauthn-kind-platform-desc = šio kompiuterio ar telefono autentifikavimo priemonė („Windows Hello“, „Touch ID“, „Android“ ekrano užraktas).
webauthn-kind-passkey-desc = šiame įrenginyje, jūsų slaptažodžių tvarkytuvėje arba jūsų telefone, naudojamame iš šio kompiuterio (naršyklė parodo QR kodą; abiejuose įrenginiuose turi būti įjungtas „Bluetooth“).
webauthn-add-intro = Suteikite įrenginiui pavadinimą, pagal kurį jį atpažinsite (pvz., „Mano mėlynas raktas“ arba „iPhone“), tada spustelėkite „Pateikti“ ir vykdykite naršyklės nurodymus. Jei naršyklė paklaus, ar anonimizuoti autentifikavimo priemonės informaciją, to langelio nežymėkite.
webauthn-device-name = Įrenginio pavadinimas
webauthn-submit = Pateikti
webauthn-stronger-needed = Norėdami pridėti kitą įrenginį, pirmiausia turėsite prisijungti jau turimu įrenginiu.
webauthn-unavailable = Saugumo raktai ir patikimos platformos jūsų paskyrai negalimi.
webauthn-register-text = Atlikite naršyklėje rodomus veiksmus: palieskite saugumo raktą arba patvirtinkite PIN kodu, piršto atspaudu ar veidu.
webauthn-register-status = Vyksta prisijungimo duomenų registracija…
webauthn-login-title = Saugumo raktas arba patikima platforma
webauthn-login-text = Atlikite naršyklėje rodomus veiksmus: palieskite saugumo raktą arba patvirtinkite PIN kodu, piršto atspaudu ar veidu.
webauthn-login-status = Laukiama jūsų saugumo rakto arba patikimos platformos…
webauthn-choose-title = Pasirinkite įrenginį
webauthn-choose-text = Spustelėkite norimo naudoti saugumo rakto arba patikimos platformos pavadinimą.
webauthn-retry = Bandyti dar kartą
webauthn-noscript = Šiam veiksmui reikia JavaScript: per jį jūsų naršyklė bendrauja su jūsų saugumo raktu.
webauthn-added-security_key = Saugumo raktas pridėtas.
webauthn-added-platform = Patikima platforma pridėta.
webauthn-added-passkey = Prieigos raktas pridėtas.
webauthn-deleted = Įrenginys pašalintas.
webauthn-renamed = Įrenginys pervadintas.
webauthn-error-cancelled = Operacija atšaukta arba užtruko per ilgai. Bandykite dar kartą ir atsakykite į naršyklės užklausą.
webauthn-error-unsupported = Ši naršyklė čia negali naudoti saugumo raktų ar prieigos raktų. Išbandykite kitą naršyklę arba kitą būdą.
webauthn-error-already = Šis įrenginys jau užregistruotas jūsų paskyroje.
webauthn-error-refused = Jūsų įrenginio atsakymo patikrinti nepavyko. Bandykite dar kartą arba naudokite kitą įrenginį.
webauthn-error-expired = Šis patikrinimas užtruko per ilgai arba jau buvo panaudotas. Pradėkite iš naujo.
webauthn-error-unknown = Šis saugumo raktas ar prieigos raktas neužregistruotas jokioje paskyroje (galbūt jis buvo pašalintas). Prisijunkite slaptažodžiu arba naudokite kitą įrenginį.
webauthn-error-other-account = Šis saugumo raktas priklauso kitai paskyrai. Naudokite šioje paskyroje užregistruotą raktą.
webauthn-error-cloned = Šis saugumo raktas užblokuotas: jo parašų skaitiklis grįžo atgal, todėl jis galbūt nukopijuotas. Pašalinkite jį skiltyje „Mano paskyra“ ir užregistruokite iš naujo.
webauthn-error-not-verified = Jūsų įrenginys nepatikrino jūsų tapatybės (PIN kodu, piršto atspaudu ar veidu). Prisijungiant be slaptažodžio toks patikrinimas būtinas.
webauthn-error-no-key = Neturite tinkamo naudoti saugumo rakto ar patikimos platformos. Užregistruokite jį skiltyje „Mano paskyra“.
webauthn-error-name = Suteikite įrenginiui pavadinimą nuo 1 iki 64 simbolių.
webauthn-error-no-such-key = Jūsų paskyroje tokio įrenginio nėra.
mail-factor-renamed-subject = Jūsų paskyros tikrinimo būdas pervadintas
mail-factor-renamed-text = Tikrinimo būdas „{ $old }“ pervadintas į „{ $name }“.
demo-strong = Paklausti dar kartą, reikalaujant saugumo rakto arba prieigos rakto (acceptStrengths=PASSWORD_WEBAUTHN): slaptažodžiu pradėto seanso autentifikavimo lygis padidinamas
mail-panic-used-subject = Iš jūsų paskyros pašalinti visi tikrinimo būdai (PANIC)
mail-panic-used-text = Jūsų paskyroje panaudota funkcija PANIC: pašalinti visi tikrinimo būdai, išskyrus slaptažodį ({ $names }), ir baigti visi seansai. Kad galėtumėte naudotis paslaugomis, kurioms reikia antrojo veiksnio, pridėkite naują skiltyje „Mano paskyra“.
mail-factors-removed-subject = Pagalbos tarnyba pašalino jūsų paskyros tikrinimo būdus
mail-factors-removed-text = Jūsų pagalbos tarnyba pašalino iš jūsų paskyros visus tikrinimo būdus, išskyrus slaptažodį ({ $names }), ir baigė visus seansus.
mail-mfa-on-subject = Dabar visada reikalaujama kelių veiksnių autentifikavimo
mail-mfa-on-text = Įjungtas nustatymas „Visada reikalauti kelių veiksnių autentifikavimo“: dabar kiekvienas prisijungimas prie jūsų paskyros baigiamas antruoju veiksniu.
mail-mfa-off-subject = Kelių veiksnių autentifikavimo nebereikalaujama visada
mail-mfa-off-text = Išjungtas nustatymas „Visada reikalauti kelių veiksnių autentifikavimo“: paslaugos, kurioms pakanka vien slaptažodžio, nebeprašo antrojo veiksnio.
login-code-text = Įveskite įrenginyje rodomą kodą.
login-code-challenge = Įveskite šį iššūkį į savo įrenginį, tada įveskite jo rodomą atsakymą:
login-code-sent = Kodas išsiųstas į { $to }.
login-code-label = Kodas
login-code-submit = Prisijungti
error-no-device = Neturite tinkamo naudoti įrenginio šiam tikrinimo būdui. Užregistruokite jį skiltyje „Mano paskyra“.
error-code-wrong = Šis kodas neteisingas. Patikrinkite jį ir bandykite dar kartą.
method-PASSWORD_MOBILE_APP = EU Login mobiliosios programėlės PIN kodas
method-PASSWORD_MOBILE_APP-desc = Jūsų telefone pasirodo užklausa; patvirtinkite ją PIN kodu.
method-PASSWORD_SOFTWARE_TOKEN = EU Login mobiliosios programėlės QR kodas
method-PASSWORD_SOFTWARE_TOKEN-desc = Nuskaitykite QR kodą programėle ir įveskite jos rodomą kodą.
method-MOBILE_APP = Mobiliajame įrenginyje
method-MOBILE_APP-desc = Prisijunkite programėle telefone, kuriuo naršote.
method-PASSWORD_SMS = Mobilusis telefonas + SMS
method-PASSWORD_SMS-desc = Gaukite kodą SMS žinute į užregistruotą mobilųjį telefoną.
method-PASSWORD_TOKEN = Žetonas
method-PASSWORD_TOKEN-desc = Įveskite aparatinio žetono rodomą kodą.
method-PASSWORD_TOKEN_CRAM = CRAM žetonas
method-PASSWORD_TOKEN_CRAM-desc = Įveskite iššūkį į žetoną, tada jo atsakymą.
method-EIDAS = eID
method-EIDAS-desc = Prisijunkite naudodami savo nacionalinę elektroninės atpažinties priemonę.
method-SOCIAL_NETWORKS = Socialiniai tinklai
method-SOCIAL_NETWORKS-desc = Prisijunkite socialinio tinklo paskyra.
method-CLIENT_CERT = Sertifikatas
method-CLIENT_CERT-desc = Prisijunkite sertifikatu, įdiegtu jūsų naršyklėje arba lustinėje kortelėje.
account-methods = Autentifikavimo būdai
account-methods-desc = Peržiūrėkite visus savo paskyros tikrinimo būdus, reikalaukite kelių veiksnių autentifikavimo arba pašalinkite juos visus (PANIC).
account-panic = Pašalinti visus mano įrenginius (PANIC)
account-panic-desc = Pametėte įrenginius? Pašalinkite juos visus vien slaptažodžiu.
methods-title = Autentifikavimo būdai
methods-intro = Jūsų paskyros tikrinimo būdai, be slaptažodžio: saugumo raktai, patikimos platformos, prieigos raktai ir kiti, kai bus pridėti.
methods-none = Jūsų paskyra neturi jokio tikrinimo būdo, išskyrus slaptažodį.
methods-col-kind = Rūšis
methods-col-name = Pavadinimas
methods-col-added = Pridėta
methods-col-last-used = Paskutinį kartą naudota
methods-never-used = Niekada
methods-blocked = (užblokuota)
methods-mfa-title = Visada reikalauti kelių veiksnių autentifikavimo
methods-mfa-text = Kai šis nustatymas įjungtas, kiekvienas prisijungimas prie jūsų paskyros baigiamas antruoju veiksniu, net ir paslaugose, kurioms pakanka vien slaptažodžio.
methods-mfa-on = Įjungta: kiekvienas prisijungimas baigiamas antruoju veiksniu.
methods-mfa-off = Išjungta: paslaugoms, kurioms pakanka vien slaptažodžio, pateikiamas tik jis.
methods-mfa-turn-on = Įjungti
methods-mfa-turn-off = Išjungti
methods-mfa-turned-on = Dabar visada reikalaujama kelių veiksnių autentifikavimo.
methods-mfa-turned-off = Kelių veiksnių autentifikavimo nebereikalaujama visada.
methods-mfa-no-factor = Pirmiausia užregistruokite antrąjį veiksnį: be jo kelių veiksnių autentifikavimo reikalauti negalima.
methods-panic-title = Pametėte įrenginius?
methods-panic-text = Funkcija PANIC vien jūsų slaptažodžiu pašalina visus jūsų paskyros tikrinimo būdus, išskyrus slaptažodį, ir baigia visus seansus.
methods-panic-link = Pašalinti visus mano įrenginius (PANIC)
back-to-methods = Grįžti į „Autentifikavimo būdai“
panic-title = Pašalinti visus mano įrenginius (PANIC)
panic-intro = Naudokite šią funkciją, jei pametėte savo saugumo raktus, prieigos raktus ar kitus įrenginius arba manote, kad jie pateko į kitų rankas. Po to:
panic-effect-factors = iš jūsų paskyros pašalinami visi tikrinimo būdai, išskyrus slaptažodį;
panic-effect-sessions = baigiami visi jūsų paskyros seansai visose naršyklėse, o visų programų prieiga atšaukiama;
panic-effect-services = paslaugos, kurioms reikia antrojo veiksnio, bus nepasiekiamos, kol neužregistruosite naujo.
panic-confirm = Suprantu: pašalinti visus mano įrenginius ir baigti visus mano seansus.
panic-submit = Pašalinti visus mano įrenginius
panic-confirm-needed = Pažymėkite langelį, kad patvirtintumėte.
panic-not-allowed = Funkcija PANIC jūsų paskyrai negalima. Kreipkitės į savo pagalbos tarnybą, kad ji pašalintų jūsų įrenginius.
panic-too-many = Šiandien šioje paskyroje funkcija PANIC naudota per daug kartų. Kreipkitės į savo pagalbos tarnybą.
panic-done = Visi jūsų įrenginiai pašalinti ir visi seansai baigti. Išsiuntėme jums apie tai e. laišką.
panic-removed = Pašalinta:
panic-unreachable = Kol neužregistruosite naujo antrojo veiksnio, negalėsite naudotis šiomis paslaugomis:
panic-unreachable-none = Visoms jūsų naudojamoms paslaugoms pakanka vien slaptažodžio.
panic-sign-in-again = Prisijungti dar kartą
error-form-invalid = Ši forma užpildyta ne taip, kaip tikėtasi. Bandykite dar kartą.
error-factor-throttled = Per daug neteisingų antrojo veiksnio atsakymų. Bandykite dar kartą po { $minutes ->
    [one] { $minutes } minutės
    [few] { $minutes } minučių
    [many] { $minutes } minutės
   *[other] { $minutes } minučių
}.
mail-panic-confirm-subject = Patvirtinkite PANIC: visų paskyros įrenginių pašalinimas
mail-panic-confirm-text = Jūsų paskyroje slaptažodžiu paprašyta funkcijos PANIC: būtų pašalinti visi tikrinimo būdai, išskyrus slaptažodį, ir baigti visi seansai.
mail-panic-confirm-validity = Jei tai buvote jūs, per { $validity } spustelėkite šią nuorodą ir patvirtinkite:
mail-panic-confirm-action = Pašalinti visus mano įrenginius
mail-panic-confirm-not-you = Jei tai buvote ne jūs, nuoroda nesinaudokite: kažkas žino jūsų slaptažodį. Nedelsdami pasirinkite naują per „Pamiršote slaptažodį?“.
panic-sent = Išsiuntėme nuorodą jūsų e. pašto adresu. Pasinaudokite ja per valandą, kad pašalintumėte visus savo įrenginius: iki tol niekas nepašalinama.
panic-confirm-title = Patvirtinimas: pašalinti visus mano įrenginius
panic-confirm-text = Bus pašalinti visi paskyros { $name } tikrinimo būdai, išskyrus slaptažodį, ir baigti visi seansai.
panic-confirm-submit = Pašalinti visus mano įrenginius dabar
panic-link-gone = Ši nuoroda nebegalioja (panaudota, pasibaigęs galiojimas arba pakeista). Dar kartą paprašykite funkcijos PANIC skiltyje „Mano paskyra“.
panic-by-mail = Kad įsitikintume, jog tai jūs, tada atsiunčiame nuorodą jūsų e. pašto adresu: įrenginiai pašalinami, kai ja pasinaudojate.
login-lost-devices = Pametėte saugumo raktą ar kitus įrenginius?
methods-mfa-on-inactive = Įjungta, tačiau jūsų paskyra neturi tinkamo naudoti antrojo veiksnio (užblokuotas raktas arba nebesiūlomas būdas): kol jo neužregistruosite, prisijungimai baigiami slaptažodžiu.

## The mobile app (issue 14, docs/MOBILE-PROTOCOL.md)
account-mobile_app = Tvarkyti mano mobiliuosius įrenginius
account-mobile_app-desc = Pridėkite, pervadinkite arba pašalinkite telefonus, kuriais patvirtinate prisijungimus.
mobile_app-kind-mobile = Mobilusis įrenginys
mobile_app-error-no-key = Neturite tinkamo naudoti mobiliojo įrenginio. Pridėkite jį skiltyje „Mano paskyra“.
software_token-error-no-key = Neturite tinkamo naudoti mobiliojo įrenginio. Pridėkite jį skiltyje „Mano paskyra“.
on_mobile-error-no-key = Neturite tinkamo naudoti mobiliojo įrenginio. Pridėkite jį skiltyje „Mano paskyra“.
mobile-title = Tvarkyti mano mobiliuosius įrenginius
mobile-intro = Jūsų telefone esanti autentifikavimo programėlė patvirtina jūsų prisijungimus: telefone pasirodo užklausa arba jis parodo kodą, kurį reikia įvesti čia. Kiekvienas įrenginys turi savo PIN kodą.
mobile-none = Dar neturite mobiliojo įrenginio.
mobile-col-model = Sistema ir modelis
mobile-locked = (užrakintas – per daug neteisingų PIN kodų arba atsietas savo programėlėje: pašalinkite jį ir pridėkite iš naujo)
mobile-device-name = Įrenginio pavadinimas
mobile-delete = Pašalinti
mobile-add = Pridėti mobilųjį įrenginį
mobile-add-intro = Suteikite įrenginiui pavadinimą, pasirinkite jo PIN kodą ir įveskite jį dar kartą. Tada pasirodys QR kodas: nuskaitykite jį autentifikavimo programėle ir joje įveskite tą patį PIN kodą.
mobile-stronger-needed = Norėdami pridėti ar pašalinti įrenginį, pirmiausia dar kartą prisijunkite stipriausiu savo tikrinimo būdu.
mobile-pin = { $n ->
    [one] PIN kodas ({ $n } skaitmuo ar daugiau)
    [few] PIN kodas ({ $n } skaitmenys ar daugiau)
    [many] PIN kodas ({ $n } skaitmens ar daugiau)
   *[other] PIN kodas ({ $n } skaitmenų ar daugiau)
}
mobile-pin-again = Pakartokite PIN kodą
mobile-submit = Tęsti
mobile-added = Mobilusis įrenginys pridėtas. Dabar galite juo prisijungti.
mobile-deleted = Mobilusis įrenginys pašalintas: juo nebegalima patvirtinti jūsų prisijungimų.
mobile-renamed = Mobilusis įrenginys pervadintas.
mobile-unavailable = Su jūsų paskyra mobiliųjų įrenginių naudoti negalima.
mobile-error-pin = PIN kodą turi sudaryti nuo { $n } iki 12 skaitmenų ir tik skaitmenys.
mobile-error-pin-again = Abu PIN kodai nesutampa. Įveskite juos dar kartą.
mobile-error-not-scanned = QR kodas dar nenuskaitytas. Jei jo galiojimas baigėsi, pridėkite įrenginį iš naujo.
mobile-error-not-confirmed = Įrenginys nuskaitė QR kodą, bet dar nepatvirtino PIN kodo.
mobile-error-pin-mismatch = Įrenginyje įvestas PIN kodas nesutampa su čia pasirinktu. Pridėkite įrenginį iš naujo.
mobile-error-enrol-expired = QR kodo galiojimas baigėsi. Pridėkite įrenginį iš naujo.
mobile-error-no-such-device = Tokio mobiliojo įrenginio neturite.
mobile-scan-text = Atidarykite telefone autentifikavimo programėlę ir nuskaitykite šį QR kodą, kad pridėtumėte „{ $name }“. Tada programėlė paprašys jūsų pasirinkto PIN kodo.
mobile-qr-label = QR kodas
mobile-link-text = Jei negalite jo nuskaityti, įklijuokite šią nuorodą į programėlę:
mobile-scan-expiry = { $n ->
    [one] QR kodas veikia vieną kartą, { $n } minutę.
    [few] QR kodas veikia vieną kartą, { $n } minutes.
    [many] QR kodas veikia vieną kartą, { $n } minutės.
   *[other] QR kodas veikia vieną kartą, { $n } minučių.
}
mobile-waiting = Laukiama jūsų įrenginio…
mobile-scanned = Įrenginys nuskaitė kodą: patvirtinkite jame PIN kodą.
mobile-continue = Tęsti
mobile-back = Grįžti į mano mobiliuosius įrenginius
mobile-push-text = Jūsų įrenginiui išsiųsta užklausa. Patikrinkite, ar ji skirta šiam prisijungimui, tada įveskite programėlėje šį skaičių ir savo PIN kodą:
mobile-number-label = Skaičius, kurį reikia įvesti programėlėje: { $number }
mobile-on-mobile-text = Atidarykite šiame telefone autentifikavimo programėlę, patvirtinkite PIN kodu, tada grįžkite į šį puslapį.
mobile-open-app = Atidaryti autentifikavimo programėlę
mobile-waiting-approval = Laukiama jūsų patvirtinimo… Kai patvirtinsite, šis puslapis tęs savaime.
mobile-waiting-noscript = Patvirtinę savo įrenginyje, paspauskite toliau esantį mygtuką.
mobile-approved-button = Patvirtinau savo įrenginyje
mobile-try-again = Bandyti dar kartą
mobile-qr-text = Nuskaitykite šį QR kodą autentifikavimo programėle (ji veikia ir be tinklo), įveskite programėlėje PIN kodą, tada įveskite čia jos rodomą 8 skaitmenų kodą.
mobile-qr-as-text = QR kodas tekstu
mobile-code-label = Programėlės rodomas kodas
mobile-error-denied = Užklausa atmesta jūsų įrenginyje.
mobile-error-wrong-number = Jūsų įrenginyje įvestas skaičius nesutampa su čia rodomu. Išsiųsta nauja užklausa: įveskite naują skaičių.
mobile-error-pending = Jūsų įrenginys dar neatsakė. Patvirtinkite jame užklausą, tada bandykite dar kartą.
mobile-error-expired = Užklausos galiojimas baigėsi. Bandykite dar kartą.
mobile-error-device-removed = Atsakęs įrenginys nebeužregistruotas.
mobile-error-code-format = Kodą sudaro 8 skaitmenys.
mobile-error-wrong-code = Šis kodas neteisingas. Nuskaitykite naują QR kodą ir įveskite naują kodą.
mobile-error-enrol-on-device = Įrenginys pats užbaigia savo registraciją.
mobile-notice-push-held = Per pastarąją valandą jūsų įrenginiuose atmesta per daug užklausų, todėl kol kas užklausos nesiunčiamos. Vietoj to naudokite QR kodo būdą arba bandykite dar kartą vėliau.
mail-device-locked-subject = Mobilusis įrenginys užrakintas
mail-device-unlinked-subject = Mobilusis įrenginys atsietas
mail-device-unlinked-text = Jūsų mobilusis įrenginys „{ $name }“ buvo atsietas savo autentifikavimo programėlėje („Atsieti šį įrenginį“ arba „Pamiršau PIN kodą“). Jis užrakintas ir nebegali patvirtinti prisijungimų: pašalinkite jį skiltyje „Mano paskyra“ ir, jei norite, pridėkite iš naujo. Jei to nedarėte jūs, galbūt kažkas turi jūsų telefoną.
mail-device-locked-text = Jūsų mobilusis įrenginys „{ $name }“ užrakintas po per daug neteisingų PIN kodų. Jis nebegali patvirtinti prisijungimų: pašalinkite jį ir pridėkite iš naujo skiltyje „Mano paskyra“. Jei šių PIN kodų neįvedėte jūs, galbūt kažkas turi jūsų telefoną.
mobile_app-choose-text = Turite daugiau nei vieną mobilųjį įrenginį: spustelėkite įrenginio, kuris turi gauti užklausą, pavadinimą.
mobile-error-too-many-enrolments = Per pastarąją valandą per daug kartų pradėjote pridėti įrenginius. Bandykite dar kartą vėliau.
mobile-open-web-app = Naudoti žiniatinklio autentifikavimo programėlę
mail-sign-in-reported-subject = Jūsų telefone atmestas ne jūsų pradėtas prisijungimas
mail-sign-in-reported-text = Prisijungimas prie paslaugos { $service } iš naršyklės { $browser } (tinklas { $network }) buvo atmestas jūsų mobiliajame įrenginyje „{ $device }“ ir pažymėtas kaip ne jūsų.
mail-sign-in-reported-advice = Tas, kas jį pradėjo, žino jūsų slaptažodį: nedelsdami pasirinkite naują („Pamiršote slaptažodį?“ prisijungimo puslapyje). Jei abejojate, ar jūsų įrenginiai saugūs, pašalinkite juos visus funkcija PANIC:
mail-sign-in-reported-advice-on-mobile = Jis buvo pradėtas būdu „Mobiliajame įrenginyje“, kuriam slaptažodžio nereikia: kažkas, žinantis jūsų e. pašto adresą, paprašė jūsų telefono patvirtinti prisijungimą. Tvirtinkite tik tas užklausas, kurias patys ką tik pradėjote tame telefone. Jei abejojate, ar jūsų įrenginiai saugūs, pašalinkite juos visus funkcija PANIC:
mail-sign-in-reported-action = Pašalinti visus mano įrenginius (PANIC)
mail-sign-in-reported-if-you = Jei vis dėlto tai buvote jūs, nieko daryti nereikia.

## Hardware tokens (issue 16)
login-code-device = Įrenginys:
token-code-device = Žetono serijos numeris:
token-code-text = Įjunkite žetoną (jei jis paprašys, įveskite jo PIN kodą) ir įveskite jo rodomą kodą.
token-code-label = Žetono kodas
token_cram-code-device = „Digipass“ serijos numeris:
token_cram-code-challenge = Įjunkite „Digipass“, įveskite į jį šį iššūkį, tada įveskite jo rodomą atsakymą:
token_cram-code-label = „Digipass“ atsakymas
token-choose-text = Turite daugiau nei vieną žetoną: spustelėkite tą, kurį turite su savimi.
token_cram-choose-text = Turite daugiau nei vieną CRAM žetoną: spustelėkite tą, kurį turite su savimi.
token-error-wrong = Šis kodas neteisingas. Patikrinkite, ar tai šio žetono kodas, ir bandykite dar kartą.
token-error-replayed = Šis kodas jau panaudotas. Palaukite, kol žetonas parodys naują kodą (arba įjunkite jį iš naujo), tada įveskite naująjį.
token-error-locked = Šis žetonas užrakintas po per daug neteisingų kodų. Bandykite dar kartą vėliau arba paprašykite savo pagalbos tarnybos jį atrakinti.
token-error-format = Įveskite tik žetono rodomus skaitmenis.
token-error-format-response = Įveskite tik „Digipass“ rodomo atsakymo skaitmenis.
token-error-expired = Šio puslapio galiojimas baigėsi. Pradėkite iš naujo.
token-error-bind = Šie kodai neatitinka jokio žetono, kurį galite pridėti. Patikrinkite serijos numerį žetono kitoje pusėje ir įveskite kodus tiksliai taip, kaip jis juos rodo, vieną po kito.
token-kind-hotp = Žetonas (kodas pagal pareikalavimą)
token-kind-totp = Žetonas (laiku grindžiamas kodas)
token_cram-kind-ocra = CRAM žetonas (iššūkis ir atsakymas)
tokens-kind-hotp = Žetonas (kodas pagal pareikalavimą)
tokens-kind-totp = Žetonas (laiku grindžiamas kodas)
tokens-kind-ocra = CRAM žetonas (iššūkis ir atsakymas)
account-token = Tvarkyti mano žetonus
account-token-desc = Pridėkite jūsų organizacijos išduotą aparatinį žetoną, pervadinkite arba pašalinkite jį.
tokens-title = Tvarkyti mano žetonus
tokens-intro = Aparatinius žetonus išduoda jūsų organizacija. Norėdami pridėti žetoną, turite jį turėti rankoje: jo serijos numeris išspausdintas kitoje pusėje.
tokens-none = Dar neturite žetono.
tokens-col-serial = Serijos numeris
tokens-col-added = Pridėta
tokens-locked = užrakintas
tokens-name-label = Žetono pavadinimas
tokens-remove = Pašalinti
tokens-add-heading = Žetono pridėjimas
tokens-add-token = Pridėti žetoną
tokens-add-token-desc = žetonas, kuris parodo kodą, kai jį įjungiate arba paspaudžiate jo mygtuką.
tokens-add-cram = Pridėti CRAM žetoną
tokens-add-cram-desc = „Digipass“, į kurį įvedate iššūkį ir gaunate atsakymą.
tokens-by-helpdesk = Žetonus tokioms paskyroms kaip jūsų priskiria jūsų pagalbos tarnyba.
tokens-add-intro = Įveskite žetono kitoje pusėje išspausdintą serijos numerį (visus skaitmenis, be brūkšnelių; seni serijos numeriai prasideda raide „T“) ir pavadinimą, pagal kurį jį atskirsite.
tokens-serial-label = Serijos numeris
tokens-serial-hint = Pavyzdžiui, 12345678 arba T1234567.
tokens-continue = Tęsti
tokens-back = Grįžti į mano žetonus
tokens-codes-text = Įjunkite žetoną ir įveskite jo rodomą kodą. Tada įjunkite jį dar kartą – jei žetono kodas keičiasi laikui bėgant, palaukite, kol jis parodys naują kodą – ir įveskite tą antrąjį kodą.
tokens-code1 = Pirmasis kodas
tokens-code2 = Kitas kodas
tokens-cram-text = Įjunkite „Digipass“, įveskite į jį šį iššūkį ir įveskite jo rodomą atsakymą:
tokens-add-submit = Pridėti žetoną
tokens-added = Žetonas pridėtas prie jūsų paskyros.
tokens-removed = Žetonas pašalintas iš jūsų paskyros.
tokens-renamed = Žetonas pervadintas.
tokens-unavailable = Prie jūsų paskyros žetonų pridėti negalima. Kreipkitės į savo pagalbos tarnybą.
tokens-error-serial = Įveskite ant žetono išspausdintą serijos numerį: tik raides ir skaitmenis.
tokens-error-no-such-token = Tokio žetono neturite.
mail-token-locked-subject = Žetonas užrakintas
mail-token-locked-text = Jūsų žetonas „{ $name }“ užrakintas po per daug neteisingų kodų. Jis vėl veiks nuo { $until }. Jei šių kodų neįvedėte jūs, galbūt kažkas bando prisijungti jūsų vardu: pakeiskite slaptažodį.
mail-token-locked-helpdesk-text = Jūsų žetonas „{ $name }“ užrakintas po per daug neteisingų kodų. Jūsų pagalbos tarnyba gali jį atrakinti. Jei šių kodų neįvedėte jūs, galbūt kažkas bando prisijungti jūsų vardu: pakeiskite slaptažodį.
token-error-bind-throttled = Per pastarąją valandą per daug kartų bandėte pridėti žetonus. Bandykite dar kartą vėliau.
tokens-col-actions = Veiksmai

## SMS (issue 17): the texts sent, the login page, My account's numbers
sms-text-login = { $code } – jūsų prisijungimo prie Limen kodas. Galioja { $minutes } min. Niekam jo neatskleiskite: niekas iš Limen niekada jo jūsų neprašys.
sms-text-login-service = { $code } – jūsų Limen kodas prisijungti prie paslaugos { $service }. Galioja { $minutes } min. Niekam jo neatskleiskite: niekas iš Limen niekada jo jūsų neprašys.
sms-text-add-number = { $code } – jūsų kodas šiam numeriui pridėti prie Limen paskyros. Galioja { $minutes } min. Niekam jo neatskleiskite. Jei jo neprašėte, nekreipkite dėmesio į šią žinutę.
sms-text-sign = { $code } – jūsų Limen kodas patvirtinti "{ $title }" paslaugai { $service }. Galioja { $minutes } min. Niekam jo neatskleiskite.
sms-code-text = Įveskite kodą, kurį jums atsiuntėme SMS žinute (9 simboliai, pvz., ABC-DEF-GHJ). Žinutė gali ateiti per kelias minutes.
sms-code-label = SMS žinute gautas iššūkio kodas
sms-choose-text = Užregistravote kelis mobiliųjų telefonų numerius: spustelėkite tą, kuriuo turi būti išsiųstas kodas.
sms-error-number-invalid = Tai nėra tarptautinio formato mobiliojo telefono numeris. Pradėkite ženklu + ir šalies kodu, pvz., +32 470 12 34 56.
sms-error-number-type = Šiuo numeriu negalima gauti mūsų SMS žinučių: naudokite mobiliojo telefono numerį (ne fiksuotojo ryšio, ne brangiai apmokestinamą, ne nemokamą, ne bendros kainos ir ne interneto telefonijos numerį).
sms-error-country = Šios šalies numeriais SMS žinučių siųsti negalima. Naudokite kitą numerį arba kitą tikrinimo būdą.
sms-error-limit = Neseniai išsiųsta per daug SMS žinučių. Bandykite dar kartą vėliau arba naudokite kitą tikrinimo būdą.
sms-error-unavailable = Šiuo metu SMS žinučių siųsti negalima. Naudokite kitą tikrinimo būdą arba bandykite dar kartą rytoj.
sms-error-wait = Kodas išsiųstas ką tik. Šiek tiek palaukite, prieš prašydami kito: SMS žinutė gali ateiti per kelias minutes.
sms-error-format = Tai ne tokio pavidalo kodas, kokį siunčiame: patikrinkite įvestus simbolius.
sms-error-expired = Šio kodo galiojimas baigėsi. Paprašykite naujo kodo.
sms-error-used = Šis kodas jau panaudotas. Paprašykite naujo kodo.
sms-error-exhausted = Per daug neteisingų kodų: šio kodo nebegalima naudoti. Paprašykite naujo kodo.
sms-error-not-sent = Nepavyko išsiųsti SMS žinutės šiuo numeriu. Paprašykite naujo kodo vėliau arba naudokite kitą tikrinimo būdą.
sms-error-wrong = Tai ne tas kodas, kurį išsiuntėme. Patikrinkite jį ir bandykite dar kartą.
sms-error-no-number = Šis mobiliojo telefono numeris nebeužregistruotas jūsų paskyroje.
sms-error-already = Šis numeris jau užregistruotas jūsų paskyroje.
login-code-not-received = Negavote kodo?
login-code-resend = Siųsti naują kodą
account-sms = Tvarkyti mano mobiliųjų telefonų numerius
account-phones = Tvarkyti mano mobiliųjų telefonų numerius
account-phones-desc = Pridėkite mobiliųjų telefonų numerius, kuriais galima gauti prisijungimo kodus SMS žinute, arba juos pašalinkite.
phones-title = Tvarkyti mano mobiliųjų telefonų numerius
phones-intro = Šiais numeriais galima gauti kodą SMS žinute, kai jungiatės būdu „Mobilusis telefonas + SMS“. SMS yra mažiau saugus nei mobilioji programėlė ar saugumo raktas: jei galite, naudokite vieną iš jų.
phones-added = Numeris pridėtas.
phones-removed = Numeris pašalintas.
phones-none = Neužregistruotas nė vienas mobiliojo telefono numeris.
phones-col-label = Pavadinimas
phones-col-number = Numeris
phones-remove = Pašalinti
phones-add = Pridėti mobiliojo telefono numerį
phones-retired = Prisijungimas SMS žinute nebenaudojamas: užregistruokite kitą tikrinimo būdą (mobiliąją programėlę, saugumo raktą arba prieigos raktą).
phones-unavailable = Prisijungimas SMS žinute jūsų paskyrai nesiūlomas.
phones-add-intro = Šiuo numeriu SMS žinute bus išsiųstas kodas; įveskite jį kitame puslapyje.
phones-number-label = Mobiliojo telefono numeris
phones-number-hint = Tarptautiniu formatu, pradedant ženklu + ir šalies kodu, pvz., Belgijos: +32 470 12 34 56.
phones-label-label = Pavadinimas (neprivaloma)
phones-label-hint = Pavadinimas, pagal kurį atpažinsite šį numerį, pvz., „Mano darbo telefonas“.
phones-add-submit = Pridėti
phones-back = Grįžti į mano mobiliųjų telefonų numerius
phones-confirm-title = Mobiliojo telefono numerio patvirtinimas
phones-confirm-intro = Įveskite iššūkio kodą, SMS žinute atsiųstą į jūsų mobilųjį telefoną. Žinutė gali ateiti per kelias minutes.
phones-code-label = SMS žinute gautas iššūkio kodas
phones-code-hint = 8 simboliai, pvz., ABCD-EFGH.
phones-confirm-submit = Užbaigti
phones-cancel = Atšaukti
phones-error-no-such-number = Šis numeris neužregistruotas jūsų paskyroje.
dev-outbox-sms-title = SMS žinutės
dev-outbox-sms-empty = SMS žinučių dar nėra.
dev-outbox-sms-text = Tekstas

## Transaction signing (issue 18)
sign-page-title = Operacijos pasirašymas
sign-fields-caption = Ką jūsų prašoma patvirtinti
sign-retype-note = (mobilioji programėlė paprašys tai įvesti)
sign-expires = Šios užklausos galiojimas baigiasi { $time }.
sign-intro = Patikrinkite kiekvieną pirmiau pateiktą eilutę. Norėdami pasirašyti, įveskite slaptažodį, pasirinkite patvirtinimo būdą ir spustelėkite „Pasirašyti“.
sign-method-label = Patvirtinti naudojant
sign-submit = Pasirašyti
sign-cancel = Atsisakyti ir grįžti į paslaugą
sign-back = Grįžti į pasirašymo puslapį
sign-error-unknown = Tokios pasirašymo užklausos nėra. Grįžkite į paslaugą ir pradėkite iš naujo.
sign-error-finished = Ši pasirašymo užklausa jau pasirašyta arba jos atsisakyta.
sign-error-expired = Šios pasirašymo užklausos galiojimas baigėsi. Grįžkite į paslaugą ir pradėkite iš naujo.
sign-error-other-user = Ši pasirašymo užklausa skirta kitai paskyrai nei ta, kuria čia prisijungta. Pirmiausia atsijunkite arba atsisakykite jos paslaugoje.
sign-error-changed = Operacijos duomenys nebeatitinka to, ko buvo prašyta. Niekas nepasirašyta.
sign-error-method = Šios užklausos tuo būdu pasirašyti negalima. Pasirinkite kitą.
sign-error-no-method = Neturite nė vieno tikrinimo būdo, kurį priima ši užklausa. Užregistruokite jį skiltyje „Mano paskyra“ (mobilųjį įrenginį, saugumo raktą, žetoną arba telefono numerį), tada pradėkite iš naujo paslaugoje.
sign-error-password = Slaptažodis neteisingas.
sign-error-again = Šio žingsnio galiojimas baigėsi arba jis jau panaudotas. Įveskite slaptažodį dar kartą.
sign-error-throttled = Per daug bandymų. Bandykite dar kartą po { $until }.
account-signatures-title = Mano parašai
account-signatures-link = Mano pasirašytos operacijos
account-signatures-intro = Operacijos, kurias paslaugos paprašė jūsų pasirašyti naudojant Limen. Kvitas – tai pasirašytas įrodymas, kurį gavo paslauga.
account-signatures-empty = Jūsų dar nebuvo paprašyta nieko pasirašyti.
account-signatures-service = Paslauga
account-signatures-what = Operacija
account-signatures-when = Data
account-signatures-method = Pasirašyta naudojant
account-signatures-status = Būsena
account-signatures-status-pending = laukiama
account-signatures-status-signed = pasirašyta
account-signatures-status-cancelled = atsisakyta
account-signatures-status-expired = nebegalioja
account-signatures-receipt = Atsisiųsti kvitą
account-signatures-report = Tai ne aš
account-signatures-reported = pažymėta kaip ne jūsų
account-signatures-report-done = Ačiū. Parašas pažymėtas kaip ne jūsų ir užregistruotas; išsiuntėme jums e. laišką. Jei kas nors žino jūsų slaptažodį, nedelsdami jį pakeiskite ir pašalinkite savo įrenginius, jei kuris nors iš jų galėjo patekti į kitų rankas.
account-signatures-report-unknown = Apie šį parašą pranešti negalima (jis ne jūsų, nepasirašytas arba apie jį jau pranešta).
mail-signature-reported-subject = Parašas pažymėtas kaip ne jūsų
mail-signature-reported-text = Pranešėte, kad operacijos „{ $title }“, pasirašytos paslaugai { $service }, nepasirašėte jūs.
demo-sign-link = Pasirašyti pervedimą (operacijos pasirašymas)
demo-sign-title = Demonstracinė paslauga: pervedimo pasirašymas
demo-sign-intro = Demonstracinė paslauga prašo jūsų pasirašyti pervedimą antruoju veiksniu. Limen jums parodo pervedimą, jūs jį patvirtinate, o demonstracinė paslauga patikrina pasirašytą kvitą Limen paskelbtais raktais.
demo-sign-transfer = Apyvartinių taršos leidimų pervedimas
demo-sign-amount = Kiekis
demo-sign-beneficiary = Gavėjo sąskaita
demo-sign-beneficiary-hint = Sąskaitos numeris, pvz., EU-100-5 (EU-, trys skaitmenys, -, nuo vieno iki šešių skaitmenų). Mobilioji programėlė paprašys jį įvesti.
demo-sign-submit = Pasirašyti šį pervedimą
demo-sign-back = Grįžti į demonstracinę paslaugą
demo-sign-verified = Kvito parašas galioja: Limen patvirtina, kad pasirašėte šį pervedimą.
demo-sign-refused = Pervedimas nepasirašytas (atsisakyta).
demo-sign-invalid = Kvito patikrinti nepavyko. Niekas nepasirašyta.
demo-sign-result-unknown = Šis rezultatas nežinomas, nebegalioja arba jau panaudotas.
demo-sign-method = Pasirašyta naudojant
demo-sign-when = Pasirašymo laikas
demo-sign-key = Limen raktas
demo-sign-raw = Gautas kvitas (JWS)
token-error-cannot-sign = Šiuo žetonu negalima patvirtinti operacijos: pasirinkite kitą būdą.
sign-error-qr-too-large = Ši operacija per didelė programėlės QR kodui. Pasirinkite kitą būdą.
sign-error-password-expired = Jūsų slaptažodžio galiojimas baigėsi. Pirmiausia jį pakeiskite (prisijunkite prie „Mano paskyra“), tada pasirašykite dar kartą.

## Federation: eID and social network sign-in (issue 19)
account-eids = Tvarkyti mano eID ir susietas paskyras
account-eids-desc = Susiekite savo nacionalinę eID arba socialinio tinklo paskyrą, kad galėtumėte ja prisijungti, arba pašalinkite susiejimą.
upstream-or-sign-in-with = Arba prisijunkite naudodami
upstream-sign-in-with = Prisijungti naudojant { $upstream }
upstream-failed-title = Prisijungimas neužbaigtas
upstream-unknown = Ši prisijungimo galimybė negalima.
upstream-unreachable = Nepavyko susisiekti su tapatybės teikėju. Bandykite dar kartą vėliau arba naudokite kitą tikrinimo būdą.
upstream-gone = Šis prisijungimo bandymas nebegalioja, jau panaudotas arba pradėtas kitoje naršyklėje. Pradėkite iš naujo prisijungimo puslapyje.
upstream-denied = Tapatybės teikėjas jūsų neprijungė (galbūt atšaukėte). Pradėkite iš naujo arba naudokite kitą tikrinimo būdą.
upstream-refused = Tapatybės teikėjo atsakymo patikrinti nepavyko, todėl jūsų neprijungėme. Pradėkite iš naujo; jei tai pasikartos, praneškite savo pagalbos tarnybai.
upstream-linked-elsewhere = Ši tapatybės teikėjo paskyra jau susieta su kita čia esančia paskyra. Pirmiausia pašalinkite tą susiejimą kitos paskyros skiltyje „Mano paskyra“.
upstream-account-unusable = Su šia tapatybe susieta paskyra negali prisijungti (ji užrakinta arba jos adresas dar nepatvirtintas).
upstream-linked-title = Paskyra susieta
upstream-linked-text = Nuo šiol galite ja prisijungti. Susiejimą galite pašalinti skiltyje „Mano paskyra“, „Tvarkyti mano eID ir susietas paskyras“.
upstream-continue = Tęsti
upstream-choice-title = Beveik baigta
upstream-choice-intro = Prisijungėte naudodami { $upstream }, tačiau su šia tapatybe čia dar nesusieta jokia paskyra.
upstream-have-account = Jau turiu paskyrą
upstream-have-account-text = Prisijunkite prie savo paskyros kaip įprasta (antruoju veiksniu, jei jį turite); tada ji bus susieta ir galėsite prisijungti bet kuriuo iš šių būdų.
upstream-sign-in-to-link = Prisijungti ir susieti
upstream-new-account = Sukurti naują paskyrą
upstream-new-account-text = Patikrinkite tapatybės teikėjo pateiktą vardą ir adresą ir, jei reikia, juos pataisykite.
upstream-email-vouched = { $upstream } patvirtino šį adresą: jūsų paskyra parengta iš karto.
upstream-email-confirm = Šiuo adresu atsiųsime nuorodą, kad patvirtintume, jog jis jūsų; paskyra bus galima naudotis, kai ja pasinaudosite.
upstream-create = Sukurti mano paskyrą
upstream-check-mailbox-title = Patikrinkite savo pašto dėžutę
upstream-check-mailbox = E. laiškas išsiųstas adresu { $email }. Spustelėkite jame esančią nuorodą, kad aktyvintumėte paskyrą.
upstream-check-mailbox-hint = Jei e. laiškas neateina per kelias minutes, patikrinkite brukalo (šlamšto) aplanką.
upstream-sign-up-closed = Naudojant šį tapatybės teikėją paskyros sukurti negalima. Prisijunkite prie esamos paskyros, kad ją susietumėte.
upstream-activated-title = Adresas patvirtintas
upstream-activated-text = Jūsų paskyra { $email } aktyvi. Prisijunkite naudodami tą tapatybės teikėją, kuriuo ją sukūrėte.
upstream-activation-gone = Ši nuoroda nebegalioja: ji jau panaudota arba baigėsi jos galiojimas.
upstream-sign-in = Prisijungti
upstream-links-title = Tvarkyti mano eID ir susietas paskyras
upstream-links-intro = Kitų tapatybės teikėjų paskyros (nacionalinė eID, socialinis tinklas), kuriomis galite prisijungti. Socialinio tinklo paskyra suteikia tik paprastą prisijungimą: paslaugos, kurioms reikia daugiau, prašo kito būdo.
upstream-links-none = Nesusieta jokia paskyra.
upstream-links-linked = Paskyra susieta.
upstream-links-removed = Susiejimas pašalintas.
upstream-links-col-provider = Tapatybės teikėjas
upstream-links-col-account = Paskyra
upstream-links-remove = Pašalinti
upstream-links-add = Susieti paskyrą
upstream-links-link-with = Susieti su { $upstream }
upstream-links-last-way-in = Tai vienintelis būdas patekti į jūsų paskyrą: pirmiausia nustatykite slaptažodį („Pamiršote slaptažodį?“ prisijungimo puslapyje) arba susiekite kitą paskyrą.
upstream-links-not-found = Tokio susiejimo nėra.
mail-upstream-activate-subject = Patvirtinkite savo e. pašto adresą
mail-upstream-activate-text = Jums sukurta paskyra naudojant { $upstream }.
mail-upstream-activate-action = Patvirtinti mano adresą
mail-upstream-tried-subject = Kažkas bandė sukurti paskyrą jūsų adresu
mail-upstream-tried-text = Kažkas prisijungė naudodamas { $upstream } ir bandė sukurti paskyrą adresu { $email }, kuriuo čia paskyra jau yra. Niekas nepakeista.
mail-upstream-tried-link = Jei tai buvote jūs: prisijunkite kaip įprasta, tada susiekite { $upstream } skiltyje „Mano paskyra“.
mail-upstream-tried-action = Tvarkyti mano susietas paskyras
upstream-activate-title = Patvirtinkite savo paskyrą
upstream-activate-text = Norėdami užbaigti, šioje naršyklėje prisijunkite prie paskyros { $email } naudodami tapatybės teikėją, kuriuo ją sukūrėte.
upstream-method-unavailable = Prisijungti šiuo būdu jūsų paskyrai nesiūloma. Naudokite kitą tikrinimo būdą.

## SAML identity provider (docs/SAML.md)
saml-error-title = Programos prisijungimo užklausos priimti nepavyko
saml-error-hint = Grįžkite į programą ir pradėkite iš naujo. Jei tai kartojasi, kreipkitės į programos pagalbos tarnybą.
saml-error-refused = Programa atsiuntė prisijungimo užklausą, kurios Limen negali priimti.
saml-error-unknown-sp = Programa, kuri jus čia nukreipė, neužregistruota šioje prisijungimo paslaugoje.
saml-error-used = Ši prisijungimo užklausa jau panaudota. Grįžkite į programą ir prisijunkite iš ten.
saml-error-busy = Iš jūsų tinklo gauta per daug prisijungimo užklausų. Palaukite minutę ir bandykite dar kartą.
saml-error-other-browser = Ši prisijungimo užklausa pradėta kitoje naršyklėje. Pradėkite iš naujo programoje šioje naršyklėje.
saml-logout-partial = Šios programos nepatvirtino, kad jūs iš jų atsijungėte: { $services }. Dėl viso pikto uždarykite naršyklę.
demo-saml-title = Demonstracinė programa (SAML)
demo-saml-intro = Ši demonstracinė programa jus prijungia naudodama SAML 2.0, kaip daro daug įmonių programų: ji siunčia autentifikavimo užklausą sistemai Limen ir gauna pasirašytą teiginį (assertion) savo teiginių priėmimo paslaugoje (assertion consumer service). Vėliau ji parodo NameID ir gautus atributus, patikrintus pagal raktus, kuriuos Limen skelbia savo metaduomenyse.
demo-saml-sign-in = Prisijungti naudojant SAML
demo-saml-variant = Išbandyti SAML variantą
demo-saml-done = Jūs prisijungėte. Štai ką gavo programa.
demo-saml-verified = Teiginio parašas patikrintas ({ $alg }) Limen SAML metaduomenų raktais.
demo-saml-attributes = Atributai
