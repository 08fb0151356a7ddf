//! Promises on both engines: support reaching the community's threshold
//! opens one with its two deadlines; the council's agenda entry and
//! written answer keep it, a missed deadline breaks it, and the rates
//! count kept promises in the month their answer fell due.

use linli_model::{
    accountability::{Month, PromiseTally, Share},
    matter::MatterForm,
    promise::{PromiseState, Subject},
    role::{Grant, Role, Scope},
    tree::CommunityCode,
};
use linli_service::{
    Error,
    accountability::Accountability,
    clock::{DAY, ManualClock},
    matters::Matters,
    promises::Promises,
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

test_on_both_engines! {
    async fn support_reaching_the_threshold_obliges_the_council(db: TestDb) {
        let store = &db.store;
        let city = small_city(store, 12).await;
        let clock = ManualClock::new(START);
        let matters = Matters { store, clock: &clock, site: "http://linli.test" };
        let promises = Promises { store, clock: &clock };
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("code");
        let grid = community.grid(1).expect("grid");
        let g = |role, scope| Grant::new(role, scope).expect("valid grant");
        let reporter = person(store, "reporter@x.cn", &[]).await;
        let council = person(store, "council@x.cn", &[g(Role::CouncilMember, Scope::Community(community.clone()))]).await;
        let elsewhere = CommunityCode::parse(&city.communities[1].node.code).expect("code");
        let other_council = person(store, "other@x.cn", &[g(Role::CouncilMember, Scope::Community(elsewhere))]).await;
        db.store.execute_raw(&format!("UPDATE community SET promise_supporters = 3 WHERE code = '{community}'")).await.expect("setting");

        let mut supporters = Vec::new();
        for n in 0..8 {
            supporters.push(person(store, &format!("s{n}@x.cn"), &[]).await);
        }
        let mut ids = Vec::new();
        for n in 0..7 {
            ids.push(matters.report(&reporter, &community, &form(grid.as_str(), n)).await.expect("report").0);
        }
        // Two supporters are not yet three; the third opens the promise.
        for s in &supporters[..2] {
            matters.support(s, ids[0]).await.expect("support");
        }
        assert_eq!(promises.of(Subject::Matter, ids[0]).await.expect("read"), None);
        matters.support(&supporters[2], ids[0]).await.expect("support");
        let promise = promises.of(Subject::Matter, ids[0]).await.expect("read").expect("a promise");
        assert_eq!((promise.supporters, promise.threshold, promise.state), (3, 3, PromiseState::Running));
        assert_eq!(promise.clocks.agenda_due - promise.clocks.reached_at, 14 * DAY);
        assert_eq!(promise.clocks.answer_due - promise.clocks.reached_at, 30 * DAY);
        matters.support(&supporters[3], ids[0]).await.expect("support");
        assert_eq!(promises.list(community.as_str()).await.expect("list").promises.len(), 1, "one promise per matter");

        // Only the community's council answers for it, with a real answer.
        assert!(matches!(promises.put_on_agenda(&supporters[0], promise.id, "12月议事会第1项").await, Err(Error::Denied(_))));
        assert!(matches!(promises.put_on_agenda(&other_council, promise.id, "12月议事会第1项").await, Err(Error::Denied(_))));
        clock.advance(6 * DAY);
        promises.put_on_agenda(&council, promise.id, "12月议事会第1项").await.expect("on the agenda");
        assert!(matches!(promises.put_on_agenda(&council, promise.id, "再记一次").await, Err(Error::Conflict(_))), "recorded once");
        assert!(matches!(promises.answer(&council, promise.id, "收到").await, Err(Error::Invalid(f)) if f[0].0 == "answer"));
        clock.advance(10 * DAY);
        promises.answer(&council, promise.id, "已与物业商定本月底前修好路灯，费用从公共收益中列支，完工后公布验收结果。").await.expect("answered");
        assert_eq!(promises.get(promise.id).await.expect("read").state, PromiseState::Kept);

        // Five more reach the threshold at once; nobody answers them.
        for id in &ids[1..6] {
            for s in &supporters[..3] {
                matters.support(s, *id).await.expect("support");
            }
        }
        clock.advance(15 * DAY);
        let broken = promises.of(Subject::Matter, ids[1]).await.expect("read").expect("a promise");
        assert_eq!(broken.state, PromiseState::Broken, "not on the agenda within 14 days");
        // Making the matter a topic puts it on the agenda, but late is late.
        assert!(broken.clocks.on_agenda_at.is_none());

        // The rates count them in the month their answers fell due: the
        // kept one in October, the five broken in November.
        clock.advance(40 * DAY);
        let figures = Accountability { store, clock: &clock };
        let october = Month::of(promise.clocks.answer_due);
        let november = Month::of(broken.clocks.answer_due);
        assert_eq!((october.to_string(), november.to_string()), ("2026-10".to_owned(), "2026-11".to_owned()));
        let in_october = figures.report(community.as_str(), Some(october)).await.expect("report");
        assert_eq!(in_october.figures.promises, PromiseTally { judged: 1, kept: 1 });
        assert_eq!(in_october.figures.kept_promise_share(), Share::TooFew, "one promise is too few to publish a share");
        let in_november = figures.report(community.as_str(), Some(november)).await.expect("report");
        assert_eq!(in_november.figures.promises, PromiseTally { judged: 5, kept: 0 });
        assert_eq!(in_november.figures.kept_promise_share(), Share::Of { part: 0, whole: 5 });
        let trend_october = in_november.trend.iter().find(|(m, _)| *m == october).expect("in the trend");
        assert_eq!(trend_october.1.promises.kept, 1);
        let street = figures.report(community.street().as_str(), Some(november)).await.expect("street");
        let row = street.below.iter().find(|p| p.code == community.as_str()).expect("the community below its street");
        assert_eq!(row.figures.promises, in_november.figures.promises, "a place below counts the same promises");
        assert_eq!(street.figures.promises, in_november.figures.promises, "and so does its street");
    }
}
