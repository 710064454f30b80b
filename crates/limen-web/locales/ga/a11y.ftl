## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Léim chuig an bpríomhábhar
a11y-nav-account = Do chuntas
a11y-footer-statement = Ráiteas inrochtaineachta
a11y-field-required = (riachtanach)
a11y-new-window = (osclaíonn sé i bhfuinneog nua)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523: neither has an Irish text; headings as Irish public bodies word them)
a11y-title = Ráiteas inrochtaineachta
a11y-intro = Tá oibreoir { $site } tiomanta don suíomh a dhéanamh inrochtana, i gcomhréir le Treoir (AE) 2016/2102 ó Pharlaimint na hEorpa agus ón gComhairle maidir le hinrochtaineacht láithreán gréasáin agus feidhmchlár móibíleach comhlachtaí na hearnála poiblí.
a11y-scope = Baineann an ráiteas inrochtaineachta seo le { $site }: na leathanaigh logála isteach, na leathanaigh chlárúcháin agus phasfhocail, “Mo chuntas”, leathanaigh na haipe móibílí agus an consól riaracháin, i 24 theanga oifigiúla an Aontais Eorpaigh.
a11y-status-title = Stádas comhlíonta
a11y-status-text = Tá an suíomh gréasáin seo comhlíontach go páirteach leis na Treoirlínte um Inrochtaineacht Ábhar Gréasáin (WCAG) 2.1, leibhéal AA, agus leis an gcaighdeán Eorpach comhchuibhithe EN 301 549 v3.2.1, de bharr na gcásanna neamhchomhlíonta atá liostaithe thíos.
a11y-gaps-title = Ábhar nach bhfuil inrochtana
a11y-gaps-intro = Níl an t-ábhar atá liostaithe thíos inrochtana ar na cúiseanna seo a leanas.
a11y-gaps-noncompliance = Neamhchomhlíonadh na gceanglas inrochtaineachta
a11y-gap-captcha = Ar an bhfoirm chlárúcháin agus ar an bhfoirm “Pasfhocal caillte”, tá rogha eile ar thástáil an phictiúir (CAPTCHA) nach dteastaíonn radharc ná éisteacht uaithi – réitíonn an brabhsálaí dúcheist – ach teastaíonn JavaScript ón rogha sin. Gan JavaScript, ní féidir le duine nach bhfeiceann an pictiúr na foirmeacha seo a sheoladh agus caithfidh sé dul i dteagmháil leis an deasc chabhrach (WCAG 1.1.1).
a11y-gap-manual = Níor thástáil daoine a úsáideann léitheoirí scáileáin, formhéadaitheoirí ná rialú gutha na leathanaigh fós; ní aimsíonn na seiceálacha uathoibríocha thíos ach cuid de na fadhbanna a d'aimseodh tástáil den sórt sin.
a11y-gap-mail = Ní sheiceálann na tástálacha uathoibríocha na ríomhphoist a sheolann an tseirbhís.
a11y-outside-title = Ábhar lasmuigh de raon feidhme an ráitis seo
a11y-outside-third-party = Leathanaigh soláthraithe aitheantais eile ar féidir leat logáil isteach leo (scéimeanna eID, líonraí sóisialta) agus leathanaigh na seirbhísí a logálann tú isteach iontu: ní fhorbraíonn oibreoir na seirbhíse seo iad agus níl smacht aige orthu.
a11y-outside-browser = Na dialóga a thaispeánann do bhrabhsálaí agus do chóras oibriúcháin le haghaidh eochracha slándála agus eochracha rochtana.
a11y-prepared-title = Ullmhú an ráitis inrochtaineachta seo
a11y-prepared-date = Ullmhaíodh an ráiteas seo ar { $date }.
a11y-prepared-method = Tá sé bunaithe ar fhéinmheasúnú a rinne forbróirí Limen, bogearraí na seirbhíse seo. Ritheann an tsraith tástálacha na seiceálacha atá liostaithe thíos le gach athrú: axe-core { $axe } sa bhrabhsálaí Chromium ar gach leathanach agus ar gach staid leathanaigh ar féidir le húsáideoir í a bhaint amach (gach teachtaireacht earráide san áireamh), i mBéarla, i bhFraincis, i nGearmáinis, i nGréigis agus i Máltais; seiceálacha ar struchtúr na leathanach; na príomhshreafaí curtha i gcrích leis an méarchlár amháin; na leathanaigh leagtha amach ag leithead 320 picteilín agus ag súmáil 200%.
a11y-prepared-review = Déantar athbhreithniú ar an ráiteas gach uair a athraíonn na bogearraí an méid a sheiceálann siad.
a11y-checks-title = Cad a sheiceálann na tástálacha
a11y-checks-intro = Ainmníonn gach ró critéar ratha de chuid WCAG 2.1, an chaoi a seiceálann an tsraith tástálacha é, agus an tástáil a dhéanann an tseiceáil sin.
a11y-checks-caption = Critéir ratha WCAG 2.1 a sheiceálann an tsraith tástálacha
a11y-col-criterion = Critéar ratha
a11y-col-level = Leibhéal
a11y-col-how = Conas a sheiceáiltear é
a11y-col-test = Tástáil
a11y-checks-not-listed = Ní sheiceáiltear go huathoibríoch na critéir nach bhfuil liostaithe.
a11y-feedback-title = Aiseolas agus sonraí teagmhála
a11y-feedback-text = Má thugann tú faoi deara fadhb inrochtaineachta ar an tseirbhís seo, nó má tá cuid dá hábhar uait i bhformáid inrochtana, inis dá hoibreoir:
a11y-enforcement-title = Nós imeachta forfheidhmithe
a11y-enforcement-text = Mura bhfuil tú sásta leis an bhfreagra ar d'fhógra nó ar d'iarratas, is féidir leat dul chuig an gcomhlacht a fhorfheidhmíonn na rialacha inrochtaineachta maidir le hoibreoir na seirbhíse seo:
a11y-enforcement-eu = i gcás institiúid, comhlacht, oifig nó gníomhaireacht de chuid an Aontais Eorpaigh:
a11y-enforcement-ombudsman = an tOmbudsman Eorpach
a11y-enforcement-national = i gcás comhlacht earnála poiblí i mBallstát, an comhlacht forfheidhmithe a d'ainmnigh an tír sin faoi Threoir (AE) 2016/2102:
a11y-enforcement-bodies = na comhlachtaí forfheidhmithe, mar atá liostaithe ag an gCoimisiún Eorpach

## How each criterion is checked (the table of the statement)
a11y-how-axe = Ní aimsíonn axe-core aon sárú tromchúiseach ná criticiúil ar a rialacha don chritéar seo ar aon staid leathanaigh, i gcúig theanga.
a11y-how-axe-contrast = Tomhaiseann axe-core codarsnacht gach téacs i gcoinne a chúlra: 4.5:1 ar a laghad, agus 3:1 do théacs mór.
a11y-how-captcha = Is féidir tástáil an phictiúir a chur i gcrích gan an pictiúr: réitíonn an brabhsálaí an dúcheist, ansin cruthaítear an cuntas.
a11y-how-landmarks = Tá meirge, nascleanúint ainmnithe, príomhréigiún amháin agus buntásc ar gach leathanach.
a11y-how-fields = Tá lipéad nasctha le gach réimse infheicthe; marcáiltear na réimsí riachtanacha i bhfocail, ní le dath amháin.
a11y-how-app = Ní aimsíonn axe-core aon sárú tromchúiseach ná criticiúil ar aon scáileán den aip fíordheimhnithe ar an ngréasán, sa mhód geal ná sa mhód dorcha.
a11y-how-autocomplete = Léiríonn na réimsí do do sheoladh ríomhphoist féin, d'ainmneacha, do phasfhocail, d'uimhir theileafóin agus do chóid aonuaire a gcuspóir uathlíonta.
a11y-how-skip-link = Ar gach leathanach, is é an chéad rud a shroicheann an méarchlár nasc a théann díreach chuig an bpríomhábhar.
a11y-how-title = Tá a theideal féin ag gach leathanach: ainm an leathanaigh, ansin ainm na seirbhíse.
a11y-how-headings = Tá ceannteideal barrleibhéil amháin go díreach ar gach leathanach, agus ainmníonn sé an leathanach.
a11y-how-lang = Fógraíonn gach leathanach an teanga ina dtaispeántar é.
a11y-how-selector = Ainmníonn liosta na dteangacha gach teanga sa teanga sin féin, marcálann sé a téacs leis an teanga sin agus marcálann sé an teanga reatha.
a11y-how-consistent = Tá liosta na dteangacha, an nasc chuig an ráiteas seo agus roghchlár an chuntais san áit chéanna ar gach leathanach.
a11y-how-errors = Tá teachtaireacht earráide nasctha leis an réimse lena mbaineann sí, agus marcáiltear an réimse sin mar neamhbhailí; i bhfoirm ina bhfuil roinnt earráidí, liostaítear iad ag a barr, gach ceann acu le nasc chuig a réimse.
a11y-how-announced = Fógraíonn léitheoirí scáileáin teachtaireachtaí earráide a luaithe a thaispeánann an leathanach iad (foláirimh), agus is féidir an fócas a chur orthu.
a11y-how-colour = Tosaíonn teachtaireacht earráide le siombail chomh maith lena focail, tá imeall níos tibhe ar an réimse ina bhfuil an earráid, agus tá líne faoi na naisc sa téacs: ní chuirtear aon rud in iúl le dath amháin.
a11y-how-zoom = Ag súmáil 200% (fuinneog 1280 picteilín ar leithead), ní scrollaíonn aon leathanach ó thaobh go taobh agus ní théann aon téacs thar imeall an scáileáin, i mBéarla, i nGearmáinis, i bhFionlainnis agus i nGréigis.
a11y-how-reflow = Ag leithead 320 picteilín CSS, ní scrollaíonn aon leathanach ó thaobh go taobh agus ní théann aon téacs thar imeall an scáileáin; scrollaíonn tábla leathan ina bhosca féin, ar féidir leis an méarchlár é a shroicheadh.
a11y-how-reflow-names = Fanann “Mo chuntas” laistigh de leithead an scáileáin fiú le hainmneacha an-fhada agus le hainmneacha in Araibis agus i nGréigis, ainmneacha daoine agus ainmneacha a ngléasanna araon.
a11y-how-focus-contrast = Tá codarsnacht 3:1 ar a laghad idir táscaire fócais gach eiliminte a shroicheann an méarchlár agus a bhfuil taobh thiar de.
a11y-how-spacing = Nuair a chuirtear spásáil téacs an chritéir i bhfeidhm ag 320 picteilín, ní ghearrtar aon téacs.
a11y-how-keyboard = Cuirtear an sreabhadh i gcrích leis an méarchlár amháin: clárú, logáil isteach le gach cineál gléis, “Mo chuntas”, PANIC.
a11y-how-trap = Nuair a théitear trí gach príomhleathanach leis an eochair Tab, filltear ar an áit a dtosaítear: ní bhíonn an fócas i sáinn riamh.
a11y-how-focus-order = Ó bharr leathanaigh, sroicheann an méarchlár an nasc scipeála ar dtús, ansin an leathanach in ord léitheoireachta.
a11y-how-focus-visible = Taispeánann gach eilimint a shroicheann an méarchlár fáinne fócais atá 2 phicteilín ar leithead ar a laghad.

## WCAG 2.1 success criteria (no W3C authorized Irish translation: rendered here)
wcag-1-1-1 = Ábhar nach téacs é
wcag-1-3-1 = Faisnéis agus gaolmhaireachtaí
wcag-1-3-5 = Cuspóir an ionchuir a aithint
wcag-1-4-1 = Úsáid datha
wcag-1-4-3 = Codarsnacht (íosmhéid)
wcag-1-4-4 = Athrú méide téacs
wcag-1-4-10 = Athshreabhadh
wcag-1-4-11 = Codarsnacht ábhair nach téacs é
wcag-1-4-12 = Spásáil téacs
wcag-2-1-1 = Méarchlár
wcag-2-1-2 = Gan sáinn mhéarchláir
wcag-2-4-1 = Bloic a sheachaint
wcag-2-4-2 = Teideal leathanaigh
wcag-2-4-3 = Ord an fhócais
wcag-2-4-4 = Cuspóir an naisc (i gcomhthéacs)
wcag-2-4-6 = Ceannteidil agus lipéid
wcag-2-4-7 = Fócas infheicthe
wcag-3-1-1 = Teanga an leathanaigh
wcag-3-1-2 = Teanga na gcodanna
wcag-3-2-3 = Nascleanúint chomhsheasmhach
wcag-3-3-1 = Earráidí a aithint
wcag-3-3-2 = Lipéid nó treoracha
wcag-4-1-2 = Ainm, ról, luach
wcag-4-1-3 = Teachtaireachtaí stádais
