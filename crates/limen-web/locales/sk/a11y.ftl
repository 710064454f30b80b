## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Prejsť na hlavný obsah
a11y-nav-account = Vaše konto
a11y-footer-statement = Vyhlásenie o prístupnosti
a11y-field-required = (povinné)
a11y-new-window = (otvorí sa v novom okne)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Vyhlásenie o prístupnosti
a11y-intro = Prevádzkovateľ webového sídla { $site } má záujem zabezpečiť jeho prístupnosť v súlade so smernicou Európskeho parlamentu a Rady (EÚ) 2016/2102 o prístupnosti webových sídel a mobilných aplikácií subjektov verejného sektora.
a11y-scope = Toto vyhlásenie o prístupnosti sa vzťahuje na webové sídlo { $site }: prihlasovacie stránky, stránky registrácie a hesla, stránku Moje konto, stránky mobilnej aplikácie a konzolu správy, v 24 úradných jazykoch Európskej únie.
a11y-status-title = Stav súladu
a11y-status-text = Toto webové sídlo je v čiastočnom súlade s Pravidlami pre prístupnosť webového obsahu (WCAG) 2.1 na úrovni AA a s harmonizovanou európskou normou EN 301 549 v3.2.1 vzhľadom na prvky nesúladu uvedené nižšie.
a11y-gaps-title = Neprístupný obsah
a11y-gaps-intro = Obsah uvedený nižšie nie je prístupný z týchto dôvodov.
a11y-gaps-noncompliance = Nesúlad s požiadavkami na prístupnosť
a11y-gap-captcha = Obrázkový test (CAPTCHA) vo formulároch registrácie a „Zabudnuté heslo“ má alternatívu, ktorá si nevyžaduje zrak ani sluch – prehliadač vyrieši výpočtovú úlohu –, táto alternatíva však vyžaduje JavaScript. Bez JavaScriptu nemôže človek, ktorý obrázok nevidí, tieto formuláre odoslať a musí sa obrátiť na technickú podporu (WCAG 1.1.1).
a11y-gap-manual = Stránky zatiaľ netestovali ľudia, ktorí používajú čítače obrazovky, lupy alebo hlasové ovládanie; automatické kontroly uvedené nižšie odhalia len časť problémov, ktoré by takýto test odhalil.
a11y-gap-mail = E-maily odosielané službou automatické testy nekontrolujú.
a11y-outside-title = Obsah, na ktorý sa toto vyhlásenie nevzťahuje
a11y-outside-third-party = Stránky iných poskytovateľov identity, prostredníctvom ktorých sa môžete prihlásiť (systémy eID, sociálne siete), a stránky služieb, do ktorých sa prihlasujete: prevádzkovateľ tejto služby ich nevyvíja ani nekontroluje.
a11y-outside-browser = Dialógové okná, ktoré váš prehliadač a operačný systém zobrazujú pre bezpečnostné kľúče a prístupové kľúče.
a11y-prepared-title = Vypracovanie tohto vyhlásenia o prístupnosti
a11y-prepared-date = Toto vyhlásenie bolo vypracované { $date }.
a11y-prepared-method = Vychádza zo samohodnotenia, ktoré vykonali vývojári softvéru Limen, na ktorom táto služba beží. Sada testov pri každej zmene spúšťa kontroly uvedené nižšie: axe-core { $axe } v prehliadači Chromium na každej stránke a v každom stave stránky, do ktorého sa používateľ môže dostať (vrátane každého chybového hlásenia), v angličtine, francúzštine, nemčine, gréčtine a maltčine; kontroly štruktúry stránok; dokončenie hlavných postupov iba pomocou klávesnice; zobrazenie stránok pri šírke 320 pixelov a pri zväčšení 200 %.
a11y-prepared-review = Vyhlásenie sa reviduje vždy, keď softvér zmení to, čo kontroluje.
a11y-checks-title = Čo testy kontrolujú
a11y-checks-intro = Každý riadok uvádza kritérium úspešnosti WCAG 2.1, spôsob, akým ho sada testov kontroluje, a test, ktorý to robí.
a11y-checks-caption = Kritériá úspešnosti WCAG 2.1 kontrolované sadou testov
a11y-col-criterion = Kritérium úspešnosti
a11y-col-level = Úroveň
a11y-col-how = Spôsob kontroly
a11y-col-test = Test
a11y-checks-not-listed = Kritériá, ktoré tu nie sú uvedené, sa automaticky nekontrolujú.
a11y-feedback-title = Spätná väzba a kontaktné informácie
a11y-feedback-text = Ak v tejto službe zistíte problém s prístupnosťou alebo potrebujete časť jej obsahu v prístupnom formáte, oznámte to jej prevádzkovateľovi:
a11y-enforcement-title = Postup presadzovania
a11y-enforcement-text = Ak nie ste spokojní s odpoveďou na svoje oznámenie alebo žiadosť, môžete sa obrátiť na orgán, ktorý u prevádzkovateľa tejto služby presadzuje dodržiavanie pravidiel prístupnosti:
a11y-enforcement-eu = v prípade inštitúcie, orgánu, úradu alebo agentúry Európskej únie:
a11y-enforcement-ombudsman = európsky ombudsman
a11y-enforcement-national = v prípade subjektu verejného sektora členského štátu orgán, ktorý jeho štát určil podľa smernice (EÚ) 2016/2102:
a11y-enforcement-bodies = orgány presadzovania podľa zoznamu Európskej komisie

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core pre toto kritérium nenachádza žiadne závažné ani kritické porušenie svojich pravidiel v žiadnom stave žiadnej stránky, v piatich jazykoch.
a11y-how-axe-contrast = axe-core meria kontrast každého textu voči jeho pozadiu: najmenej 4,5:1, pri veľkom texte 3:1.
a11y-how-captcha = Obrázkový test sa splní bez obrázka: prehliadač vyrieši výpočtovú úlohu a potom sa vytvorí konto.
a11y-how-landmarks = Každá stránka má hlavičku, pomenovanú navigáciu, jednu hlavnú oblasť a pätu.
a11y-how-fields = Každé viditeľné pole má priradené označenie; povinné polia sú označené slovami, nielen farbou.
a11y-how-app = axe-core nenachádza žiadne závažné ani kritické porušenie na žiadnej obrazovke webovej overovacej aplikácie, vo svetlom ani v tmavom režime.
a11y-how-autocomplete = Polia pre vašu vlastnú e-mailovú adresu, mená, heslá, telefónne číslo a jednorazové kódy majú určený účel automatického vypĺňania.
a11y-how-skip-link = Na každej stránke je prvým prvkom, na ktorý sa dostanete klávesnicou, odkaz, ktorý preskočí na hlavný obsah.
a11y-how-title = Každá stránka má vlastný názov: názov stránky a za ním názov služby.
a11y-how-headings = Každá stránka má práve jeden nadpis najvyššej úrovne, ktorý ju pomenúva.
a11y-how-lang = Každá stránka deklaruje jazyk, v ktorom je zobrazená.
a11y-how-selector = Zoznam jazykov uvádza názov každého jazyka v tomto jazyku, označuje jeho text týmto jazykom a vyznačuje aktuálny jazyk.
a11y-how-consistent = Zoznam jazykov, odkaz na toto vyhlásenie a ponuka konta sú na každej stránke na rovnakom mieste.
a11y-how-errors = Chybové hlásenie je prepojené s poľom, ktorého sa týka a ktoré je označené ako neplatné; formulár s viacerými chybami ich vypíše hore, každú s odkazom na jej pole.
a11y-how-announced = Chybové hlásenia čítače obrazovky oznámia hneď, ako ich stránka zobrazí (upozornenia), a hlásenia môžu získať fokus.
a11y-how-colour = Chybové hlásenie sa okrem slov začína aj symbolom, pole s chybou má hrubší okraj a odkazy v texte sú podčiarknuté: nič sa neoznamuje iba farbou.
a11y-how-zoom = Pri zväčšení 200 % (okno so šírkou 1280 pixelov) sa žiadna stránka neposúva do strany a žiadny text nepresahuje obrazovku, v angličtine, nemčine, fínčine a gréčtine.
a11y-how-reflow = Pri šírke 320 pixelov CSS sa žiadna stránka neposúva do strany a žiadny text nepresahuje obrazovku; široká tabuľka sa posúva vo vlastnom rámčeku, na ktorý sa dostanete klávesnicou.
a11y-how-reflow-names = Stránka Moje konto sa zmestí do šírky obrazovky aj pri veľmi dlhých menách osôb a názvoch ich zariadení a pri menách a názvoch v arabčine a gréčtine.
a11y-how-focus-contrast = Indikátor fokusu každého prvku, na ktorý sa dostanete klávesnicou, má kontrast najmenej 3:1 voči tomu, čo je za ním.
a11y-how-spacing = Keď sa pri šírke 320 pixelov použijú medzery v texte podľa kritéria, žiadny text sa neoreže.
a11y-how-keyboard = Celý postup sa dá dokončiť iba klávesnicou: registrácia, prihlásenie pomocou každého druhu zariadenia, Moje konto, PANIC.
a11y-how-trap = Prechádzanie každej hlavnej stránky klávesom Tab sa vráti tam, kde sa začalo: fokus nikdy neuviazne.
a11y-how-focus-order = Od začiatku stránky sa klávesnicou dostanete najprv na odkaz na preskočenie a potom na stránku v poradí čítania.
a11y-how-focus-visible = Každý prvok, na ktorý sa dostanete klávesnicou, zobrazí rámček fokusu so šírkou najmenej 2 pixely.

## WCAG 2.1 success criteria, after the W3C authorized Slovak translation (Pravidlá pre prístupnosť webového obsahu 2.1)
wcag-1-1-1 = Netextový obsah
wcag-1-3-1 = Informácie a vzájomné vzťahy
wcag-1-3-5 = Identifikácia účelu vstupu
wcag-1-4-1 = Použitie farieb
wcag-1-4-3 = Kontrast (minimálny)
wcag-1-4-4 = Zmena veľkosti textu
wcag-1-4-10 = Prispôsobenie obsahu
wcag-1-4-11 = Kontrast netextových prvkov
wcag-1-4-12 = Medzery v texte
wcag-2-1-1 = Klávesnica
wcag-2-1-2 = Žiadna pasca pre klávesnicu
wcag-2-4-1 = Obídenie blokov
wcag-2-4-2 = Názov stránky
wcag-2-4-3 = Poradie prechádzania prvkami
wcag-2-4-4 = Účel odkazu (v kontexte)
wcag-2-4-6 = Nadpisy a označenia
wcag-2-4-7 = Viditeľné zameranie
wcag-3-1-1 = Jazyk stránky
wcag-3-1-2 = Jazyk jednotlivých častí
wcag-3-2-3 = Konzistentná navigácia
wcag-3-3-1 = Identifikácia chyby
wcag-3-3-2 = Označenia alebo pokyny
wcag-4-1-2 = Názov, rola, hodnota
wcag-4-1-3 = Stavové správy
