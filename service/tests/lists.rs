//! The needs, resources and responsibilities lists on both engines: who
//! may add to them, needs taken from matters with their residents counted,
//! a need's status following its projects, the resource contact kept from
//! the public, filters and keyset pages across a street.

use linli_model::{
    account::FieldError,
    matter::MatterForm,
    need::{NeedCategory, NeedForm, NeedSource, NeedStatus},
    project::{CallForm, ProjectStatus},
    resource::{ResourceFacts, ResourceForm},
    responsibility::{Duty, ResponsibilityForm, SubjectView},
    role::{Denied, Grant, Role, Scope},
    time::beijing_local,
    tree::CommunityCode,
};
use linli_service::{
    Error,
    clock::{DAY, ManualClock},
    items::Items,
    lists::{Lists, PAGE_SIZE, RawFilter},
    matters::Matters,
    policy::Actor,
    projects::Projects,
    test_on_both_engines,
    testing::{person, small_city},
};

const START: i64 = 1_795_140_000_000; // 2026-11-20 10:00 Beijing

fn field(r: Result<impl std::fmt::Debug, Error>) -> (String, FieldError) {
    match r {
        Err(Error::Invalid(mut errors)) => errors.remove(0),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn need(title: &str, category: &str, affected: &str, source: NeedSource) -> NeedForm {
    NeedForm {
        title: title.into(),
        detail: "居民反映了很久，走访中多户提到同样的问题。".into(),
        category: category.into(),
        affected: affected.into(),
        source: source.kind().into(),
        source_id: source.id().map(|i| i.to_string()).unwrap_or_default(),
    }
}

fn venue(name: &str, accessible: bool) -> ResourceForm {
    ResourceForm {
        kind: "venue".into(),
        name: name.into(),
        detail: "一楼临街，有桌椅和投影，可坐四十人。".into(),
        owner: "社区居委会".into(),
        contact: "值班电话 0574-8765 4321".into(),
        area_m2: "180".into(),
        opening_hours: "每天 8:00–21:00".into(),
        accessible: accessible.then(|| "on".into()),
        bookable: Some("on".into()),
        ..ResourceForm::default()
    }
}

struct Cast {
    community: CommunityCode,
    neighbour: CommunityCode,
    far: CommunityCode,
    staff: Actor,
    street: Actor,
    resident: Actor,
    worker: Actor,
    far_staff: Actor,
}

async fn cast(store: &linli_service::Store) -> Cast {
    let city = small_city(store, 12).await;
    let code = |i: usize| CommunityCode::parse(&city.communities[i].node.code).expect("valid");
    let (community, far) = (code(0), code(11));
    let neighbour = (1..city.communities.len())
        .map(code)
        .find(|n| n.street() == community.street())
        .expect("a neighbour on the street");
    assert_eq!(community.street(), neighbour.street());
    assert_ne!(community.street(), far.street());
    let g = |role, s: Scope| Grant::new(role, s).expect("valid");
    let here = Scope::Community(community.clone());
    Cast {
        staff: person(
            store,
            "staff@x.cn",
            &[g(Role::CommunityStaff, here.clone())],
        )
        .await,
        street: person(
            store,
            "street@x.cn",
            &[g(Role::StreetOfficer, Scope::Street(community.street()))],
        )
        .await,
        resident: person(store, "res@x.cn", &[g(Role::Resident, here.clone())]).await,
        worker: person(
            store,
            "worker@x.cn",
            &[g(
                Role::GridWorker,
                Scope::Grid(community.grid(1).expect("valid")),
            )],
        )
        .await,
        far_staff: person(
            store,
            "far@x.cn",
            &[g(Role::CommunityStaff, Scope::Community(far.clone()))],
        )
        .await,
        community,
        neighbour,
        far,
    }
}

test_on_both_engines! {
    async fn needs_come_from_staff_or_matters_and_follow_the_projects_that_meet_them(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let lists = Lists { store: &db.store, clock: &clock };

        // Only staff over the community add to its lists.
        let form = need("老人午饭没有着落", "elderly", "86", NeedSource::Staff);
        for outsider in [&c.resident, &c.worker, &c.far_staff] {
            assert!(matches!(lists.add_need(outsider, &c.community, &form).await, Err(Error::Denied(_))), "{outsider:?} is refused");
        }
        assert!(matches!(lists.add_need(&Actor::Anonymous, &c.community, &form).await, Err(Error::Denied(Denied::SignInRequired))));
        let lunch = lists.add_need(&c.staff, &c.community, &form).await.expect("staff add");
        lists.add_need(&c.street, &c.neighbour, &need("活动室座位不够", "culture", "60", NeedSource::Staff)).await.expect("the street's officer adds for any of its communities");

        // A need taken from a matter counts its reporter and supporters.
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let report = MatterForm {
            grid: c.community.grid(1).expect("grid").to_string(),
            category: "road_lighting".into(),
            title: "3幢楼道灯不亮".into(),
            description: "楼道灯坏了一周，晚上老人上下楼看不清台阶。".into(),
            address: "3幢1单元".into(),
            key: "key-0000000000000001".into(),
            ..MatterForm::default()
        };
        let (matter, _) = matters.report(&c.resident, &c.community, &report).await.expect("report");
        matters.support(&c.staff, matter).await.expect("support");
        matters.support(&c.street, matter).await.expect("support");
        let from_matter = lists
            .add_need(&c.staff, &c.community, &need("老楼楼道昏暗", "facilities", "", NeedSource::Matter(matter)))
            .await
            .expect("from a matter");
        let detail = lists.need(from_matter).await.expect("detail");
        assert_eq!(detail.summary.affected, 3, "the reporter and two supporters");
        assert_eq!(detail.summary.source, NeedSource::Matter(matter));
        assert_eq!(detail.source_title.as_deref(), Some("3幢楼道灯不亮"));
        assert_eq!(lists.needs_from(NeedSource::Matter(matter)).await.expect("back link").len(), 1);
        // … but not from another community's matter, nor a missing one.
        assert_eq!(
            field(lists.add_need(&c.far_staff, &c.far, &need("别处的需求", "other", "", NeedSource::Matter(matter))).await),
            ("source_id".to_owned(), FieldError::NotInCommunity)
        );
        assert_eq!(
            field(lists.add_need(&c.staff, &c.community, &need("不存在的事项", "other", "", NeedSource::Matter(999_999))).await),
            ("source_id".to_owned(), FieldError::NotAChoice)
        );
        assert_eq!(
            field(lists.add_need(&c.staff, &c.community, &need("没说人数", "other", "", NeedSource::Staff)).await),
            ("affected".to_owned(), FieldError::Required)
        );

        // A project naming the need puts it in hand; delivering it meets it.
        let centre = lists.add_resource(&c.staff, &c.community, &venue("党群服务中心", true)).await.expect("venue");
        let projects = Projects { store: &db.store, clock: &clock };
        person(&db.store, "eva@x.cn", &[]).await;
        let call = |need: String, resources: String| CallForm {
            title: "长者助餐点运营".into(),
            summary: "为社区 80 岁以上老人提供午餐配送和堂食服务。".into(),
            requirements: "每日供应午餐，覆盖 80 位老人，配送上门。".into(),
            eligibility: "在本街道登记的社会组织".into(),
            budget_cap: "120000".into(),
            deadline: beijing_local(START + 10 * DAY),
            criteria: "方案 | 60\n价格 | 40".into(),
            evaluators: "eva@x.cn".into(),
            deliberation: String::new(),
            need,
            resources,
            plan_only: None,
        };
        let far_venue = lists.add_resource(&c.far_staff, &c.far, &venue("别处的场地", false)).await.expect("far venue");
        assert_eq!(
            field(projects.publish(&c.staff, &c.community, &call(lunch.to_string(), far_venue.to_string())).await),
            ("resources".to_owned(), FieldError::NotInCommunity),
            "a project uses its own community's resources"
        );
        let project = projects
            .publish(&c.staff, &c.community, &call(lunch.to_string(), centre.to_string()))
            .await
            .expect("publish");
        let detail = lists.need(lunch).await.expect("need");
        assert_eq!(detail.summary.status, NeedStatus::InHand);
        assert_eq!(detail.projects.iter().map(|p| p.id).collect::<Vec<_>>(), vec![project]);
        let used = lists.resource(&Actor::Anonymous, centre).await.expect("resource");
        assert_eq!(used.projects.iter().map(|p| p.id).collect::<Vec<_>>(), vec![project]);
        let shown = projects.detail(&Actor::Anonymous, project).await.expect("project");
        assert_eq!(shown.need, Some((lunch, "老人午饭没有着落".to_owned())));
        assert_eq!(shown.resources.iter().map(|r| r.id).collect::<Vec<_>>(), vec![centre]);
        clock.advance(11 * DAY);
        projects.cancel(&c.staff, project, "没有合适的投标").await.expect("cancel");
        assert_eq!(projects.detail(&Actor::Anonymous, project).await.expect("project").summary.status, ProjectStatus::Cancelled);
        assert_eq!(lists.need(lunch).await.expect("need").summary.status, NeedStatus::Open, "a cancelled project leaves the need open");

        // Filters: place, category, status and words; a street sees both
        // communities, the far one none of them.
        let street = c.community.street().to_string();
        let page = |place: &str, kind: Option<&'static str>, status: Option<&'static str>, text: Option<&'static str>| {
            let place = place.to_owned();
            let lists = lists.clone();
            async move {
                let raw = RawFilter { place: Some(&place), kind, status, text, accessible: false };
                lists.needs(&raw.needs().expect("filter"), None).await.expect("page")
            }
        };
        assert_eq!(page(&street, None, None, None).await.items.len(), 3);
        assert_eq!(page(c.far.as_str(), None, None, None).await.items.len(), 0);
        let elderly = page(&street, Some("elderly"), None, None).await;
        assert_eq!(elderly.items.iter().map(|n| n.category).collect::<Vec<_>>(), vec![NeedCategory::Elderly]);
        assert_eq!(page(&street, None, Some("open"), Some("楼道")).await.items.iter().map(|n| n.id).collect::<Vec<_>>(), vec![from_matter]);
        assert!(matches!(RawFilter { kind: Some("pets"), ..RawFilter::default() }.needs(), Err(Error::Invalid(_))));
        assert!(matches!(RawFilter { place: Some("12"), ..RawFilter::default() }.needs(), Err(Error::Invalid(_))));
    }
}

test_on_both_engines! {
    async fn resources_keep_their_contact_from_the_public_and_page_by_keyset(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let lists = Lists { store: &db.store, clock: &clock };
        let mut ids = Vec::new();
        for i in 0..PAGE_SIZE + 3 {
            let form = venue(&format!("活动室 {i}"), i % 2 == 0);
            ids.push(lists.add_resource(&c.staff, &c.community, &form).await.expect("venue"));
        }
        let fund = ResourceForm {
            kind: "fund".into(),
            amount: "500,000".into(),
            ..venue("民生微实事资金", false)
        };
        let fund = lists.add_resource(&c.staff, &c.community, &fund).await.expect("fund");
        let bad = ResourceForm { area_m2: "0".into(), ..venue("没有面积", true) };
        assert_eq!(field(lists.add_resource(&c.staff, &c.community, &bad).await).0, "area_m2");
        assert!(matches!(lists.add_resource(&c.resident, &c.community, &venue("居民登记", true)).await, Err(Error::Denied(_))));

        // The contact: staff over the community only.
        assert_eq!(lists.resource(&c.staff, fund).await.expect("staff").contact.as_deref(), Some("值班电话 0574-8765 4321"));
        for outsider in [&Actor::Anonymous, &c.resident, &c.far_staff] {
            assert_eq!(lists.resource(outsider, fund).await.expect("public").contact, None);
        }
        assert!(matches!(lists.resource(&c.staff, fund).await.expect("fund").summary.facts, ResourceFacts::Fund { .. }));

        // Keyset pages: newest first, no overlap, no gap.
        let all = RawFilter { place: Some(c.community.as_str()), ..RawFilter::default() }.resources().expect("filter");
        let first = lists.resources(&all, None).await.expect("first page");
        assert_eq!(first.items.len(), PAGE_SIZE);
        assert_eq!(first.items[0].id, fund);
        let next = first.next.as_deref().and_then(|n| n.parse().ok());
        let second = lists.resources(&all, next).await.expect("second page");
        assert_eq!(second.next, None);
        let mut seen: Vec<i64> = first.items.iter().chain(&second.items).map(|r| r.id).collect();
        seen.sort_unstable();
        let mut expected = ids.clone();
        expected.push(fund);
        assert_eq!(seen, expected);

        let step_free = RawFilter { accessible: true, kind: Some("venue"), ..RawFilter::default() }.resources().expect("filter");
        let page = lists.resources(&step_free, None).await.expect("accessible");
        assert!(page.items.iter().all(|r| matches!(r.facts, ResourceFacts::Venue { accessible: true, .. })));
        assert_eq!(page.items.len(), (PAGE_SIZE + 3).div_ceil(2).min(PAGE_SIZE));
    }
}

test_on_both_engines! {
    async fn responsibilities_name_people_for_grids_and_items_of_the_community(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store).await;
        let lists = Lists { store: &db.store, clock: &clock };
        linli_service::seed::load_item_lists(&db.store, START).await.expect("item lists");
        let grid = c.community.grid(1).expect("grid");
        let leader = ResponsibilityForm {
            duty: "grid_leader".into(),
            subject: grid.to_string(),
            name: "李建国".into(),
            phone: "13800138000".into(),
        };
        let id = lists.add_responsibility(&c.staff, &c.community, &leader).await.expect("posted");
        let item = Items { store: &db.store }.list(&c.community).await.expect("items")[0].id;
        let lead = ResponsibilityForm {
            duty: "item_lead".into(),
            subject: format!("#{item}"),
            name: "社区居委会主任 林海燕".into(),
            phone: "0574-87654321".into(),
        };
        lists.add_responsibility(&c.staff, &c.community, &lead).await.expect("item lead");
        let far_grid = ResponsibilityForm { subject: c.far.grid(1).expect("grid").to_string(), ..leader.clone() };
        assert_eq!(field(lists.add_responsibility(&c.staff, &c.community, &far_grid).await), ("subject".to_owned(), FieldError::NotInCommunity));
        let bad_phone = ResponsibilityForm { phone: "123".into(), ..leader.clone() };
        assert_eq!(field(lists.add_responsibility(&c.staff, &c.community, &bad_phone).await), ("phone".to_owned(), FieldError::BadPhone));
        assert!(matches!(lists.add_responsibility(&c.worker, &c.community, &leader).await, Err(Error::Denied(_))));

        let all = RawFilter { place: Some(c.community.as_str()), ..RawFilter::default() }.responsibilities().expect("filter");
        let page = lists.responsibilities(&all, None).await.expect("list");
        assert_eq!(page.items.len(), 2);
        assert!(matches!(&page.items[0].subject, SubjectView::Grid { code, .. } if *code == grid));
        assert!(matches!(&page.items[1].subject, SubjectView::Item { id, .. } if *id == item));
        let leaders = RawFilter { kind: Some("grid_leader"), text: Some("建国"), ..RawFilter::default() }.responsibilities().expect("filter");
        assert_eq!(lists.responsibilities(&leaders, None).await.expect("by name").items.iter().map(|r| r.duty).collect::<Vec<_>>(), vec![Duty::GridLeader]);

        assert!(matches!(lists.remove_responsibility(&c.far_staff, id).await, Err(Error::Denied(_))));
        lists.remove_responsibility(&c.staff, id).await.expect("taken down");
        assert_eq!(lists.responsibilities(&all, None).await.expect("list").items.len(), 1);
        assert!(matches!(lists.remove_responsibility(&c.staff, id).await, Err(Error::NotFound)));
    }
}
