//! The accountability figures on both engines: every step moves the
//! monthly sums as a rebuild from the matters would, a month's figures say
//! what happened to its matters, and places add up level by level.

use linli_model::{
    accountability::{Month, Rate, Share, TALLY_COLUMNS},
    matter::{Handler, MatterForm, Rating, Severity, Step},
    role::{Grant, Role, Scope},
    tree::CommunityCode,
};
use linli_service::{
    Store,
    accountability::Accountability,
    clock::{DAY, HOUR, ManualClock},
    matters::Matters,
    test_on_both_engines,
    testing::{person, small_city},
};

/// Monday 21 September 2026, 22:13 in Beijing.
const START: i64 = 1_790_000_000_000;

fn form(grid: &str, n: usize) -> MatterForm {
    MatterForm {
        grid: grid.to_owned(),
        category: "road_lighting".into(),
        title: format!("{n}幢门口路灯不亮"),
        description: "门口的路灯已经坏了一周，晚上老人出门看不清台阶。".into(),
        address: String::new(),
        latitude: String::new(),
        longitude: String::new(),
        show_name: String::new(),
        key: format!("key-{n:016}"),
        photos: String::new(),
    }
}

/// Every monthly row, as text, in key order.
async fn sums(store: &Store) -> Vec<String> {
    let columns = TALLY_COLUMNS
        .iter()
        .map(|c| format!("CAST({c} AS TEXT)"))
        .collect::<Vec<_>>()
        .join(" || ',' || ");
    let mut rows = store
        .query_strings(&format!(
            "SELECT CAST(month AS TEXT) || ':' || place || ':' || {columns} FROM matter_month \
             WHERE {} ORDER BY month, place",
            TALLY_COLUMNS
                .iter()
                .map(|c| format!("{c} <> 0"))
                .collect::<Vec<_>>()
                .join(" OR ")
        ))
        .await;
    rows.extend(
        store
            .query_strings(&format!(
                "SELECT CAST(month AS TEXT) || ':' || place || ':' || channel || ':' || {columns} \
                 FROM matter_month_channel WHERE reported <> 0 ORDER BY month, place, channel"
            ))
            .await,
    );
    rows.extend(
        store
            .query_strings(
                "SELECT CAST(month AS TEXT) || ':' || place || ':' || CAST(days AS TEXT) || '=' || \
                 CAST(closed AS TEXT) FROM matter_month_close WHERE closed <> 0 ORDER BY month, place, days",
            )
            .await,
    );
    // The statistics page's counts, kept by the same writes.
    rows.extend(
        store
            .query_strings(
                "SELECT place || ':' || state || ':' || channel || ':' || CAST(rating AS TEXT) || ':' || \
                 CAST(flagged AS TEXT) || ':' || CAST(local AS TEXT) || '=' || CAST(matters AS TEXT) \
                 FROM matter_count WHERE matters <> 0 ORDER BY place, state, channel, rating, flagged, local",
            )
            .await,
    );
    rows.extend(
        store
            .query_strings(
                "SELECT place || ':' || severity || ':' || CAST(hours AS TEXT) || '=' || CAST(closed AS TEXT) \
                 FROM matter_close_hours WHERE closed <> 0 ORDER BY place, severity, hours",
            )
            .await,
    );
    rows
}

test_on_both_engines! {
    async fn every_step_moves_the_month_as_a_rebuild_would(db: TestDb) {
        let clock = ManualClock::new(START);
        let city = small_city(&db.store, 6).await;
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let grid = community.grid(1).expect("valid");
        let g = |role, scope| Grant::new(role, scope).expect("valid grant");
        let resident = person(&db.store, "resident@x.cn", &[g(Role::Resident, Scope::Community(community.clone()))]).await;
        let staff = person(&db.store, "staff@x.cn", &[g(Role::CommunityStaff, Scope::Community(community.clone()))]).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let mut ids = Vec::new();
        for n in 0..7 {
            let (id, _) = matters.report(&resident, &community, &form(grid.as_str(), n)).await.expect("report");
            ids.push(id);
        }
        // Six answered the same evening; the seventh only three days later,
        // past the one-working-day window.
        let register = Step::Register { severity: Severity::Minor };
        for id in &ids[..6] {
            matters.step(&staff, *id, &register).await.expect("register");
        }
        let staff_id = staff.viewer().expect("signed in").id;
        for id in &ids[..6] {
            matters.step(&staff, *id, &Step::Dispatch { handler: Handler::Person(staff_id) }).await.expect("dispatch");
        }
        clock.advance(HOUR);
        // Five resolved in time and rated: four happy, one not.
        for (i, id) in ids[..5].iter().enumerate() {
            let done = Step::Resolve { done: linli_model::text::Text::parse("换了新灯泡").expect("valid") };
            matters.step(&staff, *id, &done).await.expect("resolve");
            let stars = if i == 0 { 2 } else { 5 };
            let rate = Step::Rate { rating: Rating::new(stars).expect("stars"), comment: None };
            matters.step(&resident, *id, &rate).await.expect("rate");
        }
        clock.advance(3 * DAY);
        matters.step(&staff, ids[6], &register).await.expect("late register");
        // The sixth and seventh miss their two working days and goes to the street.
        clock.advance(10 * DAY);
        matters.watch_deadlines().await.expect("watch");

        let figures = Accountability { store: &db.store, clock: &clock };
        let report = figures.report(community.as_str(), Some(Month::of(START))).await.expect("report");
        let t = report.figures.tally;
        assert_eq!((t.reported, t.responded_in_time), (7, 6), "six of seven answered within a working day");
        assert_eq!(report.figures.rate(Rate::Response), Share::Of { part: 6, whole: 7 });
        assert_eq!((t.accepted, t.closed, t.closed_in_community), (7, 5, 5));
        assert_eq!((t.judged, t.resolved_in_time), (7, 5), "five closed in time; the two overdue count against");
        assert_eq!((t.overdue, t.escalations), (2, 2));
        assert_eq!(report.figures.rate(Rate::Satisfaction), Share::Of { part: 4, whole: 5 });
        assert_eq!(report.figures.median_days_to_close, Some(0));
        // The grid's trend has the month, and nothing before it.
        let grid_report = figures.report(grid.as_str(), None).await.expect("grid report");
        assert_eq!(grid_report.trend.len(), 12);
        assert_eq!(grid_report.trend.iter().filter(|(_, f)| f.tally.reported > 0).count(), 1);
        assert!(grid_report.below.is_empty(), "a grid has nothing below it");

        let kept = sums(&db.store).await;
        assert!(!kept.is_empty());
        db.store.rebuild_rollup().await.expect("rebuild");
        assert_eq!(sums(&db.store).await, kept, "the sums kept step by step equal a rebuild");
    }
}

test_on_both_engines! {
    async fn places_add_up_and_small_ones_are_not_rated(db: TestDb) {
        let city = small_city(&db.store, 12).await;
        linli_service::seed::load_matters(&db.store, &city, 1500, START, 365, &linli_service::seed::Silent).await.expect("seed");
        let clock = ManualClock::new(START);
        let figures = Accountability { store: &db.store, clock: &clock };
        let month = Month::of(START).previous();
        let mut place = String::new();
        // From the city down to a community: each level's places add up
        // to the place above, and a place with few matters has no rates.
        for _ in 0..4 {
            let report = figures.report(&place, Some(month)).await.expect("report");
            assert!(report.figures.tally.reported > 0, "the seed has matters under '{place}' in {month}");
            let below = report.below.iter().fold(Default::default(), |sum: linli_model::accountability::Tally, p| sum.plus(p.figures.tally));
            assert_eq!(below, report.figures.tally, "the places below '{place}' add up to it");
            // And so do its channels: online, at the counter, by phone.
            let channels = report.by_channel.iter().fold(Default::default(), |sum: linli_model::accountability::Tally, (_, f)| sum.plus(f.tally));
            assert_eq!(channels, report.figures.tally, "the channels of '{place}' add up to it");
            if place.is_empty() {
                let seen: Vec<_> = report.by_channel.iter().map(|(c, _)| *c).collect();
                use linli_model::channel::Channel;
                assert_eq!(seen, vec![Channel::Online, Channel::InPerson, Channel::Phone]);
            }
            for p in &report.below {
                if p.figures.tally.reported < 5 {
                    assert_eq!(p.figures.rate(Rate::Response), Share::TooFew, "{}", p.code);
                }
            }
            let busiest = report.below.iter().max_by_key(|p| p.figures.tally.reported).expect("a place below");
            place = busiest.code.clone();
        }
        // Good communities and bad ones: the seed's league is not a tie.
        let mut rates = Vec::new();
        for c in &city.communities {
            let report = figures.report(&c.node.code, Some(month)).await.expect("community");
            rates.extend(report.figures.rate(Rate::Response).fraction());
        }
        assert!(rates.len() >= 2, "rated communities: {rates:?}");
        let spread = rates.iter().copied().fold(f64::MIN, f64::max) - rates.iter().copied().fold(f64::MAX, f64::min);
        assert!(spread > 0.1, "communities differ: {rates:?}");
        // A place that does not exist, and a month in the future.
        assert!(matches!(figures.report("330203999", None).await, Err(linli_service::Error::NotFound)));
        let later = figures.report("", Some(Month::of(START + 400 * DAY))).await.expect("future");
        assert_eq!(later.month, Month::of(START), "a future month shows this one");
        // The rebuild agrees with the load's own sums.
        let kept = sums(&db.store).await;
        db.store.rebuild_rollup().await.expect("rebuild");
        assert_eq!(sums(&db.store).await, kept);
    }
}

test_on_both_engines! {
    async fn the_standards_board_flags_what_falls_short_under_a_place(db: TestDb) {
        use linli_model::standards::FlagKind;
        use linli_service::standards::Standards;
        let clock = ManualClock::new(START);
        let city = small_city(&db.store, 6).await;
        let standards = Standards { store: &db.store, clock: &clock, staff_per_10k: 18 };
        let count = |board: &linli_model::standards::Board, kind| {
            board.counts.iter().find(|(k, _)| *k == kind).map_or(0, |(_, n)| *n)
        };
        let board = standards.board("").await.expect("board");
        assert_eq!(board.communities as usize, city.communities.len());
        assert_eq!(board.grids as usize, city.grids.len());
        assert_eq!(board.micro_grids as usize, city.micro_grids.len());
        // Nobody is posted anywhere yet: every grid lacks a worker, every
        // community its list and its workers; the generated sizes are right.
        assert_eq!(count(&board, FlagKind::GridWithoutWorker) as usize, city.grids.len());
        assert_eq!(count(&board, FlagKind::ListOutOfDate) as usize, city.communities.len());
        assert_eq!(count(&board, FlagKind::StaffBelowQuota) as usize, city.communities.len());
        assert_eq!(count(&board, FlagKind::MicroGridSize), 0);
        assert_eq!(count(&board, FlagKind::GridSize), 0);

        // A grid worker's account covers their grid, and only theirs.
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let grid = community.grid(1).expect("valid");
        person(&db.store, "worker@x.cn", &[Grant::new(Role::GridWorker, Scope::Grid(grid.clone())).expect("grant")]).await;
        let street = standards.board(&community.as_str()[..9]).await.expect("street board");
        let in_street = city.grids.iter().filter(|g| g.node.code.starts_with(&community.as_str()[..9])).count();
        assert_eq!(count(&street, FlagKind::GridWithoutWorker) as usize, in_street - 1);
        assert!(street.flags.iter().all(|f| f.code.starts_with(&community.as_str()[..9])), "only the street's places");
        assert!(!street.flags.iter().any(|f| f.kind == FlagKind::GridWithoutWorker && f.code == grid.as_str()));
        let names: Vec<&str> = street.parents.iter().map(|(code, _)| code.as_str()).collect();
        assert_eq!(names, ["", &community.as_str()[..6]], "the city, then the district");
        assert!(matches!(standards.board("330203999").await, Err(linli_service::Error::NotFound)));
    }
}
