use serde::{Deserialize, Serialize};

/// A province or city of the Mekong Delta, identified by a short stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Province(&'static ProvinceInfo);

/// Static facts about one province.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ProvinceInfo {
    /// Stable code stored in the database.
    pub code: &'static str,
    /// Vietnamese name.
    pub name_vi: &'static str,
    /// English name.
    pub name_en: &'static str,
}

/// The thirteen provinces and cities of the Mekong Delta, Cần Thơ first.
pub const PROVINCES: &[ProvinceInfo] = &[
    ProvinceInfo {
        code: "can-tho",
        name_vi: "Cần Thơ",
        name_en: "Can Tho",
    },
    ProvinceInfo {
        code: "an-giang",
        name_vi: "An Giang",
        name_en: "An Giang",
    },
    ProvinceInfo {
        code: "bac-lieu",
        name_vi: "Bạc Liêu",
        name_en: "Bac Lieu",
    },
    ProvinceInfo {
        code: "ben-tre",
        name_vi: "Bến Tre",
        name_en: "Ben Tre",
    },
    ProvinceInfo {
        code: "ca-mau",
        name_vi: "Cà Mau",
        name_en: "Ca Mau",
    },
    ProvinceInfo {
        code: "dong-thap",
        name_vi: "Đồng Tháp",
        name_en: "Dong Thap",
    },
    ProvinceInfo {
        code: "hau-giang",
        name_vi: "Hậu Giang",
        name_en: "Hau Giang",
    },
    ProvinceInfo {
        code: "kien-giang",
        name_vi: "Kiên Giang",
        name_en: "Kien Giang",
    },
    ProvinceInfo {
        code: "long-an",
        name_vi: "Long An",
        name_en: "Long An",
    },
    ProvinceInfo {
        code: "soc-trang",
        name_vi: "Sóc Trăng",
        name_en: "Soc Trang",
    },
    ProvinceInfo {
        code: "tien-giang",
        name_vi: "Tiền Giang",
        name_en: "Tien Giang",
    },
    ProvinceInfo {
        code: "tra-vinh",
        name_vi: "Trà Vinh",
        name_en: "Tra Vinh",
    },
    ProvinceInfo {
        code: "vinh-long",
        name_vi: "Vĩnh Long",
        name_en: "Vinh Long",
    },
];

impl Province {
    /// Looks a province up by its code: `required` when none was chosen, `invalid_choice` for a
    /// code that is not one (only an edited form sends one).
    pub fn parse(code: &str) -> Result<Self, &'static str> {
        let code = code.trim();
        if code.is_empty() {
            return Err("required");
        }
        PROVINCES
            .iter()
            .find(|p| p.code == code)
            .map(Self)
            .ok_or("invalid_choice")
    }

    /// Stable code.
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// Name in the given language code (`vi` or `en`).
    pub fn name(self, lang: crate::i18n::Locale) -> &'static str {
        match lang {
            crate::i18n::Locale::Vi => self.0.name_vi,
            crate::i18n::Locale::En => self.0.name_en,
        }
    }
}

impl TryFrom<String> for Province {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Province> for String {
    fn from(value: Province) -> Self {
        value.code().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_parse_and_unknown_are_refused() {
        assert_eq!(Province::parse("can-tho").unwrap().0.name_vi, "Cần Thơ");
        assert_eq!(Province::parse("ha-noi"), Err("invalid_choice"));
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = PROVINCES.iter().map(|p| p.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), PROVINCES.len());
    }
}
