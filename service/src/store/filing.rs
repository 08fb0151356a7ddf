//! New reports, written in groups.
//!
//! Every report appends to the audit chain, whose head row serialises all
//! writers, and on SQLite every transaction runs on the one writer
//! connection. What a report costs is then mostly its transaction: a dozen
//! statements handed to the driver's thread one by one, and a commit (WAL
//! frames, a new full-text segment). So reports arriving together are
//! queued and written by one task in one transaction, each table with one
//! multi-row INSERT; a lone report is simply a group of one.
//!
//! A group that fails is written again one report at a time, so one bad
//! report (a photo deleted since it was checked) fails alone.

use std::collections::HashMap;

use linli_model::matter::MatterReport;
use tokio::sync::{mpsc, oneshot};

use super::{
    Engine, Store,
    accountability::{FactsRow, Rollup},
    bulk::{Batch, Value, bind_batch, table},
    in_write_tx,
};
use crate::{
    Error, Result,
    audit::{AuditEntry, Outcome, append_in_tx},
    clock::Millis,
    search,
};

/// Reports written in one transaction at most.
const GROUP: usize = 64;
/// Reports waiting for the writer at most; callers beyond wait to queue.
const QUEUED: usize = 1024;

/// One report on its way to the database.
pub(crate) struct Filing {
    pub(crate) report: MatterReport,
    pub(crate) reporter: i64,
    pub(crate) via: crate::policy::Via,
    pub(crate) now: Millis,
    /// When the community's response window closes.
    pub(crate) response_due: Millis,
    /// The matter's id, and whether this filing created it (`false`: the
    /// key was used before, by this reporter).
    reply: oneshot::Sender<Result<(i64, bool)>>,
}

/// The queue's sending end; the writer task holds the other.
#[derive(Debug)]
pub(crate) struct Filings(mpsc::Sender<Filing>);

impl Filings {
    pub(crate) fn start(store: Store) -> Self {
        let (sender, receiver) = mpsc::channel(QUEUED);
        tokio::spawn(write_forever(store, receiver));
        Self(sender)
    }
}

async fn write_forever(store: Store, mut queue: mpsc::Receiver<Filing>) {
    let mut group = Vec::with_capacity(GROUP);
    while queue.recv_many(&mut group, GROUP).await > 0 {
        let filings = std::mem::take(&mut group);
        let results = match store.write_filings(&filings).await {
            Ok(ids) => ids.into_iter().map(Ok).collect(),
            Err(e) if filings.len() == 1 => vec![Err(e)],
            Err(e) => {
                tracing::warn!(error = %e, reports = filings.len(), "a group of reports failed; writing them one by one");
                let mut one_by_one = Vec::with_capacity(filings.len());
                for filing in &filings {
                    one_by_one.push(
                        store
                            .write_filings(std::slice::from_ref(filing))
                            .await
                            .map(|mut ids| ids.remove(0)),
                    );
                }
                one_by_one
            }
        };
        for (filing, result) in filings.into_iter().zip(results) {
            // The caller may have gone (a dropped request): nothing to do.
            let _ = filing.reply.send(result);
        }
    }
}

impl Store {
    /// Files a report and waits for it to be written with its group.
    pub(crate) async fn file(
        &self,
        report: MatterReport,
        reporter: i64,
        via: crate::policy::Via,
        now: Millis,
        response_due: Millis,
    ) -> Result<(i64, bool)> {
        let (reply, answer) = oneshot::channel();
        let filing = Filing {
            report,
            reporter,
            via,
            now,
            response_due,
            reply,
        };
        let queue = self
            .shared
            .filings
            .get_or_init(|| Filings::start(self.clone()));
        match queue.0.send(filing).await {
            Ok(()) => answer
                .await
                .map_err(|_| Error::Internal(anyhow::anyhow!("the report writer stopped")))?,
            // The writer's runtime is gone (a test's, say): write it here.
            Err(mpsc::error::SendError(filing)) => self
                .write_filings(std::slice::from_ref(&filing))
                .await
                .map(|mut ids| ids.remove(0)),
        }
    }

    /// Writes a group of reports in one transaction; one result each, in
    /// order.
    async fn write_filings(&self, filings: &[Filing]) -> Result<Vec<(i64, bool)>> {
        let engine = self.engine();
        let inserts: Vec<Batch> = table(
            "matter (community_code, grid_code, category_code, title, description, address, \
             latitude, longitude, reporter_id, show_name, state, level, idempotency_key, created_at, updated_at, \
             response_due_at, channel, entered_by)",
            filings,
            matter_values,
        )
        .collect();
        in_write_tx!(self, tx => {
            // Rows whose reporter used the key before are not inserted.
            let mut inserted: HashMap<(i64, String), i64> = HashMap::new();
            for batch in &inserts {
                let sql = format!(
                    "{} ON CONFLICT (reporter_id, idempotency_key) DO NOTHING \
                     RETURNING reporter_id, idempotency_key, matter_id",
                    batch.sql
                );
                let rows: Vec<(i64, String, i64)> =
                    bind_batch!(batch, sqlx::query_as(&sql)).fetch_all(&mut *tx).await?;
                inserted.extend(rows.into_iter().map(|(r, k, id)| ((r, k), id)));
            }
            let mut ids = Vec::with_capacity(filings.len());
            for f in filings {
                // The first filing with a new key created the matter; a
                // repeat (in this group or later) gets the same id.
                let id = match inserted.remove(&(f.reporter, f.report.key.clone())) {
                    Some(id) => (id, true),
                    None => {
                        let id: i64 = sqlx::query_scalar(
                            "SELECT matter_id FROM matter WHERE reporter_id = $1 AND idempotency_key = $2",
                        )
                        .bind(f.reporter)
                        .bind(&f.report.key)
                        .fetch_one(&mut *tx)
                        .await?;
                        (id, false)
                    }
                };
                ids.push(id);
            }
            let created: Vec<(&Filing, i64)> = filings
                .iter()
                .zip(&ids)
                .filter(|(_, (_, created))| *created)
                .map(|(f, (id, _))| (f, *id))
                .collect();
            if !created.is_empty() {
                let mut rollup = Rollup::default();
                for (f, _) in &created {
                    rollup.change(None, &new_facts(f))?;
                }
                for batch in details(engine, &created).into_iter().chain(rollup.batches()) {
                    bind_batch!(batch, sqlx::query(&batch.sql)).execute(&mut *tx).await?;
                }
                let entries: Vec<AuditEntry> = created
                    .iter()
                    .map(|(f, id)| AuditEntry {
                        // Who was at the keyboard: staff, for a resident
                        // who phoned or came in.
                        actor: Some(
                            f.via
                                .entered_by
                                .unwrap_or(linli_model::account::AccountId(f.reporter)),
                        ),
                        action: "matter.report".to_owned(),
                        target: format!("matter:{id}"),
                        scope_key: f.report.grid.to_string(),
                        outcome: Outcome::Ok,
                        at: f.now,
                    })
                    .collect();
                append_in_tx!(tx, &entries);
            }
            Ok(ids)
        })
    }
}

fn matter_values(f: &Filing) -> Vec<Value> {
    let r = &f.report;
    vec![
        Value::Text(r.community.to_string()),
        Value::Text(r.grid.to_string()),
        Value::Text(r.category.clone()),
        Value::Text(r.title.clone()),
        Value::Text(r.description.clone()),
        Value::MaybeText(r.address.clone()),
        Value::MaybeReal(r.point.map(|p| p.0)),
        Value::MaybeReal(r.point.map(|p| p.1)),
        Value::Id(f.reporter),
        Value::Int(i32::from(r.show_name)),
        Value::Text("submitted".to_owned()),
        Value::Text("community".to_owned()),
        Value::Text(r.key.clone()),
        Value::Id(f.now),
        Value::Id(f.now),
        Value::Id(f.response_due),
        Value::Text(f.via.channel.as_str().to_owned()),
        Value::MaybeId(f.via.entered_by.map(|a| a.0)),
    ]
}

/// A new matter as the monthly figures see it.
fn new_facts(f: &Filing) -> FactsRow {
    FactsRow {
        grid_code: f.report.grid.to_string(),
        created_at: f.now,
        response_due_at: Some(f.response_due),
        responded_at: None,
        severity: None,
        state: "submitted".to_owned(),
        level: "community".to_owned(),
        deadline_at: None,
        resolved_at: None,
        closed_at: None,
        rating: None,
        escalations: 0,
        channel: f.via.channel.as_str().to_owned(),
        overdue: 0,
    }
}

/// What belongs to each new matter: the first timeline entry, its photos
/// and its search terms.
fn details<'a>(engine: Engine, created: &'a [(&'a Filing, i64)]) -> Vec<Batch> {
    let photos: Vec<(i64, i32, String)> = created
        .iter()
        .flat_map(|(f, id)| {
            f.report
                .photos
                .iter()
                .zip(0..)
                .map(move |(p, position)| (*id, position, p.as_str().to_owned()))
        })
        .collect();
    let terms: Vec<(i64, String)> = created
        .iter()
        .map(|(f, id)| {
            let r = &f.report;
            let text = format!(
                "{} {} {}",
                r.title,
                r.description,
                r.address.as_deref().unwrap_or("")
            );
            (*id, search::matter_terms(&text, r.grid.as_str()))
        })
        .collect();
    let events = table(
        "matter_event (matter_id, kind, actor_id, state_after, note, created_at)",
        created,
        |(f, id)| {
            vec![
                Value::Id(*id),
                Value::Text("reported".to_owned()),
                Value::Id(f.reporter),
                Value::Text("submitted".to_owned()),
                Value::MaybeText(None),
                Value::Id(f.now),
            ]
        },
    );
    let photos = table(
        "matter_photo (matter_id, position, photo_id)",
        &photos,
        |(id, position, photo)| {
            vec![
                Value::Id(*id),
                Value::Int(*position),
                Value::Text(photo.clone()),
            ]
        },
    );
    let search = super::matter::search_rows(engine, &terms);
    events.chain(photos).chain(search).collect()
}
