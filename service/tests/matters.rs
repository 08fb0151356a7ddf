//! Resident matters on both engines: reporting, every handling step by
//! role, deadlines and escalation with a controlled clock, support, merge.

use linli_model::{
    account::FieldError,
    calendar::{Day, DayKind, Festival, SpecialDay},
    matter::{Handler, Level, MatterForm, MatterState, Rating, Severity, Step, StepBy, StepKind},
    role::{Denied, Grant, Role, Scope},
    text::Line,
    tree::{CommunityCode, GridCode},
};
use linli_service::{
    Error, Store,
    clock::{DAY, ManualClock},
    matters::{Matters, REOPEN_WINDOW},
    policy::Actor,
    store::CalendarPlace,
    test_on_both_engines,
    testing::{person, small_city},
};

const START: i64 = 1_790_000_000_000;

/// One community with its people: a reporter, a neighbour, the grid worker
/// of grid 1, community staff, the street officer, and staff of another
/// community.
struct Cast {
    community: CommunityCode,
    grid: GridCode,
    resident: Actor,
    neighbour: Actor,
    worker: Actor,
    other_worker: Actor,
    staff: Actor,
    street: Actor,
    far_staff: Actor,
}

async fn cast(store: &Store) -> Cast {
    let city = small_city(store, 12).await;
    let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
    let far = city
        .communities
        .iter()
        .map(|c| CommunityCode::parse(&c.node.code).expect("valid"))
        .find(|c| c.street() != community.street())
        .expect("a community in another street");
    let grid = community.grid(1).expect("valid");
    let g = |role, scope| Grant::new(role, scope).expect("valid grant");
    Cast {
        resident: person(
            store,
            "resident@x.cn",
            &[g(Role::Resident, Scope::Community(community.clone()))],
        )
        .await,
        neighbour: person(store, "neighbour@x.cn", &[]).await,
        worker: person(
            store,
            "worker@x.cn",
            &[g(Role::GridWorker, Scope::Grid(grid.clone()))],
        )
        .await,
        other_worker: person(
            store,
            "worker2@x.cn",
            &[g(
                Role::GridWorker,
                Scope::Grid(community.grid(2).expect("valid")),
            )],
        )
        .await,
        staff: person(
            store,
            "staff@x.cn",
            &[g(Role::CommunityStaff, Scope::Community(community.clone()))],
        )
        .await,
        street: person(
            store,
            "street@x.cn",
            &[g(Role::StreetOfficer, Scope::Street(community.street()))],
        )
        .await,
        far_staff: person(
            store,
            "far@x.cn",
            &[g(Role::CommunityStaff, Scope::Community(far))],
        )
        .await,
        grid,
        community,
    }
}

fn form(grid: &GridCode, title: &str, key: &str) -> MatterForm {
    MatterForm {
        grid: grid.to_string(),
        category: "road_lighting".into(),
        title: title.into(),
        description: "3幢门口的路灯已经坏了一周，晚上老人出门看不清台阶。".into(),
        address: "3幢1单元门口".into(),
        latitude: String::new(),
        longitude: String::new(),
        show_name: String::new(),
        key: key.into(),
        photos: String::new(),
    }
}

/// Every matter a filter lists, page after page of `per`, in listed order.
async fn every_page(
    matters: &Matters<'_>,
    filter: &linli_model::matter::MatterFilter,
    per: usize,
) -> Vec<i64> {
    let (mut listed, mut before) = (Vec::new(), None);
    loop {
        let page = matters.list(filter, before, per).await.expect("page");
        listed.extend(page.items.iter().map(|m| m.id));
        match page.next {
            Some(next) => before = Some(next.parse::<i64>().expect("an id")),
            None => return listed,
        }
    }
}

fn id_of(actor: &Actor) -> linli_model::account::AccountId {
    actor.viewer().expect("signed in").id
}

/// What a person typed, valid.
fn text<const MAX: usize>(typed: &str) -> linli_model::text::Text<MAX> {
    linli_model::text::Text::parse(typed).expect("valid")
}

test_on_both_engines! {
    async fn a_report_is_filed_once_however_often_it_is_sent(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let f = form(&c.grid, "3幢门口路灯不亮", "key-0000000000000001");
        let (id, created) = matters.report(&c.resident, &c.community, &f).await.expect("report");
        assert!(created);
        let (again, created_again) = matters.report(&c.resident, &c.community, &f).await.expect("retry");
        assert_eq!((again, created_again), (id, false), "a double submit is one matter");

        let (detail, part) = matters.detail(&c.resident, id).await.expect("detail");
        assert_eq!(detail.summary.state, MatterState::Submitted);
        assert_eq!(detail.timeline.len(), 1);
        assert_eq!(detail.timeline[0].kind, StepKind::Reported);
        assert!(part.reporter && !part.may_manage);

        // The name stays hidden from the public unless the resident chose
        // to show it; the staff who handle it see it.
        let (public, _) = matters.detail(&Actor::Anonymous, id).await.expect("public");
        assert_eq!(public.reporter, None);
        assert_eq!(public.timeline[0].by, StepBy::Reporter, "a hidden reporter is still the resident");
        let (for_staff, staff_part) = matters.detail(&c.staff, id).await.expect("staff");
        assert_eq!(for_staff.reporter.as_deref(), Some("resident@x.cn"));
        assert!(staff_part.may_manage);
        let names: Vec<&str> = staff_part.handlers.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, vec!["staff@x.cn", "worker@x.cn"], "the grid's worker and the community's staff, not grid 2's worker");
        assert!(part.handlers.is_empty(), "residents are not shown who could handle it");

        let bad = MatterForm { category: "flying_saucers".into(), ..form(&c.grid, "天上有飞碟", "key-0000000000000002") };
        assert!(matches!(matters.report(&c.resident, &c.community, &bad).await, Err(Error::Invalid(f)) if f[0] == ("category".to_owned(), FieldError::NotAChoice)));
        // A well-formed grid code of the community that names no grid.
        let nowhere = GridCode::parse(&format!("{}999", c.community)).expect("grid code");
        let lost = form(&nowhere, "3幢门口路灯不亮", "key-0000000000000004");
        assert!(matches!(matters.report(&c.resident, &c.community, &lost).await, Err(Error::Invalid(f)) if f[0] == ("grid".to_owned(), FieldError::NotInCommunity)));
        let short = form(&c.grid, "灯", "key-0000000000000003");
        assert!(matches!(matters.report(&c.resident, &c.community, &short).await, Err(Error::Invalid(f)) if f[0].0 == "title"));
        assert!(matches!(matters.report(&Actor::Anonymous, &c.community, &f).await, Err(Error::Denied(Denied::SignInRequired))));
    }
}

test_on_both_engines! {
    async fn a_matter_goes_from_report_to_rating(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, "3幢门口路灯不亮", "key-0000000000000010")).await.expect("report");

        assert_eq!(matters.step(&c.worker, id, &Step::Register { severity: Severity::General }).await.expect("register"), MatterState::Registered);
        let row = db.store.matter_row(id).await.expect("row");
        // Registered on Monday 21 September 2026: Friday the 25th is the
        // Mid-Autumn Festival, so five working days end on Tuesday the 29th.
        assert_eq!(row.deadline_at, Some(Day::parse("2026-09-29").expect("date").end_ms()));
        assert_eq!(row.level, "community");
        let worker = Handler::Person(id_of(&c.worker));
        assert_eq!(matters.step(&c.staff, id, &Step::Dispatch { handler: worker }).await.expect("dispatch"), MatterState::Dispatched);
        let told = matters.inbox(&c.worker).await.expect("the handler's inbox");
        assert!(told.iter().any(|n| n.matter == id && n.kind == StepKind::Dispatched), "the handler hears of being dispatched: {told:?}");
        assert_eq!(matters.waiting(&c.worker).await.expect("count"), Some(1), "the matter waits in the worker's queue");
        assert_eq!(matters.waiting(&c.resident).await.expect("count"), None, "residents have no queue");
        assert_eq!(matters.step(&c.worker, id, &Step::Start).await.expect("start"), MatterState::InProgress);
        clock.advance(DAY);
        let done = Step::Resolve { done: text("换了新灯泡") };
        assert_eq!(matters.step(&c.worker, id, &done).await.expect("resolve"), MatterState::Resolved);
        let rate = Step::Rate { rating: Rating::new(4).expect("valid"), comment: Some(text("修得很快")) };
        assert!(matches!(matters.step(&c.neighbour, id, &rate).await, Err(Error::Denied(Denied::NotPermitted))), "only the reporter rates");
        assert_eq!(matters.step(&c.resident, id, &rate).await.expect("rate"), MatterState::Closed);

        let (detail, _) = matters.detail(&Actor::Anonymous, id).await.expect("detail");
        let kinds: Vec<StepKind> = detail.timeline.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, vec![StepKind::Reported, StepKind::Registered, StepKind::Dispatched, StepKind::Started, StepKind::Resolved, StepKind::Rated]);
        assert_eq!(detail.timeline[2].by, StepBy::Named("staff@x.cn".into()), "staff act under their names");
        assert_eq!(detail.timeline[5].by, StepBy::Reporter, "the rating is the resident's, not the system's");
        assert_eq!(detail.timeline[4].note.as_deref(), Some("换了新灯泡"));
        assert_eq!(detail.rating.map(Rating::stars), Some(4));
        assert_eq!(detail.handler.as_deref(), Some("worker@x.cn"));
        assert!(matches!(matters.step(&c.staff, id, &Step::Start).await, Err(Error::Conflict(_))), "nothing follows a closed matter");

        let log = db.store.audit_actions().await;
        assert!(log.contains(&"matter.registered".to_owned()) && log.contains(&"matter.rated".to_owned()));

        // The reporter heard of each step by email too (not of their own rating).
        let mail = db.store.unsent_messages(100).await.expect("outbox");
        let to_resident: Vec<_> = mail.iter().filter(|m| m.recipient == "resident@x.cn").collect();
        assert_eq!(to_resident.len(), 4, "registered, dispatched, started, resolved");
        assert!(to_resident[0].subject.contains("立案") && to_resident[0].subject.contains("Registered"));
        assert!(to_resident[3].body.contains(&format!("http://linli.test/matters/{id}")));
        assert!(to_resident[3].body.contains("换了新灯泡"));
        assert!(mail.iter().all(|m| m.recipient != "staff@x.cn"), "staff follow their queue, not their inbox");
        // The handler hears of being dispatched and of the rating, not of
        // the steps they took themselves.
        let to_worker: Vec<&str> = mail.iter().filter(|m| m.recipient == "worker@x.cn").map(|m| m.subject.as_str()).collect();
        assert_eq!(to_worker.len(), 2, "{to_worker:?}");
        assert!(to_worker[0].contains("Dispatched") && to_worker[1].contains("Rated"), "{to_worker:?}");
    }
}

test_on_both_engines! {
    async fn each_step_is_refused_to_those_it_does_not_belong_to(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, "楼道堆放杂物", "key-0000000000000020")).await.expect("report");
        let register = Step::Register { severity: Severity::Minor };
        for (who, why) in [(&c.resident, Denied::NotPermitted), (&c.neighbour, Denied::NotPermitted), (&c.other_worker, Denied::OutOfScope), (&c.far_staff, Denied::OutOfScope)] {
            assert!(matches!(matters.step(who, id, &register).await, Err(Error::Denied(d)) if d == why), "{why:?}");
        }
        assert!(matches!(matters.step(&Actor::Anonymous, id, &register).await, Err(Error::Denied(Denied::SignInRequired))));
        assert!(matches!(matters.step(&c.staff, id, &Step::Start).await, Err(Error::Conflict(_))), "not before dispatch");
        assert!(matches!(matters.step(&c.staff, id, &Step::Escalate { to: Level::Street }).await, Err(Error::Denied(_))), "only the deadline watch escalates");

        // The street officer may act in a community of the street.
        matters.step(&c.street, id, &register).await.expect("street registers");
        let to_resident = Step::Dispatch { handler: Handler::Person(id_of(&c.neighbour)) };
        assert!(matches!(matters.step(&c.staff, id, &to_resident).await, Err(Error::Invalid(f)) if f[0].0 == "handler"), "only workers and staff handle matters");
        matters.step(&c.staff, id, &Step::Dispatch { handler: Handler::Team(Line::parse("物业维修班").expect("valid")) }).await.expect("to a team");
        assert!(matches!(matters.step(&c.neighbour, id, &Step::Start).await, Err(Error::Denied(_))));
        assert!(matches!(matters.step(&c.resident, id, &Step::Reopen { reason: text("x") }).await, Err(Error::Conflict(_))), "reopen only after resolve");

        let denied = db.store.audit_actions().await;
        assert!(denied.iter().filter(|a| *a == "matter.registered").count() >= 4, "refusals are audited too");
    }
}

test_on_both_engines! {
    async fn overdue_matters_go_up_a_level_once(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, "消防通道被占", "key-0000000000000030")).await.expect("report");
        matters.step(&c.staff, id, &Step::Register { severity: Severity::Minor }).await.expect("register");
        assert_eq!(matters.watch_deadlines().await.expect("watch"), (0, 0), "nothing is due yet");

        clock.advance(5 * DAY);
        // Two instances watching at once move the matter once.
        let (a, b) = tokio::join!(matters.watch_deadlines(), matters.watch_deadlines());
        assert_eq!(a.expect("first").0 + b.expect("second").0, 1);
        let row = db.store.matter_row(id).await.expect("row");
        assert_eq!((row.level.as_str(), row.overdue), ("street", 1));
        assert!(row.deadline_at.expect("a new deadline") > clock_now(&clock));
        assert_eq!(matters.watch_deadlines().await.expect("watch").0, 0, "no double escalation");

        clock.advance(5 * DAY);
        assert_eq!(matters.watch_deadlines().await.expect("watch").0, 1);
        assert_eq!(db.store.matter_row(id).await.expect("row").level, "district");
        clock.advance(30 * DAY);
        assert_eq!(matters.watch_deadlines().await.expect("watch").0, 0, "the district is the top");

        let (detail, _) = matters.detail(&Actor::Anonymous, id).await.expect("detail");
        let escalations = detail.timeline.iter().filter(|e| e.kind == StepKind::Escalated).count();
        assert_eq!(escalations, 2);
        assert!(detail.summary.overdue);
    }
}

test_on_both_engines! {
    async fn the_deadline_watch_reads_only_what_it_may_move(db: TestDb) {
        // In a large city thousands of open matters sit flagged at the top
        // past their deadline; a watch on the general indexes walked them
        // all every minute. Its own partial indexes hold only what it moves.
        let plans = db.store.deadline_watch_plans().await.expect("plans");
        assert!(plans.contains("matter_due_idx"), "the overdue read uses matter_due_idx:\n{plans}");
        assert!(plans.contains("matter_resolved_idx"), "the unrated read uses matter_resolved_idx:\n{plans}");
        assert!(!plans.to_uppercase().contains("TEMP B-TREE") && !plans.contains("Sort"), "both come in deadline order, unsorted:\n{plans}");
    }
}

test_on_both_engines! {
    async fn an_instance_back_after_a_month_catches_up_in_one_round(db: TestDb) {
        let city = small_city(&db.store, 12).await;
        linli_service::seed::load_matters(&db.store, &city, 12_000, START, 365, &linli_service::seed::Silent).await.expect("seed");
        let clock = ManualClock::new(START + 30 * DAY);
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let (escalated, closed) = matters.watch_deadlines().await.expect("watch");
        // More than one batch (200) went up: a round no longer stops after
        // its first batch.
        assert!(escalated > 200 && closed > 0, "escalated {escalated}, closed {closed}");
        assert_eq!(matters.watch_deadlines().await.expect("watch"), (0, 0), "nothing left over");
    }
}

fn clock_now(clock: &ManualClock) -> i64 {
    use linli_service::clock::Clock;
    clock.now()
}

test_on_both_engines! {
    async fn residents_reopen_within_two_weeks_and_silence_closes(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let resolve = |done: &str| Step::Resolve { done: text(done) };
        let mut ids = Vec::new();
        for n in 0..2 {
            let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, "垃圾桶满了没人清", &format!("key-00000000000004{n}"))).await.expect("report");
            matters.step(&c.staff, id, &Step::Register { severity: Severity::General }).await.expect("register");
            matters.step(&c.staff, id, &Step::Dispatch { handler: Handler::Person(id_of(&c.worker)) }).await.expect("dispatch");
            matters.step(&c.worker, id, &resolve("清运了")).await.expect("resolve");
            ids.push(id);
        }
        clock.advance(3 * DAY);
        let reopen = Step::Reopen { reason: text("第二天又满了") };
        assert_eq!(matters.step(&c.resident, ids[0], &reopen).await.expect("reopen"), MatterState::Registered);

        clock.advance(REOPEN_WINDOW);
        assert_eq!(matters.watch_deadlines().await.expect("watch").1, 1, "the unrated one closes");
        assert_eq!(db.store.matter_row(ids[1]).await.expect("row").state, "closed");
        assert!(matches!(matters.step(&c.resident, ids[1], &reopen).await, Err(Error::Conflict(_))));
    }
}

test_on_both_engines! {
    async fn neighbours_support_and_duplicates_merge(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let (first, _) = matters.report(&c.resident, &c.community, &form(&c.grid, "3幢门口路灯不亮", "key-0000000000000050")).await.expect("report");
        assert!(matters.support(&c.neighbour, first).await.expect("support"));
        assert!(!matters.support(&c.neighbour, first).await.expect("again"), "support counts once");
        assert!(!matters.support(&c.resident, first).await.expect("own"), "not one's own");
        assert!(matches!(matters.support(&Actor::Anonymous, first).await, Err(Error::Denied(Denied::SignInRequired))));
        assert_eq!(db.store.matter_summary(first).await.expect("summary").support_count, 1);

        let similar = matters.similar(&c.community, Some(&c.grid), Some("road_lighting"), "3幢路灯不亮了").await.expect("similar");
        assert_eq!(similar.iter().map(|m| m.id).collect::<Vec<_>>(), vec![first]);
        assert!(matters.similar(&c.community, Some(&c.grid), None, "宠物狗乱叫").await.expect("similar").is_empty());

        let (second, _) = matters.report(&c.neighbour, &c.community, &form(&c.grid, "3幢路灯坏了", "key-0000000000000051")).await.expect("report");
        assert!(matches!(matters.step(&c.staff, second, &Step::Merge { into: second }).await, Err(Error::Invalid(f)) if f[0].0 == "into"));
        assert_eq!(matters.step(&c.staff, second, &Step::Merge { into: first }).await.expect("merge"), MatterState::Merged);
        let (merged, _) = matters.detail(&Actor::Anonymous, second).await.expect("detail");
        assert_eq!(merged.merged_into, Some(first));
    }
}

test_on_both_engines! {
    async fn work_queues_and_the_inbox(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let mut ids = Vec::new();
        for (n, title) in ["楼道灯不亮", "电动车楼道充电", "井盖松动"].iter().enumerate() {
            let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, title, &format!("key-00000000000006{n}"))).await.expect("report");
            ids.push(id);
        }
        matters.support(&c.neighbour, ids[1]).await.expect("support");
        matters.step(&c.worker, ids[0], &Step::Register { severity: Severity::General }).await.expect("register");
        matters.step(&c.worker, ids[1], &Step::Register { severity: Severity::Minor }).await.expect("register");

        // The grid worker's queue: the unregistered first, then by deadline.
        let queue = matters.queue(&c.worker).await.expect("queue");
        assert_eq!(queue.place, c.grid.to_string());
        assert_eq!(queue.items.iter().map(|m| m.id).collect::<Vec<_>>(), vec![ids[2], ids[1], ids[0]]);
        assert!(matters.queue(&c.other_worker).await.expect("queue").items.is_empty(), "another grid's worker sees none");
        assert!(matches!(matters.queue(&c.resident).await, Err(Error::Denied(Denied::NotPermitted))));

        // Street officers see what escalated to the street, nothing before.
        assert!(matters.queue(&c.street).await.expect("queue").items.is_empty());
        clock.advance(4 * DAY);
        matters.watch_deadlines().await.expect("watch");
        let street_queue = matters.queue(&c.street).await.expect("queue");
        assert_eq!(street_queue.items.iter().map(|m| m.id).collect::<Vec<_>>(), vec![ids[1]]);
        assert!(street_queue.items[0].overdue);

        // The reporter and the supporter hear of every change; the person
        // who made it does not.
        let inbox = matters.inbox(&c.resident).await.expect("inbox");
        let kinds: Vec<(i64, StepKind)> = inbox.iter().map(|i| (i.matter, i.kind)).collect();
        assert_eq!(kinds, vec![(ids[1], StepKind::Escalated), (ids[1], StepKind::Registered), (ids[0], StepKind::Registered)]);
        assert!(inbox.iter().all(|i| !i.read));
        assert!(matters.inbox(&c.resident).await.expect("again").iter().all(|i| i.read), "reading marks it read");
        let supporter = matters.inbox(&c.neighbour).await.expect("inbox");
        assert_eq!(supporter.iter().map(|i| i.matter).collect::<Vec<_>>(), vec![ids[1], ids[1]]);
        assert!(matters.inbox(&c.worker).await.expect("inbox").is_empty());
    }
}

test_on_both_engines! {
    async fn changes_reach_every_instance(db: TestDb) {
        use linli_service::{Engine, StoreOptions};
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, "小区大门道闸故障", "key-0000000000000070")).await.expect("report");
        matters.step(&c.staff, id, &Step::Register { severity: Severity::General }).await.expect("register");
        // On PostgreSQL a second instance (its own pool and listener) hears
        // of a change made through the first; SQLite runs one instance.
        let other = match db.store.engine() {
            Engine::Postgres => Store::connect(&db.url, &StoreOptions::default()).await.expect("second instance"),
            Engine::Sqlite => db.store.clone(),
        };
        let mut changes = other.matter_changes();
        let team = Step::Dispatch { handler: Handler::Team(Line::parse("物业").expect("valid")) };
        let mut heard = None;
        // The listener starts when the first watcher subscribes; dispatch
        // again (a real step each time) until it hears.
        for _ in 0..50 {
            matters.step(&c.staff, id, &team).await.expect("dispatch");
            if let Ok(Ok(changed)) = tokio::time::timeout(std::time::Duration::from_millis(200), changes.recv()).await {
                heard = Some(changed);
                break;
            }
        }
        assert_eq!(heard, Some(id));
        // Support is a change too.
        while changes.try_recv().is_ok() {}
        matters.support(&c.neighbour, id).await.expect("support");
        let changed = tokio::time::timeout(std::time::Duration::from_secs(5), changes.recv()).await.expect("in time").expect("a change");
        assert_eq!(changed, id);
    }
}

test_on_both_engines! {
    async fn statistics_count_what_residents_watch(db: TestDb) {
        use linli_service::clock::HOUR;
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let mut ids = Vec::new();
        for n in 0..10 {
            let title = format!("{n}号楼路面坑洼积水");
            let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, &title, &format!("key-0000000000008{n:02}"))).await.expect("report");
            ids.push(id);
        }
        let register = |severity| Step::Register { severity };
        for id in &ids[..5] {
            matters.step(&c.staff, *id, &register(Severity::General)).await.expect("register");
            matters.step(&c.staff, *id, &Step::Dispatch { handler: Handler::Person(id_of(&c.worker)) }).await.expect("dispatch");
        }
        clock.advance(30 * HOUR);
        for (n, (id, stars)) in ids[..5].iter().zip([4, 4, 5, 3, 4]).enumerate() {
            matters.step(&c.worker, *id, &Step::Resolve { done: text("填平了") }).await.expect("resolve");
            matters.step(&c.resident, *id, &Step::Rate { rating: Rating::new(stars).expect("valid"), comment: None }).await.expect("rate");
            if n == 0 {
                // One rating is one person's: not published on its own.
                let early = matters.stats(c.community.as_str()).await.expect("stats");
                assert_eq!((early.mean_rating, early.ratings.len()), (None, 0));
                assert_eq!(early.settled_in_community_share, None, "one closed matter is too few for a share");
            }
        }
        for id in &ids[5..8] {
            matters.step(&c.staff, *id, &register(Severity::Minor)).await.expect("register");
        }
        // Registered on Wednesday 23 September: two working days end on
        // Monday the 28th, past the Mid-Autumn Festival.
        clock.advance(6 * DAY);
        for id in &ids[8..] {
            matters.step(&c.staff, *id, &register(Severity::Minor)).await.expect("register");
        }

        let stats = matters.stats(c.community.as_str()).await.expect("stats");
        assert_eq!((stats.open, stats.closed), (5, 5));
        assert_eq!(stats.ratings, vec![0, 0, 1, 3, 1]);
        assert_eq!(stats.mean_rating, Some(4.0));
        assert_eq!(stats.settled_in_community_share, Some(1.0));
        assert_eq!(stats.overdue_share, Some(0.6), "three of the five open matters are past their deadline");
        let general = stats.median_hours_to_close.iter().find(|(s, _)| *s == Severity::General).expect("general");
        assert_eq!(general.1, Some(30));
        let other = matters.stats(c.community.street().as_str()).await.expect("street");
        assert_eq!(other.open + other.closed, 10, "a street counts its communities' matters");
        // The watch flags the three and gives them new deadlines: still
        // three late, counted once.
        matters.watch_deadlines().await.expect("watch");
        let watched = matters.stats(c.community.as_str()).await.expect("stats");
        assert_eq!(watched.overdue_share, Some(0.6), "flagged by the watch, still late");
        assert_eq!(watched.by_state, stats.by_state);
    }
}

test_on_both_engines! {
    async fn a_community_sets_its_own_deadlines_and_categories(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let pairs = |general: &str, offer: &[&str]| {
            let mut p: Vec<(String, String)> = vec![
                ("days_minor".into(), "2".into()),
                ("days_general".into(), general.into()),
                ("days_larger".into(), "10".into()),
                ("days_major".into(), "15".into()),
                ("response_days".into(), "2".into()),
            ];
            p.extend(offer.iter().map(|o| ("offer".to_owned(), (*o).to_owned())));
            p
        };
        let all_but_parking: Vec<&str> = ["public_facilities", "road_lighting", "noise"].to_vec();
        for refused in [&c.resident, &c.worker, &c.far_staff] {
            assert!(matches!(
                matters.save_settings(refused, &c.community, &pairs("3", &all_but_parking)).await,
                Err(Error::Denied(_))
            ));
        }
        let bad = matters.save_settings(&c.staff, &c.community, &pairs("0", &[])).await;
        assert!(matches!(bad, Err(Error::Invalid(f)) if f.len() == 2));
        let saved = matters
            .save_settings(&c.street, &c.community, &pairs("3", &all_but_parking))
            .await
            .expect("the street officer may");
        assert!(saved.deadlines.contains(&(Severity::General, 3)));
        assert_eq!(saved.response_days, 2);
        let offered: Vec<&str> = saved.offered().map(|c| c.code.as_str()).collect();
        assert_eq!(offered, all_but_parking);

        // A general matter now has three working days here…
        let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, "3幢门口路灯不亮", "key-0000000000000070")).await.expect("report");
        matters.step(&c.worker, id, &Step::Register { severity: Severity::General }).await.expect("register");
        let due = |date: &str| Some(Day::parse(date).expect("date").end_ms());
        let row = db.store.matter_row(id).await.expect("row");
        assert_eq!(row.deadline_at, due("2026-09-24"));
        assert_eq!(row.response_due_at, due("2026-09-23"), "two working days to answer it, as set");
        // A day the district takes off moves the next deadline past the
        // Mid-Autumn Festival; other districts keep the national calendar.
        let local = SpecialDay { day: Day::parse("2026-09-22").expect("date"), kind: DayKind::Holiday, festival: Festival::Local };
        db.store.set_calendar_day(&CalendarPlace::District(c.community.district()), &local).await.expect("a district holiday");
        let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, "5幢楼道灯不亮", "key-0000000000000072")).await.expect("report");
        matters.step(&c.worker, id, &Step::Register { severity: Severity::General }).await.expect("register");
        assert_eq!(db.store.matter_row(id).await.expect("row").deadline_at, due("2026-09-28"));
        // …and parking is no longer a choice.
        let parking = MatterForm { category: "parking".into(), ..form(&c.grid, "车位被占", "key-0000000000000071") };
        assert!(matches!(matters.report(&c.resident, &c.community, &parking).await, Err(Error::Invalid(f)) if f[0] == ("category".to_owned(), FieldError::NotAChoice)));
        let audit = db.store.audit_actions().await;
        assert!(audit.iter().filter(|a| a.as_str() == "community.matter_settings").count() >= 4, "refusals and the change are audited");
    }
}

test_on_both_engines! {
    async fn search_finds_chinese_and_english_words(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let titles = [
            ("3幢门口路灯不亮", "key-0000000000000081"),
            ("小区东门垃圾桶满了", "key-0000000000000082"),
            ("Street light out near gate", "key-0000000000000083"),
            ("楼道堆放杂物堵塞消防通道", "key-0000000000000084"),
        ];
        let mut ids = Vec::new();
        for (title, key) in titles {
            let (id, _) = matters.report(&c.resident, &c.community, &form(&c.grid, title, key)).await.expect("report");
            ids.push(id);
        }
        let find = |q: &str| {
            let filter = linli_model::matter::MatterFilter { text: Some(q.into()), ..Default::default() };
            let matters = &matters;
            async move {
                let mut found: Vec<i64> = matters.list(&filter, None, 50).await.expect("list").items.iter().map(|m| m.id).collect();
                found.sort_unstable();
                found
            }
        };
        assert_eq!(find("门口路灯").await, vec![ids[0]], "pairs keep words together");
        assert_eq!(find("垃圾桶").await, vec![ids[1]]);
        assert_eq!(find("消防 杂物").await, vec![ids[3]]);
        assert_eq!(find("street LIG").await, vec![ids[2]]);
        assert_eq!(find("电梯").await, Vec::<i64>::new());
        // Every report has the same description, so its words find all.
        assert_eq!(find("台阶").await, ids);
        // Page by page, newest first, a search with a place lists each once.
        let filter = linli_model::matter::MatterFilter { text: Some("台阶".into()), place: Some(c.grid.as_str().into()), ..Default::default() };
        assert_eq!(every_page(&matters, &filter, 1).await, ids.iter().rev().copied().collect::<Vec<_>>());
        // Query syntax is only text.
        assert_eq!(find("\" OR 1=1 --").await, Vec::<i64>::new());
        assert_eq!(find("'路灯' | '垃圾'").await, vec![ids[1]], "| is not OR: both words must be there");

        // A hidden description's words no longer find its matter; its
        // title's still do. Restored, it is found again, also by a street's
        // search that walks the newest matters a few at a time (reading
        // what PostgreSQL keeps of each one's terms beside its street).
        let windowed = db.store.clone().with_search_window(1);
        let in_street = Matters { store: &windowed, clock: &clock, site: "http://linli.test" };
        let street = linli_model::matter::MatterFilter { text: Some("台阶".into()), place: Some(c.community.street().as_str().into()), ..Default::default() };
        let m = linli_service::moderation::Moderation { store: &db.store, clock: &clock };
        let what = linli_model::moderation::Content::Matter(ids[0]);
        for _ in 0..2 {
            m.hide(&c.staff, &what, "描述里写了邻居的手机号码。").await.expect("hidden");
            assert_eq!(find("台阶").await, ids[1..].to_vec());
            assert_eq!(every_page(&in_street, &street, 1).await, ids[1..].iter().rev().copied().collect::<Vec<_>>());
            assert_eq!(find("门口路灯").await, vec![ids[0]], "the title stays");
            m.restore(&c.staff, &what, "号码已删去，恢复显示。").await.expect("restored");
            assert_eq!(find("台阶").await, ids);
            assert_eq!(every_page(&in_street, &street, 1).await, ids.iter().rev().copied().collect::<Vec<_>>());
        }
    }
}

test_on_both_engines! {
    async fn seeded_matters_tell_consistent_stories(db: TestDb) {
        let city = small_city(&db.store, 12).await;
        linli_service::seed::load_matters(&db.store, &city, 400, START, 365, &linli_service::seed::Silent).await.expect("seed");
        let count = |sql: &str| {
            let store = &db.store;
            let sql = format!("SELECT CAST(COUNT(*) AS TEXT) FROM ({sql}) AS q");
            async move { store.query_strings(&sql).await[0].parse::<i64>().expect("a number") }
        };
        assert_eq!(count("SELECT matter_id FROM matter").await, 400);
        assert_eq!(count("SELECT m.matter_id FROM matter m WHERE NOT EXISTS (SELECT 1 FROM matter_event e WHERE e.matter_id = m.matter_id AND e.kind = 'reported')").await, 0, "every matter starts with its report");
        assert_eq!(count("SELECT matter_id FROM matter WHERE state = 'closed' AND closed_at IS NULL").await, 0);
        assert_eq!(count("SELECT matter_id FROM matter WHERE overdue = 1 AND state NOT IN ('registered', 'dispatched', 'in_progress')").await, 0, "only open matters run late");
        assert_eq!(count("SELECT matter_id FROM matter WHERE created_at > 1790000000000").await, 0, "nothing from the future");
        assert!(count("SELECT matter_id FROM matter WHERE state = 'closed'").await > 100, "most old matters are closed");
        // The city is one the deadline watch has kept: matters went up a
        // level at each deadline they missed, and silence closed the
        // resolved ones, so its first round finds nothing left to do.
        assert!(count("SELECT matter_id FROM matter WHERE escalations = 2").await > 0, "some went up twice");
        assert!(count("SELECT matter_id FROM matter WHERE state = 'in_progress' AND level = 'district' AND overdue = 1").await > 0, "some sit flagged at the top");
        assert_eq!(count(&format!("SELECT matter_id FROM matter WHERE state = 'resolved' AND resolved_at < {}", START - REOPEN_WINDOW)).await, 0);
        let clock = ManualClock::new(START);
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        assert_eq!(matters.watch_deadlines().await.expect("watch"), (0, 0), "nothing left for the watch");
        // Searchable, and a new report continues the ids.
        let filter = linli_model::matter::MatterFilter { text: Some("路灯".into()), ..Default::default() };
        let found = matters.list(&filter, None, 50).await.expect("search").items;
        assert!(!found.is_empty() && found.iter().all(|m| m.title.contains("路灯")));
        // Within a place, the index finds exactly its matters with the word.
        let street = &found[0].community.as_str()[..9];
        for place in [&street[..6], street, found[0].community.as_str(), found[0].grid.as_str()] {
            let filter = linli_model::matter::MatterFilter { text: Some("路灯".into()), place: Some(place.to_owned()), ..Default::default() };
            let listed = matters.list(&filter, None, 500).await.expect("search").items;
            let expected = count(&format!("SELECT matter_id FROM matter WHERE grid_code LIKE '{place}%' AND (title LIKE '%路灯%' OR description LIKE '%路灯%')")).await;
            assert!(expected > 0, "the seed has 路灯 in {place}");
            assert_eq!(listed.len() as i64, expected, "{place}");
            assert!(listed.iter().all(|m| m.grid.as_str().starts_with(place)));
        }
        let grid = CommunityCode::parse(&city.communities[0].node.code).expect("valid").grid(1).expect("valid");
        let someone = person(&db.store, "new@x.cn", &[]).await;
        let (id, _) = matters.report(&someone, &grid.community(), &form(&grid, "新的事项标题", "key-0000000000000099")).await.expect("report after seeding");
        assert_eq!(id, 401);
    }
}

test_on_both_engines! {
    async fn a_places_list_walks_its_newest_matters_without_sorting_them(db: TestDb) {
        // A range of grid codes holds a street's matters in grid order: at
        // ten million matters a street's list read and sorted 280,000 rows
        // for a page of 50. Each level's own index holds them newest first.
        let city = small_city(&db.store, 12).await;
        linli_service::seed::load_matters(&db.store, &city, 3_000, START, 365, &linli_service::seed::Silent).await.expect("seed");
        let clock = ManualClock::new(START);
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let community = city.communities[0].node.code.clone();
        let filter = |place: &str| linli_model::matter::MatterFilter { place: Some(place.to_owned()), ..Default::default() };
        let grid = matters.list(&filter(&community), None, 1).await.expect("list").items[0].grid.to_string();
        for place in [&community[..6], &community[..9], &community, &grid] {
            let mut expected: Vec<i64> = db.store.query_strings(&format!(
                "SELECT CAST(matter_id AS TEXT) FROM matter WHERE grid_code LIKE '{place}%'"
            )).await.iter().map(|id| id.parse().expect("an id")).collect();
            expected.sort_unstable_by(|a, b| b.cmp(a));
            assert!(expected.len() > 10, "more than a page under {place}");
            assert_eq!(every_page(&matters, &filter(place), 10).await, expected, "every page under {place}, newest first, none twice");
        }
        // A grid's few matters may be sorted; the wider places' never.
        for place in [&community[..6], &community[..9], &community] {
            let plan = db.store.list_plan(&filter(place)).await.expect("plan");
            assert!(!plan.to_uppercase().contains("TEMP B-TREE") && !plan.contains("Sort"), "{place}'s list comes newest first, unsorted:\n{plan}");
        }
    }
}

test_on_both_engines! {
    async fn search_pages_beyond_the_newest_matters_agree_with_a_plain_scan(db: TestDb) {
        // Far more matters than a search looks among first: pages come from
        // the newest, from further back, and from the whole index.
        let city = small_city(&db.store, 12).await;
        linli_service::seed::load_matters(&db.store, &city, 12_000, START, 365, &linli_service::seed::Silent).await.expect("seed");
        let clock = ManualClock::new(START);
        let store = db.store.clone().with_search_window(300);
        let matters = Matters { store: &store, clock: &clock, site: "http://linli.test" };
        let street = city.communities[0].node.code[..9].to_owned();
        let community = city.communities[0].node.code.clone();
        // The oldest 2,000 matters: none among the newest.
        let oldest: Vec<i64> = (1..=2000).collect();
        for (place, ids) in [(None, vec![]), (Some(street), vec![]), (Some(community), vec![]), (None, oldest)] {
            let under = place.clone().unwrap_or_default();
            let last = ids.last().copied().unwrap_or(i64::MAX);
            let mut expected: Vec<i64> = db.store.query_strings(&format!(
                "SELECT CAST(matter_id AS TEXT) FROM matter WHERE grid_code LIKE '{under}%' AND matter_id <= {last} \
                 AND (title LIKE '%路灯%' OR description LIKE '%路灯%')"
            )).await.iter().map(|id| id.parse().expect("an id")).collect();
            expected.sort_unstable_by(|a, b| b.cmp(a));
            assert!(expected.len() > 20, "pages of 路灯 under '{under}' up to {last}");
            let filter = linli_model::matter::MatterFilter { text: Some("路灯".into()), place, ids, ..Default::default() };
            assert_eq!(every_page(&matters, &filter, 50).await, expected, "every page under '{under}' up to {last}, newest first, none twice");
        }
    }
}

test_on_both_engines! {
    async fn reports_sent_together_are_each_filed_once_and_audited_in_order(db: TestDb) {
        let c = cast(&db.store).await;
        // 48 reports at once, of which 8 repeat an earlier key: they are
        // written in groups, and a repeat is never a second matter.
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..48 {
            let (store, resident, community, grid) = (db.store.clone(), c.resident.clone(), c.community.clone(), c.grid.clone());
            tasks.spawn(async move {
                let clock = ManualClock::new(START);
                let matters = Matters { store: &store, clock: &clock, site: "http://linli.test" };
                let key = format!("together-{:012}", n % 40);
                let report = matters.report(&resident, &community, &form(&grid, &format!("同时提交的事项{}", n % 40), &key)).await.expect("report");
                (n % 40, report)
            });
        }
        let mut by_key: std::collections::HashMap<i32, Vec<(i64, bool)>> = std::collections::HashMap::new();
        while let Some(done) = tasks.join_next().await {
            let (key, report) = done.expect("task");
            by_key.entry(key).or_default().push(report);
        }
        assert_eq!(by_key.len(), 40);
        let mut ids: Vec<i64> = Vec::new();
        for (key, reports) in &by_key {
            assert_eq!(reports.iter().filter(|(_, created)| *created).count(), 1, "key {key} created one matter");
            assert!(reports.iter().all(|(id, _)| *id == reports[0].0), "key {key}: every send names the same matter");
            ids.push(reports[0].0);
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 40, "40 distinct matters");

        // Each has its timeline and search terms, and the audit chain holds.
        let clock = ManualClock::new(START);
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let (detail, _) = matters.detail(&c.resident, ids[7]).await.expect("detail");
        assert_eq!(detail.timeline.len(), 1);
        let filter = linli_model::matter::MatterFilter { text: Some("同时提交".into()), ..Default::default() };
        assert_eq!(matters.list(&filter, None, 100).await.expect("list").items.len(), 40);
        assert!(matches!(db.store.verify_audit().await.expect("verify"), linli_service::audit::Verification::Intact { .. }));
    }
}

test_on_both_engines! {
    async fn staff_refer_a_matter_by_the_item_list_and_the_resident_sees_where_it_went(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        linli_service::seed::load_item_lists(&db.store, START).await.expect("item lists");
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let (id, _) = matters
            .report(&c.resident, &c.community, &form(&c.grid, "要开居住证明", "key-0000000000000101"))
            .await
            .expect("report");

        // Staff are offered the negative list only; residents nothing.
        let (_, part) = matters.detail(&c.staff, id).await.expect("detail");
        assert!(!part.referral_items.is_empty());
        assert!(part.referral_items.iter().all(|i| !i.kind.is_positive()));
        let (_, theirs) = matters.detail(&c.resident, id).await.expect("detail");
        assert!(theirs.referral_items.is_empty());
        let residence = part
            .referral_items
            .iter()
            .find(|i| i.title.zh == "居住证明")
            .expect("on the list")
            .clone();

        // A positive item, or an id from nowhere, is the form's mistake.
        let duty = linli_service::items::Items { store: &db.store }
            .of_community(&c.community, None)
            .await
            .expect("list")
            .items
            .into_iter()
            .find(|i| i.kind.is_positive())
            .expect("a duty");
        for wrong in [duty.id, 9_999_999] {
            let refused = matters
                .step(&c.staff, id, &Step::Refer { to: None, reason: text("不归社区"), item: Some(wrong) })
                .await;
            assert!(matches!(refused, Err(Error::Invalid(f)) if f[0] == ("item".to_owned(), FieldError::NotAChoice)));
        }
        // Without an item the body must be named.
        let unnamed = matters
            .step(&c.staff, id, &Step::Refer { to: None, reason: text("不归社区"), item: None })
            .await;
        assert!(matches!(unnamed, Err(Error::Invalid(f)) if f[0].0 == "to"));

        let state = matters
            .step(&c.staff, id, &Step::Refer { to: None, reason: text("居住证明由派出所出具"), item: Some(residence.id) })
            .await
            .expect("referred");
        assert_eq!(state, MatterState::Referred);
        let (detail, _) = matters.detail(&c.resident, id).await.expect("detail");
        let referred = detail.referred_to.expect("referred to");
        assert!(referred.contains("居住证明"), "{referred}");
        assert!(referred.contains(&residence.detail.zh), "{referred}");
    }
}
