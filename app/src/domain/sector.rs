use serde::{Deserialize, Serialize};

/// An economic sector that stalls and listings are filed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sector(&'static SectorInfo);

/// Static facts about one sector.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SectorInfo {
    /// Stable code stored in the database.
    pub code: &'static str,
    /// Vietnamese name.
    pub name_vi: &'static str,
    /// English name.
    pub name_en: &'static str,
}

/// The sectors of the exchange, in display order.
pub const SECTORS: &[SectorInfo] = &[
    SectorInfo {
        code: "nong-nghiep",
        name_vi: "Nông nghiệp",
        name_en: "Agriculture",
    },
    SectorInfo {
        code: "thuy-san",
        name_vi: "Thủy sản",
        name_en: "Aquaculture & fisheries",
    },
    SectorInfo {
        code: "co-khi",
        name_vi: "Cơ khí",
        name_en: "Mechanical engineering",
    },
    SectorInfo {
        code: "che-bien-thuc-pham",
        name_vi: "Chế biến thực phẩm",
        name_en: "Food processing",
    },
    SectorInfo {
        code: "moi-truong",
        name_vi: "Môi trường",
        name_en: "Environment",
    },
    SectorInfo {
        code: "nang-luong",
        name_vi: "Năng lượng",
        name_en: "Energy",
    },
    SectorInfo {
        code: "cong-nghe-thong-tin",
        name_vi: "Công nghệ thông tin",
        name_en: "Information technology",
    },
    SectorInfo {
        code: "y-te",
        name_vi: "Y tế",
        name_en: "Health care",
    },
    SectorInfo {
        code: "vat-lieu-xay-dung",
        name_vi: "Vật liệu xây dựng",
        name_en: "Construction materials",
    },
    SectorInfo {
        code: "tu-van-chuyen-giao",
        name_vi: "Tư vấn – chuyển giao",
        name_en: "Consulting & know-how",
    },
];

impl Sector {
    /// Looks a sector up by its code: `required` when none was chosen, `invalid_choice` for a
    /// code that is not one (only an edited form sends one).
    pub fn parse(code: &str) -> Result<Self, &'static str> {
        let code = code.trim();
        if code.is_empty() {
            return Err("required");
        }
        SECTORS
            .iter()
            .find(|s| s.code == code)
            .map(Self)
            .ok_or("invalid_choice")
    }

    /// Stable code.
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// Name in the given language.
    pub fn name(self, lang: crate::i18n::Locale) -> &'static str {
        match lang {
            crate::i18n::Locale::Vi => self.0.name_vi,
            crate::i18n::Locale::En => self.0.name_en,
        }
    }
}

impl TryFrom<String> for Sector {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Sector> for String {
    fn from(value: Sector) -> Self {
        value.code().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sectors_round_trip_through_their_code() {
        for info in SECTORS {
            assert_eq!(Sector::parse(info.code).unwrap().code(), info.code);
        }
        assert_eq!(Sector::parse("casino"), Err("invalid_choice"));
    }
}
