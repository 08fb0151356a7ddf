//! The item lists: what each kind of community publishes, and questions
//! answered from it; on both engines.

use linli_model::{
    item::ItemKind,
    tree::{CommunityCode, MajorType},
};
use linli_service::{Error, items::Items, seed, test_on_both_engines};

const NOW: i64 = 1_790_000_000_000;

/// The first community of the city whose major type is `major`.
fn first(city: &seed::CityData, major: MajorType) -> CommunityCode {
    city.communities
        .iter()
        .map(|c| CommunityCode::parse(&c.node.code).expect("valid"))
        .find(|c| c.community_type().major() == major)
        .expect("the small city has one")
}

test_on_both_engines! {
    async fn towns_and_villages_publish_their_own_lists_with_all_four_parts(db: TestDb) {
        let city = linli_service::testing::small_city(&db.store, 150).await;
        seed::load_item_lists(&db.store, NOW).await.expect("load");
        // Loading twice keeps one list.
        seed::load_item_lists(&db.store, NOW).await.expect("load again");
        let items = Items { store: &db.store };

        let town = items.of_community(&first(&city, MajorType::Urban), None).await.expect("town");
        let village = items.of_community(&first(&city, MajorType::Rural), None).await.expect("village");
        let shipped = seed::base_items();
        let for_scope = |scope: &str| shipped.iter().filter(|i| i.scope == "all" || i.scope == scope).count();
        assert_eq!(town.items.len(), for_scope("urban"));
        assert_eq!(village.items.len(), for_scope("rural"));
        assert_eq!(town.totals.iter().sum::<u32>() as usize, town.items.len());
        assert!(town.totals.iter().all(|n| *n > 0), "every part has items: {:?}", town.totals);

        // Estates have owners' committees to oversee, villages their land.
        let titles = |list: &linli_model::item::CommunityItems| {
            list.items.iter().map(|i| i.title.zh.clone()).collect::<Vec<_>>()
        };
        assert!(titles(&town).iter().any(|t| t.contains("业主委员会")));
        assert!(!titles(&village).iter().any(|t| t.contains("业主委员会")));
        assert!(titles(&village).iter().any(|t| t.contains("集体所有的土地")));
        // Published in order: duties first, certificates last.
        assert_eq!(town.items.first().map(|i| i.kind), Some(ItemKind::Duty));
        assert_eq!(town.items.last().map(|i| i.kind), Some(ItemKind::NoCertificate));
    }
}

test_on_both_engines! {
    async fn a_question_in_either_language_finds_who_is_responsible(db: TestDb) {
        let city = linli_service::testing::small_city(&db.store, 20).await;
        seed::load_item_lists(&db.store, NOW).await.expect("load");
        let items = Items { store: &db.store };
        let town = first(&city, MajorType::Urban);

        let asked = items.of_community(&town, Some("谁开居住证明？")).await.expect("search");
        let best = asked.items.first().expect("an answer");
        assert_eq!(best.title.zh, "居住证明");
        assert_eq!(best.kind, ItemKind::NoCertificate);
        assert!(best.detail.zh.contains("派出所"), "{}", best.detail.zh);
        // One shared word ("证明") does not list every certificate.
        assert!(asked.items.len() < 5, "{} answers", asked.items.len());
        assert_eq!(asked.query.as_deref(), Some("谁开居住证明？"));

        let english = items.of_community(&town, Some("proof of residence")).await.expect("search");
        assert_eq!(english.items.first().map(|i| i.title.zh.as_str()), Some("居住证明"));

        let nothing = items.of_community(&town, Some("火箭发射")).await.expect("search");
        assert!(nothing.items.is_empty());
        // Punctuation alone searches nothing, and lists nothing.
        let blank = items.of_community(&town, Some("？？")).await.expect("search");
        assert!(blank.items.is_empty());
        assert_eq!(blank.totals, asked.totals);

        let unknown = CommunityCode::parse(&format!("{}99", &town.as_str()[..15])).expect("valid");
        assert!(matches!(items.of_community(&unknown, None).await, Err(Error::NotFound)));
    }
}
