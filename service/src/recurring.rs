//! From recurring matters to topics: a community's month of matters
//! grouped into clusters of the same trouble in the same place, for its
//! council to propose as a deliberation topic with one action.

use std::collections::HashMap;

use linli_model::{
    LocalName,
    accountability::Month,
    recurring::{Cluster, ClusterMatter, MatterText, RecurringPage, SHOWN, clusters},
    tree::CommunityCode,
};

use crate::{
    Result, Store,
    clock::Clock,
    policy::{Action, Actor, may},
};

pub struct Recurring<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl Recurring<'_> {
    /// The community's clusters of `month` (the current one when `None`).
    /// Matters are public, so the list is too; the action is the council's.
    pub async fn page(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        month: Option<Month>,
    ) -> Result<RecurringPage> {
        let now = self.clock.now();
        let current = Month::of(now);
        let month = month.filter(|m| *m <= current).unwrap_or(current);
        let code = community.as_str();
        let (community_name, _) = self.store.place_trail(code).await?;
        let rows = self
            .store
            .month_matters(code, month.start_millis(), month.end_millis())
            .await?;
        let texts: Vec<MatterText> = rows
            .iter()
            .map(|m| MatterText {
                id: m.matter_id,
                category: m.category_code.clone(),
                grid: m.grid_code.clone(),
                title: m.title.clone(),
                description: m.description.clone(),
            })
            .collect();
        let by_id: HashMap<i64, _> = rows.iter().map(|m| (m.matter_id, m)).collect();
        let categories: HashMap<String, LocalName> =
            self.store.category_names().await?.into_iter().collect();
        let grids: HashMap<String, LocalName> =
            self.store.grid_names(code).await?.into_iter().collect();
        let mut out = Vec::new();
        for ids in clusters(&texts).into_iter().take(SHOWN) {
            let matters: Vec<ClusterMatter> = ids
                .iter()
                .filter_map(|id| by_id.get(id))
                .map(|m| ClusterMatter {
                    id: m.matter_id,
                    title: m.title.clone(),
                    state: m.state.clone(),
                    created_at: m.created_at,
                    supporters: u32::try_from(m.support_count).unwrap_or(0),
                })
                .collect();
            let Some(first) = ids.first().and_then(|id| by_id.get(id)) else {
                continue;
            };
            let mut topic = None;
            for id in &ids {
                if let Some(t) = self.store.topics_of_matter(*id).await?.pop() {
                    topic = Some(t);
                    break;
                }
            }
            let unnamed = || LocalName::new(String::new(), String::new());
            out.push(Cluster {
                category: categories
                    .get(&first.category_code)
                    .cloned()
                    .unwrap_or_else(unnamed),
                grid: first.grid_code.clone(),
                grid_name: grids.get(&first.grid_code).cloned().unwrap_or_else(unnamed),
                matters,
                topic,
            });
        }
        let may_propose = may(actor, &Action::RunDeliberation(community)).is_ok();
        let collecting = if may_propose {
            self.store.collecting_deliberations(code).await?
        } else {
            Vec::new()
        };
        Ok(RecurringPage {
            community: code.to_owned(),
            community_name,
            month: month.to_string(),
            previous: month.previous().to_string(),
            next: month.next_until(current).map(|m| m.to_string()),
            clusters: out,
            collecting,
            may_propose,
        })
    }
}
