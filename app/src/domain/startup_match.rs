//! Projects meet investors: how well a published project fits an investor's focus, as a score
//! made of reasons a person understands — the supply–demand matching (`domain::matching`)
//! applied to projects.
//!
//! # The score
//!
//! ```text
//! score = Σ reasons' weights, each:
//!   sector        +3    a sector the investor focuses on; +1 when they name none (any)
//!   stage         +2    a stage they focus on; +0.5 when they name none
//!   ticket        +2    funding sought within their ticket size
//!                 −(over % ÷ 50), at most −3, when above their largest ticket
//!                 −1 when below their smallest
//!   province      +1.5  a province they focus on; +0.5 when they name none
//!   funding       +1    a kind of money they give: grants and prizes from public programmes,
//!                       equity and loans from angels, funds and corporates
//! ```
//!
//! A project outside the investor's named sectors or stages is no match at all, and neither is
//! one scoring under [`MIN_SCORE`].

use serde::{Deserialize, Serialize};

use super::matching::Reason;
use super::startup::{FundingKind, InvestorKind};

/// A project scoring less than this is no match.
pub const MIN_SCORE: f64 = 4.0;

/// Introductions an investor may ask for in 24 hours.
pub const INTRO_PER_DAY: i64 = 20;

/// The most characters of an introduction's message, or of a message in its conversation.
pub const MESSAGE_CHARS: usize = 2_000;

/// An investor's focus, as the score reads it; empty lists mean any.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Focus {
    pub kind: Option<InvestorKind>,
    pub sectors: Vec<String>,
    pub stages: Vec<String>,
    pub provinces: Vec<String>,
    pub ticket_min: i64,
    pub ticket_max: i64,
}

/// A project, as the score reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub sector: String,
    pub stage: String,
    pub province: String,
    pub funding_sought: i64,
    pub funding_kind: String,
}

fn reason(code: &str, weight: f64, detail: impl Into<String>) -> Reason {
    Reason {
        code: code.to_owned(),
        weight,
        detail: detail.into(),
    }
}

/// Whether an investor of `kind` gives money of kind `funding`.
fn gives(kind: InvestorKind, funding: FundingKind) -> bool {
    match kind {
        InvestorKind::Public => matches!(funding, FundingKind::Grant | FundingKind::Prize),
        InvestorKind::Angel | InvestorKind::Fund | InvestorKind::Corporate => {
            matches!(funding, FundingKind::Equity | FundingKind::Loan)
        }
    }
}

/// The project's score for the investor and its reasons, strongest first; `None` when it is no
/// match (outside a named sector or stage, or under [`MIN_SCORE`]).
pub fn score(focus: &Focus, project: &Facts) -> Option<(f64, Vec<Reason>)> {
    let mut reasons = Vec::new();
    if focus.sectors.is_empty() {
        reasons.push(reason("any_sector", 1.0, ""));
    } else if focus.sectors.contains(&project.sector) {
        reasons.push(reason("sector", 3.0, project.sector.as_str()));
    } else {
        return None;
    }
    if focus.stages.is_empty() {
        reasons.push(reason("any_stage", 0.5, ""));
    } else if focus.stages.contains(&project.stage) {
        reasons.push(reason("stage", 2.0, project.stage.as_str()));
    } else {
        return None;
    }
    let sought = project.funding_sought;
    if sought > focus.ticket_max && focus.ticket_max > 0 {
        let over = (sought - focus.ticket_max) as f64 * 100.0 / focus.ticket_max as f64;
        let over = over.round();
        reasons.push(reason(
            "ticket_over",
            -(over / 50.0).min(3.0),
            format!("{over}"),
        ));
    } else if sought < focus.ticket_min {
        reasons.push(reason("ticket_under", -1.0, ""));
    } else {
        reasons.push(reason("ticket", 2.0, ""));
    }
    if focus.provinces.is_empty() {
        reasons.push(reason("any_province", 0.5, ""));
    } else if focus.provinces.contains(&project.province) {
        reasons.push(reason("province_focus", 1.5, project.province.as_str()));
    }
    if let (Some(kind), Some(funding)) = (focus.kind, FundingKind::parse(&project.funding_kind))
        && gives(kind, funding)
    {
        reasons.push(reason("funding", 1.0, funding.code()));
    }
    let total: f64 = reasons.iter().map(|r| r.weight).sum();
    if total < MIN_SCORE {
        return None;
    }
    reasons.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    Some((total, reasons))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fund() -> Focus {
        Focus {
            kind: Some(InvestorKind::Fund),
            sectors: vec!["agriculture".into()],
            stages: vec!["pilot".into(), "revenue".into()],
            provinces: vec!["can-tho".into()],
            ticket_min: 500_000_000,
            ticket_max: 2_000_000_000,
        }
    }

    fn project() -> Facts {
        Facts {
            sector: "agriculture".into(),
            stage: "pilot".into(),
            province: "can-tho".into(),
            funding_sought: 1_000_000_000,
            funding_kind: "equity".into(),
        }
    }

    fn codes(reasons: &[Reason]) -> Vec<&str> {
        reasons.iter().map(|r| r.code.as_str()).collect()
    }

    #[test]
    fn a_project_in_every_focus_scores_every_reason() {
        let (total, reasons) = score(&fund(), &project()).unwrap();
        assert_eq!(total, 9.5);
        assert_eq!(
            codes(&reasons),
            ["sector", "stage", "ticket", "province_focus", "funding"]
        );
    }

    #[test]
    fn a_named_sector_or_stage_outside_the_focus_is_no_match() {
        let other_sector = Facts {
            sector: "energy".into(),
            ..project()
        };
        assert!(score(&fund(), &other_sector).is_none());
        let idea = Facts {
            stage: "idea".into(),
            ..project()
        };
        assert!(score(&fund(), &idea).is_none());
    }

    #[test]
    fn funding_above_the_ticket_counts_against_by_how_far() {
        let big = Facts {
            funding_sought: 3_000_000_000,
            ..project()
        };
        let (total, reasons) = score(&fund(), &big).unwrap();
        let over = reasons.iter().find(|r| r.code == "ticket_over").unwrap();
        assert_eq!(over.detail, "50");
        assert_eq!(over.weight, -1.0);
        assert_eq!(total, 6.5);
        // Far above: at most −3, and then too little is left.
        let huge = Facts {
            funding_sought: 50_000_000_000,
            province: "an-giang".into(),
            funding_kind: "grant".into(),
            ..project()
        };
        assert!(score(&fund(), &huge).is_none());
    }

    #[test]
    fn an_open_focus_matches_anything_less_strongly() {
        let open = Focus {
            kind: Some(InvestorKind::Public),
            ticket_min: 1_000_000,
            ticket_max: 5_000_000_000,
            ..Focus::default()
        };
        let grant = Facts {
            funding_kind: "grant".into(),
            ..project()
        };
        let (total, reasons) = score(&open, &grant).unwrap();
        assert_eq!(total, 5.0);
        assert_eq!(
            codes(&reasons),
            [
                "ticket",
                "any_sector",
                "funding",
                "any_stage",
                "any_province"
            ]
        );
        // Equity is not what a public programme gives: 4.0 still reaches the threshold.
        assert_eq!(score_of(&open, &project()), Some(4.0));
        let small = Facts {
            funding_sought: 500_000,
            ..project()
        };
        assert_eq!(score_of(&open, &small), None);
    }

    fn score_of(focus: &Focus, facts: &Facts) -> Option<f64> {
        score(focus, facts).map(|(s, _)| s)
    }
}
