## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Preskoči na glavni sadržaj
a11y-nav-account = Vaš račun
a11y-footer-statement = Izjava o pristupačnosti
a11y-field-required = (obavezno)
a11y-new-window = (otvara se u novom prozoru)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Izjava o pristupačnosti
a11y-intro = Operater internetske stranice { $site } nastoji je učiniti pristupačnom u skladu s Direktivom (EU) 2016/2102 Europskog parlamenta i Vijeća o pristupačnosti internetskih stranica i mobilnih aplikacija tijela javnog sektora.
a11y-scope = Ova se izjava o pristupačnosti odnosi na internetsku stranicu { $site }: stranice za prijavu, stranice za registraciju i lozinku, „Moj račun”, stranice mobilne aplikacije i administracijsku konzolu, na 24 službena jezika Europske unije.
a11y-status-title = Status usklađenosti
a11y-status-text = Ova je internetska stranica djelomično usklađena sa Smjernicama za pristupačnost web-sadržaja (WCAG) 2.1, razina AA, i s usklađenom europskom normom EN 301 549 v3.2.1 zbog neusklađenosti navedenih u nastavku.
a11y-gaps-title = Nepristupačan sadržaj
a11y-gaps-intro = Sadržaj naveden u nastavku nepristupačan je iz sljedećih razloga.
a11y-gaps-noncompliance = Neusklađenost sa zahtjevima pristupačnosti
a11y-gap-captcha = Slikovni test (CAPTCHA) u obrascima za registraciju i „Zaboravljena lozinka” ima alternativu za koju nisu potrebni ni vid ni sluh — preglednik rješava zadatak — no za tu je alternativu potreban JavaScript. Bez JavaScripta osoba koja ne može vidjeti sliku ne može poslati te obrasce i mora se obratiti službi za podršku (WCAG 1.1.1).
a11y-gap-manual = Stranice još nisu testirale osobe koje se koriste čitačima zaslona, povećalima ili glasovnim upravljanjem; automatske provjere navedene u nastavku pronalaze samo dio problema koje bi takvo testiranje otkrilo.
a11y-gap-mail = Automatski testovi ne provjeravaju e-poruke koje usluga šalje.
a11y-outside-title = Sadržaj izvan opsega ove izjave
a11y-outside-third-party = Stranice drugih pružatelja identiteta putem kojih se možete prijaviti (sustavi elektroničke identifikacije, društvene mreže) i stranice usluga u koje se prijavljujete: operater ove usluge ne razvija ih niti nadzire.
a11y-outside-browser = Dijaloški okviri koje vaš preglednik i operacijski sustav prikazuju za sigurnosne ključeve i pristupne ključeve.
a11y-prepared-title = Priprema ove izjave o pristupačnosti
a11y-prepared-date = Ova je izjava pripremljena { $date }.
a11y-prepared-method = Temelji se na samoprocjeni koju su proveli razvojni programeri sustava Limen, softvera ove usluge. Skup testova pri svakoj promjeni izvodi provjere navedene u nastavku: axe-core { $axe } u pregledniku Chromium na svakoj stranici i u svakom stanju stranice do kojeg korisnik može doći (uključujući svaku poruku o pogrešci), na engleskom, francuskom, njemačkom, grčkom i malteškom; provjere strukture stranica; glavne postupke dovršene samo tipkovnicom; prikaz stranica na širini od 320 piksela i pri zumiranju od 200 %.
a11y-prepared-review = Izjava se preispituje svaki put kada softver promijeni ono što provjerava.
a11y-checks-title = Što testovi provjeravaju
a11y-checks-intro = Svaki redak navodi kriterij uspješnosti iz WCAG-a 2.1, način na koji ga skup testova provjerava i test koji to čini.
a11y-checks-caption = Kriteriji uspješnosti iz WCAG-a 2.1 koje provjerava skup testova
a11y-col-criterion = Kriterij uspješnosti
a11y-col-level = Razina
a11y-col-how = Način provjere
a11y-col-test = Test
a11y-checks-not-listed = Kriteriji koji nisu navedeni ne provjeravaju se automatski.
a11y-feedback-title = Povratne informacije i podaci za kontakt
a11y-feedback-text = Ako primijetite problem s pristupačnošću ove usluge ili vam je dio njezina sadržaja potreban u pristupačnom obliku, obavijestite njezina operatera:
a11y-enforcement-title = Postupak praćenja provedbe propisa
a11y-enforcement-text = Ako niste zadovoljni odgovorom na svoju obavijest ili zahtjev, možete se obratiti tijelu koje nadzire poštuje li operater ove usluge pravila o pristupačnosti:
a11y-enforcement-eu = za instituciju, tijelo, ured ili agenciju Europske unije:
a11y-enforcement-ombudsman = Europski ombudsman
a11y-enforcement-national = za tijelo javnog sektora države članice, tijelo koje je njegova država imenovala u skladu s Direktivom (EU) 2016/2102:
a11y-enforcement-bodies = tijela za praćenje provedbe prema popisu Europske komisije

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core ne pronalazi nijedno ozbiljno ili kritično kršenje svojih pravila za ovaj kriterij ni u jednom stanju nijedne stranice, na pet jezika.
a11y-how-axe-contrast = axe-core mjeri kontrast svakog teksta u odnosu na njegovu pozadinu: najmanje 4,5:1, odnosno 3:1 za veliki tekst.
a11y-how-captcha = Slikovni test prolazi se bez slike: preglednik rješava zadatak, a zatim se račun izrađuje.
a11y-how-landmarks = Svaka stranica ima zaglavlje (banner), imenovanu navigaciju, jedno glavno područje i podnožje.
a11y-how-fields = Svako vidljivo polje ima oznaku povezanu s njim; obavezna polja označena su riječima, a ne samo bojom.
a11y-how-app = axe-core ne pronalazi nijedno ozbiljno ili kritično kršenje ni na jednom zaslonu web-aplikacije za autentifikaciju, u svijetlom i u tamnom načinu.
a11y-how-autocomplete = Polja za vašu vlastitu adresu e-pošte, ime i prezime, lozinke, telefonski broj i jednokratne kodove nose oznaku svrhe za automatsko popunjavanje.
a11y-how-skip-link = Na svakoj stranici prvo do čega tipkovnica dolazi jest poveznica koja preskače na glavni sadržaj.
a11y-how-title = Svaka stranica ima vlastiti naslov: naziv stranice, a zatim naziv usluge.
a11y-how-headings = Svaka stranica ima točno jedan naslov najviše razine koji je imenuje.
a11y-how-lang = Svaka stranica navodi jezik na kojem je prikazana.
a11y-how-selector = Popis jezika navodi svaki jezik na tom jeziku, označuje njegov tekst tim jezikom i označuje trenutačni jezik.
a11y-how-consistent = Popis jezika, poveznica na ovu izjavu i izbornik računa nalaze se na istom mjestu na svakoj stranici.
a11y-how-errors = Poruka o pogrešci povezana je s poljem na koje se odnosi, a to je polje označeno kao nevažeće; obrazac s više pogrešaka navodi ih na vrhu, svaku s poveznicom na njezino polje.
a11y-how-announced = Čitači zaslona najavljuju poruke o pogreškama čim ih stranica prikaže (upozorenja), a te poruke mogu primiti fokus.
a11y-how-colour = Na početku poruke o pogrešci uz riječi stoji i znak, polje s pogreškom ima deblji rub, a poveznice u tekstu podcrtane su: ništa se ne iskazuje samo bojom.
a11y-how-zoom = Pri zumiranju od 200 % (prozor širok 1280 piksela) nijedna se stranica ne pomiče vodoravno i nijedan tekst ne izlazi izvan zaslona, na engleskom, njemačkom, finskom i grčkom.
a11y-how-reflow = Na širini od 320 CSS piksela nijedna se stranica ne pomiče vodoravno i nijedan tekst ne izlazi izvan zaslona; široka tablica pomiče se u vlastitom okviru, do kojeg tipkovnica dolazi.
a11y-how-reflow-names = „Moj račun” ostaje unutar širine zaslona i uz vrlo duga imena te uz imena na arapskom i grčkom, i osoba i njihovih uređaja.
a11y-how-focus-contrast = Pokazatelj fokusa svakog elementa do kojeg tipkovnica dolazi ima kontrast od najmanje 3:1 prema onome što se nalazi iza njega.
a11y-how-spacing = Uz razmake u tekstu iz kriterija primijenjene na širini od 320 piksela nijedan tekst nije odrezan.
a11y-how-keyboard = Postupak se dovršava samo tipkovnicom: registracija, prijava svakom vrstom uređaja, „Moj račun”, PANIC.
a11y-how-trap = Prolazak tipkom Tab kroz svaku glavnu stranicu vraća se na polaznu točku: fokus nikad nije zarobljen.
a11y-how-focus-order = Od vrha stranice tipkovnica najprije dolazi do poveznice za preskakanje, a zatim do stranice redoslijedom čitanja.
a11y-how-focus-visible = Svaki element do kojeg tipkovnica dolazi prikazuje okvir fokusa širok najmanje 2 piksela.

## WCAG 2.1 success criteria (there is no W3C authorized Croatian translation: our rendering)
wcag-1-1-1 = Netekstualni sadržaj
wcag-1-3-1 = Informacije i odnosi
wcag-1-3-5 = Utvrđivanje svrhe unosa
wcag-1-4-1 = Upotreba boje
wcag-1-4-3 = Kontrast (minimalni)
wcag-1-4-4 = Promjena veličine teksta
wcag-1-4-10 = Preraspodjela sadržaja
wcag-1-4-11 = Netekstualni kontrast
wcag-1-4-12 = Razmaci u tekstu
wcag-2-1-1 = Tipkovnica
wcag-2-1-2 = Bez zamke za tipkovnicu
wcag-2-4-1 = Zaobilaženje blokova
wcag-2-4-2 = Naslov stranice
wcag-2-4-3 = Redoslijed fokusa
wcag-2-4-4 = Svrha poveznice (u kontekstu)
wcag-2-4-6 = Naslovi i oznake
wcag-2-4-7 = Vidljivi fokus
wcag-3-1-1 = Jezik stranice
wcag-3-1-2 = Jezik dijelova
wcag-3-2-3 = Dosljedna navigacija
wcag-3-3-1 = Prepoznavanje pogrešaka
wcag-3-3-2 = Oznake ili upute
wcag-4-1-2 = Naziv, uloga, vrijednost
wcag-4-1-3 = Statusne poruke
