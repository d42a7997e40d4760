//! Startup projects and investors: what a member fills in to present a project or an investor
//! profile, the rules each must meet, and the checks on a pitch deck's bytes.

use serde::{Deserialize, Serialize};

use super::{Province, Sector, Slug, Vnd, text_between};
use crate::error::FieldError;

/// Limits: lengths in characters, then counts and amounts.
pub mod limits {
    pub const NAME: (usize, usize) = (3, 120);
    pub const PITCH: (usize, usize) = (10, 200);
    pub const DESCRIPTION: (usize, usize) = (50, 10_000);
    pub const TEAM: usize = 20;
    pub const TEAM_NAME: usize = 100;
    pub const TEAM_ROLE: usize = 100;
    pub const TRACTION: usize = 12;
    pub const TRACTION_LABEL: usize = 80;
    pub const TRACTION_VALUE: usize = 80;
    pub const ABOUT: (usize, usize) = (20, 4_000);
    pub const PORTFOLIO: usize = 2_000;
    /// The least funding worth asking for: one million đồng.
    pub const MIN_FUNDING: i64 = 1_000_000;
    /// The most: a thousand billion đồng. Above it an amount is a typing mistake (the city's
    /// funds invest billions, not trillions).
    pub const MAX_FUNDING: i64 = 1_000_000_000_000;
    /// The largest pitch deck taken: 20 MB.
    pub const DECK_BYTES: usize = 20 * 1024 * 1024;
}

/// Declares a closed set of codes stored as text, with its order, codes and parsing.
macro_rules! code_set {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

code_set! {
    /// How far a project has come.
    Stage {
        Idea = "idea",
        Prototype = "prototype",
        Pilot = "pilot",
        /// First revenue.
        Revenue = "revenue",
        Scaling = "scaling",
    }
}

code_set! {
    /// What kind of money a project seeks.
    FundingKind {
        Grant = "grant",
        Equity = "equity",
        Loan = "loan",
        Prize = "prize",
    }
}

code_set! {
    /// Who invests.
    InvestorKind {
        Angel = "angel",
        Fund = "fund",
        Corporate = "corporate",
        /// A public support programme, such as the city's programme for SMEs' innovation.
        Public = "public",
    }
}

/// Funding as typed: whole đồng from [`limits::MIN_FUNDING`] to [`limits::MAX_FUNDING`].
/// A minus sign is `funding_negative`; too little `funding_too_small`; too much
/// `funding_absurd`.
pub fn parse_funding(input: &str) -> Result<i64, &'static str> {
    if input.trim_start().starts_with('-') {
        return Err("funding_negative");
    }
    let amount = match Vnd::parse(input) {
        Ok(vnd) => vnd.amount(),
        Err("too_large") => return Err("funding_absurd"),
        Err(code) => return Err(code),
    };
    if amount < limits::MIN_FUNDING {
        Err("funding_too_small")
    } else if amount > limits::MAX_FUNDING {
        Err("funding_absurd")
    } else {
        Ok(amount)
    }
}

/// Funding raised so far: empty or 0 for none, else like [`parse_funding`] (without a least).
fn parse_raised(input: &str) -> Result<i64, &'static str> {
    if input.trim().is_empty() {
        return Ok(0);
    }
    if input.trim_start().starts_with('-') {
        return Err("funding_negative");
    }
    match Vnd::parse(input) {
        Ok(vnd) if vnd.amount() > limits::MAX_FUNDING => Err("funding_absurd"),
        Ok(vnd) => Ok(vnd.amount()),
        Err("too_large") => Err("funding_absurd"),
        Err(code) => Err(code),
    }
}

/// Whether `bytes` are a PDF file by their own first bytes (`%PDF-`, which PDF readers also
/// accept after up to 1,024 bytes of anything), whatever the file's name or declared type says.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// A team member: a name and a role, maybe the e-mail of their account on the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamLine {
    pub name: String,
    pub role: String,
    pub email: Option<String>,
}

/// A traction figure: what is measured and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TractionLine {
    pub label: String,
    pub value: String,
}

/// The project form exactly as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectForm {
    pub name: String,
    pub pitch: String,
    pub description: String,
    pub sector: String,
    pub province: String,
    pub stage: String,
    pub trl: String,
    pub funding_sought: String,
    pub funding_kind: String,
    #[serde(default)]
    pub funding_raised: String,
    #[serde(default)]
    pub video_url: String,
    /// One member a line: `name | role`, with `| e-mail` to link their account.
    #[serde(default)]
    pub team: String,
    /// One figure a line: `what: value`, shown to everyone.
    #[serde(default)]
    pub traction: String,
    /// The same, shown only to investors who accepted the terms.
    #[serde(default)]
    pub traction_confidential: String,
    /// The stall it is presented for; empty: the member's own.
    #[serde(default)]
    pub stall: String,
}

/// A project whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectInput {
    pub name: String,
    pub slug: String,
    pub pitch: String,
    pub description: String,
    pub sector: &'static str,
    pub province: &'static str,
    pub stage: Stage,
    pub trl: i64,
    pub funding_sought: i64,
    pub funding_kind: FundingKind,
    pub funding_raised: i64,
    /// A YouTube video's id.
    pub video: Option<String>,
    pub team: Vec<TeamLine>,
    pub traction: Vec<TractionLine>,
    pub traction_confidential: Vec<TractionLine>,
    pub stall: Option<i64>,
}

impl ProjectForm {
    /// Every field as typed, by form name, to refill the form.
    pub fn typed(&self) -> [(&'static str, &str); 15] {
        [
            ("name", &self.name),
            ("pitch", &self.pitch),
            ("description", &self.description),
            ("sector", &self.sector),
            ("province", &self.province),
            ("stage", &self.stage),
            ("trl", &self.trl),
            ("funding_sought", &self.funding_sought),
            ("funding_kind", &self.funding_kind),
            ("funding_raised", &self.funding_raised),
            ("video_url", &self.video_url),
            ("team", &self.team),
            ("traction", &self.traction),
            ("traction_confidential", &self.traction_confidential),
            ("stall", &self.stall),
        ]
    }

    /// Checks every field; each fault is reported against its field.
    pub fn validate(&self) -> Result<ProjectInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = check(
            &mut errors,
            "name",
            text_between(&self.name, limits::NAME, false),
        );
        let pitch = check(
            &mut errors,
            "pitch",
            text_between(&self.pitch, limits::PITCH, false),
        );
        let description = check(
            &mut errors,
            "description",
            text_between(&self.description, limits::DESCRIPTION, true),
        );
        let sector = check(
            &mut errors,
            "sector",
            required(&self.sector).and_then(|c| Sector::parse(c).map(Sector::code)),
        );
        let province = check(
            &mut errors,
            "province",
            required(&self.province).and_then(|c| Province::parse(c).map(Province::code)),
        );
        let stage = check(
            &mut errors,
            "stage",
            required(&self.stage).and_then(|c| Stage::parse(c).ok_or("invalid_choice")),
        );
        let trl = check(
            &mut errors,
            "trl",
            required(&self.trl).and_then(|t| {
                t.parse::<i64>()
                    .ok()
                    .filter(|t| (1..=9).contains(t))
                    .ok_or("invalid_trl")
            }),
        );
        let funding_sought = check(
            &mut errors,
            "funding_sought",
            parse_funding(&self.funding_sought),
        );
        let funding_kind = check(
            &mut errors,
            "funding_kind",
            required(&self.funding_kind)
                .and_then(|c| FundingKind::parse(c).ok_or("invalid_choice")),
        );
        let funding_raised = check(
            &mut errors,
            "funding_raised",
            parse_raised(&self.funding_raised),
        );
        let video = check(
            &mut errors,
            "video_url",
            super::video::parse_youtube(&self.video_url),
        );
        let team = check(&mut errors, "team", parse_team(&self.team));
        let traction = check(&mut errors, "traction", parse_traction(&self.traction));
        let traction_confidential = check(
            &mut errors,
            "traction_confidential",
            parse_traction(&self.traction_confidential),
        );
        let stall = check(
            &mut errors,
            "stall",
            match self.stall.trim() {
                "" => Ok(None),
                id => id.parse::<i64>().map(Some).map_err(|_| "invalid_choice"),
            },
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let name = name.unwrap_or_default();
        Ok(ProjectInput {
            slug: Slug::from_title(&name).as_str().to_owned(),
            name,
            pitch: pitch.unwrap_or_default(),
            description: description.unwrap_or_default(),
            sector: sector.unwrap_or_default(),
            province: province.unwrap_or_default(),
            stage: stage.unwrap_or(Stage::Idea),
            trl: trl.unwrap_or(1),
            funding_sought: funding_sought.unwrap_or_default(),
            funding_kind: funding_kind.unwrap_or(FundingKind::Grant),
            funding_raised: funding_raised.unwrap_or_default(),
            video: video.flatten(),
            team: team.unwrap_or_default(),
            traction: traction.unwrap_or_default(),
            traction_confidential: traction_confidential.unwrap_or_default(),
            stall: stall.flatten(),
        })
    }
}

/// The team, one member a line: `name | role` or `name | role | e-mail`; at least one.
pub fn parse_team(input: &str) -> Result<Vec<TeamLine>, &'static str> {
    let mut team = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.split('|').map(str::trim);
        let (Some(name), Some(role)) = (parts.next(), parts.next()) else {
            return Err("invalid_team");
        };
        let email = parts.next().filter(|e| !e.is_empty());
        if parts.next().is_some() || name.is_empty() || role.is_empty() {
            return Err("invalid_team");
        }
        let name = text_between(name, (1, limits::TEAM_NAME), false)?;
        let role = text_between(role, (1, limits::TEAM_ROLE), false)?;
        let email = match email {
            Some(e) => Some(
                super::Email::parse(e)
                    .map_err(|_| "invalid_team")?
                    .as_str()
                    .to_owned(),
            ),
            None => None,
        };
        team.push(TeamLine { name, role, email });
    }
    match team.len() {
        0 => Err("required"),
        n if n > limits::TEAM => Err("too_many"),
        _ => Ok(team),
    }
}

/// Traction figures, one a line: `what: value` (or `what | value`); none is fine.
pub fn parse_traction(input: &str) -> Result<Vec<TractionLine>, &'static str> {
    let mut figures = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (label, value) = line
            .split_once('|')
            .or_else(|| line.split_once(':'))
            .ok_or("invalid_traction")?;
        let (label, value) = (label.trim(), value.trim());
        if label.is_empty() || value.is_empty() {
            return Err("invalid_traction");
        }
        figures.push(TractionLine {
            label: text_between(label, (1, limits::TRACTION_LABEL), false)?,
            value: text_between(value, (1, limits::TRACTION_VALUE), false)?,
        });
    }
    if figures.len() > limits::TRACTION {
        return Err("too_many");
    }
    Ok(figures)
}

/// The team as the form shows it, one member a line.
pub fn team_text(team: &[TeamLine]) -> String {
    team.iter()
        .map(|m| match &m.email {
            Some(email) => format!("{} | {} | {email}", m.name, m.role),
            None => format!("{} | {}", m.name, m.role),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Traction figures as the form shows them.
pub fn traction_text(figures: &[TractionLine]) -> String {
    figures
        .iter()
        .map(|f| format!("{}: {}", f.label, f.value))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The investor form exactly as submitted. Focus lists hold codes; none means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvestorForm {
    pub kind: String,
    pub name: String,
    pub about: String,
    pub ticket_min: String,
    pub ticket_max: String,
    #[serde(default)]
    pub portfolio: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub sectors: Vec<String>,
    #[serde(default)]
    pub stages: Vec<String>,
    #[serde(default)]
    pub provinces: Vec<String>,
}

/// An investor profile whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvestorInput {
    pub kind: InvestorKind,
    pub name: String,
    pub slug: String,
    pub about: String,
    pub ticket_min: i64,
    pub ticket_max: i64,
    pub portfolio: String,
    pub website: Option<String>,
    pub sectors: Vec<&'static str>,
    pub stages: Vec<Stage>,
    pub provinces: Vec<&'static str>,
}

impl InvestorForm {
    /// Every field as typed, by form name (focus lists comma-separated).
    pub fn typed(&self) -> Vec<(&'static str, String)> {
        vec![
            ("kind", self.kind.clone()),
            ("name", self.name.clone()),
            ("about", self.about.clone()),
            ("ticket_min", self.ticket_min.clone()),
            ("ticket_max", self.ticket_max.clone()),
            ("portfolio", self.portfolio.clone()),
            ("website", self.website.clone()),
            ("sectors", self.sectors.join(",")),
            ("stages", self.stages.join(",")),
            ("provinces", self.provinces.join(",")),
        ]
    }

    /// Checks every field; each fault is reported against its field.
    pub fn validate(&self) -> Result<InvestorInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = check(
            &mut errors,
            "kind",
            required(&self.kind).and_then(|c| InvestorKind::parse(c).ok_or("invalid_choice")),
        );
        let name = check(
            &mut errors,
            "name",
            text_between(&self.name, limits::NAME, false),
        );
        let about = check(
            &mut errors,
            "about",
            text_between(&self.about, limits::ABOUT, true),
        );
        let ticket_min = check(&mut errors, "ticket_min", parse_funding(&self.ticket_min));
        let ticket_max = check(&mut errors, "ticket_max", parse_funding(&self.ticket_max));
        if let (Some(min), Some(max)) = (ticket_min, ticket_max)
            && max < min
        {
            errors.push(FieldError::new("ticket_max", "budget_order"));
        }
        let portfolio = check(
            &mut errors,
            "portfolio",
            text_between(&self.portfolio, (0, limits::PORTFOLIO), true),
        );
        let website = check(
            &mut errors,
            "website",
            match self.website.trim() {
                "" => Ok(None),
                url if (url.starts_with("https://") || url.starts_with("http://"))
                    && url.len() <= 300
                    && !url.contains(char::is_whitespace) =>
                {
                    Ok(Some(url.to_owned()))
                }
                _ => Err("invalid_url"),
            },
        );
        let sectors = check(
            &mut errors,
            "sectors",
            self.sectors
                .iter()
                .map(|c| Sector::parse(c).map(Sector::code))
                .collect(),
        );
        let stages = check(
            &mut errors,
            "stages",
            self.stages
                .iter()
                .map(|c| Stage::parse(c).ok_or("invalid_choice"))
                .collect(),
        );
        let provinces = check(
            &mut errors,
            "provinces",
            self.provinces
                .iter()
                .map(|c| Province::parse(c).map(Province::code))
                .collect(),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let name = name.unwrap_or_default();
        Ok(InvestorInput {
            kind: kind.unwrap_or(InvestorKind::Angel),
            slug: Slug::from_title(&name).as_str().to_owned(),
            name,
            about: about.unwrap_or_default(),
            ticket_min: ticket_min.unwrap_or_default(),
            ticket_max: ticket_max.unwrap_or_default(),
            portfolio: portfolio.unwrap_or_default(),
            website: website.flatten(),
            sectors: dedup(sectors.unwrap_or_default()),
            stages: dedup(stages.unwrap_or_default()),
            provinces: dedup(provinces.unwrap_or_default()),
        })
    }
}

fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

pub(super) fn required(input: &str) -> Result<&str, &'static str> {
    match input.trim() {
        "" => Err("required"),
        text => Ok(text),
    }
}

pub(super) fn check<T>(
    errors: &mut Vec<FieldError>,
    field: &str,
    result: Result<T, &'static str>,
) -> Option<T> {
    result
        .map_err(|code| errors.push(FieldError::new(field, code)))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ProjectForm {
        ProjectForm {
            name: "Máy sấy lúa năng lượng mặt trời".into(),
            pitch: "Sấy lúa sau thu hoạch bằng nắng, giảm hao hụt 8%".into(),
            description:
                "Một máy sấy dùng nhiệt mặt trời và quạt điện nhỏ, thử nghiệm ở hai hợp tác xã."
                    .into(),
            sector: "nong-nghiep".into(),
            province: "can-tho".into(),
            stage: "pilot".into(),
            trl: "6".into(),
            funding_sought: "2.500.000.000".into(),
            funding_kind: "equity".into(),
            team: "Nguyễn Văn An | Sáng lập\nTrần Thị Bình | Kỹ sư | binh@example.vn".into(),
            traction: "Hợp tác xã dùng thử: 2".into(),
            traction_confidential: "Doanh thu 2025 | 1,2 tỷ".into(),
            ..ProjectForm::default()
        }
    }

    #[test]
    fn a_complete_project_form_becomes_a_project() {
        let input = form().validate().expect("valid");
        assert_eq!(input.slug, "may-say-lua-nang-luong-mat-troi");
        assert_eq!(input.stage, Stage::Pilot);
        assert_eq!(input.funding_sought, 2_500_000_000);
        assert_eq!(input.team.len(), 2);
        assert_eq!(input.team[1].email.as_deref(), Some("binh@example.vn"));
        assert_eq!(input.traction_confidential[0].value, "1,2 tỷ");
        assert_eq!(input.funding_raised, 0);
    }

    #[test]
    fn funding_that_is_negative_tiny_or_absurd_is_refused_by_name() {
        assert_eq!(parse_funding("-5000000"), Err("funding_negative"));
        assert_eq!(parse_funding(" -1"), Err("funding_negative"));
        assert_eq!(parse_funding("500"), Err("funding_too_small"));
        assert_eq!(parse_funding("0"), Err("funding_too_small"));
        assert_eq!(parse_funding("2000000000000"), Err("funding_absurd"));
        assert_eq!(
            parse_funding("99999999999999999999999"),
            Err("funding_absurd")
        );
        assert_eq!(parse_funding("abc"), Err("not_a_number"));
        assert_eq!(parse_funding(""), Err("required"));
        assert_eq!(parse_funding("1.000.000 ₫"), Ok(1_000_000));
    }

    #[test]
    fn every_fault_of_a_project_is_reported_at_once() {
        let bad = ProjectForm {
            name: "x".into(),
            stage: "unicorn".into(),
            trl: "10".into(),
            funding_sought: "-1".into(),
            team: "Only a name".into(),
            traction: "no separator".into(),
            video_url: "https://vimeo.com/1".into(),
            ..form()
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("name", "too_short"),
                ("stage", "invalid_choice"),
                ("trl", "invalid_trl"),
                ("funding_sought", "funding_negative"),
                ("video_url", "invalid_youtube"),
                ("team", "invalid_team"),
                ("traction", "invalid_traction"),
            ]
        );
    }

    #[test]
    fn a_pdf_is_known_by_its_bytes_not_its_name() {
        assert!(is_pdf(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"));
        assert!(is_pdf(b"\xef\xbb\xbf%PDF-1.4"));
        assert!(!is_pdf(b"\x89PNG\r\n\x1a\n"));
        assert!(!is_pdf(b"PK\x03\x04 deck.pptx"));
        assert!(!is_pdf(b""));
        let mut late = vec![b' '; 1030];
        late.extend_from_slice(b"%PDF-1.4");
        assert!(!is_pdf(&late));
    }

    #[test]
    fn team_and_traction_read_back_as_typed() {
        let team = parse_team("A | B\n\n C|D|c@d.vn ").unwrap();
        assert_eq!(team_text(&team), "A | B\nC | D | c@d.vn");
        assert_eq!(parse_team("\n"), Err("required"));
        let figures = parse_traction("Khách hàng: 120\nDoanh thu | 3 tỷ").unwrap();
        assert_eq!(traction_text(&figures), "Khách hàng: 120\nDoanh thu: 3 tỷ");
    }

    #[test]
    fn an_investor_ticket_must_run_upwards() {
        let form = InvestorForm {
            kind: "fund".into(),
            name: "Quỹ Đầu tư Khởi nghiệp Cần Thơ".into(),
            about: "Quỹ của thành phố đầu tư vào khởi nghiệp sáng tạo.".into(),
            ticket_min: "5.000.000.000".into(),
            ticket_max: "1.000.000.000".into(),
            sectors: vec!["nong-nghiep".into(), "nong-nghiep".into()],
            ..InvestorForm::default()
        };
        let errors = form.clone().validate().unwrap_err();
        assert_eq!(errors, [FieldError::new("ticket_max", "budget_order")]);
        let fixed = InvestorForm {
            ticket_max: "20.000.000.000".into(),
            ..form
        }
        .validate()
        .unwrap();
        assert_eq!(fixed.sectors, ["nong-nghiep"]);
        assert_eq!(fixed.kind, InvestorKind::Fund);
    }
}
