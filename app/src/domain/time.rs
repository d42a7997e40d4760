/// Vietnam keeps UTC+7 all year (no daylight saving).
pub(crate) const VIETNAM_OFFSET_MS: i64 = 7 * 3_600_000;

/// Formats a UTC instant (ms since epoch) as Vietnamese wall-clock time: `27/11/2026 14:05`.
pub fn format_vietnam_datetime(utc_ms: i64) -> String {
    let local_ms = utc_ms + VIETNAM_OFFSET_MS;
    let days = local_ms.div_euclid(86_400_000);
    let ms_of_day = local_ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    let minutes = ms_of_day / 60_000;
    format!(
        "{day:02}/{month:02}/{year} {:02}:{:02}",
        minutes / 60,
        minutes % 60
    )
}

/// Formats a UTC instant as the Vietnamese calendar date: `27/11/2026`.
pub fn format_vietnam_date(utc_ms: i64) -> String {
    let (year, month, day) = civil_from_days((utc_ms + VIETNAM_OFFSET_MS).div_euclid(86_400_000));
    format!("{day:02}/{month:02}/{year}")
}

/// A UTC instant as RFC 3339 with Vietnam's offset: `2026-11-27T14:05:00+07:00`.
pub fn vietnam_rfc3339(utc_ms: i64) -> String {
    let local_ms = utc_ms + VIETNAM_OFFSET_MS;
    let (year, month, day) = civil_from_days(local_ms.div_euclid(86_400_000));
    let seconds = local_ms.rem_euclid(86_400_000) / 1000;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+07:00",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// The year in Vietnam at a UTC instant.
pub fn vietnam_year(utc_ms: i64) -> i64 {
    civil_from_days((utc_ms + VIETNAM_OFFSET_MS).div_euclid(86_400_000)).0
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the inverse of `civil_from_days`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day (since 1970-01-01) it is in Vietnam at a UTC instant.
pub fn vietnam_day(utc_ms: i64) -> i64 {
    (utc_ms + VIETNAM_OFFSET_MS).div_euclid(86_400_000)
}

/// The UTC instant a Vietnamese day (since 1970-01-01) ends: midnight Vietnam time after it.
pub fn vietnam_day_end_ms(day: i64) -> i64 {
    (day + 1) * 86_400_000 - VIETNAM_OFFSET_MS
}

/// `YYYY-MM-DD` of a day since 1970-01-01, as date inputs want it.
pub fn iso_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Howard Hinnant's algorithm, valid for the whole i64 day range we use.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates_convert_both_ways() {
        for day in [0, 59, 10_000, 20_419, 2_932_896] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(iso_date(20_419), "2025-11-27");
        assert_eq!(vietnam_day_end_ms(0), 86_400_000 - 7 * 3_600_000);
    }

    #[test]
    fn the_year_turns_at_midnight_in_vietnam() {
        // 2025-12-31T17:00Z is 00:00 on 1 January 2026 in Cần Thơ.
        assert_eq!(vietnam_year(1_767_200_400_000), 2026);
        assert_eq!(vietnam_year(1_767_200_400_000 - 1), 2025);
    }

    #[test]
    fn instants_print_in_vietnam_time() {
        assert_eq!(format_vietnam_datetime(0), "01/01/1970 07:00");
        // 2026-11-27T07:42:00Z is 14:42 in Cần Thơ.
        assert_eq!(
            format_vietnam_datetime(1_795_765_320_000),
            "27/11/2026 14:42"
        );
        // Crossing midnight and a leap day: 2024-02-28T20:30Z → 29/02 03:30.
        assert_eq!(
            format_vietnam_datetime(1_709_152_200_000),
            "29/02/2024 03:30"
        );
    }
}
