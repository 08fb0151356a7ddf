//! Joining a community and deciding requests: form posts answered with a
//! redirect, like the account forms.

use axum::{
    Extension, Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use linli_app::shown_once::ShownOnce;
use linli_model::{membership::JoinForm, tree::CommunityCode};
use linli_service::{Error, membership::Decision, policy::Actor};
use serde::Deserialize;

use crate::{
    routes::{
        account::{back_to, sign_in_first},
        shown_once::{FormWithParts, page_showing},
    },
    startup::AppState,
};

#[derive(Debug, Deserialize)]
pub struct JoinFields {
    #[serde(default)]
    grid: String,
    #[serde(default)]
    building: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    room: String,
    #[serde(default)]
    invitation: String,
}

/// `POST /communities/{code}/join`
pub async fn join(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(f): Form<JoinFields>,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/communities").into_response();
    };
    let form_path = format!("/communities/{community}/join");
    if actor.viewer().is_none() {
        return sign_in_first(&form_path);
    }
    let form = JoinForm {
        grid: f.grid,
        building: f.building,
        unit: f.unit,
        room: f.room,
        invitation: f.invitation,
    };
    let typed = [
        ("grid", form.grid.as_str()),
        ("building", form.building.as_str()),
        ("unit", form.unit.as_str()),
        ("room", form.room.as_str()),
        ("invitation", form.invitation.as_str()),
    ];
    let request = match form.parse(&community) {
        Ok(r) => r,
        Err(fields) => return back_to(&form_path, &typed, &Error::Invalid(fields)),
    };
    match state.memberships().join(&actor, &request).await {
        Ok(status) => {
            Redirect::to(&format!("/account?notice=joined_{}", status.as_str())).into_response()
        }
        Err(e) => back_to(&form_path, &typed, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct DecideFields {
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /staff/memberships/{id}`: approve or reject, then back to the queue.
pub async fn decide(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    Form(f): Form<DecideFields>,
) -> Response {
    let decision = if f.decision == "approve" {
        Decision::Approve
    } else {
        Decision::Reject(f.reason)
    };
    // The request's community names the queue to return to, but only
    // once the decision has passed the permission check: otherwise the
    // answer would tell anyone where a request came from.
    let outcome = state.memberships().decide(&actor, id, &decision).await;
    let community = || async {
        state
            .store
            .membership_ref(id)
            .await
            .map(|m| m.community)
            .unwrap_or_default()
    };
    match outcome {
        Ok(()) => Redirect::to(&format!(
            "/staff/memberships?community={}&notice=decided",
            community().await
        ))
        .into_response(),
        Err(Error::Invalid(fields)) => back_to(
            "/staff/memberships",
            &[
                ("community", community().await.as_str()),
                ("rejecting", &id.to_string()),
            ],
            &Error::Invalid(fields),
        ),
        Err(e) => back_to("/staff/memberships", &[], &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct RoleFields {
    #[serde(default)]
    login: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    action: String,
}

/// `POST /staff/roles`: gives or takes back a role; the policy decides.
pub async fn roles(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(f): Form<RoleFields>,
) -> Response {
    use linli_model::{account::FieldError, role::Grant};
    let back = "/staff/memberships";
    let typed = [
        ("login", f.login.as_str()),
        ("role", f.role.as_str()),
        ("scope", f.scope.as_str()),
    ];
    let Some(grant) = Grant::from_input(&f.role, &f.scope) else {
        return back_to(
            back,
            &typed,
            &Error::invalid("scope", FieldError::BadScopeCode),
        );
    };
    let roles = state.roles();
    let (outcome, notice) = if f.action == "revoke" {
        (roles.revoke(&actor, &f.login, &grant).await, "role_revoked")
    } else {
        (roles.grant(&actor, &f.login, &grant).await, "role_granted")
    };
    match outcome {
        Ok(()) => Redirect::to(&format!("{back}?notice={notice}")).into_response(),
        Err(e) => back_to(back, &typed, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct InvitationFields {
    #[serde(default)]
    community: String,
    #[serde(default)]
    count: String,
}

/// `POST /staff/invitations`: makes one-time invitation codes and answers
/// with the staff desk showing them, the only time they are shown.
pub async fn make_invitations(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FormWithParts(parts, f): FormWithParts<InvitationFields>,
) -> Response {
    let count = f.count.trim().parse::<usize>().unwrap_or(0);
    let (desk, made) = match CommunityCode::parse(&f.community) {
        Ok(community) => (
            format!("/staff/memberships?community={community}"),
            state
                .memberships()
                .create_invitations(&actor, &community, count)
                .await,
        ),
        Err(_) => ("/staff/memberships".to_owned(), Err(Error::NotFound)),
    };
    match made {
        Ok(codes) => {
            let codes = codes.iter().map(|c| c.display()).collect();
            page_showing(&state, parts, &desk, ShownOnce::Invitations(codes)).await
        }
        Err(e) => back_to(&desk, &[], &e),
    }
}
