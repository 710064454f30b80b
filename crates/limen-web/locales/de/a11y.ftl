## Barrierefreiheit (Issue 22): was jede Seite ergänzt, und die Erklärung zur Barrierefreiheit (/accessibility).

## Jede Seite
a11y-skip-to-content = Zum Hauptinhalt springen
a11y-nav-account = Ihr Konto
a11y-footer-statement = Erklärung zur Barrierefreiheit
a11y-field-required = (Pflichtfeld)
a11y-new-window = (öffnet sich in einem neuen Fenster)

## Die Erklärung zur Barrierefreiheit (Richtlinie (EU) 2016/2102, Muster des Durchführungsbeschlusses (EU) 2018/1523)
a11y-title = Erklärung zur Barrierefreiheit
a11y-intro = Der Betreiber von { $site } ist bemüht, dieses Angebot im Einklang mit der Richtlinie (EU) 2016/2102 des Europäischen Parlaments und des Rates über den barrierefreien Zugang zu den Websites und mobilen Anwendungen öffentlicher Stellen barrierefrei zugänglich zu machen.
a11y-scope = Diese Erklärung zur Barrierefreiheit gilt für { $site }: die Anmeldeseiten, die Seiten zur Registrierung und zum Passwort, „Mein Konto“, die Seiten der mobilen App und die Administrationskonsole, in den 24 Amtssprachen der Europäischen Union.
a11y-status-title = Stand der Vereinbarkeit mit den Anforderungen
a11y-status-text = Diese Website ist wegen der nachstehend aufgeführten Unvereinbarkeiten teilweise mit den Richtlinien für barrierefreie Webinhalte (WCAG) 2.1, Stufe AA, und mit der harmonisierten europäischen Norm EN 301 549 v3.2.1 vereinbar.
a11y-gaps-title = Nicht barrierefreie Inhalte
a11y-gaps-intro = Die nachstehend aufgeführten Inhalte sind aus folgenden Gründen nicht barrierefrei.
a11y-gaps-noncompliance = Unvereinbarkeit mit den Barrierefreiheitsanforderungen
a11y-gap-captcha = Der Bildtest (CAPTCHA) der Formulare zur Registrierung und „Passwort vergessen“ hat eine Alternative, die weder Sehen noch Hören erfordert – der Browser löst eine Rechenaufgabe –, doch diese Alternative erfordert JavaScript. Ohne JavaScript kann eine Person, die das Bild nicht sehen kann, diese Formulare nicht absenden und muss sich an den Helpdesk wenden (WCAG 1.1.1).
a11y-gap-manual = Die Seiten wurden noch nicht von Personen getestet, die Screenreader, Bildschirmlupen oder Sprachsteuerung verwenden; die nachstehenden automatischen Prüfungen finden nur einen Teil der Probleme, die ein solcher Test finden würde.
a11y-gap-mail = Die E-Mails, die der Dienst versendet, werden von den automatischen Tests nicht geprüft.
a11y-outside-title = Inhalte außerhalb des Geltungsbereichs dieser Erklärung
a11y-outside-third-party = Die Seiten anderer Identitätsanbieter, mit denen Sie sich anmelden können (eID-Systeme, soziale Netzwerke), und die Seiten der Dienste, bei denen Sie sich anmelden: Diese Seiten werden vom Betreiber dieses Dienstes weder entwickelt noch kontrolliert.
a11y-outside-browser = Die Dialogfenster, die Ihr Browser und Ihr Betriebssystem für Sicherheitsschlüssel und Passkeys anzeigen.
a11y-prepared-title = Erstellung dieser Erklärung zur Barrierefreiheit
a11y-prepared-date = Diese Erklärung wurde am { $date } erstellt.
a11y-prepared-method = Die Erklärung beruht auf einer Selbstbewertung durch die Entwickler von Limen, der Software dieses Dienstes. Die Testsuite führt bei jeder Änderung die nachstehend aufgeführten Prüfungen aus: axe-core { $axe } im Browser Chromium auf jeder Seite und in jedem Zustand einer Seite, den ein Nutzer erreichen kann (jede Fehlermeldung eingeschlossen), auf Englisch, Französisch, Deutsch, Griechisch und Maltesisch; Prüfungen der Struktur der Seiten; die wichtigsten Abläufe allein mit der Tastatur durchlaufen; die Darstellung der Seiten bei 320 Pixel Breite und bei 200 % Zoom.
a11y-prepared-review = Die Erklärung wird überprüft, sobald die Software ändert, was sie prüft.
a11y-checks-title = Was die Tests prüfen
a11y-checks-intro = Jede Zeile nennt ein Erfolgskriterium der WCAG 2.1, wie die Testsuite es prüft und welcher Test das tut.
a11y-checks-caption = Von der Testsuite geprüfte Erfolgskriterien der WCAG 2.1
a11y-col-criterion = Erfolgskriterium
a11y-col-level = Stufe
a11y-col-how = Art der Prüfung
a11y-col-test = Test
a11y-checks-not-listed = Die nicht aufgeführten Kriterien werden nicht automatisch geprüft.
a11y-feedback-title = Feedback und Kontaktangaben
a11y-feedback-text = Wenn Ihnen ein Problem mit der Barrierefreiheit dieses Dienstes auffällt oder Sie Inhalte in einem barrierefreien Format benötigen, wenden Sie sich an seinen Betreiber:
a11y-enforcement-title = Durchsetzungsverfahren
a11y-enforcement-text = Wenn Sie mit der Antwort auf Ihre Mitteilung oder Anfrage nicht zufrieden sind, können Sie sich an die Stelle wenden, die die Einhaltung der Barrierefreiheitsvorschriften durch den Betreiber dieses Dienstes durchsetzt:
a11y-enforcement-eu = für ein Organ, eine Einrichtung oder eine sonstige Stelle der Europäischen Union:
a11y-enforcement-ombudsman = die Europäische Bürgerbeauftragte
a11y-enforcement-national = für eine öffentliche Stelle eines Mitgliedstaats, die Durchsetzungsstelle, die ihr Land gemäß der Richtlinie (EU) 2016/2102 benannt hat:
a11y-enforcement-bodies = die Durchsetzungsstellen, wie die Europäische Kommission sie auflistet

## Wie jedes Kriterium geprüft wird (die Tabelle der Erklärung)
a11y-how-axe = axe-core findet für dieses Kriterium in keinem Seitenzustand einen schwerwiegenden oder kritischen Verstoß gegen seine Regeln, in fünf Sprachen.
a11y-how-axe-contrast = axe-core misst den Kontrast jedes Textes zu seinem Hintergrund: mindestens 4,5:1, 3:1 bei großem Text.
a11y-how-captcha = Der Bildtest wird ohne das Bild bestanden: Der Browser löst die Rechenaufgabe, dann wird das Konto erstellt.
a11y-how-landmarks = Jede Seite hat einen Kopfbereich, eine benannte Navigation, genau einen Hauptbereich und eine Fußzeile.
a11y-how-fields = Jedes sichtbare Feld hat eine damit verknüpfte Beschriftung; Pflichtfelder sind in Worten gekennzeichnet, nicht nur durch Farbe.
a11y-how-app = axe-core findet auf keinem Bildschirm der Authenticator-Web-App einen schwerwiegenden oder kritischen Verstoß, im hellen und im dunklen Modus.
a11y-how-autocomplete = Die Felder für Ihre eigene E-Mail-Adresse, Ihre Namen, Ihre Passwörter, Ihre Telefonnummer und für Einmalcodes geben ihren Zweck für die automatische Vervollständigung an.
a11y-how-skip-link = Das erste Element, das die Tastatur auf jeder Seite erreicht, ist ein Link, der zum Hauptinhalt springt.
a11y-how-title = Jede Seite hat einen eigenen Titel: den Namen der Seite, dann den Namen des Dienstes.
a11y-how-headings = Jede Seite hat genau eine Überschrift der obersten Ebene, die sie benennt.
a11y-how-lang = Jede Seite gibt die Sprache an, in der sie angezeigt wird.
a11y-how-selector = Die Sprachliste nennt jede Sprache in dieser Sprache, kennzeichnet ihren Text mit dieser Sprache und markiert die aktuelle Sprache.
a11y-how-consistent = Die Sprachliste, der Link zu dieser Erklärung und das Kontomenü befinden sich auf jeder Seite an derselben Stelle.
a11y-how-errors = Eine Fehlermeldung ist mit dem Feld verknüpft, das sie betrifft und das als ungültig gekennzeichnet ist; ein Formular mit mehreren Fehlern listet sie oben auf, jeden mit einem Link zu seinem Feld.
a11y-how-announced = Fehlermeldungen werden von Screenreadern angesagt, sobald die Seite sie anzeigt (Warnmeldungen), und können den Fokus erhalten.
a11y-how-colour = Eine Fehlermeldung beginnt zusätzlich zu ihren Worten mit einem Symbol, das fehlerhafte Feld hat einen dickeren Rand, und Links im Text sind unterstrichen: Nichts wird allein durch Farbe vermittelt.
a11y-how-zoom = Bei 200 % Zoom (ein Fenster von 1280 Pixel Breite) scrollt keine Seite horizontal und kein Text verlässt den Bildschirm, auf Englisch, Deutsch, Finnisch und Griechisch.
a11y-how-reflow = Bei 320 CSS-Pixel Breite scrollt keine Seite horizontal und kein Text verlässt den Bildschirm; eine breite Tabelle scrollt in einem eigenen Bereich, den die Tastatur erreicht.
a11y-how-reflow-names = „Mein Konto“ bleibt bei sehr langen Namen und bei Namen auf Arabisch und Griechisch innerhalb der Bildschirmbreite, bei Namen von Personen wie von ihren Geräten.
a11y-how-focus-contrast = Die Fokusanzeige jedes Elements, das die Tastatur erreicht, hat einen Kontrast von mindestens 3:1 zu dem, was dahinter liegt.
a11y-how-spacing = Mit den Textabständen des Kriteriums bei 320 Pixel Breite wird kein Text abgeschnitten.
a11y-how-keyboard = Der Ablauf wird allein mit der Tastatur durchlaufen: Registrierung, Anmeldung mit jeder Art von Gerät, „Mein Konto“, PANIC.
a11y-how-trap = Das Durchlaufen jeder Hauptseite mit der Tabulatortaste führt zum Ausgangspunkt zurück: Der Fokus wird nie gefangen.
a11y-how-focus-order = Vom Anfang einer Seite aus erreicht die Tastatur zuerst den Sprunglink, dann die Seite in ihrer Lesereihenfolge.
a11y-how-focus-visible = Jedes Element, das die Tastatur erreicht, zeigt einen Fokusrahmen von mindestens 2 Pixel Breite.

## Erfolgskriterien der WCAG 2.1 (WCAG 2.0: autorisierte deutsche Übersetzung; neu in 2.1: Übersetzung von Aktion Mensch)
wcag-1-1-1 = Nicht-Text-Inhalt
wcag-1-3-1 = Info und Beziehungen
wcag-1-3-5 = Eingabezweck bestimmen
wcag-1-4-1 = Benutzung von Farbe
wcag-1-4-3 = Kontrast (Minimum)
wcag-1-4-4 = Textgröße ändern
wcag-1-4-10 = Umfluss
wcag-1-4-11 = Nicht-Text-Kontrast
wcag-1-4-12 = Textabstand
wcag-2-1-1 = Tastatur
wcag-2-1-2 = Keine Tastaturfalle
wcag-2-4-1 = Blöcke umgehen
wcag-2-4-2 = Seite mit Titel
wcag-2-4-3 = Fokus-Reihenfolge
wcag-2-4-4 = Linkzweck (im Kontext)
wcag-2-4-6 = Überschriften und Beschriftungen
wcag-2-4-7 = Fokus sichtbar
wcag-3-1-1 = Sprache der Seite
wcag-3-1-2 = Sprache von Teilen
wcag-3-2-3 = Konsistente Navigation
wcag-3-3-1 = Fehlererkennung
wcag-3-3-2 = Beschriftungen oder Anweisungen
wcag-4-1-2 = Name, Rolle, Wert
wcag-4-1-3 = Statusmeldungen
