//! What a page says about itself in the document head.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::use_t;

/// Characters of a page's own text kept for its description: about what
/// search results show.
const DESCRIPTION_CHARS: usize = 120;

/// The page's title and its `<meta name="description">`, taken from what
/// the page is about (a matter's description, a consultation's summary);
/// pages without such text describe the site. Each page renders one.
#[component]
pub fn PageHead(
    #[prop(into)] title: String,
    /// The page's own words; whitespace is folded and long text is cut.
    #[prop(optional, into)]
    description: Option<String>,
) -> impl IntoView {
    let t = use_t();
    let description = description
        .map(|d| summary(&d))
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| t.site_description.to_owned());
    view! {
        <Title text=title />
        <Meta name="description" content=description />
    }
}

/// `text` on one line, cut at [`DESCRIPTION_CHARS`] with an ellipsis.
fn summary(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= DESCRIPTION_CHARS {
        return folded;
    }
    let mut cut: String = folded.chars().take(DESCRIPTION_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn descriptions_are_one_short_line() {
        assert_eq!(summary("  路灯\n不亮  了 "), "路灯 不亮 了");
        let long = summary(&"长".repeat(500));
        assert_eq!(long.chars().count(), 120);
        assert!(long.ends_with('…'));
    }
}
