## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Preskoči na glavno vsebino
a11y-nav-account = Vaš račun
a11y-footer-statement = Izjava o dostopnosti
a11y-field-required = (obvezno)
a11y-new-window = (odpre se v novem oknu)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Izjava o dostopnosti
a11y-intro = Upravljavec spletišča { $site } se zavezuje, da bo zagotovil njegovo dostopnost v skladu z Direktivo (EU) 2016/2102 Evropskega parlamenta in Sveta o dostopnosti spletišč in mobilnih aplikacij subjektov javnega sektorja.
a11y-scope = Ta izjava o dostopnosti se uporablja za spletišče { $site }: strani za prijavo, strani za registracijo in geslo, stran Moj račun, strani mobilne aplikacije in skrbniško konzolo, v 24 uradnih jezikih Evropske unije.
a11y-status-title = Stanje skladnosti
a11y-status-text = To spletišče je delno skladno s Smernicami za dostopnost spletnih vsebin (WCAG) 2.1 na ravni AA in s harmoniziranim evropskim standardom EN 301 549 v3.2.1 zaradi neskladnosti, navedenih v nadaljevanju.
a11y-gaps-title = Nedostopna vsebina
a11y-gaps-intro = Vsebina, navedena v nadaljevanju, ni dostopna iz naslednjih razlogov.
a11y-gaps-noncompliance = Neskladnost z zahtevami glede dostopnosti
a11y-gap-captcha = Slikovni preizkus (CAPTCHA) v obrazcih za registracijo in „Pozabljeno geslo“ ima alternativo, ki ne zahteva ne vida ne sluha – brskalnik reši računsko nalogo –, vendar ta alternativa zahteva JavaScript. Brez JavaScripta oseba, ki slike ne vidi, teh obrazcev ne more poslati in se mora obrniti na službo za pomoč uporabnikom (WCAG 1.1.1).
a11y-gap-manual = Strani še niso preizkusili ljudje, ki uporabljajo bralnike zaslona, povečevala ali glasovno upravljanje; spodaj navedena samodejna preverjanja odkrijejo le del težav, ki bi jih odkril takšen preizkus.
a11y-gap-mail = Samodejni preizkusi ne preverjajo e-poštnih sporočil, ki jih pošilja storitev.
a11y-outside-title = Vsebina, za katero ta izjava ne velja
a11y-outside-third-party = Strani drugih ponudnikov identitete, prek katerih se lahko prijavite (sistemi eID, družbena omrežja), in strani storitev, v katere se prijavljate: upravljavec te storitve jih ne razvija in ne nadzoruje.
a11y-outside-browser = Pogovorna okna, ki jih vaš brskalnik in operacijski sistem prikazujeta za varnostne ključe in ključe za dostop.
a11y-prepared-title = Priprava te izjave o dostopnosti
a11y-prepared-date = Ta izjava je bila pripravljena { $date }.
a11y-prepared-method = Temelji na samooceni, ki so jo opravili razvijalci programske opreme Limen, na kateri deluje ta storitev. Zbirka preizkusov ob vsaki spremembi izvede spodaj navedena preverjanja: axe-core { $axe } v brskalniku Chromium na vsaki strani in v vsakem stanju strani, do katerega lahko pride uporabnik (vključno z vsakim sporočilom o napaki), v angleščini, francoščini, nemščini, grščini in malteščini; preverjanja strukture strani; glavni postopki, opravljeni samo s tipkovnico; prikaz strani pri širini 320 pikslov in pri povečavi 200 %.
a11y-prepared-review = Izjava se pregleda vsakič, ko programska oprema spremeni, kaj preverja.
a11y-checks-title = Kaj preverjajo preizkusi
a11y-checks-intro = Vsaka vrstica navaja merilo uspešnosti WCAG 2.1, način, kako ga zbirka preizkusov preverja, in preizkus, ki to stori.
a11y-checks-caption = Merila uspešnosti WCAG 2.1, ki jih preverja zbirka preizkusov
a11y-col-criterion = Merilo uspešnosti
a11y-col-level = Raven
a11y-col-how = Način preverjanja
a11y-col-test = Preizkus
a11y-checks-not-listed = Merila, ki tu niso navedena, se ne preverjajo samodejno.
a11y-feedback-title = Povratne informacije in kontaktni podatki
a11y-feedback-text = Če v tej storitvi opazite težavo z dostopnostjo ali potrebujete del njene vsebine v dostopni obliki, o tem obvestite njenega upravljavca:
a11y-enforcement-title = Postopek izvrševanja
a11y-enforcement-text = Če z odgovorom na svoje obvestilo ali zahtevo niste zadovoljni, se lahko obrnete na organ, ki nadzoruje, ali upravljavec te storitve spoštuje pravila o dostopnosti:
a11y-enforcement-eu = za institucijo, organ, urad ali agencijo Evropske unije:
a11y-enforcement-ombudsman = Evropski varuh človekovih pravic
a11y-enforcement-national = za subjekt javnega sektorja države članice organ, ki ga je njegova država določila na podlagi Direktive (EU) 2016/2102:
a11y-enforcement-bodies = nadzorni organi, kot jih navaja Evropska komisija

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core za to merilo ne najde nobene resne ali kritične kršitve svojih pravil v nobenem stanju nobene strani, v petih jezikih.
a11y-how-axe-contrast = axe-core izmeri kontrast vsakega besedila glede na njegovo ozadje: najmanj 4,5:1, za veliko besedilo 3:1.
a11y-how-captcha = Slikovni preizkus je opravljen brez slike: brskalnik reši računsko nalogo, nato se ustvari račun.
a11y-how-landmarks = Vsaka stran ima glavo, poimenovano navigacijo, eno glavno območje in nogo.
a11y-how-fields = Vsako vidno polje ima povezano oznako; obvezna polja so označena z besedami, ne le z barvo.
a11y-how-app = axe-core ne najde nobene resne ali kritične kršitve na nobenem zaslonu spletne aplikacije za avtentikacijo, ne v svetlem ne v temnem načinu.
a11y-how-autocomplete = Polja za vaš lastni e-poštni naslov, imena, gesla, telefonsko številko in enkratne kode imajo določen namen samodejnega izpolnjevanja.
a11y-how-skip-link = Na vsaki strani je prvi element, do katerega pridete s tipkovnico, povezava, ki preskoči na glavno vsebino.
a11y-how-title = Vsaka stran ima svoj naslov: ime strani, nato ime storitve.
a11y-how-headings = Vsaka stran ima natanko en naslov najvišje ravni, ki jo poimenuje.
a11y-how-lang = Vsaka stran navaja jezik, v katerem je prikazana.
a11y-how-selector = Seznam jezikov navaja ime vsakega jezika v tem jeziku, besedilo imena označi s tem jezikom in označi trenutni jezik.
a11y-how-consistent = Seznam jezikov, povezava na to izjavo in meni računa so na vsaki strani na istem mestu.
a11y-how-errors = Sporočilo o napaki je povezano s poljem, na katero se nanaša in ki je označeno kot neveljavno; obrazec z več napakami jih navede na vrhu, vsako s povezavo do njenega polja.
a11y-how-announced = Bralniki zaslona sporočila o napakah preberejo, takoj ko jih stran prikaže (opozorila); sporočila lahko tudi prejmejo fokus.
a11y-how-colour = Sporočilo o napaki se poleg besed začne z znakom, polje z napako ima debelejši rob, povezave v besedilu pa so podčrtane: nič ni sporočeno samo z barvo.
a11y-how-zoom = Pri povečavi 200 % (okno, široko 1280 pikslov) se nobena stran ne pomika vodoravno in nobeno besedilo ne sega čez rob zaslona, v angleščini, nemščini, finščini in grščini.
a11y-how-reflow = Pri širini 320 pikslov CSS se nobena stran ne pomika vodoravno in nobeno besedilo ne sega čez rob zaslona; široka tabela se pomika v svojem okvirju, do katerega pridete s tipkovnico.
a11y-how-reflow-names = Stran Moj račun ostane v širini zaslona tudi pri zelo dolgih imenih oseb in njihovih naprav ter pri imenih v arabščini in grščini.
a11y-how-focus-contrast = Indikator fokusa vsakega elementa, do katerega pridete s tipkovnico, ima kontrast najmanj 3:1 glede na to, kar je za njim.
a11y-how-spacing = Ko se pri širini 320 pikslov uporabi razmik besedila iz merila, se nobeno besedilo ne odreže.
a11y-how-keyboard = Postopek je mogoče opraviti samo s tipkovnico: registracija, prijava z vsako vrsto naprave, Moj račun, PANIC.
a11y-how-trap = Pomikanje po vsaki glavni strani s tipko Tab se vrne na začetno mesto: fokus se nikoli ne ujame.
a11y-how-focus-order = Z vrha strani tipkovnica najprej doseže povezavo za preskok, nato pa stran v vrstnem redu branja.
a11y-how-focus-visible = Vsak element, do katerega pridete s tipkovnico, prikaže obroč fokusa, širok najmanj 2 piksla.

## WCAG 2.1 success criteria (no authorized Slovenian translation: names translated from the W3C's)
wcag-1-1-1 = Nebesedilna vsebina
wcag-1-3-1 = Informacije in razmerja
wcag-1-3-5 = Prepoznavanje namena vnosa
wcag-1-4-1 = Uporaba barve
wcag-1-4-3 = Kontrast (najmanjši)
wcag-1-4-4 = Spreminjanje velikosti besedila
wcag-1-4-10 = Prilagajanje vsebine
wcag-1-4-11 = Nebesedilni kontrast
wcag-1-4-12 = Razmik besedila
wcag-2-1-1 = Tipkovnica
wcag-2-1-2 = Brez pasti za tipkovnico
wcag-2-4-1 = Preskok blokov
wcag-2-4-2 = Naslov strani
wcag-2-4-3 = Vrstni red fokusa
wcag-2-4-4 = Namen povezave (v kontekstu)
wcag-2-4-6 = Naslovi in oznake
wcag-2-4-7 = Viden fokus
wcag-3-1-1 = Jezik strani
wcag-3-1-2 = Jezik delov
wcag-3-2-3 = Dosledna navigacija
wcag-3-3-1 = Prepoznavanje napak
wcag-3-3-2 = Oznake ali navodila
wcag-4-1-2 = Ime, vloga, vrednost
wcag-4-1-3 = Sporočila o stanju
