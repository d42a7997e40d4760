//! Property tests of the parsers that read what people type (the auction rules have their own,
//! in `auction.rs`): whatever the input, a parser answers without panicking, and what it accepts
//! keeps its promises.

use proptest::prelude::*;

use super::auction_setup::{parse_vietnam_datetime, vietnam_datetime_input};
use super::search::{index_text, search_words};
use super::time::{civil_from_days, days_from_civil};
use super::{
    Email, Slug, Vnd, fold_search_text, format_vietnam_datetime, money_grouping, parse_date,
};

/// Vietnamese text as a keyboard types it: letters with their marks, đ, digits, punctuation.
fn vietnamese() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ \\-_.,@]{0,60}"
}

/// Text with Vietnamese letters, combining marks, digits, punctuation, controls and emoji.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[a-zA-Z0-9àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ \\-_.,@]{0,60}",
        "[0-9., ₫đ]{0,40}",
    ]
}

proptest! {
    #[test]
    fn money_parses_what_it_prints_and_never_passes_its_ceiling(amount in 0..=Vnd::MAX, text in typed()) {
        let vnd = Vnd::new(amount).unwrap();
        prop_assert_eq!(Vnd::parse(&vnd.to_string()), Ok(vnd));
        prop_assert_eq!(Vnd::parse(&money_grouping(amount)), Ok(vnd));
        if let Ok(parsed) = Vnd::parse(&text) {
            prop_assert!((0..=Vnd::MAX).contains(&parsed.amount()), "{text:?}");
        }
        prop_assert!(Vnd::new(Vnd::MAX + 1 + amount).is_none());
        prop_assert!(Vnd::new(-1 - amount).is_none());
    }

    #[test]
    fn slugs_made_from_any_title_are_valid_slugs(title in typed()) {
        let slug = Slug::from_title(&title);
        prop_assert_eq!(Slug::parse(slug.as_str()), Ok(slug.clone()));
        prop_assert!(slug.as_str().len() <= 120);
        if let Ok(parsed) = Slug::parse(&title) {
            prop_assert_eq!(Slug::from_title(&title), parsed, "a slug is its own slug");
        }
    }

    #[test]
    fn addresses_are_trimmed_lowercased_and_stay_accepted(text in typed(), local in "[a-z0-9]{1,20}", domain in "[a-z0-9]{1,20}") {
        let typed_address = format!("  {}@{}.VN ", local.to_uppercase(), domain);
        let email = Email::parse(&typed_address).unwrap();
        prop_assert_eq!(email.as_str(), format!("{local}@{domain}.vn"));
        if let Ok(email) = Email::parse(&text) {
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()), "idempotent");
            prop_assert!(email.as_str().len() <= Email::MAX_LEN);
            prop_assert_eq!(email.as_str().matches('@').count(), 1);
        }
    }

    #[test]
    fn folding_is_idempotent_and_leaves_plain_lowercase_words(text in typed(), vi in vietnamese()) {
        let words = search_words(&text);
        for word in &words {
            prop_assert!(!word.is_empty());
            prop_assert!(word.chars().all(char::is_alphanumeric), "{word:?}");
            prop_assert_eq!(search_words(word), vec![word.clone()], "a folded word folds to itself");
        }
        let indexed = index_text(&text);
        prop_assert_eq!(index_text(&indexed), indexed.clone());
        prop_assert_eq!(search_words(&vi.to_uppercase()), search_words(&vi), "case does not matter");
        prop_assert_eq!(fold_search_text(&fold_search_text(&text)), fold_search_text(&text));
    }

    #[test]
    fn dates_round_trip_and_refuse_what_is_not_a_day(day in 0..2_900_000i64, text in typed()) {
        let (y, m, d) = civil_from_days(day);
        prop_assert_eq!(days_from_civil(y, m, d), day);
        if y <= 9999 {
            prop_assert_eq!(parse_date(&format!("{y:04}-{m:02}-{d:02}")), Ok(day));
        }
        if let Ok(parsed) = parse_date(&text) {
            prop_assert!(parsed >= 0, "{text:?}");
        }
    }

    #[test]
    fn vietnam_times_round_trip_to_the_minute(minute in 0..4_000_000_000i64, text in typed()) {
        let utc = minute * 60_000;
        prop_assert_eq!(parse_vietnam_datetime(&vietnam_datetime_input(utc)), Ok(utc));
        prop_assert!(format_vietnam_datetime(utc).len() >= 16);
        let _ = parse_vietnam_datetime(&text);
    }
}
