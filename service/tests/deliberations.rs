//! Deliberations on both engines: the four steps in order, each refused by
//! role and by time with a controlled clock, the vote rules, hidden poll
//! results, and the decision record's fingerprints.

use linli_model::{
    account::FieldError,
    deliberation::{
        ArrangementForm, BallotForm, Count, DeliberationForm, Disposition, EventKind, MethodKind,
        MinutesForm, PollForm, PollOutcome, Stage, Step, TopicForm, TopicState, Vote,
    },
    membership::JoinRequest,
    role::{Denied, Grant, Role, Scope},
    time::beijing_local,
    tree::CommunityCode,
};
use linli_service::{
    Error, Store,
    clock::{Clock, DAY, HOUR, ManualClock},
    deliberations::Deliberations,
    membership::Memberships,
    policy::Actor,
    record::Broken,
    test_on_both_engines,
    testing::{person, small_city},
};

const START: i64 = 1_795_140_000_000; // 2026-11-20 10:00 Beijing

struct Cast {
    community: CommunityCode,
    council: Actor,
    staff: Actor,
    alice: Actor,
    bob: Actor,
    newcomer: Actor,
    far_council: Actor,
}

async fn cast(store: &Store) -> Cast {
    let city = small_city(store, 12).await;
    let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
    let far = CommunityCode::parse(&city.communities[11].node.code).expect("valid");
    let g = |role, c: &CommunityCode| Grant::new(role, Scope::Community(c.clone())).expect("valid");
    Cast {
        council: person(store, "council@x.cn", &[g(Role::CouncilMember, &community)]).await,
        staff: person(store, "staff@x.cn", &[g(Role::CommunityStaff, &community)]).await,
        alice: person(store, "alice@x.cn", &[g(Role::Resident, &community)]).await,
        bob: person(store, "bob@x.cn", &[g(Role::Resident, &community)]).await,
        newcomer: person(store, "new@x.cn", &[]).await,
        far_council: person(store, "far@x.cn", &[g(Role::CouncilMember, &far)]).await,
        community,
    }
}

fn denied(r: Result<impl std::fmt::Debug, Error>) -> Denied {
    match r {
        Err(Error::Denied(d)) => d,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn field(r: Result<impl std::fmt::Debug, Error>) -> (String, FieldError) {
    match r {
        Err(Error::Invalid(mut errors)) => errors.remove(0),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn conflict(r: Result<impl std::fmt::Debug, Error>) -> &'static str {
    match r {
        Err(Error::Conflict(why)) => why,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn topic(title: &str) -> TopicForm {
    TopicForm {
        title: title.into(),
        description: "晚上小区里电动车没有地方充电，很多人拉飞线。".into(),
        why: "拉飞线容易起火。".into(),
    }
}

fn arrangement(starts_at: i64) -> ArrangementForm {
    ArrangementForm {
        form: "meeting".into(),
        starts_at: beijing_local(starts_at),
        ends_at: beijing_local(starts_at + 2 * HOUR),
        place: "社区党群服务中心二楼".into(),
        participants: "community".into(),
        stakeholders: "物业公司\n业主委员会".into(),
        materials: String::new(),
    }
}

fn minutes(attendance: &str) -> MinutesForm {
    MinutesForm {
        attendance: attendance.into(),
        arguments: "赞成：夜间充电方便，减少飞线。反对：占用绿地。".into(),
        result: "多数同意加装".into(),
        decision: "在 3 号楼北侧加装 10 个充电桩，物业负责维护。".into(),
    }
}

/// Opens a deliberation whose collection window ends in three days.
async fn opened(d: &Deliberations<'_>, c: &Cast) -> i64 {
    let form = DeliberationForm {
        title: "电动车充电难".into(),
        summary: "收集大家对充电设施的意见。".into(),
        collect_until: beijing_local(d.clock.now() + 3 * DAY),
    };
    d.start(&c.council, &c.community, &form)
        .await
        .expect("opened")
}

test_on_both_engines! {
    async fn the_four_steps_run_in_order_by_the_council_and_by_the_clock(db: TestDb) {
        let c = cast(&db.store).await;
        let clock = ManualClock::new(START);
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let form = DeliberationForm {
            title: "电动车充电难".into(),
            summary: String::new(),
            collect_until: beijing_local(START + 3 * DAY),
        };
        // Only the council of this community (or its staff) opens one.
        assert_eq!(denied(d.start(&c.alice, &c.community, &form).await), Denied::NotPermitted);
        assert_eq!(denied(d.start(&c.far_council, &c.community, &form).await), Denied::OutOfScope);
        assert_eq!(denied(d.start(&Actor::Anonymous, &c.community, &form).await), Denied::SignInRequired);
        let id = d.start(&c.council, &c.community, &form).await.expect("opened");

        // 1. Collect topics: verified residents propose and support.
        let charging = d.propose(&c.alice, id, &topic("加装电动车充电桩")).await.expect("proposed");
        let lights = d.propose(&c.bob, id, &topic("楼道灯改成声控灯")).await.expect("proposed");
        let again = d.propose(&c.bob, id, &topic("充电桩加装在哪里")).await.expect("proposed");
        assert_eq!(denied(d.propose(&c.newcomer, id, &topic("我也想提一个")).await), Denied::NotVerified);
        assert_eq!(field(d.propose(&c.alice, id, &topic("短")).await).0, "title");
        assert!(d.support(&c.bob, charging).await.expect("supported"));
        assert!(!d.support(&c.bob, charging).await.expect("once"), "one support each");
        assert_eq!(denied(d.support(&c.newcomer, charging).await), Denied::NotVerified);
        // The window is the council's promise: not closed early.
        assert_eq!(
            conflict(d.step(&c.council, id, &Step::CloseCollection).await),
            "window_open"
        );
        clock.advance(3 * DAY + 60_000);
        assert_eq!(
            field(d.propose(&c.alice, id, &topic("窗口关了再提")).await),
            ("title".into(), FieldError::WindowClosed)
        );
        assert_eq!(denied(d.step(&c.alice, id, &Step::CloseCollection).await), Denied::NotPermitted);
        assert_eq!(d.step(&c.council, id, &Step::CloseCollection).await.expect("closed"), Stage::Deciding);

        // 2. Decide topics, each with a public reason, and arrange.
        assert_eq!(conflict(d.step(&c.council, id, &Step::PublishNotice).await), "topics_pending");
        let select = Disposition::Select { reason: "支持的人最多，安全隐患大。".into() };
        assert_eq!(denied(d.decide_topic(&c.alice, charging, &select).await), Denied::NotPermitted);
        d.decide_topic(&c.council, charging, &select).await.expect("selected");
        assert_eq!(conflict(d.decide_topic(&c.council, charging, &select).await), "topic_decided");
        let merge_self = Disposition::Merge { into: again, reason: "同一件事".into() };
        assert_eq!(field(d.decide_topic(&c.council, again, &merge_self).await).0, "into");
        d.decide_topic(&c.council, again, &Disposition::Merge { into: charging, reason: "与充电桩议题相同".into() })
            .await
            .expect("merged");
        d.decide_topic(&c.staff, lights, &Disposition::Decline { reason: "属于物业日常维修，已转交物业。".into() })
            .await
            .expect("declined");
        assert_eq!(conflict(d.step(&c.council, id, &Step::PublishNotice).await), "not_arranged");
        // A consultation inside the 7-day notice period cannot be noticed.
        d.arrange(&c.council, id, &arrangement(clock.now() + 5 * DAY)).await.expect("arranged");
        assert_eq!(field(d.step(&c.council, id, &Step::PublishNotice).await).0, "starts_at");
        d.arrange(&c.council, id, &arrangement(clock.now() + 10 * DAY)).await.expect("arranged");

        // 3. Public notice: objections must be answered before consulting.
        assert_eq!(conflict(d.object(&c.alice, id, "还没公示就提意见").await), "wrong_step");
        assert_eq!(d.step(&c.council, id, &Step::PublishNotice).await.expect("noticed"), Stage::Notice);
        let objection = d.object(&c.bob, id, "会议时间能否改到周末？").await.expect("objected");
        assert_eq!(denied(d.object(&c.newcomer, id, "我也有意见").await), Denied::NotVerified);
        assert_eq!(conflict(d.step(&c.council, id, &Step::OpenConsultation).await), "notice_running");
        clock.advance(7 * DAY);
        assert_eq!(conflict(d.step(&c.council, id, &Step::OpenConsultation).await), "objections_open");
        assert_eq!(denied(d.answer(&c.alice, objection, "我来回答").await), Denied::NotPermitted);
        d.answer(&c.council, objection, "工作日晚上七点开会，方便上班的居民参加；也可网上发表意见。").await.expect("answered");
        assert_eq!(conflict(d.answer(&c.council, objection, "再答一次").await), "objection_answered");
        assert_eq!(d.step(&c.council, id, &Step::OpenConsultation).await.expect("opened"), Stage::Consultation);

        // 4. Consultation: statements, votes and a decision poll.
        let s1 = d.add_statement(&c.alice, id, "充电桩应该装在 3 号楼北侧空地。").await.expect("stated");
        d.vote(&c.bob, s1, Vote::Disagree).await.expect("voted");
        d.vote(&c.bob, s1, Vote::Agree).await.expect("changed");
        assert_eq!(denied(d.vote(&c.newcomer, s1, Vote::Agree).await), Denied::NotVerified);
        let poll_form = PollForm {
            question: "是否同意在 3 号楼北侧加装充电桩？".into(),
            options: "同意\n不同意".into(),
            quorum: "2".into(),
            rule: "simple".into(),
            closes_at: beijing_local(clock.now() + 2 * DAY),
            ..PollForm::default()
        };
        assert_eq!(denied(d.put_poll(&c.alice, id, &poll_form).await), Denied::NotPermitted);
        let poll = d.put_poll(&c.council, id, &poll_form).await.expect("put");
        d.cast(&c.alice, poll, &BallotForm::choice(0)).await.expect("cast");
        d.cast(&c.alice, poll, &BallotForm::choice(1)).await.expect("changed");
        d.cast(&c.bob, poll, &BallotForm::choice(1)).await.expect("cast");
        assert_eq!(field(d.cast(&c.bob, poll, &BallotForm::choice(2)).await), ("choice".into(), FieldError::NotAChoice));
        assert_eq!(denied(d.cast(&c.newcomer, poll, &BallotForm::choice(0)).await), Denied::NotVerified);
        // Results stay hidden until the poll closes, from the council too.
        let open = d.detail(&c.council, id).await.expect("detail");
        assert_eq!((open.polls[0].ballots, open.polls[0].tally.clone()), (2, None));
        assert_eq!(open.polls[0].outcome, None);
        let alices = d.detail(&c.alice, id).await.expect("detail");
        assert_eq!(alices.polls[0].your_choice, Some(1));
        assert_eq!(alices.statements[0].your_vote, Some(Vote::Agree));
        assert_eq!((alices.statements[0].agree, alices.statements[0].disagree), (2, 0));
        assert_eq!(conflict(d.step(&c.council, id, &Step::Decide).await), "polls_open");
        clock.advance(2 * DAY);
        assert_eq!(field(d.cast(&c.bob, poll, &BallotForm::choice(0)).await), ("choice".into(), FieldError::WindowClosed));
        assert_eq!(conflict(d.step(&c.council, id, &Step::Decide).await), "no_minutes");
        assert_eq!(field(d.record_minutes(&c.council, id, &MinutesForm::default()).await).0, "attendance");
        d.record_minutes(&c.council, id, &minutes("居民 23 人，物业 1 人")).await.expect("minutes");
        assert_eq!(d.step(&c.council, id, &Step::Decide).await.expect("decided"), Stage::Decided);

        // The record: final tallies, a fingerprint, amendments chained.
        let done = d.detail(&Actor::Anonymous, id).await.expect("detail");
        assert_eq!(done.summary.stage, Stage::Decided);
        assert_eq!(done.polls[0].tally, Some(vec![0, 2]));
        assert_eq!(done.polls[0].outcome, Some(PollOutcome::Carried(1)));
        let states: Vec<TopicState> = done.topics.iter().map(|t| t.state).collect();
        assert!(states.contains(&TopicState::Selected) && states.contains(&TopicState::Merged));
        let record = done.record.expect("published");
        assert_eq!(record.version, 1);
        assert!(record.content.contains("\"tally\": [\n") && record.content.contains("居民 23 人"));
        assert_eq!(denied(d.amend(&c.bob, id, &minutes("居民 25 人"), "更正人数").await), Denied::NotPermitted);
        assert_eq!(d.amend(&c.council, id, &minutes("居民 25 人，物业 1 人"), "更正出席人数").await.expect("amended"), 2);
        let (versions, check) = d.records(id).await.expect("records");
        assert_eq!((versions.len(), check), (2, Ok(())));
        assert!(versions[1].content.contains(&versions[0].fingerprint));
        // Anyone can tell when a published version was changed.
        db.store
            .execute_raw("UPDATE decision_record SET content = REPLACE(content, '23', '32') WHERE version = 1")
            .await
            .expect("tampered");
        assert_eq!(d.records(id).await.expect("records").1, Err(Broken::Altered(1)));

        // Finished is finished.
        assert_eq!(conflict(d.step(&c.council, id, &Step::from_form("cancel", "不办了").expect("valid")).await), "finished");
        d.mark_for_implementation(&c.council, id, "3 号楼充电桩加装项目").await.expect("marked");
        let kinds: Vec<EventKind> = d.detail(&Actor::Anonymous, id).await.expect("detail").timeline.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                EventKind::Created,
                EventKind::CollectionClosed,
                EventKind::TopicSelected,
                EventKind::TopicMerged,
                EventKind::TopicDeclined,
                EventKind::Arranged,
                EventKind::Arranged,
                EventKind::NoticePublished,
                EventKind::ObjectionAnswered,
                EventKind::ConsultationOpened,
                EventKind::PollPut,
                EventKind::MinutesRecorded,
                EventKind::Decided,
                EventKind::RecordAmended,
                EventKind::MarkedForImplementation,
            ]
        );
        let actions = db.store.audit_actions().await;
        assert!(actions.iter().any(|a| a == "deliberation.decided"));
        assert!(actions.iter().any(|a| a == "deliberation.created"), "{actions:?}");
    }
}

test_on_both_engines! {
    async fn a_consultation_of_one_grid_is_for_that_grid_only(db: TestDb) {
        let c = cast(&db.store).await;
        let clock = ManualClock::new(START);
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let m = Memberships { store: &db.store, clock: &clock };
        // Two residents who joined with invitation codes: one in grid 1,
        // one in grid 2.
        let codes = m.create_invitations(&c.staff, &c.community, 2).await.expect("codes");
        let mut neighbours = Vec::new();
        for (n, code) in codes.iter().enumerate() {
            let who = person(&db.store, &format!("grid{n}@x.cn"), &[]).await;
            let request = JoinRequest {
                community: c.community.clone(),
                grid: c.community.grid(n as u16 + 1).expect("valid"),
                building: "3".into(),
                unit: "1".into(),
                room: "201".into(),
                invitation: Some(code.clone()),
            };
            m.join(&who, &request).await.expect("joined");
            let id = who.viewer().expect("signed in").id;
            neighbours.push(Actor::Signed(db.store.viewer(id).await.expect("viewer")));
        }
        let id = opened(&d, &c).await;
        let t = d.propose(&neighbours[1], id, &topic("一号网格的车棚要修")).await.expect("proposed");
        clock.advance(3 * DAY + 1);
        d.step(&c.council, id, &Step::CloseCollection).await.expect("closed");
        d.decide_topic(&c.council, t, &Disposition::Select { reason: "车棚漏雨".into() }).await.expect("selected");
        let mut form = arrangement(clock.now() + 8 * DAY);
        form.participants = c.community.grid(1).expect("valid").to_string();
        d.arrange(&c.council, id, &form).await.expect("arranged");
        d.step(&c.council, id, &Step::PublishNotice).await.expect("noticed");
        clock.advance(7 * DAY);
        d.step(&c.council, id, &Step::OpenConsultation).await.expect("opened");
        let s = d.add_statement(&neighbours[0], id, "车棚顶换成阳光板。").await.expect("grid 1 takes part");
        assert_eq!(denied(d.vote(&neighbours[1], s, Vote::Agree).await), Denied::OutOfScope);
        assert_eq!(denied(d.vote(&c.alice, s, Vote::Agree).await), Denied::OutOfScope, "a resident without a grid membership");
        assert!(d.detail(&neighbours[0], id).await.expect("detail").you.takes_part);
        assert!(!d.detail(&neighbours[1], id).await.expect("detail").you.takes_part);
    }
}

test_on_both_engines! {
    async fn opinion_groups_follow_the_votes(db: TestDb) {
        let c = cast(&db.store).await;
        let clock = ManualClock::new(START);
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let id = consulting(&d, &c, &clock).await;
        // Ten residents in two camps of five; four statements, the last two
        // dividing them.
        let g = Grant::new(Role::Resident, Scope::Community(c.community.clone())).expect("valid");
        let mut people = Vec::new();
        for n in 0..10 {
            people.push(person(&db.store, &format!("r{n}@x.cn"), std::slice::from_ref(&g)).await);
        }
        let empty = d.opinion_map(id).await.expect("map");
        assert_eq!(empty.participants, 0);
        let mut ids = Vec::new();
        for (i, text) in ["安全第一。", "费用要公开。", "装在北侧空地。", "不要占用绿地。"].iter().enumerate() {
            ids.push(d.add_statement(&people[i], id, text).await.expect("stated"));
        }
        for (n, p) in people.iter().enumerate() {
            let camp_a = n < 5;
            for (k, s) in ids.iter().enumerate() {
                let v = if k < 2 || (k == 2) == camp_a { Vote::Agree } else { Vote::Disagree };
                d.vote(p, *s, v).await.expect("voted");
            }
        }
        let map = d.opinion_map(id).await.expect("map");
        assert_eq!(map.participants, 10);
        assert_eq!(map.groups.len(), 2);
        assert_eq!(map.groups.iter().map(|g| g.members).collect::<Vec<_>>(), vec![5, 5]);
        assert!(map.consensus.iter().any(|s| s.statement == ids[0]));
        // Each voter sees where they stand: their group of five, voting as
        // its majority always does and as the other's only on common ground.
        let a = d.stand(&people[0], id).await.expect("stand").expect("placed");
        let b = d.stand(&people[9], id).await.expect("stand").expect("placed");
        assert_ne!(a.group, b.group);
        assert_eq!((a.members, b.members), (5, 5));
        let (own, other) = (usize::from(a.group), usize::from(b.group));
        assert_eq!(a.closeness[own], 100);
        assert_eq!(a.closeness[other], 50, "two of four statements are common ground");
        assert!(!a.characteristic.is_empty());
        assert_eq!(d.stand(&c.council, id).await.expect("stand"), None, "no votes, no place");
        assert_eq!(d.stand(&Actor::Anonymous, id).await.expect("stand"), None);
        // The same votes give the same map, from the cache.
        assert!(std::sync::Arc::ptr_eq(&map, &d.opinion_map(id).await.expect("map")));
        d.vote(&people[0], ids[3], Vote::Pass).await.expect("voted");
        assert!(!std::sync::Arc::ptr_eq(&map, &d.opinion_map(id).await.expect("map")), "a vote recomputes");
    }
}

test_on_both_engines! {
    async fn a_removed_participant_leaves_the_math_and_can_be_counted_again(db: TestDb) {
        use linli_model::moderation::{Content, Decision, Participant};
        use linli_service::moderation::Moderation;
        let c = cast(&db.store).await;
        let clock = ManualClock::new(START);
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let m = Moderation { store: &db.store, clock: &clock };
        let id = consulting(&d, &c, &clock).await;
        let g = Grant::new(Role::Resident, Scope::Community(c.community.clone())).expect("valid");
        let mut people = Vec::new();
        for n in 0..6 {
            people.push(person(&db.store, &format!("r{n}@x.cn"), std::slice::from_ref(&g)).await);
        }
        let bot = person(&db.store, "bot@x.cn", std::slice::from_ref(&g)).await;
        let mut ids = Vec::new();
        for (i, text) in ["安全第一。", "装在北侧空地。", "不要占用绿地。"].iter().enumerate() {
            ids.push(d.add_statement(&people[i], id, text).await.expect("stated"));
        }
        let advert = d.add_statement(&bot, id, "加微信领充电优惠券。").await.expect("stated");
        for (n, p) in people.iter().enumerate() {
            for (k, s) in ids.iter().enumerate() {
                let v = if k == 0 || (k == 1) == (n < 3) { Vote::Agree } else { Vote::Disagree };
                d.vote(p, *s, v).await.expect("voted");
            }
        }
        for s in &ids {
            d.vote(&bot, *s, Vote::Agree).await.expect("voted");
        }
        let agree = |views: &[linli_model::deliberation::StatementView], s: i64| {
            views.iter().find(|v| v.id == s).map(|v| v.agree).expect("listed")
        };
        let before = d.statements(id).await.expect("statements");
        assert_eq!(agree(&before, ids[2]), 4, "three of a camp and the bot");
        assert_eq!(d.opinion_map(id).await.expect("map").participants, 7);

        // Its moderators find the bot's votes from what it wrote; the
        // public does not (the id would tie the votes to the name).
        let seen = m.item(&c.council, &Content::Statement(advert)).await.expect("item");
        let Some(Content::Participant(who)) = seen.author_as_participant else {
            panic!("moderators see the author's votes: {:?}", seen.author_as_participant);
        };
        assert_eq!(who.deliberation, id);
        let public = m.item(&c.alice, &Content::Statement(advert)).await.expect("item");
        assert_eq!(public.author_as_participant, None);
        let matrix = d.vote_matrix(id).await.expect("matrix");
        assert!(matrix.iter().any(|v| v.participant == who.pseudonym), "the id is the open data's");
        let nobody = Content::Participant(Participant { deliberation: id, pseudonym: "000000000000".into() });
        assert!(matches!(m.item(&c.council, &nobody).await, Err(Error::NotFound)));

        // Anyone signed in may report it; the council removes it with a reason.
        let bot_votes = Content::Participant(who.clone());
        m.report(&c.alice, &bot_votes, &linli_model::moderation::ReportForm { reason: "advert".into(), note: String::new() })
            .await
            .expect("reported");
        assert!(matches!(m.hide(&c.alice, &bot_votes, "刷票程序，同一秒投完。").await, Err(Error::Denied(_))));
        m.hide(&c.council, &bot_votes, "刷票程序，几秒内投完所有观点。").await.expect("removed");

        // Gone from the groups, the counts and the open data at once.
        assert_eq!(d.opinion_map(id).await.expect("map").participants, 6);
        let after = d.statements(id).await.expect("statements");
        assert_eq!(agree(&after, ids[2]), 3);
        assert_eq!(agree(&after, ids[0]), 6);
        assert!(!d.vote_matrix(id).await.expect("matrix").iter().any(|v| v.participant == who.pseudonym));
        assert_eq!(conflict(d.vote(&bot, ids[0], Vote::Disagree).await), "participant_removed");
        d.add_statement(&bot, id, "我是真人，请恢复我的投票。").await.expect("stated without a vote");
        assert_eq!(agree(&d.statements(id).await.expect("statements"), ids[0]), 6);

        // The public log says so, by role, never naming the account.
        let log = m.log(&c.community, None).await.expect("log");
        let entry = &log.page.items[0];
        assert_eq!((entry.content.clone(), entry.decision, entry.role), (bot_votes.clone(), Decision::Hidden, Role::CouncilMember));
        assert_eq!(entry.href, format!("/deliberations/{id}"));
        assert!(!serde_json::to_string(&log).expect("json").contains("bot@x.cn"));
        // Votes removed are not writing hidden.
        assert!(m.desk(&c.staff).await.expect("desk").authors.is_empty());

        // Counted again, with a reason: the groups and counts come back.
        m.restore(&c.staff, &bot_votes, "核实是真实居民，恢复计算。").await.expect("restored");
        assert_eq!(d.opinion_map(id).await.expect("map").participants, 7);
        assert_eq!(agree(&d.statements(id).await.expect("statements"), ids[2]), 4);
        d.vote(&bot, ids[0], Vote::Disagree).await.expect("votes again");
    }
}

/// A deliberation brought to its consultation, one topic selected.
async fn consulting(d: &Deliberations<'_>, c: &Cast, clock: &ManualClock) -> i64 {
    let id = opened(d, c).await;
    let t = d
        .propose(&c.alice, id, &topic("加装电动车充电桩"))
        .await
        .expect("proposed");
    clock.advance(3 * DAY + 1);
    d.step(&c.council, id, &Step::CloseCollection)
        .await
        .expect("closed");
    d.decide_topic(
        &c.council,
        t,
        &Disposition::Select {
            reason: "安全".into(),
        },
    )
    .await
    .expect("selected");
    d.arrange(&c.council, id, &arrangement(clock.now() + 8 * DAY))
        .await
        .expect("arranged");
    d.step(&c.council, id, &Step::PublishNotice)
        .await
        .expect("noticed");
    clock.advance(7 * DAY);
    d.step(&c.council, id, &Step::OpenConsultation)
        .await
        .expect("opened");
    id
}

test_on_both_engines! {
    async fn a_ranked_poll_counts_in_rounds_and_a_block_must_be_answered(db: TestDb) {
        let c = cast(&db.store).await;
        let clock = ManualClock::new(START);
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let id = consulting(&d, &c, &clock).await;
        let g = Grant::new(Role::Resident, Scope::Community(c.community.clone())).expect("valid");
        let mut people = Vec::new();
        for n in 0..5 {
            people.push(person(&db.store, &format!("v{n}@x.cn"), std::slice::from_ref(&g)).await);
        }
        let closes = beijing_local(clock.now() + 2 * DAY);
        let ranked = PollForm {
            question: "充电桩装在哪里？".into(),
            options: "北侧空地\n地下车库\n东门停车场".into(),
            quorum: "3".into(),
            rule: "simple".into(),
            closes_at: closes.clone(),
            method: "ranked".into(),
            threshold: String::new(),
        };
        let poll = d.put_poll(&c.council, id, &ranked).await.expect("put");
        // North 2, garage 2, east 1 whose voter prefers the garage next.
        let ballots = [("0", "", "2"), ("1", "", "2"), ("", "1", "2"), ("", "1", "2"), ("3", "2", "1")];
        for (who, (north, garage, east)) in people.iter().zip(ballots) {
            let form = BallotForm::of(&[("rank_0", north), ("rank_1", garage), ("rank_2", east)]);
            let cast = d.cast(who, poll, &form).await;
            if north == "0" {
                assert_eq!(field(cast), ("ranks".into(), FieldError::NumberRange(1, 3)));
                d.cast(who, poll, &BallotForm::of(&[("rank_0", "1"), ("rank_2", "2")])).await.expect("fixed");
            } else if north == "1" {
                // The same rank twice is refused, then corrected.
                cast.expect("cast");
                assert_eq!(field(d.cast(who, poll, &BallotForm::of(&[("rank_0", "1"), ("rank_1", "1")])).await), ("ranks".into(), FieldError::RankedTwice));
            } else {
                cast.expect("cast");
            }
        }
        let open = d.detail(&c.alice, id).await.expect("detail");
        assert_eq!((open.polls[0].count.clone(), open.polls[0].ballots), (None, 5), "hidden until the close");

        // A consent poll: a block needs a reason, and an answer before the decision.
        let consent = PollForm { question: "按北侧空地方案施工，是否同意？".into(), options: String::new(), method: "consent".into(), ..ranked };
        let proposal = d.put_poll(&c.council, id, &consent).await.expect("put");
        assert_eq!(field(d.cast(&people[0], proposal, &BallotForm::of(&[("stance", "block")])).await), ("reason".into(), FieldError::Required));
        d.cast(&people[0], proposal, &BallotForm::of(&[("stance", "block"), ("reason", "北侧空地是消防通道，施工会堵住。")])).await.expect("blocked");
        for who in &people[1..4] {
            d.cast(who, proposal, &BallotForm::of(&[("stance", "consent")])).await.expect("consent");
        }
        let council_view = d.detail(&c.council, id).await.expect("detail");
        let block = council_view.polls[1].blocks.first().expect("the council sees the block to answer it").id;
        assert!(d.detail(&c.alice, id).await.expect("detail").polls[1].blocks.is_empty(), "others see it after the close");
        assert_eq!(denied(d.answer_block(&c.alice, block, "我觉得没问题，可以施工。").await), Denied::NotPermitted);

        clock.advance(2 * DAY);
        d.record_minutes(&c.council, id, &minutes("居民 30 人")).await.expect("minutes");
        assert_eq!(conflict(d.step(&c.council, id, &Step::Decide).await), "blocks_open");
        let done = d.detail(&c.bob, id).await.expect("detail");
        let Some(Count::Ranked { rounds }) = done.polls[0].count.clone() else { panic!("a ranked count") };
        assert_eq!(rounds[0].votes, vec![Some(2), Some(2), Some(1)]);
        assert_eq!(rounds[0].dropped, vec![2]);
        assert_eq!(done.polls[0].outcome, Some(PollOutcome::Carried(1)), "the east voter's ballot moved to the garage");
        assert_eq!(done.polls[1].outcome, Some(PollOutcome::Blocked(1)));
        assert_eq!(done.polls[1].blocks.len(), 1, "public once closed");
        d.answer_block(&c.council, block, "消防通道一侧保留 4 米，施工改到南半边，已与消防站确认。").await.expect("answered");
        assert_eq!(conflict(d.answer_block(&c.council, block, "再答一次也不行，已经答复过了。").await), "answered");
        assert_eq!(d.step(&c.council, id, &Step::Decide).await.expect("decided"), Stage::Decided);
        let record = d.detail(&Actor::Anonymous, id).await.expect("detail").record.expect("record");
        assert!(record.content.contains("\"method\": \"ranked\"") && record.content.contains("消防通道一侧保留"), "{}", record.content);
    }
}

test_on_both_engines! {
    async fn the_demo_city_has_a_deliberation_at_every_step(db: TestDb) {
        let city = small_city(&db.store, 3).await;
        linli_service::seed::load_demo_accounts(&db.store, &ManualClock::new(START), &city)
            .await
            .expect("demo accounts");
        linli_service::seed::load_demo_deliberations(&db.store, START, &city, "http://linli.test")
            .await
            .expect("demo deliberations");
        let clock = ManualClock::new(START);
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let list = d.list("", None, None).await.expect("list");
        let stages: Vec<Stage> = list.items.iter().map(|i| i.stage).collect();
        assert_eq!(stages, vec![Stage::Consultation, Stage::Collecting, Stage::Notice, Stage::Consultation, Stage::Decided]);
        // The consultation at city scale: 2,000 placed, 300 statements,
        // over 100,000 votes, three groups, and the common ground is what
        // the three camps were made to share.
        let large = list.items[0].id;
        let map = d.opinion_map(large).await.expect("map");
        assert_eq!((map.participants, map.groups.len(), map.scores.len()), (2000, 3, 300));
        assert!(map.stability.is_some());
        assert!(d.vote_matrix(large).await.expect("votes").len() >= 100_000);
        let statements = d.statements(large).await.expect("statements");
        let bodies: std::collections::HashSet<&str> = statements.iter().map(|s| s.body.as_str()).collect();
        assert_eq!(bodies.len(), 300, "no statement twice");
        let shared = ["征求每栋楼", "居民代表全程监督", "公示三十天", "谁来维护", "公开招标"];
        assert!(!map.consensus.is_empty());
        for s in &map.consensus {
            let body = &statements.iter().find(|x| x.id == s.statement).expect("listed").body;
            assert!(shared.iter().any(|k| body.contains(k)), "{body}");
        }
        let parking = list.items[3].id;
        let map = d.opinion_map(parking).await.expect("map");
        assert_eq!((map.participants, map.groups.len()), (12, 2));
        // A hidden statement leaves the math at once, not at the next vote.
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let moderator = person(&db.store, "moderator@x.cn", &[Grant::new(Role::CouncilMember, Scope::Community(community.clone())).expect("valid")]).await;
        let hidden = map.scores[0].statement;
        let moderation = linli_service::moderation::Moderation { store: &db.store, clock: &clock };
        moderation.hide(&moderator, &linli_model::moderation::Content::Statement(hidden), "与议题无关的广告。").await.expect("hidden");
        let after = d.opinion_map(parking).await.expect("map");
        assert!(after.scores.iter().all(|s| s.statement != hidden), "{:?}", after.scores);
        assert_eq!(after.scores.len() + 1, map.scores.len());
        // The public log, newest first: this statement, the demo's voting
        // bot taken out of the count, its hidden advert.
        let log = moderation.log(&community, None).await.expect("log");
        let hidden: Vec<String> = log.page.items.iter().map(|e| e.content.to_string()).collect();
        let kinds: Vec<&str> = hidden.iter().map(|c| c.split(':').next().unwrap_or("")).collect();
        assert_eq!(kinds, ["statement", "participant", "topic"], "{hidden:?}");
        let (versions, check) = d.records(list.items[4].id).await.expect("records");
        assert_eq!((versions.len(), check), (1, Ok(())));
        let decided = d.detail(&Actor::Anonymous, list.items[4].id).await.expect("detail");
        assert_eq!(decided.polls[0].outcome, Some(PollOutcome::Carried(0)));
        // Every decision method is in use: counted where decided, open in
        // the consultation.
        let outcomes: Vec<Option<PollOutcome>> = decided.polls.iter().map(|p| p.outcome.clone()).collect();
        assert_eq!(outcomes[1..], [Some(PollOutcome::Carried(1)), Some(PollOutcome::Funded(vec![0, 1, 3])), Some(PollOutcome::Blocked(1))]);
        assert!(decided.polls[3].blocks.iter().all(|b| b.answer.is_some()), "the block was answered before the decision");
        let open = d.detail(&Actor::Anonymous, parking).await.expect("detail");
        let mut kinds: Vec<MethodKind> = decided.polls.iter().chain(&open.polls).map(|p| p.method.kind()).collect();
        kinds.sort_by_key(|k| k.as_str());
        kinds.dedup();
        assert_eq!(kinds.len(), MethodKind::ALL.len(), "{kinds:?}");
        assert!(open.polls.iter().all(|p| !p.closed && p.count.is_none()));
        assert_eq!(d.upcoming("").await.expect("calendar").len(), 3, "the notice and the two consultations");

        // A need taken from the consultation counts the residents who took
        // part in it (topic supporters and statement voters, each once).
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let staff = person(&db.store, "lists@x.cn", &[Grant::new(Role::CommunityStaff, Scope::Community(community.clone())).expect("valid")]).await;
        let lists = linli_service::lists::Lists { store: &db.store, clock: &clock };
        let form = linli_model::need::NeedForm {
            title: "停车位不够".into(),
            detail: "议事中居民普遍反映晚上找不到车位。".into(),
            category: "facilities".into(),
            source: "deliberation".into(),
            source_id: parking.to_string(),
            ..Default::default()
        };
        let need = lists.add_need(&staff, &community, &form).await.expect("a need from the deliberation");
        let need = lists.need(need).await.expect("need");
        assert!(need.summary.affected >= 12, "at least the 12 who voted: {}", need.summary.affected);
        assert_eq!(need.source_title.as_deref(), Some(list.items[3].title.as_str()));
    }
}

test_on_both_engines! {
    async fn followers_hear_of_each_step_at_once_or_in_one_daily_digest(db: TestDb) {
        use linli_service::digest::Digests;
        let c = cast(&db.store).await;
        let clock = ManualClock::new(START);
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let digests = Digests { store: &db.store, clock: &clock, site: "http://linli.test" };
        let id = opened(&d, &c).await;
        // Taking part follows; anyone signed in may follow by choice.
        let t = d.propose(&c.alice, id, &topic("加装电动车充电桩")).await.expect("proposed");
        d.support(&c.bob, t).await.expect("supported");
        d.follow(&c.newcomer, id, true).await.expect("followed");
        assert!(matches!(d.follow(&Actor::Anonymous, id, true).await, Err(Error::Denied(_))));
        d.set_notice_settings(&c.bob, false, linli_model::account::NoticeChannel::Email).await.expect("setting");
        assert!(matches!(d.set_notice_settings(&c.bob, false, linli_model::account::NoticeChannel::Sms).await, Err(Error::Invalid(_))), "no phone, no SMS");
        let outbox = || db.store.query_strings("SELECT recipient || ' ' || subject FROM outbox_message ORDER BY outbox_message_id");

        clock.advance(3 * DAY + HOUR);
        d.step(&c.council, id, &Step::CloseCollection).await.expect("closed");
        // Bob asked for each step at once; the others wait for the digest,
        // and the council member who acted is not told of their own step.
        let sent = outbox().await;
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert!(sent[0].starts_with("bob@x.cn 邻里 Linli: 结束议题征集"), "{sent:?}");
        for who in [&c.alice, &c.bob, &c.newcomer] {
            let inbox = d.inbox(who).await.expect("inbox");
            assert_eq!(inbox.iter().map(|i| i.kind).collect::<Vec<_>>(), vec![EventKind::CollectionClosed]);
            assert!(!inbox[0].read);
            assert!(d.inbox(who).await.expect("inbox")[0].read, "reading marks it read");
        }
        assert!(d.inbox(&c.council).await.expect("inbox").is_empty());

        // The same day nothing goes out; the next day one message each, once,
        // even when two instances run the digest together.
        assert_eq!(digests.run().await.expect("digest"), 0);
        d.decide_topic(&c.council, t, &Disposition::Select { reason: "支持的人多。".into() }).await.expect("selected");
        clock.advance(DAY);
        let (a, b) = tokio::join!(digests.run(), digests.run());
        assert_eq!(a.expect("digest") + b.expect("digest"), 2, "alice and the newcomer, each once");
        assert_eq!(digests.run().await.expect("digest"), 0);
        let bodies = db.store.query_strings("SELECT body FROM outbox_message WHERE recipient = 'alice@x.cn'").await;
        assert_eq!(bodies.len(), 1);
        assert!(bodies[0].contains("结束议题征集") && bodies[0].contains("选定议题"), "both steps in one digest: {}", bodies[0]);
        assert!(bodies[0].contains(&format!("http://linli.test/deliberations/{id}")));

        // Unfollowing stops it; a changed vote does not follow again.
        d.follow(&c.newcomer, id, false).await.expect("unfollowed");
        d.arrange(&c.council, id, &arrangement(clock.now() + 8 * DAY)).await.expect("arranged");
        let newcomer: Vec<EventKind> = d.inbox(&c.newcomer).await.expect("inbox").iter().map(|i| i.kind).collect();
        assert_eq!(newcomer, vec![EventKind::TopicSelected, EventKind::CollectionClosed], "nothing after unfollowing");
        assert_eq!(d.inbox(&c.alice).await.expect("inbox")[0].kind, EventKind::Arranged);
        assert!(d.detail(&c.alice, id).await.expect("detail").you.following);
        assert!(!d.detail(&c.newcomer, id).await.expect("detail").you.following);

        // Nobody is left out for lack of email: a follower with only a
        // phone hears by SMS, at once or in a short daily note.
        let phone_only = |number: &'static str| {
            let store = &db.store;
            async move {
                let login = linli_model::account::Login::parse(number).expect("a mobile number");
                let id = store.insert_account("老李", &login, "unused", 0).await.expect("account");
                Actor::Signed(store.viewer(id).await.expect("viewer"))
            }
        };
        let at_once = phone_only("13800138001").await;
        let daily = phone_only("13800138002").await;
        for who in [&at_once, &daily] {
            d.follow(who, id, true).await.expect("followed");
            assert_eq!(d.notice_settings(who).await.expect("settings").channel, linli_model::account::NoticeChannel::Sms);
        }
        d.set_notice_settings(&at_once, false, linli_model::account::NoticeChannel::Sms).await.expect("setting");
        assert!(d.set_notice_settings(&at_once, false, linli_model::account::NoticeChannel::Email).await.is_err(), "no address, no email");
        d.step(&c.council, id, &Step::PublishNotice).await.expect("noticed");
        let sms = || db.store.query_strings("SELECT recipient || ' ' || body FROM outbox_message WHERE channel = 'sms' ORDER BY outbox_message_id");
        let sent = sms().await;
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert!(sent[0].starts_with("+8613800138001 【邻里】您关注的议事「电动车充电难」") && sent[0].contains(&format!("/deliberations/{id}")), "{sent:?}");
        assert!(sent[0].chars().count() < 120, "short enough for one message: {}", sent[0]);
        clock.advance(DAY);
        digests.run().await.expect("digest");
        let sent = sms().await;
        assert_eq!(sent.len(), 2, "{sent:?}");
        assert!(sent[1].starts_with("+8613800138002 【邻里】") && sent[1].contains("http://linli.test/inbox"), "{sent:?}");
    }
}

test_on_both_engines! {
    async fn the_council_moves_the_end_of_collection_while_topics_are_collected(db: TestDb) {
        let c = cast(&db.store).await;
        let clock = ManualClock::new(START);
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let id = opened(&d, &c).await;
        // Only the council, not into the past, not beyond 90 days.
        assert_eq!(denied(d.change_window(&c.alice, id, &beijing_local(START + DAY)).await), Denied::NotPermitted);
        assert_eq!(field(d.change_window(&c.council, id, &beijing_local(START - HOUR)).await), ("collect_until".to_owned(), FieldError::InThePast));
        assert!(matches!(field(d.change_window(&c.council, id, &beijing_local(START + 91 * DAY)).await).1, FieldError::NumberRange(..)));
        // Earlier: collection may then close sooner, and the change is public.
        d.change_window(&c.council, id, &beijing_local(START + DAY)).await.expect("moved");
        clock.advance(DAY + HOUR);
        d.step(&c.council, id, &Step::CloseCollection).await.expect("closed after the new end");
        assert_eq!(conflict(d.change_window(&c.council, id, &beijing_local(clock.now() + DAY)).await), "wrong_step");
        let timeline = d.detail(&Actor::Anonymous, id).await.expect("detail").timeline;
        assert!(timeline.iter().any(|e| e.kind == EventKind::WindowChanged && e.note.as_deref() == Some("2026-11-21 10:00")), "{timeline:?}");
    }
}
