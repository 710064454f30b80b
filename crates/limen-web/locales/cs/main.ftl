app-tagline = Jeden účet, mnoho služeb
language-label = Jazyk
nav-my-account = Můj účet
nav-logout = Odhlásit se
nav-signed-in-as = Přihlášený uživatel: { $name }

login-title = Pro pokračování se přihlaste
login-email-label = Použijte svou e-mailovou adresu
login-next = Další
login-welcome = Vítejte
login-external = (externí)
login-switch-account = Přihlásit se jinou e-mailovou adresou?
login-password-label = Heslo
login-lost-password = Zapomenuté heslo?
login-method-label = Způsob ověření
login-submit = Přihlásit se
requested-by = Požaduje služba { $service }
method-PASSWORD = Heslo
method-PASSWORD-desc = Ověřte se pouze heslem.

error-email-empty = Zadejte svou e-mailovou adresu.
error-email-invalid = Toto není platná e-mailová adresa. Zkontrolujte ji a zkuste to znovu.
error-email-character = Tato adresa obsahuje neviditelný nebo neobvyklý znak ({ $codepoint }), například značku směru textu nebo mezeru nulové šířky, který se často dostane do textu při kopírování a vkládání. Zadejte adresu znovu.
error-password-empty = Zadejte své heslo.
error-credentials = E-mailová adresa nebo heslo nejsou správné.
error-method-unavailable = Tento způsob ověření zde není k dispozici. Zvolte jiný.
error-throttled = { $minutes ->
    [one] Příliš mnoho neúspěšných pokusů. Zkuste to znovu za minutu (v { $time } UTC).
    [few] Příliš mnoho neúspěšných pokusů. Zkuste to znovu za { $minutes } minuty (v { $time } UTC).
    [many] Příliš mnoho neúspěšných pokusů. Zkuste to znovu za { $minutes } minuty (v { $time } UTC).
   *[other] Příliš mnoho neúspěšných pokusů. Zkuste to znovu za { $minutes } minut (v { $time } UTC).
}
error-account-locked = Tento účet je zablokovaný. Obraťte se na technickou podporu, aby vám ho odblokovala.
error-csrf = Platnost tohoto formuláře vypršela nebo byl formulář odeslán z jiného webu. Zkuste to prosím znovu.
error-no-method = Pro váš účet není k dispozici žádný ze způsobů ověření, které služba { $service } přijímá.
error-insufficient-assurance = Služba { $service } vyžaduje účet s vyšší úrovní záruky identity, než má váš účet.
error-bad-request = Požadavek není platný.
error-internal = Došlo k interní chybě. Zkuste to prosím později.
error-not-found = Tato stránka neexistuje.
error-page-title = Něco se pokazilo
unavailable-title = Dočasně nedostupné
unavailable-text = Služba nyní nemůže odpovědět. Zkuste to prosím znovu za několik sekund.
busy-title = Příliš mnoho současných přihlášení
busy-text = Služba je velmi vytížená. Zkuste to prosím znovu za několik sekund.
back-to-login = Zpět na přihlašovací stránku

unknown-service-title = Neznámá služba
unknown-service-text = Aplikace, která vás sem poslala, není u této přihlašovací služby registrována, a proto vás do ní nelze vrátit. Chrání vás to před weby, které se vydávají za službu, jíž důvěřujete.
unknown-service-hint = Pokud jste přišli přes odkaz ze známé služby, sdělte její technické podpoře, že její adresa není registrována.
login-request-gone-title = Neplatný přihlašovací odkaz
login-request-gone-text = Tento přihlašovací odkaz je neznámý, vypršela jeho platnost nebo již byl použit, takže se jím nelze přihlásit.
login-request-gone-hint = Vraťte se do aplikace a zahajte přihlášení znovu odtamtud.

login-success-title = Ověření proběhlo úspěšně
login-success-text = Přihlášení proběhlo úspěšně.
login-success-hint = Chcete-li ukončit automatické přihlašování, klikněte na Odhlásit se nebo zavřete všechna okna webového prohlížeče.
continue-title = Pokračovat do služby
continue-text = Prohlížeč nepokračoval automaticky. Stisknutím tlačítka přejdete do služby { $service }.
continue-button = Pokračovat

logout-title = Odhlášení
logout-text = Odhlášení proběhlo úspěšně.
logout-services = { $count ->
    [0] V této relaci nebyla otevřena žádná služba.
    [one] Služba, kterou jste používali, byla o odhlášení informována.
    [few] { $count } služby, které jste používali, byly o odhlášení informovány.
    [many] { $count } služby, které jste používali, byly o odhlášení informovány.
   *[other] { $count } služeb, které jste používali, bylo o odhlášení informováno.
}
logout-close-browser = Z bezpečnostních důvodů po skončení práce zavřete prohlížeč.

lost-password-title = Zapomenuté heslo

account-title = Můj účet
account-sessions = Zobrazit mé relace
account-sessions-desc = Můžete zobrazit své otevřené relace a ukončit je.
account-groups = Vaše skupiny
account-groups-intro = Některé služby dostávají informaci o tom, do kterých z těchto skupin patříte. Skupiny spravuje technická podpora.
account-groups-none = Nepatříte do žádné skupiny.

sessions-title = Mé relace
sessions-intro = Toto jsou prohlížeče, ve kterých je váš účet přihlášen. Ukončete každou relaci, kterou nepoznáváte.
sessions-current = Tento prohlížeč
sessions-started = Přihlášení
sessions-last-seen = Poslední aktivita
sessions-address = Adresa
sessions-browser = Prohlížeč
sessions-methods = Ověřeno pomocí
sessions-services = Služby
sessions-no-services = zatím žádné
sessions-end = Ukončit tuto relaci
sessions-ended = Relace byla ukončena.

demo-title = Ukázková služba
demo-intro = Tato stránka je služba chráněná tímto přihlašovacím serverem, stejně jako by jí byla kterákoli aplikace vaší organizace. Obdržela tiket CAS, ověřila ho a získala níže uvedené atributy.
demo-user = Uživatelské jméno
demo-attributes = Obdržené atributy
demo-attribute = Atribut
demo-value = Hodnota
demo-logout = Odhlásit se (jednotné odhlášení)
demo-signed-out = K ukázkové službě nejste přihlášeni.
demo-sign-in = Přihlásit se k ukázkové službě
demo-ticket-invalid = Tiket se nepodařilo ověřit: { $reason }

login-create-account = Vytvořit účet
back = Zpět
proceed = Pokračovat dál
cancel = Zrušit
form-has-errors = Opravte prosím následující:
field-first-name = Jméno
field-last-name = Příjmení
field-optional = (nepovinné)
field-email = E-mail
field-email-confirm = Potvrzení e-mailu
field-email-language = Jazyk e-mailů
field-email-language-help = Jazyk e-mailů, které vám posíláme, bez ohledu na jazyk těchto stránek. E-maily posíláme pouze k ověření vaší totožnosti nebo k informování o bezpečnostních událostech na vašem účtu.
field-ui-language = Jazyk těchto stránek
field-ui-language-browser = Podle nastavení prohlížeče
field-current-password = Současné heslo
field-new-password = Nové heslo
field-confirm-password = Potvrzení nového hesla
field-new-email = Nová e-mailová adresa

register-title = Vytvořit účet
register-staff-note = Zaměstnanci organizací, které tuto službu používají, již účet mají: přihlaste se místo toho svou pracovní e-mailovou adresou.
register-privacy-link = Prohlášení o ochraně osobních údajů
register-privacy-accept = Potvrzuji přečtení prohlášení o ochraně osobních údajů a souhlasím s ním.
register-submit = Vytvořit účet
register-have-account = Už máte účet? Přihlaste se
register-closed = Na tomto serveru nelze vytvořit účet. Obraťte se na technickou podporu.
register-sent-title = Zkontrolujte svou e-mailovou schránku
register-sent-text = Na adresu { $email } byl odeslán e-mail. Pomocí odkazu v něm si vytvořte heslo.
register-sent-validity = Odkaz platí { $validity }.
register-sent-spam = Pokud e-mail nedorazí během několika minut, podívejte se do složky s nevyžádanou poštou.

captcha-legend = Prokažte, že jste člověk
captcha-image-alt = Obrázek s písmeny a číslicemi, které je třeba opsat do pole níže. Pokud ho nemůžete přečíst, použijte místo toho ověření pod polem.
captcha-new = Nový kód
captcha-label = Zadejte kód zobrazený na obrázku
captcha-pow-intro = Nemůžete obrázek přečíst? Nechte ověření na prohlížeči: trvá několik sekund a nevyžaduje čtení ani poslech.
captcha-pow-button = Ověřit místo toho prohlížečem
captcha-pow-working = Ověřování…
captcha-pow-done = Hotovo: kód nemusíte opisovat.
captcha-pow-nojs = Toto ověření vyžaduje JavaScript; opište místo toho kód z obrázku.

error-name-too-long = Toto jméno je příliš dlouhé (nejvýše 100 znaků).
error-name-characters = Toto jméno obsahuje nepovolené znaky: používejte písmena libovolné abecedy, mezery, spojovníky, apostrofy a tečky.
error-first-name-required = Zadejte své jméno.
error-last-name-required = Zadejte své příjmení.
error-email-confirm-empty = Zadejte svou e-mailovou adresu ještě jednou.
error-email-mismatch = Zadané e-mailové adresy se neshodují.
error-email-same = Toto již je vaše e-mailová adresa.
error-email-taken = Adresu { $email } již používá jiný účet.
error-captcha = Kód není správný. Opište kód z nového obrázku nebo použijte ověření prohlížečem.
error-captcha-expired = Platnost kódu vypršela. Opište kód z nového obrázku nebo použijte ověření prohlížečem.
error-captcha-used = Tento kód již byl použit. Opište kód z nového obrázku nebo použijte ověření prohlížečem.
error-captcha-invalid = Kód se nepodařilo ověřit (stránka mohla být změněna). Opište kód z nového obrázku nebo použijte ověření prohlížečem.
error-privacy = Chcete-li vytvořit účet, přijměte prosím prohlášení o ochraně osobních údajů.
error-too-many-requests = Příliš mnoho požadavků pro tuto adresu nebo z vaší sítě. Zkuste to prosím znovu za hodinu.
error-new-password-empty = Zvolte nové heslo.
error-confirm-password-empty = Zadejte nové heslo ještě jednou.
error-password-mismatch = Zadaná hesla se neshodují.
error-password-wrong = Heslo není správné.
error-too-many-attempts = Příliš mnoho neúspěšných pokusů. Chvíli počkejte a zkuste to znovu.

password-policy-intro = Heslo musí obsahovat nejméně 10 znaků a kombinaci:
password-policy-upper = velkých písmen,
password-policy-lower = malých písmen,
password-policy-digits = číslic,
password-policy-special = zvláštních znaků.
password-policy-advice = Zvolte co nejdelší a nejsložitější heslo, aby byl váš účet bezpečnější, ale nezapomeňte, že si ho budete muset pamatovat.
password-problem-too-short = Má méně než 10 znaků.
password-problem-too-long = Je příliš dlouhé.
password-problem-no-upper = Neobsahuje velké písmeno.
password-problem-no-lower = Neobsahuje malé písmeno.
password-problem-no-digit = Neobsahuje číslici.
password-problem-no-special = Neobsahuje zvláštní znak.
password-problem-common = Je příliš běžné: útočník by ho zkusil mezi prvními.
password-problem-personal-data = Obsahuje vaši e-mailovou adresu nebo vaše jméno.
password-problem-control-characters = Obsahuje neviditelné řídicí znaky.
password-strength = Síla: { $label }
password-strength-0 = velmi slabé
password-strength-1 = slabé
password-strength-2 = průměrné
password-strength-3 = dobré
password-strength-4 = silné
zx-w-StraightRowsOfKeysAreEasyToGuess = Souvislé řady kláves se snadno uhodnou.
zx-w-ShortKeyboardPatternsAreEasyToGuess = Krátké vzory na klávesnici se snadno uhodnou.
zx-w-RepeatsLikeAaaAreEasyToGuess = Opakování jako „aaa“ se snadno uhodnou.
zx-w-RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess = Opakování jako „abcabcabc“ se uhodnou jen o málo hůře než „abc“.
zx-w-ThisIsATop10Password = Toto je jedno z 10 nejběžnějších hesel.
zx-w-ThisIsATop100Password = Toto je jedno ze 100 nejběžnějších hesel.
zx-w-ThisIsACommonPassword = Toto je velmi běžné heslo.
zx-w-ThisIsSimilarToACommonlyUsedPassword = Toto heslo se podobá často používanému heslu.
zx-w-SequencesLikeAbcAreEasyToGuess = Posloupnosti jako abc nebo 6543 se snadno uhodnou.
zx-w-RecentYearsAreEasyToGuess = Nedávné letopočty se snadno uhodnou.
zx-w-AWordByItselfIsEasyToGuess = Samotné slovo se snadno uhodne.
zx-w-DatesAreOftenEasyToGuess = Data se často snadno uhodnou.
zx-w-NamesAndSurnamesByThemselvesAreEasyToGuess = Samotná jména a příjmení se snadno uhodnou.
zx-w-CommonNamesAndSurnamesAreEasyToGuess = Běžná jména a příjmení se snadno uhodnou.
zx-s-UseAFewWordsAvoidCommonPhrases = Použijte několik slov, vyhněte se běžným frázím.
zx-s-NoNeedForSymbolsDigitsOrUppercaseLetters = Délka je důležitější než symboly, číslice nebo velká písmena.
zx-s-AddAnotherWordOrTwo = Přidejte ještě jedno nebo dvě slova. Neobvyklá slova jsou lepší.
zx-s-CapitalizationDoesntHelpVeryMuch = Velká písmena příliš nepomáhají.
zx-s-AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase = Heslo ze samých velkých písmen se uhodne téměř stejně snadno jako ze samých malých.
zx-s-ReversedWordsArentMuchHarderToGuess = Slova psaná pozpátku není o mnoho těžší uhodnout.
zx-s-PredictableSubstitutionsDontHelpVeryMuch = Předvídatelné záměny jako „@“ místo „a“ příliš nepomáhají.
zx-s-UseALongerKeyboardPatternWithMoreTurns = Použijte delší vzor na klávesnici s více změnami směru.
zx-s-AvoidRepeatedWordsAndCharacters = Vyhněte se opakovaným slovům a znakům.
zx-s-AvoidSequences = Vyhněte se posloupnostem.
zx-s-AvoidRecentYears = Vyhněte se nedávným letopočtům.
zx-s-AvoidYearsThatAreAssociatedWithYou = Vyhněte se letopočtům, které s vámi souvisejí.
zx-s-AvoidDatesAndYearsThatAreAssociatedWithYou = Vyhněte se datům a letopočtům, které s vámi souvisejí.

password-new-title = Vytvořte si heslo
password-new-intro = Zvolte heslo a zadejte ho dvakrát, abyste měli jistotu, že v něm není překlep.
password-reset-title = Zvolte nové heslo
password-reset-intro = Zvolte nové heslo a zadejte ho dvakrát. Po jeho uložení se ukončí všechny relace vašeho účtu.
password-expired-title = Platnost vašeho hesla vypršela
password-expired-intro = Vaše heslo je příliš staré. Chcete-li pokračovat, zvolte nové a zadejte ho dvakrát.
password-submit = Odeslat
password-change-title = Změnit heslo
password-change-submit = Změnit heslo
password-done-title = Vaše heslo bylo uloženo
password-done-text = Nyní jste přihlášeni.
password-done-proceed = Klikněte na „Pokračovat dál“ a přejděte do služby { $service }.
password-changed-title = Heslo změněno
password-changed-text = Vaše heslo bylo změněno. Potvrzení vám přijde e-mailem.
password-changed-sessions = { $count ->
    [one] Vaše další relace byla ukončena.
    [few] Vaše { $count } další relace byly ukončeny.
    [many] Vaše další relace ({ $count }) byly ukončeny.
   *[other] Vašich { $count } dalších relací bylo ukončeno.
}

link-invalid-title = Tento odkaz nelze použít
link-invalid-text = Tento odkaz není platný. Zkontrolujte, že jste z e-mailu zkopírovali celou adresu, nebo si vyžádejte nový odkaz.
link-used-text = Tento odkaz již byl použit. Každý odkaz funguje jen jednou; v případě potřeby si vyžádejte nový.
link-expired-login = Platnost této stránky vypršela. Přihlaste se znovu a zvolte nové heslo.
link-email-expired = Platnost tohoto odkazu vypršela. Požádejte o změnu e-mailové adresy znovu v sekci Můj účet.
link-expired-title = Platnost tohoto odkazu vypršela
link-expired-text = Odkaz, který jste použili, je příliš starý. Zadejte znovu svou e-mailovou adresu a obdržíte nový.
link-expired-submit = Poslat nový odkaz

lost-password-intro = Zadejte e-mailovou adresu svého účtu. Pošleme vám odkaz, pomocí kterého si zvolíte nové heslo.
lost-password-submit = Poslat odkaz
lost-password-sent-title = Zkontrolujte svou e-mailovou schránku
lost-password-sent = Pokud pro adresu { $email } existuje účet, byl na ni odeslán e-mail s odkazem pro volbu nového hesla.
lost-password-sent-validity = Odkaz platí { $validity }.

account-details = Mé osobní údaje
account-details-desc = Změňte své jméno, jazyky, které používáme, nebo svou e-mailovou adresu.
account-password = Změnit heslo
account-password-desc = Zvolte nové heslo; vaše ostatní relace se ukončí.
account-delete = Smazat můj účet
account-delete-desc = Odstraňte svůj účet a své osobní údaje.
details-title = Mé osobní údaje
details-uid = Uživatelské jméno
details-save = Uložit
details-saved = Změny byly uloženy.
details-email-title = Změnit e-mailovou adresu
details-email-text = Na novou adresu pošleme odkaz. Adresa se změní, jakmile ho otevřete, a vaše současná adresa o tom dostane zprávu.
details-email-submit = Poslat potvrzovací odkaz
details-email-sent = Na novou adresu byl odeslán potvrzovací odkaz. Adresa se změní, jakmile ho otevřete.
email-confirm-title = Potvrďte novou e-mailovou adresu
email-confirm-text = E-mailová adresa vašeho účtu se změní z { $old } na { $new }. Přihlašovat se budete novou adresou.
email-confirm-submit = Potvrdit novou adresu
email-changed-title = E-mailová adresa změněna
email-changed-text = Vaše e-mailová adresa je nyní { $email }. Používejte ji k přihlášení.

delete-title = Smazat můj účet
delete-text = Váš účet a vaše osobní údaje budou odstraněny. Nebudete se již moci jeho prostřednictvím přihlásit k žádné službě. Tuto akci nelze vrátit zpět.
delete-sessions = Všechny relace vašeho účtu se nyní ukončí.
delete-password = Pro potvrzení zadejte své heslo.
delete-submit = Smazat můj účet
deleted-title = Účet smazán
deleted-text = Váš účet byl smazán a vaše osobní údaje odstraněny.
deleted-mail = Smazání vám potvrdí e-mail.

privacy-title = Prohlášení o ochraně osobních údajů
privacy-1 = Tato přihlašovací služba uchovává údaje potřebné k vaší identifikaci: vaše jméno a příjmení, e-mailovou adresu, zvolené jazyky a otisk (hash) vašeho hesla (nikdy heslo samotné).
privacy-2 = Zaznamenává bezpečnostní události (přihlášení, změny hesla a adresy) s časem a síťovou adresou, aby chránila váš účet a umožnila vyšetřit zneužití.
privacy-3 = Službám, ke kterým se přihlašujete, předává pouze ty atributy, k jejichž příjmu je každá z nich registrována.
privacy-4 = E-maily se posílají pouze k ověření vaší totožnosti nebo k informování o bezpečnostních událostech na vašem účtu.
privacy-5 = Své údaje můžete zobrazit a změnit v sekci Můj účet a tam také svůj účet kdykoli smazat.

dev-outbox-title = Vývojová pošta k odeslání
dev-outbox-warning = Vývojový režim: tato stránka zobrazuje každý e-mail, který server odeslal. Nikdy nesmí být zapnut na serveru, ke kterému mají přístup skuteční uživatelé.
dev-outbox-transport = Doručování pošty: { $transport }
dev-outbox-empty = Zatím nebyl odeslán žádný e-mail.
dev-outbox-when = Zařazeno do fronty
dev-outbox-to = Komu
dev-outbox-subject = Předmět
dev-outbox-status = Stav
dev-outbox-sent = doručeno
dev-outbox-failed = chyba: { $error }
dev-outbox-queued = { $attempts ->
    [0] čeká
    [one] čeká, jeden neúspěšný pokus
    [few] čeká, { $attempts } neúspěšné pokusy
    [many] čeká, { $attempts } neúspěšného pokusu
   *[other] čeká, { $attempts } neúspěšných pokusů
}
dev-outbox-links = Odkazy
dev-outbox-raw = Zpráva tak, jak byla odeslána

duration-hours = { $n ->
    [one] hodinu
    [few] { $n } hodiny
    [many] { $n } hodiny
   *[other] { $n } hodin
}
duration-minutes = { $n ->
    [one] minutu
    [few] { $n } minuty
    [many] { $n } minuty
   *[other] { $n } minut
}

mail-greeting = Dobrý den, { $name },
mail-signature = Zasláno službou Limen
mail-link-fallback = Pokud výše uvedený odkaz nefunguje, zkopírujte následující adresu (ujistěte se, že kopírujete celou adresu!) a vložte ji do adresního řádku prohlížeče:
mail-help = Máte-li problém, neodpovídejte prosím na tuto zprávu, ale použijte nápovědu nebo kontaktní údaje na webu, kde probíhala registrace.
mail-register-subject = Vytvořte si heslo
mail-register-registered = Byl vám zaregistrován účet v systému Limen.
mail-register-address = Vaše e-mailová adresa je { $email }.
mail-register-follow = Heslo si vytvoříte pomocí tohoto odkazu:
mail-register-action = Vytvořit heslo
mail-register-validity = Na použití tohoto odkazu máte nejvýše { $validity } od odeslání této zprávy, doporučujeme však použít ho ihned. Po uplynutí této doby můžete podat novou žádost pomocí stejného odkazu: budete pak muset znovu zadat svou e-mailovou adresu a žádost potvrdit.
mail-reset-subject = Zvolte nové heslo
mail-reset-requested = Někdo, pravděpodobně vy, požádal o volbu nového hesla k účtu { $email }.
mail-reset-follow = Nové heslo si zvolíte pomocí tohoto odkazu:
mail-reset-action = Zvolit nové heslo
mail-reset-validity = Odkaz funguje jednou, a to { $validity } od odeslání této zprávy. Poté o něj požádejte znovu přes „Zapomenuté heslo?“.
mail-reset-not-you = Pokud jste o to nežádali, tuto zprávu ignorujte: vaše heslo zůstane beze změny.
mail-existing-subject = Účet již máte
mail-existing-text = Někdo, pravděpodobně vy, se pokusil vytvořit účet pro adresu { $email }. K této adrese již účet existuje, takže nový vytvořen nebyl.
mail-existing-lost = Pokud si nepamatujete heslo, zvolte nové:
mail-existing-action = Zapomenuté heslo?
mail-existing-not-you = Pokud jste se nepokoušeli vytvořit účet, tuto zprávu ignorujte.
mail-email-confirm-subject = Potvrďte novou e-mailovou adresu
mail-email-confirm-text = Chcete-li používat { $email } jako e-mailovou adresu svého účtu, otevřete níže uvedený odkaz.
mail-email-confirm-action = Potvrdit tuto adresu
mail-email-confirm-not-you = Pokud jste o to nežádali, tuto zprávu ignorujte: nic se nezmění.
mail-security-when = Kdy: { $time }.
mail-security-not-you = Pokud jste to nebyli vy, ihned si zvolte nové heslo přes „Zapomenuté heslo?“ a obraťte se na technickou podporu.
mail-security-review = Zkontrolovat můj účet
mail-account-deleted-not-you = Pokud jste svůj účet nesmazali, ihned se obraťte na technickou podporu.
mail-password-changed-subject = Vaše heslo bylo změněno
mail-password-changed-text = Heslo k vašemu účtu bylo změněno.
mail-email-changed-subject = Vaše e-mailová adresa byla změněna
mail-email-changed-text = E-mailová adresa vašeho účtu byla změněna na { $new }. Na tuto adresu už nebudou chodit zprávy týkající se účtu.
mail-account-deleted-subject = Váš účet byl smazán
mail-account-deleted-text = Váš účet a jeho osobní údaje byly smazány.
mail-factor-added-subject = K vašemu účtu byl přidán způsob ověření
mail-factor-added-text = K vašemu účtu byl přidán způsob ověření „{ $name }“.
mail-factor-removed-subject = Z vašeho účtu byl odebrán způsob ověření
mail-factor-removed-text = Z vašeho účtu byl odebrán způsob ověření „{ $name }“.

## OpenID Connect
oidc-error-title = Na tento požadavek na přihlášení nelze odpovědět
oidc-error-hint = Vraťte se do aplikace a zkuste to znovu. Pokud se to opakuje, informujte podporu aplikace: její nastavení přihlašování neodpovídá její registraci.
oidc-error-missing-client = Z požadavku není zřejmé, ze které aplikace pochází (chybí client_id).
oidc-error-unknown-client = Aplikace, která vás sem poslala, není u této přihlašovací služby registrována.
oidc-error-missing-redirect = Z požadavku není zřejmé, kam vás vrátit (chybí redirect_uri).
oidc-error-bad-redirect = Adresa, na kterou vás aplikace chtěla vrátit, pro ni není registrována, a proto jste tam nebyli přesměrováni.
oidc-request-gone = Platnost tohoto požadavku na přihlášení vypršela nebo požadavek není platný. Vraťte se do aplikace a přihlaste se znovu.
oidc-consent-title = Sdílet vaše údaje?
oidc-consent-text = Služba { $service } žádá o oprávnění:
oidc-consent-allow = Povolit
oidc-consent-deny = Odmítnout
oidc-scope-openid = potvrdit vaši totožnost
oidc-scope-profile = vidět vaše jméno a preferovaný jazyk
oidc-scope-email = vidět vaši e-mailovou adresu
oidc-scope-offline-access = zachovat si přístup i po vašem odhlášení
oidc-scope-groups = vidět skupiny, do kterých patříte
oidc-logout-title = Odhlášení
oidc-logout-asked-by = Služba { $service } žádá o vaše odhlášení.
oidc-logout-question = Chcete se odhlásit ze všech aplikací, ke kterým jste přihlášeni prostřednictvím této služby?
oidc-logout-yes = Odhlásit se
oidc-logout-no = Neodhlašovat
oidc-logout-bad-hint = Požadavek na odhlášení obsahuje token identity, který tato služba nevydala nebo který byl pozměněn.
oidc-logout-client-mismatch = Požadavek na odhlášení uvádí dvě různé aplikace.
oidc-logout-bad-redirect = Adresa pro návrat po odhlášení není pro tuto aplikaci registrována.
logout-frontchannel = Informovány jsou také aplikace, které jste používali.
logout-continue = Pokračovat
demo-oidc-title = Ukázková aplikace (OpenID Connect)
demo-oidc-intro = Tato ukázková aplikace vás přihlašuje přes OpenID Connect, jak by to udělala moderní webová aplikace: tok autorizačního kódu s PKCE. Poté zobrazí obdržený token ID, ověřený publikovanými klíči, a co o vás uvádí koncový bod userinfo.
demo-oidc-sign-in = Přihlásit se přes OpenID Connect
demo-oidc-cas-variant = Vyzkoušet místo toho variantu CAS
demo-oidc-variant = Vyzkoušet variantu OpenID Connect
demo-oidc-done = Jste přihlášeni. Zde je, co aplikace obdržela.
demo-oidc-verified = Podpis tokenu ID byl ověřen klíčem { $kid } ({ $alg }) z publikované sady klíčů.
demo-oidc-claims = Deklarace tokenu ID
# same-as-en: the OpenID Connect endpoint's name
demo-oidc-userinfo = Userinfo
demo-oidc-header = Hlavička tokenu ID
demo-oidc-again = Přihlásit se znovu
demo-oidc-failed = Přihlášení nebylo dokončeno: { $reason }
demo-oidc-try-again = Zkusit znovu
oidc-logout-repeated = Požadavek na odhlášení opakuje některý parametr, a proto mu nelze důvěřovat.

# Strengths, step-up and security keys (issue 5)
method-PASSWORD_WEBAUTHN = Bezpečnostní klíč nebo důvěryhodná platforma
method-PASSWORD_WEBAUTHN-desc = K ověření v systému Limen použijte bezpečnostní klíč, důvěryhodnou platformu nebo přístupový klíč.
error-invalid-strength = Služba { $service } požádala o způsoby ověření, které používat nesmí (INVALID_STRENGTH).
error-invalid-strength-hint = Informujte prosím technickou podporu služby; na této stránce nemůžete nic udělat.
login-stepup = Jste přihlášeni heslem. Tato služba vyžaduje silnější způsob ověření: zvolte ho níže.
login-register-method = Služba { $service } vyžaduje způsob ověření, který jste si ještě nenastavili: { $methods }.
login-register-link = Přihlaste se heslem a zaregistrujte si ho: { $method }
login-method-retired = Způsob „{ $method }“ byl dne { $date } vyřazen. Zaregistrujte si jiný způsob ověření v sekci Můj účet.
login-passkey = Přihlásit se přístupovým klíčem
account-webauthn = Spravovat mé bezpečnostní klíče a důvěryhodné platformy
account-webauthn-desc = Přidávejte, přejmenovávejte nebo odebírejte své bezpečnostní klíče, důvěryhodné platformy a přístupové klíče.
back-to-keys = Zpět na mé bezpečnostní klíče
back-to-account = Zpět na Můj účet
webauthn-keys-title = Mé bezpečnostní klíče a důvěryhodné platformy
webauthn-keys-intro = Bezpečnostní klíč je malé zařízení (USB, NFC), které funguje spolu s vaším heslem. Důvěryhodná platforma je ověřovací prvek zabudovaný do vašeho počítače nebo telefonu (Windows Hello, Touch ID, Android). Přístupový klíč je uložen ve vašem telefonu nebo ve správci hesel a umožňuje přihlášení bez hesla.
webauthn-keys-none = Zatím nemáte zaregistrovaný žádný bezpečnostní klíč, důvěryhodnou platformu ani přístupový klíč.
webauthn-col-name = Název
webauthn-col-kind = Druh
webauthn-col-model = Model
webauthn-col-created = Přidáno
webauthn-col-last-used = Naposledy použito
webauthn-never-used = nikdy
webauthn-model-unknown = neuvedeno
webauthn-flagged = zablokováno: mohlo dojít ke zkopírování; odeberte ho a zaregistrujte znovu
webauthn-rename = Přejmenovat
webauthn-delete = Smazat
webauthn-add-heading = Přidat zařízení
webauthn-add-security_key = Přidat bezpečnostní klíč
webauthn-add-platform = Přidat důvěryhodnou platformu
webauthn-add-passkey = Přidat přístupový klíč
webauthn-kind-security_key = Bezpečnostní klíč
webauthn-kind-platform = Důvěryhodná platforma
webauthn-kind-passkey = Přístupový klíč
webauthn-kind-security_key-desc = klíč USB nebo NFC, kterého se při přihlášení dotknete.
webauthn-kind-platform-desc = vlastní ověřovací prvek tohoto počítače nebo telefonu (Windows Hello, Touch ID, zámek obrazovky Androidu).
webauthn-kind-passkey-desc = v tomto zařízení, ve vašem správci hesel nebo ve vašem telefonu, který použijete z tohoto počítače (prohlížeč zobrazí QR kód; na obou zařízeních musí být zapnuté Bluetooth).
webauthn-add-intro = Pojmenujte zařízení tak, abyste ho poznali (například „Můj modrý klíč“ nebo „iPhone“), pak klikněte na Odeslat a postupujte podle pokynů prohlížeče. Pokud se prohlížeč zeptá, zda anonymizovat informace o ověřovacím prvku, toto políčko nezaškrtávejte.
webauthn-device-name = Název zařízení
webauthn-submit = Odeslat
webauthn-stronger-needed = Před přidáním dalšího zařízení budete nejprve požádáni o přihlášení pomocí zařízení, které již máte.
webauthn-unavailable = Bezpečnostní klíče a důvěryhodné platformy nejsou pro váš účet k dispozici.
webauthn-register-text = Postupujte podle kroků, které zobrazí prohlížeč: dotkněte se bezpečnostního klíče nebo potvrďte pomocí PIN kódu, otisku prstu či obličeje.
webauthn-register-status = Probíhá registrace přihlašovacích údajů…
webauthn-login-title = Bezpečnostní klíč nebo důvěryhodná platforma
webauthn-login-text = Postupujte podle kroků, které zobrazí prohlížeč: dotkněte se bezpečnostního klíče nebo potvrďte pomocí PIN kódu, otisku prstu či obličeje.
webauthn-login-status = Čeká se na váš bezpečnostní klíč nebo důvěryhodnou platformu…
webauthn-choose-title = Zvolte zařízení
webauthn-choose-text = Klikněte na název bezpečnostního klíče nebo důvěryhodné platformy, kterou chcete použít.
webauthn-retry = Zkusit znovu
webauthn-noscript = Tento krok vyžaduje JavaScript: jeho prostřednictvím prohlížeč komunikuje s vaším bezpečnostním klíčem.
webauthn-added-security_key = Bezpečnostní klíč byl přidán.
webauthn-added-platform = Důvěryhodná platforma byla přidána.
webauthn-added-passkey = Přístupový klíč byl přidán.
webauthn-deleted = Zařízení bylo odebráno.
webauthn-renamed = Zařízení bylo přejmenováno.
webauthn-error-cancelled = Operace byla zrušena nebo trvala příliš dlouho. Zkuste to znovu a odpovězte na výzvu prohlížeče.
webauthn-error-unsupported = Tento prohlížeč zde nemůže používat bezpečnostní ani přístupové klíče. Zkuste jiný prohlížeč nebo jiný způsob.
webauthn-error-already = Toto zařízení je již u vašeho účtu zaregistrováno.
webauthn-error-refused = Odpověď vašeho zařízení se nepodařilo ověřit. Zkuste to znovu nebo použijte jiné zařízení.
webauthn-error-expired = Toto ověření trvalo příliš dlouho nebo již bylo použito. Začněte prosím znovu.
webauthn-error-unknown = Tento bezpečnostní nebo přístupový klíč není zaregistrován u žádného účtu (mohl být odebrán). Přihlaste se heslem nebo použijte jiné zařízení.
webauthn-error-other-account = Tento bezpečnostní klíč patří k jinému účtu. Použijte klíč zaregistrovaný u tohoto účtu.
webauthn-error-cloned = Tento bezpečnostní klíč byl zablokován: jeho čítač podpisů se vrátil zpět, takže mohl být zkopírován. Odeberte ho v sekci Můj účet a zaregistrujte znovu.
webauthn-error-not-verified = Vaše zařízení vás neověřilo (PIN, otisk prstu nebo obličej). Přihlášení bez hesla toto ověření vyžaduje.
webauthn-error-no-key = Nemáte žádný použitelný bezpečnostní klíč ani důvěryhodnou platformu. Zaregistrujte si je v sekci Můj účet.
webauthn-error-name = Pojmenujte zařízení názvem o délce 1 až 64 znaků.
webauthn-error-no-such-key = Takové zařízení u vašeho účtu není.
mail-factor-renamed-subject = Způsob ověření vašeho účtu byl přejmenován
mail-factor-renamed-text = Způsob ověření „{ $old }“ byl přejmenován na „{ $name }“.
demo-strong = Požádat znovu a vyžadovat bezpečnostní nebo přístupový klíč (acceptStrengths=PASSWORD_WEBAUTHN): u relace přihlášené heslem se zvýší úroveň ověření
mail-panic-used-subject = Z vašeho účtu byly odebrány všechny způsoby ověření (PANIC)
mail-panic-used-text = Na vašem účtu byla použita funkce PANIC: byly odebrány všechny způsoby ověření kromě hesla ({ $names }) a ukončeny všechny relace. Chcete-li používat služby, které vyžadují druhý faktor, přidejte si nový v sekci „Můj účet“.
mail-factors-removed-subject = Technická podpora odebrala způsoby ověření vašeho účtu
mail-factors-removed-text = Technická podpora odebrala z vašeho účtu všechny způsoby ověření kromě hesla ({ $names }) a ukončila všechny relace.
mail-mfa-on-subject = Vícefaktorová autentizace je nyní vyžadována vždy
mail-mfa-on-text = Volba „Vždy vyžadovat vícefaktorovou autentizaci“ byla zapnuta: každé přihlášení k vašemu účtu nyní končí druhým faktorem.
mail-mfa-off-subject = Vícefaktorová autentizace již není vyžadována vždy
mail-mfa-off-text = Volba „Vždy vyžadovat vícefaktorovou autentizaci“ byla vypnuta: služby, které přijímají samotné heslo, již druhý faktor nežádají.
login-code-text = Zadejte kód, který zobrazuje vaše zařízení.
login-code-challenge = Zadejte tuto výzvu do svého zařízení a poté opište odpověď, kterou zobrazí:
login-code-sent = Kód byl odeslán na { $to }.
login-code-label = Kód
login-code-submit = Přihlásit se
error-no-device = Pro tento způsob ověření nemáte žádné použitelné zařízení. Zaregistrujte si ho v sekci Můj účet.
error-code-wrong = Tento kód není správný. Zkontrolujte ho a zkuste to znovu.
method-PASSWORD_MOBILE_APP = PIN kód mobilní aplikace EU Login
method-PASSWORD_MOBILE_APP-desc = Na telefonu se zobrazí žádost; potvrďte ji svým PIN kódem.
method-PASSWORD_SOFTWARE_TOKEN = QR kód mobilní aplikace EU Login
method-PASSWORD_SOFTWARE_TOKEN-desc = Naskenujte QR kód aplikací a zadejte kód, který zobrazí.
method-MOBILE_APP = Na mobilním zařízení
method-MOBILE_APP-desc = Přihlaste se pomocí aplikace v telefonu, na kterém právě prohlížíte web.
method-PASSWORD_SMS = Mobilní telefon + SMS
method-PASSWORD_SMS-desc = Obdržíte kód prostřednictvím SMS na registrovaný mobilní telefon.
# same-as-en: the method's name; "token" is the Czech word too
method-PASSWORD_TOKEN = Token
method-PASSWORD_TOKEN-desc = Zadejte kód, který zobrazuje váš hardwarový token.
# same-as-en: the method's name; "token" is the Czech word too
method-PASSWORD_TOKEN_CRAM = Token CRAM
method-PASSWORD_TOKEN_CRAM-desc = Zadejte výzvu do svého tokenu a poté jeho odpověď.
method-EIDAS = eID
method-EIDAS-desc = Přihlaste se národním prostředkem elektronické identifikace.
method-SOCIAL_NETWORKS = Sociální sítě
method-SOCIAL_NETWORKS-desc = Přihlaste se účtem sociální sítě.
method-CLIENT_CERT = Certifikát
method-CLIENT_CERT-desc = Přihlaste se certifikátem nainstalovaným v prohlížeči nebo na čipové kartě.
account-methods = Metody autentizace
account-methods-desc = Zobrazte všechny způsoby ověření svého účtu, vyžadujte vícefaktorovou autentizaci nebo je všechny odeberte (PANIC).
account-panic = Odebrat všechna má zařízení (PANIC)
account-panic-desc = Ztratili jste svá zařízení? Odeberte je všechna pouze pomocí hesla.
methods-title = Metody autentizace
methods-intro = Způsoby ověření vašeho účtu kromě hesla: bezpečnostní klíče, důvěryhodné platformy, přístupové klíče a další, jakmile budou přidány.
methods-none = Váš účet nemá kromě hesla žádný způsob ověření.
methods-col-kind = Druh
methods-col-name = Název
methods-col-added = Přidáno
methods-col-last-used = Naposledy použito
methods-never-used = Nikdy
methods-blocked = (zablokováno)
methods-mfa-title = Vždy vyžadovat vícefaktorovou autentizaci
methods-mfa-text = Je-li tato volba zapnutá, končí každé přihlášení k vašemu účtu druhým faktorem, a to i u služeb, které přijímají samotné heslo.
methods-mfa-on = Zapnuto: každé přihlášení končí druhým faktorem.
methods-mfa-off = Vypnuto: službám, které přijímají samotné heslo, stačí heslo.
methods-mfa-turn-on = Zapnout
methods-mfa-turn-off = Vypnout
methods-mfa-turned-on = Vícefaktorová autentizace je nyní vyžadována vždy.
methods-mfa-turned-off = Vícefaktorová autentizace již není vyžadována vždy.
methods-mfa-no-factor = Nejprve si zaregistrujte druhý faktor: bez něj nelze vícefaktorovou autentizaci vyžadovat.
methods-panic-title = Ztratili jste svá zařízení?
methods-panic-text = PANIC odebere z vašeho účtu všechny způsoby ověření kromě hesla – stačí k tomu samotné heslo – a ukončí všechny relace.
methods-panic-link = Odebrat všechna má zařízení (PANIC)
back-to-methods = Zpět na metody autentizace
panic-title = Odebrat všechna má zařízení (PANIC)
panic-intro = Tuto funkci použijte, pokud jste ztratili své bezpečnostní klíče, přístupové klíče nebo jiná zařízení, nebo pokud se domníváte, že je má někdo jiný. Poté:
panic-effect-factors = budou z vašeho účtu odebrány všechny způsoby ověření kromě hesla;
panic-effect-sessions = budou ukončeny všechny relace vašeho účtu ve všech prohlížečích a všem aplikacím bude odebrán přístup;
panic-effect-services = služby, které vyžadují druhý faktor, budou nedostupné, dokud si nezaregistrujete nový.
panic-confirm = Rozumím: odeberte všechna má zařízení a ukončete všechny mé relace.
panic-submit = Odebrat všechna má zařízení
panic-confirm-needed = Pro potvrzení zaškrtněte políčko.
panic-not-allowed = Funkce PANIC není pro váš účet k dispozici. Obraťte se na technickou podporu, aby vaše zařízení odebrala.
panic-too-many = Funkce PANIC byla dnes na tomto účtu použita příliš často. Obraťte se na technickou podporu.
panic-done = Všechna vaše zařízení byla odebrána a všechny relace ukončeny. Poslali jsme vám o tom e-mail.
panic-removed = Odebráno:
panic-unreachable = Dokud si nezaregistrujete nový druhý faktor, nemáte přístup k těmto službám:
panic-unreachable-none = Každá služba, kterou používáte, přijímá samotné heslo.
panic-sign-in-again = Přihlásit se znovu
error-form-invalid = Tento formulář nebyl vyplněn podle očekávání. Zkuste to prosím znovu.
error-factor-throttled = Příliš mnoho nesprávných odpovědí u druhého faktoru. Zkuste to znovu za { $minutes ->
    [one] minutu
    [few] { $minutes } minuty
    [many] { $minutes } minuty
   *[other] { $minutes } minut
}.
mail-panic-confirm-subject = Potvrďte PANIC: odebrání všech zařízení vašeho účtu
mail-panic-confirm-text = Pro váš účet byla s použitím jeho hesla požadována funkce PANIC: byly by odebrány všechny způsoby ověření kromě hesla a ukončeny všechny relace.
mail-panic-confirm-validity = Pokud jste o to požádali vy, otevřete tento odkaz a potvrďte to; odkaz platí { $validity }:
mail-panic-confirm-action = Odebrat všechna má zařízení
mail-panic-confirm-not-you = Pokud jste to nebyli vy, odkaz neotevírejte: někdo zná vaše heslo. Ihned si zvolte nové přes „Zapomenuté heslo?“.
panic-sent = Poslali jsme odkaz na vaši e-mailovou adresu. Otevřete ho do jedné hodiny, abyste odebrali všechna svá zařízení: do té doby se nic neodebere.
panic-confirm-title = Potvrzení: odebrat všechna má zařízení
panic-confirm-text = Všechny způsoby ověření účtu { $name } kromě hesla budou odebrány a všechny relace ukončeny.
panic-confirm-submit = Odebrat nyní všechna má zařízení
panic-link-gone = Tento odkaz již není platný (byl použit, vypršela jeho platnost nebo byl nahrazen). Požádejte o PANIC znovu v sekci Můj účet.
panic-by-mail = Abychom se ujistili, že jde o vás, pošleme vám poté odkaz na vaši e-mailovou adresu: zařízení budou odebrána, jakmile ho otevřete.
login-lost-devices = Ztratili jste bezpečnostní klíč nebo jiná zařízení?
methods-mfa-on-inactive = Zapnuto, ale váš účet nemá žádný použitelný druhý faktor (zablokovaný klíč nebo způsob, který se již nenabízí): přihlášení končí heslem, dokud si nějaký nezaregistrujete.

## The mobile app (issue 14, docs/MOBILE-PROTOCOL.md)
account-mobile_app = Spravovat má mobilní zařízení
account-mobile_app-desc = Přidávejte, přejmenovávejte nebo odebírejte telefony, kterými potvrzujete svá přihlášení.
mobile_app-kind-mobile = Mobilní zařízení
mobile_app-error-no-key = Nemáte žádné použitelné mobilní zařízení. Přidejte si ho v sekci Můj účet.
software_token-error-no-key = Nemáte žádné použitelné mobilní zařízení. Přidejte si ho v sekci Můj účet.
on_mobile-error-no-key = Nemáte žádné použitelné mobilní zařízení. Přidejte si ho v sekci Můj účet.
mobile-title = Spravovat má mobilní zařízení
mobile-intro = Ověřovací aplikace ve vašem telefonu potvrzuje vaše přihlášení: v telefonu se zobrazí žádost, nebo aplikace zobrazí kód, který zadáte zde. Každé zařízení má vlastní PIN.
mobile-none = Zatím nemáte žádné mobilní zařízení.
mobile-col-model = Systém a model
mobile-locked = (zablokováno – příliš mnoho nesprávných PIN kódů nebo odpojeno ve své aplikaci: odeberte ho a přidejte znovu)
mobile-device-name = Název zařízení
mobile-delete = Odebrat
mobile-add = Přidat mobilní zařízení
mobile-add-intro = Pojmenujte zařízení, zvolte jeho PIN a zadejte ho znovu. Poté se zobrazí QR kód: naskenujte ho ověřovací aplikací a zadejte v ní stejný PIN.
mobile-stronger-needed = Před přidáním nebo odebráním zařízení se nejprve znovu přihlaste svým nejsilnějším způsobem ověření.
mobile-pin = PIN ({ $n ->
    [one] nejméně { $n } číslice
    [few] nejméně { $n } číslice
    [many] nejméně { $n } číslice
   *[other] nejméně { $n } číslic
})
mobile-pin-again = PIN znovu
mobile-submit = Pokračovat
mobile-added = Mobilní zařízení bylo přidáno. Nyní se jím můžete přihlašovat.
mobile-deleted = Mobilní zařízení bylo odebráno: již nemůže potvrzovat vaše přihlášení.
mobile-renamed = Mobilní zařízení bylo přejmenováno.
mobile-unavailable = S vaším účtem nelze mobilní zařízení používat.
mobile-error-pin = PIN musí mít { $n } až 12 číslic a obsahovat pouze číslice.
mobile-error-pin-again = Zadané PIN kódy se neshodují. Zadejte je znovu.
mobile-error-not-scanned = QR kód zatím nebyl naskenován. Pokud vypršela jeho platnost, přidejte zařízení znovu.
mobile-error-not-confirmed = Zařízení naskenovalo QR kód, ale zatím nepotvrdilo PIN.
mobile-error-pin-mismatch = PIN zadaný v zařízení není ten, který jste zvolili zde. Přidejte zařízení znovu.
mobile-error-enrol-expired = Platnost QR kódu vypršela. Přidejte zařízení znovu.
mobile-error-no-such-device = Takové mobilní zařízení nemáte.
mobile-scan-text = Otevřete ověřovací aplikaci v telefonu a naskenujte tento QR kód, abyste přidali zařízení „{ $name }“. Aplikace si pak vyžádá PIN, který jste zvolili.
mobile-qr-label = QR kód
mobile-link-text = Pokud ho nemůžete naskenovat, vložte do aplikace tento odkaz:
mobile-scan-expiry = QR kód funguje jednou, a to { $n ->
    [one] { $n } minutu
    [few] { $n } minuty
    [many] { $n } minuty
   *[other] { $n } minut
}.
mobile-waiting = Čeká se na vaše zařízení…
mobile-scanned = Zařízení naskenovalo kód: potvrďte na něm PIN.
mobile-continue = Pokračovat
mobile-back = Zpět na má mobilní zařízení
mobile-push-text = Na vaše zařízení byla odeslána žádost. Zkontrolujte, že se týká tohoto přihlášení, a pak zadejte v aplikaci toto číslo a svůj PIN:
mobile-number-label = Číslo, které zadáte v aplikaci: { $number }
mobile-on-mobile-text = Otevřete ověřovací aplikaci v tomto telefonu, potvrďte přihlášení svým PIN kódem a pak se vraťte na tuto stránku.
mobile-open-app = Otevřít ověřovací aplikaci
mobile-waiting-approval = Čeká se na vaše schválení… Jakmile schválíte, stránka bude pokračovat sama.
mobile-waiting-noscript = Jakmile schválíte přihlášení v zařízení, stiskněte tlačítko níže.
mobile-approved-button = Schváleno v mém zařízení
mobile-try-again = Zkusit znovu
mobile-qr-text = Naskenujte tento QR kód ověřovací aplikací (funguje i bez připojení k síti), zadejte v aplikaci svůj PIN a pak sem opište osmimístný kód, který zobrazí.
mobile-qr-as-text = QR kód jako text
mobile-code-label = Kód zobrazený aplikací
mobile-error-denied = Žádost byla ve vašem zařízení zamítnuta.
mobile-error-wrong-number = Číslo zadané ve vašem zařízení nebylo to, které je zobrazeno zde. Byla odeslána nová žádost: zadejte nové číslo.
mobile-error-pending = Vaše zařízení zatím neodpovědělo. Schvalte na něm žádost a zkuste to znovu.
mobile-error-expired = Platnost žádosti vypršela. Zkuste to znovu.
mobile-error-device-removed = Zařízení, které odpovědělo, již není registrováno.
mobile-error-code-format = Kód má 8 číslic.
mobile-error-wrong-code = Tento kód není správný. Naskenujte nový QR kód a zadejte nový kód.
mobile-error-enrol-on-device = Zařízení dokončí svou registraci samo.
mobile-notice-push-held = Během poslední hodiny bylo na vašich zařízeních zamítnuto příliš mnoho žádostí, a proto se nyní žádné žádosti neodesílají. Použijte místo toho způsob s QR kódem nebo to zkuste později.
mail-device-locked-subject = Mobilní zařízení bylo zablokováno
mail-device-unlinked-subject = Mobilní zařízení bylo odpojeno
mail-device-unlinked-text = Vaše mobilní zařízení „{ $name }“ bylo odpojeno ve své ověřovací aplikaci („Odpojit“ nebo „Zapomenutý PIN“). Je zablokováno a již nemůže potvrzovat přihlášení: odeberte ho v sekci Můj účet a případně ho přidejte znovu. Pokud jste to neudělali vy, může mít váš telefon někdo jiný.
mail-device-locked-text = Vaše mobilní zařízení „{ $name }“ bylo zablokováno po příliš mnoha nesprávných PIN kódech. Již nemůže potvrzovat přihlášení: odeberte ho a znovu přidejte v sekci Můj účet. Pokud jste tyto PIN kódy nezadávali vy, může mít váš telefon někdo jiný.
mobile_app-choose-text = Máte více než jedno mobilní zařízení: klikněte na název toho, které má žádost obdržet.
mobile-error-too-many-enrolments = Během poslední hodiny jste začali přidávat zařízení příliš často. Zkuste to později.
mobile-open-web-app = Použít webovou ověřovací aplikaci
mail-sign-in-reported-subject = Ve vašem telefonu bylo zamítnuto přihlášení, které jste nezahájili
mail-sign-in-reported-text = Přihlášení ke službě { $service } z prohlížeče { $browser } (síť { $network }) bylo zamítnuto ve vašem mobilním zařízení „{ $device }“ a nahlášeno jako cizí.
mail-sign-in-reported-advice = Kdo ho zahájil, zná vaše heslo: ihned si zvolte nové („Zapomenuté heslo?“ na přihlašovací stránce). Pokud si nejste jisti, že jsou vaše zařízení v bezpečí, odeberte je všechna pomocí funkce PANIC:
mail-sign-in-reported-advice-on-mobile = Bylo zahájeno způsobem „Na mobilním zařízení“, který nevyžaduje heslo: někdo, kdo zná vaši e-mailovou adresu, požádal váš telefon o schválení přihlášení. Schvalujte pouze žádosti, které jste sami právě zahájili v tomto telefonu. Pokud si nejste jisti, že jsou vaše zařízení v bezpečí, odeberte je všechna pomocí funkce PANIC:
mail-sign-in-reported-action = Odebrat všechna má zařízení (PANIC)
mail-sign-in-reported-if-you = Pokud jste to přece jen byli vy, nemusíte nic dělat.

## Hardware tokens (issue 16)
login-code-device = Zařízení:
token-code-device = Sériové číslo tokenu:
token-code-text = Zapněte token (pokud o to požádá, zadejte jeho PIN) a zadejte kód, který zobrazí.
token-code-label = Kód tokenu
token_cram-code-device = Sériové číslo zařízení Digipass:
token_cram-code-challenge = Zapněte Digipass, zadejte do něj tuto výzvu a poté opište odpověď, kterou zobrazí:
token_cram-code-label = Odpověď zařízení Digipass
token-choose-text = Máte více než jeden token: klikněte na ten, který máte u sebe.
token_cram-choose-text = Máte více než jeden token CRAM: klikněte na ten, který máte u sebe.
token-error-wrong = Tento kód není správný. Zkontrolujte, že jde o kód tohoto tokenu, a zkuste to znovu.
token-error-replayed = Tento kód již byl použit. Počkejte, až token zobrazí nový kód (nebo ho znovu zapněte), a zadejte nový kód.
token-error-locked = Tento token je zablokován po příliš mnoha nesprávných kódech. Zkuste to později nebo požádejte technickou podporu o jeho odblokování.
token-error-format = Zadejte pouze číslice, které zobrazuje váš token.
token-error-format-response = Zadejte pouze číslice odpovědi, kterou zobrazuje váš Digipass.
token-error-expired = Platnost této stránky vypršela. Začněte znovu.
token-error-bind = Tyto kódy neodpovídají žádnému tokenu, který můžete přidat. Zkontrolujte sériové číslo na zadní straně tokenu a zadejte kódy přesně tak, jak je zobrazuje, jeden po druhém.
token-kind-hotp = Token (kód na vyžádání)
token-kind-totp = Token (časově závislý kód)
token_cram-kind-ocra = Token CRAM (výzva–odpověď)
tokens-kind-hotp = Token (kód na vyžádání)
tokens-kind-totp = Token (časově závislý kód)
tokens-kind-ocra = Token CRAM (výzva–odpověď)
account-token = Spravovat mé tokeny
account-token-desc = Přidejte hardwarový token, který vám dala vaše organizace, přejmenujte ho nebo ho odeberte.
tokens-title = Spravovat mé tokeny
tokens-intro = Hardwarové tokeny vydává vaše organizace. Chcete-li token přidat, musíte ho mít v ruce: jeho sériové číslo je vytištěno na zadní straně.
tokens-none = Zatím nemáte žádný token.
tokens-col-serial = Sériové číslo
tokens-col-added = Přidáno
tokens-locked = zablokováno
tokens-name-label = Název tokenu
tokens-remove = Odebrat
tokens-add-heading = Přidat token
tokens-add-token = Přidat token
tokens-add-token-desc = token, který zobrazí kód, když ho zapnete nebo stisknete jeho tlačítko.
tokens-add-cram = Přidat token CRAM
tokens-add-cram-desc = Digipass, do kterého zadáte výzvu a získáte odpověď.
tokens-by-helpdesk = Tokeny k účtům, jako je váš, přiřazuje technická podpora.
tokens-add-intro = Zadejte sériové číslo vytištěné na zadní straně tokenu (všechny číslice, bez pomlček; stará sériová čísla začínají písmenem „T“) a název, podle kterého ho rozlišíte.
tokens-serial-label = Sériové číslo
tokens-serial-hint = Například 12345678 nebo T1234567.
tokens-continue = Pokračovat
tokens-back = Zpět na mé tokeny
tokens-codes-text = Zapněte token a zadejte kód, který zobrazí. Poté ho zapněte znovu – u tokenu, jehož kód se mění s časem, počkejte, až zobrazí nový kód – a zadejte i tento druhý kód.
tokens-code1 = První kód
tokens-code2 = Další kód
tokens-cram-text = Zapněte Digipass, zadejte do něj tuto výzvu a opište odpověď, kterou zobrazí:
tokens-add-submit = Přidat token
tokens-added = Token byl přidán k vašemu účtu.
tokens-removed = Token byl z vašeho účtu odebrán.
tokens-renamed = Token byl přejmenován.
tokens-unavailable = K vašemu účtu nelze přidávat tokeny. Obraťte se na technickou podporu.
tokens-error-serial = Zadejte sériové číslo vytištěné na tokenu: pouze písmena a číslice.
tokens-error-no-such-token = Takový token nemáte.
mail-token-locked-subject = Token byl zablokován
mail-token-locked-text = Váš token „{ $name }“ byl zablokován po příliš mnoha nesprávných kódech. Znovu bude fungovat od { $until }. Pokud jste tyto kódy nezadávali vy, možná se někdo pokouší přihlásit za vás: změňte si heslo.
mail-token-locked-helpdesk-text = Váš token „{ $name }“ byl zablokován po příliš mnoha nesprávných kódech. Technická podpora ho může odblokovat. Pokud jste tyto kódy nezadávali vy, možná se někdo pokouší přihlásit za vás: změňte si heslo.
token-error-bind-throttled = Během poslední hodiny jste se pokusili přidat tokeny příliš často. Zkuste to později.
tokens-col-actions = Akce

## SMS (issue 17): the texts sent, the login page, My account's numbers
sms-text-login = { $code } je vas prihlasovaci kod Limen. Plati { $minutes } min. Nikomu ho nesdelujte: nikdo z Limen vas o nej nikdy nepozada.
sms-text-login-service = { $code } je vas kod Limen pro prihlaseni ke sluzbe { $service }. Plati { $minutes } min. Nikomu ho nesdelujte: nikdo z Limen vas o nej nepozada.
sms-text-add-number = { $code } je vas kod pro pridani tohoto cisla k uctu Limen. Plati { $minutes } min. Nikomu ho nesdelujte. Pokud jste o nej nezadali, zpravu ignorujte.
sms-text-sign = { $code } je vas kod Limen k potvrzeni "{ $title }" pro { $service }. Plati { $minutes } min. Nikomu ho nesdelujte.
sms-code-text = Zadejte kód, který jsme vám poslali v SMS (9 znaků, například ABC-DEF-GHJ). Doručení zprávy může trvat několik minut.
sms-code-label = Kód z SMS
sms-choose-text = Máte zaregistrováno více čísel mobilních telefonů: klikněte na to, na které se má kód poslat.
sms-error-number-invalid = Toto není číslo mobilního telefonu v mezinárodním formátu. Začněte znakem + a předvolbou země, například +32 470 12 34 56.
sms-error-number-type = Na toto číslo nelze posílat naše SMS: použijte číslo mobilního telefonu (ne pevnou linku, číslo se zvýšeným tarifem, bezplatnou linku, linku se sdílenými náklady ani internetové číslo).
sms-error-country = Na čísla z této země nelze SMS posílat. Použijte jiné číslo nebo jiný způsob ověření.
sms-error-limit = V poslední době bylo odesláno příliš mnoho SMS. Zkuste to později nebo použijte jiný způsob ověření.
sms-error-unavailable = SMS nyní nelze posílat. Použijte jiný způsob ověření nebo to zkuste zítra.
sms-error-wait = Kód byl odeslán před chvílí. Než požádáte o další, chvíli počkejte: doručení SMS může trvat několik minut.
sms-error-format = Toto není kód v podobě, v jaké ho posíláme: zkontrolujte zadané znaky.
sms-error-expired = Platnost tohoto kódu vypršela. Požádejte o nový kód.
sms-error-used = Tento kód již byl použit. Požádejte o nový kód.
sms-error-exhausted = Příliš mnoho nesprávných kódů: tento kód již nelze použít. Požádejte o nový kód.
sms-error-not-sent = SMS se na toto číslo nepodařilo odeslat. Požádejte o nový kód později nebo použijte jiný způsob ověření.
sms-error-wrong = Toto není kód, který jsme poslali. Zkontrolujte ho a zkuste to znovu.
sms-error-no-number = Toto číslo mobilního telefonu již není u vašeho účtu registrováno.
sms-error-already = Toto číslo je již u vašeho účtu registrováno.
login-code-not-received = Nepřišel vám kód?
login-code-resend = Poslat nový kód
account-sms = Spravovat má čísla mobilních telefonů
account-phones = Spravovat má čísla mobilních telefonů
account-phones-desc = Přidejte čísla mobilních telefonů, na která mohou přicházet přihlašovací kódy v SMS, nebo je odeberte.
phones-title = Spravovat má čísla mobilních telefonů
phones-intro = Na tato čísla může přijít kód v SMS, když se přihlašujete způsobem „Mobilní telefon + SMS“. SMS je méně bezpečná než mobilní aplikace nebo bezpečnostní klíč: pokud můžete, použijte raději jednu z těchto možností.
phones-added = Číslo bylo přidáno.
phones-removed = Číslo bylo odebráno.
phones-none = Není registrováno žádné číslo mobilního telefonu.
phones-col-label = Název
phones-col-number = Číslo
phones-remove = Odebrat
phones-add = Přidat číslo mobilního telefonu
phones-retired = Přihlašování pomocí SMS bylo ukončeno: zaregistrujte si jiný způsob ověření (mobilní aplikaci, bezpečnostní klíč nebo přístupový klíč).
phones-unavailable = Přihlašování pomocí SMS není pro váš účet nabízeno.
phones-add-intro = Na toto číslo bude v SMS odeslán kód; zadejte ho na další stránce.
phones-number-label = Číslo mobilního telefonu
phones-number-hint = Mezinárodní formát začínající znakem + a předvolbou země, například pro Belgii: +32 470 12 34 56.
phones-label-label = Název (nepovinné)
phones-label-hint = Název, podle kterého toto číslo poznáte, například „Můj pracovní telefon“.
phones-add-submit = Přidat
phones-back = Zpět na má čísla mobilních telefonů
phones-confirm-title = Potvrďte číslo mobilního telefonu
phones-confirm-intro = Zadejte kód, který vám byl poslán v SMS na váš mobilní telefon. Doručení zprávy může trvat několik minut.
phones-code-label = Kód z SMS
phones-code-hint = 8 znaků, například ABCD-EFGH.
phones-confirm-submit = Dokončit
phones-cancel = Zrušit
phones-error-no-such-number = Toto číslo není u vašeho účtu registrováno.
dev-outbox-sms-title = SMS
dev-outbox-sms-empty = Zatím nebyla odeslána žádná SMS.
dev-outbox-sms-text = Text

## Transaction signing (issue 18)
sign-page-title = Podepsat transakci
sign-fields-caption = Co máte potvrdit
sign-retype-note = (mobilní aplikace vás požádá o jeho opsání)
sign-expires = Tato žádost vyprší { $time }.
sign-intro = Zkontrolujte každý řádek výše. Chcete-li podepsat, zadejte heslo, zvolte způsob potvrzení a klikněte na Podepsat.
sign-method-label = Potvrdit pomocí
sign-submit = Podepsat
sign-cancel = Odmítnout a vrátit se do služby
sign-back = Zpět na stránku podepisování
sign-error-unknown = Tato žádost o podpis neexistuje. Vraťte se do služby a začněte znovu.
sign-error-finished = Tato žádost o podpis již byla podepsána nebo odmítnuta.
sign-error-expired = Platnost této žádosti o podpis vypršela. Vraťte se do služby a začněte znovu.
sign-error-other-user = Tato žádost o podpis je určena pro jiný účet, než který je zde přihlášen. Nejprve se odhlaste, nebo žádost odmítněte ve službě.
sign-error-changed = Údaje transakce již neodpovídají tomu, co bylo požadováno. Nic nebylo podepsáno.
sign-error-method = Tuto žádost nelze podepsat tímto způsobem. Zvolte jiný.
sign-error-no-method = Nemáte žádný způsob ověření, který tato žádost přijímá. Zaregistrujte si ho v sekci Můj účet (mobilní zařízení, bezpečnostní klíč, token nebo telefonní číslo) a pak začněte znovu ze služby.
sign-error-password = Heslo není správné.
sign-error-again = Platnost tohoto kroku vypršela nebo již byl krok použit. Zadejte znovu své heslo.
sign-error-throttled = Příliš mnoho pokusů. Zkuste to znovu po { $until }.
account-signatures-title = Mé podpisy
account-signatures-link = Mnou podepsané transakce
account-signatures-intro = Transakce, o jejichž podpis vás služby požádaly prostřednictvím Limen. Potvrzení je podepsaný doklad, který služba obdržela.
account-signatures-empty = Zatím jste nebyli požádáni o podpis.
account-signatures-service = Služba
account-signatures-what = Transakce
account-signatures-when = Datum
account-signatures-method = Podepsáno pomocí
account-signatures-status = Stav
account-signatures-status-pending = čeká
account-signatures-status-signed = podepsáno
account-signatures-status-cancelled = odmítnuto
account-signatures-status-expired = vypršelo
account-signatures-receipt = Stáhnout potvrzení
account-signatures-report = Toto není můj podpis
account-signatures-reported = nahlášeno jako cizí
account-signatures-report-done = Děkujeme. Podpis je označen jako cizí a zaznamenán; poslali jsme vám e-mail. Pokud někdo zná vaše heslo, ihned ho změňte, a pokud by některé z vašich zařízení mohlo být v cizích rukou, odeberte ho.
account-signatures-report-unknown = Tento podpis nelze nahlásit (není váš, není podepsán nebo již byl nahlášen).
mail-signature-reported-subject = Podpis byl nahlášen jako cizí
mail-signature-reported-text = Nahlásili jste, že transakce „{ $title }“ podepsaná pro službu { $service } nebyla podepsána vámi.
demo-sign-link = Podepsat převod (podepisování transakcí)
demo-sign-title = Ukázková služba: podepsat převod
demo-sign-intro = Ukázková služba vás žádá o podepsání převodu druhým faktorem. Limen vám převod zobrazí, vy ho potvrdíte a ukázková služba ověří podepsané potvrzení pomocí publikovaných klíčů Limen.
demo-sign-transfer = Převod povolenek
demo-sign-amount = Částka
demo-sign-beneficiary = Účet příjemce
demo-sign-beneficiary-hint = Číslo účtu, například EU-100-5 (EU-, tři číslice, -, jedna až šest číslic). Mobilní aplikace vás požádá o jeho opsání.
demo-sign-submit = Podepsat tento převod
demo-sign-back = Zpět do ukázkové služby
demo-sign-verified = Podpis potvrzení je platný: Limen potvrzuje, že jste tento převod podepsali vy.
demo-sign-refused = Převod nebyl podepsán (odmítnuto).
demo-sign-invalid = Potvrzení se nepodařilo ověřit. Nic nebylo podepsáno.
demo-sign-result-unknown = Tento výsledek je neznámý, vypršel nebo již byl použit.
demo-sign-method = Podepsáno pomocí
demo-sign-when = Čas podpisu
demo-sign-key = Klíč Limen
demo-sign-raw = Potvrzení tak, jak bylo přijato (JWS)
token-error-cannot-sign = Tímto tokenem nelze potvrdit transakci: zvolte jiný způsob.
sign-error-qr-too-large = Tato transakce je pro QR kód aplikace příliš velká. Zvolte jiný způsob.
sign-error-password-expired = Platnost vašeho hesla vypršela. Nejprve ho změňte (přihlaste se do sekce Můj účet) a pak podepište znovu.

## Federation: eID and social network sign-in (issue 19)
account-eids = Spravovat má eID a propojené účty
account-eids-desc = Propojte svůj národní eID nebo účet sociální sítě, abyste se jím mohli přihlašovat, nebo propojení zrušte.
upstream-or-sign-in-with = Nebo se přihlaste pomocí
upstream-sign-in-with = Přihlásit se pomocí { $upstream }
upstream-failed-title = Přihlášení nebylo dokončeno
upstream-unknown = Tato možnost přihlášení není k dispozici.
upstream-unreachable = Poskytovatele identity se nepodařilo kontaktovat. Zkuste to později nebo použijte jiný způsob ověření.
upstream-gone = Platnost tohoto pokusu o přihlášení vypršela, pokus již byl použit nebo byl zahájen v jiném prohlížeči. Začněte znovu na přihlašovací stránce.
upstream-denied = Poskytovatel identity vás nepřihlásil (možná jste přihlášení zrušili). Začněte znovu nebo použijte jiný způsob ověření.
upstream-refused = Odpověď poskytovatele identity se nepodařilo ověřit, a proto přihlášení neproběhlo. Začněte znovu; pokud se to bude opakovat, informujte technickou podporu.
upstream-linked-elsewhere = Tento účet poskytovatele identity je již propojen s jiným účtem zde. Nejprve toto propojení zrušte v sekci Můj účet druhého účtu.
upstream-account-unusable = Účet propojený s touto identitou se nemůže přihlásit (je zablokovaný nebo jeho adresa ještě není potvrzena).
upstream-linked-title = Účet propojen
upstream-linked-text = Od této chvíle se jím můžete přihlašovat. Propojení můžete zrušit v sekci Můj účet, „Spravovat má eID a propojené účty“.
upstream-continue = Pokračovat
upstream-choice-title = Téměř hotovo
upstream-choice-intro = Přihlásili jste se pomocí { $upstream }, ale zatím s ním není propojen žádný zdejší účet.
upstream-have-account = Už mám účet
upstream-have-account-text = Přihlaste se ke svému účtu jako obvykle (s druhým faktorem, pokud ho máte); poté bude propojen a budete se moci přihlašovat oběma způsoby.
upstream-sign-in-to-link = Přihlásit se a propojit
upstream-new-account = Vytvořit nový účet
upstream-new-account-text = Zkontrolujte jméno a adresu, které předal poskytovatel identity, a v případě potřeby je opravte.
upstream-email-vouched = { $upstream } tuto adresu potvrdil: váš účet je ihned připraven.
upstream-email-confirm = Na tuto adresu pošleme odkaz, abychom ověřili, že je vaše; účet bude možné používat, jakmile odkaz otevřete.
upstream-create = Vytvořit můj účet
upstream-check-mailbox-title = Zkontrolujte svou e-mailovou schránku
upstream-check-mailbox = Na adresu { $email } byl odeslán e-mail. Pomocí odkazu v něm aktivujte svůj účet.
upstream-check-mailbox-hint = Pokud e-mail nedorazí během několika minut, podívejte se do složky s nevyžádanou poštou.
upstream-sign-up-closed = U tohoto poskytovatele identity nelze vytvořit účet. Přihlaste se k existujícímu účtu, abyste ho propojili.
upstream-activated-title = Adresa potvrzena
upstream-activated-text = Váš účet { $email } je aktivní. Přihlaste se u poskytovatele identity, pomocí kterého byl vytvořen.
upstream-activation-gone = Tento odkaz již není platný: již byl použit nebo vypršela jeho platnost.
upstream-sign-in = Přihlásit se
upstream-links-title = Spravovat má eID a propojené účty
upstream-links-intro = Účty u jiných poskytovatelů identity (národní eID, sociální síť), pomocí kterých se můžete přihlásit. Účet sociální sítě poskytuje základní přihlášení: služby, které potřebují více, požádají o jiný způsob.
upstream-links-none = Není propojen žádný účet.
upstream-links-linked = Účet byl propojen.
upstream-links-removed = Propojení bylo zrušeno.
upstream-links-col-provider = Poskytovatel identity
upstream-links-col-account = Účet
upstream-links-remove = Odebrat
upstream-links-add = Propojit účet
upstream-links-link-with = Propojit s { $upstream }
upstream-links-last-way-in = Toto je jediný způsob přístupu k vašemu účtu: nejprve si nastavte heslo („Zapomenuté heslo?“ na přihlašovací stránce) nebo propojte jiný účet.
upstream-links-not-found = Takové propojení neexistuje.
mail-upstream-activate-subject = Potvrďte svou e-mailovou adresu
mail-upstream-activate-text = Byl vám vytvořen účet pomocí { $upstream }.
mail-upstream-activate-action = Potvrdit mou adresu
mail-upstream-tried-subject = Někdo se pokusil vytvořit účet s vaší adresou
mail-upstream-tried-text = Někdo se přihlásil pomocí { $upstream } a pokusil se vytvořit účet s adresou { $email }, ke které zde již účet existuje. Nic nebylo změněno.
mail-upstream-tried-link = Pokud jste to byli vy: přihlaste se jako obvykle a pak propojte { $upstream } v sekci Můj účet.
mail-upstream-tried-action = Spravovat mé propojené účty
upstream-activate-title = Potvrďte svůj účet
upstream-activate-text = Na dokončení se v tomto prohlížeči přihlaste k účtu { $email } u poskytovatele identity, pomocí kterého byl vytvořen.
upstream-method-unavailable = Tento způsob přihlášení není pro váš účet nabízen. Použijte jiný způsob ověření.

## SAML identity provider (docs/SAML.md)
saml-error-title = Žádost aplikace o přihlášení nelze přijmout
saml-error-hint = Vraťte se do aplikace a začněte znovu. Pokud se to opakuje, obraťte se na podporu aplikace.
saml-error-refused = Aplikace odeslala žádost o přihlášení, kterou Limen nemůže přijmout.
saml-error-unknown-sp = Aplikace, která vás sem poslala, není u této přihlašovací služby registrována.
saml-error-used = Tato žádost o přihlášení již byla použita. Vraťte se do aplikace a přihlaste se odtamtud.
saml-error-busy = Z vaší sítě přišlo příliš mnoho žádostí o přihlášení. Minutu počkejte a zkuste to znovu.
saml-error-other-browser = Tato žádost o přihlášení byla zahájena v jiném prohlížeči. Začněte znovu z aplikace v tomto prohlížeči.
saml-logout-partial = Tyto aplikace nepotvrdily vaše odhlášení: { $services }. Pro jistotu zavřete prohlížeč.
demo-saml-title = Ukázková aplikace (SAML)
demo-saml-intro = Tato ukázková aplikace vás přihlašuje přes SAML 2.0, jak to dělá mnoho podnikových aplikací: posílá do Limen žádost o autentizaci a přijímá podepsané tvrzení (assertion) ve své službě pro příjem tvrzení (assertion consumer service). Poté zobrazí NameID a obdržené atributy, ověřené klíči, které Limen zveřejňuje ve svých metadatech.
demo-saml-sign-in = Přihlásit se přes SAML
demo-saml-variant = Vyzkoušet variantu SAML
demo-saml-done = Jste přihlášeni. Zde je, co aplikace obdržela.
demo-saml-verified = Podpis tvrzení byl ověřen ({ $alg }) klíči z metadat SAML systému Limen.
demo-saml-attributes = Atributy
