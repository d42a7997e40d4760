//! Posting offers and requests, their review, and their life until closed or expired, through
//! the server functions; with the checks that keep members out of each other's listings.

use axum::Router;
use axum::http::{StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    Reply, TestDb, error_pairs, form_value, get_with, join_stall, member, post_form,
    reference_data, stall, test_router,
};
use app::db::{listing_drafts, listings, outbox};

on_both_databases!(
    an_offer_is_reviewed_then_published_with_every_field,
    a_bad_listing_reports_every_field_and_keeps_what_was_typed,
    listings_for_a_stall_need_an_approved_stall_the_member_belongs_to,
    drafts_stay_private_and_edits_to_published_listings_go_back_to_review,
    members_cannot_touch_other_members_listings,
    listings_close_renew_and_expire,
    a_refused_listing_tells_its_poster_why,
    a_new_listing_can_be_kept_unfinished_and_completed_later,
);

fn app(t: &TestDb) -> Router {
    test_router(t, &std::env::temp_dir())
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", form_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn offer_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("kind", "offer"),
        ("listing_type", "technology"),
        ("stall_id", ""),
        ("title", "Quy trình ủ phân hữu cơ từ rơm rạ"),
        (
            "summary",
            "Chuyển giao quy trình ủ phân hữu cơ vi sinh từ rơm rạ, rút ngắn còn 30 ngày.",
        ),
        (
            "description",
            "## Lợi ích\n- Giảm đốt rơm\n- <script>alert(1)</script>",
        ),
        ("sector_code", "nong-nghiep"),
        ("province_code", "can-tho"),
        ("price_vnd", "45.000.000"),
        ("budget_min_vnd", ""),
        ("budget_max_vnd", ""),
        ("quantity", "1"),
        ("unit", "quy trình"),
        ("condition", ""),
        ("origin_country", "Việt Nam"),
        ("manufacturer", ""),
        ("warranty", "12 tháng hỗ trợ"),
        ("trl", "7"),
        ("ip_kind", "utility_solution"),
        ("ip_number", "GPHI 2-0002345"),
        ("certifications", "VietGAP"),
        ("transfer_licence", "on"),
        ("transfer_consulting", "on"),
        ("expires_on", ""),
        ("seller_name", "Nguyễn Văn An"),
        ("seller_phone", "0909 123 456"),
        ("seller_email", "an@cantho.vn"),
    ]
}

/// Saves a listing (`id` 0: new) as `cookie` and returns the reply.
async fn save(app: &Router, cookie: &str, id: i64, then: &str, fields: &[(&str, &str)]) -> Reply {
    let body = format!("id={id}&then={then}&{}", encode(fields));
    post_form(app, "/api/save_listing", &body, Some(cookie), true).await
}

/// The listing id a successful save redirected to.
fn saved_id(reply: &Reply) -> i64 {
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    let location = reply.headers[header::LOCATION].to_str().unwrap();
    assert!(!location.contains("__err"), "{location}");
    location.rsplit("listing=").next().unwrap().parse().unwrap()
}

async fn status_of(t: &TestDb, id: i64) -> String {
    listings::record(&t.db, id).await.unwrap().unwrap().status
}

async fn public(app: &Router, slug: &str) -> Reply {
    get_with(app, &format!("/api/get_listing?slug={slug}"), None).await
}

async fn act(app: &Router, cookie: &str, id: i64, action: &str) -> Reply {
    post_form(
        app,
        "/api/listing_action",
        &format!("id={id}&action={action}"),
        Some(cookie),
        false,
    )
    .await
}

async fn decide(app: &Router, cookie: &str, id: i64, decision: &str, reason: &str) -> Reply {
    let seen = crate::support::seen(app, cookie, "listings", "id", id).await;
    let body = format!(
        "id={id}&seen={seen}&decision={decision}&reason={}",
        form_value(reason)
    );
    post_form(app, "/api/decide_listing", &body, Some(cookie), false).await
}

fn ok(reply: &Reply) {
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
}

async fn an_offer_is_reviewed_then_published_with_every_field(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let id = saved_id(&save(&app, &an, 0, "review", &offer_fields()).await);
    let record = listings::record(&t.db, id).await.unwrap().unwrap();
    assert_eq!(record.status, "pending");
    assert_eq!(record.slug, "quy-trinh-u-phan-huu-co-tu-rom-ra");
    assert_eq!(
        public(&app, &record.slug).await.status,
        StatusCode::NOT_FOUND
    );

    let queue = json(
        &get_with(&app, "/api/get_moderation_queue", Some(&moderator))
            .await
            .body,
    );
    assert_eq!(queue["pending_listings"], 1);
    let html = queue["listings"][0]["description_html"].as_str().unwrap();
    assert!(
        html.contains("<h3>Lợi ích</h3>") && !html.contains("<script>"),
        "{html}"
    );

    ok(&decide(&app, &moderator, id, "approve", "").await);
    let page = public(&app, &record.slug).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page = json(&page.body);
    assert_eq!(page["price_vnd"], 45_000_000);
    assert_eq!(page["trl"], 7);
    assert_eq!(page["ip_kind"], "utility_solution");
    assert_eq!(page["ip_number"], "GPHI 2-0002345");
    assert_eq!(
        page["transfer_modes"],
        serde_json::json!(["licence", "consulting"])
    );
    assert_eq!(page["certifications"], serde_json::json!(["VietGAP"]));
    assert_eq!(page["seller_email"], "an@cantho.vn");
    assert_eq!(page["unit"], "quy trình");
    let expires = page["expires_at"].as_i64().unwrap();
    let days = (expires - app::db::now_ms()) as f64 / 86_400_000.0;
    assert!((89.0..=91.0).contains(&days), "{days}");
    let mail = &outbox::messages_to(&t.db, "an@cantho.vn").await.unwrap()[0];
    assert_eq!(mail.kind, "moderation_result");
    assert!(mail.body.contains(&format!("/listings/{}", record.slug)));
    // Found by the search, without diacritics.
    let found = json(
        &get_with(&app, "/api/search_listings?q=phan+huu+co+rom+ra", None)
            .await
            .body,
    );
    assert!(found.to_string().contains("Quy trình ủ phân"), "{found}");
}

async fn a_bad_listing_reports_every_field_and_keeps_what_was_typed(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let mut fields = offer_fields();
    for (k, v) in fields.iter_mut() {
        match *k {
            "title" => *v = "Ngắn",
            "price_vnd" => *v = "bốn lăm triệu",
            "trl" => *v = "12",
            "expires_on" => *v = "2020-01-01",
            "seller_phone" => *v = "",
            _ => {}
        }
    }
    let body = format!("id=0&then=review&{}", encode(&fields));
    let reply = post_form(&app, "/api/save_listing", &body, Some(&an), false).await;
    let errors = error_pairs(&reply);
    let body = json(&reply.body);
    let expected = [
        ("title", "too_short"),
        ("price_vnd", "not_a_number"),
        ("trl", "invalid_trl"),
        ("expires_on", "date_in_past"),
        ("seller_phone", "required"),
    ];
    assert_eq!(errors, expected.map(|(f, c)| (f.to_owned(), c.to_owned())));
    let values = body["detail"]["values"].to_string();
    assert!(
        values.contains("bốn lăm triệu") && values.contains("Giảm đốt rơm"),
        "{values}"
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM listings")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
    let body = format!("id=0&then=review&{}", encode(&offer_fields()));
    assert_eq!(
        post_form(&app, "/api/save_listing", &body, None, false)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

async fn listings_for_a_stall_need_an_approved_stall_the_member_belongs_to(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let approved = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    let pending = stall(&t.db, "co-khi-cho", "Cơ khí Chờ", "pending").await;
    let others = stall(&t.db, "co-khi-khac", "Cơ khí Khác", "approved").await;
    for id in [approved, pending] {
        join_stall(&t.db, id, an_id, "owner").await;
    }
    let editor = json(
        &get_with(&app, "/api/get_listing_editor?id=0", Some(&an))
            .await
            .body,
    );
    assert_eq!(
        editor["stalls"],
        serde_json::json!([[approved, "Cơ khí Tây Đô"]])
    );
    assert_eq!(editor["form"]["seller_name"], "Thành viên");

    for stall_id in [pending, others] {
        let id = stall_id.to_string();
        let mut fields = offer_fields();
        fields.retain(|(k, _)| *k != "stall_id");
        fields.push(("stall_id", &id));
        let body = format!("id=0&then=review&{}", encode(&fields));
        let reply = post_form(&app, "/api/save_listing", &body, Some(&an), false).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            json(&reply.body)["detail"]["errors"][0]["field"],
            "stall_id"
        );
    }
    let id = approved.to_string();
    let mut fields = offer_fields();
    fields.retain(|(k, _)| !matches!(*k, "stall_id" | "seller_name" | "seller_phone"));
    fields.push(("stall_id", &id));
    fields.push(("seller_name", ""));
    fields.push(("seller_phone", ""));
    let listing = saved_id(&save(&app, &an, 0, "review", &fields).await);
    let record = listings::record(&t.db, listing).await.unwrap().unwrap();
    assert_eq!(record.stall_id, Some(approved));
    assert_eq!(
        record.seller_name, None,
        "a stall's listing uses the stall's contacts"
    );
}

async fn drafts_stay_private_and_edits_to_published_listings_go_back_to_review(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let id = saved_id(&save(&app, &an, 0, "draft", &offer_fields()).await);
    assert_eq!(status_of(&t, id).await, "draft");
    let queue = json(
        &get_with(&app, "/api/get_moderation_queue", Some(&moderator))
            .await
            .body,
    );
    assert_eq!(queue["pending_listings"], 0, "drafts are not reviewed");
    saved_id(&save(&app, &an, id, "draft", &offer_fields()).await);
    assert_eq!(status_of(&t, id).await, "draft");
    ok(&act(&app, &an, id, "submit").await);
    assert_eq!(status_of(&t, id).await, "pending");
    ok(&decide(&app, &moderator, id, "approve", "").await);
    assert_eq!(status_of(&t, id).await, "published");

    let mut fields = offer_fields();
    fields.retain(|(k, _)| *k != "price_vnd");
    fields.push(("price_vnd", "39.000.000"));
    saved_id(&save(&app, &an, id, "review", &fields).await);
    let record = listings::record(&t.db, id).await.unwrap().unwrap();
    assert_eq!(
        record.status, "pending",
        "the edit is reviewed before it is shown"
    );
    assert_eq!(record.price_vnd, Some(39_000_000));
    assert_eq!(
        public(&app, &record.slug).await.status,
        StatusCode::NOT_FOUND
    );
    let own = json(
        &get_with(&app, "/api/get_own_listings", Some(&an))
            .await
            .body,
    );
    assert_eq!(own["listings"][0]["status"], "pending");
}

async fn members_cannot_touch_other_members_listings(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, binh) = member(&app, &t, "binh@cantho.vn", "mật khẩu của Bình", "member").await;
    let id = saved_id(&save(&app, &an, 0, "review", &offer_fields()).await);

    assert_eq!(
        get_with(
            &app,
            &format!("/api/get_listing_editor?id={id}"),
            Some(&binh)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let body = format!("id={id}&then=review&{}", encode(&offer_fields()));
    assert_eq!(
        post_form(&app, "/api/save_listing", &body, Some(&binh), false)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    for action in ["close_withdrawn", "close_sold", "renew", "submit"] {
        assert_eq!(
            act(&app, &binh, id, action).await.status,
            StatusCode::NOT_FOUND,
            "{action}"
        );
    }
    assert_eq!(
        decide(&app, &binh, id, "approve", "").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        decide(&app, &an, id, "approve", "").await.status,
        StatusCode::FORBIDDEN,
        "not even one's own"
    );
    assert_eq!(status_of(&t, id).await, "pending");
    assert!(
        json(
            &get_with(&app, "/api/get_own_listings", Some(&binh))
                .await
                .body
        )["listings"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

async fn listings_close_renew_and_expire(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let id = saved_id(&save(&app, &an, 0, "review", &offer_fields()).await);

    let early = act(&app, &an, id, "renew").await;
    assert_eq!(
        early.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a pending listing cannot be renewed"
    );
    assert_eq!(
        json(&early.body)["detail"]["errors"][0]["code"],
        "not_allowed_now"
    );
    ok(&decide(&app, &moderator, id, "approve", "").await);

    // Time passes: the listing expires.
    let expires_at = listings::record(&t.db, id)
        .await
        .unwrap()
        .unwrap()
        .expires_at
        .unwrap();
    assert_eq!(
        listings::expire_due(&t.db, expires_at - 1).await.unwrap(),
        0
    );
    assert_eq!(listings::expire_due(&t.db, expires_at).await.unwrap(), 1);
    assert_eq!(status_of(&t, id).await, "expired");
    let body = format!("id={id}&then=review&{}", encode(&offer_fields()));
    let edit = post_form(&app, "/api/save_listing", &body, Some(&an), false).await;
    assert_eq!(
        json(&edit.body)["detail"]["errors"][0]["code"],
        "listing_closed"
    );

    ok(&act(&app, &an, id, "renew").await);
    let record = listings::record(&t.db, id).await.unwrap().unwrap();
    assert_eq!(record.status, "published");
    assert!(record.expires_at.unwrap() > app::db::now_ms() + 89 * 86_400_000);

    ok(&act(&app, &an, id, "close_sold").await);
    let record = listings::record(&t.db, id).await.unwrap().unwrap();
    assert_eq!(
        (record.status.as_str(), record.close_reason.as_deref()),
        ("closed", Some("sold"))
    );
    assert_eq!(
        public(&app, &record.slug).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        act(&app, &an, id, "close_withdrawn").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        act(&app, &an, id, "explode").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let audit: Vec<String> = app::db::audit::recent(&t.db, 3)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(
        audit,
        ["listing_close_sold", "listing_renew", "listing_approved"]
    );
}

async fn a_refused_listing_tells_its_poster_why(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let id = saved_id(&save(&app, &an, 0, "review", &offer_fields()).await);
    assert_eq!(
        decide(&app, &moderator, id, "reject", "x").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    ok(&decide(
        &app,
        &moderator,
        id,
        "reject",
        "Thiếu ảnh và số văn bằng không khớp.",
    )
    .await);
    let own = json(
        &get_with(&app, "/api/get_own_listings", Some(&an))
            .await
            .body,
    );
    assert_eq!(own["listings"][0]["status"], "rejected");
    assert_eq!(
        own["listings"][0]["rejection_reason"],
        "Thiếu ảnh và số văn bằng không khớp."
    );
    let mail = &outbox::messages_to(&t.db, "an@cantho.vn").await.unwrap()[0];
    assert!(mail.body.contains("Thiếu ảnh"), "{}", mail.body);
    assert_eq!(
        decide(&app, &moderator, id, "approve", "").await.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "already decided"
    );
    saved_id(&save(&app, &an, id, "review", &offer_fields()).await);
    let record = listings::record(&t.db, id).await.unwrap().unwrap();
    assert_eq!(record.status, "pending");
    assert_eq!(record.rejection_reason, None);
}

async fn a_new_listing_can_be_kept_unfinished_and_completed_later(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (binh_id, binh) = member(&app, &t, "binh@cantho.vn", "mật khẩu của Bình", "member").await;
    let started = [
        ("kind", "offer"),
        ("title", "Máy sấy"),
        ("price_vnd", "12 triệu"),
    ];
    // As a browser posts the form: every text field, the ones not typed in empty.
    let draft_body = |draft: Option<i64>, then: &str, fields: &[(&str, &str)]| {
        let draft = draft.map(|d| format!("&draft_id={d}")).unwrap_or_default();
        let all: Vec<(&str, &str)> = offer_fields()
            .into_iter()
            .filter(|(k, _)| !k.starts_with("transfer_") || fields.iter().any(|(f, _)| f == k))
            .map(|(k, v)| {
                let typed = fields.iter().find(|(f, _)| *f == k).map(|(_, v)| *v);
                (k, typed.unwrap_or(if fields.len() > 20 { v } else { "" }))
            })
            .collect();
        format!("id=0&then={then}{draft}&{}", encode(&all))
    };
    let post = |cookie: &str, body: String| {
        let (app, cookie) = (app.clone(), cookie.to_owned());
        async move { post_form(&app, "/api/save_listing", &body, Some(&cookie), false).await }
    };
    let count = |sql: &'static str| {
        let db = t.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };

    // Kept as typed, though most is missing and the price is not a number yet.
    let reply = post(&an, draft_body(None, "draft", &started)).await;
    ok(&reply);
    assert_eq!(count("SELECT COUNT(*) FROM listings").await, 0);
    let drafts = listing_drafts::list(&t.db, an_id).await.unwrap();
    assert_eq!(drafts.len(), 1);
    let draft = drafts[0].id;
    assert_eq!(drafts[0].form.price_vnd, "12 triệu");
    let own = json(
        &get_with(&app, "/api/get_own_listings", Some(&an))
            .await
            .body,
    );
    assert_eq!(own["drafts"][0]["title"], "Máy sấy");
    assert_eq!(own["drafts"][0]["kind"], "offer");
    assert!(own["drafts"][0]["problems"].as_u64().unwrap() >= 5, "{own}");
    assert_eq!(own["listings"], serde_json::json!([]));

    // Reopened: the form as typed, with what is still missing.
    let editor = json(
        &get_with(
            &app,
            &format!("/api/get_listing_draft?id={draft}"),
            Some(&an),
        )
        .await
        .body,
    );
    assert_eq!(editor["draft_id"], draft);
    assert_eq!(editor["id"], 0);
    assert_eq!(editor["form"]["price_vnd"], "12 triệu");
    let problems = editor["draft_problems"].to_string();
    for expected in [
        r#"{"code":"too_short","field":"title"}"#,
        r#"{"code":"required","field":"summary"}"#,
        r#"{"code":"not_a_number","field":"price_vnd"}"#,
        r#"{"code":"required","field":"sector_code"}"#,
    ] {
        assert!(problems.contains(expected), "{expected} in {problems}");
    }

    let stored_title = |draft: i64| {
        let db = t.db.clone();
        async move {
            listing_drafts::get(&db, draft, an_id)
                .await
                .unwrap()
                .expect("An's draft")
                .title
        }
    };

    // Nobody else sees, changes or deletes it.
    let other = get_with(
        &app,
        &format!("/api/get_listing_draft?id={draft}"),
        Some(&binh),
    )
    .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let other = post_form(
        &app,
        "/api/delete_listing_draft",
        &format!("id={draft}"),
        Some(&binh),
        false,
    )
    .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    ok(&post(
        &binh,
        draft_body(Some(draft), "draft", &[("title", "Bình ghi đè")]),
    )
    .await);
    assert_eq!(stored_title(draft).await, "Máy sấy");
    assert_eq!(
        listing_drafts::list(&t.db, binh_id).await.unwrap().len(),
        1,
        "Bình got a draft of his own"
    );
    assert_eq!(
        get_with(&app, &format!("/api/get_listing_draft?id={draft}"), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    // A draft needs a title; nothing is stored without one.
    let untitled = post(
        &an,
        draft_body(Some(draft), "draft", &[("kind", "offer"), ("title", " ")]),
    )
    .await;
    assert_eq!(
        error_pairs(&untitled),
        [("title".to_owned(), "required".to_owned())]
    );
    assert_eq!(stored_title(draft).await, "Máy sấy");

    // Saved again: the same draft, updated.
    let more = [
        ("kind", "offer"),
        ("title", "Máy sấy lúa tầng sôi"),
        ("summary", "Sấy 10 tấn"),
    ];
    ok(&post(&an, draft_body(Some(draft), "draft", &more)).await);
    let drafts = listing_drafts::list(&t.db, an_id).await.unwrap();
    assert_eq!(
        (drafts.len(), drafts[0].title.as_str()),
        (1, "Máy sấy lúa tầng sôi")
    );

    // Sent for review while incomplete: every problem, and the draft stays as it was.
    let early = post(&an, draft_body(Some(draft), "review", &more)).await;
    assert!(
        error_pairs(&early)
            .iter()
            .any(|(field, _)| field == "sector_code")
    );
    assert_eq!(
        listing_drafts::list(&t.db, an_id).await.unwrap()[0]
            .form
            .summary,
        "Sấy 10 tấn"
    );

    // Complete: it becomes a listing under review, and the draft is gone.
    let done = post_form(
        &app,
        "/api/save_listing",
        &draft_body(Some(draft), "review", &offer_fields()),
        Some(&an),
        true,
    )
    .await;
    let id = saved_id(&done);
    assert_eq!(status_of(&t, id).await, "pending");
    assert!(listing_drafts::list(&t.db, an_id).await.unwrap().is_empty());

    // Deleted by its author.
    ok(&post(&an, draft_body(None, "draft", &started)).await);
    let draft = listing_drafts::list(&t.db, an_id).await.unwrap()[0].id;
    let gone = post_form(
        &app,
        "/api/delete_listing_draft",
        &format!("id={draft}"),
        Some(&an),
        true,
    )
    .await;
    assert_eq!(
        gone.headers[header::LOCATION],
        "/account/listings?done=draft_deleted"
    );
    assert!(listing_drafts::list(&t.db, an_id).await.unwrap().is_empty());

    // At most 50 unfinished drafts each.
    let form = app::domain::ListingForm {
        title: "Nháp".into(),
        ..Default::default()
    };
    for _ in 0..listing_drafts::MAX_PER_MEMBER {
        listing_drafts::create(&t.db, an_id, &form, 1)
            .await
            .unwrap();
    }
    let full = post(&an, draft_body(None, "draft", &started)).await;
    assert_eq!(
        error_pairs(&full),
        [("title".to_owned(), "too_many_drafts".to_owned())]
    );
    assert_eq!(
        listing_drafts::count(&t.db, an_id).await.unwrap(),
        listing_drafts::MAX_PER_MEMBER
    );
}
