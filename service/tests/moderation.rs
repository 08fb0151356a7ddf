//! Moderation in the open, on both engines: a report, a hide with a public
//! reason, the text withheld everywhere but kept for its moderators, the
//! public log naming the role and never the reporter, a restore, reports
//! kept or dismissed, the staff's figures per person, and the audit trail.

use linli_model::{
    account::FieldError,
    deliberation::{DeliberationForm, TopicForm},
    moderation::{Content, Decision, Reason, ReportForm},
    role::{Denied, Grant, Role, Scope},
    time::beijing_local,
    tree::CommunityCode,
};
use linli_service::{
    Error,
    audit::{audit_scope, visible_entries},
    clock::{Clock, DAY, ManualClock},
    deliberations::Deliberations,
    moderation::Moderation,
    policy::Actor,
    test_on_both_engines,
    testing::{person, small_city},
};

const START: i64 = 1_795_140_000_000; // 2026-11-20 10:00 Beijing

fn report(reason: &str, note: &str) -> ReportForm {
    ReportForm {
        reason: reason.into(),
        note: note.into(),
    }
}

fn topic(title: &str, description: &str) -> TopicForm {
    TopicForm {
        title: title.into(),
        description: description.into(),
        why: "大家都关心这件事。".into(),
    }
}

test_on_both_engines! {
    async fn a_report_leads_to_a_public_hide_and_a_restore(db: TestDb) {
        let city = small_city(&db.store, 12).await;
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let far = CommunityCode::parse(&city.communities[11].node.code).expect("valid");
        let g = |role, c: &CommunityCode| Grant::new(role, Scope::Community(c.clone())).expect("valid");
        let council = person(&db.store, "council@x.cn", &[g(Role::CouncilMember, &community)]).await;
        let staff = person(&db.store, "staff@x.cn", &[g(Role::CommunityStaff, &community)]).await;
        let alice = person(&db.store, "alice@x.cn", &[g(Role::Resident, &community)]).await;
        let bob = person(&db.store, "bob@x.cn", &[g(Role::Resident, &community)]).await;
        let carol = person(&db.store, "carol@x.cn", &[g(Role::Resident, &community)]).await;
        let far_council = person(&db.store, "far@x.cn", &[g(Role::CouncilMember, &far)]).await;

        let clock = ManualClock::new(START);
        let d = Deliberations { store: &db.store, clock: &clock, site: "http://linli.test" };
        let m = Moderation { store: &db.store, clock: &clock };
        let form = DeliberationForm {
            title: "楼道堆物".into(),
            summary: "收集大家的意见。".into(),
            collect_until: beijing_local(clock.now() + 3 * DAY),
        };
        let id = d.start(&council, &community, &form).await.expect("opened");
        let rude = d.propose(&alice, id, &topic("三楼那家人太差劲", "三楼王某某电话 13800000000，天天堆东西。")).await.expect("proposed");
        let fine = d.propose(&alice, id, &topic("楼道里的旧家具", "楼道里的旧家具挡住了消防通道。")).await.expect("proposed");
        let rude_item = Content::Topic(rude);
        let fine_item = Content::Topic(fine);

        // Reports: signed in, a known reason, once per person.
        assert!(matches!(m.report(&Actor::Anonymous, &rude_item, &report("privacy", "")).await, Err(Error::Denied(Denied::SignInRequired))));
        match m.report(&bob, &rude_item, &report("other", "")).await {
            Err(Error::Invalid(errors)) => assert_eq!(errors, vec![("note".to_owned(), FieldError::Required)]),
            other => panic!("a bare 'other' is refused, got {other:?}"),
        }
        m.report(&bob, &rude_item, &report("privacy", "公开了别人的手机号")).await.expect("reported");
        assert!(matches!(m.report(&bob, &rude_item, &report("abuse", "")).await, Err(Error::Conflict("reported_already"))));
        m.report(&carol, &rude_item, &report("abuse", "")).await.expect("reported");
        m.report(&bob, &fine_item, &report("off_topic", "")).await.expect("reported");
        assert!(matches!(m.report(&bob, &Content::Topic(999_999), &report("abuse", "")).await, Err(Error::NotFound)));

        // What a reader sees; what a moderator sees.
        let seen_by_bob = m.item(&bob, &rude_item).await.expect("item");
        assert!(seen_by_bob.reported_by_you && !seen_by_bob.may_moderate);
        assert!(seen_by_bob.open_reports.is_empty(), "reports are for moderators");
        let seen_by_council = m.item(&council, &rude_item).await.expect("item");
        assert!(seen_by_council.may_moderate);
        let counts: Vec<(Reason, u32)> = seen_by_council.open_reports.iter().map(|r| (r.reason, r.count)).collect();
        assert_eq!(counts, vec![(Reason::Abuse, 1), (Reason::Privacy, 1)]);

        // Only the community's council or staff hide, with a real reason.
        assert_eq!(
            match m.hide(&far_council, &rude_item, "含有他人手机号码。").await { Err(Error::Denied(d)) => d, other => panic!("{other:?}") },
            Denied::OutOfScope
        );
        assert!(matches!(m.hide(&bob, &rude_item, "含有他人手机号码。").await, Err(Error::Denied(Denied::NotPermitted))));
        match m.hide(&council, &rude_item, "违规").await {
            Err(Error::Invalid(errors)) => assert_eq!(errors, vec![("reason".to_owned(), FieldError::TooShort(4))]),
            other => panic!("a reason that explains nothing is refused, got {other:?}"),
        }
        clock.advance(60_000);
        m.hide(&council, &rude_item, "含有他人手机号码，已隐藏。").await.expect("hidden");
        assert!(matches!(m.hide(&staff, &rude_item, "再隐藏一次也不行。").await, Err(Error::Conflict("moved_on"))));

        // The text is gone from the deliberation for everyone, API included.
        let detail = d.detail(&Actor::Anonymous, id).await.expect("detail");
        let shown = detail.topics.iter().find(|t| t.id == rude).expect("listed");
        assert!(shown.hidden);
        assert_eq!((shown.title.as_str(), shown.description.as_str(), shown.why.as_str()), ("", "", ""));
        let other = detail.topics.iter().find(|t| t.id == fine).expect("listed");
        assert!(!other.hidden && other.title == "楼道里的旧家具");
        // Its moderators still read it; nobody else does.
        assert!(m.item(&staff, &rude_item).await.expect("item").text.contains("13800000000"));
        let public = m.item(&Actor::Anonymous, &rude_item).await.expect("item");
        assert!(public.hidden && public.text.is_empty());
        assert_eq!(public.last.as_ref().map(|e| (e.decision, e.reason.as_str())), Some((Decision::Hidden, "含有他人手机号码，已隐藏。")));
        assert!(matches!(m.report(&staff, &rude_item, &report("abuse", "")).await, Err(Error::Conflict("hidden_already"))));

        // The public log: what, when, why, which role; never the reporter.
        let log = m.log(&community, None).await.expect("log");
        assert_eq!(log.page.items.len(), 1);
        let entry = &log.page.items[0];
        assert_eq!((entry.content.clone(), entry.decision, entry.role), (rude_item.clone(), Decision::Hidden, Role::CouncilMember));
        assert_eq!(entry.href, format!("/deliberations/{id}"));
        let json = serde_json::to_string(&log).expect("json");
        assert!(!json.contains("bob") && !json.contains("carol") && !json.contains("13800000000"), "{json}");
        assert!(m.log(&far, None).await.expect("log").page.items.is_empty());

        // A report that does not hold is dismissed; the item stays.
        assert!(matches!(m.dismiss(&bob, &fine_item).await, Err(Error::Denied(_))));
        m.dismiss(&staff, &fine_item).await.expect("dismissed");
        assert!(matches!(m.dismiss(&staff, &fine_item).await, Err(Error::Conflict("moved_on"))));

        // The staff's desk: the queue is empty now; who reported how much
        // and with what outcome; whose writing is hidden.
        let desk = m.desk(&staff).await.expect("desk");
        assert!(desk.queue.is_empty(), "{:?}", desk.queue);
        let bob_figures = desk.reporters.iter().find(|r| r.reports == 2).expect("bob's reports");
        assert_eq!((bob_figures.upheld, bob_figures.dismissed), (1, 1));
        let carol_figures = desk.reporters.iter().find(|r| r.reports == 1).expect("carol's report");
        assert_eq!(carol_figures.upheld, 1);
        assert_eq!(desk.authors.len(), 1);
        assert_eq!((desk.authors[0].hidden, desk.authors[0].written, desk.authors[0].rate()), (1, 2, 50));
        // Council members see their community's queue, not the figures.
        m.report(&carol, &fine_item, &report("advert", "")).await.expect("reported");
        let council_desk = m.desk(&council).await.expect("desk");
        assert_eq!(council_desk.queue.len(), 1);
        assert_eq!((council_desk.queue[0].content.clone(), council_desk.queue[0].reason), (fine_item.clone(), Reason::Advert));
        assert!(council_desk.reporters.is_empty() && council_desk.authors.is_empty());
        assert!(matches!(m.desk(&bob).await, Err(Error::Denied(Denied::NotPermitted))));

        // Restored, with its reason: the text is back, the log has both.
        clock.advance(60_000);
        m.restore(&staff, &rude_item, "本人已删去电话号码，恢复显示。").await.expect("restored");
        let detail = d.detail(&Actor::Anonymous, id).await.expect("detail");
        let back = detail.topics.iter().find(|t| t.id == rude).expect("listed");
        assert!(!back.hidden);
        assert_eq!(back.title, "三楼那家人太差劲");
        assert!(back.description.contains("13800000000"));
        let log = m.log(&community, None).await.expect("log");
        let decisions: Vec<(Decision, Role)> = log.page.items.iter().map(|e| (e.decision, e.role)).collect();
        assert_eq!(decisions, vec![(Decision::Restored, Role::CommunityStaff), (Decision::Hidden, Role::CouncilMember)]);
        assert!(m.desk(&staff).await.expect("desk").authors.is_empty(), "nothing of alice's is hidden now");

        // Every step is in the audit log of the community's staff.
        let viewer = staff.viewer().expect("signed in");
        let scope = audit_scope(viewer).expect("staff");
        let audit = visible_entries(&db.store, &staff, &scope, None, clock.now()).await.expect("audit");
        let actions: Vec<(&str, &str)> = audit
            .items
            .iter()
            .filter(|e| e.action.starts_with("moderation."))
            .map(|e| (e.action.as_str(), e.outcome.as_str()))
            .collect();
        assert_eq!(
            actions,
            vec![
                ("moderation.restored", "ok"),
                ("moderation.reported", "ok"),
                ("moderation.dismissed", "ok"),
                ("moderation.dismissed", "denied"),
                ("moderation.hidden", "ok"),
                ("moderation.hidden", "denied"),
                ("moderation.hidden", "denied"),
                ("moderation.reported", "ok"),
                ("moderation.reported", "ok"),
                ("moderation.reported", "ok"),
            ],
            "newest first, refused attempts included"
        );
    }
}
