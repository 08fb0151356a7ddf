//! One document, two encodings: Open311 answers every resource in JSON and
//! in XML with the same element names, so handlers build a [`Doc`] once
//! and [`respond`] encodes it as the request's extension asks.

use axum::{
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

/// A value in an Open311 document.
#[derive(Debug, Clone)]
pub enum Doc {
    Text(String),
    Number(f64),
    Int(i64),
    Bool(bool),
    Null,
    /// Fields in order.
    Object(Vec<(&'static str, Doc)>),
    /// A list whose XML items are elements named `item`.
    List {
        item: &'static str,
        items: Vec<Doc>,
    },
}

impl Doc {
    pub fn text(s: impl Into<String>) -> Self {
        Doc::Text(s.into())
    }

    pub fn opt_text(s: Option<impl Into<String>>) -> Self {
        s.map_or(Doc::Null, |s| Doc::Text(s.into()))
    }

    fn json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Doc::Text(s) => Value::String(s.clone()),
            Doc::Number(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
            Doc::Int(n) => Value::from(*n),
            Doc::Bool(b) => Value::Bool(*b),
            Doc::Null => Value::Null,
            Doc::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.json()))
                    .collect(),
            ),
            Doc::List { items, .. } => Value::Array(items.iter().map(Doc::json).collect()),
        }
    }

    fn xml(&self, name: &str, out: &mut String) {
        match self {
            Doc::Null => {
                out.push('<');
                out.push_str(name);
                out.push_str("/>");
            }
            Doc::Object(fields) => {
                out.push_str(&format!("<{name}>"));
                for (k, v) in fields {
                    v.xml(k, out);
                }
                out.push_str(&format!("</{name}>"));
            }
            Doc::List { item, items } => {
                out.push_str(&format!("<{name}>"));
                for v in items {
                    v.xml(item, out);
                }
                out.push_str(&format!("</{name}>"));
            }
            scalar => {
                let text = match scalar {
                    Doc::Text(s) => escape(s),
                    Doc::Number(n) => n.to_string(),
                    Doc::Int(n) => n.to_string(),
                    Doc::Bool(b) => b.to_string(),
                    _ => String::new(),
                };
                out.push_str(&format!("<{name}>{text}</{name}>"));
            }
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The two formats, from a resource's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

/// Splits `requests.json` into (`requests`, JSON); no or another
/// extension is `None`.
pub fn split_format(segment: &str) -> Option<(&str, Format)> {
    let (name, ext) = segment.rsplit_once('.')?;
    match ext {
        "json" => Some((name, Format::Json)),
        "xml" => Some((name, Format::Xml)),
        _ => None,
    }
}

/// Encodes `doc` (whose XML root is `root`) with `status`.
pub fn respond(status: StatusCode, format: Format, root: &str, doc: &Doc) -> Response {
    match format {
        Format::Json => (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            doc.json().to_string(),
        )
            .into_response(),
        Format::Xml => {
            let mut out = String::from(r#"<?xml version="1.0" encoding="utf-8"?>"#);
            doc.xml(root, &mut out);
            (
                status,
                [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
                out,
            )
                .into_response()
        }
    }
}

/// The specification's error document: a list of `{code, description}`,
/// the code being the HTTP status.
pub fn error(status: StatusCode, format: Format, description: &str) -> Response {
    errors(status, format, &[description.to_owned()])
}

/// Several problems at once, one `error` each, as the specification's
/// list allows.
pub fn errors(status: StatusCode, format: Format, descriptions: &[String]) -> Response {
    let doc = Doc::List {
        item: "error",
        items: descriptions
            .iter()
            .map(|d| {
                Doc::Object(vec![
                    ("code", Doc::Int(i64::from(status.as_u16()))),
                    ("description", Doc::text(d.clone())),
                ])
            })
            .collect(),
    };
    respond(status, format, "errors", &doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_document_encodes_to_json_and_xml() {
        let doc = Doc::List {
            item: "service",
            items: vec![Doc::Object(vec![
                ("service_code", Doc::text("noise")),
                ("service_name", Doc::text("Noise <at night> & \"more\"")),
                ("metadata", Doc::Bool(true)),
                ("keywords", Doc::Null),
            ])],
        };
        assert_eq!(
            doc.json(),
            serde_json::json!([{"service_code": "noise", "service_name": "Noise <at night> & \"more\"",
                "metadata": true, "keywords": null}])
        );
        let mut xml = String::new();
        doc.xml("services", &mut xml);
        assert_eq!(
            xml,
            "<services><service><service_code>noise</service_code><service_name>Noise &lt;at night&gt; &amp; &quot;more&quot;</service_name><metadata>true</metadata><keywords/></service></services>"
        );
        assert_eq!(
            split_format("requests.xml"),
            Some(("requests", Format::Xml))
        );
        assert_eq!(split_format("requests"), None);
    }
}
