## Accessibility (issue 22): what every page adds, and the accessibility statement (/accessibility).

## Every page
a11y-skip-to-content = Skip to main content
a11y-nav-account = Your account
a11y-footer-statement = Accessibility statement
a11y-field-required = (required)
a11y-new-window = (opens in a new window)

## The accessibility statement (Directive (EU) 2016/2102, model of Implementing Decision (EU) 2018/1523)
a11y-title = Accessibility statement
a11y-intro = The operator of { $site } is committed to making it accessible, in accordance with Directive (EU) 2016/2102 of the European Parliament and of the Council on the accessibility of the websites and mobile applications of public sector bodies.
a11y-scope = This accessibility statement applies to { $site }: the sign-in pages, the registration and password pages, My account, the pages of the mobile app and the administration console, in the 24 official languages of the European Union.
a11y-status-title = Compliance status
a11y-status-text = This website is partially compliant with the Web Content Accessibility Guidelines (WCAG) 2.1, level AA, and with the harmonised European standard EN 301 549 v3.2.1, due to the non-compliances listed below.
a11y-gaps-title = Non-accessible content
a11y-gaps-intro = The content listed below is not accessible for the following reasons.
a11y-gaps-noncompliance = Non-compliance with the accessibility requirements
a11y-gap-translations = Some languages are not fully translated yet: their pages show some text in English while declaring their own language, so a screen reader may read that text with the wrong pronunciation (WCAG 3.1.1 and 3.1.2).
a11y-gap-captcha = The picture test (CAPTCHA) of the registration and "Lost password" forms has an alternative that needs no sight or hearing — the browser solves a puzzle — but that alternative needs JavaScript. Without JavaScript, someone who cannot see the picture cannot send these forms and has to ask the help desk (WCAG 1.1.1).
a11y-gap-time-limits = The picture test (CAPTCHA) says how long it lasts, but that time cannot be extended: once it has run out, sending the form brings a new picture, and what was typed is kept (WCAG 2.2.1).
a11y-gap-manual = The pages have not yet been tested by people using screen readers, magnifiers or voice control; the automated checks below find only part of the problems such a test would find.
a11y-gap-mail = The e-mails sent by the service are not checked by the automated tests.
a11y-outside-title = Content outside the scope of this statement
a11y-outside-third-party = The pages of other identity providers you may sign in with (eID schemes, social networks) and the pages of the services you sign in to: they are neither developed nor controlled by the operator of this service.
a11y-outside-browser = The dialogs that your browser and your operating system show for security keys and passkeys.
a11y-prepared-title = Preparation of this accessibility statement
a11y-prepared-date = This statement was prepared on { $date }.
a11y-prepared-method = It is based on a self-assessment by the developers of Limen, the software of this service. The test suite runs the checks listed below with every change: axe-core { $axe } in the Chromium browser over every page and every state of a page that a user can reach (each error message included), in English, French, German, Greek and Maltese, and checks of the structure of the pages.
a11y-prepared-review = The statement is reviewed whenever the software changes what it checks.
a11y-checks-title = What the tests check
a11y-checks-intro = Each row names a WCAG 2.1 success criterion, how the test suite checks it, and the test that does.
a11y-checks-caption = WCAG 2.1 success criteria checked by the test suite
a11y-col-criterion = Success criterion
a11y-col-level = Level
a11y-col-how = How it is checked
a11y-col-test = Test
a11y-checks-not-listed = The criteria not listed are not checked automatically.
a11y-feedback-title = Feedback and contact information
a11y-feedback-text = If you notice a problem with accessibility on this service, or need some of its content in an accessible format, tell its operator:
a11y-enforcement-title = Enforcement procedure
a11y-enforcement-text = If you are not satisfied with the reply to your notification or request, you can turn to the body that enforces the accessibility rules for the operator of this service:
a11y-enforcement-eu = for an institution, body, office or agency of the European Union:
a11y-enforcement-ombudsman = the European Ombudsman
a11y-enforcement-national = for a public sector body of a Member State, the enforcement body its country designated under Directive (EU) 2016/2102:
a11y-enforcement-bodies = the enforcement bodies, as listed by the European Commission

## How each criterion is checked (the table of the statement)
a11y-how-axe = axe-core finds no serious or critical violation of its rules for this criterion on any page state, in five languages.
a11y-how-axe-contrast = axe-core measures the contrast of every text against its background: at least 4.5:1, 3:1 for large text.
a11y-how-captcha = The picture test is passed without the picture: the browser solves the puzzle, then the account is created.
a11y-how-landmarks = Every page has a banner, named navigation, one main region and a footer.
a11y-how-fields = Every visible field has a label linked to it; required fields are marked in words, not only by colour.
a11y-how-app = axe-core finds no serious or critical violation on any screen of the web authenticator app, in light and dark mode.
a11y-how-autocomplete = The fields for your own e-mail address, names, passwords, phone number and one-time codes carry their autocomplete purpose.
a11y-how-skip-link = The first thing the keyboard reaches on every page is a link that skips to the main content.
a11y-how-title = Every page has a title of its own: the page's name, then the name of the service.
a11y-how-headings = Every page has exactly one top-level heading naming it.
a11y-how-lang = Every page declares the language it is shown in.
a11y-how-selector = The language list names each language in that language, marks its text with that language and marks the current one.
a11y-how-consistent = The language list, the link to this statement and the account menu are in the same place on every page.
a11y-how-errors = An error message is linked to the field it is about, which is marked invalid; a form with several errors lists them at the top, each linking to its field.
a11y-how-announced = Error messages are announced by screen readers as soon as the page shows them (alerts), and can receive the focus.

## WCAG 2.1 success criteria, named as the W3C names them
wcag-1-1-1 = Non-text Content
wcag-1-3-1 = Info and Relationships
wcag-1-3-5 = Identify Input Purpose
wcag-1-4-3 = Contrast (Minimum)
wcag-2-4-1 = Bypass Blocks
wcag-2-4-2 = Page Titled
wcag-2-4-4 = Link Purpose (In Context)
wcag-2-4-6 = Headings and Labels
wcag-3-1-1 = Language of Page
wcag-3-1-2 = Language of Parts
wcag-3-2-3 = Consistent Navigation
wcag-3-3-1 = Error Identification
wcag-3-3-2 = Labels or Instructions
wcag-4-1-2 = Name, Role, Value
wcag-4-1-3 = Status Messages
