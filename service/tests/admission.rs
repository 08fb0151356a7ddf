//! Admission review on both engines: departments per street, a proposal
//! from one department, unanimous approval by every other reviewing
//! department, a rejection that ends it, withdrawal the same way, and the
//! public history.

use linli_model::{
    account::FieldError,
    admission::{Change, ProposalForm, ProposalStatus, Verdict},
    role::{Denied, Grant, Role, Scope},
    tree::CommunityCode,
};
use linli_service::{
    Error,
    admission::Admissions,
    clock::ManualClock,
    items::Items,
    seed, test_on_both_engines,
    testing::{person, small_city},
};

const START: i64 = 1_795_140_000_000;

fn denied(r: Result<impl std::fmt::Debug, Error>) -> Denied {
    match r {
        Err(Error::Denied(d)) => d,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn conflict(r: Result<impl std::fmt::Debug, Error>) -> &'static str {
    match r {
        Err(Error::Conflict(why)) => why,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn add(department: i64, community: &CommunityCode, title: &str) -> ProposalForm {
    ProposalForm {
        department: department.to_string(),
        community: community.to_string(),
        change: "no_certificate".into(),
        title: title.into(),
        detail: "由公证机构出具，社区不再开具".into(),
        title_en: format!("{title} (guarantee for a family visit abroad)"),
        detail_en: "Issued by a notary office; the community no longer issues it".into(),
        item: String::new(),
        reason: "依据清理证明事项的规定，担保类证明由公证机构办理，社区不应开具。".into(),
    }
}

test_on_both_engines! {
    async fn an_item_enters_a_list_only_when_every_reviewing_department_approves(db: TestDb) {
        let clock = ManualClock::new(START);
        let store = &db.store;
        let city = small_city(store, 12).await;
        seed::load_item_lists(store, START).await.expect("item lists");
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let street = community.street();
        let a = Admissions { store, clock: &clock };
        let officer = person(store, "officer@x.cn", &[Grant::new(Role::StreetOfficer, Scope::Street(street.clone())).expect("valid")]).await;
        let staff = person(store, "staff@x.cn", &[Grant::new(Role::CommunityStaff, Scope::Community(community.clone())).expect("valid")]).await;
        // Only the street's officers set up its departments.
        assert_eq!(denied(a.add_department(&staff, &street, "民政科", true).await), Denied::NotPermitted);
        let office = a.add_department(&officer, &street, "社区建设办公室", false).await.expect("made");
        let civil = a.add_department(&officer, &street, "民政科", true).await.expect("made");
        let justice = a.add_department(&officer, &street, "司法所", true).await.expect("made");
        assert_eq!(
            a.add_department(&officer, &street, "民政科", true).await.map_err(|e| format!("{e:?}")),
            Err(format!("{:?}", Error::invalid("name", FieldError::Taken)))
        );
        let clerk = person(store, "clerk@x.cn", &[]).await;
        let civil_head = person(store, "civil@x.cn", &[]).await;
        let justice_head = person(store, "justice@x.cn", &[]).await;
        a.add_member(&officer, office, "clerk@x.cn").await.expect("member");
        a.add_member(&officer, civil, "civil@x.cn").await.expect("member");
        a.add_member(&officer, justice, "justice@x.cn").await.expect("member");
        assert_eq!(denied(a.add_member(&clerk, civil, "clerk@x.cn").await), Denied::NotPermitted);

        // Only a member files for its department.
        assert_eq!(denied(a.propose(&civil_head, &add(office, &community, "出国探亲担保证明")).await), Denied::NotPermitted);
        let before = Items { store }.list(&community).await.expect("list").len();
        let id = a.propose(&clerk, &add(office, &community, "出国探亲担保证明")).await.expect("filed");
        assert_eq!(Items { store }.list(&community).await.expect("list").len(), before, "nothing changes while under review");

        // The proposer does not review itself; one approval is not enough.
        assert_eq!(denied(a.review(&clerk, id, office, Verdict::Approve, "同意").await), Denied::NotPermitted);
        // Four eyes: joining a reviewing department does not let the one
        // who filed it approve it.
        a.add_member(&officer, civil, "clerk@x.cn").await.expect("member");
        assert_eq!(conflict(a.review(&clerk, id, civil, Verdict::Approve, "同意").await), "own_proposal");
        let desk = a.desk(&civil_head).await.expect("desk");
        assert_eq!(desk.awaiting.len(), 1);
        assert_eq!(desk.awaiting[0].1, vec![(civil, "民政科".to_owned())]);
        assert_eq!(a.review(&civil_head, id, civil, Verdict::Approve, "符合规定").await.expect("reviewed"), ProposalStatus::Reviewing);
        assert_eq!(conflict(a.review(&civil_head, id, civil, Verdict::Approve, "再次同意").await), "reviewed_already");
        assert!(a.desk(&civil_head).await.expect("desk").awaiting.is_empty());
        let history = a.history(&community).await.expect("history");
        assert_eq!(history[0].awaiting, vec!["司法所".to_owned()]);
        assert_eq!(Items { store }.list(&community).await.expect("list").len(), before);

        // The last approval adopts it: the item is on the list.
        assert_eq!(a.review(&justice_head, id, justice, Verdict::Approve, "于法有据").await.expect("reviewed"), ProposalStatus::Adopted);
        let list = Items { store }.list(&community).await.expect("list");
        assert_eq!(list.len(), before + 1);
        let added = list.iter().find(|i| i.title.zh == "出国探亲担保证明").expect("on the list");
        assert_eq!(added.title.en, "出国探亲担保证明 (guarantee for a family visit abroad)", "its English text is listed too");
        assert_eq!(added.detail.en, "Issued by a notary office; the community no longer issues it");
        let answer = Items { store }.of_community(&community, Some("出国探亲担保证明谁开")).await.expect("answer");
        assert_eq!(answer.items[0].id, added.id, "residents find it");
        assert_eq!(conflict(a.review(&civil_head, id, civil, Verdict::Reject, "改主意").await), "decided_already");

        // One rejection ends a proposal, with its reason public.
        let second = a.propose(&clerk, &add(office, &community, "出生证明")).await.expect("filed");
        assert_eq!(a.review(&justice_head, second, justice, Verdict::Reject, "出生医学证明由医院出具，已在清单中").await.expect("reviewed"), ProposalStatus::Rejected);
        assert_eq!(Items { store }.list(&community).await.expect("list").len(), before + 1);

        // Withdrawal goes the same way.
        let withdraw = ProposalForm {
            change: "withdraw".into(),
            item: added.id.to_string(),
            title: String::new(),
            detail: String::new(),
            title_en: String::new(),
            detail_en: String::new(),
            ..add(office, &community, "")
        };
        let third = a.propose(&clerk, &withdraw).await.expect("filed");
        a.review(&civil_head, third, civil, Verdict::Approve, "同意撤回").await.expect("reviewed");
        a.review(&justice_head, third, justice, Verdict::Approve, "同意撤回").await.expect("reviewed");
        let list = Items { store }.list(&community).await.expect("list");
        assert!(!list.iter().any(|i| i.id == added.id), "withdrawn");
        let mut again = withdraw.clone();
        again.item = added.id.to_string();
        assert_eq!(
            a.propose(&clerk, &again).await.map_err(|e| format!("{e:?}")),
            Err(format!("{:?}", Error::invalid("item", FieldError::NotAChoice))),
            "an item no longer on the list cannot be withdrawn"
        );
        // Another community of the street keeps its list.
        let other = city.communities.iter().map(|c| CommunityCode::parse(&c.node.code).expect("valid")).find(|c| c.street() == street && *c != community);
        if let Some(other) = other {
            assert!(!Items { store }.list(&other).await.expect("list").iter().any(|i| i.title.zh == "出国探亲担保证明"));
        }

        // The public history, newest first, with every review.
        let history = a.history(&community).await.expect("history");
        let statuses: Vec<ProposalStatus> = history.iter().map(|p| p.status).collect();
        assert_eq!(statuses, [ProposalStatus::Adopted, ProposalStatus::Rejected, ProposalStatus::Adopted]);
        assert!(matches!(history[0].change, Change::Withdraw { .. }));
        assert_eq!(history[0].withdrawn_title.as_deref(), Some("出国探亲担保证明"));
        assert_eq!(history[1].reviews[0].reason, "出生医学证明由医院出具，已在清单中");
        assert_eq!(history[2].reviews.len(), 2);
        let actions = store.audit_actions().await;
        assert!(actions.contains(&"admission.approve".to_owned()) && actions.contains(&"admission.reject".to_owned()));
    }
}
