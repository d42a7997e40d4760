//! A stall's booth at a fair: what it applies with, and the number a moderator gives it.

/// Listings a stall may name for its booth.
pub const MAX_LISTINGS: usize = 12;

/// Longest note to the organisers, in characters.
pub const NOTE: usize = 500;

/// A booth number as typed (`a12`, `B-03`): 1 to 8 letters, digits and dashes, kept in upper
/// case; `required` or `invalid_booth_number`.
pub fn parse_booth_number(input: &str) -> Result<String, &'static str> {
    let number = input.trim().to_uppercase();
    if number.is_empty() {
        return Err("required");
    }
    let allowed = number.len() <= 8
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
        && number.chars().any(|c| c.is_ascii_alphanumeric());
    if allowed {
        Ok(number)
    } else {
        Err("invalid_booth_number")
    }
}

/// The listings named for a booth (form values, as ids): at least one, at most
/// [`MAX_LISTINGS`], each once; `booth_listings` otherwise.
pub fn parse_listing_ids(values: &[String]) -> Result<Vec<i64>, &'static str> {
    let mut ids = Vec::new();
    for value in values {
        let id: i64 = value.trim().parse().map_err(|_| "booth_listings")?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() || ids.len() > MAX_LISTINGS {
        Err("booth_listings")
    } else {
        Ok(ids)
    }
}

/// Orders booth numbers as a visitor walks the hall: by their letters, then by their number
/// (`A2` before `A10`).
pub fn booth_order(number: &str) -> (String, u32, String) {
    let letters: String = number.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let rest = &number[letters.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let tail = rest[digits.len()..].to_owned();
    (letters, digits.parse().unwrap_or(0), tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booth_numbers_are_short_codes_in_upper_case() {
        assert_eq!(parse_booth_number(" a12 "), Ok("A12".into()));
        assert_eq!(parse_booth_number("B-03"), Ok("B-03".into()));
        assert_eq!(parse_booth_number(""), Err("required"));
        assert_eq!(parse_booth_number("--"), Err("invalid_booth_number"));
        assert_eq!(parse_booth_number("A 12"), Err("invalid_booth_number"));
        assert_eq!(
            parse_booth_number("A123456789"),
            Err("invalid_booth_number")
        );
    }

    #[test]
    fn a_booth_shows_one_to_twelve_listings() {
        let ids =
            |v: &[&str]| parse_listing_ids(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(ids(&["3", "5", "3"]), Ok(vec![3, 5]));
        assert_eq!(ids(&[]), Err("booth_listings"));
        assert_eq!(ids(&["x"]), Err("booth_listings"));
        let many: Vec<String> = (1..=13).map(|i| i.to_string()).collect();
        assert_eq!(parse_listing_ids(&many), Err("booth_listings"));
    }

    #[test]
    fn booths_are_walked_in_hall_order() {
        let mut numbers = vec!["A10", "B1", "A2", "A2-B", "1"];
        numbers.sort_by_key(|n| booth_order(n));
        assert_eq!(numbers, ["1", "A2", "A2-B", "A10", "B1"]);
    }
}
