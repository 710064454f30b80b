## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Siirry pääsisältöön
a11y-nav-account = Tilisi
a11y-footer-statement = Saavutettavuusseloste
a11y-field-required = (pakollinen)
a11y-new-window = (avautuu uuteen ikkunaan)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523; headings as in its Finnish text)
a11y-title = Saavutettavuusseloste
a11y-intro = Verkkosivuston { $site } ylläpitäjä on sitoutunut tekemään siitä saavutettavan julkisen sektorin elinten verkkosivustojen ja mobiilisovellusten saavutettavuudesta annetun Euroopan parlamentin ja neuvoston direktiivin (EU) 2016/2102 mukaisesti.
a11y-scope = Tämä saavutettavuusseloste koskee verkkosivustoa { $site }: kirjautumissivuja, rekisteröitymis- ja salasanasivuja, Oma tili -sivua, mobiilisovelluksen sivuja ja ylläpitokonsolia Euroopan unionin 24 virallisella kielellä.
a11y-status-title = Vaatimustenmukaisuustilanne
a11y-status-text = Tämä verkkosivusto on osittain verkkosisällön saavutettavuusohjeiden (WCAG) 2.1 AA-tason ja yhdenmukaistetun eurooppalaisen standardin EN 301 549 v3.2.1 mukainen jäljempänä lueteltujen puutteiden vuoksi.
a11y-gaps-title = Ei-saavutettava sisältö
a11y-gaps-intro = Jäljempänä lueteltu sisältö ei ole saavutettavaa seuraavista syistä.
a11y-gaps-noncompliance = Saavutettavuusvaatimusten noudattamatta jättäminen
a11y-gap-captcha = Rekisteröitymislomakkeen ja ”Unohtunut salasana” -lomakkeen kuvatestille (CAPTCHA) on vaihtoehto, joka ei edellytä näkemistä eikä kuulemista – selain ratkaisee tehtävän –, mutta tämä vaihtoehto edellyttää JavaScriptiä. Ilman JavaScriptiä henkilö, joka ei näe kuvaa, ei voi lähettää näitä lomakkeita, vaan hänen on pyydettävä apua tukipalvelusta (WCAG 1.1.1).
a11y-gap-manual = Ruudunlukijan, suurennusohjelman tai puheohjauksen käyttäjät eivät ole vielä testanneet sivuja; jäljempänä luetellut automaattiset tarkistukset löytävät vain osan niistä ongelmista, jotka tällainen testaus löytäisi.
a11y-gap-mail = Automaattiset testit eivät tarkista palvelun lähettämiä sähköposteja.
a11y-outside-title = Tämän selosteen soveltamisalaan kuulumaton sisältö
a11y-outside-third-party = Muiden tunnistuspalvelujen sivut, joiden kautta voit kirjautua sisään (sähköisen tunnistamisen järjestelmät, sosiaalisen median palvelut), ja niiden palvelujen sivut, joihin kirjaudut: tämän palvelun ylläpitäjä ei ole kehittänyt niitä eikä hallinnoi niitä.
a11y-outside-browser = Ikkunat, jotka selaimesi ja käyttöjärjestelmäsi näyttävät suojausavaimia ja pääsyavaimia varten.
a11y-prepared-title = Tämän saavutettavuusselosteen laatiminen
a11y-prepared-date = Tämä seloste on laadittu { $date }.
a11y-prepared-method = Se perustuu tämän palvelun ohjelmiston, Limenin, kehittäjien tekemään itsearviointiin. Testisarja suorittaa jäljempänä luetellut tarkistukset jokaisen muutoksen yhteydessä: axe-core { $axe } Chromium-selaimessa jokaisella sivulla ja jokaisessa sivun tilassa, johon käyttäjä voi päätyä (kaikki virheilmoitukset mukaan lukien), englanniksi, ranskaksi, saksaksi, kreikaksi ja maltaksi; sivujen rakenteen tarkistukset; tärkeimpien asiointipolkujen läpikäynti pelkällä näppäimistöllä; sivujen asettelu 320 pikselin leveydellä ja 200 %:n zoomauksella.
a11y-prepared-review = Seloste tarkistetaan aina, kun ohjelmiston tekemät tarkistukset muuttuvat.
a11y-checks-title = Mitä testit tarkistavat
a11y-checks-intro = Kullakin rivillä mainitaan WCAG 2.1:n onnistumiskriteeri, tapa, jolla testisarja tarkistaa sen, ja testi, joka tarkistuksen tekee.
a11y-checks-caption = Testisarjan tarkistamat WCAG 2.1:n onnistumiskriteerit
a11y-col-criterion = Onnistumiskriteeri
a11y-col-level = Taso
a11y-col-how = Tarkistustapa
a11y-col-test = Testi
a11y-checks-not-listed = Luettelosta puuttuvia kriteerejä ei tarkisteta automaattisesti.
a11y-feedback-title = Palaute ja yhteystiedot
a11y-feedback-text = Jos huomaat tässä palvelussa saavutettavuusongelman tai tarvitset osan sen sisällöstä saavutettavassa muodossa, ilmoita siitä palvelun ylläpitäjälle:
a11y-enforcement-title = Täytäntöönpanomenettely
a11y-enforcement-text = Jos et ole tyytyväinen ilmoitukseesi tai pyyntöösi saamaasi vastaukseen, voit kääntyä sen elimen puoleen, joka valvoo, että tämän palvelun ylläpitäjä noudattaa saavutettavuussääntöjä:
a11y-enforcement-eu = Euroopan unionin toimielimen, elimen tai laitoksen osalta:
a11y-enforcement-ombudsman = Euroopan oikeusasiamies
a11y-enforcement-national = jäsenvaltion julkisen sektorin elimen osalta valvontaelin, jonka kyseinen valtio on nimennyt direktiivin (EU) 2016/2102 nojalla:
a11y-enforcement-bodies = Euroopan komission luettelemat valvontaelimet

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core ei löydä tämän kriteerin osalta yhtään sääntöjensä vakavaa tai kriittistä rikkomusta missään sivun tilassa viidellä kielellä.
a11y-how-axe-contrast = axe-core mittaa jokaisen tekstin kontrastin taustaansa nähden: vähintään 4,5:1, suurella tekstillä 3:1.
a11y-how-captcha = Kuvatestin voi läpäistä ilman kuvaa: selain ratkaisee tehtävän, minkä jälkeen tili luodaan.
a11y-how-landmarks = Jokaisella sivulla on ylätunniste, nimetty navigaatio, yksi pääalue ja alatunniste.
a11y-how-fields = Jokaisella näkyvällä kentällä on siihen liitetty nimilappu; pakolliset kentät on merkitty sanallisesti eikä pelkästään värillä.
a11y-how-app = axe-core ei löydä selainpohjaisen todennussovelluksen yhdestäkään näkymästä vakavaa tai kriittistä rikkomusta, ei vaaleassa eikä tummassa tilassa.
a11y-how-autocomplete = Kentät, joihin annat oman sähköpostiosoitteesi, nimesi, salasanasi, puhelinnumerosi ja kertakäyttöiset koodit, ilmoittavat automaattisen täydennyksen tarkoituksensa.
a11y-how-skip-link = Jokaisella sivulla ensimmäinen kohde, johon näppäimistöllä pääsee, on linkki, joka vie suoraan pääsisältöön.
a11y-how-title = Jokaisella sivulla on oma otsikkonsa: ensin sivun nimi, sitten palvelun nimi.
a11y-how-headings = Jokaisella sivulla on täsmälleen yksi ylimmän tason otsikko, joka nimeää sivun.
a11y-how-lang = Jokainen sivu ilmoittaa kielen, jolla se näytetään.
a11y-how-selector = Kielivalikko näyttää kunkin kielen nimen kyseisellä kielellä, merkitsee nimen tekstin kyseisen kielen tekstiksi ja osoittaa käytössä olevan kielen.
a11y-how-consistent = Kielivalikko, linkki tähän selosteeseen ja tilivalikko ovat jokaisella sivulla samassa kohdassa.
a11y-how-errors = Virheilmoitus on liitetty kenttään, jota se koskee, ja kenttä on merkitty virheelliseksi; jos lomakkeessa on useita virheitä, ne luetellaan sen yläosassa, ja jokaisesta on linkki kyseiseen kenttään.
a11y-how-announced = Ruudunlukijat lukevat virheilmoitukset heti, kun sivu näyttää ne (hälytykset), ja virheilmoituksiin voi siirtää kohdistuksen.
a11y-how-colour = Virheilmoituksen alussa on sanojen lisäksi merkki, virheellisellä kentällä on paksumpi reunus ja tekstin linkit on alleviivattu: mitään ei ilmaista pelkällä värillä.
a11y-how-zoom = 200 %:n zoomauksella (1280 pikseliä leveä ikkuna) mikään sivu ei vieri sivusuunnassa eikä mikään teksti jää näytön ulkopuolelle, kun kielenä on englanti, saksa, suomi tai kreikka.
a11y-how-reflow = 320 CSS-pikselin leveydellä mikään sivu ei vieri sivusuunnassa eikä mikään teksti jää näytön ulkopuolelle; leveä taulukko vierii omassa kehyksessään, johon pääsee näppäimistöllä.
a11y-how-reflow-names = Oma tili -sivu pysyy näytön levyisenä myös hyvin pitkillä nimillä sekä arabian- ja kreikankielisillä nimillä, niin henkilöiden kuin heidän laitteidensa nimillä.
a11y-how-focus-contrast = Jokaisen näppäimistöllä saavutettavan elementin kohdistuksen osoittimen kontrasti taustaansa nähden on vähintään 3:1.
a11y-how-spacing = Kun kriteerin mukainen tekstin välistys otetaan käyttöön 320 pikselin leveydellä, mikään teksti ei leikkaudu.
a11y-how-keyboard = Asiointipolku käydään läpi pelkällä näppäimistöllä: rekisteröityminen, sisäänkirjautuminen kullakin laitetyypillä, Oma tili ja PANIC.
a11y-how-trap = Kun kunkin pääsivun käy läpi sarkainnäppäimellä, kohdistus palaa lähtökohtaansa: se ei koskaan jää loukkuun.
a11y-how-focus-order = Sivun alusta näppäimistöllä pääsee ensin ohituslinkkiin ja sitten sivun sisältöön lukujärjestyksessä.
a11y-how-focus-visible = Jokaisessa näppäimistöllä saavutettavassa elementissä näkyy vähintään 2 pikselin levyinen kohdistuskehys.

## WCAG 2.1 success criteria, named as the W3C authorized Finnish translation (2019) names them
wcag-1-1-1 = Ei-tekstuaalinen sisältö
wcag-1-3-1 = Informaatio ja suhteet
wcag-1-3-5 = Määrittele syötteen tarkoitus
wcag-1-4-1 = Värien käyttö
wcag-1-4-3 = Kontrasti (minimi)
wcag-1-4-4 = Tekstin koon muuttaminen
wcag-1-4-10 = Responsiivisuus
wcag-1-4-11 = Ei-tekstuaalisen sisällön kontrasti
wcag-1-4-12 = Tekstin välistys
wcag-2-1-1 = Näppäimistö
wcag-2-1-2 = Ei näppäimistöansaa
wcag-2-4-1 = Ohita lohkot
wcag-2-4-2 = Sivuotsikot
wcag-2-4-3 = Kohdistusjärjestys
wcag-2-4-4 = Linkin tarkoitus (kontekstissa)
wcag-2-4-6 = Otsikot ja nimilaput
wcag-2-4-7 = Näkyvä kohdistus
wcag-3-1-1 = Sivun kieli
wcag-3-1-2 = Osien kieli
wcag-3-2-3 = Johdonmukainen navigointi
wcag-3-3-1 = Virheen tunnistaminen
wcag-3-3-2 = Nimilaput tai ohjeet
wcag-4-1-2 = Nimi, rooli, arvo
wcag-4-1-3 = Tilasta kertovat viestit
