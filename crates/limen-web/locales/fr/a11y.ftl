## Accessibilité (issue 22) : ce que chaque page ajoute, et la déclaration d'accessibilité (/accessibility).

## Chaque page
a11y-skip-to-content = Aller au contenu principal
a11y-nav-account = Votre compte
a11y-footer-statement = Déclaration d'accessibilité
a11y-field-required = (obligatoire)
a11y-new-window = (s'ouvre dans une nouvelle fenêtre)

## La déclaration d'accessibilité (directive (UE) 2016/2102, modèle de la décision d'exécution (UE) 2018/1523)
a11y-title = Déclaration d'accessibilité
a11y-intro = L'exploitant de { $site } s'engage à le rendre accessible, conformément à la directive (UE) 2016/2102 du Parlement européen et du Conseil relative à l'accessibilité des sites internet et des applications mobiles des organismes du secteur public.
a11y-scope = La présente déclaration d'accessibilité s'applique à { $site } : les pages de connexion, les pages de création de compte et de mot de passe, Mon compte, les pages de l'application mobile et la console d'administration, dans les 24 langues officielles de l'Union européenne.
a11y-status-title = État de conformité
a11y-status-text = Ce site web est partiellement conforme aux règles pour l'accessibilité des contenus web (WCAG) 2.1, niveau AA, et à la norme européenne harmonisée EN 301 549 v3.2.1, en raison des non-conformités énumérées ci-dessous.
a11y-gaps-title = Contenu non accessible
a11y-gaps-intro = Le contenu énuméré ci-dessous n'est pas accessible pour les raisons suivantes.
a11y-gaps-noncompliance = Non-conformité aux exigences d'accessibilité
a11y-gap-translations = Certaines langues ne sont pas encore entièrement traduites : leurs pages montrent du texte en anglais tout en déclarant leur propre langue, si bien qu'un lecteur d'écran peut le prononcer de travers (WCAG 3.1.1 et 3.1.2).
a11y-gap-captcha = Le test en image (CAPTCHA) des formulaires de création de compte et de mot de passe perdu a une alternative qui ne demande ni la vue ni l'ouïe — le navigateur résout une énigme —, mais cette alternative demande JavaScript. Sans JavaScript, une personne qui ne peut pas voir l'image ne peut pas envoyer ces formulaires et doit s'adresser au service d'assistance (WCAG 1.1.1).
a11y-gap-time-limits = Le test en image (CAPTCHA) indique combien de temps il reste valable, mais ce délai ne peut pas être prolongé : une fois écoulé, l'envoi du formulaire affiche une nouvelle image et conserve ce qui a été saisi (WCAG 2.2.1).
a11y-gap-manual = Les pages n'ont pas encore été testées par des personnes utilisant un lecteur d'écran, une loupe ou la commande vocale ; les vérifications automatiques ci-dessous ne trouvent qu'une partie des problèmes qu'un tel test trouverait.
a11y-gap-mail = Les courriels envoyés par le service ne sont pas vérifiés par les tests automatiques.
a11y-outside-title = Contenu non couvert par la présente déclaration
a11y-outside-third-party = Les pages des autres fournisseurs d'identité avec lesquels vous pouvez vous connecter (identité électronique nationale, réseaux sociaux) et les pages des services auxquels vous vous connectez : elles ne sont ni développées ni contrôlées par l'exploitant de ce service.
a11y-outside-browser = Les fenêtres que votre navigateur et votre système d'exploitation affichent pour les clés de sécurité et les clés d'accès.
a11y-prepared-title = Établissement de la présente déclaration d'accessibilité
a11y-prepared-date = La présente déclaration a été établie le { $date }.
a11y-prepared-method = Elle repose sur une auto-évaluation des développeurs de Limen, le logiciel de ce service. La suite de tests exécute à chaque modification les vérifications énumérées ci-dessous : axe-core { $axe } dans le navigateur Chromium sur chaque page et chaque état d'une page auquel un utilisateur peut accéder (chaque message d'erreur compris), en anglais, en français, en allemand, en grec et en maltais, et des vérifications de la structure des pages.
a11y-prepared-review = La déclaration est revue chaque fois que le logiciel change ce qu'il vérifie.
a11y-checks-title = Ce que vérifient les tests
a11y-checks-intro = Chaque ligne nomme un critère de succès des WCAG 2.1, la façon dont la suite de tests le vérifie et le test qui le fait.
a11y-checks-caption = Critères de succès des WCAG 2.1 vérifiés par la suite de tests
a11y-col-criterion = Critère de succès
a11y-col-level = Niveau
a11y-col-how = Mode de vérification
a11y-col-test = Test
a11y-checks-not-listed = Les critères qui ne figurent pas ici ne sont pas vérifiés automatiquement.
a11y-feedback-title = Retour d'information et coordonnées
a11y-feedback-text = Si vous constatez un problème d'accessibilité sur ce service, ou si vous avez besoin d'une partie de son contenu sous une forme accessible, signalez-le à son exploitant :
a11y-enforcement-title = Procédure de mise en œuvre
a11y-enforcement-text = Si la réponse à votre signalement ou à votre demande ne vous satisfait pas, vous pouvez vous adresser à l'organisme chargé de faire respecter les règles d'accessibilité par l'exploitant de ce service :
a11y-enforcement-eu = pour une institution, un organe ou un organisme de l'Union européenne :
a11y-enforcement-ombudsman = le Médiateur européen
a11y-enforcement-national = pour un organisme du secteur public d'un État membre, l'organisme que son pays a désigné en application de la directive (UE) 2016/2102 :
a11y-enforcement-bodies = les organismes de contrôle, tels que la Commission européenne les énumère

## Mode de vérification de chaque critère (le tableau de la déclaration)
a11y-how-axe = axe-core ne trouve aucune violation grave ou critique de ses règles pour ce critère, sur aucun état d'aucune page, dans cinq langues.
a11y-how-axe-contrast = axe-core mesure le contraste de chaque texte avec son arrière-plan : au moins 4,5:1, 3:1 pour les grands textes.
a11y-how-captcha = Le test en image est réussi sans l'image : le navigateur résout l'énigme, puis le compte est créé.
a11y-how-landmarks = Chaque page a un bandeau, une navigation nommée, une seule zone principale et un pied de page.
a11y-how-fields = Chaque champ visible a une étiquette qui lui est liée ; les champs obligatoires sont signalés par des mots, pas seulement par la couleur.
a11y-how-app = axe-core ne trouve aucune violation grave ou critique sur aucun écran de l'application d'authentification web, en mode clair et en mode sombre.
a11y-how-autocomplete = Les champs de votre propre adresse électronique, de vos nom et prénom, de vos mots de passe, de votre numéro de téléphone et des codes à usage unique indiquent leur finalité de saisie automatique.
a11y-how-skip-link = Sur chaque page, le premier élément atteint au clavier est un lien qui mène directement au contenu principal.
a11y-how-title = Chaque page a son propre titre : le nom de la page, puis celui du service.
a11y-how-headings = Chaque page a exactement un titre de premier niveau qui la nomme.
a11y-how-lang = Chaque page déclare la langue dans laquelle elle est affichée.
a11y-how-selector = La liste des langues nomme chaque langue dans cette langue, balise son texte avec cette langue et signale la langue en cours.
a11y-how-consistent = La liste des langues, le lien vers la présente déclaration et le menu du compte sont au même endroit sur chaque page.
a11y-how-errors = Un message d'erreur est lié au champ qu'il concerne, lequel est signalé comme invalide ; un formulaire comportant plusieurs erreurs les énumère en haut, chacune avec un lien vers son champ.
a11y-how-announced = Les messages d'erreur sont annoncés par les lecteurs d'écran dès que la page les affiche (alertes) et peuvent recevoir le focus.

## Critères de succès des WCAG 2.1, tels que les nomme la traduction autorisée du W3C
wcag-1-1-1 = Contenu non textuel
wcag-1-3-1 = Information et relations
wcag-1-3-5 = Identifier la finalité des champs de saisie
wcag-1-4-3 = Contraste (minimum)
wcag-2-4-1 = Contourner des blocs
wcag-2-4-2 = Titre de page
wcag-2-4-4 = Fonction du lien (selon le contexte)
wcag-2-4-6 = En-têtes et étiquettes
wcag-3-1-1 = Langue de la page
wcag-3-1-2 = Langue d'un passage
wcag-3-2-3 = Navigation cohérente
wcag-3-3-1 = Identification des erreurs
wcag-3-3-2 = Étiquettes ou instructions
wcag-4-1-2 = Nom, rôle et valeur
wcag-4-1-3 = Messages d'état
