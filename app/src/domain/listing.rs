//! What a seller or buyer fills in to post an offer to sell (*chào bán*) or a request to buy
//! (*tìm mua*), and the rules it must meet. Browser hints and server checks both come from here.

use serde::{Deserialize, Serialize};

use super::stall::{parse_certifications, parse_phone, text_between};
use super::{Email, Province, Sector, Vnd};
use crate::error::FieldError;

/// Offer or request.
pub const KINDS: [&str; 2] = ["offer", "request"];
/// What is offered or sought.
pub const LISTING_TYPES: [&str; 4] = ["technology", "equipment", "product", "service"];
/// State of equipment and products.
pub const CONDITIONS: [&str; 2] = ["new", "used"];
/// Intellectual property protecting a technology.
pub const IP_KINDS: [&str; 5] = [
    "none",
    "patent",
    "utility_solution",
    "industrial_design",
    "trade_secret",
];
/// How a technology changes hands.
pub const TRANSFER_MODES: [&str; 4] = ["sale", "licence", "joint_venture", "consulting"];

/// Length and range limits.
/// A whole quantity as people type it ("1.000", "1,000", "1 000"), from 1 to `max`.
pub fn parse_quantity(text: &str, max: i64) -> Option<i64> {
    text.trim()
        .replace(['.', ',', ' '], "")
        .parse::<i64>()
        .ok()
        .filter(|q| (1..=max).contains(q))
}

pub mod limits {
    pub const TITLE: (usize, usize) = (10, 150);
    pub const SUMMARY: (usize, usize) = (20, 300);
    pub const DESCRIPTION: (usize, usize) = (0, 20_000);
    pub const SHORT_TEXT: (usize, usize) = (0, 100);
    pub const UNIT: (usize, usize) = (0, 20);
    pub const IP_NUMBER: (usize, usize) = (0, 50);
    pub const SELLER_NAME: (usize, usize) = (2, 100);
    pub const MAX_QUANTITY: i64 = 1_000_000_000;
    /// A listing is shown at most this long before it must be renewed.
    pub const MAX_DAYS: i64 = 365;
    /// Days shown when no expiry date is given.
    pub const DEFAULT_DAYS: i64 = 90;
    pub const REJECTION_REASON: (usize, usize) = (5, 500);
    /// Longest text kept in any one field of an incomplete draft (the description has its own).
    pub const DRAFT_FIELD: usize = 2_000;
    /// Pictures one listing may have.
    pub const IMAGES: usize = 8;
    /// Largest picture file accepted, in megabytes.
    pub const IMAGE_MB: usize = 10;
}

/// The listing form exactly as submitted. Check boxes arrive as `Some("on")` when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingForm {
    pub kind: String,
    pub listing_type: String,
    /// A stall's id, or empty for an independent seller.
    pub stall_id: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub sector_code: String,
    pub province_code: String,
    pub price_vnd: String,
    pub negotiable: Option<String>,
    pub budget_min_vnd: String,
    pub budget_max_vnd: String,
    pub quantity: String,
    pub unit: String,
    pub condition: String,
    pub origin_country: String,
    pub manufacturer: String,
    pub warranty: String,
    pub trl: String,
    pub ip_kind: String,
    pub ip_number: String,
    pub certifications: String,
    pub transfer_sale: Option<String>,
    pub transfer_licence: Option<String>,
    pub transfer_joint_venture: Option<String>,
    pub transfer_consulting: Option<String>,
    /// `YYYY-MM-DD`, as a date input sends it.
    pub expires_on: String,
    pub seller_name: String,
    pub seller_phone: String,
    pub seller_email: String,
}

/// A listing whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingInput {
    pub kind: &'static str,
    pub listing_type: &'static str,
    pub stall_id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub sector: Sector,
    pub province: Province,
    /// `None`: negotiable (offers) or no figure.
    pub price_vnd: Option<i64>,
    pub budget_min_vnd: Option<i64>,
    pub budget_max_vnd: Option<i64>,
    pub quantity: Option<i64>,
    pub unit: String,
    pub condition: &'static str,
    pub origin_country: String,
    pub manufacturer: String,
    pub warranty: String,
    pub trl: Option<i64>,
    pub ip_kind: &'static str,
    pub ip_number: String,
    pub certifications: Vec<String>,
    pub transfer_modes: Vec<&'static str>,
    /// Days since 1970-01-01 of the last day shown, if the poster chose one.
    pub expires_on_day: Option<i64>,
    pub seller_name: String,
    pub seller_phone: String,
    pub seller_email: Option<Email>,
}

fn choice(
    value: &str,
    options: &[&'static str],
    optional: bool,
) -> Result<&'static str, &'static str> {
    let value = value.trim();
    if value.is_empty() && optional {
        return Ok("");
    }
    options
        .iter()
        .copied()
        .find(|o| *o == value)
        .ok_or(if value.is_empty() {
            "required"
        } else {
            "invalid_choice"
        })
}

fn optional_money(input: &str) -> Result<Option<i64>, &'static str> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        Vnd::parse(input).map(|v| Some(v.amount()))
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub fn parse_date(input: &str) -> Result<i64, &'static str> {
    let mut parts = input.trim().splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("invalid_date");
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i64>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err("invalid_date");
    };
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return Err("invalid_date"),
    };
    if !(1970..=9999).contains(&y) || d == 0 || d > days_in_month {
        return Err("invalid_date");
    }
    Ok(super::time::days_from_civil(y, m, d))
}

impl ListingForm {
    /// Checks every field at once. `today` is the day (since 1970-01-01, Vietnam time) the form
    /// is checked on; `independent` says the poster has no stall selected.
    pub fn validate(&self, today: i64) -> Result<ListingInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        macro_rules! field {
            ($name:literal, $result:expr) => {
                match $result {
                    Ok(value) => Some(value),
                    Err(code) => {
                        errors.push(FieldError::new($name, code));
                        None
                    }
                }
            };
        }
        let kind = field!("kind", choice(&self.kind, &KINDS, false));
        let listing_type = field!(
            "listing_type",
            choice(&self.listing_type, &LISTING_TYPES, false)
        );
        let stall_id = field!(
            "stall_id",
            match self.stall_id.trim() {
                "" => Ok(None),
                id => id.parse::<i64>().map(Some).map_err(|_| "invalid_choice"),
            }
        );
        let title = field!("title", text_between(&self.title, limits::TITLE, false));
        let summary = field!(
            "summary",
            text_between(&self.summary, limits::SUMMARY, false)
        );
        let description = field!(
            "description",
            text_between(&self.description, limits::DESCRIPTION, true)
        );
        let sector = field!("sector_code", Sector::parse(self.sector_code.trim()));
        let province = field!("province_code", Province::parse(self.province_code.trim()));
        let is_request = kind == Some("request");
        let negotiable = self.negotiable.is_some();
        let price_vnd = field!(
            "price_vnd",
            if is_request || (negotiable && self.price_vnd.trim().is_empty()) {
                Ok(None)
            } else if negotiable {
                Err("price_or_negotiable")
            } else {
                optional_money(&self.price_vnd)
                    .and_then(|p| p.ok_or("price_or_negotiable").map(Some))
            }
        );
        let budget_min = field!(
            "budget_min_vnd",
            if is_request {
                optional_money(&self.budget_min_vnd)
            } else {
                Ok(None)
            }
        );
        let budget_max = field!(
            "budget_max_vnd",
            if is_request {
                optional_money(&self.budget_max_vnd)
            } else {
                Ok(None)
            }
            .and_then(|max| {
                match (budget_min.flatten(), max) {
                    (Some(min), Some(max)) if max < min => Err("budget_order"),
                    _ => Ok(max),
                }
            })
        );
        let quantity = field!(
            "quantity",
            match self.quantity.trim() {
                "" => Ok(None),
                q => parse_quantity(q, limits::MAX_QUANTITY)
                    .map(Some)
                    .ok_or("invalid_quantity"),
            }
        );
        let unit = field!("unit", text_between(&self.unit, limits::UNIT, false));
        let condition = field!("condition", choice(&self.condition, &CONDITIONS, true));
        let origin_country = field!(
            "origin_country",
            text_between(&self.origin_country, limits::SHORT_TEXT, false)
        );
        let manufacturer = field!(
            "manufacturer",
            text_between(&self.manufacturer, limits::SHORT_TEXT, false)
        );
        let warranty = field!(
            "warranty",
            text_between(&self.warranty, limits::SHORT_TEXT, false)
        );
        let trl = field!(
            "trl",
            match self.trl.trim() {
                "" => Ok(None),
                t => t
                    .parse::<i64>()
                    .ok()
                    .filter(|t| (1..=9).contains(t))
                    .map(Some)
                    .ok_or("invalid_trl"),
            }
        );
        let ip_kind = field!("ip_kind", choice(&self.ip_kind, &IP_KINDS, true));
        let ip_number = field!(
            "ip_number",
            text_between(&self.ip_number, limits::IP_NUMBER, false)
        );
        let certifications = field!("certifications", parse_certifications(&self.certifications));
        let transfer_modes: Vec<&'static str> = [
            (&self.transfer_sale, "sale"),
            (&self.transfer_licence, "licence"),
            (&self.transfer_joint_venture, "joint_venture"),
            (&self.transfer_consulting, "consulting"),
        ]
        .into_iter()
        .filter(|(ticked, _)| ticked.is_some())
        .map(|(_, mode)| mode)
        .collect();
        let expires_on_day = field!(
            "expires_on",
            match self.expires_on.trim() {
                "" => Ok(None),
                d => parse_date(d).and_then(|day| {
                    if day < today {
                        Err("date_in_past")
                    } else if day > today + limits::MAX_DAYS {
                        Err("date_too_far")
                    } else {
                        Ok(Some(day))
                    }
                }),
            }
        );
        // An independent seller's contact details are on the listing itself.
        let independent = stall_id == Some(None);
        let seller_name = field!(
            "seller_name",
            if independent {
                text_between(&self.seller_name, limits::SELLER_NAME, false)
            } else {
                Ok(String::new())
            }
        );
        let seller_phone = field!(
            "seller_phone",
            if independent {
                parse_phone(&self.seller_phone)
            } else {
                Ok(String::new())
            }
        );
        let seller_email = field!(
            "seller_email",
            if !independent || self.seller_email.trim().is_empty() {
                Ok(None)
            } else {
                Email::parse(&self.seller_email).map(Some)
            }
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ListingInput {
            kind: kind.expect("checked above"),
            listing_type: listing_type.expect("checked above"),
            stall_id: stall_id.expect("checked above"),
            title: title.expect("checked above"),
            summary: summary.expect("checked above"),
            description: description.expect("checked above"),
            sector: sector.expect("checked above"),
            province: province.expect("checked above"),
            price_vnd: price_vnd.expect("checked above"),
            budget_min_vnd: budget_min.expect("checked above"),
            budget_max_vnd: budget_max.expect("checked above"),
            quantity: quantity.expect("checked above"),
            unit: unit.expect("checked above"),
            condition: condition.expect("checked above"),
            origin_country: origin_country.expect("checked above"),
            manufacturer: manufacturer.expect("checked above"),
            warranty: warranty.expect("checked above"),
            trl: trl.expect("checked above"),
            ip_kind: ip_kind.expect("checked above"),
            ip_number: ip_number.expect("checked above"),
            certifications: certifications.expect("checked above"),
            transfer_modes,
            expires_on_day: expires_on_day.expect("checked above"),
            seller_name: seller_name.expect("checked above"),
            seller_phone: seller_phone.expect("checked above"),
            seller_email: seller_email.expect("checked above"),
        })
    }

    /// Of the full check's `problems`, those that keep the form from being kept as an incomplete
    /// draft: a draft needs a title, and nothing in it may be too long or hold control
    /// characters. Whatever else is missing or wrong waits for the draft to be sent for review.
    pub fn draft_blockers(&self, problems: &[FieldError]) -> Vec<FieldError> {
        let mut blockers: Vec<FieldError> = problems
            .iter()
            .filter(|e| {
                matches!(e.code.as_str(), "too_long" | "invalid_characters")
                    || (e.field == "title" && e.code == "required")
            })
            .cloned()
            .collect();
        // Fields whose check does not run for this kind (a budget on an offer) or that parse
        // numbers are still stored as typed: bound them too.
        for (field, value) in self.typed() {
            let limit = if field == "description" {
                limits::DESCRIPTION.1
            } else {
                limits::DRAFT_FIELD
            };
            if value.chars().count() > limit && !blockers.iter().any(|e| e.field == field) {
                blockers.push(FieldError::new(field, "too_long"));
            }
        }
        blockers
    }

    /// The typed text fields, to send back with errors (check boxes are re-ticked from `on`).
    pub fn typed(&self) -> Vec<(&'static str, &str)> {
        let ticked = |b: &Option<String>| if b.is_some() { "on" } else { "" };
        vec![
            ("kind", &self.kind),
            ("listing_type", &self.listing_type),
            ("stall_id", &self.stall_id),
            ("title", &self.title),
            ("summary", &self.summary),
            ("description", &self.description),
            ("sector_code", &self.sector_code),
            ("province_code", &self.province_code),
            ("price_vnd", &self.price_vnd),
            ("negotiable", ticked(&self.negotiable)),
            ("budget_min_vnd", &self.budget_min_vnd),
            ("budget_max_vnd", &self.budget_max_vnd),
            ("quantity", &self.quantity),
            ("unit", &self.unit),
            ("condition", &self.condition),
            ("origin_country", &self.origin_country),
            ("manufacturer", &self.manufacturer),
            ("warranty", &self.warranty),
            ("trl", &self.trl),
            ("ip_kind", &self.ip_kind),
            ("ip_number", &self.ip_number),
            ("certifications", &self.certifications),
            ("transfer_sale", ticked(&self.transfer_sale)),
            ("transfer_licence", ticked(&self.transfer_licence)),
            (
                "transfer_joint_venture",
                ticked(&self.transfer_joint_venture),
            ),
            ("transfer_consulting", ticked(&self.transfer_consulting)),
            ("expires_on", &self.expires_on),
            ("seller_name", &self.seller_name),
            ("seller_phone", &self.seller_phone),
            ("seller_email", &self.seller_email),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 20_419; // 2025-11-27

    fn offer() -> ListingForm {
        ListingForm {
            kind: "offer".into(),
            listing_type: "equipment".into(),
            stall_id: "".into(),
            title: "Máy sấy lúa tĩnh vỉ ngang 10 tấn/mẻ".into(),
            summary: "Máy sấy lúa tiết kiệm nhiên liệu, phù hợp hợp tác xã.".into(),
            description: "## Thông số\n- Công suất 10 tấn/mẻ".into(),
            sector_code: "co-khi".into(),
            province_code: "can-tho".into(),
            price_vnd: "150.000.000".into(),
            quantity: "3".into(),
            unit: "bộ".into(),
            condition: "new".into(),
            seller_name: "Nguyễn Văn An".into(),
            seller_phone: "0909 123 456".into(),
            ..ListingForm::default()
        }
    }

    #[test]
    fn a_complete_offer_is_accepted() {
        let listing = offer().validate(TODAY).unwrap();
        assert_eq!(listing.price_vnd, Some(150_000_000));
        assert_eq!(listing.quantity, Some(3));
        assert_eq!(listing.stall_id, None);
        assert!(listing.transfer_modes.is_empty());
    }

    #[test]
    fn an_offer_needs_a_price_or_negotiable_and_not_both() {
        let no_price = ListingForm {
            price_vnd: "".into(),
            ..offer()
        };
        assert_eq!(
            no_price.validate(TODAY).unwrap_err()[0].code,
            "price_or_negotiable"
        );
        let negotiable = ListingForm {
            price_vnd: "".into(),
            negotiable: Some("on".into()),
            ..offer()
        };
        assert_eq!(negotiable.validate(TODAY).unwrap().price_vnd, None);
        let both = ListingForm {
            negotiable: Some("on".into()),
            ..offer()
        };
        assert_eq!(
            both.validate(TODAY).unwrap_err()[0].code,
            "price_or_negotiable"
        );
    }

    #[test]
    fn requests_take_a_budget_range_in_order() {
        let request = ListingForm {
            kind: "request".into(),
            price_vnd: "".into(),
            budget_min_vnd: "200.000.000".into(),
            budget_max_vnd: "100.000.000".into(),
            ..offer()
        };
        assert_eq!(
            request.validate(TODAY).unwrap_err()[0].field,
            "budget_max_vnd"
        );
        let request = ListingForm {
            budget_max_vnd: "300 000 000".into(),
            ..request
        };
        let valid = request.validate(TODAY).unwrap();
        assert_eq!(
            (valid.budget_min_vnd, valid.budget_max_vnd),
            (Some(200_000_000), Some(300_000_000))
        );
    }

    #[test]
    fn technology_fields_and_dates_follow_their_rules() {
        let form = ListingForm {
            listing_type: "technology".into(),
            trl: "10".into(),
            ip_kind: "secret sauce".into(),
            expires_on: "2025-02-30".into(),
            transfer_licence: Some("on".into()),
            ..offer()
        };
        let fields: Vec<String> = form
            .validate(TODAY)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["trl", "ip_kind", "expires_on"]);
        let form = ListingForm {
            trl: "7".into(),
            ip_kind: "patent".into(),
            expires_on: "2026-01-31".into(),
            ..form
        };
        let valid = form.validate(TODAY).unwrap();
        assert_eq!(valid.trl, Some(7));
        assert_eq!(valid.transfer_modes, ["licence"]);
        assert_eq!(
            valid.expires_on_day,
            Some(parse_date("2026-01-31").unwrap())
        );
        let past = ListingForm {
            expires_on: "2025-11-26".into(),
            ..form.clone()
        };
        assert_eq!(past.validate(TODAY).unwrap_err()[0].code, "date_in_past");
        let far = ListingForm {
            expires_on: "2027-01-01".into(),
            ..form
        };
        assert_eq!(far.validate(TODAY).unwrap_err()[0].code, "date_too_far");
    }

    #[test]
    fn independent_sellers_give_their_contact_and_stall_listings_need_not() {
        let form = ListingForm {
            seller_name: "".into(),
            seller_phone: "abc".into(),
            ..offer()
        };
        let fields: Vec<String> = form
            .validate(TODAY)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["seller_name", "seller_phone"]);
        let from_stall = ListingForm {
            stall_id: "12".into(),
            ..form
        };
        assert_eq!(from_stall.validate(TODAY).unwrap().stall_id, Some(12));
    }

    #[test]
    fn dates_are_checked_for_real_days() {
        assert_eq!(parse_date("1970-01-01"), Ok(0));
        assert_eq!(
            parse_date("2024-02-29").map(|d| d - parse_date("2024-02-28").unwrap()),
            Ok(1)
        );
        assert_eq!(parse_date("2023-02-29"), Err("invalid_date"));
        assert_eq!(parse_date("hôm nay"), Err("invalid_date"));
    }

    #[test]
    fn an_incomplete_draft_needs_only_a_title_and_sane_lengths() {
        let blockers = |form: &ListingForm| {
            let problems = form.validate(TODAY).err().unwrap_or_default();
            form.draft_blockers(&problems)
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        };
        // A title alone, even a short one, with a half-typed price: kept.
        let started = ListingForm {
            kind: "offer".into(),
            title: "Máy sấy".into(),
            price_vnd: "12 triệu".into(),
            ..ListingForm::default()
        };
        assert!(started.validate(TODAY).is_err());
        assert_eq!(blockers(&started), []);
        // No title: nothing to recognise it by.
        let untitled = ListingForm {
            title: "  ".into(),
            ..started.clone()
        };
        assert_eq!(
            blockers(&untitled),
            [("title".to_owned(), "required".to_owned())]
        );
        // Too long, whether or not the field is checked for this kind.
        let bloated = ListingForm {
            summary: "x".repeat(limits::SUMMARY.1 + 1),
            budget_min_vnd: "9".repeat(limits::DRAFT_FIELD + 1),
            ..started
        };
        assert_eq!(
            blockers(&bloated),
            [
                ("summary".to_owned(), "too_long".to_owned()),
                ("budget_min_vnd".to_owned(), "too_long".to_owned())
            ]
        );
    }
}
