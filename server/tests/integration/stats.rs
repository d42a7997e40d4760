use app::db::stats;

use crate::on_both_databases;
use crate::support::{NewListing, TestDb, auction, reference_data, stall};

on_both_databases!(
    counters_count_only_what_the_public_can_see,
    visits_accumulate,
    ping_answers,
    migrations_can_run_twice,
    an_edited_applied_migration_is_refused,
);

async fn counters_count_only_what_the_public_can_see(t: TestDb) {
    let db = &t.db;
    reference_data(db).await;
    let approved = stall(db, "a", "Công ty A", "approved").await;
    stall(db, "b", "Công ty B", "pending").await;
    stall(db, "c", "Công ty C", "rejected").await;
    NewListing {
        stall_id: Some(approved),
        ..NewListing::offer("o1", "Máy kéo")
    }
    .insert(db)
    .await;
    NewListing::offer("o2", "Máy cày").insert(db).await;
    NewListing {
        status: "pending",
        ..NewListing::offer("o3", "Chờ duyệt")
    }
    .insert(db)
    .await;
    NewListing {
        kind: "request",
        ..NewListing::offer("r1", "Cần mua máy sấy")
    }
    .insert(db)
    .await;
    NewListing {
        kind: "request",
        status: "closed",
        ..NewListing::offer("r2", "Đã đóng")
    }
    .insert(db)
    .await;
    let now = 1_000_000;
    let l1 = NewListing::offer("x1", "Đấu giá 1").insert(db).await;
    let l2 = NewListing::offer("x2", "Đấu giá 2").insert(db).await;
    let l3 = NewListing::offer("x3", "Đấu giá 3").insert(db).await;
    let l4 = NewListing::offer("x4", "Đấu giá 4").insert(db).await;
    auction(db, l1, now - 10, now + 10, "approved").await; // running
    auction(db, l2, now + 10, now + 20, "approved").await; // upcoming
    auction(db, l3, now - 20, now, "approved").await; // ended exactly now
    auction(db, l4, now - 10, now + 10, "pending").await; // not approved

    let counters = stats::counters(db, now).await.unwrap();
    assert_eq!(counters.stalls, 1);
    assert_eq!(
        counters.offers, 6,
        "two offers plus the four auctioned ones"
    );
    assert_eq!(counters.requests, 1);
    assert_eq!(counters.auctions_running, 1);
    assert_eq!(counters.visits, 0);
}

async fn visits_accumulate(t: TestDb) {
    stats::add_visits(&t.db, 3, 20_000).await.unwrap();
    stats::add_visits(&t.db, 4, 20_000).await.unwrap();
    stats::add_visits(&t.db, 5, 20_001).await.unwrap();
    assert_eq!(stats::counters(&t.db, 0).await.unwrap().visits, 12);
    let days: Vec<(i64, i64)> =
        sqlx::query_as("SELECT day, views FROM site_visits_daily ORDER BY day")
            .fetch_all(&t.db)
            .await
            .unwrap();
    assert_eq!(
        days,
        [(20_000, 7), (20_001, 5)],
        "each day keeps its own views"
    );
}

async fn ping_answers(t: TestDb) {
    stats::ping(&t.db).await.unwrap();
}

async fn migrations_can_run_twice(t: TestDb) {
    app::db::dialect::migrate(&t.db).await.unwrap();
    assert_eq!(
        app::db::dialect::Backend::of_pool(&t.db),
        match t.engine {
            crate::support::Engine::Sqlite => app::db::dialect::Backend::Sqlite,
            crate::support::Engine::Postgres => app::db::dialect::Backend::Postgres,
        }
    );
}

async fn an_edited_applied_migration_is_refused(t: TestDb) {
    sqlx::query("UPDATE _sqlx_migrations SET checksum = $1")
        .bind(vec![0u8; 48])
        .execute(&t.db)
        .await
        .unwrap();
    let err = app::db::dialect::migrate(&t.db).await.unwrap_err();
    assert!(err.to_string().contains("migrat"), "{err}");
}
