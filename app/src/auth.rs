//! Password hashing and session tokens (server only).

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};

use crate::domain::Password;

/// Hashes a password with argon2id and a random salt (PHC string, parameters included).
pub fn hash_password(password: &Password) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .expect("argon2id with default parameters hashes any password")
        .to_string()
}

/// True when `candidate` is the password behind `stored_hash`; false for a malformed hash.
pub fn verify_password(candidate: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|hash| {
            Argon2::default()
                .verify_password(candidate.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A fresh session token for the cookie, and the hash under which the database keeps it.
pub fn new_session_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = to_hex(&bytes);
    let hash = session_token_hash(&token);
    (token, hash)
}

/// A random public identifier (96 bits, hex): for things shown in pages, such as a session in
/// the device list, where the secret token must not appear.
pub fn random_id() -> String {
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    to_hex(&bytes)
}

/// A fresh ticket code for an event registration (`domain::registration`).
pub fn new_ticket_code() -> String {
    use crate::domain::registration::{TICKET_CODE_LEN, ticket_code};
    let mut bytes = [0u8; TICKET_CODE_LEN];
    OsRng.fill_bytes(&mut bytes);
    ticket_code(bytes)
}

/// The database key of a session token (or of any other secret token, such as a reset link's).
pub fn session_token_hash(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

/// Lowercase hexadecimal, two digits a byte.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| {
            [
                HEX[usize::from(b >> 4)] as char,
                HEX[usize::from(b & 0xf)] as char,
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_others_do_not() {
        let password = Password::parse("mật khẩu của An 2026").unwrap();
        let hash = hash_password(&password);
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("mật khẩu của An 2026", &hash));
        assert!(!verify_password("mat khau cua An 2026", &hash));
        assert!(!verify_password("mật khẩu của An 2026", "not a hash"));
        assert_ne!(hash, hash_password(&password), "salts differ");
    }

    #[test]
    fn session_tokens_are_random_and_stored_only_as_hashes() {
        let (token, hash) = new_session_token();
        assert_eq!(token.len(), 64);
        assert_eq!(hash, session_token_hash(&token));
        assert_ne!(token, hash);
        assert_ne!(new_session_token().0, token);
    }
}
