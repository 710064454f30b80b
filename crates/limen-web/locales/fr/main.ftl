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
error-password-empty = Veuillez saisir votre mot de passe.
error-credentials = L'adresse électronique ou le mot de passe est incorrect.
error-method-unavailable = Cette méthode de vérification n'est pas disponible ici. Choisissez-en une autre.
error-throttled = { $minutes ->
    [one] Trop de tentatives infructueuses. Réessayez dans une minute (à { $time } UTC).
   *[other] Trop de tentatives infructueuses. Réessayez dans { $minutes } minutes (à { $time } UTC).
}
error-account-locked = Ce compte est verrouillé. Contactez votre service d'assistance pour le faire déverrouiller.
error-password-expired = Votre mot de passe a expiré. Demandez-en un nouveau à votre service d'assistance, ou utilisez « Mot de passe perdu? » lorsque cette fonction sera disponible.
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
lost-password-text = La réinitialisation d'un mot de passe oublié par courrier électronique n'est pas encore disponible sur ce serveur. Demandez à votre service d'assistance de vous attribuer un nouveau mot de passe.

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
