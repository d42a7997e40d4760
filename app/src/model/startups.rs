//! What the startup pages show: projects as cards and on their own page, with the confidential
//! part only for investors who accepted its terms; the owners' list and editor; investor
//! profiles; what waits for a moderator.

use serde::{Deserialize, Serialize};

use super::Page;
use crate::domain::matching::Reason;
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// For an approved investor: how the project fits their focus (`None`: it does not), and
    /// the introduction they asked for, if any.
    pub fit: Option<(f64, Vec<Reason>)>,
    pub introduction: Option<StartupIntro>,
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
    /// Introductions asked of the member's projects, and asked by them as an investor.
    pub introductions: Vec<StartupIntro>,
    /// The member's projects' applications to calls.
    pub applications: Vec<OwnApplication>,
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
    /// Every traction figure, public and confidential: the moderator approves both.
    pub traction: Vec<Traction>,
    pub confidential_traction: Vec<Traction>,
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

/// A published project that fits an investor's focus, with its score and reasons, and the
/// status of the introduction the investor asked for, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectMatch {
    pub card: ProjectCard,
    pub score: f64,
    pub reasons: Vec<Reason>,
    pub introduction: Option<String>,
}

/// `/account/investor/matches`: the member's investor profile and, once approved, the
/// projects that fit it best, out of `considered` published ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvestorMatches {
    pub investor: Option<InvestorStatus>,
    pub matches: Vec<ProjectMatch>,
    pub considered: i64,
}

/// An introduction between an investor and a project, as one of its sides sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StartupIntro {
    pub id: i64,
    pub project_name: String,
    pub project_slug: String,
    pub investor_name: String,
    pub investor_slug: String,
    pub message: String,
    /// requested, accepted or declined.
    pub status: String,
    pub decline_reason: Option<String>,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    /// Whether the viewer is the investor (else one of the project's owners).
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub investor_side: bool,
}

/// A message of an introduction's conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntroMessage {
    pub id: i64,
    pub author: String,
    pub mine: bool,
    pub body: String,
    pub created_at: i64,
}

/// `/account/startups/introductions/{id}`: an introduction and, once accepted, its
/// conversation with the other side's contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntroThread {
    pub intro: StartupIntro,
    pub messages: Vec<IntroMessage>,
    /// The other side's name and e-mail, once accepted.
    pub contact: Option<(String, String)>,
}

/// A call for applications as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CallCard {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The fund or programme that opened it.
    pub funder: String,
    pub funder_slug: String,
    pub funder_kind: String,
    /// Applications are taken until this instant.
    pub deadline: i64,
    pub budget: Option<i64>,
    pub applications: i64,
}

/// `/startups/calls`: the calls open now (closing soonest first) and the closed ones (newest
/// first), and whether the member may open one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallsPage {
    pub open: Vec<CallCard>,
    pub closed: Vec<CallCard>,
    pub can_open: bool,
}

/// An application as its applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwnApplication {
    pub id: i64,
    pub call_title: String,
    pub call_slug: String,
    pub project_name: String,
    pub project_slug: String,
    /// received, reviewing, interview, funded or declined.
    pub status: String,
    pub decline_reason: Option<String>,
    pub created_at: i64,
    pub moved_at: i64,
}

/// `/startups/calls/{slug}`: a call, and for a member the projects they may apply with and
/// the applications they made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallPage {
    pub card: CallCard,
    pub description_html: String,
    pub eligibility: String,
    pub questions: Vec<String>,
    pub open: bool,
    pub signed_in: bool,
    /// The member's published projects that have not applied yet.
    pub projects: Vec<(i64, String)>,
    pub applied: Vec<OwnApplication>,
    /// Whether the member opened this call.
    pub funder: bool,
}

/// An application as the funder reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallApplication {
    pub id: i64,
    pub project_name: String,
    pub project_slug: String,
    pub presenter: String,
    pub status: String,
    pub decline_reason: Option<String>,
    pub created_at: i64,
    pub moved_at: i64,
    /// Each question with its answer.
    pub answers: Vec<(String, String)>,
}

/// `/account/calls/{id}`: a call's applications for the funder who opened it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallDesk {
    pub card: CallCard,
    pub applications: Vec<CallApplication>,
}

/// `/account/calls`: the calls the member's fund or programme opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnCalls {
    pub calls: Vec<CallCard>,
    pub can_open: bool,
}

/// The call form: `id` 0 for a new call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallEditor {
    pub id: i64,
    pub slug: String,
    pub form: crate::domain::funding_call::CallForm,
}

/// A mentor as the directory lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorCard {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub headline: String,
    pub hours_per_month: i64,
    /// Sessions scheduled this month.
    pub booked: i64,
    /// Taking requests and with hours left this month.
    pub available: bool,
    pub expertise: Vec<String>,
    pub sectors: Vec<String>,
    pub languages: Vec<String>,
}

/// What the mentor directory is narrowed to, as in its address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorQuery {
    #[serde(default)]
    pub expertise: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub language: String,
    /// "1": only mentors with hours left this month.
    #[serde(default)]
    pub available: String,
}

/// `/mentors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorsPage {
    pub query: MentorQuery,
    pub mentors: Vec<MentorCard>,
    /// Mentors in the network, whatever the filters.
    pub total: i64,
}

/// A mentoring session as one of its sides lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionItem {
    pub id: i64,
    pub mentor_name: String,
    pub mentor_slug: String,
    pub project_name: String,
    pub project_slug: String,
    pub topic: String,
    pub status: String,
    pub asked_for: i64,
    pub scheduled_at: Option<i64>,
    /// Whether the viewer is the mentor (else one of the project's owners).
    pub mentor_side: bool,
}

/// `/mentors/{slug}`: a mentor, and for a member the projects they may ask with and their
/// sessions with this mentor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorPage {
    pub card: MentorCard,
    pub bio_html: String,
    pub signed_in: bool,
    pub own: bool,
    pub projects: Vec<(i64, String)>,
    pub sessions: Vec<SessionItem>,
}

/// `/account/mentor`: the member's mentor profile form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorEditor {
    pub form: crate::domain::mentor::MentorForm,
    /// The profile's slug once it exists.
    pub slug: Option<String>,
}

/// `/account/mentoring`: the member's sessions as a mentor and as a project's owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentoring {
    pub mentor_slug: Option<String>,
    pub sessions: Vec<SessionItem>,
}

/// `/account/mentoring/{id}`: a session as one of its sides sees it, with the times proposed,
/// the other side's contact once scheduled, and the viewer's own private note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionPage {
    pub item: SessionItem,
    pub message: String,
    pub proposed: Vec<i64>,
    pub contact: Option<(String, String)>,
    pub note: String,
    /// The server's clock when it was read: which times are still ahead.
    pub now: i64,
}

/// An incubator programme as lists show it, with its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProgrammeCard {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub organiser: String,
    pub cohorts: i64,
    pub projects: i64,
    pub trainings: i64,
}

/// A cohort and its projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortView {
    pub id: i64,
    pub name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub projects: Vec<ProjectCard>,
}

/// A training course (an event) of a programme and the trainees it recorded: those checked in
/// at the door, or the attendance reported for courses held before the door was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TrainingCourse {
    pub slug: String,
    pub title: String,
    pub starts_at: i64,
    pub trainees: i64,
}

/// `/incubator/{slug}`: a programme, its current cohorts, its alumni (projects of cohorts that
/// ended), its training courses and their trainees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammePage {
    pub card: ProgrammeCard,
    pub description_html: String,
    pub current: Vec<CohortView>,
    pub past: Vec<CohortView>,
    pub trainings: Vec<TrainingCourse>,
    pub trainees: i64,
    /// Whether the viewer may edit it (an editor).
    pub can_edit: bool,
}

/// `/incubator`: the programmes, and whether the viewer may add one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammesPage {
    pub programmes: Vec<ProgrammeCard>,
    pub can_edit: bool,
}

/// The programme form and what it holds: `id` 0 for a new programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeEditor {
    pub id: i64,
    pub slug: String,
    pub form: crate::domain::incubator::ProgrammeForm,
    /// Its cohorts: id, name, and the projects' names.
    pub cohorts: Vec<(i64, String, Vec<String>)>,
    /// Its training courses' titles.
    pub trainings: Vec<String>,
}
