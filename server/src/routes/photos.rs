//! `GET /photos/{name}`: stored photos and thumbnails. Names are content
//! hashes, so a file never changes; browsers keep it for an hour only, so
//! that a photo a moderator hides leaves their caches soon. A hidden photo
//! is served to its moderators alone, and never kept.

use axum::{
    Extension,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use linli_service::{moderation::PhotoAccess, photos::PhotoDir, policy::Actor};

use crate::startup::AppState;

pub async fn serve(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(name): Path<String>,
) -> Response {
    let Some((id, size)) = PhotoDir::parse_name(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let keep = match state.moderation().photo_access(&actor, &id).await {
        Ok(PhotoAccess::Public) => "public, max-age=3600",
        Ok(PhotoAccess::ModeratorOnly) => "private, no-store",
        Ok(PhotoAccess::Refused) | Err(linli_service::Error::NotFound) => {
            return StatusCode::NOT_FOUND.into_response();
        }
        Err(e) => {
            tracing::error!(error = %e, "looking up a photo");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match tokio::fs::read(state.photo_dir.path(&id, size)).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, keep),
            ],
            bytes,
        )
            .into_response(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "reading a photo");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
