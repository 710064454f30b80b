# The administration console (/admin/, issue 21).
admin-console = Amministrazzjoni
admin-nav-label = Paġni tal-amministrazzjoni
admin-nav-dashboard = Pannell tal-kontroll
admin-nav-accounts = Kontijiet
admin-nav-tokens = Tokens
admin-nav-services = Servizzi
admin-nav-keys = Ċwievet tal-iffirmar
admin-nav-audit = Reġistru tal-awditjar
admin-nav-admins = Amministraturi
admin-role-admin = amministratur
admin-role-helpdesk = servizz ta' għajnuna
admin-role-auditor = awditur
admin-back-to-console = Lura għall-amministrazzjoni
admin-forbidden-title = Aċċess irrifjutat
admin-not-admin = Il-kont tiegħek mhuwiex amministratur ta' Limen. Itlob lil amministratur jagħtik rwol.
admin-forbidden = Ir-rwol tiegħek ma jagħtikx aċċess għal din il-paġna jew għal din l-azzjoni.

admin-dashboard-title = Pannell tal-kontroll
admin-dashboard-helpdesk = Sib kont biex tgħin lid-detentur tiegħu: iżblokkah, ibgħat link biex il-password tiġi ssettjata mill-ġdid, neħħi apparat mitluf jew temm is-sessjonijiet tiegħu.
admin-fig-accounts = Kontijiet
admin-fig-active = Attivi
admin-fig-locked = Ibblokkati
admin-fig-pending = Pendenti (għad m'hemmx password)
admin-fig-sessions = Sessjonijiet attivi
admin-fig-mail-backlog = Emails li qed jistennew li jintbagħtu
admin-fig-sms-backlog = Messaġġi SMS li qed jistennew li jintbagħtu
admin-fig-successes = Dħul b'suċċess (24 siegħa)
admin-fig-failures = Dħul li falla (24 siegħa)
admin-chart-title = Dħul kull siegħa, l-aħħar 24 siegħa
admin-chart-desc = Żewġ vireg għal kull siegħa: id-dħul b'suċċess, imbagħad id-dħul li falla (bl-istrixxi). It-tabella ta' hawn taħt tagħti l-istess numri skont il-metodu.
admin-chart-successes = B'suċċess
admin-chart-failures = Fallew
admin-chart-utc = Sigħat f'UTC.
admin-chart-bar-success = { $hour }: { $count ->
    [one] dħul wieħed b'suċċess
    [two] żewġ dħulijiet b'suċċess
    [few] { $count } dħulijiet b'suċċess
    [many] { $count }-il dħul b'suċċess
   *[other] { $count } dħul b'suċċess
}
admin-chart-bar-failure = { $hour }: { $count ->
    [one] dħul wieħed li falla
    [two] żewġ dħulijiet li fallew
    [few] { $count } dħulijiet li fallew
    [many] { $count }-il dħul li falla
   *[other] { $count } dħul li falla
}
admin-table-logins = Dħul skont is-siegħa u l-metodu
admin-col-hour = Siegħa
admin-no-logins = L-ebda dħul fl-aħħar 24 siegħa.
admin-method-unknown = (mhux irreġistrat)

admin-search = Fittex
admin-search-label = Indirizz tal-email, isem jew uid
admin-status-label = Status
admin-status-any = Kull status
admin-status-active = attiv
admin-status-locked = ibblokkat
admin-status-pending = pendenti
admin-status-deleted = imħassar
admin-accounts-title = Kontijiet
admin-accounts-none = L-ebda kont ma jaqbel.
admin-col-email = Indirizz tal-email
admin-col-name = Isem
admin-col-uid = uid
admin-col-status = Status
admin-col-created = Maħluq
admin-col-method = Metodu
admin-col-added = Miżjud
admin-col-last-used = L-aħħar użu
admin-col-time = Ħin (UTC)
admin-col-event = Avveniment
admin-col-actor = Min għamilha
admin-col-detail = Dettall
admin-col-account = Kont
admin-col-service = Servizz
admin-col-kind = Tip
admin-col-holder = Detentur
admin-col-state = Stat
admin-col-protocol = Protokoll
admin-col-patterns = URLs tas-servizz
admin-col-strengths = Metodi aċċettati
admin-col-alg = Algoritmu
admin-col-activates = Jiffirma minn
admin-col-role = Rwol
admin-col-granted = Mogħti
admin-locked-out = imsakkar temporanjament
admin-pages = Paġni
admin-first-page = L-ewwel paġna
admin-next-page = Il-paġna li jmiss
admin-none = xejn
admin-yes = iva
admin-no = le

admin-lockout = Sakkatura temporanja wara dħul li falla
admin-lockout-until = sa { $date }
admin-lockout-none = xejn
admin-user-type = Tip ta' utent
admin-assurance = Assigurazzjoni tal-identità
admin-password = Password
admin-password-set = issettjata, l-aħħar bidla { $date }
admin-password-yes = issettjata
admin-password-none = għadha ma ntgħażlitx
admin-groups = Gruppi
admin-factors = Metodi ta' verifika
admin-factors-none = L-ebda apparat jew tieni fattur.
admin-blocked = sospiż
admin-sessions = Sessjonijiet
admin-sessions-none = L-ebda sessjoni attiva.
admin-recent-audit = L-aħħar entrati tal-awditjar
admin-all-audit = L-entrati kollha tal-awditjar ta' dan il-kont
admin-actions = Azzjonijiet
admin-actions-intro = Kull azzjoni titlob raġuni: tinżamm fir-reġistru tal-awditjar flimkien ma' ismek.
admin-reason-label = Raġuni
admin-action-unlock = Żblokka
admin-action-password-reset = Ibgħat link biex il-password tiġi ssettjata mill-ġdid
admin-action-remove-factor = Neħħi
admin-action-remove-all-factors = Neħħi kull metodu ta' verifika
admin-action-end-sessions = Temm kull sessjoni
admin-action-lock = Ibblokka l-kont
admin-action-delete = Ħassar il-kont
admin-action-token-unlock = Żblokka
admin-action-rotate = Ibdel
admin-action-grant = Agħti r-rwol
admin-action-revoke = Irrevoka
admin-confirm-lock-title = Tibblokka dan il-kont?
admin-confirm-lock = { $email } mhux se jkun jista' jidħol aktar, u kull sessjoni tal-kont tintemm issa.
admin-confirm-delete-title = Tħassar dan il-kont?
admin-confirm-delete = Id-data personali ta' { $email } se titneħħa u kull sessjoni tintemm. Dan ma jistax jitreġġa' lura.
admin-done-unlock = Il-kont ġie żblokkat.
admin-done-password-reset = Link biex il-password tiġi ssettjata mill-ġdid qed jintbagħat lill-indirizz tal-kont.
admin-done-remove-factor = Il-metodu ta' verifika tneħħa; is-sessjonijiet tal-kont intemmu.
admin-done-remove-all-factors = Kull metodu ta' verifika tneħħa; is-sessjonijiet tal-kont intemmu.
admin-done-end-sessions = Kull sessjoni tal-kont intemmet.
admin-done-lock = Il-kont ġie bblokkat.
admin-done-delete = Il-kont tħassar.
admin-done-token-unlock = It-token ġie żblokkat.
admin-done-rotate = Saret ċavetta tal-iffirmar ġdida.
admin-done-grant = Ir-rwol ingħata.
admin-done-revoke = Ir-rwol ġie revokat.
admin-error-reason-required = Jekk jogħġbok agħti raġuni: tinżamm fir-reġistru tal-awditjar.
admin-error-reason-too-long = Ir-raġuni hija twila wisq (mhux aktar minn 500 karattru).
admin-error-reason-characters = Ir-raġuni fiha karattri li mhumiex permessi (karattri ta' kontroll).
admin-error-no-account = M'hemm l-ebda kont bħal dan.
admin-error-status = Agħżel status mil-lista.
admin-error-page = Dan il-link tal-paġna mhuwiex validu. Erġa' ibda mill-ewwel paġna.
admin-error-not-locked = Dan il-kont la huwa bblokkat u lanqas imsakkar temporanjament: m'hemm xejn x'jiġi żblokkat.
admin-error-already-locked = Dan il-kont diġà huwa bblokkat.
admin-error-no-link = Ma jista' jintbagħat l-ebda link lil kont ibblokkat: l-ewwel iżblokkah.
admin-error-no-factor = Dan il-metodu ta' verifika mhuwiex (aktar) irreġistrat għal dan il-kont.
admin-error-self = Ma tistax tagħmel dan lill-kont tiegħek stess.
admin-error-stronger-role = Dan il-kont għandu rwol ta' amministrazzjoni li r-rwol tiegħek ma jinkludix: staqsi lil amministratur.

admin-tokens-title = Tokens fiżiċi
admin-tokens-search = Numru tas-serje, detentur jew isem
admin-tokens-unassigned = Mhux assenjati biss
admin-tokens-none = L-ebda token ma jaqbel.
admin-unassigned = mhux assenjat
admin-usable = jista' jintuża
admin-failures = kodiċijiet ħżiena: { $count }
admin-error-no-token = M'hemm l-ebda token b'dan in-numru tas-serje.

admin-services-title = Servizzi
admin-services-intro = Is-servizzi li jiddependu fuq Limen. Jinbidlu permezz tal-linja tal-kmand jew tal-API tal-amministrazzjoni.
admin-services-none = L-ebda servizz ma jaqbel.
admin-services-back = Is-servizzi kollha
admin-protocol-any = Kull protokoll
admin-every-strength = kull metodu
admin-attributes = Attributi li jingħataw
admin-logout-url = URL tal-ħruġ uniku
admin-single-logout = Ħruġ uniku
admin-proxy-callbacks = Callbacks tal-proxy
admin-builtin = integrat
admin-error-no-service = M'hemm l-ebda servizz bħal dan.

admin-keys-title = Ċwievet tal-iffirmar
admin-keys-oidc = OpenID Connect
admin-keys-saml = SAML
admin-keys-none = Għad m'hemm l-ebda ċavetta: tinħoloq waħda meta tkun meħtieġa għall-ewwel darba.
admin-keys-rotate = Ibdel ċavetta
admin-keys-rotate-intro = Issir ċavetta ġdida. Ċavetta OpenID Connect tibda tiffirma minnufih u ċ-ċavetta ta' qabilha tibqa' ppubblikata; ċavetta SAML l-ewwel tiġi ppubblikata u tibda tiffirma wara d-dewmien ikkonfigurat.
admin-key-signing = qed tiffirma
admin-key-waiting = ippubblikata, għadha ma bdietx tiffirma
admin-key-published-until = irtirata, ippubblikata sa { $date }
admin-key-retired = irtirata
admin-error-alg = Agħżel algoritmu mil-lista.

admin-admins-title = Amministraturi
admin-admins-people = Persuni
admin-admins-you = int
admin-admins-grant = Agħti rwol
admin-admins-clients = Programmi (klijenti tal-API tal-amministrazzjoni)
admin-admins-clients-intro = Jingħataw permezz tal-linja tal-kmand: limen admin client grant SERVICE --role ROLE.
admin-error-own-role = Ma tistax tibdel jew tirrevoka r-rwol tiegħek stess: staqsi lil amministratur ieħor.
admin-error-role = Agħżel rwol mil-lista.
admin-error-no-role = Dan il-kont m'għandu l-ebda rwol.

admin-audit-title = Reġistru tal-awditjar
admin-event-hint = eżatt, jew prefiss li jispiċċa b'punt: login.
# same-as-en: the actor names as the audit log writes them
admin-actor-hint = user, cli, admin:uid, client:id, system
admin-filter-account = Kont (indirizz tal-email jew uid)
admin-filter-since = Minn (jum)
admin-filter-until = Sa (jum, inkluż)
admin-filter = Iffiltra
admin-export = Esporta dawn l-entrati:
admin-audit-none = L-ebda entrata ma taqbel.
admin-error-event = Isem ta' avveniment fih ittri, ċifri, punti, sing u underscores biss.
admin-error-audit-account = L-ebda kont m'għandu dan l-indirizz tal-email jew dan l-uid.
admin-error-date = Id-dati jinkitbu SSSS-XX-JJ.
admin-error-date-order = L-ewwel jum jiġi wara l-aħħar wieħed.
admin-error-format = Il-format tal-esportazzjoni huwa csv jew jsonl.
