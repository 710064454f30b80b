//! The password policy (seed 004: "au moins 10 caractères, comprenant des lettres minuscules et
//! majuscules, des chiffres et des caractères spéciaux"), plus what NIST SP 800-63B §5.1.1.2
//! asks for: refuse common passwords and passwords built from the account's own data.

use unicode_normalization::UnicodeNormalization;

pub const MIN_CHARS: usize = 10;
/// Bounds the hashing cost of a single request; long passphrases stay possible.
pub const MAX_BYTES: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("the password is shorter than 10 characters")]
    TooShort,
    #[error("the password is too long")]
    TooLong,
    #[error("the password has no upper-case letter")]
    NoUpper,
    #[error("the password has no lower-case letter")]
    NoLower,
    #[error("the password has no digit")]
    NoDigit,
    #[error("the password has no special character")]
    NoSpecial,
    #[error("the password is too common")]
    Common,
    #[error("the password contains your e-mail address or name")]
    PersonalData,
    #[error("the password contains control characters")]
    ControlCharacters,
}

impl PasswordProblem {
    /// Stable identifier, used as the translation key suffix.
    pub fn code(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "too-short",
            PasswordProblem::TooLong => "too-long",
            PasswordProblem::NoUpper => "no-upper",
            PasswordProblem::NoLower => "no-lower",
            PasswordProblem::NoDigit => "no-digit",
            PasswordProblem::NoSpecial => "no-special",
            PasswordProblem::Common => "common",
            PasswordProblem::PersonalData => "personal-data",
            PasswordProblem::ControlCharacters => "control-characters",
        }
    }
}

/// Normalises a password before hashing and checking, so that the same visible password typed on
/// two keyboards (composed or decomposed accents) is the same secret (NIST SP 800-63B §5.1.1.2).
pub fn normalise(password: &str) -> String {
    password.nfc().collect()
}

/// Every problem the password has, in a stable order; empty when the policy is met.
/// `personal` holds the account's e-mail and names.
pub fn check(password: &str, personal: &[&str]) -> Vec<PasswordProblem> {
    // Longer than any password the policy accepts: say so without running the checks below,
    // whose cost grows with the length (the live check is open to anyone).
    if password.len() > MAX_BYTES {
        return vec![PasswordProblem::TooLong];
    }
    let password = normalise(password);
    let mut problems = Vec::new();
    if password.chars().any(char::is_control) {
        problems.push(PasswordProblem::ControlCharacters);
    }
    if password.chars().count() < MIN_CHARS {
        problems.push(PasswordProblem::TooShort);
    }
    if password.len() > MAX_BYTES {
        problems.push(PasswordProblem::TooLong);
    }
    if !password.chars().any(char::is_uppercase) {
        problems.push(PasswordProblem::NoUpper);
    }
    if !password.chars().any(char::is_lowercase) {
        problems.push(PasswordProblem::NoLower);
    }
    if !password.chars().any(|c| c.is_numeric()) {
        problems.push(PasswordProblem::NoDigit);
    }
    if !password
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_control())
    {
        problems.push(PasswordProblem::NoSpecial);
    }
    if is_common(&password) {
        problems.push(PasswordProblem::Common);
    }
    if contains_personal_data(&password, personal) {
        problems.push(PasswordProblem::PersonalData);
    }
    problems
}

/// Common passwords pass the composition rules by decoration: `Password123!`, `P@ssw0rd2024`,
/// `Azerty!2025`. Undo the decoration (case, leet substitutions, digits and symbols) and compare
/// what is left against a list of the words such passwords are built on.
fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    // Decoration sits at the ends ("2024!"); substitutions inside the word ("p@ssw0rd").
    let word = lower.trim_matches(|c: char| !c.is_alphabetic());
    let core: String = word
        .chars()
        .map(|c| match c {
            '@' | '4' => 'a',
            '0' => 'o',
            '1' | '!' | '|' => 'i',
            '3' => 'e',
            '$' | '5' => 's',
            '7' => 't',
            other => other,
        })
        .filter(|c| c.is_alphabetic())
        .collect();
    let mut distinct: Vec<char> = core.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if core.chars().count() < 4 || distinct.len() <= 3 {
        return true;
    }
    COMMON_WORDS
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .any(|w| {
            core == w
                || (core.starts_with(w) && core.len() <= w.len() + 3)
                || (core.ends_with(w) && core.len() <= w.len() + 3)
        })
}

fn contains_personal_data(password: &str, personal: &[&str]) -> bool {
    let lower = password.to_lowercase();
    personal
        .iter()
        .flat_map(|p| {
            let p = p.to_lowercase();
            // The e-mail's local part and each word of a name, when long enough to be meaningful.
            let local = p.split('@').next().unwrap_or_default().to_owned();
            let mut parts: Vec<String> = p
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_owned)
                .collect();
            parts.push(local);
            parts
        })
        .filter(|part| part.chars().count() >= 4)
        .any(|part| lower.contains(&part))
}

const COMMON_WORDS: &str = include_str!("common-password-words.txt");

#[cfg(test)]
mod tests {
    use super::*;
    use PasswordProblem::*;

    #[test]
    fn accepts_a_good_password() {
        assert!(
            check(
                "Corr3ct-Horse-Battery!",
                &["jean@example.org", "Jean", "Dupont"]
            )
            .is_empty()
        );
        // Any alphabet counts for upper/lower.
        assert!(check("Καλημέρα-Κόσμε-42", &[]).is_empty());
    }

    #[test]
    fn reports_every_composition_problem() {
        assert_eq!(
            check("short", &[]),
            vec![TooShort, NoUpper, NoDigit, NoSpecial]
        );
        assert_eq!(check("alllowercase1!", &[]), vec![NoUpper]);
        assert_eq!(check("ALLUPPERCASE1!", &[]), vec![NoLower]);
        assert_eq!(check("NoDigitsHere!!", &[]), vec![NoDigit]);
        assert_eq!(check("NoSpecials12345", &[]), vec![NoSpecial]);
        assert!(check("Tab\tIn-Password1", &[]).contains(&ControlCharacters));
        assert!(check(&format!("Aa1!{}", "x".repeat(MAX_BYTES)), &[]).contains(&TooLong));
        // However long, only that is said, without running the costlier checks.
        let huge = "Aa1!".repeat(16 * 1024);
        assert_eq!(check(&huge, &["jane@example.org"]), vec![TooLong]);
    }

    #[test]
    fn refuses_decorated_common_passwords() {
        for p in [
            "Password123!",
            "P@ssw0rd2024",
            "Azerty!2025",
            "Welcome2026!",
            "Qwerty123456!",
            "Motdepasse1!",
            "Aa1!Aa1!Aa1!",
        ] {
            assert!(check(p, &[]).contains(&Common), "{p} should be common");
        }
    }

    #[test]
    fn refuses_personal_data() {
        let personal = ["jean.dupont@example.org", "Jean", "Dupont"];
        assert!(check("Dupont-2026-Xyz!", &personal).contains(&PersonalData));
        assert!(check("Xy!9jean.dupontQ", &personal).contains(&PersonalData));
        assert!(!check("Corr3ct-Horse-Battery!", &personal).contains(&PersonalData));
    }
}
