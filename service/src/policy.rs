//! Who may do what: the one authorization policy. Every server function and
//! every REST handler asks [`may`] before anything happens, so a rule lives
//! here once and the UI, the REST API and Open311 cannot disagree.

pub use linli_model::role::Denied;
use linli_model::{
    account::{AccountId, Viewer},
    channel::{AssistChannel, Channel},
    organisation::ServiceArea,
    role::{Grant, Role, Scope},
    tree::{CommunityCode, DistrictCode, GridCode, StreetCode},
};

/// The person (or nobody) behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    /// Signed in with a password: a session.
    Signed(Viewer),
    /// A person's API token: everything they may do except change how
    /// they sign in, so a leaked token cannot outlive its revocation.
    Token(Viewer),
    /// Staff acting for a resident who came in person or phoned: the
    /// resident's rights and name, so staff can do nothing for them the
    /// resident could not do themselves, with staff recorded beside it.
    Assisted(Box<Assisted>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assisted {
    pub resident: Viewer,
    pub staff: Viewer,
    pub channel: AssistChannel,
    pub since: i64,
}

/// How an act came in, as the rows it writes record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Via {
    pub channel: Channel,
    /// The staff member who entered it for the resident.
    pub entered_by: Option<AccountId>,
}

impl Via {
    pub const ONLINE: Via = Via {
        channel: Channel::Online,
        entered_by: None,
    };
}

impl Actor {
    /// Whose name the act goes under: for staff acting for a resident,
    /// the resident.
    pub fn viewer(&self) -> Option<&Viewer> {
        match self {
            Actor::Anonymous => None,
            Actor::Signed(v) | Actor::Token(v) => Some(v),
            Actor::Assisted(a) => Some(&a.resident),
        }
    }

    /// How this actor's acts came in.
    pub fn via(&self) -> Via {
        match self {
            Actor::Assisted(a) => Via {
                channel: a.channel.channel(),
                entered_by: Some(a.staff.id),
            },
            _ => Via::ONLINE,
        }
    }

    /// The person at the keyboard: staff when they act for a resident.
    pub fn operator(&self) -> Option<&Viewer> {
        match self {
            Actor::Assisted(a) => Some(&a.staff),
            _ => self.viewer(),
        }
    }

    fn grants(&self) -> &[Grant] {
        self.viewer().map_or(&[], |v| v.grants.as_slice())
    }

    /// Whether any of the actor's grants satisfies `test`.
    fn has(&self, test: impl Fn(&Grant) -> bool) -> bool {
        self.grants().iter().any(test)
    }
}

/// Something a person wants to do, with what it is done to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// See one's own account, sessions and settings.
    ManageOwnAccount,
    /// Change how one signs in: password, sessions, API tokens. Only
    /// with a password-backed session.
    ManageCredentials,
    /// Hand out a role; only staff, only below their own rank, only inside
    /// their own scope.
    GrantRole(&'a Grant),
    /// Take a role back, under the same rule as granting it.
    RevokeRole(&'a Grant),
    /// Read the audit log of a scope.
    ViewAudit(&'a Scope),
    /// Verify or reject residents joining a community, and hand out
    /// invitation codes.
    VerifyMembership(&'a CommunityCode),
    /// Support ("me too") or follow something; anyone signed in, verified
    /// or not, so newcomers can take part before staff get to them.
    Support,
    /// Vote in a consultation of a community: only its verified residents
    /// (the resident role is granted when a membership is verified).
    VoteIn(&'a CommunityCode),
    /// Report a matter; anyone signed in.
    Report,
    /// Register, reject, merge, refer or dispatch a matter of this grid:
    /// its grid worker (the first contact owns it) or staff over it.
    ManageMatter(&'a GridCode),
    /// Start and resolve a matter: whoever may manage it, or its handler.
    WorkOnMatter { grid: &'a GridCode, handler: bool },
    /// Rate or reopen a resolved matter: only the resident who reported it.
    FollowUpMatter { reporter: bool },
    /// Set a community's handling deadlines and category list: staff over it.
    ConfigureCommunity(&'a CommunityCode),
    /// Run a deliberation of a community (open it, decide topics, publish
    /// the notice, answer objections, put polls, record the decision): its
    /// council members, or staff over it.
    RunDeliberation(&'a CommunityCode),
    /// Hide or restore what people wrote in a community, with a public
    /// reason: its council members, or staff over it (as for deliberations).
    Moderate(&'a CommunityCode),
    /// Verify or reject a registered organisation: staff (community level
    /// and up) whose area overlaps one it serves, so a community's staff
    /// may verify an organisation serving their whole street.
    VerifyOrganisation(&'a [ServiceArea]),
    /// Keep a community's four lists: record its needs, resources and
    /// responsibilities; publish project calls, award them and close their
    /// evaluation. Staff over the community.
    KeepLists(&'a CommunityCode),
    /// Act for an organisation (bid, report milestones): its members.
    ActFor(i64),
    /// Set up a street's departments for admission review: its officers
    /// and those above them.
    ConfigureStreet(&'a StreetCode),
    /// Change the working-day calendar of a district (its officers and
    /// platform admins) or, with `None`, the national arrangement
    /// (platform admins only).
    KeepCalendar(Option<&'a DistrictCode>),
    /// Act for a resident of this community who came in person or
    /// phoned: its grid workers and staff over it.
    AssistResidentOf(&'a CommunityCode),
}

fn is_staff(role: Role) -> bool {
    role.staff_rank().is_some()
}

/// Staff who outrank the role being handed out, in a scope containing its scope.
fn may_assign(actor: &Actor, grant: &Grant) -> Result<(), Denied> {
    let target_rank = grant.role().staff_rank().unwrap_or(0);
    let outranks = |g: &Grant| g.role().staff_rank().is_some_and(|r| r > target_rank);
    // Grid workers look after residents but do not appoint anyone.
    if !actor.has(|g| outranks(g) && g.role() != Role::GridWorker) {
        return Err(Denied::NotPermitted);
    }
    if actor
        .has(|g| outranks(g) && g.role() != Role::GridWorker && g.scope().contains(grant.scope()))
    {
        Ok(())
    } else {
        Err(Denied::OutOfScope)
    }
}

/// A grant that `qualifies`, held in a scope containing `scope`: without
/// one that qualifies anywhere the answer is "not permitted", with one
/// elsewhere only, "out of scope".
fn holds_over(
    actor: &Actor,
    scope: &Scope,
    qualifies: impl Fn(&Grant) -> bool,
) -> Result<(), Denied> {
    if !actor.has(&qualifies) {
        return Err(Denied::NotPermitted);
    }
    if actor.has(|g| qualifies(g) && g.scope().contains(scope)) {
        Ok(())
    } else {
        Err(Denied::OutOfScope)
    }
}

/// Community staff and up.
fn is_senior_staff(g: &Grant) -> bool {
    g.role().staff_rank().is_some_and(|r| r >= 2)
}

/// Staff at community level or above whose scope contains `scope`.
fn staff_over(actor: &Actor, scope: &Scope) -> Result<(), Denied> {
    holds_over(actor, scope, is_senior_staff)
}

/// Grid workers of the grid, or staff (community staff and up) over it.
fn manage_matter(actor: &Actor, grid: &GridCode) -> Result<(), Denied> {
    holds_over(actor, &Scope::Grid(grid.clone()), |g| {
        g.role() == Role::GridWorker || is_senior_staff(g)
    })
}

/// Council members and senior staff: who runs a community's deliberations
/// and moderates what is written there.
fn runs_community(g: &Grant) -> bool {
    g.role() == Role::CouncilMember || is_senior_staff(g)
}

/// The role a moderator acts in over `community`, as the public log names
/// it: their most senior qualifying grant there.
pub fn moderating_role(actor: &Actor, community: &CommunityCode) -> Option<Role> {
    let here = Scope::Community(community.clone());
    actor.viewer().and_then(|v| {
        v.grants
            .iter()
            .filter(|g| runs_community(g) && g.scope().contains(&here))
            .map(|g| g.role())
            .max_by_key(|r| r.staff_rank().unwrap_or(0))
    })
}

/// The policy. `Ok(())` means go ahead; anything else is the reason not to.
pub fn may(actor: &Actor, action: &Action<'_>) -> Result<(), Denied> {
    if matches!(actor, Actor::Anonymous) {
        return Err(Denied::SignInRequired);
    }
    // Staff acting for a resident take part as the resident does; their
    // account, settings and everyone else's work stay out of reach.
    if matches!(actor, Actor::Assisted(_))
        && !matches!(
            action,
            Action::Report | Action::Support | Action::VoteIn(_) | Action::FollowUpMatter { .. }
        )
    {
        return Err(Denied::NotPermitted);
    }
    match action {
        Action::ManageOwnAccount => Ok(()),
        Action::ManageCredentials => match actor {
            Actor::Token(_) | Actor::Assisted(_) => Err(Denied::NotPermitted),
            _ => Ok(()),
        },
        Action::GrantRole(grant) | Action::RevokeRole(grant) => may_assign(actor, grant),
        Action::ViewAudit(scope) => staff_over(actor, scope),
        Action::VerifyMembership(community) | Action::ConfigureCommunity(community) => {
            staff_over(actor, &Scope::Community((*community).clone()))
        }
        Action::Support | Action::Report => Ok(()),
        Action::ManageMatter(grid) => manage_matter(actor, grid),
        Action::WorkOnMatter { grid, handler } => {
            if *handler {
                Ok(())
            } else {
                manage_matter(actor, grid)
            }
        }
        Action::FollowUpMatter { reporter } => {
            if *reporter {
                Ok(())
            } else {
                Err(Denied::NotPermitted)
            }
        }
        Action::RunDeliberation(community) | Action::Moderate(community) => holds_over(
            actor,
            &Scope::Community((*community).clone()),
            runs_community,
        ),
        Action::VerifyOrganisation(areas) => {
            let overlaps = |g: &Grant| {
                areas.iter().any(|a| {
                    let area = a.scope();
                    g.scope().contains(&area) || area.contains(g.scope())
                })
            };
            if !actor.has(is_senior_staff) {
                Err(Denied::NotPermitted)
            } else if actor.has(|g| is_senior_staff(g) && overlaps(g)) {
                Ok(())
            } else {
                Err(Denied::OutOfScope)
            }
        }
        Action::KeepLists(community) => staff_over(actor, &Scope::Community((*community).clone())),
        Action::ConfigureStreet(street) => {
            holds_over(actor, &Scope::Street((*street).clone()), |g| {
                g.role().staff_rank().is_some_and(|r| r >= 3)
            })
        }
        Action::KeepCalendar(district) => {
            let scope = district.map_or(Scope::Platform, |d| Scope::District(d.clone()));
            holds_over(actor, &scope, |g| {
                g.role().staff_rank().is_some_and(|r| r >= 4)
            })
        }
        Action::ActFor(organisation) => {
            holds_over(actor, &Scope::Organisation(*organisation), |g| {
                g.role() == Role::OrganisationMember
            })
        }
        Action::AssistResidentOf(community) => {
            let here = Scope::Community((*community).clone());
            holds_over(actor, &here, |g| {
                is_senior_staff(g) || g.role() == Role::GridWorker
            })
            .or_else(|denied| {
                // A grid worker's scope is a grid inside the community.
                if actor.has(|g| g.role() == Role::GridWorker && here.contains(g.scope())) {
                    Ok(())
                } else {
                    Err(denied)
                }
            })
        }
        Action::VoteIn(community) => {
            let here = Scope::Community((*community).clone());
            if actor.has(|g| g.role() == Role::Resident && g.scope().contains(&here)) {
                Ok(())
            } else {
                Err(Denied::NotVerified)
            }
        }
    }
}

/// Whether the actor holds any staff role; pages use it to offer staff tools.
pub fn is_staff_member(actor: &Actor) -> bool {
    actor.has(|g| is_staff(g.role()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_model::{
        account::AccountId,
        tree::{DistrictCode, StreetCode},
    };

    /// One community, its grid, street and district, and a community in
    /// another street of another district: in scope and out of scope.
    struct Places {
        grid: Scope,
        community: CommunityCode,
        street: Scope,
        district: Scope,
        far_community: CommunityCode,
    }

    fn places() -> Places {
        let community = CommunityCode::parse("33020310100112101").expect("valid");
        Places {
            grid: Scope::Grid(community.grid(1).expect("valid")),
            street: Scope::Street(community.street()),
            district: Scope::District(community.district()),
            far_community: CommunityCode::parse("33020520100224301").expect("valid"),
            community,
        }
    }

    fn actor(role: Role, scope: Scope) -> Actor {
        Actor::Signed(Viewer {
            id: AccountId(1),
            display_name: "tester".into(),
            grants: vec![Grant::new(role, scope).expect("matching level")],
        })
    }

    /// The scope a role is held at, in or far from the target community.
    fn home(role: Role, p: &Places, in_scope: bool) -> Scope {
        let c = if in_scope {
            p.community.clone()
        } else {
            p.far_community.clone()
        };
        match role.scope_kind() {
            linli_model::role::ScopeKind::Platform => Scope::Platform,
            linli_model::role::ScopeKind::District => Scope::District(c.district()),
            linli_model::role::ScopeKind::Street => Scope::Street(c.street()),
            linli_model::role::ScopeKind::Community => Scope::Community(c),
            linli_model::role::ScopeKind::Grid => Scope::Grid(c.grid(1).expect("valid")),
            linli_model::role::ScopeKind::Organisation => {
                Scope::Organisation(if in_scope { 1 } else { 2 })
            }
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Expect {
        Allow,
        /// Allowed in scope, refused as out of scope elsewhere.
        InScopeOnly,
        /// Refused: the role does not make one a verified resident.
        Unverified,
        Refuse,
    }
    use Expect::*;

    /// role × action: the whole policy as a table. The platform admin's
    /// scope contains everything, so its "out of scope" case is allowed too.
    #[test]
    fn every_role_against_every_action_in_and_out_of_scope() {
        let p = places();
        let grant_resident =
            Grant::new(Role::Resident, Scope::Community(p.community.clone())).expect("ok");
        let grant_worker = Grant::new(Role::GridWorker, p.grid.clone()).expect("ok");
        let grant_staff =
            Grant::new(Role::CommunityStaff, Scope::Community(p.community.clone())).expect("ok");
        let grant_street = Grant::new(Role::StreetOfficer, p.street.clone()).expect("ok");
        let grant_district = Grant::new(Role::DistrictOfficer, p.district.clone()).expect("ok");
        let community_scope = Scope::Community(p.community.clone());
        let grid = p.community.grid(1).expect("valid");
        let areas = [ServiceArea::Street(p.community.street())];
        let street_code = p.community.street();
        let actions: Vec<(&str, Action<'_>)> = vec![
            ("own account", Action::ManageOwnAccount),
            ("grant resident", Action::GrantRole(&grant_resident)),
            ("grant grid worker", Action::GrantRole(&grant_worker)),
            ("grant community staff", Action::GrantRole(&grant_staff)),
            ("grant street officer", Action::GrantRole(&grant_street)),
            ("grant district officer", Action::GrantRole(&grant_district)),
            ("revoke grid worker", Action::RevokeRole(&grant_worker)),
            ("view audit", Action::ViewAudit(&community_scope)),
            ("verify membership", Action::VerifyMembership(&p.community)),
            ("support", Action::Support),
            ("vote", Action::VoteIn(&p.community)),
            ("report", Action::Report),
            ("manage matter", Action::ManageMatter(&grid)),
            (
                "work on matter",
                Action::WorkOnMatter {
                    grid: &grid,
                    handler: false,
                },
            ),
            (
                "work as handler",
                Action::WorkOnMatter {
                    grid: &grid,
                    handler: true,
                },
            ),
            (
                "follow up others'",
                Action::FollowUpMatter { reporter: false },
            ),
            ("follow up own", Action::FollowUpMatter { reporter: true }),
            ("configure", Action::ConfigureCommunity(&p.community)),
            ("run deliberation", Action::RunDeliberation(&p.community)),
            ("verify organisation", Action::VerifyOrganisation(&areas)),
            ("keep lists", Action::KeepLists(&p.community)),
            ("act for organisation", Action::ActFor(1)),
            ("configure street", Action::ConfigureStreet(&street_code)),
        ];
        #[rustfmt::skip]
        let table: [(Role, [Expect; 23]); 8] = [
            //                         own    res          worker       staff        street       district     revoke       audit        verify       support vote         report manage       work         handler others' own    configure    run          verify org   project      org          street
            (Role::Resident,           [Allow, Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Allow,  InScopeOnly, Allow, Refuse,      Refuse,      Allow,  Refuse, Allow, Refuse,       Refuse, Refuse,      Refuse,      Refuse, Refuse]),
            (Role::CouncilMember,      [Allow, Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Allow,  Unverified,  Allow, Refuse,      Refuse,      Allow,  Refuse, Allow, Refuse,       InScopeOnly, Refuse,      Refuse,      Refuse, Refuse]),
            (Role::OrganisationMember, [Allow, Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Allow,  Unverified,  Allow, Refuse,      Refuse,      Allow,  Refuse, Allow, Refuse,       Refuse, Refuse,      Refuse,      InScopeOnly, Refuse]),
            (Role::GridWorker,         [Allow, Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Refuse,      Allow,  Unverified,  Allow, InScopeOnly, InScopeOnly, Allow,  Refuse, Allow, Refuse,       Refuse, Refuse,      Refuse,      Refuse, Refuse]),
            (Role::CommunityStaff,     [Allow, InScopeOnly, InScopeOnly, Refuse,      Refuse,      Refuse,      InScopeOnly, InScopeOnly, InScopeOnly, Allow,  Unverified,  Allow, InScopeOnly, InScopeOnly, Allow,  Refuse, Allow, InScopeOnly,  InScopeOnly, InScopeOnly, InScopeOnly, Refuse, Refuse]),
            (Role::StreetOfficer,      [Allow, InScopeOnly, InScopeOnly, InScopeOnly, Refuse,      Refuse,      InScopeOnly, InScopeOnly, InScopeOnly, Allow,  Unverified,  Allow, InScopeOnly, InScopeOnly, Allow,  Refuse, Allow, InScopeOnly,  InScopeOnly, InScopeOnly, InScopeOnly, Refuse, InScopeOnly]),
            (Role::DistrictOfficer,    [Allow, InScopeOnly, InScopeOnly, InScopeOnly, InScopeOnly, Refuse,      InScopeOnly, InScopeOnly, InScopeOnly, Allow,  Unverified,  Allow, InScopeOnly, InScopeOnly, Allow,  Refuse, Allow, InScopeOnly,  InScopeOnly, InScopeOnly, InScopeOnly, Refuse, InScopeOnly]),
            (Role::PlatformAdmin,      [Allow, Allow,       Allow,       Allow,       Allow,       Allow,       Allow,       Allow,       Allow,       Allow,  Unverified,  Allow, Allow,       Allow,       Allow,  Refuse, Allow, Allow,        Allow, Allow,       Allow,       Refuse, Allow]),
        ];
        for (role, row) in table {
            for ((name, action), expected) in actions.iter().zip(row) {
                for in_scope in [true, false] {
                    let who = actor(role, home(role, &p, in_scope));
                    let got = may(&who, action);
                    let want = match (expected, in_scope) {
                        (Allow, _) | (InScopeOnly, true) => Ok(()),
                        (InScopeOnly, false) if *name == "vote" => Err(Denied::NotVerified),
                        (InScopeOnly, false) => Err(Denied::OutOfScope),
                        (Unverified, _) => Err(Denied::NotVerified),
                        (Refuse, _) => Err(Denied::NotPermitted),
                    };
                    assert_eq!(got, want, "{role:?} / {name} / in scope: {in_scope}");
                }
            }
        }
    }

    /// A token acts with its owner's roles, but cannot change how they
    /// sign in (password, sessions, tokens).
    #[test]
    fn a_token_may_do_what_its_owner_may_except_manage_credentials() {
        let p = places();
        let Actor::Signed(staff) =
            actor(Role::CommunityStaff, Scope::Community(p.community.clone()))
        else {
            unreachable!("actor() signs in")
        };
        let (session, token) = (Actor::Signed(staff.clone()), Actor::Token(staff));
        for action in [
            Action::ManageOwnAccount,
            Action::VerifyMembership(&p.community),
            Action::VerifyMembership(&p.far_community),
            Action::Support,
        ] {
            assert_eq!(may(&token, &action), may(&session, &action), "{action:?}");
        }
        assert_eq!(may(&session, &Action::ManageCredentials), Ok(()));
        assert_eq!(
            may(&token, &Action::ManageCredentials),
            Err(Denied::NotPermitted)
        );
    }

    #[test]
    fn nobody_signed_in_may_do_nothing() {
        let p = places();
        assert_eq!(
            may(&Actor::Anonymous, &Action::ManageOwnAccount),
            Err(Denied::SignInRequired)
        );
        assert_eq!(
            may(&Actor::Anonymous, &Action::VerifyMembership(&p.community)),
            Err(Denied::SignInRequired)
        );
        assert_eq!(
            may(&Actor::Anonymous, &Action::Support),
            Err(Denied::SignInRequired)
        );
    }

    /// Someone signed in whose membership staff have not verified yet: they
    /// may support and follow, but not vote.
    #[test]
    fn the_unverified_support_but_do_not_vote() {
        let p = places();
        let newcomer = Actor::Signed(Viewer {
            id: AccountId(9),
            display_name: "newcomer".into(),
            grants: Vec::new(),
        });
        assert_eq!(may(&newcomer, &Action::Support), Ok(()));
        assert_eq!(
            may(&newcomer, &Action::VoteIn(&p.community)),
            Err(Denied::NotVerified)
        );
    }

    #[test]
    fn a_street_officer_cannot_act_in_the_next_street() {
        let p = places();
        let officer = actor(
            Role::StreetOfficer,
            Scope::Street(StreetCode::parse("330203102").expect("valid")),
        );
        assert_eq!(
            may(&officer, &Action::VerifyMembership(&p.community)),
            Err(Denied::OutOfScope)
        );
        let district_officer = actor(
            Role::DistrictOfficer,
            Scope::District(DistrictCode::parse("330203").expect("valid")),
        );
        assert_eq!(
            may(&district_officer, &Action::VerifyMembership(&p.community)),
            Ok(())
        );
        assert!(is_staff_member(&officer));
        assert!(!is_staff_member(&actor(
            Role::Resident,
            Scope::Community(p.community)
        )));
    }
}
