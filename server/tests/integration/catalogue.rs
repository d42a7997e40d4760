use app::db::catalogue;
use app::model::ListingKind;

use crate::on_both_databases;
use crate::support::{NewListing, TestDb, auction, reference_data, stall};

on_both_databases!(
    latest_listings_are_newest_first_and_of_one_kind,
    stalls_are_ordered_by_their_offers,
    running_auctions_end_soonest_first,
);

async fn latest_listings_are_newest_first_and_of_one_kind(t: TestDb) {
    let db = &t.db;
    reference_data(db).await;
    let s = stall(db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    NewListing {
        created_at: 10,
        ..NewListing::offer("old", "Cũ")
    }
    .insert(db)
    .await;
    NewListing {
        created_at: 30,
        stall_id: Some(s),
        ..NewListing::offer("new", "Mới")
    }
    .insert(db)
    .await;
    NewListing {
        created_at: 20,
        price_vnd: None,
        ..NewListing::offer("mid", "Giữa")
    }
    .insert(db)
    .await;
    NewListing {
        created_at: 40,
        kind: "request",
        ..NewListing::offer("req", "Cần mua")
    }
    .insert(db)
    .await;
    NewListing {
        created_at: 50,
        status: "draft",
        ..NewListing::offer("draft", "Nháp")
    }
    .insert(db)
    .await;

    let offers = catalogue::latest_listings(db, ListingKind::Offer, 10, 0)
        .await
        .unwrap();
    let slugs: Vec<&str> = offers.iter().map(|l| l.slug.as_str()).collect();
    assert_eq!(slugs, ["new", "mid", "old"]);
    assert_eq!(offers[0].stall_name.as_deref(), Some("Cơ khí Tây Đô"));
    assert_eq!(offers[0].stall_slug.as_deref(), Some("co-khi-tay-do"));
    assert_eq!(offers[1].price_vnd, None);
    assert_eq!(offers[2].stall_name, None);

    let second_page = catalogue::latest_listings(db, ListingKind::Offer, 2, 2)
        .await
        .unwrap();
    assert_eq!(second_page.len(), 1);
    assert_eq!(second_page[0].slug, "old");
    assert_eq!(
        catalogue::count_listings(db, ListingKind::Offer)
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        catalogue::count_listings(db, ListingKind::Request)
            .await
            .unwrap(),
        1
    );
}

async fn stalls_are_ordered_by_their_offers(t: TestDb) {
    let db = &t.db;
    reference_data(db).await;
    let quiet = stall(db, "quiet", "Công ty Ít", "approved").await;
    let busy = stall(db, "busy", "Công ty Nhiều", "approved").await;
    stall(db, "pending", "Công ty Chờ", "pending").await;
    NewListing {
        stall_id: Some(quiet),
        ..NewListing::offer("q1", "Một")
    }
    .insert(db)
    .await;
    for slug in ["b1", "b2", "b3"] {
        NewListing {
            stall_id: Some(busy),
            ..NewListing::offer(slug, "Hàng")
        }
        .insert(db)
        .await;
    }
    NewListing {
        stall_id: Some(busy),
        status: "closed",
        ..NewListing::offer("b4", "Đã bán")
    }
    .insert(db)
    .await;

    let stalls = catalogue::stalls(db, 10, 0).await.unwrap();
    let summary: Vec<(&str, i64)> = stalls
        .iter()
        .map(|s| (s.slug.as_str(), s.offer_count))
        .collect();
    assert_eq!(summary, [("busy", 3), ("quiet", 1)]);
    assert_eq!(catalogue::count_stalls(db).await.unwrap(), 2);
}

async fn running_auctions_end_soonest_first(t: TestDb) {
    let db = &t.db;
    reference_data(db).await;
    let now = 5_000;
    let later = NewListing::offer("later", "Kết thúc sau").insert(db).await;
    let sooner = NewListing::offer("sooner", "Kết thúc trước")
        .insert(db)
        .await;
    let upcoming = NewListing::offer("upcoming", "Sắp mở").insert(db).await;
    auction(db, later, now - 100, now + 900, "approved").await;
    auction(db, sooner, now - 100, now + 100, "approved").await;
    auction(db, upcoming, now + 100, now + 900, "approved").await;

    let running = catalogue::running_auctions(db, now, 10, 0).await.unwrap();
    let slugs: Vec<&str> = running.iter().map(|a| a.listing_slug.as_str()).collect();
    assert_eq!(slugs, ["sooner", "later"]);
    assert_eq!(running[0].current_price_vnd, 1_200_000);
    assert_eq!(running[0].bid_count, 20);
    assert_eq!(catalogue::count_running_auctions(db, now).await.unwrap(), 2);
}
