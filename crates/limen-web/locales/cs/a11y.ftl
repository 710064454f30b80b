## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Přejít na hlavní obsah
a11y-nav-account = Váš účet
a11y-footer-statement = Prohlášení o přístupnosti
a11y-field-required = (povinné)
a11y-new-window = (otevře se v novém okně)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Prohlášení o přístupnosti
a11y-intro = Provozovatel stránek { $site } se zavazuje k jejich zpřístupnění v souladu se směrnicí Evropského parlamentu a Rady (EU) 2016/2102 o přístupnosti internetových stránek a mobilních aplikací subjektů veřejného sektoru.
a11y-scope = Toto prohlášení o přístupnosti se vztahuje na stránky { $site }: přihlašovací stránky, stránky registrace a hesla, stránku Můj účet, stránky mobilní aplikace a konzoli pro správu, ve 24 úředních jazycích Evropské unie.
a11y-status-title = Stav souladu
a11y-status-text = Tyto webové stránky jsou částečně v souladu s Pravidly pro přístupnost webového obsahu (WCAG) 2.1 na úrovni AA a s harmonizovanou evropskou normou EN 301 549 v3.2.1, a to z důvodu nesouladu uvedeného níže.
a11y-gaps-title = Nepřístupný obsah
a11y-gaps-intro = Níže uvedený obsah není přístupný z těchto důvodů.
a11y-gaps-noncompliance = Nesoulad s požadavky na přístupnost
a11y-gap-captcha = Obrázkový test (CAPTCHA) ve formulářích registrace a „Zapomenuté heslo“ má alternativu, která nevyžaduje zrak ani sluch – prohlížeč vyřeší výpočetní úlohu –, tato alternativa však vyžaduje JavaScript. Bez JavaScriptu nemůže člověk, který obrázek nevidí, tyto formuláře odeslat a musí se obrátit na technickou podporu (WCAG 1.1.1).
a11y-gap-manual = Stránky zatím netestovali lidé, kteří používají odečítače obrazovky, lupy nebo hlasové ovládání; automatické kontroly uvedené níže odhalí jen část problémů, které by takový test odhalil.
a11y-gap-mail = E-maily odesílané službou automatické testy nekontrolují.
a11y-outside-title = Obsah, na který se toto prohlášení nevztahuje
a11y-outside-third-party = Stránky jiných poskytovatelů identity, přes které se můžete přihlásit (systémy eID, sociální sítě), a stránky služeb, do kterých se přihlašujete: provozovatel této služby je nevyvíjí ani nespravuje.
a11y-outside-browser = Dialogová okna, která váš prohlížeč a operační systém zobrazují pro bezpečnostní klíče a přístupové klíče.
a11y-prepared-title = Vypracování tohoto prohlášení o přístupnosti
a11y-prepared-date = Toto prohlášení bylo vypracováno dne { $date }.
a11y-prepared-method = Vychází z vlastního posouzení, které provedli vývojáři softwaru Limen, na němž tato služba běží. Sada testů při každé změně spouští kontroly uvedené níže: axe-core { $axe } v prohlížeči Chromium na každé stránce a v každém stavu stránky, do kterého se uživatel může dostat (včetně každé chybové zprávy), v angličtině, francouzštině, němčině, řečtině a maltštině; kontroly struktury stránek; dokončení hlavních postupů pouze pomocí klávesnice; zobrazení stránek při šířce 320 pixelů a při zvětšení 200 %.
a11y-prepared-review = Prohlášení se reviduje vždy, když software změní to, co kontroluje.
a11y-checks-title = Co testy kontrolují
a11y-checks-intro = Každý řádek uvádí kritérium úspěšnosti WCAG 2.1, způsob, jakým ho sada testů kontroluje, a test, který to dělá.
a11y-checks-caption = Kritéria úspěšnosti WCAG 2.1 kontrolovaná sadou testů
a11y-col-criterion = Kritérium úspěšnosti
a11y-col-level = Úroveň
a11y-col-how = Způsob kontroly
a11y-col-test = Test
a11y-checks-not-listed = Kritéria, která zde nejsou uvedena, se automaticky nekontrolují.
a11y-feedback-title = Zpětná vazba a kontaktní údaje
a11y-feedback-text = Pokud v této službě zjistíte problém s přístupností nebo potřebujete část jejího obsahu v přístupném formátu, oznamte to jejímu provozovateli:
a11y-enforcement-title = Postup pro vymáhání práva
a11y-enforcement-text = Pokud nejste spokojeni s odpovědí na své oznámení nebo žádost, můžete se obrátit na orgán, který u provozovatele této služby dohlíží na dodržování pravidel přístupnosti:
a11y-enforcement-eu = v případě orgánu, instituce nebo jiného subjektu Evropské unie:
a11y-enforcement-ombudsman = evropský veřejný ochránce práv
a11y-enforcement-national = v případě subjektu veřejného sektoru členského státu orgán, který jeho stát určil podle směrnice (EU) 2016/2102:
a11y-enforcement-bodies = orgány dohledu podle seznamu Evropské komise

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core nenachází pro toto kritérium žádné závažné ani kritické porušení svých pravidel v žádném stavu žádné stránky, v pěti jazycích.
a11y-how-axe-contrast = axe-core měří kontrast každého textu vůči jeho pozadí: nejméně 4,5:1, u velkého textu 3:1.
a11y-how-captcha = Obrázkový test se splní bez obrázku: prohlížeč vyřeší výpočetní úlohu a poté se vytvoří účet.
a11y-how-landmarks = Každá stránka má záhlaví, pojmenovanou navigaci, jednu hlavní oblast a zápatí.
a11y-how-fields = Každé viditelné pole má přiřazený popisek; povinná pole jsou označena slovy, nejen barvou.
a11y-how-app = axe-core nenachází žádné závažné ani kritické porušení na žádné obrazovce webové ověřovací aplikace, ve světlém ani v tmavém režimu.
a11y-how-autocomplete = Pole pro vaši vlastní e-mailovou adresu, jména, hesla, telefonní číslo a jednorázové kódy mají určen účel automatického vyplňování.
a11y-how-skip-link = Na každé stránce je prvním prvkem, na který se dostanete klávesnicí, odkaz, který přeskočí na hlavní obsah.
a11y-how-title = Každá stránka má vlastní titulek: název stránky a za ním název služby.
a11y-how-headings = Každá stránka má právě jeden nadpis nejvyšší úrovně, který ji pojmenovává.
a11y-how-lang = Každá stránka deklaruje jazyk, ve kterém je zobrazena.
a11y-how-selector = Seznam jazyků uvádí název každého jazyka v tomto jazyce, označuje jeho text tímto jazykem a vyznačuje aktuální jazyk.
a11y-how-consistent = Seznam jazyků, odkaz na toto prohlášení a nabídka účtu jsou na každé stránce na stejném místě.
a11y-how-errors = Chybová zpráva je propojena s polem, kterého se týká a které je označeno jako neplatné; formulář s několika chybami je vypíše nahoře, každou s odkazem na její pole.
a11y-how-announced = Chybové zprávy odečítače obrazovky oznámí, jakmile je stránka zobrazí (upozornění), a zprávy mohou získat fokus.
a11y-how-colour = Chybová zpráva začíná kromě slov i symbolem, pole s chybou má silnější okraj a odkazy v textu jsou podtržené: nic se nesděluje pouze barvou.
a11y-how-zoom = Při zvětšení 200 % (okno široké 1280 pixelů) se žádná stránka neposouvá do strany a žádný text nepřesahuje obrazovku, v angličtině, němčině, finštině a řečtině.
a11y-how-reflow = Při šířce 320 pixelů CSS se žádná stránka neposouvá do strany a žádný text nepřesahuje obrazovku; široká tabulka se posouvá ve vlastním rámečku, na který se dostanete klávesnicí.
a11y-how-reflow-names = Stránka Můj účet se vejde do šířky obrazovky i u velmi dlouhých jmen osob a názvů jejich zařízení a u jmen a názvů psaných arabsky a řecky.
a11y-how-focus-contrast = Indikátor fokusu každého prvku, na který se dostanete klávesnicí, má kontrast alespoň 3:1 vůči tomu, co je za ním.
a11y-how-spacing = Když se při šířce 320 pixelů použijí mezery v textu podle kritéria, žádný text se neořízne.
a11y-how-keyboard = Celý postup lze dokončit pouze klávesnicí: registrace, přihlášení pomocí každého druhu zařízení, Můj účet, PANIC.
a11y-how-trap = Procházení každé hlavní stránky klávesou Tab se vrátí tam, kde začalo: fokus nikdy neuvízne.
a11y-how-focus-order = Od začátku stránky se klávesnicí dostanete nejprve na přeskakovací odkaz a potom na stránku v pořadí čtení.
a11y-how-focus-visible = Každý prvek, na který se dostanete klávesnicí, zobrazí rámeček fokusu široký alespoň 2 pixely.

## WCAG 2.1 success criteria (no authorized Czech translation of 2.1: names as in Czech accessibility practice)
wcag-1-1-1 = Netextový obsah
wcag-1-3-1 = Informace a vztahy
wcag-1-3-5 = Identifikace účelu vstupu
wcag-1-4-1 = Použití barev
wcag-1-4-3 = Kontrast (minimální)
wcag-1-4-4 = Změna velikosti textu
wcag-1-4-10 = Přizpůsobení obsahu
wcag-1-4-11 = Netextový kontrast
wcag-1-4-12 = Mezery v textu
wcag-2-1-1 = Klávesnice
wcag-2-1-2 = Žádná past na klávesnici
wcag-2-4-1 = Přeskočení bloků
wcag-2-4-2 = Titulek stránky
wcag-2-4-3 = Pořadí fokusu
wcag-2-4-4 = Účel odkazu (v kontextu)
wcag-2-4-6 = Nadpisy a popisky
wcag-2-4-7 = Viditelný fokus
wcag-3-1-1 = Jazyk stránky
wcag-3-1-2 = Jazyk částí
wcag-3-2-3 = Konzistentní navigace
wcag-3-3-1 = Identifikace chyb
wcag-3-3-2 = Popisky nebo instrukce
wcag-4-1-2 = Název, role, hodnota
wcag-4-1-3 = Stavové zprávy
