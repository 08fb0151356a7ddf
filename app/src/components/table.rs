//! Wide tables on narrow screens.

use leptos::prelude::*;

/// A table that scrolls sideways on a phone. The region takes keyboard
/// focus and carries a name, so people who cannot swipe or use a mouse can
/// still scroll it with the arrow keys, and screen readers announce it.
#[component]
pub fn ScrollTable(
    /// What the table shows, read out when the region takes focus.
    label: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            {children()}
        </div>
    }
}
