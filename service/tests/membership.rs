//! Joining a community, verification by staff, invitation codes; on both engines.

use linli_model::{
    account::{AccountId, FieldError},
    membership::{InvitationCode, JoinRequest, MembershipStatus},
    role::{Denied, Grant, Role, Scope},
    tree::CommunityCode,
};
use linli_service::{
    Error, Store,
    clock::{DAY, ManualClock},
    membership::{Decision, Memberships},
    policy::Actor,
    seed::CityData,
    test_on_both_engines,
    testing::person,
};

const START: i64 = 1_790_000_000_000;

async fn city(store: &Store) -> CityData {
    linli_service::testing::small_city(store, 20).await
}

fn community(city: &CityData, n: usize) -> CommunityCode {
    CommunityCode::parse(&city.communities[n].node.code).expect("valid")
}

fn request(c: &CommunityCode, invitation: Option<&InvitationCode>) -> JoinRequest {
    JoinRequest {
        community: c.clone(),
        grid: c.grid(1).expect("valid"),
        building: "3幢".into(),
        unit: "2单元".into(),
        room: "502".into(),
        invitation: invitation.cloned(),
    }
}

fn staff_of(c: &CommunityCode) -> Grant {
    Grant::new(Role::CommunityStaff, Scope::Community(c.clone())).expect("valid")
}

fn id_of(actor: &Actor) -> AccountId {
    actor.viewer().expect("signed in").id
}

test_on_both_engines! {
    async fn a_request_waits_for_staff_of_that_community_who_approve_it(db: TestDb) {
        let clock = ManualClock::new(START);
        let m = Memberships { store: &db.store, clock: &clock };
        let city = city(&db.store).await;
        let here = community(&city, 0);
        let there = community(&city, 1);
        let resident = person(&db.store, "a@x.cn", &[]).await;
        let staff = person(&db.store, "s@x.cn", &[staff_of(&here)]).await;
        let other_staff = person(&db.store, "o@x.cn", &[staff_of(&there)]).await;

        assert_eq!(m.join(&resident, &request(&here, None)).await.expect("join"), MembershipStatus::Pending);
        let again = m.join(&resident, &request(&here, None)).await;
        assert!(matches!(&again, Err(Error::Invalid(f)) if f[0].1 == FieldError::AlreadyRequested), "{again:?}");

        assert!(matches!(m.pending(&other_staff, &here).await, Err(Error::Denied(Denied::OutOfScope))));
        assert!(matches!(m.pending(&resident, &here).await, Err(Error::Denied(Denied::NotPermitted))));
        let queue = m.pending(&staff, &here).await.expect("queue");
        assert_eq!(queue.len(), 1);
        assert_eq!((queue[0].building.as_str(), queue[0].room.as_str()), ("3幢", "502"));

        let refused = m.decide(&other_staff, queue[0].id, &Decision::Approve).await;
        assert!(matches!(refused, Err(Error::Denied(Denied::OutOfScope))), "{refused:?}");
        m.decide(&staff, queue[0].id, &Decision::Approve).await.expect("approve");
        let twice = m.decide(&staff, queue[0].id, &Decision::Approve).await;
        assert!(matches!(twice, Err(Error::Conflict(_))), "{twice:?}");

        let viewer = db.store.viewer(id_of(&resident)).await.expect("viewer");
        assert_eq!(viewer.grants, vec![Grant::new(Role::Resident, Scope::Community(here.clone())).expect("valid")]);
        let mine = m.mine(&resident).await.expect("mine");
        assert_eq!(mine[0].status, MembershipStatus::Verified);
        assert!(m.pending(&staff, &here).await.expect("queue").is_empty());
    }
}

test_on_both_engines! {
    async fn a_rejection_needs_a_reason_that_the_person_then_sees(db: TestDb) {
        let clock = ManualClock::new(START);
        let m = Memberships { store: &db.store, clock: &clock };
        let city = city(&db.store).await;
        let here = community(&city, 2);
        let resident = person(&db.store, "b@x.cn", &[]).await;
        let staff = person(&db.store, "s@x.cn", &[staff_of(&here)]).await;
        m.join(&resident, &request(&here, None)).await.expect("join");
        let id = m.pending(&staff, &here).await.expect("queue")[0].id;
        let blank = m.decide(&staff, id, &Decision::Reject("  ".into())).await;
        assert!(matches!(&blank, Err(Error::Invalid(f)) if f[0] == ("reason".into(), FieldError::Required)));
        let escape = m.decide(&staff, id, &Decision::Reject("\u{1b}[2J该房号不在本网格".into())).await;
        assert!(matches!(&escape, Err(Error::Invalid(f)) if f[0] == ("reason".to_owned(), FieldError::ControlCharacters)), "{escape:?}");
        m.decide(&staff, id, &Decision::Reject("该房号不在本网格".into())).await.expect("reject");
        let mine = m.mine(&resident).await.expect("mine");
        assert_eq!(mine[0].status, MembershipStatus::Rejected);
        assert_eq!(mine[0].reason.as_deref(), Some("该房号不在本网格"));
        assert!(db.store.viewer(id_of(&resident)).await.expect("viewer").grants.is_empty());
        // After a rejection the person may ask again.
        assert_eq!(m.join(&resident, &request(&here, None)).await.expect("join"), MembershipStatus::Pending);
    }
}

test_on_both_engines! {
    async fn an_invitation_code_verifies_at_once_and_only_once(db: TestDb) {
        let clock = ManualClock::new(START);
        let m = Memberships { store: &db.store, clock: &clock };
        let city = city(&db.store).await;
        let here = community(&city, 3);
        let there = community(&city, 4);
        let staff = person(&db.store, "s@x.cn", &[staff_of(&here)]).await;
        let resident = person(&db.store, "r@x.cn", &[]).await;
        assert!(matches!(m.create_invitations(&resident, &here, 3).await, Err(Error::Denied(_))));
        assert!(matches!(m.create_invitations(&staff, &here, 51).await, Err(Error::Invalid(_))));
        let codes = m.create_invitations(&staff, &here, 3).await.expect("codes");
        assert_eq!(codes.len(), 3);

        assert_eq!(m.join(&resident, &request(&here, Some(&codes[0]))).await.expect("join"), MembershipStatus::Verified);
        assert_eq!(db.store.viewer(id_of(&resident)).await.expect("viewer").grants.len(), 1);

        let neighbour = person(&db.store, "n@x.cn", &[]).await;
        let reused = m.join(&neighbour, &request(&here, Some(&codes[0]))).await;
        assert!(matches!(&reused, Err(Error::Invalid(f)) if f[0].1 == FieldError::InvitationUnusable), "{reused:?}");
        let elsewhere = m.join(&neighbour, &request(&there, Some(&codes[1]))).await;
        assert!(matches!(&elsewhere, Err(Error::Invalid(f)) if f[0].1 == FieldError::InvitationUnusable));
        // A refused code leaves no half-made request behind.
        assert!(m.mine(&neighbour).await.expect("mine").is_empty());

        clock.advance(31 * DAY);
        let expired = m.join(&neighbour, &request(&here, Some(&codes[1]))).await;
        assert!(matches!(&expired, Err(Error::Invalid(f)) if f[0].1 == FieldError::InvitationUnusable));
    }
}

test_on_both_engines! {
    async fn two_people_racing_for_one_code_get_one_membership(db: TestDb) {
        let clock = ManualClock::new(START);
        let m = Memberships { store: &db.store, clock: &clock };
        let city = city(&db.store).await;
        let here = community(&city, 5);
        let staff = person(&db.store, "s@x.cn", &[staff_of(&here)]).await;
        let code = m.create_invitations(&staff, &here, 1).await.expect("codes").remove(0);
        let a = person(&db.store, "a@x.cn", &[]).await;
        let b = person(&db.store, "b@x.cn", &[]).await;
        let (qa, qb) = (request(&here, Some(&code)), request(&here, Some(&code)));
        let (ra, rb) = tokio::join!(m.join(&a, &qa), m.join(&b, &qb));
        let verified = [&ra, &rb].iter().filter(|r| matches!(r, Ok(MembershipStatus::Verified))).count();
        assert_eq!(verified, 1, "{ra:?} {rb:?}");
    }
}

test_on_both_engines! {
    async fn staff_see_the_audit_log_of_their_own_area_only(db: TestDb) {
        use linli_service::audit::visible_entries;
        let clock = ManualClock::new(START);
        let m = Memberships { store: &db.store, clock: &clock };
        let city = city(&db.store).await;
        let here = community(&city, 0);
        let there = community(&city, 7);
        let staff = person(&db.store, "s@x.cn", &[staff_of(&here)]).await;
        let far_staff = person(&db.store, "f@x.cn", &[staff_of(&there)]).await;
        let resident = person(&db.store, "r@x.cn", &[]).await;
        m.join(&resident, &request(&here, None)).await.expect("join");
        m.join(&resident, &request(&there, None)).await.expect("join");
        let id = m.pending(&staff, &here).await.expect("queue")[0].id;
        m.decide(&staff, id, &Decision::Approve).await.expect("approve");
        // A refused attempt is logged too.
        let _ = m.decide(&far_staff, id, &Decision::Approve).await;

        let scope = Scope::Community(here.clone());
        let log = visible_entries(&db.store, &staff, &scope, None, i64::MAX).await.expect("visible").items;
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, vec!["membership.decide", "membership.approve", "membership.join"], "newest first");
        assert_eq!(log[0].outcome, "denied");
        assert!(log.iter().all(|e| e.scope_key == here.as_str()));
        assert!(log.iter().all(|e| !e.target.contains("502")), "no addresses in the log");

        let older = visible_entries(&db.store, &staff, &scope, Some(log[1].id), i64::MAX).await.expect("page");
        assert_eq!(older.items.len(), 1);
        assert_eq!(older.next, None, "the oldest page has no next");
        assert!(matches!(
            visible_entries(&db.store, &far_staff, &scope, None, i64::MAX).await,
            Err(Error::Denied(Denied::OutOfScope))
        ));
        assert!(matches!(
            visible_entries(&db.store, &resident, &scope, None, i64::MAX).await,
            Err(Error::Denied(Denied::NotPermitted))
        ));
    }
}

test_on_both_engines! {
    async fn staff_grant_and_revoke_roles_below_them_inside_their_area(db: TestDb) {
        use linli_service::roles::Roles;
        let clock = ManualClock::new(START);
        let roles = Roles { store: &db.store, clock: &clock };
        let city = city(&db.store).await;
        let here = community(&city, 0);
        let there = community(&city, 9);
        let staff = person(&db.store, "s@x.cn", &[staff_of(&here)]).await;
        let helper = person(&db.store, "h@x.cn", &[]).await;
        let worker_here = Grant::new(Role::GridWorker, Scope::Grid(here.grid(1).expect("valid"))).expect("valid");
        let worker_there = Grant::new(Role::GridWorker, Scope::Grid(there.grid(1).expect("valid"))).expect("valid");
        let peer = staff_of(&here);

        roles.grant(&staff, "h@x.cn", &worker_here).await.expect("in scope, below");
        assert!(db.store.viewer(id_of(&helper)).await.expect("viewer").grants.contains(&worker_here));
        roles.grant(&staff, "h@x.cn", &worker_here).await.expect("granting again changes nothing");

        assert!(matches!(roles.grant(&staff, "h@x.cn", &worker_there).await, Err(Error::Denied(Denied::OutOfScope))));
        assert!(matches!(roles.grant(&staff, "h@x.cn", &peer).await, Err(Error::Denied(Denied::NotPermitted))));
        assert!(matches!(roles.grant(&helper, "s@x.cn", &worker_here).await, Err(Error::Denied(_))), "a grid worker appoints nobody");
        let unknown = roles.grant(&staff, "nobody@x.cn", &worker_here).await;
        assert!(matches!(&unknown, Err(Error::Invalid(f)) if f[0].1 == FieldError::UnknownAccount), "{unknown:?}");

        roles.revoke(&staff, "h@x.cn", &worker_here).await.expect("revoke");
        assert!(db.store.viewer(id_of(&helper)).await.expect("viewer").grants.is_empty());
        assert!(matches!(roles.revoke(&staff, "h@x.cn", &worker_here).await, Err(Error::NotFound)));
        let log = linli_service::audit::visible_entries(&db.store, &staff, &Scope::Community(here.clone()), None, i64::MAX)
            .await
            .expect("log")
            .items;
        assert!(log.iter().any(|e| e.action == "role.grant" && e.outcome == "ok"));
        assert!(log.iter().any(|e| e.action == "role.revoke" && e.outcome == "ok"));
    }
}
