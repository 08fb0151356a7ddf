//! The needs, resources and responsibilities lists for pages. Everything
//! here reads; entries are added through plain forms (see the server's
//! routes). A resource's contact reaches a page only for staff, decided in
//! the service.

use leptos::prelude::*;
use linli_model::{
    LocalName, Page,
    need::{NeedDetail, NeedSummary},
    resource::{ResourceDetail, ResourceSummary},
    responsibility::ResponsibilityGroup,
};
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
fn lists(s: &super::Services) -> linli_service::lists::Lists<'_> {
    linli_service::lists::Lists {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
}

/// A list's filters as the query string carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub place: Option<String>,
    /// Category, kind or duty, by the list.
    pub kind: Option<String>,
    pub status: Option<String>,
    pub q: Option<String>,
    pub accessible: bool,
    /// The keyset of the page to show.
    pub from: Option<i64>,
}

#[cfg(feature = "ssr")]
impl ListQuery {
    fn raw(&self) -> linli_service::lists::RawFilter<'_> {
        linli_service::lists::RawFilter {
            place: self.place.as_deref(),
            kind: self.kind.as_deref(),
            status: self.status.as_deref(),
            text: self.q.as_deref(),
            accessible: self.accessible,
        }
    }
}

/// A page of a list, and the communities whose lists the viewer keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing<T> {
    pub page: Page<T>,
    pub keeps: Vec<(String, LocalName)>,
    /// The page before this one, where a list can go back.
    pub prev: Option<Previous>,
}

/// Where the previous page starts. An enum, not `Option<Option<_>>`:
/// JSON would write "the first page" and "none" both as `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Previous {
    First,
    From(i64),
}

#[cfg(feature = "ssr")]
async fn keeps(s: &super::Services) -> Result<Vec<(String, LocalName)>, AppError> {
    use linli_model::role::Role;
    super::communities_where(s, &super::actor(), &[Role::CommunityStaff]).await
}

#[server(endpoint = "lists/needs")]
pub async fn list_needs(
    #[server(default)] query: ListQuery,
) -> Result<Listing<NeedSummary>, AppError> {
    let s = super::services()?;
    let filter = query.raw().needs()?;
    Ok(Listing {
        page: lists(&s).needs(&filter, query.from).await?,
        keeps: keeps(&s).await?,
        prev: None,
    })
}

#[server(endpoint = "lists/resources")]
pub async fn list_resources(
    #[server(default)] query: ListQuery,
) -> Result<Listing<ResourceSummary>, AppError> {
    let s = super::services()?;
    let filter = query.raw().resources()?;
    Ok(Listing {
        page: lists(&s).resources(&filter, query.from).await?,
        keeps: keeps(&s).await?,
        prev: None,
    })
}

#[server(endpoint = "lists/responsibilities")]
pub async fn list_responsibilities(
    #[server(default)] query: ListQuery,
) -> Result<Listing<ResponsibilityGroup>, AppError> {
    use linli_model::responsibility::group_responsibilities;
    let s = super::services()?;
    let filter = query.raw().responsibilities()?;
    let page = lists(&s).responsibilities(&filter, query.from).await?;
    Ok(Listing {
        page: Page {
            items: group_responsibilities(page.items),
            next: page.next,
        },
        keeps: keeps(&s).await?,
        prev: lists(&s)
            .responsibilities_before(&filter, query.from)
            .await?
            .map(|from| from.map_or(Previous::First, Previous::From)),
    })
}

/// One entry and whether the viewer keeps its community's lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry<T> {
    pub entry: T,
    pub keeps: bool,
}

#[server(endpoint = "lists/need")]
pub async fn get_need(id: i64) -> Result<Entry<NeedDetail>, AppError> {
    use linli_service::lists::Lists;
    let s = super::services()?;
    let entry = lists(&s).need(id).await?;
    let keeps = Lists::keeps_lists(&super::actor(), &entry.summary.community);
    Ok(Entry { entry, keeps })
}

#[server(endpoint = "lists/resource")]
pub async fn get_resource(id: i64) -> Result<Entry<ResourceDetail>, AppError> {
    use linli_service::lists::Lists;
    let s = super::services()?;
    let actor = super::actor();
    let entry = lists(&s).resource(&actor, id).await?;
    let keeps = Lists::keeps_lists(&actor, &entry.summary.community);
    Ok(Entry { entry, keeps })
}

/// What a page with a staff form for one community needs: the community's
/// name, and whether the viewer keeps its lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormCommunity {
    pub community: String,
    pub name: LocalName,
    pub keeps: bool,
}

#[server(endpoint = "lists/community-form")]
pub async fn community_form(community: String) -> Result<FormCommunity, AppError> {
    use linli_service::lists::Lists;
    let s = super::services()?;
    let (actor, code, name) = super::form_community(&s, &community).await?;
    Ok(FormCommunity {
        community: code.to_string(),
        name,
        keeps: Lists::keeps_lists(&actor, &code),
    })
}

/// The needs a matter or a deliberation gave rise to, and whether the
/// viewer may record another from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsFrom {
    pub needs: Vec<NeedSummary>,
    pub may_record: bool,
}

#[cfg(feature = "ssr")]
pub(super) async fn needs_from(
    s: &super::Services,
    source: linli_model::need::NeedSource,
    community: &str,
) -> Result<NeedsFrom, AppError> {
    let code = linli_model::tree::CommunityCode::parse(community)?;
    Ok(NeedsFrom {
        needs: lists(s).needs_from(source).await?,
        may_record: linli_service::lists::Lists::keeps_lists(&super::actor(), &code),
    })
}
