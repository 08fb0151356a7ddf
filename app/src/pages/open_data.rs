//! `/open-data`: every list and figure Linli publishes for download, with
//! what each column means; the catalogue lives in `linli_model`, so this
//! page and the CSV headers cannot disagree.

use leptos::prelude::*;
use linli_model::open_data::{DATASETS, Dataset};

use crate::i18n::{use_lang, use_t};

#[component]
pub fn OpenDataPage() -> impl IntoView {
    let t = use_t();
    let sections = DATASETS
        .iter()
        .map(|d| view! { <DatasetSection dataset=d /> })
        .collect_view();
    let index = DATASETS
        .iter()
        .map(|d| {
            let lang = use_lang();
            view! { <li><a href=format!("#data-{}", d.key)>{d.title(lang)}</a></li> }
        })
        .collect_view();
    view! {
        <crate::components::PageHead title=t.open_data_title />
        <div class="wrap section">
            <h1>{t.open_data_title}</h1>
            <p class="lead">{t.open_data_lead}</p>
            <p class="notice-ok">{t.open_data_floor}</p>
            <nav aria-label=t.open_data_title>
                <ul class="jump-links">{index}</ul>
            </nav>
            <p>
                <a href="/api/v1/datasets" rel="external">{t.open_data_catalogue}</a>
            </p>
            {sections}
        </div>
    }
}

#[component]
fn DatasetSection(dataset: &'static Dataset) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let anchor = format!("data-{}", dataset.key);
    let heading = format!("{anchor}-heading");
    let links = if dataset.path.contains('{') {
        view! {
            <p>
                <code>{dataset.path}</code> " · " {t.open_data_template}
            </p>
        }
        .into_any()
    } else {
        view! {
            <p class="button-row">
                <a class="button" href=format!("{}?format=csv", dataset.path) rel="external" download="">
                    {t.open_data_csv}
                </a>
                " "
                <a class="button button-quiet" href=dataset.path rel="external">{t.open_data_json}</a>
            </p>
        }
        .into_any()
    };
    let rows = dataset
        .fields
        .iter()
        .map(|f| view! { <tr><td class="code">{f.name}</td><td>{f.meaning(lang)}</td></tr> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby=heading.clone() id=anchor>
            <h2 id=heading.clone()>{dataset.title(lang)}</h2>
            <p>{dataset.about(lang)}</p>
            {dataset.paged.then(|| view! { <p class="hint">{t.open_data_paged}</p> })}
            {links}
            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("{} · {}", dataset.title(lang), t.open_data_fields)>
                <table class="grid-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.open_data_field}</th>
                            <th scope="col">{t.open_data_meaning}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
