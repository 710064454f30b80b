## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Salt la conținutul principal
a11y-nav-account = Contul dumneavoastră
a11y-footer-statement = Declarație privind accesibilitatea
a11y-field-required = (obligatoriu)
a11y-new-window = (se deschide într-o fereastră nouă)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Declarație privind accesibilitatea
a11y-intro = Operatorul site-ului { $site } se angajează să asigure accesibilitatea acestuia, în conformitate cu Directiva (UE) 2016/2102 a Parlamentului European și a Consiliului privind accesibilitatea site-urilor web și a aplicațiilor mobile ale organismelor din sectorul public.
a11y-scope = Prezenta declarație privind accesibilitatea se aplică site-ului { $site }: paginile de conectare, paginile de înregistrare și de parolă, pagina „Contul meu”, paginile aplicației mobile și consola de administrare, în cele 24 de limbi oficiale ale Uniunii Europene.
a11y-status-title = Stadiul conformității
a11y-status-text = Acest site web este parțial conform cu Ghidul de accesibilitate a conținutului web (WCAG) 2.1, nivelul AA, și cu standardul european armonizat EN 301 549 v3.2.1, din cauza neconformităților enumerate mai jos.
a11y-gaps-title = Conținut inaccesibil
a11y-gaps-intro = Conținutul enumerat mai jos nu este accesibil din următoarele motive.
a11y-gaps-noncompliance = Neconformitate cu cerințele de accesibilitate
a11y-gap-captcha = Testul cu imagine (CAPTCHA) din formularele de înregistrare și „Parolă uitată” are o alternativă care nu necesită nici văz, nici auz – browserul rezolvă o problemă de calcul –, dar această alternativă necesită JavaScript. Fără JavaScript, o persoană care nu poate vedea imaginea nu poate trimite aceste formulare și trebuie să se adreseze serviciului de asistență (WCAG 1.1.1).
a11y-gap-manual = Paginile nu au fost încă testate de persoane care folosesc cititoare de ecran, lupe sau comandă vocală; verificările automate de mai jos găsesc doar o parte din problemele pe care le-ar găsi un astfel de test.
a11y-gap-mail = E-mailurile trimise de serviciu nu sunt verificate de testele automate.
a11y-outside-title = Conținut care nu intră în domeniul de aplicare al prezentei declarații
a11y-outside-third-party = Paginile altor furnizori de identitate prin care vă puteți conecta (sisteme eID, rețele sociale) și paginile serviciilor la care vă conectați: acestea nu sunt nici dezvoltate, nici controlate de operatorul acestui serviciu.
a11y-outside-browser = Ferestrele de dialog pe care browserul și sistemul de operare le afișează pentru cheile de securitate și cheile de acces.
a11y-prepared-title = Elaborarea prezentei declarații privind accesibilitatea
a11y-prepared-date = Prezenta declarație a fost elaborată la { $date }.
a11y-prepared-method = Declarația se bazează pe o autoevaluare efectuată de dezvoltatorii Limen, software-ul acestui serviciu. La fiecare modificare, suita de teste execută verificările enumerate mai jos: axe-core { $axe } în browserul Chromium, pe fiecare pagină și în fiecare stare a unei pagini la care poate ajunge un utilizator (inclusiv fiecare mesaj de eroare), în engleză, franceză, germană, greacă și malteză; verificări ale structurii paginilor; parcurgerea principalelor fluxuri doar cu tastatura; afișarea paginilor la o lățime de 320 de pixeli și cu zoom de 200 %.
a11y-prepared-review = Declarația este revizuită ori de câte ori software-ul modifică ceea ce verifică.
a11y-checks-title = Ce verifică testele
a11y-checks-intro = Fiecare rând indică un criteriu de succes WCAG 2.1, modul în care suita de teste îl verifică și testul care face acest lucru.
a11y-checks-caption = Criteriile de succes WCAG 2.1 verificate de suita de teste
a11y-col-criterion = Criteriu de succes
a11y-col-level = Nivel
a11y-col-how = Mod de verificare
a11y-col-test = Test
a11y-checks-not-listed = Criteriile care nu sunt enumerate aici nu sunt verificate automat.
a11y-feedback-title = Feedback și date de contact
a11y-feedback-text = Dacă observați o problemă de accesibilitate în acest serviciu sau dacă aveți nevoie de o parte din conținutul său într-un format accesibil, anunțați operatorul acestuia:
a11y-enforcement-title = Procedura de asigurare a respectării legislației
a11y-enforcement-text = Dacă răspunsul la notificarea sau la cererea dumneavoastră nu vă satisface, vă puteți adresa organismului care asigură respectarea normelor de accesibilitate de către operatorul acestui serviciu:
a11y-enforcement-eu = pentru o instituție, un organ, un oficiu sau o agenție a Uniunii Europene:
a11y-enforcement-ombudsman = Ombudsmanul European
a11y-enforcement-national = pentru un organism din sectorul public al unui stat membru, organismul desemnat de țara sa în temeiul Directivei (UE) 2016/2102:
a11y-enforcement-bodies = organismele de asigurare a respectării legislației, astfel cum sunt enumerate de Comisia Europeană

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core nu găsește nicio încălcare gravă sau critică a regulilor sale pentru acest criteriu, în nicio stare a niciunei pagini, în cinci limbi.
a11y-how-axe-contrast = axe-core măsoară contrastul fiecărui text față de fundalul său: cel puțin 4,5:1, respectiv 3:1 pentru textul mare.
a11y-how-captcha = Testul cu imagine este trecut fără imagine: browserul rezolvă problema de calcul, apoi contul este creat.
a11y-how-landmarks = Fiecare pagină are un antet, o navigare cu nume, o singură regiune principală și un subsol.
a11y-how-fields = Fiecare câmp vizibil are o etichetă asociată; câmpurile obligatorii sunt marcate prin cuvinte, nu doar prin culoare.
a11y-how-app = axe-core nu găsește nicio încălcare gravă sau critică pe niciun ecran al aplicației de autentificare web, nici în modul luminos, nici în modul întunecat.
a11y-how-autocomplete = Câmpurile pentru propria dumneavoastră adresă de e-mail, nume, parole, număr de telefon și coduri de unică folosință indică scopul lor de completare automată.
a11y-how-skip-link = Pe fiecare pagină, primul element la care ajunge tastatura este un link care duce direct la conținutul principal.
a11y-how-title = Fiecare pagină are un titlu propriu: numele paginii, urmat de numele serviciului.
a11y-how-headings = Fiecare pagină are exact un titlu de nivel superior, care o denumește.
a11y-how-lang = Fiecare pagină declară limba în care este afișată.
a11y-how-selector = Lista de limbi denumește fiecare limbă în limba respectivă, marchează textul acesteia cu limba respectivă și indică limba curentă.
a11y-how-consistent = Lista de limbi, linkul către prezenta declarație și meniul contului se află în același loc pe fiecare pagină.
a11y-how-errors = Un mesaj de eroare este asociat câmpului la care se referă, care este marcat ca nevalid; un formular cu mai multe erori le enumeră în partea de sus, fiecare cu un link către câmpul său.
a11y-how-announced = Mesajele de eroare sunt anunțate de cititoarele de ecran imediat ce pagina le afișează (alerte) și pot primi focalizarea.
a11y-how-colour = Pe lângă cuvinte, un mesaj de eroare începe cu un simbol; câmpul cu eroare are un contur mai gros, iar linkurile din text sunt subliniate: nicio informație nu este transmisă doar prin culoare.
a11y-how-zoom = La un zoom de 200 % (o fereastră cu lățimea de 1280 de pixeli), nicio pagină nu necesită derulare pe orizontală și niciun text nu iese din ecran, în engleză, germană, finlandeză și greacă.
a11y-how-reflow = La o lățime de 320 de pixeli CSS, nicio pagină nu necesită derulare pe orizontală și niciun text nu iese din ecran; un tabel lat se derulează în propria casetă, la care ajunge tastatura.
a11y-how-reflow-names = Pagina „Contul meu” se încadrează în lățimea ecranului pentru nume foarte lungi și pentru nume în arabă și în greacă, atât ale persoanelor, cât și ale dispozitivelor lor.
a11y-how-focus-contrast = Indicatorul de focalizare al fiecărui element la care ajunge tastatura are un contrast de cel puțin 3:1 față de ceea ce se află în spatele lui.
a11y-how-spacing = Cu spațierea textului prevăzută de criteriu, aplicată la 320 de pixeli, niciun text nu este tăiat.
a11y-how-keyboard = Fluxul este parcurs doar cu tastatura: înregistrare, conectare cu fiecare tip de dispozitiv, „Contul meu”, PANIC.
a11y-how-trap = Parcurgerea cu tasta Tab a fiecărei pagini principale revine la punctul de plecare: focalizarea nu rămâne niciodată blocată.
a11y-how-focus-order = Din partea de sus a unei pagini, tastatura ajunge mai întâi la linkul de salt, apoi la restul paginii, în ordinea de citire.
a11y-how-focus-visible = Fiecare element la care ajunge tastatura afișează un contur de focalizare cu o lățime de cel puțin 2 pixeli.

## WCAG 2.1 success criteria (no authorized Romanian translation: names translated from the W3C's)
wcag-1-1-1 = Conținut non-text
wcag-1-3-1 = Informații și relații
wcag-1-3-5 = Identificarea scopului datelor introduse
wcag-1-4-1 = Utilizarea culorii
wcag-1-4-3 = Contrast (minim)
wcag-1-4-4 = Redimensionarea textului
wcag-1-4-10 = Rearanjarea conținutului
wcag-1-4-11 = Contrast non-text
wcag-1-4-12 = Spațierea textului
wcag-2-1-1 = Tastatură
wcag-2-1-2 = Fără capcane pentru tastatură
wcag-2-4-1 = Ocolirea blocurilor
wcag-2-4-2 = Titlul paginii
wcag-2-4-3 = Ordinea focalizării
wcag-2-4-4 = Scopul linkului (în context)
wcag-2-4-6 = Titluri și etichete
wcag-2-4-7 = Focalizare vizibilă
wcag-3-1-1 = Limba paginii
wcag-3-1-2 = Limba fragmentelor
wcag-3-2-3 = Navigare consecventă
wcag-3-3-1 = Identificarea erorilor
wcag-3-3-2 = Etichete sau instrucțiuni
wcag-4-1-2 = Nume, rol, valoare
wcag-4-1-3 = Mesaje de stare
