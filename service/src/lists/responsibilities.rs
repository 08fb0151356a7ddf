//! Responsibilities: staff post who answers for each grid and list item of
//! their community, and take entries down when people move on.

use linli_model::{
    Page,
    account::FieldError,
    responsibility::{ResponsibilityForm, ResponsibilityView, Subject},
    tree::CommunityCode,
};

use super::{Lists, PAGE_SIZE};
use crate::{Error, Result, items::Items, policy::Actor, store::ResponsibilityFilter};

impl Lists<'_> {
    pub async fn add_responsibility(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        form: &ResponsibilityForm,
    ) -> Result<i64> {
        self.keeps(actor, community, "responsibility.added").await?;
        let entry = form.parse().map_err(Error::Invalid)?;
        let known = match &entry.subject {
            Subject::Grid(grid) => self.store.grid_in(community, grid).await?,
            Subject::Item(id) => Items { store: self.store }
                .list(community)
                .await?
                .iter()
                .any(|i| i.id == *id),
        };
        if !known {
            return Err(Error::invalid("subject", FieldError::NotInCommunity));
        }
        let by = actor.viewer().map(|v| v.id);
        let id = self
            .store
            .insert_responsibility(community, &entry, by, self.clock.now())
            .await?;
        self.done(
            actor,
            "responsibility.added",
            format!("responsibility:{id}"),
            community,
        )
        .await?;
        Ok(id)
    }

    pub async fn remove_responsibility(&self, actor: &Actor, id: i64) -> Result<()> {
        let community = self.store.responsibility_community(id).await?;
        self.keeps(actor, &community, "responsibility.removed")
            .await?;
        if !self.store.delete_responsibility(&community, id).await? {
            return Err(Error::NotFound);
        }
        self.done(
            actor,
            "responsibility.removed",
            format!("responsibility:{id}"),
            &community,
        )
        .await
    }

    pub async fn responsibilities(
        &self,
        filter: &ResponsibilityFilter,
        after: Option<i64>,
    ) -> Result<Page<ResponsibilityView>> {
        self.store.responsibilities(filter, after, PAGE_SIZE).await
    }

    /// The key of the page before the one after `after` (see
    /// [`crate::Store::responsibilities_before`]).
    pub async fn responsibilities_before(
        &self,
        filter: &ResponsibilityFilter,
        after: Option<i64>,
    ) -> Result<Option<Option<i64>>> {
        self.store
            .responsibilities_before(filter, after, PAGE_SIZE)
            .await
    }
}
