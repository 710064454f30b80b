//! Key derivations: the PIN key `P(PIN)` and its mask (spec §2.1), the offline key `K` and the
//! PIN check of the enrolment (spec §3 steps 4–5).

use argon2::{Algorithm, Argon2, Params, Version};
use ring::hkdf;

use crate::{Error, b64, hmac_sha256, sha256};

/// Argon2id memory of `P(PIN)`, in KiB (spec §2.1).
pub const PIN_MEMORY_KIB: u32 = 19456;
/// Argon2id passes of `P(PIN)` (spec §2.1).
pub const PIN_ITERATIONS: u32 = 2;
/// Argon2id lanes of `P(PIN)` (spec §2.1).
pub const PIN_PARALLELISM: u32 = 1;
/// The enrolment salt `s` is 16 bytes (spec §3 step 1).
pub const SALT_LEN: usize = 16;
/// The longest PIN taken (a bound on input, far above any `pin_length`).
pub const MAX_PIN_LEN: usize = 64;

/// HKDF `info` prefix of the offline key (spec §3 step 4).
pub const OFFLINE_KEY_INFO: &[u8] = b"limen-mobile/1 offline key";
/// HMAC prefix of the PIN check (spec §3 step 5).
pub const PIN_CHECK_PREFIX: &[u8] = b"limen-mobile/1 pin check";

/// `P(PIN) = Argon2id(password = PIN as ASCII digits, salt = s, m = 19456 KiB, t = 2, p = 1,
/// 32 bytes)` (spec §2.1; Argon2 version 1.3, RFC 9106). The PIN must be 1 to
/// [`MAX_PIN_LEN`] ASCII digits (the minimum length is policy, the caller's) and the salt
/// [`SALT_LEN`] bytes. This costs about 19 MiB and tens of milliseconds.
pub fn pin_key(pin: &str, salt: &[u8]) -> Result<[u8; 32], Error> {
    if pin.is_empty() || pin.len() > MAX_PIN_LEN || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::Malformed("PIN"));
    }
    if salt.len() != SALT_LEN {
        return Err(Error::Malformed("salt"));
    }
    let params = Params::new(PIN_MEMORY_KIB, PIN_ITERATIONS, PIN_PARALLELISM, Some(32))
        .map_err(|_| Error::Crypto)?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(pin.as_bytes(), salt, &mut out)
        .map_err(|_| Error::Crypto)?;
    Ok(out)
}

/// `a ⊕ b`: `M = K ⊕ P(PIN)` on the device, and `K' = M ⊕ P(PIN')` (spec §2.1).
#[must_use]
pub fn mask(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (o, (x, y)) in out.iter_mut().zip(a.iter().zip(b)) {
        *o = x ^ y;
    }
    out
}

struct Len32;

impl hkdf::KeyType for Len32 {
    fn len(&self) -> usize {
        32
    }
}

/// `K = HKDF(IKM = Z, salt = SHA256(E), info = "limen-mobile/1 offline key" ‖ device id,
/// 32 bytes)` (spec §3 step 4; HKDF-SHA-256, RFC 5869), where `E` is the enrolment token as
/// its ASCII text and the device id the device key's thumbprint.
#[must_use]
pub fn offline_key(z: &[u8; 32], enrol_token: &str, device_id: &str) -> [u8; 32] {
    let salt = hkdf::Salt::new(hkdf::HKDF_SHA256, &sha256(enrol_token.as_bytes()));
    let prk = salt.extract(z);
    let info = [OFFLINE_KEY_INFO, device_id.as_bytes()];
    let mut out = [0u8; 32];
    // 32 bytes is far below HKDF-SHA-256's limit of 255 × 32, so neither step can fail.
    match prk.expand(&info, Len32).and_then(|okm| okm.fill(&mut out)) {
        Ok(()) => out,
        Err(_) => unreachable!("HKDF-SHA-256 expands to 32 bytes"),
    }
}

/// `B64(HMAC(K, "limen-mobile/1 pin check" ‖ P(PIN)))` (spec §3 step 5).
#[must_use]
pub fn pin_check(k: &[u8; 32], pin_key: &[u8; 32]) -> String {
    b64::encode(&hmac_sha256(k, &[PIN_CHECK_PREFIX, pin_key]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SALT: [u8; 16] = *b"0123456789abcdef";

    #[test]
    fn pin_key_depends_on_pin_and_salt_and_is_stable() {
        let a = pin_key("1234", &SALT).unwrap();
        assert_eq!(a, pin_key("1234", &SALT).unwrap());
        assert_ne!(a, pin_key("1235", &SALT).unwrap());
        assert_ne!(a, pin_key("01234", &SALT).unwrap());
        assert_ne!(a, pin_key("1234", b"0123456789abcdeF").unwrap());
    }

    #[test]
    fn pin_key_is_argon2id_with_the_spec_parameters() {
        // Independent of our parameter plumbing: the argon2 crate's own PHC encoder with the
        // spec's m, t, p must carry the same 32 bytes.
        use argon2::password_hash::{PasswordHasher as _, SaltString};
        let params = Params::new(19456, 2, 1, Some(32)).unwrap();
        let salt = SaltString::encode_b64(&SALT).unwrap();
        let phc = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password("2468".as_bytes(), &salt)
            .unwrap();
        assert!(
            phc.to_string()
                .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{phc}"
        );
        assert_eq!(
            phc.hash.unwrap().as_bytes(),
            pin_key("2468", &SALT).unwrap()
        );
    }

    #[test]
    fn non_digit_pins_and_bad_salts_are_refused() {
        for bad in [
            "",
            "12a4",
            "12 34",
            "١٢٣٤",
            "+123",
            "1234\n",
            &"1".repeat(65),
        ] {
            assert_eq!(pin_key(bad, &SALT), Err(Error::Malformed("PIN")), "{bad:?}");
        }
        assert!(pin_key(&"9".repeat(64), &SALT).is_ok());
        assert_eq!(pin_key("1234", &SALT[..15]), Err(Error::Malformed("salt")));
        assert_eq!(pin_key("1234", &[0u8; 32]), Err(Error::Malformed("salt")));
    }

    #[test]
    fn mask_is_an_involution() {
        let k: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(37));
        let p: [u8; 32] = std::array::from_fn(|i| 255 - i as u8);
        let m = mask(&k, &p);
        assert_ne!(m, k);
        assert_eq!(mask(&m, &p), k);
        assert_eq!(mask(&m, &k), p);
        assert_eq!(mask(&k, &[0u8; 32]), k);
        // A wrong PIN key unmasks to a wrong K.
        let mut wrong = p;
        wrong[0] ^= 1;
        assert_ne!(mask(&m, &wrong), k);
    }

    #[test]
    fn offline_key_matches_an_independent_computation() {
        // Computed once with Python's standard library (RFC 5869 written out by hand):
        //
        //   import hashlib, hmac, base64
        //   z = bytes(range(32)); tok = "A" * 43; dev = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
        //   salt = hashlib.sha256(tok.encode()).digest()
        //   prk = hmac.new(salt, z, hashlib.sha256).digest()
        //   okm = hmac.new(prk, b"limen-mobile/1 offline key" + dev.encode() + b"\x01",
        //                  hashlib.sha256).digest()
        //   print(okm.hex())
        let z: [u8; 32] = std::array::from_fn(|i| i as u8);
        let k = offline_key(
            &z,
            &"A".repeat(43),
            "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",
        );
        assert_eq!(hex::encode(k), OFFLINE_KEY_VECTOR);
        // Every input matters.
        assert_ne!(
            offline_key(
                &z,
                &"B".repeat(43),
                "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
            ),
            k
        );
        assert_ne!(offline_key(&z, &"A".repeat(43), "other-device"), k);
        assert_ne!(
            offline_key(
                &[1u8; 32],
                &"A".repeat(43),
                "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
            ),
            k
        );
    }

    const OFFLINE_KEY_VECTOR: &str =
        "bc864e28d542c19c2c02b7cbf7d5f86ba1b53a2aaaa62e5dc4a82ea050073869";

    #[test]
    fn pin_check_matches_an_independent_computation() {
        // Python: base64.urlsafe_b64encode(hmac.new(bytes([7]*32),
        //   b"limen-mobile/1 pin check" + bytes([9]*32), hashlib.sha256).digest()).rstrip(b"=")
        assert_eq!(pin_check(&[7u8; 32], &[9u8; 32]), PIN_CHECK_VECTOR);
        assert_ne!(pin_check(&[7u8; 32], &[8u8; 32]), PIN_CHECK_VECTOR);
        assert_eq!(pin_check(&[7u8; 32], &[9u8; 32]).len(), 43);
    }

    const PIN_CHECK_VECTOR: &str = "-u008wzwswUNqVdw4pDLjRLLNM8E-DysIu87IXYjxg4";
}
