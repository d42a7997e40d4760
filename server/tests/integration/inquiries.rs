//! Inquiries between members and the sides of listings, unread counts, mails, and watchlists,
//! through the server functions; with the checks that keep members out of others' conversations.

use axum::Router;
use axum::http::{StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    NewListing, Reply, TestDb, form_value, get_with, join_stall, member, post_form, reference_data,
    stall, test_router,
};
use app::db::{listings, outbox};

on_both_databases!(
    a_buyer_writes_to_a_stall_and_any_of_its_members_replies,
    writing_again_continues_the_conversation_and_mails_once_per_run,
    an_independent_poster_receives_inquiries_themselves,
    others_cannot_read_or_join_a_conversation,
    bad_messages_are_refused_with_what_was_typed,
    inquiries_only_reach_listings_that_are_open,
    a_member_cannot_start_a_flood_of_conversations,
    a_double_submitted_message_is_kept_once,
    members_save_listings_to_their_watchlist,
    a_member_removed_from_the_stall_loses_its_listings_and_conversations,
);

fn app(t: &TestDb) -> Router {
    test_router(t, &std::env::temp_dir())
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// A published offer of an approved stall whose members are `members` (the first its owner).
async fn stall_offer(t: &TestDb, members: &[i64]) -> i64 {
    let stall_id = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    for (n, user_id) in members.iter().enumerate() {
        join_stall(
            &t.db,
            stall_id,
            *user_id,
            if n == 0 { "owner" } else { "member" },
        )
        .await;
    }
    NewListing {
        stall_id: Some(stall_id),
        ..NewListing::offer("may-say-lua", "Máy sấy lúa 10 tấn/mẻ")
    }
    .insert(&t.db)
    .await
}

/// A published offer posted by member `owner_id` as an independent seller.
async fn independent_offer(t: &TestDb, owner_id: i64, slug: &str, status: &str) -> i64 {
    NewListing {
        status,
        owner_id: Some(owner_id),
        ..NewListing::offer(slug, "Máy cày tay Kubota cũ")
    }
    .insert(&t.db)
    .await
}

async fn inquire(app: &Router, cookie: &str, listing_id: i64, body: &str) -> Reply {
    let form = format!("listing_id={listing_id}&body={}", form_value(body));
    post_form(app, "/api/send_inquiry", &form, Some(cookie), true).await
}

async fn reply(app: &Router, cookie: &str, conversation_id: i64, body: &str) -> Reply {
    let form = format!(
        "conversation_id={conversation_id}&body={}",
        form_value(body)
    );
    post_form(app, "/api/reply_inquiry", &form, Some(cookie), true).await
}

/// The conversation a successful send redirected to.
fn conversation_of(reply: &Reply) -> i64 {
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    let location = reply.headers[header::LOCATION].to_str().unwrap();
    assert!(!location.contains("__err"), "{location}");
    location
        .trim_start_matches("/account/inquiries/")
        .trim_end_matches("#reply")
        .parse()
        .unwrap_or_else(|_| panic!("{location}"))
}

/// The field error code a script's call came back with.
fn refusal(reply: &Reply) -> (String, String) {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let body = json(&reply.body);
    let error = &body["detail"]["errors"][0];
    (
        error["code"].as_str().unwrap().to_owned(),
        body["detail"]["values"].to_string(),
    )
}

async fn unread(app: &Router, cookie: &str) -> i64 {
    let user = json(
        &get_with(app, "/api/get_current_user", Some(cookie))
            .await
            .body,
    );
    user["unread_conversations"].as_i64().unwrap()
}

async fn conversation(app: &Router, cookie: &str, id: i64) -> Reply {
    get_with(app, &format!("/api/get_conversation?id={id}"), Some(cookie)).await
}

async fn message_count(t: &TestDb) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM messages")
        .fetch_one(&t.db)
        .await
        .unwrap()
}

async fn mails(t: &TestDb, to: &str) -> Vec<outbox::OutboxMessage> {
    outbox::messages_to(&t.db, to).await.unwrap()
}

async fn a_buyer_writes_to_a_stall_and_any_of_its_members_replies(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, owner) = member(&app, &t, "chu@taydo.vn", "mật khẩu chủ gian", "member").await;
    let (staff_id, staff) = member(&app, &t, "nv@taydo.vn", "mật khẩu nhân viên", "member").await;
    let (_, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let listing = stall_offer(&t, &[owner_id, staff_id]).await;

    let id = conversation_of(&inquire(&app, &buyer, listing, "Xin báo giá, giao tại Cờ Đỏ?").await);
    // Both members of the stall hear of it, each once; the buyer reads it as their own.
    for to in ["chu@taydo.vn", "nv@taydo.vn"] {
        let mail = mails(&t, to).await;
        assert_eq!(mail.len(), 1, "{to}");
        assert_eq!(mail[0].kind, "inquiry_received");
        assert!(
            mail[0].subject.contains("Máy sấy lúa"),
            "{}",
            mail[0].subject
        );
        assert!(
            mail[0].body.contains(&format!("/account/inquiries/{id}")),
            "{}",
            mail[0].body
        );
    }
    assert!(mails(&t, "mua@cantho.vn").await.is_empty());
    assert_eq!(unread(&app, &owner).await, 1);
    assert_eq!(unread(&app, &staff).await, 1);
    assert_eq!(unread(&app, &buyer).await, 0);
    let inbox = json(&get_with(&app, "/api/get_inbox", Some(&owner)).await.body);
    assert_eq!(inbox[0]["id"], id);
    assert_eq!(inbox[0]["side"], "listing");
    assert_eq!(inbox[0]["unread"], 1);
    assert_eq!(inbox[0]["listing_title"], "Máy sấy lúa 10 tấn/mẻ");
    assert_eq!(inbox[0]["excerpt"], "Xin báo giá, giao tại Cờ Đỏ?");
    let inbox = json(&get_with(&app, "/api/get_inbox", Some(&buyer)).await.body);
    assert_eq!(inbox[0]["side"], "inquirer");
    assert_eq!(inbox[0]["other_party"], "Cơ khí Tây Đô");
    assert_eq!(inbox[0]["unread"], 0);

    // A member who is not the owner answers for the stall.
    conversation_of(&reply(&app, &staff, id, "Giá 450 triệu, giao trong 2 tuần.").await);
    let mail = mails(&t, "mua@cantho.vn").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].kind, "message_received");
    assert!(mail[0].body.contains("Cơ khí Tây Đô"), "{}", mail[0].body);
    assert_eq!(unread(&app, &buyer).await, 1);
    // The owner already had the question unread: no second mail for the reply.
    assert_eq!(mails(&t, "chu@taydo.vn").await.len(), 1);

    let seen = json(&conversation(&app, &buyer, id).await.body);
    assert_eq!(seen["side"], "inquirer");
    let messages = seen["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0]["mine"], true);
    assert_eq!(messages[0]["side"], "inquirer");
    assert_eq!(messages[1]["mine"], false);
    assert_eq!(messages[1]["side"], "listing");
    assert_eq!(messages[1]["body"], "Giá 450 triệu, giao trong 2 tuần.");
    // Reading changes nothing (a GET, which a link from another site could make); the page's
    // form marks what it showed read, for the reader only.
    assert_eq!(seen["last_read_id"], messages[0]["id"]);
    assert_eq!(unread(&app, &buyer).await, 1);
    let newest = messages[1]["id"].as_i64().unwrap();
    let page = get_with(&app, &format!("/account/inquiries/{id}"), Some(&buyer)).await;
    assert!(
        page.body.contains("data-testid=\"mark-conversation-read\""),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!("name=\"up_to\" value=\"{newest}\"")),
        "{}",
        page.body
    );
    let marked = post_form(
        &app,
        "/api/mark_conversation_read",
        &format!("id={id}&up_to={newest}"),
        Some(&buyer),
        true,
    )
    .await;
    assert!(marked.status.is_redirection(), "{}", marked.status);
    assert_eq!(
        marked.headers[header::LOCATION],
        format!("/account/inquiries/{id}")
    );
    assert_eq!(unread(&app, &buyer).await, 0);
    assert_eq!(unread(&app, &owner).await, 1);
    let page = get_with(&app, &format!("/account/inquiries/{id}"), Some(&buyer)).await;
    assert!(
        !page.body.contains("mark-conversation-read"),
        "nothing left unread"
    );
    let owners_view = json(&conversation(&app, &owner, id).await.body);
    assert_eq!(owners_view["side"], "listing");
    assert_eq!(owners_view["messages"][1]["mine"], false);
    // Marking up to a message not yet written marks only what exists; others cannot mark.
    let stranger = member(&app, &t, "la@cantho.vn", "mật khẩu người lạ", "member")
        .await
        .1;
    let refused = post_form(
        &app,
        "/api/mark_conversation_read",
        &format!("id={id}&up_to={newest}"),
        Some(&stranger),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    post_form(
        &app,
        "/api/mark_conversation_read",
        &format!("id={id}&up_to=999999999"),
        Some(&owner),
        false,
    )
    .await;
    assert_eq!(unread(&app, &owner).await, 0);
    conversation_of(&reply(&app, &buyer, id, "Cảm ơn anh.").await);
    assert_eq!(
        unread(&app, &owner).await,
        1,
        "a later message is still new"
    );

    // The pages render it for both sides, text shown as text.
    let page = get_with(&app, &format!("/account/inquiries/{id}"), Some(&buyer)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Giá 450 triệu"), "{}", page.body);
    let page = get_with(&app, "/account/inquiries", Some(&owner)).await;
    assert!(page.body.contains("Máy sấy lúa 10 tấn/mẻ"));
}

async fn writing_again_continues_the_conversation_and_mails_once_per_run(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, owner) = member(&app, &t, "chu@taydo.vn", "mật khẩu chủ gian", "member").await;
    let (_, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let listing = stall_offer(&t, &[owner_id]).await;

    let first = conversation_of(&inquire(&app, &buyer, listing, "Máy còn không ạ?").await);
    let again = conversation_of(&inquire(&app, &buyer, listing, "Cho tôi xin thêm ảnh.").await);
    assert_eq!(first, again);
    assert_eq!(mails(&t, "chu@taydo.vn").await.len(), 1);
    let viewer = json(
        &get_with(
            &app,
            "/api/get_listing_viewer?slug=may-say-lua",
            Some(&buyer),
        )
        .await
        .body,
    );
    assert_eq!(viewer["conversation_id"], first);
    assert_eq!(viewer["own"], false);
    // Once the owner has read them, the next message wakes them again.
    let read = json(&conversation(&app, &owner, first).await.body);
    let newest = read["messages"][1]["id"].as_i64().unwrap();
    let form = format!("id={first}&up_to={newest}");
    post_form(
        &app,
        "/api/mark_conversation_read",
        &form,
        Some(&owner),
        true,
    )
    .await;
    reply(&app, &buyer, first, "Tôi ở Thốt Nốt.").await;
    let mail = mails(&t, "chu@taydo.vn").await;
    assert_eq!(mail.len(), 2);
    // Newest first.
    assert_eq!(mail[0].kind, "message_received");
    let owners_view = json(
        &get_with(
            &app,
            "/api/get_listing_viewer?slug=may-say-lua",
            Some(&owner),
        )
        .await
        .body,
    );
    assert_eq!(owners_view["own"], true);
}

async fn an_independent_poster_receives_inquiries_themselves(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (seller_id, seller) =
        member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let (_, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let listing = independent_offer(&t, seller_id, "may-cay-tay", "published").await;

    let id = conversation_of(&inquire(&app, &buyer, listing, "Máy chạy bao nhiêu giờ rồi?").await);
    assert_eq!(mails(&t, "ban@cantho.vn").await[0].kind, "inquiry_received");
    let inbox = json(&get_with(&app, "/api/get_inbox", Some(&buyer)).await.body);
    assert_eq!(inbox[0]["other_party"], "Nguyễn Văn An");
    conversation_of(&reply(&app, &seller, id, "Khoảng 300 giờ.").await);
    assert_eq!(unread(&app, &buyer).await, 1);
    // The poster cannot write to themselves.
    let own = post_form(
        &app,
        "/api/send_inquiry",
        &format!("listing_id={listing}&body=Th%E1%BB%AD"),
        Some(&seller),
        false,
    )
    .await;
    assert_eq!(refusal(&own).0, "own_listing");
}

async fn others_cannot_read_or_join_a_conversation(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, _) = member(&app, &t, "chu@taydo.vn", "mật khẩu chủ gian", "member").await;
    let (_, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let (_, stranger) = member(&app, &t, "la@cantho.vn", "mật khẩu người lạ", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "admin").await;
    let listing = stall_offer(&t, &[owner_id]).await;
    let id = conversation_of(&inquire(&app, &buyer, listing, "Bí mật giá cả").await);
    let before = message_count(&t).await;

    for cookie in [&stranger, &moderator] {
        let read = conversation(&app, cookie, id).await;
        assert_eq!(read.status, StatusCode::NOT_FOUND, "{}", read.body);
        assert!(!read.body.contains("Bí mật"));
        let form = format!("conversation_id={id}&body=Xen%20v%C3%A0o");
        let wrote = post_form(&app, "/api/reply_inquiry", &form, Some(cookie), false).await;
        assert_eq!(wrote.status, StatusCode::NOT_FOUND);
        let inbox = get_with(&app, "/api/get_inbox", Some(cookie)).await;
        assert_eq!(json(&inbox.body), serde_json::json!([]));
        let page = get_with(&app, &format!("/account/inquiries/{id}"), Some(cookie)).await;
        assert!(!page.body.contains("Bí mật"));
    }
    assert_eq!(message_count(&t).await, before);
    // Visitors are asked to log in.
    assert_eq!(
        get_with(&app, &format!("/api/get_conversation?id={id}"), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post_form(
            &app,
            "/api/send_inquiry",
            &format!("listing_id={listing}&body=Ch%C3%A0o"),
            None,
            false
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        json(
            &get_with(&app, "/api/get_listing_viewer?slug=may-say-lua", None)
                .await
                .body
        ),
        serde_json::json!({"logged_in": false, "own": false, "watched": false, "conversation_id": null, "reachable": true, "hidden_matches": [], "pledged": null})
    );
}

async fn bad_messages_are_refused_with_what_was_typed(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, _) = member(&app, &t, "chu@taydo.vn", "mật khẩu chủ gian", "member").await;
    let (_, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let listing = stall_offer(&t, &[owner_id]).await;

    let send = |body: String| {
        let (app, buyer) = (app.clone(), buyer.clone());
        async move {
            let form = format!("listing_id={listing}&body={}", form_value(&body));
            post_form(&app, "/api/send_inquiry", &form, Some(&buyer), false).await
        }
    };
    assert_eq!(refusal(&send("   ".into()).await).0, "required");
    assert_eq!(refusal(&send("?".into()).await).0, "too_short");
    let (code, values) = refusal(&send(format!("Dài quá {}", "x".repeat(4000))).await);
    assert_eq!(code, "too_long");
    assert!(values.contains("Dài quá"), "{values}");
    assert_eq!(message_count(&t).await, 0);
    // A plain form post comes back to the page with the error and the text.
    let back = inquire(&app, &buyer, listing, " ").await;
    let location = back.headers[header::LOCATION].to_str().unwrap();
    assert!(location.contains("__err"), "{location}");

    // Markup is text: stored as typed, escaped on the page.
    let id =
        conversation_of(&inquire(&app, &buyer, listing, "<script>alert('x')</script> giá?").await);
    let page = get_with(&app, &format!("/account/inquiries/{id}"), Some(&buyer)).await;
    assert!(page.body.contains("&lt;script&gt;alert"), "{}", page.body);
    assert!(!page.body.contains("<script>alert"));
}

async fn inquiries_only_reach_listings_that_are_open(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (seller_id, _) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let (_, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let closed = independent_offer(&t, seller_id, "da-ban", "closed").await;
    let draft = independent_offer(&t, seller_id, "ban-nhap", "draft").await;
    let send = |listing: i64| {
        let (app, buyer) = (app.clone(), buyer.clone());
        async move {
            let form = format!("listing_id={listing}&body=C%C3%B2n%20kh%C3%B4ng%3F");
            post_form(&app, "/api/send_inquiry", &form, Some(&buyer), false).await
        }
    };
    assert_eq!(refusal(&send(closed).await).0, "listing_not_open");
    // A listing nobody here answers for (no poster account, no stall members) takes no messages.
    let orphan = NewListing::offer("khong-chu", "Máy xay xát gạo cũ")
        .insert(&t.db)
        .await;
    assert_eq!(refusal(&send(orphan).await).0, "no_recipient");
    let viewer = get_with(&app, "/api/get_listing_viewer?slug=khong-chu", Some(&buyer)).await;
    assert_eq!(json(&viewer.body)["reachable"], false);
    assert_eq!(send(draft).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(999_999).await.status, StatusCode::NOT_FOUND);
    assert_eq!(message_count(&t).await, 0);

    // A conversation started while it was open goes on after it closes.
    let open = independent_offer(&t, seller_id, "con-ban", "published").await;
    let id = conversation_of(&inquire(&app, &buyer, open, "Còn hàng không?").await);
    sqlx::query("UPDATE listings SET status = 'closed' WHERE id = $1")
        .bind(open)
        .execute(&t.db)
        .await
        .unwrap();
    conversation_of(&reply(&app, &buyer, id, "Tôi vẫn muốn mua.").await);
    assert_eq!(
        json(&conversation(&app, &buyer, id).await.body)["listing_status"],
        "closed"
    );
}

async fn a_member_cannot_start_a_flood_of_conversations(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (seller_id, _) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let (buyer_id, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let now = app::db::now_ms();
    for n in 0..app::domain::CONVERSATIONS_PER_HOUR {
        let listing = independent_offer(&t, seller_id, &format!("tin-{n}"), "published").await;
        sqlx::query(
            "INSERT INTO conversations (listing_id, inquirer_id, created_at, last_message_at, last_author_id)
             VALUES ($1, $2, $3, $3, $2)",
        )
        .bind(listing)
        .bind(buyer_id)
        .bind(now - 60_000)
        .execute(&t.db)
        .await
        .unwrap();
    }
    let next = independent_offer(&t, seller_id, "tin-moi", "published").await;
    let form = format!("listing_id={next}&body=Xin%20gi%C3%A1");
    let refused = post_form(&app, "/api/send_inquiry", &form, Some(&buyer), false).await;
    assert_eq!(refusal(&refused).0, "too_many_inquiries");
    // Conversations already started are not limited.
    let first: i64 = sqlx::query_scalar("SELECT MIN(listing_id) FROM conversations")
        .fetch_one(&t.db)
        .await
        .unwrap();
    conversation_of(&inquire(&app, &buyer, first, "Tiếp tục trao đổi").await);
    // An hour later they may start new ones.
    sqlx::query("UPDATE conversations SET created_at = $1")
        .bind(now - 3_700_000)
        .execute(&t.db)
        .await
        .unwrap();
    conversation_of(&inquire(&app, &buyer, next, "Xin giá").await);
}

async fn a_double_submitted_message_is_kept_once(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, _) = member(&app, &t, "chu@taydo.vn", "mật khẩu chủ gian", "member").await;
    let (_, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let listing = stall_offer(&t, &[owner_id]).await;
    let id = conversation_of(&inquire(&app, &buyer, listing, "Giá bao nhiêu?").await);
    conversation_of(&inquire(&app, &buyer, listing, "Giá bao nhiêu?").await);
    conversation_of(&reply(&app, &buyer, id, "Giá bao nhiêu?").await);
    assert_eq!(message_count(&t).await, 1);
    conversation_of(&reply(&app, &buyer, id, "Có giao hàng không?").await);
    assert_eq!(message_count(&t).await, 2);
}

async fn members_save_listings_to_their_watchlist(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (seller_id, _) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let (_, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let (_, other) = member(&app, &t, "khac@cantho.vn", "mật khẩu người khác", "member").await;
    let listing = independent_offer(&t, seller_id, "may-cay-tay", "published").await;
    let draft = independent_offer(&t, seller_id, "ban-nhap", "draft").await;
    let watch = |cookie: String, listing: i64, action: &'static str| {
        let app = app.clone();
        async move {
            let form = format!("listing_id={listing}&action={action}");
            post_form(&app, "/api/set_watched", &form, Some(&cookie), true).await
        }
    };

    let saved = watch(buyer.clone(), listing, "save").await;
    assert_eq!(saved.headers[header::LOCATION], "/listings/may-cay-tay");
    // Saving twice keeps one entry.
    watch(buyer.clone(), listing, "save").await;
    let list = json(
        &get_with(&app, "/api/get_watchlist", Some(&buyer))
            .await
            .body,
    );
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["slug"], "may-cay-tay");
    assert_eq!(list[0]["status"], "published");
    let viewer = json(
        &get_with(
            &app,
            "/api/get_listing_viewer?slug=may-cay-tay",
            Some(&buyer),
        )
        .await
        .body,
    );
    assert_eq!(viewer["watched"], true);
    // Each member has their own list.
    let theirs = get_with(&app, "/api/get_watchlist", Some(&other)).await;
    assert_eq!(json(&theirs.body), serde_json::json!([]));
    // A closed listing stays, showing what became of it.
    sqlx::query("UPDATE listings SET status = 'closed' WHERE id = $1")
        .bind(listing)
        .execute(&t.db)
        .await
        .unwrap();
    let list = json(
        &get_with(&app, "/api/get_watchlist", Some(&buyer))
            .await
            .body,
    );
    assert_eq!(list[0]["status"], "closed");
    let page = get_with(&app, "/account/watchlist", Some(&buyer)).await;
    assert!(page.body.contains("Máy cày tay Kubota cũ"), "{}", page.body);
    // Forgetting it, back to where the member was.
    let form = format!("listing_id={listing}&action=forget&next=/account/watchlist");
    let forgot = post_form(&app, "/api/set_watched", &form, Some(&buyer), true).await;
    assert_eq!(forgot.headers[header::LOCATION], "/account/watchlist");
    let list = get_with(&app, "/api/get_watchlist", Some(&buyer)).await;
    assert_eq!(json(&list.body), serde_json::json!([]));
    // Private listings cannot be saved; visitors must log in; nonsense is refused.
    let form = format!("listing_id={draft}&action=save");
    assert_eq!(
        post_form(&app, "/api/set_watched", &form, Some(&buyer), false)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let form = format!("listing_id={listing}&action=save");
    assert_eq!(
        post_form(&app, "/api/set_watched", &form, None, false)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let form = format!("listing_id={listing}&action=steal");
    assert_eq!(
        post_form(&app, "/api/set_watched", &form, Some(&buyer), false)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // An outside address is not followed.
    sqlx::query("UPDATE listings SET status = 'published' WHERE id = $1")
        .bind(listing)
        .execute(&t.db)
        .await
        .unwrap();
    let form = format!("listing_id={listing}&action=save&next=https://evil.example/");
    let reply = post_form(&app, "/api/set_watched", &form, Some(&buyer), true).await;
    assert_eq!(reply.headers[header::LOCATION], "/listings/may-cay-tay");
}

async fn a_member_removed_from_the_stall_loses_its_listings_and_conversations(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, owner) = member(&app, &t, "chu@taydo.vn", "mật khẩu chủ gian", "member").await;
    let (staff_id, staff) = member(&app, &t, "nv@taydo.vn", "mật khẩu nhân viên", "member").await;
    let (_, buyer) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let stall_id = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    join_stall(&t.db, stall_id, owner_id, "owner").await;
    join_stall(&t.db, stall_id, staff_id, "member").await;
    // The colleague posted it for the stall.
    let listing = NewListing {
        stall_id: Some(stall_id),
        owner_id: Some(staff_id),
        ..NewListing::offer("may-say-lua", "Máy sấy lúa 10 tấn/mẻ")
    }
    .insert(&t.db)
    .await;
    let id = conversation_of(&inquire(&app, &buyer, listing, "Còn hàng không anh?").await);
    let editor = format!("/api/get_listing_editor?id={listing}");
    let images = format!("/api/get_listing_images?id={listing}");
    let auction = format!("/api/get_auction_editor?id={listing}");
    for path in [&editor, &images, &auction] {
        assert_eq!(
            get_with(&app, path, Some(&staff)).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    assert_eq!(conversation(&app, &staff, id).await.status, StatusCode::OK);

    let removed = post_form(
        &app,
        "/api/remove_stall_member",
        &format!("stall_id={stall_id}&user_id={staff_id}"),
        Some(&owner),
        true,
    )
    .await;
    assert!(removed.status.is_redirection(), "{}", removed.body);

    // Gone with the stall: its listing, its pictures, its auctions and its buyers' messages.
    for path in [&editor, &images, &auction] {
        assert_eq!(
            get_with(&app, path, Some(&staff)).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        conversation(&app, &staff, id).await.status,
        StatusCode::NOT_FOUND
    );
    let answer = post_form(
        &app,
        "/api/reply_inquiry",
        &format!(
            "conversation_id={id}&body={}",
            form_value("Tôi vẫn trả lời được không?")
        ),
        Some(&staff),
        false,
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let close = post_form(
        &app,
        "/api/listing_action",
        &format!("id={listing}&action=close"),
        Some(&staff),
        false,
    )
    .await;
    assert_eq!(close.status, StatusCode::NOT_FOUND);
    assert_eq!(
        listings::record(&t.db, listing)
            .await
            .unwrap()
            .unwrap()
            .status,
        "published"
    );
    let inbox = json(&get_with(&app, "/api/get_inbox", Some(&staff)).await.body);
    assert_eq!(inbox, serde_json::json!([]));
    let own = get_with(&app, "/api/get_own_listings", Some(&staff))
        .await
        .body;
    assert!(!own.contains("may-say-lua"), "{own}");
    let before = mails(&t, "nv@taydo.vn").await.len();
    conversation_of(&reply(&app, &buyer, id, "Anh ơi?").await);
    assert_eq!(
        mails(&t, "nv@taydo.vn").await.len(),
        before,
        "no mail to a former member"
    );
    assert_eq!(unread(&app, &staff).await, 0);

    // The stall keeps all of it.
    assert_eq!(conversation(&app, &owner, id).await.status, StatusCode::OK);
    assert_eq!(
        get_with(&app, &editor, Some(&owner)).await.status,
        StatusCode::OK
    );
}
