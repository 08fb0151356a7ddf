//! Texts of the item-list pages, one catalogue per language.

use linli_model::{Lang, item::ItemKind};

pub struct ItemText {
    pub link: &'static str,
    pub title: fn(&str) -> String,
    pub lead: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub show_all: &'static str,
    pub answers: fn(usize, &str) -> String,
    pub no_answer: &'static str,
    pub no_answer_hint: &'static str,
    pub kind_heading: fn(ItemKind) -> &'static str,
    pub kind_explained: fn(ItemKind) -> &'static str,
    /// What the detail line means for this kind of item.
    pub detail_label: fn(ItemKind) -> &'static str,
    pub count: fn(u32) -> String,
    pub contents: &'static str,
    /// An item's number, by which staff name it in an admission review.
    pub number: fn(i64) -> String,
    pub empty: &'static str,
}

pub fn texts(lang: Lang) -> &'static ItemText {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub fn use_it() -> &'static ItemText {
    texts(super::use_lang())
}

static ZH: ItemText = ItemText {
    link: "事项清单",
    title: |name| format!("{name}事项清单"),
    lead: "社区做什么、协助政府做什么，哪些事不归社区、哪些证明社区不能开，都写在这张清单上。清单之外的事，不应推给社区。",
    search_label: "您想办什么事？",
    search_hint: "例如：谁开居住证明、养老补贴、物业纠纷",
    search_button: "查找",
    show_all: "查看完整清单",
    answers: |n, q| format!("“{q}”：找到 {n} 项"),
    no_answer: "清单里没有找到相关事项。",
    no_answer_hint: "换个说法试试，或者到社区服务窗口当面问。",
    kind_heading: |k| match k {
        ItemKind::Duty => "依法履行职责事项",
        ItemKind::Assist => "依法协助政府工作事项",
        ItemKind::NotOurs => "不应由社区承担的工作",
        ItemKind::NoCertificate => "不应由社区出具的证明",
    },
    kind_explained: |k| match k {
        ItemKind::Duty => "社区依法自己负责办理的事。",
        ItemKind::Assist => "政府部门负责、社区协助办理的事。",
        ItemKind::NotOurs => "这些事不归社区管，请找右边写明的部门。",
        ItemKind::NoCertificate => "这些证明社区不能开，请到写明的单位办理。",
    },
    detail_label: |k| {
        if k.is_positive() { "依据" } else { "请找" }
    },
    count: |n| format!("{n} 项"),
    contents: "清单目录",
    number: |n| format!("编号 {n}"),
    empty: "这个社区还没有公布事项清单。",
};

static EN: ItemText = ItemText {
    link: "Item list",
    title: |name| format!("{name}: item list"),
    lead: "What the community does, what it helps government with, what is not its work and which certificates it cannot issue: all on this list. Anything not on it should not be pushed onto the community.",
    search_label: "What do you need done?",
    search_hint: "For example: proof of residence, elderly allowance, property dispute",
    search_button: "Find",
    show_all: "See the whole list",
    answers: |n, q| format!("“{q}”: {n} {}", if n == 1 { "item" } else { "items" }),
    no_answer: "Nothing on the list matches.",
    no_answer_hint: "Try other words, or ask at the community service desk.",
    kind_heading: |k| match k {
        ItemKind::Duty => "Duties by law",
        ItemKind::Assist => "Duties assisting government",
        ItemKind::NotOurs => "Not the community's work",
        ItemKind::NoCertificate => "Certificates the community must not issue",
    },
    kind_explained: |k| match k {
        ItemKind::Duty => "What the community itself is responsible for by law.",
        ItemKind::Assist => "Government work the community helps with.",
        ItemKind::NotOurs => "Not for the community: go to the body named.",
        ItemKind::NoCertificate => "The community cannot issue these: get them where named.",
    },
    detail_label: |k| {
        if k.is_positive() { "Basis" } else { "Go to" }
    },
    count: |n| format!("{n} {}", if n == 1 { "item" } else { "items" }),
    contents: "Contents",
    number: |n| format!("No. {n}"),
    empty: "This community has not published its item list yet.",
};
