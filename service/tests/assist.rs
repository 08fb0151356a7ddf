//! Nobody left out, on both engines: staff act for a resident who phoned
//! (only their own verified residents, only what the resident could do,
//! recorded with the channel and the staff member, the resident told),
//! paper tally sheets that count only once a second staff member confirms
//! them, and figures split by channel.

use linli_model::{
    account::FieldError,
    channel::{AssistForm, Channel, TallyForm},
    deliberation::{
        ArrangementForm, BallotForm, DeliberationForm, Disposition, PollForm, PollOutcome, Step,
        TopicForm,
    },
    matter::MatterForm,
    role::{Denied, Grant, Role, Scope},
    time::beijing_local,
    tree::CommunityCode,
};
use linli_service::{
    Error,
    assist::Assist,
    auth::{Auth, SessionToken},
    clock::{Clock, DAY, HOUR, ManualClock},
    deliberations::Deliberations,
    matters::Matters,
    policy::{Action, Actor, is_staff_member, may},
    test_on_both_engines,
    testing::{person, small_city},
};

const START: i64 = 1_795_140_000_000; // 2026-11-20 10:00 Beijing

fn assist_form(resident: &str, channel: &str) -> AssistForm {
    AssistForm {
        resident: resident.into(),
        channel: channel.into(),
    }
}

fn field(r: Result<impl std::fmt::Debug, Error>) -> Vec<(String, FieldError)> {
    match r {
        Err(Error::Invalid(errors)) => errors,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn tally(counts: &[&str], spoiled: &str) -> TallyForm {
    TallyForm {
        counts: counts.iter().map(|s| (*s).to_owned()).collect(),
        spoiled: spoiled.into(),
    }
}

test_on_both_engines! {
    async fn staff_act_for_a_resident_who_phoned_and_paper_ballots_count_once_confirmed(db: TestDb) {
        let city = small_city(&db.store, 12).await;
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let far = CommunityCode::parse(&city.communities[11].node.code).expect("valid");
        let grid = community.grid(1).expect("valid");
        let g = |role, c: &CommunityCode| Grant::new(role, Scope::Community(c.clone())).expect("valid");
        let council = person(&db.store, "council@x.cn", &[g(Role::CouncilMember, &community)]).await;
        let staff = person(&db.store, "staff@x.cn", &[g(Role::CommunityStaff, &community)]).await;
        let second = person(&db.store, "second@x.cn", &[g(Role::CommunityStaff, &community)]).await;
        let grid_worker = person(&db.store, "grid@x.cn", &[Grant::new(Role::GridWorker, Scope::Grid(grid.clone())).expect("valid")]).await;
        let far_staff = person(&db.store, "far@x.cn", &[g(Role::CommunityStaff, &far)]).await;
        let alice = person(&db.store, "alice@x.cn", &[g(Role::Resident, &community)]).await;
        let _newcomer = person(&db.store, "new@x.cn", &[]).await;
        let clock = ManualClock::new(START);
        let assist = Assist { store: &db.store, clock: &clock };
        let auth = Auth { store: &db.store, clock: &clock };
        let session = |who: &Actor, n: u8| {
            let token = SessionToken::from_cookie(&format!("{n:02x}").repeat(32)).expect("token");
            let id = who.viewer().expect("signed in").id;
            (token, id)
        };
        let (token, staff_id) = session(&staff, 1);
        db.store.insert_session(&token.id(), staff_id, clock.now()).await.expect("session");
        let (far_token, far_id) = session(&far_staff, 2);
        db.store.insert_session(&far_token.id(), far_id, clock.now()).await.expect("session");
        let alice_id = alice.viewer().expect("signed in").id;

        // Who may be helped, and by whom.
        assert_eq!(
            field(assist.start(&staff, &token, &assist_form("王阿姨", "online")).await),
            vec![("resident".to_owned(), FieldError::NotALogin), ("channel".to_owned(), FieldError::NotAChoice)]
        );
        let not_yours = vec![("resident".to_owned(), FieldError::NotYourResident)];
        assert_eq!(field(assist.start(&staff, &token, &assist_form("new@x.cn", "phone")).await), not_yours, "not verified");
        assert_eq!(field(assist.start(&staff, &token, &assist_form("nobody@x.cn", "phone")).await), not_yours);
        assert_eq!(field(assist.start(&far_staff, &far_token, &assist_form("alice@x.cn", "phone")).await), not_yours, "another community's staff");
        assert_eq!(field(assist.start(&alice, &token, &assist_form("alice@x.cn", "phone")).await), not_yours, "residents do not act for others");
        assert!(may(&grid_worker, &Action::AssistResidentOf(&community)).is_ok(), "grid workers serve their community's residents");
        assert!(may(&grid_worker, &Action::AssistResidentOf(&far)).is_err());

        let started = assist.start(&staff, &token, &assist_form("alice@x.cn", "phone")).await.expect("started");
        assert_eq!(started.community.as_deref(), Some(community.as_str()));
        // The session now acts as Alice, through staff: her rights only.
        let helped = auth.actor(Some(&token)).await.expect("actor");
        let Actor::Assisted(a) = &helped else { panic!("expected staff acting for Alice, got {helped:?}") };
        assert_eq!((a.resident.id, a.staff.id), (alice_id, staff_id));
        assert!(!is_staff_member(&helped), "staff tools are out of reach while acting for someone");
        assert_eq!(may(&helped, &Action::ManageOwnAccount), Err(Denied::NotPermitted), "not her account or settings");
        assert_eq!(may(&helped, &Action::RunDeliberation(&community)), Err(Denied::NotPermitted));
        // Alice is told at once, by her email.
        let told = db.store.query_strings("SELECT recipient || ' ' || body FROM outbox_message ORDER BY outbox_message_id").await;
        assert!(told.last().is_some_and(|m| m.starts_with("alice@x.cn") && m.contains("staff@x.cn") && m.contains("打电话")), "{told:?}");

        // A matter reported for her: hers, marked as phoned in by staff.
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let form = MatterForm {
            grid: grid.to_string(),
            category: "road_lighting".into(),
            title: "3幢门口路灯不亮".into(),
            description: "王阿姨打电话说3幢门口的路灯坏了一周，晚上看不清台阶。".into(),
            key: "key-0000000000000101".into(),
            ..MatterForm::default()
        };
        let (matter, _) = matters.report(&helped, &community, &form).await.expect("reported");
        let row = db.store.query_strings(&format!("SELECT CAST(reporter_id AS TEXT) || ' ' || channel || ' ' || CAST(entered_by AS TEXT) FROM matter WHERE matter_id = {matter}")).await;
        assert_eq!(row, vec![format!("{} phone {}", alice_id.0, staff_id.0)]);
        let online = MatterForm { key: "key-0000000000000102".into(), title: "楼道灯不亮".into(), ..form.clone() };
        matters.report(&alice, &community, &online).await.expect("reported online");
        let stats = matters.stats(community.as_str()).await.expect("stats");
        let count = |c: Channel| stats.by_channel.iter().find(|r| r.channel == c).map(|r| r.count);
        assert_eq!((count(Channel::Online), count(Channel::Phone), count(Channel::InPerson)), (Some(1), Some(1), Some(0)));
        assert_eq!(count(Channel::Paper), None, "matters do not come on paper");

        // A deliberation: her topic through staff, then a poll.
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let id = d.start(&council, &community, &DeliberationForm {
            title: "电动车充电难".into(),
            summary: "收集大家对充电设施的意见。".into(),
            collect_until: beijing_local(clock.now() + 3 * DAY),
        }).await.expect("opened");
        let topic = d.propose(&helped, id, &TopicForm {
            title: "加装电动车充电桩".into(),
            description: "晚上没有地方充电，很多人拉飞线。".into(),
            why: "拉飞线容易起火。".into(),
        }).await.expect("proposed for her");
        clock.advance(3 * DAY + 1);
        d.step(&council, id, &Step::CloseCollection).await.expect("closed");
        d.decide_topic(&council, topic, &Disposition::Select { reason: "安全".into() }).await.expect("selected");
        let starts = clock.now() + 8 * DAY;
        d.arrange(&council, id, &ArrangementForm {
            form: "meeting".into(),
            starts_at: beijing_local(starts),
            ends_at: beijing_local(starts + 2 * HOUR),
            place: "社区党群服务中心二楼".into(),
            participants: "community".into(),
            stakeholders: "物业公司".into(),
            materials: String::new(),
        }).await.expect("arranged");
        d.step(&council, id, &Step::PublishNotice).await.expect("noticed");
        clock.advance(7 * DAY);
        d.step(&council, id, &Step::OpenConsultation).await.expect("consulting");
        let poll = d.put_poll(&council, id, &PollForm {
            question: "是否在3号楼北侧加装充电桩？".into(),
            options: "同意\n不同意".into(),
            quorum: "5".into(),
            rule: "simple".into(),
            closes_at: beijing_local(clock.now() + 2 * DAY),
            ..PollForm::default()
        }).await.expect("put");
        // The session is still acting for her (a fresh look-up): her ballot.
        let helped = auth.actor(Some(&token)).await.expect("actor");
        d.cast(&helped, poll, &BallotForm::choice(0)).await.expect("cast for her");
        let hers = d.detail(&alice, id).await.expect("detail");
        assert_eq!(hers.polls[0].your_choice, Some(0), "the ballot is hers");

        // Paper ballots: entered by one staff member, confirmed by another.
        assert_eq!(denied(assist.enter_tally(&alice, poll, &tally(&["3", "1"], "")).await), Denied::NotPermitted);
        assert_eq!(denied(assist.enter_tally(&helped, poll, &tally(&["3", "1"], "")).await), Denied::NotPermitted, "not while acting for a resident");
        assert_eq!(denied(assist.enter_tally(&far_staff, poll, &tally(&["3", "1"], "")).await), Denied::OutOfScope);
        assert_eq!(field(assist.enter_tally(&staff, poll, &tally(&["x", ""], "")).await), vec![("count_0".to_owned(), FieldError::NumberRange(0, 5_000))]);
        let sheet = assist.enter_tally(&staff, poll, &tally(&["3", "1"], "1")).await.expect("entered");
        let waiting = d.detail(&council, id).await.expect("detail");
        assert_eq!(waiting.polls[0].ballots, 1, "a sheet waiting for its second person does not count");
        assert_eq!(waiting.polls[0].sheets[0].counts, vec![3, 1], "those who run it see the sheet");
        let public = d.detail(&Actor::Anonymous, id).await.expect("detail");
        assert!(public.polls[0].sheets[0].counts.is_empty(), "the counts stay hidden until the close");
        assert_eq!(field(assist.confirm_tally(&staff, poll, sheet).await), vec![("sheet".to_owned(), FieldError::SecondPersonNeeded)]);
        assist.confirm_tally(&second, poll, sheet).await.expect("confirmed");
        assert!(matches!(assist.confirm_tally(&grid_worker, poll, sheet).await, Err(Error::Conflict("confirmed_already"))));
        let open = d.detail(&Actor::Anonymous, id).await.expect("detail");
        let by = |c: Channel| open.polls[0].by_channel.iter().find(|(k, _)| *k == c).map(|(_, n)| *n);
        assert_eq!(open.polls[0].ballots, 5);
        assert_eq!((by(Channel::Phone), by(Channel::Paper), by(Channel::Online)), (Some(1), Some(4), Some(0)));
        assert_eq!(open.polls[0].tally, None, "results stay hidden until the close");

        // Staff stop; Alice gets the list of what was entered for her.
        let done = assist.stop(&helped, &token).await.expect("stopped");
        assert_eq!((done.matters, done.topics, done.ballots), (1, 1, 1));
        assert!(matches!(auth.actor(Some(&token)).await.expect("actor"), Actor::Signed(v) if v.id == staff_id));
        let last = db.store.query_strings("SELECT body FROM outbox_message WHERE recipient = 'alice@x.cn' ORDER BY outbox_message_id").await;
        assert!(last.last().is_some_and(|b| b.contains("反映事项 1 件") && b.contains("投票 1 张")), "{last:?}");

        // The close: paper and phone ballots decide together, by channel.
        clock.advance(2 * DAY);
        let closed = d.detail(&Actor::Anonymous, id).await.expect("detail");
        let p = &closed.polls[0];
        assert_eq!(p.tally, Some(vec![4, 1]));
        assert_eq!(p.outcome, Some(PollOutcome::Carried(0)));
        let votes = |c: Channel| p.choice_by_channel.iter().find(|(k, _)| *k == c).map(|(_, v)| v.clone());
        assert_eq!((votes(Channel::Phone), votes(Channel::Paper)), (Some(vec![1, 0]), Some(vec![3, 1])));
        // Late sheets are taken for two days after the close, not later.
        clock.advance(2 * DAY);
        assert_eq!(field(assist.enter_tally(&staff, poll, &tally(&["1", "0"], "")).await), vec![("count_0".to_owned(), FieldError::WindowClosed)]);

        // Every step is in the audit log under the staff member's name.
        let actions = db.store.query_strings(
            "SELECT action || ' ' || outcome FROM audit_entry WHERE action LIKE 'assist.%' OR action LIKE 'poll.tally%' ORDER BY audit_entry_id"
        ).await;
        assert!(actions.contains(&"assist.start ok".to_owned()) && actions.contains(&"assist.start denied".to_owned()), "{actions:?}");
        assert!(actions.contains(&"poll.tally_entered denied".to_owned()) && actions.contains(&"poll.tally_confirmed ok".to_owned()), "{actions:?}");
        let by_staff = db.store.query_strings(
            "SELECT CAST(actor_account_id AS TEXT) FROM audit_entry WHERE action IN ('assist.stop', 'matter.report') ORDER BY audit_entry_id"
        ).await;
        assert_eq!(by_staff.len(), 3, "two reports and the stop");
        assert_eq!(by_staff, vec![staff_id.0.to_string(), alice_id.0.to_string(), staff_id.0.to_string()], "who was at the keyboard");
    }
}

fn denied(r: Result<impl std::fmt::Debug, Error>) -> Denied {
    match r {
        Err(Error::Denied(d)) => d,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

test_on_both_engines! {
    async fn an_assist_nobody_stopped_ends_after_four_hours_and_the_resident_is_told(db: TestDb) {
        let city = small_city(&db.store, 2).await;
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let g = |role| Grant::new(role, Scope::Community(community.clone())).expect("valid");
        let staff = person(&db.store, "staff@x.cn", &[g(Role::CommunityStaff)]).await;
        let _alice = person(&db.store, "alice@x.cn", &[g(Role::Resident)]).await;
        let clock = ManualClock::new(START);
        let assist = Assist { store: &db.store, clock: &clock };
        let auth = Auth { store: &db.store, clock: &clock };
        let token = SessionToken::from_cookie(&"0a".repeat(32)).expect("token");
        let staff_id = staff.viewer().expect("signed in").id;
        db.store.insert_session(&token.id(), staff_id, clock.now()).await.expect("session");
        assist.start(&staff, &token, &assist_form("alice@x.cn", "in_person")).await.expect("started");

        // Still on within the four hours; nothing ends.
        clock.advance(3 * HOUR);
        assert_eq!(assist.end_forgotten().await.expect("sweep"), 0);
        assert!(matches!(auth.actor(Some(&token)).await.expect("actor"), Actor::Assisted(_)));
        // Past them, the sweep ends it once and Alice gets the list.
        clock.advance(2 * HOUR);
        assert_eq!(assist.end_forgotten().await.expect("sweep"), 1);
        assert_eq!(assist.end_forgotten().await.expect("sweep again"), 0, "ended once");
        assert!(matches!(auth.actor(Some(&token)).await.expect("actor"), Actor::Signed(v) if v.id == staff_id));
        let told = db.store.query_strings("SELECT body FROM outbox_message WHERE recipient = 'alice@x.cn' ORDER BY outbox_message_id").await;
        assert_eq!(told.len(), 2, "told when it started and when it ended: {told:?}");
        assert!(told[1].contains("代办完毕") && told[1].contains("反映事项 0 件"), "{told:?}");
        assert!(db.store.audit_actions().await.iter().any(|a| a == "assist.expired"));
    }
}
