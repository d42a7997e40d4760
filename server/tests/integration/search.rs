//! Full-text search with filters and sorting: the same answers on SQLite (FTS5) and PostgreSQL
//! (tsvector), whatever accents and case the query is typed with.

use app::db::search;
use app::domain::BrowseQuery;
use axum::http::StatusCode;

use app::server_context::SearchCache;

use crate::on_both_databases;
use crate::support::{NewListing, TestDb, get_with, reference_data, stall, test_router};

on_both_databases!(
    words_are_found_without_diacritics_or_case,
    accents_typed_as_marks_and_small_digits_fold_like_the_rest,
    title_matches_rank_above_body_matches,
    best_match_ranks_by_where_and_how_the_words_occur,
    filters_and_sorting_narrow_and_order_the_results,
    query_syntax_in_the_words_is_just_text,
    suggestions_complete_the_last_word,
    listings_stored_before_search_are_indexed_once,
    the_browse_function_reports_bad_filters_and_still_answers,
    a_stall_page_narrows_its_own_offers,
    remembered_searches_follow_every_change_to_the_catalogue,
    remembered_rankings_serve_their_pages_and_deeper_pages_are_read_afresh,
    counts_add_matches_in_titles_and_elsewhere_up_to_the_cap,
    counts_past_the_cap_follow_changes_to_titles,
    the_index_follows_publication_and_changed_words,
    filters_follow_changes_to_a_published_listing,
    a_stall_whose_status_changes_logs_its_listings_for_the_index,
    an_index_older_than_the_change_log_reads_the_catalogue_again,
);

/// The slugs a search finds, read from the database and — the same, or the test fails —
/// through a cache, both when it is computed and when it is remembered, and with the cache off.
async fn slugs(t: &TestDb, query: BrowseQuery) -> Vec<String> {
    let (filter, _) = query.check();
    let (cards, total) = search::browse(&t.db, &filter, 50, 0).await.unwrap();
    assert_eq!(
        total as usize,
        cards.len(),
        "the count agrees with the page"
    );
    let found: Vec<String> = cards.into_iter().map(|c| c.slug).collect();
    let (cache, off) = (SearchCache::new(8), SearchCache::new(0));
    for (round, cache) in [
        ("computed", &cache),
        ("remembered", &cache),
        ("cache off", &off),
    ] {
        let (cards, cached_total) =
            search::browse_cached(&t.db, cache, &filter, 50, 0, search::ADMIT_ALL)
                .await
                .unwrap();
        let cached: Vec<String> = cards.into_iter().map(|c| c.slug).collect();
        assert_eq!(
            (&cached, cached_total),
            (&found, total),
            "{round} for {filter:?}"
        );
    }
    found
}

/// The slugs `cache` answers for `q` on the first page of `per_page`, and the count.
async fn cached(
    t: &TestDb,
    cache: &SearchCache,
    query: BrowseQuery,
    per_page: i64,
    offset: i64,
) -> (Vec<String>, i64) {
    let (filter, _) = query.check();
    let (cards, total) =
        search::browse_cached(&t.db, cache, &filter, per_page, offset, search::ADMIT_ALL)
            .await
            .unwrap();
    (cards.into_iter().map(|c| c.slug).collect(), total)
}

fn words(q: &str) -> BrowseQuery {
    BrowseQuery {
        q: q.to_owned(),
        ..BrowseQuery::default()
    }
}

async fn catalogue(t: &TestDb) {
    reference_data(&t.db).await;
    for (slug, title, price, created_at) in [
        ("may-keo", "Máy kéo Kubota 50 mã lực", Some(450_000_000), 1),
        ("thuy-san", "Máy sục khí nuôi thủy sản", Some(12_000_000), 2),
        ("dien", "Hệ thống điện mặt trời áp mái 10 kWp", None, 3),
        ("may-say", "Máy sấy lúa 10 tấn/mẻ", Some(150_000_000), 4),
    ] {
        NewListing {
            price_vnd: price,
            created_at,
            ..NewListing::offer(slug, title)
        }
        .insert(&t.db)
        .await;
    }
    NewListing {
        status: "pending",
        ..NewListing::offer("an", "Máy kéo chưa duyệt")
    }
    .insert(&t.db)
    .await;
}

async fn words_are_found_without_diacritics_or_case(t: TestDb) {
    catalogue(&t).await;
    assert_eq!(slugs(&t, words("may keo")).await, ["may-keo"]);
    assert_eq!(slugs(&t, words("MÁY KÉO")).await, ["may-keo"]);
    assert_eq!(slugs(&t, words("thuy san")).await, ["thuy-san"]);
    assert_eq!(slugs(&t, words("dien mat troi")).await, ["dien"]);
    assert_eq!(slugs(&t, words("Điện")).await, ["dien"], "đ folds to d");
    assert!(slugs(&t, words("xe tải")).await.is_empty());
    let mut all_machines = slugs(&t, words("may")).await;
    all_machines.sort();
    assert_eq!(
        all_machines,
        ["may-keo", "may-say", "thuy-san"],
        "the pending one is not found"
    );
}

/// Accents typed as combining marks after their letters ("a" + U+0301 for "á") and superscript
/// digits ("m³") fold like precomposed letters and plain digits, in listings and in queries; and
/// migration 28 marks listings folded the old way for the start-up pass to fold again.
async fn accents_typed_as_marks_and_small_digits_fold_like_the_rest(t: TestDb) {
    reference_data(&t.db).await;
    NewListing::offer("nfd", "Ma\u{301}y ke\u{301}o Kubota")
        .insert(&t.db)
        .await;
    NewListing::offer("kho", "Kho lạnh 500 m³ cho thủy sản")
        .insert(&t.db)
        .await;
    NewListing::offer("khac", "Kho lạnh 500 tấn")
        .insert(&t.db)
        .await;
    for q in ["may keo", "Máy kéo", "Ma\u{301}y KE\u{301}O"] {
        assert_eq!(slugs(&t, words(q)).await, ["nfd"], "{q:?}");
    }
    for q in ["m3", "m³", "500 m3", "kho lanh 500 m³"] {
        assert_eq!(slugs(&t, words(q)).await, ["kho"], "{q:?}");
    }
    // As stored before: the mark ended a word, the superscript stayed.
    sqlx::query("UPDATE listings SET fold_title = 'ma y ke o kubota' WHERE slug = 'nfd'")
        .execute(&t.db)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE listings SET fold_title = 'kho lanh 500 m³ cho thuy san' WHERE slug = 'kho'",
    )
    .execute(&t.db)
    .await
    .unwrap();
    assert!(slugs(&t, words("may keo")).await.is_empty());
    assert!(slugs(&t, words("m3")).await.is_empty());
    let migration = match t.engine {
        crate::support::Engine::Sqlite => include_str!(
            "../../../migrations/sqlite/20261203000028_refold_marks_and_small_digits.sql"
        ),
        crate::support::Engine::Postgres => include_str!(
            "../../../migrations/postgres/20261203000028_refold_marks_and_small_digits.sql"
        ),
    };
    sqlx::raw_sql(migration).execute(&t.db).await.unwrap();
    assert_eq!(
        search::index_missing(&t.db).await.unwrap(),
        2,
        "only the two listings with such characters"
    );
    assert_eq!(slugs(&t, words("may keo")).await, ["nfd"]);
    assert_eq!(slugs(&t, words("m3")).await, ["kho"]);
}

async fn title_matches_rank_above_body_matches(t: TestDb) {
    reference_data(&t.db).await;
    NewListing {
        description: "Dùng cho máy bơm nước.",
        created_at: 2,
        ..NewListing::offer("body", "Động cơ điện 3 pha")
    }
    .insert(&t.db)
    .await;
    NewListing {
        created_at: 1,
        ..NewListing::offer("title", "Máy bơm nước ly tâm")
    }
    .insert(&t.db)
    .await;
    assert_eq!(slugs(&t, words("may bom")).await, ["title", "body"]);
}

async fn best_match_ranks_by_where_and_how_the_words_occur(t: TestDb) {
    reference_data(&t.db).await;
    // Inserted oldest first: ids grow with time, as they do on the site.
    for (slug, title, description) in [
        (
            "anywhere-old",
            "Động cơ điện",
            "Lắp được cho bơm và máy phát.",
        ),
        ("phrase-body", "Phụ tùng", "Dùng cho máy bơm nước."),
        ("title-apart-old", "Máy nén khí và bơm dầu", ""),
        ("title-phrase-old", "Máy bơm nước ly tâm", ""),
        ("title-phrase-new", "Bán máy bơm chìm", ""),
        ("title-apart-new", "Bơm tay cho máy cày", ""),
        ("anywhere-new", "Ống nước", "Nối máy với bơm."),
        ("ends-with-may", "Phụ kiện máy", ""),
    ] {
        NewListing {
            description,
            ..NewListing::offer(slug, title)
        }
        .insert(&t.db)
        .await;
    }
    NewListing {
        status: "pending",
        ..NewListing::offer("pending", "Máy bơm chưa duyệt")
    }
    .insert(&t.db)
    .await;
    assert_eq!(
        slugs(&t, words("máy bơm")).await,
        [
            "title-phrase-old",
            "title-phrase-new",
            "title-apart-new",
            "title-apart-old",
            "phrase-body",
            "anywhere-new",
            "anywhere-old",
        ],
        "the words as typed in the title (the earlier the better), all in the title, as typed \
         elsewhere, anywhere"
    );
    assert_eq!(
        slugs(&t, words("bom")).await,
        [
            "title-apart-new",
            "title-phrase-old",
            "title-phrase-new",
            "title-apart-old",
            "anywhere-new",
            "phrase-body",
            "anywhere-old",
        ],
        "one word: in the title (the earlier the better), then anywhere; newest first"
    );
    // Every listing's summary is "Tóm tắt": a title ending in "máy" is followed by "tóm" in the
    // index, yet a phrase does not run from the title into the rest on either engine.
    assert_eq!(
        slugs(&t, words("may tom")).await,
        [
            "title-phrase-old",
            "title-apart-old",
            "title-phrase-new",
            "ends-with-may",
            "title-apart-new",
            "anywhere-new",
            "phrase-body",
            "anywhere-old",
        ]
    );
    // Deeper pages of the same ranking read afresh agree with the first.
    let (filter, _) = words("may bom").check();
    let (second, total) = search::browse(&t.db, &filter, 3, 3).await.unwrap();
    let second: Vec<String> = second.into_iter().map(|c| c.slug).collect();
    assert_eq!(
        (second, total),
        (
            vec![
                "title-apart-old".to_owned(),
                "phrase-body".to_owned(),
                "anywhere-new".to_owned()
            ],
            7
        )
    );
}

async fn filters_and_sorting_narrow_and_order_the_results(t: TestDb) {
    catalogue(&t).await;
    let s = stall(&t.db, "co-khi", "Cơ khí Tây Đô", "approved").await;
    NewListing {
        stall_id: Some(s),
        price_vnd: Some(90_000_000),
        created_at: 5,
        ..NewListing::offer("stall-may", "Máy cày tay")
    }
    .insert(&t.db)
    .await;
    NewListing {
        kind: "request",
        created_at: 6,
        ..NewListing::offer("can-mua", "Cần mua máy gặt")
    }
    .insert(&t.db)
    .await;

    let q = |f: fn(&mut BrowseQuery)| {
        let mut query = BrowseQuery::default();
        f(&mut query);
        query
    };
    assert_eq!(
        slugs(&t, q(|q| q.kind = "offer".into())).await,
        ["stall-may", "may-say", "dien", "thuy-san", "may-keo"],
        "newest first"
    );
    assert_eq!(
        slugs(&t, q(|q| q.kind = "request".into())).await,
        ["can-mua"]
    );
    assert_eq!(
        slugs(
            &t,
            q(|q| {
                q.kind = "offer".into();
                q.sort = "price_asc".into();
            })
        )
        .await,
        ["thuy-san", "stall-may", "may-say", "may-keo", "dien"],
        "cheapest first, negotiable last"
    );
    assert_eq!(
        slugs(
            &t,
            q(|q| {
                q.kind = "offer".into();
                q.sort = "price_desc".into();
            })
        )
        .await,
        ["may-keo", "may-say", "stall-may", "thuy-san", "dien"]
    );
    assert_eq!(
        slugs(
            &t,
            q(|q| {
                q.price_min = "50.000.000".into();
                q.price_max = "200 000 000".into();
            })
        )
        .await,
        ["stall-may", "may-say"]
    );
    assert_eq!(
        slugs(&t, q(|q| q.seller = "stall".into())).await,
        ["stall-may"]
    );
    assert_eq!(
        slugs(
            &t,
            q(|q| {
                q.q = "may".into();
                q.seller = "independent".into();
                q.sort = "newest".into();
            })
        )
        .await,
        ["can-mua", "may-say", "thuy-san", "may-keo"]
    );
    assert!(
        slugs(&t, q(|q| q.trl_min = "5".into())).await.is_empty(),
        "none has a TRL"
    );
    assert!(
        slugs(&t, q(|q| q.province = "ca-mau".into()))
            .await
            .is_empty()
    );
    assert_eq!(slugs(&t, q(|q| q.sector = "co-khi".into())).await.len(), 6);
}

async fn query_syntax_in_the_words_is_just_text(t: TestDb) {
    catalogue(&t).await;
    // Quotes, operators and wildcards are not words: they neither fail nor widen the search.
    for query in [
        "may*",
        "may & !",
        "\"may\"",
        "may%",
        "may_",
        "(may)",
        "may:*",
        "may\"",
        "NEAR(may)",
    ] {
        let mut found = slugs(&t, words(query)).await;
        found.sort();
        // "NEAR" is a word no listing holds: left out, as any such word is.
        assert_eq!(found, ["may-keo", "may-say", "thuy-san"], "{query:?}");
    }
    // Operator names are plain words: "or" is left out like any word no listing holds.
    assert_eq!(slugs(&t, words("may OR keo")).await, ["may-keo"]);
    assert!(
        slugs(&t, words("'; DROP TABLE listings; --"))
            .await
            .is_empty()
    );
    assert_eq!(
        slugs(&t, words("may keo")).await,
        ["may-keo"],
        "the table is still there"
    );
    assert_eq!(
        slugs(&t, words("\"*%_")).await.len(),
        4,
        "no words: every listing"
    );
}

async fn suggestions_complete_the_last_word(t: TestDb) {
    catalogue(&t).await;
    let suggest = |q: &str| {
        let terms = app::domain::search_words(q);
        let db = t.db.clone();
        async move {
            let found = search::suggest(&db, &terms, 8).await.unwrap();
            let cache = SearchCache::new(4);
            for _ in 0..2 {
                let cached = search::suggest_cached(&db, &cache, &terms, 8, search::ADMIT_ALL)
                    .await
                    .unwrap();
                assert_eq!(cached, found);
            }
            found
        }
    };
    assert_eq!(suggest("may ke").await, ["Máy kéo Kubota 50 mã lực"]);
    assert_eq!(suggest("thuy s").await, ["Máy sục khí nuôi thủy sản"]);
    assert!(suggest("khong co").await.is_empty());
}

async fn listings_stored_before_search_are_indexed_once(t: TestDb) {
    reference_data(&t.db).await;
    sqlx::query(
        "INSERT INTO listings (slug, kind, listing_type, seller_name, title, summary, sector_code,
                               province_code, search_text, status, created_at)
         VALUES ('cu', 'offer', 'equipment', 'An', 'Máy xay xát gạo', 'Tóm tắt', 'co-khi', 'can-tho', '', 'published', 1)",
    )
    .execute(&t.db)
    .await
    .unwrap();
    assert!(
        slugs(&t, words("xay xat")).await.is_empty(),
        "not indexed yet"
    );
    assert_eq!(search::index_missing(&t.db).await.unwrap(), 1);
    assert_eq!(search::index_missing(&t.db).await.unwrap(), 0);
    assert_eq!(slugs(&t, words("xay xat")).await, ["cu"]);
    // Editing the folded columns re-indexes the row.
    sqlx::query("UPDATE listings SET fold_title = 'may bom' WHERE slug = 'cu'")
        .execute(&t.db)
        .await
        .unwrap();
    assert!(slugs(&t, words("xay xat")).await.is_empty());
    assert_eq!(slugs(&t, words("may bom")).await, ["cu"]);
}

async fn the_browse_function_reports_bad_filters_and_still_answers(t: TestDb) {
    catalogue(&t).await;
    let app = test_router(&t, &std::env::temp_dir());
    let reply = get_with(
        &app,
        "/api/browse_listings?query[q]=may+keo&query[kind]=&query[listing_type]=&query[sector]=&query[province]=\
         &query[price_min]=abc&query[price_max]=&query[trl_min]=&query[seller]=&query[sort]=&query[page]=1",
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["listings"]["total"], 1);
    // The words to mark: those typed and those of their synonyms ("máy cày = máy kéo").
    assert_eq!(body["terms"], serde_json::json!(["may", "keo", "cay"]));
    assert_eq!(body["sort"], "relevance");
    assert_eq!(body["errors"][0]["field"], "price_min");
    let suggestions = get_with(&app, "/api/suggest_listings?q=say+lu", None).await;
    assert_eq!(suggestions.body, r#"["Máy sấy lúa 10 tấn/mẻ"]"#);
}

async fn a_stall_page_narrows_its_own_offers(t: TestDb) {
    reference_data(&t.db).await;
    let taydo = stall(&t.db, "tay-do", "Cơ khí Tây Đô", "approved").await;
    let other = stall(&t.db, "khac", "Cơ khí Khác", "approved").await;
    for (slug, title, stall_id) in [
        ("say-lua", "Máy sấy lúa 10 tấn", taydo),
        ("gat-dap", "Máy gặt đập liên hợp", taydo),
        ("say-ca", "Máy sấy cá", other),
    ] {
        NewListing {
            stall_id: Some(stall_id),
            ..NewListing::offer(slug, title)
        }
        .insert(&t.db)
        .await;
    }
    NewListing {
        stall_id: Some(taydo),
        kind: "request",
        ..NewListing::offer("can-mua", "Cần mua máy sấy")
    }
    .insert(&t.db)
    .await;
    let app = test_router(&t, &std::env::temp_dir());
    let page = |query: &str| {
        let app = app.clone();
        let path = format!("/api/get_stall?slug=tay-do&{query}");
        async move {
            let reply = get_with(&app, &path, None).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
            let slugs: Vec<String> = body["offers"]["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["slug"].as_str().unwrap().to_owned())
                .collect();
            (slugs, body)
        }
    };
    let (all, body) = page("query[page]=1").await;
    assert_eq!(all, ["gat-dap", "say-lua"], "its own offers, newest first");
    assert_eq!(body["offer_count"], 2);
    assert_eq!(body["requests"][0]["slug"], "can-mua");

    // Words without diacritics find only this stall's offers (not the other's "sấy", not its request).
    let (found, body) = page("query[q]=SAY").await;
    assert_eq!(found, ["say-lua"]);
    assert_eq!(body["offers"]["total"], 1);
    assert_eq!(body["offer_count"], 2, "the stall's count stays whole");
    assert_eq!(body["terms"], serde_json::json!(["say"]));

    let (none, _) = page("query[listing_type]=technology").await;
    assert!(none.is_empty());
    let (none, _) = page("query[images]=1").await;
    assert!(none.is_empty(), "none of them has pictures");
    // Filters the stall page does not offer (another kind, a price) are ignored.
    let (all, _) = page("query[kind]=request&query[price_min]=abc").await;
    assert_eq!(all, ["gat-dap", "say-lua"]);
    let long = format!("query[q]={}", "a".repeat(300));
    let reply = get_with(&app, &format!("/api/get_stall?slug=tay-do&{long}"), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

async fn remembered_searches_follow_every_change_to_the_catalogue(t: TestDb) {
    catalogue(&t).await;
    let cache = SearchCache::new(16);
    let machines = |sort: &'static str| BrowseQuery {
        sort: sort.to_owned(),
        ..words("may")
    };
    let version = || search::search_version(&t.db);
    assert_eq!(cached(&t, &cache, machines("relevance"), 24, 0).await.1, 3);
    let suggestions = |q: &'static str| {
        let terms = app::domain::search_words(q);
        let (db, cache) = (t.db.clone(), &cache);
        async move {
            search::suggest_cached(&db, cache, &terms, 8, search::ADMIT_ALL)
                .await
                .unwrap()
        }
    };
    assert_eq!(suggestions("may bo").await, Vec::<String>::new());

    // Changes that cannot alter a search leave the version, and so what is remembered, alone.
    let before = version().await.unwrap();
    sqlx::query("UPDATE listings SET view_count = view_count + 5")
        .execute(&t.db)
        .await
        .unwrap();
    NewListing {
        status: "draft",
        ..NewListing::offer("nhap", "Máy bơm nháp")
    }
    .insert(&t.db)
    .await;
    assert_eq!(version().await.unwrap(), before);

    // A new published listing is found at once, by searches and suggestions remembered before.
    NewListing {
        created_at: 9,
        ..NewListing::offer("may-bom", "Máy bơm nước 2 HP")
    }
    .insert(&t.db)
    .await;
    assert!(version().await.unwrap() > before);
    let (found, total) = cached(&t, &cache, machines("newest"), 24, 0).await;
    assert_eq!((found[0].as_str(), total), ("may-bom", 4));
    assert_eq!(cached(&t, &cache, machines("relevance"), 24, 0).await.1, 4);
    assert_eq!(suggestions("may bo").await, ["Máy bơm nước 2 HP"]);

    // Approval, closing and a price change each show in the next answer.
    sqlx::query("UPDATE listings SET status = 'published' WHERE slug = 'an'")
        .execute(&t.db)
        .await
        .unwrap();
    assert_eq!(cached(&t, &cache, machines("newest"), 24, 0).await.1, 5);
    sqlx::query("UPDATE listings SET status = 'closed' WHERE slug = 'may-bom'")
        .execute(&t.db)
        .await
        .unwrap();
    let (found, total) = cached(&t, &cache, machines("newest"), 24, 0).await;
    assert_eq!(total, 4);
    assert!(!found.contains(&"may-bom".to_owned()));
    assert!(suggestions("may bo").await.is_empty());
    let cheapest = || cached(&t, &cache, machines("price_asc"), 24, 0);
    assert_eq!(cheapest().await.0[0], "an", "1,000,000 VND");
    sqlx::query("UPDATE listings SET price_vnd = 1000 WHERE slug = 'may-keo'")
        .execute(&t.db)
        .await
        .unwrap();
    assert_eq!(cheapest().await.0[0], "may-keo");

    // A card shows what the listing says now, even when its place in the ranking is remembered.
    sqlx::query("UPDATE listings SET summary = 'Tóm tắt mới' WHERE slug = 'may-keo'")
        .execute(&t.db)
        .await
        .unwrap();
    let (filter, _) = machines("price_asc").check();
    let (cards, _) = search::browse_cached(&t.db, &cache, &filter, 24, 0, search::ADMIT_ALL)
        .await
        .unwrap();
    assert_eq!(cards[0].summary, "Tóm tắt mới");

    // Deleting a published listing forgets it too.
    sqlx::query("DELETE FROM listings WHERE slug = 'may-keo'")
        .execute(&t.db)
        .await
        .unwrap();
    assert_eq!(
        cached(&t, &cache, machines("price_asc"), 24, 0).await.0[0],
        "an"
    );
}

async fn remembered_rankings_serve_their_pages_and_deeper_pages_are_read_afresh(t: TestDb) {
    reference_data(&t.db).await;
    let slugs_owned: Vec<String> = (0..1_010).map(|i| format!("bom-{i:04}")).collect();
    for (i, slug) in slugs_owned.iter().enumerate() {
        // Titles of their own: copies of one title by one poster would fold into one result.
        let title = format!("Máy bơm mẫu {i}");
        NewListing {
            created_at: i as i64,
            ..NewListing::offer(slug, &title)
        }
        .insert(&t.db)
        .await;
    }
    // Newest first, and by best match (all equally good: newest first too).
    for sort in ["newest", "relevance"] {
        let cache = SearchCache::new(4);
        let query = || BrowseQuery {
            sort: sort.to_owned(),
            ..words("bom")
        };
        // More than the cap: "more than 1,000", pages within the remembered ranks sliced from it.
        let (first, total) = cached(&t, &cache, query(), 24, 0).await;
        assert_eq!(total, 1_001, "{sort}");
        assert_eq!(first.first().map(String::as_str), Some("bom-1009"));
        let (page_two, _) = cached(&t, &cache, query(), 24, 24).await;
        assert_eq!(page_two.first().map(String::as_str), Some("bom-0985"));
        assert_eq!(cache.ranked.len(), 1);
        // The last page inside the remembered ranks and the one past them agree with the
        // database.
        let (filter, _) = query().check();
        for offset in [960, 984, 1_000, 1_008] {
            let (direct, direct_total) = search::browse(&t.db, &filter, 24, offset).await.unwrap();
            let direct: Vec<String> = direct.into_iter().map(|c| c.slug).collect();
            assert_eq!(
                cached(&t, &cache, query(), 24, offset).await,
                (direct, direct_total),
                "{sort} at offset {offset}"
            );
        }
        assert_eq!(cached(&t, &cache, query(), 24, 1_008).await.0.len(), 2);
    }
}

/// PostgreSQL counts matches in titles first and stops there past the cap; below it, the count
/// still takes in listings holding the words only in their description, on both engines.
async fn counts_add_matches_in_titles_and_elsewhere_up_to_the_cap(t: TestDb) {
    reference_data(&t.db).await;
    let offers = |range: std::ops::Range<usize>, title: &'static str, description: &'static str| {
        let db = t.db.clone();
        async move {
            for i in range {
                let slug = format!("l-{i:04}");
                // Titles of their own: copies of one title by one poster fold into one result.
                let title = format!("{title} mẫu {i}");
                NewListing {
                    created_at: i as i64,
                    description,
                    ..NewListing::offer(&slug, &title)
                }
                .insert(&db)
                .await;
            }
        }
    };
    // The page's length and the count of a search for `q` in `sort`.
    let found = |sort: &str, q: &str| {
        let (filter, _) = BrowseQuery {
            sort: sort.to_owned(),
            ..words(q)
        }
        .check();
        let db = t.db.clone();
        async move {
            let (cards, total) = search::browse(&db, &filter, 24, 0).await.unwrap();
            (cards.len(), total)
        }
    };
    let spare_pump = "Kèm theo máy bơm dự phòng.";
    offers(0..700, "Máy bơm nước", "").await;
    offers(700..900, "Máy kéo", spare_pump).await;
    for sort in ["relevance", "newest"] {
        assert_eq!(
            found(sort, "bom").await,
            (24, 900),
            "{sort}: 700 in titles and 200 elsewhere"
        );
    }
    offers(900..1_100, "Máy kéo", spare_pump).await;
    for sort in ["relevance", "newest"] {
        assert_eq!(
            found(sort, "bom").await.1,
            1_001,
            "{sort}: more than 1,000 in all"
        );
        // Narrowed to what only descriptions hold ("keo" is in none of the 700 titles).
        assert_eq!(found(sort, "keo bom").await.1, 400, "{sort}");
    }
}

/// A count of more than 1,000 titles (PostgreSQL reads it from `title_bits`, migration 29)
/// follows publication, changed titles and deletion: one title fewer and the count is exact
/// again, on both engines, for one word and for several, typed with diacritics or without.
async fn counts_past_the_cap_follow_changes_to_titles(t: TestDb) {
    reference_data(&t.db).await;
    let postgres = t.engine == crate::support::Engine::Postgres;
    if postgres {
        // Ids from 1,001: the titles span two of `title_bits`' blocks of 1,024 ids.
        sqlx::query("SELECT setval(pg_get_serial_sequence('listings', 'id'), 1000)")
            .execute(&t.db)
            .await
            .unwrap();
    }
    for i in 0..1_001 {
        let slug = format!("l-{i:04}");
        let title = format!("Máy bơm nước Hòa Phát mẫu {i}");
        NewListing {
            created_at: i,
            ..NewListing::offer(&slug, &title)
        }
        .insert(&t.db)
        .await;
    }
    let counts = || {
        let db = t.db.clone();
        async move {
            let mut counts = Vec::new();
            for q in ["bom", "may bom nuoc", "bơm NƯỚC hoa phat bom"] {
                let (filter, _) = words(q).check();
                counts.push(search::browse(&db, &filter, 24, 0).await.unwrap().1);
            }
            counts
        }
    };
    let set = |sql: &'static str| {
        let db = t.db.clone();
        async move {
            sqlx::query(sql).execute(&db).await.unwrap();
        }
    };
    assert_eq!(counts().await, [1_001; 3], "more than 1,000");
    set("UPDATE listings SET status = 'pending' WHERE slug = 'l-0000'").await;
    assert_eq!(counts().await, [1_000; 3], "one back to review");
    set("UPDATE listings SET fold_title = 'may keo hoa phat' WHERE slug = 'l-0001'").await;
    assert_eq!(counts().await, [999; 3], "one title without the words");
    set("UPDATE listings SET fold_title = 'may bom nuoc hoa phat' WHERE slug = 'l-0001'").await;
    set("UPDATE listings SET status = 'published' WHERE slug = 'l-0000'").await;
    assert_eq!(counts().await, [1_001; 3], "both back");
    set("DELETE FROM listings WHERE slug = 'l-0002'").await;
    assert_eq!(counts().await, [1_000; 3], "one deleted");
    if postgres {
        // The first block's 22 titles (ids 1,001 to 1,023, less the one deleted) all leave.
        set("UPDATE listings SET status = 'pending' WHERE id < 1024").await;
        assert_eq!(counts().await, [978; 3], "a block emptied");
        // Every word of every published title, and nothing else.
        let (terms, words): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM title_terms),
                    (SELECT COUNT(*) FROM listing_titles, unnest(vector))",
        )
        .fetch_one(&t.db)
        .await
        .unwrap();
        assert_eq!(terms, words);
        // The bitmaps of `title_bits` (migration 29) are those of `title_terms`, and only those:
        // a block whose titles all left has no row.
        let differing: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (
                 SELECT word, id >> 10 AS block,
                        bit_or(set_bit(B'0'::BIT(1024), (id & 1023)::INT, 1)) AS bits
                 FROM title_terms GROUP BY word, id >> 10
             ) t FULL JOIN title_bits b USING (word, block)
             WHERE t.bits IS DISTINCT FROM b.bits",
        )
        .fetch_one(&t.db)
        .await
        .unwrap();
        assert_eq!(differing, 0, "title_bits follows title_terms");
    }
}

/// Only published listings are in the full-text index (migration 24): a listing enters it when
/// published, leaves it when it goes back to review or is deleted, and is found by its words as
/// they are now — changed while published or while out of it. Checked with and without a filter
/// (a filter reads the listings' rows, words alone only the index), by best match and by date.
async fn the_index_follows_publication_and_changed_words(t: TestDb) {
    reference_data(&t.db).await;
    NewListing::offer("other", "Máy cày cũ").insert(&t.db).await;
    NewListing {
        status: "pending",
        ..NewListing::offer("moving", "Máy cày mới")
    }
    .insert(&t.db)
    .await;
    let found = |q: &'static str| {
        let t = &t;
        async move {
            let mut answers = Vec::new();
            for sort in ["relevance", "newest"] {
                for kind in ["", "offer"] {
                    let query = BrowseQuery {
                        sort: sort.to_owned(),
                        kind: kind.to_owned(),
                        ..words(q)
                    };
                    answers.push(slugs(t, query).await);
                }
            }
            for answer in &mut answers {
                answer.sort();
            }
            assert!(answers.windows(2).all(|w| w[0] == w[1]), "{q}: {answers:?}");
            answers.swap_remove(0)
        }
    };
    let set = |sql: &'static str| {
        let db = t.db.clone();
        async move {
            sqlx::query(sql).execute(&db).await.unwrap();
        }
    };
    assert_eq!(found("may cay").await, ["other"], "pending: not found");
    set("UPDATE listings SET status = 'published' WHERE slug = 'moving'").await;
    assert_eq!(found("may cay").await, ["moving", "other"], "published");
    set("UPDATE listings SET fold_title = 'may gat moi' WHERE slug = 'moving'").await;
    assert_eq!(found("may cay").await, ["other"], "its old words are gone");
    assert_eq!(found("gat").await, ["moving"], "its new words are found");
    set("UPDATE listings SET status = 'pending' WHERE slug = 'moving'").await;
    assert!(found("gat").await.is_empty(), "back to review");
    set("UPDATE listings SET fold_title = 'may xoi moi' WHERE slug = 'moving'").await;
    assert!(found("xoi").await.is_empty(), "changed while in review");
    set("UPDATE listings SET status = 'published' WHERE slug = 'moving'").await;
    assert_eq!(found("xoi").await, ["moving"]);
    assert!(found("gat").await.is_empty());
    set("DELETE FROM listings WHERE slug = 'moving'").await;
    assert!(found("xoi moi").await.is_empty(), "deleted");
    assert_eq!(found("may").await, ["other"]);
}

/// What a filter tests follows every change to a published listing whose words stay the same
/// (PostgreSQL keeps those columns beside the words, migration 25): kind, category, sector,
/// province, price and budget, TRL, pictures and stall — by best match and by date.
async fn filters_follow_changes_to_a_published_listing(t: TestDb) {
    reference_data(&t.db).await;
    let stall_id = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    NewListing::offer("other", "Máy cày cũ").insert(&t.db).await;
    NewListing::offer("moving", "Máy cày mới")
        .insert(&t.db)
        .await;
    // Who `q=may cay` narrowed by `narrow` finds, by best match and by date (the same, or the
    // test fails).
    let found = |narrow: fn(&mut BrowseQuery)| {
        let t = &t;
        async move {
            let mut answers = Vec::new();
            for sort in ["relevance", "newest"] {
                let mut query = BrowseQuery {
                    sort: sort.to_owned(),
                    ..words("may cay")
                };
                narrow(&mut query);
                let mut answer = slugs(t, query).await;
                answer.sort();
                answers.push(answer);
            }
            assert_eq!(answers[0], answers[1]);
            answers.swap_remove(0)
        }
    };
    let set = |sql: String| {
        let db = t.db.clone();
        async move {
            sqlx::query(&sql).execute(&db).await.unwrap();
        }
    };
    let moving = |change: &str| {
        set(format!(
            "UPDATE listings SET {change} WHERE slug = 'moving'"
        ))
    };

    assert_eq!(
        found(|q| q.province = "soc-trang".into()).await,
        Vec::<String>::new()
    );
    moving("province_code = 'soc-trang'").await;
    assert_eq!(found(|q| q.province = "soc-trang".into()).await, ["moving"]);
    assert_eq!(found(|q| q.province = "can-tho".into()).await, ["other"]);

    moving("sector_code = 'thuy-san'").await;
    assert_eq!(found(|q| q.sector = "thuy-san".into()).await, ["moving"]);
    moving("listing_type = 'technology', trl = 7").await;
    assert_eq!(
        found(|q| q.listing_type = "technology".into()).await,
        ["moving"]
    );
    assert_eq!(found(|q| q.trl_min = "6".into()).await, ["moving"]);
    moving("image_count = 2").await;
    assert_eq!(found(|q| q.images = "1".into()).await, ["moving"]);

    moving("price_vnd = 90000000").await;
    assert_eq!(found(|q| q.price_min = "50000000".into()).await, ["moving"]);
    assert_eq!(found(|q| q.price_max = "50000000".into()).await, ["other"]);
    // A request is compared by its budget's upper end.
    moving("kind = 'request', price_vnd = NULL, budget_max_vnd = 20000000").await;
    assert_eq!(found(|q| q.kind = "request".into()).await, ["moving"]);
    assert_eq!(found(|q| q.price_min = "10000000".into()).await, ["moving"]);
    assert_eq!(found(|q| q.price_max = "10000000".into()).await, ["other"]);

    set(format!(
        "UPDATE listings SET stall_id = {stall_id}, seller_name = NULL WHERE slug = 'moving'"
    ))
    .await;
    assert_eq!(found(|q| q.seller = "stall".into()).await, ["moving"]);
    assert_eq!(found(|q| q.seller = "independent".into()).await, ["other"]);
    let (mut filter, _) = words("may cay").check();
    filter.stall_id = Some(stall_id);
    let (cards, total) = search::browse(&t.db, &filter, 10, 0).await.unwrap();
    let cards: Vec<String> = cards.into_iter().map(|c| c.slug).collect();
    assert_eq!(
        (cards, total),
        (vec!["moving".to_owned()], 1),
        "a stall's own page"
    );

    // Back to review and published again: still found by what it is now.
    moving("status = 'pending'").await;
    assert!(found(|q| q.seller = "stall".into()).await.is_empty());
    moving("status = 'published'").await;
    assert_eq!(found(|q| q.province = "soc-trang".into()).await, ["moving"]);
}

/// How many rows of the change log (migration 39) name listing `id`.
async fn changes_of(t: &TestDb, id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM search_changes WHERE listing_id = $1")
        .bind(id)
        .fetch_one(&t.db)
        .await
        .unwrap()
}

/// An approved stall counts in a listing's score, which each process keeps in memory: a stall's
/// status moves the search version and logs its published listings (not its others).
async fn a_stall_whose_status_changes_logs_its_listings_for_the_index(t: TestDb) {
    reference_data(&t.db).await;
    let stall_id = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    let published = NewListing {
        stall_id: Some(stall_id),
        ..NewListing::offer("may-cat-co", "Máy cắt cỏ")
    }
    .insert(&t.db)
    .await;
    let pending = NewListing {
        stall_id: Some(stall_id),
        status: "pending",
        ..NewListing::offer("may-xoi", "Máy xới đất")
    }
    .insert(&t.db)
    .await;
    let before = (
        changes_of(&t, published).await,
        changes_of(&t, pending).await,
    );
    let version = search::search_version(&t.db).await.unwrap();
    assert_eq!(slugs(&t, words("may cat co")).await, ["may-cat-co"]);
    sqlx::query("UPDATE stalls SET status = 'rejected' WHERE id = $1")
        .bind(stall_id)
        .execute(&t.db)
        .await
        .unwrap();
    assert!(search::search_version(&t.db).await.unwrap() > version);
    assert_eq!(changes_of(&t, published).await, before.0 + 1);
    assert_eq!(changes_of(&t, pending).await, before.1);
    assert_eq!(slugs(&t, words("may cat co")).await, ["may-cat-co"]);
    // The same status again changes nothing.
    let version = search::search_version(&t.db).await.unwrap();
    sqlx::query("UPDATE stalls SET status = 'rejected' WHERE id = $1")
        .bind(stall_id)
        .execute(&t.db)
        .await
        .unwrap();
    assert_eq!(search::search_version(&t.db).await.unwrap(), version);
}

/// The change log is trimmed as it grows; a process whose index is older than what the log
/// still holds reads the whole catalogue again instead of missing what the trimmed rows said.
async fn an_index_older_than_the_change_log_reads_the_catalogue_again(t: TestDb) {
    use app::db::search_index::{CHANGES_KEPT, prune_changes};

    reference_data(&t.db).await;
    let may_cay = NewListing::offer("may-cay", "Máy cày Kubota")
        .insert(&t.db)
        .await;
    assert_eq!(slugs(&t, words("kubota")).await, ["may-cay"]);
    assert_eq!(
        prune_changes(&t.db).await.unwrap(),
        0,
        "a short log is kept"
    );
    let may_keo = NewListing {
        created_at: 2,
        ..NewListing::offer("may-keo", "Máy kéo Kubota")
    }
    .insert(&t.db)
    .await;
    // As if many changes came after it: the log's rows up to here are trimmed, among them the
    // one that says "may-keo" was published.
    sqlx::query("UPDATE site_counters SET value = value + $1 WHERE name = 'search_version'")
        .bind(3 * CHANGES_KEPT)
        .execute(&t.db)
        .await
        .unwrap();
    assert!(prune_changes(&t.db).await.unwrap() >= 2);
    assert_eq!(
        changes_of(&t, may_cay).await + changes_of(&t, may_keo).await,
        0
    );
    assert_eq!(slugs(&t, words("kubota")).await, ["may-keo", "may-cay"]);
    assert_eq!(prune_changes(&t.db).await.unwrap(), 0, "trimmed once");
}
