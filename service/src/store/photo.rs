//! Which photos exist and which matter shows which.

use linli_model::matter::{PhotoId, PhotoView};

use super::{Store, in_write_tx, on_reader};
use crate::{Result, clock::Millis, photos::Processed};

impl Store {
    /// Records a stored photo; storing it again restarts its wait for a
    /// report (see `Photos::prune`).
    pub async fn save_photo(&self, photo: &Processed, now: Millis) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO photo (photo_id, width, height, bytes, created_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (photo_id) DO UPDATE SET created_at = excluded.created_at",
            )
            .bind(photo.id.as_str())
            .bind(i32::try_from(photo.width).unwrap_or(i32::MAX))
            .bind(i32::try_from(photo.height).unwrap_or(i32::MAX))
            .bind(i32::try_from(photo.full.len()).unwrap_or(i32::MAX))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    /// Those of `ids` that were stored, in the order given.
    pub async fn known_photos(&self, ids: &[PhotoId]) -> Result<Vec<PhotoView>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row: Option<(i32, i32)> = on_reader!(self, pool => {
                sqlx::query_as("SELECT width, height FROM photo WHERE photo_id = $1")
                    .bind(id.as_str())
                    .fetch_optional(pool)
                    .await
            })?;
            if let Some((w, h)) = row {
                out.push(view(id.clone(), w, h));
            }
        }
        Ok(out)
    }

    /// Whether a moderator hid the photo (an unknown one is not hidden:
    /// the file system answers for it).
    pub async fn photo_hidden(&self, id: &PhotoId) -> Result<bool> {
        let hidden: Option<i32> = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT hidden FROM photo WHERE photo_id = $1")
                .bind(id.as_str())
                .fetch_optional(pool)
                .await
        })?;
        Ok(hidden.unwrap_or(0) != 0)
    }

    pub async fn matter_photos(&self, matter: i64) -> Result<Vec<PhotoView>> {
        let rows: Vec<(String, i32, i32)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT p.photo_id, p.width, p.height FROM matter_photo mp \
                 JOIN photo p ON p.photo_id = mp.photo_id WHERE mp.matter_id = $1 AND p.hidden = 0 \
                 ORDER BY mp.position",
            )
            .bind(matter)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, w, h)| PhotoId::parse(&id).map(|id| view(id, w, h)))
            .collect())
    }
}

pub(super) fn view(id: PhotoId, width: i32, height: i32) -> PhotoView {
    PhotoView {
        id,
        width: u32::try_from(width).unwrap_or(0),
        height: u32::try_from(height).unwrap_or(0),
    }
}

impl Store {
    /// Photos stored before `cutoff` that no matter shows: uploads whose
    /// report was never sent.
    pub async fn unattached_photos(&self, cutoff: Millis) -> Result<Vec<PhotoId>> {
        let ids: Vec<String> = on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT p.photo_id FROM photo p WHERE p.created_at < $1 \
                 AND NOT EXISTS (SELECT 1 FROM matter_photo mp WHERE mp.photo_id = p.photo_id)",
            )
            .bind(cutoff)
            .fetch_all(pool)
            .await
        })?;
        Ok(ids.iter().filter_map(|id| PhotoId::parse(id)).collect())
    }

    /// Forgets a photo unless a matter took it meanwhile; `true` when it
    /// was forgotten (its files may then go).
    pub async fn forget_photo(&self, id: &PhotoId) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query(
                "DELETE FROM photo WHERE photo_id = $1 \
                 AND NOT EXISTS (SELECT 1 FROM matter_photo mp WHERE mp.photo_id = $1)",
            )
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
            Ok(done.rows_affected() > 0)
        })
    }

    /// The first photo of each of `matters` that has one.
    pub async fn first_photos(&self, matters: &[i64]) -> Result<Vec<(i64, PhotoId)>> {
        if matters.is_empty() {
            return Ok(Vec::new());
        }
        let ids = matters
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        // The ids are numbers from the database, not input.
        let sql = format!(
            "SELECT mp.matter_id, mp.photo_id FROM matter_photo mp JOIN photo p ON p.photo_id = mp.photo_id \
             WHERE mp.position = 0 AND p.hidden = 0 AND mp.matter_id IN ({ids})"
        );
        let rows: Vec<(i64, String)> = on_reader!(self, pool => {
            sqlx::query_as(&sql).fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(m, p)| PhotoId::parse(&p).map(|p| (m, p)))
            .collect())
    }
}
