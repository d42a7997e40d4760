use serde::{Deserialize, Serialize};
use std::fmt;

/// An e-mail address, trimmed and lowercased so that one mailbox is one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Longest address SMTP allows.
    pub const MAX_LEN: usize = 254;

    /// Accepts a plausible address (one `@`, a dotted domain of letters, digits and hyphens), or
    /// says why not: `required`, `too_long`, `invalid_email`.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let email = input.trim().to_ascii_lowercase();
        if email.is_empty() {
            return Err("required");
        }
        if email.len() > Self::MAX_LEN {
            return Err("too_long");
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err("invalid_email");
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~.".contains(&b));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if local_ok && domain_ok {
            Ok(Self(email))
        } else {
            Err("invalid_email")
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lowercased() {
        assert_eq!(
            Email::parse("  Nguyen.An@CanTho.EDU.vn ").unwrap().as_str(),
            "nguyen.an@cantho.edu.vn"
        );
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_reason() {
        assert_eq!(Email::parse(""), Err("required"));
        for bad in [
            "an",
            "an@",
            "@cantho.vn",
            "an@cantho",
            "an@@cantho.vn",
            "a n@cantho.vn",
            "an@-x.vn",
            ".an@x.vn",
            "a..n@x.vn",
        ] {
            assert_eq!(Email::parse(bad), Err("invalid_email"), "{bad}");
        }
        assert_eq!(
            Email::parse(&format!("{}@x.vn", "a".repeat(260))),
            Err("too_long")
        );
    }
}
