//! Demo accounts, one for every role, so a newcomer can try each view.

use linli_model::{
    account::{Email, Login, Password},
    role::{Grant, Role, Scope},
    tree::{CommunityCode, GridCode},
};

use super::CityData;
use crate::{Error, Result, Store, auth::hash_password, clock::Clock};

/// Every demo account signs in with this password (listed in the README).
pub const DEMO_PASSWORD: &str = "linli-demo-2026";

/// (email, display name, role) of each demo account.
pub const DEMO_ACCOUNTS: [(&str, &str, Role); 8] = [
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
    ("admin@linli.demo", "平台管理员", Role::PlatformAdmin),
];

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
        let scope = match role.scope_kind() {
            linli_model::role::ScopeKind::Platform => Scope::Platform,
            linli_model::role::ScopeKind::District => Scope::District(community.district()),
            linli_model::role::ScopeKind::Street => Scope::Street(community.street()),
            linli_model::role::ScopeKind::Community => Scope::Community(community.clone()),
            linli_model::role::ScopeKind::Grid => Scope::Grid(grid.clone()),
            linli_model::role::ScopeKind::Organisation => Scope::Organisation(1),
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
        if role != Role::Resident && role.scope_kind() != linli_model::role::ScopeKind::Organisation
        {
            let resident = Grant::new(Role::Resident, Scope::Community(community.clone()))
                .map_err(|e| Error::Internal(anyhow::anyhow!("demo grant: {e}")))?;
            store
                .insert_grant(account, &resident, None, clock.now())
                .await?;
        }
    }
    Ok(())
}
