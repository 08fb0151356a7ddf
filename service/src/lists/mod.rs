//! The needs, resources and responsibilities lists (需求、资源、责任清单).
//! The fourth list, projects, is [`crate::projects`]; projects name the
//! need they meet and the resources they use, so the lists link up.
//!
//! Everything here is public except a resource's contact; staff over a
//! community keep its lists (`Action::KeepLists`).

mod needs;
mod resources;
mod responsibilities;

use linli_model::tree::CommunityCode;

use crate::{
    Result, Store,
    audit::Outcome,
    clock::Clock,
    policy::{Action, Actor},
};

/// Entries a list page shows at once.
pub const PAGE_SIZE: usize = 25;
/// The longest search text kept: a few words, not an essay.
const QUERY_MAX: usize = 40;

#[derive(Debug, Clone)]
pub struct Lists<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

/// Search box text as the lists' search columns hold it.
pub fn query_text(input: Option<&str>) -> String {
    input
        .unwrap_or_default()
        .trim()
        .chars()
        .take(QUERY_MAX)
        .collect::<String>()
        .to_lowercase()
}

impl Lists<'_> {
    /// Staff over `community` may add to its lists; others are refused,
    /// and the refusal of someone signed in is audited.
    async fn keeps(&self, actor: &Actor, community: &CommunityCode, action: &str) -> Result<()> {
        self.store
            .allowed_in_community(
                actor,
                &Action::KeepLists(community),
                action,
                format!("community:{community}"),
                community,
                self.clock.now(),
            )
            .await
    }

    async fn done(
        &self,
        actor: &Actor,
        action: &str,
        target: String,
        community: &CommunityCode,
    ) -> Result<()> {
        self.store
            .audit_in_community(
                actor,
                action,
                target,
                community,
                Outcome::Ok,
                self.clock.now(),
            )
            .await
    }

    /// Whether `actor` keeps `community`'s lists (for showing staff forms
    /// and contacts).
    pub fn keeps_lists(actor: &Actor, community: &CommunityCode) -> bool {
        crate::policy::may(actor, &Action::KeepLists(community)).is_ok()
    }
}

/// A list's filters as a query string or a form carries them: every value
/// optional, all text.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawFilter<'a> {
    pub place: Option<&'a str>,
    /// A category, kind or duty, by the list.
    pub kind: Option<&'a str>,
    /// A need's status.
    pub status: Option<&'a str>,
    pub text: Option<&'a str>,
    /// Step-free venues only.
    pub accessible: bool,
}

fn choice<T>(value: Option<&str>, field: &str, parse: fn(&str) -> Option<T>) -> Result<Option<T>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse(v).map(Some).ok_or_else(|| {
            crate::Error::invalid(field, linli_model::account::FieldError::NotAChoice)
        }),
    }
}

impl RawFilter<'_> {
    fn place(&self) -> Result<String> {
        match self.place.map(str::trim).filter(|p| !p.is_empty()) {
            None => Ok(String::new()),
            Some(code) => linli_model::matter::place_prefix(code).map_err(|_| {
                crate::Error::invalid("place", linli_model::account::FieldError::BadScopeCode)
            }),
        }
    }

    pub fn needs(&self) -> Result<crate::store::NeedFilter> {
        use linli_model::need::{NeedCategory, NeedStatus};
        Ok(crate::store::NeedFilter {
            place: self.place()?,
            category: choice(self.kind, "category", NeedCategory::parse)?,
            status: choice(self.status, "status", NeedStatus::parse)?,
            text: query_text(self.text),
        })
    }

    pub fn resources(&self) -> Result<crate::store::ResourceFilter> {
        use linli_model::resource::ResourceKind;
        Ok(crate::store::ResourceFilter {
            place: self.place()?,
            kind: choice(self.kind, "kind", ResourceKind::parse)?,
            accessible: self.accessible,
            text: query_text(self.text),
        })
    }

    pub fn responsibilities(&self) -> Result<crate::store::ResponsibilityFilter> {
        use linli_model::responsibility::Duty;
        Ok(crate::store::ResponsibilityFilter {
            place: self.place()?,
            duty: choice(self.kind, "duty", Duty::parse)?,
            text: query_text(self.text),
        })
    }
}
