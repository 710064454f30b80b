## Tilgængelighed (issue 22): hvad hver side tilføjer, og tilgængelighedserklæringen (/accessibility).

## Hver side
a11y-skip-to-content = Gå til hovedindholdet
a11y-nav-account = Din konto
a11y-footer-statement = Tilgængelighedserklæring
a11y-field-required = (skal udfyldes)
a11y-new-window = (åbner i et nyt vindue)

## Tilgængelighedserklæringen (direktiv (EU) 2016/2102, modellen i gennemførelsesafgørelse (EU) 2018/1523)
a11y-title = Tilgængelighedserklæring
a11y-intro = Udbyderen af { $site } forpligter sig til at gøre tjenesten tilgængelig i overensstemmelse med Europa-Parlamentets og Rådets direktiv (EU) 2016/2102 om tilgængeligheden af offentlige organers websteder og mobilapplikationer.
a11y-scope = Denne tilgængelighedserklæring gælder for { $site }: login-siderne, siderne til registrering og adgangskode, »Min konto«, mobilappens sider og administrationskonsollen på de 24 officielle sprog i Den Europæiske Union.
a11y-status-title = Overensstemmelsesstatus
a11y-status-text = Dette websted er delvis i overensstemmelse med retningslinjerne for tilgængeligt webindhold (WCAG) 2.1, niveau AA, og med den harmoniserede europæiske standard EN 301 549 v3.2.1 på grund af de tilfælde af manglende overensstemmelse, der er anført nedenfor.
a11y-gaps-title = Ikke-tilgængeligt indhold
a11y-gaps-intro = Det indhold, der er anført nedenfor, er ikke tilgængeligt af følgende årsager.
a11y-gaps-noncompliance = Manglende overensstemmelse med tilgængelighedskravene
a11y-gap-captcha = Billedtesten (CAPTCHA) i formularerne til registrering og »Glemt adgangskode« har et alternativ, der hverken kræver syn eller hørelse – browseren løser en regneopgave –, men dette alternativ kræver JavaScript. Uden JavaScript kan en person, der ikke kan se billedet, ikke sende disse formularer og må kontakte helpdesken (WCAG 1.1.1).
a11y-gap-manual = Siderne er endnu ikke blevet testet af personer, der bruger skærmlæser, forstørrelsesprogram eller stemmestyring; de automatiske kontroller nedenfor finder kun en del af de problemer, som en sådan test ville finde.
a11y-gap-mail = De e-mails, som tjenesten sender, kontrolleres ikke af de automatiske test.
a11y-outside-title = Indhold, der ikke er omfattet af denne erklæring
a11y-outside-third-party = Siderne hos andre identitetsudbydere, som du kan logge ind med (eID-løsninger, sociale netværk), og siderne hos de tjenester, du logger ind på: Disse sider er hverken udviklet eller kontrolleret af udbyderen af denne tjeneste.
a11y-outside-browser = De dialogbokse, som din browser og dit styresystem viser for sikkerhedsnøgler og adgangsnøgler.
a11y-prepared-title = Udarbejdelse af denne tilgængelighedserklæring
a11y-prepared-date = Denne erklæring blev udarbejdet den { $date }.
a11y-prepared-method = Den bygger på en selvevaluering foretaget af udviklerne af Limen, softwaren bag denne tjeneste. Testsuiten kører de kontroller, der er anført nedenfor, ved hver ændring: axe-core { $axe } i browseren Chromium på hver side og i hver tilstand af en side, som en bruger kan nå (alle fejlmeddelelser medregnet), på engelsk, fransk, tysk, græsk og maltesisk; kontroller af sidernes struktur; de vigtigste forløb gennemført udelukkende med tastaturet; visning af siderne i en bredde på 320 pixel og ved 200 % zoom.
a11y-prepared-review = Erklæringen gennemgås, hver gang softwaren ændrer, hvad den kontrollerer.
a11y-checks-title = Hvad testene kontrollerer
a11y-checks-intro = Hver række angiver et succeskriterium i WCAG 2.1, hvordan testsuiten kontrollerer det, og hvilken test der gør det.
a11y-checks-caption = Succeskriterier i WCAG 2.1, som testsuiten kontrollerer
a11y-col-criterion = Succeskriterium
a11y-col-level = Niveau
a11y-col-how = Sådan kontrolleres det
a11y-col-test = Test
a11y-checks-not-listed = Kriterier, der ikke er anført her, kontrolleres ikke automatisk.
a11y-feedback-title = Feedback og kontaktoplysninger
a11y-feedback-text = Hvis du bemærker et tilgængelighedsproblem i denne tjeneste eller har brug for noget af indholdet i et tilgængeligt format, så kontakt udbyderen:
a11y-enforcement-title = Håndhævelsesprocedure
a11y-enforcement-text = Hvis du ikke er tilfreds med svaret på din henvendelse eller anmodning, kan du henvende dig til det organ, der håndhæver tilgængelighedsreglerne over for udbyderen af denne tjeneste:
a11y-enforcement-eu = for en institution, et organ, et kontor eller et agentur i Den Europæiske Union:
a11y-enforcement-ombudsman = Den Europæiske Ombudsmand
a11y-enforcement-national = for et offentligt organ i en medlemsstat, det håndhævelsesorgan, som dets land har udpeget i henhold til direktiv (EU) 2016/2102:
a11y-enforcement-bodies = håndhævelsesorganerne, som Europa-Kommissionen har opført dem

## Sådan kontrolleres hvert kriterium (erklæringens tabel)
a11y-how-axe = axe-core finder ingen alvorlige eller kritiske overtrædelser af sine regler for dette kriterium i nogen tilstand af nogen side, på fem sprog.
a11y-how-axe-contrast = axe-core måler kontrasten mellem hver tekst og dens baggrund: mindst 4,5:1, 3:1 for stor tekst.
a11y-how-captcha = Billedtesten bestås uden billedet: Browseren løser opgaven, og derefter oprettes kontoen.
a11y-how-landmarks = Hver side har et sidehoved (banner), en navigation med et navn, ét hovedområde og en sidefod.
a11y-how-fields = Hvert synligt felt har en etiket, der er knyttet til det; obligatoriske felter er markeret med ord, ikke kun med farve.
a11y-how-app = axe-core finder ingen alvorlige eller kritiske overtrædelser på nogen af skærmene i webversionen af autentificeringsappen, i lys og mørk tilstand.
a11y-how-autocomplete = Felterne til din egen e-mailadresse, dine navne, adgangskoder, dit telefonnummer og engangskoder angiver deres formål for autoudfyldning.
a11y-how-skip-link = Det første, tastaturet når på hver side, er et link, der springer til hovedindholdet.
a11y-how-title = Hver side har sin egen titel: sidens navn efterfulgt af tjenestens navn.
a11y-how-headings = Hver side har præcis én overskrift på øverste niveau, der navngiver den.
a11y-how-lang = Hver side angiver det sprog, den vises på.
a11y-how-selector = Sproglisten navngiver hvert sprog på det pågældende sprog, markerer teksten med det sprog og markerer det aktuelle sprog.
a11y-how-consistent = Sproglisten, linket til denne erklæring og kontomenuen står samme sted på alle sider.
a11y-how-errors = En fejlmeddelelse er knyttet til det felt, den handler om, og feltet er markeret som ugyldigt; en formular med flere fejl oplister dem øverst, hver med et link til sit felt.
a11y-how-announced = Fejlmeddelelser læses op af skærmlæsere, så snart siden viser dem (advarsler), og kan få fokus.
a11y-how-colour = En fejlmeddelelse begynder med et tegn ud over sine ord, feltet med fejlen har en tykkere kant, og links i tekst er understreget: Intet formidles alene med farve.
a11y-how-zoom = Ved 200 % zoom (et vindue på 1280 pixel i bredden) ruller ingen side vandret, og ingen tekst går ud over skærmen, på engelsk, tysk, finsk og græsk.
a11y-how-reflow = Ved en bredde på 320 CSS-pixel ruller ingen side vandret, og ingen tekst går ud over skærmen; en bred tabel ruller i sin egen boks, som tastaturet kan nå.
a11y-how-reflow-names = »Min konto« holder sig inden for skærmens bredde ved meget lange navne og ved navne på arabisk og græsk, både personers og deres enheders.
a11y-how-focus-contrast = Fokusindikatoren på hvert element, som tastaturet når, har en kontrast på mindst 3:1 til det, der ligger bag den.
a11y-how-spacing = Med kriteriets tekstafstand anvendt ved 320 pixel bliver ingen tekst afskåret.
a11y-how-keyboard = Forløbet gennemføres udelukkende med tastaturet: registrering, login med hver type enhed, »Min konto«, PANIC.
a11y-how-trap = Tabulering gennem hver hovedside fører tilbage til udgangspunktet: Fokus fanges aldrig.
a11y-how-focus-order = Fra toppen af en side når tastaturet først genvejslinket til hovedindholdet og derefter siden i læserækkefølge.
a11y-how-focus-visible = Hvert element, som tastaturet når, viser en fokusramme på mindst 2 pixel i bredden.

## Succeskriterier i WCAG 2.1 (der findes ingen autoriseret dansk oversættelse: almindeligt anvendte danske navne)
wcag-1-1-1 = Ikke-tekstbaseret indhold
wcag-1-3-1 = Information og relationer
wcag-1-3-5 = Identificer inputformål
wcag-1-4-1 = Brug af farve
wcag-1-4-3 = Kontrast (minimum)
wcag-1-4-4 = Ændring af tekststørrelse
wcag-1-4-10 = Ombrydning (reflow)
wcag-1-4-11 = Ikke-tekstbaseret kontrast
wcag-1-4-12 = Tekstafstand
wcag-2-1-1 = Tastatur
wcag-2-1-2 = Ingen tastaturfælde
wcag-2-4-1 = Spring over blokke
wcag-2-4-2 = Sidetitel
wcag-2-4-3 = Fokusrækkefølge
wcag-2-4-4 = Linkformål (i kontekst)
wcag-2-4-6 = Overskrifter og etiketter
wcag-2-4-7 = Synligt fokus
wcag-3-1-1 = Sidens sprog
wcag-3-1-2 = Sprog i dele af indholdet
wcag-3-2-3 = Konsekvent navigation
wcag-3-3-1 = Identifikation af fejl
wcag-3-3-2 = Etiketter eller instruktioner
wcag-4-1-2 = Navn, rolle, værdi
wcag-4-1-3 = Statusmeddelelser
