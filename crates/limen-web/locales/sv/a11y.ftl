## Tillgänglighet (issue 22): vad varje sida lägger till, och tillgänglighetsutlåtandet (/accessibility).

## Varje sida
a11y-skip-to-content = Hoppa till huvudinnehållet
a11y-nav-account = Ditt konto
a11y-footer-statement = Tillgänglighetsutlåtande
a11y-field-required = (obligatoriskt)
a11y-new-window = (öppnas i ett nytt fönster)

## Tillgänglighetsutlåtandet (direktiv (EU) 2016/2102, mallen i genomförandebeslut (EU) 2018/1523)
a11y-title = Tillgänglighetsutlåtande
a11y-intro = Den som driver { $site } har åtagit sig att göra tjänsten tillgänglig i enlighet med Europaparlamentets och rådets direktiv (EU) 2016/2102 om tillgänglighet avseende offentliga myndigheters webbplatser och mobila applikationer.
a11y-scope = Detta tillgänglighetsutlåtande gäller { $site }: inloggningssidorna, sidorna för registrering och lösenord, ”Mitt konto”, mobilappens sidor och administrationskonsolen, på Europeiska unionens 24 officiella språk.
a11y-status-title = Överensstämmelsestatus
a11y-status-text = Denna webbplats är delvis förenlig med riktlinjerna för tillgängligt webbinnehåll (WCAG) 2.1, nivå AA, och med den harmoniserade europeiska standarden EN 301 549 v3.2.1, på grund av de fall av bristande överensstämmelse som anges nedan.
a11y-gaps-title = Icke tillgängligt innehåll
a11y-gaps-intro = Innehållet som anges nedan är inte tillgängligt av följande skäl.
a11y-gaps-noncompliance = Bristande överensstämmelse med tillgänglighetskraven
a11y-gap-captcha = Bildtestet (CAPTCHA) i formulären för registrering och ”Glömt lösenordet?” har ett alternativ som varken kräver syn eller hörsel – webbläsaren löser en beräkningsuppgift –, men det alternativet kräver JavaScript. Utan JavaScript kan den som inte ser bilden inte skicka formulären och måste vända sig till supporten (WCAG 1.1.1).
a11y-gap-manual = Sidorna har ännu inte testats av personer som använder skärmläsare, förstoringsprogram eller röststyrning; de automatiska kontrollerna nedan hittar bara en del av de problem som ett sådant test skulle hitta.
a11y-gap-mail = E-postmeddelandena som tjänsten skickar kontrolleras inte av de automatiska testerna.
a11y-outside-title = Innehåll som inte omfattas av detta utlåtande
a11y-outside-third-party = Sidorna hos andra identitetsleverantörer som du kan logga in med (e-legitimationer, sociala nätverk) och sidorna hos de tjänster du loggar in på: de utvecklas och kontrolleras inte av den som driver denna tjänst.
a11y-outside-browser = De dialogrutor som din webbläsare och ditt operativsystem visar för säkerhetsnycklar och lösennycklar.
a11y-prepared-title = Utarbetande av detta tillgänglighetsutlåtande
a11y-prepared-date = Detta utlåtande utarbetades den { $date }.
a11y-prepared-method = Det bygger på en självbedömning som utvecklarna av Limen, programvaran bakom denna tjänst, har gjort. Testsviten kör kontrollerna som anges nedan vid varje ändring: axe-core { $axe } i webbläsaren Chromium på varje sida och i varje tillstånd av en sida som en användare kan nå (alla felmeddelanden inräknade), på engelska, franska, tyska, grekiska och maltesiska; kontroller av sidornas struktur; de viktigaste flödena genomförda enbart med tangentbordet; visning av sidorna i 320 pixlars bredd och med 200 % zoom.
a11y-prepared-review = Utlåtandet ses över varje gång programvaran ändrar vad den kontrollerar.
a11y-checks-title = Vad testerna kontrollerar
a11y-checks-intro = Varje rad anger ett framgångskriterium i WCAG 2.1, hur testsviten kontrollerar det och vilket test som gör det.
a11y-checks-caption = Framgångskriterier i WCAG 2.1 som testsviten kontrollerar
a11y-col-criterion = Framgångskriterium
a11y-col-level = Nivå
a11y-col-how = Så kontrolleras det
a11y-col-test = Test
a11y-checks-not-listed = Kriterier som inte anges här kontrolleras inte automatiskt.
a11y-feedback-title = Återkoppling och kontaktuppgifter
a11y-feedback-text = Om du upptäcker ett tillgänglighetsproblem i denna tjänst, eller behöver en del av innehållet i ett tillgängligt format, kontakta den som driver tjänsten:
a11y-enforcement-title = Förfarande för efterlevnadskontroll
a11y-enforcement-text = Om du inte är nöjd med svaret på ditt meddelande eller din begäran kan du vända dig till det organ som ser till att den som driver denna tjänst följer tillgänglighetsreglerna:
a11y-enforcement-eu = för en av Europeiska unionens institutioner, organ eller byråer:
a11y-enforcement-ombudsman = Europeiska ombudsmannen
a11y-enforcement-national = för ett offentligt organ i en medlemsstat, det tillsynsorgan som landet har utsett enligt direktiv (EU) 2016/2102:
a11y-enforcement-bodies = tillsynsorganen, så som Europeiska kommissionen förtecknar dem

## Hur varje kriterium kontrolleras (utlåtandets tabell)
a11y-how-axe = axe-core hittar inga allvarliga eller kritiska överträdelser av sina regler för detta kriterium i något tillstånd av någon sida, på fem språk.
a11y-how-axe-contrast = axe-core mäter kontrasten mellan varje text och dess bakgrund: minst 4,5:1, 3:1 för stor text.
a11y-how-captcha = Bildtestet klaras utan bilden: webbläsaren löser uppgiften, därefter skapas kontot.
a11y-how-landmarks = Varje sida har ett sidhuvud (banner), en namngiven navigering, ett enda huvudområde och en sidfot.
a11y-how-fields = Varje synligt fält har en etikett som är kopplad till det; obligatoriska fält är markerade med ord, inte bara med färg.
a11y-how-app = axe-core hittar inga allvarliga eller kritiska överträdelser på någon skärm i webbversionen av autentiseringsappen, i ljust och mörkt läge.
a11y-how-autocomplete = Fälten för din egen e-postadress, dina namn, lösenord, ditt telefonnummer och engångskoder anger sitt syfte för automatisk ifyllning.
a11y-how-skip-link = Det första tangentbordet når på varje sida är en länk som hoppar till huvudinnehållet.
a11y-how-title = Varje sida har en egen titel: sidans namn och sedan tjänstens namn.
a11y-how-headings = Varje sida har exakt en rubrik på översta nivån som namnger den.
a11y-how-lang = Varje sida anger det språk den visas på.
a11y-how-selector = Språklistan anger varje språk på det språket, märker dess text med det språket och markerar det aktuella språket.
a11y-how-consistent = Språklistan, länken till detta utlåtande och kontomenyn finns på samma plats på varje sida.
a11y-how-errors = Ett felmeddelande är kopplat till fältet det gäller, som är markerat som ogiltigt; ett formulär med flera fel listar dem överst, vart och ett med en länk till sitt fält.
a11y-how-announced = Felmeddelanden läses upp av skärmläsare så snart sidan visar dem (varningar) och kan få fokus.
a11y-how-colour = Ett felmeddelande börjar med en symbol utöver sina ord, fältet med fel har en tjockare kant och länkar i text är understrukna: ingenting anges enbart med färg.
a11y-how-zoom = Vid 200 % zoom (ett fönster som är 1280 pixlar brett) rullar ingen sida i sidled och ingen text hamnar utanför skärmen, på engelska, tyska, finska och grekiska.
a11y-how-reflow = Vid en bredd på 320 CSS-pixlar rullar ingen sida i sidled och ingen text hamnar utanför skärmen; en bred tabell rullar i en egen ruta som tangentbordet når.
a11y-how-reflow-names = ”Mitt konto” håller sig inom skärmens bredd vid mycket långa namn och vid namn på arabiska och grekiska, både personers och deras enheters.
a11y-how-focus-contrast = Fokusmarkeringen på varje element som tangentbordet når har en kontrast på minst 3:1 mot det som ligger bakom den.
a11y-how-spacing = Med kriteriets textavstånd tillämpat vid 320 pixlar klipps ingen text av.
a11y-how-keyboard = Flödet genomförs enbart med tangentbordet: registrering, inloggning med varje typ av enhet, ”Mitt konto”, PANIC.
a11y-how-trap = Att tabba igenom varje huvudsida leder tillbaka till startpunkten: fokus fastnar aldrig.
a11y-how-focus-order = Från början av en sida når tangentbordet först länken som hoppar till huvudinnehållet och sedan sidan i läsordning.
a11y-how-focus-visible = Varje element som tangentbordet når visar en fokusram som är minst 2 pixlar bred.

## Framgångskriterier i WCAG 2.1 (svenska namn som de används i svenska granskningar)
wcag-1-1-1 = Icke-textuellt innehåll
wcag-1-3-1 = Information och relationer
wcag-1-3-5 = Identifiera syftet med inmatning
wcag-1-4-1 = Användning av färg
wcag-1-4-3 = Kontrast (minimum)
wcag-1-4-4 = Ändra textstorlek
wcag-1-4-10 = Anpassning till skärmstorlek
wcag-1-4-11 = Kontrast för icke-textuellt innehåll
wcag-1-4-12 = Textavstånd
wcag-2-1-1 = Tangentbord
wcag-2-1-2 = Ingen tangentbordsfälla
wcag-2-4-1 = Hoppa över block
wcag-2-4-2 = Sidtitlar
wcag-2-4-3 = Fokusordning
wcag-2-4-4 = Länkars syfte (i sammanhang)
wcag-2-4-6 = Rubriker och etiketter
wcag-2-4-7 = Synligt fokus
wcag-3-1-1 = Sidans språk
wcag-3-1-2 = Språk för delar
wcag-3-2-3 = Konsekvent navigering
wcag-3-3-1 = Identifiering av fel
wcag-3-3-2 = Etiketter eller instruktioner
wcag-4-1-2 = Namn, roll, värde
wcag-4-1-3 = Statusmeddelanden
