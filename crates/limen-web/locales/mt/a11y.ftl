## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Aqbeż għall-kontenut ewlieni
a11y-nav-account = Il-kont tiegħek
a11y-footer-statement = Dikjarazzjoni tal-aċċessibbiltà
a11y-field-required = (obbligatorju)
a11y-new-window = (jiftaħ f'tieqa ġdida)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523; its Maltese text says "dikjarazzjoni tal-aċċessibbiltà")
a11y-title = Dikjarazzjoni tal-aċċessibbiltà
a11y-intro = L-operatur ta' { $site } huwa impenjat li jagħmlu aċċessibbli, f'konformità mad-Direttiva (UE) 2016/2102 tal-Parlament Ewropew u tal-Kunsill dwar l-aċċessibbiltà tas-siti elettroniċi u tal-applikazzjonijiet mobbli tal-korpi tas-settur pubbliku.
a11y-scope = Din id-dikjarazzjoni tal-aċċessibbiltà tapplika għal { $site }: il-paġni tad-dħul, il-paġni tar-reġistrazzjoni u tal-password, “Il-kont tiegħi”, il-paġni tal-applikazzjoni mobbli u l-konsoll tal-amministrazzjoni, fl-24 lingwa uffiċjali tal-Unjoni Ewropea.
a11y-status-title = Status ta' konformità
a11y-status-text = Dan is-sit elettroniku huwa parzjalment konformi mal-Linji Gwida dwar l-Aċċessibbiltà tal-Kontenut tal-Web (WCAG) 2.1, livell AA, u mal-istandard Ewropew armonizzat EN 301 549 v3.2.1, minħabba n-nuqqasijiet ta' konformità elenkati hawn taħt.
a11y-gaps-title = Kontenut mhux aċċessibbli
a11y-gaps-intro = Il-kontenut elenkat hawn taħt mhuwiex aċċessibbli għar-raġunijiet li ġejjin.
a11y-gaps-noncompliance = Nuqqas ta' konformità mar-rekwiżiti tal-aċċessibbiltà
a11y-gap-captcha = It-test tal-istampa (CAPTCHA) tal-formoli tar-reġistrazzjoni u ta' “Password mitlufa” għandu alternattiva li ma teħtieġx vista jew smigħ – il-brawżer isolvi problema – iżda dik l-alternattiva teħtieġ JavaScript. Mingħajr JavaScript, min ma jistax jara l-istampa ma jistax jibgħat dawn il-formoli u jrid jikkuntattja lis-servizz ta' għajnuna (WCAG 1.1.1).
a11y-gap-manual = Il-paġni għadhom ma ġewx ittestjati minn persuni li jużaw qarrejja tal-iskrin, lentijiet tal-iskrin jew kontroll bil-vuċi; il-verifiki awtomatiċi elenkati hawn taħt isibu biss parti mill-problemi li test bħal dan isib.
a11y-gap-mail = L-emails mibgħuta mis-servizz mhumiex ivverifikati mit-testijiet awtomatiċi.
a11y-outside-title = Kontenut barra mill-ambitu ta' din id-dikjarazzjoni
a11y-outside-third-party = Il-paġni ta' fornituri tal-identità oħra li tista' tidħol permezz tagħhom (skemi tal-eID, netwerks soċjali) u l-paġni tas-servizzi li tidħol fihom: dawn la huma żviluppati u lanqas ikkontrollati mill-operatur ta' dan is-servizz.
a11y-outside-browser = It-twieqi tad-djalogu li juru l-brawżer u s-sistema operattiva tiegħek għaċ-ċwievet tas-sigurtà u għaċ-ċwievet tal-aċċess.
a11y-prepared-title = Tħejjija ta' din id-dikjarazzjoni tal-aċċessibbiltà
a11y-prepared-date = Din id-dikjarazzjoni tħejjiet fi { $date }.
a11y-prepared-method = Hija bbażata fuq awtovalutazzjoni mill-iżviluppaturi ta' Limen, is-software ta' dan is-servizz. Is-sett ta' testijiet iwettaq il-verifiki elenkati hawn taħt ma' kull bidla: axe-core { $axe } fil-brawżer Chromium fuq kull paġna u kull stat ta' paġna li utent jista' jasal għalih (inkluż kull messaġġ ta' żball), bl-Ingliż, bil-Franċiż, bil-Ġermaniż, bil-Grieg u bil-Malti; verifiki tal-istruttura tal-paġni; il-flussi ewlenin imlestija bit-tastiera biss; il-paġni mqassma fuq wisa' ta' 320 pixel u b'żoom ta' 200%.
a11y-prepared-review = Id-dikjarazzjoni tiġi riveduta kull meta s-software ibiddel dak li jivverifika.
a11y-checks-title = X'jivverifikaw it-testijiet
a11y-checks-intro = Kull ringiela ssemmi kriterju ta' suċċess tal-WCAG 2.1, kif is-sett ta' testijiet jivverifikah, u t-test li jagħmel dan.
a11y-checks-caption = Kriterji ta' suċċess tal-WCAG 2.1 ivverifikati mis-sett ta' testijiet
a11y-col-criterion = Kriterju ta' suċċess
a11y-col-level = Livell
a11y-col-how = Kif jiġi vverifikat
a11y-col-test = Test
a11y-checks-not-listed = Il-kriterji li mhumiex elenkati mhumiex ivverifikati awtomatikament.
a11y-feedback-title = Feedback u dettalji ta' kuntatt
a11y-feedback-text = Jekk tinnota problema ta' aċċessibbiltà f'dan is-servizz, jew għandek bżonn xi parti mill-kontenut tiegħu f'format aċċessibbli, għid lill-operatur tiegħu:
a11y-enforcement-title = Proċedura ta' infurzar
a11y-enforcement-text = Jekk ma tkunx sodisfatt bit-tweġiba għan-notifika jew għat-talba tiegħek, tista' tirrikorri għand il-korp li jinforza r-regoli tal-aċċessibbiltà fir-rigward tal-operatur ta' dan is-servizz:
a11y-enforcement-eu = għal istituzzjoni, korp, uffiċċju jew aġenzija tal-Unjoni Ewropea:
a11y-enforcement-ombudsman = l-Ombudsman Ewropew
a11y-enforcement-national = għal korp tas-settur pubbliku ta' Stat Membru, il-korp tal-infurzar li ħatar pajjiżu skont id-Direttiva (UE) 2016/2102:
a11y-enforcement-bodies = il-korpi tal-infurzar, kif elenkati mill-Kummissjoni Ewropea

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core ma jsib l-ebda ksur serju jew kritiku tar-regoli tiegħu għal dan il-kriterju fl-ebda stat ta' paġna, f'ħames lingwi.
a11y-how-axe-contrast = axe-core ikejjel il-kuntrast ta' kull test mal-isfond tiegħu: mill-inqas 4.5:1, u 3:1 għal test kbir.
a11y-how-captcha = It-test tal-istampa jgħaddi mingħajr l-istampa: il-brawżer isolvi l-problema, imbagħad il-kont jinħoloq.
a11y-how-landmarks = Kull paġna għandha intestatura, navigazzjoni b'isem, reġjun ewlieni wieħed u qiegħ il-paġna.
a11y-how-fields = Kull qasam viżibbli għandu tikketta marbuta miegħu; l-oqsma obbligatorji huma mmarkati bil-kliem, mhux bil-kulur biss.
a11y-how-app = axe-core ma jsib l-ebda ksur serju jew kritiku fl-ebda skrin tal-applikazzjoni tal-awtentikazzjoni fuq il-web, la fil-modalità ċara u lanqas fil-modalità skura.
a11y-how-autocomplete = L-oqsma għall-indirizz tal-email tiegħek, l-ismijiet, il-passwords, in-numru tat-telefon u l-kodiċijiet għal użu wieħed tiegħek jindikaw l-iskop tagħhom għall-mili awtomatiku.
a11y-how-skip-link = L-ewwel ħaġa li t-tastiera tilħaq f'kull paġna hija link li jaqbeż għall-kontenut ewlieni.
a11y-how-title = Kull paġna għandha titolu tagħha: l-isem tal-paġna, imbagħad l-isem tas-servizz.
a11y-how-headings = Kull paġna għandha eżattament intestatura waħda tal-ogħla livell li ssemmi l-paġna.
a11y-how-lang = Kull paġna tiddikjara l-lingwa li tintwera biha.
a11y-how-selector = Il-lista tal-lingwi ssemmi kull lingwa b'dik il-lingwa stess, timmarka t-test tagħha b'dik il-lingwa u timmarka l-lingwa attwali.
a11y-how-consistent = Il-lista tal-lingwi, il-link għal din id-dikjarazzjoni u l-menu tal-kont jinsabu fl-istess post f'kull paġna.
a11y-how-errors = Messaġġ ta' żball huwa marbut mal-qasam li jirrigwarda, u dak il-qasam huwa mmarkat bħala invalidu; formola b'diversi żbalji telenkahom fin-naħa ta' fuq, kull wieħed b'link għall-qasam tiegħu.
a11y-how-announced = Il-qarrejja tal-iskrin iħabbru l-messaġġi ta' żball hekk kif il-paġna turihom (allerti), u dawn il-messaġġi jistgħu jirċievu l-fokus.
a11y-how-colour = Messaġġ ta' żball jibda b'sinjal minbarra l-kliem tiegħu, il-qasam bl-iżball għandu bordura eħxen, u l-links fit-test huma sottolinjati: xejn ma jingħad bil-kulur biss.
a11y-how-zoom = B'żoom ta' 200% (tieqa wiesgħa 1280 pixel), bl-Ingliż, bil-Ġermaniż, bil-Finlandiż u bil-Grieg, l-ebda paġna ma tiskrollja lejn il-ġenb u l-ebda test ma joħroġ mill-iskrin.
a11y-how-reflow = B'wisa' ta' 320 pixel CSS, l-ebda paġna ma tiskrollja lejn il-ġenb u l-ebda test ma joħroġ mill-iskrin; tabella wiesgħa tiskrollja fil-kaxxa tagħha stess, li t-tastiera tilħaqha.
a11y-how-reflow-names = “Il-kont tiegħi” jibqa' fil-wisa' tal-iskrin anke b'ismijiet twal ħafna u b'ismijiet bl-Għarbi u bil-Grieg, kemm tan-nies kif ukoll tal-apparati tagħhom.
a11y-how-focus-contrast = L-indikatur tal-fokus ta' kull element li t-tastiera tilħaq għandu kuntrast ta' mill-inqas 3:1 ma' dak li jinsab warajh.
a11y-how-spacing = Meta l-ispazjatura tat-test tal-kriterju tiġi applikata fuq wisa' ta' 320 pixel, l-ebda test ma jinqata'.
a11y-how-keyboard = Il-proċess jitlesta bit-tastiera biss: ir-reġistrazzjoni, id-dħul b'kull tip ta' apparat, “Il-kont tiegħi”, PANIC.
a11y-how-trap = Meta tgħaddi minn kull paġna ewlenija bit-tast Tab, tasal lura fejn bdejt: il-fokus qatt ma jinqabad.
a11y-how-focus-order = Mill-quċċata ta' paġna, it-tastiera tilħaq l-ewwel il-link tal-qbiż, imbagħad il-paġna fl-ordni tal-qari tagħha.
a11y-how-focus-visible = Kull element li t-tastiera tilħaq juri ċirku tal-fokus wiesa' mill-inqas żewġ pixels.

## WCAG 2.1 success criteria (no W3C authorized Maltese translation: rendered here)
wcag-1-1-1 = Kontenut mhux testwali
wcag-1-3-1 = Informazzjoni u relazzjonijiet
wcag-1-3-5 = Identifikazzjoni tal-iskop tal-input
wcag-1-4-1 = Użu tal-kulur
wcag-1-4-3 = Kuntrast (minimu)
wcag-1-4-4 = Bdil fid-daqs tat-test
wcag-1-4-10 = Riorganizzazzjoni tal-kontenut
wcag-1-4-11 = Kuntrast mhux testwali
wcag-1-4-12 = Spazjatura tat-test
wcag-2-1-1 = Tastiera
wcag-2-1-2 = L-ebda nassa tat-tastiera
wcag-2-4-1 = Qbiż ta' blokki
wcag-2-4-2 = Paġna b'titolu
wcag-2-4-3 = Ordni tal-fokus
wcag-2-4-4 = Skop tal-link (fil-kuntest)
wcag-2-4-6 = Intestaturi u tikketti
wcag-2-4-7 = Fokus viżibbli
wcag-3-1-1 = Lingwa tal-paġna
wcag-3-1-2 = Lingwa tal-partijiet
wcag-3-2-3 = Navigazzjoni konsistenti
wcag-3-3-1 = Identifikazzjoni tal-iżbalji
wcag-3-3-2 = Tikketti jew struzzjonijiet
wcag-4-1-2 = Isem, rwol, valur
wcag-4-1-3 = Messaġġi tal-istatus
