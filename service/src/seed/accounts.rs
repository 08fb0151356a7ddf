//! Demo accounts, one for every role, so a newcomer can try each view.

use linli_model::{
    account::{Email, Login, Password},
    organisation::OrganisationForm,
    role::{Grant, Role, Scope},
    tree::{CommunityCode, GridCode},
};

use super::CityData;
use crate::{
    Error, Result, Store, auth::hash_password, clock::Clock, organisations::Organisations,
    policy::Actor,
};

/// Every demo account signs in with this password (listed in the README).
pub const DEMO_PASSWORD: &str = "linli-demo-2026";

/// (email, display name, role) of each demo account.
pub const DEMO_ACCOUNTS: [(&str, &str, Role); 9] = [
    ("resident@linli.demo", "王阿姨（居民）", Role::Resident),
    (
        "council@linli.demo",
        "李叔（议事会成员）",
        Role::CouncilMember,
    ),
    ("grid@linli.demo", "张网格员", Role::GridWorker),
    ("staff@linli.demo", "陈社工", Role::CommunityStaff),
    ("street@linli.demo", "刘（街道）", Role::StreetOfficer),
    ("district@linli.demo", "赵（区）", Role::DistrictOfficer),
    ("org@linli.demo", "阳光社工服务社", Role::OrganisationMember),
    (
        "org2@linli.demo",
        "明月养老服务中心",
        Role::OrganisationMember,
    ),
    ("admin@linli.demo", "平台管理员", Role::PlatformAdmin),
];

/// Evaluators a call can appoint: accounts without a role.
pub const DEMO_EXPERTS: [(&str, &str); 2] = [
    ("expert1@linli.demo", "孙老师（评审专家）"),
    ("expert2@linli.demo", "周老师（评审专家）"),
];

/// The two demo organisations, registered by the two organisation
/// accounts and verified by the street officer: (account, form).
fn demo_organisations(community: &CommunityCode) -> [(&'static str, OrganisationForm); 2] {
    let street = community.street().to_string();
    [
        (
            "org@linli.demo",
            OrganisationForm {
                name: "阳光社工服务社".into(),
                credit_code: "52330203MJ98765436".into(),
                legal_rep: "王阳".into(),
                phone: "13805740001".into(),
                areas: street.clone(),
                description: "民办社会工作服务机构，持证社工 12 名，专注社区养老、青少年托管和邻里互助。".into(),
                documents: "民办非企业单位登记证书\n章程\n2025 年度检查报告".into(),
            },
        ),
        (
            "org2@linli.demo",
            OrganisationForm {
                name: "明月养老服务中心".into(),
                credit_code: "52330203MJ12345676".into(),
                legal_rep: "林明月".into(),
                phone: "13805740002".into(),
                areas: street,
                description: "为高龄和失能老人提供助餐、助浴、上门探访和康复陪护服务，运营两个居家养老服务站。".into(),
                documents: "民办非企业单位登记证书\n养老机构备案回执".into(),
            },
        ),
    ]
}

/// Creates the demo accounts with their roles in the city's first
/// community (and its grid, street and district).
pub async fn load_demo_accounts(store: &Store, clock: &dyn Clock, city: &CityData) -> Result<()> {
    let first = city
        .communities
        .first()
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("the city has no community")))?;
    let community = CommunityCode::parse(&first.node.code)
        .map_err(|e| Error::Internal(anyhow::anyhow!("demo community code: {e}")))?;
    let grid: GridCode = community
        .grid(1)
        .map_err(|e| Error::Internal(anyhow::anyhow!("demo grid code: {e}")))?;
    let password = Password::parse(DEMO_PASSWORD)
        .map_err(|e| Error::Internal(anyhow::anyhow!("demo password: {e}")))?;
    let hash = hash_password(&password).await?;
    for (email, name, role) in DEMO_ACCOUNTS {
        let login = Login::Email(
            Email::parse(email).map_err(|e| Error::Internal(anyhow::anyhow!("demo email: {e}")))?,
        );
        // Organisation members join their organisation by registering it.
        if role.scope_kind() == linli_model::role::ScopeKind::Organisation {
            store
                .insert_account(name, &login, &hash, clock.now())
                .await?;
            continue;
        }
        let scope = match role.scope_kind() {
            linli_model::role::ScopeKind::Platform => Scope::Platform,
            linli_model::role::ScopeKind::District => Scope::District(community.district()),
            linli_model::role::ScopeKind::Street => Scope::Street(community.street()),
            linli_model::role::ScopeKind::Community => Scope::Community(community.clone()),
            linli_model::role::ScopeKind::Grid => Scope::Grid(grid.clone()),
            linli_model::role::ScopeKind::Organisation => continue,
        };
        let grant = Grant::new(role, scope)
            .map_err(|e| Error::Internal(anyhow::anyhow!("demo grant: {e}")))?;
        let account = store
            .insert_account(name, &login, &hash, clock.now())
            .await?;
        store
            .insert_grant(account, &grant, None, clock.now())
            .await?;
        // Staff are residents somewhere too; the demo resident role makes
        // the resident views reachable from every staff account.
        if role != Role::Resident {
            let resident = Grant::new(Role::Resident, Scope::Community(community.clone()))
                .map_err(|e| Error::Internal(anyhow::anyhow!("demo grant: {e}")))?;
            store
                .insert_grant(account, &resident, None, clock.now())
                .await?;
        }
    }
    for (email, name) in DEMO_EXPERTS {
        let login = Login::Email(
            Email::parse(email).map_err(|e| Error::Internal(anyhow::anyhow!("demo email: {e}")))?,
        );
        store
            .insert_account(name, &login, &hash, clock.now())
            .await?;
    }
    let orgs = Organisations { store, clock };
    let street = signed(store, "street@linli.demo").await?;
    for (email, form) in demo_organisations(&community) {
        let id = orgs.register(&signed(store, email).await?, &form).await?;
        orgs.decide(&street, id, true, "").await?;
    }
    Ok(())
}

/// A demo account, signed in.
pub(super) async fn signed(store: &Store, email: &str) -> Result<Actor> {
    let login =
        Login::Email(Email::parse(email).map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?);
    let stored = store
        .credentials(&login)
        .await?
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("demo account {email} is missing")))?;
    Ok(Actor::Signed(
        store
            .viewer(linli_model::account::AccountId(stored.account_id))
            .await?,
    ))
}
