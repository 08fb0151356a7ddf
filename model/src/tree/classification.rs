//! How communities and grids are classified.

use serde::{Deserialize, Serialize};

/// The three major community types, the 13th digit of a community code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MajorType {
    Urban,
    Rural,
    Industrial,
}

impl MajorType {
    pub const ALL: [MajorType; 3] = [MajorType::Urban, MajorType::Rural, MajorType::Industrial];

    pub fn digit(self) -> u8 {
        match self {
            MajorType::Urban => 1,
            MajorType::Rural => 2,
            MajorType::Industrial => 3,
        }
    }

    pub fn from_digit(digit: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.digit() == digit)
    }
}

/// The seven subtypes, the 14th digit. Each belongs to exactly one major type,
/// so storing the subtype alone can never contradict the major type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CommunityType {
    /// 老城区社区: older urban neighbourhoods.
    OldTown,
    /// 商品房社区: commercial housing estates.
    HousingEstate,
    /// 安置社区: resettlement communities.
    Resettlement,
    /// 农业村: farming villages.
    FarmingVillage,
    /// 城郊村: villages on the urban fringe.
    FringeVillage,
    /// 产业园区社区: industrial-park communities.
    IndustrialPark,
    /// 产城融合社区: mixed industry and housing.
    MixedUse,
}

impl CommunityType {
    pub const ALL: [CommunityType; 7] = [
        CommunityType::OldTown,
        CommunityType::HousingEstate,
        CommunityType::Resettlement,
        CommunityType::FarmingVillage,
        CommunityType::FringeVillage,
        CommunityType::IndustrialPark,
        CommunityType::MixedUse,
    ];

    pub fn digit(self) -> u8 {
        match self {
            CommunityType::OldTown => 1,
            CommunityType::HousingEstate => 2,
            CommunityType::Resettlement => 3,
            CommunityType::FarmingVillage => 4,
            CommunityType::FringeVillage => 5,
            CommunityType::IndustrialPark => 6,
            CommunityType::MixedUse => 7,
        }
    }

    pub fn from_digit(digit: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.digit() == digit)
    }

    pub fn major(self) -> MajorType {
        match self {
            CommunityType::OldTown | CommunityType::HousingEstate | CommunityType::Resettlement => {
                MajorType::Urban
            }
            CommunityType::FarmingVillage | CommunityType::FringeVillage => MajorType::Rural,
            CommunityType::IndustrialPark | CommunityType::MixedUse => MajorType::Industrial,
        }
    }

    /// Stable identifier for storage and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            CommunityType::OldTown => "old_town",
            CommunityType::HousingEstate => "housing_estate",
            CommunityType::Resettlement => "resettlement",
            CommunityType::FarmingVillage => "farming_village",
            CommunityType::FringeVillage => "fringe_village",
            CommunityType::IndustrialPark => "industrial_park",
            CommunityType::MixedUse => "mixed_use",
        }
    }
}

/// Size class, the 15th digit, scored from population, area and industry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SizeClass {
    General,
    Larger,
    ExtraLarge,
}

impl SizeClass {
    pub const ALL: [SizeClass; 3] = [SizeClass::General, SizeClass::Larger, SizeClass::ExtraLarge];

    pub fn digit(self) -> u8 {
        match self {
            SizeClass::General => 1,
            SizeClass::Larger => 2,
            SizeClass::ExtraLarge => 3,
        }
    }

    pub fn from_digit(digit: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.digit() == digit)
    }
}

/// Most grids cover homes; special grids cover workplaces, where the people
/// served are employees and traders rather than households.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum GridKind {
    Residential,
    OfficeTower,
    Market,
    ConstructionSite,
}

impl GridKind {
    pub const ALL: [GridKind; 4] = [
        GridKind::Residential,
        GridKind::OfficeTower,
        GridKind::Market,
        GridKind::ConstructionSite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GridKind::Residential => "residential",
            GridKind::OfficeTower => "office_tower",
            GridKind::Market => "market",
            GridKind::ConstructionSite => "construction_site",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subtype_has_a_distinct_digit_and_one_major_type() {
        for t in CommunityType::ALL {
            assert_eq!(CommunityType::from_digit(t.digit()), Some(t));
        }
        let urban = CommunityType::ALL
            .iter()
            .filter(|t| t.major() == MajorType::Urban)
            .count();
        let rural = CommunityType::ALL
            .iter()
            .filter(|t| t.major() == MajorType::Rural)
            .count();
        assert_eq!((urban, rural, 7 - urban - rural), (3, 2, 2));
        assert_eq!(CommunityType::from_digit(0), None);
        assert_eq!(CommunityType::from_digit(8), None);
    }

    #[test]
    fn digits_round_trip_for_major_types_and_size_classes() {
        for m in MajorType::ALL {
            assert_eq!(MajorType::from_digit(m.digit()), Some(m));
        }
        for s in SizeClass::ALL {
            assert_eq!(SizeClass::from_digit(s.digit()), Some(s));
        }
        assert_eq!(SizeClass::from_digit(4), None);
        assert_eq!(MajorType::from_digit(0), None);
    }

    #[test]
    fn grid_kinds_round_trip_through_their_names() {
        for k in GridKind::ALL {
            assert_eq!(GridKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(GridKind::parse("castle"), None);
    }
}
