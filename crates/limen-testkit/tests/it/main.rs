//! Integration tests: the real application on a random port, driven over HTTP, on SQLite and —
//! when `LIMEN_TEST_PG` is set — PostgreSQL.

mod authenticator;
mod cas;
mod cas_strength;
mod ecas_format;
mod groups;
mod http_client_trust;
mod http_limits;
mod login;
mod login_init;
mod mobile;
mod oidc;
mod ops;
mod password;
mod plugin_factor;
mod register;
mod review_federation;
mod review_saml;
mod review_sign;
mod saml_idp;
mod selfservice;
mod sessions;
mod sign_methods;
mod sign_mobile;
mod signing;
mod sms;
mod sms_fraud;
mod sms_gateway;
mod sms_review;
mod strength_policy;
mod throttle_race;
mod token_exchange;
mod tokens;
mod tokens_lockout;
mod upstream;
mod webauthn;
