//! What an organisation fills in to open a stall, and the rules it must meet. The browser's form
//! hints and the server's checks both come from here.

use serde::{Deserialize, Serialize};

use super::{Email, Province, Sector};
use crate::error::FieldError;

/// Kinds of organisation that keep stalls.
pub const ORG_KINDS: [&str; 4] = ["company", "institute", "university", "cooperative"];

/// Certifications offered as suggestions; others may be typed.
pub const COMMON_CERTIFICATIONS: [&str; 8] = [
    "ISO 9001",
    "ISO 14001",
    "ISO 22000",
    "ISO 45001",
    "HACCP",
    "VietGAP",
    "GlobalGAP",
    "OCOP",
];

/// Limits: lengths in characters, then counts and durations.
pub mod limits {
    pub const NAME: (usize, usize) = (3, 150);
    pub const DESCRIPTION: (usize, usize) = (30, 5000);
    pub const ADDRESS: (usize, usize) = (5, 300);
    pub const PHONE: (usize, usize) = (8, 20);
    pub const CONTACT_PERSON: (usize, usize) = (2, 100);
    pub const WEBSITE: usize = 200;
    pub const CERTIFICATIONS: usize = 400;
    pub const CERTIFICATION: usize = 40;
    pub const MAX_CERTIFICATIONS: usize = 12;
    pub const REJECTION_REASON: (usize, usize) = (5, 500);
    pub const FIRST_YEAR: i64 = 1900;
    /// Days an invitation to act for a stall stays valid.
    pub const INVITATION_DAYS: i64 = 7;
    /// Sectors a stall may name besides its main one.
    pub const OTHER_SECTORS: usize = 4;
    /// Invitations a stall can have waiting at once.
    pub const OPEN_INVITATIONS: usize = 20;
    /// Invitation mails a stall may send in 24 hours, a new link to the same address included.
    pub const INVITATION_MAILS_PER_DAY: i64 = 20;
}

/// The stall form exactly as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StallForm {
    pub name: String,
    pub org_kind: String,
    pub sector_code: String,
    /// Further sectors' codes, comma-separated (the ticked boxes, joined).
    #[serde(default)]
    pub other_sectors: String,
    pub province_code: String,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub contact_person: String,
    pub founded_year: String,
    /// Comma-separated: "ISO 9001, HACCP".
    pub certifications: String,
}

/// A stall profile whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StallProfileInput {
    pub name: String,
    pub org_kind: &'static str,
    /// The main sector, shown first and on cards.
    pub sector: Sector,
    /// Up to four more, in the order given, without the main one or repeats.
    pub other_sectors: Vec<Sector>,
    pub province: Province,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: Option<Email>,
    pub website: Option<String>,
    pub contact_person: String,
    pub founded_year: Option<i64>,
    pub certifications: Vec<String>,
}

/// Trimmed text between `min` and `max` characters, without control characters (line breaks are
/// allowed where `multiline`).
pub fn text_between(
    input: &str,
    (min, max): (usize, usize),
    multiline: bool,
) -> Result<String, &'static str> {
    let text = input.trim();
    let chars = text.chars().count();
    if chars == 0 && min > 0 {
        Err("required")
    } else if chars < min {
        Err("too_short")
    } else if chars > max {
        Err("too_long")
    } else if text
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
    {
        Err("invalid_characters")
    } else {
        Ok(text.replace("\r\n", "\n"))
    }
}

/// A phone number as people write them: digits with spaces, dots, dashes, parentheses, a
/// leading `+`; at least 8 digits.
pub fn parse_phone(input: &str) -> Result<String, &'static str> {
    let phone = text_between(input, limits::PHONE, false)?;
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " .-()".contains(c) || (c == '+' && i == 0));
    if allowed && digits >= 8 {
        Ok(phone)
    } else {
        Err("invalid_phone")
    }
}

/// An optional web address: `http://` or `https://` and a host.
pub fn parse_website(input: &str) -> Result<Option<String>, &'static str> {
    let url = input.trim();
    if url.is_empty() {
        return Ok(None);
    }
    if url.chars().count() > limits::WEBSITE {
        return Err("too_long");
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("invalid_url")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let valid_host = host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || "-.:".contains(c));
    if valid_host && !url.chars().any(char::is_whitespace) {
        Ok(Some(url.to_owned()))
    } else {
        Err("invalid_url")
    }
}

/// Splits "ISO 9001, HACCP" into its certifications (duplicates dropped, order kept).
pub fn parse_certifications(input: &str) -> Result<Vec<String>, &'static str> {
    if input.chars().count() > limits::CERTIFICATIONS {
        return Err("too_long");
    }
    let mut out: Vec<String> = Vec::new();
    for item in input.split([',', ';', '\n']) {
        let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if item.is_empty() || out.iter().any(|c| c.eq_ignore_ascii_case(&item)) {
            continue;
        }
        if item.chars().count() > limits::CERTIFICATION || item.chars().any(char::is_control) {
            return Err("invalid_certification");
        }
        out.push(item);
    }
    if out.len() > limits::MAX_CERTIFICATIONS {
        return Err("too_many");
    }
    Ok(out)
}

/// The codes in a comma-separated list of sectors (as posted or stored), blanks skipped.
pub fn sector_codes(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|c| !c.is_empty())
}

/// Sectors named besides `main`, from their comma-separated codes: unknown codes refused,
/// repeats and the main sector dropped, at most [`limits::OTHER_SECTORS`].
pub fn parse_other_sectors(input: &str, main: Option<Sector>) -> Result<Vec<Sector>, &'static str> {
    let mut out: Vec<Sector> = Vec::new();
    for code in sector_codes(input) {
        let sector = Sector::parse(code)?;
        if Some(sector) != main && !out.contains(&sector) {
            out.push(sector);
        }
    }
    if out.len() > limits::OTHER_SECTORS {
        return Err("too_many_sectors");
    }
    Ok(out)
}

/// The certifications stored as "ISO 9001, HACCP", as a list.
pub fn split_certifications(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A founding year: empty, or from 1900 to `this_year`.
pub fn parse_founded_year(input: &str, this_year: i64) -> Result<Option<i64>, &'static str> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(year) if (limits::FIRST_YEAR..=this_year).contains(&year) => Ok(Some(year)),
        _ => Err("invalid_year"),
    }
}

impl StallForm {
    /// Checks every field at once: the valid profile, or one error per field at fault.
    pub fn validate(&self, this_year: i64) -> Result<StallProfileInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: &str, result: Result<(), &'static str>| {
            if let Err(code) = result {
                errors.push(FieldError::new(field, code));
            }
        };
        let name = text_between(&self.name, limits::NAME, false);
        check("name", name.as_ref().map(|_| ()).map_err(|e| *e));
        let org_kind = ORG_KINDS
            .into_iter()
            .find(|k| *k == self.org_kind.trim())
            .ok_or("invalid_choice");
        check("org_kind", org_kind.map(|_| ()));
        let sector = Sector::parse(self.sector_code.trim());
        check("sector_code", sector.map(|_| ()));
        let other_sectors = parse_other_sectors(&self.other_sectors, sector.ok());
        check(
            "other_sectors",
            other_sectors.as_ref().map(|_| ()).map_err(|e| *e),
        );
        let province = Province::parse(self.province_code.trim());
        check("province_code", province.map(|_| ()));
        let description = text_between(&self.description, limits::DESCRIPTION, true);
        check(
            "description",
            description.as_ref().map(|_| ()).map_err(|e| *e),
        );
        let address = text_between(&self.address, limits::ADDRESS, false);
        check("address", address.as_ref().map(|_| ()).map_err(|e| *e));
        let phone = parse_phone(&self.phone);
        check("phone", phone.as_ref().map(|_| ()).map_err(|e| *e));
        let email = if self.email.trim().is_empty() {
            Ok(None)
        } else {
            Email::parse(&self.email).map(Some)
        };
        check("email", email.as_ref().map(|_| ()).map_err(|e| *e));
        let website = parse_website(&self.website);
        check("website", website.as_ref().map(|_| ()).map_err(|e| *e));
        let contact_person = text_between(&self.contact_person, limits::CONTACT_PERSON, false);
        check(
            "contact_person",
            contact_person.as_ref().map(|_| ()).map_err(|e| *e),
        );
        let founded_year = parse_founded_year(&self.founded_year, this_year);
        check("founded_year", founded_year.map(|_| ()));
        let certifications = parse_certifications(&self.certifications);
        check(
            "certifications",
            certifications.as_ref().map(|_| ()).map_err(|e| *e),
        );
        match (
            name,
            org_kind,
            (sector, other_sectors),
            province,
            description,
            address,
            phone,
            email,
            website,
            contact_person,
            founded_year,
            certifications,
        ) {
            (
                Ok(name),
                Ok(org_kind),
                (Ok(sector), Ok(other_sectors)),
                Ok(province),
                Ok(description),
                Ok(address),
                Ok(phone),
                Ok(email),
                Ok(website),
                Ok(contact_person),
                Ok(founded_year),
                Ok(certifications),
            ) if errors.is_empty() => Ok(StallProfileInput {
                name,
                org_kind,
                sector,
                other_sectors,
                province,
                description,
                address,
                phone,
                email,
                website,
                contact_person,
                founded_year,
                certifications,
            }),
            _ => Err(errors),
        }
    }

    /// The form's fields as (name, typed value), to send back with errors.
    pub fn typed(&self) -> [(&'static str, &str); 13] {
        [
            ("name", &self.name),
            ("org_kind", &self.org_kind),
            ("sector_code", &self.sector_code),
            ("other_sectors", &self.other_sectors),
            ("province_code", &self.province_code),
            ("description", &self.description),
            ("address", &self.address),
            ("phone", &self.phone),
            ("email", &self.email),
            ("website", &self.website),
            ("contact_person", &self.contact_person),
            ("founded_year", &self.founded_year),
            ("certifications", &self.certifications),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> StallForm {
        StallForm {
            name: "  Công ty TNHH Cơ khí Tây Đô ".into(),
            org_kind: "company".into(),
            sector_code: "co-khi".into(),
            other_sectors: "nong-nghiep, co-khi,nong-nghiep".into(),
            province_code: "can-tho".into(),
            description: "Chế tạo máy sấy lúa, máy gặt đập liên hợp cho nông dân vùng ĐBSCL."
                .into(),
            address: "12 Trần Hưng Đạo, Ninh Kiều, Cần Thơ".into(),
            phone: "0292 3812 345".into(),
            email: "lienhe@taydo.vn".into(),
            website: "https://taydo.vn".into(),
            contact_person: "Nguyễn Văn Tây".into(),
            founded_year: "1998".into(),
            certifications: "ISO 9001, haccp,ISO 9001".into(),
        }
    }

    #[test]
    fn a_complete_form_is_accepted_and_tidied() {
        let stall = valid().validate(2026).unwrap();
        assert_eq!(stall.name, "Công ty TNHH Cơ khí Tây Đô");
        assert_eq!(stall.founded_year, Some(1998));
        assert_eq!(stall.certifications, ["ISO 9001", "haccp"]);
        assert_eq!(stall.website.as_deref(), Some("https://taydo.vn"));
        let others: Vec<&str> = stall.other_sectors.iter().map(|s| s.code()).collect();
        assert_eq!(
            others,
            ["nong-nghiep"],
            "the main sector and repeats dropped"
        );
    }

    #[test]
    fn other_sectors_are_known_and_few() {
        let main = Sector::parse("co-khi").ok();
        assert_eq!(parse_other_sectors("", main), Ok(vec![]));
        assert_eq!(
            parse_other_sectors("co-khi, bogus", main),
            Err("invalid_choice")
        );
        let five = "nong-nghiep,thuy-san,moi-truong,nang-luong,y-te";
        assert_eq!(parse_other_sectors(five, main), Err("too_many_sectors"));
        assert_eq!(
            parse_other_sectors(&format!("{five},y-te"), Sector::parse("y-te").ok())
                .map(|s| s.len()),
            Ok(limits::OTHER_SECTORS)
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = StallForm {
            name: "A".into(),
            org_kind: "gang".into(),
            sector_code: "nope".into(),
            description: "ngắn".into(),
            phone: "gọi tôi".into(),
            email: "x@".into(),
            website: "javascript:alert(1)".into(),
            founded_year: "3000".into(),
            ..valid()
        };
        let errors = form.validate(2026).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "org_kind",
                "sector_code",
                "description",
                "phone",
                "email",
                "website",
                "founded_year"
            ]
        );
    }

    #[test]
    fn phones_websites_and_years_follow_their_rules() {
        assert!(parse_phone("+84 292 3812 345").is_ok());
        assert_eq!(parse_phone("1234"), Err("too_short"));
        assert_eq!(parse_phone("0292-38-12-34-5+"), Err("invalid_phone"));
        assert_eq!(parse_website(""), Ok(None));
        assert_eq!(parse_website("taydo.vn"), Err("invalid_url"));
        assert_eq!(parse_website("https://tay do.vn"), Err("invalid_url"));
        assert_eq!(parse_founded_year("1899", 2026), Err("invalid_year"));
        assert_eq!(parse_founded_year(" ", 2026), Ok(None));
        assert_eq!(
            parse_certifications(&"A,".repeat(13)).map(|c| c.len()),
            Ok(1)
        );
        assert_eq!(
            parse_certifications("A,B,C,D,E,F,G,H,I,J,K,L,M"),
            Err("too_many")
        );
    }
}
