//! The results tracker and the recurring-matters list on both engines: a
//! decided deliberation's topics and the awarded projects open results;
//! the council's dated entries move a topic's result and its followers hear
//! of each; a result past its planned date is flagged on the standards
//! board until it is done; clusters of similar matters become one topic
//! linked both ways.

use linli_model::{
    account::AccountId,
    role::{Grant, Role, Scope},
    standards::FlagKind,
    tracker::{EntryForm, Progress, Source, TrackStatus},
    tree::CommunityCode,
};
use linli_service::{
    Error, Store,
    clock::{DAY, ManualClock},
    deliberations::Deliberations,
    policy::Actor,
    recurring::Recurring,
    seed,
    standards::Standards,
    test_on_both_engines,
    testing::{person, small_city},
    tracker::Tracker,
};

/// Monday 21 September 2026, 22:13 in Beijing.
const START: i64 = 1_790_000_000_000;

async fn demo(store: &Store) -> seed::CityData {
    let city = small_city(store, 3).await;
    seed::load_demo_accounts(store, &ManualClock::new(START), &city)
        .await
        .expect("demo accounts");
    seed::load_demo_deliberations(store, START, &city, "http://linli.test")
        .await
        .expect("demo deliberations");
    let links = seed::load_demo_lists(store, START, &city)
        .await
        .expect("demo lists");
    seed::load_demo_projects(store, START, &city, &links)
        .await
        .expect("demo projects");
    city
}

fn entry(progress: &str, status: &str, planned: &str, body: &str) -> EntryForm {
    EntryForm {
        progress: progress.into(),
        status: status.into(),
        planned: planned.into(),
        body: body.into(),
    }
}

async fn late_flags(store: &Store, clock: &ManualClock, place: &str) -> Vec<String> {
    let board = Standards {
        store,
        clock,
        staff_per_10k: 18,
    };
    board
        .flags(place)
        .await
        .expect("flags")
        .into_iter()
        .filter(|f| f.kind == FlagKind::ResultLate)
        .map(|f| f.href)
        .collect()
}

test_on_both_engines! {
    async fn decisions_and_awards_are_tracked_to_the_end(db: TestDb) {
        let store = &db.store;
        let city = demo(store).await;
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("code");
        let clock = ManualClock::new(START);
        let tracker = Tracker { store, clock: &clock };

        // The decided deliberation's selected topic and both awarded
        // projects have results; the delivered project's is done.
        let list = tracker.list(community.as_str(), false, 1).await.expect("list");
        let topics: Vec<_> = list.results.iter().filter(|r| matches!(r.source, Source::Topic { .. })).collect();
        let projects: Vec<_> = list.results.iter().filter(|r| matches!(r.source, Source::Project { .. })).collect();
        assert!(!topics.is_empty(), "the decided deliberation's topics are tracked");
        assert_eq!(projects.len(), 2, "both awarded projects are tracked: {projects:?}");
        assert!(projects.iter().any(|r| r.status == TrackStatus::Done && r.progress == Progress::FULL), "the delivered one is done");
        assert!(projects.iter().any(|r| r.status == TrackStatus::UnderWay && r.progress > Progress::NONE && r.progress < Progress::FULL), "the one under way shows its milestones");
        let result = topics[0].clone();
        assert_eq!((result.status, result.progress), (TrackStatus::NotStarted, Progress::NONE));
        assert!(result.planned_at > START, "planned ahead of the decision");
        let page = tracker.page(&Actor::Anonymous, result.id).await.expect("public page");
        assert_eq!(page.entries.len(), 1, "opened with one entry");
        assert!(!page.may_update && !page.signed_in);
        assert!(tracker.list("", false, 1).await.expect("city").results.iter().any(|r| r.id == result.id), "the city lists it too");

        // A neighbour follows it; only the council moves it.
        let g = |role, scope| Grant::new(role, scope).expect("valid grant");
        let neighbour = person(store, "neighbour@x.cn", &[]).await;
        let council = person(store, "council2@x.cn", &[g(Role::CouncilMember, Scope::Community(community.clone()))]).await;
        tracker.follow(&neighbour, result.id, true).await.expect("follow");
        tracker.follow(&neighbour, result.id, true).await.expect("following twice is once");
        assert!(matches!(tracker.follow(&Actor::Anonymous, result.id, true).await, Err(Error::Unauthenticated)));
        let words = "已和物业现场查看，定下施工方案，材料正在采购。";
        assert!(matches!(tracker.update(&neighbour, result.id, &entry("20", "under_way", "", words)).await, Err(Error::Denied(_))));
        match tracker.update(&council, result.id, &entry("90", "done", "2026-13-01", "短")).await {
            Err(Error::Invalid(fields)) => {
                let names: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
                assert_eq!(names, ["progress", "planned", "body"]);
            }
            other => panic!("a bad entry is refused field by field: {other:?}"),
        }
        clock.advance(DAY);
        let planned = linli_model::calendar::Day::of(START + 30 * DAY);
        tracker.update(&council, result.id, &entry("20", "under_way", &planned.to_string(), words)).await.expect("update");
        let page = tracker.page(&neighbour, result.id).await.expect("page");
        assert_eq!((page.result.status, page.result.progress.percent()), (TrackStatus::UnderWay, 20));
        assert_eq!(page.result.planned_at, planned.end_ms());
        assert_eq!((page.entries.len(), page.entries[0].body.as_str()), (2, words), "newest first");
        assert!(page.following);

        // The follower hears of it in the inbox and by message; the council
        // member who wrote it does not.
        let notices = tracker.notices(&neighbour).await.expect("notices");
        assert_eq!(notices.len(), 1);
        assert_eq!((notices[0].result, notices[0].progress.percent(), notices[0].read), (result.id, 20, false));
        assert!(tracker.notices(&neighbour).await.expect("again")[0].read, "reading marks them read");
        assert!(tracker.notices(&council).await.expect("council").is_empty());
        let messages = db.store.query_strings(&format!(
            "SELECT body FROM outbox_message WHERE account_id = {} AND body LIKE '%/results/{}%'",
            viewer_id(&neighbour), result.id
        )).await;
        assert_eq!(messages.len(), 1, "one message for one change");

        // Past its planned date and unfinished, the board flags it.
        let href = format!("/results/{}", result.id);
        assert!(!late_flags(store, &clock, community.as_str()).await.contains(&href));
        clock.advance(31 * DAY);
        assert!(late_flags(store, &clock, community.as_str()).await.contains(&href), "late");
        assert!(late_flags(store, &clock, community.street().as_str()).await.contains(&href), "on the street's board too");
        let late = tracker.list(community.as_str(), true, 1).await.expect("late list");
        assert!(late.results.iter().any(|r| r.id == result.id) && late.counts[4] >= 1);
        assert!(late.results.iter().all(|r| r.days_late(late.now).is_some()), "only late ones");
        tracker.update(&council, result.id, &entry("100", "done", "", "全部完工，已经验收合格，欢迎大家监督。")).await.expect("done");
        assert!(!late_flags(store, &clock, community.as_str()).await.contains(&href), "done is not late");
        assert!(matches!(tracker.update(&council, result.id, &entry("100", "done", "", words)).await, Err(Error::Conflict("finished"))));
        let actions = db.store.audit_actions().await;
        assert!(actions.iter().filter(|a| *a == "result.change").count() >= 2, "{actions:?}");

        // Hiding the topic empties its title wherever it is quoted; a
        // restore brings it back.
        let Source::Topic { topic, .. } = result.source else { panic!("a topic's result") };
        let m = linli_service::moderation::Moderation { store, clock: &clock };
        let what = linli_model::moderation::Content::Topic(topic);
        m.hide(&council, &what, "议题标题含有住户的门牌号。").await.expect("hidden");
        assert_eq!(tracker.page(&Actor::Anonymous, result.id).await.expect("page").result.title, "");
        let listed = tracker.list(community.as_str(), false, 1).await.expect("list");
        assert_eq!(listed.results.iter().find(|r| r.id == result.id).map(|r| r.title.as_str()), Some(""));
        m.restore(&council, &what, "门牌号已删去，恢复显示。").await.expect("restored");
        assert_eq!(tracker.page(&Actor::Anonymous, result.id).await.expect("page").result.title, result.title);
    }
}

fn viewer_id(actor: &Actor) -> i64 {
    let AccountId(id) = actor.viewer().expect("signed in").id;
    id
}

test_on_both_engines! {
    async fn recurring_matters_become_one_topic_linked_both_ways(db: TestDb) {
        let store = &db.store;
        let city = demo(store).await;
        seed::load_demo_results(store, START, &city, "http://linli.test").await.expect("demo results");
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("code");
        let clock = ManualClock::new(START);

        // The demo's council updates left one result late on the board.
        assert_eq!(late_flags(store, &clock, community.as_str()).await.len(), 1);

        // Four reports of dark lamps in one grid and three of full bins in
        // another make two clusters this month; the list is public, the
        // action the council's.
        let recurring = Recurring { store, clock: &clock };
        let public = recurring.page(&Actor::Anonymous, &community, None).await.expect("page");
        let sizes: Vec<usize> = public.clusters.iter().map(|c| c.matters.len()).collect();
        assert_eq!(sizes, [4, 3]);
        assert!(!public.may_propose && public.collecting.is_empty());
        assert_eq!(public.clusters[0].category.zh, "道路与照明");
        let earlier = linli_model::accountability::Month::of(START).previous();
        let last_month = recurring.page(&Actor::Anonymous, &community, Some(earlier)).await.expect("last month");
        assert!(last_month.clusters.is_empty() && last_month.next.is_some());

        let council = seed_actor(store, "council@linli.demo").await;
        let page = recurring.page(&council, &community, None).await.expect("council's page");
        assert!(page.may_propose);
        let (deliberation, _) = page.collecting.first().cloned().expect("a deliberation collecting topics");
        let lamps: Vec<i64> = page.clusters[0].matters.iter().map(|m| m.id).collect();
        let bins: Vec<i64> = page.clusters[1].matters.iter().map(|m| m.id).collect();

        let d = Deliberations { store, clock: &clock, site: "http://linli.test" };
        let neighbour = person(store, "n@x.cn", &[]).await;
        assert!(matches!(d.propose_cluster(&neighbour, deliberation, &lamps).await, Err(Error::Denied(_))));
        assert!(matches!(d.propose_cluster(&council, deliberation, &lamps[..2]).await, Err(Error::Invalid(_))), "two is no cluster");
        let mixed = [lamps[0], lamps[1], bins[0]];
        assert!(matches!(d.propose_cluster(&council, deliberation, &mixed).await, Err(Error::Invalid(_))), "one category and grid");
        let topic = d.propose_cluster(&council, deliberation, &lamps).await.expect("proposed");
        assert!(matches!(d.propose_cluster(&council, deliberation, &lamps).await, Err(Error::Conflict("matter_is_topic"))));

        // Linked both ways: every matter names the topic, the topic every
        // matter, and the list shows the cluster proposed.
        let linked: Vec<i64> = d.matters_of_topic(topic).await.expect("matters").into_iter().map(|(m, _)| m).collect();
        assert_eq!(linked, lamps);
        for m in &lamps {
            let topics = d.topics_of_matter(*m).await.expect("topics");
            assert_eq!(topics.iter().map(|t| t.1).collect::<Vec<_>>(), [topic]);
        }
        let detail = d.detail(&Actor::Anonymous, deliberation).await.expect("detail");
        let view = detail.topics.iter().find(|t| t.id == topic).expect("the topic");
        assert_eq!(view.matters, lamps);
        let after = recurring.page(&council, &community, None).await.expect("after");
        assert_eq!(after.clusters[0].topic.as_ref().map(|t| t.1), Some(topic));
        assert_eq!(after.clusters[1].topic, None);
        assert!(db.store.audit_actions().await.iter().any(|a| a == "deliberation.cluster_proposed"));
    }
}

async fn seed_actor(store: &Store, email: &str) -> Actor {
    let login = linli_model::account::Login::Email(
        linli_model::account::Email::parse(email).expect("email"),
    );
    let stored = store
        .credentials(&login)
        .await
        .expect("read")
        .expect("demo account");
    Actor::Signed(
        store
            .viewer(AccountId(stored.account_id))
            .await
            .expect("viewer"),
    )
}
