//! Needs: recorded by staff, or taken from a matter or a deliberation of
//! the same community, which lends its count of residents when staff give
//! none.

use linli_model::{
    Page,
    account::FieldError,
    need::{NeedDetail, NeedForm, NeedSource, NeedSummary},
    tree::CommunityCode,
};

use super::{Lists, PAGE_SIZE};
use crate::{
    Error, Result,
    policy::Actor,
    store::{NeedFilter, NeedRecord, ProjectLink},
};

impl Lists<'_> {
    pub async fn add_need(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        form: &NeedForm,
    ) -> Result<i64> {
        self.keeps(actor, community, "need.added").await?;
        let need = form.parse().map_err(Error::Invalid)?;
        let facts = self.store.need_source(need.source).await?;
        let from_source = match (need.source, facts) {
            (NeedSource::Staff, _) => None,
            (_, Some(f)) if f.community_code == community.as_str() => Some(f.residents),
            (_, Some(_)) => return Err(Error::invalid("source_id", FieldError::NotInCommunity)),
            (_, None) => return Err(Error::invalid("source_id", FieldError::NotAChoice)),
        };
        let affected = need
            .affected
            .or_else(|| from_source.and_then(|n| u32::try_from(n.max(1)).ok()))
            .ok_or_else(|| Error::invalid("affected", FieldError::Required))?;
        let record = NeedRecord {
            community,
            title: &need.title,
            detail: &need.detail,
            category: need.category,
            affected,
            source: need.source,
        };
        let id = self
            .store
            .insert_need(
                &record,
                actor.viewer().ok_or(Error::Unauthenticated)?.id,
                self.clock.now(),
            )
            .await?;
        self.done(actor, "need.added", format!("need:{id}"), community)
            .await?;
        Ok(id)
    }

    pub async fn needs(
        &self,
        filter: &NeedFilter,
        before: Option<i64>,
    ) -> Result<Page<NeedSummary>> {
        self.store.needs(filter, before, PAGE_SIZE).await
    }

    pub async fn need(&self, id: i64) -> Result<NeedDetail> {
        let (summary, detail) = self.store.need(id).await?;
        let source_title = self
            .store
            .need_source(summary.source)
            .await?
            .map(|f| f.title);
        Ok(NeedDetail {
            summary,
            detail,
            source_title,
            projects: self.store.projects_linked(ProjectLink::Need(id)).await?,
        })
    }

    /// The needs taken from a matter or a deliberation, for its page.
    pub async fn needs_from(&self, source: NeedSource) -> Result<Vec<NeedSummary>> {
        self.store.needs_from(source).await
    }
}
