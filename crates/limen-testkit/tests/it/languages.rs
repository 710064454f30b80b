//! The 24 official EU languages (issue 22): a new user switches the login page to any of them
//! and completes registration in it, the mail included; the pages a visitor sees leave no
//! English sentence behind in another language.

use crate::register::{NEW_PASSWORD, fields, path_of, register, set_password};
use limen_testkit::*;
use limen_web::i18n::{LANGUAGES, Tr};

/// The visible sentences of a page: the text between tags (scripts and styles dropped, entities
/// decoded), runs of white space made one, those with three words or more.
fn sentences(page: &Page) -> Vec<String> {
    let body = page.text();
    let mut out = Vec::new();
    let mut rest = body.as_str();
    // Drop <script> and <style> contents.
    let mut visible = String::new();
    while let Some(start) = rest.find('<') {
        visible.push_str(&rest[..start]);
        visible.push('\n');
        let tail = &rest[start..];
        let lower = tail.get(..8).unwrap_or(tail).to_ascii_lowercase();
        let close = if lower.starts_with("<script") {
            tail.find("</script>").map(|i| i + 9)
        } else if lower.starts_with("<style") {
            tail.find("</style>").map(|i| i + 8)
        } else {
            tail.find('>').map(|i| i + 1)
        };
        match close {
            Some(end) => rest = &tail[end..],
            None => {
                rest = "";
                break;
            }
        }
    }
    visible.push_str(rest);
    for chunk in visible.split('\n') {
        let text = chunk.split_whitespace().collect::<Vec<_>>().join(" ");
        let words = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() >= 2)
            .count();
        if words >= 3 {
            out.push(text);
        }
    }
    out
}

/// Sentences of `page` that are the same as on the English `english` page, less those that are
/// not the interface's words (the user's own data, product names).
fn english_left(page: &Page, english: &Page, allowed: &[&str]) -> Vec<String> {
    let en = sentences(english);
    sentences(page)
        .into_iter()
        .filter(|s| en.contains(s))
        .filter(|s| !allowed.iter().any(|a| s.contains(a)))
        .collect()
}

#[tokio::test]
async fn a_new_user_registers_in_each_of_the_24_languages_mail_included() {
    let app = TestApp::start(
        limen_store::testdb::TestDb::sqlite().await.unwrap(),
        defaults,
    )
    .await;
    let english_subject = Tr::new("en").t("mail-register-subject");
    assert_eq!(LANGUAGES.len(), 24);
    for (i, (lang, own_name)) in LANGUAGES.iter().enumerate() {
        let tr = Tr::new(lang);
        let b = app.browser();
        // The login page, switched with EU Login's `locale` parameter; the choice is kept.
        let login = b.get(&format!("/cas/login?locale={lang}")).await;
        assert_eq!(login.status, 200, "{lang}: {}", login.body);
        assert!(login.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
        assert!(login.text().contains(&tr.t("login-title")), "{lang}");
        // The selector lists every language in its own name.
        for (code, name) in LANGUAGES {
            assert!(
                login.text().contains(&format!("{name} ({code})")),
                "{lang}: {code}"
            );
        }
        assert!(login.text().contains(&format!("{own_name} ({lang})")));

        let email = format!("user{i}.{lang}@example.org");
        let form = fields(&email, &[("email_lang", lang), ("first_name", "Zoë")]);
        let sent = register(&app, &b, None, form).await;
        assert_eq!(sent.status, 200, "{lang}: {}", sent.body);
        assert!(
            sent.text().contains(&tr.t("register-sent-title")),
            "{lang}: {}",
            sent.body
        );

        let mails = app.mail_to(&email, 1).await;
        let mail = &mails[0];
        assert_eq!(mail.subject(), tr.t("mail-register-subject"), "{lang}");
        if *lang != "en" {
            assert_ne!(
                mail.subject(),
                english_subject,
                "{lang}: the subject is English"
            );
        }
        let registered = tr.t("mail-register-registered");
        assert!(mail.text().contains(&registered), "{lang}: {}", mail.text());
        assert!(
            mail.html().contains("lang=\""),
            "{lang}: the HTML part names its language"
        );

        let link = &mail.links()[0];
        let form = b.get(&path_of(link)).await;
        assert_eq!(form.status, 200, "{lang}");
        assert!(form.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
        let done = set_password(&b, link, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{lang}: {}", done.body);
        assert!(done.text().contains(&tr.t("password-done-text")), "{lang}");
        // The account keeps the language of its mail.
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse(&email).unwrap())
            .await
            .unwrap()
            .expect("account");
        assert_eq!(account.email_locale, *lang);
    }
    app.stop().await;
}

/// The public pages, a wrong e-mail address and a wrong password (the error states too), and
/// My account's pages.
#[tokio::test]
async fn no_english_sentence_is_left_on_the_pages_of_another_language() {
    let app = TestApp::start(
        limen_store::testdb::TestDb::sqlite().await.unwrap(),
        defaults,
    )
    .await;
    let jan = app.add_user("jan@example.org", Some("Jan"), "Novak").await;
    // What is not the interface's: the account's address, name and identifier (random: one like
    // "nq0hv8aj" reads as three words, seen once in CI), the product's name, the browser's name as
    // the sessions page shows it, the names of the test functions the accessibility statement
    // cites (code, the same in every language).
    let allowed = [
        jan.uid.as_str(),
        "jan@example.org",
        "Jan Novak",
        "Limen",
        "limen-testkit",
        "tests/interop/",
    ];
    let pages = |b: Browser| async move {
        let mut out = Vec::new();
        for path in [
            "/cas/login",
            "/cas/register",
            "/cas/password/lost",
            "/accessibility",
            "/no/such/page",
        ] {
            out.push((path.to_owned(), b.get(path).await));
        }
        // An error state: a malformed address.
        let login = b.get("/cas/login").await;
        let bad = b
            .post(
                &login.form_action(),
                &[
                    ("csrf_token", &login.csrf()),
                    ("step", "email"),
                    ("email", "not-an-address"),
                ],
            )
            .await;
        out.push(("login: bad address".into(), bad));
        let password = b.password_page_at("/cas/login", "jan@example.org").await;
        let wrong = b
            .password_step(&password, "jan@example.org", "not-the-password")
            .await;
        out.push(("password page".into(), password));
        out.push(("login: wrong password".into(), wrong));
        // Signed in: My account's pages that need no stronger method.
        let signed_in = b.login(None, "jan@example.org", PASSWORD).await;
        assert_eq!(signed_in.status, 200, "{}", signed_in.body);
        for path in [
            "/account",
            "/account/details",
            "/account/password",
            "/account/methods",
            "/account/sessions",
            "/account/signatures",
            "/account/tokens",
            "/account/webauthn",
            "/account/methods/panic",
        ] {
            let page = b.get(path).await;
            assert_eq!(page.status, 200, "{path}: {}", page.body);
            out.push((path.to_owned(), page));
        }
        out
    };
    let english = pages(app.browser()).await;
    let mut problems = Vec::new();
    for (lang, _) in LANGUAGES.iter().filter(|(l, _)| *l != "en") {
        let b = app.browser();
        b.get(&format!("/cas/login?locale={lang}")).await;
        for ((what, page), (_, en)) in pages(b).await.iter().zip(&english) {
            assert!(
                page.contains(&format!("<html lang=\"{lang}\"")),
                "{lang} {what}: {}",
                page.body
            );
            for s in english_left(page, en, &allowed) {
                problems.push(format!("{lang} {what}: {s:?}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "English left:\n{}",
        problems.join("\n")
    );
    app.stop().await;
}
