/// Vietnam keeps UTC+7 all year (no daylight saving).
const VIETNAM_OFFSET_MS: i64 = 7 * 3_600_000;

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

/// The year in Vietnam at a UTC instant.
pub fn vietnam_year(utc_ms: i64) -> i64 {
    civil_from_days((utc_ms + VIETNAM_OFFSET_MS).div_euclid(86_400_000)).0
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
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
