//! The accessibility statement at `/accessibility`, as the public bodies of the EU publish one
//! under Directive (EU) 2016/2102 (the model of Commission Implementing Decision (EU) 2018/1523):
//! the compliance status with WCAG 2.1 AA / EN 301 549 v3.2.1, the content that is not accessible
//! and why, how the statement was prepared, feedback and contact, the enforcement procedure.
//!
//! The statement says what the test suite checks, not what we hope: [`CHECKS`] names, for each
//! WCAG 2.1 success criterion checked, how it is checked and the test function that does it, and
//! the page renders that table. A unit test below fails when a named function is missing from
//! tests/interop, so that a renamed or deleted test cannot leave the statement claiming it.
//! The texts are in `locales/*/a11y.ftl`; the criteria's names are W3C's.

use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

/// When the statement was prepared (and last reviewed): update it with the table.
pub const STATEMENT_DATE: &str = "2026-12-06";

/// The axe-core release the browser tests inject (tests/interop/package.json).
pub const AXE_CORE_VERSION: &str = "4.14.1";

/// The file of the page tests, under tests/interop.
const PAGES: &str = "test_a11y_pages.py";

/// One check the test suite makes.
pub struct Check {
    /// The WCAG 2.1 success criterion ("1.3.1"); its name is `wcag-1-3-1` in a11y.ftl.
    pub criterion: &'static str,
    /// Its conformance level, "A" or "AA".
    pub level: &'static str,
    /// How it is checked: the key of the text in a11y.ftl.
    pub how: &'static str,
    /// The test file under tests/interop, and the function in it that checks.
    pub file: &'static str,
    pub test: &'static str,
}

const fn check(
    criterion: &'static str,
    level: &'static str,
    how: &'static str,
    file: &'static str,
    test: &'static str,
) -> Check {
    Check {
        criterion,
        level,
        how,
        file,
        test,
    }
}

const AXE: &str = "test_no_serious_axe_violation_on_any_page_state";
const STRUCTURE: &str = "test_every_page_has_a_skip_link_landmarks_and_one_h1";
const TITLE_LANG: &str = "test_every_page_is_titled_and_declares_its_language";
const SELECTOR: &str = "test_the_language_selector_lists_every_language_in_its_own_name";
const FIELDS: &str = "test_every_field_is_labelled_and_its_error_tied_to_it";
const AUTOCOMPLETE: &str = "test_personal_fields_carry_autocomplete_tokens";
// Helper A2's keyboard and layout tests.
const KEYBOARD: &str = "test_a11y_keyboard.py";
const LAYOUT: &str = "test_a11y_layout.py";
const FOCUS: &str = "test_focus_order_and_focus_indicators_of_the_main_pages";
const REFLOW: &str = "test_signed_out_pages_reflow";

/// What the tests check, by success criterion (in the order of WCAG 2.1).
pub const CHECKS: &[Check] = &[
    check("1.1.1", "A", "a11y-how-axe", PAGES, AXE),
    check(
        "1.1.1",
        "A",
        "a11y-how-captcha",
        "test_register_browser.py",
        "test_a_newcomer_creates_an_account_from_the_demo",
    ),
    check("1.3.1", "A", "a11y-how-axe", PAGES, AXE),
    check("1.3.1", "A", "a11y-how-landmarks", PAGES, STRUCTURE),
    check("1.3.1", "A", "a11y-how-fields", PAGES, FIELDS),
    check(
        "1.3.1",
        "A",
        "a11y-how-app",
        "test_authenticator_pwa.py",
        "test_every_screen_passes_axe",
    ),
    check("1.3.5", "AA", "a11y-how-autocomplete", PAGES, AUTOCOMPLETE),
    check(
        "1.4.1",
        "A",
        "a11y-how-colour",
        LAYOUT,
        "test_an_error_is_not_told_by_colour_alone",
    ),
    check("1.4.3", "AA", "a11y-how-axe-contrast", PAGES, AXE),
    check(
        "1.4.3",
        "AA",
        "a11y-how-app",
        "test_authenticator_pwa.py",
        "test_every_screen_passes_axe",
    ),
    check("1.4.4", "AA", "a11y-how-zoom", LAYOUT, REFLOW),
    check("1.4.10", "AA", "a11y-how-reflow", LAYOUT, REFLOW),
    check(
        "1.4.10",
        "AA",
        "a11y-how-reflow-names",
        LAYOUT,
        "test_my_account_reflows_for_long_right_to_left_and_greek_names",
    ),
    check("1.4.11", "AA", "a11y-how-focus-contrast", KEYBOARD, FOCUS),
    check("1.4.12", "AA", "a11y-how-spacing", LAYOUT, REFLOW),
    check(
        "2.1.1",
        "A",
        "a11y-how-keyboard",
        KEYBOARD,
        "test_a_newcomer_registers_with_the_keyboard_alone",
    ),
    check(
        "2.1.1",
        "A",
        "a11y-how-keyboard",
        KEYBOARD,
        "test_sign_in_with_the_mobile_app",
    ),
    check(
        "2.1.1",
        "A",
        "a11y-how-keyboard",
        KEYBOARD,
        "test_panic_with_the_keyboard",
    ),
    check("2.1.2", "A", "a11y-how-trap", KEYBOARD, FOCUS),
    check(
        "2.2.1",
        "A",
        "a11y-how-time-limits",
        KEYBOARD,
        "test_time_limits_warn_and_give_more_time_from_the_keyboard",
    ),
    check("2.4.1", "A", "a11y-how-skip-link", PAGES, STRUCTURE),
    check("2.4.2", "A", "a11y-how-title", PAGES, TITLE_LANG),
    check("2.4.3", "A", "a11y-how-focus-order", KEYBOARD, FOCUS),
    check("2.4.4", "A", "a11y-how-axe", PAGES, AXE),
    check("2.4.6", "AA", "a11y-how-headings", PAGES, STRUCTURE),
    check("2.4.6", "AA", "a11y-how-fields", PAGES, FIELDS),
    check("2.4.7", "AA", "a11y-how-focus-visible", KEYBOARD, FOCUS),
    check("3.1.1", "A", "a11y-how-lang", PAGES, TITLE_LANG),
    check("3.1.2", "AA", "a11y-how-selector", PAGES, SELECTOR),
    check("3.2.3", "AA", "a11y-how-consistent", PAGES, STRUCTURE),
    check("3.3.1", "A", "a11y-how-errors", PAGES, FIELDS),
    check("3.3.2", "A", "a11y-how-fields", PAGES, FIELDS),
    check("4.1.2", "A", "a11y-how-axe", PAGES, AXE),
    check("4.1.2", "A", "a11y-how-selector", PAGES, SELECTOR),
    check(
        "4.1.2",
        "A",
        "a11y-how-app",
        "test_authenticator_pwa.py",
        "test_every_screen_passes_axe",
    ),
    check("4.1.3", "AA", "a11y-how-announced", PAGES, FIELDS),
];

/// The known shortcomings (a11y.ftl keys), each with the criteria it fails.
const GAPS: &[&str] = &["a11y-gap-captcha", "a11y-gap-manual", "a11y-gap-mail"];

/// Content this statement does not cover (a11y.ftl keys).
const OUTSIDE: &[&str] = &["a11y-outside-third-party", "a11y-outside-browser"];

/// One row of the table, in the page's language.
struct Row {
    criterion: &'static str,
    name: String,
    level: &'static str,
    how: String,
    test: String,
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct StatementPage {
    ctx: PageCtx,
    site: String,
    date: &'static str,
    axe: &'static str,
    gaps: Vec<String>,
    outside: Vec<String>,
    rows: Vec<Row>,
}

fn rows(tr: &crate::i18n::Tr) -> Vec<Row> {
    CHECKS
        .iter()
        .map(|c| Row {
            criterion: c.criterion,
            name: tr.t(&criterion_key(c.criterion)),
            level: c.level,
            how: tr.t(c.how),
            test: format!("tests/interop/{}::{}", c.file, c.test),
        })
        .collect()
}

/// The a11y.ftl key of a criterion's name: "1.3.1" → "wcag-1-3-1".
fn criterion_key(criterion: &str) -> String {
    format!("wcag-{}", criterion.replace('.', "-"))
}

/// GET /accessibility
pub async fn statement(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let page = StatementPage {
        ctx: PageCtx::new(&ctx, None),
        site: state.config.public_url.clone(),
        date: STATEMENT_DATE,
        axe: AXE_CORE_VERSION,
        gaps: GAPS.iter().map(|k| ctx.tr.t(k)).collect(),
        outside: OUTSIDE.iter().map(|k| ctx.tr.t(k)).collect(),
        rows: rows(&ctx.tr),
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use std::path::PathBuf;

    fn interop() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/interop")
    }

    /// The statement claims only checks that exist: every named test function is defined in its
    /// file (a renamed or deleted test must take its row with it).
    #[test]
    fn every_check_names_a_test_that_exists() {
        for c in CHECKS {
            let path = interop().join(c.file);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (named by the check of {})",
                    path.display(),
                    c.criterion
                )
            });
            assert!(
                text.contains(&format!("\ndef {}(", c.test)),
                "{} names {}::{}, which {} does not define",
                c.criterion,
                c.file,
                c.test,
                path.display()
            );
        }
    }

    /// The table is complete in English and French: each criterion's name, each way of checking.
    #[test]
    fn every_check_has_its_texts() {
        for lang in ["en", "fr"] {
            let tr = Tr::new(lang);
            for c in CHECKS {
                assert!(
                    tr.has(&criterion_key(c.criterion)),
                    "{lang}: no name for {}",
                    c.criterion
                );
                assert!(tr.has(c.how), "{lang}: no text {}", c.how);
                assert!(
                    matches!(c.level, "A" | "AA"),
                    "{}: level {}",
                    c.criterion,
                    c.level
                );
            }
            for key in GAPS.iter().chain(OUTSIDE) {
                assert!(tr.has(key), "{lang}: no text {key}");
            }
        }
        let mut criteria: Vec<&str> = CHECKS.iter().map(|c| c.criterion).collect();
        let in_order = criteria.windows(2).all(|w| {
            let n = |s: &str| {
                s.split('.')
                    .map(|p| p.parse::<u32>().unwrap())
                    .collect::<Vec<_>>()
            };
            n(w[0]) <= n(w[1])
        });
        assert!(in_order, "CHECKS out of WCAG order: {criteria:?}");
        criteria.dedup();
        assert!(criteria.len() >= 15, "{criteria:?}");
    }

    /// The statement names the axe-core the tests really inject.
    #[test]
    fn the_axe_version_is_the_one_the_tests_install() {
        let path = interop().join("package.json");
        let text = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let pinned = json["devDependencies"]["axe-core"].as_str();
        assert_eq!(pinned, Some(AXE_CORE_VERSION), "{}", path.display());
    }

    /// The page renders every row, the status and the contact, in both languages.
    #[test]
    fn the_statement_renders_the_table() {
        for (lang, status) in [
            ("en", "partially compliant"),
            ("fr", "partiellement conforme"),
        ] {
            let tr = Tr::new(lang);
            let page = StatementPage {
                ctx: PageCtx {
                    tr: tr.clone(),
                    lang: tr.lang(),
                    language_name: "",
                    languages: Vec::new(),
                    user: None,
                    csrf: String::new(),
                    time_limit: None,
                },
                site: "https://login.example.org".into(),
                date: STATEMENT_DATE,
                axe: AXE_CORE_VERSION,
                gaps: GAPS.iter().map(|k| tr.t(k)).collect(),
                outside: OUTSIDE.iter().map(|k| tr.t(k)).collect(),
                rows: rows(&tr),
            };
            let html = page.render().unwrap();
            assert!(html.contains(status), "{lang}: no status:\n{html}");
            assert!(html.contains("EN 301 549"), "{lang}");
            assert!(
                html.contains("href=\"https://login.example.org\""),
                "{lang}"
            );
            assert_eq!(
                html.matches("<tr class=\"check\"").count(),
                CHECKS.len(),
                "{lang}"
            );
            for c in CHECKS {
                assert!(html.contains(c.test), "{lang}: {} missing", c.test);
            }
            assert!(
                !html.contains("a11y-") && !html.contains("wcag-"),
                "{lang}: a key shown:\n{html}"
            );
        }
    }
}
