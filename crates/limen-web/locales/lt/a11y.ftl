## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Pereiti prie pagrindinio turinio
a11y-nav-account = Jūsų paskyra
a11y-footer-statement = Pareiškimas dėl prieinamumo
a11y-field-required = (privaloma)
a11y-new-window = (atsidaro naujame lange)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Pareiškimas dėl prieinamumo
a11y-intro = Svetainės { $site } operatorius įsipareigoja užtikrinti jos prieinamumą pagal Europos Parlamento ir Tarybos direktyvą (ES) 2016/2102 dėl viešojo sektoriaus institucijų interneto svetainių ir mobiliųjų programų prieinamumo.
a11y-scope = Šis pareiškimas dėl prieinamumo taikomas svetainei { $site }: prisijungimo puslapiams, registracijos ir slaptažodžio puslapiams, skilčiai „Mano paskyra“, mobiliosios programėlės puslapiams ir administravimo pultui visomis 24 oficialiosiomis Europos Sąjungos kalbomis.
a11y-status-title = Atitikties būklė
a11y-status-text = Ši svetainė iš dalies atitinka Saityno turinio prieinamumo gairių (WCAG) 2.1 AA lygio reikalavimus ir darnųjį Europos standartą EN 301 549 v3.2.1 dėl toliau išvardytų neatitikčių.
a11y-gaps-title = Neprieinamas turinys
a11y-gaps-intro = Toliau nurodytas turinys yra neprieinamas dėl šių priežasčių.
a11y-gaps-noncompliance = Prieinamumo reikalavimų neatitiktis
a11y-gap-captcha = Registracijos formos ir formos „Pamirštas slaptažodis“ paveikslėlio testas (CAPTCHA) turi alternatyvą, kuriai nereikia nei regos, nei klausos — naršyklė išsprendžia užduotį, — tačiau šiai alternatyvai reikia JavaScript. Be JavaScript žmogus, kuris nemato paveikslėlio, negali pateikti šių formų ir turi kreiptis į pagalbos tarnybą (WCAG 1.1.1).
a11y-gap-manual = Puslapių dar neišbandė žmonės, kurie naudojasi ekrano skaitymo programomis, didinimo programomis ar balso valdymu; toliau nurodyti automatiniai patikrinimai aptinka tik dalį problemų, kurias aptiktų toks bandymas.
a11y-gap-mail = Paslaugos siunčiami e. laiškai automatiniais testais netikrinami.
a11y-outside-title = Turinys, kuriam šis pareiškimas netaikomas
a11y-outside-third-party = Kitų tapatybės teikėjų, per kuriuos galite prisijungti (elektroninės atpažinties schemos, socialiniai tinklai), puslapiai ir paslaugų, prie kurių jungiatės, puslapiai: jų nekuria ir nekontroliuoja šios paslaugos operatorius.
a11y-outside-browser = Dialogo langai, kuriuos jūsų naršyklė ir operacinė sistema rodo saugumo raktams ir prieigos raktams.
a11y-prepared-title = Šio pareiškimo dėl prieinamumo parengimas
a11y-prepared-date = Šis pareiškimas parengtas { $date }.
a11y-prepared-method = Jis grindžiamas sistemos Limen — šios paslaugos programinės įrangos — kūrėjų atliktu įsivertinimu. Testų rinkinys po kiekvieno pakeitimo atlieka toliau išvardytus patikrinimus: axe-core { $axe } naršyklėje Chromium kiekviename puslapyje ir kiekvienoje puslapio būsenoje, kurią gali pasiekti naudotojas (įskaitant kiekvieną klaidos pranešimą), anglų, prancūzų, vokiečių, graikų ir maltiečių kalbomis; puslapių struktūros patikrinimai; pagrindiniai procesai, atlikti vien klaviatūra; puslapių išdėstymas, kai plotis yra 320 pikselių ir kai mastelis yra 200 %.
a11y-prepared-review = Pareiškimas peržiūrimas kiekvieną kartą, kai programinė įranga pakeičia tai, ką ji tikrina.
a11y-checks-title = Ką tikrina testai
a11y-checks-intro = Kiekvienoje eilutėje nurodytas WCAG 2.1 sėkmės kriterijus, kaip testų rinkinys jį tikrina ir kuris testas tai daro.
a11y-checks-caption = Testų rinkinio tikrinami WCAG 2.1 sėkmės kriterijai
a11y-col-criterion = Sėkmės kriterijus
a11y-col-level = Lygis
a11y-col-how = Kaip tikrinama
a11y-col-test = Testas
a11y-checks-not-listed = Čia nenurodyti kriterijai automatiškai netikrinami.
a11y-feedback-title = Grįžtamasis ryšys ir kontaktinė informacija
a11y-feedback-text = Jei pastebėsite šios paslaugos prieinamumo problemą arba jums reikės dalies jos turinio prieinamu formatu, praneškite jos operatoriui:
a11y-enforcement-title = Vykdymo užtikrinimo procedūra
a11y-enforcement-text = Jei atsakymas į jūsų pranešimą ar prašymą jūsų netenkina, galite kreiptis į instituciją, kuri užtikrina, kad šios paslaugos operatorius laikytųsi prieinamumo taisyklių:
a11y-enforcement-eu = Europos Sąjungos institucijos, organo, tarnybos ar agentūros atveju:
a11y-enforcement-ombudsman = Europos ombudsmenas
a11y-enforcement-national = valstybės narės viešojo sektoriaus institucijos atveju — vykdymo užtikrinimo institucija, kurią jos valstybė paskyrė pagal Direktyvą (ES) 2016/2102:
a11y-enforcement-bodies = vykdymo užtikrinimo institucijos pagal Europos Komisijos sąrašą

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core nė vienoje jokio puslapio būsenoje penkiomis kalbomis neaptinka nė vieno rimto ar kritinio savo taisyklių, susijusių su šiuo kriterijumi, pažeidimo.
a11y-how-axe-contrast = axe-core išmatuoja kiekvieno teksto kontrastą su jo fonu: ne mažiau kaip 4,5:1, o dideliam tekstui — 3:1.
a11y-how-captcha = Paveikslėlio testas įveikiamas be paveikslėlio: naršyklė išsprendžia užduotį, tada sukuriama paskyra.
a11y-how-landmarks = Kiekviename puslapyje yra antraštinė sritis (banner), pavadinta naršymo sritis, viena pagrindinė sritis ir poraštė.
a11y-how-fields = Kiekvienas matomas laukas turi su juo susietą etiketę; privalomi laukai pažymėti žodžiais, ne vien spalva.
a11y-how-app = axe-core neaptinka nė vieno rimto ar kritinio pažeidimo jokiame autentifikavimo žiniatinklio programėlės ekrane nei šviesiuoju, nei tamsiuoju režimu.
a11y-how-autocomplete = Jūsų pačių e. pašto adreso, vardo ir pavardės, slaptažodžių, telefono numerio ir vienkartinių kodų laukams nurodyta automatinio pildymo paskirtis.
a11y-how-skip-link = Kiekviename puslapyje pirmas elementas, kurį pasiekia klaviatūra, yra nuoroda, leidžianti pereiti tiesiai prie pagrindinio turinio.
a11y-how-title = Kiekvienas puslapis turi savo pavadinimą: puslapio pavadinimą, o po jo — paslaugos pavadinimą.
a11y-how-headings = Kiekviename puslapyje yra lygiai viena aukščiausio lygio antraštė, įvardijanti puslapį.
a11y-how-lang = Kiekvienas puslapis nurodo kalbą, kuria jis rodomas.
a11y-how-selector = Kalbų sąraše kiekviena kalba įvardyta ta pačia kalba, jos tekstas pažymėtas kaip tos kalbos tekstas, o dabartinė kalba pažymėta.
a11y-how-consistent = Kalbų sąrašas, nuoroda į šį pareiškimą ir paskyros meniu kiekviename puslapyje yra toje pačioje vietoje.
a11y-how-errors = Klaidos pranešimas susietas su lauku, kuriam jis skirtas, o tas laukas pažymėtas kaip netinkamas; formoje, kurioje yra kelios klaidos, jos išvardytos viršuje ir kiekviena turi nuorodą į savo lauką.
a11y-how-announced = Ekrano skaitymo programos klaidų pranešimus paskelbia, vos tik puslapis juos parodo (įspėjimai), ir į juos galima perkelti fokusą.
a11y-how-colour = Klaidos pranešimo pradžioje šalia žodžių yra ženklas, lauko su klaida kraštinė storesnė, o nuorodos tekste pabrauktos: niekas neperteikiama vien spalva.
a11y-how-zoom = Esant 200 % masteliui (1280 pikselių pločio langas), nė vienas puslapis neslenka horizontaliai ir joks tekstas neišeina už ekrano ribų anglų, vokiečių, suomių ir graikų kalbomis.
a11y-how-reflow = Esant 320 CSS pikselių pločiui, nė vienas puslapis neslenka horizontaliai ir joks tekstas neišeina už ekrano ribų; plati lentelė slenka savo atskiroje srityje, kurią pasiekia klaviatūra.
a11y-how-reflow-names = Skiltis „Mano paskyra“ neišeina už ekrano pločio ribų net esant labai ilgiems vardams ir vardams arabų bei graikų kalbomis — tiek žmonių, tiek jų įrenginių.
a11y-how-focus-contrast = Kiekvieno klaviatūra pasiekiamo elemento fokuso indikatoriaus kontrastas su tuo, kas yra už jo, yra ne mažesnis kaip 3:1.
a11y-how-spacing = Pritaikius kriterijuje nurodytus teksto tarpus, kai plotis yra 320 pikselių, joks tekstas nenukerpamas.
a11y-how-keyboard = Procesas atliekamas vien klaviatūra: registracija, prisijungimas kiekvienos rūšies įrenginiu, „Mano paskyra“, PANIC.
a11y-how-trap = Pereinant klavišu Tab per kiekvieną pagrindinį puslapį grįžtama į pradžios tašką: fokusas niekada neįstringa.
a11y-how-focus-order = Nuo puslapio viršaus klaviatūra pirmiausia pasiekia praleidimo nuorodą, o tada — puslapį jo skaitymo tvarka.
a11y-how-focus-visible = Kiekvienas klaviatūra pasiekiamas elementas rodo ne plonesnį kaip 2 pikselių fokuso rėmelį.

## WCAG 2.1 success criteria (there is no W3C authorized Lithuanian translation: our rendering)
wcag-1-1-1 = Netekstinis turinys
wcag-1-3-1 = Informacija ir ryšiai
wcag-1-3-5 = Įvesties paskirties nustatymas
wcag-1-4-1 = Spalvų naudojimas
wcag-1-4-3 = Kontrastas (minimalus)
wcag-1-4-4 = Teksto dydžio keitimas
wcag-1-4-10 = Turinio pertvarkymas
wcag-1-4-11 = Netekstinio turinio kontrastas
wcag-1-4-12 = Teksto tarpai
wcag-2-1-1 = Klaviatūra
wcag-2-1-2 = Be klaviatūros spąstų
wcag-2-4-1 = Blokų praleidimas
wcag-2-4-2 = Puslapio pavadinimas
wcag-2-4-3 = Fokusavimo tvarka
wcag-2-4-4 = Nuorodos paskirtis (kontekste)
wcag-2-4-6 = Antraštės ir etiketės
wcag-2-4-7 = Matomas fokusas
wcag-3-1-1 = Puslapio kalba
wcag-3-1-2 = Dalių kalba
wcag-3-2-3 = Nuosekli navigacija
wcag-3-3-1 = Klaidų nustatymas
wcag-3-3-2 = Etiketės arba instrukcijos
wcag-4-1-2 = Pavadinimas, vaidmuo, reikšmė
wcag-4-1-3 = Būsenos pranešimai
