//! `limen-authenticator`: the reference device of the Limen mobile protocol, on the command
//! line. See README.md.

use clap::{Parser, Subcommand};
use limen_authenticator::{
    Authenticator, Challenge, DeviceInfo, DeviceState, Error, WatchEnd, load, save,
};
use limen_mobile::messages::{ChallengeKind, PinCheckResult, Receipt, ReceiptResult};
use std::collections::HashSet;
use std::io::{BufRead as _, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(
    name = "limen-authenticator",
    version,
    about = "The reference device of the Limen mobile protocol (limen-mobile/1)",
    after_help = "The PIN is read from $LIMEN_PIN if set, else as one line of standard input \
                  (it is echoed: type it where nobody watches, or pipe it in). change-pin reads \
                  the new PIN from $LIMEN_NEW_PIN if set, else as two more lines. A transaction \
                  to sign may ask to type some of its values again: give each with --field \
                  'LABEL=VALUE', or type it when asked (one line of standard input each, before \
                  the PIN)."
)]
struct Cli {
    /// The device's state file [default: $LIMEN_AUTHENTICATOR_FILE, else
    /// $HOME/.config/limen-authenticator/device.json]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "LIMEN_AUTHENTICATOR_FILE"
    )]
    file: Option<PathBuf>,
    /// A CA certificate (PEM) to trust besides the built-in roots, for a server whose
    /// certificate a private CA issued
    #[arg(
        long,
        global = true,
        value_name = "PEM",
        env = "LIMEN_AUTHENTICATOR_CA"
    )]
    ca: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Enrol this device with the enrolment link shown in My account → Mobile devices
    Enrol {
        /// The link (limen://enrol?p=…), the text of the QR code
        link: String,
        /// The operating system shown in the device list [default: this one's]
        #[arg(long, value_name = "S")]
        os: Option<String>,
        /// The model shown in the device list [default: limen-authenticator]
        #[arg(long, value_name = "S")]
        model: Option<String>,
    },
    /// The pending requests: what each is for, where it comes from, until when
    List,
    /// Approve (or deny) a pending request
    Approve {
        /// The request (when several are pending; or an On Mobile request's id)
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The two digits the login page shows
        #[arg(long, value_name = "NN")]
        number: Option<String>,
        /// Deny the request instead (no PIN)
        #[arg(long, conflicts_with = "number")]
        deny: bool,
        /// With --deny: report the request as not yours (the account holder is e-mailed that
        /// someone has the password)
        #[arg(long, requires = "deny")]
        not_me: bool,
        /// A value the transaction asks you to type, as shown on the signing page: its label,
        /// `=`, the value (repeat for each; the first `=` ends the label). Not given: asked
        #[arg(long = "field", value_name = "LABEL=VALUE", conflicts_with = "deny")]
        fields: Vec<String>,
    },
    /// The 8-digit code for a QR code of the login or signing page (no network)
    Code {
        /// The QR code's text (limen://challenge?c=…) or the signed request itself
        text: String,
        /// A value the transaction asks you to type (as for approve)
        #[arg(long = "field", value_name = "LABEL=VALUE")]
        fields: Vec<String>,
    },
    /// Wait for requests and show each as it arrives (until the device is removed)
    Watch {
        /// Approve each request with this number (for demonstrations only)
        #[arg(long, value_name = "NN")]
        approve_with_number: Option<String>,
    },
    /// This device: its id, name, account and server
    Show,
    /// Change the PIN: the server checks the current one first (a wrong one counts as in an
    /// approval), then the key is masked again under the new one
    ChangePin,
    /// Remove this device from its account, also when it is locked (a forgotten PIN), and
    /// erase its keys
    Unlink,
}

/// An error to print on one line, and the exit code.
struct Failure {
    message: String,
    code: u8,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self {
            message: chain(&e),
            code: 1,
        }
    }
}

fn fail(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        code: 1,
    }
}

/// The error and its causes on one line, each said once.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    clean(&out)
}

/// Text from the server or the user, safe to print on a terminal: control characters (escape
/// sequences), line separators and bidirectional controls become U+FFFD.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

fn main() -> ExitCode {
    // No panic is expected; should one happen, one line and no backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "limen-authenticator: internal error: {}",
            clean(&info.to_string())
        );
    }));
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("limen-authenticator: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            eprintln!("limen-authenticator: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

async fn run(cli: Cli) -> Result<u8, Failure> {
    let file = state_path(cli.file)?;
    let http = client(cli.ca.as_deref())?;
    match cli.command {
        Command::Enrol { link, os, model } => enrol(&file, http, &link, os, model).await,
        Command::List => list(&open(&file, http)?).await,
        Command::Approve {
            id,
            number,
            deny,
            not_me,
            fields,
        } => {
            let answer = match (deny, not_me) {
                (false, _) => Answer::Approve(number.as_deref(), given_fields(&fields)?),
                (true, false) => Answer::Deny,
                (true, true) => Answer::DenyNotMe,
            };
            approve(&open(&file, http)?, id.as_deref(), answer).await
        }
        Command::Code { text, fields } => code(&open(&file, http)?, &text, &given_fields(&fields)?),
        Command::Watch {
            approve_with_number,
        } => watch(&file, &open(&file, http)?, approve_with_number.as_deref()).await,
        Command::Show => show(&open(&file, http)?),
        Command::ChangePin => change_pin(&file, open(&file, http)?).await,
        Command::Unlink => unlink(&file, &open(&file, http)?).await,
    }
}

fn state_path(given: Option<PathBuf>) -> Result<PathBuf, Failure> {
    if let Some(p) = given {
        return Ok(p);
    }
    match std::env::var_os("HOME") {
        Some(home) if !home.is_empty() => Ok(PathBuf::from(home)
            .join(".config")
            .join("limen-authenticator")
            .join("device.json")),
        _ => Err(fail(
            "no state file: HOME is not set; give --file or LIMEN_AUTHENTICATOR_FILE",
        )),
    }
}

fn client(ca: Option<&Path>) -> Result<reqwest::Client, Failure> {
    let mut builder = reqwest::Client::builder()
        // A device request goes where its proof says, and nowhere else.
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(15))
        .user_agent(concat!("limen-authenticator/", env!("CARGO_PKG_VERSION")));
    if let Some(path) = ca {
        let pem = std::fs::read(path)
            .map_err(|e| fail(format!("CA certificate {}: {e}", path.display())))?;
        let cert = reqwest::Certificate::from_pem(&pem).map_err(|e| {
            fail(format!(
                "CA certificate {}: not a PEM certificate: {}",
                path.display(),
                chain(&e)
            ))
        })?;
        builder = builder.add_root_certificate(cert);
    }
    builder
        .build()
        .map_err(|e| fail(format!("cannot make an HTTP client: {}", chain(&e))))
}

fn open(file: &Path, http: reqwest::Client) -> Result<Authenticator, Failure> {
    if !file.exists() {
        return Err(fail(format!(
            "no device in {}: enrol first (limen-authenticator enrol <link>)",
            file.display()
        )));
    }
    let state = load(file)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if let Ok(m) = std::fs::metadata(file)
            && m.permissions().mode() & 0o077 != 0
        {
            eprintln!(
                "limen-authenticator: warning: {} is readable by others (chmod 600 it): it holds the device key",
                file.display()
            );
        }
    }
    Ok(Authenticator::from_state(http, state)?)
}

/// The PIN: `$LIMEN_PIN`, else one line of standard input (echoed).
fn read_pin() -> Result<String, Failure> {
    match env_pin("LIMEN_PIN")? {
        Some(pin) => Ok(pin),
        None => read_line("PIN: "),
    }
}

/// A PIN from the environment variable `name`, if it is set.
fn env_pin(name: &str) -> Result<Option<String>, Failure> {
    std::env::var_os(name)
        .map(|pin| {
            pin.into_string()
                .map(|p| p.trim().to_owned())
                .map_err(|_| fail(format!("{name} is not text")))
        })
        .transpose()
}

/// One line of standard input after `prompt` on standard error (echoed).
fn read_line(prompt: &str) -> Result<String, Failure> {
    read_line_of(prompt, "PIN", 256)
}

/// One line of at most `max` bytes of standard input after `prompt` on standard error
/// (echoed), surrounding white space dropped; `what` names it in errors.
fn read_line_of(prompt: &str, what: &str, max: u64) -> Result<String, Failure> {
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let read = std::io::stdin()
        .lock()
        .take(max)
        .read_line(&mut line)
        .map_err(|e| fail(format!("cannot read the {what}: {e}")))?;
    if read == 0 {
        return Err(fail(format!("no {what} given (standard input is closed)")));
    }
    Ok(line.trim().to_owned())
}

/// `--field LABEL=VALUE` arguments: (label, value), in order.
fn given_fields(args: &[String]) -> Result<Vec<(String, String)>, Failure> {
    args.iter()
        .map(|a| match a.split_once('=') {
            Some((label, value)) if !label.is_empty() => Ok((label.to_owned(), value.to_owned())),
            _ => Err(fail(format!(
                "--field {}: give it as LABEL=VALUE (the label as the signing page shows it)",
                clean(a)
            ))),
        })
        .collect()
}

/// The values of the transaction's `retype` fields (spec §5.5), in order: from `--field`
/// (taken by label, in order for a repeated label; a wrong one ends the command), else typed
/// on standard input and asked again until the field's pattern accepts it.
fn typed_values(c: &Challenge, given: &[(String, String)]) -> Result<Vec<String>, Failure> {
    let mut unused: Vec<Option<&(String, String)>> = given.iter().map(Some).collect();
    let mut out = Vec::new();
    let retyped: Vec<_> = c
        .payload
        .display
        .tx
        .as_ref()
        .map(|t| t.retyped().collect())
        .unwrap_or_default();
    for f in retyped {
        let from_args = unused
            .iter_mut()
            .find(|g| g.is_some_and(|(label, _)| *label == f.label))
            .and_then(Option::take);
        if let Some((_, value)) = from_args {
            limen_authenticator::check_typed(f, value)?;
            out.push(value.clone());
            continue;
        }
        let prompt = match &f.pattern {
            Some(p) => format!("Type {} (form: {}): ", clean(&f.label), clean(p)),
            None => format!("Type {}: ", clean(&f.label)),
        };
        loop {
            let value = read_line_of(&prompt, "value", 2048)?;
            match limen_authenticator::check_typed(f, &value) {
                Ok(()) => {
                    out.push(value);
                    break;
                }
                Err(e) => eprintln!("limen-authenticator: {}", chain(&e)),
            }
        }
    }
    if let Some((label, _)) = unused.into_iter().flatten().next() {
        return Err(fail(format!(
            "--field {}: this request has no such field to type",
            clean(label)
        )));
    }
    Ok(out)
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

async fn enrol(
    file: &Path,
    http: reqwest::Client,
    link: &str,
    os: Option<String>,
    model: Option<String>,
) -> Result<u8, Failure> {
    if file.exists() {
        return Err(fail(format!(
            "a device is already enrolled in {}: give another --file, or remove it first",
            file.display()
        )));
    }
    // Refuse a bad or expired link before asking for the PIN.
    limen_authenticator::parse_enrol_link(link, now())?;
    let info = DeviceInfo {
        os: os.unwrap_or_else(|| std::env::consts::OS.to_owned()),
        model: model.unwrap_or_else(|| "limen-authenticator".to_owned()),
        app: concat!("limen-authenticator ", env!("CARGO_PKG_VERSION")).to_owned(),
    };
    let pin = read_pin()?;
    let auth = Authenticator::enrol(http, link, &pin, &info)
        .await
        .map_err(|e| match e {
            Error::Server { code, .. } if code == "pin_mismatch" => fail(
                "the PIN is not the one chosen on the web page (pin_mismatch): start again there",
            ),
            Error::Server { status: 404, .. } => fail(
                "the server does not know this enrolment link (not_found): it was used or has expired; start again",
            ),
            e => e.into(),
        })?;
    let state = auth.state();
    save(file, state).map_err(|e| {
        fail(format!(
            "enrolled, but {}; remove this device in My account and enrol again",
            chain(&e)
        ))
    })?;
    println!(
        "Enrolled as {} for {} on {}",
        clean(&state.name),
        clean(&state.account),
        clean(&state.iss)
    );
    Ok(0)
}

/// The time left before `exp`, for a person.
fn expiry(exp: i64) -> String {
    let left = exp - now();
    let at = time::OffsetDateTime::from_unix_timestamp(exp)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default();
    if left > 0 {
        format!("in {left} s ({at})")
    } else {
        format!("expired ({at})")
    }
}

/// What a user must read before answering (spec §5: the display).
fn describe(c: &Challenge) -> String {
    let d = &c.payload.display;
    let mut out = format!(
        "Request {}\n  Service: {}\n  From:    {}, {}\n",
        c.payload.id,
        clean(&d.service),
        clean(&d.origin.ip),
        clean(&d.origin.browser)
    );
    if let Some(tx) = &d.tx {
        out.push_str(&format!("  To approve: {}\n", clean(&tx.title)));
        for f in &tx.fields {
            match (&f.value, &f.pattern) {
                (Some(v), _) => {
                    out.push_str(&format!("    {}: {}\n", clean(&f.label), clean(v)));
                }
                // Spec §5.5: the value is not sent; the user types it from the signing page.
                (None, Some(p)) => out.push_str(&format!(
                    "    {}: (type it from the signing page; form: {})\n",
                    clean(&f.label),
                    clean(p)
                )),
                (None, None) => out.push_str(&format!(
                    "    {}: (type it from the signing page)\n",
                    clean(&f.label)
                )),
            }
        }
    }
    out.push_str(&format!("  Expires: {}", expiry(c.payload.exp)));
    out
}

async fn list(auth: &Authenticator) -> Result<u8, Failure> {
    let pending = auth.pending().await?;
    if pending.is_empty() {
        println!("No pending request.");
    }
    for c in &pending {
        println!("{}", describe(c));
    }
    Ok(0)
}

fn two_digits(n: &str) -> bool {
    n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit())
}

/// Prints a receipt's result; the exit code: 0 for approved or denied, else 1.
fn report(receipt: &Receipt) -> u8 {
    let (word, meaning, code) = match receipt.result {
        ReceiptResult::Approved => ("approved", "the login proceeds", 0),
        ReceiptResult::Denied => ("denied", "the login page says it was denied", 0),
        ReceiptResult::WrongNumber => (
            "wrong_number",
            "not the number on the login page; the request is cancelled",
            1,
        ),
        ReceiptResult::WrongPin => (
            "wrong_pin",
            "the PIN was wrong; the request is still open (wrong PINs in a row lock the device)",
            1,
        ),
        ReceiptResult::Locked => (
            "locked",
            "too many wrong PINs: this device is locked; remove it in My account and enrol again",
            1,
        ),
        ReceiptResult::Expired => ("expired", "too late", 1),
        ReceiptResult::Gone => (
            "gone",
            "already answered, or not a request for this device",
            1,
        ),
    };
    println!("Result: {word} ({meaning})");
    code
}

/// What `approve` answers.
enum Answer<'a> {
    /// With the PIN, the number the page shows (push), and the `--field` values.
    Approve(Option<&'a str>, Vec<(String, String)>),
    Deny,
    /// Denied and reported as not the user's (spec §5.1, `not_me`).
    DenyNotMe,
}

async fn approve(
    auth: &Authenticator,
    id: Option<&str>,
    answer: Answer<'_>,
) -> Result<u8, Failure> {
    let pending = auth.pending().await?;
    let challenge = match id {
        Some(id) => match pending.into_iter().find(|c| c.payload.id == id) {
            Some(c) => c,
            // Not a pending push request: an On Mobile request is fetched by its id.
            None => auth.fetch(id).await.map_err(|e| match e {
                Error::Server { status: 404, .. } => fail(format!(
                    "no request {id} for this device (expired, answered, or another's)"
                )),
                e => e.into(),
            })?,
        },
        None => {
            let mut pending = pending;
            match pending.len() {
                0 => return Err(fail("no pending request")),
                1 => pending.remove(0),
                _ => {
                    let ids: Vec<String> = pending
                        .iter()
                        .map(|c| {
                            format!("{} ({})", c.payload.id, clean(&c.payload.display.service))
                        })
                        .collect();
                    return Err(fail(format!(
                        "several requests are pending; choose one with --id: {}",
                        ids.join(", ")
                    )));
                }
            }
        }
    };
    println!("{}", describe(&challenge));
    let receipt = match answer {
        Answer::Deny => auth.deny(&challenge).await?,
        Answer::DenyNotMe => auth.deny_not_me(&challenge).await?,
        Answer::Approve(number, fields) => {
            approve_with_pin(auth, &challenge, number, &fields).await?
        }
    };
    Ok(report(&receipt))
}

/// Approves `challenge`: the number is checked against its kind, then the PIN is read.
async fn approve_with_pin(
    auth: &Authenticator,
    challenge: &Challenge,
    number: Option<&str>,
    fields: &[(String, String)],
) -> Result<Receipt, Failure> {
    let number = match (challenge.payload.kind, number) {
        (ChallengeKind::Push, Some(n)) if two_digits(n) => n,
        (ChallengeKind::Push, Some(_)) => {
            return Err(fail("--number is the two digits the login page shows"));
        }
        (ChallengeKind::Push, None) => {
            return Err(fail(
                "--number is required: type the two digits the login page shows (or --deny)",
            ));
        }
        (ChallengeKind::OnMobile, None) => "",
        (ChallengeKind::OnMobile, Some(_)) => {
            return Err(fail(
                "this request is answered on this device itself: it has no number; leave out --number",
            ));
        }
        (ChallengeKind::Offline, _) => {
            return Err(fail("this is a QR code request: use `code`"));
        }
    };
    let typed = typed_values(challenge, fields)?;
    let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
    let pin = read_pin()?;
    auth.approve_typed(challenge, number, &pin, &typed)
        .await
        .map_err(|e| match e {
            Error::Server { status: 400, code } if code == "display_hash" => fail(
                "the values typed are not the transaction's (display_hash): check them on the signing page and approve again; the request is still open",
            ),
            e => e.into(),
        })
}

fn code(auth: &Authenticator, text: &str, fields: &[(String, String)]) -> Result<u8, Failure> {
    let challenge = auth.verify_offline(text, now())?;
    println!("{}", describe(&challenge));
    let typed = typed_values(&challenge, fields)?;
    let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
    let pin = read_pin()?;
    let (_, code) = auth.offline_code_typed(text, &pin, now(), &typed)?;
    println!("Code: {code}");
    Ok(0)
}

async fn watch(file: &Path, auth: &Authenticator, number: Option<&str>) -> Result<u8, Failure> {
    let auto = match number {
        Some(n) if two_digits(n) => Some((n.to_owned(), read_pin()?)),
        Some(_) => {
            return Err(fail(
                "--approve-with-number is the two digits the login page shows",
            ));
        }
        None => None,
    };
    let mut seen = HashSet::new();
    let mut backoff = Duration::from_secs(1);
    eprintln!("Waiting for requests (Ctrl-C to stop)…");
    loop {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Challenge>();
        let watching = auth.watch(move |c| tx.send(c).is_ok());
        let handling = async {
            while let Some(c) = rx.recv().await {
                // After a reconnection the server sends the pending requests again.
                if !seen.insert(c.payload.id.clone()) {
                    continue;
                }
                println!("{}", describe(&c));
                if c.payload.display.asks_to_type() && auto.is_some() {
                    eprintln!(
                        "limen-authenticator: this request asks to type values: answer it with `approve --id {} --field LABEL=VALUE`",
                        c.payload.id
                    );
                } else if let Some((n, pin)) = &auto {
                    match auth.approve(&c, n, pin).await {
                        Ok(receipt) => {
                            report(&receipt);
                        }
                        Err(e) => eprintln!("limen-authenticator: {}", chain(&e)),
                    }
                }
                let _ = std::io::stdout().flush();
            }
        };
        let (end, ()) = tokio::join!(watching, handling);
        match end {
            Ok(WatchEnd::Closed) => {
                backoff = Duration::from_secs(1);
                tokio::time::sleep(backoff).await;
            }
            Ok(WatchEnd::Stopped) => return Ok(0),
            Ok(WatchEnd::Revoked) => {
                // Spec §6: the device erases its keys.
                let erased = match std::fs::remove_file(file) {
                    Ok(()) => format!("its keys are erased ({} removed)", file.display()),
                    Err(e) => format!("could not remove {}: {e}", file.display()),
                };
                return Err(Failure {
                    message: format!("this device was removed or locked on the server; {erased}"),
                    code: 2,
                });
            }
            Err(Error::Server { status: 401, code })
                if code == "unknown_device" || code == "device_locked" =>
            {
                return Err(Failure {
                    message: format!(
                        "the server no longer accepts this device ({code}): it was removed or locked; enrol again"
                    ),
                    code: 2,
                });
            }
            Err(e @ (Error::Http(_) | Error::Server { status: 500.., .. })) => {
                eprintln!(
                    "limen-authenticator: {}; retrying in {} s",
                    chain(&e),
                    backoff.as_secs()
                );
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(60));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// `change-pin`: the current PIN, the new one (twice when typed), the server's check, then the
/// state file saved with `K` masked under the new PIN.
async fn change_pin(file: &Path, mut auth: Authenticator) -> Result<u8, Failure> {
    let old = match env_pin("LIMEN_PIN")? {
        Some(pin) => pin,
        None => read_line("Current PIN: ")?,
    };
    let new = match env_pin("LIMEN_NEW_PIN")? {
        Some(pin) => pin,
        None => {
            let new = read_line("New PIN: ")?;
            if read_line("New PIN again: ")? != new {
                return Err(fail("the two new PINs are not the same: nothing changed"));
            }
            new
        }
    };
    match auth.change_pin(&old, &new).await? {
        PinCheckResult::Ok => {}
        PinCheckResult::WrongPin => {
            return Err(fail(
                "the current PIN is wrong (wrong_pin): nothing changed; wrong PINs in a row lock the device",
            ));
        }
        PinCheckResult::Locked => {
            return Err(Failure {
                message: "the current PIN is wrong and this device is now locked (locked): unlink it and enrol again".to_owned(),
                code: 2,
            });
        }
    }
    save(file, auth.state()).map_err(|e| {
        fail(format!(
            "the PIN was not changed: {} (the current PIN still works)",
            chain(&e)
        ))
    })?;
    println!("PIN changed.");
    Ok(0)
}

/// `unlink`: the server locks the device (§3.7: removing it needs My account's step-up),
/// then its state file is erased. A device the server no longer knows is erased too: its keys
/// are of no more use.
async fn unlink(file: &Path, auth: &Authenticator) -> Result<u8, Failure> {
    let state = auth.state();
    let said = match auth.unlink().await {
        Ok(()) => format!(
            "Unlinked {} from {} on {} (locked there: remove it in My account)",
            clean(&state.name),
            clean(&state.account),
            clean(&state.iss)
        ),
        Err(Error::Server { status: 401, code }) if code == "unknown_device" => {
            "The server had already removed this device (unknown_device)".to_owned()
        }
        Err(e) => {
            return Err(fail(format!(
                "{}; nothing was erased: try again, or remove the device in My account",
                chain(&e)
            )));
        }
    };
    std::fs::remove_file(file).map_err(|e| {
        fail(format!(
            "{said}, but its keys could not be erased ({}: {e}): delete that file",
            file.display()
        ))
    })?;
    println!("{said}; its keys are erased ({} removed)", file.display());
    Ok(0)
}

fn show(auth: &Authenticator) -> Result<u8, Failure> {
    let s: &DeviceState = auth.state();
    println!("Device:  {}", s.device);
    println!("Name:    {}", clean(&s.name));
    println!("Account: {}", clean(&s.account));
    println!("Server:  {}", clean(&s.iss));
    Ok(0)
}
