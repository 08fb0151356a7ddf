//! Resources: staff record them; the public reads all but the contact.

use linli_model::{
    Page,
    resource::{ResourceDetail, ResourceForm, ResourceSummary},
    tree::CommunityCode,
};

use super::{Lists, PAGE_SIZE};
use crate::{
    Error, Result,
    policy::Actor,
    store::{ProjectLink, ResourceFilter},
};

impl Lists<'_> {
    pub async fn add_resource(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        form: &ResourceForm,
    ) -> Result<i64> {
        self.keeps(actor, community, "resource.added").await?;
        let resource = form.parse().map_err(Error::Invalid)?;
        if let linli_model::resource::ResourceFacts::Organisation {
            organisation: Some(org),
        } = resource.facts
        {
            self.store.organisation_row(org).await.map_err(|_| {
                Error::invalid("organisation", linli_model::account::FieldError::NotAChoice)
            })?;
        }
        let by = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        let id = self
            .store
            .insert_resource(community, &resource, by, self.clock.now())
            .await?;
        self.done(actor, "resource.added", format!("resource:{id}"), community)
            .await?;
        Ok(id)
    }

    pub async fn resources(
        &self,
        filter: &ResourceFilter,
        before: Option<i64>,
    ) -> Result<Page<ResourceSummary>> {
        self.store.resources(filter, before, PAGE_SIZE).await
    }

    /// A resource; the owner's contact only for staff over its community.
    pub async fn resource(&self, actor: &Actor, id: i64) -> Result<ResourceDetail> {
        let (summary, detail) = self.store.resource(id).await?;
        let contact = if Self::keeps_lists(actor, &summary.community) {
            Some(self.store.resource_contact(id).await?)
        } else {
            None
        };
        Ok(ResourceDetail {
            summary,
            detail,
            contact,
            projects: self
                .store
                .projects_linked(ProjectLink::Resource(id))
                .await?,
        })
    }
}
