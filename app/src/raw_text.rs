//! Text for the elements Leptos writes without escaping on the server.
//!
//! leptos_meta writes `<title>` into the server's HTML as it is, and tachys
//! marks `<textarea>` children as not to be escaped, so a matter titled
//! `</title><meta http-equiv="refresh" …>` would redirect every visitor and
//! a refilled `</textarea><script>` would run. Every string bound for those
//! elements passes through [`raw_text`]. In the browser the same string is
//! set as text (`document.title`, a text node), which takes it as it is, so
//! escaping there would show the entities.

/// `text` made safe to place inside `<title>` or `<textarea>`.
pub fn raw_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        escape(text)
    } else {
        text.to_owned()
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape(r#"</title><meta http-equiv="refresh" content='0'>&"#),
            "&lt;/title&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&#39;0&#39;&gt;&amp;"
        );
        assert_eq!(escape("路灯不亮 · 翠苑"), "路灯不亮 · 翠苑");
    }
}
