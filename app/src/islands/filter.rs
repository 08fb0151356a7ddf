//! Narrowing a community's grid table as one types.

use leptos::prelude::*;

/// What a grid row is found by: its code and both its names, lowercased.
pub fn find_text(code: &str, zh: &str, en: &str) -> String {
    format!("{code}\n{zh}\n{}", en.to_lowercase())
}

/// Whether a row is shown for `needle`: the code, a part of either name,
/// or the grid's number on its own. The server (for `?grid=`) and the
/// island (while typing) decide with this one rule.
pub fn grid_matches(find: &str, number: u32, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    needle.is_empty() || find.contains(&needle) || number.to_string() == needle
}

/// The filter field over the table body `rows`: it hides the rows that do
/// not match as one types and says how many are shown (`counts[n]` is the
/// sentence for n). Without JavaScript the surrounding form submits the
/// same field as `?grid=`, and the server hides the same rows.
#[island]
pub fn GridFilter(
    value: String,
    button: String,
    counts: Vec<String>,
    shown: usize,
    rows: String,
    empty: String,
) -> impl IntoView {
    let count = RwSignal::new(shown);
    let narrow = move |needle: String| {
        #[cfg(feature = "hydrate")]
        count.set(hide_rows(&rows, &empty, &needle));
        #[cfg(not(feature = "hydrate"))]
        let _ = (&rows, &empty, needle);
    };
    view! {
        <div class="filter-row">
            <input
                id="grid-filter"
                name="grid"
                type="search"
                autocomplete="off"
                value=value
                on:input=move |ev| narrow(event_target_value(&ev))
            />
            <button type="submit" class="button">
                {button}
            </button>
        </div>
        <p class="hint" id="grid-count" aria-live="polite">
            {move || counts.get(count.get()).cloned().unwrap_or_default()}
        </p>
    }
}

/// Hides the rows of `rows` that do not match and shows the `empty` note
/// when none is left; returns how many are shown.
#[cfg(feature = "hydrate")]
fn hide_rows(rows: &str, empty: &str, needle: &str) -> usize {
    let Some(body) = super::dom::element(rows) else {
        return 0;
    };
    let children = body.children();
    let mut shown = 0;
    for row in (0..children.length()).filter_map(|i| children.item(i)) {
        let find = row.get_attribute("data-find").unwrap_or_default();
        let number = row
            .get_attribute("data-number")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let show = grid_matches(&find, number, needle);
        shown += usize::from(show);
        let _ = if show {
            row.remove_attribute("hidden")
        } else {
            row.set_attribute("hidden", "")
        };
    }
    if let Some(note) = super::dom::element(empty) {
        let _ = if shown == 0 {
            note.remove_attribute("hidden")
        } else {
            note.set_attribute("hidden", "")
        };
    }
    shown
}
