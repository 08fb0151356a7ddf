//! The staff work queue and a person's inbox.

use leptos::prelude::*;
use leptos_meta::Title;
use linli_model::matter::{InboxItem, WorkQueue};

use super::MatterCard;
use crate::{
    api::matters::{my_inbox, work_queue},
    components::{ErrorNotice, Loading},
    i18n::{beijing_time, use_t},
    pages::account::FormMessages,
};

/// `/staff/matters`: open matters in the staff member's area, the nearest
/// deadline first, with dispatch for several at once.
#[component]
pub fn WorkQueuePage() -> impl IntoView {
    let t = use_t();
    let queue = Resource::new(|| (), |_| work_queue());
    view! {
        <Title text=t.queue_matters_title />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(queue) => view! { <QueueView queue /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueView(queue: WorkQueue) -> impl IntoView {
    let t = use_t();
    let empty = queue.items.is_empty();
    let rows = queue
        .items
        .into_iter()
        .map(|matter| {
            let id = matter.id;
            let label_id = format!("pick-{id}");
            view! {
                <div class="queue-row">
                    <input type="checkbox" name="id" value=id.to_string() id=label_id.clone() form="bulk-dispatch" />
                    <label class="visually-hidden" for=label_id>{t.pick_label} " #" {id}</label>
                    <ul class="matter-list"><MatterCard matter /></ul>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="wrap section">
            <h1>{t.queue_matters_title}</h1>
            <p class="lead">{t.queue_matters_lead} " " <span class="code">{queue.place}</span></p>
            <FormMessages />
            {if empty {
                view! { <p class="empty">{t.queue_matters_empty}</p> }.into_any()
            } else {
                view! {
                    <div class="queue">{rows}</div>
                    <form id="bulk-dispatch" class="panel stack-form" method="post" action="/staff/matters/dispatch">
                        <h2>{t.bulk_dispatch_heading}</h2>
                        <div class="field">
                            <label for="bulk-team">{t.team_label}</label>
                            <input id="bulk-team" name="team" type="text" maxlength="60" />
                        </div>
                        <div class="field">
                            <label for="bulk-handler">{t.handler_id_label}</label>
                            <input id="bulk-handler" name="handler" type="text" inputmode="numeric" />
                        </div>
                        <button type="submit" class="button">{t.dispatch_button}</button>
                    </form>
                }
                    .into_any()
            }}
        </div>
    }
}

/// `/inbox`: what changed on the matters a person reported or supports.
#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_t();
    let inbox = Resource::new(|| (), |_| my_inbox());
    view! {
        <Title text=t.inbox_title />
        <div class="wrap section narrow">
            <h1>{t.inbox_title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{t.inbox_empty}</p> }.into_any(),
                        Ok(items) => view! { <InboxList items /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn InboxList(items: Vec<InboxItem>) -> impl IntoView {
    let t = use_t();
    let rows = items
        .into_iter()
        .map(|item| {
            view! {
                <li class=if item.read { "inbox-item" } else { "inbox-item unread" }>
                    <a href=format!("/matters/{}", item.matter)>{item.title}</a>
                    <p class="hint">
                        {(t.step_kind)(item.kind)} " · " {beijing_time(item.at)}
                        {(!item.read).then(|| view! { " · " <strong>{t.unread}</strong> })}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="inbox">{rows}</ul> }
}
