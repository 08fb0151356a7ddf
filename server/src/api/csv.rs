//! Open data as spreadsheets: one page of a list as RFC 4180 CSV, with a
//! byte-order mark so spreadsheets read the Chinese as UTF-8, formulas
//! defused, and a `Link` header to the next page.

use axum::{
    http::header,
    response::{IntoResponse, Response},
};

/// Quotes a field when it holds a separator, a quote or a line break; a
/// leading `=`, `+`, `-` or `@` is defused so a spreadsheet does not run it
/// as a formula.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The whole table as text: the header line, then a line per row.
fn table(columns: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = columns.join(",");
    out.push_str("\r\n");
    for row in rows {
        let line: Vec<String> = row.iter().map(|f| field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A download named `linli-{name}.csv`; `next` is the URL of the next page.
pub fn response(
    name: &str,
    columns: &[&str],
    rows: &[Vec<String>],
    next: Option<String>,
) -> Response {
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"linli-{name}.csv\""),
            ),
        ],
        format!("\u{feff}{}", table(columns, rows)),
    )
        .into_response();
    if let Some(next) = next
        && let Ok(value) = format!("<{next}>; rel=\"next\"").parse()
    {
        response.headers_mut().insert(header::LINK, value);
    }
    response
}

/// The address of the page after `next`: the query as it was sent, with
/// its cursor replaced.
pub fn next_page(path: &str, query: Option<&str>, next: &str) -> String {
    let mut kept: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("cursor="))
        .collect();
    let cursor = format!("cursor={}", linli_app::url::encode(next));
    kept.push(&cursor);
    format!("{path}?{}", kept.join("&"))
}

/// A page of a list as JSON, or with `format=csv` as CSV with the
/// dataset's columns and `row` per item; `path` is the list's address,
/// for the link to the next page.
pub fn page_as<T: serde::Serialize>(
    dataset: &linli_model::open_data::Dataset,
    path: &str,
    format: Option<&str>,
    query: Option<&str>,
    page: linli_model::Page<T>,
    row: impl Fn(&T) -> Vec<String>,
) -> Result<Response, super::error::ApiError> {
    match format {
        None | Some("json") => Ok(axum::Json(page).into_response()),
        Some("csv") => {
            let rows: Vec<Vec<String>> = page.items.iter().map(row).collect();
            let next = page.next.as_deref().map(|n| next_page(path, query, n));
            Ok(response(dataset.key, &dataset.columns(), &rows, next))
        }
        Some(_) => Err(linli_service::Error::invalid(
            "format",
            linli_model::account::FieldError::NotAChoice,
        )
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("-1,2"), "\"'-1,2\"");
        let t = table(&["a", "b"], &[vec!["1".into(), "x\ny".into()]]);
        assert_eq!(t, "a,b\r\n1,\"x\ny\"\r\n");
    }

    #[test]
    fn the_next_page_keeps_the_filters_and_replaces_the_cursor() {
        assert_eq!(
            next_page(
                "/api/v1/matters",
                Some("format=csv&cursor=9&place=330203"),
                "7"
            ),
            "/api/v1/matters?format=csv&place=330203&cursor=7"
        );
        assert_eq!(
            next_page("/api/v1/matters", None, "7"),
            "/api/v1/matters?cursor=7"
        );
    }
}
