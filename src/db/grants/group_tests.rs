//! Refreshes committed together ([`super::RefreshJob`]): each is decided as
//! if it ran alone after the ones before it.

use super::*;
use crate::crypto::digest;
use crate::db::group_commit::run_together;

const SCOPE: &str = "openid offline_access";

struct Seeded {
    _dir: tempfile::TempDir,
    store: crate::db::sqlite::SqliteDb,
    now: i64,
}

async fn seeded() -> Seeded {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::db::sqlite::connect(&dir.path().join("t.db"))
        .await
        .unwrap();
    let db = Db::Sqlite(store.clone());
    let user_id = crate::db::users::insert(
        &db,
        &crate::db::users::NewUser {
            subject: "sub-1",
            username: "alice",
            email: "alice@example.com",
            name: None,
            given_name: None,
            family_name: None,
            password_hash: None,
            email_verified: true,
        },
    )
    .await
    .unwrap();
    let mut tx = crate::db::begin_write(&db).await.unwrap();
    let secret_hash = digest("s3cret");
    crate::db::clients::insert(
        &mut tx,
        &crate::db::clients::NewClient {
            client_id: "app",
            name: "App",
            secret_hash: Some(&secret_hash),
            first_party: true,
            require_pkce: false,
            id_token_alg: "RS256",
            require_mfa: None,
        },
        &[],
        &[],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let now = now();
    insert_grant(
        &db,
        &Grant {
            id: "g1".into(),
            client_id: "app".into(),
            user_id,
            scope: SCOPE.into(),
            nonce: None,
            auth_time: now,
            amr: "[\"pwd\"]".into(),
            acr: "0".into(),
            session_ref: None,
            created_at: now,
        },
    )
    .await
    .unwrap();
    for token in ["r1", "r2", "r3"] {
        insert_refresh_token(&db, &digest(token), "g1", SCOPE, now + 3600)
            .await
            .unwrap();
    }
    Seeded {
        _dir: dir,
        store,
        now,
    }
}

fn job(s: &Seeded, token: &str, secret: &str, new: &str) -> RefreshJob {
    RefreshJob {
        client_id: "app".into(),
        key: "client:app".into(),
        token_hash: digest(token),
        refresh: SpeculativeRefresh {
            now: s.now,
            secret_digests: [digest(secret), digest(secret)],
            created_after: s.now - 3600,
            seen_after: s.now - 3600,
            access_hash: digest(&format!("access-{new}")),
            access_expires_at: s.now + 600,
            refresh_hash: digest(&format!("refresh-{new}")),
            refresh_expires_at: s.now + 3600,
            event: "token_issued",
            detail: "grant_type=refresh_token",
        },
    }
}

async fn count(s: &Seeded, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(s.store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn refreshes_in_one_transaction_are_each_decided_on_their_own() {
    let s = seeded().await;
    let jobs = vec![
        job(&s, "r1", "s3cret", "a"),
        // A wrong secret spends nothing.
        job(&s, "r2", "wrong", "b"),
        // r1 again, after the first job spent it: read as used, not spent.
        job(&s, "r1", "s3cret", "c"),
        // An unknown token: no row.
        job(&s, "r9", "s3cret", "d"),
        job(&s, "r3", "s3cret", "e"),
    ];
    let results = run_together(s.store.write_conn(), jobs).await;
    let reads: Vec<RefreshRequestRead> = results
        .iter()
        .map(|r| read_of_rows(r.as_ref().unwrap(), true).unwrap())
        .collect();
    let spent: Vec<bool> = reads.iter().map(|r| r.spent).collect();
    assert_eq!(spent, [true, false, false, false, true]);
    for read in &reads {
        assert_eq!(read.client.0.as_ref().unwrap().client_id, "app");
    }
    let used: Vec<Option<bool>> = reads
        .iter()
        .map(|r| r.token.as_ref().map(|(t, _)| t.used_at.is_some()))
        .collect();
    assert_eq!(
        used,
        [Some(false), Some(false), Some(true), None, Some(false)]
    );
    let user = reads[4].token.as_ref().unwrap().1.as_ref().unwrap();
    assert_eq!(user.0.username, "alice");

    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM refresh_tokens WHERE used_at IS NOT NULL"
        )
        .await,
        2
    );
    assert_eq!(count(&s, "SELECT count(*) FROM refresh_tokens").await, 5);
    assert_eq!(count(&s, "SELECT count(*) FROM access_tokens").await, 2);
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM audit_events WHERE event = 'token_issued'"
        )
        .await,
        2
    );
    let issued: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM access_tokens ORDER BY rowid")
            .fetch_all(s.store.pool())
            .await
            .unwrap();
    assert_eq!(issued, [digest("access-a"), digest("access-e")]);
}

#[tokio::test]
async fn a_group_of_the_largest_size_binds_every_job() {
    let s = seeded().await;
    let db = Db::Sqlite(s.store.clone());
    let mut tokens = Vec::new();
    for i in 0..REFRESH_GROUP_MAX {
        let token = format!("t{i}");
        insert_refresh_token(&db, &digest(&token), "g1", SCOPE, s.now + 3600)
            .await
            .unwrap();
        tokens.push(token);
    }
    let jobs = tokens
        .iter()
        .map(|t| job(&s, t, "s3cret", t))
        .collect::<Vec<_>>();
    let results = run_together(s.store.write_conn(), jobs).await;
    assert!(
        results
            .iter()
            .all(|r| read_of_rows(r.as_ref().unwrap(), true).unwrap().spent)
    );
    assert_eq!(
        count(&s, "SELECT count(*) FROM access_tokens").await,
        REFRESH_GROUP_MAX as i64
    );
}
