//! The SAML parts of the command line (docs/SAML.md §2, §8, §11): `service add --protocol saml`
//! registers a service provider from its metadata (SAML Metadata §2.3.2, §2.4.4), `service
//! refresh` re-reads that metadata, `service show`/`list` print what was trusted, and `keys
//! list`/`keys rotate --alg SAML-RSA|SAML-EC` manage the IdP's signing keys with pre-published
//! rollover.
//!
//! The metadata is read once, here, never on the request path. A file is trusted because the
//! operator chose it; a URL through TLS (`https://`, or `http://` on a loopback host), fetched with
//! the `[http_client]` settings (no redirect, timeouts, 1 MiB at most); with
//! `--metadata-certificate`, only through its enveloped signature by that certificate
//! (XML-DSig 1.1 §3.2, checked by `read_sp_metadata` before anything else is read).

use crate::config::Config;
use anyhow::{Context, anyhow, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_core::Service;
use limen_saml::dsig::PublicKey;
use limen_saml::idp::sp_metadata::{MAX_METADATA, SpMetadata, read_sp_metadata};
use limen_saml::idp::{Binding, SigningAlg, SloEndpoint, SpRecord};
use limen_store::{NewService, SamlKeyRow, SamlSpRow, Store};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// The SAML options of `service add` (`--signing-alg` is shared with OpenID Connect clients,
/// `--attributes`, `--accept-strengths`, `--authentication-level` and `--min-assurance` with
/// every service).
#[derive(Debug, Default, clap::Args)]
pub struct SamlArgs {
    /// SAML: the SP's metadata, a file or an https:// URL (http:// on a loopback host only).
    #[arg(long)]
    pub metadata: Option<String>,
    /// SAML: a PEM certificate the metadata must be signed by (its enveloped signature is then
    /// required and checked before anything is read).
    #[arg(long)]
    pub metadata_certificate: Option<PathBuf>,
    /// SAML: allowed NameID formats, comma-separated, the first the default: persistent,
    /// transient, email (default: those the SP lists that Limen issues, email excepted, else
    /// persistent then transient).
    #[arg(long)]
    pub nameid: Option<String>,
    /// SAML: encrypt assertions: auto (default: when the SP publishes an RSA encryption key),
    /// on or off.
    #[arg(long)]
    pub encrypt: Option<String>,
    /// SAML: what is signed: both (default; forced when encrypting), assertion or response.
    #[arg(long)]
    pub sign: Option<String>,
    /// SAML: what AuthnContextClassRef names: strength (default) or eidas.
    #[arg(long)]
    pub authn_context: Option<String>,
    /// SAML: Limen may start a login for this SP (`/saml/init`, unsolicited responses).
    #[arg(long)]
    pub idp_initiated: bool,
    /// SAML: refuse unsigned AuthnRequests: yes or no (default: yes when the SP publishes a
    /// signing key or says AuthnRequestsSigned="true").
    #[arg(long)]
    pub require_signed_requests: Option<String>,
}

impl SamlArgs {
    /// The SAML-only options given (each refused for another protocol).
    pub fn given(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (flag, set) in [
            ("--metadata", self.metadata.is_some()),
            (
                "--metadata-certificate",
                self.metadata_certificate.is_some(),
            ),
            ("--nameid", self.nameid.is_some()),
            ("--encrypt", self.encrypt.is_some()),
            ("--sign", self.sign.is_some()),
            ("--authn-context", self.authn_context.is_some()),
            ("--idp-initiated", self.idp_initiated),
            (
                "--require-signed-requests",
                self.require_signed_requests.is_some(),
            ),
        ] {
            if set {
                out.push(flag);
            }
        }
        out
    }
}

pub use limen_web::registry::saml::{
    ChoiceWords, Choices, Encrypt, Stored, authn_context_name, decide, fingerprint, sign_name,
    signing_alg_name,
};

/// `Choices` from the options of `service add`.
pub trait ChoicesOfArgs: Sized {
    fn parse(args: &SamlArgs, signing_alg: Option<&str>) -> anyhow::Result<Self>;
}

impl ChoicesOfArgs for Choices {
    fn parse(args: &SamlArgs, signing_alg: Option<&str>) -> anyhow::Result<Choices> {
        Choices::from_words(&ChoiceWords {
            nameid: args.nameid.as_deref(),
            encrypt: args.encrypt.as_deref(),
            signing_alg,
            sign: args.sign.as_deref(),
            authn_context: args.authn_context.as_deref(),
            idp_initiated: args.idp_initiated,
            require_signed_requests: args.require_signed_requests.as_deref(),
        })
        .map_err(|e| anyhow!("{}", e.for_cli()))
    }
}

fn stored_of(row: &SamlSpRow) -> anyhow::Result<Stored> {
    limen_web::registry::saml::stored_of(row).map_err(|e| anyhow!("{e}"))
}

// ---- reading the metadata -----------------------------------------------------------------------

/// Where metadata comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Url(url::Url),
}

/// A `--metadata` value: a URL when it has a scheme (`https://`, or `http://` on a loopback host:
/// `localhost`, `127.0.0.0/8`, `[::1]`), otherwise a file.
pub fn source(value: &str) -> anyhow::Result<Source> {
    let value = value.trim();
    if value.is_empty() {
        bail!("--metadata is empty");
    }
    if !value.contains("://") {
        return Ok(Source::File(PathBuf::from(value)));
    }
    // The URL parser drops tabs and newlines silently: refuse them before.
    if value.chars().any(char::is_control) {
        bail!("--metadata {value:?}: the URL holds a control character");
    }
    let url = url::Url::parse(value).map_err(|e| anyhow!("--metadata {value:?}: {e}"))?;
    if !url.username().is_empty() || url.password().is_some() {
        bail!("--metadata {value:?}: no user or password in the URL");
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        None => bail!("--metadata {value:?}: the URL has no host"),
    };
    match url.scheme() {
        "https" => Ok(Source::Url(url)),
        "http" if loopback => Ok(Source::Url(url)),
        "http" => bail!(
            "--metadata {value:?}: http:// only on a loopback host (127.0.0.1, [::1], localhost); \
             the metadata names the SP's keys and addresses, fetch it over https://"
        ),
        other => bail!("--metadata {value:?}: scheme {other:?} (https:// or a file)"),
    }
}

impl Source {
    fn describe(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Url(u) => u.to_string(),
        }
    }
}

/// The bytes of the metadata, at most [`MAX_METADATA`].
pub async fn read_source(
    http: &limen_web::HttpClientConfig,
    source: &Source,
) -> anyhow::Result<Vec<u8>> {
    match source {
        Source::File(path) => {
            let meta = std::fs::metadata(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            if meta.len() > MAX_METADATA as u64 {
                bail!(
                    "{}: {} bytes, over the {MAX_METADATA} bytes metadata may have",
                    path.display(),
                    meta.len()
                );
            }
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            if bytes.len() > MAX_METADATA {
                bail!(
                    "{}: over the {MAX_METADATA} bytes metadata may have",
                    path.display()
                );
            }
            Ok(bytes)
        }
        Source::Url(url) => fetch(http, url).await,
    }
}

/// GET with the one HTTP client of `[http_client]` (no redirect followed, timeouts on), reading
/// at most [`MAX_METADATA`] bytes.
async fn fetch(http: &limen_web::HttpClientConfig, url: &url::Url) -> anyhow::Result<Vec<u8>> {
    let client = limen_web::http_client::build(http).map_err(|e| anyhow!("[http_client]: {e}"))?;
    let cause = |e: &(dyn std::error::Error + 'static)| limen_web::http_client::failure_cause(e);
    let mut response = client
        .get(url.as_str())
        .header(
            "Accept",
            "application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8",
        )
        .send()
        .await
        .map_err(|e| anyhow!("cannot fetch {url}: {}", cause(&e)))?;
    let status = response.status();
    if status.is_redirection() {
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(|l| format!(" to {l}"))
            .unwrap_or_default();
        bail!(
            "{url} answered {status}, a redirect{location}: redirects are not followed, give the \
             URL of the metadata itself"
        );
    }
    if !status.is_success() {
        bail!("{url} answered {status}");
    }
    if response
        .content_length()
        .is_some_and(|n| n > MAX_METADATA as u64)
    {
        bail!("{url}: the metadata is over {MAX_METADATA} bytes");
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| anyhow!("reading {url}: {}", cause(&e)))?
    {
        if body.len() + chunk.len() > MAX_METADATA {
            bail!("{url}: the metadata is over {MAX_METADATA} bytes");
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The DER certificates of a PEM file (`-----BEGIN CERTIFICATE-----` blocks), each checked to
/// hold a key signatures can be verified with (RSA, EC P-256/P-384).
pub fn read_pins(path: &Path) -> anyhow::Result<Vec<Vec<u8>>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("--metadata-certificate: cannot read {}", path.display()))?;
    let mut out = Vec::new();
    let mut inside: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if line == "-----BEGIN CERTIFICATE-----" {
            inside = Some(String::new());
        } else if line == "-----END CERTIFICATE-----" {
            if let Some(b64) = inside.take() {
                let der = B64
                    .decode(b64.as_bytes())
                    .map_err(|e| anyhow!("--metadata-certificate {}: {e}", path.display()))?;
                PublicKey::from_certificate(&der)
                    .map_err(|e| anyhow!("--metadata-certificate {}: {e}", path.display()))?;
                out.push(der);
            }
        } else if let Some(b64) = inside.as_mut() {
            b64.push_str(line);
        }
    }
    if out.is_empty() {
        bail!(
            "--metadata-certificate {}: no -----BEGIN CERTIFICATE----- block",
            path.display()
        );
    }
    Ok(out)
}

/// What was read: the parsed metadata, where from, and the SHA-256 of the bytes.
struct Read {
    metadata: SpMetadata,
    source: String,
    sha256: String,
}

async fn read_metadata(
    config: &Config,
    source: &Source,
    pins: &[Vec<u8>],
    now: OffsetDateTime,
) -> anyhow::Result<Read> {
    let bytes = read_source(&config.http_client.config(), source).await?;
    let sha256 = limen_crypto::sha256_hex(&bytes);
    let described = source.describe();
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| anyhow!("the metadata from {described} is not UTF-8 text"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let keys = pins
        .iter()
        .map(|der| PublicKey::from_certificate(der))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow!("--metadata-certificate: {e}"))?;
    let metadata = read_sp_metadata(text, now, (!keys.is_empty()).then_some(keys.as_slice()))
        .map_err(|e| anyhow!("the metadata from {described} is refused: {e}"))?;
    Ok(Read {
        metadata,
        source: described,
        sha256,
    })
}

// ---- printing -----------------------------------------------------------------------------------

fn fingerprint_b64(b64: &str) -> String {
    B64.decode(b64.as_bytes())
        .map(|der| fingerprint(&der))
        .unwrap_or_else(|_| "(unreadable certificate)".to_owned())
}

fn date(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

fn binding_name(b: Binding) -> &'static str {
    match b {
        Binding::Redirect => "HTTP-Redirect",
        Binding::Post => "HTTP-POST",
    }
}

fn slo_line(e: &SloEndpoint) -> String {
    match &e.response_location {
        Some(r) => format!(
            "{} {} (responses to {r})",
            binding_name(e.binding),
            e.location
        ),
        None => format!("{} {}", binding_name(e.binding), e.location),
    }
}

fn encryption_line(r: &SpRecord) -> String {
    match (r.encrypt, &r.encryption_certificate) {
        (true, Some(_)) if r.oaep_mgf1p => {
            "AES-256-GCM + RSA-OAEP (rsa-oaep-mgf1p, SHA-1 padding hash)".to_owned()
        }
        (true, Some(_)) => "AES-256-GCM + RSA-OAEP".to_owned(),
        _ => "off".to_owned(),
    }
}

/// The lines that say what the registry trusts of an SP.
fn record_lines(r: &SpRecord) -> Vec<String> {
    let mut out = vec![format!("entityID:            {}", r.entity_id)];
    for a in &r.acs {
        out.push(format!(
            "ACS:                 [{}] {}{}",
            a.index,
            a.location,
            if a.is_default { " (default)" } else { "" }
        ));
    }
    if r.slo.is_empty() {
        out.push("SLO:                 - (no single logout)".to_owned());
    }
    for e in &r.slo {
        out.push(format!("SLO:                 {}", slo_line(e)));
    }
    if r.signing_certificates.is_empty() {
        out.push("signing certificate: - (none published)".to_owned());
    }
    for c in &r.signing_certificates {
        out.push(format!(
            "signing certificate: SHA-256 {}",
            fingerprint_b64(c)
        ));
    }
    if let Some(c) = &r.encryption_certificate {
        out.push(format!(
            "encryption cert.:    SHA-256 {}",
            fingerprint_b64(c)
        ));
    }
    out.push(format!("encryption:          {}", encryption_line(r)));
    let formats: Vec<String> = r
        .nameid_formats
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if i == 0 {
                format!("{} (default)", f.name())
            } else {
                f.name().to_owned()
            }
        })
        .collect();
    out.push(format!("NameID formats:      {}", formats.join(", ")));
    out.push(format!(
        "signing:             {}, signed: {}",
        signing_alg_name(r.signing_alg),
        sign_name(r.sign)
    ));
    out.push(format!(
        "authn context:       {}",
        authn_context_name(r.authn_context)
    ));
    out.push(format!(
        "requests signed:     {}",
        if r.requests_signed {
            "required"
        } else {
            "not required"
        }
    ));
    out.push(format!(
        "IdP-initiated:       {}",
        if r.idp_initiated { "yes" } else { "no" }
    ));
    out.push(format!(
        "metadata:            {} (SHA-256 {})",
        r.metadata_source, r.metadata_sha256
    ));
    out
}

/// Limen's own metadata URL, also its entityID (docs/SAML.md §3).
pub fn idp_metadata_url(public_url: &str) -> String {
    format!("{}/saml/metadata", public_url.trim_end_matches('/'))
}

// ---- service add / refresh / show / list --------------------------------------------------------

/// Refuses the options of other protocols given with `--protocol saml`.
pub fn refuse_foreign(flags: &[&str]) -> anyhow::Result<()> {
    if !flags.is_empty() {
        bail!(
            "{} not for a SAML service provider (its addresses and keys come from --metadata)",
            flags.join(", ")
        );
    }
    Ok(())
}

/// `service add --protocol saml` (docs/SAML.md §2.1): reads the metadata, decides the record,
/// registers the service and its record, and returns what to print.
pub async fn add(
    store: &Store,
    config: &Config,
    new: NewService,
    args: &SamlArgs,
    signing_alg: Option<&str>,
    now: OffsetDateTime,
) -> anyhow::Result<Vec<String>> {
    let choices = Choices::parse(args, signing_alg)?;
    let Some(value) = args.metadata.as_deref() else {
        bail!("a SAML service provider needs --metadata FILE|URL (its SAML metadata)");
    };
    let source = source(value)?;
    let pins = match &args.metadata_certificate {
        Some(path) => read_pins(path)?,
        None => Vec::new(),
    };
    let read = read_metadata(config, &source, &pins, now).await?;
    let md = &read.metadata;
    let registered = limen_web::registry::saml::register(
        store,
        new,
        md,
        &choices,
        &read.source,
        &read.sha256,
        &pins,
        now,
    )
    .await;
    use limen_web::registry::saml::RegisterError;
    let limen_web::registry::saml::Registered { row, decision } = match registered {
        Ok(r) => r,
        Err(RegisterError::EntityRegistered { entity_id, service }) => bail!(
            "entityID {entity_id} is already registered, as service {service:?}; `limen service \
             refresh {service}` re-reads its metadata"
        ),
        Err(RegisterError::Duplicate { name, what }) => {
            bail!("not registered: a service named {name:?} or this {what} already exists")
        }
        Err(RegisterError::Invalid(e)) => bail!("{e}"),
        Err(RegisterError::Store(e)) => return Err(e.into()),
    };
    let mut out = vec![format!(
        "registered SAML service provider {:?} (id {})",
        row.service.name, row.service.id
    )];
    if !pins.is_empty() {
        let fps: Vec<String> = pins.iter().map(|d| fingerprint(d)).collect();
        out.push(format!(
            "metadata signature:  verified, by SHA-256 {}",
            fps.join(", ")
        ));
    }
    out.extend(record_lines(&decision.record));
    out.push(format!(
        "attributes:          {}",
        row.service.released_attributes.join(", ")
    ));
    out.extend(requested_hint(md, &row.service.released_attributes));
    for note in md.ignored.iter() {
        out.push(format!("ignored: {note}"));
    }
    out.extend(decision.notes);
    out.push(format!(
        "give the SP's operator Limen's metadata (also its entityID): {}",
        idp_metadata_url(&config.public_url())
    ));
    Ok(out)
}

/// The SP's `RequestedAttribute`s, as a hint: nothing is released because it is asked for.
fn requested_hint(md: &SpMetadata, released: &[String]) -> Vec<String> {
    if md.requested_attributes.is_empty() {
        return Vec::new();
    }
    let mut out = vec![format!(
        "the SP requests:     {} (a hint only: --attributes decides what is released)",
        md.requested_attributes.join(", ")
    )];
    let missing: Vec<&str> = md
        .requested_attributes
        .iter()
        .map(String::as_str)
        .filter(|a| !released.iter().any(|r| r == a))
        .collect();
    if !missing.is_empty() {
        out.push(format!("not released:        {}", missing.join(", ")));
    }
    out
}

/// What changed between two records of one SP: ACS, SLO, certificates, key transport.
pub fn differences(old: &SpRecord, new: &SpRecord) -> Vec<String> {
    let mut out = Vec::new();
    for a in &old.acs {
        match new.acs.iter().find(|n| n.index == a.index) {
            None => out.push(format!("ACS [{}] removed: {}", a.index, a.location)),
            Some(n) if n != a => out.push(format!(
                "ACS [{}] changed: {}{} -> {}{}",
                a.index,
                a.location,
                if a.is_default { " (default)" } else { "" },
                n.location,
                if n.is_default { " (default)" } else { "" }
            )),
            Some(_) => {}
        }
    }
    for n in new
        .acs
        .iter()
        .filter(|n| !old.acs.iter().any(|a| a.index == n.index))
    {
        out.push(format!(
            "ACS [{}] added: {}{}",
            n.index,
            n.location,
            if n.is_default { " (default)" } else { "" }
        ));
    }
    for e in old.slo.iter().filter(|e| !new.slo.contains(e)) {
        out.push(format!("SLO removed: {}", slo_line(e)));
    }
    for e in new.slo.iter().filter(|e| !old.slo.contains(e)) {
        out.push(format!("SLO added: {}", slo_line(e)));
    }
    for c in old
        .signing_certificates
        .iter()
        .filter(|c| !new.signing_certificates.contains(c))
    {
        out.push(format!(
            "signing certificate removed: SHA-256 {}",
            fingerprint_b64(c)
        ));
    }
    for c in new
        .signing_certificates
        .iter()
        .filter(|c| !old.signing_certificates.contains(c))
    {
        out.push(format!(
            "signing certificate added: SHA-256 {}",
            fingerprint_b64(c)
        ));
    }
    match (&old.encryption_certificate, &new.encryption_certificate) {
        (Some(a), Some(b)) if a != b => out.push(format!(
            "encryption certificate changed: SHA-256 {} -> {}",
            fingerprint_b64(a),
            fingerprint_b64(b)
        )),
        (None, Some(b)) => out.push(format!(
            "encryption certificate added: SHA-256 {}",
            fingerprint_b64(b)
        )),
        (Some(a), None) => out.push(format!(
            "encryption certificate removed: SHA-256 {}",
            fingerprint_b64(a)
        )),
        _ => {}
    }
    if old.oaep_mgf1p != new.oaep_mgf1p {
        let name = |mgf1p: bool| if mgf1p { "rsa-oaep-mgf1p" } else { "rsa-oaep" };
        out.push(format!(
            "key transport: {} -> {}",
            name(old.oaep_mgf1p),
            name(new.oaep_mgf1p)
        ));
    }
    if old.requests_signed != new.requests_signed {
        out.push(format!(
            "signed requests: {} -> {}",
            if old.requests_signed {
                "required"
            } else {
                "not required"
            },
            if new.requests_signed {
                "required"
            } else {
                "not required"
            }
        ));
    }
    out
}

/// `service refresh NAME` (docs/SAML.md §2.1): re-reads the metadata from where it came (or
/// `metadata`), with the same checks and the same pinned signer (or `pin`), keeps the operator's
/// choices, and returns the differences.
pub async fn refresh(
    store: &Store,
    config: &Config,
    name: &str,
    metadata: Option<&str>,
    pin: Option<&Path>,
    now: OffsetDateTime,
) -> anyhow::Result<Vec<String>> {
    let service = store
        .service_by_name(name)
        .await?
        .ok_or_else(|| anyhow!("no service named {name:?}"))?;
    let Some(row) = store.saml_sp_of_service(service.id).await? else {
        bail!("{name:?} is not a SAML service provider (only those have metadata to refresh)");
    };
    let old = stored_of(&row)?;
    let source = source(metadata.unwrap_or(&old.record.metadata_source))?;
    let pins = match pin {
        Some(path) => read_pins(path)?,
        None => old
            .metadata_certificates
            .iter()
            .map(|c| B64.decode(c.as_bytes()))
            .collect::<Result<Vec<_>, _>>()
            .context("the pinned metadata certificate in the registry")?,
    };
    let read = read_metadata(config, &source, &pins, now).await?;
    let md = &read.metadata;
    if md.entity_id != old.record.entity_id {
        bail!(
            "the metadata now names entityID {}, not {}: that is another SP (its persistent \
             NameIDs differ); register it as a service of its own",
            md.entity_id,
            old.record.entity_id
        );
    }
    let o = &old.record;
    let choices = Choices {
        nameid: Some(o.nameid_formats.clone()),
        encrypt: if o.encrypt { Encrypt::On } else { Encrypt::Off },
        signing_alg: Some(o.signing_alg),
        sign: Some(o.sign),
        authn_context: o.authn_context,
        idp_initiated: o.idp_initiated,
        // An SP that now signs every request has them checked; one that dropped its signing key
        // is refused while they are required.
        require_signed: Some(o.requests_signed || md.authn_requests_signed),
    };
    let decision = decide(md, &choices, &read.source, &read.sha256).map_err(|e| {
        anyhow!("{e:#} — the registration is unchanged; to change that choice, remove the service and add it again")
    })?;
    let changes = differences(&old.record, &decision.record);
    let stored = Stored {
        record: decision.record.clone(),
        metadata_certificates: pins.iter().map(|d| B64.encode(d)).collect(),
    };
    store
        .update_saml_sp(service.id, &md.entity_id, &serde_json::to_string(&stored)?)
        .await?;
    let mut out = vec![format!(
        "refreshed SAML service provider {:?} from {}",
        service.name, read.source
    )];
    if changes.is_empty() {
        out.push(if read.sha256 == o.metadata_sha256 {
            "no change: the metadata is the same".to_owned()
        } else {
            "no change to what Limen keeps (the metadata's text changed)".to_owned()
        });
    } else {
        out.extend(changes);
    }
    for note in &md.ignored {
        out.push(format!("ignored: {note}"));
    }
    // The operator's own choices were made at registration: only what the metadata says now.
    out.extend(
        decision
            .notes
            .into_iter()
            .filter(|n| !n.contains("NameID email is allowed")),
    );
    Ok(out)
}

/// The SAML lines of `service show` (docs/SAML.md §2.1).
pub async fn show(
    store: &Store,
    public_url: &str,
    service: &Service,
) -> anyhow::Result<Vec<String>> {
    let Some(row) = store.saml_sp_of_service(service.id).await? else {
        return Ok(vec!["SAML record:         - (missing)".to_owned()]);
    };
    let stored = stored_of(&row)?;
    let mut out = record_lines(&stored.record);
    for c in &stored.metadata_certificates {
        out.push(format!(
            "metadata signed by:  SHA-256 {} (required)",
            fingerprint_b64(c)
        ));
    }
    out.push(format!(
        "attributes:          {}",
        if service.released_attributes.is_empty() {
            "-".to_owned()
        } else {
            service.released_attributes.join(", ")
        }
    ));
    out.push(format!(
        "Limen's metadata:    {} (changing public_url changes this entityID: every SP must then load it again)",
        idp_metadata_url(public_url)
    ));
    Ok(out)
}

/// Service id → entityID of every SAML SP (`service list`).
pub async fn entity_ids(store: &Store) -> anyhow::Result<std::collections::HashMap<i64, String>> {
    Ok(store
        .saml_sps()
        .await?
        .into_iter()
        .map(|r| (r.service.id, r.entity_id))
        .collect())
}

// ---- keys ---------------------------------------------------------------------------------------

/// A SAML key's state at `now` (docs/SAML.md §11): next (published, not yet signing), current,
/// previous (stopped signing, still published).
pub fn key_state(k: &SamlKeyRow, now: OffsetDateTime) -> String {
    if k.activates_at > now {
        return format!("next: signs from {}", date(k.activates_at));
    }
    match k.retired_at {
        Some(r) if r <= now => format!(
            "previous: stopped signing {}, published until {}",
            date(r),
            k.publish_until.map_or_else(|| "-".to_owned(), date)
        ),
        Some(r) => format!(
            "current: signing since {} until {}, published until {}",
            date(k.activates_at),
            date(r),
            k.publish_until.map_or_else(|| "-".to_owned(), date)
        ),
        None => format!("current: signing since {}", date(k.activates_at)),
    }
}

/// The SAML keys of `keys list`: every key still published.
pub async fn key_lines(store: &Store, now: OffsetDateTime) -> anyhow::Result<Vec<String>> {
    let keys = store.saml_keys(now).await?;
    if keys.is_empty() {
        return Ok(vec![
            "no SAML signing key yet (one is made on first use)".to_owned(),
        ]);
    }
    Ok(keys
        .iter()
        .map(|k| {
            format!(
                "{}\t{}\tcreated {}\t{}",
                k.kid,
                k.alg,
                date(k.created_at),
                key_state(k, now)
            )
        })
        .collect())
}

/// `keys rotate --alg SAML-RSA|SAML-EC [--now]` (docs/SAML.md §11): a new key, published at once,
/// signing after `[saml] key_prepublish_days` (at once with `immediately`); the SPs whose
/// operators must load the metadata before then.
pub async fn rotate(
    store: &Store,
    sealer: &limen_crypto::sealed::SecretBox,
    settings: &limen_web::saml::SamlSettings,
    public_url: &str,
    alg: SigningAlg,
    immediately: bool,
    now: OffsetDateTime,
) -> anyhow::Result<Vec<String>> {
    let prepublish = if immediately {
        time::Duration::ZERO
    } else {
        settings.key_prepublish
    };
    let rotated = limen_web::saml::keys::rotate(
        store,
        sealer,
        alg,
        public_url,
        now,
        prepublish,
        settings.key_overlap,
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    let name = limen_web::saml::keys::alg_name(alg);
    let mut out = vec![format!("new SAML signing key: {} ({name})", rotated.kid)];
    let metadata = idp_metadata_url(public_url);
    if immediately {
        out.push(format!(
            "it signs now (--now): SPs refuse Limen's responses until they load {metadata} again"
        ));
    } else {
        out.push(format!(
            "published now at {metadata}; it signs from {}",
            date(rotated.activates_at)
        ));
    }
    if !rotated.retired.is_empty() {
        out.push(format!(
            "the key(s) it replaces ({}) stop signing then and stay published until {}",
            rotated.retired.join(", "),
            date(rotated.activates_at + settings.key_overlap)
        ));
    }
    let sps = store.saml_sps().await?;
    let mut affected = Vec::new();
    for row in &sps {
        let record = stored_of(row)?.record;
        // The RSA key also signs the metadata document itself (docs/SAML.md §3).
        if alg == SigningAlg::RsaSha256 || record.signing_alg == alg {
            affected.push(format!("  {}\t{}", row.service.name, row.entity_id));
        }
    }
    if affected.is_empty() {
        out.push("no registered SAML service provider uses this key".to_owned());
    } else {
        out.push(format!(
            "the operators of these SAML service providers must load {metadata} {}:",
            if immediately {
                "now".to_owned()
            } else {
                format!("before {}", date(rotated.activates_at))
            }
        ));
        out.extend(affected);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_core::{AssuranceLevel, ServiceProtocol, Strength};
    use limen_saml::idp::{AuthnContextStyle, NameIdFormat, SignPolicy};
    use limen_store::testdb::TestDb;

    const PYSAML2: &str = include_str!("../tests/data/saml/pysaml2-sp.xml");
    const MELLON: &str = include_str!("../tests/data/saml/mellon-sp.xml");
    const PYSAML2_ENTITY: &str = "https://travel.test-sp.example/saml2/metadata/";
    const MELLON_ENTITY: &str = "https://wiki.test-sp.example/mellon/metadata";
    const PYSAML2_SIGNING_FP: &str = "89:9B:2E:25:9E:94:40:F7:1D:18:65:70:8C:53:D3:56:6A:48:A0:12:05:56:38:C0:D7:35:A7:CB:30:2E:52:BC";
    const PYSAML2_ENCRYPTION_FP: &str = "F1:0B:E9:57:9C:7E:FE:69:21:87:54:2F:22:58:48:1E:7A:ED:2F:71:DD:EE:17:44:E8:33:70:56:07:6A:02:EB";
    const MELLON_FP: &str = "24:97:12:E7:3C:BB:B0:5E:73:B0:9E:DC:04:14:80:D1:FA:0B:60:3B:63:47:41:1D:7D:82:22:3F:A0:4A:38:FD";
    const ROLLOVER_FP: &str = "77:E0:99:1C:10:2E:6B:ED:EC:1B:EA:D5:57:EC:61:A5:44:F5:3F:EE:E9:55:43:21:2C:A5:2E:C2:68:2E:88:9D";

    fn data(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/saml")
            .join(name)
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    fn md(xml: &str) -> SpMetadata {
        read_sp_metadata(xml, now(), None).expect("fixture metadata reads")
    }

    fn new_service(name: &str) -> NewService {
        NewService {
            name: name.into(),
            protocol: ServiceProtocol::Saml,
            url_patterns: vec![],
            accepted_strengths: vec![Strength::Password],
            min_assurance: AssuranceLevel::Low,
            released_attributes: vec!["uid".into(), "email".into()],
            logout_url: None,
            single_logout: false,
            proxy_callbacks: vec![],
        }
    }

    fn args(metadata: &str) -> SamlArgs {
        SamlArgs {
            metadata: Some(metadata.to_owned()),
            ..SamlArgs::default()
        }
    }

    /// A scratch directory for metadata files.
    fn scratch() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "limen-saml-cli-{}-{}",
            std::process::id(),
            limen_crypto::random_token(8)
        ));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    fn record_of(row: &SamlSpRow) -> SpRecord {
        stored_of(row).expect("stored record").record
    }

    fn has(lines: &[String], needle: &str) -> bool {
        lines.iter().any(|l| l.contains(needle))
    }

    #[test]
    fn pysaml2_defaults() {
        let m = md(PYSAML2);
        let d = decide(&m, &Choices::default(), "f.xml", "00").expect("accepted");
        let r = &d.record;
        assert_eq!(r.entity_id, PYSAML2_ENTITY);
        // The SP lists persistent, emailAddress, transient: email is left out unless asked.
        assert_eq!(
            r.nameid_formats,
            vec![NameIdFormat::Persistent, NameIdFormat::Transient]
        );
        assert!(has(&d.notes, "lists NameID emailAddress"), "{:?}", d.notes);
        // It lists rsa-sha256 and ecdsa-sha256: RSA.
        assert_eq!(r.signing_alg, SigningAlg::RsaSha256);
        // An encryption key with rsa-oaep-mgf1p and no xmlenc11#rsa-oaep.
        assert!(r.encrypt && r.oaep_mgf1p);
        assert_eq!(
            encryption_line(r),
            "AES-256-GCM + RSA-OAEP (rsa-oaep-mgf1p, SHA-1 padding hash)"
        );
        assert_eq!(r.sign, SignPolicy::Both);
        assert!(r.requests_signed);
        assert!(!r.idp_initiated);
        assert_eq!(r.authn_context, AuthnContextStyle::Strength);
        // Only the POST ACS is kept; the SOAP SLO is not.
        assert_eq!(r.acs.len(), 1);
        assert_eq!(
            r.acs[0].location,
            "https://travel.test-sp.example/saml2/acs/post"
        );
        assert_eq!(r.slo.len(), 2);
        assert_eq!(
            fingerprint_b64(&r.signing_certificates[0]),
            PYSAML2_SIGNING_FP
        );
        assert_eq!(
            fingerprint_b64(r.encryption_certificate.as_deref().unwrap_or_default()),
            PYSAML2_ENCRYPTION_FP
        );
    }

    #[test]
    fn mellon_defaults() {
        let m = md(MELLON);
        let d = decide(&m, &Choices::default(), "m.xml", "00").expect("accepted");
        let r = &d.record;
        assert_eq!(r.entity_id, MELLON_ENTITY);
        assert_eq!(r.nameid_formats, vec![NameIdFormat::Transient]);
        assert_eq!(r.signing_alg, SigningAlg::RsaSha256);
        // Encryption key without EncryptionMethod: the OAEP every XML Security Library reads.
        assert!(r.encrypt && r.oaep_mgf1p);
        assert_eq!(
            encryption_line(r),
            "AES-256-GCM + RSA-OAEP (rsa-oaep-mgf1p, SHA-1 padding hash)"
        );
        assert!(r.requests_signed);
        assert_eq!(r.acs.len(), 1);
        assert!(r.acs[0].is_default);
        assert_eq!(fingerprint_b64(&r.signing_certificates[0]), MELLON_FP);
        // The Artifact and PAOS ACS are listed by the reader as ignored.
        assert!(
            m.ignored.iter().any(|i| i.contains("Artifact")),
            "{:?}",
            m.ignored
        );
    }

    /// Metadata of an SP listing only ECDSA, without keys, without NameID formats and without
    /// AuthnRequestsSigned.
    fn bare_sp(extensions: &str, sp_attributes: &str, nameid: &str) -> String {
        format!(
            r#"<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:alg="urn:oasis:names:tc:SAML:metadata:algsupport" entityID="https://bare.test-sp.example/md">{extensions}<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"{sp_attributes}>{nameid}<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://bare.test-sp.example/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>"#
        )
    }

    #[test]
    fn the_signing_alg_follows_the_sps_signing_methods() {
        let ecdsa = r#"<md:Extensions><alg:SigningMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/></md:Extensions>"#;
        let both = r#"<md:Extensions><alg:SigningMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/><alg:SigningMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/></md:Extensions>"#;
        let decided = |ext: &str, c: &Choices| {
            decide(&md(&bare_sp(ext, "", "")), c, "x", "0")
                .expect("accepted")
                .record
                .signing_alg
        };
        assert_eq!(decided(ecdsa, &Choices::default()), SigningAlg::EcdsaSha256);
        assert_eq!(decided(both, &Choices::default()), SigningAlg::RsaSha256);
        assert_eq!(decided("", &Choices::default()), SigningAlg::RsaSha256);
        // The operator's choice wins, with a note when the SP does not list it.
        let rsa = Choices {
            signing_alg: Some(SigningAlg::RsaSha256),
            ..Choices::default()
        };
        assert_eq!(decided(ecdsa, &rsa), SigningAlg::RsaSha256);
        let d = decide(&md(&bare_sp(ecdsa, "", "")), &rsa, "x", "0").expect("accepted");
        assert!(has(&d.notes, "does not list"), "{:?}", d.notes);
        // Parsed from --signing-alg; an OpenID Connect algorithm is refused.
        let parse = |v: &str| Choices::parse(&SamlArgs::default(), Some(v));
        assert_eq!(
            parse("ecdsa-sha256").expect("parsed").signing_alg,
            Some(SigningAlg::EcdsaSha256)
        );
        let e = parse("ES256").expect_err("refused").to_string();
        assert!(e.contains("rsa-sha256 or ecdsa-sha256"), "{e}");
    }

    #[test]
    fn signed_requests_default_and_refusals() {
        // No key, no AuthnRequestsSigned: unsigned requests accepted by default.
        let plain = md(&bare_sp("", "", ""));
        let d = decide(&plain, &Choices::default(), "x", "0").expect("accepted");
        assert!(!d.record.requests_signed);
        assert!(!d.record.encrypt, "no encryption key: auto is off");
        // `yes` without a key to verify with: refused.
        let yes = Choices {
            require_signed: Some(true),
            ..Choices::default()
        };
        let e = decide(&plain, &yes, "x", "0")
            .expect_err("refused")
            .to_string();
        assert!(e.contains("publishes no signing key"), "{e}");
        // A key: required by default; `no` accepted while AuthnRequestsSigned is not true.
        let mellon_no_flag = MELLON.replace("AuthnRequestsSigned=\"true\"", "");
        let keyed = md(&mellon_no_flag);
        assert!(
            decide(&keyed, &Choices::default(), "x", "0")
                .expect("accepted")
                .record
                .requests_signed
        );
        let no = Choices {
            require_signed: Some(false),
            ..Choices::default()
        };
        assert!(
            !decide(&keyed, &no, "x", "0")
                .expect("accepted")
                .record
                .requests_signed
        );
        // `no` while the SP says AuthnRequestsSigned="true": refused.
        let e = decide(&md(MELLON), &no, "x", "0")
            .expect_err("refused")
            .to_string();
        assert!(e.contains("AuthnRequestsSigned=\"true\""), "{e}");
        // AuthnRequestsSigned="true" and no key: refused by default, as nothing could verify.
        let flagged = md(&bare_sp("", " AuthnRequestsSigned=\"true\"", ""));
        let e = decide(&flagged, &Choices::default(), "x", "0")
            .expect_err("refused")
            .to_string();
        assert!(e.contains("publishes no signing key"), "{e}");
    }

    #[test]
    fn encryption_choices() {
        let m = md(PYSAML2);
        // on with a key: taken; off: not encrypted, with a warning.
        let on = Choices {
            encrypt: Encrypt::On,
            ..Choices::default()
        };
        assert!(decide(&m, &on, "x", "0").expect("accepted").record.encrypt);
        let off = Choices {
            encrypt: Encrypt::Off,
            sign: Some(SignPolicy::Assertion),
            ..Choices::default()
        };
        let d = decide(&m, &off, "x", "0").expect("accepted");
        assert!(!d.record.encrypt);
        assert_eq!(
            d.record.sign,
            SignPolicy::Assertion,
            "kept when not encrypting"
        );
        assert!(has(&d.notes, "not encrypted"), "{:?}", d.notes);
        // on without a key: refused.
        let plain = md(&bare_sp("", "", ""));
        let e = decide(&plain, &on, "x", "0")
            .expect_err("refused")
            .to_string();
        assert!(e.contains("no RSA encryption key"), "{e}");
        // --sign assertion while encrypting: forced to both.
        let assertion = Choices {
            sign: Some(SignPolicy::Assertion),
            ..Choices::default()
        };
        let d = decide(&m, &assertion, "x", "0").expect("accepted");
        assert_eq!(d.record.sign, SignPolicy::Both);
        assert!(has(&d.notes, "forced to both"), "{:?}", d.notes);
        // An SP listing xmlenc11#rsa-oaep too gets it (not mgf1p).
        let both = PYSAML2.replace(
            "<ns0:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>",
            "<ns0:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>\
             <ns0:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#rsa-oaep\"/>",
        );
        assert!(
            !decide(&md(&both), &Choices::default(), "x", "0")
                .expect("accepted")
                .record
                .oaep_mgf1p
        );
        // An SP listing CBC only is warned about.
        let cbc = PYSAML2.replace(
            "<ns0:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes256-gcm\"/>",
            "",
        );
        let d = decide(&md(&cbc), &Choices::default(), "x", "0").expect("accepted");
        assert!(has(&d.notes, "no AES-GCM"), "{:?}", d.notes);
        let d = decide(&m, &Choices::default(), "x", "0").expect("accepted");
        assert!(!has(&d.notes, "no AES-GCM"), "{:?}", d.notes);
    }

    #[test]
    fn nameid_choices() {
        assert_eq!(
            limen_web::registry::saml::parse_nameid("transient, persistent,transient")
                .expect("parsed"),
            vec![NameIdFormat::Transient, NameIdFormat::Persistent]
        );
        for bad in ["unspecified", "x509", "persistent,kerberos", " , "] {
            let args = SamlArgs {
                nameid: Some(bad.into()),
                ..SamlArgs::default()
            };
            let e = Choices::parse(&args, None).expect_err(bad).to_string();
            assert!(e.contains("--nameid"), "{bad}: {e}");
        }
        // email when asked: allowed, with the warning.
        let m = md(MELLON);
        let email = Choices {
            nameid: Some(vec![NameIdFormat::Email, NameIdFormat::Transient]),
            ..Choices::default()
        };
        let d = decide(&m, &email, "x", "0").expect("accepted");
        assert_eq!(
            d.record.nameid_formats,
            vec![NameIdFormat::Email, NameIdFormat::Transient]
        );
        assert!(has(&d.notes, "warning: NameID email"), "{:?}", d.notes);
        assert!(has(&d.notes, "does not list NameID email"), "{:?}", d.notes);
        // Without NameIDFormat: persistent then transient, silently.
        let d = decide(&md(&bare_sp("", "", "")), &Choices::default(), "x", "0").expect("accepted");
        assert_eq!(
            d.record.nameid_formats,
            vec![NameIdFormat::Persistent, NameIdFormat::Transient]
        );
        assert!(!has(&d.notes, "NameID"), "{:?}", d.notes);
        // Only formats Limen does not issue: persistent, with a warning.
        let x509 = "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName</md:NameIDFormat>";
        let d =
            decide(&md(&bare_sp("", "", x509)), &Choices::default(), "x", "0").expect("accepted");
        assert_eq!(
            d.record.nameid_formats,
            vec![NameIdFormat::Persistent, NameIdFormat::Transient]
        );
        assert!(has(&d.notes, "X509SubjectName"), "{:?}", d.notes);
    }

    #[test]
    fn choices_are_parsed_and_bad_values_refused() {
        let full = SamlArgs {
            metadata: Some("x".into()),
            encrypt: Some("OFF".into()),
            sign: Some("response".into()),
            authn_context: Some("eidas".into()),
            idp_initiated: true,
            require_signed_requests: Some("no".into()),
            nameid: Some("persistent".into()),
            metadata_certificate: None,
        };
        let c = Choices::parse(&full, None).expect("parsed");
        assert_eq!(c.encrypt, Encrypt::Off);
        assert_eq!(c.sign, Some(SignPolicy::Response));
        assert_eq!(c.authn_context, AuthnContextStyle::Eidas);
        assert!(c.idp_initiated);
        assert_eq!(c.require_signed, Some(false));
        for (set, says) in [
            (
                SamlArgs {
                    encrypt: Some("maybe".into()),
                    ..SamlArgs::default()
                },
                "--encrypt",
            ),
            (
                SamlArgs {
                    sign: Some("none".into()),
                    ..SamlArgs::default()
                },
                "--sign",
            ),
            (
                SamlArgs {
                    authn_context: Some("loa".into()),
                    ..SamlArgs::default()
                },
                "--authn-context",
            ),
            (
                SamlArgs {
                    require_signed_requests: Some("true".into()),
                    ..SamlArgs::default()
                },
                "--require-signed-requests",
            ),
        ] {
            let e = Choices::parse(&set, None).expect_err(says).to_string();
            assert!(e.contains(says), "{e}");
        }
        assert_eq!(full.given().len(), 7);
        assert!(SamlArgs::default().given().is_empty());
    }

    #[test]
    fn metadata_sources() {
        assert_eq!(
            source("sp.xml").expect("a file"),
            Source::File("sp.xml".into())
        );
        for ok in [
            "https://sp.example.org/md",
            "http://127.0.0.1:8000/md",
            "http://127.1.2.3/md",
            "http://[::1]:9000/md",
            "http://localhost/md",
        ] {
            assert!(matches!(source(ok), Ok(Source::Url(_))), "{ok}");
        }
        for (bad, says) in [
            ("http://sp.example.org/md", "loopback"),
            ("http://10.0.0.1/md", "loopback"),
            ("ftp://sp.example.org/md", "scheme"),
            ("https://user:pw@sp.example.org/md", "no user"),
            ("https://sp.example.org/m\nd", "control character"),
            ("", "empty"),
        ] {
            let e = source(bad).expect_err(bad).to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    /// What pysaml2 7.5.5 and mod_auth_mellon 0.18.1 really generate (limen-saml's fixtures, see
    /// their README), signed by the SP's key for one of them.
    #[tokio::test]
    async fn generated_pysaml2_and_mellon_metadata_register() {
        let real = |name: &str| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../limen-saml/tests/data/idp")
                .join(name)
        };
        let read = |name: &str| std::fs::read_to_string(real(name)).expect("limen-saml fixture");
        // pysaml2 lists every algorithm xmlsec1 knows (RSA and ECDSA: RSA), persistent and
        // transient (and empty NameIDFormat elements), signs its requests.
        let d =
            decide(&md(&read("pysaml2-sp.xml")), &Choices::default(), "x", "0").expect("accepted");
        assert_eq!(
            d.record.nameid_formats,
            vec![NameIdFormat::Persistent, NameIdFormat::Transient]
        );
        assert_eq!(d.record.signing_alg, SigningAlg::RsaSha256);
        assert!(d.record.requests_signed && d.record.encrypt);
        assert!(!has(&d.notes, "does not issue"), "{:?}", d.notes);
        // mellon lists no NameIDFormat: persistent, then transient (which it asks for).
        let d =
            decide(&md(&read("mellon-sp.xml")), &Choices::default(), "x", "0").expect("accepted");
        assert_eq!(
            d.record.nameid_formats,
            vec![NameIdFormat::Persistent, NameIdFormat::Transient]
        );
        assert!(d.record.requests_signed && d.record.encrypt && d.record.oaep_mgf1p);

        // pysaml2's signed metadata, pinned to the SP's own certificate (PEM).
        let db = TestDb::sqlite().await.expect("test database");
        let store = Store::connect(&db.url).await.expect("store");
        store.migrate().await.expect("migrate");
        let pinned = SamlArgs {
            metadata: Some(real("pysaml2-sp-signed.xml").display().to_string()),
            metadata_certificate: Some(real("sp-rsa2048.crt")),
            ..SamlArgs::default()
        };
        let out = add(
            &store,
            &Config::default(),
            new_service("pysaml2"),
            &pinned,
            None,
            now(),
        )
        .await
        .expect("registered");
        assert!(has(&out, "metadata signature:  verified"), "{out:?}");
        // The unsigned twin with the same pin: refused.
        let unsigned = SamlArgs {
            metadata: Some(real("pysaml2-sp.xml").display().to_string()),
            metadata_certificate: Some(real("sp-rsa2048.crt")),
            ..SamlArgs::default()
        };
        let e = add(
            &store,
            &Config::default(),
            new_service("pysaml2 unsigned"),
            &unsigned,
            None,
            now(),
        )
        .await
        .expect_err("signature missing");
        assert!(format!("{e:#}").contains("signature"), "{e:#}");
        store.close().await;
        db.cleanup().await;
    }

    #[tokio::test]
    async fn a_file_over_the_limit_is_refused() {
        let dir = scratch();
        let big = dir.join("big.xml");
        std::fs::write(&big, vec![b' '; MAX_METADATA + 1]).expect("write");
        let e = read_source(
            &limen_web::HttpClientConfig::default(),
            &Source::File(big.clone()),
        )
        .await
        .expect_err("refused")
        .to_string();
        assert!(e.contains("over the"), "{e}");
        std::fs::write(&big, vec![b' '; MAX_METADATA]).expect("write");
        assert!(
            read_source(&limen_web::HttpClientConfig::default(), &Source::File(big))
                .await
                .is_ok()
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    /// A one-shot HTTP server on loopback answering each connection with `answer`.
    async fn serve(answers: Vec<Vec<u8>>) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            for answer in answers {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(buf.get(..n).unwrap_or_default()),
                    }
                }
                let _ = socket.write_all(&answer).await;
                let _ = socket.shutdown().await;
            }
        });
        format!("http://127.0.0.1:{}", addr.port())
    }

    fn ok_answer(body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/samlmetadata+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    }

    #[tokio::test]
    async fn metadata_from_a_url_is_fetched_within_bounds() {
        let base = serve(vec![
            ok_answer(MELLON.as_bytes()),
            b"HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/md\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
            ok_answer(&vec![b' '; MAX_METADATA + 1]),
            // Chunked, no length announced: stopped while reading.
            {
                let mut a = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
                let chunk = vec![b' '; 65536];
                for _ in 0..=(MAX_METADATA / 65536) {
                    a.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                    a.extend_from_slice(&chunk);
                    a.extend_from_slice(b"\r\n");
                }
                a.extend_from_slice(b"0\r\n\r\n");
                a
            },
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
        ])
        .await;
        let http = limen_web::HttpClientConfig::default();
        let url = |p: &str| source(&format!("{base}{p}")).expect("a loopback URL");
        let got = read_source(&http, &url("/md")).await.expect("fetched");
        assert_eq!(got, MELLON.as_bytes());
        let e = read_source(&http, &url("/moved"))
            .await
            .expect_err("redirect");
        assert!(
            format!("{e:#}").contains("redirects are not followed"),
            "{e:#}"
        );
        let e = read_source(&http, &url("/big")).await.expect_err("too big");
        assert!(format!("{e:#}").contains("over"), "{e:#}");
        let e = read_source(&http, &url("/chunked"))
            .await
            .expect_err("too big");
        assert!(format!("{e:#}").contains("over"), "{e:#}");
        let e = read_source(&http, &url("/gone")).await.expect_err("404");
        assert!(format!("{e:#}").contains("404"), "{e:#}");
    }

    #[tokio::test]
    async fn registration_from_a_url_then_refusals() {
        let db = TestDb::sqlite().await.expect("test database");
        let store = Store::connect(&db.url).await.expect("store");
        store.migrate().await.expect("migrate");
        let config = Config::default();
        let base = serve(vec![ok_answer(MELLON.as_bytes())]).await;
        let url = format!("{base}/mellon/metadata");
        let out = add(
            &store,
            &config,
            new_service("Wiki"),
            &args(&url),
            None,
            now(),
        )
        .await
        .expect("registered from a loopback URL");
        assert!(has(&out, MELLON_ENTITY), "{out:?}");
        assert!(has(&out, MELLON_FP), "{out:?}");
        assert!(has(
            &out,
            "[0] https://wiki.test-sp.example/mellon/postResponse (default)"
        ));
        assert!(has(
            &out,
            "HTTP-Redirect https://wiki.test-sp.example/mellon/logout"
        ));
        assert!(
            has(&out, "ignored: AssertionConsumerService index 1"),
            "{out:?}"
        );
        assert!(has(&out, "http://localhost:8080/saml/metadata"), "{out:?}");
        let row = store
            .saml_sp(MELLON_ENTITY)
            .await
            .expect("read")
            .expect("registered");
        let r = record_of(&row);
        assert_eq!(r.metadata_source, url);
        assert_eq!(
            r.metadata_sha256,
            limen_crypto::sha256_hex(MELLON.as_bytes())
        );
        assert_eq!(row.service.protocol, ServiceProtocol::Saml);
        assert!(row.service.url_patterns.is_empty());
        // The web layer's reading of the same JSON.
        let plain: SpRecord = serde_json::from_str(&row.record).expect("an SpRecord");
        assert_eq!(plain, r);

        // The same entityID again, under another name: refused, nothing added.
        let dir = scratch();
        let file = dir.join("mellon.xml");
        std::fs::write(&file, MELLON).expect("write");
        let e = add(
            &store,
            &config,
            new_service("Wiki again"),
            &args(&file.display().to_string()),
            None,
            now(),
        )
        .await
        .expect_err("duplicate entityID")
        .to_string();
        assert!(e.contains("already registered"), "{e}");
        assert!(
            store
                .service_by_name("Wiki again")
                .await
                .expect("read")
                .is_none()
        );

        // A plain http URL off loopback: refused before any fetch.
        let e = add(
            &store,
            &config,
            new_service("Remote"),
            &args("http://sp.example.org/md"),
            None,
            now(),
        )
        .await
        .expect_err("http off loopback")
        .to_string();
        assert!(e.contains("loopback"), "{e}");

        // Other protocols' flags, and no --metadata.
        let e = refuse_foreign(&["--url", "--redirect-uri"])
            .expect_err("foreign flags")
            .to_string();
        assert!(e.contains("--url, --redirect-uri not for a SAML"), "{e}");
        assert!(refuse_foreign(&[]).is_ok());
        let e = add(
            &store,
            &config,
            new_service("Nothing"),
            &SamlArgs::default(),
            None,
            now(),
        )
        .await
        .expect_err("no metadata")
        .to_string();
        assert!(e.contains("needs --metadata"), "{e}");
        assert_eq!(store.saml_sps().await.expect("list").len(), 1);
        store.close().await;
        db.cleanup().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn no_acs_is_refused_and_its_twin_registered() {
        let db = TestDb::sqlite().await.expect("test database");
        let store = Store::connect(&db.url).await.expect("store");
        store.migrate().await.expect("migrate");
        let config = Config::default();
        let dir = scratch();
        let file = dir.join("sp.xml");
        // Only the Redirect ACS left: no HTTP-POST ACS.
        let no_post = PYSAML2.replace(
            "<ns0:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://travel.test-sp.example/saml2/acs/post\" index=\"1\" isDefault=\"true\"/>",
            "",
        );
        assert_ne!(no_post, PYSAML2);
        std::fs::write(&file, &no_post).expect("write");
        let e = add(
            &store,
            &config,
            new_service("Travel"),
            &args(&file.display().to_string()),
            None,
            now(),
        )
        .await
        .expect_err("no POST ACS");
        assert!(
            format!("{e:#}").contains("AssertionConsumerService"),
            "{e:#}"
        );
        assert!(store.saml_sps().await.expect("list").is_empty());
        std::fs::write(&file, PYSAML2).expect("write");
        let out = add(
            &store,
            &config,
            new_service("Travel"),
            &args(&file.display().to_string()),
            None,
            now(),
        )
        .await
        .expect("registered");
        assert!(
            has(&out, PYSAML2_SIGNING_FP) && has(&out, PYSAML2_ENCRYPTION_FP),
            "{out:?}"
        );
        assert!(
            has(&out, "the SP requests:     uid, email, groups"),
            "{out:?}"
        );
        assert!(has(&out, "not released:        groups"), "{out:?}");
        store.close().await;
        db.cleanup().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    /// The pysaml2 fixture signed by a fresh P-256 key, and a PEM file of its certificate.
    fn signed_fixture(dir: &Path) -> (String, PathBuf, PathBuf) {
        use limen_saml::dsig::{DigestAlgorithm, Signer, sign_enveloped};
        let key = limen_saml::idp::IdpKey::generate_p256("metadata signer").expect("key");
        let signer =
            Signer::ecdsa_p256(&key.pkcs8, Some(key.certificate_der.clone())).expect("signer");
        let body = PYSAML2
            .strip_prefix("<?xml version='1.0' encoding='UTF-8'?>\n")
            .unwrap_or(PYSAML2);
        let signed = sign_enveloped(body, &signer, DigestAlgorithm::Sha256, None).expect("signed");
        let pem = |der: &[u8]| {
            let b64 = B64.encode(der);
            let lines: Vec<String> = b64
                .as_bytes()
                .chunks(64)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
                lines.join("\n")
            )
        };
        let pin = dir.join("signer.pem");
        std::fs::write(&pin, pem(&key.certificate_der)).expect("write");
        let other = limen_saml::idp::IdpKey::generate_p256("someone else").expect("key");
        let wrong = dir.join("other.pem");
        std::fs::write(&wrong, pem(&other.certificate_der)).expect("write");
        (signed, pin, wrong)
    }

    #[tokio::test]
    async fn a_pinned_signature_is_required_and_checked_again_at_refresh() {
        let db = TestDb::sqlite().await.expect("test database");
        let store = Store::connect(&db.url).await.expect("store");
        store.migrate().await.expect("migrate");
        let config = Config::default();
        let dir = scratch();
        let (signed, pin, wrong) = signed_fixture(&dir);
        let file = dir.join("sp.xml");
        let pinned = |path: &Path| SamlArgs {
            metadata: Some(file.display().to_string()),
            metadata_certificate: Some(path.to_owned()),
            ..SamlArgs::default()
        };
        // Unsigned metadata with a pin: refused.
        std::fs::write(&file, PYSAML2).expect("write");
        let e = add(
            &store,
            &config,
            new_service("Travel"),
            &pinned(&pin),
            None,
            now(),
        )
        .await
        .expect_err("signature missing");
        assert!(format!("{e:#}").contains("signature"), "{e:#}");
        // Signed by another key: refused.
        std::fs::write(&file, &signed).expect("write");
        let e = add(
            &store,
            &config,
            new_service("Travel"),
            &pinned(&wrong),
            None,
            now(),
        )
        .await
        .expect_err("another signer");
        assert!(format!("{e:#}").contains("signature"), "{e:#}");
        // A PEM file without a certificate: refused.
        let empty = dir.join("empty.pem");
        std::fs::write(&empty, "nothing here\n").expect("write");
        let e = add(
            &store,
            &config,
            new_service("Travel"),
            &pinned(&empty),
            None,
            now(),
        )
        .await
        .expect_err("no certificate");
        assert!(
            e.to_string().contains("no -----BEGIN CERTIFICATE-----"),
            "{e}"
        );
        assert!(store.saml_sps().await.expect("list").is_empty());
        // Signed by the pinned key: registered, and the pin kept.
        let out = add(
            &store,
            &config,
            new_service("Travel"),
            &pinned(&pin),
            None,
            now(),
        )
        .await
        .expect("registered");
        assert!(has(&out, "metadata signature:  verified"), "{out:?}");
        let service = store
            .service_by_name("Travel")
            .await
            .expect("read")
            .expect("registered");
        let shown = show(&store, "https://login.example.org", &service)
            .await
            .expect("shown");
        assert!(has(&shown, "metadata signed by:"), "{shown:?}");
        assert!(
            has(&shown, "https://login.example.org/saml/metadata"),
            "{shown:?}"
        );
        // Refresh checks the same pin: the unsigned document is refused, the signed one taken.
        std::fs::write(&file, PYSAML2).expect("write");
        let e = refresh(&store, &config, "Travel", None, None, now())
            .await
            .expect_err("refresh without the signature");
        assert!(format!("{e:#}").contains("signature"), "{e:#}");
        std::fs::write(&file, &signed).expect("write");
        let out = refresh(&store, &config, "Travel", None, None, now())
            .await
            .expect("refreshed");
        assert!(has(&out, "no change: the metadata is the same"), "{out:?}");
        store.close().await;
        db.cleanup().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn refresh_shows_the_differences_and_keeps_the_choices() {
        let db = TestDb::sqlite().await.expect("test database");
        let store = Store::connect(&db.url).await.expect("store");
        store.migrate().await.expect("migrate");
        let config = Config::default();
        let dir = scratch();
        let file = dir.join("sp.xml");
        std::fs::write(&file, PYSAML2).expect("write");
        let chosen = SamlArgs {
            metadata: Some(file.display().to_string()),
            nameid: Some("transient".into()),
            authn_context: Some("eidas".into()),
            idp_initiated: true,
            ..SamlArgs::default()
        };
        add(
            &store,
            &config,
            new_service("Travel"),
            &chosen,
            Some("ecdsa-sha256"),
            now(),
        )
        .await
        .expect("registered");
        // Unchanged: nothing to say.
        let out = refresh(&store, &config, "Travel", None, None, now())
            .await
            .expect("refreshed");
        assert!(has(&out, "no change"), "{out:?}");

        // The SP rolls its signing key over, adds an ACS, moves one SLO and drops the other.
        let rollover = std::fs::read_to_string(data("sp-rollover.pem")).expect("fixture");
        let rollover_b64: String = rollover
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let old_signing = record_of(
            &store
                .saml_sp(PYSAML2_ENTITY)
                .await
                .expect("read")
                .expect("registered"),
        )
        .signing_certificates[0]
            .clone();
        let changed = PYSAML2
            .replace(&old_signing, &rollover_b64)
            .replace(
                "<ns0:AttributeConsumingService",
                "<ns0:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://travel.test-sp.example/saml2/acs/new\" index=\"3\"/>\n<ns0:AttributeConsumingService",
            )
            .replace("/saml2/slo/redirect", "/saml2/logout/redirect")
            .replace(
                "<ns0:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://travel.test-sp.example/saml2/slo/post\"/>",
                "",
            );
        std::fs::write(&file, &changed).expect("write");
        let out = refresh(&store, &config, "Travel", None, None, now())
            .await
            .expect("refreshed");
        assert!(
            has(
                &out,
                "ACS [3] added: https://travel.test-sp.example/saml2/acs/new"
            ),
            "{out:?}"
        );
        assert!(
            has(
                &out,
                "SLO removed: HTTP-Redirect https://travel.test-sp.example/saml2/slo/redirect"
            ),
            "{out:?}"
        );
        assert!(
            has(
                &out,
                "SLO added: HTTP-Redirect https://travel.test-sp.example/saml2/logout/redirect"
            ),
            "{out:?}"
        );
        assert!(has(&out, "SLO removed: HTTP-POST"), "{out:?}");
        assert!(
            has(
                &out,
                &format!("signing certificate removed: SHA-256 {PYSAML2_SIGNING_FP}")
            ),
            "{out:?}"
        );
        assert!(
            has(
                &out,
                &format!("signing certificate added: SHA-256 {ROLLOVER_FP}")
            ),
            "{out:?}"
        );
        assert!(!has(&out, "encryption certificate"), "{out:?}");
        let r = record_of(
            &store
                .saml_sp(PYSAML2_ENTITY)
                .await
                .expect("read")
                .expect("registered"),
        );
        assert_eq!(r.acs.len(), 2);
        assert_eq!(
            r.metadata_sha256,
            limen_crypto::sha256_hex(changed.as_bytes())
        );
        // The operator's choices stay.
        assert_eq!(r.nameid_formats, vec![NameIdFormat::Transient]);
        assert_eq!(r.signing_alg, SigningAlg::EcdsaSha256);
        assert_eq!(r.authn_context, AuthnContextStyle::Eidas);
        assert!(r.idp_initiated && r.encrypt);

        // The SP drops its encryption key while Limen encrypts: refused, the record unchanged.
        let no_encryption = {
            let start = changed
                .find("<ns0:KeyDescriptor use=\"encryption\">")
                .expect("present");
            let end = changed[start..]
                .find("</ns0:KeyDescriptor>")
                .expect("closed")
                + start;
            format!(
                "{}{}",
                &changed[..start],
                &changed[end + "</ns0:KeyDescriptor>".len()..]
            )
        };
        std::fs::write(&file, &no_encryption).expect("write");
        let e = refresh(&store, &config, "Travel", None, None, now())
            .await
            .expect_err("encryption key gone");
        assert!(format!("{e:#}").contains("no RSA encryption key"), "{e:#}");
        let after = record_of(
            &store
                .saml_sp(PYSAML2_ENTITY)
                .await
                .expect("read")
                .expect("registered"),
        );
        assert_eq!(after, r);

        // Another entityID in the document: refused.
        std::fs::write(
            &file,
            PYSAML2.replace(PYSAML2_ENTITY, "https://other.test-sp.example/md"),
        )
        .expect("write");
        let e = refresh(&store, &config, "Travel", None, None, now())
            .await
            .expect_err("another entity");
        assert!(e.to_string().contains("another SP"), "{e}");

        // Not a SAML service, no such service.
        let e = refresh(&store, &config, "Nope", None, None, now())
            .await
            .expect_err("unknown");
        assert!(e.to_string().contains("no service named"), "{e}");
        store.close().await;
        db.cleanup().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn differences_name_each_change() {
        let a = decide(&md(PYSAML2), &Choices::default(), "x", "0")
            .expect("accepted")
            .record;
        assert!(differences(&a, &a).is_empty());
        let mut b = a.clone();
        b.acs[0].location = "https://travel.test-sp.example/acs2".into();
        b.encryption_certificate = None;
        b.oaep_mgf1p = false;
        let d = differences(&a, &b);
        assert!(has(&d, "ACS [1] changed"), "{d:?}");
        assert!(has(&d, "encryption certificate removed"), "{d:?}");
        assert!(
            has(&d, "key transport: rsa-oaep-mgf1p -> rsa-oaep"),
            "{d:?}"
        );
    }

    #[tokio::test]
    async fn rotation_prepublishes_unless_now() {
        let db = TestDb::sqlite().await.expect("test database");
        let store = Store::connect(&db.url).await.expect("store");
        store.migrate().await.expect("migrate");
        let sealer = limen_crypto::sealed::SecretBox::new(&[7u8; 32]);
        let settings = limen_web::saml::SamlSettings::default();
        let public = "https://login.example.org";
        let t0 = now();
        let ring = limen_web::saml::keys::SamlKeyRing::new(limen_crypto::sealed::SecretBox::new(
            &[7u8; 32],
        ));
        // A registered SP signing with ECDSA is told; none using RSA.
        let dir = scratch();
        let file = dir.join("sp.xml");
        std::fs::write(&file, MELLON).expect("write");
        add(
            &store,
            &Config::default(),
            new_service("Wiki"),
            &args(&file.display().to_string()),
            Some("ecdsa-sha256"),
            t0,
        )
        .await
        .expect("registered");
        let first = ring
            .signer(&store, SigningAlg::EcdsaSha256, public, t0)
            .await
            .expect("first key")
            .kid
            .clone();

        let out = rotate(
            &store,
            &sealer,
            &settings,
            public,
            SigningAlg::EcdsaSha256,
            false,
            t0,
        )
        .await
        .expect("rotated");
        assert!(has(&out, "it signs from"), "{out:?}");
        assert!(has(&out, &first), "the replaced key is named: {out:?}");
        assert!(
            has(&out, "Wiki\thttps://wiki.test-sp.example/mellon/metadata"),
            "{out:?}"
        );
        let new_kid = out[0]
            .strip_prefix("new SAML signing key: ")
            .and_then(|s| s.split(' ').next())
            .expect("kid")
            .to_owned();
        // Now the old key signs and both are published; at activation the new one signs.
        ring.invalidate();
        let set = ring.current(&store, t0).await.expect("keys");
        assert_eq!(
            set.active(SigningAlg::EcdsaSha256).expect("a key").kid,
            first
        );
        assert_eq!(set.published.len(), 2);
        let lines = key_lines(&store, t0).await.expect("listed");
        assert!(has(&lines, "next: signs from"), "{lines:?}");
        assert!(has(&lines, "current: signing since"), "{lines:?}");
        let at = t0 + settings.key_prepublish;
        ring.invalidate();
        let set = ring.current(&store, at).await.expect("keys");
        assert_eq!(
            set.active(SigningAlg::EcdsaSha256).expect("a key").kid,
            new_kid
        );
        let lines = key_lines(&store, at).await.expect("listed");
        assert!(has(&lines, "previous: stopped signing"), "{lines:?}");
        // After the overlap the old key is no longer published.
        let gone = at + settings.key_overlap + time::Duration::seconds(1);
        ring.invalidate();
        let set = ring.current(&store, gone).await.expect("keys");
        assert!(set.published.iter().all(|(kid, _, _)| *kid != first));

        // --now: the new key signs at once.
        let out = rotate(
            &store,
            &sealer,
            &settings,
            public,
            SigningAlg::EcdsaSha256,
            true,
            at,
        )
        .await
        .expect("rotated");
        assert!(has(&out, "it signs now"), "{out:?}");
        let newest = out[0]
            .strip_prefix("new SAML signing key: ")
            .and_then(|s| s.split(' ').next())
            .expect("kid")
            .to_owned();
        ring.invalidate();
        let set = ring.current(&store, at).await.expect("keys");
        assert_eq!(
            set.active(SigningAlg::EcdsaSha256).expect("a key").kid,
            newest
        );
        store.close().await;
        db.cleanup().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn scheduled_rotation_waits_for_the_period() {
        let db = TestDb::sqlite().await.expect("test database");
        let store = Store::connect(&db.url).await.expect("store");
        store.migrate().await.expect("migrate");
        let sealer = limen_crypto::sealed::SecretBox::new(&[9u8; 32]);
        let every = time::Duration::days(365);
        let (pre, overlap) = (time::Duration::days(14), time::Duration::days(7));
        let t0 = now();
        let due =
            |t| limen_web::saml::keys::rotate_due(&store, &sealer, t, every, pre, overlap, "cn");
        // No key yet: nothing to rotate (keys are made on first use).
        assert!(due(t0).await.expect("checked").is_empty());
        limen_web::saml::keys::create(&store, &sealer, SigningAlg::EcdsaSha256, "cn", t0, t0)
            .await
            .expect("made");
        assert!(
            due(t0 + every - time::Duration::hours(1))
                .await
                .expect("checked")
                .is_empty()
        );
        let later = t0 + every;
        let rotated = due(later).await.expect("rotated");
        assert_eq!(rotated.len(), 1);
        assert_eq!(rotated[0].activates_at, later + pre);
        // The waiting key is young: no second rotation before its own period.
        assert!(
            due(later + time::Duration::days(30))
                .await
                .expect("checked")
                .is_empty()
        );
        store.close().await;
        db.cleanup().await;
    }
}
