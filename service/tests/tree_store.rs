//! The tree in the store, on SQLite and on PostgreSQL.

use std::collections::HashSet;

use linli_model::tree::{
    CommunityCode, CommunitySearch, DirectoryFilter, DistrictCode, GridKind, StreetCode,
};
use linli_service::{
    Error, Store,
    seed::{self, CityData, CityPlan, Silent},
    test_on_both_engines,
};

async fn demo(store: &Store) -> CityData {
    let city = seed::generate(&CityPlan::demo());
    store
        .load_city(&city, &Silent)
        .await
        .expect("load the demo city");
    city
}

fn search(text: &str) -> DirectoryFilter {
    DirectoryFilter {
        search: CommunitySearch::parse(text).expect("valid search"),
        ..DirectoryFilter::default()
    }
}

async fn all_pages(store: &Store, filter: &DirectoryFilter, limit: usize) -> Vec<CommunityCode> {
    let mut codes = Vec::new();
    let mut after: Option<CommunityCode> = None;
    loop {
        let page = store
            .communities(filter, after.as_ref(), limit)
            .await
            .expect("a page");
        assert!(page.items.len() <= limit);
        codes.extend(page.items.iter().map(|c| c.code.clone()));
        match page.next {
            Some(next) => after = Some(CommunityCode::parse(&next).expect("cursor is a code")),
            None => break,
        }
    }
    codes
}

test_on_both_engines! {
    async fn migrations_can_run_again_without_harm(db: TestDb) {
        db.store.migrate().await.expect("second run is a no-op");
        assert!(!db.store.has_city().await.expect("query"));
        assert_eq!(db.store.city_overview().await.expect("query"), None);
        db.store.ping().await.expect("ready");
    }
}

test_on_both_engines! {
    async fn the_overview_counts_what_was_loaded(db: TestDb) {
        let city = demo(&db.store).await;
        let overview = db.store.city_overview().await.expect("query").expect("a city");
        assert_eq!(overview.name.zh, "明州市");
        assert_eq!(overview.districts.len(), city.districts.len());
        assert_eq!(overview.street_count as usize, city.streets.len());
        assert_eq!(overview.community_count as usize, city.communities.len());
        assert_eq!(overview.grid_count as usize, city.grids.len());
        assert_eq!(overview.micro_grid_count as usize, city.micro_grids.len());
        let households: i64 = city.communities.iter().map(|c| i64::from(c.households)).sum();
        assert_eq!(overview.households as i64, households);
        let by_type: u32 = overview.by_type.iter().map(|(_, n)| n).sum();
        let by_size: u32 = overview.by_size.iter().map(|(_, n)| n).sum();
        assert_eq!((by_type, by_size), (300, 300));
        assert!(overview.by_type.iter().all(|(_, n)| *n > 0), "{:?}", overview.by_type);
    }
}

test_on_both_engines! {
    async fn a_second_load_is_refused_as_a_conflict(db: TestDb) {
        demo(&db.store).await;
        let again = db.store.load_city(&seed::generate(&CityPlan::demo()), &Silent).await;
        assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
    }
}

test_on_both_engines! {
    async fn racing_loads_give_one_city_and_conflicts_never_lock_errors(db: TestDb) {
        // A second store on the same database plays a second server process.
        let other = Store::connect(&db.url, &Default::default()).await.expect("second store");
        let city = seed::generate(&CityPlan::scale(40));
        let (a, b, c) = tokio::join!(
            db.store.load_city(&city, &Silent),
            other.load_city(&city, &Silent),
            db.store.load_city(&city, &Silent),
        );
        let results = [a, b, c];
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "{results:?}");
        for r in &results {
            assert!(matches!(r, Ok(()) | Err(Error::Conflict(_))), "{r:?}");
        }
        let overview = db.store.city_overview().await.expect("query").expect("a city");
        assert_eq!(overview.community_count, 40);
    }
}

test_on_both_engines! {
    async fn the_directory_pages_through_every_community_once_in_code_order(db: TestDb) {
        demo(&db.store).await;
        let codes = all_pages(&db.store, &DirectoryFilter::default(), 37).await;
        assert_eq!(codes.len(), 300);
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
        assert_eq!(codes.iter().collect::<HashSet<_>>().len(), 300);
    }
}

test_on_both_engines! {
    async fn the_directory_finds_by_name_pinyin_code_and_place(db: TestDb) {
        let city = demo(&db.store).await;
        let target = &city.communities[123];
        let short_zh: String = target.node.name.zh.chars().take(2).collect();

        let by_zh = all_pages(&db.store, &search(&short_zh), 50).await;
        assert!(by_zh.iter().any(|c| c.as_str() == target.node.code), "Chinese substring");

        let pinyin = target.node.name.en.split(' ').next().expect("a word").to_uppercase();
        let by_en = all_pages(&db.store, &search(&pinyin), 50).await;
        assert!(by_en.iter().any(|c| c.as_str() == target.node.code), "pinyin, any case");

        // The README's examples: 翠苑 by pinyin, whole or by initials.
        let cuiyuan = &city.communities[0].node;
        assert!(cuiyuan.name.zh.starts_with("翠苑"));
        for typed in ["cuiyuan", "CY", "cysq"] {
            let found = all_pages(&db.store, &search(typed), 50).await;
            assert!(found.iter().any(|c| c.as_str() == cuiyuan.code), "{typed} finds 翠苑");
        }
        let initials: String = target.node.name.zh.chars().take(2).map(|c| {
            linli_service::search::pinyin_key(&c.to_string()).chars().next().unwrap_or(' ')
        }).collect();
        let by_initials = all_pages(&db.store, &search(&initials), 50).await;
        assert!(by_initials.iter().any(|c| c.as_str() == target.node.code), "initials {initials}");

        let by_code = all_pages(&db.store, &search(&target.node.code), 50).await;
        assert_eq!(by_code.len(), 1);
        assert_eq!(by_code[0].as_str(), target.node.code);

        let street = &target.node.code[..9];
        let by_prefix = all_pages(&db.store, &search(street), 50).await;
        let expected = city.communities.iter().filter(|c| c.node.code.starts_with(street)).count();
        assert_eq!(by_prefix.len(), expected);
        let by_street = all_pages(
            &db.store,
            &DirectoryFilter {
                street: Some(StreetCode::parse(street).expect("valid")),
                ..DirectoryFilter::default()
            },
            50,
        )
        .await;
        assert_eq!(by_street, by_prefix);

        let district = DistrictCode::parse(&target.node.code[..6]).expect("valid");
        let by_district = all_pages(
            &db.store,
            &DirectoryFilter { district: Some(district.clone()), ..DirectoryFilter::default() },
            50,
        )
        .await;
        assert!(by_district.iter().all(|c| c.district() == district));
        assert_eq!(
            by_district.len(),
            city.communities.iter().filter(|c| c.node.code.starts_with(district.as_str())).count()
        );
    }
}

test_on_both_engines! {
    async fn wildcards_in_a_search_are_plain_characters(db: TestDb) {
        demo(&db.store).await;
        for text in ["%", "_", "%%社区", "\\"] {
            let found = all_pages(&db.store, &search(text), 50).await;
            assert!(found.is_empty(), "{text:?} matched {} communities", found.len());
        }
    }
}

test_on_both_engines! {
    async fn a_community_shows_its_grids_and_an_unknown_code_is_not_found(db: TestDb) {
        let city = demo(&db.store).await;
        let target = &city.communities[7];
        let code = CommunityCode::parse(&target.node.code).expect("valid");
        let detail = db.store.community(&code).await.expect("found");
        assert_eq!(detail.summary.name.zh, target.node.name.zh);
        assert_eq!(detail.summary.households as i32, target.households);
        let grids: Vec<_> = city.grids.iter().filter(|g| g.node.parent == target.node.id).collect();
        assert_eq!(detail.grids.len(), grids.len());
        assert_eq!(detail.summary.grid_count as usize, grids.len());
        assert!(detail.grids.windows(2).all(|w| w[0].code < w[1].code));
        assert!(detail.grids.iter().all(|g| g.code.community() == code));
        let residential = detail.grids.iter().filter(|g| g.kind == GridKind::Residential);
        assert!(residential.clone().all(|g| g.micro_grid_count > 0));
        assert_eq!(
            detail.micro_grid_count,
            detail.grids.iter().map(|g| g.micro_grid_count).sum::<u32>()
        );

        let street = code.street();
        let missing = CommunityCode::new(
            &street,
            999,
            code.community_type(),
            code.size_class(),
            99,
        )
        .expect("valid");
        assert!(matches!(db.store.community(&missing).await, Err(Error::NotFound)));
    }
}

test_on_both_engines! {
    async fn streets_of_a_district_add_up(db: TestDb) {
        let city = demo(&db.store).await;
        let district = DistrictCode::parse(&city.districts[2].code).expect("valid");
        let streets = db.store.streets(&district).await.expect("query");
        assert!(!streets.is_empty());
        assert!(streets.iter().all(|s| s.code.district() == district));
        let total: u32 = streets.iter().map(|s| s.community_count).sum();
        let expected = city
            .communities
            .iter()
            .filter(|c| c.node.code.starts_with(district.as_str()))
            .count();
        assert_eq!(total as usize, expected);
    }
}

test_on_both_engines! {
    async fn a_backup_is_a_consistent_copy(db: TestDb) {
        demo(&db.store).await;
        let dir = tempfile::tempdir().expect("temporary directory");
        let target = dir.path().join("backup.db");
        match db.url {
            linli_service::DatabaseUrl::Sqlite(_) => {
                db.store.backup(&target).await.expect("backup");
                let copy = linli_service::DatabaseUrl::Sqlite(target.clone());
                let restored = Store::connect(&copy, &Default::default()).await.expect("open copy");
                let overview = restored.city_overview().await.expect("query").expect("a city");
                assert_eq!(overview.community_count, 300);
                assert!(db.store.backup(&target).await.is_err(), "never overwrites");
            }
            linli_service::DatabaseUrl::Postgres(_) => {
                let err = db.store.backup(&target).await.expect_err("points to pg_dump");
                assert!(err.to_string().contains("pg_dump"));
            }
        }
    }
}

/// The whole SQLite file is read through the kernel's page cache: a build
/// that lost the raised mapping ceiling would cap the mapping at 2 GiB and
/// copy every page past it into each reader's own cache.
#[tokio::test]
async fn sqlite_maps_files_far_larger_than_two_gigabytes() {
    let db = linli_service::testing::TestDb::sqlite().await;
    let mapped = db.store.query_column::<i64>("PRAGMA mmap_size").await;
    let bytes = mapped[0];
    assert!(bytes >= 1 << 40, "mapping limited to {bytes} bytes");
}
