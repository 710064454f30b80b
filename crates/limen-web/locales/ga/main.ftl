app-tagline = Cuntas amháin, a lán seirbhísí
language-label = Teanga
nav-my-account = Mo chuntas
nav-logout = Logáil amach
nav-signed-in-as = Logáilte isteach mar { $name }

login-title = Logáil isteach chun leanúint ar aghaidh
login-email-label = Úsáid do sheoladh ríomhphoist
login-next = Ar aghaidh
login-welcome = Fáilte
login-external = (Seachtrach)
login-switch-account = Logáil isteach le seoladh ríomhphoist eile?
login-password-label = Pasfhocal
login-lost-password = Pasfhocal caillte?
login-method-label = Modh fíoraithe
login-submit = Logáil isteach
requested-by = Arna iarraidh ag { $service }
method-PASSWORD = Pasfhocal
method-PASSWORD-desc = Fíordheimhnigh le do phasfhocal amháin.

error-email-empty = Cuir isteach do sheoladh ríomhphoist, le do thoil.
error-email-invalid = Ní seoladh ríomhphoist bailí é seo. Seiceáil é agus bain triail eile as.
error-email-character = Tá carachtar dofheicthe nó neamhghnách ({ $codepoint }) sa seoladh seo, amhail marc treo nó spás nialasleithid, a thagann isteach go minic trí chóipeáil agus ghreamú. Clóscríobh an seoladh arís.
error-password-empty = Cuir isteach do phasfhocal, le do thoil.
error-credentials = Tá an seoladh ríomhphoist nó an pasfhocal mícheart.
error-method-unavailable = Níl an modh fíoraithe seo ar fáil anseo. Roghnaigh modh eile.
error-throttled = { $minutes ->
    [one] An iomarca iarrachtaí nár éirigh leo. Bain triail eile as i gceann nóiméid (ag { $time } UTC).
    [two] An iomarca iarrachtaí nár éirigh leo. Bain triail eile as i gceann { $minutes } nóiméad (ag { $time } UTC).
    [few] An iomarca iarrachtaí nár éirigh leo. Bain triail eile as i gceann { $minutes } nóiméad (ag { $time } UTC).
    [many] An iomarca iarrachtaí nár éirigh leo. Bain triail eile as i gceann { $minutes } nóiméad (ag { $time } UTC).
   *[other] An iomarca iarrachtaí nár éirigh leo. Bain triail eile as i gceann { $minutes } nóiméad (ag { $time } UTC).
}
error-account-locked = Tá an cuntas seo glasáilte. Déan teagmháil le do dheasc chabhrach chun é a dhíghlasáil.
error-csrf = Tá an fhoirm seo imithe in éag nó seoladh í ó shuíomh eile. Bain triail eile as, le do thoil.
error-no-method = Níl aon cheann de na modhanna fíoraithe a nglacann { $service } leo ar fáil do do chuntas.
error-insufficient-assurance = Teastaíonn ó { $service } cuntas a bhfuil leibhéal dearbhaithe aitheantais níos airde aige ná do chuntas féin.
error-bad-request = Níl an t-iarratas bailí.
error-internal = Tharla earráid inmheánach. Bain triail eile as ar ball, le do thoil.
error-not-found = Níl an leathanach seo ann.
error-page-title = Chuaigh rud éigin mícheart
unavailable-title = Níl an tseirbhís ar fáil go sealadach
unavailable-text = Ní féidir leis an tseirbhís freagra a thabhairt faoi láthair. Bain triail eile as i gceann cúpla soicind, le do thoil.
busy-title = An iomarca iarrachtaí logála isteach ag an am céanna
busy-text = Tá an tseirbhís an-ghnóthach. Bain triail eile as i gceann cúpla soicind, le do thoil.
back-to-login = Ar ais chuig an leathanach logála isteach

unknown-service-title = Seirbhís anaithnid
unknown-service-text = Níl an feidhmchlár a sheol anseo thú cláraithe leis an tseirbhís logála isteach seo, agus mar sin níor seoladh ar ais chuige thú. Cosnaíonn sé seo thú ar shuíomhanna a ligeann orthu gur seirbhís iad a bhfuil muinín agat aisti.
unknown-service-hint = Má lean tú nasc ó sheirbhís aitheanta, inis dá deasc chabhrach nach bhfuil a seoladh cláraithe.
login-request-gone-title = Nasc logála isteach neamhbhailí
login-request-gone-text = Tá an nasc logála isteach seo anaithnid, imithe in éag nó úsáidte cheana, agus mar sin ní féidir é a úsáid chun logáil isteach.
login-request-gone-hint = Téigh ar ais chuig an bhfeidhmchlár agus tosaigh an logáil isteach arís as sin.

login-success-title = D'éirigh leis an bhfíordheimhniú
login-success-text = Tá tú logáilte isteach.
login-success-hint = Chun stop a chur le logáil isteach uathoibríoch, cliceáil “Logáil amach” nó dún gach fuinneog de do bhrabhsálaí.
continue-title = Lean ar aghaidh chuig an tseirbhís
continue-text = Níor lean do bhrabhsálaí ar aghaidh go huathoibríoch. Brúigh an cnaipe chun dul ar aghaidh chuig { $service }.
continue-button = Lean ar aghaidh

logout-title = Logáil amach
logout-text = Tá tú logáilte amach.
logout-services = { $count ->
    [0] Ní raibh aon seirbhís oscailte sa seisiún seo.
    [one] Cuireadh in iúl don tseirbhís a d'úsáid tú gur logáil tú amach.
    [two] Cuireadh in iúl don dá sheirbhís a d'úsáid tú gur logáil tú amach.
    [few] Cuireadh in iúl do na { $count } sheirbhís a d'úsáid tú gur logáil tú amach.
    [many] Cuireadh in iúl do na { $count } seirbhís a d'úsáid tú gur logáil tú amach.
   *[other] Cuireadh in iúl do na { $count } seirbhís a d'úsáid tú gur logáil tú amach.
}
logout-close-browser = Ar mhaithe le do shábháilteacht, dún do bhrabhsálaí nuair a bheidh tú críochnaithe.

lost-password-title = Pasfhocal caillte

account-title = Mo chuntas
account-sessions = Féach ar mo sheisiúin
account-sessions-desc = Is féidir leat do sheisiúin oscailte a fheiceáil agus deireadh a chur leo.
account-groups = Do ghrúpaí
account-groups-intro = Cuirtear in iúl do roinnt seirbhísí cé acu de na grúpaí seo a bhfuil tú iontu. Is í do dheasc chabhrach a bhainistíonn iad.
account-groups-none = Níl tú in aon ghrúpa.

sessions-title = Mo sheisiúin
sessions-intro = Seo iad na brabhsálaithe ina bhfuil tú logáilte isteach. Cuir deireadh le haon seisiún nach n-aithníonn tú.
sessions-current = An brabhsálaí seo
sessions-started = Logáilte isteach
sessions-last-seen = Gníomhach go deireanach
sessions-address = Seoladh
sessions-browser = Brabhsálaí
sessions-methods = Fíoraithe le
sessions-services = Seirbhísí
sessions-no-services = ceann ar bith fós
sessions-end = Cuir deireadh leis an seisiún seo
sessions-ended = Cuireadh deireadh leis an seisiún.

demo-title = Seirbhís taispeána
demo-intro = Is seirbhís é an leathanach seo atá cosanta ag an bhfreastalaí logála isteach seo, mar a bheadh aon fheidhmchlár de chuid d'eagraíochta. Fuair sé ticéad CAS, bhailíochtaigh sé é, agus fuair sé na tréithe thíos.
demo-user = Ainm úsáideora
demo-attributes = Tréithe a fuarthas
demo-attribute = Tréith
demo-value = Luach
demo-logout = Logáil amach (logáil amach aonair)
demo-signed-out = Níl tú logáilte isteach sa tseirbhís taispeána.
demo-sign-in = Logáil isteach sa tseirbhís taispeána
demo-ticket-invalid = Níorbh fhéidir an ticéad a bhailíochtú: { $reason }

login-create-account = Cruthaigh cuntas
back = Siar
proceed = Lean ar aghaidh
cancel = Cealaigh
form-has-errors = Ceartaigh an méid seo a leanas, le do thoil:
field-first-name = Céadainm
field-last-name = Sloinne
field-optional = (roghnach)
field-email = Ríomhphost
field-email-confirm = Deimhnigh an ríomhphost
field-email-language = Teanga na ríomhphost
field-email-language-help = Teanga na ríomhphost a sheolaimid chugat, is cuma cén teanga atá ar na leathanaigh seo. Ní sheolaimid ríomhphoist ach chun d'aitheantas a sheiceáil nó chun eolas a thabhairt duit faoi theagmhais slándála ar do chuntas.
field-ui-language = Teanga na leathanach seo
field-ui-language-browser = Mar a iarrann mo bhrabhsálaí
field-current-password = Pasfhocal reatha
field-new-password = Pasfhocal nua
field-confirm-password = Deimhnigh an pasfhocal nua
field-new-email = Seoladh ríomhphoist nua

register-title = Cruthaigh cuntas
register-staff-note = Tá cuntas cheana féin ag baill foirne na n-eagraíochtaí a úsáideann an tseirbhís seo: ina ionad sin, logáil isteach le do sheoladh ríomhphoist oibre.
register-privacy-link = Ráiteas príobháideachais
register-privacy-accept = Léigh mé an ráiteas príobháideachais agus glacaim leis.
register-submit = Cruthaigh cuntas
register-have-account = An bhfuil cuntas agat cheana? Logáil isteach
register-closed = Ní féidir cuntas a chruthú ar an bhfreastalaí seo. Cuir ceist ar do dheasc chabhrach.
register-sent-title = Seiceáil do bhosca poist
register-sent-text = Seoladh ríomhphost chuig { $email }. Lean an nasc atá ann chun do phasfhocal a chruthú.
register-sent-validity = Tá an nasc bailí ar feadh { $validity }.
register-sent-spam = Mura dtagann an ríomhphost laistigh de chúpla nóiméad, féach i d'fhillteán turscair.

captcha-legend = Cruthaigh gur duine thú
captcha-image-alt = Pictiúr de litreacha agus digití le clóscríobh sa réimse thíos. Mura féidir leat é a léamh, úsáid an tseiceáil faoin réimse ina ionad.
captcha-new = Cód nua
captcha-label = Cuir isteach an cód atá sa phictiúr
captcha-pow-intro = Ní féidir leat an pictiúr a léamh? Lig do do bhrabhsálaí an tseiceáil a dhéanamh ina ionad: tógann sé cúpla soicind agus ní gá aon rud a léamh ná a chloisteáil.
captcha-pow-button = Seiceáil le mo bhrabhsálaí ina ionad
captcha-pow-working = Á sheiceáil…
captcha-pow-done = Déanta: ní gá duit an cód a chlóscríobh.
captcha-pow-nojs = Tá JavaScript ag teastáil don tseiceáil seo; clóscríobh an cód atá sa phictiúr ina ionad.

error-name-too-long = Tá an t-ainm seo rófhada (100 carachtar ar a mhéad).
error-name-characters = Tá carachtair nach gceadaítear san ainm seo: úsáid litreacha d'aon aibítir, spásanna, fleiscíní, uaschamóga agus poncanna.
error-first-name-required = Cuir isteach do chéadainm, le do thoil.
error-last-name-required = Cuir isteach do shloinne, le do thoil.
error-email-confirm-empty = Clóscríobh do sheoladh ríomhphoist arís, le do thoil.
error-email-mismatch = Níl an dá sheoladh ríomhphoist mar an gcéanna.
error-email-same = Is é seo do sheoladh ríomhphoist cheana féin.
error-email-taken = Tá an seoladh { $email } in úsáid ag cuntas eile cheana féin.
error-captcha = Níl an cód ceart. Clóscríobh cód an phictiúir nua, nó úsáid an tseiceáil leis an mbrabhsálaí.
error-captcha-expired = Tá an cód imithe in éag. Clóscríobh cód an phictiúir nua, nó úsáid an tseiceáil leis an mbrabhsálaí.
error-captcha-used = Úsáideadh an cód seo cheana. Clóscríobh cód an phictiúir nua, nó úsáid an tseiceáil leis an mbrabhsálaí.
error-captcha-invalid = Níorbh fhéidir an cód a sheiceáil (seans gur athraíodh an leathanach). Clóscríobh cód an phictiúir nua, nó úsáid an tseiceáil leis an mbrabhsálaí.
error-privacy = Glac leis an ráiteas príobháideachais chun cuntas a chruthú, le do thoil.
error-too-many-requests = An iomarca iarratas don seoladh seo nó ó do líonra. Bain triail eile as i gceann uair an chloig, le do thoil.
error-new-password-empty = Roghnaigh pasfhocal nua, le do thoil.
error-confirm-password-empty = Clóscríobh an pasfhocal nua arís, le do thoil.
error-password-mismatch = Níl an dá phasfhocal mar an gcéanna.
error-password-wrong = Tá an pasfhocal mícheart.
error-too-many-attempts = An iomarca iarrachtaí nár éirigh leo. Fan tamall agus bain triail eile as, le do thoil.

password-policy-intro = Caithfidh 10 gcarachtar ar a laghad a bheith i do phasfhocal, agus meascán de:
password-policy-upper = ceannlitreacha,
password-policy-lower = litreacha beaga,
password-policy-digits = digití,
password-policy-special = carachtair speisialta.
password-policy-advice = Roghnaigh pasfhocal chomh fada agus chomh casta agus is féidir chun do chuntas a dhéanamh níos sábháilte, ach cuimhnigh go mbeidh ort é a mheabhrú.
password-problem-too-short = Tá níos lú ná 10 gcarachtar ann.
password-problem-too-long = Tá sé rófhada.
password-problem-no-upper = Níl ceannlitir ann.
password-problem-no-lower = Níl litir bheag ann.
password-problem-no-digit = Níl digit ann.
password-problem-no-special = Níl carachtar speisialta ann.
password-problem-common = Tá sé róchoitianta: bheadh sé i measc na gcéad tomhaiseanna a dhéanfadh ionsaitheoir.
password-problem-personal-data = Tá do sheoladh ríomhphoist nó d'ainm ann.
password-problem-control-characters = Tá carachtair rialúcháin dhofheicthe ann.
password-strength = Neart: { $label }
password-strength-0 = an-lag
password-strength-1 = lag
password-strength-2 = measartha
password-strength-3 = maith
password-strength-4 = láidir
zx-w-StraightRowsOfKeysAreEasyToGuess = Is furasta sraitheanna díreacha eochracha a thomhas.
zx-w-ShortKeyboardPatternsAreEasyToGuess = Is furasta patrúin ghearra méarchláir a thomhas.
zx-w-RepeatsLikeAaaAreEasyToGuess = Is furasta athrá mar “aaa” a thomhas.
zx-w-RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess = Níl athrá mar “abcabcabc” ach beagán níos deacra le tomhas ná “abc”.
zx-w-ThisIsATop10Password = Tá sé seo ar cheann de na 10 bpasfhocal is coitianta.
zx-w-ThisIsATop100Password = Tá sé seo ar cheann de na 100 pasfhocal is coitianta.
zx-w-ThisIsACommonPassword = Is pasfhocal an-choitianta é seo.
zx-w-ThisIsSimilarToACommonlyUsedPassword = Tá sé seo cosúil le pasfhocal a úsáidtear go minic.
zx-w-SequencesLikeAbcAreEasyToGuess = Is furasta seichimh mar abc nó 6543 a thomhas.
zx-w-RecentYearsAreEasyToGuess = Is furasta blianta le déanaí a thomhas.
zx-w-AWordByItselfIsEasyToGuess = Is furasta focal leis féin a thomhas.
zx-w-DatesAreOftenEasyToGuess = Is minic gur furasta dátaí a thomhas.
zx-w-NamesAndSurnamesByThemselvesAreEasyToGuess = Is furasta céadainmneacha agus sloinnte leo féin a thomhas.
zx-w-CommonNamesAndSurnamesAreEasyToGuess = Is furasta céadainmneacha agus sloinnte coitianta a thomhas.
zx-s-UseAFewWordsAvoidCommonPhrases = Úsáid cúpla focal, seachain frásaí coitianta.
zx-s-NoNeedForSymbolsDigitsOrUppercaseLetters = Is tábhachtaí an fad ná siombailí, digití nó ceannlitreacha.
zx-s-AddAnotherWordOrTwo = Cuir focal nó dhó eile leis. Is fearr focail neamhchoitianta.
zx-s-CapitalizationDoesntHelpVeryMuch = Ní chuidíonn ceannlitreacha mórán.
zx-s-AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase = Tá sé beagnach chomh furasta focal i gceannlitreacha ar fad a thomhas le focal i litreacha beaga ar fad.
zx-s-ReversedWordsArentMuchHarderToGuess = Níl focail droim ar ais mórán níos deacra le tomhas.
zx-s-PredictableSubstitutionsDontHelpVeryMuch = Ní chuidíonn ionadú intuartha mar “@” in ionad “a” mórán.
zx-s-UseALongerKeyboardPatternWithMoreTurns = Úsáid patrún méarchláir níos faide le níos mó casadh ann.
zx-s-AvoidRepeatedWordsAndCharacters = Seachain focail agus carachtair athráite.
zx-s-AvoidSequences = Seachain seichimh.
zx-s-AvoidRecentYears = Seachain blianta le déanaí.
zx-s-AvoidYearsThatAreAssociatedWithYou = Seachain blianta a bhaineann leat.
zx-s-AvoidDatesAndYearsThatAreAssociatedWithYou = Seachain dátaí agus blianta a bhaineann leat.

password-new-title = Cruthaigh do phasfhocal
password-new-intro = Roghnaigh pasfhocal agus clóscríobh faoi dhó é, le cinntiú nach ndearna tú botún clóscríofa.
password-reset-title = Roghnaigh pasfhocal nua
password-reset-intro = Roghnaigh pasfhocal nua agus clóscríobh faoi dhó é. Nuair a shábhálfar é, cuirfear deireadh le gach seisiún de do chuntas.
password-expired-title = Tá do phasfhocal imithe in éag
password-expired-intro = Tá do phasfhocal róshean. Roghnaigh ceann nua agus clóscríobh faoi dhó é chun leanúint ar aghaidh.
password-submit = Seol
password-change-title = Athraigh mo phasfhocal
password-change-submit = Athraigh mo phasfhocal
password-done-title = Sábháladh do phasfhocal
password-done-text = Tá tú logáilte isteach anois.
password-done-proceed = Cliceáil “Lean ar aghaidh” chun dul ar aghaidh chuig { $service }.
password-changed-title = Athraíodh an pasfhocal
password-changed-text = Athraíodh do phasfhocal. Gheobhaidh tú ríomhphost á dheimhniú sin.
password-changed-sessions = { $count ->
    [one] Cuireadh deireadh le do sheisiún eile.
    [two] Cuireadh deireadh le do dhá sheisiún eile.
    [few] Cuireadh deireadh le do { $count } sheisiún eile.
    [many] Cuireadh deireadh le do { $count } seisiún eile.
   *[other] Cuireadh deireadh le do { $count } seisiún eile.
}

link-invalid-title = Ní féidir an nasc seo a úsáid
link-invalid-text = Níl an nasc seo bailí. Seiceáil gur chóipeáil tú an seoladh iomlán ón ríomhphost, nó iarr nasc nua.
link-used-text = Úsáideadh an nasc seo cheana. Ní oibríonn aon nasc ach uair amháin; iarr ceann nua má tá sé de dhíth ort.
link-expired-login = Tá an leathanach seo imithe in éag. Logáil isteach arís chun do phasfhocal nua a roghnú.
link-email-expired = Tá an nasc seo imithe in éag. Iarr athrú do sheolta ríomhphoist arís ó “Mo chuntas”.
link-expired-title = Tá an nasc seo imithe in éag
link-expired-text = Tá an nasc a lean tú róshean. Cuir isteach do sheoladh ríomhphoist arís chun ceann nua a fháil.
link-expired-submit = Seol nasc nua chugam

lost-password-intro = Cuir isteach seoladh ríomhphoist do chuntais. Seolfaimid nasc chugat chun pasfhocal nua a roghnú.
lost-password-submit = Seol nasc chugam
lost-password-sent-title = Seiceáil do bhosca poist
lost-password-sent = Má tá cuntas ann do { $email }, seoladh ríomhphost chuig an seoladh sin ina bhfuil nasc chun pasfhocal nua a roghnú.
lost-password-sent-validity = Tá an nasc bailí ar feadh { $validity }.

account-details = Mo shonraí pearsanta
account-details-desc = Athraigh d'ainm, na teangacha a úsáidimid, nó do sheoladh ríomhphoist.
account-password = Athraigh mo phasfhocal
account-password-desc = Roghnaigh pasfhocal nua; cuirfear deireadh le do sheisiúin eile.
account-delete = Scrios mo chuntas
account-delete-desc = Bain do chuntas agus do shonraí pearsanta.
details-title = Mo shonraí pearsanta
details-uid = Ainm úsáideora
details-save = Sábháil
details-saved = Sábháladh d'athruithe.
details-email-title = Athraigh mo sheoladh ríomhphoist
details-email-text = Seolfaimid nasc chuig an seoladh nua. Athrófar do sheoladh nuair a leanfaidh tú é, agus cuirfear in iúl do do sheoladh reatha é.
details-email-submit = Seol an nasc deimhnithe
details-email-sent = Seoladh nasc deimhnithe chuig an seoladh nua. Athrófar do sheoladh nuair a leanfaidh tú é.
email-confirm-title = Deimhnigh do sheoladh ríomhphoist nua
email-confirm-text = Athrófar seoladh ríomhphoist do chuntais ó { $old } go { $new }. Logálfaidh tú isteach leis an seoladh nua.
email-confirm-submit = Deimhnigh an seoladh nua
email-changed-title = Athraíodh an seoladh ríomhphoist
email-changed-text = Is é { $email } do sheoladh ríomhphoist anois. Úsáid é chun logáil isteach.

delete-title = Scrios mo chuntas
delete-text = Bainfear do chuntas agus do shonraí pearsanta. Ní bheidh tú in ann logáil isteach in aon seirbhís leis a thuilleadh. Ní féidir é seo a chealú.
delete-sessions = Cuirtear deireadh anois le gach seisiún de do chuntas.
delete-password = Cuir isteach do phasfhocal chun deimhniú.
delete-submit = Scrios mo chuntas
deleted-title = Scriosadh an cuntas
deleted-text = Scriosadh do chuntas agus baineadh do shonraí pearsanta.
deleted-mail = Gheobhaidh tú ríomhphost ag deimhniú an scriosta.

privacy-title = Ráiteas príobháideachais
privacy-1 = Coinníonn an tseirbhís logála isteach seo na sonraí is gá chun tú a shainaithint: d'ainmneacha, do sheoladh ríomhphoist, na teangacha a roghnaigh tú agus haiséis de do phasfhocal (ní an pasfhocal féin choíche).
privacy-2 = Taifeadann sí teagmhais slándála (logálacha isteach, athruithe ar an bpasfhocal agus ar an seoladh) mar aon leis an am agus le seoladh an líonra, chun do chuntas a chosaint agus chun mí-úsáid a imscrúdú.
privacy-3 = Ní thugann sí do na seirbhísí ina logálann tú isteach ach na tréithe atá gach ceann acu cláraithe lena bhfáil.
privacy-4 = Ní sheoltar ríomhphoist ach chun d'aitheantas a sheiceáil nó chun eolas a thabhairt duit faoi theagmhais slándála ar do chuntas.
privacy-5 = Is féidir leat do shonraí a fheiceáil agus a athrú in “Mo chuntas”, agus do chuntas a scriosadh ansin am ar bith.

dev-outbox-title = Bosca amach forbartha
dev-outbox-warning = Mód forbartha: taispeánann an leathanach seo gach ríomhphost a sheol an freastalaí. Ní mór gan é a chumasú choíche ar fhreastalaí a mbíonn fíorúsáideoirí ag teacht air.
dev-outbox-transport = Seachadadh poist: { $transport }
dev-outbox-empty = Níor seoladh aon ríomhphost fós.
dev-outbox-when = Curtha sa scuaine
dev-outbox-to = Chuig
dev-outbox-subject = Ábhar
dev-outbox-status = Stádas
dev-outbox-sent = seachadta
dev-outbox-failed = theip air: { $error }
dev-outbox-queued = { $attempts ->
    [0] ag fanacht
    [one] ag fanacht, theip ar iarracht amháin
    [two] ag fanacht, theip ar dhá iarracht
    [few] ag fanacht, theip ar { $attempts } iarracht
    [many] ag fanacht, theip ar { $attempts } n-iarracht
   *[other] ag fanacht, theip ar { $attempts } iarracht
}
dev-outbox-links = Naisc
dev-outbox-raw = An teachtaireacht mar a seoladh í

duration-hours = { $n ->
    [one] uair an chloig
    [two] dhá uair an chloig
    [few] { $n } huaire an chloig
    [many] { $n } n-uaire an chloig
   *[other] { $n } uair an chloig
}
duration-minutes = { $n ->
    [one] nóiméad amháin
    [two] dhá nóiméad
    [few] { $n } nóiméad
    [many] { $n } nóiméad
   *[other] { $n } nóiméad
}

mail-greeting = A { $name }, a chara,
mail-signature = Seolta chugat ag Limen
mail-link-fallback = Mura n-oibríonn an nasc thuas, cóipeáil an seoladh seo a leanas (déan cinnte go gcóipeáiltear an seoladh iomlán!) agus greamaigh é i mbarra seoltaí do bhrabhsálaí:
mail-help = Má tá fadhb agat, ná freagair an teachtaireacht seo; ina ionad sin, lean an chabhair nó an fhaisnéis teagmhála ar an suíomh ar a raibh tú ag iarraidh clárú.
mail-register-subject = Cruthaigh do phasfhocal
mail-register-registered = Cláraíodh thú i Limen.
mail-register-address = Is é { $email } do sheoladh ríomhphoist.
mail-register-follow = Chun do phasfhocal a chruthú, lean an nasc thíos:
mail-register-action = Cruthaigh mo phasfhocal
mail-register-validity = Tá { $validity } ar a mhéad agat, ón am ar seoladh an teachtaireacht seo, chun an nasc seo a úsáid, ach moltar duit é a dhéanamh láithreach. Tar éis an ama sin, is féidir leat iarratas eile a dhéanamh tríd an nasc céanna a leanúint: beidh ort ansin do sheoladh ríomhphoist a chur isteach arís agus d'iarratas a dheimhniú.
mail-reset-subject = Roghnaigh pasfhocal nua
mail-reset-requested = D'iarr duine éigin, tusa is dócha, pasfhocal nua a roghnú don chuntas { $email }.
mail-reset-follow = Chun pasfhocal nua a roghnú, lean an nasc thíos:
mail-reset-action = Roghnaigh pasfhocal nua
mail-reset-validity = Ní oibríonn an nasc ach uair amháin, agus tá sé bailí ar feadh { $validity } ón am ar seoladh an teachtaireacht seo. Ina dhiaidh sin, iarr arís le “Pasfhocal caillte?”.
mail-reset-not-you = Murar iarr tusa é seo, déan neamhaird den teachtaireacht seo: fanfaidh do phasfhocal mar atá.
mail-existing-subject = Tá cuntas agat cheana
mail-existing-text = Rinne duine éigin, tusa is dócha, iarracht cuntas a chruthú do { $email }. Tá cuntas ag an seoladh seo cheana, mar sin níor cruthaíodh ceann nua.
mail-existing-lost = Mura cuimhin leat do phasfhocal, roghnaigh ceann nua:
mail-existing-action = Pasfhocal caillte?
mail-existing-not-you = Mura ndearna tusa iarracht cuntas a chruthú, déan neamhaird den teachtaireacht seo.
mail-email-confirm-subject = Deimhnigh do sheoladh ríomhphoist nua
mail-email-confirm-text = Chun { $email } a úsáid mar sheoladh ríomhphoist do chuntais, lean an nasc thíos.
mail-email-confirm-action = Deimhnigh an seoladh seo
mail-email-confirm-not-you = Murar iarr tusa é seo, déan neamhaird den teachtaireacht seo: ní athrófar aon rud.
mail-security-when = Cathain: { $time }.
mail-security-not-you = Murab tusa a bhí ann, roghnaigh pasfhocal nua láithreach le “Pasfhocal caillte?” agus déan teagmháil le do dheasc chabhrach.
mail-security-review = Athbhreithnigh mo chuntas
mail-account-deleted-not-you = Murar scrios tusa do chuntas, déan teagmháil le do dheasc chabhrach láithreach.
mail-password-changed-subject = Athraíodh do phasfhocal
mail-password-changed-text = Athraíodh pasfhocal do chuntais.
mail-email-changed-subject = Athraíodh do sheoladh ríomhphoist
mail-email-changed-text = Athraíodh seoladh ríomhphoist do chuntais go { $new }. Ní bhfaighidh an seoladh seo teachtaireachtaí faoin gcuntas a thuilleadh.
mail-account-deleted-subject = Scriosadh do chuntas
mail-account-deleted-text = Scriosadh do chuntas agus a shonraí pearsanta.
mail-factor-added-subject = Cuireadh modh fíoraithe le do chuntas
mail-factor-added-text = Cuireadh an modh fíoraithe “{ $name }” le do chuntas.
mail-factor-removed-subject = Baineadh modh fíoraithe de do chuntas
mail-factor-removed-text = Baineadh an modh fíoraithe “{ $name }” de do chuntas.

## OpenID Connect
oidc-error-title = Ní féidir an t-iarratas logála isteach seo a fhreagairt
oidc-error-hint = Téigh ar ais chuig an bhfeidhmchlár agus bain triail eile as. Má leanann sé ag tarlú, inis do lucht tacaíochta an fheidhmchláir: ní réitíonn a shocruithe logála isteach lena chlárú.
oidc-error-missing-client = Ní deir an t-iarratas cén feidhmchlár as a dtagann sé (tá client_id in easnamh).
oidc-error-unknown-client = Níl an feidhmchlár a sheol anseo thú cláraithe leis an tseirbhís logála isteach seo.
oidc-error-missing-redirect = Ní deir an t-iarratas cá háit ar cheart tú a sheoladh ar ais (tá redirect_uri in easnamh).
oidc-error-bad-redirect = Níl an seoladh ar iarr an feidhmchlár tú a sheoladh ar ais chuige cláraithe dó, mar sin níor seoladh ann thú.
oidc-request-gone = Tá an t-iarratas logála isteach seo imithe in éag nó níl sé bailí. Téigh ar ais chuig an bhfeidhmchlár agus logáil isteach arís.
oidc-consent-title = Do shonraí a roinnt?
oidc-consent-text = Iarrann { $service } cead chun:
oidc-consent-allow = Ceadaigh
oidc-consent-deny = Diúltaigh
oidc-scope-openid = d'aitheantas a dheimhniú
oidc-scope-profile = d'ainm agus do rogha teanga a fheiceáil
oidc-scope-email = do sheoladh ríomhphoist a fheiceáil
oidc-scope-offline-access = rochtain a choinneáil fad is atá tú logáilte amach
oidc-scope-groups = na grúpaí ina bhfuil tú a fheiceáil
oidc-logout-title = Logáil amach
oidc-logout-asked-by = Iarrann { $service } tú a logáil amach.
oidc-logout-question = Ar mhaith leat logáil amach as gach feidhmchlár ina bhfuil tú logáilte isteach tríd an tseirbhís seo?
oidc-logout-yes = Logáil amach
oidc-logout-no = Fan logáilte isteach
oidc-logout-bad-hint = Tá comhartha aitheantais san iarratas logála amach nár eisigh an tseirbhís seo nó a athraíodh.
oidc-logout-client-mismatch = Ainmníonn an t-iarratas logála amach dhá fheidhmchlár éagsúla.
oidc-logout-bad-redirect = Níl an seoladh chun filleadh air tar éis logáil amach cláraithe don fheidhmchlár seo.
logout-frontchannel = Tá na feidhmchláir a d'úsáid tú á gcur ar an eolas freisin.
logout-continue = Lean ar aghaidh
demo-oidc-title = Feidhmchlár taispeána (OpenID Connect)
demo-oidc-intro = Logálann an feidhmchlár taispeána seo isteach thú le OpenID Connect, mar a dhéanfadh feidhmchlár gréasáin nua-aimseartha: sreabhadh an chóid údaraithe (authorization code) le PKCE. Ina dhiaidh sin taispeánann sé an comhartha aitheantais (ID token) a fuair sé, seiceáilte i gcoinne na n-eochracha foilsithe, agus a bhfuil le rá ag an gcríochphointe userinfo fút.
demo-oidc-sign-in = Logáil isteach le OpenID Connect
demo-oidc-cas-variant = Bain triail as an leagan CAS ina ionad
demo-oidc-variant = Bain triail as an leagan OpenID Connect
demo-oidc-done = Tá tú logáilte isteach. Seo a fuair an feidhmchlár.
demo-oidc-verified = Fíoraíodh síniú an chomhartha aitheantais leis an eochair { $kid } ({ $alg }) ón tacar eochracha foilsithe.
demo-oidc-claims = Éilimh (claims) an chomhartha aitheantais
demo-oidc-userinfo = Userinfo
demo-oidc-header = Ceanntásc an chomhartha aitheantais
demo-oidc-again = Logáil isteach arís
demo-oidc-failed = Níor críochnaíodh an logáil isteach: { $reason }
demo-oidc-try-again = Bain triail eile as
oidc-logout-repeated = Déanann an t-iarratas logála amach paraiméadar a athrá, mar sin ní féidir muinín a bheith as.

# Strengths, step-up and security keys (issue 5)
method-PASSWORD_WEBAUTHN = Eochair slándála nó ardán iontaofa
method-PASSWORD_WEBAUTHN-desc = Úsáid eochair slándála, ardán iontaofa nó eochair rochtana chun tú féin a fhíordheimhniú le Limen.
error-invalid-strength = D'iarr { $service } modhanna fíoraithe nach bhfuil cead aici iad a úsáid (INVALID_STRENGTH).
error-invalid-strength-hint = Inis do dheasc chabhrach na seirbhíse, le do thoil; níl aon rud is féidir leat a dhéanamh ar an leathanach seo.
login-stepup = Tá tú logáilte isteach le do phasfhocal. Teastaíonn modh fíoraithe níos láidre ón tseirbhís seo: roghnaigh thíos é.
login-register-method = Teastaíonn ó { $service } modh fíoraithe nár shocraigh tú fós: { $methods }.
login-register-link = Logáil isteach le do phasfhocal chun ceann a chlárú: { $method }
login-method-retired = Scoireadh den mhodh “{ $method }” ar { $date }. Cláraigh modh fíoraithe eile in “Mo chuntas”.
login-passkey = Logáil isteach le heochair rochtana
account-webauthn = Bainistigh m'eochracha slándála agus m'ardáin iontaofa
account-webauthn-desc = Cuir leis, athainmnigh nó bain d'eochracha slándála, d'ardáin iontaofa agus d'eochracha rochtana.
back-to-keys = Ar ais chuig m'eochracha slándála
back-to-account = Ar ais chuig “Mo chuntas”
webauthn-keys-title = M'eochracha slándála agus m'ardáin iontaofa
webauthn-keys-intro = Is gléas beag (USB, NFC) é eochair slándála a oibríonn in éineacht le do phasfhocal. Is é ardán iontaofa an fíordheimhneoir atá ionsuite i do ríomhaire nó i d'fhón (Windows Hello, Touch ID, Android). Bíonn eochair rochtana ar d'fhón nó i do bhainisteoir pasfhocal, agus is féidir léi tú a logáil isteach gan do phasfhocal.
webauthn-keys-none = Níor chláraigh tú aon eochair slándála, ardán iontaofa ná eochair rochtana fós.
webauthn-col-name = Ainm
webauthn-col-kind = Cineál
webauthn-col-model = Múnla
webauthn-col-created = Curtha leis
webauthn-col-last-used = Úsáidte go deireanach
webauthn-never-used = riamh
webauthn-model-unknown = níor nochtadh
webauthn-flagged = bactha: seans gur cóipeáladh í; bain í agus cláraigh arís í
webauthn-rename = Athainmnigh
webauthn-delete = Scrios
webauthn-add-heading = Cuir gléas leis
webauthn-add-security_key = Cuir eochair slándála leis
webauthn-add-platform = Cuir ardán iontaofa leis
webauthn-add-passkey = Cuir eochair rochtana leis
webauthn-kind-security_key = Eochair slándála
webauthn-kind-platform = Ardán iontaofa
webauthn-kind-passkey = Eochair rochtana
webauthn-kind-security_key-desc = eochair USB nó NFC a thadhlaíonn tú nuair a logálann tú isteach.
webauthn-kind-platform-desc = fíordheimhneoir an ríomhaire nó an fhóin seo féin (Windows Hello, Touch ID, glas scáileáin Android).
webauthn-kind-passkey-desc = ar an ngléas seo, i do bhainisteoir pasfhocal, nó ar d'fhón ón ríomhaire seo (taispeánann an brabhsálaí cód QR; caithfidh Bluetooth a bheith ar siúl ar an dá ghléas).
webauthn-add-intro = Tabhair ainm don ghléas a aithneoidh tú (mar shampla “M'eochair ghorm” nó “iPhone”), ansin cliceáil “Seol” agus lean treoracha do bhrabhsálaí. Má fhiafraíonn an brabhsálaí an bhfuil tú ag iarraidh faisnéis an fhíordheimhneora a anaithnidiú, ná cuir tic sa bhosca sin.
webauthn-device-name = Ainm an ghléis
webauthn-submit = Seol
webauthn-stronger-needed = Chun gléas eile a chur leis, iarrfar ort ar dtús logáil isteach le gléas atá agat cheana.
webauthn-unavailable = Níl eochracha slándála ná ardáin iontaofa ar fáil do do chuntas.
webauthn-register-text = Lean na céimeanna a thaispeánann do bhrabhsálaí: tadhaill d'eochair slándála, nó deimhnigh le do PIN, le do mhéarlorg nó le d'aghaidh.
webauthn-register-status = Dintiúr á chlárú…
webauthn-login-title = Eochair slándála nó ardán iontaofa
webauthn-login-text = Lean na céimeanna a thaispeánann do bhrabhsálaí: tadhaill d'eochair slándála, nó deimhnigh le do PIN, le do mhéarlorg nó le d'aghaidh.
webauthn-login-status = Ag fanacht le d'eochair slándála nó le d'ardán iontaofa…
webauthn-choose-title = Roghnaigh do ghléas
webauthn-choose-text = Cliceáil ar ainm na heochrach slándála nó an ardáin iontaofa is mian leat a úsáid.
webauthn-retry = Bain triail eile as
webauthn-noscript = Tá JavaScript ag teastáil don chéim seo: is tríd a dhéanann do bhrabhsálaí cumarsáid le d'eochair slándála.
webauthn-added-security_key = Cuireadh an eochair slándála leis.
webauthn-added-platform = Cuireadh an t-ardán iontaofa leis.
webauthn-added-passkey = Cuireadh an eochair rochtana leis.
webauthn-deleted = Baineadh an gléas.
webauthn-renamed = Athainmníodh an gléas.
webauthn-error-cancelled = Cealaíodh an oibríocht nó thóg sí rófhada. Bain triail eile as, agus freagair an cheist a chuireann do bhrabhsálaí.
webauthn-error-unsupported = Ní féidir leis an mbrabhsálaí seo eochracha slándála ná eochracha rochtana a úsáid anseo. Bain triail as brabhsálaí eile, nó as modh eile.
webauthn-error-already = Tá an gléas seo cláraithe le do chuntas cheana.
webauthn-error-refused = Níorbh fhéidir freagra do ghléis a fhíorú. Bain triail eile as, nó úsáid gléas eile.
webauthn-error-expired = Thóg an fíorú seo rófhada nó úsáideadh cheana é. Tosaigh arís, le do thoil.
webauthn-error-unknown = Níl an eochair slándála nó an eochair rochtana seo cláraithe le haon chuntas (seans gur baineadh í). Logáil isteach le do phasfhocal, nó úsáid gléas eile.
webauthn-error-other-account = Baineann an eochair slándála seo le cuntas eile. Úsáid eochair atá cláraithe leis an gcuntas seo.
webauthn-error-cloned = Cuireadh bac ar an eochair slándála seo: chuaigh a háiritheoir sínithe siar, agus mar sin seans gur cóipeáladh í. Bain í in “Mo chuntas” agus cláraigh arís í.
webauthn-error-not-verified = Níor fhíoraigh do ghléas thú (PIN, méarlorg nó aghaidh). Tá an fíorú sin ag teastáil chun logáil isteach gan pasfhocal.
webauthn-error-no-key = Níl aon eochair slándála ná ardán iontaofa inúsáidte agat. Cláraigh ceann in “Mo chuntas”.
webauthn-error-name = Tabhair ainm idir 1 agus 64 carachtar ar fhad don ghléas.
webauthn-error-no-such-key = Níl a leithéid de ghléas ar do chuntas.
mail-factor-renamed-subject = Athainmníodh modh fíoraithe de do chuntas
mail-factor-renamed-text = Athainmníodh an modh fíoraithe “{ $old }” go “{ $name }”.
demo-strong = Iarr arís, agus éiligh eochair slándála nó eochair rochtana (acceptStrengths=PASSWORD_WEBAUTHN): déantar fíordheimhniú breisithe (step-up) ar sheisiún pasfhocail
mail-panic-used-subject = Baineadh na modhanna fíoraithe go léir de do chuntas (PANIC)
mail-panic-used-text = Úsáideadh PANIC ar do chuntas: baineadh gach modh fíoraithe seachas an pasfhocal ({ $names }) agus cuireadh deireadh le gach seisiún. Chun rochtain a fháil ar sheirbhísí a dteastaíonn an dara fachtóir uathu, cuir ceann nua leis in “Mo chuntas”.
mail-factors-removed-subject = Bhain do dheasc chabhrach modhanna fíoraithe do chuntais
mail-factors-removed-text = Bhain do dheasc chabhrach gach modh fíoraithe seachas an pasfhocal de do chuntas ({ $names }) agus chuir sí deireadh le gach seisiún.
mail-mfa-on-subject = Tá fíordheimhniú ilfhachtóirí ag teastáil i gcónaí anois
mail-mfa-on-text = Cuireadh “Éiligh fíordheimhniú ilfhachtóirí i gcónaí” ar siúl: críochnaíonn gach logáil isteach i do chuntas leis an dara fachtóir anois.
mail-mfa-off-subject = Níl fíordheimhniú ilfhachtóirí ag teastáil i gcónaí a thuilleadh
mail-mfa-off-text = Múchadh “Éiligh fíordheimhniú ilfhachtóirí i gcónaí”: ní iarrann seirbhísí a ghlacann leis an bpasfhocal amháin an dara fachtóir a thuilleadh.
login-code-text = Cuir isteach an cód a thaispeánann do ghléas.
login-code-challenge = Cuir an dúshlán seo isteach i do ghléas, ansin clóscríobh an freagra a thaispeánann sé:
login-code-sent = Seoladh cód chuig { $to }.
login-code-label = Cód
login-code-submit = Logáil isteach
error-no-device = Níl aon ghléas inúsáidte agat don mhodh fíoraithe seo. Cláraigh ceann in “Mo chuntas”.
error-code-wrong = Níl an cód seo ceart. Seiceáil é agus bain triail eile as.
method-PASSWORD_MOBILE_APP = Cód PIN EU Login Mobile App
method-PASSWORD_MOBILE_APP-desc = Feictear iarratas ar d'fhón; deimhnigh é le do PIN.
method-PASSWORD_SOFTWARE_TOKEN = Cód QR EU Login Mobile App
method-PASSWORD_SOFTWARE_TOKEN-desc = Scan an cód QR leis an aip agus clóscríobh an cód a thaispeánann sí.
method-MOBILE_APP = Ar an bhFón Póca
method-MOBILE_APP-desc = Logáil isteach leis an aip ar an bhfón a bhfuil tú ag brabhsáil air.
method-PASSWORD_SMS = Fón Póca + SMS
method-PASSWORD_SMS-desc = Faigh cód trí SMS ar fhón póca cláraithe.
method-PASSWORD_TOKEN = Comhartha
method-PASSWORD_TOKEN-desc = Clóscríobh an cód a thaispeánann do chomhartha crua-earraí.
method-PASSWORD_TOKEN_CRAM = Comhartha CRAM
method-PASSWORD_TOKEN_CRAM-desc = Clóscríobh an dúshlán i do chomhartha, ansin a fhreagra.
method-EIDAS = eID
method-EIDAS-desc = Logáil isteach le d'aitheantas leictreonach náisiúnta.
method-SOCIAL_NETWORKS = Líonraí sóisialta
method-SOCIAL_NETWORKS-desc = Logáil isteach le cuntas líonra shóisialta.
method-CLIENT_CERT = Teastas
method-CLIENT_CERT-desc = Logáil isteach le teastas atá suiteáilte i do bhrabhsálaí nó ar do chárta cliste.
account-methods = Modhanna fíordheimhnithe
account-methods-desc = Féach ar gach modh fíoraithe de do chuntas, éiligh fíordheimhniú ilfhachtóirí, nó bain iad go léir (PANIC).
account-panic = Bain mo ghléasanna go léir (PANIC)
account-panic-desc = Ar chaill tú do ghléasanna? Bain iad go léir le do phasfhocal amháin.
methods-title = Modhanna fíordheimhnithe
methods-intro = Modhanna fíoraithe do chuntais seachas an pasfhocal: eochracha slándála, ardáin iontaofa, eochracha rochtana, agus na cinn eile de réir mar a chuirtear leo iad.
methods-none = Níl aon mhodh fíoraithe ag do chuntas seachas an pasfhocal.
methods-col-kind = Cineál
methods-col-name = Ainm
methods-col-added = Curtha leis
methods-col-last-used = Úsáidte go deireanach
methods-never-used = Riamh
methods-blocked = (bactha)
methods-mfa-title = Éiligh fíordheimhniú ilfhachtóirí i gcónaí
methods-mfa-text = Nuair atá sé seo ar siúl, críochnaíonn gach logáil isteach i do chuntas leis an dara fachtóir, fiú do sheirbhísí a ghlacann leis an bpasfhocal amháin.
methods-mfa-on = Ar siúl: críochnaíonn gach logáil isteach leis an dara fachtóir.
methods-mfa-off = Múchta: is leor an pasfhocal do sheirbhísí a ghlacann leis an bpasfhocal amháin.
methods-mfa-turn-on = Cuir ar siúl
methods-mfa-turn-off = Múch
methods-mfa-turned-on = Tá fíordheimhniú ilfhachtóirí ag teastáil i gcónaí anois.
methods-mfa-turned-off = Níl fíordheimhniú ilfhachtóirí ag teastáil i gcónaí a thuilleadh.
methods-mfa-no-factor = Cláraigh an dara fachtóir ar dtús: ní féidir fíordheimhniú ilfhachtóirí a éileamh gan é.
methods-panic-title = Ar chaill tú do ghléasanna?
methods-panic-text = Baineann PANIC gach modh fíoraithe de do chuntas seachas an pasfhocal, le do phasfhocal amháin, agus cuireann sé deireadh le gach seisiún.
methods-panic-link = Bain mo ghléasanna go léir (PANIC)
back-to-methods = Ar ais chuig “Modhanna fíordheimhnithe”
panic-title = Bain mo ghléasanna go léir (PANIC)
panic-intro = Úsáid é seo má chaill tú d'eochracha slándála, d'eochracha rochtana nó gléasanna eile, nó má cheapann tú go bhfuil siad ag duine eile. Ina dhiaidh sin:
panic-effect-factors = baintear gach modh fíoraithe seachas an pasfhocal de do chuntas;
panic-effect-sessions = cuirtear deireadh le gach seisiún de do chuntas, ar gach brabhsálaí, agus cúlghairtear rochtain gach feidhmchláir;
panic-effect-services = ní bheidh rochtain agat ar sheirbhísí a dteastaíonn an dara fachtóir uathu go dtí go gcláraíonn tú ceann nua.
panic-confirm = Tuigim: bain mo ghléasanna go léir agus cuir deireadh le mo sheisiúin go léir.
panic-submit = Bain mo ghléasanna go léir
panic-confirm-needed = Cuir tic sa bhosca chun deimhniú.
panic-not-allowed = Níl PANIC ar fáil do do chuntas. Déan teagmháil le do dheasc chabhrach chun do ghléasanna a bhaint.
panic-too-many = Úsáideadh PANIC rómhinic ar an gcuntas seo inniu. Déan teagmháil le do dheasc chabhrach.
panic-done = Baineadh do ghléasanna go léir agus cuireadh deireadh le gach seisiún. Sheolamar ríomhphost chugat faoi.
panic-removed = Baineadh:
panic-unreachable = Go dtí go gcláraíonn tú dara fachtóir nua, ní féidir leat rochtain a fháil ar na seirbhísí seo:
panic-unreachable-none = Glacann gach seirbhís a úsáideann tú leis an bpasfhocal amháin.
panic-sign-in-again = Logáil isteach arís
error-form-invalid = Níor líonadh an fhoirm seo mar a bhíothas ag súil. Bain triail eile as, le do thoil.
error-factor-throttled = An iomarca freagraí míchearta ar an dara fachtóir. Bain triail eile as i gceann { $minutes ->
    [one] nóiméid
    [two] { $minutes } nóiméad
    [few] { $minutes } nóiméad
    [many] { $minutes } nóiméad
   *[other] { $minutes } nóiméad
}.
mail-panic-confirm-subject = Deimhnigh PANIC: bain gléasanna uile do chuntais
mail-panic-confirm-text = Iarradh PANIC ar do chuntas, lena phasfhocal: bhainfí gach modh fíoraithe seachas an pasfhocal agus chuirfí deireadh le gach seisiún.
mail-panic-confirm-validity = Más tusa a bhí ann, lean an nasc seo agus deimhnigh; tá sé bailí ar feadh { $validity }:
mail-panic-confirm-action = Bain mo ghléasanna go léir
mail-panic-confirm-not-you = Murab tusa a bhí ann, ná lean an nasc: tá do phasfhocal ar eolas ag duine éigin. Roghnaigh ceann nua láithreach le “Pasfhocal caillte?”.
panic-sent = Sheolamar nasc chuig do sheoladh ríomhphoist. Lean é laistigh d'uair an chloig chun do ghléasanna go léir a bhaint: ní bhaintear aon rud go dtí sin.
panic-confirm-title = Deimhnigh: bain mo ghléasanna go léir
panic-confirm-text = Bainfear gach modh fíoraithe de chuid { $name } seachas an pasfhocal, agus cuirfear deireadh le gach seisiún.
panic-confirm-submit = Bain mo ghléasanna go léir anois
panic-link-gone = Níl an nasc seo bailí a thuilleadh (úsáidte, imithe in éag, nó curtha ar ceal ag ceann nua). Iarr PANIC arís ó “Mo chuntas”.
panic-by-mail = Le bheith cinnte gur tusa atá ann, seolaimid nasc chuig do sheoladh ríomhphoist ansin: baintear do ghléasanna nuair a leanann tú é.
login-lost-devices = Ar chaill tú d'eochair slándála nó gléasanna eile?
methods-mfa-on-inactive = Ar siúl, ach níl aon dara fachtóir inúsáidte ag do chuntas (eochair bhactha, nó modh nach dtairgtear a thuilleadh): críochnaíonn logálacha isteach leis an bpasfhocal go dtí go gcláraíonn tú ceann.

## The mobile app (issue 14, docs/MOBILE-PROTOCOL.md)
account-mobile_app = Bainistigh mo ghléasanna soghluaiste
account-mobile_app-desc = Cuir leis, athainmnigh nó bain na fóin lena ndeimhníonn tú do logálacha isteach.
mobile_app-kind-mobile = Gléas soghluaiste
mobile_app-error-no-key = Níl aon ghléas soghluaiste inúsáidte agat. Cuir ceann leis in “Mo chuntas”.
software_token-error-no-key = Níl aon ghléas soghluaiste inúsáidte agat. Cuir ceann leis in “Mo chuntas”.
on_mobile-error-no-key = Níl aon ghléas soghluaiste inúsáidte agat. Cuir ceann leis in “Mo chuntas”.
mobile-title = Bainistigh mo ghléasanna soghluaiste
mobile-intro = Deimhníonn an aip fíordheimhnithe ar d'fhón do logálacha isteach: feictear iarratas ar an bhfón, nó taispeánann an aip cód le clóscríobh anseo. Tá a PIN féin ag gach gléas.
mobile-none = Níl aon ghléas soghluaiste agat fós.
mobile-col-model = Córas agus múnla
mobile-locked = (glasáilte — an iomarca PIN mícheart, nó dínasctha ina aip: bain é agus cuir leis arís é)
mobile-device-name = Ainm an ghléis
mobile-delete = Bain
mobile-add = Cuir gléas soghluaiste leis
mobile-add-intro = Tabhair ainm don ghléas, roghnaigh a PIN agus clóscríobh arís é. Ansin feictear cód QR: scan é leis an aip fíordheimhnithe agus clóscríobh an PIN céanna ansin.
mobile-stronger-needed = Chun gléas a chur leis nó a bhaint, logáil isteach arís ar dtús le do mhodh fíoraithe is láidre.
mobile-pin = PIN ({ $n ->
    [one] digit amháin nó níos mó
    [two] dhá dhigit nó níos mó
    [few] { $n } dhigit nó níos mó
    [many] { $n } ndigit nó níos mó
   *[other] { $n } digit nó níos mó
})
mobile-pin-again = An PIN arís
mobile-submit = Lean ar aghaidh
mobile-added = Cuireadh an gléas soghluaiste leis. Is féidir leat logáil isteach leis anois.
mobile-deleted = Baineadh an gléas soghluaiste: ní féidir leis do logálacha isteach a dheimhniú a thuilleadh.
mobile-renamed = Athainmníodh an gléas soghluaiste.
mobile-unavailable = Ní féidir gléasanna soghluaiste a úsáid le do chuntas.
mobile-error-pin = Ní mór don PIN a bheith comhdhéanta de dhigití amháin, idir { $n } agus 12 díobh.
mobile-error-pin-again = Níl an dá PIN mar an gcéanna. Clóscríobh arís iad.
mobile-error-not-scanned = Níor scanadh an cód QR fós. Cuir an gléas leis arís má tá sé imithe in éag.
mobile-error-not-confirmed = Scan an gléas an cód QR ach níor dheimhnigh sé an PIN fós.
mobile-error-pin-mismatch = Ní hé an PIN a clóscríobhadh ar an ngléas an ceann a roghnaigh tú anseo. Cuir an gléas leis arís.
mobile-error-enrol-expired = Tá an cód QR imithe in éag. Cuir an gléas leis arís.
mobile-error-no-such-device = Níl a leithéid de ghléas soghluaiste agat.
mobile-scan-text = Oscail an aip fíordheimhnithe ar d'fhón agus scan an cód QR seo chun “{ $name }” a chur leis. Iarrfaidh an aip ansin an PIN a roghnaigh tú.
mobile-qr-label = Cód QR
mobile-link-text = Mura féidir leat é a scanadh, greamaigh an nasc seo san aip:
mobile-scan-expiry = Ní oibríonn an cód QR ach uair amháin, ar feadh { $n } nóiméad.
mobile-waiting = Ag fanacht le do ghléas…
mobile-scanned = Scan an gléas an cód: deimhnigh an PIN air.
mobile-continue = Lean ar aghaidh
mobile-back = Ar ais chuig mo ghléasanna soghluaiste
mobile-push-text = Seoladh iarratas chuig do ghléas. Seiceáil gur don logáil isteach seo é, ansin clóscríobh an uimhir seo san aip, agus do PIN:
mobile-number-label = An uimhir le clóscríobh san aip: { $number }
mobile-on-mobile-text = Oscail an aip fíordheimhnithe ar an bhfón seo chun deimhniú le do PIN, ansin tar ar ais chuig an leathanach seo.
mobile-open-app = Oscail an aip fíordheimhnithe
mobile-waiting-approval = Ag fanacht le do cheadú… Leanfaidh an leathanach seo ar aghaidh leis féin nuair a bheidh sé ceadaithe agat.
mobile-waiting-noscript = Nuair a bheidh sé ceadaithe agat ar do ghléas, brúigh an cnaipe thíos.
mobile-approved-button = Cheadaigh mé é ar mo ghléas
mobile-try-again = Bain triail eile as
mobile-qr-text = Scan an cód QR seo leis an aip fíordheimhnithe (oibríonn sí gan líonra), clóscríobh do PIN san aip, ansin clóscríobh anseo an cód 8 ndigit a thaispeánann sí.
mobile-qr-as-text = An cód QR mar théacs
mobile-code-label = An cód a thaispeánann an aip
mobile-error-denied = Diúltaíodh don iarratas ar do ghléas.
mobile-error-wrong-number = Ní hí an uimhir a clóscríobhadh ar do ghléas an ceann a taispeánadh anseo. Seoladh iarratas nua: clóscríobh an uimhir nua.
mobile-error-pending = Níor fhreagair do ghléas fós. Ceadaigh an t-iarratas air, ansin bain triail eile as.
mobile-error-expired = Chuaigh an t-iarratas in éag. Bain triail eile as.
mobile-error-device-removed = Níl an gléas a d'fhreagair cláraithe a thuilleadh.
mobile-error-code-format = Tá 8 ndigit sa chód.
mobile-error-wrong-code = Níl an cód seo ceart. Scan an cód QR nua agus clóscríobh an cód nua.
mobile-error-enrol-on-device = Críochnaíonn an gléas a chlárú féin.
mobile-notice-push-held = Diúltaíodh don iomarca iarratas ar do ghléasanna le huair an chloig anuas, mar sin ní sheoltar aon iarratas faoi láthair. Úsáid an modh cód QR ina ionad, nó bain triail eile as ar ball.
mail-device-locked-subject = Glasáladh gléas soghluaiste
mail-device-unlinked-subject = Dínascadh gléas soghluaiste
mail-device-unlinked-text = Dínascadh do ghléas soghluaiste “{ $name }” ina aip fíordheimhnithe (“Dínasc” nó “PIN dearmadta”). Tá sé glasáilte agus ní féidir leis logálacha isteach a dheimhniú a thuilleadh: bain é in “Mo chuntas”, agus cuir leis arís é más mian leat. Murab tusa a rinne é seo, seans go bhfuil d'fhón ag duine éigin.
mail-device-locked-text = Glasáladh do ghléas soghluaiste “{ $name }” tar éis an iomarca PIN mícheart. Ní féidir leis logálacha isteach a dheimhniú a thuilleadh: bain é agus cuir leis arís é in “Mo chuntas”. Murab tusa a chlóscríobh na PIN sin, seans go bhfuil d'fhón ag duine éigin.
mobile_app-choose-text = Tá níos mó ná gléas soghluaiste amháin agat: cliceáil ar ainm an ghléis ar cheart an t-iarratas a fháil.
mobile-error-too-many-enrolments = Thosaigh tú ag cur gléasanna leis rómhinic le huair an chloig anuas. Bain triail eile as ar ball.
mobile-open-web-app = Úsáid an fíordheimhneoir gréasáin
mail-sign-in-reported-subject = Diúltaíodh ar d'fhón do logáil isteach nár thosaigh tusa
mail-sign-in-reported-text = Diúltaíodh ar do ghléas soghluaiste “{ $device }” do logáil isteach chuig { $service } ó { $browser } (líonra { $network }) agus tuairiscíodh nach tusa a bhí ann.
mail-sign-in-reported-advice = Tá do phasfhocal ar eolas ag an duine a thosaigh í: roghnaigh ceann nua láithreach (“Pasfhocal caillte?” ar an leathanach logála isteach). Mura bhfuil tú cinnte go bhfuil do ghléasanna slán, bain iad go léir le PANIC:
mail-sign-in-reported-advice-on-mobile = Tosaíodh í le “Ar an bhFón Póca”, nach dteastaíonn pasfhocal uaidh: d'iarr duine a bhfuil do sheoladh ríomhphoist ar eolas aige ar d'fhón logáil isteach a cheadú. Ná ceadaigh ach iarratais a thosaigh tú féin, ar an bhfón sin, díreach roimhe sin. Mura bhfuil tú cinnte go bhfuil do ghléasanna slán, bain iad go léir le PANIC:
mail-sign-in-reported-action = Bain mo ghléasanna go léir (PANIC)
mail-sign-in-reported-if-you = Más tusa a bhí ann tar éis an tsaoil, níl aon rud le déanamh.

## Hardware tokens (issue 16)
login-code-device = Gléas:
token-code-device = Sraithuimhir an chomhartha:
token-code-text = Cuir do chomhartha ar siúl (clóscríobh a PIN má iarrann sé ceann) agus clóscríobh an cód a thaispeánann sé.
token-code-label = Cód an chomhartha
token_cram-code-device = Sraithuimhir an Digipass:
token_cram-code-challenge = Cuir do Digipass ar siúl, clóscríobh an dúshlán seo ann, ansin clóscríobh an freagra a thaispeánann sé:
token_cram-code-label = Freagra an Digipass
token-choose-text = Tá níos mó ná comhartha amháin agat: cliceáil ar an gceann atá agat leat.
token_cram-choose-text = Tá níos mó ná comhartha CRAM amháin agat: cliceáil ar an gceann atá agat leat.
token-error-wrong = Níl an cód seo ceart. Seiceáil gurb é cód an chomhartha seo é agus bain triail eile as.
token-error-replayed = Úsáideadh an cód seo cheana. Fan go dtí go dtaispeánann do chomhartha cód nua (nó cuir ar siúl arís é), ansin clóscríobh an ceann nua.
token-error-locked = Glasáladh an comhartha seo tar éis an iomarca cód mícheart. Bain triail eile as ar ball, nó iarr ar do dheasc chabhrach é a dhíghlasáil.
token-error-format = Ná clóscríobh ach na digití a thaispeánann do chomhartha.
token-error-format-response = Ná clóscríobh ach digití an fhreagra a thaispeánann do Digipass.
token-error-expired = Tá an leathanach seo imithe in éag. Tosaigh arís.
token-error-bind = Ní mheaitseálann na cóid seo comhartha is féidir leat a chur leis. Seiceáil an tsraithuimhir ar chúl an chomhartha, agus clóscríobh na cóid díreach mar a thaispeánann sé iad, ceann i ndiaidh a chéile.
token-kind-hotp = Comhartha (cód ar éileamh)
token-kind-totp = Comhartha (cód bunaithe ar am)
token_cram-kind-ocra = Comhartha CRAM (dúshlán–freagra)
tokens-kind-hotp = Comhartha (cód ar éileamh)
tokens-kind-totp = Comhartha (cód bunaithe ar am)
tokens-kind-ocra = Comhartha CRAM (dúshlán–freagra)
account-token = Bainistigh mo chomharthaí
account-token-desc = Cuir leis comhartha crua-earraí a thug d'eagraíocht duit, athainmnigh é nó bain é.
tokens-title = Bainistigh mo chomharthaí
tokens-intro = Is í d'eagraíocht a dháileann comharthaí crua-earraí. Chun ceann a chur leis, caithfidh sé a bheith i do lámh agat: tá a shraithuimhir clóite ar a chúl.
tokens-none = Níl aon chomhartha agat fós.
tokens-col-serial = Sraithuimhir
tokens-col-added = Curtha leis
tokens-locked = glasáilte
tokens-name-label = Ainm an chomhartha
tokens-remove = Bain
tokens-add-heading = Cuir comhartha leis
tokens-add-token = Cuir comhartha leis
tokens-add-token-desc = comhartha a thaispeánann cód nuair a chuireann tú ar siúl é nó nuair a bhrúnn tú a chnaipe.
tokens-add-cram = Cuir comhartha CRAM leis
tokens-add-cram-desc = Digipass ina gclóscríobhann tú dúshlán chun freagra a fháil.
tokens-by-helpdesk = Is í do dheasc chabhrach a shannann comharthaí do chuntais cosúil le do chuntas féin.
tokens-add-intro = Clóscríobh an tsraithuimhir atá clóite ar chúl an chomhartha (na digití go léir, gan na fleiscíní; tosaíonn seanuimhreacha sraithe le “T”), agus ainm chun é a aithint.
tokens-serial-label = Sraithuimhir
tokens-serial-hint = Mar shampla 12345678 nó T1234567.
tokens-continue = Lean ar aghaidh
tokens-back = Ar ais chuig mo chomharthaí
tokens-codes-text = Cuir an comhartha ar siúl agus clóscríobh an cód a thaispeánann sé. Ansin cuir ar siúl arís é — i gcás comhartha a n-athraíonn a chód le himeacht ama, fan go dtí go dtaispeánann sé cód nua — agus clóscríobh an dara cód sin.
tokens-code1 = An chéad chód
tokens-code2 = An chéad chód eile
tokens-cram-text = Cuir do Digipass ar siúl, clóscríobh an dúshlán seo ann, agus clóscríobh an freagra a thaispeánann sé:
tokens-add-submit = Cuir an comhartha leis
tokens-added = Cuireadh an comhartha le do chuntas.
tokens-removed = Baineadh an comhartha de do chuntas.
tokens-renamed = Athainmníodh an comhartha.
tokens-unavailable = Ní féidir comharthaí a chur le do chuntas. Cuir ceist ar do dheasc chabhrach.
tokens-error-serial = Clóscríobh an tsraithuimhir atá clóite ar an gcomhartha: litreacha agus digití amháin.
tokens-error-no-such-token = Níl a leithéid de chomhartha agat.
mail-token-locked-subject = Glasáladh comhartha
mail-token-locked-text = Glasáladh do chomhartha “{ $name }” tar éis an iomarca cód mícheart. Oibreoidh sé arís ó { $until }. Murab tusa a chlóscríobh na cóid sin, seans go bhfuil duine éigin ag iarraidh logáil isteach mar thusa: athraigh do phasfhocal.
mail-token-locked-helpdesk-text = Glasáladh do chomhartha “{ $name }” tar éis an iomarca cód mícheart. Is féidir le do dheasc chabhrach é a dhíghlasáil. Murab tusa a chlóscríobh na cóid sin, seans go bhfuil duine éigin ag iarraidh logáil isteach mar thusa: athraigh do phasfhocal.
token-error-bind-throttled = Rinne tú iarracht comharthaí a chur leis rómhinic le huair an chloig anuas. Bain triail eile as ar ball.
tokens-col-actions = Gníomhartha

## SMS (issue 17): the texts sent, the login page, My account's numbers
sms-text-login = { $code }: sin do chod logala isteach Limen. Rachaidh sé in éag i gceann { $minutes } noim. Na roinn é: ni iarrfaidh aon duine o Limen ort é go deo.
sms-text-login-service = { $code }: do chod Limen chun logail isteach chuig { $service }. In éag i gceann { $minutes } noim. Na roinn é: ni iarrfaidh aon duine o Limen ort é.
sms-text-add-number = { $code }: do chod chun an uimhir seo a chur le do chuntas Limen. In éag i gceann { $minutes } noim. Na roinn é. Murar iarr tu é, déan neamhaird den SMS seo.
sms-text-sign = { $code }: do chod Limen chun "{ $title }" a dheimhniu do { $service }. In éag i gceann { $minutes } noim. Na roinn é.
sms-code-text = Cuir isteach an cód a sheolamar chugat trí SMS (9 gcarachtar, mar shampla ABC-DEF-GHJ). D'fhéadfadh cúpla nóiméad a bheith ann sula dtagann an teachtaireacht.
sms-code-label = Dúshlán téacs SMS
sms-choose-text = Tá roinnt uimhreacha fóin póca cláraithe agat: cliceáil ar an uimhir ar cheart an cód a sheoladh chuici.
sms-error-number-invalid = Ní uimhir fóin póca i bhformáid idirnáisiúnta í seo. Tosaigh le + agus cód na tíre, mar shampla +32 470 12 34 56.
sms-error-number-type = Ní féidir leis an uimhir seo ár SMS a fháil: úsáid uimhir fóin póca (ní uimhir líne talún, ráta bhreise, shaorghlao, chostais chomhroinnte ná idirlín).
sms-error-country = Ní féidir SMS a sheoladh chuig uimhreacha sa tír seo. Úsáid uimhir eile nó modh fíoraithe eile.
sms-error-limit = Seoladh an iomarca SMS le déanaí. Bain triail eile as ar ball, nó úsáid modh fíoraithe eile.
sms-error-unavailable = Ní féidir SMS a sheoladh faoi láthair. Úsáid modh fíoraithe eile, nó bain triail eile as amárach.
sms-error-wait = Seoladh cód ar ball beag. Fan tamall sula n-iarrann tú ceann eile: d'fhéadfadh cúpla nóiméad a bheith ann sula dtagann SMS.
sms-error-format = Ní cód é seo mar a sheolaimidne é: seiceáil na carachtair a chlóscríobh tú.
sms-error-expired = Tá an cód seo imithe in éag. Iarr cód nua.
sms-error-used = Úsáideadh an cód seo cheana. Iarr cód nua.
sms-error-exhausted = An iomarca cód mícheart: ní féidir an cód seo a úsáid a thuilleadh. Iarr cód nua.
sms-error-not-sent = Níorbh fhéidir linn an SMS a sheoladh chuig an uimhir seo. Iarr cód nua ar ball, nó úsáid modh fíoraithe eile.
sms-error-wrong = Ní hé seo an cód a sheolamar. Seiceáil é agus bain triail eile as.
sms-error-no-number = Níl an uimhir fóin póca seo cláraithe i do chuntas a thuilleadh.
sms-error-already = Tá an uimhir seo cláraithe i do chuntas cheana.
login-code-not-received = Níor tháinig aon chód?
login-code-resend = Seol cód nua
account-sms = Bainistigh m'uimhreacha fóin póca
account-phones = Bainistigh m'uimhreacha fóin póca
account-phones-desc = Cuir leis na huimhreacha fóin póca ar féidir leo cóid logála isteach a fháil trí SMS, nó bain iad.
phones-title = Bainistigh m'uimhreacha fóin póca
phones-intro = Is féidir leis na huimhreacha seo cód a fháil trí SMS nuair a logálann tú isteach le “Fón Póca + SMS”. Níl SMS chomh sábháilte leis an aip mhóibíleach ná le heochair slándála: úsáid ceann acu sin más féidir leat.
phones-added = Cuireadh an uimhir leis.
phones-removed = Baineadh an uimhir.
phones-none = Níl aon uimhir fóin póca cláraithe.
phones-col-label = Ainm
phones-col-number = Uimhir
phones-remove = Bain
phones-add = Cuir uimhir fóin póca leis
phones-retired = Scoireadh de logáil isteach trí SMS: cláraigh modh fíoraithe eile (an aip mhóibíleach, eochair slándála nó eochair rochtana).
phones-unavailable = Ní thairgtear logáil isteach trí SMS do do chuntas.
phones-add-intro = Seolfar cód chuig an uimhir seo trí SMS; clóscríobh é ar an gcéad leathanach eile.
phones-number-label = Uimhir fóin póca
phones-number-hint = Formáid idirnáisiúnta, ag tosú le + agus cód na tíre, mar shampla don Bheilg: +32 470 12 34 56.
phones-label-label = Ainm (roghnach)
phones-label-hint = Ainm chun an uimhir seo a aithint, mar shampla “M'fhón oibre”.
phones-add-submit = Cuir leis
phones-back = Ar ais chuig m'uimhreacha fóin póca
phones-confirm-title = Deimhnigh an uimhir fóin póca
phones-confirm-intro = Cuir isteach an cód dúshláin a seoladh trí SMS chuig d'fhón póca, le do thoil. D'fhéadfadh cúpla nóiméad a bheith ann sula dtagann an teachtaireacht.
phones-code-label = Dúshlán téacs SMS
phones-code-hint = 8 gcarachtar, mar shampla ABCD-EFGH.
phones-confirm-submit = Críochnaigh
phones-cancel = Cealaigh
phones-error-no-such-number = Níl an uimhir seo cláraithe i do chuntas.
dev-outbox-sms-title = SMS
dev-outbox-sms-empty = Níl aon SMS ann fós.
dev-outbox-sms-text = Téacs

## Transaction signing (issue 18)
sign-page-title = Sínigh idirbheart
sign-fields-caption = An méid a iarrtar ort a dheimhniú
sign-retype-note = (iarrfaidh d'aip mhóibíleach ort é a chlóscríobh)
sign-expires = Rachaidh an t-iarratas seo in éag ag { $time }.
sign-intro = Seiceáil gach líne thuas. Chun síniú, cuir isteach do phasfhocal, roghnaigh conas deimhniú, agus cliceáil “Sínigh”.
sign-method-label = Deimhnigh le
sign-submit = Sínigh
sign-cancel = Diúltaigh agus téigh ar ais chuig an tseirbhís
sign-back = Ar ais chuig an leathanach sínithe
sign-error-unknown = Níl an t-iarratas sínithe seo ann. Téigh ar ais chuig an tseirbhís agus tosaigh arís.
sign-error-finished = Síníodh an t-iarratas sínithe seo cheana, nó diúltaíodh dó.
sign-error-expired = Tá an t-iarratas sínithe seo imithe in éag. Téigh ar ais chuig an tseirbhís agus tosaigh arís.
sign-error-other-user = Is do chuntas eile an t-iarratas sínithe seo, seachas an ceann atá logáilte isteach anseo. Logáil amach ar dtús, nó diúltaigh dó sa tseirbhís.
sign-error-changed = Ní hionann sonraí an idirbhirt a thuilleadh agus an méid a iarradh. Níor síníodh aon rud.
sign-error-method = Ní féidir an t-iarratas seo a shíniú leis an modh sin. Roghnaigh modh eile.
sign-error-no-method = Níl aon mhodh fíoraithe agat a nglacann an t-iarratas seo leis. Cláraigh ceann in “Mo chuntas” (gléas soghluaiste, eochair slándála, comhartha nó uimhir fóin), ansin tosaigh arís ón tseirbhís.
sign-error-password = Níl an pasfhocal ceart.
sign-error-again = Tá an chéim seo imithe in éag nó úsáideadh cheana í. Cuir isteach do phasfhocal arís.
sign-error-throttled = An iomarca iarrachtaí. Bain triail eile as tar éis { $until }.
account-signatures-title = Mo shínithe
account-signatures-link = Idirbhearta a shínigh mé
account-signatures-intro = Idirbhearta ar iarr seirbhísí ort iad a shíniú le Limen. Is í an admháil an cruthúnas sínithe a fuair an tseirbhís.
account-signatures-empty = Níor iarradh ort aon rud a shíniú fós.
account-signatures-service = Seirbhís
account-signatures-what = Idirbheart
account-signatures-when = Dáta
account-signatures-method = Sínithe le
account-signatures-status = Stádas
account-signatures-status-pending = ag fanacht
account-signatures-status-signed = sínithe
account-signatures-status-cancelled = diúltaithe
account-signatures-status-expired = imithe in éag
account-signatures-receipt = Íoslódáil an admháil
account-signatures-report = Ní mise a bhí ann
account-signatures-reported = tuairiscithe mar nach leatsa é
account-signatures-report-done = Go raibh maith agat. Marcáladh an síniú mar nach leatsa é agus taifeadadh é; sheolamar ríomhphost chugat. Má tá do phasfhocal ar eolas ag duine éigin, athraigh anois é, agus bain do ghléasanna má d'fhéadfadh ceann acu a bheith i lámha duine eile.
account-signatures-report-unknown = Ní féidir an síniú seo a thuairisciú (ní leatsa é, níor síníodh é, nó tuairiscíodh cheana é).
mail-signature-reported-subject = Tuairiscíodh síniú mar nach leatsa é
mail-signature-reported-text = Thuairiscigh tú nach tusa a shínigh an t-idirbheart “{ $title }” a síníodh do { $service }.
demo-sign-link = Sínigh aistriú (síniú idirbheart)
demo-sign-title = Seirbhís taispeána: sínigh aistriú
demo-sign-intro = Iarrann an tseirbhís taispeána ort aistriú a shíniú leis an dara fachtóir. Taispeánann Limen an t-aistriú duit, deimhníonn tusa é, agus fíoraíonn an tseirbhís taispeána an admháil shínithe le heochracha foilsithe Limen.
demo-sign-transfer = Aistriú lamháltas
demo-sign-amount = Méid
demo-sign-beneficiary = Cuntas an tairbhí
demo-sign-beneficiary-hint = Uimhir chuntais amhail EU-100-5 (EU-, trí dhigit, -, idir digit amháin agus sé dhigit). Iarrann an aip mhóibíleach ort í a chlóscríobh.
demo-sign-submit = Sínigh an t-aistriú seo
demo-sign-back = Ar ais chuig an tseirbhís taispeána
demo-sign-verified = Tá síniú na hadmhála bailí: deimhníonn Limen gur shínigh tú an t-aistriú seo.
demo-sign-refused = Níor síníodh an t-aistriú (diúltaíodh dó).
demo-sign-invalid = Níorbh fhéidir an admháil a fhíorú. Níor síníodh aon rud.
demo-sign-result-unknown = Tá an toradh seo anaithnid, imithe in éag nó úsáidte cheana.
demo-sign-method = Sínithe le
demo-sign-when = Am an tsínithe
demo-sign-key = Eochair Limen
demo-sign-raw = An admháil mar a fuarthas í (JWS)
token-error-cannot-sign = Ní féidir leis an gcomhartha seo idirbheart a dheimhniú: roghnaigh modh eile.
sign-error-qr-too-large = Tá an t-idirbheart seo rómhór do chód QR na haipe. Roghnaigh modh eile.
sign-error-password-expired = Tá do phasfhocal imithe in éag. Athraigh é ar dtús (logáil isteach in “Mo chuntas”), ansin sínigh arís.

## Federation: eID and social network sign-in (issue 19)
account-eids = Bainistigh m'eID agus mo chuntais cheangailte
account-eids-desc = Ceangail d'eID náisiúnta nó cuntas líonra shóisialta chun logáil isteach leis, nó bain an ceangal.
upstream-or-sign-in-with = Nó logáil isteach le
upstream-sign-in-with = Logáil isteach le { $upstream }
upstream-failed-title = Níor críochnaíodh an logáil isteach
upstream-unknown = Níl an rogha logála isteach seo ar fáil.
upstream-unreachable = Níorbh fhéidir teagmháil a dhéanamh leis an soláthraí aitheantais. Bain triail eile as ar ball, nó úsáid modh fíoraithe eile.
upstream-gone = Chuaigh an iarracht logála isteach seo in éag nó úsáideadh cheana í, nó tosaíodh í i mbrabhsálaí eile. Tosaigh arís ón leathanach logála isteach.
upstream-denied = Níor logáil an soláthraí aitheantais isteach thú (b'fhéidir gur chealaigh tú). Tosaigh arís, nó úsáid modh fíoraithe eile.
upstream-refused = Níorbh fhéidir freagra an tsoláthraí aitheantais a fhíorú, mar sin níor logáladh isteach thú. Tosaigh arís; má tharlaíonn sé arís, inis do do dheasc chabhrach.
upstream-linked-elsewhere = Tá an cuntas seo de chuid an tsoláthraí aitheantais ceangailte le cuntas eile anseo cheana. Bain an ceangal sin ar dtús, ó “Mo chuntas” an chuntais eile.
upstream-account-unusable = Ní féidir leis an gcuntas atá ceangailte leis an aitheantas seo logáil isteach (tá sé glasáilte, nó níor deimhníodh a sheoladh fós).
upstream-linked-title = Ceanglaíodh an cuntas
upstream-linked-text = Feasta is féidir leat logáil isteach leis. Is féidir leat an ceangal a bhaint in “Mo chuntas”, “Bainistigh m'eID agus mo chuntais cheangailte”.
upstream-continue = Lean ar aghaidh
upstream-choice-title = Beagnach ann
upstream-choice-intro = Logáil tú isteach le { $upstream }, ach níl aon chuntas anseo ceangailte leis fós.
upstream-have-account = Tá cuntas agam cheana
upstream-have-account-text = Logáil isteach i do chuntas mar is gnáth (le do dhara fachtóir, má tá ceann agat); ceanglófar ansin é, agus beidh tú in ann logáil isteach ar cheachtar bealach.
upstream-sign-in-to-link = Logáil isteach chun é a cheangal
upstream-new-account = Cruthaigh cuntas nua
upstream-new-account-text = Seiceáil an t-ainm agus an seoladh a thug an soláthraí aitheantais, agus ceartaigh iad más gá.
upstream-email-vouched = Dheimhnigh { $upstream } an seoladh seo: tá do chuntas réidh láithreach.
upstream-email-confirm = Seolfaimid nasc chuig an seoladh seo lena dheimhniú gur leatsa é; is féidir do chuntas a úsáid a luaithe a leanann tú é.
upstream-create = Cruthaigh mo chuntas
upstream-check-mailbox-title = Seiceáil do bhosca poist
upstream-check-mailbox = Seoladh ríomhphost chuig { $email }. Lean an nasc atá ann chun do chuntas a ghníomhachtú.
upstream-check-mailbox-hint = Mura dtagann an ríomhphost laistigh de chúpla nóiméad, féach i d'fhillteán turscair.
upstream-sign-up-closed = Ní féidir cuntas a chruthú leis an soláthraí aitheantais seo. Logáil isteach i gcuntas atá ann cheana chun é a cheangal.
upstream-activated-title = Deimhníodh an seoladh
upstream-activated-text = Tá do chuntas { $email } gníomhach. Logáil isteach leis an soláthraí aitheantais a d'úsáid tú chun é a chruthú.
upstream-activation-gone = Níl an nasc seo bailí a thuilleadh: úsáideadh cheana é, nó chuaigh sé in éag.
upstream-sign-in = Logáil isteach
upstream-links-title = Bainistigh m'eID agus mo chuntais cheangailte
upstream-links-intro = Cuntais de chuid soláthraithe aitheantais eile (eID náisiúnta, líonra sóisialta) ar féidir leat logáil isteach leo. Ní thugann cuntas líonra shóisialta ach logáil isteach bhunúsach: iarrann seirbhísí a dteastaíonn níos mó uathu modh eile.
upstream-links-none = Níl aon chuntas ceangailte.
upstream-links-linked = Ceanglaíodh an cuntas.
upstream-links-removed = Baineadh an ceangal.
upstream-links-col-provider = Soláthraí aitheantais
upstream-links-col-account = Cuntas
upstream-links-remove = Bain
upstream-links-add = Ceangail cuntas
upstream-links-link-with = Ceangail { $upstream }
upstream-links-last-way-in = Seo an t-aon bhealach isteach i do chuntas: socraigh pasfhocal (“Pasfhocal caillte?” ar an leathanach logála isteach) nó ceangail cuntas eile ar dtús.
upstream-links-not-found = Níl a leithéid de cheangal ann.
mail-upstream-activate-subject = Deimhnigh do sheoladh ríomhphoist
mail-upstream-activate-text = Cruthaíodh cuntas duit le { $upstream }.
mail-upstream-activate-action = Deimhnigh mo sheoladh
mail-upstream-tried-subject = Rinne duine éigin iarracht cuntas a chruthú le do sheoladh
mail-upstream-tried-text = Logáil duine éigin isteach le { $upstream } agus rinne sé iarracht cuntas a chruthú le { $email }, a bhfuil cuntas aige anseo cheana. Níor athraíodh aon rud.
mail-upstream-tried-link = Más tusa a bhí ann: logáil isteach mar is gnáth, ansin ceangail { $upstream } in “Mo chuntas”.
mail-upstream-tried-action = Bainistigh mo chuntais cheangailte
upstream-activate-title = Deimhnigh do chuntas
upstream-activate-text = Chun críochnú, logáil isteach i { $email } leis an soláthraí aitheantais lenar chruthaigh tú é, sa bhrabhsálaí seo.
upstream-method-unavailable = Ní thairgtear logáil isteach ar an mbealach seo do do chuntas. Úsáid modh fíoraithe eile.

## SAML identity provider (docs/SAML.md)
saml-error-title = Níorbh fhéidir glacadh le hiarratas logála isteach an fheidhmchláir
saml-error-hint = Téigh ar ais chuig an bhfeidhmchlár agus tosaigh arís. Má leanann sé seo ag tarlú, déan teagmháil le lucht tacaíochta an fheidhmchláir.
saml-error-refused = Sheol an feidhmchlár iarratas logála isteach nach féidir le Limen glacadh leis.
saml-error-unknown-sp = Níl an feidhmchlár a sheol anseo thú cláraithe leis an tseirbhís logála isteach seo.
saml-error-used = Úsáideadh an t-iarratas logála isteach seo cheana. Téigh ar ais chuig an bhfeidhmchlár agus logáil isteach as sin.
saml-error-busy = Tháinig an iomarca iarratas logála isteach ó do líonra. Fan nóiméad agus bain triail eile as.
saml-error-other-browser = Tosaíodh an t-iarratas logála isteach seo i mbrabhsálaí eile. Tosaigh arís ón bhfeidhmchlár sa bhrabhsálaí seo.
saml-logout-partial = Níor dheimhnigh na feidhmchláir seo go bhfuil tú logáilte amach astu: { $services }. Dún do bhrabhsálaí le bheith cinnte.
demo-saml-title = Feidhmchlár taispeána (SAML)
demo-saml-intro = Logálann an feidhmchlár taispeána seo isteach thú le SAML 2.0, mar a dhéanann go leor feidhmchlár fiontair: seolann sé iarratas fíordheimhnithe chuig Limen agus faigheann sé dearbhú sínithe (assertion) ag a sheirbhís tomhaltóra dearbhuithe (assertion consumer service). Ina dhiaidh sin taispeánann sé an NameID agus na tréithe a fuair sé, seiceáilte i gcoinne na n-eochracha a fhoilsíonn Limen ina mheiteashonraí.
demo-saml-sign-in = Logáil isteach le SAML
demo-saml-variant = Bain triail as an leagan SAML
demo-saml-done = Tá tú logáilte isteach. Seo a fuair an feidhmchlár.
demo-saml-verified = Fíoraíodh síniú an dearbhaithe ({ $alg }) le heochracha mheiteashonraí SAML Limen.
demo-saml-attributes = Tréithe
