//! `/account`: the self-service page.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;

use super::AppResult;
use super::error::AppError;
use super::session::WebSession;
use crate::app::AppState;
use crate::db;

pub fn router() -> Router<AppState> {
    Router::new().route("/account", get(account_get))
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
struct AccountPage {
    csrf: String,
    username: String,
}

async fn account_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    let Some(login) = ws.login(&state).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let user = db::users::by_id(&state.db, login.user_id())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(AccountPage {
        csrf: ws.csrf_token().await?,
        username: user.username,
    }
    .into_response())
}
