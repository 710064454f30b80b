## Accessibilità (issue 22): ciò che ogni pagina aggiunge, e la dichiarazione di accessibilità (/accessibility).

## Ogni pagina
a11y-skip-to-content = Passare al contenuto principale
a11y-nav-account = Il suo account
a11y-footer-statement = Dichiarazione di accessibilità
a11y-field-required = (obbligatorio)
a11y-new-window = (si apre in una nuova finestra)

## La dichiarazione di accessibilità (direttiva (UE) 2016/2102, modello della decisione di esecuzione (UE) 2018/1523)
a11y-title = Dichiarazione di accessibilità
a11y-intro = Il gestore di { $site } si impegna a renderlo accessibile, conformemente alla direttiva (UE) 2016/2102 del Parlamento europeo e del Consiglio relativa all'accessibilità dei siti web e delle applicazioni mobili degli enti pubblici.
a11y-scope = La presente dichiarazione di accessibilità si applica a { $site }: le pagine di accesso, le pagine di registrazione e della password, «Il mio account», le pagine dell'app mobile e la console di amministrazione, nelle 24 lingue ufficiali dell'Unione europea.
a11y-status-title = Stato di conformità
a11y-status-text = Il presente sito web è parzialmente conforme alle Linee guida per l'accessibilità dei contenuti Web (WCAG) 2.1, livello AA, e alla norma europea armonizzata EN 301 549 v3.2.1, in ragione dei casi di non conformità elencati di seguito.
a11y-gaps-title = Contenuti non accessibili
a11y-gaps-intro = I contenuti di seguito elencati non sono accessibili per le seguenti ragioni.
a11y-gaps-noncompliance = Inosservanza dei requisiti di accessibilità
a11y-gap-captcha = Il test con immagine (CAPTCHA) dei moduli di registrazione e di «Password dimenticata» prevede un'alternativa che non richiede né la vista né l'udito (il browser risolve un problema di calcolo), ma tale alternativa richiede JavaScript. Senza JavaScript, chi non può vedere l'immagine non può inviare questi moduli e deve rivolgersi al servizio di assistenza (WCAG 1.1.1).
a11y-gap-manual = Le pagine non sono ancora state provate da persone che utilizzano lettori di schermo, ingranditori o comandi vocali; le verifiche automatiche indicate di seguito trovano solo una parte dei problemi che una tale prova troverebbe.
a11y-gap-mail = Le e-mail inviate dal servizio non sono verificate dai test automatici.
a11y-outside-title = Contenuti che esulano dall'ambito della presente dichiarazione
a11y-outside-third-party = Le pagine degli altri fornitori di identità con cui può accedere (sistemi di identità elettronica, social network) e le pagine dei servizi a cui accede: non sono né sviluppate né controllate dal gestore di questo servizio.
a11y-outside-browser = Le finestre di dialogo che il suo browser e il suo sistema operativo mostrano per le chiavi di sicurezza e le passkey.
a11y-prepared-title = Redazione della presente dichiarazione di accessibilità
a11y-prepared-date = La presente dichiarazione è stata redatta il { $date }.
a11y-prepared-method = Si basa su un'autovalutazione effettuata dal team di sviluppo di Limen, il software di questo servizio. La suite di test esegue a ogni modifica le verifiche elencate di seguito: axe-core { $axe } nel browser Chromium su ogni pagina e su ogni stato di una pagina che è possibile raggiungere (compreso ogni messaggio di errore), in inglese, francese, tedesco, greco e maltese; verifiche della struttura delle pagine; i percorsi principali completati con la sola tastiera; la visualizzazione delle pagine con una larghezza di 320 pixel e con uno zoom del 200%.
a11y-prepared-review = La dichiarazione viene riesaminata ogni volta che il software cambia ciò che verifica.
a11y-checks-title = Che cosa verificano i test
a11y-checks-intro = Ogni riga indica un criterio di successo delle WCAG 2.1, come la suite di test lo verifica e il test che lo fa.
a11y-checks-caption = Criteri di successo delle WCAG 2.1 verificati dalla suite di test
a11y-col-criterion = Criterio di successo
a11y-col-level = Livello
a11y-col-how = Modalità di verifica
a11y-col-test = Test
a11y-checks-not-listed = I criteri non elencati non sono verificati automaticamente.
a11y-feedback-title = Feedback e recapiti
a11y-feedback-text = Se nota un problema di accessibilità in questo servizio, o se ha bisogno di parte dei suoi contenuti in un formato accessibile, lo segnali al gestore del servizio:
a11y-enforcement-title = Procedura di attuazione
a11y-enforcement-text = Se la risposta alla sua segnalazione o richiesta non la soddisfa, può rivolgersi all'organismo incaricato di vigilare sul rispetto delle norme sull'accessibilità da parte del gestore di questo servizio:
a11y-enforcement-eu = per un'istituzione, un organo o un organismo dell'Unione europea:
a11y-enforcement-ombudsman = il Mediatore europeo
a11y-enforcement-national = per un ente pubblico di uno Stato membro, l'organismo designato da tale Stato a norma della direttiva (UE) 2016/2102:
a11y-enforcement-bodies = gli organismi di controllo, secondo l'elenco della Commissione europea

## Modalità di verifica di ciascun criterio (la tabella della dichiarazione)
a11y-how-axe = axe-core non rileva alcuna violazione grave o critica delle sue regole per questo criterio in nessuno stato di nessuna pagina, in cinque lingue.
a11y-how-axe-contrast = axe-core misura il contrasto di ogni testo con il suo sfondo: almeno 4,5:1, 3:1 per il testo grande.
a11y-how-captcha = Il test con immagine viene superato senza l'immagine: il browser risolve il problema, poi l'account viene creato.
a11y-how-landmarks = Ogni pagina ha un'intestazione (banner), una navigazione con un nome, un'unica area principale e un piè di pagina.
a11y-how-fields = Ogni campo visibile ha un'etichetta a esso collegata; i campi obbligatori sono indicati a parole, non solo con il colore.
a11y-how-app = axe-core non rileva alcuna violazione grave o critica in nessuna schermata dell'app di autenticazione web, in modalità chiara e scura.
a11y-how-autocomplete = I campi del suo indirizzo e-mail, dei suoi nomi, delle password, del numero di telefono e dei codici monouso indicano la loro finalità di compilazione automatica.
a11y-how-skip-link = Il primo elemento raggiunto con la tastiera su ogni pagina è un collegamento che porta direttamente al contenuto principale.
a11y-how-title = Ogni pagina ha un titolo proprio: il nome della pagina, poi il nome del servizio.
a11y-how-headings = Ogni pagina ha esattamente un'intestazione di primo livello che la nomina.
a11y-how-lang = Ogni pagina dichiara la lingua in cui è visualizzata.
a11y-how-selector = L'elenco delle lingue indica ogni lingua in quella stessa lingua, ne contrassegna il testo con quella lingua e segnala la lingua corrente.
a11y-how-consistent = L'elenco delle lingue, il collegamento alla presente dichiarazione e il menu dell'account si trovano nello stesso punto in ogni pagina.
a11y-how-errors = Un messaggio di errore è collegato al campo a cui si riferisce, che è contrassegnato come non valido; un modulo con più errori li elenca in alto, ciascuno con un collegamento al relativo campo.
a11y-how-announced = I messaggi di errore vengono annunciati dai lettori di schermo non appena la pagina li mostra (avvisi) e possono ricevere il focus.
a11y-how-colour = Un messaggio di errore inizia con un simbolo oltre alle parole, il campo con l'errore ha un bordo più spesso e i collegamenti nel testo sono sottolineati: nessuna informazione è trasmessa solo dal colore.
a11y-how-zoom = Con uno zoom del 200% (una finestra larga 1280 pixel), nessuna pagina scorre orizzontalmente e nessun testo esce dallo schermo, in inglese, tedesco, finlandese e greco.
a11y-how-reflow = Con una larghezza di 320 pixel CSS, nessuna pagina scorre orizzontalmente e nessun testo esce dallo schermo; una tabella larga scorre in un proprio riquadro, raggiungibile con la tastiera.
a11y-how-reflow-names = «Il mio account» resta entro la larghezza dello schermo con nomi molto lunghi e con nomi in arabo e in greco, sia delle persone sia dei loro dispositivi.
a11y-how-focus-contrast = L'indicatore del focus di ogni elemento raggiungibile con la tastiera ha un contrasto di almeno 3:1 con ciò che si trova dietro.
a11y-how-spacing = Con la spaziatura del testo prevista dal criterio applicata a 320 pixel, nessun testo viene tagliato.
a11y-how-keyboard = Il percorso viene completato con la sola tastiera: registrazione, accesso con ogni tipo di dispositivo, «Il mio account», PANIC.
a11y-how-trap = Percorrere ogni pagina principale con il tasto Tab riporta al punto di partenza: il focus non resta mai bloccato.
a11y-how-focus-order = Dall'inizio di una pagina, la tastiera raggiunge prima il collegamento per saltare al contenuto, poi la pagina nel suo ordine di lettura.
a11y-how-focus-visible = Ogni elemento raggiungibile con la tastiera mostra un contorno del focus largo almeno 2 pixel.

## Criteri di successo delle WCAG 2.1, come li nomina la traduzione italiana autorizzata del W3C
wcag-1-1-1 = Contenuti non testuali
wcag-1-3-1 = Informazioni e correlazioni
wcag-1-3-5 = Identificare lo scopo degli input
wcag-1-4-1 = Uso del colore
wcag-1-4-3 = Contrasto (minimo)
wcag-1-4-4 = Ridimensionamento del testo
wcag-1-4-10 = Ricalcolo del flusso
wcag-1-4-11 = Contrasto in contenuti non testuali
wcag-1-4-12 = Spaziatura del testo
wcag-2-1-1 = Tastiera
wcag-2-1-2 = Nessun impedimento all'uso della tastiera
wcag-2-4-1 = Salto di blocchi
wcag-2-4-2 = Titolazione della pagina
wcag-2-4-3 = Ordine del focus
wcag-2-4-4 = Scopo del collegamento (nel contesto)
wcag-2-4-6 = Intestazioni ed etichette
wcag-2-4-7 = Focus visibile
wcag-3-1-1 = Lingua della pagina
wcag-3-1-2 = Parti in lingua
wcag-3-2-3 = Navigazione coerente
wcag-3-3-1 = Identificazione di errori
wcag-3-3-2 = Etichette o istruzioni
wcag-4-1-2 = Nome, ruolo, valore
wcag-4-1-3 = Messaggi di stato
