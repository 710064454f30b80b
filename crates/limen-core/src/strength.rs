//! Verification methods, the authentication strengths they yield, and the levels grouping them.
//!
//! The names are EU Login's, so that existing EU Login clients work unchanged (ARCHITECTURE §1):
//! strengths `PASSWORD` … `CLIENT_CERT`, deprecated inputs `STRONG`, `STRONG_SMS`, `STRONG_TOKEN`,
//! levels `BASIC` < `MEDIUM` < `HIGH`, each level accepting every higher one.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Strength {
    Password,
    SocialNetworks,
    PasswordSms,
    PasswordSoftwareToken,
    PasswordMobileApp,
    MobileApp,
    PasswordWebauthn,
    Eidas,
    PasswordToken,
    PasswordTokenCram,
    ClientCert,
}

impl Strength {
    pub const ALL: [Strength; 11] = [
        Strength::Password,
        Strength::SocialNetworks,
        Strength::PasswordSms,
        Strength::PasswordSoftwareToken,
        Strength::PasswordMobileApp,
        Strength::MobileApp,
        Strength::PasswordWebauthn,
        Strength::Eidas,
        Strength::PasswordToken,
        Strength::PasswordTokenCram,
        Strength::ClientCert,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Password => "PASSWORD",
            Strength::SocialNetworks => "SOCIAL_NETWORKS",
            Strength::PasswordSms => "PASSWORD_SMS",
            Strength::PasswordSoftwareToken => "PASSWORD_SOFTWARE_TOKEN",
            Strength::PasswordMobileApp => "PASSWORD_MOBILE_APP",
            Strength::MobileApp => "MOBILE_APP",
            Strength::PasswordWebauthn => "PASSWORD_WEBAUTHN",
            Strength::Eidas => "EIDAS",
            Strength::PasswordToken => "PASSWORD_TOKEN",
            Strength::PasswordTokenCram => "PASSWORD_TOKEN_CRAM",
            Strength::ClientCert => "CLIENT_CERT",
        }
    }

    pub fn level(self) -> AuthLevel {
        match self {
            Strength::Password | Strength::SocialNetworks => AuthLevel::Basic,
            Strength::PasswordSms
            | Strength::PasswordSoftwareToken
            | Strength::PasswordMobileApp
            | Strength::MobileApp
            | Strength::PasswordWebauthn
            | Strength::Eidas => AuthLevel::Medium,
            Strength::PasswordToken | Strength::PasswordTokenCram | Strength::ClientCert => {
                AuthLevel::High
            }
        }
    }

    /// RFC 8176 authentication method reference values (OIDC `amr`) of this strength.
    /// `mfa` is added whenever two independent factors were proven. Social login has no RFC 8176
    /// value (it is a federation, not a method), so it yields none.
    pub fn amr(self) -> &'static [&'static str] {
        match self {
            Strength::Password => &["pwd"],
            Strength::SocialNetworks => &[],
            Strength::PasswordSms => &["pwd", "sms", "mfa"],
            Strength::PasswordSoftwareToken => &["pwd", "otp", "mfa"],
            Strength::PasswordMobileApp => &["pwd", "swk", "pin", "mfa"],
            Strength::MobileApp => &["swk", "pin", "mfa"],
            Strength::PasswordWebauthn => &["pwd", "hwk", "mfa"],
            Strength::Eidas | Strength::ClientCert => &["sc", "pin", "mfa"],
            Strength::PasswordToken | Strength::PasswordTokenCram => &["pwd", "hwk", "otp", "mfa"],
        }
    }

    /// Parses a comma-separated list such as CAS `acceptStrengths=PASSWORD,PASSWORD_SMS`.
    pub fn parse_list(input: &str) -> Result<Vec<Strength>, UnknownStrength> {
        let mut out = Vec::new();
        for part in input.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let s: Strength = part.parse()?;
            if !out.contains(&s) {
                out.push(s);
            }
        }
        Ok(out)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown authentication strength {0:?}")]
pub struct UnknownStrength(pub String);

impl FromStr for Strength {
    type Err = UnknownStrength;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        // Deprecated EU Login aliases, accepted on input only.
        let canonical = match upper.as_str() {
            "STRONG" => "PASSWORD",
            "STRONG_SMS" => "PASSWORD_SMS",
            "STRONG_TOKEN" => "PASSWORD_TOKEN",
            other => other,
        };
        Strength::ALL
            .into_iter()
            .find(|st| st.as_str() == canonical)
            .ok_or_else(|| UnknownStrength(s.to_owned()))
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// EU Login's authentication levels. A level accepts every strength of that level or above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthLevel {
    Basic,
    Medium,
    High,
}

impl AuthLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthLevel::Basic => "BASIC",
            AuthLevel::Medium => "MEDIUM",
            AuthLevel::High => "HIGH",
        }
    }

    /// Every strength this level accepts.
    pub fn strengths(self) -> Vec<Strength> {
        Strength::ALL
            .into_iter()
            .filter(|s| s.level() >= self)
            .collect()
    }
}

impl FromStr for AuthLevel {
    type Err = UnknownStrength;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "BASIC" => Ok(AuthLevel::Basic),
            "MEDIUM" => Ok(AuthLevel::Medium),
            "HIGH" => Ok(AuthLevel::High),
            _ => Err(UnknownStrength(s.to_owned())),
        }
    }
}

/// A verification method a user can choose on the login page (seeds 003/004). Each yields exactly
/// one strength, so methods and strengths correspond one to one; [`Method::ALL`] is the stable
/// order of the login page's selector. Only the methods the engine's registry wires can be offered
/// (`MethodPolicy::implemented`); the others exist so that configuration (`methods.sms.retire_on`,
/// ...) and policy can name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Password,
    /// Security key, trusted platform or passkey: password + WebAuthn ceremony.
    Webauthn,
    /// EU Login mobile app, PIN code (push notification).
    MobileApp,
    /// EU Login mobile app, QR code (offline one-time code).
    SoftwareToken,
    /// On mobile: the app on the device being browsed on.
    OnMobile,
    Sms,
    Token,
    TokenCram,
    Eid,
    Social,
    ClientCert,
}

impl Method {
    pub const ALL: [Method; 11] = [
        Method::Password,
        Method::Webauthn,
        Method::MobileApp,
        Method::SoftwareToken,
        Method::OnMobile,
        Method::Sms,
        Method::Token,
        Method::TokenCram,
        Method::Eid,
        Method::Social,
        Method::ClientCert,
    ];

    pub fn strength(self) -> Strength {
        match self {
            Method::Password => Strength::Password,
            Method::Webauthn => Strength::PasswordWebauthn,
            Method::MobileApp => Strength::PasswordMobileApp,
            Method::SoftwareToken => Strength::PasswordSoftwareToken,
            Method::OnMobile => Strength::MobileApp,
            Method::Sms => Strength::PasswordSms,
            Method::Token => Strength::PasswordToken,
            Method::TokenCram => Strength::PasswordTokenCram,
            Method::Eid => Strength::Eidas,
            Method::Social => Strength::SocialNetworks,
            Method::ClientCert => Strength::ClientCert,
        }
    }

    /// The method yielding `strength`.
    pub fn for_strength(strength: Strength) -> Method {
        Method::ALL
            .into_iter()
            .find(|m| m.strength() == strength)
            .unwrap_or(Method::Password)
    }

    /// The code the login form posts: the strength's EU Login name.
    pub fn as_str(self) -> &'static str {
        self.strength().as_str()
    }

    /// The key of this method in the configuration (`[methods.webauthn]`).
    pub fn config_key(self) -> &'static str {
        match self {
            Method::Password => "password",
            Method::Webauthn => "webauthn",
            Method::MobileApp => "mobile_app",
            Method::SoftwareToken => "software_token",
            Method::OnMobile => "on_mobile",
            Method::Sms => "sms",
            Method::Token => "token",
            Method::TokenCram => "token_cram",
            Method::Eid => "eid",
            Method::Social => "social",
            Method::ClientCert => "client_cert",
        }
    }

    /// Whether the method starts with the password (its strength is `PASSWORD` or `PASSWORD_*`):
    /// a session that proved the password lets the user skip it when stepping up.
    pub fn includes_password(self) -> bool {
        self.strength().as_str().starts_with("PASSWORD")
    }

    /// RFC 8176 authentication method reference values proven by this method.
    pub fn amr(self) -> &'static [&'static str] {
        self.strength().amr()
    }

    /// Parses the login form's code (a strength name, deprecated aliases included).
    pub fn parse(s: &str) -> Option<Method> {
        s.parse::<Strength>().ok().map(Method::for_strength)
    }

    /// Parses a configuration key (`webauthn`, `sms`, ...).
    pub fn from_config_key(key: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.config_key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_aliases_map() {
        for s in Strength::ALL {
            assert_eq!(s.as_str().parse::<Strength>().unwrap(), s);
        }
        assert_eq!("STRONG".parse::<Strength>().unwrap(), Strength::Password);
        assert_eq!(
            "strong_sms".parse::<Strength>().unwrap(),
            Strength::PasswordSms
        );
        assert_eq!(
            "STRONG_TOKEN".parse::<Strength>().unwrap(),
            Strength::PasswordToken
        );
        assert!("PASSWORDX".parse::<Strength>().is_err());
    }

    #[test]
    fn lists_parse_deduplicated() {
        assert_eq!(
            Strength::parse_list("PASSWORD_MOBILE_APP, PASSWORD_WEBAUTHN,,STRONG,PASSWORD")
                .unwrap(),
            vec![
                Strength::PasswordMobileApp,
                Strength::PasswordWebauthn,
                Strength::Password
            ]
        );
        assert!(Strength::parse_list("PASSWORD,NOPE").is_err());
    }

    #[test]
    fn methods_and_strengths_correspond_one_to_one() {
        for s in Strength::ALL {
            assert_eq!(Method::for_strength(s).strength(), s);
        }
        for m in Method::ALL {
            assert_eq!(Method::parse(m.as_str()), Some(m));
            assert_eq!(Method::from_config_key(m.config_key()), Some(m));
        }
        assert_eq!(Method::parse("STRONG"), Some(Method::Password));
        assert_eq!(Method::parse("nope"), None);
        assert!(Method::Webauthn.includes_password());
        assert!(!Method::OnMobile.includes_password());
        assert!(!Method::Eid.includes_password());
    }

    #[test]
    fn levels_accept_everything_above() {
        assert_eq!(AuthLevel::Basic.strengths().len(), 11);
        assert!(!AuthLevel::Medium.strengths().contains(&Strength::Password));
        assert!(
            AuthLevel::Medium
                .strengths()
                .contains(&Strength::ClientCert)
        );
        assert_eq!(
            AuthLevel::High.strengths(),
            vec![
                Strength::PasswordToken,
                Strength::PasswordTokenCram,
                Strength::ClientCert
            ]
        );
    }
}
