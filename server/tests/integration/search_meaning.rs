//! Search that finds what people mean: copies folded, words left out when no listing holds them
//! all, a typo forgiven, synonyms moderators keep, a way on when nothing is found, mixed kinds,
//! and cards that say who buys and for how much.

use app::db::search::{self, Found};
use app::domain::BrowseQuery;
use axum::Router;
use axum::http::StatusCode;

use crate::on_both_databases;
use crate::support::{
    NewListing, TestDb, error_pairs, form_value, get_with, member, post_form, reference_data,
    stall, test_router,
};

on_both_databases!(
    copies_of_one_poster_fold_into_one_result,
    no_listing_with_every_word_shows_those_with_most,
    one_typo_is_forgiven_in_long_words,
    synonyms_widen_a_search_and_moderators_keep_them,
    a_search_that_finds_nothing_offers_a_way_on,
    neither_kind_floods_a_mixed_page,
    request_cards_name_the_buyer_and_the_budget,
    rare_words_in_titles_and_pictures_rank_first,
);

fn app(t: &TestDb) -> Router {
    test_router(t, &std::env::temp_dir())
}

/// The first page of a search for `q` (any kind), read from the database.
async fn find(t: &TestDb, q: &str) -> Found {
    let (filter, _) = BrowseQuery {
        q: q.to_owned(),
        ..BrowseQuery::default()
    }
    .check();
    search::find(&t.db, &filter, 24, 0).await.unwrap()
}

fn slugs(found: &Found) -> Vec<&str> {
    found.cards.iter().map(|c| c.slug.as_str()).collect()
}

async fn copies_of_one_poster_fold_into_one_result(t: TestDb) {
    reference_data(&t.db).await;
    // Four copies by one independent buyer, and the same title from a stall: the stall's is
    // another poster's, so it stays a result of its own.
    for n in 1..=4 {
        NewListing {
            kind: "request",
            created_at: n,
            ..NewListing::offer(
                ["robot-1", "robot-2", "robot-3", "robot-4"][n as usize - 1],
                "Cần mua robot hàn tự động 6 trục",
            )
        }
        .insert(&t.db)
        .await;
    }
    let s = stall(&t.db, "co-khi", "Cơ khí Tây Đô", "approved").await;
    NewListing {
        kind: "request",
        stall_id: Some(s),
        ..NewListing::offer("robot-stall", "Cần mua robot hàn tự động 6 trục")
    }
    .insert(&t.db)
    .await;
    NewListing::offer("robot-other", "Robot gắp sản phẩm")
        .insert(&t.db)
        .await;
    let found = find(&t, "robot").await;
    assert_eq!(found.cards.len(), 3, "{:?}", slugs(&found));
    let folded = found
        .cards
        .iter()
        .find(|c| c.slug.starts_with("robot-") && c.seller_name.is_some() && c.kind == "request")
        .expect("the independent buyer's request");
    assert_eq!(
        folded.slug, "robot-4",
        "the newest copy stands for the rest"
    );
    let mut copies: Vec<&str> = folded.similar.iter().map(|s| s.slug.as_str()).collect();
    copies.sort();
    assert_eq!(copies, ["robot-1", "robot-2", "robot-3"]);
    assert!(slugs(&found).contains(&"robot-stall"));
    assert_eq!(found.total, 6, "the count is of every match");

    // The page says so, with the copies one click away.
    let page = get_with(&app(&t), "/search?q=robot", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("+3 tin tương tự"), "{}", page.body);
    assert!(page.body.contains("/listings/robot-1"));
}

async fn no_listing_with_every_word_shows_those_with_most(t: TestDb) {
    reference_data(&t.db).await;
    NewListing::offer("may-say", "Máy sấy lúa tầng sôi")
        .insert(&t.db)
        .await;
    NewListing::offer("may-keo", "Máy kéo đa năng")
        .insert(&t.db)
        .await;
    NewListing::offer("may-xay", "Máy xay xát gạo")
        .insert(&t.db)
        .await;
    // A word no listing holds goes first.
    let found = find(&t, "máy sấy lúa Kubota").await;
    assert_eq!(slugs(&found), ["may-say"]);
    assert_eq!(found.notes.left_out, ["kubota"]);
    // Known words that no listing holds together: the one whose leaving keeps most of the
    // rest goes ("máy kéo sấy": "Máy sấy…" and "Máy kéo…" hold two words each; the common "máy"
    // stays, the later of the rarer two goes).
    let found = find(&t, "máy kéo sấy").await;
    assert_eq!(found.notes.left_out, ["say"]);
    assert_eq!(slugs(&found), ["may-keo"]);
    // Every word found together: nothing is left out.
    assert!(find(&t, "máy sấy").await.notes.left_out.is_empty());

    let page = get_with(
        &app(&t),
        &format!("/search?q={}", form_value("máy sấy lúa Kubota")),
        None,
    )
    .await;
    assert!(
        page.body.contains("data-testid=\"search-left-out\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("«Kubota»"), "named as typed");
}

async fn one_typo_is_forgiven_in_long_words(t: TestDb) {
    reference_data(&t.db).await;
    NewListing::offer("robot", "Robot hàn tự động")
        .insert(&t.db)
        .await;
    NewListing::offer("thuc-an", "Thức ăn nuôi tôm thẻ")
        .insert(&t.db)
        .await;
    NewListing::offer("bon", "Bồn chứa nước inox")
        .insert(&t.db)
        .await;
    let found = find(&t, "robt").await;
    assert_eq!(slugs(&found), ["robot"]);
    assert_eq!(
        found.notes.corrections,
        [("robt".to_owned(), "robot".to_owned())]
    );
    assert_eq!(slugs(&find(&t, "nuoii tom").await), ["thuc-an"]);
    // Short words are exact: "bom" is not "bon".
    assert!(find(&t, "bom").await.cards.is_empty());
    // A word found as typed is not corrected.
    assert!(find(&t, "robot").await.notes.corrections.is_empty());

    let page = get_with(&app(&t), "/search?q=robt", None).await;
    assert!(page.body.contains("data-testid=\"search-corrected\""));
    assert!(
        page.body.contains("<mark>Robot</mark>"),
        "the word read is marked"
    );
}

async fn synonyms_widen_a_search_and_moderators_keep_them(t: TestDb) {
    reference_data(&t.db).await;
    NewListing::offer("flycam", "Flycam phun thuốc 30 lít")
        .insert(&t.db)
        .await;
    NewListing::offer("may-bay", "Máy bay không người lái phun thuốc DJI")
        .insert(&t.db)
        .await;
    NewListing::offer("bom", "Máy bơm nước ly tâm 3 HP")
        .insert(&t.db)
        .await;
    // The sets that come with the exchange.
    let mut drones = slugs(&find(&t, "drone").await)
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    drones.sort();
    assert_eq!(drones, ["flycam", "may-bay"]);
    let found = find(&t, "máy bay không người lái").await;
    assert!(slugs(&found).contains(&"flycam"));
    assert_eq!(found.cards[0].slug, "may-bay", "the words as typed first");
    assert!(found.notes.widened.contains(&"flycam".to_owned()));
    assert_eq!(slugs(&find(&t, "bơm").await), ["bom"]);

    // A moderator adds a folk name; searches use it at once. Members may not.
    let app = app(&t);
    assert!(find(&t, "ghe bom").await.notes.left_out.len() == 1);
    let (_, member_cookie) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let form = format!("id=0&phrases={}", form_value("máy bơm = ghe bơm"));
    let refused = post_form(
        &app,
        "/api/save_synonyms",
        &form,
        Some(&member_cookie),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let (_, cookie) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let one = format!("id=0&phrases={}", form_value("chỉ một cụm"));
    let reply = post_form(&app, "/api/save_synonyms", &one, Some(&cookie), false).await;
    assert_eq!(
        error_pairs(&reply),
        [("phrases".to_owned(), "synonyms_too_few".to_owned())]
    );
    let reply = post_form(&app, "/api/save_synonyms", &form, Some(&cookie), true).await;
    assert!(reply.status.is_redirection(), "{}", reply.body);
    let found = find(&t, "ghe bơm").await;
    assert_eq!(slugs(&found), ["bom"]);
    assert!(found.notes.left_out.is_empty());
    let page = get_with(&app, "/moderation/synonyms", Some(&cookie)).await;
    assert!(page.body.contains("máy bơm = ghe bơm"));
    // Deleting it takes it back out of searches.
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM search_synonyms WHERE phrases = 'máy bơm = ghe bơm'")
            .fetch_one(&t.db)
            .await
            .unwrap();
    let reply = post_form(
        &app,
        "/api/delete_synonyms",
        &format!("id={id}"),
        Some(&cookie),
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    assert_eq!(find(&t, "ghe bơm").await.notes.left_out.len(), 1);
}

async fn a_search_that_finds_nothing_offers_a_way_on(t: TestDb) {
    reference_data(&t.db).await;
    NewListing::offer("tom", "Máy cho tôm ăn tự động")
        .insert(&t.db)
        .await;
    let page = get_with(&app(&t), "/search?q=tomm+xyzzy", None).await;
    assert_eq!(page.status, StatusCode::OK);
    // "tomm" is one letter from "tom" (too short to forgive): offered as a close spelling.
    assert!(
        page.body.contains("data-testid=\"nothing-found\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("href=\"/search?q=tom\""),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("/account/listings/new?kind=request&amp;title=tomm%20xyzzy"),
        "post a request with the words filled in: {}",
        page.body
    );
    assert!(page.body.contains("/search?sector="), "related sectors");
    // The form for a new listing starts from them.
    let app = app(&t);
    let (_, cookie) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let form = get_with(
        &app,
        "/account/listings/new?kind=request&title=tomm%20xyzzy",
        Some(&cookie),
    )
    .await;
    assert!(form.body.contains("value=\"tomm xyzzy\""), "{}", form.body);
}

async fn neither_kind_floods_a_mixed_page(t: TestDb) {
    reference_data(&t.db).await;
    // The request is the oldest: by score alone it would come last.
    NewListing {
        kind: "request",
        created_at: 1,
        ..NewListing::offer("can-pin", "Cần mua pin mặt trời cũ")
    }
    .insert(&t.db)
    .await;
    let offers = [
        "pin-1", "pin-2", "pin-3", "pin-4", "pin-5", "pin-6", "pin-7",
    ];
    for (n, slug) in offers.iter().enumerate() {
        NewListing {
            created_at: 100 + n as i64,
            ..NewListing::offer(slug, &format!("Tấm pin mặt trời loại {n}"))
        }
        .insert(&t.db)
        .await;
    }
    let found = find(&t, "pin mặt trời").await;
    assert_eq!(
        slugs(&found)[..5],
        ["pin-7", "pin-6", "pin-5", "can-pin", "pin-4"],
        "no more than three of a kind in a row while the other has some"
    );
    // Each card says which kind it is.
    let page = get_with(&app(&t), "/search?q=pin", None).await;
    assert!(page.body.contains("tag-kind tag-request"));
    assert!(page.body.contains("tag-kind tag-offer"));
}

async fn request_cards_name_the_buyer_and_the_budget(t: TestDb) {
    reference_data(&t.db).await;
    let id = NewListing {
        kind: "request",
        price_vnd: None,
        ..NewListing::offer("can-say", "Cần mua máy sấy lúa")
    }
    .insert(&t.db)
    .await;
    sqlx::query(
        "UPDATE listings SET budget_min_vnd = 200000000, budget_max_vnd = 300000000 WHERE id = $1",
    )
    .bind(id)
    .execute(&t.db)
    .await
    .unwrap();
    let page = get_with(&app(&t), "/requests", None).await;
    assert!(page.body.contains("Bên mua"), "{}", page.body);
    assert!(page.body.contains("Nguyễn Văn An"), "the buyer is named");
    assert!(page.body.contains("Ngân sách dự kiến"));
    assert!(
        page.body.contains("200.000.000 ₫ – 300.000.000 ₫"),
        "{}",
        page.body
    );
}

async fn rare_words_in_titles_and_pictures_rank_first(t: TestDb) {
    reference_data(&t.db).await;
    // "máy" is in every title; "bơm" in few: a title holding "bơm" ranks above the ones that
    // hold it only in their descriptions, and among equals the one with pictures first.
    for n in 0..6 {
        NewListing::offer(
            ["m0", "m1", "m2", "m3", "m4", "m5"][n],
            &format!("Máy cơ khí số {n}"),
        )
        .insert(&t.db)
        .await;
    }
    NewListing {
        description: "Kèm máy bơm.",
        created_at: 50,
        ..NewListing::offer("body", "Máy nén khí")
    }
    .insert(&t.db)
    .await;
    let plain = NewListing {
        created_at: 10,
        ..NewListing::offer("plain", "Máy bơm chìm")
    }
    .insert(&t.db)
    .await;
    let pictured = NewListing {
        created_at: 5,
        ..NewListing::offer("pictured", "Máy bơm trục ngang")
    }
    .insert(&t.db)
    .await;
    sqlx::query("UPDATE listings SET image_count = 1 WHERE id = $1")
        .bind(pictured)
        .execute(&t.db)
        .await
        .unwrap();
    let found = find(&t, "may bom").await;
    assert_eq!(&slugs(&found)[..3], ["pictured", "plain", "body"]);
    let _ = plain;
}
