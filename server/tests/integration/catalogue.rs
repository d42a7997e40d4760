use app::db::{catalogue, search};
use app::domain::StallQuery;
use app::model::ListingKind;

use crate::on_both_databases;
use crate::support::{NewListing, TestDb, auction, reference_data, stall};

on_both_databases!(
    the_stall_directory_finds_by_words_without_diacritics_and_narrows_by_choice,
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
}

/// Sets a stall's kind, sector, province and description as the directory tests need them.
async fn profile(db: &app::db::Db, id: i64, kind: &str, sector: &str, province: &str, text: &str) {
    sqlx::query(
        "UPDATE stalls SET org_kind = $1, sector_code = $2, province_code = $3, description = $4
         WHERE id = $5",
    )
    .bind(kind)
    .bind(sector)
    .bind(province)
    .bind(text)
    .bind(id)
    .execute(db)
    .await
    .unwrap();
}

async fn find(db: &app::db::Db, query: StallQuery) -> (Vec<String>, i64) {
    let (stalls, total) = search::find_stalls(db, &query.check(), 24, 0)
        .await
        .unwrap();
    (stalls.into_iter().map(|s| s.slug).collect(), total)
}

async fn the_stall_directory_finds_by_words_without_diacritics_and_narrows_by_choice(t: TestDb) {
    let db = &t.db;
    reference_data(db).await;
    let taydo = stall(db, "tay-do", "Công ty TNHH Cơ khí Tây Đô", "approved").await;
    let htx = stall(db, "htx-lua", "Hợp tác xã Lúa gạo Phong Điền", "approved").await;
    let vien = stall(
        db,
        "vien-lua",
        "Viện Lúa Đồng bằng sông Cửu Long",
        "approved",
    )
    .await;
    let pending = stall(db, "cho-duyet", "Cơ khí Chờ Duyệt", "pending").await;
    profile(
        db,
        taydo,
        "company",
        "co-khi",
        "can-tho",
        "Chế tạo máy sấy lúa",
    )
    .await;
    profile(
        db,
        htx,
        "cooperative",
        "nong-nghiep",
        "can-tho",
        "Lúa giống đạt VietGAP",
    )
    .await;
    profile(
        db,
        vien,
        "institute",
        "nong-nghiep",
        "an-giang",
        "Nghiên cứu giống lúa",
    )
    .await;
    profile(db, pending, "company", "co-khi", "can-tho", "Chưa duyệt").await;
    NewListing {
        stall_id: Some(vien),
        ..NewListing::offer("giong-lua", "Giống lúa OM18")
    }
    .insert(db)
    .await;
    assert_eq!(search::index_missing_stalls(db).await.unwrap(), 4);
    assert_eq!(
        search::index_missing_stalls(db).await.unwrap(),
        0,
        "indexed once"
    );
    let q = |q: &str| StallQuery {
        q: q.into(),
        ..StallQuery::default()
    };

    // Without diacritics, any case; the pending stall is never listed.
    assert_eq!(
        find(db, q("co khi TAY DO")).await,
        (vec!["tay-do".into()], 1)
    );
    assert_eq!(find(db, q("cơ khí")).await.0, ["tay-do"]);
    // Names holding the word first, then by offers; the description counts too.
    assert_eq!(
        find(db, q("lua")).await.0,
        ["vien-lua", "htx-lua", "tay-do"]
    );
    assert_eq!(find(db, q("vietgap")).await.0, ["htx-lua"]);
    // A word is matched from its start: "giong" finds "giống", "iong" finds nothing.
    assert_eq!(find(db, q("gion")).await.0, ["vien-lua", "htx-lua"]);
    assert_eq!(find(db, q("iong")).await, (vec![], 0));
    // Every word must match.
    assert_eq!(find(db, q("lua phong dien")).await.0, ["htx-lua"]);

    let narrowed = StallQuery {
        sector: "nong-nghiep".into(),
        province: "an-giang".into(),
        ..StallQuery::default()
    };
    assert_eq!(find(db, narrowed).await.0, ["vien-lua"]);
    let kind = StallQuery {
        org_kind: "cooperative".into(),
        ..StallQuery::default()
    };
    assert_eq!(find(db, kind).await.0, ["htx-lua"]);
    // An edited URL's unknown choice is dropped, not an error.
    let unknown = StallQuery {
        org_kind: "bank".into(),
        ..StallQuery::default()
    };
    assert_eq!(find(db, unknown).await.1, 3);
    let by_name = StallQuery {
        sort: "name".into(),
        ..StallQuery::default()
    };
    assert_eq!(
        find(db, by_name).await.0,
        ["tay-do", "htx-lua", "vien-lua"],
        "Công < Hợp < Viện, diacritics aside"
    );
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
