//! What a person types to open an account, and the rules it must meet.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::Email;
use crate::error::FieldError;

/// A new password: 10 to 128 characters. Never printed.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Password(String);

impl Password {
    /// Shortest password accepted.
    pub const MIN_CHARS: usize = 10;
    /// Longest password accepted (argon2 hashes anything, but a bound keeps requests small).
    pub const MAX_CHARS: usize = 128;

    /// Accepts a password of acceptable length: `required`, `too_short`, `too_long` otherwise.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let chars = input.chars().count();
        if chars == 0 {
            Err("required")
        } else if chars < Self::MIN_CHARS {
            Err("too_short")
        } else if chars > Self::MAX_CHARS {
            Err("too_long")
        } else {
            Ok(Self(input.to_owned()))
        }
    }

    /// The secret, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

impl TryFrom<String> for Password {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

/// The name shown for a member: 2 to 80 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    /// Shortest name accepted.
    pub const MIN_CHARS: usize = 2;
    /// Longest name accepted.
    pub const MAX_CHARS: usize = 80;

    /// Accepts a trimmed name: `required`, `too_short`, `too_long`, `invalid_characters` otherwise.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let name = input.trim();
        let chars = name.chars().count();
        if chars == 0 {
            Err("required")
        } else if chars < Self::MIN_CHARS {
            Err("too_short")
        } else if chars > Self::MAX_CHARS {
            Err("too_long")
        } else if name.chars().any(char::is_control) {
            Err("invalid_characters")
        } else {
            Ok(Self(name.to_owned()))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(value: DisplayName) -> Self {
        value.0
    }
}

/// The registration form as submitted: raw text, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationForm {
    pub email: String,
    pub display_name: String,
    pub password: String,
}

/// A registration whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub email: Email,
    pub display_name: DisplayName,
    pub password: Password,
}

impl TryFrom<&RegistrationForm> for Registration {
    type Error = Vec<FieldError>;

    /// Checks every field and reports all the problems at once, not just the first.
    fn try_from(form: &RegistrationForm) -> Result<Self, Self::Error> {
        let email = Email::parse(&form.email);
        let display_name = DisplayName::parse(&form.display_name);
        let password = Password::parse(&form.password);
        match (email, display_name, password) {
            (Ok(email), Ok(display_name), Ok(password)) => Ok(Self {
                email,
                display_name,
                password,
            }),
            (email, display_name, password) => Err([
                ("email", email.err()),
                ("display_name", display_name.err()),
                ("password", password.err()),
            ]
            .into_iter()
            .filter_map(|(field, code)| {
                code.map(|code| FieldError {
                    field: field.into(),
                    code: code.into(),
                })
            })
            .collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(email: &str, name: &str, password: &str) -> RegistrationForm {
        RegistrationForm {
            email: email.into(),
            display_name: name.into(),
            password: password.into(),
        }
    }

    #[test]
    fn a_valid_form_becomes_a_registration() {
        let r = Registration::try_from(&form("An@CanTho.vn", " Nguyễn Văn An ", "mật khẩu đủ dài"))
            .unwrap();
        assert_eq!(r.email.as_str(), "an@cantho.vn");
        assert_eq!(r.display_name.as_str(), "Nguyễn Văn An");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = Registration::try_from(&form("not-an-email", "", "short")).unwrap_err();
        let codes: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("email", "invalid_email"),
                ("display_name", "required"),
                ("password", "too_short")
            ]
        );
    }

    #[test]
    fn passwords_are_counted_in_characters_and_never_printed() {
        assert!(
            Password::parse("ẩẩẩẩẩẩẩẩẩẩ").is_ok(),
            "ten Vietnamese characters are ten"
        );
        assert_eq!(Password::parse(&"x".repeat(129)), Err("too_long"));
        assert_eq!(
            format!("{:?}", Password::parse("secret-secret").unwrap()),
            "Password(***)"
        );
    }

    #[test]
    fn display_names_refuse_control_characters() {
        assert_eq!(DisplayName::parse("An\u{0007}"), Err("invalid_characters"));
        assert_eq!(DisplayName::parse("A"), Err("too_short"));
    }
}
