use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in whole Vietnamese đồng (VND has no minor unit in practice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Vnd(i64);

impl Vnd {
    /// The largest amount anything on the exchange may cost: ten thousand billion đồng. Above it
    /// an amount is a typing mistake, and every sum of two prices stays far inside an `i64`.
    pub const MAX: i64 = 10_000_000_000_000;

    /// Wraps an amount from 0 to [`Vnd::MAX`]; anything else is refused.
    pub fn new(amount: i64) -> Option<Self> {
        (0..=Self::MAX).contains(&amount).then_some(Self(amount))
    }

    /// The amount in đồng.
    pub fn amount(self) -> i64 {
        self.0
    }

    /// Parses what a person types: digits with optional `.`/`,`/space grouping and a trailing
    /// "đ", "₫" or "VND"; above [`Vnd::MAX`] is `too_large`.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let trimmed = input.trim();
        let trimmed = trimmed
            .strip_suffix("VND")
            .or_else(|| trimmed.strip_suffix("vnd"))
            .or_else(|| trimmed.strip_suffix('₫'))
            .or_else(|| trimmed.strip_suffix('đ'))
            .unwrap_or(trimmed)
            .trim();
        if trimmed.is_empty() {
            return Err("required");
        }
        let mut amount: i64 = 0;
        for ch in trimmed.chars() {
            match ch {
                '0'..='9' => {
                    amount = amount
                        .checked_mul(10)
                        .and_then(|a| a.checked_add(i64::from(ch as u8 - b'0')))
                        .ok_or("too_large")?;
                }
                '.' | ',' | ' ' | '\u{a0}' => {}
                _ => return Err("not_a_number"),
            }
        }
        Self::new(amount).ok_or("too_large")
    }
}

impl fmt::Display for Vnd {
    /// Vietnamese grouping: `12.500.000 ₫`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ₫", group_thousands(self.0))
    }
}

/// Formats an integer with `.` between groups of three digits, as Vietnamese text does.
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_with_vietnamese_grouping() {
        assert_eq!(Vnd(0).to_string(), "0 ₫");
        assert_eq!(Vnd(999).to_string(), "999 ₫");
        assert_eq!(Vnd(1_000).to_string(), "1.000 ₫");
        assert_eq!(Vnd(12_500_000).to_string(), "12.500.000 ₫");
        assert_eq!(group_thousands(-1_234_567), "-1.234.567");
    }

    #[test]
    fn typed_amounts_parse_with_grouping_and_currency() {
        assert_eq!(Vnd::parse("12.500.000 đ"), Ok(Vnd(12_500_000)));
        assert_eq!(Vnd::parse("1,000,000VND"), Ok(Vnd(1_000_000)));
        assert_eq!(Vnd::parse(" 42 "), Ok(Vnd(42)));
    }

    #[test]
    fn bad_amounts_are_refused_with_a_reason() {
        assert_eq!(Vnd::parse(""), Err("required"));
        assert_eq!(Vnd::parse("12k"), Err("not_a_number"));
        assert_eq!(Vnd::parse("-5"), Err("not_a_number"));
        assert_eq!(Vnd::parse("99999999999999999999"), Err("too_large"));
        assert_eq!(Vnd::parse("9.223.372.036.854.775.807"), Err("too_large"));
        assert_eq!(Vnd::parse("10.000.000.000.001 đ"), Err("too_large"));
        assert_eq!(Vnd::parse("10.000.000.000.000 đ"), Ok(Vnd(Vnd::MAX)));
        assert_eq!(Vnd::new(-1), None);
        assert_eq!(Vnd::new(Vnd::MAX + 1), None);
    }
}
