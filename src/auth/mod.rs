//! Credential checks: passwords and second factors.

pub mod password;

use crate::db::Db;

/// Whether the user has enrolled any second factor.
pub async fn has_factor(_db: &Db, _user_id: i64) -> sqlx::Result<bool> {
    Ok(false)
}
