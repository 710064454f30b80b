## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Pāriet uz galveno saturu
a11y-nav-account = Jūsu konts
a11y-footer-statement = Paziņojums par piekļūstamību
a11y-field-required = (obligāti)
a11y-new-window = (atveras jaunā logā)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Paziņojums par piekļūstamību
a11y-intro = Tīmekļvietnes { $site } operators apņemas nodrošināt tās piekļūstamību saskaņā ar Eiropas Parlamenta un Padomes Direktīvu (ES) 2016/2102 par publiskā sektora struktūru tīmekļvietņu un mobilo lietotņu piekļūstamību.
a11y-scope = Šis paziņojums par piekļūstamību attiecas uz tīmekļvietni { $site }: pieteikšanās lapām, reģistrācijas un paroles lapām, sadaļu “Mans konts”, mobilās lietotnes lapām un administrēšanas konsoli visās 24 Eiropas Savienības oficiālajās valodās.
a11y-status-title = Atbilstības statuss
a11y-status-text = Šī tīmekļvietne daļēji atbilst Tīmekļa satura piekļūstamības vadlīniju (WCAG) 2.1 AA līmenim un saskaņotajam Eiropas standartam EN 301 549 v3.2.1 turpmāk uzskaitīto neatbilstību dēļ.
a11y-gaps-title = Nepiekļūstams saturs
a11y-gaps-intro = Turpmāk uzskaitītais saturs nav piekļūstams šādu iemeslu dēļ.
a11y-gaps-noncompliance = Neatbilstība piekļūstamības prasībām
a11y-gap-captcha = Reģistrācijas veidlapas un veidlapas “Aizmirsta parole” attēla testam (CAPTCHA) ir alternatīva, kurai nav vajadzīga ne redze, ne dzirde, — pārlūkprogramma atrisina uzdevumu, — taču šai alternatīvai ir vajadzīgs JavaScript. Bez JavaScript cilvēks, kurš nevar redzēt attēlu, nevar nosūtīt šīs veidlapas un viņam jāvēršas palīdzības dienestā (WCAG 1.1.1).
a11y-gap-manual = Lapas vēl nav testējuši cilvēki, kas izmanto ekrānlasītājus, palielinātājus vai balss vadību; turpmāk minētās automatizētās pārbaudes atklāj tikai daļu no problēmām, ko atklātu šāda testēšana.
a11y-gap-mail = Pakalpojuma sūtītās e-pasta vēstules automatizētie testi nepārbauda.
a11y-outside-title = Saturs, uz kuru šis paziņojums neattiecas
a11y-outside-third-party = Citu identitātes nodrošinātāju lapas, ar kuru starpniecību varat pieteikties (elektroniskās identifikācijas shēmas, sociālie tīkli), un to pakalpojumu lapas, kuros piesakāties: tās neizstrādā un nekontrolē šā pakalpojuma operators.
a11y-outside-browser = Dialoglodziņi, ko jūsu pārlūkprogramma un operētājsistēma rāda drošības atslēgām un piekļuves atslēgām.
a11y-prepared-title = Šā paziņojuma par piekļūstamību sagatavošana
a11y-prepared-date = Šis paziņojums sagatavots { $date }.
a11y-prepared-method = Tas balstās uz pašnovērtējumu, ko veikuši šā pakalpojuma programmatūras Limen izstrādātāji. Testu kopums ik reizi, kad tiek veiktas izmaiņas, veic turpmāk uzskaitītās pārbaudes: axe-core { $axe } pārlūkprogrammā Chromium katrā lapā un katrā lapas stāvoklī, ko lietotājs var sasniegt (ieskaitot katru kļūdas paziņojumu), angļu, franču, vācu, grieķu un maltiešu valodā; lapu struktūras pārbaudes; galvenās darbību secības, kas izpildītas, izmantojot tikai tastatūru; lapu izkārtojums 320 pikseļu platumā un ar 200 % tālummaiņu.
a11y-prepared-review = Paziņojums tiek pārskatīts ikreiz, kad programmatūra maina to, ko tā pārbauda.
a11y-checks-title = Ko pārbauda testi
a11y-checks-intro = Katrā rindā ir norādīts WCAG 2.1 veiksmes kritērijs, tas, kā testu kopums to pārbauda, un tests, kas to dara.
a11y-checks-caption = Testu kopuma pārbaudītie WCAG 2.1 veiksmes kritēriji
a11y-col-criterion = Veiksmes kritērijs
a11y-col-level = Līmenis
a11y-col-how = Kā tiek pārbaudīts
a11y-col-test = Tests
a11y-checks-not-listed = Kritēriji, kas šeit nav minēti, netiek pārbaudīti automātiski.
a11y-feedback-title = Atsauksmes un kontaktinformācija
a11y-feedback-text = Ja pamanāt problēmu saistībā ar šā pakalpojuma piekļūstamību vai jums kāda tā satura daļa ir vajadzīga piekļūstamā formātā, paziņojiet par to tā operatoram:
a11y-enforcement-title = Izpildes panākšanas procedūra
a11y-enforcement-text = Ja atbilde uz jūsu paziņojumu vai pieprasījumu jūs neapmierina, varat vērsties struktūrā, kas panāk, lai šā pakalpojuma operators ievērotu piekļūstamības noteikumus:
a11y-enforcement-eu = Eiropas Savienības iestādei, struktūrai, birojam vai aģentūrai:
a11y-enforcement-ombudsman = Eiropas ombuds
a11y-enforcement-national = dalībvalsts publiskā sektora struktūrai — izpildes panākšanas struktūra, ko tās valsts izraudzījusies saskaņā ar Direktīvu (ES) 2016/2102:
a11y-enforcement-bodies = izpildes panākšanas struktūras saskaņā ar Eiropas Komisijas sarakstu

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core piecās valodās nevienas lapas nevienā stāvoklī neatrod nevienu nopietnu vai kritisku savu noteikumu pārkāpumu attiecībā uz šo kritēriju.
a11y-how-axe-contrast = axe-core mēra katra teksta kontrastu pret tā fonu: vismaz 4,5:1, lielam tekstam — 3:1.
a11y-how-captcha = Attēla tests tiek izpildīts bez attēla: pārlūkprogramma atrisina uzdevumu, un tad tiek izveidots konts.
a11y-how-landmarks = Katrā lapā ir galvene (banner), nosaukta navigācija, viens galvenais apgabals un kājene.
a11y-how-fields = Katram redzamam laukam ir ar to sasaistīta etiķete; obligātie lauki ir atzīmēti ar vārdiem, ne tikai ar krāsu.
a11y-how-app = axe-core neatrod nevienu nopietnu vai kritisku pārkāpumu nevienā autentifikācijas tīmekļa lietotnes ekrānā ne gaišajā, ne tumšajā režīmā.
a11y-how-autocomplete = Laukiem, kuros ievada jūsu pašu e-pasta adresi, vārdu un uzvārdu, paroles, tālruņa numuru un vienreizējos kodus, ir norādīts automātiskās aizpildes mērķis.
a11y-how-skip-link = Katrā lapā pirmais, ko sasniedz ar tastatūru, ir saite, kas ļauj pāriet uz galveno saturu.
a11y-how-title = Katrai lapai ir savs nosaukums: lapas nosaukums, pēc tam pakalpojuma nosaukums.
a11y-how-headings = Katrā lapā ir tieši viens augstākā līmeņa virsraksts, kas to nosauc.
a11y-how-lang = Katra lapa norāda valodu, kādā tā ir parādīta.
a11y-how-selector = Valodu sarakstā katra valoda ir nosaukta tajā pašā valodā, tās teksts ir marķēts kā šīs valodas teksts, un pašreizējā valoda ir atzīmēta.
a11y-how-consistent = Valodu saraksts, saite uz šo paziņojumu un konta izvēlne katrā lapā atrodas vienā un tajā pašā vietā.
a11y-how-errors = Kļūdas paziņojums ir sasaistīts ar lauku, uz kuru tas attiecas, un šis lauks ir atzīmēts kā nederīgs; veidlapā ar vairākām kļūdām tās ir uzskaitītas augšpusē, katrai ir saite uz attiecīgo lauku.
a11y-how-announced = Ekrānlasītāji kļūdu paziņojumus nolasa, tiklīdz lapa tos parāda (brīdinājumi), un uz tiem var pārvietot fokusu.
a11y-how-colour = Kļūdas paziņojuma sākumā līdzās vārdiem ir zīme, laukam ar kļūdu ir biezāka mala, un saites tekstā ir pasvītrotas: nekas netiek norādīts tikai ar krāsu.
a11y-how-zoom = Ar 200 % tālummaiņu (1280 pikseļu plats logs) neviena lapa neritinās horizontāli un neviens teksts neiziet ārpus ekrāna angļu, vācu, somu un grieķu valodā.
a11y-how-reflow = 320 CSS pikseļu platumā neviena lapa neritinās horizontāli un neviens teksts neiziet ārpus ekrāna; plata tabula ritinās savā lodziņā, ko var sasniegt ar tastatūru.
a11y-how-reflow-names = Sadaļa “Mans konts” nepārsniedz ekrāna platumu arī ļoti garu vārdu un arābu un grieķu valodas vārdu gadījumā — gan cilvēku, gan viņu ierīču.
a11y-how-focus-contrast = Katra ar tastatūru sasniedzama elementa fokusa indikatora kontrasts pret to, kas atrodas aiz tā, ir vismaz 3:1.
a11y-how-spacing = Piemērojot kritērijā noteiktās teksta atstarpes 320 pikseļu platumā, neviens teksts netiek nogriezts.
a11y-how-keyboard = Darbību secību var pabeigt, izmantojot tikai tastatūru: reģistrācija, pieteikšanās ar katra veida ierīci, “Mans konts”, PANIC.
a11y-how-trap = Pārvietojoties ar tabulēšanas taustiņu Tab pa katru galveno lapu, fokuss atgriežas sākumpunktā: tas nekad netiek iesprostots.
a11y-how-focus-order = No lapas augšdaļas tastatūra vispirms sasniedz pārlēkšanas saiti, pēc tam lapu tās lasīšanas secībā.
a11y-how-focus-visible = Katrs ar tastatūru sasniedzams elements parāda vismaz 2 pikseļus platu fokusa rāmi.

## WCAG 2.1 success criteria (there is no W3C authorized Latvian translation: our rendering)
wcag-1-1-1 = Neteksta saturs
wcag-1-3-1 = Informācija un sakarības
wcag-1-3-5 = Ievades mērķa noteikšana
wcag-1-4-1 = Krāsu izmantošana
wcag-1-4-3 = Kontrasts (minimālais)
wcag-1-4-4 = Teksta izmēra maiņa
wcag-1-4-10 = Satura pārkārtošana
wcag-1-4-11 = Neteksta satura kontrasts
wcag-1-4-12 = Teksta atstarpes
wcag-2-1-1 = Tastatūra
wcag-2-1-2 = Bez tastatūras slazda
wcag-2-4-1 = Bloku apiešana
wcag-2-4-2 = Lapas nosaukums
wcag-2-4-3 = Fokusa secība
wcag-2-4-4 = Saites mērķis (kontekstā)
wcag-2-4-6 = Virsraksti un etiķetes
wcag-2-4-7 = Redzams fokuss
wcag-3-1-1 = Lapas valoda
wcag-3-1-2 = Daļu valoda
wcag-3-2-3 = Konsekventa navigācija
wcag-3-3-1 = Kļūdu identificēšana
wcag-3-3-2 = Etiķetes vai norādījumi
wcag-4-1-2 = Nosaukums, loma, vērtība
wcag-4-1-3 = Statusa ziņojumi
