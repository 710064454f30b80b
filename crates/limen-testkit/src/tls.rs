//! HTTPS for the servers that stand in for services: [`TestCa`], a certificate authority made
//! afresh for each test with a server certificate it signs for `127.0.0.1` and `localhost`, and
//! [`HttpsServer`], an axum router served over TLS that counts the handshakes a client broke off
//! (what a client that does not trust the CA does).

use base64::Engine as _;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A test CA and the server certificate it issued.
pub struct TestCa {
    /// The CA certificate in PEM: what `[http_client] ca_certificates` names.
    pub pem: String,
    /// A file holding [`TestCa::pem`], removed when the CA is dropped.
    pub file: PathBuf,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: Vec<u8>,
}

impl TestCa {
    /// A new CA named `name` (its common name), and a certificate for `127.0.0.1` and
    /// `localhost` signed by it.
    pub fn new(name: &str) -> TestCa {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        ca.distinguished_name.push(DnType::CommonName, name);
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
        let issuer = Issuer::new(ca, ca_key);

        let server_key = KeyPair::generate().expect("server key");
        let mut server = CertificateParams::new(vec!["127.0.0.1".into(), "localhost".into()])
            .expect("server parameters");
        server
            .distinguished_name
            .push(DnType::CommonName, "limen test service");
        let server_cert = server
            .signed_by(&server_key, &issuer)
            .expect("server certificate");

        let pem = pem_certificate(ca_cert.der());
        let file = std::env::temp_dir().join(format!(
            "limen-test-ca-{}-{}.pem",
            std::process::id(),
            limen_crypto::random_token(8)
        ));
        std::fs::write(&file, &pem).expect("write the CA file");
        TestCa {
            pem,
            file,
            server_chain: vec![server_cert.der().clone()],
            server_key: server_key.serialize_der(),
        }
    }

    fn server_config(&self) -> rustls::ServerConfig {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(
                self.server_chain.clone(),
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.server_key.clone())),
            )
            .expect("server certificate and key")
    }
}

impl Drop for TestCa {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

/// A DER certificate in PEM armour (RFC 7468 §2: base64 lines of 64 characters).
pub fn pem_certificate(der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    pem
}

/// An axum router served over https on `127.0.0.1`, with the certificate of a [`TestCa`].
pub struct HttpsServer {
    /// `https://127.0.0.1:PORT`.
    pub base: String,
    refused: Arc<AtomicUsize>,
    _task: tokio::task::JoinHandle<()>,
}

impl HttpsServer {
    pub async fn start(router: axum::Router, ca: &TestCa) -> HttpsServer {
        let tcp = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("https://{}", tcp.local_addr().expect("address"));
        let refused = Arc::new(AtomicUsize::new(0));
        let listener = TlsListener {
            tcp,
            acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(ca.server_config())),
            refused: refused.clone(),
        };
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        HttpsServer {
            base,
            refused,
            _task: task,
        }
    }

    /// TLS handshakes that did not complete (a client that refused the certificate).
    pub fn handshakes_refused(&self) -> usize {
        self.refused.load(Ordering::SeqCst)
    }

    /// Waits up to `seconds` for at least `n` refused handshakes: the server learns of a refusal
    /// from the client's alert, which may arrive after the client has already reported its
    /// failure. Returns how many there were.
    pub async fn wait_refused(&self, n: usize, seconds: u64) -> usize {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            let refused = self.handshakes_refused();
            if refused >= n || std::time::Instant::now() > deadline {
                return refused;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }
}

struct TlsListener {
    tcp: tokio::net::TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    refused: Arc<AtomicUsize>,
}

impl axum::serve::Listener for TlsListener {
    type Io = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((stream, peer)) = self.tcp.accept().await else {
                continue;
            };
            match self.acceptor.accept(stream).await {
                Ok(tls) => return (tls, peer),
                Err(_) => {
                    self.refused.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}
