//! The open data catalogue: every dataset that can be downloaded, its
//! address and what each column means, in both languages.

use linli_model::open_data::{DATASETS, Dataset};

/// Every public list and figure as JSON and CSV, with field descriptions.
#[utoipa::path(get, path = "/datasets", tag = "open data",
    responses((status = 200, body = Vec<Dataset>)))]
pub async fn catalogue() -> axum::Json<&'static [Dataset]> {
    axum::Json(DATASETS)
}
