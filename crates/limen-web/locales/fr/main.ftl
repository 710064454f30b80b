app-tagline = Un compte, de nombreux services
language-label = Langue
nav-my-account = Mon compte
nav-logout = Déconnexion
nav-signed-in-as = Connecté en tant que { $name }

login-title = Connectez-vous pour continuer
login-email-label = Utilisez votre adresse électronique
login-next = Suivant
login-welcome = Bienvenue
login-external = (Externe)
login-switch-account = Vous souhaitez vous connecter avec une autre adresse électronique?
login-password-label = Mot de passe
login-lost-password = Mot de passe perdu?
login-method-label = Méthode d'authentification
login-submit = Connexion
requested-by = Demandé par { $service }
method-PASSWORD = Mot de passe
method-PASSWORD-desc = Authentifiez-vous avec votre seul mot de passe.

error-email-empty = Veuillez saisir votre adresse électronique.
error-email-invalid = Cette adresse électronique n'est pas valide. Vérifiez-la et réessayez.
error-email-character = Cette adresse contient un caractère invisible ou inhabituel ({ $codepoint }), comme une marque de direction ou une espace de largeur nulle, souvent introduit par un copier-coller. Saisissez à nouveau l'adresse.
error-password-empty = Veuillez saisir votre mot de passe.
error-credentials = L'adresse électronique ou le mot de passe est incorrect.
error-method-unavailable = Cette méthode de vérification n'est pas disponible ici. Choisissez-en une autre.
error-throttled = { $minutes ->
    [one] Trop de tentatives infructueuses. Réessayez dans une minute (à { $time } UTC).
   *[other] Trop de tentatives infructueuses. Réessayez dans { $minutes } minutes (à { $time } UTC).
}
error-account-locked = Ce compte est verrouillé. Contactez votre service d'assistance pour le faire déverrouiller.
error-csrf = Ce formulaire a expiré ou a été envoyé depuis un autre site. Veuillez réessayer.
error-no-method = Aucune des méthodes de vérification acceptées par { $service } n'est disponible pour votre compte.
error-insufficient-assurance = { $service } exige un compte dont le niveau de garantie d'identité est plus élevé que le vôtre.
error-bad-request = La requête n'est pas valide.
error-internal = Une erreur interne s'est produite. Veuillez réessayer plus tard.
error-not-found = Cette page n'existe pas.
error-page-title = Une erreur s'est produite
back-to-login = Retour à la page de connexion

unknown-service-title = Service inconnu
unknown-service-text = L'application qui vous a envoyé ici n'est pas enregistrée auprès de ce service de connexion : vous n'y avez donc pas été renvoyé. Cela vous protège des sites qui se font passer pour un service de confiance.
unknown-service-hint = Si vous avez suivi un lien depuis un service connu, signalez à son service d'assistance que son adresse n'est pas enregistrée.

login-success-title = Authentification réussie
login-success-text = Vous êtes connecté.
login-success-hint = Pour arrêter la connexion automatique, cliquez sur Déconnexion ou fermez toutes les fenêtres de votre navigateur web.
continue-title = Continuer vers le service
continue-text = Votre navigateur n'a pas continué automatiquement. Appuyez sur le bouton pour accéder à { $service }.
continue-button = Continuer

logout-title = Déconnexion
logout-text = Vous avez été déconnecté.
logout-services = { $count ->
    [0] Aucun service n'était ouvert dans cette session.
    [one] Le service que vous avez utilisé a été informé de votre déconnexion.
   *[other] Les { $count } services que vous avez utilisés ont été informés de votre déconnexion.
}
logout-close-browser = Pour votre sécurité, fermez votre navigateur lorsque vous avez terminé.

lost-password-title = Mot de passe perdu

account-title = Mon compte
account-sessions = Afficher mes sessions
account-sessions-desc = Vous pouvez visualiser vos sessions ouvertes et y mettre fin.

sessions-title = Mes sessions
sessions-intro = Voici les navigateurs dans lesquels vous êtes connecté. Mettez fin à toute session que vous ne reconnaissez pas.
sessions-current = Ce navigateur
sessions-started = Connexion
sessions-last-seen = Dernière activité
sessions-address = Adresse
sessions-browser = Navigateur
sessions-methods = Vérifié par
sessions-services = Services
sessions-no-services = aucun pour l'instant
sessions-end = Mettre fin à cette session
sessions-ended = La session a été fermée.

demo-title = Service de démonstration
demo-intro = Cette page est un service protégé par ce serveur de connexion, comme le serait toute application de votre organisation. Elle a reçu un ticket CAS, l'a validé et a obtenu les attributs ci-dessous.
demo-user = Nom d'utilisateur
demo-attributes = Attributs reçus
demo-attribute = Attribut
demo-value = Valeur
demo-logout = Se déconnecter (déconnexion unique)
demo-signed-out = Vous n'êtes pas connecté au service de démonstration.
demo-sign-in = Se connecter au service de démonstration
demo-ticket-invalid = Le ticket n'a pas pu être validé : { $reason }

login-create-account = Créer un compte
back = Retour
proceed = Procéder
cancel = Annuler
form-has-errors = Veuillez corriger les points suivants :
field-first-name = Prénom
field-last-name = Nom de famille
field-optional = (facultatif)
field-email = E-mail
field-email-confirm = Confirmez l'e-mail
field-email-language = Langue d'e-mail
field-email-language-help = La langue des e-mails que nous vous envoyons, quelle que soit la langue de ces pages. Nous ne vous envoyons des e-mails que pour vérifier votre identité ou pour vous informer d'événements de sécurité concernant votre compte.
field-ui-language = Langue de ces pages
field-ui-language-browser = Selon les préférences de mon navigateur
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-confirm-password = Confirmez le nouveau mot de passe
field-new-email = Nouvelle adresse électronique

register-title = Créer un compte
register-staff-note = Les membres du personnel des organisations qui utilisent ce service disposent déjà d'un compte : connectez-vous plutôt avec votre adresse électronique professionnelle.
register-privacy-link = Déclaration de confidentialité
register-privacy-accept = J'ai lu la déclaration de confidentialité et je l'accepte.
register-submit = Créer un compte
register-have-account = Vous avez déjà un compte? Connectez-vous
register-closed = Il n'est pas possible de créer un compte sur ce serveur. Adressez-vous à votre service d'assistance.
register-sent-title = Vérifiez votre boîte de réception
register-sent-text = Un e-mail a été envoyé à { $email }. Suivez le lien qu'il contient pour créer votre mot de passe.
register-sent-validity = Le lien est valable pendant { $validity }.
register-sent-spam = Si l'e-mail ne vous parvient pas d'ici quelques minutes, vérifiez votre dossier de courrier indésirable.

captcha-legend = Prouvez que vous êtes un être humain
captcha-image-alt = Image de lettres et de chiffres à saisir dans le champ ci-dessous. Si vous ne parvenez pas à la lire, utilisez plutôt la vérification proposée sous le champ.
captcha-new = Nouveau code
captcha-label = Saisissez le code affiché sur l'image
captcha-pow-intro = Vous ne parvenez pas à lire l'image? Laissez plutôt votre navigateur effectuer la vérification : cela prend quelques secondes et ne demande ni de lire ni d'écouter quoi que ce soit.
captcha-pow-button = Vérifier plutôt avec mon navigateur
captcha-pow-working = Vérification…
captcha-pow-done = Terminé : vous n'avez pas besoin de saisir le code.
captcha-pow-nojs = Cette vérification nécessite JavaScript. Saisissez plutôt le code figurant sur l'image.

error-name-too-long = Ce nom est trop long (100 caractères au maximum).
error-name-characters = Ce nom contient des caractères non autorisés : utilisez des lettres de n'importe quel alphabet, des espaces, des traits d'union, des apostrophes et des points.
error-first-name-required = Veuillez saisir votre prénom.
error-last-name-required = Veuillez saisir votre nom de famille.
error-email-confirm-empty = Veuillez saisir à nouveau votre adresse électronique.
error-email-mismatch = Les deux adresses électroniques ne sont pas identiques.
error-email-same = Il s'agit déjà de votre adresse électronique.
error-email-taken = L'adresse { $email } est déjà utilisée par un autre compte.
error-captcha = Le code est incorrect. Saisissez le code de la nouvelle image ou utilisez la vérification par le navigateur.
error-captcha-expired = Le code a expiré. Saisissez le code de la nouvelle image ou utilisez la vérification par le navigateur.
error-captcha-used = Ce code a déjà été utilisé. Saisissez le code de la nouvelle image ou utilisez la vérification par le navigateur.
error-captcha-invalid = Le code n'a pas pu être vérifié (la page a peut-être été modifiée). Saisissez le code de la nouvelle image ou utilisez la vérification par le navigateur.
error-privacy = Veuillez accepter la déclaration de confidentialité pour créer un compte.
error-too-many-requests = Trop de demandes pour cette adresse ou depuis votre réseau. Veuillez réessayer dans une heure.
error-new-password-empty = Veuillez choisir un nouveau mot de passe.
error-confirm-password-empty = Veuillez saisir à nouveau le nouveau mot de passe.
error-password-mismatch = Les deux mots de passe ne sont pas identiques.
error-password-wrong = Le mot de passe est incorrect.
error-too-many-attempts = Trop de tentatives infructueuses. Veuillez patienter un moment, puis réessayer.

password-policy-intro = Votre mot de passe doit contenir au moins 10 caractères et une combinaison de :
password-policy-upper = lettres majuscules,
password-policy-lower = lettres minuscules,
password-policy-digits = chiffres,
password-policy-special = caractères spéciaux.
password-policy-advice = Choisissez un mot de passe aussi long et complexe que possible afin de rendre votre compte plus sûr, mais gardez à l'esprit que vous devrez vous en souvenir.
password-problem-too-short = Il compte moins de 10 caractères.
password-problem-too-long = Il est trop long.
password-problem-no-upper = Il ne contient aucune lettre majuscule.
password-problem-no-lower = Il ne contient aucune lettre minuscule.
password-problem-no-digit = Il ne contient aucun chiffre.
password-problem-no-special = Il ne contient aucun caractère spécial.
password-problem-common = Il est trop courant : ce serait l'un des premiers essais d'un attaquant.
password-problem-personal-data = Il contient votre adresse électronique ou votre nom.
password-problem-control-characters = Il contient des caractères de contrôle invisibles.
password-strength = Robustesse : { $label }
password-strength-0 = très faible
password-strength-1 = faible
password-strength-2 = moyenne
password-strength-3 = bonne
password-strength-4 = élevée
zx-w-StraightRowsOfKeysAreEasyToGuess = Les rangées de touches consécutives sont faciles à deviner.
zx-w-ShortKeyboardPatternsAreEasyToGuess = Les motifs de clavier courts sont faciles à deviner.
zx-w-RepeatsLikeAaaAreEasyToGuess = Les répétitions comme « aaa » sont faciles à deviner.
zx-w-RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess = Les répétitions comme « abcabcabc » sont à peine plus difficiles à deviner que « abc ».
zx-w-ThisIsATop10Password = Ce mot de passe fait partie des 10 mots de passe les plus courants.
zx-w-ThisIsATop100Password = Ce mot de passe fait partie des 100 mots de passe les plus courants.
zx-w-ThisIsACommonPassword = Ce mot de passe est très courant.
zx-w-ThisIsSimilarToACommonlyUsedPassword = Ce mot de passe ressemble à un mot de passe couramment utilisé.
zx-w-SequencesLikeAbcAreEasyToGuess = Les suites comme abc ou 6543 sont faciles à deviner.
zx-w-RecentYearsAreEasyToGuess = Les années récentes sont faciles à deviner.
zx-w-AWordByItselfIsEasyToGuess = Un mot seul est facile à deviner.
zx-w-DatesAreOftenEasyToGuess = Les dates sont souvent faciles à deviner.
zx-w-NamesAndSurnamesByThemselvesAreEasyToGuess = Les prénoms et les noms de famille seuls sont faciles à deviner.
zx-w-CommonNamesAndSurnamesAreEasyToGuess = Les prénoms et les noms de famille courants sont faciles à deviner.
zx-s-UseAFewWordsAvoidCommonPhrases = Utilisez plusieurs mots, en évitant les expressions courantes.
zx-s-NoNeedForSymbolsDigitsOrUppercaseLetters = La longueur compte davantage que les symboles, les chiffres ou les majuscules.
zx-s-AddAnotherWordOrTwo = Ajoutez un ou deux mots. Les mots peu courants sont préférables.
zx-s-CapitalizationDoesntHelpVeryMuch = Les majuscules n'apportent pas grand-chose.
zx-s-AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase = Un mot de passe entièrement en majuscules est presque aussi facile à deviner qu'un mot de passe entièrement en minuscules.
zx-s-ReversedWordsArentMuchHarderToGuess = Les mots écrits à l'envers ne sont guère plus difficiles à deviner.
zx-s-PredictableSubstitutionsDontHelpVeryMuch = Les substitutions prévisibles, comme « @ » au lieu de « a », n'apportent pas grand-chose.
zx-s-UseALongerKeyboardPatternWithMoreTurns = Utilisez un motif de clavier plus long, avec davantage de changements de direction.
zx-s-AvoidRepeatedWordsAndCharacters = Évitez les mots et les caractères répétés.
zx-s-AvoidSequences = Évitez les suites de caractères.
zx-s-AvoidRecentYears = Évitez les années récentes.
zx-s-AvoidYearsThatAreAssociatedWithYou = Évitez les années qui ont un rapport avec vous.
zx-s-AvoidDatesAndYearsThatAreAssociatedWithYou = Évitez les dates et les années qui ont un rapport avec vous.

password-new-title = Créez votre mot de passe
password-new-intro = Choisissez un mot de passe et saisissez-le deux fois, pour vous assurer de ne pas avoir fait de faute de frappe.
password-reset-title = Choisissez un nouveau mot de passe
password-reset-intro = Choisissez un nouveau mot de passe et saisissez-le deux fois. Dès qu'il est enregistré, toutes les sessions de votre compte sont fermées.
password-expired-title = Votre mot de passe a expiré
password-expired-intro = Votre mot de passe est trop ancien. Choisissez-en un nouveau et saisissez-le deux fois pour continuer.
password-submit = Soumettre
password-change-title = Modifier mon mot de passe
password-change-submit = Modifier mon mot de passe
password-done-title = Votre mot de passe a été enregistré
password-done-text = Vous êtes maintenant connecté.
password-done-proceed = Cliquez sur « Procéder » pour accéder à { $service }.
password-changed-title = Mot de passe modifié
password-changed-text = Votre mot de passe a été modifié. Un e-mail vous le confirme.
password-changed-sessions = { $count ->
    [one] Votre autre session a été fermée.
   *[other] Vos { $count } autres sessions ont été fermées.
}

link-invalid-title = Ce lien ne peut pas être utilisé
link-invalid-text = Ce lien n'est pas valide. Vérifiez que vous avez copié l'adresse complète figurant dans l'e-mail, ou demandez un nouveau lien.
link-used-text = Ce lien a déjà été utilisé. Chaque lien ne fonctionne qu'une seule fois : demandez-en un nouveau si nécessaire.
link-expired-login = Cette page a expiré. Connectez-vous à nouveau pour choisir votre nouveau mot de passe.
link-email-expired = Ce lien a expiré. Demandez à nouveau la modification de votre adresse électronique depuis Mon compte.
link-expired-title = Ce lien a expiré
link-expired-text = Le lien que vous avez suivi est trop ancien. Saisissez à nouveau votre adresse électronique pour en recevoir un nouveau.
link-expired-submit = Envoyez-moi un nouveau lien

lost-password-intro = Saisissez l'adresse électronique de votre compte. Nous vous enverrons un lien permettant de choisir un nouveau mot de passe.
lost-password-submit = Envoyez-moi un lien
lost-password-sent-title = Vérifiez votre boîte de réception
lost-password-sent = Si un compte existe pour { $email }, un e-mail contenant un lien permettant de choisir un nouveau mot de passe a été envoyé à cette adresse.
lost-password-sent-validity = Le lien est valable pendant { $validity }.

account-details = Mes données personnelles
account-details-desc = Modifiez votre nom, les langues utilisées ou votre adresse électronique.
account-password = Modifier mon mot de passe
account-password-desc = Choisissez un nouveau mot de passe. Vos autres sessions seront fermées.
account-delete = Supprimer mon compte
account-delete-desc = Supprimez votre compte et vos données personnelles.
details-title = Mes données personnelles
details-uid = Nom d'utilisateur
details-save = Enregistrer
details-saved = Vos modifications ont été enregistrées.
details-email-title = Modifier mon adresse électronique
details-email-text = Nous enverrons un lien à la nouvelle adresse. Votre adresse sera modifiée lorsque vous suivrez ce lien, et votre adresse actuelle en sera informée.
details-email-submit = Envoyer le lien de confirmation
details-email-sent = Un lien de confirmation a été envoyé à la nouvelle adresse. Votre adresse sera modifiée lorsque vous suivrez ce lien.
email-confirm-title = Confirmez votre nouvelle adresse électronique
email-confirm-text = L'adresse électronique de votre compte va passer de { $old } à { $new }. Vous vous connecterez avec la nouvelle adresse.
email-confirm-submit = Confirmer la nouvelle adresse
email-changed-title = Adresse électronique modifiée
email-changed-text = Votre adresse électronique est désormais { $email }. Utilisez-la pour vous connecter.

delete-title = Supprimer mon compte
delete-text = Votre compte et vos données personnelles seront supprimés. Vous ne pourrez plus l'utiliser pour vous connecter à aucun service. Cette opération est irréversible.
delete-sessions = Toutes les sessions de votre compte seront immédiatement fermées.
delete-password = Saisissez votre mot de passe pour confirmer.
delete-submit = Supprimer mon compte
deleted-title = Compte supprimé
deleted-text = Votre compte a été supprimé et vos données personnelles ont été effacées.
deleted-mail = Un e-mail vous confirme la suppression.

privacy-title = Déclaration de confidentialité
privacy-1 = Ce service de connexion conserve les données nécessaires pour vous identifier : vos nom et prénom, votre adresse électronique, les langues que vous avez choisies et une empreinte cryptographique (hachage) de votre mot de passe (jamais le mot de passe lui-même).
privacy-2 = Il enregistre les événements de sécurité (connexions, modifications du mot de passe ou de l'adresse) avec l'heure et l'adresse réseau, afin de protéger votre compte et d'enquêter sur les abus.
privacy-3 = Il ne communique aux services auxquels vous vous connectez que les attributs que chacun d'eux est enregistré pour recevoir.
privacy-4 = Des e-mails ne vous sont envoyés que pour vérifier votre identité ou pour vous informer d'événements de sécurité concernant votre compte.
privacy-5 = Vous pouvez consulter et modifier vos données dans Mon compte, et y supprimer votre compte à tout moment.

dev-outbox-title = Boîte d'envoi de développement
dev-outbox-warning = Mode développement : cette page affiche tous les e-mails envoyés par le serveur. Elle ne doit jamais être activée sur un serveur accessible à de vrais utilisateurs.
dev-outbox-transport = Acheminement des e-mails : { $transport }
dev-outbox-empty = Aucun e-mail n'a encore été envoyé.
dev-outbox-when = Mis en file d'attente
dev-outbox-to = Destinataire
dev-outbox-subject = Objet
dev-outbox-status = État
dev-outbox-sent = remis
dev-outbox-failed = échec : { $error }
dev-outbox-queued = { $attempts ->
    [0] en attente
   *[other] en attente (tentatives échouées : { $attempts })
}
dev-outbox-links = Liens
dev-outbox-raw = Message tel qu'envoyé

duration-hours = { $n ->
    [one] une heure
   *[other] { $n } heures
}
duration-minutes = { $n ->
    [one] une minute
   *[other] { $n } minutes
}

mail-greeting = Bonjour { $name },
mail-signature = Ce message vous a été envoyé par Limen
mail-link-fallback = Si le lien ci-dessus ne fonctionne pas, copiez l'adresse suivante (assurez-vous de copier l'adresse complète!) et collez-la dans la barre d'adresse de votre navigateur :
mail-help = En cas de problème, au lieu de répondre à ce message, veuillez suivre les indications d'aide ou de contact figurant sur le site sur lequel vous tentiez de vous inscrire.
mail-register-subject = Créez votre mot de passe
mail-register-registered = Vous avez été enregistré dans Limen.
mail-register-address = Votre adresse électronique est { $email }.
mail-register-follow = Pour créer votre mot de passe, suivez le lien ci-dessous :
mail-register-action = Créer mon mot de passe
mail-register-validity = Vous pouvez utiliser ce lien pendant { $validity } au maximum à compter de l'heure d'envoi de ce message, mais nous vous invitons à le faire immédiatement. Passé ce délai, vous pourrez présenter une nouvelle demande en suivant le même lien : vous devrez alors saisir à nouveau votre adresse électronique et confirmer votre demande.
mail-reset-subject = Choisissez un nouveau mot de passe
mail-reset-requested = Quelqu'un, probablement vous, a demandé à choisir un nouveau mot de passe pour le compte { $email }.
mail-reset-follow = Pour choisir un nouveau mot de passe, suivez le lien ci-dessous :
mail-reset-action = Choisir un nouveau mot de passe
mail-reset-validity = Le lien ne peut être utilisé qu'une seule fois, pendant { $validity } à compter de l'envoi de ce message. Passé ce délai, faites une nouvelle demande au moyen de « Mot de passe perdu? ».
mail-reset-not-you = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.
mail-existing-subject = Vous avez déjà un compte
mail-existing-text = Quelqu'un, probablement vous, a tenté de créer un compte pour { $email }. Un compte existe déjà pour cette adresse : aucun nouveau compte n'a donc été créé.
mail-existing-lost = Si vous ne vous souvenez plus de votre mot de passe, choisissez-en un nouveau :
mail-existing-action = Mot de passe perdu?
mail-existing-not-you = Si vous n'avez pas tenté de créer un compte, ignorez ce message.
mail-email-confirm-subject = Confirmez votre nouvelle adresse électronique
mail-email-confirm-text = Pour utiliser { $email } comme adresse électronique de votre compte, suivez le lien ci-dessous.
mail-email-confirm-action = Confirmer cette adresse
mail-email-confirm-not-you = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne sera modifié.
mail-security-when = Date et heure : { $time }.
mail-security-not-you = Si vous n'êtes pas à l'origine de cette opération, choisissez immédiatement un nouveau mot de passe au moyen de « Mot de passe perdu? » et contactez votre service d'assistance.
mail-security-review = Consulter mon compte
mail-account-deleted-not-you = Si vous n'avez pas supprimé votre compte, contactez immédiatement votre service d'assistance.
mail-password-changed-subject = Votre mot de passe a été modifié
mail-password-changed-text = Le mot de passe de votre compte a été modifié.
mail-email-changed-subject = Votre adresse électronique a été modifiée
mail-email-changed-text = L'adresse électronique de votre compte a été remplacée par { $new }. La présente adresse ne recevra plus de messages concernant ce compte.
mail-account-deleted-subject = Votre compte a été supprimé
mail-account-deleted-text = Votre compte et ses données personnelles ont été supprimés.
mail-factor-added-subject = Une méthode de vérification a été ajoutée à votre compte
mail-factor-added-text = La méthode de vérification « { $name } » a été ajoutée à votre compte.
mail-factor-removed-subject = Une méthode de vérification a été supprimée de votre compte
mail-factor-removed-text = La méthode de vérification « { $name } » a été supprimée de votre compte.
mail-panic-used-subject = Votre compte a été bloqué (PANIC)
mail-panic-used-text = Le bouton PANIC a été utilisé : vos sessions ont été fermées et votre compte a été bloqué.

## OpenID Connect
oidc-error-title = Impossible de répondre à cette demande de connexion
oidc-error-hint = Retournez à l'application et réessayez. Si le problème persiste, prévenez le support de l'application : ses paramètres de connexion ne correspondent pas à son enregistrement.
oidc-error-missing-client = La demande n'indique pas de quelle application elle provient (client_id manquant).
oidc-error-unknown-client = L'application qui vous a envoyé ici n'est pas enregistrée auprès de ce service de connexion.
oidc-error-missing-redirect = La demande n'indique pas où vous renvoyer (redirect_uri manquant).
oidc-error-bad-redirect = L'adresse à laquelle l'application demande de vous renvoyer n'est pas enregistrée pour elle ; vous n'y avez donc pas été envoyé.
oidc-request-gone = Cette demande de connexion a expiré ou n'est pas valide. Retournez à l'application et connectez-vous à nouveau.
oidc-consent-title = Partager vos informations ?
oidc-consent-text = { $service } demande à :
oidc-consent-allow = Autoriser
oidc-consent-deny = Refuser
oidc-scope-openid = confirmer votre identité
oidc-scope-profile = voir votre nom et votre langue préférée
oidc-scope-email = voir votre adresse électronique
oidc-scope-offline-access = garder l'accès lorsque vous êtes déconnecté
oidc-logout-title = Déconnexion
oidc-logout-asked-by = { $service } demande à vous déconnecter.
oidc-logout-question = Voulez-vous vous déconnecter de toutes les applications auxquelles vous êtes connecté par ce service ?
oidc-logout-yes = Se déconnecter
oidc-logout-no = Rester connecté
oidc-logout-bad-hint = La demande de déconnexion contient un jeton d'identité que ce service n'a pas émis ou qui a été modifié.
oidc-logout-client-mismatch = La demande de déconnexion désigne deux applications différentes.
oidc-logout-bad-redirect = L'adresse de retour après la déconnexion n'est pas enregistrée pour cette application.
logout-frontchannel = Les applications que vous avez utilisées en sont aussi informées.
logout-continue = Continuer
demo-oidc-title = Application de démonstration (OpenID Connect)
demo-oidc-intro = Cette application de démonstration vous connecte avec OpenID Connect, comme le ferait une application web moderne : flux « authorization code » avec PKCE. Elle affiche ensuite le jeton d'identité reçu, vérifié avec les clés publiées, et ce que le point d'accès userinfo dit de vous.
demo-oidc-sign-in = Se connecter avec OpenID Connect
demo-oidc-cas-variant = Essayer plutôt la variante CAS
demo-oidc-variant = Essayer la variante OpenID Connect
demo-oidc-done = Vous êtes connecté. Voici ce que l'application a reçu.
demo-oidc-verified = La signature du jeton d'identité a été vérifiée avec la clé { $kid } ({ $alg }) de l'ensemble de clés publié.
demo-oidc-claims = Contenu du jeton d'identité
demo-oidc-userinfo = Userinfo
demo-oidc-header = En-tête du jeton d'identité
demo-oidc-again = Se connecter à nouveau
demo-oidc-failed = La connexion n'a pas abouti : { $reason }
demo-oidc-try-again = Réessayer
oidc-logout-repeated = La demande de déconnexion répète un paramètre ; elle ne peut donc pas être prise en compte.

# Niveaux d'authentification, renforcement et clés de sécurité (ticket 5)
method-PASSWORD_WEBAUTHN = Plateforme sécurisée ou clé de sécurité
method-PASSWORD_WEBAUTHN-desc = Utiliser une plateforme sécurisée, une clé de sécurité ou une clé d'accès pour vous authentifier avec Limen.
error-invalid-strength = { $service } a demandé des méthodes de vérification qu'il n'est pas autorisé à utiliser (INVALID_STRENGTH).
error-invalid-strength-hint = Veuillez prévenir le service d'assistance de ce service ; vous ne pouvez rien faire sur cette page.
login-stepup = Vous êtes connecté avec votre mot de passe. Ce service exige une méthode de vérification plus forte : choisissez-la ci-dessous.
login-register-method = { $service } exige une méthode de vérification que vous n'avez pas encore configurée : { $methods }.
login-register-link = Connectez-vous avec votre mot de passe pour en enregistrer une : { $method }
login-method-retired = La méthode « { $method } » a été supprimée le { $date }. Enregistrez une autre méthode de vérification dans Mon compte.
login-passkey = Se connecter avec une clé d'accès
account-webauthn = Gérer mes clés de sécurité et plateformes sécurisées
account-webauthn-desc = Ajoutez, renommez ou supprimez vos clés de sécurité, plateformes sécurisées et clés d'accès.
back-to-keys = Retour à mes clés de sécurité
back-to-account = Retour à Mon compte
webauthn-keys-title = Mes clés de sécurité et plateformes sécurisées
webauthn-keys-intro = Une clé de sécurité est un petit appareil (USB, NFC) qui fonctionne en plus de votre mot de passe. Une plateforme sécurisée est l'authentificateur intégré à votre ordinateur ou téléphone (Windows Hello, Touch ID, Android). Une clé d'accès (passkey) réside sur votre téléphone ou dans votre gestionnaire de mots de passe et peut vous connecter sans mot de passe.
webauthn-keys-none = Vous n'avez encore enregistré aucune clé de sécurité, plateforme sécurisée ni clé d'accès.
webauthn-col-name = Nom
webauthn-col-kind = Type
webauthn-col-model = Modèle
webauthn-col-created = Ajoutée le
webauthn-col-last-used = Dernière utilisation
webauthn-never-used = jamais
webauthn-model-unknown = non communiqué
webauthn-flagged = bloquée : elle a peut-être été copiée ; supprimez-la et enregistrez-la de nouveau
webauthn-rename = Renommer
webauthn-delete = Supprimer
webauthn-add-heading = Ajouter un appareil
webauthn-add-security_key = Ajouter une clé de sécurité
webauthn-add-platform = Ajouter une plateforme sécurisée
webauthn-add-passkey = Ajouter une clé d'accès
webauthn-kind-security_key = Clé de sécurité
webauthn-kind-platform = Plateforme sécurisée
webauthn-kind-passkey = Clé d'accès
webauthn-kind-security_key-desc = une clé USB ou NFC que vous touchez lors de la connexion.
webauthn-kind-platform-desc = l'authentificateur de cet ordinateur ou téléphone (Windows Hello, Touch ID, verrouillage d'écran Android).
webauthn-kind-passkey-desc = sur cet appareil, dans votre gestionnaire de mots de passe, ou sur votre téléphone depuis cet ordinateur (le navigateur affiche un code QR ; le Bluetooth doit être activé sur les deux appareils).
webauthn-add-intro = Donnez à l'appareil un nom que vous reconnaîtrez (par exemple « Ma clé bleue » ou « iPhone »), cliquez sur Soumettre et suivez les instructions de votre navigateur. Si le navigateur propose d'anonymiser les informations de l'authentificateur, ne cochez pas cette case.
webauthn-device-name = Nom de l'appareil
webauthn-submit = Soumettre
webauthn-stronger-needed = Pour ajouter un autre appareil, il vous sera d'abord demandé de vous connecter avec un appareil que vous avez déjà.
webauthn-unavailable = Les clés de sécurité et plateformes sécurisées ne sont pas disponibles pour votre compte.
webauthn-register-text = Suivez les étapes affichées par votre navigateur : touchez votre clé de sécurité, ou confirmez avec votre code PIN, votre empreinte ou votre visage.
webauthn-register-status = L'enregistrement des titres de créance est en cours…
webauthn-login-title = Plateforme sécurisée ou clé de sécurité
webauthn-login-text = Suivez les étapes affichées par votre navigateur : touchez votre clé de sécurité, ou confirmez avec votre code PIN, votre empreinte ou votre visage.
webauthn-login-status = En attente de votre clé de sécurité ou plateforme sécurisée…
webauthn-choose-title = Choisissez votre appareil
webauthn-choose-text = Cliquez sur le nom de la clé de sécurité ou de la plateforme sécurisée que vous souhaitez utiliser.
webauthn-retry = Réessayer
webauthn-noscript = Cette étape nécessite JavaScript : c'est par lui que votre navigateur communique avec votre clé de sécurité.
webauthn-added-security_key = La clé de sécurité a été ajoutée.
webauthn-added-platform = La plateforme sécurisée a été ajoutée.
webauthn-added-passkey = La clé d'accès a été ajoutée.
webauthn-deleted = L'appareil a été supprimé.
webauthn-renamed = L'appareil a été renommé.
webauthn-error-cancelled = L'opération a été annulée ou a pris trop de temps. Réessayez et répondez à la demande de votre navigateur.
webauthn-error-unsupported = Ce navigateur ne peut pas utiliser de clé de sécurité ni de clé d'accès ici. Essayez un autre navigateur ou une autre méthode.
webauthn-error-already = Cet appareil est déjà enregistré dans votre compte.
webauthn-error-refused = La réponse de votre appareil n'a pas pu être vérifiée. Réessayez ou utilisez un autre appareil.
webauthn-error-expired = Cette vérification a pris trop de temps ou a déjà été utilisée. Veuillez recommencer.
webauthn-error-unknown = Cette clé de sécurité ou clé d'accès n'est enregistrée dans aucun compte (elle a peut-être été supprimée). Connectez-vous avec votre mot de passe ou utilisez un autre appareil.
webauthn-error-other-account = Cette clé de sécurité appartient à un autre compte. Utilisez une clé enregistrée dans ce compte.
webauthn-error-cloned = Cette clé de sécurité a été bloquée : son compteur de signatures a reculé, elle a donc peut-être été copiée. Supprimez-la dans Mon compte et enregistrez-la de nouveau.
webauthn-error-not-verified = Votre appareil ne vous a pas vérifié (code PIN, empreinte ou visage). Se connecter sans mot de passe exige cette vérification.
webauthn-error-no-key = Vous n'avez aucune clé de sécurité ni plateforme sécurisée utilisable. Enregistrez-en une dans Mon compte.
webauthn-error-name = Donnez à l'appareil un nom de 1 à 64 caractères.
webauthn-error-no-such-key = Cet appareil n'existe pas dans votre compte.
mail-factor-renamed-subject = Une méthode de vérification de votre compte a été renommée
mail-factor-renamed-text = La méthode de vérification « { $old } » a été renommée « { $name } ».
demo-strong = Redemander, en exigeant une clé de sécurité ou une clé d'accès (acceptStrengths=PASSWORD_WEBAUTHN) : une session par mot de passe est renforcée
