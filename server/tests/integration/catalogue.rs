use app::db::catalogue;
use app::model::ListingKind;

use crate::on_both_databases;
use crate::support::{NewListing, TestDb, auction, reference_data, stall};

on_both_databases!(
    latest_listings_are_newest_first_and_of_one_kind,
    search_ignores_diacritics_and_case,
    search_treats_wildcards_literally,
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

async fn search_ignores_diacritics_and_case(t: TestDb) {
    let db = &t.db;
    reference_data(db).await;
    NewListing::offer("may-keo", "Máy kéo Kubota 50 mã lực")
        .insert(db)
        .await;
    NewListing::offer("thuy-san", "Máy sục khí thủy sản")
        .insert(db)
        .await;
    NewListing::offer("dien", "Hệ thống điện mặt trời áp mái")
        .insert(db)
        .await;
    NewListing {
        status: "pending",
        ..NewListing::offer("hidden", "Máy kéo chưa duyệt")
    }
    .insert(db)
    .await;

    let search = |q: &str| {
        let words: Vec<String> = app::domain::fold_search_text(q)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        async move {
            catalogue::search_listings(db, &words, 10)
                .await
                .unwrap()
                .into_iter()
                .map(|l| l.slug)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(search("may keo").await, ["may-keo"]);
    assert_eq!(search("MÁY KÉO").await, ["may-keo"]);
    assert_eq!(search("thuy san").await, ["thuy-san"]);
    assert_eq!(search("dien mat troi").await, ["dien"]);
    assert!(search("xe tải").await.is_empty());
    assert!(search("").await.is_empty());
}

async fn search_treats_wildcards_literally(t: TestDb) {
    let db = &t.db;
    reference_data(db).await;
    NewListing::offer("a", "Máy kéo").insert(db).await;
    for query in ["%", "_", "m%o", "%%%"] {
        let words = vec![query.to_owned()];
        assert!(
            catalogue::search_listings(db, &words, 10)
                .await
                .unwrap()
                .is_empty(),
            "{query:?} matched"
        );
    }
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
