//! Reports without a grid on both engines: a position finds the nearest
//! grid, an address the place it names, and what cannot be placed waits
//! for the staff over that place, who file it as of when it came in.

use linli_model::{
    matter::MatterForm,
    role::{Grant, Role, Scope},
    tree::{CommunityCode, GridCode},
};
use linli_service::{
    Error,
    clock::{HOUR, ManualClock},
    intake::{Filed, Intake},
    matters::Matters,
    test_on_both_engines,
    testing::{person, small_city},
};

/// Monday 21 September 2026, 22:13 in Beijing.
const START: i64 = 1_790_000_000_000;

fn form(address: &str, point: Option<(f64, f64)>, n: usize) -> MatterForm {
    let (latitude, longitude) = point.map_or((String::new(), String::new()), |(a, b)| {
        (a.to_string(), b.to_string())
    });
    MatterForm {
        grid: String::new(),
        category: "road_lighting".into(),
        title: format!("{n}号路灯不亮"),
        description: "路口的路灯已经坏了一周，晚上老人出门看不清台阶。".into(),
        address: address.to_owned(),
        latitude,
        longitude,
        show_name: String::new(),
        key: format!("key-{n:016}"),
        photos: String::new(),
    }
}

test_on_both_engines! {
    async fn a_position_finds_the_nearest_grid_and_a_name_its_place(db: TestDb) {
        let store = &db.store;
        let city = small_city(store, 40).await;
        for g in city.grids.iter().step_by(5) {
            let found = store.nearest_grid(g.centre.0 + 0.0006, g.centre.1 - 0.0004).await.expect("search");
            assert_eq!(found.map(|c| c.to_string()), Some(g.node.code.clone()), "near {}", g.node.code);
        }
        assert_eq!(store.nearest_grid(0.0, 0.0).await.expect("search"), None, "outside the city");

        let community = &city.communities[7];
        let street = city.streets.iter().find(|s| s.id == community.node.parent).expect("its street");
        let district = city.districts.iter().find(|d| d.id == street.parent).expect("its district");
        let named = |address: String| async move { store.place_named_in(&address).await.expect("search") };
        assert_eq!(named(format!("明州市{}{}3幢2单元", street.name.zh, community.node.name.zh)).await, community.node.code);
        assert_eq!(named(format!("{}东门", community.node.name.zh)).await, community.node.code);
        assert_eq!(named(format!("{}菜场后面", street.name.zh)).await, street.code);
        assert_eq!(named(format!("near the {} market", street.name.en.to_lowercase())).await, street.code, "English names, any case");
        assert_eq!(named(format!("{}人民路", district.name.zh)).await, district.code);
        assert_eq!(named("火车站南广场出口".to_owned()).await, "");
    }
}

test_on_both_engines! {
    async fn what_cannot_be_placed_waits_for_staff_over_its_place(db: TestDb) {
        let store = &db.store;
        let city = small_city(store, 40).await;
        let clock = ManualClock::new(START);
        let intake = Intake { store, clock: &clock, site: "http://linli.test" };
        let matters = Matters { store, clock: &clock, site: "http://linli.test" };
        let g = |role, scope| Grant::new(role, scope).expect("valid grant");
        let resident = person(store, "resident@x.cn", &[]).await;

        // A position inside the city: filed at once in the nearest grid.
        let grid = &city.grids[2];
        let Filed::Matter { id, new: true } = intake.file(&resident, &form("", Some(grid.centre), 1)).await.expect("filed") else {
            panic!("a position inside the city is placed at once");
        };
        assert_eq!(store.matter_row(id).await.expect("row").grid_code, grid.node.code);

        // An address naming only a street waits; a retry is the same report.
        let community = &city.communities[7];
        let code = CommunityCode::parse(&community.node.code).expect("code");
        let street = city.streets.iter().find(|s| s.id == community.node.parent).expect("its street");
        let address = format!("{}菜场后面的小路", street.name.zh);
        let Filed::Waiting { token } = intake.file(&resident, &form(&address, None, 2)).await.expect("kept") else {
            panic!("an address is not a grid");
        };
        assert_eq!(intake.file(&resident, &form(&address, None, 2)).await.expect("kept"), Filed::Waiting { token: token.clone() });
        assert_eq!(intake.token(&token).await.expect("token"), Some(None));
        assert_eq!(intake.token("no-such-token").await.expect("token"), None);
        // Bad content is refused as ever, the grid being the only thing not asked for.
        let mut empty = form(&address, None, 3);
        empty.description = "坏了".into();
        assert!(matches!(intake.file(&resident, &empty).await, Err(Error::Invalid(f)) if f.iter().any(|(k, _)| k == "description")));

        // Staff of a community in that street see it first; staff elsewhere do not.
        let ours = person(store, "ours@x.cn", &[g(Role::CommunityStaff, Scope::Community(code.clone()))]).await;
        let elsewhere_code = city
            .communities
            .iter()
            .find(|c| !c.node.code.starts_with(&street.code))
            .map(|c| CommunityCode::parse(&c.node.code).expect("code"))
            .expect("a community in another street");
        let theirs = person(store, "theirs@x.cn", &[g(Role::CommunityStaff, Scope::Community(elsewhere_code.clone()))]).await;
        let queue = matters.queue(&ours).await.expect("queue");
        assert_eq!(queue.waiting.iter().map(|w| w.title.as_str()).collect::<Vec<_>>(), ["2号路灯不亮"]);
        assert_eq!(queue.waiting[0].place, street.code);
        assert!(queue.grids.iter().all(|(c, _, _)| c.starts_with(code.as_str())) && !queue.grids.is_empty());
        assert!(matters.queue(&theirs).await.expect("queue").waiting.is_empty());
        let intake_id = queue.waiting[0].id;

        // Placing it: only a grid the person may manage, only once; the
        // matter is the resident's, dated when it came in.
        clock.advance(5 * HOUR);
        let our_grid: GridCode = code.grid(1).expect("grid");
        let their_grid: GridCode = elsewhere_code.grid(1).expect("grid");
        assert!(matches!(intake.place(&ours, intake_id, &their_grid).await, Err(Error::Denied(_))));
        assert!(matches!(intake.place(&theirs, intake_id, &their_grid).await, Err(Error::NotFound)), "not theirs to see");
        assert!(matches!(intake.place(&resident, intake_id, &our_grid).await, Err(Error::Denied(_))));
        let matter = intake.place(&ours, intake_id, &our_grid).await.expect("placed");
        let row = store.matter_row(matter).await.expect("row");
        assert_eq!((row.grid_code.as_str(), row.created_at), (our_grid.as_str(), START));
        assert_eq!(row.reporter_id, resident.viewer().expect("signed in").id.0);
        assert_eq!(intake.token(&token).await.expect("token"), Some(Some(matter)));
        assert!(matches!(intake.place(&ours, intake_id, &our_grid).await, Err(Error::Conflict(_))));
        assert!(matters.queue(&ours).await.expect("queue").waiting.is_empty());
    }
}
