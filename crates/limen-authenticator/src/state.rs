//! What the device keeps between runs (spec §3 step 5): the state file, JSON, version 1.
//!
//! The file holds the device key `D` (PKCS#8, the device's only long-term secret usable without
//! the PIN) and `M = K ⊕ P(PIN)`, so it is written readable by its owner only (mode 0600 on
//! Unix) and atomically (a temporary file in the same directory, flushed, then renamed over
//! the old one), so that a crash never leaves half a file.

use crate::Error;
use limen_mobile::jwk::EcJwk;
use serde::{Deserialize, Serialize};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

/// The version of the state file this program writes and reads.
pub const STATE_VERSION: u32 = 1;
/// A state file is a few hundred bytes; anything much larger is not one.
const MAX_STATE_FILE: u64 = 64 * 1024;

/// What the device keeps (the state file, JSON, version 1).
///
/// `Debug` shows neither `device_key` nor `mask`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq)]
pub struct DeviceState {
    /// [`STATE_VERSION`].
    pub v: u32,
    /// The server base URL (`iss` of the enrolment link).
    pub iss: String,
    /// The device id: the thumbprint of the device key.
    pub device: String,
    /// The device name the user gave on the server.
    pub name: String,
    /// The account's e-mail address, as the server showed it.
    pub account: String,
    /// The device key `D`: `B64` of its PKCS#8 document (RFC 5958).
    pub device_key: String,
    /// The pinned server key `S`.
    pub server_key: EcJwk,
    /// The enrolment salt `s`, `B64` (16 bytes).
    pub salt: String,
    /// `B64(M)`, `M = K ⊕ P(PIN)` (spec §2.1), 32 bytes.
    pub mask: String,
}

impl std::fmt::Debug for DeviceState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceState")
            .field("v", &self.v)
            .field("iss", &self.iss)
            .field("device", &self.device)
            .field("name", &self.name)
            .field("account", &self.account)
            .field("server_key", &self.server_key.thumbprint())
            .finish_non_exhaustive()
    }
}

fn state_error(path: &Path, reason: impl Into<String>) -> Error {
    Error::State {
        path: path.to_owned(),
        reason: reason.into(),
    }
}

/// Writes `state` to `path`: mode 0600 (Unix), atomically (temporary file + rename). The
/// directory is made (mode 0700 on Unix) if it does not exist.
pub fn save(path: &Path, state: &DeviceState) -> Result<(), Error> {
    let io = |what: &str, e: std::io::Error| state_error(path, format!("{what}: {e}"));
    let mut json =
        serde_json::to_vec_pretty(state).map_err(|e| state_error(path, e.to_string()))?;
    json.push(b'\n');
    let name = path
        .file_name()
        .ok_or_else(|| state_error(path, "not a file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&dir)
        .map_err(|e| io("cannot create its directory", e))?;

    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.{nanos}.tmp", std::process::id()));
    let temp = dir.join(temp_name);

    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(&json)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(io("cannot write", e));
    }
    // The rename is durable once the directory is (Unix; elsewhere a directory cannot be
    // opened this way, and there is nothing more to do).
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Reads the state file at `path`. Refuses a file whose `v` is not [`STATE_VERSION`] (it was
/// written by another version of this program) and anything that is not a state file. It
/// does not check the keys: [`crate::Authenticator::from_state`] does.
pub fn load(path: &Path) -> Result<DeviceState, Error> {
    let file = std::fs::File::open(path).map_err(|e| state_error(path, e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_STATE_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| state_error(path, e.to_string()))?;
    if bytes.len() as u64 > MAX_STATE_FILE {
        return Err(state_error(path, "too large to be a state file"));
    }
    // serde_json's messages can quote the offending value (here possibly a secret), so only
    // where the error is is said.
    let at = |e: &serde_json::Error| format!("line {}, column {}", e.line(), e.column());
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| state_error(path, format!("not JSON ({})", at(&e))))?;
    match value.get("v").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(STATE_VERSION) => {}
        Some(v) => {
            return Err(state_error(
                path,
                format!(
                    "version {v} is not supported (this program reads version {STATE_VERSION})"
                ),
            ));
        }
        None => return Err(state_error(path, "no version: not a state file")),
    }
    serde_json::from_slice(&bytes).map_err(|e| {
        let what = if e.is_data() {
            "a member is missing or of the wrong type"
        } else {
            "malformed"
        };
        state_error(path, format!("{what} ({})", at(&e)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_mobile::jws::SigningKey;

    /// A fresh directory under the system's temporary one, removed when dropped.
    pub(crate) struct TempDir(pub PathBuf);

    impl TempDir {
        pub(crate) fn new(tag: &str) -> Self {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            let dir = std::env::temp_dir().join(format!(
                "limen-authenticator-{tag}-{}-{nanos}",
                std::process::id()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            Self(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn sample() -> DeviceState {
        let device = SigningKey::generate().unwrap();
        DeviceState {
            v: 1,
            iss: "https://id.example.eu".to_owned(),
            device: device.thumbprint(),
            name: "Laptop".to_owned(),
            account: "jane@example.eu".to_owned(),
            device_key: limen_mobile::b64::encode(device.pkcs8()),
            server_key: SigningKey::generate().unwrap().public_jwk(),
            salt: limen_mobile::b64::encode(&[4u8; 16]),
            mask: limen_mobile::b64::encode(&[9u8; 32]),
        }
    }

    fn reason(e: Error) -> String {
        match e {
            Error::State { reason, .. } => reason,
            other => panic!("not a state error: {other:?}"),
        }
    }

    #[test]
    fn round_trip_in_a_new_directory() {
        let tmp = TempDir::new("roundtrip");
        let path = tmp.0.join("sub/dir/device.json");
        let state = sample();
        save(&path, &state).unwrap();
        assert_eq!(load(&path).unwrap(), state);
        // Saved again (replaced), no temporary file is left behind.
        let mut renamed = state.clone();
        renamed.name = "Desktop".to_owned();
        save(&path, &renamed).unwrap();
        assert_eq!(load(&path).unwrap(), renamed);
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["device.json"]);
        // The member names are the brief's.
        let value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let mut keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "account",
                "device",
                "device_key",
                "iss",
                "mask",
                "name",
                "salt",
                "server_key",
                "v"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn file_is_0600_and_new_directory_0700() {
        use std::os::unix::fs::PermissionsExt as _;
        let tmp = TempDir::new("mode");
        let path = tmp.0.join("new/device.json");
        // Even over an existing world-readable file.
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"{}").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        save(&path, &sample()).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);

        let fresh = tmp.0.join("fresh/device.json");
        save(&fresh, &sample()).unwrap();
        let dir_mode = std::fs::metadata(fresh.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o077, 0, "{dir_mode:o}");
    }

    #[test]
    fn other_versions_and_garbage_are_refused() {
        let tmp = TempDir::new("refuse");
        let path = tmp.0.join("device.json");
        let mut v2 = serde_json::to_value(sample()).unwrap();
        v2["v"] = serde_json::json!(2);
        std::fs::write(&path, v2.to_string()).unwrap();
        let r = reason(load(&path).unwrap_err());
        assert!(r.contains("version 2 is not supported"), "{r}");

        // Version 1 but a member missing; a secret of the wrong type is not quoted.
        let mut missing = serde_json::to_value(sample()).unwrap();
        missing.as_object_mut().unwrap().remove("mask");
        std::fs::write(&path, missing.to_string()).unwrap();
        assert!(reason(load(&path).unwrap_err()).contains("missing or of the wrong type"));
        let mut wrong = serde_json::to_value(sample()).unwrap();
        wrong["mask"] = serde_json::json!(["secret-value"]);
        std::fs::write(&path, wrong.to_string()).unwrap();
        let r = reason(load(&path).unwrap_err());
        assert!(!r.contains("secret-value"), "{r}");

        for garbage in [&b"not json"[..], b"", b"[1]", b"{\"v\":\"1\"}"] {
            std::fs::write(&path, garbage).unwrap();
            assert!(load(&path).is_err());
        }
        std::fs::write(&path, vec![b' '; 70_000]).unwrap();
        assert!(reason(load(&path).unwrap_err()).contains("too large"));
        assert!(load(&tmp.0.join("absent.json")).is_err());
    }

    #[test]
    fn debug_hides_the_secrets() {
        let state = sample();
        let shown = format!("{state:?}");
        assert!(shown.contains(&state.device));
        assert!(!shown.contains(&state.device_key));
        assert!(!shown.contains(&state.mask));
    }
}
