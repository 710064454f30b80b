# The administration console (/admin/, issue 21).
admin-console = Riarachán
admin-nav-label = Leathanaigh riaracháin
admin-nav-dashboard = Painéal
admin-nav-accounts = Cuntais
admin-nav-tokens = Comharthaí
admin-nav-services = Seirbhísí
admin-nav-keys = Eochracha sínithe
admin-nav-audit = Loga iniúchta
admin-nav-admins = Riarthóirí
admin-role-admin = riarthóir
admin-role-helpdesk = deasc chabhrach
admin-role-auditor = iniúchóir
admin-back-to-console = Ar ais chuig an riarachán
admin-forbidden-title = Diúltaíodh rochtain
admin-not-admin = Ní riarthóir Limen é do chuntas. Iarr ar riarthóir ról a thabhairt duit.
admin-forbidden = Ní thugann do ról rochtain ar an leathanach seo ná ar an ngníomh seo.

admin-dashboard-title = Painéal
admin-dashboard-helpdesk = Aimsigh cuntas chun cabhrú lena shealbhóir: díghlasáil é, seol nasc athshocraithe pasfhocail, bain gléas caillte nó cuir deireadh lena sheisiúin.
admin-fig-accounts = Cuntais
admin-fig-active = Gníomhach
admin-fig-locked = Glasáilte
admin-fig-pending = Ar feitheamh (gan pasfhocal fós)
admin-fig-sessions = Seisiúin bheo
admin-fig-mail-backlog = Ríomhphoist ag fanacht le seoladh
admin-fig-sms-backlog = Teachtaireachtaí SMS ag fanacht le seoladh
admin-fig-successes = Logálacha isteach rathúla (24 uair an chloig)
admin-fig-failures = Logálacha isteach a theip (24 uair an chloig)
admin-chart-title = Logálacha isteach in aghaidh na huaire, na 24 uair an chloig seo caite
admin-chart-desc = Dhá bharra in aghaidh na huaire: logálacha isteach rathúla, ansin logálacha isteach a theip (stríocach). Tugann an tábla thíos na huimhreacha céanna de réir modha.
admin-chart-successes = Rathúil
admin-chart-failures = Theip
admin-chart-utc = Uaireanta in UTC.
admin-chart-bar-success = { $hour }: { $count ->
    [one] logáil isteach rathúil amháin
    [two] 2 logáil isteach rathúla
    [few] { $count } logáil isteach rathúla
    [many] { $count } logáil isteach rathúla
   *[other] { $count } logáil isteach rathúil
}
admin-chart-bar-failure = { $hour }: { $count ->
    [one] iarracht logála isteach amháin a theip
    [two] 2 iarracht logála isteach a theip
    [few] { $count } iarracht logála isteach a theip
    [many] { $count } n-iarracht logála isteach a theip
   *[other] { $count } iarracht logála isteach a theip
}
admin-table-logins = Logálacha isteach de réir uaire agus modha
admin-col-hour = Uair
admin-no-logins = Níor logáladh isteach le 24 uair an chloig anuas.
admin-method-unknown = (níor taifeadadh)

admin-search = Cuardaigh
admin-search-label = Seoladh ríomhphoist, ainm nó uid
admin-status-label = Stádas
admin-status-any = Stádas ar bith
admin-status-active = gníomhach
admin-status-locked = glasáilte
admin-status-pending = ar feitheamh
admin-status-deleted = scriosta
admin-accounts-title = Cuntais
admin-accounts-none = Níl aon chuntas ag teacht leis.
admin-col-email = Seoladh ríomhphoist
admin-col-name = Ainm
admin-col-uid = uid
admin-col-status = Stádas
admin-col-created = Cruthaithe
admin-col-method = Modh
admin-col-added = Curtha leis
admin-col-last-used = Úsáidte go deireanach
admin-col-time = Am (UTC)
admin-col-event = Teagmhas
admin-col-actor = Gníomhaí
admin-col-detail = Mionsonra
admin-col-account = Cuntas
admin-col-service = Seirbhís
admin-col-kind = Cineál
admin-col-holder = Sealbhóir
admin-col-state = Staid
admin-col-protocol = Prótacal
admin-col-patterns = URLanna na seirbhíse
admin-col-strengths = Modhanna a nglactar leo
admin-col-alg = Algartam
admin-col-activates = Ag síniú ó
admin-col-role = Ról
admin-col-granted = Tugtha
admin-locked-out = glasáilte amach go sealadach
admin-pages = Leathanaigh
admin-first-page = An chéad leathanach
admin-next-page = An chéad leathanach eile
admin-none = dada
admin-yes = tá
admin-no = níl

admin-lockout = Glasáil amach tar éis logálacha isteach a theip
admin-lockout-until = go dtí { $date }
admin-lockout-none = dada
admin-user-type = Cineál úsáideora
admin-assurance = Dearbhú aitheantais
admin-password = Pasfhocal
admin-password-set = socraithe, athraithe go deireanach { $date }
admin-password-yes = socraithe
admin-password-none = gan roghnú fós
admin-groups = Grúpaí
admin-factors = Modhanna fíoraithe
admin-factors-none = Gan aon ghléas ná dara fachtóir.
admin-blocked = bactha
admin-sessions = Seisiúin
admin-sessions-none = Níl aon seisiún beo.
admin-recent-audit = Na hiontrálacha iniúchta is déanaí
admin-all-audit = Iontrálacha iniúchta uile an chuntais seo
admin-actions = Gníomhartha
admin-actions-intro = Iarrann gach gníomh cúis: coinnítear í sa loga iniúchta in éineacht le d'ainm.
admin-reason-label = Cúis
admin-action-unlock = Díghlasáil
admin-action-password-reset = Seol nasc athshocraithe pasfhocail
admin-action-remove-factor = Bain
admin-action-remove-all-factors = Bain gach modh fíoraithe
admin-action-end-sessions = Cuir deireadh le gach seisiún
admin-action-lock = Glasáil an cuntas
admin-action-delete = Scrios an cuntas
admin-action-token-unlock = Díghlasáil
admin-action-rotate = Uainigh
admin-action-grant = Tabhair an ról
admin-action-revoke = Cúlghair
admin-confirm-lock-title = An cuntas seo a ghlasáil?
admin-confirm-lock = Ní bheidh { $email } in ann logáil isteach a thuilleadh, agus cuirtear deireadh anois le gach seisiún den chuntas.
admin-confirm-delete-title = An cuntas seo a scriosadh?
admin-confirm-delete = Bainfear sonraí pearsanta { $email } agus cuirfear deireadh le gach seisiún. Ní féidir é seo a chealú.
admin-done-unlock = Díghlasáladh an cuntas.
admin-done-password-reset = Tá nasc athshocraithe pasfhocail á sheoladh chuig seoladh an chuntais.
admin-done-remove-factor = Baineadh an modh fíoraithe; cuireadh deireadh le seisiúin an chuntais.
admin-done-remove-all-factors = Baineadh gach modh fíoraithe; cuireadh deireadh le seisiúin an chuntais.
admin-done-end-sessions = Cuireadh deireadh le gach seisiún den chuntas.
admin-done-lock = Glasáladh an cuntas.
admin-done-delete = Scriosadh an cuntas.
admin-done-token-unlock = Díghlasáladh an comhartha.
admin-done-rotate = Rinneadh eochair shínithe nua.
admin-done-grant = Tugadh an ról.
admin-done-revoke = Cúlghaireadh an ról.
admin-error-reason-required = Tabhair cúis, le do thoil: coinnítear í sa loga iniúchta.
admin-error-reason-too-long = Tá an chúis rófhada (500 carachtar ar a mhéad).
admin-error-reason-characters = Tá carachtair nach gceadaítear sa chúis (carachtair rialúcháin).
admin-error-no-account = Níl a leithéid de chuntas ann.
admin-error-status = Roghnaigh stádas ón liosta.
admin-error-page = Níl nasc an leathanaigh seo bailí. Tosaigh arís ón gcéad leathanach.
admin-error-not-locked = Níl an cuntas seo glasáilte ná glasáilte amach: níl aon rud le díghlasáil.
admin-error-already-locked = Tá an cuntas seo glasáilte cheana.
admin-error-no-link = Ní féidir nasc a sheoladh chuig cuntas glasáilte: díghlasáil ar dtús é.
admin-error-no-factor = Níl an modh fíoraithe seo cláraithe don chuntas seo (a thuilleadh).
admin-error-self = Ní féidir leat é seo a dhéanamh do do chuntas féin.
admin-error-stronger-role = Tá ról riaracháin ag an gcuntas seo nach gcuimsítear i do ról féin: cuir ceist ar riarthóir.

admin-tokens-title = Comharthaí crua-earraí
admin-tokens-search = Sraithuimhir, sealbhóir nó ainm
admin-tokens-unassigned = Cinn gan sannadh amháin
admin-tokens-none = Níl aon chomhartha ag teacht leis.
admin-unassigned = gan sannadh
admin-usable = inúsáidte
admin-failures = cóid mhíchearta: { $count }
admin-error-no-token = Níl aon chomhartha ann leis an tsraithuimhir seo.

admin-services-title = Seirbhísí
admin-services-intro = Na seirbhísí a bhíonn ag brath ar Limen. Athraítear iad le líne na n-orduithe nó leis an API riaracháin.
admin-services-none = Níl aon seirbhís ag teacht leis.
admin-services-back = Na seirbhísí go léir
admin-protocol-any = Prótacal ar bith
admin-every-strength = gach modh
admin-attributes = Tréithe a scaoiltear
admin-logout-url = URL logála amach aonair
admin-single-logout = Logáil amach aonair
admin-proxy-callbacks = Aisghlaonna seachfhreastalaí (proxy callbacks)
admin-builtin = ionsuite
admin-error-no-service = Níl a leithéid de sheirbhís ann.

admin-keys-title = Eochracha sínithe
admin-keys-oidc = OpenID Connect
admin-keys-saml = SAML
admin-keys-none = Níl aon eochair ann fós: déantar ceann nuair a bhíonn sí ag teastáil den chéad uair.
admin-keys-rotate = Uainigh eochair
admin-keys-rotate-intro = Déantar eochair nua. Síníonn eochair OpenID Connect láithreach agus fanann an eochair a bhí ann roimpi foilsithe; foilsítear eochair SAML ar dtús agus síníonn sí tar éis na moille cumraithe.
admin-key-signing = ag síniú
admin-key-waiting = foilsithe, gan síniú fós
admin-key-published-until = scortha, foilsithe go dtí { $date }
admin-key-retired = scortha
admin-error-alg = Roghnaigh algartam ón liosta.

admin-admins-title = Riarthóirí
admin-admins-people = Daoine
admin-admins-you = tusa
admin-admins-grant = Tabhair ról
admin-admins-clients = Ríomhchláir (cliaint an API riaracháin)
admin-admins-clients-intro = Tugtha le líne na n-orduithe: limen admin client grant SERVICE --role ROLE.
admin-error-own-role = Ní féidir leat do ról féin a athrú ná a chúlghairm: cuir ceist ar riarthóir eile.
admin-error-role = Roghnaigh ról ón liosta.
admin-error-no-role = Níl aon ról ag an gcuntas seo.

admin-audit-title = Loga iniúchta
admin-event-hint = beacht, nó réimír dar críoch ponc: login.
# same-as-en: the actor names as the audit log writes them
admin-actor-hint = user, cli, admin:uid, client:id, system
admin-filter-account = Cuntas (seoladh ríomhphoist nó uid)
admin-filter-since = Ó (lá)
admin-filter-until = Go dtí (lá, san áireamh)
admin-filter = Scag
admin-export = Easpórtáil na hiontrálacha seo:
admin-audit-none = Níl aon iontráil ag teacht leis.
admin-error-event = Níl in ainm teagmhais ach litreacha, digití, poncanna, fleiscíní agus fostríocanna.
admin-error-audit-account = Níl an seoladh ríomhphoist ná an uid seo ag aon chuntas.
admin-error-date = Scríobhtar dátaí mar BBBB-MM-LL.
admin-error-date-order = Tá an chéad lá i ndiaidh an lae dheireanaigh.
admin-error-format = Is é csv nó jsonl formáid na heaspórtála.
