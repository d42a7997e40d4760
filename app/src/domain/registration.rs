//! A visitor's registration for an event: what they give, and the ticket code they are given
//! (what the ticket's QR code holds and what an organiser types at the door).

use super::{Email, parse_phone, text_between};
use crate::error::FieldError;

/// Limits, in characters.
pub mod limits {
    pub const NAME: (usize, usize) = (2, 120);
    pub const ORGANISATION: (usize, usize) = (2, 200);
}

/// What the registration form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistrationForm {
    pub name: String,
    pub organisation: String,
    pub phone: String,
    pub email: String,
}

/// Who registers, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registrant {
    pub name: String,
    pub organisation: String,
    pub phone: String,
    pub email: String,
}

impl RegistrationForm {
    /// The fields as typed, to give back with a refusal.
    pub fn typed(&self) -> [(&'static str, &str); 4] {
        [
            ("name", &self.name),
            ("organisation", &self.organisation),
            ("phone", &self.phone),
            ("email", &self.email),
        ]
    }

    /// A visitor gives all four; a member's name and address come from their account
    /// (`member`: name, e-mail), and organisation and phone may be left empty.
    pub fn validate(&self, member: Option<(&str, &str)>) -> Result<Registrant, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: &str, result: Result<String, &'static str>| {
            result
                .map_err(|code| errors.push(FieldError::new(field, code)))
                .ok()
        };
        let optional = member.is_some();
        let (name, email) = match member {
            Some((name, email)) => (Some(name.to_owned()), Some(email.to_owned())),
            None => (
                check("name", text_between(&self.name, limits::NAME, false)),
                check(
                    "email",
                    Email::parse(&self.email).map(|e| e.as_str().to_owned()),
                ),
            ),
        };
        let organisation = if optional && self.organisation.trim().is_empty() {
            Some(String::new())
        } else {
            check(
                "organisation",
                text_between(&self.organisation, limits::ORGANISATION, false),
            )
        };
        let phone = if optional && self.phone.trim().is_empty() {
            Some(String::new())
        } else {
            check("phone", parse_phone(&self.phone))
        };
        match (name, organisation, phone, email) {
            (Some(name), Some(organisation), Some(phone), Some(email)) if errors.is_empty() => {
                Ok(Registrant {
                    name,
                    organisation,
                    phone,
                    email,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The characters of a ticket code: Crockford's base 32, without I, L, O and U, which read as
/// other characters.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters in a ticket code: 60 random bits, too many to guess one.
pub const TICKET_CODE_LEN: usize = 12;

/// A ticket code from 12 random bytes (each gives a character).
pub fn ticket_code(random: [u8; TICKET_CODE_LEN]) -> String {
    random
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect()
}

/// Reads a ticket code as typed or scanned: in any case, grouped by dashes or spaces, or the
/// ticket's whole address (`…/tickets/CODE`); O is read as 0 and I, L as 1. `None` when it
/// cannot be a ticket code.
pub fn parse_ticket_code(input: &str) -> Option<String> {
    let input = input.trim();
    let input = input.rsplit_once("/tickets/").map_or(input, |(_, rest)| {
        rest.split(['?', '#', '/']).next().unwrap_or(rest)
    });
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    (code.len() == TICKET_CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// A ticket code as printed: in groups of four (`K7M2-9QXD-4FZA`).
pub fn display_ticket_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, organisation: &str, phone: &str, email: &str) -> RegistrationForm {
        RegistrationForm {
            name: name.into(),
            organisation: organisation.into(),
            phone: phone.into(),
            email: email.into(),
        }
    }

    fn faults(result: Result<Registrant, Vec<FieldError>>) -> Vec<(String, String)> {
        result
            .expect_err("refused")
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_visitor_gives_name_organisation_phone_and_email() {
        let ok = form(
            " Lê Thị Hoa ",
            "HTX Rau sạch Phong Điền",
            "0292 3820 123",
            "Hoa@Example.VN",
        )
        .validate(None)
        .expect("valid");
        assert_eq!(ok.name, "Lê Thị Hoa");
        assert_eq!(ok.email, "hoa@example.vn");
        assert_eq!(
            faults(form("", "", "gọi tôi nhé", "hoa@").validate(None)),
            [
                ("name".into(), "required".into()),
                ("email".into(), "invalid_email".into()),
                ("organisation".into(), "required".into()),
                ("phone".into(), "invalid_phone".into()),
            ]
        );
    }

    #[test]
    fn a_member_may_leave_organisation_and_phone_empty_but_not_wrong() {
        let member = Some(("An", "an@techx.demo"));
        let ok = form("", "", "", "").validate(member).expect("valid");
        assert_eq!(
            (ok.name.as_str(), ok.email.as_str()),
            ("An", "an@techx.demo")
        );
        assert_eq!(
            faults(form("", "", "gọi tôi nhé", "").validate(member)),
            [("phone".into(), "invalid_phone".into())]
        );
    }

    #[test]
    fn ticket_codes_are_read_however_they_are_typed_or_scanned() {
        let code = ticket_code([0, 1, 2, 31, 32, 33, 200, 255, 10, 17, 18, 19]);
        assert_eq!(code.len(), TICKET_CODE_LEN);
        assert_eq!(code, "012Z018ZAHJK");
        assert_eq!(display_ticket_code(&code), "012Z-018Z-AHJK");
        for typed in [
            "012Z-018Z-AHJK",
            "o12z 018z ahjk",
            " 012z018zahjk ",
            "https://techx.example/tickets/012Z018ZAHJK",
            "https://techx.example/tickets/012Z018ZAHJK?x=1",
        ] {
            assert_eq!(
                parse_ticket_code(typed).as_deref(),
                Some("012Z018ZAHJK"),
                "{typed}"
            );
        }
        assert_eq!(
            parse_ticket_code("I12Z-018Z-AHJL").as_deref(),
            Some("112Z018ZAHJ1")
        );
        for wrong in [
            "",
            "012Z-018Z",
            "012Z-018Z-AHJKX",
            "012U-018Z-AHJK",
            "012Z-018Z-AHJ!",
        ] {
            assert_eq!(parse_ticket_code(wrong), None, "{wrong}");
        }
    }
}
