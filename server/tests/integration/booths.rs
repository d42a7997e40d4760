//! Booths at fairs: a stall's members apply with the listings they will show, moderators accept
//! with a booth number (one per booth) or decline, the event page lists exhibitors by booth,
//! and the online techmart finds their listings by words and filters.

use axum::Router;
use axum::http::StatusCode;

use crate::on_both_databases;
use crate::support::{
    NewListing, TestDb, error_pairs, get_with, join_stall, location, member, post_form, stall,
};

on_both_databases!(stalls_apply_for_booths_and_moderators_number_them);

async fn app(t: &TestDb) -> Router {
    crate::support::reference_data(&t.db).await;
    crate::support::test_router(t, &std::env::temp_dir())
}

/// A fair taking booths, starting in ten days.
async fn fair(t: &TestDb, slug: &str) -> i64 {
    let now = app::db::now_ms();
    let day = 86_400_000;
    sqlx::query_scalar(
        "INSERT INTO events (slug, kind, title, summary, description, description_html,
             starts_at, ends_at, venue, province_code, organiser, booths_open, created_at,
             updated_at)
         VALUES ($1, 'techmart', 'Chợ công nghệ – thiết bị mùa mới',
             'Hơn 200 gian hàng công nghệ.', 'Mô tả.', '<p>Mô tả.</p>', $2, $3,
             'Trung tâm Hội chợ Triển lãm Cần Thơ', 'can-tho', 'Sở KH&CN Cần Thơ', 1, $4, $4)
         RETURNING id",
    )
    .bind(slug)
    .bind(now + 10 * day)
    .bind(now + 12 * day)
    .bind(now)
    .fetch_one(&t.db)
    .await
    .unwrap()
}

async fn stalls_apply_for_booths_and_moderators_number_them(t: TestDb) {
    let app = app(&t).await;
    let event = fair(&t, "cho-cong-nghe").await;
    let (an_id, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let (binh_id, binh) =
        member(&app, &t, "binh@techx.test", "mật khẩu thành viên", "member").await;
    let (_, outsider) = member(
        &app,
        &t,
        "ngoai@techx.test",
        "mật khẩu thành viên",
        "member",
    )
    .await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let tay_do = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    join_stall(&t.db, tay_do, an_id, "member").await;
    let mekong = stall(&t.db, "giai-phap-mekong", "Giải pháp số Mekong", "approved").await;
    join_stall(&t.db, mekong, binh_id, "owner").await;
    let listing = |slug: &'static str, title: &'static str, stall_id: i64| NewListing {
        stall_id: Some(stall_id),
        ..NewListing::offer(slug, title)
    };
    let dryer = listing("may-say-lua", "Máy sấy lúa tầng sôi", tay_do)
        .insert(&t.db)
        .await;
    let pump = listing("may-bom-nuoc", "Máy bơm nước tiết kiệm điện", tay_do)
        .insert(&t.db)
        .await;
    let app_listing = listing("phan-mem-truy-xuat", "Phần mềm truy xuất nguồn gốc", mekong)
        .insert(&t.db)
        .await;
    let elsewhere = NewListing::offer("may-cay", "Máy cày mini")
        .insert(&t.db)
        .await;

    // A stall's member is offered to apply; the form lists the stall's listings.
    let page = get_with(&app, "/events/cho-cong-nghe", Some(&an)).await;
    assert!(page.body.contains(r#"data-testid="event-apply-booth""#));
    let visitor = get_with(&app, "/events/cho-cong-nghe", None).await;
    assert!(!visitor.body.contains(r#"data-testid="event-apply-booth""#));
    let form = get_with(&app, "/events/cho-cong-nghe/booth", Some(&an)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Máy sấy lúa tầng sôi"));
    assert!(!form.body.contains("Phần mềm truy xuất"));

    // Bad input: refused beside the listings, nothing stored.
    let apply = |cookie: String, stall_id: i64, listings: Vec<i64>| {
        let app = app.clone();
        async move {
            let mut form =
                format!("event_id={event}&stall_id={stall_id}&note=G%E1%BA%A7n+c%E1%BB%ADa");
            for id in listings {
                form.push_str(&format!("&listings%5B%5D={id}"));
            }
            post_form(&app, "/api/apply_for_booth", &form, Some(&cookie), false).await
        }
    };
    let field = format!("listings_{tay_do}");
    assert_eq!(
        error_pairs(&apply(an.clone(), tay_do, vec![]).await),
        [(field.clone(), "booth_listings".into())]
    );
    assert_eq!(
        error_pairs(&apply(an.clone(), tay_do, vec![dryer, elsewhere]).await),
        [(field.clone(), "booth_not_stalls".into())]
    );
    assert_eq!(
        apply(outsider.clone(), tay_do, vec![dryer]).await.status,
        StatusCode::NOT_FOUND
    );
    let booths: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM event_booths")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(booths, 0);

    let applied = post_form(
        &app,
        "/api/apply_for_booth",
        &format!(
            "event_id={event}&stall_id={tay_do}&listings%5B%5D={dryer}&listings%5B%5D={pump}&note="
        ),
        Some(&an),
        true,
    )
    .await;
    assert_eq!(
        location(&applied),
        "/events/cho-cong-nghe/booth?done=applied"
    );
    let form = get_with(&app, "/events/cho-cong-nghe/booth", Some(&an)).await;
    assert!(form.body.contains(r#"data-status="applied""#));
    let response = apply(binh.clone(), mekong, vec![app_listing]).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);

    // Moderators number them: one number per booth.
    let desk = get_with(&app, "/events/cho-cong-nghe/booths", Some(&moderator)).await;
    assert_eq!(desk.status, StatusCode::OK);
    assert_eq!(
        desk.body
            .matches(r#"data-testid="booth-application""#)
            .count(),
        2
    );
    let not_theirs = get_with(&app, "/events/cho-cong-nghe/booths", Some(&an)).await;
    assert!(
        !not_theirs
            .body
            .contains(r#"data-testid="booth-application""#)
    );
    let ids: Vec<(i64, i64)> = sqlx::query_as("SELECT id, stall_id FROM event_booths ORDER BY id")
        .fetch_all(&t.db)
        .await
        .unwrap();
    let (first, second) = (ids[0].0, ids[1].0);
    let decide = |booth: i64, decision: &str, number: &str| {
        let (app, moderator) = (app.clone(), moderator.clone());
        let form = format!("booth_id={booth}&decision={decision}&booth_number={number}");
        async move { post_form(&app, "/api/decide_booth", &form, Some(&moderator), false).await }
    };
    assert_eq!(
        error_pairs(&decide(first, "accept", "A+1").await),
        [(
            format!("booth_number_{first}"),
            "invalid_booth_number".into()
        )]
    );
    let accepted = decide(first, "accept", "A2").await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(
        error_pairs(&decide(second, "accept", "a2").await),
        [(
            format!("booth_number_{second}"),
            "booth_number_taken".into()
        )]
    );
    assert_eq!(decide(second, "accept", "a10").await.status, StatusCode::OK);
    let numbers: Vec<Option<String>> =
        sqlx::query_scalar("SELECT booth_number FROM event_booths ORDER BY id")
            .fetch_all(&t.db)
            .await
            .unwrap();
    assert_eq!(numbers, [Some("A2".to_owned()), Some("A10".to_owned())]);
    assert_eq!(
        post_form(
            &app,
            "/api/decide_booth",
            &format!("booth_id={first}&decision=accept&booth_number=A3"),
            Some(&an),
            false
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    // The event page lists the exhibitors in hall order; the techmart finds their listings.
    let page = get_with(&app, "/events/cho-cong-nghe", None).await;
    let (a2, a10) = (
        page.body.find("Cơ khí Tây Đô").unwrap(),
        page.body.find("Giải pháp số Mekong").unwrap(),
    );
    assert!(a2 < a10, "A2 before A10");
    assert!(page.body.contains(r#"data-testid="event-techmart""#));
    let techmart = get_with(&app, "/events/cho-cong-nghe/techmart", None).await;
    assert_eq!(techmart.status, StatusCode::OK);
    for title in ["Máy sấy lúa tầng sôi", "Máy bơm nước", "Phần mềm truy xuất"] {
        assert!(techmart.body.contains(title), "{title}");
    }
    assert!(!techmart.body.contains("Máy cày mini"), "not at a booth");
    let found = get_with(&app, "/events/cho-cong-nghe/techmart?q=may+say", None).await;
    // Found words are marked in the title.
    assert!(found.body.contains(r#"href="/listings/may-say-lua""#));
    assert!(found.body.contains("<mark>sấy</mark>"));
    assert!(!found.body.contains("Phần mềm truy xuất"));
    let none = get_with(&app, "/events/cho-cong-nghe/techmart?kind=request", None).await;
    assert!(!none.body.contains("Máy sấy lúa tầng sôi"));

    // A stall withdraws; once the fair starts no one applies.
    let withdrawn = post_form(
        &app,
        "/api/apply_for_booth",
        &format!("event_id={event}&stall_id={mekong}&withdraw=1"),
        Some(&binh),
        true,
    )
    .await;
    assert_eq!(
        location(&withdrawn),
        "/events/cho-cong-nghe/booth?done=withdrawn"
    );
    let page = get_with(&app, "/events/cho-cong-nghe", None).await;
    assert!(!page.body.contains("Giải pháp số Mekong"));
    let techmart = get_with(&app, "/events/cho-cong-nghe/techmart", None).await;
    assert!(!techmart.body.contains("Phần mềm truy xuất"));
    sqlx::query("UPDATE events SET starts_at = $2 WHERE id = $1")
        .bind(event)
        .bind(app::db::now_ms() - 60_000)
        .execute(&t.db)
        .await
        .unwrap();
    assert_eq!(
        error_pairs(&apply(binh.clone(), mekong, vec![app_listing]).await),
        [("event".into(), "booths_closed".into())]
    );
    let running = get_with(&app, "/events/cho-cong-nghe/techmart", None).await;
    assert!(!running.body.contains(r#"data-testid="techmart-when""#));
}
