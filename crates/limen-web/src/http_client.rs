//! The one HTTP client for every call Limen makes to another server: CAS single logout and proxy
//! callbacks, OpenID Connect back-channel logout and `jwks_uri`, and the upstream identity
//! providers to come. It is built once per process from `[http_client]` (docs/CONFIGURATION.md)
//! and kept in [`crate::Inner::http`]; nothing else in Limen builds a `reqwest::Client`.
//!
//! Servers are trusted through the public web PKI roots built into the binary (webpki-roots)
//! plus the certificates of `http_client.ca_certificates` (`ca_file` here), which are added to
//! them, never replace them. Redirects are
//! never followed: each of these calls goes to a URL a registration allowed, and a redirect would
//! carry a ticket or a logout elsewhere. It never logs: callers log what failed, with
//! [`failure_cause`].

use std::path::{Path, PathBuf};
use std::time::Duration;

/// `[http_client]`: whom outgoing calls trust and how long they may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpClientConfig {
    /// A PEM file of extra trusted root certificates (one or several), e.g. an internal CA.
    pub ca_file: Option<PathBuf>,
    /// A whole request, from connecting to the end of the answer.
    pub timeout: Duration,
    /// Establishing the connection, TLS handshake included.
    pub connect_timeout: Duration,
}

impl Default for HttpClientConfig {
    fn default() -> Self {
        Self {
            ca_file: None,
            timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(3),
        }
    }
}

/// Why the client could not be built; every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum HttpClientError {
    #[error("cannot read the CA file {}: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the CA file {} holds no PEM certificate (expected one or more \
         -----BEGIN CERTIFICATE----- blocks; a DER file converts with \
         `openssl x509 -inform der -in FILE -out FILE.pem`)",
        path.display()
    )]
    NoCertificate { path: PathBuf },
    #[error("the CA file {} holds an unusable certificate: {cause}", path.display())]
    BadCertificate { path: PathBuf, cause: String },
    #[error("the HTTP client could not be built: {0}")]
    Build(String),
}

/// The extra roots of `path`: every certificate of a PEM bundle.
pub fn read_ca_file(path: &Path) -> Result<Vec<reqwest::Certificate>, HttpClientError> {
    let pem = std::fs::read(path).map_err(|source| HttpClientError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
        HttpClientError::BadCertificate {
            path: path.to_owned(),
            cause: failure_cause(&e),
        }
    })?;
    if certificates.is_empty() {
        return Err(HttpClientError::NoCertificate {
            path: path.to_owned(),
        });
    }
    Ok(certificates)
}

/// The client, with the configured roots and timeouts; also how the configuration is checked at
/// start-up (a certificate whose PEM armour is fine but whose content is not a certificate is
/// refused only when the roots are built).
pub fn build(config: &HttpClientConfig) -> Result<reqwest::Client, HttpClientError> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(config.connect_timeout)
        .timeout(config.timeout)
        .user_agent(concat!("Limen/", env!("CARGO_PKG_VERSION")));
    if let Some(path) = &config.ca_file {
        for certificate in read_ca_file(path)? {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(|e| match &config.ca_file {
        Some(path) => HttpClientError::BadCertificate {
            path: path.clone(),
            cause: failure_cause(&e),
        },
        None => HttpClientError::Build(failure_cause(&e)),
    })
}

/// An error with every cause beneath it (`error sending request: client error (Connect):
/// invalid peer certificate: UnknownIssuer`): the outermost message alone rarely says whether a
/// call failed on DNS, TCP, TLS trust or a timeout. A cause already contained in the text so far
/// is not repeated.
pub fn failure_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);
    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    #[test]
    fn the_cause_names_every_layer_once() {
        let e = Layer(
            "error sending request",
            Some(Box::new(Layer(
                "client error (Connect)",
                Some(Box::new(Layer(
                    "Connect",
                    Some(Box::new(Layer(
                        "invalid peer certificate: UnknownIssuer",
                        None,
                    ))),
                ))),
            ))),
        );
        assert_eq!(
            failure_cause(&e),
            "error sending request: client error (Connect): invalid peer certificate: UnknownIssuer"
        );
    }

    fn temp_file(name: &str, content: &[u8]) -> PathBuf {
        let path =
            std::env::temp_dir().join(format!("limen-http-client-{}-{name}", std::process::id()));
        std::fs::write(&path, content).expect("write temp file");
        path
    }

    #[test]
    fn an_unusable_ca_file_is_refused_with_its_name_and_why() {
        let config = |path: &Path| HttpClientConfig {
            ca_file: Some(path.to_owned()),
            ..HttpClientConfig::default()
        };
        let missing = std::env::temp_dir().join("limen-no-such-ca.pem");
        let e = build(&config(&missing)).unwrap_err().to_string();
        assert!(e.contains("cannot read the CA file"), "{e}");
        assert!(e.contains("limen-no-such-ca.pem"), "{e}");

        let text = temp_file("text.pem", b"not a certificate\n");
        let e = build(&config(&text)).unwrap_err().to_string();
        assert!(e.contains("holds no PEM certificate"), "{e}");
        assert!(e.contains(&text.display().to_string()), "{e}");

        // Well-armoured PEM whose content is not a certificate.
        let not_der = temp_file(
            "garbage.pem",
            b"-----BEGIN CERTIFICATE-----\nAAECAwQFBgcICQ==\n-----END CERTIFICATE-----\n",
        );
        let e = build(&config(&not_der)).unwrap_err().to_string();
        assert!(e.contains("holds an unusable certificate"), "{e}");
        assert!(e.contains(&not_der.display().to_string()), "{e}");
        for path in [text, not_der] {
            let _ = std::fs::remove_file(path);
        }

        assert!(build(&HttpClientConfig::default()).is_ok());
    }
}
