//! `GET /photos/{name}`: stored photos and thumbnails. Names are content
//! hashes, so a file never changes and browsers may keep it for a year.

use axum::{
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use linli_service::photos::PhotoDir;

use crate::startup::AppState;

pub async fn serve(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let Some((id, size)) = PhotoDir::parse_name(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(state.photo_dir.path(&id, size)).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
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
