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
}
