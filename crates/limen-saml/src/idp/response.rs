//! See docs/SAML.md; written by issue 20.
