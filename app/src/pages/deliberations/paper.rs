//! A poll's channels: ballots by channel (online, entered by staff at the
//! counter or by phone, paper), a closed one-choice poll's result per
//! channel, and the paper tally sheets that two staff enter and confirm.

use leptos::prelude::*;
use linli_model::{
    channel::{MAX_SHEET_BALLOTS, TallySheet},
    deliberation::{MethodKind, PollView},
};

use crate::{
    components::{Input, Refill, inline_field},
    i18n::{beijing_time, channels::use_ct},
    pages::assist::channel_table,
};

/// The names a tally sheet form may send back when it fails.
pub const TALLY_FIELDS: &[&str] = &[
    "count_0", "count_1", "count_2", "count_3", "count_4", "count_5", "count_6", "count_7",
    "count_8", "count_9", "spoiled",
];

/// Ballots by channel, and once a one-choice poll closes its votes per
/// option and channel.
pub fn channels_view(p: &PollView) -> impl IntoView + use<> {
    let ct = use_ct();
    let turnout = channel_table(
        ct.turnout_caption,
        vec![ct.col_total.to_owned()],
        p.by_channel
            .iter()
            .map(|(c, n)| (*c, vec![n.to_string()]))
            .collect(),
    );
    // The same table with one column per option, once the poll has closed.
    let results = (!p.choice_by_channel.is_empty()).then(|| {
        channel_table(
            ct.by_channel_heading,
            p.options.clone(),
            p.choice_by_channel
                .iter()
                .map(|(c, votes)| (*c, votes.iter().map(u32::to_string).collect()))
                .collect(),
        )
    });
    view! {
        <details class="poll-channels">
            <summary>{ct.turnout_caption}</summary>
            {turnout}
            {results}
        </details>
    }
}

/// A one-choice poll's tally sheets, and for staff serving the community
/// the form to enter one and a button to confirm another's.
pub fn tally_view(id: i64, p: &PollView, counts_paper: bool, refill: &Refill) -> Option<AnyView> {
    if p.method.kind() != MethodKind::Choice || (p.sheets.is_empty() && !counts_paper) {
        return None;
    }
    let ct = use_ct();
    let which = format!("tally-{}", p.id);
    let sheets = p
        .sheets
        .iter()
        .map(|s| sheet_item(id, p, s, counts_paper))
        .collect_view();
    // The service says until when sheets are taken (two days after the
    // close, for the evening count).
    let form = counts_paper.then(|| {
        let fields = p
            .options
            .iter()
            .enumerate()
            .map(|(i, option)| {
                let name = format!("count_{i}");
                let value = refill.typed(&which, &name).unwrap_or_default();
                let error = refill.error(&which, &name);
                inline_field(
                    &which,
                    name,
                    (ct.count_label)(option),
                    Input::Number,
                    value,
                    error,
                    None,
                )
            })
            .collect_view();
        let spoiled = inline_field(
            &which,
            "spoiled".into(),
            ct.spoiled_label.into(),
            Input::Number,
            refill.typed(&which, "spoiled").unwrap_or_default(),
            refill.error(&which, "spoiled"),
            None,
        );
        view! {
            <form id=which.clone() class="stack-form" method="post" action=format!("/deliberations/polls/{}/tally?back={id}", p.id)>
                <div class="tally-counts">{fields}{spoiled}</div>
                <p class="hint">{format!("≤ {MAX_SHEET_BALLOTS}")}</p>
                <button type="submit" class="button">{ct.enter_button}</button>
            </form>
        }
    });
    let sheet_error = refill.error(&which, "sheet");
    let t = crate::i18n::use_t();
    Some(
        view! {
            <section class="tally" aria-label=ct.tally_heading>
                <h5>{ct.tally_heading}</h5>
                <p class="hint">{ct.tally_lead}</p>
                {sheet_error.map(|e| view! { <p class="form-error" role="alert">{(t.field_error)(&e)}</p> })}
                <ul class="tally-sheets">{sheets}</ul>
                {form}
            </section>
        }
        .into_any(),
    )
}

fn sheet_item(id: i64, p: &PollView, s: &TallySheet, counts_paper: bool) -> impl IntoView + use<> {
    let ct = use_ct();
    let counts = if s.counts.is_empty() {
        ct.counts_withheld.to_owned()
    } else {
        p.options
            .iter()
            .zip(&s.counts)
            .map(|(o, n)| format!("「{o}」{n}"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let entered = (ct.entered_by)(&s.entered_by, &beijing_time(s.entered_at));
    let (class, status) = match &s.confirmed {
        Some((name, at)) => ("confirmed", (ct.confirmed_by)(name, &beijing_time(*at))),
        None => ("waiting", ct.waiting.to_owned()),
    };
    let confirm = (counts_paper && s.confirmed.is_none()).then(|| {
        view! {
            <form method="post" action=format!("/deliberations/polls/{}/tally/{}/confirm?back={id}", p.id, s.id)>
                <button type="submit" class="button button-quiet">{ct.confirm_button}</button>
            </form>
        }
    });
    view! {
        <li class=class>
            <p><strong>{(ct.sheet_line)(s.id, s.valid, s.spoiled)}</strong></p>
            <p>{counts}</p>
            <p class="hint">{entered} " · " {status}</p>
            {confirm}
        </li>
    }
}
