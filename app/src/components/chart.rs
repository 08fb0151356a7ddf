//! Bar charts rendered on the server: readable without JavaScript, at any
//! screen width, and by screen readers.
//!
//! Labels and figures are HTML text in a table, so they keep their full
//! size on a phone and are announced row by row; only the bars are SVG,
//! hidden from assistive technology because the figures beside them say
//! the same.

use leptos::prelude::*;

use crate::i18n::{thousands, use_t};

#[component]
pub fn BarChart(
    /// Unique on the page, for links and tests.
    id: &'static str,
    title: &'static str,
    bars: Vec<(String, u32)>,
) -> impl IntoView {
    let t = use_t();
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let rows = bars
        .into_iter()
        .map(|(label, n)| {
            // At least a sliver, so a zero still shows where its bar would be.
            let percent = (100.0 * f64::from(n) / f64::from(max)).max(0.5);
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="bar-cell">
                        <svg
                            class="bar"
                            viewBox="0 0 100 10"
                            preserveAspectRatio="none"
                            aria-hidden="true"
                            focusable="false"
                        >
                            <rect x="0" y="0" width=format!("{percent:.1}") height="10" rx="1.5" />
                        </svg>
                        <span class="bar-value">{thousands(u64::from(n))}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id=id>
            <table class="bar-table">
                <caption>{title}</caption>
                <thead class="visually-hidden">
                    <tr>
                        <th scope="col">{t.chart_category}</th>
                        <th scope="col">{t.chart_count}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
}
