//! `/admin`: the moderators' backlog and decision times, the outbox, auctions closing today,
//! sign-ups per week and searches that found nothing, on both engines; administrators only.

use app::db::operations;
use app::domain::{days_from_civil, vietnam_day};
use axum::http::StatusCode;

use crate::on_both_databases;
use crate::support::{
    NewListing, TestDb, auction, get_with, join_stall, member, reference_data, stall, test_router,
};

on_both_databases!(
    administrators_see_what_waits_and_how_fast_it_goes,
    searches_that_found_nothing_are_logged_by_their_words,
    only_administrators_open_the_operations_page,
    a_stall_sees_its_own_listings_figures,
);

const HOUR: i64 = 3_600_000;

/// 10:00 in Vietnam on Wednesday 9 December 2026.
fn morning() -> i64 {
    days_from_civil(2026, 12, 9) * 86_400_000 + 3 * HOUR
}

async fn administrators_see_what_waits_and_how_fast_it_goes(t: TestDb) {
    let db = &t.db;
    reference_data(db).await;
    let now = morning();
    let moderator: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, role, created_at)
         VALUES ('mod@techx.test', 'Kiểm duyệt', 'x', 'moderator', $1) RETURNING id",
    )
    .bind(now - 2 * HOUR)
    .fetch_one(db)
    .await
    .unwrap();
    // Three more members: two this week, one four weeks ago, one long ago.
    for (email, at) in [
        ("a@techx.test", now - HOUR),
        ("b@techx.test", now - 30 * HOUR),
        ("c@techx.test", now - 28 * 24 * HOUR),
        ("d@techx.test", 1),
    ] {
        sqlx::query(
            "INSERT INTO users (email, display_name, password_hash, role, created_at)
             VALUES ($1, 'Thành viên', 'x', 'member', $2)",
        )
        .bind(email)
        .bind(at)
        .execute(db)
        .await
        .unwrap();
    }

    stall(db, "cho", "Chờ duyệt", "pending").await;
    sqlx::query("UPDATE stalls SET created_at = $1 WHERE slug = 'cho'")
        .bind(now - 5 * HOUR)
        .execute(db)
        .await
        .unwrap();
    // Two listings waiting; three decided in 1, 2 and 6 hours (median 2 h); one decided before
    // the 90 days; one published without a moderator.
    for (slug, created_at) in [("p1", now - 3 * HOUR), ("p2", now - HOUR)] {
        NewListing {
            status: "pending",
            created_at,
            ..NewListing::offer(slug, "Chờ duyệt")
        }
        .insert(db)
        .await;
    }
    for (slug, took, decided_at) in [
        ("d1", HOUR, now - 10 * HOUR),
        ("d2", 2 * HOUR, now - 20 * HOUR),
        ("d3", 6 * HOUR, now - 30 * HOUR),
        ("old", 100 * HOUR, now - 100 * 24 * HOUR),
    ] {
        let id = NewListing {
            created_at: decided_at - took,
            ..NewListing::offer(slug, "Đã duyệt")
        }
        .insert(db)
        .await;
        sqlx::query("UPDATE listings SET reviewed_by = $1, reviewed_at = $2 WHERE id = $3")
            .bind(moderator)
            .bind(decided_at)
            .bind(id)
            .execute(db)
            .await
            .unwrap();
    }

    // Auctions: one closing this afternoon, one tomorrow, one that has not started.
    let today = NewListing::offer("x1", "Máy cày Kubota").insert(db).await;
    let tomorrow = NewListing::offer("x2", "Máy gặt").insert(db).await;
    let later = NewListing::offer("x3", "Máy xới").insert(db).await;
    let closing = auction(db, today, now - 24 * HOUR, now + 5 * HOUR, "approved").await;
    auction(db, tomorrow, now - 24 * HOUR, now + 20 * HOUR, "approved").await;
    auction(db, later, now + HOUR, now + 6 * HOUR, "approved").await;

    for (status, created_at, sent_at) in [
        ("pending", now - 40 * 60_000, None),
        ("pending", now - 5 * 60_000, None),
        ("failed", now - 50 * HOUR, None),
        ("sent", now - 3 * HOUR, Some(now - 3 * HOUR)),
        ("sent", now - 30 * HOUR, Some(now - 30 * HOUR)),
    ] {
        sqlx::query(
            "INSERT INTO outbox (to_email, kind, subject, body, created_at, next_attempt_at, status, sent_at)
             VALUES ('x@techx.test', 'test', 'Chủ đề', 'Nội dung', $1, $1, $2, $3)",
        )
        .bind(created_at)
        .bind(status)
        .bind(sent_at)
        .execute(db)
        .await
        .unwrap();
    }

    let ops = operations::operations(db, now).await.unwrap();
    let queue = |kind: &str| {
        ops.backlog
            .iter()
            .find(|b| b.kind == kind)
            .expect(kind)
            .clone()
    };
    let listings = queue("listings");
    assert_eq!(
        (listings.waiting, listings.oldest_at),
        (2, Some(now - 3 * HOUR))
    );
    assert_eq!(
        listings.decided, 3,
        "the last 90 days' decisions by a moderator"
    );
    assert_eq!(listings.median_ms, Some(2 * HOUR));
    let stalls = queue("stalls");
    assert_eq!(
        (stalls.waiting, stalls.oldest_at),
        (1, Some(now - 5 * HOUR))
    );
    assert_eq!((stalls.decided, stalls.median_ms), (0, None));
    assert_eq!(queue("auctions").waiting, 0);
    assert_eq!(queue("booths").waiting, 0);

    assert_eq!(ops.outbox.pending, 2);
    assert_eq!(ops.outbox.failed, 1);
    assert_eq!(ops.outbox.sent_day, 1, "sent over the last 24 hours");
    assert_eq!(ops.outbox.oldest_pending_at, Some(now - 40 * 60_000));

    assert_eq!(
        ops.closing_today.iter().map(|a| a.id).collect::<Vec<_>>(),
        [closing],
        "running and ending before midnight in Vietnam"
    );
    assert_eq!(ops.closing_today[0].title, "Máy cày Kubota");

    let weeks = &ops.signups;
    assert_eq!(weeks.labels.len(), 12);
    assert_eq!(
        weeks.labels.last().map(String::as_str),
        Some("2026-12-07"),
        "this week's Monday"
    );
    let values = &weeks.series[0].values;
    assert_eq!(values[11], 3, "the moderator and two members this week");
    assert_eq!(values[7], 1, "four weeks ago");
    assert_eq!(values.iter().sum::<i64>(), 4, "not the one long ago");
}

async fn searches_that_found_nothing_are_logged_by_their_words(t: TestDb) {
    let db = &t.db;
    let now = morning();
    let today = vietnam_day(now);
    app::db::stats::add_search_misses(db, &[("máy in 3d kim loại".into(), 2)], today - 40)
        .await
        .unwrap();
    app::db::stats::add_search_misses(
        db,
        &[
            ("máy in 3d kim loại".into(), 1),
            ("drone phun thuốc".into(), 3),
        ],
        today - 2,
    )
    .await
    .unwrap();
    app::db::stats::add_search_misses(db, &[("máy in 3d kim loại".into(), 4)], today)
        .await
        .unwrap();
    let ops = operations::operations(db, now).await.unwrap();
    let misses: Vec<(String, i64, i64)> = ops
        .misses
        .iter()
        .map(|m| (m.words.clone(), m.times, m.last_day))
        .collect();
    assert_eq!(
        misses,
        [
            ("máy in 3d kim loại".to_owned(), 5, today),
            ("drone phun thuốc".to_owned(), 3, today - 2)
        ],
        "the last 30 days only, most searched first"
    );

    // Through the site: a search that finds nothing is counted in memory, by its words, and
    // written with the page views.
    reference_data(db).await;
    NewListing::offer("may-say", "Máy sấy lúa").insert(db).await;
    let mut kept = None;
    let app = crate::support::test_router_customised(&t, |ctx| {
        kept = Some(ctx.clone());
        ctx
    });
    let ctx = kept.unwrap();
    for path in [
        "/offers?q=M%C3%A1y++B%C6%A1m+n%C6%B0%E1%BB%9Bc+m%E1%BA%B7n",
        "/offers?q=m%C3%A1y+b%C6%A1m+n%C6%B0%E1%BB%9Bc+m%E1%BA%B7n",
        "/offers?q=m%C3%A1y+b%C6%A1m+n%C6%B0%E1%BB%9Bc+m%E1%BA%B7n&page=2",
        "/offers?q=m%C3%A1y+b%C6%A1m+n%C6%B0%E1%BB%9Bc+m%E1%BA%B7n&sector=co-khi",
        "/offers?q=m%C3%A1y+s%E1%BA%A5y",
    ] {
        assert_eq!(
            get_with(&app, path, None).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    let mut pending = ctx.search_misses.take();
    pending.sort();
    assert_eq!(
        pending,
        [("máy bơm nước mặn".to_owned(), 2)],
        "in lower case with spaces collapsed; not the second page, a filtered search or one that found something"
    );
}

async fn only_administrators_open_the_operations_page(t: TestDb) {
    reference_data(&t.db).await;
    let app = test_router(&t, &std::env::temp_dir());
    let visitor_page = get_with(&app, "/admin", None).await;
    assert!(!visitor_page.body.contains("data-testid=\"ops-backlog\""));
    let (_, moderator) = member(
        &app,
        &t,
        "mod@techx.test",
        "mat-khau-kiem-duyet",
        "moderator",
    )
    .await;
    let refused = get_with(&app, "/admin", Some(&moderator)).await;
    assert!(
        !refused.body.contains("data-testid=\"ops-backlog\""),
        "moderators are not administrators"
    );
    let api = get_with(&app, "/api/get_operations", Some(&moderator)).await;
    assert_eq!(api.status, StatusCode::FORBIDDEN);

    let (_, admin) = member(&app, &t, "admin@techx.test", "mat-khau-quan-tri", "admin").await;
    let page = get_with(&app, "/admin", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    for part in ["ops-backlog", "ops-outbox", "ops-closing", "ops-misses"] {
        assert!(
            page.body.contains(&format!("data-testid=\"{part}\"")),
            "{part}"
        );
    }
    assert!(page.body.contains("data-chart=\"signups\""));
    assert!(
        page.body.contains("data-chart=\"new-listings\""),
        "and the public statistics"
    );
}

async fn a_stall_sees_its_own_listings_figures(t: TestDb) {
    let db = &t.db;
    reference_data(db).await;
    let app = test_router(&t, &std::env::temp_dir());
    let (owner, owner_cookie) =
        member(&app, &t, "chu@techx.test", "mat-khau-chu-gian", "member").await;
    let (other, other_cookie) =
        member(&app, &t, "khac@techx.test", "mat-khau-nguoi-khac", "member").await;
    let mine = stall(db, "cua-toi", "Công ty Của Tôi", "approved").await;
    let theirs = stall(db, "cua-ho", "Công ty Của Họ", "approved").await;
    join_stall(db, mine, owner, "owner").await;
    join_stall(db, theirs, other, "owner").await;
    let popular = NewListing {
        stall_id: Some(mine),
        ..NewListing::offer("may-say", "Máy sấy")
    }
    .insert(db)
    .await;
    let quiet = NewListing {
        stall_id: Some(mine),
        ..NewListing::offer("may-xay", "Máy xay")
    }
    .insert(db)
    .await;
    NewListing {
        stall_id: Some(mine),
        status: "draft",
        ..NewListing::offer("nhap", "Bản nháp")
    }
    .insert(db)
    .await;
    let elsewhere = NewListing {
        stall_id: Some(theirs),
        ..NewListing::offer("khac", "Máy khác")
    }
    .insert(db)
    .await;

    // Views as the server writes them: today, 10 days ago and 40 days ago (out of the last 30
    // days, still within the twelve weeks), and another stall's.
    let now = app::db::now_ms();
    let today = vietnam_day(now);
    app::db::catalogue::add_listing_views(db, &[(popular, 5), (elsewhere, 9)], today)
        .await
        .unwrap();
    app::db::catalogue::add_listing_views(db, &[(popular, 3), (quiet, 1)], today - 10)
        .await
        .unwrap();
    app::db::catalogue::add_listing_views(db, &[(popular, 2)], today - 40)
        .await
        .unwrap();
    // An inquiry, an introduction and two members saving the popular one.
    let mut tx = db.begin().await.unwrap();
    app::db::inquiries::open(&mut tx, popular, other, 1)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let request = NewListing {
        kind: "request",
        ..NewListing::offer("can-mua", "Cần mua máy sấy")
    }
    .insert(db)
    .await;
    sqlx::query(
        "INSERT INTO introductions (request_id, offer_id, from_user, to_user, message, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'Xin giới thiệu', 1, 1)",
    )
    .bind(request)
    .bind(popular)
    .bind(other)
    .bind(owner)
    .execute(db)
    .await
    .unwrap();
    for user in [owner, other] {
        app::db::inquiries::set_watched(db, user, popular, true, 1)
            .await
            .unwrap();
    }

    let figures = operations::stall_figures(db, mine, now).await.unwrap();
    let rows: Vec<(i64, i64, i64, i64, i64, i64)> = figures
        .listings
        .iter()
        .map(|l| {
            (
                l.id,
                l.views,
                l.views_30d,
                l.inquiries,
                l.introductions,
                l.saved,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [(popular, 10, 8, 1, 1, 2), (quiet, 1, 1, 0, 0, 0)],
        "most viewed first; no drafts, no other stall's listings"
    );
    let weeks = &figures.listings[0].weeks;
    assert_eq!(weeks.len(), 12);
    assert_eq!(
        weeks.iter().sum::<i64>(),
        10,
        "all three days fall within the twelve weeks"
    );
    assert_eq!(weeks[11], 5, "this week's");
    assert_eq!(figures.views.series[0].values.iter().sum::<i64>(), 11);

    let page = get_with(
        &app,
        &format!("/account/stalls/{mine}/figures"),
        Some(&owner_cookie),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-testid=\"stall-figures\""));
    assert!(page.body.contains("data-listing=\"may-say\""));
    assert!(page.body.contains("class=\"sparkline\""));
    // Another stall's member, and a visitor, see nothing of it.
    let refused = get_with(
        &app,
        &format!("/api/get_stall_figures?id={mine}"),
        Some(&other_cookie),
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let visitor = get_with(&app, &format!("/api/get_stall_figures?id={mine}"), None).await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);
}
