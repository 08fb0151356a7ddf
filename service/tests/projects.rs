//! Organisations and project calls on both engines: registration and
//! verification, the sealed-bid guarantee against every role, evaluation
//! with conflicts of interest, the published award, milestones and
//! residents' ratings, with a controlled clock.

use linli_model::{
    account::FieldError,
    money::Fen,
    organisation::{OrganisationForm, OrganisationStatus},
    project::{BidForm, CallForm, MySheet, ProjectStatus},
    role::{Denied, Grant, Role, Scope},
    time::beijing_local,
    tree::CommunityCode,
};
use linli_service::{
    Error, Store,
    clock::{Clock, DAY, HOUR, ManualClock},
    organisations::Organisations,
    photos::{PhotoDir, Photos},
    policy::Actor,
    projects::Projects,
    test_on_both_engines,
    testing::{person, small_city},
};

const START: i64 = 1_795_140_000_000; // 2026-11-20 10:00 Beijing

fn conflict(r: Result<impl std::fmt::Debug, Error>) -> &'static str {
    match r {
        Err(Error::Conflict(why)) => why,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn field(r: Result<impl std::fmt::Debug, Error>) -> (String, FieldError) {
    match r {
        Err(Error::Invalid(mut errors)) => errors.remove(0),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn denied(r: Result<impl std::fmt::Debug, Error>) -> Denied {
    match r {
        Err(Error::Denied(d)) => d,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The same person after a change of grants.
async fn again(store: &Store, actor: &Actor) -> Actor {
    let id = actor.viewer().expect("signed in").id;
    Actor::Signed(store.viewer(id).await.expect("viewer"))
}

fn org_form(name: &str, code: &str, areas: &str) -> OrganisationForm {
    OrganisationForm {
        name: name.into(),
        credit_code: code.into(),
        legal_rep: "王阳".into(),
        phone: "13812345678".into(),
        areas: areas.into(),
        description: "专注社区养老和青少年服务的社会工作服务机构，持证社工 12 名。".into(),
        documents: "民办非企业单位登记证书\n章程".into(),
    }
}

struct Cast {
    community: CommunityCode,
    staff: Actor,
    street: Actor,
    far_staff: Actor,
    resident: Actor,
    council: Actor,
    worker: Actor,
    district: Actor,
    admin: Actor,
    eva: Actor,
    evan: Actor,
    /// Members of two verified organisations serving the street.
    sun: (Actor, i64),
    moon: (Actor, i64),
    /// A verified organisation of another street.
    far_org: (Actor, i64),
}

async fn cast(store: &Store, clock: &ManualClock) -> Cast {
    let city = small_city(store, 12).await;
    let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
    let far = CommunityCode::parse(&city.communities[11].node.code).expect("valid");
    assert_ne!(
        community.street(),
        far.street(),
        "the far community is in another street"
    );
    let g = |role, s: Scope| Grant::new(role, s).expect("valid");
    let here = Scope::Community(community.clone());
    let staff = person(
        store,
        "staff@x.cn",
        &[g(Role::CommunityStaff, here.clone())],
    )
    .await;
    let street = person(
        store,
        "street@x.cn",
        &[g(Role::StreetOfficer, Scope::Street(community.street()))],
    )
    .await;
    let orgs = Organisations { store, clock };
    let mut registered = Vec::new();
    for (email, name, code, area) in [
        (
            "sun@x.cn",
            "阳光社工服务社",
            "52330203MJ98765436",
            community.street().to_string(),
        ),
        (
            "moon@x.cn",
            "明月养老服务中心",
            "52330203MJ12345676",
            community.to_string(),
        ),
        (
            "far-org@x.cn",
            "远方志愿者协会",
            "52330203MJ0002468J",
            far.street().to_string(),
        ),
    ] {
        let who = person(store, email, &[]).await;
        let id = orgs
            .register(&who, &org_form(name, code, &area))
            .await
            .expect("registered");
        let verifier = if area == far.street().to_string() {
            person(
                store,
                "far-street@x.cn",
                &[g(Role::StreetOfficer, Scope::Street(far.street()))],
            )
            .await
        } else {
            street.clone()
        };
        orgs.decide(&verifier, id, true, "")
            .await
            .expect("verified");
        registered.push((again(store, &who).await, id));
    }
    let mut registered = registered.into_iter();
    Cast {
        staff,
        street,
        far_staff: person(
            store,
            "far@x.cn",
            &[g(Role::CommunityStaff, Scope::Community(far))],
        )
        .await,
        resident: person(store, "res@x.cn", &[g(Role::Resident, here.clone())]).await,
        council: person(
            store,
            "council@x.cn",
            &[g(Role::CouncilMember, here.clone())],
        )
        .await,
        worker: person(
            store,
            "worker@x.cn",
            &[g(
                Role::GridWorker,
                Scope::Grid(community.grid(1).expect("valid")),
            )],
        )
        .await,
        district: person(
            store,
            "district@x.cn",
            &[g(
                Role::DistrictOfficer,
                Scope::District(community.district()),
            )],
        )
        .await,
        admin: person(
            store,
            "admin@x.cn",
            &[g(Role::PlatformAdmin, Scope::Platform)],
        )
        .await,
        eva: person(store, "eva@x.cn", &[]).await,
        evan: person(store, "evan@x.cn", &[]).await,
        sun: registered.next().expect("sun"),
        moon: registered.next().expect("moon"),
        far_org: registered.next().expect("far"),
        community,
    }
}

fn call(deadline: i64) -> CallForm {
    CallForm {
        title: "老年助餐点运营".into(),
        summary: "为社区 80 岁以上老人提供午餐配送和堂食服务。".into(),
        requirements: "每日供应午餐，覆盖 120 位老人，配送上门。".into(),
        eligibility: "在本街道登记并通过核验的社会组织".into(),
        budget_cap: "120000".into(),
        deadline: beijing_local(deadline),
        criteria: "方案可行性 | 40\n团队经验 | 30\n预算合理性 | 30".into(),
        evaluators: "eva@x.cn\nevan@x.cn".into(),
        deliberation: String::new(),
        need: String::new(),
        resources: String::new(),
        plan_only: None,
    }
}

fn bid(proposal: &str, amount: &str) -> BidForm {
    BidForm {
        proposal: format!(
            "{proposal}：在社区活动中心设助餐点，中央厨房配送，志愿者送餐上门，每周公布菜单。"
        ),
        budget: format!("食材补贴 | {amount}\n配送人员 | 20000"),
        milestones: "2027-01-15 | 完成老人需求登记\n2027-03-01 | 助餐点开张".into(),
        team: "项目主管 1 名，持证社工 2 名，志愿者 20 名".into(),
    }
}

fn scores(s: [&str; 3]) -> Vec<String> {
    s.iter().map(|x| (*x).to_owned()).collect()
}

test_on_both_engines! {
    async fn organisations_register_with_their_credit_code_and_are_verified_by_staff_of_their_area(db: TestDb) {
        let clock = ManualClock::new(START);
        let city = small_city(&db.store, 12).await;
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let far = CommunityCode::parse(&city.communities[11].node.code).expect("valid");
        let orgs = Organisations { store: &db.store, clock: &clock };
        let founder = person(&db.store, "founder@x.cn", &[]).await;
        let mut form = org_form("阳光社工服务社", "52330203MJ98765437", &community.street().to_string());
        assert_eq!(
            field(orgs.register(&founder, &form).await),
            ("credit_code".into(), FieldError::CreditCodeCheck)
        );
        assert!(matches!(orgs.register(&Actor::Anonymous, &form).await, Err(Error::Denied(Denied::SignInRequired))));
        form.credit_code = "5233 0203 MJ98 7654 36".into();
        let id = orgs.register(&founder, &form).await.expect("registered");
        let other = person(&db.store, "other@x.cn", &[]).await;
        assert_eq!(
            field(orgs.register(&other, &form).await),
            ("credit_code".into(), FieldError::Taken),
            "one organisation per credit code"
        );

        // Pending: only its members and the staff of its area know it.
        let founder = again(&db.store, &founder).await;
        assert_eq!(orgs.mine(&founder).await.expect("mine")[0].status, OrganisationStatus::Pending);
        assert!(matches!(orgs.view(&Actor::Anonymous, id).await, Err(Error::NotFound)));
        assert!(orgs.list(None).await.expect("list").items.is_empty());
        let g = |role, s: Scope| Grant::new(role, s).expect("valid");
        let staff = person(&db.store, "staff@x.cn", &[g(Role::CommunityStaff, Scope::Community(community.clone()))]).await;
        let far_staff = person(&db.store, "far@x.cn", &[g(Role::CommunityStaff, Scope::Community(far))]).await;
        assert_eq!(orgs.pending(&staff).await.expect("queue").len(), 1);
        assert!(orgs.pending(&far_staff).await.expect("queue").is_empty());
        assert_eq!(denied(orgs.pending(&founder).await), Denied::NotPermitted);
        assert_eq!(denied(orgs.decide(&far_staff, id, true, "").await), Denied::OutOfScope);
        assert_eq!(denied(orgs.decide(&founder, id, true, "").await), Denied::NotPermitted);
        assert_eq!(
            field(orgs.decide(&staff, id, false, "").await),
            ("reason".into(), FieldError::Required),
            "a refusal says why"
        );
        let seen = orgs.view(&staff, id).await.expect("staff see it");
        assert_eq!(seen.contact.expect("staff see the contact").phone, "+8613812345678");

        orgs.decide(&staff, id, true, "").await.expect("verified");
        assert_eq!(conflict(orgs.decide(&staff, id, false, "材料不全").await), "decided_already");
        let public = orgs.view(&Actor::Anonymous, id).await.expect("public");
        assert_eq!(public.status, OrganisationStatus::Verified);
        assert!(public.contact.is_none(), "the public never sees the contact");
        assert_eq!(public.credit_code.as_str(), "52330203MJ98765436");
        assert_eq!(orgs.list(None).await.expect("list").items.len(), 1);
        let actions = db.store.audit_actions().await;
        assert!(actions.contains(&"organisation.registered".to_owned()));
        assert!(actions.contains(&"organisation.verified".to_owned()));
    }
}

test_on_both_engines! {
    async fn bids_stay_sealed_from_every_role_until_the_deadline_then_are_scored_and_awarded(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store, &clock).await;
        let p = Projects { store: &db.store, clock: &clock };
        let deadline = START + 7 * DAY;

        // Only staff over the community publish; evaluators must exist.
        assert_eq!(denied(p.publish(&c.far_staff, &c.community, &call(deadline)).await), Denied::OutOfScope);
        assert_eq!(denied(p.publish(&c.sun.0, &c.community, &call(deadline)).await), Denied::NotPermitted);
        let mut unknown = call(deadline);
        unknown.evaluators = "nobody@x.cn".into();
        assert_eq!(field(p.publish(&c.staff, &c.community, &unknown).await), ("evaluators".into(), FieldError::UnknownAccount));
        let id = p.publish(&c.staff, &c.community, &call(deadline)).await.expect("published");

        // Bids: within the cap, from verified organisations of the area.
        assert_eq!(
            field(p.bid(&c.sun.0, id, c.sun.1, &bid("阳光", "100001")).await),
            ("budget".into(), FieldError::OverBudget)
        );
        assert_eq!(conflict(p.bid(&c.far_org.0, id, c.far_org.1, &bid("远方", "50000")).await), "outside_service_area");
        assert_eq!(denied(p.bid(&c.moon.0, id, c.sun.1, &bid("冒名", "50000")).await), Denied::OutOfScope);
        p.bid(&c.sun.0, id, c.sun.1, &bid("阳光初稿", "90000")).await.expect("bid");
        p.bid(&c.sun.0, id, c.sun.1, &bid("阳光方案", "80000")).await.expect("edited");
        p.bid(&c.moon.0, id, c.moon.1, &bid("明月方案", "60000")).await.expect("bid");

        // The seal: nobody but the bidder reads a bid, nor learns how many.
        let everyone = [
            ("anonymous", Actor::Anonymous),
            ("resident", c.resident.clone()),
            ("council member", c.council.clone()),
            ("grid worker", c.worker.clone()),
            ("community staff", c.staff.clone()),
            ("street officer", c.street.clone()),
            ("district officer", c.district.clone()),
            ("platform admin", c.admin.clone()),
            ("evaluator", c.eva.clone()),
            ("other organisation", c.far_org.0.clone()),
        ];
        for (who, actor) in &everyone {
            let d = p.detail(actor, id).await.expect("detail");
            assert!(d.sealed, "{who}");
            assert!(d.bids.is_empty(), "{who} must not read a sealed bid");
            assert_eq!(d.bid_count, None, "{who} must not learn the number of bids");
            assert!(d.results.is_empty() && d.my_sheets.is_empty(), "{who}");
            let (sealed, bids) = p.bids(actor, id).await.expect("bids");
            assert!(sealed && bids.is_empty(), "{who}");
        }
        let own = p.detail(&c.sun.0, id).await.expect("detail");
        assert_eq!(own.bids.len(), 1, "the bidder reads its own bid");
        assert!(own.bids[0].content.proposal.starts_with("阳光方案"), "the edit replaced the first draft");
        assert_eq!(own.you.may_bid_as, vec![(c.sun.1, "阳光社工服务社".to_owned())]);
        // Nothing can be scored or awarded while sealed, and a sealed bid
        // answers as a missing one does, to everyone.
        let moon_bid = p.detail(&c.moon.0, id).await.expect("detail").bids[0].id;
        for (who, actor) in &everyone {
            for target in [moon_bid, moon_bid + 1_000] {
                let scored = p.score(actor, target, &scores(["80", "80", "80"]), "很好的方案").await;
                assert!(matches!(scored, Err(Error::NotFound)), "{who} scoring bid {target}: {scored:?}");
                let declared = p.declare_conflict(actor, target, "曾在该机构兼职").await;
                assert!(matches!(declared, Err(Error::NotFound)), "{who} declaring on bid {target}: {declared:?}");
            }
        }
        assert_eq!(conflict(p.award(&c.staff, id).await), "sealed");
        // The audit log keeps who bid out of sight until the deadline.
        let bid_entries = |log: Vec<linli_model::role::AuditRecord>| {
            log.into_iter().filter(|e| linli_service::audit::SEALED_ACTIONS.contains(&e.action.as_str())).count()
        };
        for (who, actor) in [("community staff", &c.staff), ("platform admin", &c.admin)] {
            let scope = Scope::Community(c.community.clone());
            let log = linli_service::audit::visible_entries(&db.store, actor, &scope, None, clock.now()).await.expect("log");
            assert_eq!(bid_entries(log.items), 0, "{who} must not learn who bid");
            let later = linli_service::audit::visible_entries(&db.store, actor, &scope, None, deadline).await.expect("log");
            assert_eq!(bid_entries(later.items), 3, "{who} reads the bids' entries after the deadline");
        }

        // The deadline passes: bids are frozen, staff and evaluators read them.
        clock.advance(7 * DAY);
        assert_eq!(
            field(p.bid(&c.sun.0, id, c.sun.1, &bid("迟到", "50000")).await),
            ("proposal".into(), FieldError::WindowClosed)
        );
        assert_eq!(field(p.withdraw(&c.moon.0, id, c.moon.1).await).1, FieldError::WindowClosed);
        let staff_view = p.detail(&c.staff, id).await.expect("detail");
        assert_eq!((staff_view.bids.len(), staff_view.bid_count), (2, Some(2)));
        let public = p.detail(&Actor::Anonymous, id).await.expect("detail");
        assert!(public.bids.is_empty(), "the public reads bids only with the award");
        assert_eq!(public.bid_count, Some(2));
        let sun_bid = staff_view.bids.iter().find(|b| b.organisation == c.sun.1).expect("sun").id;
        assert_eq!(denied(p.score(&c.staff, sun_bid, &scores(["80", "80", "80"]), "不该打分").await), Denied::NotPermitted);

        // Eva declares a conflict with Sun, which keeps her out of the
        // whole call; Evan scores both.
        p.declare_conflict(&c.eva, sun_bid, "我曾在阳光社工任职").await.expect("declared");
        assert_eq!(
            conflict(p.score(&c.eva, sun_bid, &scores(["99", "99", "99"]), "还是打个高分").await),
            "conflict_declared",
            "a declared conflict is final: no score afterwards"
        );
        assert_eq!(conflict(p.award(&c.staff, id).await), "sheets_missing");
        assert_eq!(
            conflict(p.score(&c.eva, moon_bid, &scores(["70", "60", "90"]), "预算省，团队偏弱").await),
            "conflict_declared",
            "nor on a rival's bid"
        );
        assert_eq!(
            field(p.score(&c.evan, sun_bid, &scores(["90", "", "80"]), "方案扎实").await),
            ("score_1".into(), FieldError::Required)
        );
        p.score(&c.evan, sun_bid, &scores(["90", "80", "70"]), "方案扎实，团队经验丰富").await.expect("scored");
        p.score(&c.evan, moon_bid, &scores(["60", "60", "80"]), "方案较简略").await.expect("scored");
        let eva_view = p.detail(&c.eva, id).await.expect("detail");
        assert!(eva_view.my_sheets.iter().any(|(b, s)| *b == sun_bid && matches!(s, MySheet::Conflict(_))));
        assert!(eva_view.my_sheets.iter().any(|(b, s)| *b == moon_bid && *s == MySheet::Excluded), "out of the whole call");
        assert_eq!(eva_view.bids[0].record.delivered, 0, "evaluators see each bidder's track record");

        // Award: Sun 40×90+30×80+30×70 = 81.00 and Moon 40×60+30×60+30×80
        // = 66.00, Evan's alone, with Eva excluded.
        assert_eq!(denied(p.award(&c.far_staff, id).await), Denied::OutOfScope);
        let won = p.award(&c.staff, id).await.expect("awarded");
        assert_eq!(won, sun_bid);
        assert_eq!(conflict(p.award(&c.staff, id).await), "call_closed");
        assert_eq!(conflict(p.score(&c.evan, moon_bid, &scores(["1", "1", "1"]), "改分数").await), "call_closed");
        let public = p.detail(&Actor::Anonymous, id).await.expect("detail");
        assert_eq!(public.summary.status, ProjectStatus::Awarded);
        assert_eq!(public.summary.awarded_to, Some((c.sun.1, "阳光社工服务社".to_owned())));
        let ranking: Vec<(u32, Option<u32>)> = public.results.iter().map(|r| (r.rank, r.total)).collect();
        assert_eq!(ranking, vec![(1, Some(8100)), (2, Some(6600))]);
        assert_eq!(public.results[0].excluded, vec!["eva@x.cn".to_owned()]);
        assert_eq!(public.results[1].sheets.len(), 1, "every counted evaluator's scores are published");
        assert!(public.results.iter().flat_map(|r| &r.sheets).all(|s| s.comment.is_none()), "reasons stay private");
        assert_eq!(public.bids.len(), 1, "the public reads the winning bid only");
        assert_eq!(public.bids[0].id, sun_bid);
        let loser = p.detail(&c.moon.0, id).await.expect("detail");
        let mine = &loser.results[1];
        assert_eq!(mine.organisation, c.moon.1);
        assert!(mine.sheets.iter().all(|s| s.comment.is_some()), "an unsuccessful bidder reads its reasons");
        assert!(loser.results[0].sheets.iter().all(|s| s.comment.is_none()), "but not the winner's");
        assert!(db.store.audit_actions().await.contains(&"project.awarded".to_owned()));
    }
}

test_on_both_engines! {
    async fn the_awarded_organisation_reports_milestones_and_residents_rate_the_delivery(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store, &clock).await;
        let p = Projects { store: &db.store, clock: &clock };
        let id = p.publish(&c.staff, &c.community, &call(START + DAY)).await.expect("published");
        p.bid(&c.moon.0, id, c.moon.1, &bid("明月方案", "60000")).await.expect("bid");
        p.bid(&c.sun.0, id, c.sun.1, &bid("阳光方案", "70000")).await.expect("bid");
        p.withdraw(&c.sun.0, id, c.sun.1).await.expect("withdrawn");
        assert!(matches!(p.withdraw(&c.sun.0, id, c.sun.1).await, Err(Error::NotFound)));
        clock.advance(DAY + HOUR);
        let moon_bid = p.detail(&c.staff, id).await.expect("detail").bids.iter().find(|b| !b.withdrawn).expect("live").id;
        for e in [&c.eva, &c.evan] {
            p.score(e, moon_bid, &scores(["80", "80", "80"]), "可以实施").await.expect("scored");
        }
        p.award(&c.staff, id).await.expect("awarded");
        let d = p.detail(&Actor::Anonymous, id).await.expect("detail");
        assert_eq!(d.results.len(), 1, "a withdrawn bid is not ranked");

        // Milestones: only the awarded organisation reports them.
        assert_eq!(denied(p.report(&c.sun.0, id, 0, "我们也想汇报一下进展情况。", &[]).await), Denied::OutOfScope);
        assert_eq!(field(p.report(&c.moon.0, id, 5, "没有这个节点的报告内容。", &[]).await).1, FieldError::NotAChoice);
        assert_eq!(field(p.rate(&c.resident, id, "5", "").await).1, FieldError::WindowClosed);
        // Evidence: photos stored first, then named by the report.
        let dir = tempfile::tempdir().expect("temp dir");
        let photo_dir = PhotoDir::new(dir.path());
        let photos = Photos { store: &db.store, clock: &clock, dir: &photo_dir };
        let mut png = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_fn(60, 40, |x, y| image::Rgb([(x * 4) as u8, (y * 6) as u8, 120]))
            .write_to(&mut png, image::ImageFormat::Png)
            .expect("encode");
        let evidence = photos.accept(&c.moon.0, png.into_inner()).await.expect("stored");
        let unknown = linli_model::matter::PhotoId::parse(&"0".repeat(64)).expect("well-formed");
        assert_eq!(field(p.report(&c.moon.0, id, 0, "已登记 126 位老人的用餐需求。", &[unknown]).await).1, FieldError::NotAChoice, "only stored photos");
        p.report(&c.moon.0, id, 0, "已登记 126 位老人的用餐需求，见附表。", std::slice::from_ref(&evidence.id)).await.expect("reported");
        let d = p.detail(&Actor::Anonymous, id).await.expect("detail");
        assert_eq!(d.summary.status, ProjectStatus::InProgress);
        let report = d.milestones[0].report.clone().expect("reported");
        assert_eq!(report.photos.iter().map(|ph| ph.id.clone()).collect::<Vec<_>>(), vec![evidence.id.clone()]);
        assert_eq!((report.photos[0].width, report.photos[0].height), (60, 40));
        assert_eq!(field(p.report(&c.moon.0, id, 0, "重复汇报同一个节点。", &[]).await).1, FieldError::AlreadyRequested);
        p.report(&c.moon.0, id, 1, "助餐点已开张，每天供应午餐 130 份。", &[]).await.expect("reported");
        let d = p.detail(&c.resident, id).await.expect("detail");
        assert_eq!(d.summary.status, ProjectStatus::Delivered);
        assert!(d.milestones.iter().all(|m| m.report.is_some()));
        assert!(d.you.may_rate);

        // Residents of the community rate it; others may not.
        assert_eq!(denied(p.rate(&c.far_staff, id, "1", "").await), Denied::NotVerified);
        assert_eq!(field(p.rate(&c.resident, id, "6", "").await).1, FieldError::NumberRange(1, 5));
        p.rate(&c.resident, id, "5", "饭菜可口，送餐准时").await.expect("rated");
        let neighbour = person(&db.store, "neighbour@x.cn", &[Grant::new(Role::Resident, Scope::Community(c.community.clone())).expect("valid")]).await;
        p.rate(&neighbour, id, "4", "").await.expect("rated");
        p.rate(&neighbour, id, "3", "").await.expect("changed");
        let d = p.detail(&neighbour, id).await.expect("detail");
        assert_eq!(d.ratings.counts, [0, 0, 1, 0, 1]);
        assert_eq!(d.ratings.mean, Some(400));
        assert_eq!(d.you.your_rating, Some(3));

        // The organisation's page shows the delivery and how many rated
        // it; a mean of two ratings is not published.
        let orgs = Organisations { store: &db.store, clock: &clock };
        let record = orgs.view(&Actor::Anonymous, c.moon.1).await.expect("view").record;
        assert_eq!((record.delivered, record.ratings, record.mean_rating), (1, 2, None));
        assert_eq!(record.delivered_projects[0].mean_rating, None);
        assert_eq!(record.delivered_projects[0].budget, Fen::new(12_000_000).expect("in range"));

        assert_eq!(denied(p.close_evaluation(&c.moon.0, id).await), Denied::NotPermitted);
        p.close_evaluation(&c.staff, id).await.expect("closed");
        assert_eq!(field(p.rate(&c.resident, id, "1", "").await).1, FieldError::WindowClosed);
        let timeline: Vec<String> = p.detail(&Actor::Anonymous, id).await.expect("detail").timeline.into_iter().map(|e| e.kind).collect();
        assert_eq!(timeline, ["published", "awarded", "reported", "delivered", "evaluated"]);
    }
}

test_on_both_engines! {
    async fn a_planned_project_is_listed_first_and_takes_bids_once_its_call_opens(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store, &clock).await;
        let p = Projects { store: &db.store, clock: &clock };
        let plan = CallForm {
            requirements: String::new(),
            eligibility: String::new(),
            deadline: String::new(),
            criteria: String::new(),
            evaluators: String::new(),
            plan_only: Some("on".into()),
            ..call(START + 7 * DAY)
        };
        assert!(matches!(p.publish(&c.resident, &c.community, &plan).await, Err(Error::Denied(_))));
        let id = p.publish(&c.staff, &c.community, &plan).await.expect("planned");
        let d = p.detail(&Actor::Anonymous, id).await.expect("detail");
        assert_eq!(d.summary.status, ProjectStatus::Planned);
        assert!(d.criteria.is_empty() && d.evaluators.is_empty(), "no call yet");
        assert!(d.you.may_bid_as.is_empty());
        let planned = p.list(c.community.as_str(), Some(ProjectStatus::Planned), None, None).await.expect("list");
        assert_eq!(planned.items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![id]);
        // Words find it in its title or description, anywhere in the city.
        for words in ["助餐", "配送"] {
            assert_eq!(p.list("", None, Some(words), None).await.expect("search").items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![id], "{words}");
        }
        assert!(p.list("", None, Some("火箭"), None).await.expect("search").items.is_empty());
        assert_eq!(conflict(p.bid(&c.sun.0, id, c.sun.1, &bid("阳光", "90000")).await), "call_closed");

        // Opening the call takes only its terms; a mistake says which.
        let no_terms = CallForm { criteria: "方案 | 50".into(), ..call(START + 7 * DAY) };
        assert_eq!(field(p.open_call(&c.staff, id, &no_terms).await), ("criteria".to_owned(), FieldError::WeightsSum(50)));
        assert!(matches!(p.open_call(&c.far_staff, id, &call(START + 7 * DAY)).await, Err(Error::Denied(_))));
        p.open_call(&c.staff, id, &call(START + 7 * DAY)).await.expect("call opened");
        assert_eq!(conflict(p.open_call(&c.staff, id, &call(START + 7 * DAY)).await), "wrong_step");
        let d = p.detail(&c.sun.0, id).await.expect("detail");
        assert_eq!(d.summary.status, ProjectStatus::CallOpen);
        assert_eq!(d.criteria.len(), 3);
        assert_eq!(d.evaluators.len(), 2);
        assert_eq!(d.summary.title, "老年助餐点运营", "the plan's own fields stay as planned");
        p.bid(&c.sun.0, id, c.sun.1, &bid("阳光", "90000")).await.expect("bid once the call is open");
        let kinds: Vec<String> = d.timeline.iter().map(|e| e.kind.clone()).collect();
        assert_eq!(kinds, ["planned", "published"]);
    }
}

test_on_both_engines! {
    async fn an_evaluator_who_acts_for_a_bidder_is_out_of_the_whole_call(db: TestDb) {
        let clock = ManualClock::new(START);
        let c = cast(&db.store, &clock).await;
        let p = Projects { store: &db.store, clock: &clock };
        let deadline = START + 7 * DAY;
        let id = p.publish(&c.staff, &c.community, &call(deadline)).await.expect("published");
        // Eva also works for Moon.
        let eva_id = c.eva.viewer().expect("signed in").id;
        let member = Grant::new(Role::OrganisationMember, Scope::Organisation(c.moon.1)).expect("valid");
        db.store.insert_grant(eva_id, &member, None, START).await.expect("grant");
        let eva = Actor::Signed(db.store.viewer(eva_id).await.expect("viewer"));
        p.bid(&c.sun.0, id, c.sun.1, &bid("阳光方案", "80000")).await.expect("bid");
        p.bid(&c.moon.0, id, c.moon.1, &bid("明月方案", "60000")).await.expect("bid");
        clock.advance(7 * DAY);

        let bids = p.detail(&c.staff, id).await.expect("detail").bids;
        assert_eq!(bids.len(), 2);
        for b in &bids {
            let scored = p.score(&eva, b.id, &scores(["99", "99", "99"]), "我来打分").await;
            assert_eq!(conflict(scored), "own_organisation", "not even a rival's bid ({})", b.organisation);
        }
        let sheets = p.detail(&eva, id).await.expect("detail").my_sheets;
        assert!(sheets.len() == 2 && sheets.iter().all(|(_, s)| *s == MySheet::Excluded), "no scoring form: {sheets:?}");
        for b in &bids {
            p.score(&c.evan, b.id, &scores(["80", "70", "90"]), "方案可行").await.expect("scored");
        }
        p.award(&c.staff, id).await.expect("Eva's sheets are not awaited");
    }
}
