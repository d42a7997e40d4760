//! Putting an offer up for auction: the seller's form, checked the same way in the browser and
//! on the server, and the Vietnamese wall-clock times its date-and-time fields hold.

use serde::{Deserialize, Serialize};

use super::Vnd;
use super::auction::{AuctionRules, DEFAULT_SOFT_CLOSE_MS, RulesError, default_step};
use super::time::VIETNAM_OFFSET_MS;
use crate::error::FieldError;

/// Bounds of what a seller may set.
pub mod limits {
    /// The shortest auction: one hour.
    pub const MIN_DURATION_MS: i64 = 3_600_000;
    /// The longest auction: 30 days.
    pub const MAX_DURATION_MS: i64 = 30 * 86_400_000;
    /// How far ahead an auction may start: 90 days.
    pub const MAX_LEAD_MS: i64 = 90 * 86_400_000;
    /// A start this far in the past is still taken (the form was filled in a minute ago).
    pub const START_GRACE_MS: i64 = 10 * 60_000;
    /// The longest soft-close window, in minutes.
    pub const MAX_SOFT_CLOSE_MINUTES: i64 = 60;
    /// The transfer reference a bidder gives for their deposit.
    pub const DEPOSIT_REF: (usize, usize) = (3, 80);
}

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuctionForm {
    pub starting_price: String,
    /// Empty for the default, about 1 % of the starting price.
    pub step: String,
    pub reserve: String,
    pub buy_now: String,
    /// `YYYY-MM-DDTHH:MM`, Vietnam time (what `<input type="datetime-local">` sends).
    pub starts_at: String,
    pub ends_at: String,
    /// Empty for the default, 3 minutes.
    pub soft_close_minutes: String,
    /// `yes` when only bidders approved by a moderator may bid.
    pub requires_approval: Option<String>,
    /// The deposit such bidders lodge; required with approval, ignored without.
    pub deposit: String,
}

/// A checked form: the rules (without the seller, whom the server knows) and the registration
/// terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuctionSetup {
    pub rules: AuctionRules,
    pub requires_approval: bool,
    pub deposit: Option<i64>,
}

/// Parses `YYYY-MM-DDTHH:MM` (seconds allowed and ignored) as Vietnam wall-clock time; returns
/// the UTC instant in milliseconds.
pub fn parse_vietnam_datetime(input: &str) -> Result<i64, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Err("required");
    }
    let (date, time) = input.split_once(['T', ' ']).ok_or("invalid_date")?;
    let day = super::parse_date(date)?;
    let mut parts = time.split(':');
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
        return Err("invalid_date");
    };
    let (Ok(h), Ok(m)) = (h.parse::<i64>(), m.parse::<i64>()) else {
        return Err("invalid_date");
    };
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return Err("invalid_date");
    }
    Ok(day * 86_400_000 + (h * 60 + m) * 60_000 - VIETNAM_OFFSET_MS)
}

/// A UTC instant as `YYYY-MM-DDTHH:MM` in Vietnam time, to fill a `datetime-local` input.
pub fn vietnam_datetime_input(utc_ms: i64) -> String {
    let local = utc_ms + VIETNAM_OFFSET_MS;
    let minutes = local.rem_euclid(86_400_000) / 60_000;
    format!(
        "{}T{:02}:{:02}",
        super::iso_date(local.div_euclid(86_400_000)),
        minutes / 60,
        minutes % 60
    )
}

/// An amount field: empty is `None`; above [`Vnd::MAX`], `too_large` (as [`Vnd::parse`] says).
fn optional_amount(input: &str) -> Result<Option<i64>, &'static str> {
    match Vnd::parse(input) {
        Err("required") => Ok(None),
        Err(code) => Err(code),
        Ok(v) => Ok(Some(v.amount())),
    }
}

impl AuctionForm {
    /// Checks every field at `now` (the server's clock; ms since the epoch).
    pub fn validate(&self, now: i64) -> Result<AuctionSetup, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut field = |name: &str, result: Result<Option<i64>, &'static str>| match result {
            Ok(value) => value,
            Err(code) => {
                errors.push(FieldError::new(name, code));
                None
            }
        };
        let starting_price = field(
            "starting_price",
            optional_amount(&self.starting_price).and_then(|v| match v {
                None => Err("required"),
                Some(0) => Err(RulesError::StartingPrice.code()),
                some => Ok(some),
            }),
        );
        let step = field(
            "step",
            optional_amount(&self.step).and_then(|step| match (step, starting_price) {
                (None, start) => Ok(start.map(default_step)),
                (Some(step), Some(start)) if step == 0 || step > start => {
                    Err(RulesError::Step.code())
                }
                (step, _) => Ok(step),
            }),
        );
        let reserve = field("reserve", optional_amount(&self.reserve));
        let buy_now = field("buy_now", optional_amount(&self.buy_now));
        let starts_at = field(
            "starts_at",
            parse_vietnam_datetime(&self.starts_at).and_then(|at| {
                if at < now - limits::START_GRACE_MS {
                    Err("date_in_past")
                } else if at > now + limits::MAX_LEAD_MS {
                    Err("date_too_far")
                } else {
                    Ok(Some(at))
                }
            }),
        );
        let ends_at = field(
            "ends_at",
            parse_vietnam_datetime(&self.ends_at).and_then(|at| match starts_at {
                Some(start) if at <= start => Err(RulesError::Window.code()),
                Some(start) if at - start < limits::MIN_DURATION_MS => Err("auction_too_short"),
                Some(start) if at - start > limits::MAX_DURATION_MS => Err("auction_too_long"),
                _ => Ok(Some(at)),
            }),
        );
        let soft_close_ms = field(
            "soft_close_minutes",
            match self.soft_close_minutes.trim() {
                "" => Ok(Some(DEFAULT_SOFT_CLOSE_MS)),
                typed => match typed.parse::<i64>() {
                    Err(_) => Err("not_a_number"),
                    Ok(m) if !(0..=limits::MAX_SOFT_CLOSE_MINUTES).contains(&m) => {
                        Err(RulesError::SoftClose.code())
                    }
                    Ok(m) => Ok(Some(m * 60_000)),
                },
            },
        );
        let requires_approval = matches!(
            self.requires_approval.as_deref(),
            Some("yes" | "on" | "true")
        );
        let deposit = if requires_approval {
            field(
                "deposit",
                optional_amount(&self.deposit).and_then(|d| match (d, starting_price) {
                    (None, _) => Err("required"),
                    (Some(0), _) => Err("auction_deposit"),
                    (Some(d), Some(start)) if d > start => Err("auction_deposit"),
                    (d, _) => Ok(d),
                }),
            )
        } else {
            None
        };
        let (
            Some(starting_price),
            Some(step),
            Some(starts_at),
            Some(ends_at),
            Some(soft_close_ms),
            true,
        ) = (
            starting_price,
            step,
            starts_at,
            ends_at,
            soft_close_ms,
            errors.is_empty(),
        )
        else {
            return Err(errors);
        };
        let rules = AuctionRules {
            seller_id: 0,
            starting_price,
            step,
            reserve,
            buy_now,
            starts_at,
            ends_at,
            soft_close_ms,
        };
        rules.check().map_err(|e| {
            let name = match e {
                RulesError::StartingPrice => "starting_price",
                RulesError::Step => "step",
                RulesError::Reserve => "reserve",
                RulesError::BuyNow => "buy_now",
                RulesError::Window => "ends_at",
                RulesError::SoftClose => "soft_close_minutes",
            };
            vec![FieldError::new(name, e.code())]
        })?;
        Ok(AuctionSetup {
            rules,
            requires_approval,
            deposit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-01 09:00 in Cần Thơ.
    const DEC_1_9AM: i64 = 1_796_090_400_000;

    fn form() -> AuctionForm {
        AuctionForm {
            starting_price: "120.000.000".into(),
            starts_at: "2026-12-01T09:00".into(),
            ends_at: "2026-12-03T21:30".into(),
            ..AuctionForm::default()
        }
    }

    fn codes(form: &AuctionForm, now: i64) -> Vec<(String, String)> {
        form.validate(now)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn times_are_read_and_written_in_vietnam_time() {
        assert_eq!(parse_vietnam_datetime("2026-12-01T09:00"), Ok(DEC_1_9AM));
        assert_eq!(parse_vietnam_datetime("2026-12-01 09:00:59"), Ok(DEC_1_9AM));
        assert_eq!(vietnam_datetime_input(DEC_1_9AM), "2026-12-01T09:00");
        // 06:59 in Vietnam is the previous day in UTC.
        assert_eq!(
            vietnam_datetime_input(parse_vietnam_datetime("2026-12-01T06:59").unwrap()),
            "2026-12-01T06:59"
        );
        for bad in [
            "2026-12-01",
            "2026-13-01T09:00",
            "2026-12-01T24:00",
            "9h sáng",
        ] {
            assert_eq!(parse_vietnam_datetime(bad), Err("invalid_date"), "{bad}");
        }
        assert_eq!(parse_vietnam_datetime(" "), Err("required"));
    }

    #[test]
    fn a_plain_form_gets_the_default_step_and_soft_close() {
        let setup = form().validate(DEC_1_9AM - 86_400_000).unwrap();
        assert_eq!(setup.rules.starting_price, 120_000_000);
        assert_eq!(setup.rules.step, 1_200_000);
        assert_eq!(setup.rules.soft_close_ms, 180_000);
        assert_eq!(setup.rules.starts_at, DEC_1_9AM);
        assert_eq!(
            setup.rules.ends_at,
            DEC_1_9AM + 2 * 86_400_000 + 12 * 3_600_000 + 30 * 60_000
        );
        assert!(!setup.requires_approval);
        assert_eq!(setup.deposit, None, "no deposit without approval");
    }

    #[test]
    fn every_field_names_its_own_problem() {
        let now = DEC_1_9AM;
        let bad = AuctionForm {
            starting_price: "một trăm".into(),
            step: "abc".into(),
            reserve: "-5".into(),
            buy_now: "1e9".into(),
            starts_at: "hôm nay".into(),
            ends_at: "".into(),
            soft_close_minutes: "ba".into(),
            requires_approval: Some("yes".into()),
            deposit: "".into(),
        };
        assert_eq!(
            codes(&bad, now),
            [
                ("starting_price", "not_a_number"),
                ("step", "not_a_number"),
                ("reserve", "not_a_number"),
                ("buy_now", "not_a_number"),
                ("starts_at", "invalid_date"),
                ("ends_at", "required"),
                ("soft_close_minutes", "not_a_number"),
                ("deposit", "required"),
            ]
            .map(|(f, c)| (f.to_owned(), c.to_owned()))
        );
    }

    #[test]
    fn times_prices_and_deposit_are_bounded() {
        let now = DEC_1_9AM;
        let with = |change: fn(&mut AuctionForm)| {
            let mut f = form();
            change(&mut f);
            codes(&f, now)
        };
        let one = |f: &str, c: &str| vec![(f.to_owned(), c.to_owned())];
        assert_eq!(
            with(|f| f.starts_at = "2026-12-01T08:40".into()),
            one("starts_at", "date_in_past")
        );
        assert_eq!(
            with(|f| f.starts_at = "2026-12-01T08:55".into()),
            vec![],
            "within the grace"
        );
        assert_eq!(
            with(|f| f.starts_at = "2027-06-01T08:00".into()),
            one("starts_at", "date_too_far")
        );
        assert_eq!(
            with(|f| f.ends_at = "2026-12-01T09:00".into()),
            one("ends_at", "auction_window")
        );
        assert_eq!(
            with(|f| f.ends_at = "2026-12-01T09:59".into()),
            one("ends_at", "auction_too_short")
        );
        assert_eq!(
            with(|f| f.ends_at = "2027-01-05T09:00".into()),
            one("ends_at", "auction_too_long")
        );
        assert_eq!(
            with(|f| f.starting_price = "0".into()),
            one("starting_price", "auction_starting_price")
        );
        assert_eq!(
            with(|f| f.step = "200.000.000".into()),
            one("step", "auction_step")
        );
        assert_eq!(
            with(|f| f.reserve = "100.000.000".into()),
            one("reserve", "auction_reserve")
        );
        assert_eq!(
            with(|f| f.reserve = "150.100.000".into()),
            one("reserve", "auction_reserve"),
            "off the grid"
        );
        assert_eq!(with(|f| f.reserve = "150.000.000".into()), vec![]);
        assert_eq!(
            with(|f| f.buy_now = "120.000.000".into()),
            one("buy_now", "auction_buy_now")
        );
        assert_eq!(
            with(|f| f.soft_close_minutes = "61".into()),
            one("soft_close_minutes", "auction_soft_close")
        );
        assert_eq!(
            with(|f| f.soft_close_minutes = "0".into()),
            vec![],
            "no soft close"
        );
        let with_deposit = |deposit: &str| {
            let mut f = form();
            f.requires_approval = Some("yes".into());
            f.deposit = deposit.into();
            f.validate(now)
        };
        assert_eq!(
            with_deposit("12.000.000").unwrap().deposit,
            Some(12_000_000)
        );
        assert!(with_deposit("12.000.000").unwrap().requires_approval);
        assert_eq!(
            with_deposit("130.000.000").unwrap_err(),
            vec![FieldError::new("deposit", "auction_deposit")]
        );
    }
}
