//! Limen as an eIDAS SAML 2.0 service provider: a pure library the web layer calls (no HTTP, no
//! SQL, no network). See docs/FEDERATION.md §5.
//!
//! Layout — the XML security layers are kept apart from the eIDAS logic so that Limen as a SAML
//! identity provider (issue 20) can reuse them:
//!
//! - [`xml`]: the one parse of a message (roxmltree) with the limits of the wrapping guard
//!   (FEDERATION.md §5.3 steps 1–2: size, depth, no DTD, no comment or processing instruction,
//!   unique IDs) and small readers (whole text, exactly-one child).
//! - [`c14n`]: Exclusive XML Canonicalization 1.0 (without comments) of an element subtree.
//! - [`dsig`]: XML-DSig enveloped signatures: verification of the signature of a root element
//!   against pinned keys (steps 3–4), and signing.
//! - [`xmlenc`]: XML Encryption 1.1 decryption of one `EncryptedData` (RSA-OAEP + AES-GCM).
//! - [`keys`]: Limen's own SP keys and their self-signed certificates (minimal DER).
//! - [`sp`]: what the web layer calls: [`authn_request`], [`metadata`], [`peek_in_response_to`],
//!   [`verify_response`].
//! - [`eidas`]: levels of assurance, the natural-person attributes, the identity read from a
//!   verified assertion.
//!
//! This crate never trusts `KeyInfo`, never dereferences a URI, never resolves an entity and never
//! reads any part of a message that is not the element whose signature it has just verified.

pub mod c14n;
pub mod dsig;
pub mod eidas;
mod error;
pub mod idp;
pub mod keys;
pub mod sp;
pub mod xml;
pub mod xmlenc;

mod der;

pub use eidas::{EidasIdentity, Loa};
pub use error::SamlError;
pub use keys::SpKeys;
pub use sp::{
    AuthnRequest, Binding, SpConfig, authn_request, metadata, peek_in_response_to, verify_response,
};
