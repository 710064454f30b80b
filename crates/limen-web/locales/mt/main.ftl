app-tagline = Kont wieħed, ħafna servizzi
language-label = Lingwa
nav-my-account = Il-kont tiegħi
nav-logout = Oħroġ
nav-signed-in-as = Dħalt bħala { $name }

login-title = Idħol biex tkompli
login-email-label = Uża l-indirizz tal-email tiegħek
login-next = Li jmiss
login-welcome = Merħba
login-external = (Estern)
login-switch-account = Trid tidħol b'indirizz tal-email ieħor?
login-password-label = Password
login-lost-password = Insejt il-password?
login-method-label = Metodu ta' verifika
login-submit = Idħol
requested-by = Mitlub minn { $service }
method-PASSWORD = Password
method-PASSWORD-desc = Awtentika ruħek bil-password tiegħek biss.

error-email-empty = Jekk jogħġbok daħħal l-indirizz tal-email tiegħek.
error-email-invalid = Dan mhuwiex indirizz tal-email validu. Iċċekkjah u erġa' pprova.
error-email-character = Dan l-indirizz fih karattru inviżibbli jew mhux tas-soltu ({ $codepoint }), bħal marka tad-direzzjoni jew spazju ta' wisa' żero, li spiss jidħol meta tikkopja u twaħħal. Erġa' ikteb l-indirizz.
error-password-empty = Jekk jogħġbok daħħal il-password tiegħek.
error-credentials = L-indirizz tal-email jew il-password mhumiex korretti.
error-method-unavailable = Dan il-metodu ta' verifika mhuwiex disponibbli hawn. Agħżel ieħor.
error-throttled = { $minutes ->
    [one] Saru wisq tentattivi li fallew. Erġa' pprova wara minuta (fil-ħin { $time } UTC).
    [two] Saru wisq tentattivi li fallew. Erġa' pprova wara żewġ minuti (fil-ħin { $time } UTC).
    [few] Saru wisq tentattivi li fallew. Erġa' pprova wara { $minutes } minuti (fil-ħin { $time } UTC).
    [many] Saru wisq tentattivi li fallew. Erġa' pprova wara { $minutes }-il minuta (fil-ħin { $time } UTC).
   *[other] Saru wisq tentattivi li fallew. Erġa' pprova wara { $minutes } minuta (fil-ħin { $time } UTC).
}
error-account-locked = Dan il-kont huwa bblokkat. Ikkuntattja lis-servizz ta' għajnuna tiegħek biex jiżblokkah.
error-csrf = Din il-formola skadiet jew intbagħtet minn sit ieħor. Jekk jogħġbok erġa' pprova.
error-no-method = L-ebda wieħed mill-metodi ta' verifika aċċettati minn { $service } mhu disponibbli għall-kont tiegħek.
error-insufficient-assurance = { $service } jeħtieġ kont b'livell ta' assigurazzjoni tal-identità ogħla minn tiegħek.
error-bad-request = It-talba mhijiex valida.
error-internal = Seħħ żball intern. Jekk jogħġbok erġa' pprova aktar tard.
error-not-found = Din il-paġna ma teżistix.
error-page-title = Xi ħaġa marret ħażin
unavailable-title = Mhux disponibbli temporanjament
unavailable-text = Is-servizz ma jistax iwieġeb bħalissa. Jekk jogħġbok erġa' pprova wara ftit sekondi.
busy-title = Wisq tentattivi ta' dħul fl-istess ħin
busy-text = Is-servizz huwa okkupat ħafna bħalissa. Jekk jogħġbok erġa' pprova wara ftit sekondi.
back-to-login = Lura għall-paġna tad-dħul

unknown-service-title = Servizz mhux magħruf
unknown-service-text = L-applikazzjoni li bagħtitek hawn mhijiex irreġistrata ma' dan is-servizz tad-dħul, għalhekk ma ntbgħattx lura lejha. Dan jipproteġik minn siti li jippretendu li huma servizz li tafda.
unknown-service-hint = Jekk segwejt link minn servizz magħruf, għid lis-servizz ta' għajnuna tiegħu li l-indirizz tiegħu mhuwiex irreġistrat.
login-request-gone-title = Link tad-dħul mhux validu
login-request-gone-text = Dan il-link tad-dħul mhuwiex magħruf, skada jew diġà ntuża, għalhekk ma jistax jintuża biex tidħol.
login-request-gone-hint = Mur lura għall-applikazzjoni u erġa' ibda d-dħul minn hemm.

login-success-title = L-awtentikazzjoni rnexxiet
login-success-text = Dħalt.
login-success-hint = Biex ma tibqax tidħol awtomatikament, ikklikkja “Oħroġ” jew agħlaq kull tieqa tal-brawżer tiegħek.
continue-title = Kompli lejn is-servizz
continue-text = Il-brawżer tiegħek ma kompliex awtomatikament. Agħfas il-buttuna biex tkompli lejn { $service }.
continue-button = Kompli

logout-title = Ħruġ
logout-text = Ħriġt.
logout-services = { $count ->
    [0] L-ebda servizz ma kien miftuħ f'din is-sessjoni.
    [one] Is-servizz li użajt ġie infurmat li ħriġt.
    [two] Iż-żewġ servizzi li użajt ġew infurmati li ħriġt.
    [few] { $count } servizzi li użajt ġew infurmati li ħriġt.
    [many] { $count }-il servizz li użajt ġew infurmati li ħriġt.
   *[other] { $count } servizz li użajt ġew infurmati li ħriġt.
}
logout-close-browser = Għas-sigurtà tiegħek, agħlaq il-brawżer meta tispiċċa.

lost-password-title = Password mitlufa

account-title = Il-kont tiegħi
account-sessions = Ara s-sessjonijiet tiegħi
account-sessions-desc = Tista' tara s-sessjonijiet miftuħa tiegħek u ttemmhom.
account-groups = Il-gruppi tiegħek
account-groups-intro = Xi servizzi jiġu infurmati f'liema minn dawn il-gruppi tinsab. Is-servizz ta' għajnuna tiegħek jiġġestixxihom.
account-groups-none = Ma tinsab f'ebda grupp.

sessions-title = Is-sessjonijiet tiegħi
sessions-intro = Dawn huma l-brawżers fejn int dħalt. Temm kull sessjoni li ma tagħrafx.
sessions-current = Dan il-brawżer
sessions-started = Ħin tad-dħul
sessions-last-seen = L-aħħar attività
sessions-address = Indirizz
sessions-browser = Brawżer
sessions-methods = Ivverifikat permezz ta'
sessions-services = Servizzi
sessions-no-services = għad xejn
sessions-end = Temm din is-sessjoni
sessions-ended = Is-sessjoni ntemmet.

demo-title = Servizz ta' dimostrazzjoni
demo-intro = Din il-paġna hija servizz protett minn dan is-server tad-dħul, kif tkun kull applikazzjoni tal-organizzazzjoni tiegħek. Irċeviet biljett CAS, ivvalidatu, u kisbet l-attributi ta' hawn taħt.
demo-user = Isem l-utent
demo-attributes = Attributi riċevuti
demo-attribute = Attribut
demo-value = Valur
demo-logout = Oħroġ (ħruġ uniku)
demo-signed-out = Ma dħaltx fis-servizz ta' dimostrazzjoni.
demo-sign-in = Idħol fis-servizz ta' dimostrazzjoni
demo-ticket-invalid = Il-biljett ma setax jiġi vvalidat: { $reason }

login-create-account = Oħloq kont
back = Lura
proceed = Kompli
cancel = Ikkanċella
form-has-errors = Jekk jogħġbok ikkoreġi dan li ġej:
field-first-name = Isem
field-last-name = Kunjom
field-optional = (mhux obbligatorju)
field-email = Email
field-email-confirm = Ikkonferma l-email
field-email-language = Lingwa tal-emails
field-email-language-help = Il-lingwa tal-emails li nibagħtulek, tkun xi tkun il-lingwa ta' dawn il-paġni. Nibagħtu emails biss biex niċċekkjaw l-identità tiegħek jew biex ninfurmawk dwar avvenimenti ta' sigurtà fil-kont tiegħek.
field-ui-language = Lingwa ta' dawn il-paġni
field-ui-language-browser = Kif jitlob il-brawżer tiegħi
field-current-password = Password attwali
field-new-password = Password ġdida
field-confirm-password = Ikkonferma l-password il-ġdida
field-new-email = Indirizz tal-email ġdid

register-title = Oħloq kont
register-staff-note = Il-membri tal-persunal tal-organizzazzjonijiet li jużaw dan is-servizz diġà għandhom kont: minflok, idħol bl-indirizz tal-email tax-xogħol tiegħek.
register-privacy-link = Dikjarazzjoni ta' privatezza
register-privacy-accept = Qrajt id-dikjarazzjoni ta' privatezza u naċċettaha.
register-submit = Oħloq kont
register-have-account = Diġà għandek kont? Idħol
register-closed = Mhuwiex possibbli li toħloq kont fuq dan is-server. Staqsi lis-servizz ta' għajnuna tiegħek.
register-sent-title = Iċċekkja l-kaxxa tal-posta tiegħek
register-sent-text = Intbagħtet email lil { $email }. Segwi l-link li fiha biex toħloq il-password tiegħek.
register-sent-validity = Il-link huwa validu għal { $validity }.
register-sent-spam = Jekk l-email ma tasalx fi ftit minuti, ħares fil-folder tal-posta mhux mixtieqa.

captcha-legend = Uri li int persuna
captcha-image-alt = Stampa ta' ittri u ċifri li trid tikteb fil-qasam ta' hawn taħt. Jekk ma tistax taqraha, uża l-verifika taħt il-qasam minflok.
captcha-new = Kodiċi ġdid
captcha-label = Daħħal il-kodiċi li jidher fl-istampa
captcha-pow-intro = Ma tistax taqra l-istampa? Ħalli lill-brawżer tiegħek jagħmel il-verifika minflok: tieħu ftit sekondi u ma teħtieġx li taqra jew tisma'.
captcha-pow-button = Ivverifika bil-brawżer tiegħi minflok
captcha-pow-working = Qed jiġi vverifikat…
captcha-pow-done = Lest: m'għandekx bżonn tikteb il-kodiċi.
captcha-pow-nojs = Din il-verifika teħtieġ JavaScript; minflok, ikteb il-kodiċi mill-istampa.

error-name-too-long = Dan l-isem twil wisq (mhux aktar minn 100 karattru).
error-name-characters = Dan l-isem fih karattri li mhumiex permessi: uża ittri ta' kwalunkwe alfabett, spazji, sing, appostrofi u punti.
error-first-name-required = Jekk jogħġbok daħħal ismek.
error-last-name-required = Jekk jogħġbok daħħal kunjomok.
error-email-confirm-empty = Jekk jogħġbok erġa' ikteb l-indirizz tal-email tiegħek.
error-email-mismatch = Iż-żewġ indirizzi tal-email mhumiex l-istess.
error-email-same = Dan diġà huwa l-indirizz tal-email tiegħek.
error-email-taken = L-indirizz { $email } diġà qed jintuża minn kont ieħor.
error-captcha = Il-kodiċi mhuwiex korrett. Ikteb il-kodiċi tal-istampa l-ġdida, jew uża l-verifika bil-brawżer.
error-captcha-expired = Il-kodiċi skada. Ikteb il-kodiċi tal-istampa l-ġdida, jew uża l-verifika bil-brawżer.
error-captcha-used = Dan il-kodiċi diġà ntuża. Ikteb il-kodiċi tal-istampa l-ġdida, jew uża l-verifika bil-brawżer.
error-captcha-invalid = Il-kodiċi ma setax jiġi vverifikat (il-paġna setgħet inbidlet). Ikteb il-kodiċi tal-istampa l-ġdida, jew uża l-verifika bil-brawżer.
error-privacy = Jekk jogħġbok aċċetta d-dikjarazzjoni ta' privatezza biex toħloq kont.
error-too-many-requests = Saru wisq talbiet għal dan l-indirizz jew min-netwerk tiegħek. Jekk jogħġbok erġa' pprova wara siegħa.
error-new-password-empty = Jekk jogħġbok agħżel password ġdida.
error-confirm-password-empty = Jekk jogħġbok erġa' ikteb il-password il-ġdida.
error-password-mismatch = Iż-żewġ passwords mhumiex l-istess.
error-password-wrong = Il-password mhijiex korretta.
error-too-many-attempts = Saru wisq tentattivi li fallew. Jekk jogħġbok stenna ftit u erġa' pprova.

password-policy-intro = Il-password tiegħek trid ikun fiha mill-inqas 10 karattri u kombinazzjoni ta':
password-policy-upper = ittri kbar,
password-policy-lower = ittri żgħar,
password-policy-digits = ċifri,
password-policy-special = karattri speċjali.
password-policy-advice = Agħżel password twila u kumplessa kemm jista' jkun biex il-kont tiegħek ikun aktar sigur, iżda ftakar li jkollok bżonn tiftakarha.
password-problem-too-short = Fiha inqas minn 10 karattri.
password-problem-too-long = Hija twila wisq.
password-problem-no-upper = M'fihiex ittra kbira.
password-problem-no-lower = M'fihiex ittra żgħira.
password-problem-no-digit = M'fihiex ċifra.
password-problem-no-special = M'fihiex karattru speċjali.
password-problem-common = Hija komuni wisq: tkun fost l-ewwel tentattivi ta' attakkant.
password-problem-personal-data = Fiha l-indirizz tal-email jew l-isem tiegħek.
password-problem-control-characters = Fiha karattri ta' kontroll inviżibbli.
password-strength = Saħħa: { $label }
password-strength-0 = dgħajfa ħafna
password-strength-1 = dgħajfa
password-strength-2 = medja
password-strength-3 = tajba
password-strength-4 = b'saħħitha
zx-w-StraightRowsOfKeysAreEasyToGuess = Ringieli dritti ta' tasti huma faċli biex jiġu indovinati.
zx-w-ShortKeyboardPatternsAreEasyToGuess = Mudelli qosra fuq it-tastiera huma faċli biex jiġu indovinati.
zx-w-RepeatsLikeAaaAreEasyToGuess = Ripetizzjonijiet bħal “aaa” huma faċli biex jiġu indovinati.
zx-w-RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess = Ripetizzjonijiet bħal “abcabcabc” huma ftit biss aktar diffiċli biex jiġu indovinati minn “abc”.
zx-w-ThisIsATop10Password = Din hija waħda mill-10 passwords l-aktar komuni.
zx-w-ThisIsATop100Password = Din hija waħda mill-100 password l-aktar komuni.
zx-w-ThisIsACommonPassword = Din hija password komuni ħafna.
zx-w-ThisIsSimilarToACommonlyUsedPassword = Din tixbah password li tintuża ħafna.
zx-w-SequencesLikeAbcAreEasyToGuess = Sekwenzi bħal abc jew 6543 huma faċli biex jiġu indovinati.
zx-w-RecentYearsAreEasyToGuess = Is-snin riċenti huma faċli biex jiġu indovinati.
zx-w-AWordByItselfIsEasyToGuess = Kelma waħedha hija faċli biex tiġi indovinata.
zx-w-DatesAreOftenEasyToGuess = Id-dati spiss huma faċli biex jiġu indovinati.
zx-w-NamesAndSurnamesByThemselvesAreEasyToGuess = Ismijiet u kunjomijiet waħedhom huma faċli biex jiġu indovinati.
zx-w-CommonNamesAndSurnamesAreEasyToGuess = Ismijiet u kunjomijiet komuni huma faċli biex jiġu indovinati.
zx-s-UseAFewWordsAvoidCommonPhrases = Uża ftit kliem, evita frażijiet komuni.
zx-s-NoNeedForSymbolsDigitsOrUppercaseLetters = It-tul jgħodd aktar mis-simboli, iċ-ċifri jew l-ittri kbar.
zx-s-AddAnotherWordOrTwo = Żid kelma jew tnejn oħra. Kliem mhux komuni huwa aħjar.
zx-s-CapitalizationDoesntHelpVeryMuch = L-ittri kbar ma jgħinux wisq.
zx-s-AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase = Kollox b'ittri kbar huwa kważi faċli daqs kollox b'ittri żgħar biex jiġi indovinat.
zx-s-ReversedWordsArentMuchHarderToGuess = Kliem miktub bil-maqlub mhuwiex ħafna aktar diffiċli biex jiġi indovinat.
zx-s-PredictableSubstitutionsDontHelpVeryMuch = Sostituzzjonijiet prevedibbli bħal “@” minflok “a” ma jgħinux wisq.
zx-s-UseALongerKeyboardPatternWithMoreTurns = Uża mudell itwal fuq it-tastiera, b'aktar bidliet fid-direzzjoni.
zx-s-AvoidRepeatedWordsAndCharacters = Evita kliem u karattri ripetuti.
zx-s-AvoidSequences = Evita s-sekwenzi.
zx-s-AvoidRecentYears = Evita s-snin riċenti.
zx-s-AvoidYearsThatAreAssociatedWithYou = Evita snin li huma assoċjati miegħek.
zx-s-AvoidDatesAndYearsThatAreAssociatedWithYou = Evita dati u snin li huma assoċjati miegħek.

password-new-title = Oħloq il-password tiegħek
password-new-intro = Agħżel password u iktibha darbtejn, biex tiżgura li ma żbaljajtx meta ktibtha.
password-reset-title = Agħżel password ġdida
password-reset-intro = Agħżel password ġdida u iktibha darbtejn. Meta tiġi salvata, kull sessjoni tal-kont tiegħek tintemm.
password-expired-title = Il-password tiegħek skadiet
password-expired-intro = Il-password tiegħek hija qadima wisq. Agħżel waħda ġdida u iktibha darbtejn biex tkompli.
password-submit = Issottometti
password-change-title = Ibdel il-password tiegħi
password-change-submit = Ibdel il-password tiegħi
password-done-title = Il-password tiegħek ġiet salvata
password-done-text = Issa dħalt.
password-done-proceed = Ikklikkja “Kompli” biex tmur għal { $service }.
password-changed-title = Il-password inbidlet
password-changed-text = Il-password tiegħek inbidlet. Se tirċievi email ta' konferma.
password-changed-sessions = { $count ->
    [one] Is-sessjoni l-oħra tiegħek intemmet.
    [two] Iż-żewġ sessjonijiet l-oħra tiegħek intemmu.
    [few] { $count } sessjonijiet oħra tiegħek intemmu.
    [many] { $count }-il sessjoni oħra tiegħek intemmu.
   *[other] { $count } sessjoni oħra tiegħek intemmu.
}

link-invalid-title = Dan il-link ma jistax jintuża
link-invalid-text = Dan il-link mhuwiex validu. Iċċekkja li kkupjajt l-indirizz kollu mill-email, jew itlob link ġdid.
link-used-text = Dan il-link diġà ntuża. Kull link jaħdem darba biss; itlob wieħed ġdid jekk għandek bżonnu.
link-expired-login = Din il-paġna skadiet. Erġa' idħol biex tagħżel il-password il-ġdida tiegħek.
link-email-expired = Dan il-link skada. Erġa' itlob il-bidla tal-indirizz tal-email tiegħek minn “Il-kont tiegħi”.
link-expired-title = Dan il-link skada
link-expired-text = Il-link li segwejt huwa qadim wisq. Erġa' daħħal l-indirizz tal-email tiegħek biex tirċievi wieħed ġdid.
link-expired-submit = Ibgħatli link ġdid

lost-password-intro = Daħħal l-indirizz tal-email tal-kont tiegħek. Se nibagħtulek link biex tagħżel password ġdida.
lost-password-submit = Ibgħatli link
lost-password-sent-title = Iċċekkja l-kaxxa tal-posta tiegħek
lost-password-sent = Jekk jeżisti kont għal { $email }, intbagħtet email lil dan l-indirizz b'link biex tagħżel password ġdida.
lost-password-sent-validity = Il-link huwa validu għal { $validity }.

account-details = Id-data personali tiegħi
account-details-desc = Ibdel ismek, il-lingwi li nużaw, jew l-indirizz tal-email tiegħek.
account-password = Ibdel il-password tiegħi
account-password-desc = Agħżel password ġdida; is-sessjonijiet l-oħra tiegħek jintemmu.
account-delete = Ħassar il-kont tiegħi
account-delete-desc = Neħħi l-kont tiegħek u d-data personali tiegħek.
details-title = Id-data personali tiegħi
details-uid = Isem l-utent
details-save = Salva
details-saved = Il-bidliet tiegħek ġew salvati.
details-email-title = Ibdel l-indirizz tal-email tiegħi
details-email-text = Se nibagħtu link lill-indirizz il-ġdid. L-indirizz tiegħek jinbidel meta ssegwih, u l-indirizz attwali tiegħek jiġi infurmat.
details-email-submit = Ibgħat il-link ta' konferma
details-email-sent = Intbagħat link ta' konferma lill-indirizz il-ġdid. L-indirizz tiegħek jinbidel meta ssegwih.
email-confirm-title = Ikkonferma l-indirizz tal-email il-ġdid tiegħek
email-confirm-text = L-indirizz tal-email tal-kont tiegħek se jinbidel minn { $old } għal { $new }. Se tidħol bl-indirizz il-ġdid.
email-confirm-submit = Ikkonferma l-indirizz il-ġdid
email-changed-title = L-indirizz tal-email inbidel
email-changed-text = L-indirizz tal-email tiegħek issa huwa { $email }. Użah biex tidħol.

delete-title = Ħassar il-kont tiegħi
delete-text = Il-kont tiegħek u d-data personali tiegħek se jitneħħew. Ma tkunx tista' tidħol aktar f'ebda servizz bih. Dan ma jistax jitreġġa' lura.
delete-sessions = Kull sessjoni tal-kont tiegħek tintemm issa.
delete-password = Daħħal il-password tiegħek biex tikkonferma.
delete-submit = Ħassar il-kont tiegħi
deleted-title = Il-kont tħassar
deleted-text = Il-kont tiegħek tħassar u d-data personali tiegħek tneħħiet.
deleted-mail = Se tirċievi email li tikkonferma t-tħassir.

privacy-title = Dikjarazzjoni ta' privatezza
privacy-1 = Dan is-servizz tad-dħul iżomm id-data meħtieġa biex jidentifikak: ismek u kunjomok, l-indirizz tal-email tiegħek, il-lingwi li għażilt u hash tal-password tiegħek (qatt il-password innifisha).
privacy-2 = Jirreġistra l-avvenimenti ta' sigurtà (dħul, bidliet fil-password u fl-indirizz) flimkien mal-ħin u l-indirizz tan-netwerk, biex jipproteġi l-kont tiegħek u jinvestiga l-użu ħażin.
privacy-3 = Jagħti lis-servizzi li tidħol fihom biss l-attributi li kull wieħed minnhom huwa rreġistrat biex jirċievi.
privacy-4 = L-emails jintbagħtu biss biex tiġi ċċekkjata l-identità tiegħek jew biex tiġi infurmat dwar avvenimenti ta' sigurtà fil-kont tiegħek.
privacy-5 = Tista' tara u tibdel id-data tiegħek f'“Il-kont tiegħi”, u minn hemm tista' tħassar il-kont tiegħek fi kwalunkwe ħin.

dev-outbox-title = Kaxxa tal-ħruġ għall-iżvilupp
dev-outbox-warning = Modalità ta' żvilupp: din il-paġna turi kull email li bagħat is-server. M'għandha qatt tkun attivata fuq server li jużawh utenti reali.
dev-outbox-transport = Kunsinna tal-posta: { $transport }
dev-outbox-empty = Għadha ma ntbagħtet l-ebda email.
dev-outbox-when = Fil-kju minn
dev-outbox-to = Lil
dev-outbox-subject = Suġġett
dev-outbox-status = Status
dev-outbox-sent = ikkunsinnata
dev-outbox-failed = falliet: { $error }
dev-outbox-queued = { $attempts ->
    [0] qed tistenna
    [one] qed tistenna, tentattiv wieħed fallut
    [two] qed tistenna, żewġ tentattivi falluti
    [few] qed tistenna, { $attempts } tentattivi falluti
    [many] qed tistenna, { $attempts }-il tentattiv fallut
   *[other] qed tistenna, { $attempts } tentattiv fallut
}
dev-outbox-links = Links
dev-outbox-raw = Il-messaġġ kif intbagħat

duration-hours = { $n ->
    [one] siegħa
    [two] sagħtejn
    [few] { $n } sigħat
    [many] { $n }-il siegħa
   *[other] { $n } siegħa
}
duration-minutes = { $n ->
    [one] minuta
    [two] żewġ minuti
    [few] { $n } minuti
    [many] { $n }-il minuta
   *[other] { $n } minuta
}

mail-greeting = Għażiż/Għażiża { $name },
mail-signature = Mibgħut lilek minn Limen
mail-link-fallback = Jekk il-link ta' hawn fuq ma jaħdimx, ikkopja l-indirizz li ġej (kun żgur li kkupjajt l-indirizz kollu!) u waħħlu fil-bar tal-indirizz tal-brawżer tiegħek:
mail-help = Jekk għandek problema, tweġibx għal dan il-messaġġ: minflok, segwi l-għajnuna jew l-informazzjoni ta' kuntatt fuq is-sit fejn kont qed tipprova tirreġistra.
mail-register-subject = Oħloq il-password tiegħek
mail-register-registered = Ġejt irreġistrat f'Limen.
mail-register-address = L-indirizz tal-email tiegħek huwa { $email }.
mail-register-follow = Biex toħloq il-password tiegħek, segwi l-link ta' hawn taħt:
mail-register-action = Oħloq il-password tiegħi
mail-register-validity = Għandek massimu ta' { $validity }, mill-ħin li ntbagħat dan il-messaġġ, biex tuża dan il-link, iżda aħjar tużah minnufih. Wara dan il-ħin, tista' tagħmel talba oħra billi ssegwi l-istess link: imbagħad ikollok terġa' ddaħħal l-indirizz tal-email tiegħek u tikkonferma t-talba tiegħek.
mail-reset-subject = Agħżel password ġdida
mail-reset-requested = Xi ħadd, probabbilment int, talab li tintgħażel password ġdida għall-kont { $email }.
mail-reset-follow = Biex tagħżel password ġdida, segwi l-link ta' hawn taħt:
mail-reset-action = Agħżel password ġdida
mail-reset-validity = Il-link jaħdem darba biss, fi żmien { $validity } minn meta ntbagħat dan il-messaġġ. Wara dan, erġa' agħmel talba permezz ta' “Insejt il-password?”.
mail-reset-not-you = Jekk ma tlabtx int dan, injora dan il-messaġġ: il-password tiegħek tibqa' kif inhi.
mail-existing-subject = Diġà għandek kont
mail-existing-text = Xi ħadd, probabbilment int, ipprova joħloq kont għal { $email }. Dan l-indirizz diġà għandu kont, għalhekk ma nħoloqx wieħed ġdid.
mail-existing-lost = Jekk ma tiftakarx il-password tiegħek, agħżel waħda ġdida:
mail-existing-action = Insejt il-password?
mail-existing-not-you = Jekk ma pprovajtx int toħloq kont, injora dan il-messaġġ.
mail-email-confirm-subject = Ikkonferma l-indirizz tal-email il-ġdid tiegħek
mail-email-confirm-text = Biex tuża { $email } bħala l-indirizz tal-email tal-kont tiegħek, segwi l-link ta' hawn taħt.
mail-email-confirm-action = Ikkonferma dan l-indirizz
mail-email-confirm-not-you = Jekk ma tlabtx int dan, injora dan il-messaġġ: ma jinbidel xejn.
mail-security-when = Meta: { $time }.
mail-security-not-you = Jekk ma kontx int, agħżel password ġdida minnufih permezz ta' “Insejt il-password?” u kkuntattja lis-servizz ta' għajnuna tiegħek.
mail-security-review = Irrevedi l-kont tiegħi
mail-account-deleted-not-you = Jekk ma ħassartx int il-kont tiegħek, ikkuntattja lis-servizz ta' għajnuna tiegħek minnufih.
mail-password-changed-subject = Il-password tiegħek inbidlet
mail-password-changed-text = Il-password tal-kont tiegħek inbidlet.
mail-email-changed-subject = L-indirizz tal-email tiegħek inbidel
mail-email-changed-text = L-indirizz tal-email tal-kont tiegħek inbidel għal { $new }. Dan l-indirizz mhux se jibqa' jirċievi messaġġi dwar il-kont.
mail-account-deleted-subject = Il-kont tiegħek tħassar
mail-account-deleted-text = Il-kont tiegħek u d-data personali tiegħu tħassru.
mail-factor-added-subject = Żdied metodu ta' verifika mal-kont tiegħek
mail-factor-added-text = Il-metodu ta' verifika “{ $name }” żdied mal-kont tiegħek.
mail-factor-removed-subject = Tneħħa metodu ta' verifika mill-kont tiegħek
mail-factor-removed-text = Il-metodu ta' verifika “{ $name }” tneħħa mill-kont tiegħek.

## OpenID Connect
oidc-error-title = Din it-talba tad-dħul ma tistax tiġi mwieġba
oidc-error-hint = Mur lura għall-applikazzjoni u erġa' pprova. Jekk jibqa' jiġri, għid lill-appoġġ tal-applikazzjoni: is-settings tad-dħul tagħha ma jaqblux mar-reġistrazzjoni tagħha.
oidc-error-missing-client = It-talba ma tgħidx minn liema applikazzjoni ġejja (nieqes client_id).
oidc-error-unknown-client = L-applikazzjoni li bagħtitek hawn mhijiex irreġistrata ma' dan is-servizz tad-dħul.
oidc-error-missing-redirect = It-talba ma tgħidx fejn għandek tintbagħat lura (nieqes redirect_uri).
oidc-error-bad-redirect = L-indirizz fejn l-applikazzjoni talbet li tintbagħat lura mhuwiex irreġistrat għaliha, għalhekk ma ntbgħattx hemm.
oidc-request-gone = Din it-talba tad-dħul skadiet jew mhijiex valida. Mur lura għall-applikazzjoni u erġa' idħol.
oidc-consent-title = Trid taqsam id-dettalji tiegħek?
oidc-consent-text = { $service } qed jitlob li:
oidc-consent-allow = Ippermetti
oidc-consent-deny = Irrifjuta
oidc-scope-openid = jikkonferma min int
oidc-scope-profile = jara ismek u l-lingwa preferuta tiegħek
oidc-scope-email = jara l-indirizz tal-email tiegħek
oidc-scope-offline-access = iżomm l-aċċess anki meta tkun ħriġt
oidc-scope-groups = jara l-gruppi li tinsab fihom
oidc-logout-title = Oħroġ
oidc-logout-asked-by = { $service } qed jitlob li toħroġ.
oidc-logout-question = Trid toħroġ minn kull applikazzjoni li dħalt fiha permezz ta' dan is-servizz?
oidc-logout-yes = Oħroġ
oidc-logout-no = Ibqa' ġewwa
oidc-logout-bad-hint = It-talba għall-ħruġ fiha token tal-identità li dan is-servizz ma ħariġx jew li ġie mbagħbas.
oidc-logout-client-mismatch = It-talba għall-ħruġ issemmi żewġ applikazzjonijiet differenti.
oidc-logout-bad-redirect = L-indirizz fejn tmur lura wara l-ħruġ mhuwiex irreġistrat għal din l-applikazzjoni.
logout-frontchannel = L-applikazzjonijiet li użajt qed jiġu infurmati wkoll.
logout-continue = Kompli
demo-oidc-title = Applikazzjoni ta' dimostrazzjoni (OpenID Connect)
demo-oidc-intro = Din l-applikazzjoni ta' dimostrazzjoni ddaħħlek b'OpenID Connect, kif tagħmel applikazzjoni web moderna: fluss tal-kodiċi ta' awtorizzazzjoni (authorization code) b'PKCE. Wara, turi t-token tal-identità (ID token) li rċeviet, ivverifikat maċ-ċwievet ippubblikati, u dak li jgħid dwarek il-punt aħħari userinfo.
demo-oidc-sign-in = Idħol b'OpenID Connect
demo-oidc-cas-variant = Ipprova l-varjant CAS minflok
demo-oidc-variant = Ipprova l-varjant OpenID Connect
demo-oidc-done = Dħalt. Hawn hu dak li rċeviet l-applikazzjoni.
demo-oidc-verified = Il-firma tat-token tal-identità ġiet ivverifikata biċ-ċavetta { $kid } ({ $alg }) mis-sett ta' ċwievet ippubblikat.
demo-oidc-claims = Dikjarazzjonijiet (claims) tat-token tal-identità
demo-oidc-userinfo = Userinfo
demo-oidc-header = Intestatura tat-token tal-identità
demo-oidc-again = Erġa' idħol
demo-oidc-failed = Id-dħul ma tlestiex: { $reason }
demo-oidc-try-again = Erġa' pprova
oidc-logout-repeated = It-talba għall-ħruġ tirrepeti parametru, għalhekk ma tistax tkun fdata.

# Strengths, step-up and security keys (issue 5)
method-PASSWORD_WEBAUTHN = Ċavetta tas-sigurtà jew pjattaforma fdata
method-PASSWORD_WEBAUTHN-desc = Uża ċavetta tas-sigurtà, pjattaforma fdata jew ċavetta tal-aċċess biex tawtentika ruħek ma' Limen.
error-invalid-strength = { $service } talab metodi ta' verifika li mhuwiex permess jużahom (INVALID_STRENGTH).
error-invalid-strength-hint = Jekk jogħġbok għid lis-servizz ta' għajnuna tas-servizz; ma tista' tagħmel xejn f'din il-paġna.
login-stepup = Dħalt bil-password tiegħek. Dan is-servizz jeħtieġ metodu ta' verifika aktar b'saħħtu: agħżlu hawn taħt.
login-register-method = { $service } jeħtieġ metodu ta' verifika li għadek ma ssettjajtx: { $methods }.
login-register-link = Idħol bil-password tiegħek biex tirreġistra wieħed: { $method }
login-method-retired = Il-metodu “{ $method }” ġie rtirat nhar { $date }. Irreġistra metodu ta' verifika ieħor f'“Il-kont tiegħi”.
login-passkey = Idħol b'ċavetta tal-aċċess
account-webauthn = Immaniġġja ċ-ċwievet tas-sigurtà u l-pjattaformi fdati tiegħi
account-webauthn-desc = Żid, ibdel l-isem jew neħħi ċ-ċwievet tas-sigurtà, il-pjattaformi fdati u ċ-ċwievet tal-aċċess tiegħek.
back-to-keys = Lura għaċ-ċwievet tas-sigurtà tiegħi
back-to-account = Lura għal “Il-kont tiegħi”
webauthn-keys-title = Iċ-ċwievet tas-sigurtà u l-pjattaformi fdati tiegħi
webauthn-keys-intro = Ċavetta tas-sigurtà hija apparat żgħir (USB, NFC) li jaħdem flimkien mal-password tiegħek. Pjattaforma fdata hija l-awtentikatur mibni fil-kompjuter jew fit-telefon tiegħek (Windows Hello, Touch ID, Android). Ċavetta tal-aċċess tinsab fuq it-telefon tiegħek jew fil-maniġer tal-passwords tiegħek u tista' ddaħħlek mingħajr il-password tiegħek.
webauthn-keys-none = Għadek ma rreġistrajt l-ebda ċavetta tas-sigurtà, pjattaforma fdata jew ċavetta tal-aċċess.
webauthn-col-name = Isem
webauthn-col-kind = Tip
webauthn-col-model = Mudell
webauthn-col-created = Miżjud
webauthn-col-last-used = L-aħħar użu
webauthn-never-used = qatt
webauthn-model-unknown = mhux żvelat
webauthn-flagged = sospiża: setgħet ġiet ikkupjata; neħħiha u erġa' rreġistraha
webauthn-rename = Ibdel l-isem
webauthn-delete = Ħassar
webauthn-add-heading = Żid apparat
webauthn-add-security_key = Żid ċavetta tas-sigurtà
webauthn-add-platform = Żid pjattaforma fdata
webauthn-add-passkey = Żid ċavetta tal-aċċess
webauthn-kind-security_key = Ċavetta tas-sigurtà
webauthn-kind-platform = Pjattaforma fdata
webauthn-kind-passkey = Ċavetta tal-aċċess
webauthn-kind-security_key-desc = ċavetta USB jew NFC li tmissha meta tidħol.
webauthn-kind-platform-desc = l-awtentikatur proprju ta' dan il-kompjuter jew telefon (Windows Hello, Touch ID, qfil tal-iskrin Android).
webauthn-kind-passkey-desc = fuq dan l-apparat, fil-maniġer tal-passwords tiegħek, jew fuq it-telefon tiegħek minn dan il-kompjuter (il-brawżer juri kodiċi QR; il-Bluetooth irid ikun mixgħul fuq iż-żewġ apparati).
webauthn-add-intro = Agħti lill-apparat isem li tagħrfu (pereżempju “Iċ-ċavetta blu tiegħi” jew “iPhone”), imbagħad ikklikkja “Issottometti” u segwi l-istruzzjonijiet tal-brawżer tiegħek. Jekk il-brawżer jistaqsik jekk tridx tanonimizza l-informazzjoni tal-awtentikatur, timmarkax dik il-kaxxa.
webauthn-device-name = Isem l-apparat
webauthn-submit = Issottometti
webauthn-stronger-needed = Biex iżżid apparat ieħor, l-ewwel se tintalab tidħol b'wieħed li diġà għandek.
webauthn-unavailable = Iċ-ċwievet tas-sigurtà u l-pjattaformi fdati mhumiex disponibbli għall-kont tiegħek.
webauthn-register-text = Segwi l-passi li juri l-brawżer tiegħek: mess iċ-ċavetta tas-sigurtà tiegħek, jew ikkonferma bil-PIN, bil-marka tas-saba' jew bil-wiċċ tiegħek.
webauthn-register-status = Ir-reġistrazzjoni tal-kredenzjali għaddejja…
webauthn-login-title = Ċavetta tas-sigurtà jew pjattaforma fdata
webauthn-login-text = Segwi l-passi li juri l-brawżer tiegħek: mess iċ-ċavetta tas-sigurtà tiegħek, jew ikkonferma bil-PIN, bil-marka tas-saba' jew bil-wiċċ tiegħek.
webauthn-login-status = Qed nistennew iċ-ċavetta tas-sigurtà jew il-pjattaforma fdata tiegħek…
webauthn-choose-title = Agħżel l-apparat tiegħek
webauthn-choose-text = Ikklikkja fuq l-isem taċ-ċavetta tas-sigurtà jew tal-pjattaforma fdata li trid tuża.
webauthn-retry = Erġa' pprova
webauthn-noscript = Dan il-pass jeħtieġ JavaScript: il-brawżer tiegħek jikkomunika maċ-ċavetta tas-sigurtà tiegħek permezz tiegħu.
webauthn-added-security_key = Iċ-ċavetta tas-sigurtà ġiet miżjuda.
webauthn-added-platform = Il-pjattaforma fdata ġiet miżjuda.
webauthn-added-passkey = Iċ-ċavetta tal-aċċess ġiet miżjuda.
webauthn-deleted = L-apparat tneħħa.
webauthn-renamed = L-isem tal-apparat inbidel.
webauthn-error-cancelled = L-operazzjoni ġiet ikkanċellata jew damet wisq. Erġa' pprova, u wieġeb għall-mistoqsija tal-brawżer tiegħek.
webauthn-error-unsupported = Dan il-brawżer ma jistax juża ċwievet tas-sigurtà jew ċwievet tal-aċċess hawn. Ipprova brawżer ieħor, jew metodu ieħor.
webauthn-error-already = Dan l-apparat diġà huwa rreġistrat mal-kont tiegħek.
webauthn-error-refused = It-tweġiba tal-apparat tiegħek ma setgħetx tiġi vverifikata. Erġa' pprova, jew uża apparat ieħor.
webauthn-error-expired = Din il-verifika damet wisq jew diġà ntużat. Jekk jogħġbok erġa' ibda.
webauthn-error-unknown = Din iċ-ċavetta tas-sigurtà jew ċavetta tal-aċċess mhijiex irreġistrata ma' ebda kont (setgħet tneħħiet). Idħol bil-password tiegħek, jew uża apparat ieħor.
webauthn-error-other-account = Din iċ-ċavetta tas-sigurtà tappartjeni lil kont ieħor. Uża ċavetta rreġistrata ma' dan il-kont.
webauthn-error-cloned = Din iċ-ċavetta tas-sigurtà ġiet sospiża: il-kontatur tal-firem tagħha mar lura, għalhekk setgħet ġiet ikkupjata. Neħħiha f'“Il-kont tiegħi” u erġa' rreġistraha.
webauthn-error-not-verified = L-apparat tiegħek ma vverifikax li int (PIN, marka tas-saba' jew wiċċ). Id-dħul mingħajr password jeħtieġ dik il-verifika.
webauthn-error-no-key = M'għandek l-ebda ċavetta tas-sigurtà jew pjattaforma fdata li tista' tintuża. Irreġistra waħda f'“Il-kont tiegħi”.
webauthn-error-name = Agħti lill-apparat isem ta' bejn 1 u 64 karattru.
webauthn-error-no-such-key = M'hemm l-ebda apparat bħal dan fil-kont tiegħek.
mail-factor-renamed-subject = Inbidel l-isem ta' metodu ta' verifika tal-kont tiegħek
mail-factor-renamed-text = L-isem tal-metodu ta' verifika “{ $old }” inbidel għal “{ $name }”.
demo-strong = Erġa' itlob, u din id-darba itlob ċavetta tas-sigurtà jew ċavetta tal-aċċess (acceptStrengths=PASSWORD_WEBAUTHN): sessjoni bil-password tissaħħaħ b'awtentikazzjoni msaħħa (step-up)
mail-panic-used-subject = Il-metodi ta' verifika kollha tneħħew mill-kont tiegħek (PANIC)
mail-panic-used-text = Intuża PANIC fuq il-kont tiegħek: kull metodu ta' verifika minbarra l-password tneħħa ({ $names }) u kull sessjoni ntemmet. Biex tilħaq servizzi li jeħtieġu t-tieni fattur, żid wieħed ġdid f'“Il-kont tiegħi”.
mail-factors-removed-subject = Is-servizz ta' għajnuna tiegħek neħħa l-metodi ta' verifika tal-kont tiegħek
mail-factors-removed-text = Is-servizz ta' għajnuna tiegħek neħħa kull metodu ta' verifika minbarra l-password mill-kont tiegħek ({ $names }) u temm kull sessjoni.
mail-mfa-on-subject = L-awtentikazzjoni b'diversi fatturi issa hija dejjem meħtieġa
mail-mfa-on-text = L-għażla “Itlob dejjem awtentikazzjoni b'diversi fatturi” ġiet attivata: kull dħul fil-kont tiegħek issa jintemm bit-tieni fattur.
mail-mfa-off-subject = L-awtentikazzjoni b'diversi fatturi m'għadhiex dejjem meħtieġa
mail-mfa-off-text = L-għażla “Itlob dejjem awtentikazzjoni b'diversi fatturi” ġiet diżattivata: is-servizzi li jaċċettaw il-password waħedha m'għadhomx jitolbu t-tieni fattur.
login-code-text = Daħħal il-kodiċi li juri l-apparat tiegħek.
login-code-challenge = Daħħal din l-isfida fl-apparat tiegħek, imbagħad ikteb it-tweġiba li juri:
login-code-sent = Intbagħat kodiċi lil { $to }.
login-code-label = Kodiċi
login-code-submit = Idħol
error-no-device = M'għandek l-ebda apparat li jista' jintuża għal dan il-metodu ta' verifika. Irreġistra wieħed f'“Il-kont tiegħi”.
error-code-wrong = Dan il-kodiċi mhuwiex korrett. Iċċekkjah u erġa' pprova.
method-PASSWORD_MOBILE_APP = Kodiċi PIN tal-EU Login Mobile App
method-PASSWORD_MOBILE_APP-desc = Tidher talba fuq it-telefon tiegħek; ikkonfermaha bil-PIN tiegħek.
method-PASSWORD_SOFTWARE_TOKEN = Kodiċi QR tal-EU Login Mobile App
method-PASSWORD_SOFTWARE_TOKEN-desc = Skennja l-kodiċi QR bl-applikazzjoni u ikteb il-kodiċi li turi.
method-MOBILE_APP = Fuq il-Mobbli
method-MOBILE_APP-desc = Idħol bl-applikazzjoni fuq it-telefon li qed tibbrawżja minnu.
method-PASSWORD_SMS = Telefon Mobbli + SMS
method-PASSWORD_SMS-desc = Irċievi kodiċi b'SMS fuq telefon mobbli rreġistrat.
method-PASSWORD_TOKEN = Token
method-PASSWORD_TOKEN-desc = Ikteb il-kodiċi li juri t-token tiegħek.
method-PASSWORD_TOKEN_CRAM = Token CRAM
method-PASSWORD_TOKEN_CRAM-desc = Ikteb l-isfida fit-token tiegħek, imbagħad it-tweġiba tiegħu.
method-EIDAS = eID
method-EIDAS-desc = Idħol bl-identità elettronika nazzjonali tiegħek.
method-SOCIAL_NETWORKS = Netwerks soċjali
method-SOCIAL_NETWORKS-desc = Idħol b'kont ta' netwerk soċjali.
method-CLIENT_CERT = Ċertifikat
method-CLIENT_CERT-desc = Idħol b'ċertifikat installat fil-brawżer jew fil-karta intelliġenti tiegħek.
account-methods = Metodi ta' awtentikazzjoni
account-methods-desc = Ara kull metodu ta' verifika tal-kont tiegħek, itlob dejjem awtentikazzjoni b'diversi fatturi, jew neħħihom kollha (PANIC).
account-panic = Neħħi l-apparati kollha tiegħi (PANIC)
account-panic-desc = Tlift l-apparati tiegħek? Neħħihom kollha bil-password tiegħek biss.
methods-title = Metodi ta' awtentikazzjoni
methods-intro = Il-metodi ta' verifika tal-kont tiegħek minbarra l-password: ċwievet tas-sigurtà, pjattaformi fdati, ċwievet tal-aċċess, u l-oħrajn hekk kif jiżdiedu.
methods-none = Il-kont tiegħek m'għandu l-ebda metodu ta' verifika minbarra l-password.
methods-col-kind = Tip
methods-col-name = Isem
methods-col-added = Miżjud
methods-col-last-used = L-aħħar użu
methods-never-used = Qatt
methods-blocked = (sospiż)
methods-mfa-title = Itlob dejjem awtentikazzjoni b'diversi fatturi
methods-mfa-text = Meta din l-għażla tkun attiva, kull dħul fil-kont tiegħek jintemm bit-tieni fattur, anki għal servizzi li jaċċettaw il-password waħedha.
methods-mfa-on = Attiva: kull dħul jintemm bit-tieni fattur.
methods-mfa-off = Mhux attiva: is-servizzi li jaċċettaw il-password waħedha jitolbu l-password biss.
methods-mfa-turn-on = Attiva
methods-mfa-turn-off = Iddiżattiva
methods-mfa-turned-on = L-awtentikazzjoni b'diversi fatturi issa hija dejjem meħtieġa.
methods-mfa-turned-off = L-awtentikazzjoni b'diversi fatturi m'għadhiex dejjem meħtieġa.
methods-mfa-no-factor = L-ewwel irreġistra t-tieni fattur: l-awtentikazzjoni b'diversi fatturi ma tistax tkun meħtieġa mingħajru.
methods-panic-title = Tlift l-apparati tiegħek?
methods-panic-text = PANIC ineħħi kull metodu ta' verifika tal-kont tiegħek minbarra l-password, bil-password tiegħek biss, u jtemm kull sessjoni.
methods-panic-link = Neħħi l-apparati kollha tiegħi (PANIC)
back-to-methods = Lura għal “Metodi ta' awtentikazzjoni”
panic-title = Neħħi l-apparati kollha tiegħi (PANIC)
panic-intro = Uża dan jekk tlift iċ-ċwievet tas-sigurtà, iċ-ċwievet tal-aċċess jew apparati oħra tiegħek, jew jekk taħseb li għandhom xi ħadd ieħor. Wara dan:
panic-effect-factors = kull metodu ta' verifika minbarra l-password jitneħħa mill-kont tiegħek;
panic-effect-sessions = kull sessjoni tal-kont tiegħek tintemm, fuq kull brawżer, u l-aċċess ta' kull applikazzjoni jiġi revokat;
panic-effect-services = ma tkunx tista' tilħaq is-servizzi li jeħtieġu t-tieni fattur sakemm tirreġistra wieħed ġdid.
panic-confirm = Nifhem: neħħi l-apparati kollha tiegħi u temm is-sessjonijiet kollha tiegħi.
panic-submit = Neħħi l-apparati kollha tiegħi
panic-confirm-needed = Immarka l-kaxxa biex tikkonferma.
panic-not-allowed = PANIC mhuwiex disponibbli għall-kont tiegħek. Ikkuntattja lis-servizz ta' għajnuna tiegħek biex ineħħi l-apparati tiegħek.
panic-too-many = PANIC intuża wisq drabi fuq dan il-kont illum. Ikkuntattja lis-servizz ta' għajnuna tiegħek.
panic-done = L-apparati kollha tiegħek tneħħew u kull sessjoni ntemmet. Bgħatnielek email dwar dan.
panic-removed = Tneħħew:
panic-unreachable = Sakemm tirreġistra t-tieni fattur ġdid, ma tistax tilħaq dawn is-servizzi:
panic-unreachable-none = Kull servizz li tuża jaċċetta l-password waħedha.
panic-sign-in-again = Erġa' idħol
error-form-invalid = Din il-formola ma mtlietx kif mistenni. Jekk jogħġbok erġa' pprova.
error-factor-throttled = Saru wisq tweġibiet ħżiena għat-tieni fattur. Erġa' pprova wara { $minutes ->
    [one] minuta
    [two] żewġ minuti
    [few] { $minutes } minuti
    [many] { $minutes }-il minuta
   *[other] { $minutes } minuta
}.
mail-panic-confirm-subject = Ikkonferma PANIC: neħħi l-apparati kollha tal-kont tiegħek
mail-panic-confirm-text = Intalab PANIC fuq il-kont tiegħek, bil-password tiegħu: b'hekk kull metodu ta' verifika minbarra l-password jitneħħa u kull sessjoni tintemm.
mail-panic-confirm-validity = Jekk kont int, segwi dan il-link fi żmien { $validity } u kkonferma:
mail-panic-confirm-action = Neħħi l-apparati kollha tiegħi
mail-panic-confirm-not-you = Jekk ma kontx int, issegwix il-link: xi ħadd jaf il-password tiegħek. Agħżel waħda ġdida minnufih permezz ta' “Insejt il-password?”.
panic-sent = Bgħatna link fl-indirizz tal-email tiegħek. Segwih fi żmien siegħa biex tneħħi l-apparati kollha tiegħek: sa dak il-ħin ma jitneħħa xejn.
panic-confirm-title = Ikkonferma: neħħi l-apparati kollha tiegħi
panic-confirm-text = Kull metodu ta' verifika ta' { $name } minbarra l-password se jitneħħa, u kull sessjoni se tintemm.
panic-confirm-submit = Neħħi l-apparati kollha tiegħi issa
panic-link-gone = Dan il-link m'għadux validu (intuża, skada jew ġie sostitwit). Erġa' itlob PANIC minn “Il-kont tiegħi”.
panic-by-mail = Biex inkunu ċerti li int, imbagħad nibagħtu link fl-indirizz tal-email tiegħek: l-apparati tiegħek jitneħħew meta ssegwih.
login-lost-devices = Tlift iċ-ċavetta tas-sigurtà jew apparati oħra tiegħek?
methods-mfa-on-inactive = Attiva, iżda l-kont tiegħek m'għandu l-ebda tieni fattur li jista' jintuża (ċavetta sospiża, jew metodu li m'għadux offrut): id-dħul jintemm bil-password sakemm tirreġistra wieħed.

## The mobile app (issue 14, docs/MOBILE-PROTOCOL.md)
account-mobile_app = Immaniġġja l-apparati mobbli tiegħi
account-mobile_app-desc = Żid, ibdel l-isem jew neħħi t-telefowns li tikkonferma bihom id-dħul tiegħek.
mobile_app-kind-mobile = Apparat mobbli
mobile_app-error-no-key = M'għandek l-ebda apparat mobbli li jista' jintuża. Żid wieħed f'“Il-kont tiegħi”.
software_token-error-no-key = M'għandek l-ebda apparat mobbli li jista' jintuża. Żid wieħed f'“Il-kont tiegħi”.
on_mobile-error-no-key = M'għandek l-ebda apparat mobbli li jista' jintuża. Żid wieħed f'“Il-kont tiegħi”.
mobile-title = Immaniġġja l-apparati mobbli tiegħi
mobile-intro = L-applikazzjoni tal-awtentikazzjoni fuq it-telefon tiegħek tikkonferma d-dħul tiegħek: tidher talba fuq it-telefon, jew l-applikazzjoni turi kodiċi biex tiktbu hawn. Kull apparat għandu l-PIN tiegħu.
mobile-none = Għad m'għandek l-ebda apparat mobbli.
mobile-col-model = Sistema u mudell
mobile-locked = (ibblokkat — wisq PINs ħżiena, jew ġie skonnettjat fl-applikazzjoni tiegħu: neħħih u erġa' żidu)
mobile-device-name = Isem l-apparat
mobile-delete = Neħħi
mobile-add = Żid apparat mobbli
mobile-add-intro = Agħti isem lill-apparat, agħżel il-PIN tiegħu u erġa' iktbu. Imbagħad jidher kodiċi QR: skennjah bl-applikazzjoni tal-awtentikazzjoni u ikteb l-istess PIN hemmhekk.
mobile-stronger-needed = Biex iżżid jew tneħħi apparat, l-ewwel erġa' idħol bl-aktar metodu ta' verifika b'saħħtu li għandek.
mobile-pin = PIN ({ $n ->
    [one] ċifra waħda jew aktar
    [two] żewġ ċifri jew aktar
    [few] { $n } ċifri jew aktar
    [many] { $n }-il ċifra jew aktar
   *[other] { $n } ċifra jew aktar
})
mobile-pin-again = Erġa' ikteb il-PIN
mobile-submit = Kompli
mobile-added = L-apparat mobbli ġie miżjud. Issa tista' tidħol bih.
mobile-deleted = L-apparat mobbli tneħħa: ma jistax jibqa' jikkonferma d-dħul tiegħek.
mobile-renamed = L-isem tal-apparat mobbli nbidel.
mobile-unavailable = L-apparati mobbli ma jistgħux jintużaw mal-kont tiegħek.
mobile-error-pin = Il-PIN irid ikollu minn { $n } sa 12-il ċifra, u ċifri biss.
mobile-error-pin-again = Iż-żewġ PINs mhumiex l-istess. Erġa' iktibhom.
mobile-error-not-scanned = Il-kodiċi QR għadu ma ġiex skennjat. Erġa' żid l-apparat jekk skada.
mobile-error-not-confirmed = L-apparat skennja l-kodiċi QR iżda għadu ma kkonfermax il-PIN.
mobile-error-pin-mismatch = Il-PIN miktub fuq l-apparat mhuwiex dak li għażilt hawn. Erġa' żid l-apparat.
mobile-error-enrol-expired = Il-kodiċi QR skada. Erġa' żid l-apparat.
mobile-error-no-such-device = M'għandek l-ebda apparat mobbli bħal dan.
mobile-scan-text = Iftaħ l-applikazzjoni tal-awtentikazzjoni fuq it-telefon tiegħek u skennja dan il-kodiċi QR biex iżżid “{ $name }”. Imbagħad l-applikazzjoni titolbok il-PIN li għażilt.
mobile-qr-label = Kodiċi QR
mobile-link-text = Jekk ma tistax tiskennjah, waħħal dan il-link fl-applikazzjoni:
mobile-scan-expiry = Il-kodiċi QR jaħdem darba biss, għal { $n ->
    [one] minuta
    [two] żewġ minuti
    [few] { $n } minuti
    [many] { $n }-il minuta
   *[other] { $n } minuta
}.
mobile-waiting = Qed nistennew l-apparat tiegħek…
mobile-scanned = L-apparat skennja l-kodiċi: ikkonferma l-PIN fuqu.
mobile-continue = Kompli
mobile-back = Lura għall-apparati mobbli tiegħi
mobile-push-text = Intbagħtet talba lill-apparat tiegħek. Iċċekkja li hija għal dan id-dħul, imbagħad ikteb dan in-numru fl-applikazzjoni, flimkien mal-PIN tiegħek:
mobile-number-label = In-numru li trid tikteb fl-applikazzjoni: { $number }
mobile-on-mobile-text = Iftaħ l-applikazzjoni tal-awtentikazzjoni fuq dan it-telefon biex tikkonferma bil-PIN tiegħek, imbagħad erġa' lura għal din il-paġna.
mobile-open-app = Iftaħ l-applikazzjoni tal-awtentikazzjoni
mobile-waiting-approval = Qed nistennew l-approvazzjoni tiegħek… Din il-paġna tkompli waħedha meta tapprova.
mobile-waiting-noscript = Meta tapprova fuq l-apparat tiegħek, agħfas il-buttuna ta' hawn taħt.
mobile-approved-button = Approvajt fuq l-apparat tiegħi
mobile-try-again = Erġa' pprova
mobile-qr-text = Skennja dan il-kodiċi QR bl-applikazzjoni tal-awtentikazzjoni (taħdem mingħajr netwerk), ikteb il-PIN tiegħek fl-applikazzjoni, imbagħad ikteb hawn il-kodiċi ta' 8 ċifri li turi.
mobile-qr-as-text = Il-kodiċi QR bħala test
mobile-code-label = Il-kodiċi muri mill-applikazzjoni
mobile-error-denied = It-talba ġiet irrifjutata fuq l-apparat tiegħek.
mobile-error-wrong-number = In-numru miktub fuq l-apparat tiegħek ma kienx dak muri hawn. Intbagħtet talba ġdida: ikteb in-numru l-ġdid.
mobile-error-pending = L-apparat tiegħek għadu ma weġibx. Approva t-talba fuqu, imbagħad erġa' pprova.
mobile-error-expired = It-talba skadiet. Erġa' pprova.
mobile-error-device-removed = L-apparat li wieġeb m'għadux irreġistrat.
mobile-error-code-format = Il-kodiċi għandu 8 ċifri.
mobile-error-wrong-code = Dan il-kodiċi mhuwiex korrett. Skennja l-kodiċi QR il-ġdid u ikteb il-kodiċi l-ġdid.
mobile-error-enrol-on-device = L-apparat ilesti r-reġistrazzjoni tiegħu stess.
mobile-notice-push-held = Wisq talbiet ġew irrifjutati fuq l-apparati tiegħek fl-aħħar siegħa, għalhekk għalissa ma tintbagħat l-ebda talba. Uża l-metodu tal-kodiċi QR minflok, jew erġa' pprova aktar tard.
mail-device-locked-subject = Ġie bblokkat apparat mobbli
mail-device-unlinked-subject = Ġie skonnettjat apparat mobbli
mail-device-unlinked-text = L-apparat mobbli tiegħek “{ $name }” ġie skonnettjat fl-applikazzjoni tal-awtentikazzjoni tiegħu (“Skonnettja” jew “Insejt il-PIN”). Huwa bblokkat u ma jistax jibqa' jikkonferma d-dħul: neħħih f'“Il-kont tiegħi”, u erġa' żidu jekk trid. Jekk ma għamiltx int dan, xi ħadd jista' jkollu t-telefon tiegħek.
mail-device-locked-text = L-apparat mobbli tiegħek “{ $name }” ġie bblokkat wara wisq PINs ħżiena. Ma jistax jibqa' jikkonferma d-dħul: neħħih u erġa' żidu f'“Il-kont tiegħi”. Jekk ma ktibtx int dawn il-PINs, xi ħadd jista' jkollu t-telefon tiegħek.
mobile_app-choose-text = Għandek aktar minn apparat mobbli wieħed: ikklikkja fuq l-isem ta' dak li għandu jirċievi t-talba.
mobile-error-too-many-enrolments = Bdejt iżżid apparati wisq drabi fl-aħħar siegħa. Erġa' pprova aktar tard.
mobile-open-web-app = Uża l-awtentikatur fuq il-web
mail-sign-in-reported-subject = Dħul li ma bdejtx int ġie rrifjutat fuq it-telefon tiegħek
mail-sign-in-reported-text = Dħul f'{ $service } minn { $browser } (netwerk { $network }) ġie rrifjutat fuq l-apparat mobbli tiegħek “{ $device }” u ġie rrappurtat bħala mhux tiegħek.
mail-sign-in-reported-advice = Min bdieh jaf il-password tiegħek: agħżel waħda ġdida minnufih (“Insejt il-password?” fil-paġna tad-dħul). Jekk m'intix ċert li l-apparati tiegħek huma sikuri, neħħihom kollha b'PANIC:
mail-sign-in-reported-advice-on-mobile = Inbeda b'“Fuq il-Mobbli”, li ma jeħtieġx password: xi ħadd li jaf l-indirizz tal-email tiegħek talab lit-telefon tiegħek japprova dħul. Approva biss talbiet li għadek kif bdejt int stess, fuq dak it-telefon. Jekk m'intix ċert li l-apparati tiegħek huma sikuri, neħħihom kollha b'PANIC:
mail-sign-in-reported-action = Neħħi l-apparati kollha tiegħi (PANIC)
mail-sign-in-reported-if-you = Jekk fl-aħħar mill-aħħar kont int, m'hemmx għalfejn tagħmel xejn.

## Hardware tokens (issue 16)
login-code-device = Apparat:
token-code-device = Numru tas-serje tat-token:
token-code-text = Ixgħel it-token tiegħek (ikteb il-PIN tiegħu jekk jitolbok) u ikteb il-kodiċi li juri.
token-code-label = Kodiċi tat-token
token_cram-code-device = Numru tas-serje tad-Digipass:
token_cram-code-challenge = Ixgħel id-Digipass tiegħek, ikteb din l-isfida fih, imbagħad ikteb it-tweġiba li juri:
token_cram-code-label = Tweġiba tad-Digipass
token-choose-text = Għandek aktar minn token wieħed: ikklikkja fuq dak li għandek miegħek.
token_cram-choose-text = Għandek aktar minn token CRAM wieħed: ikklikkja fuq dak li għandek miegħek.
token-error-wrong = Dan il-kodiċi mhuwiex korrett. Iċċekkja li huwa l-kodiċi ta' dan it-token u erġa' pprova.
token-error-replayed = Dan il-kodiċi diġà ntuża. Stenna sakemm it-token tiegħek juri kodiċi ġdid (jew erġa' ixgħlu), imbagħad ikteb il-kodiċi l-ġdid.
token-error-locked = Dan it-token ġie bblokkat wara wisq kodiċijiet ħżiena. Erġa' pprova aktar tard, jew itlob lis-servizz ta' għajnuna tiegħek jiżblokkah.
token-error-format = Ikteb biss iċ-ċifri li juri t-token tiegħek.
token-error-format-response = Ikteb biss iċ-ċifri tat-tweġiba li juri d-Digipass tiegħek.
token-error-expired = Din il-paġna skadiet. Erġa' ibda.
token-error-bind = Dawn il-kodiċijiet ma jaqblux ma' token li tista' żżid. Iċċekkja n-numru tas-serje fuq wara tat-token, u ikteb il-kodiċijiet eżattament kif jurihom, wieħed wara l-ieħor.
token-kind-hotp = Token (kodiċi fuq talba)
token-kind-totp = Token (kodiċi bbażat fuq il-ħin)
token_cram-kind-ocra = Token CRAM (sfida–tweġiba)
tokens-kind-hotp = Token (kodiċi fuq talba)
tokens-kind-totp = Token (kodiċi bbażat fuq il-ħin)
tokens-kind-ocra = Token CRAM (sfida–tweġiba)
account-token = Immaniġġja t-tokens tiegħi
account-token-desc = Żid token li tatek l-organizzazzjoni tiegħek, ibdel ismu jew neħħih.
tokens-title = Immaniġġja t-tokens tiegħi
tokens-intro = It-tokens jitqassmu mill-organizzazzjoni tiegħek. Biex iżżid wieħed, trid ikollok f'idejk: in-numru tas-serje tiegħu huwa stampat fuq wara.
tokens-none = Għad m'għandek l-ebda token.
tokens-col-serial = Numru tas-serje
tokens-col-added = Miżjud
tokens-locked = ibblokkat
tokens-name-label = Isem it-token
tokens-remove = Neħħi
tokens-add-heading = Żid token
tokens-add-token = Żid token
tokens-add-token-desc = token li juri kodiċi meta tixgħlu jew tagħfas il-buttuna tiegħu.
tokens-add-cram = Żid token CRAM
tokens-add-cram-desc = Digipass li fih tikteb sfida biex tieħu tweġiba.
tokens-by-helpdesk = Is-servizz ta' għajnuna tiegħek jassenja t-tokens lil kontijiet bħal tiegħek.
tokens-add-intro = Ikteb in-numru tas-serje stampat fuq wara tat-token (iċ-ċifri kollha, mingħajr is-sing; in-numri tas-serje qodma jibdew b'“T”), u isem biex tagħrfu mill-oħrajn.
tokens-serial-label = Numru tas-serje
tokens-serial-hint = Pereżempju 12345678 jew T1234567.
tokens-continue = Kompli
tokens-back = Lura għat-tokens tiegħi
tokens-codes-text = Ixgħel it-token u ikteb il-kodiċi li juri. Imbagħad erġa' ixgħlu — għal token li l-kodiċi tiegħu jinbidel maż-żmien, stenna sakemm juri kodiċi ġdid — u ikteb dak it-tieni kodiċi.
tokens-code1 = L-ewwel kodiċi
tokens-code2 = Il-kodiċi li jmiss
tokens-cram-text = Ixgħel id-Digipass tiegħek, ikteb din l-isfida fih, u ikteb it-tweġiba li juri:
tokens-add-submit = Żid it-token
tokens-added = It-token ġie miżjud mal-kont tiegħek.
tokens-removed = It-token tneħħa mill-kont tiegħek.
tokens-renamed = L-isem tat-token inbidel.
tokens-unavailable = Ma jistgħux jiżdiedu tokens mal-kont tiegħek. Staqsi lis-servizz ta' għajnuna tiegħek.
tokens-error-serial = Ikteb in-numru tas-serje stampat fuq it-token: ittri u ċifri biss.
tokens-error-no-such-token = M'għandek l-ebda token bħal dan.
mail-token-locked-subject = Ġie bblokkat token
mail-token-locked-text = It-token tiegħek “{ $name }” ġie bblokkat wara wisq kodiċijiet ħżiena. Jerġa' jaħdem minn { $until }. Jekk ma ktibtx int dawn il-kodiċijiet, xi ħadd jista' jkun qed jipprova jidħol bħala int: ibdel il-password tiegħek.
mail-token-locked-helpdesk-text = It-token tiegħek “{ $name }” ġie bblokkat wara wisq kodiċijiet ħżiena. Is-servizz ta' għajnuna tiegħek jista' jiżblokkah. Jekk ma ktibtx int dawn il-kodiċijiet, xi ħadd jista' jkun qed jipprova jidħol bħala int: ibdel il-password tiegħek.
token-error-bind-throttled = Ippruvajt iżżid tokens wisq drabi fl-aħħar siegħa. Erġa' pprova aktar tard.
tokens-col-actions = Azzjonijiet

## SMS (issue 17): the texts sent, the login page, My account's numbers
sms-text-login = { $code } huwa l-kodici tieghek biex tidhol f'Limen. Jiskadi f'{ $minutes } min. Qatt taqsmu ma' hadd: hadd minn Limen mhu se jitolbok ghalih.
sms-text-login-service = { $code } huwa l-kodici Limen biex tidhol f'{ $service }. Jiskadi f'{ $minutes } min. Qatt taqsmu ma' hadd: hadd minn Limen mhu se jitolbok ghalih.
sms-text-add-number = { $code } huwa l-kodici biex izzid dan in-numru mal-kont Limen tieghek. Jiskadi f'{ $minutes } min. Qatt taqsmu ma' hadd. Jekk ma tlabtux, injora dan il-messagg.
sms-text-sign = { $code } hu l-kodici Limen biex tikkonferma "{ $title }" ghal { $service }. Jiskadi f'{ $minutes } min. Qatt taqsmu ma' hadd.
sms-code-text = Daħħal il-kodiċi li bgħatnielek b'SMS (9 karattri, pereżempju ABC-DEF-GHJ). Il-messaġġ jista' jieħu ftit minuti biex jasal.
sms-code-label = Sfida b'messaġġ SMS
sms-choose-text = Irreġistrajt diversi numri tat-telefon mobbli: ikklikkja fuq in-numru li għandu jintbagħatlu l-kodiċi.
sms-error-number-invalid = Dan mhuwiex numru tat-telefon mobbli f'format internazzjonali. Ibda b'+ u l-kodiċi tal-pajjiż, pereżempju +32 470 12 34 56.
sms-error-number-type = Dan in-numru ma jistax jirċievi l-SMS tagħna: uża numru tat-telefon mobbli (mhux numru ta' telefon fiss, b'rata premium, bla ħlas, bi spiża maqsuma jew tal-internet).
sms-error-country = L-SMS ma jistgħux jintbagħtu lil numri ta' dan il-pajjiż. Uża numru ieħor jew metodu ta' verifika ieħor.
sms-error-limit = Intbagħtu wisq SMS dan l-aħħar. Erġa' pprova aktar tard, jew uża metodu ta' verifika ieħor.
sms-error-unavailable = L-SMS ma jistgħux jintbagħtu bħalissa. Uża metodu ta' verifika ieħor, jew erġa' pprova għada.
sms-error-wait = Intbagħat kodiċi ftit ilu. Stenna ftit qabel ma titlob ieħor: l-SMS jistgħu jieħdu ftit minuti biex jaslu.
sms-error-format = Dan mhuwiex kodiċi kif nibagħtuh aħna: iċċekkja l-karattri li ktibt.
sms-error-expired = Dan il-kodiċi skada. Itlob kodiċi ġdid.
sms-error-used = Dan il-kodiċi diġà ntuża. Itlob kodiċi ġdid.
sms-error-exhausted = Wisq kodiċijiet ħżiena: dan il-kodiċi ma jistax jibqa' jintuża. Itlob kodiċi ġdid.
sms-error-not-sent = Ma stajniex nibagħtu l-SMS lil dan in-numru. Itlob kodiċi ġdid aktar tard, jew uża metodu ta' verifika ieħor.
sms-error-wrong = Dan il-kodiċi mhuwiex dak li bgħatna. Iċċekkjah u erġa' pprova.
sms-error-no-number = Dan in-numru tat-telefon mobbli m'għadux irreġistrat fil-kont tiegħek.
sms-error-already = Dan in-numru diġà huwa rreġistrat fil-kont tiegħek.
login-code-not-received = Ma rċevejt l-ebda kodiċi?
login-code-resend = Ibgħat kodiċi ġdid
account-sms = Immaniġġja n-numri tat-telefon mobbli tiegħi
account-phones = Immaniġġja n-numri tat-telefon mobbli tiegħi
account-phones-desc = Żid in-numri tat-telefon mobbli li jistgħu jirċievu kodiċijiet tad-dħul b'SMS, jew neħħihom.
phones-title = Immaniġġja n-numri tat-telefon mobbli tiegħi
phones-intro = Dawn in-numri jistgħu jirċievu kodiċi b'SMS meta tidħol b'“Telefon Mobbli + SMS”. L-SMS huwa inqas sikur mill-applikazzjoni mobbli jew minn ċavetta tas-sigurtà: uża waħda minnhom jekk tista'.
phones-added = In-numru ġie miżjud.
phones-removed = In-numru tneħħa.
phones-none = L-ebda numru tat-telefon mobbli mhu rreġistrat.
phones-col-label = Isem
phones-col-number = Numru
phones-remove = Neħħi
phones-add = Żid numru tat-telefon mobbli
phones-retired = Id-dħul b'SMS ġie rtirat: irreġistra metodu ta' verifika ieħor (l-applikazzjoni mobbli, ċavetta tas-sigurtà jew ċavetta tal-aċċess).
phones-unavailable = Id-dħul b'SMS mhuwiex offrut għall-kont tiegħek.
phones-add-intro = Se jintbagħat kodiċi b'SMS lil dan in-numru; iktbu fil-paġna li jmiss.
phones-number-label = Numru tat-telefon mobbli
phones-number-hint = Format internazzjonali, li jibda b'+ u l-kodiċi tal-pajjiż, pereżempju għall-Belġju: +32 470 12 34 56.
phones-label-label = Isem (mhux obbligatorju)
phones-label-hint = Isem biex tagħraf dan in-numru, pereżempju “It-telefon tax-xogħol tiegħi”.
phones-add-submit = Żid
phones-back = Lura għan-numri tat-telefon mobbli tiegħi
phones-confirm-title = Ikkonferma n-numru tat-telefon mobbli
phones-confirm-intro = Jekk jogħġbok daħħal il-kodiċi tal-isfida mibgħut b'SMS lit-telefon mobbli tiegħek. Il-messaġġ jista' jieħu ftit minuti biex jasal.
phones-code-label = Sfida b'messaġġ SMS
phones-code-hint = 8 karattri, pereżempju ABCD-EFGH.
phones-confirm-submit = Lesti
phones-cancel = Ikkanċella
phones-error-no-such-number = Dan in-numru mhuwiex irreġistrat fil-kont tiegħek.
dev-outbox-sms-title = SMS
dev-outbox-sms-empty = Għad m'hemm l-ebda SMS.
dev-outbox-sms-text = Test

## Transaction signing (issue 18)
sign-page-title = Iffirma tranżazzjoni
sign-fields-caption = X'qed tintalab tikkonferma
sign-retype-note = (l-applikazzjoni mobbli tiegħek se titolbok tiktbu)
sign-expires = Din it-talba tiskadi f'{ $time }.
sign-intro = Iċċekkja kull linja ta' hawn fuq. Biex tiffirma, daħħal il-password tiegħek, agħżel kif se tikkonferma, u kklikkja “Iffirma”.
sign-method-label = Ikkonferma permezz ta'
sign-submit = Iffirma
sign-cancel = Irrifjuta u mur lura għas-servizz
sign-back = Lura għall-paġna tal-iffirmar
sign-error-unknown = Din it-talba għall-iffirmar ma teżistix. Mur lura għas-servizz u erġa' ibda.
sign-error-finished = Din it-talba għall-iffirmar diġà ġiet iffirmata jew irrifjutata.
sign-error-expired = Din it-talba għall-iffirmar skadiet. Mur lura għas-servizz u erġa' ibda.
sign-error-other-user = Din it-talba għall-iffirmar hija għal kont differenti minn dak li dħalt bih hawn. L-ewwel oħroġ, jew irrifjutaha fis-servizz.
sign-error-changed = Id-data tat-tranżazzjoni m'għadhiex taqbel ma' dak li ntalab. Ma ġie ffirmat xejn.
sign-error-method = Din it-talba ma tistax tiġi ffirmata b'dak il-metodu. Agħżel ieħor.
sign-error-no-method = M'għandek l-ebda metodu ta' verifika li din it-talba taċċetta. Irreġistra wieħed f'“Il-kont tiegħi” (apparat mobbli, ċavetta tas-sigurtà, token jew numru tat-telefon), imbagħad erġa' ibda mis-servizz.
sign-error-password = Il-password mhijiex korretta.
sign-error-again = Dan il-pass skada jew diġà ntuża. Erġa' daħħal il-password tiegħek.
sign-error-throttled = Wisq tentattivi. Erġa' pprova wara { $until }.
account-signatures-title = Il-firem tiegħi
account-signatures-link = Tranżazzjonijiet li ffirmajt
account-signatures-intro = Tranżazzjonijiet li s-servizzi talbuk tiffirma b'Limen. L-irċevuta hija l-prova ffirmata li rċieva s-servizz.
account-signatures-empty = Għad ma ntlabt tiffirma xejn.
account-signatures-service = Servizz
account-signatures-what = Tranżazzjoni
account-signatures-when = Data
account-signatures-method = Iffirmata permezz ta'
account-signatures-status = Status
account-signatures-status-pending = qed tistenna
account-signatures-status-signed = iffirmata
account-signatures-status-cancelled = irrifjutata
account-signatures-status-expired = skadiet
account-signatures-receipt = Niżżel l-irċevuta
account-signatures-report = Ma kontx jien
account-signatures-reported = irrappurtata bħala mhux tiegħek
account-signatures-report-done = Grazzi. Il-firma ġiet immarkata bħala mhux tiegħek u rreġistrata; bgħatnielek email. Jekk xi ħadd jaf il-password tiegħek, ibdilha issa, u neħħi l-apparati tiegħek jekk wieħed minnhom jista' jkun f'idejn ħaddieħor.
account-signatures-report-unknown = Din il-firma ma tistax tiġi rrappurtata (mhijiex tiegħek, mhijiex iffirmata, jew diġà ġiet irrappurtata).
mail-signature-reported-subject = Firma ġiet irrappurtata bħala mhux tiegħek
mail-signature-reported-text = Irrappurtajt li t-tranżazzjoni “{ $title }” iffirmata għal { $service } ma ġietx iffirmata minnek.
demo-sign-link = Iffirma trasferiment (iffirmar ta' tranżazzjonijiet)
demo-sign-title = Servizz ta' dimostrazzjoni: iffirma trasferiment
demo-sign-intro = Is-servizz ta' dimostrazzjoni jitolbok tiffirma trasferiment bit-tieni fattur. Limen jurik it-trasferiment, int tikkonfermah, u d-dimostrazzjoni tivverifika l-irċevuta ffirmata biċ-ċwievet ippubblikati ta' Limen.
demo-sign-transfer = Trasferiment ta' kwoti
demo-sign-amount = Ammont
demo-sign-beneficiary = Kont tal-benefiċjarju
demo-sign-beneficiary-hint = Numru ta' kont bħal EU-100-5 (EU-, tliet ċifri, -, minn ċifra waħda sa sitt ċifri). L-applikazzjoni mobbli titolbok tiktbu.
demo-sign-submit = Iffirma dan it-trasferiment
demo-sign-back = Lura għas-servizz ta' dimostrazzjoni
demo-sign-verified = Il-firma tal-irċevuta hija valida: Limen jikkonferma li int iffirmajt dan it-trasferiment.
demo-sign-refused = It-trasferiment ma ġiex iffirmat (ġie rrifjutat).
demo-sign-invalid = L-irċevuta ma setgħetx tiġi vverifikata. Ma ġie ffirmat xejn.
demo-sign-result-unknown = Dan ir-riżultat mhuwiex magħruf, skada jew diġà ntuża.
demo-sign-method = Iffirmat permezz ta'
demo-sign-when = Ħin tal-iffirmar
demo-sign-key = Iċ-ċavetta ta' Limen
demo-sign-raw = L-irċevuta kif waslet (JWS)
token-error-cannot-sign = Dan it-token ma jistax jikkonferma tranżazzjoni: agħżel metodu ieħor.
sign-error-qr-too-large = Din it-tranżazzjoni hija kbira wisq għall-kodiċi QR tal-applikazzjoni. Agħżel metodu ieħor.
sign-error-password-expired = Il-password tiegħek skadiet. L-ewwel ibdilha (idħol f'“Il-kont tiegħi”), imbagħad erġa' iffirma.

## Federation: eID and social network sign-in (issue 19)
account-eids = Immaniġġja l-eIDs u l-kontijiet marbuta tiegħi
account-eids-desc = Orbot l-eID nazzjonali tiegħek jew kont ta' netwerk soċjali biex tidħol bih, jew neħħi r-rabta.
upstream-or-sign-in-with = Jew idħol permezz ta'
upstream-sign-in-with = Idħol permezz ta' { $upstream }
upstream-failed-title = Id-dħul ma tlestiex
upstream-unknown = Din l-għażla ta' dħul mhijiex disponibbli.
upstream-unreachable = Il-fornitur tal-identità ma setax jintlaħaq. Erġa' pprova aktar tard, jew uża metodu ta' verifika ieħor.
upstream-gone = Dan it-tentattiv ta' dħul skada jew diġà ntuża, jew inbeda f'brawżer ieħor. Erġa' ibda mill-paġna tad-dħul.
upstream-denied = Il-fornitur tal-identità ma daħħalkx (forsi kkanċellajt). Erġa' ibda, jew uża metodu ta' verifika ieħor.
upstream-refused = It-tweġiba tal-fornitur tal-identità ma setgħetx tiġi vverifikata, għalhekk ma dħaltx. Erġa' ibda; jekk jerġa' jiġri, għid lis-servizz ta' għajnuna tiegħek.
upstream-linked-elsewhere = Dan il-kont tal-fornitur tal-identità diġà huwa marbut ma' kont ieħor hawn. L-ewwel neħħi dik ir-rabta, minn “Il-kont tiegħi” tal-kont l-ieħor.
upstream-account-unusable = Il-kont marbut ma' din l-identità ma jistax jidħol (huwa bblokkat, jew l-indirizz tiegħu għadu mhux ikkonfermat).
upstream-linked-title = Il-kont ġie marbut
upstream-linked-text = Minn issa 'l quddiem tista' tidħol bih. Tista' tneħħi r-rabta f'“Il-kont tiegħi”, “Immaniġġja l-eIDs u l-kontijiet marbuta tiegħi”.
upstream-continue = Kompli
upstream-choice-title = Kważi lest
upstream-choice-intro = Dħalt permezz ta' { $upstream }, iżda l-ebda kont hawn għadu mhu marbut miegħu.
upstream-have-account = Diġà għandi kont
upstream-have-account-text = Idħol fil-kont tiegħek bħas-soltu (bit-tieni fattur tiegħek, jekk għandek wieħed); imbagħad jiġi marbut, u tkun tista' tidħol b'wieħed jew bl-ieħor.
upstream-sign-in-to-link = Idħol biex torbtu
upstream-new-account = Oħloq kont ġdid
upstream-new-account-text = Iċċekkja l-isem u l-indirizz li ta l-fornitur tal-identità, u kkoreġihom jekk meħtieġ.
upstream-email-vouched = { $upstream } ikkonferma dan l-indirizz: il-kont tiegħek huwa lest minnufih.
upstream-email-confirm = Se nibagħtu link lil dan l-indirizz biex nikkonfermaw li huwa tiegħek; il-kont tiegħek jista' jintuża hekk kif issegwih.
upstream-create = Oħloq il-kont tiegħi
upstream-check-mailbox-title = Iċċekkja l-kaxxa tal-posta tiegħek
upstream-check-mailbox = Intbagħtet email lil { $email }. Segwi l-link li fiha biex tattiva l-kont tiegħek.
upstream-check-mailbox-hint = Jekk l-email ma tasalx fi ftit minuti, ħares fil-folder tal-posta mhux mixtieqa.
upstream-sign-up-closed = Mhuwiex possibbli li toħloq kont ma' dan il-fornitur tal-identità. Idħol f'kont eżistenti biex torbtu.
upstream-activated-title = L-indirizz ġie kkonfermat
upstream-activated-text = Il-kont tiegħek { $email } huwa attiv. Idħol permezz tal-fornitur tal-identità li użajt biex ħloqtu.
upstream-activation-gone = Dan il-link m'għadux validu: diġà ntuża, jew skada.
upstream-sign-in = Idħol
upstream-links-title = Immaniġġja l-eIDs u l-kontijiet marbuta tiegħi
upstream-links-intro = Kontijiet ta' fornituri tal-identità oħra (eID nazzjonali, netwerk soċjali) li tista' tidħol bihom. Kont ta' netwerk soċjali jagħti dħul bażiku: is-servizzi li jeħtieġu aktar jitolbu metodu ieħor.
upstream-links-none = L-ebda kont mhu marbut.
upstream-links-linked = Il-kont ġie marbut.
upstream-links-removed = Ir-rabta tneħħiet.
upstream-links-col-provider = Fornitur tal-identità
upstream-links-col-account = Kont
upstream-links-remove = Neħħi
upstream-links-add = Orbot kont
upstream-links-link-with = Orbot { $upstream }
upstream-links-last-way-in = Dan huwa l-uniku mod kif tidħol fil-kont tiegħek: l-ewwel issettja password (“Insejt il-password?” fil-paġna tad-dħul) jew orbot kont ieħor.
upstream-links-not-found = M'hemm l-ebda rabta bħal din.
mail-upstream-activate-subject = Ikkonferma l-indirizz tal-email tiegħek
mail-upstream-activate-text = Inħoloq kont għalik permezz ta' { $upstream }.
mail-upstream-activate-action = Ikkonferma l-indirizz tiegħi
mail-upstream-tried-subject = Xi ħadd ipprova joħloq kont bl-indirizz tiegħek
mail-upstream-tried-text = Xi ħadd daħal permezz ta' { $upstream } u pprova joħloq kont b'{ $email }, li diġà għandu kont hawn. Ma nbidel xejn.
mail-upstream-tried-link = Jekk kont int: idħol bħas-soltu, imbagħad orbot { $upstream } f'“Il-kont tiegħi”.
mail-upstream-tried-action = Immaniġġja l-kontijiet marbuta tiegħi
upstream-activate-title = Ikkonferma l-kont tiegħek
upstream-activate-text = Biex tlesti, idħol f'{ $email } permezz tal-fornitur tal-identità li ħloqtu bih, f'dan il-brawżer.
upstream-method-unavailable = Id-dħul b'dan il-mod mhuwiex offrut għall-kont tiegħek. Uża metodu ta' verifika ieħor.

## SAML identity provider (docs/SAML.md)
saml-error-title = It-talba tad-dħul tal-applikazzjoni ma setgħetx tiġi aċċettata
saml-error-hint = Mur lura għall-applikazzjoni u erġa' ibda. Jekk dan jibqa' jiġri, ikkuntattja l-appoġġ tal-applikazzjoni.
saml-error-refused = L-applikazzjoni bagħtet talba tad-dħul li Limen ma jistax jaċċetta.
saml-error-unknown-sp = L-applikazzjoni li bagħtitek hawn mhijiex irreġistrata ma' dan is-servizz tad-dħul.
saml-error-used = Din it-talba tad-dħul diġà ntużat. Mur lura għall-applikazzjoni u idħol minn hemm.
saml-error-busy = Waslu wisq talbiet tad-dħul min-netwerk tiegħek. Stenna minuta u erġa' pprova.
saml-error-other-browser = Din it-talba tad-dħul inbdiet f'brawżer ieħor. Erġa' ibda mill-applikazzjoni f'dan il-brawżer.
saml-logout-partial = Dawn l-applikazzjonijiet ma kkonfermawx li ħriġt minnhom: { $services }. Agħlaq il-brawżer tiegħek biex tkun ċert.
demo-saml-title = Applikazzjoni ta' dimostrazzjoni (SAML)
demo-saml-intro = Din l-applikazzjoni ta' dimostrazzjoni ddaħħlek b'SAML 2.0, kif jagħmlu ħafna applikazzjonijiet tan-negozju: tibgħat talba ta' awtentikazzjoni lil Limen u tirċievi asserzjoni ffirmata fis-servizz tal-konsumatur tal-asserzjonijiet tagħha (assertion consumer service). Wara, turi n-NameID u l-attributi li rċeviet, ivverifikati maċ-ċwievet li Limen jippubblika fil-metadata tiegħu.
demo-saml-sign-in = Idħol b'SAML
demo-saml-variant = Ipprova l-varjant SAML
demo-saml-done = Dħalt. Hawn hu dak li rċeviet l-applikazzjoni.
demo-saml-verified = Il-firma tal-asserzjoni ġiet ivverifikata ({ $alg }) biċ-ċwievet tal-metadata SAML ta' Limen.
demo-saml-attributes = Attributi
