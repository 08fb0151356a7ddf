//! Plausible Chinese place names with their pinyin, for synthetic cities.

use linli_model::{LocalName, tree::GridKind};

use super::Rng;

pub(super) struct District {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Has towns (镇) as well as urban streets.
    pub rural: bool,
    /// Industrial communities are common here.
    pub industrial: bool,
}

const fn district(
    code: &'static str,
    zh: &'static str,
    en: &'static str,
    rural: bool,
    industrial: bool,
) -> District {
    District {
        code,
        zh,
        en,
        rural,
        industrial,
    }
}

/// Districts with their national division codes.
pub(super) const DISTRICTS: [District; 10] = [
    district("330203", "海曙区", "Haishu District", false, false),
    district("330205", "江北区", "Jiangbei District", false, false),
    district("330206", "北仑区", "Beilun District", true, true),
    district("330211", "镇海区", "Zhenhai District", true, true),
    district("330212", "鄞州区", "Yinzhou District", true, false),
    district("330213", "奉化区", "Fenghua District", true, false),
    district("330225", "象山县", "Xiangshan County", true, false),
    district("330226", "宁海县", "Ninghai County", true, false),
    district("330281", "余姚市", "Yuyao City", true, true),
    district("330282", "慈溪市", "Cixi City", true, true),
];

/// Syllables that make up place names, with their pinyin.
const SYLLABLES: [(&str, &str); 50] = [
    ("翠", "cui"),
    ("苑", "yuan"),
    ("锦", "jin"),
    ("华", "hua"),
    ("兴", "xing"),
    ("和", "he"),
    ("安", "an"),
    ("福", "fu"),
    ("明", "ming"),
    ("光", "guang"),
    ("东", "dong"),
    ("西", "xi"),
    ("南", "nan"),
    ("北", "bei"),
    ("新", "xin"),
    ("春", "chun"),
    ("桂", "gui"),
    ("兰", "lan"),
    ("梅", "mei"),
    ("竹", "zhu"),
    ("松", "song"),
    ("柳", "liu"),
    ("湖", "hu"),
    ("江", "jiang"),
    ("溪", "xi"),
    ("桥", "qiao"),
    ("山", "shan"),
    ("泉", "quan"),
    ("园", "yuan"),
    ("庄", "zhuang"),
    ("塘", "tang"),
    ("丰", "feng"),
    ("裕", "yu"),
    ("宁", "ning"),
    ("康", "kang"),
    ("乐", "le"),
    ("平", "ping"),
    ("盛", "sheng"),
    ("嘉", "jia"),
    ("瑞", "rui"),
    ("祥", "xiang"),
    ("景", "jing"),
    ("星", "xing"),
    ("月", "yue"),
    ("云", "yun"),
    ("海", "hai"),
    ("潮", "chao"),
    ("港", "gang"),
    ("文", "wen"),
    ("惠", "hui"),
];

/// 翠 and 苑: the pair of syllables named by [`NamePool::landmark`].
const LANDMARK: (usize, usize) = (0, 1);

fn capitalised(s: &str) -> String {
    let mut s = s.to_owned();
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// Two-syllable names drawn without repetition in a shuffled order; once
/// every pair is used, names repeat with a number.
pub(super) struct NamePool {
    pairs: Vec<(usize, usize)>,
    next: usize,
}

impl NamePool {
    pub fn new(seed: u64) -> Self {
        let mut pairs: Vec<(usize, usize)> = (0..SYLLABLES.len())
            .flat_map(|a| (0..SYLLABLES.len()).map(move |b| (a, b)))
            .filter(|(a, b)| a != b && (*a, *b) != LANDMARK)
            .collect();
        let mut rng = Rng::new(seed ^ 0x4e41_4d45);
        for i in (1..pairs.len()).rev() {
            let j = (rng.next_u64() % (i as u64 + 1)) as usize;
            pairs.swap(i, j);
        }
        Self { pairs, next: 0 }
    }

    /// The name the README's examples find (翠苑, "cuiyuan", "cy"): the
    /// first community's, kept out of the shuffled pool so it is unique.
    pub fn landmark() -> LocalName {
        let (za, pa) = SYLLABLES[LANDMARK.0];
        let (zb, pb) = SYLLABLES[LANDMARK.1];
        LocalName::new(format!("{za}{zb}"), format!("{}{pb}", capitalised(pa)))
    }

    pub fn take(&mut self) -> LocalName {
        let (a, b) = self.pairs[self.next % self.pairs.len()];
        let round = self.next / self.pairs.len();
        self.next += 1;
        let (za, pa) = SYLLABLES[a];
        let (zb, pb) = SYLLABLES[b];
        let en = format!("{}{pb}", capitalised(pa));
        if round == 0 {
            LocalName::new(format!("{za}{zb}"), en)
        } else {
            LocalName::new(
                format!("{za}{zb}{}", round + 1),
                format!("{en} {}", round + 1),
            )
        }
    }
}

pub(super) fn grid_name(kind: GridKind, number: u32) -> LocalName {
    let (zh, en) = match kind {
        GridKind::Residential => ("", ""),
        GridKind::OfficeTower => ("（商务楼宇）", " (office towers)"),
        GridKind::Market => ("（集贸市场）", " (market)"),
        GridKind::ConstructionSite => ("（建筑工地）", " (construction site)"),
    };
    LocalName::new(format!("第{number}网格{zh}"), format!("Grid {number}{en}"))
}

pub(super) fn micro_grid_name(grid: u32, number: u32) -> LocalName {
    LocalName::new(
        format!("第{grid}网格第{number}微网格"),
        format!("Grid {grid}, micro-grid {number}"),
    )
}
