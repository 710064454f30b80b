## Toegankelijkheid (issue 22): wat elke pagina toevoegt, en de toegankelijkheidsverklaring (/accessibility).

## Elke pagina
a11y-skip-to-content = Naar de hoofdinhoud
a11y-nav-account = Uw account
a11y-footer-statement = Toegankelijkheidsverklaring
a11y-field-required = (verplicht)
a11y-new-window = (opent in een nieuw venster)

## De toegankelijkheidsverklaring (Richtlijn (EU) 2016/2102, model van Uitvoeringsbesluit (EU) 2018/1523)
a11y-title = Toegankelijkheidsverklaring
a11y-intro = De exploitant van { $site } streeft ernaar deze dienst toegankelijk te maken, overeenkomstig Richtlijn (EU) 2016/2102 van het Europees Parlement en de Raad inzake de toegankelijkheid van de websites en mobiele applicaties van overheidsinstanties.
a11y-scope = Deze toegankelijkheidsverklaring is van toepassing op { $site }: de aanmeldpagina's, de pagina's voor registratie en wachtwoord, “Mijn account”, de pagina's van de mobiele app en de beheerconsole, in de 24 officiële talen van de Europese Unie.
a11y-status-title = Nalevingsstatus
a11y-status-text = Deze website voldoet gedeeltelijk aan de Richtlijnen voor Toegankelijkheid van Webcontent (WCAG) 2.1, niveau AA, en aan de geharmoniseerde Europese norm EN 301 549 v3.2.1, vanwege de hieronder vermelde gevallen van niet-naleving.
a11y-gaps-title = Niet-toegankelijke inhoud
a11y-gaps-intro = De hieronder vermelde inhoud is om de volgende redenen niet toegankelijk.
a11y-gaps-noncompliance = Niet-naleving van de toegankelijkheidseisen
a11y-gap-captcha = De afbeeldingstest (CAPTCHA) van de formulieren voor registratie en “Wachtwoord vergeten” heeft een alternatief waarvoor u niets hoeft te zien of te horen – de browser lost een rekenpuzzel op –, maar dat alternatief vereist JavaScript. Zonder JavaScript kan iemand die de afbeelding niet kan zien deze formulieren niet verzenden en moet hij of zij zich tot de helpdesk wenden (WCAG 1.1.1).
a11y-gap-manual = De pagina's zijn nog niet getest door mensen die een schermlezer, een vergrotingsprogramma of spraakbesturing gebruiken; de automatische controles hieronder vinden maar een deel van de problemen die zo'n test zou vinden.
a11y-gap-mail = De e-mails die de dienst verstuurt, worden niet door de automatische tests gecontroleerd.
a11y-outside-title = Inhoud die buiten deze verklaring valt
a11y-outside-third-party = De pagina's van andere identiteitsproviders waarmee u zich kunt aanmelden (eID-stelsels, sociale netwerken) en de pagina's van de diensten waarbij u zich aanmeldt: die worden niet door de exploitant van deze dienst ontwikkeld of beheerd.
a11y-outside-browser = De dialoogvensters die uw browser en uw besturingssysteem tonen voor beveiligingssleutels en toegangssleutels.
a11y-prepared-title = Opstelling van deze toegankelijkheidsverklaring
a11y-prepared-date = Deze verklaring is opgesteld op { $date }.
a11y-prepared-method = Zij is gebaseerd op een zelfbeoordeling door de ontwikkelaars van Limen, de software van deze dienst. De testsuite voert bij elke wijziging de hieronder vermelde controles uit: axe-core { $axe } in de browser Chromium op elke pagina en elke toestand van een pagina die een gebruiker kan bereiken (elke foutmelding inbegrepen), in het Engels, Frans, Duits, Grieks en Maltees; controles van de structuur van de pagina's; de belangrijkste stappen volledig met het toetsenbord doorlopen; de weergave van de pagina's bij een breedte van 320 pixels en bij 200% zoom.
a11y-prepared-review = De verklaring wordt herzien telkens wanneer er iets verandert aan wat de software controleert.
a11y-checks-title = Wat de tests controleren
a11y-checks-intro = Elke rij noemt een succescriterium van WCAG 2.1, hoe de testsuite het controleert en welke test dat doet.
a11y-checks-caption = Succescriteria van WCAG 2.1 die de testsuite controleert
a11y-col-criterion = Succescriterium
a11y-col-level = Niveau
a11y-col-how = Wijze van controle
a11y-col-test = Test
a11y-checks-not-listed = De criteria die hier niet staan, worden niet automatisch gecontroleerd.
a11y-feedback-title = Feedback en contactgegevens
a11y-feedback-text = Merkt u een toegankelijkheidsprobleem op bij deze dienst, of hebt u een deel van de inhoud nodig in een toegankelijke vorm? Meld het aan de exploitant:
a11y-enforcement-title = Handhavingsprocedure
a11y-enforcement-text = Bent u niet tevreden met het antwoord op uw melding of verzoek, dan kunt u zich wenden tot de instantie die toeziet op de naleving van de toegankelijkheidsregels door de exploitant van deze dienst:
a11y-enforcement-eu = voor een instelling, orgaan of instantie van de Europese Unie:
a11y-enforcement-ombudsman = de Europese Ombudsman
a11y-enforcement-national = voor een overheidsinstantie van een lidstaat, de handhavingsinstantie die haar land op grond van Richtlijn (EU) 2016/2102 heeft aangewezen:
a11y-enforcement-bodies = de handhavingsinstanties, zoals de Europese Commissie ze vermeldt

## Hoe elk criterium wordt gecontroleerd (de tabel van de verklaring)
a11y-how-axe = axe-core vindt voor dit criterium geen ernstige of kritieke schending van zijn regels in welke toestand van een pagina ook, in vijf talen.
a11y-how-axe-contrast = axe-core meet het contrast van elke tekst met zijn achtergrond: ten minste 4,5:1, 3:1 voor grote tekst.
a11y-how-captcha = De afbeeldingstest wordt zonder de afbeelding doorstaan: de browser lost de puzzel op, daarna wordt het account aangemaakt.
a11y-how-landmarks = Elke pagina heeft een banner, een navigatie met een naam, één hoofdgebied en een voettekst.
a11y-how-fields = Elk zichtbaar veld heeft een label dat eraan gekoppeld is; verplichte velden zijn met woorden gemarkeerd, niet alleen met kleur.
a11y-how-app = axe-core vindt geen ernstige of kritieke schending op welk scherm van de authenticator-webapp ook, in lichte en donkere modus.
a11y-how-autocomplete = De velden voor uw eigen e-mailadres, namen, wachtwoorden, telefoonnummer en eenmalige codes geven hun doel voor automatisch aanvullen aan.
a11y-how-skip-link = Het eerste wat het toetsenbord op elke pagina bereikt, is een link die naar de hoofdinhoud springt.
a11y-how-title = Elke pagina heeft een eigen titel: de naam van de pagina, daarna de naam van de dienst.
a11y-how-headings = Elke pagina heeft precies één kop van het hoogste niveau die haar benoemt.
a11y-how-lang = Elke pagina geeft aan in welke taal ze wordt getoond.
a11y-how-selector = De talenlijst noemt elke taal in die taal, markeert de tekst ervan met die taal en markeert de huidige taal.
a11y-how-consistent = De talenlijst, de link naar deze verklaring en het accountmenu staan op elke pagina op dezelfde plaats.
a11y-how-errors = Een foutmelding is gekoppeld aan het veld waarover ze gaat, dat als ongeldig is gemarkeerd; een formulier met meerdere fouten somt ze bovenaan op, elk met een link naar het betreffende veld.
a11y-how-announced = Foutmeldingen worden door schermlezers voorgelezen zodra de pagina ze toont (waarschuwingen), en kunnen de focus krijgen.
a11y-how-colour = Een foutmelding begint naast de woorden met een teken, het veld met de fout heeft een dikkere rand en links in tekst zijn onderstreept: niets wordt alleen met kleur aangegeven.
a11y-how-zoom = Bij 200% zoom (een venster van 1280 pixels breed) scrolt geen enkele pagina horizontaal en valt geen tekst buiten het scherm, in het Engels, Duits, Fins en Grieks.
a11y-how-reflow = Bij een breedte van 320 CSS-pixels scrolt geen enkele pagina horizontaal en valt geen tekst buiten het scherm; een brede tabel scrolt in een eigen kader, dat het toetsenbord bereikt.
a11y-how-reflow-names = “Mijn account” blijft binnen de breedte van het scherm bij zeer lange namen en bij namen in het Arabisch en Grieks, van personen en van hun apparaten.
a11y-how-focus-contrast = De focusindicator van elk element dat het toetsenbord bereikt, heeft een contrast van ten minste 3:1 met wat erachter ligt.
a11y-how-spacing = Met de tekstafstand van het criterium toegepast bij 320 pixels wordt geen tekst afgesneden.
a11y-how-keyboard = De stappen worden volledig met het toetsenbord doorlopen: registratie, aanmelding met elk soort apparaat, “Mijn account”, PANIC.
a11y-how-trap = Met de Tab-toets door elke hoofdpagina gaan brengt u terug naar het beginpunt: de focus zit nooit vast.
a11y-how-focus-order = Vanaf het begin van een pagina bereikt het toetsenbord eerst de skiplink, daarna de pagina in de leesvolgorde.
a11y-how-focus-visible = Elk element dat het toetsenbord bereikt, toont een focusrand van ten minste 2 pixels breed.
a11y-how-time-limits = Elke stap met een tijdslimiet geeft aan wanneer hij afloopt; een minuut vooraf biedt een melding, die door schermlezers wordt voorgelezen, de knop “Meer tijd” aan, die met het toetsenbord bereikbaar is: de aanmeldstap krijgt vijf minuten extra (tot tien keer toe), de CAPTCHA een nieuw halfuur, waarbij alles wat is ingevoerd bewaard blijft.

## Succescriteria van WCAG 2.1, zoals de geautoriseerde Nederlandse vertaling van het W3C ze noemt
wcag-1-1-1 = Niet-tekstuele content
wcag-1-3-1 = Info en relaties
wcag-1-3-5 = Identificeer het doel van de input
wcag-1-4-1 = Gebruik van kleur
wcag-1-4-3 = Contrast (minimum)
wcag-1-4-4 = Herschalen van tekst
# same-as-en: the authorized Dutch translation of WCAG 2.1 keeps "Reflow" as the name of 1.4.10
wcag-1-4-10 = Reflow
wcag-1-4-11 = Contrast van niet-tekstuele content
wcag-1-4-12 = Tekstafstand
wcag-2-1-1 = Toetsenbord
wcag-2-1-2 = Geen toetsenbordval
wcag-2-2-1 = Timing aanpasbaar
wcag-2-4-1 = Blokken omzeilen
wcag-2-4-2 = Paginatitel
wcag-2-4-3 = Focus volgorde
wcag-2-4-4 = Linkdoel (in context)
wcag-2-4-6 = Koppen en labels
wcag-2-4-7 = Focus zichtbaar
wcag-3-1-1 = Taal van de pagina
wcag-3-1-2 = Taal van onderdelen
wcag-3-2-3 = Consistente navigatie
wcag-3-3-1 = Foutidentificatie
wcag-3-3-2 = Labels of instructies
wcag-4-1-2 = Naam, rol, waarde
wcag-4-1-3 = Statusberichten
