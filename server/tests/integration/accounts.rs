use app::auth::{hash_password, new_session_token, verify_password};
use app::db::accounts::{self, CreateUserError};
use app::domain::{DisplayName, Email, Password};

use crate::on_both_databases;
use crate::support::TestDb;

on_both_databases!(
    a_registered_member_can_be_found_to_log_in,
    one_address_opens_one_account_whatever_its_case,
    sessions_live_until_revoked_or_expired,
    revoking_all_sessions_logs_out_every_device,
);

fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

fn name(s: &str) -> DisplayName {
    DisplayName::parse(s).unwrap()
}

async fn a_registered_member_can_be_found_to_log_in(t: TestDb) {
    let hash = hash_password(&Password::parse("mật khẩu của An").unwrap());
    let id = accounts::create_user(
        &t.db,
        &email("an@cantho.vn"),
        &name("Nguyễn Văn An"),
        &hash,
        1,
    )
    .await
    .unwrap();

    let (user, stored) = accounts::find_login(&t.db, &email("AN@cantho.vn"))
        .await
        .unwrap()
        .expect("found");
    assert_eq!(user.id, id);
    assert_eq!(user.display_name, "Nguyễn Văn An");
    assert_eq!(user.role, "member", "new accounts are plain members");
    assert!(verify_password("mật khẩu của An", &stored));
    assert!(
        accounts::find_login(&t.db, &email("binh@cantho.vn"))
            .await
            .unwrap()
            .is_none()
    );
}

async fn one_address_opens_one_account_whatever_its_case(t: TestDb) {
    accounts::create_user(&t.db, &email("an@cantho.vn"), &name("An"), "x", 1)
        .await
        .unwrap();
    let again =
        accounts::create_user(&t.db, &email("  An@CanTho.vn "), &name("An khác"), "y", 2).await;
    assert!(
        matches!(again, Err(CreateUserError::EmailTaken)),
        "{again:?}"
    );
}

async fn sessions_live_until_revoked_or_expired(t: TestDb) {
    let id = accounts::create_user(&t.db, &email("an@cantho.vn"), &name("An"), "x", 1)
        .await
        .unwrap();
    let (_token, hash) = new_session_token();
    accounts::create_session(&t.db, id, &hash, 1_000, 2_000)
        .await
        .unwrap();

    assert_eq!(
        accounts::session_user(&t.db, &hash, 1_500)
            .await
            .unwrap()
            .map(|u| u.id),
        Some(id)
    );
    assert!(
        accounts::session_user(&t.db, &hash, 2_000)
            .await
            .unwrap()
            .is_none(),
        "expired at its end"
    );
    assert!(
        accounts::session_user(&t.db, "unknown", 1_500)
            .await
            .unwrap()
            .is_none()
    );

    assert!(accounts::revoke_session(&t.db, &hash, 1_600).await.unwrap());
    assert!(
        accounts::session_user(&t.db, &hash, 1_700)
            .await
            .unwrap()
            .is_none(),
        "revoked"
    );
    assert!(
        !accounts::revoke_session(&t.db, &hash, 1_800).await.unwrap(),
        "revoking twice changes nothing"
    );
}

async fn revoking_all_sessions_logs_out_every_device(t: TestDb) {
    let an = accounts::create_user(&t.db, &email("an@cantho.vn"), &name("An"), "x", 1)
        .await
        .unwrap();
    let binh = accounts::create_user(&t.db, &email("binh@cantho.vn"), &name("Bình"), "x", 1)
        .await
        .unwrap();
    let (_, phone) = new_session_token();
    let (_, laptop) = new_session_token();
    let (_, other) = new_session_token();
    accounts::create_session(&t.db, an, &phone, 1, 10_000)
        .await
        .unwrap();
    accounts::create_session(&t.db, an, &laptop, 1, 10_000)
        .await
        .unwrap();
    accounts::create_session(&t.db, binh, &other, 1, 10_000)
        .await
        .unwrap();

    assert_eq!(
        accounts::revoke_all_sessions(&t.db, an, 5).await.unwrap(),
        2
    );
    assert!(
        accounts::session_user(&t.db, &phone, 6)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        accounts::session_user(&t.db, &laptop, 6)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        accounts::session_user(&t.db, &other, 6)
            .await
            .unwrap()
            .is_some(),
        "other members stay logged in"
    );
}
