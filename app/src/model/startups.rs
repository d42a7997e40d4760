//! What the startup pages show: projects as cards and on their own page, with the confidential
//! part only for investors who accepted its terms; the owners' list and editor; investor
//! profiles; what waits for a moderator.

use serde::{Deserialize, Serialize};

use super::Page;
use crate::domain::startup::{InvestorForm, ProjectForm};

/// A published project as the showcase lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProjectCard {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub pitch: String,
    pub sector_code: String,
    pub province_code: String,
    pub stage: String,
    pub trl: i64,
    pub funding_sought: i64,
    pub funding_kind: String,
    pub funding_raised: i64,
    pub cover_thumb: Option<String>,
    /// The stall's name, or the member's.
    pub presenter: String,
    pub stall_slug: Option<String>,
    pub published_at: Option<i64>,
}

/// What the showcase is narrowed to, as in its address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub funding: String,
    #[serde(default)]
    pub province: String,
    #[serde(default = "first_page")]
    pub page: u32,
}

fn first_page() -> u32 {
    1
}

/// `/startups`: a page of projects and what narrowed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartupsPage {
    pub query: ProjectQuery,
    pub projects: Page<ProjectCard>,
    /// Published projects in all, and investors approved.
    pub all_projects: i64,
    pub investors: i64,
    /// The words a search settled on, to highlight.
    pub terms: Vec<String>,
}

/// A team member on a project's page; `member` is the linked account's display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProjectTeamMember {
    pub name: String,
    pub role: String,
    pub member: Option<String>,
}

/// A traction figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Traction {
    pub label: String,
    pub value: String,
}

/// Where the viewer stands towards a project's confidential part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// Not signed in.
    Visitor,
    /// A member without an investor profile.
    Member,
    /// An investor whose profile waits for (or was refused) approval.
    UnapprovedInvestor,
    /// An approved investor who has not accepted this project's terms.
    Investor,
    /// An approved investor who accepted them: sees everything.
    Accepted,
    /// One of the project's owners.
    Owner,
}

impl Standing {
    /// Whether the confidential part is shown.
    pub fn sees_confidential(self) -> bool {
        matches!(self, Self::Accepted | Self::Owner)
    }
}

/// One look at a project's confidential material, as its owners see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ConfidentialView {
    pub investor: String,
    pub investor_slug: Option<String>,
    pub what: String,
    pub viewed_at: i64,
}

/// `/startups/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectPage {
    pub card: ProjectCard,
    pub description_html: String,
    pub video: Option<String>,
    pub cover_key: Option<String>,
    pub status: String,
    pub team: Vec<ProjectTeamMember>,
    pub traction: Vec<Traction>,
    /// Shown only when [`Standing::sees_confidential`]; else empty.
    pub confidential: Vec<Traction>,
    /// How many confidential figures there are (told to everyone).
    pub confidential_count: i64,
    pub has_deck: bool,
    pub deck_bytes: Option<i64>,
    pub standing: Standing,
    /// When the viewer accepted the terms.
    pub accepted_at: Option<i64>,
    /// The owners' view: who looked at the confidential material, newest first.
    pub views: Vec<ConfidentialView>,
}

/// A project in its owner's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwnProject {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub review_note: Option<String>,
    pub updated_at: i64,
    pub confidential_views: i64,
}

/// `/account/startups`: the member's projects and investor profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnStartups {
    pub projects: Vec<OwnProject>,
    pub investor: Option<InvestorStatus>,
}

/// An investor profile's review, as its member sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InvestorStatus {
    pub slug: String,
    pub name: String,
    pub status: String,
    pub review_note: Option<String>,
}

/// `/account/startups/new` and `/account/startups/{id}/edit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectEditor {
    /// 0 for a new project.
    pub id: i64,
    pub slug: String,
    pub form: ProjectForm,
    pub status: String,
    pub review_note: Option<String>,
    /// The stalls the member may present it for: id and name.
    pub stalls: Vec<(i64, String)>,
    pub cover_key: Option<String>,
    pub deck_bytes: Option<i64>,
}

/// `/account/investor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvestorEditor {
    pub form: InvestorForm,
    pub status: Option<InvestorStatus>,
}

/// An approved investor as the directory and matching show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvestorCard {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub name: String,
    pub about: String,
    pub ticket_min: i64,
    pub ticket_max: i64,
    pub portfolio: String,
    pub website: Option<String>,
    pub sectors: Vec<String>,
    pub stages: Vec<String>,
    pub provinces: Vec<String>,
}

/// `/startups/investors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvestorsPage {
    pub investors: Vec<InvestorCard>,
}

/// A project waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingProject {
    pub card: ProjectCard,
    pub description_html: String,
    pub team: Vec<ProjectTeamMember>,
    pub has_deck: bool,
    pub submitted_at: i64,
    pub fingerprint: String,
}

/// An investor profile waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvestor {
    pub card: InvestorCard,
    pub member: String,
    pub member_email: String,
    pub submitted_at: i64,
    pub fingerprint: String,
}
