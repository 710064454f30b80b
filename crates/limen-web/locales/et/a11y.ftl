## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Mine põhisisu juurde
a11y-nav-account = Teie konto
a11y-footer-statement = Juurdepääsetavuse avaldus
a11y-field-required = (kohustuslik)
a11y-new-window = (avaneb uues aknas)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523; its Estonian text says "juurdepääsetavuse avaldus")
a11y-title = Juurdepääsetavuse avaldus
a11y-intro = Veebisaidi { $site } haldaja kohustub muutma selle juurdepääsetavaks kooskõlas Euroopa Parlamendi ja nõukogu direktiiviga (EL) 2016/2102, mis käsitleb avaliku sektori asutuste veebisaitide ja mobiilirakenduste juurdepääsetavust.
a11y-scope = Käesolev juurdepääsetavuse avaldus hõlmab veebisaiti { $site }: sisselogimislehti, registreerimis- ja paroolilehti, lehte „Minu konto“, mobiilirakenduse lehti ja halduskonsooli Euroopa Liidu kõigis 24 ametlikus keeles.
a11y-status-title = Vastavusstaatus
a11y-status-text = See veebisait vastab osaliselt veebisisu juurdepääsetavuse suuniste (WCAG) 2.1 AA-taseme nõuetele ja harmoneeritud Euroopa standardile EN 301 549 v3.2.1 allpool loetletud mittevastavuste tõttu.
a11y-gaps-title = Juurdepääsmatu sisu
a11y-gaps-intro = Allpool loetletud sisu ei ole juurdepääsetav järgmistel põhjustel.
a11y-gaps-noncompliance = Juurdepääsetavusnõuetele mittevastavus
a11y-gap-captcha = Registreerimisvormi ja vormi „Unustatud parool“ pilttestil (CAPTCHA) on alternatiiv, mis ei nõua nägemist ega kuulmist – brauser lahendab ülesande –, kuid see alternatiiv vajab JavaScripti. Ilma JavaScriptita ei saa inimene, kes pilti ei näe, neid vorme saata ja peab pöörduma kasutajatoe poole (WCAG 1.1.1).
a11y-gap-manual = Ekraanilugeja, ekraaniluubi või hääljuhtimise kasutajad ei ole lehti veel testinud; allpool loetletud automaatkontrollid leiavad vaid osa probleemidest, mille selline testimine leiaks.
a11y-gap-mail = Teenuse saadetud e-kirju automaattestid ei kontrolli.
a11y-outside-title = Sisu, mis ei kuulu käesoleva avalduse kohaldamisalasse
a11y-outside-third-party = Teiste identiteedipakkujate lehed, mille kaudu saate sisse logida (riiklikud eID-lahendused, sotsiaalvõrgustikud), ja nende teenuste lehed, kuhu te sisse logite: neid ei arenda ega kontrolli selle teenuse haldaja.
a11y-outside-browser = Aknad, mida teie brauser ja operatsioonisüsteem turvavõtmete ja pääsuvõtmete jaoks kuvavad.
a11y-prepared-title = Käesoleva juurdepääsetavuse avalduse koostamine
a11y-prepared-date = Käesoleva avalduse koostamise kuupäev: { $date }.
a11y-prepared-method = Avaldus põhineb selle teenuse tarkvara Limen arendajate enesehindamisel. Testikomplekt teeb iga muudatuse korral allpool loetletud kontrollid: axe-core { $axe } Chromiumi brauseris igal lehel ja igas lehe olekus, kuhu kasutaja võib jõuda (sealhulgas iga veateade), inglise, prantsuse, saksa, kreeka ja malta keeles; lehtede struktuuri kontrollid; peamiste toimingute läbimine ainult klaviatuuriga; lehtede paigutus 320 piksli laiuses ja 200 % suurenduse korral.
a11y-prepared-review = Avaldus vaadatakse üle iga kord, kui muutub see, mida tarkvara kontrollib.
a11y-checks-title = Mida testid kontrollivad
a11y-checks-intro = Igal real on WCAG 2.1 edukriteerium, viis, kuidas testikomplekt seda kontrollib, ja test, mis seda teeb.
a11y-checks-caption = Testikomplekti kontrollitavad WCAG 2.1 edukriteeriumid
a11y-col-criterion = Edukriteerium
a11y-col-level = Tase
a11y-col-how = Kontrollimise viis
a11y-col-test = Test
a11y-checks-not-listed = Loetlemata kriteeriume automaatselt ei kontrollita.
a11y-feedback-title = Tagasiside ja kontaktandmed
a11y-feedback-text = Kui märkate selles teenuses juurdepääsetavuse probleemi või vajate osa selle sisust juurdepääsetavas vormingus, teatage sellest teenuse haldajale:
a11y-enforcement-title = Jõustamismenetlus
a11y-enforcement-text = Kui te ei ole rahul vastusega oma teatele või taotlusele, võite pöörduda asutuse poole, kes jälgib, et selle teenuse haldaja järgiks juurdepääsetavusnõudeid:
a11y-enforcement-eu = Euroopa Liidu institutsiooni, organi, asutuse või ameti puhul:
a11y-enforcement-ombudsman = Euroopa Ombudsman
a11y-enforcement-national = liikmesriigi avaliku sektori asutuse puhul järelevalveasutus, mille see riik on määranud direktiivi (EL) 2016/2102 alusel:
a11y-enforcement-bodies = järelevalveasutused Euroopa Komisjoni loetelus

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core ei leia selle kriteeriumi kohta ühelgi lehe olekul ühtegi oma reeglite tõsist ega kriitilist rikkumist, viies keeles.
a11y-how-axe-contrast = axe-core mõõdab iga teksti kontrasti tausta suhtes: vähemalt 4,5:1, suure teksti puhul 3:1.
a11y-how-captcha = Pilttest läbitakse ilma pildita: brauser lahendab ülesande ja seejärel luuakse konto.
a11y-how-landmarks = Igal lehel on päis, nimega navigeerimisala, üks põhisisu ala ja jalus.
a11y-how-fields = Igal nähtaval väljal on sellega seotud silt; kohustuslikud väljad on märgitud sõnadega, mitte ainult värviga.
a11y-how-app = axe-core ei leia veebipõhise autentimisrakenduse ühelgi kuval ühtegi tõsist ega kriitilist rikkumist, ei heledas ega tumedas režiimis.
a11y-how-autocomplete = Väljadel, kuhu sisestate oma e-posti aadressi, nimed, paroolid, telefoninumbri ja ühekordsed koodid, on märgitud nende automaatse täitmise eesmärk.
a11y-how-skip-link = Igal lehel jõuab klaviatuur kõigepealt lingini, mis viib otse põhisisu juurde.
a11y-how-title = Igal lehel on oma pealkiri: lehe nimi, seejärel teenuse nimi.
a11y-how-headings = Igal lehel on täpselt üks esimese taseme pealkiri, mis lehte nimetab.
a11y-how-lang = Iga leht märgib ära keele, milles see on kuvatud.
a11y-how-selector = Keelte loend nimetab iga keele selles keeles endas, märgib selle teksti vastava keele tekstiks ja tähistab praegu kasutatava keele.
a11y-how-consistent = Keelte loend, link sellele avaldusele ja kontomenüü on igal lehel samas kohas.
a11y-how-errors = Veateade on seotud väljaga, mida see puudutab, ja see väli on märgitud vigaseks; kui vormis on mitu viga, loetletakse need vormi ülaosas ning igaühel on link oma väljale.
a11y-how-announced = Ekraanilugejad loevad veateated ette kohe, kui leht need kuvab (hoiatused), ja veateadetele saab viia fookuse.
a11y-how-colour = Veateate alguses on lisaks sõnadele märk, vigasel väljal on paksem ääris ja tekstis olevad lingid on allajoonitud: midagi ei väljendata ainult värviga.
a11y-how-zoom = Inglise, saksa, soome ja kreeka keeles ei keri 200 % suurenduse korral (1280 piksli laiune aken) ükski leht külgsuunas ega lähe ükski tekst ekraanilt välja.
a11y-how-reflow = 320 CSS-piksli laiuse korral ei keri ükski leht külgsuunas ega lähe ükski tekst ekraanilt välja; lai tabel kerib oma kastis, kuhu klaviatuuriga pääseb.
a11y-how-reflow-names = Leht „Minu konto“ mahub ekraani laiusesse ka väga pikkade nimede ning araabia- ja kreekakeelsete nimede korral, nii inimeste kui ka nende seadmete nimede puhul.
a11y-how-focus-contrast = Iga klaviatuuriga kättesaadava elemendi fookusetähise kontrast selle taga oleva tausta suhtes on vähemalt 3:1.
a11y-how-spacing = Kui rakendada 320 piksli laiuses kriteeriumis määratud teksti vahesid, ei lõigata ühtegi teksti ära.
a11y-how-keyboard = Toimingud tehakse läbi ainult klaviatuuriga: registreerimine, sisselogimine iga seadmeliigiga, „Minu konto“, PANIC.
a11y-how-trap = Iga põhilehe läbimine tabeldusklahviga viib tagasi alguspunkti: fookus ei jää kunagi lõksu.
a11y-how-focus-order = Lehe algusest jõuab klaviatuur kõigepealt vahelejätmislingini ja seejärel lehe sisuni selle lugemisjärjekorras.
a11y-how-focus-visible = Iga klaviatuuriga kättesaadav element näitab vähemalt 2 piksli laiust fookusraami.

## WCAG 2.1 success criteria (no W3C authorized Estonian translation: rendered here)
wcag-1-1-1 = Mittetekstiline sisu
wcag-1-3-1 = Teave ja seosed
wcag-1-3-5 = Sisendi eesmärgi tuvastamine
wcag-1-4-1 = Värvi kasutamine
wcag-1-4-3 = Kontrast (miinimum)
wcag-1-4-4 = Teksti suuruse muutmine
wcag-1-4-10 = Sisu ümberpaigutumine
wcag-1-4-11 = Mittetekstilise sisu kontrast
wcag-1-4-12 = Teksti vahed
wcag-2-1-1 = Klaviatuur
wcag-2-1-2 = Klaviatuurilõksu puudumine
wcag-2-4-1 = Plokkide vahelejätmine
wcag-2-4-2 = Lehe pealkiri
wcag-2-4-3 = Fookuse järjekord
wcag-2-4-4 = Lingi eesmärk (kontekstis)
wcag-2-4-6 = Pealkirjad ja sildid
wcag-2-4-7 = Nähtav fookus
wcag-3-1-1 = Lehe keel
wcag-3-1-2 = Osade keel
wcag-3-2-3 = Järjepidev navigeerimine
wcag-3-3-1 = Vigade tuvastamine
wcag-3-3-2 = Sildid või juhised
wcag-4-1-2 = Nimi, roll, väärtus
wcag-4-1-3 = Olekuteated
