## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Ugrás a fő tartalomra
a11y-nav-account = Az Ön fiókja
a11y-footer-statement = Akadálymentesítési nyilatkozat
a11y-field-required = (kötelező)
a11y-new-window = (új ablakban nyílik meg)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523; headings as in its Hungarian text)
a11y-title = Akadálymentesítési nyilatkozat
a11y-intro = A(z) { $site } webhely üzemeltetője elkötelezett amellett, hogy a webhelyet akadálymentessé tegye a közszférabeli szervezetek honlapjainak és mobilalkalmazásainak akadálymentesítéséről szóló (EU) 2016/2102 európai parlamenti és tanácsi irányelvvel összhangban.
a11y-scope = Ez az akadálymentesítési nyilatkozat a(z) { $site } webhelyre vonatkozik: a bejelentkezési oldalakra, a regisztrációs és a jelszóoldalakra, a Saját fiók oldalra, a mobilalkalmazás oldalaira és az adminisztrációs konzolra, az Európai Unió 24 hivatalos nyelvén.
a11y-status-title = Megfelelőségi státusz
a11y-status-text = Ez a webhely részben megfelel a Web Akadálymentesítési Útmutató (WCAG) 2.1 AA szintjének és az EN 301 549 v3.2.1 harmonizált európai szabványnak az alább felsorolt meg nem felelések miatt.
a11y-gaps-title = Nem akadálymentes tartalom
a11y-gaps-intro = Az alábbiakban felsorolt tartalom a következő okok miatt nem akadálymentes.
a11y-gaps-noncompliance = Az akadálymentesítési követelményeknek való meg nem felelés
a11y-gap-captcha = A regisztrációs és az „Elfelejtett jelszó” űrlap képes ellenőrzésének (CAPTCHA) van olyan alternatívája, amelyhez nincs szükség sem látásra, sem hallásra – a böngésző old meg egy feladványt –, ez az alternatíva azonban JavaScriptet igényel. JavaScript nélkül az, aki nem látja a képet, nem tudja elküldeni ezeket az űrlapokat, és az ügyfélszolgálathoz kell fordulnia (WCAG 1.1.1).
a11y-gap-manual = Az oldalakat még nem tesztelték képernyőolvasót, nagyítóprogramot vagy hangvezérlést használó személyek; az alább felsorolt automatikus ellenőrzések a problémáknak csak egy részét találják meg azok közül, amelyeket egy ilyen teszt feltárna.
a11y-gap-mail = A szolgáltatás által küldött e-maileket az automatikus tesztek nem ellenőrzik.
a11y-outside-title = E nyilatkozat hatályán kívül eső tartalom
a11y-outside-third-party = Más identitásszolgáltatók oldalai, amelyeken keresztül bejelentkezhet (nemzeti eID-rendszerek, közösségi hálózatok), valamint azoknak a szolgáltatásoknak az oldalai, amelyekbe bejelentkezik: ezeket nem e szolgáltatás üzemeltetője fejleszti, és nem is ő felügyeli.
a11y-outside-browser = Azok a párbeszédablakok, amelyeket a böngészője és az operációs rendszere a biztonsági kulcsokhoz és az azonosítókulcsokhoz jelenít meg.
a11y-prepared-title = Az akadálymentesítési nyilatkozat elkészítése
a11y-prepared-date = E nyilatkozat elkészítésének dátuma: { $date }.
a11y-prepared-method = A nyilatkozat a Limennek, e szolgáltatás szoftverének fejlesztői által végzett önértékelésen alapul. A tesztcsomag minden módosításkor lefuttatja az alább felsorolt ellenőrzéseket: axe-core { $axe } a Chromium böngészőben minden oldalon és egy oldal minden olyan állapotában, amelyet a felhasználó elérhet (minden hibaüzenetet is beleértve), angol, francia, német, görög és máltai nyelven; az oldalak szerkezetének ellenőrzése; a fő folyamatok végigvitele kizárólag billentyűzettel; az oldalak elrendezése 320 képpont szélességben és 200%-os nagyításnál.
a11y-prepared-review = A nyilatkozatot minden alkalommal felülvizsgálják, amikor megváltozik, hogy mit ellenőriz a szoftver.
a11y-checks-title = Amit a tesztek ellenőriznek
a11y-checks-intro = Minden sor megnevez egy WCAG 2.1 teljesítési feltételt, azt, hogy a tesztcsomag hogyan ellenőrzi, és azt a tesztet, amely az ellenőrzést végzi.
a11y-checks-caption = A tesztcsomag által ellenőrzött WCAG 2.1 teljesítési feltételek
a11y-col-criterion = Teljesítési feltétel
a11y-col-level = Szint
a11y-col-how = Az ellenőrzés módja
a11y-col-test = Teszt
a11y-checks-not-listed = A fel nem sorolt feltételek ellenőrzése nem automatikus.
a11y-feedback-title = Visszajelzés és elérhetőségek
a11y-feedback-text = Ha akadálymentességi problémát észlel ebben a szolgáltatásban, vagy a tartalom egy részére akadálymentes formában van szüksége, jelezze a szolgáltatás üzemeltetőjének:
a11y-enforcement-title = Végrehajtási eljárás
a11y-enforcement-text = Ha nem elégedett a bejelentésére vagy kérésére adott válasszal, ahhoz a szervhez fordulhat, amely e szolgáltatás üzemeltetőjénél az akadálymentesítési szabályok betartását ellenőrzi:
a11y-enforcement-eu = az Európai Unió valamely intézménye, szerve, hivatala vagy ügynöksége esetében:
a11y-enforcement-ombudsman = az európai ombudsman
a11y-enforcement-national = egy tagállam közszférabeli szervezete esetében az a végrehajtásért felelős szerv, amelyet az adott ország az (EU) 2016/2102 irányelv alapján kijelölt:
a11y-enforcement-bodies = a végrehajtásért felelős szervek az Európai Bizottság jegyzéke szerint

## How each criterion is checked (the table of the statement)
a11y-how-axe = Az axe-core egyetlen oldalállapotban sem talál olyan súlyos vagy kritikus hibát, amely az e feltételre vonatkozó szabályait sérti, öt nyelven.
a11y-how-axe-contrast = Az axe-core minden szöveg kontrasztját megméri a hátteréhez képest: legalább 4,5:1, nagy méretű szövegnél 3:1.
a11y-how-captcha = A képes ellenőrzés a kép nélkül is teljesíthető: a böngésző megoldja a feladványt, majd létrejön a fiók.
a11y-how-landmarks = Minden oldalon van fejléc, elnevezett navigáció, egyetlen fő tartalmi régió és lábléc.
a11y-how-fields = Minden látható mezőhöz hozzá van kapcsolva egy címke; a kötelező mezők szavakkal is meg vannak jelölve, nem csak színnel.
a11y-how-app = Az axe-core a webes hitelesítő alkalmazás egyetlen képernyőjén sem talál súlyos vagy kritikus szabálysértést, sem világos, sem sötét módban.
a11y-how-autocomplete = Az Ön saját e-mail-címét, nevét, jelszavait, telefonszámát és az egyszer használatos kódokat kérő mezők megadják automatikus kitöltési céljukat.
a11y-how-skip-link = Minden oldalon a billentyűzettel elsőként elért elem egy hivatkozás, amely a fő tartalomra ugrik.
a11y-how-title = Minden oldalnak saját címe van: az oldal neve, majd a szolgáltatás neve.
a11y-how-headings = Minden oldalon pontosan egy, az oldalt megnevező legfelső szintű címsor van.
a11y-how-lang = Minden oldal megjelöli azt a nyelvet, amelyen megjelenik.
a11y-how-selector = A nyelvválasztó lista minden nyelvet a saját nyelvén nevez meg, a nevét az adott nyelvvel jelöli, és megjelöli az aktuális nyelvet.
a11y-how-consistent = A nyelvválasztó lista, az erre a nyilatkozatra mutató hivatkozás és a fiókmenü minden oldalon ugyanott található.
a11y-how-errors = A hibaüzenet ahhoz a mezőhöz van kapcsolva, amelyre vonatkozik, és a mező érvénytelenként van megjelölve; ha egy űrlapon több hiba van, az űrlap a tetején felsorolja őket, mindegyiket a saját mezőjére mutató hivatkozással.
a11y-how-announced = A képernyőolvasók a hibaüzeneteket azonnal bemondják, amint az oldal megjeleníti őket (riasztások), és a hibaüzenetek megkaphatják a fókuszt.
a11y-how-colour = A hibaüzenet a szavak mellett egy jellel is kezdődik, a hibás mező kerete vastagabb, a szövegben lévő hivatkozások pedig alá vannak húzva: semmit sem kizárólag a szín jelez.
a11y-how-zoom = 200%-os nagyításnál (1280 képpont széles ablakban) egyik oldal sem görget vízszintesen, és egyetlen szöveg sem lóg ki a képernyőről angol, német, finn és görög nyelven.
a11y-how-reflow = 320 CSS-képpont szélességnél egyik oldal sem görget vízszintesen, és egyetlen szöveg sem lóg ki a képernyőről; a széles táblázat a saját keretében görgethető, amelyet a billentyűzet is elér.
a11y-how-reflow-names = A Saját fiók oldal nagyon hosszú nevek, valamint arab és görög nevek esetén is a képernyő szélességén belül marad, akár személyek, akár eszközeik nevéről van szó.
a11y-how-focus-contrast = Minden billentyűzettel elérhető elem fókuszjelzőjének kontrasztja a mögötte lévő háttérrel legalább 3:1.
a11y-how-spacing = A feltételben meghatározott szövegtávolságokat 320 képpont szélességnél alkalmazva egyetlen szöveg sem vágódik le.
a11y-how-keyboard = A folyamat kizárólag billentyűzettel végigvihető: regisztráció, bejelentkezés minden eszköztípussal, Saját fiók, PANIC.
a11y-how-trap = Ha a Tab billentyűvel végighalad bármelyik fő oldalon, a fókusz visszatér a kiindulópontjára: soha nem kerül csapdába.
a11y-how-focus-order = Az oldal tetejéről a billentyűzet először az átugró hivatkozást éri el, majd az oldal tartalmát olvasási sorrendben.
a11y-how-focus-visible = Minden billentyűzettel elérhető elem legalább 2 képpont széles fókuszkeretet jelenít meg.

## WCAG 2.1 success criteria (no W3C authorized Hungarian translation of 2.1; the terms of the W3C Hungarian Office's translations)
wcag-1-1-1 = Nem szöveges tartalom
wcag-1-3-1 = Információ és kapcsolatok
wcag-1-3-5 = A bevitel céljának azonosítása
wcag-1-4-1 = Színhasználat
wcag-1-4-3 = Kontraszt (minimum)
wcag-1-4-4 = Szöveg átméretezése
wcag-1-4-10 = Újratördelés
wcag-1-4-11 = Nem szöveges kontraszt
wcag-1-4-12 = Szövegtávolság
wcag-2-1-1 = Billentyűzet
wcag-2-1-2 = Nincs billentyűzetcsapda
wcag-2-4-1 = Blokkok megkerülése
wcag-2-4-2 = Oldalcím
wcag-2-4-3 = Fókuszsorrend
wcag-2-4-4 = Hivatkozás célja (szövegkörnyezetben)
wcag-2-4-6 = Címsorok és címkék
wcag-2-4-7 = Látható fókusz
wcag-3-1-1 = Az oldal nyelve
wcag-3-1-2 = A részek nyelve
wcag-3-2-3 = Következetes navigáció
wcag-3-3-1 = Hibák azonosítása
wcag-3-3-2 = Címkék vagy utasítások
wcag-4-1-2 = Név, szerep, érték
wcag-4-1-3 = Állapotüzenetek
