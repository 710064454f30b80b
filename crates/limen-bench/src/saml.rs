//! `saml-sp` and `saml-rate`: SAML assertions issued per second (docs/SAML.md §14). The bench
//! plays a SAML 2.0 service provider of the Web Browser SSO profile (SAML Profiles §4.1).
//!
//! - `saml-sp` generates the SP's RSA key and writes its metadata (SAML Metadata §2.3.2,
//!   §2.4.4): `SPSSODescriptor` for SAML 2.0 with `AuthnRequestsSigned="true"`, the key's
//!   certificate in a `KeyDescriptor use="signing"` (and, with `--encryption`, in a
//!   `KeyDescriptor use="encryption"` listing AES-256-GCM and RSA-OAEP, XML Encryption 1.1 §5),
//!   one HTTP-POST `AssertionConsumerService` on a URL nobody needs to listen on: the bench reads
//!   the form the browser would post there. The metadata is read back with Limen's own reader
//!   (`read_sp_metadata`) before it is written, so `limen service add --protocol saml
//!   --metadata DIR/metadata.xml` takes it.
//! - `saml-rate`, against a server where that metadata is registered: one login through the
//!   HTML forms for an SSO cookie, then `--requests` AuthnRequests (SAML Core §3.4.1) built and
//!   signed **before timing** — a fresh `ID` each (the server keeps every ID for replay
//!   detection, docs/SAML.md §4.2 step 9), enveloped RSA-SHA256 signature after `Issuer`
//!   (XML-DSig 1.1, exclusive C14N), `Destination` = `{base-url}/saml/sso`, `IssueInstant` now,
//!   `AssertionConsumerServiceURL` and `ProtocolBinding` HTTP-POST. Timed: each request posted
//!   once to `/saml/sso` (HTTP-POST binding, SAML Bindings §3.5) with the cookie, closed loop at
//!   `--concurrency`; each answer must be the auto-submitting form (Bindings §3.5.4) to the
//!   registered ACS with a `SAMLResponse` whose status is Success and the `RelayState` sent.
//!   Untimed, after: every `--check-every`-th answer (and the first) decoded and checked fully —
//!   `Destination`, `InResponseTo`, status, audience, recipient, the assertion decrypted when
//!   encrypted, and the signatures verified against the keys the IdP publishes at
//!   `/saml/metadata` — and compared with what was registered (`--expect-*`).
//!
//! Limen refuses a request whose `IssueInstant` is more than 3 minutes away from its clock
//! (`limen_saml::sp::SKEW`): building and the timed run together are bounded by
//! [`MAX_RUN_SECONDS`]. `/saml/sso` is rate-limited per client address (`[saml]
//! sso_per_minute`, 120 by default): run the server with it raised
//! (`LIMEN_SAML__SSO_PER_MINUTE=100000000`), as scripts/bench does.

use crate::http::{
    FORM_MARKER, Failure, Login, client, endpoint, failures_json, latency_json, latency_line,
    parse_base, phase, print_failures, value_after,
};
use crate::stats::{rate, round, summarise};
use anyhow::{Context, Result, anyhow, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_saml::SamlError;
use limen_saml::dsig::{self, DigestAlgorithm, PublicKey, SignatureAlgorithm};
use limen_saml::idp::sp_metadata::{SpMetadata, check_endpoint_url, read_sp_metadata};
use limen_saml::idp::{IdpKey, NameIdFormat, Signer, binding, instant, new_id, status};
use limen_saml::xml::{self, Limits, ns};
use limen_saml::xmlenc;
use reqwest::header::{CONTENT_TYPE, COOKIE};
use reqwest::{Client, StatusCode, Url};
use roxmltree::Node;
use rsa::RsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

const SSO: &str = "POST /saml/sso";
/// The files `saml-sp` writes and `saml-rate` reads.
pub const METADATA_FILE: &str = "metadata.xml";
pub const KEY_FILE: &str = "key.pk8";
/// The longest a pre-signed request may wait before it is sent: Limen's ±3 minutes of
/// `IssueInstant` skew (`limen_saml::sp::SKEW`) less a margin of 10 s.
pub const MAX_RUN_SECONDS: f64 = 170.0;
const SAML_RESPONSE_MARKER: &str = "<input type=\"hidden\" name=\"SAMLResponse\" value=\"";
const RELAY_STATE_MARKER: &str = "<input type=\"hidden\" name=\"RelayState\" value=\"";
/// What every answer's decoded Response must hold (SAML Core §3.2.2.2), whatever its prefix.
const SUCCESS_CODE: &str = "StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"";

#[derive(Debug, clap::Args)]
pub struct SamlSpArgs {
    /// Directory to write metadata.xml and key.pk8 (PKCS#8 DER, mode 0600) into; created if
    /// missing.
    #[arg(long)]
    pub dir: PathBuf,
    /// The SP's entityID (an absolute URI, unique among the server's SAML SPs).
    #[arg(long)]
    pub entity_id: String,
    /// Its HTTP-POST AssertionConsumerService (https://, or http:// on a loopback host). Nothing
    /// needs to listen there: the bench reads the form the browser would post.
    #[arg(long, default_value = "http://127.0.0.1:9/bench-saml/acs")]
    pub acs: String,
    /// Also publish the key for encryption (KeyDescriptor use="encryption", AES-256-GCM and
    /// RSA-OAEP), so that `--encrypt on` can be registered.
    #[arg(long)]
    pub encryption: bool,
    /// RSA key size, 2048 to 4096.
    #[arg(long, default_value_t = 2048)]
    pub key_bits: usize,
}

/// What signatures a Response carries (`--sign` of `limen service add`, docs/SAML.md §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Signed {
    Both,
    Assertion,
    Response,
}

impl Signed {
    fn name(self) -> &'static str {
        match self {
            Signed::Both => "both",
            Signed::Assertion => "assertion",
            Signed::Response => "response",
        }
    }
}

/// The IdP's signature algorithm (`--signing-alg` of `limen service add`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Alg {
    RsaSha256,
    EcdsaSha256,
}

impl Alg {
    fn uri(self) -> &'static str {
        match self {
            Alg::RsaSha256 => SignatureAlgorithm::RsaSha256.uri(),
            Alg::EcdsaSha256 => SignatureAlgorithm::EcdsaSha256.uri(),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct SamlRateArgs {
    /// Base URL of the server, e.g. http://127.0.0.1:8080 — its public URL: requests name
    /// {base-url}/saml/sso as their Destination.
    #[arg(long)]
    pub base_url: String,
    /// E-mail of an existing, active account.
    #[arg(long)]
    pub email: String,
    /// Its password.
    #[arg(long, env = "LIMEN_BENCH_PASSWORD", hide_env_values = true)]
    pub password: String,
    /// The directory `saml-sp` wrote, whose metadata.xml is registered on the server.
    #[arg(long)]
    pub sp_dir: PathBuf,
    /// A name for this run in the output.
    #[arg(long, default_value = "saml")]
    pub variant: String,
    /// Assertions to request, each with its own pre-signed AuthnRequest.
    #[arg(long, default_value_t = 5000)]
    pub requests: usize,
    /// Concurrent requests.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Check every Nth answer fully after the timed loop (decoded, signatures verified).
    #[arg(long, default_value_t = 50)]
    pub check_every: usize,
    /// What the SP was registered to have signed; a sample that differs is a failure.
    #[arg(long, value_enum)]
    pub expect_sign: Option<Signed>,
    /// The signature algorithm the SP was registered with.
    #[arg(long, value_enum)]
    pub expect_alg: Option<Alg>,
    /// Whether the SP was registered with encryption (true or false).
    #[arg(long)]
    pub expect_encrypted: Option<bool>,
    /// Upper bound on building the requests and the timed run together (at most 170 s: the
    /// server refuses requests issued more than 3 minutes ago); unsent requests are reported.
    #[arg(long, default_value_t = MAX_RUN_SECONDS)]
    pub max_seconds: f64,
    /// The server's process id: its CPU time per assertion is read from /proc/<pid>/stat
    /// (Linux), beside limen-bench's own and the rest of the machine's.
    #[arg(long)]
    pub server_pid: Option<u32>,
}

// --- The service provider ---------------------------------------------------------------------

/// The SP metadata (SAML Metadata §2.3.2 `EntityDescriptor`, §2.4.4 `SPSSODescriptor` with its
/// elements in schema order: `KeyDescriptor`s, `NameIDFormat`, `AssertionConsumerService`). The
/// one certificate signs requests and, with `encryption`, receives encrypted assertions
/// (§2.4.1.1 `EncryptionMethod`: XML Encryption 1.1 §5.2.4 AES-256-GCM, §5.5.2 RSA-OAEP).
pub fn sp_metadata(entity_id: &str, acs: &str, certificate_der: &[u8], encryption: bool) -> String {
    let key_info = dsig::x509_key_info(certificate_der);
    let mut keys = format!("<md:KeyDescriptor use=\"signing\">{key_info}</md:KeyDescriptor>");
    if encryption {
        keys.push_str(&format!(
            "<md:KeyDescriptor use=\"encryption\">{key_info}\
             <md:EncryptionMethod Algorithm=\"{gcm}\"/><md:EncryptionMethod Algorithm=\"{oaep}\"/>\
             </md:KeyDescriptor>",
            gcm = xmlenc::uri::AES256_GCM,
            oaep = xmlenc::uri::RSA_OAEP,
        ));
    }
    format!(
        "<md:EntityDescriptor xmlns:md=\"{md}\" xmlns:ds=\"{ds}\" entityID=\"{entity}\">\
         <md:SPSSODescriptor AuthnRequestsSigned=\"true\" WantAssertionsSigned=\"true\" \
         protocolSupportEnumeration=\"{samlp}\">{keys}\
         <md:NameIDFormat>{persistent}</md:NameIDFormat>\
         <md:AssertionConsumerService Binding=\"{post}\" Location=\"{acs}\" index=\"0\" \
         isDefault=\"true\"/></md:SPSSODescriptor></md:EntityDescriptor>",
        md = ns::MD,
        ds = ns::DS,
        entity = xml::escape(entity_id),
        samlp = ns::SAMLP,
        persistent = NameIdFormat::Persistent.uri(),
        post = binding::POST,
        acs = xml::escape(acs),
    )
}

/// `saml-sp`: a new key and the metadata that registers it.
pub fn write_sp(args: &SamlSpArgs) -> Result<()> {
    check_endpoint_url(&args.acs).map_err(|e| anyhow!("--acs: {e}"))?;
    let key = IdpKey::generate_rsa("bench-sp", args.key_bits)
        .map_err(|e| anyhow!("--key-bits {}: {e}", args.key_bits))?;
    let metadata = sp_metadata(
        &args.entity_id,
        &args.acs,
        &key.certificate_der,
        args.encryption,
    );
    // What `limen service add --protocol saml` will read: refused here rather than there.
    read_sp_metadata(&metadata, OffsetDateTime::now_utc(), None)
        .map_err(|e| anyhow!("the metadata written would be refused: {e}"))?;
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("creating {}", args.dir.display()))?;
    write_private(&args.dir.join(KEY_FILE), &key.pkcs8)?;
    let metadata_path = args.dir.join(METADATA_FILE);
    std::fs::write(&metadata_path, &metadata)
        .with_context(|| format!("writing {}", metadata_path.display()))?;
    println!(
        "saml-sp: {} (RSA-{}{}), metadata in {}",
        args.entity_id,
        args.key_bits,
        if args.encryption {
            ", signing and encryption"
        } else {
            ", signing"
        },
        metadata_path.display()
    );
    let json = serde_json::json!({
        "bench": "saml-sp",
        "entity_id": args.entity_id,
        "acs": args.acs,
        "key_bits": args.key_bits,
        "encryption": args.encryption,
        "metadata": metadata_path.display().to_string(),
    });
    println!("{}", serde_json::to_string(&json)?);
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("writing {}", path.display()))
}

/// The SP as `saml-sp` wrote it.
struct BenchSp {
    entity_id: String,
    acs: String,
    key: IdpKey,
    /// The same key, to decrypt assertions when the metadata publishes it for encryption.
    decryption: Option<RsaPrivateKey>,
}

impl BenchSp {
    /// Reads `dir`: the metadata through Limen's reader (entityID, the default ACS, the signing
    /// certificate), and the key, which must be the certificate's (a signature by it verifies).
    fn load(dir: &Path) -> Result<BenchSp> {
        let metadata_path = dir.join(METADATA_FILE);
        let metadata = std::fs::read_to_string(&metadata_path)
            .with_context(|| format!("reading {}", metadata_path.display()))?;
        let key_path = dir.join(KEY_FILE);
        let pkcs8 =
            std::fs::read(&key_path).with_context(|| format!("reading {}", key_path.display()))?;
        let md = read_sp_metadata(&metadata, OffsetDateTime::now_utc(), None)
            .map_err(|e| anyhow!("{}: {e}", metadata_path.display()))?;
        BenchSp::from_parts(&md, pkcs8)
    }

    fn from_parts(md: &SpMetadata, pkcs8: Vec<u8>) -> Result<BenchSp> {
        let acs = md
            .acs
            .iter()
            .find(|a| a.is_default)
            .or_else(|| md.acs.first())
            .ok_or_else(|| anyhow!("the metadata has no HTTP-POST ACS"))?
            .location
            .clone();
        let [certificate] = md.signing_certificates.as_slice() else {
            bail!("the metadata must hold exactly one signing certificate");
        };
        let key = IdpKey {
            pkcs8,
            certificate_der: certificate.clone(),
        };
        let probe = b"limen-bench saml key check";
        let signature = key
            .signer()
            .and_then(|s| s.sign(probe))
            .map_err(|e| anyhow!("the SP key: {e}"))?;
        let public = PublicKey::from_certificate(certificate).map_err(|e| anyhow!("{e}"))?;
        if !public.verify(SignatureAlgorithm::RsaSha256, probe, &signature) {
            bail!("the SP key is not the one of the metadata's signing certificate");
        }
        let decryption = match &md.encryption_certificate {
            Some(c) if c == certificate => Some(
                RsaPrivateKey::from_pkcs8_der(&key.pkcs8)
                    .map_err(|e| anyhow!("the SP key (RSA): {e}"))?,
            ),
            Some(_) => bail!("the metadata's encryption certificate is not the SP key's"),
            None => None,
        };
        Ok(BenchSp {
            entity_id: md.entity_id.clone(),
            acs,
            key,
            decryption,
        })
    }
}

// --- The requests -------------------------------------------------------------------------------

/// One signed request, form-encoded for the POST binding.
struct PreBuilt {
    id: String,
    relay_state: String,
    body: Vec<u8>,
}

/// application/x-www-form-urlencoded (the HTML form encoding Bindings §3.5.4 posts).
fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A signed `AuthnRequest` (SAML Core §3.4.1) as an SP of the Web Browser SSO profile sends it
/// (Profiles §4.1.4.1): `Issuer` its entityID, the ACS by URL with the HTTP-POST binding, a
/// persistent `NameIDPolicy`; the enveloped signature after `Issuer` (Core §5.4.2, exclusive
/// C14N, RSA-SHA256, SHA-256 digest).
fn authn_request(
    signer: &Signer,
    sp: &BenchSp,
    destination: &str,
    id: &str,
    now: OffsetDateTime,
) -> Result<String, SamlError> {
    let xml = format!(
        "<samlp:AuthnRequest xmlns:samlp=\"{samlp}\" xmlns:saml=\"{saml}\" \
         AssertionConsumerServiceURL=\"{acs}\" Destination=\"{destination}\" ID=\"{id}\" \
         IssueInstant=\"{instant}\" ProtocolBinding=\"{post}\" Version=\"2.0\">\
         <saml:Issuer>{issuer}</saml:Issuer>\
         <samlp:NameIDPolicy AllowCreate=\"true\" Format=\"{persistent}\"/></samlp:AuthnRequest>",
        samlp = ns::SAMLP,
        saml = ns::SAML,
        acs = xml::escape(&sp.acs),
        destination = xml::escape(destination),
        id = xml::escape(id),
        instant = instant(now)?,
        post = binding::POST,
        issuer = xml::escape(&sp.entity_id),
        persistent = NameIdFormat::Persistent.uri(),
    );
    dsig::sign_enveloped(
        &xml,
        signer,
        DigestAlgorithm::Sha256,
        Some((ns::SAML, "Issuer")),
    )
}

/// The form body of request `n`: `SAMLRequest` (base64 of the signed XML) and `RelayState`.
fn prebuild(signer: &Signer, sp: &BenchSp, destination: &str, n: usize) -> Result<PreBuilt> {
    let id = new_id().map_err(|e| anyhow!("{e}"))?;
    let xml = authn_request(signer, sp, destination, &id, OffsetDateTime::now_utc())
        .map_err(|e| anyhow!("signing an AuthnRequest: {e}"))?;
    let relay_state = format!("bench-{n}");
    let body = format!(
        "SAMLRequest={}&RelayState={}",
        form_encode(&B64.encode(xml)),
        form_encode(&relay_state)
    )
    .into_bytes();
    Ok(PreBuilt {
        id,
        relay_state,
        body,
    })
}

/// `count` requests, built on every core.
fn build_requests(sp: &BenchSp, destination: &str, count: usize) -> Result<Vec<PreBuilt>> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 16);
    let chunk = count.div_ceil(threads).max(1);
    let parts: Vec<Result<Vec<PreBuilt>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..count)
            .step_by(chunk)
            .map(|start| {
                scope.spawn(move || -> Result<Vec<PreBuilt>> {
                    let signer = sp.key.signer().map_err(|e| anyhow!("the SP key: {e}"))?;
                    (start..(start + chunk).min(count))
                        .map(|n| prebuild(&signer, sp, destination, n))
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow!("a request builder panicked")))
            })
            .collect()
    });
    let mut all = Vec::with_capacity(count);
    for part in parts {
        all.extend(part?);
    }
    Ok(all)
}

// --- The answers --------------------------------------------------------------------------------

/// The `SAMLResponse` of an auto-submitting form (Bindings §3.5.4) to `acs` that carries
/// `relay_state` back (§3.5.3) and whose Response has the status Success.
fn read_answer(html: &str, acs: &str, relay_state: &str) -> Result<String, Failure> {
    let action = value_after(html, FORM_MARKER).ok_or(Failure::Markup("auto-post form"))?;
    if action != acs {
        return Err(Failure::Markup("form posting to the registered ACS"));
    }
    let response = value_after(html, SAML_RESPONSE_MARKER)
        .filter(|v| !v.is_empty())
        .ok_or(Failure::Markup("SAMLResponse field"))?;
    if value_after(html, RELAY_STATE_MARKER).as_deref() != Some(relay_state) {
        return Err(Failure::Markup("RelayState sent back"));
    }
    let xml = B64
        .decode(response.as_bytes())
        .map_err(|_| Failure::Markup("base64 SAMLResponse"))?;
    if !String::from_utf8_lossy(&xml).contains(SUCCESS_CODE) {
        return Err(Failure::Markup("status Success in the Response"));
    }
    Ok(response)
}

async fn post_request(
    client: &Client,
    url: Url,
    cookies: &str,
    request: &PreBuilt,
) -> Result<(reqwest::header::HeaderMap, String), Failure> {
    let resp = client
        .post(url)
        .header(COOKIE, cookies)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(request.body.clone())
        .send()
        .await
        .map_err(|_| Failure::Transport(SSO))?;
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.text().await.map_err(|_| Failure::Transport(SSO))?;
    if status != StatusCode::OK {
        return Err(Failure::Status(SSO, status.as_u16()));
    }
    Ok((headers, body))
}

/// What one Response turned out to carry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observed {
    response_signed: bool,
    assertion_signed: bool,
    /// `SignatureMethod` of each signature, the Response's first.
    algorithms: Vec<String>,
    encrypted: bool,
    /// Whether the Response's own signature was verified: it cannot be with `verify_enveloped`
    /// when the assertion inside is signed too and in clear (two signatures in one document).
    response_verified: bool,
    bytes: usize,
}

impl Observed {
    fn signed(&self) -> &'static str {
        match (self.response_signed, self.assertion_signed) {
            (true, true) => Signed::Both.name(),
            (false, true) => Signed::Assertion.name(),
            (true, false) => Signed::Response.name(),
            (false, false) => "none",
        }
    }
}

/// What a Response to request `in_response_to` must say.
struct Expected<'a> {
    acs: &'a str,
    sp_entity_id: &'a str,
    in_response_to: &'a str,
    sign: Option<Signed>,
    alg: Option<Alg>,
    encrypted: Option<bool>,
}

fn attr_is(node: Node<'_, '_>, name: &str, expected: &str) -> Result<(), String> {
    match node.attribute(name) {
        Some(v) if v == expected => Ok(()),
        found => Err(format!(
            "{} {name} {found:?}, expected {expected:?}",
            node.tag_name().name()
        )),
    }
}

fn signature_method(signature: Node<'_, '_>) -> Result<String, SamlError> {
    let info = xml::one_child(signature, ns::DS, "SignedInfo")?;
    let method = xml::one_child(info, ns::DS, "SignatureMethod")?;
    Ok(xml::required_attr(method, "Algorithm")?.to_owned())
}

/// The full check of one `SAMLResponse` value (SAML Core §3.2.2, §2.3.3; Profiles §4.1.4.2 and
/// §4.1.4.3): base64, the guarded parse, `samlp:Response` to the ACS in response to the request,
/// status Success, one assertion — decrypted with `decryption` when it is a
/// `saml:EncryptedAssertion` (Core §2.3.4; XML Encryption 1.1) — for the SP's audience with a
/// bearer confirmation for the request and the ACS, each signature (XML-DSig 1.1 §3.2)
/// verified with `idp_keys` (the Response's when it is the document's only one), and what was
/// observed compared with `expected`.
fn check_response(
    saml_response: &str,
    expected: &Expected<'_>,
    idp_keys: &[PublicKey],
    decryption: Option<&RsaPrivateKey>,
) -> Result<Observed, String> {
    let bytes = B64
        .decode(saml_response.as_bytes())
        .map_err(|_| "SAMLResponse is not base64".to_owned())?;
    let text = String::from_utf8(bytes).map_err(|_| "SAMLResponse is not UTF-8".to_owned())?;
    let doc = xml::parse(&text).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    if !xml::is(root, ns::SAMLP, "Response") {
        return Err(format!(
            "root {} is not samlp:Response",
            root.tag_name().name()
        ));
    }
    attr_is(root, "Destination", expected.acs)?;
    attr_is(root, "InResponseTo", expected.in_response_to)?;
    let code = xml::one_child(root, ns::SAMLP, "Status")
        .and_then(|s| xml::one_child(s, ns::SAMLP, "StatusCode"))
        .map_err(|e| e.to_string())?;
    attr_is(code, "Value", status::SUCCESS)?;

    let response_signature =
        xml::opt_child(root, ns::DS, "Signature").map_err(|e| e.to_string())?;
    let signatures_in_document = doc
        .descendants()
        .filter(|n| xml::is(*n, ns::DS, "Signature"))
        .count();
    let mut algorithms = Vec::new();
    let mut response_verified = false;
    if let Some(signature) = response_signature {
        algorithms.push(signature_method(signature).map_err(|e| e.to_string())?);
        if signatures_in_document == 1 {
            dsig::verify_enveloped(root, idp_keys, true)
                .map_err(|e| format!("the Response signature: {e}"))?;
            response_verified = true;
        }
    }

    let plain = xml::opt_child(root, ns::SAML, "Assertion").map_err(|e| e.to_string())?;
    let sealed = xml::opt_child(root, ns::SAML, "EncryptedAssertion").map_err(|e| e.to_string())?;
    let (assertion_text, encrypted) = match (plain, sealed) {
        (Some(a), None) => (
            text.get(a.range())
                .ok_or_else(|| "the assertion's text".to_owned())?
                .to_owned(),
            false,
        ),
        (None, Some(e)) => {
            let key = decryption.ok_or_else(|| {
                "an encrypted assertion, and the SP publishes no encryption key".to_owned()
            })?;
            let data = xml::one_child(e, ns::XENC, "EncryptedData").map_err(|e| e.to_string())?;
            let beside: Vec<Node<'_, '_>> = xml::children(e, ns::XENC, "EncryptedKey").collect();
            let plaintext = xmlenc::decrypt_element(data, &beside, key)
                .map_err(|e| format!("the encrypted assertion: {e}"))?;
            (
                String::from_utf8(plaintext)
                    .map_err(|_| "the decrypted assertion is not UTF-8".to_owned())?,
                true,
            )
        }
        (None, None) => return Err("no assertion".to_owned()),
        (Some(_), Some(_)) => return Err("two assertions".to_owned()),
    };
    // Exclusive C14N makes the assertion's signature independent of its context (the writer
    // declares its namespaces on it): it verifies as a document of its own.
    let assertion_doc = xml::parse(&assertion_text).map_err(|e| format!("the assertion: {e}"))?;
    let assertion = assertion_doc.root_element();
    if !xml::is(assertion, ns::SAML, "Assertion") {
        return Err("the assertion is not saml:Assertion".to_owned());
    }
    let assertion_signature =
        xml::opt_child(assertion, ns::DS, "Signature").map_err(|e| e.to_string())?;
    if let Some(signature) = assertion_signature {
        algorithms.push(signature_method(signature).map_err(|e| e.to_string())?);
        dsig::verify_enveloped(assertion, idp_keys, true)
            .map_err(|e| format!("the assertion signature: {e}"))?;
    }
    if response_signature.is_none() && assertion_signature.is_none() {
        return Err("nothing is signed".to_owned());
    }
    let audience = xml::one_child(assertion, ns::SAML, "Conditions")
        .and_then(|c| xml::one_child(c, ns::SAML, "AudienceRestriction"))
        .and_then(|r| xml::one_child(r, ns::SAML, "Audience"))
        .and_then(xml::text)
        .map_err(|e| e.to_string())?;
    if audience != expected.sp_entity_id {
        return Err(format!(
            "Audience {audience:?}, expected {:?}",
            expected.sp_entity_id
        ));
    }
    let confirmation = xml::one_child(assertion, ns::SAML, "Subject")
        .and_then(|s| xml::one_child(s, ns::SAML, "SubjectConfirmation"))
        .and_then(|c| xml::one_child(c, ns::SAML, "SubjectConfirmationData"))
        .map_err(|e| e.to_string())?;
    attr_is(confirmation, "InResponseTo", expected.in_response_to)?;
    attr_is(confirmation, "Recipient", expected.acs)?;

    let observed = Observed {
        response_signed: response_signature.is_some(),
        assertion_signed: assertion_signature.is_some(),
        algorithms,
        encrypted,
        response_verified,
        bytes: text.len(),
    };
    if let Some(sign) = expected.sign
        && observed.signed() != sign.name()
    {
        return Err(format!(
            "signed: {}, expected {}",
            observed.signed(),
            sign.name()
        ));
    }
    if let Some(alg) = expected.alg
        && let Some(other) = observed.algorithms.iter().find(|a| *a != alg.uri())
    {
        return Err(format!(
            "signature algorithm {other}, expected {}",
            alg.uri()
        ));
    }
    if let Some(encrypted) = expected.encrypted
        && observed.encrypted != encrypted
    {
        return Err(format!(
            "encrypted: {}, expected {encrypted}",
            observed.encrypted
        ));
    }
    Ok(observed)
}

/// The signing keys the IdP publishes in its metadata (SAML Metadata §2.4.1.1: `KeyDescriptor`
/// of use signing or without `use`, in the `IDPSSODescriptor`).
fn idp_keys(metadata: &str) -> Result<Vec<PublicKey>> {
    let doc = xml::parse_with(metadata, Limits::METADATA).map_err(|e| anyhow!("{e}"))?;
    let root = doc.root_element();
    let idp = xml::one_child(root, ns::MD, "IDPSSODescriptor").map_err(|e| anyhow!("{e}"))?;
    let mut keys = Vec::new();
    for descriptor in xml::children(idp, ns::MD, "KeyDescriptor") {
        if descriptor.attribute("use").is_some_and(|u| u != "signing") {
            continue;
        }
        for certificate in descriptor
            .descendants()
            .filter(|n| xml::is(*n, ns::DS, "X509Certificate"))
        {
            let der = xml::base64_text(certificate).map_err(|e| anyhow!("{e}"))?;
            keys.push(PublicKey::from_certificate(&der).map_err(|e| anyhow!("{e}"))?);
        }
    }
    if keys.is_empty() {
        bail!("the IdP metadata publishes no signing key");
    }
    Ok(keys)
}

async fn fetch_idp_keys(client: &Client, base: &Url) -> Result<Vec<PublicKey>> {
    let url = endpoint(base, "/saml/metadata", &[])?;
    let resp = client.get(url).send().await.context("GET /saml/metadata")?;
    if resp.status() != StatusCode::OK {
        bail!("GET /saml/metadata: HTTP {}", resp.status().as_u16());
    }
    idp_keys(&resp.text().await.context("GET /saml/metadata")?)
}

// --- CPU time (Linux, proc(5)) -------------------------------------------------------------------

/// utime + stime of a process (`self` or a pid), in clock ticks: fields 14 and 15 of
/// /proc/<pid>/stat, counted after the command name (field 2, in parentheses, may hold spaces).
fn process_ticks(pid: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

/// The machine's busy and total CPU time, in clock ticks: the first line of /proc/stat (user
/// nice system idle iowait irq softirq steal …; busy is all but idle and iowait).
fn machine_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let fields: Vec<u64> = line
        .split_whitespace()
        .take(8)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let total: u64 = fields.iter().sum();
    let idle = fields.get(3).copied().unwrap_or(0) + fields.get(4).copied().unwrap_or(0);
    Some((total.saturating_sub(idle), total))
}

/// Clock ticks per second (`getconf CLK_TCK`; 100, Linux's, when it cannot be asked).
fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|t| *t > 0.0)
        .unwrap_or(100.0)
}

/// CPU time at one instant: the server's (when its pid is known), limen-bench's, the machine's.
#[derive(Debug, Clone, Copy)]
struct Cpu {
    server: Option<u64>,
    bench: Option<u64>,
    machine: Option<(u64, u64)>,
}

impl Cpu {
    fn now(server_pid: Option<u32>) -> Cpu {
        Cpu {
            server: server_pid.and_then(|p| process_ticks(&p.to_string())),
            bench: process_ticks("self"),
            machine: machine_ticks(),
        }
    }

    /// Where the CPU time between `self` and `later` went, in seconds, per `count` items in ms.
    fn since(&self, later: &Cpu, count: u64) -> serde_json::Value {
        let tick = clock_ticks();
        let seconds = |a: Option<u64>, b: Option<u64>| Some(b?.checked_sub(a?)? as f64 / tick);
        let server = seconds(self.server, later.server);
        let bench = seconds(self.bench, later.bench);
        let busy = seconds(self.machine.map(|m| m.0), later.machine.map(|m| m.0));
        let total = seconds(self.machine.map(|m| m.1), later.machine.map(|m| m.1));
        let per = |s: Option<f64>| {
            s.filter(|_| count > 0)
                .map(|s| round(s * 1000.0 / count as f64, 2))
        };
        // Whatever else ran: PostgreSQL's processes, the kernel's work, other programs.
        let rest = match (busy, server, bench) {
            (Some(b), Some(s), Some(o)) => Some(round((b - s - o).max(0.0), 2)),
            _ => None,
        };
        serde_json::json!({
            "server_cpu_seconds": server.map(|s| round(s, 2)),
            "server_cpu_ms_per_assertion": per(server),
            "bench_cpu_seconds": bench.map(|s| round(s, 2)),
            "bench_cpu_ms_per_assertion": per(bench),
            "machine_busy_percent": busy.zip(total).filter(|(_, t)| *t > 0.0).map(|(b, t)| round(100.0 * b / t, 1)),
            "rest_cpu_seconds": rest,
        })
    }
}

// --- saml-rate --------------------------------------------------------------------------------

pub async fn saml_rate(args: SamlRateArgs) -> Result<()> {
    if args.concurrency == 0 || args.concurrency > 1024 {
        bail!("--concurrency must be in 1..=1024");
    }
    if args.requests == 0 || args.requests > 1_000_000 {
        bail!("--requests must be in 1..=1000000");
    }
    if args.check_every == 0 {
        bail!("--check-every must be at least 1");
    }
    if !(args.max_seconds > 0.0 && args.max_seconds <= MAX_RUN_SECONDS) {
        bail!(
            "--max-seconds must be in (0, {MAX_RUN_SECONDS}]: requests are refused 3 minutes after they were issued"
        );
    }
    let base = parse_base(&args.base_url)?;
    let sp = Arc::new(BenchSp::load(&args.sp_dir)?);
    let sso = endpoint(&base, "/saml/sso", &[])?;
    let client = client(args.concurrency)?;

    let mut jar = Login {
        client: &client,
        base: &base,
        email: &args.email,
        password: &args.password,
    }
    .sign_in()
    .await
    .map_err(|f| anyhow!("the login failed: {f}"))?;

    // --- set-up: the requests (not timed); the run's clock starts with the first signature ---
    println!(
        "saml-rate [{}]: signing {} AuthnRequests as {}",
        args.variant,
        args.requests + 1,
        sp.entity_id
    );
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(args.max_seconds);
    let requests = {
        let sp = Arc::clone(&sp);
        let destination = sso.as_str().to_owned();
        let count = args.requests + 1;
        tokio::task::spawn_blocking(move || build_requests(&sp, &destination, count))
            .await
            .context("the request builder")??
    };
    let built = started.elapsed();
    println!(
        "signed {} requests in {:.2} s ({:.0}/s)",
        requests.len(),
        built.as_secs_f64(),
        rate(requests.len() as u64, built)
    );
    let first = requests
        .first()
        .ok_or_else(|| anyhow!("no request was built"))?;

    // The first request, untimed: fails fast with the reason, and sets the browser-binding
    // cookie a browser would then send back (docs/SAML.md §5.3).
    let cookies = jar
        .header()
        .ok_or_else(|| anyhow!("the login set no cookie: no SSO session"))?;
    let (headers, html) = post_request(&client, sso.clone(), &cookies, first)
        .await
        .map_err(|f| {
            anyhow!("the first SAML request failed: {f} (the server log gives the reason: saml.request_refused)")
        })?;
    jar.absorb(&headers);
    let first_response = read_answer(&html, &sp.acs, &first.relay_state)
        .map_err(|f| anyhow!("the first SAML answer: {f}"))?;
    let cookies = Arc::new(
        jar.header()
            .ok_or_else(|| anyhow!("the SSO cookie was dropped"))?,
    );

    // --- timed: each request once ---
    let count = requests.len() - 1;
    println!(
        "posting {count} requests to /saml/sso ({} concurrent)",
        args.concurrency
    );
    let requests = Arc::new(requests);
    let cpu_before = Cpu::now(args.server_pid);
    let result = {
        let client = client.clone();
        let requests = Arc::clone(&requests);
        let cookies = Arc::clone(&cookies);
        let sp = Arc::clone(&sp);
        let check_every = args.check_every;
        phase(count, args.concurrency, deadline, move |i| {
            let client = client.clone();
            let url = sso.clone();
            let requests = Arc::clone(&requests);
            let cookies = Arc::clone(&cookies);
            let sp = Arc::clone(&sp);
            async move {
                let n = i + 1;
                let request = requests.get(n).ok_or(Failure::Markup("work item"))?;
                let (_, html) = post_request(&client, url, &cookies, request).await?;
                let response = read_answer(&html, &sp.acs, &request.relay_state)?;
                Ok((n % check_every == 0).then_some((n, response)))
            }
        })
        .await?
    };
    let cpu = cpu_before.since(&Cpu::now(args.server_pid), result.items.len() as u64);
    let ok = result.items.len() as u64;
    let failed: u64 = result.failures.values().sum();
    let per_second = rate(ok, result.elapsed);
    let mut latencies = result.latencies;
    let latency = summarise(&mut latencies);
    println!(
        "{ok} assertions issued, {failed} failed, in {:.2} s: {per_second:.1} assertions/s",
        result.elapsed.as_secs_f64()
    );
    println!("{}", latency_line("assertion", &latency));
    print_failures(&result.failures);
    let field = |key: &str| cpu.get(key).and_then(serde_json::Value::as_f64);
    if let Some(ms) = field("server_cpu_ms_per_assertion") {
        println!(
            "CPU per assertion: server {ms:.2} ms, limen-bench {:.2} ms; the rest of the machine \
             (PostgreSQL, the kernel, other programs) {:.2} s over the run, the machine {:.1} % busy",
            field("bench_cpu_ms_per_assertion").unwrap_or(f64::NAN),
            field("rest_cpu_seconds").unwrap_or(f64::NAN),
            field("machine_busy_percent").unwrap_or(f64::NAN),
        );
    }
    if result.timed_out {
        println!(
            "warning: --max-seconds {} reached, {} requests were not sent",
            args.max_seconds,
            (count as u64).saturating_sub(ok + failed)
        );
    }

    // --- untimed: the sample, checked fully ---
    let keys = fetch_idp_keys(&client, &base).await?;
    let mut sample: Vec<(usize, String)> = vec![(0, first_response)];
    sample.extend(result.items.into_iter().flatten());
    let (expect_sign, expect_alg, expect_encrypted) =
        (args.expect_sign, args.expect_alg, args.expect_encrypted);
    let checked = {
        let sp = Arc::clone(&sp);
        let requests = Arc::clone(&requests);
        tokio::task::spawn_blocking(move || {
            sample
                .iter()
                .map(|(n, response)| {
                    let id = requests.get(*n).map(|r| r.id.as_str()).unwrap_or_default();
                    let expected = Expected {
                        acs: &sp.acs,
                        sp_entity_id: &sp.entity_id,
                        in_response_to: id,
                        sign: expect_sign,
                        alg: expect_alg,
                        encrypted: expect_encrypted,
                    };
                    check_response(response, &expected, &keys, sp.decryption.as_ref())
                })
                .collect::<Vec<_>>()
        })
        .await
        .context("the sample check")?
    };
    let mut sample_failures: BTreeMap<String, u64> = BTreeMap::new();
    let mut observed: Option<Observed> = None;
    let mut bytes = 0usize;
    let mut good = 0usize;
    for outcome in &checked {
        match outcome {
            Ok(o) => {
                good += 1;
                bytes += o.bytes;
                observed.get_or_insert_with(|| o.clone());
            }
            Err(reason) => *sample_failures.entry(reason.clone()).or_default() += 1,
        }
    }
    let sample_failed: u64 = sample_failures.values().sum();
    println!(
        "sample: {} Responses checked (the first and every {}th), {sample_failed} failed",
        checked.len(),
        args.check_every
    );
    for (reason, n) in &sample_failures {
        println!("  sample failure: {reason} × {n}");
    }
    if let Some(o) = &observed {
        println!(
            "  signed: {}{}; {}; algorithms: {}; {} bytes on average",
            o.signed(),
            if o.response_signed && !o.response_verified {
                " (the Response's signature not verified here: two in one document)"
            } else {
                ""
            },
            if o.encrypted {
                "assertion encrypted"
            } else {
                "assertion in clear"
            },
            o.algorithms.join(", "),
            bytes / good.max(1)
        );
    }

    let json = serde_json::json!({
        "bench": "saml-rate",
        "variant": args.variant,
        "entity_id": sp.entity_id,
        "concurrency": args.concurrency,
        "requests": count,
        "build_seconds": round(built.as_secs_f64(), 3),
        "assertions": ok,
        "failures": failed,
        "failure_kinds": failures_json(&result.failures),
        "seconds": round(result.elapsed.as_secs_f64(), 3),
        "per_second": round(per_second, 1),
        "p50_ms": round(latency.p50_ms, 3),
        "p99_ms": round(latency.p99_ms, 3),
        "max_ms": round(latency.max_ms, 3),
        "latency": latency_json(&latency),
        "cpu": cpu,
        "sampled": checked.len(),
        "sample_failures": sample_failed,
        "sample_failure_kinds": sample_failures,
        "signed": observed.as_ref().map(Observed::signed),
        "algorithms": observed.as_ref().map(|o| o.algorithms.clone()),
        "encrypted": observed.as_ref().map(|o| o.encrypted),
        "response_bytes": (good > 0).then(|| bytes / good),
        "timed_out": result.timed_out,
    });
    println!("{}", serde_json::to_string(&json)?);
    if ok == 0 {
        bail!("no assertion was issued");
    }
    if sample_failed > 0 {
        bail!("{sample_failed} sampled Responses failed the check");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_saml::idp::NameId;
    use limen_saml::idp::inbound::{self, Expect};
    use limen_saml::idp::response::{
        AssertionSpec, EncryptFor, KeyTransport, SignWhat, StatusSpec, error_response,
        success_response,
    };

    const IDP: &str = "http://127.0.0.1:8080/saml/metadata";
    const DESTINATION: &str = "http://127.0.0.1:8080/saml/sso";
    const SP: &str = "http://127.0.0.1:9/bench-saml/test";
    const ACS: &str = "http://127.0.0.1:9/bench-saml/acs";

    fn sp(encryption: bool) -> BenchSp {
        let key = IdpKey::generate_rsa("bench-sp", 2048).unwrap();
        let xml = sp_metadata(SP, ACS, &key.certificate_der, encryption);
        let md = read_sp_metadata(&xml, OffsetDateTime::now_utc(), None).unwrap();
        BenchSp::from_parts(&md, key.pkcs8).unwrap()
    }

    #[test]
    fn the_metadata_is_what_limen_reads() {
        let key = IdpKey::generate_rsa("bench-sp", 2048).unwrap();
        for encryption in [false, true] {
            let xml = sp_metadata(SP, ACS, &key.certificate_der, encryption);
            let md = read_sp_metadata(&xml, OffsetDateTime::now_utc(), None).unwrap();
            assert_eq!(md.entity_id, SP);
            assert!(md.authn_requests_signed);
            assert_eq!(md.signing_certificates, vec![key.certificate_der.clone()]);
            assert_eq!(md.acs.len(), 1);
            assert_eq!(md.acs[0].location, ACS);
            assert!(md.acs[0].is_default);
            assert_eq!(
                md.name_id_formats,
                vec![NameIdFormat::Persistent.uri().to_owned()]
            );
            if encryption {
                assert_eq!(md.encryption_certificate, Some(key.certificate_der.clone()));
                assert_eq!(
                    md.encryption_methods,
                    vec![xmlenc::uri::AES256_GCM, xmlenc::uri::RSA_OAEP]
                );
            } else {
                assert_eq!(md.encryption_certificate, None);
            }
        }
    }

    #[test]
    fn saml_sp_writes_what_saml_rate_loads() {
        let dir = std::env::temp_dir().join(format!(
            "limen-bench-saml-{}-{}",
            std::process::id(),
            new_id().unwrap()
        ));
        let args = SamlSpArgs {
            dir: dir.clone(),
            entity_id: SP.to_owned(),
            acs: ACS.to_owned(),
            encryption: true,
            key_bits: 2048,
        };
        write_sp(&args).unwrap();
        let loaded = BenchSp::load(&dir).unwrap();
        assert_eq!(loaded.entity_id, SP);
        assert_eq!(loaded.acs, ACS);
        assert!(loaded.decryption.is_some());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(dir.join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Refused twin: the key of another SP beside this metadata.
        let other = IdpKey::generate_rsa("other", 2048).unwrap();
        std::fs::write(dir.join(KEY_FILE), &other.pkcs8).unwrap();
        let err = BenchSp::load(&dir).err().unwrap().to_string();
        assert!(err.contains("not the one of the metadata"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_acs_limen_would_refuse_is_refused_before_any_key_is_made() {
        let dir = std::env::temp_dir().join("limen-bench-saml-never-written");
        let mut args = SamlSpArgs {
            dir: dir.clone(),
            entity_id: SP.to_owned(),
            acs: "http://app.example.org/acs".to_owned(),
            encryption: false,
            key_bits: 2048,
        };
        assert!(write_sp(&args).is_err());
        assert!(!dir.exists());
        // Accepted twins: https anywhere, http on loopback (checked without writing).
        args.acs = "https://app.example.org/acs".to_owned();
        assert!(check_endpoint_url(&args.acs).is_ok());
        assert!(check_endpoint_url(ACS).is_ok());
        // A metadata Limen refuses (not an absolute entityID) is not written either.
        args.entity_id = "not a uri".to_owned();
        assert!(write_sp(&args).is_err());
        assert!(!dir.exists());
    }

    #[test]
    fn reads_cpu_times_from_proc() {
        let before = process_ticks("self").unwrap();
        let (busy, total) = machine_ticks().unwrap();
        assert!(busy <= total);
        // Some work, then the clock has not gone back.
        let mut x = 0u64;
        for i in 0..2_000_000u64 {
            x = x.wrapping_add(i * i);
        }
        std::hint::black_box(x);
        assert!(process_ticks("self").unwrap() >= before);
        assert!(machine_ticks().unwrap().1 >= total);
        assert!(process_ticks(&std::process::id().to_string()).is_some());
        // Twin: no such process.
        assert_eq!(process_ticks("4294967295"), None);
        let cpu = Cpu::now(Some(std::process::id()));
        std::thread::sleep(Duration::from_millis(50)); // a few clock ticks
        let json = cpu.since(&Cpu::now(Some(std::process::id())), 10);
        assert!(json["server_cpu_ms_per_assertion"].as_f64().is_some());
        assert!(json["machine_busy_percent"].as_f64().is_some());
        // Without a server pid, no server figure.
        let json = Cpu::now(None).since(&Cpu::now(None), 10);
        assert!(json["server_cpu_ms_per_assertion"].is_null());
        assert!(json["rest_cpu_seconds"].is_null());
    }

    #[test]
    fn form_bodies_are_form_encoded() {
        assert_eq!(form_encode("aZ09-._*"), "aZ09-._*");
        assert_eq!(form_encode("a+b/c=="), "a%2Bb%2Fc%3D%3D");
        assert_eq!(form_encode("bench 1"), "bench+1");
    }

    #[test]
    fn requests_pass_limens_own_reader() {
        let bench = sp(false);
        let signer = bench.key.signer().unwrap();
        let request = prebuild(&signer, &bench, DESTINATION, 7).unwrap();
        let other = prebuild(&signer, &bench, DESTINATION, 8).unwrap();
        assert_ne!(request.id, other.id);
        assert_eq!(request.relay_state, "bench-7");
        let received = received(&request.body);
        assert_eq!(received.relay_state.as_deref(), Some("bench-7"));
        let keys = vec![PublicKey::from_certificate(&bench.key.certificate_der).unwrap()];
        let expect = Expect {
            destination: DESTINATION,
            keys: &keys,
            require_signed: true,
            now: OffsetDateTime::now_utc(),
        };
        let read = inbound::read_authn_request(&received, &expect).unwrap();
        assert_eq!(read.id, request.id);
        assert_eq!(read.issuer, SP);
        assert_eq!(read.acs_url.as_deref(), Some(ACS));
        assert_eq!(read.protocol_binding.as_deref(), Some(binding::POST));
        assert!(read.signed);

        // Refused twins: another SP's key, another Destination, and too late.
        let stranger = IdpKey::generate_rsa("stranger", 2048).unwrap();
        let stranger_keys = vec![PublicKey::from_certificate(&stranger.certificate_der).unwrap()];
        assert!(
            inbound::read_authn_request(
                &received,
                &Expect {
                    keys: &stranger_keys,
                    ..expect
                }
            )
            .is_err()
        );
        assert!(
            inbound::read_authn_request(
                &received,
                &Expect {
                    destination: "http://127.0.0.1:8081/saml/sso",
                    ..expect
                }
            )
            .is_err()
        );
        let late = OffsetDateTime::now_utc() + limen_saml::sp::SKEW + time::Duration::seconds(5);
        assert!(
            inbound::read_authn_request(
                &received,
                &Expect {
                    now: late,
                    ..expect
                }
            )
            .is_err()
        );
        // Within the bench's bound, still accepted.
        let in_bound = OffsetDateTime::now_utc() + time::Duration::seconds(MAX_RUN_SECONDS as i64);
        assert!(
            inbound::read_authn_request(
                &received,
                &Expect {
                    now: in_bound,
                    ..expect
                }
            )
            .is_ok()
        );
    }

    /// The POST form body as Limen's web layer reads it.
    fn received(body: &[u8]) -> inbound::Received {
        let mut request = None;
        let mut relay = None;
        for (name, value) in url_form_pairs(body) {
            match name.as_str() {
                "SAMLRequest" => request = Some(value),
                "RelayState" => relay = Some(value),
                _ => {}
            }
        }
        inbound::from_post(request.as_deref(), None, relay.as_deref()).unwrap()
    }

    fn url_form_pairs(body: &[u8]) -> Vec<(String, String)> {
        let text = std::str::from_utf8(body).unwrap();
        text.split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                (decode(k), decode(v))
            })
            .collect()
    }

    fn decode(s: &str) -> String {
        let mut out = Vec::new();
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'%' => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 3;
                }
                b'+' => {
                    out.push(b' ');
                    i += 1;
                }
                b => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8(out).unwrap()
    }

    struct Idp {
        key: IdpKey,
        signer: Signer,
    }

    fn idp_p256() -> Idp {
        let key = IdpKey::generate_p256("Limen IdP").unwrap();
        let signer = key.signer().unwrap();
        Idp { key, signer }
    }

    fn keys_of(idp: &Idp) -> Vec<PublicKey> {
        vec![PublicKey::from_certificate(&idp.key.certificate_der).unwrap()]
    }

    fn response(
        idp: &Idp,
        in_response_to: &str,
        sign: SignWhat,
        encrypt: Option<&EncryptFor>,
    ) -> String {
        let now = OffsetDateTime::now_utc();
        let name_id = NameId {
            value: "pairwise-value".into(),
            format: Some(NameIdFormat::Persistent.uri().into()),
            name_qualifier: Some(IDP.into()),
            sp_name_qualifier: Some(SP.into()),
        };
        let spec = AssertionSpec {
            idp_entity_id: IDP,
            sp_entity_id: SP,
            acs_url: ACS,
            in_response_to: Some(in_response_to),
            name_id: &name_id,
            session_index: "_session",
            authn_instant: now,
            session_not_on_or_after: None,
            authn_context_class_ref: "PASSWORD",
            attributes: &[],
            now,
            lifetime: time::Duration::minutes(5),
        };
        B64.encode(success_response(&spec, &idp.signer, sign, encrypt).unwrap())
    }

    fn expected<'a>(id: &'a str) -> Expected<'a> {
        Expected {
            acs: ACS,
            sp_entity_id: SP,
            in_response_to: id,
            sign: None,
            alg: None,
            encrypted: None,
        }
    }

    #[test]
    fn signed_responses_pass_the_sample_check_and_their_twins_do_not() {
        let idp = idp_p256();
        let keys = keys_of(&idp);
        for (sign, name, verified) in [
            (SignWhat::Both, "both", false),
            (SignWhat::Assertion, "assertion", false),
            (SignWhat::Response, "response", true),
        ] {
            let r = response(&idp, "_req1", sign, None);
            let o = check_response(&r, &expected("_req1"), &keys, None).unwrap();
            assert_eq!(o.signed(), name);
            assert_eq!(o.response_verified, verified);
            assert!(!o.encrypted);
            assert!(
                o.algorithms
                    .iter()
                    .all(|a| a == SignatureAlgorithm::EcdsaSha256.uri())
            );
            // Another IdP's keys: refused.
            let stranger = keys_of(&idp_p256());
            assert!(check_response(&r, &expected("_req1"), &stranger, None).is_err());
            // Another request's answer: refused.
            assert!(check_response(&r, &expected("_req2"), &keys, None).is_err());
        }
        // Tampered: the NameID changed after signing.
        let r = response(&idp, "_req1", SignWhat::Assertion, None);
        let xml = String::from_utf8(B64.decode(&r).unwrap()).unwrap();
        let forged = B64.encode(xml.replace("pairwise-value", "someone-else"));
        let err = check_response(&forged, &expected("_req1"), &keys, None).unwrap_err();
        assert!(err.contains("assertion signature"), "{err}");
    }

    #[test]
    fn expectations_are_compared() {
        let idp = idp_p256();
        let keys = keys_of(&idp);
        let r = response(&idp, "_r", SignWhat::Both, None);
        let mut e = expected("_r");
        e.sign = Some(Signed::Both);
        e.alg = Some(Alg::EcdsaSha256);
        e.encrypted = Some(false);
        assert!(check_response(&r, &e, &keys, None).is_ok());
        e.sign = Some(Signed::Assertion);
        assert!(check_response(&r, &e, &keys, None).is_err());
        e.sign = Some(Signed::Both);
        e.alg = Some(Alg::RsaSha256);
        assert!(check_response(&r, &e, &keys, None).is_err());
        e.alg = Some(Alg::EcdsaSha256);
        e.encrypted = Some(true);
        assert!(check_response(&r, &e, &keys, None).is_err());
    }

    #[test]
    fn error_statuses_are_not_assertions() {
        let idp = idp_p256();
        let xml = error_response(
            &StatusSpec {
                idp_entity_id: IDP,
                destination: ACS,
                in_response_to: Some("_r"),
                top: status::RESPONDER,
                second: Some(status::NO_AUTHN_CONTEXT),
                now: OffsetDateTime::now_utc(),
            },
            &idp.signer,
        )
        .unwrap();
        let b64 = B64.encode(&xml);
        let err = check_response(&b64, &expected("_r"), &keys_of(&idp), None).unwrap_err();
        assert!(err.contains("StatusCode"), "{err}");
        // The per-answer check refuses it too; its twin (Success) passes.
        let page = form_page(ACS, &b64, "bench-1");
        assert_eq!(
            read_answer(&page, ACS, "bench-1"),
            Err(Failure::Markup("status Success in the Response"))
        );
        let ok = response(&idp, "_r", SignWhat::Both, None);
        let page = form_page(ACS, &ok, "bench-1");
        assert_eq!(read_answer(&page, ACS, "bench-1"), Ok(ok));
    }

    /// The auto-submitting form as Limen renders it (templates/oidc_form_post.html).
    fn form_page(action: &str, response: &str, relay: &str) -> String {
        format!(
            "<section class=\"card\"><form method=\"post\" action=\"{action}\" id=\"cas-post\">\
             <input type=\"hidden\" name=\"SAMLResponse\" value=\"{response}\">\n\
             <input type=\"hidden\" name=\"RelayState\" value=\"{relay}\">\n\
             <button type=\"submit\">Continue</button></form></section>"
        )
    }

    #[test]
    fn answers_are_read_from_the_form_to_the_acs() {
        let idp = idp_p256();
        let ok = response(&idp, "_r", SignWhat::Both, None);
        assert_eq!(
            read_answer(&form_page(ACS, &ok, "bench-3"), ACS, "bench-3"),
            Ok(ok.clone())
        );
        assert_eq!(
            read_answer(
                &form_page("http://127.0.0.1:9/elsewhere", &ok, "bench-3"),
                ACS,
                "bench-3"
            ),
            Err(Failure::Markup("form posting to the registered ACS"))
        );
        assert_eq!(
            read_answer(&form_page(ACS, &ok, "bench-4"), ACS, "bench-3"),
            Err(Failure::Markup("RelayState sent back"))
        );
        assert_eq!(
            read_answer(&form_page(ACS, "", "bench-3"), ACS, "bench-3"),
            Err(Failure::Markup("SAMLResponse field"))
        );
        assert_eq!(
            read_answer(
                "<p>The application's sign-in request could not be accepted</p>",
                ACS,
                "x"
            ),
            Err(Failure::Markup("auto-post form"))
        );
    }

    #[test]
    fn encrypted_assertions_are_decrypted_and_verified() {
        let idp = idp_p256();
        let keys = keys_of(&idp);
        let bench = sp(true);
        let encrypt = EncryptFor {
            certificate_der: bench.key.certificate_der.clone(),
            key_transport: KeyTransport::RsaOaep,
        };
        let r = response(&idp, "_e", SignWhat::Both, Some(&encrypt));
        let mut e = expected("_e");
        e.encrypted = Some(true);
        e.sign = Some(Signed::Both);
        let o = check_response(&r, &e, &keys, bench.decryption.as_ref()).unwrap();
        assert!(o.encrypted);
        assert!(o.response_verified);
        assert_eq!(o.signed(), "both");
        // Without the key, or with another SP's: refused.
        assert!(check_response(&r, &e, &keys, None).is_err());
        let other = sp(true);
        assert!(check_response(&r, &e, &keys, other.decryption.as_ref()).is_err());
    }

    #[test]
    fn the_idp_signing_keys_are_read_from_its_metadata() {
        let idp = idp_p256();
        let spec = limen_saml::idp::metadata::IdpMetadataSpec {
            entity_id: IDP,
            sso_url: DESTINATION,
            slo_url: "http://127.0.0.1:8080/saml/slo",
            signing_certificates: std::slice::from_ref(&idp.key.certificate_der),
            organization: None,
            contact_email: None,
            now: OffsetDateTime::now_utc(),
            valid_for: time::Duration::days(7),
            cache_duration_seconds: 3600,
        };
        let xml = limen_saml::idp::metadata::idp_metadata(&spec, &idp.signer).unwrap();
        assert_eq!(idp_keys(&xml).unwrap(), keys_of(&idp));
        // Twin: a metadata without signing key is refused.
        assert!(idp_keys(&sp_metadata(SP, ACS, &idp.key.certificate_der, false)).is_err());
    }
}
