//! A fuzzer over every server function and every form route: missing, malformed, oversized,
//! wrongly typed and odd-Unicode fields, wrong content types and methods, as a visitor, a member
//! and a moderator, from a few client addresses. Never a 5xx, never a panic (a handler's panic
//! fails this test: requests run on its task), and a refused request (4xx) stores nothing. Prints
//! a table per endpoint.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, header};

use crate::on_both_databases;
use crate::support::{
    NewListing, TestDb, join_stall, member, reference_data, send, stall, test_router,
};

on_both_databases!(every_endpoint_survives_malformed_input);

/// Requests per engine (both engines: twice as many).
const REQUESTS: usize = 6_000;

/// A small deterministic generator (SplitMix64), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Field names the site's forms and functions use, and some they do not.
const FIELDS: &[&str] = &[
    "id",
    "email",
    "password",
    "display_name",
    "token",
    "q",
    "page",
    "name",
    "body",
    "decision",
    "reason",
    "seen",
    "listing_id",
    "auction_id",
    "stall_id",
    "user_id",
    "action",
    "max",
    "amount",
    "key",
    "bid_key",
    "which",
    "up_to",
    "next",
    "current_password",
    "new_password",
    "conversation_id",
    "kind",
    "title",
    "summary",
    "description",
    "price_vnd",
    "org_kind",
    "sector_code",
    "province_code",
    "phone",
    "website",
    "contact_person",
    "founded_year",
    "certifications",
    "address",
    "query[q]",
    "query[page]",
    "query[kind]",
    "query[sort]",
    "query[sector]",
    "query[province]",
    "query[images]",
    "other_sectors[]",
    "confirmed",
    "mode",
    "deposit_ref",
    "role",
    "slug",
    "position",
    "direction",
    "listing_type",
    "watched",
    "starts_at",
    "ends_at",
    "starting_price",
    "step",
    "reserve",
    "buy_now",
    "deposit",
    "requires_approval",
    "draft_id",
    "expires_on",
    "session",
    "answer",
    "invitation",
    "other",
    "__proto__",
    "",
];

/// Values: empty, numbers at and past every limit, wrong types, long and odd Unicode, markup,
/// injections, and a few that are right (so deeper code runs).
fn values(ids: &[i64]) -> Vec<String> {
    let mut values: Vec<String> = [
        "",
        "0",
        "-1",
        "1",
        "2",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "-0",
        "0x10",
        "1.5",
        "true",
        "null",
        "[]",
        "{}",
        "approve",
        "reject",
        "close",
        "renew",
        "submit",
        "withdraw",
        "logo",
        "cover",
        "banner",
        "max",
        "quick",
        "buy_now",
        "accept",
        "decline",
        "offer",
        "request",
        "equipment",
        "co-khi",
        "can-tho",
        "moderator",
        "admin",
        "yes",
        "up",
        "down",
        "an@techx.test",
        "ANH@TECHX.TEST ",
        "not-an-email",
        "mật khẩu đủ dài nhé",
        "12.500.000",
        "1.000.000.000.000.000",
        "2026-12-31",
        "2026-02-30",
        "31/12/2026",
        "\u{0}",
        "\u{7}",
        "\r\n",
        "\t",
        "\u{202e}gnp.exe",
        "\u{200b}",
        "💥🇻🇳",
        "Ｍáy",
        "e\u{301}",
        "<script>alert(1)</script>",
        "\" onmouseover=\"x",
        "' OR '1'='1",
        "'; DROP TABLE users; --",
        "%00",
        "%zz",
        "../../etc/passwd",
        "//evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "=HYPERLINK(\"x\")",
        "\u{FEFF}",
        "\u{D7FF}",
    ]
    .iter()
    .map(|v| (*v).to_owned())
    .collect();
    values.push("x".repeat(5_000));
    values.push("ạ".repeat(2_000));
    values.push("9".repeat(400));
    values.extend(ids.iter().map(i64::to_string));
    values
}

/// A value that fits field `name`, so a request gets past the checks of one field to the next.
fn plausible(rng: &mut Rng, name: &str, ids: &[i64]) -> String {
    let pick = |rng: &mut Rng, options: &[&str]| (*rng.pick(options)).to_owned();
    match name {
        n if n == "id" || n.ends_with("_id") || n == "up_to" => rng.pick(ids).to_string(),
        "decision" => pick(rng, &["approve", "reject"]),
        "action" => pick(rng, &["close", "renew", "submit", "withdraw"]),
        "which" => pick(rng, &["logo", "cover"]),
        "mode" => pick(rng, &["max", "quick", "buy_now"]),
        "email" => pick(
            rng,
            &["an@techx.test", "moi@techx.test", "seller@techx.test"],
        ),
        "slug" => pick(rng, &["may-say-lua", "co-khi-tay-do", "khong-co"]),
        "q" => pick(rng, &["máy sấy", "robot", "bom nuoc", ""]),
        "page" => pick(rng, &["1", "2", "0", "1000000"]),
        "password" | "new_password" | "current_password" => {
            pick(rng, &["mật khẩu đủ dài nhé", "mật khẩu người bán", "ngắn"])
        }
        "body" | "reason" | "summary" | "description" => {
            pick(rng, &["Máy còn không ạ? Giao về Cờ Đỏ được không?", "x"])
        }
        "max" | "amount" | "price_vnd" | "starting_price" | "step" => {
            pick(rng, &["12.500.000", "10000000", "10000000000000", "1"])
        }
        "confirmed" | "watched" => pick(rng, &["yes", "true", "1"]),
        _ => format!("giá trị {}", rng.below(100)),
    }
}

/// Percent-encodes a form value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What the site has stored, as far as a refused request could change it.
async fn stored(t: &TestDb) -> String {
    const TABLES: &[&str] = &[
        "users",
        "sessions",
        "password_resets",
        "outbox",
        "stalls",
        "stall_members",
        "stall_invitations",
        "stall_revisions",
        "listings",
        "listing_images",
        "listing_drafts",
        "conversations",
        "messages",
        "conversation_reads",
        "watchlist",
        "auctions",
        "auction_actions",
        "auction_bidders",
        "notifications",
    ];
    let counts: Vec<String> = TABLES
        .iter()
        .map(|table| format!("(SELECT COUNT(*) FROM {table})"))
        .collect();
    let sql = format!(
        "SELECT {}, (SELECT CAST(COALESCE(SUM(updated_at), 0) AS BIGINT) FROM listings),
                (SELECT CAST(COALESCE(SUM(updated_at), 0) AS BIGINT) FROM stalls),
                (SELECT CAST(COALESCE(SUM(current_price_vnd + bid_count), 0) AS BIGINT) FROM auctions),
                (SELECT CAST(COALESCE(SUM(length(status)), 0) AS BIGINT) FROM listings),
                (SELECT CAST(COALESCE(SUM(length(role)), 0) AS BIGINT) FROM users)",
        counts.join(", ")
    );
    let row: sqlx::any::AnyRow = sqlx::query(&sql).fetch_one(&t.db).await.unwrap();
    use sqlx::Row;
    (0..row.len())
        .map(|i| {
            row.try_get::<i64, _>(i)
                .map_or_else(|e| e.to_string(), |v| v.to_string())
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Routes a browser posts plain forms to or follows, besides the server functions.
fn form_routes(listing: i64, stall: i64, auction: i64, slug: &str) -> Vec<(Method, String)> {
    vec![
        (Method::POST, format!("/uploads/listings/{listing}/images")),
        (Method::POST, "/uploads/listings/999999/images".to_owned()),
        (Method::POST, format!("/uploads/stalls/{stall}/logo")),
        (Method::POST, format!("/uploads/stalls/{stall}/cover")),
        (Method::POST, format!("/uploads/stalls/{stall}/banner")),
        (Method::GET, "/lang/en".to_owned()),
        (Method::GET, "/lang/xx".to_owned()),
        (Method::GET, format!("/auctions/{auction}/log.csv")),
        (Method::GET, "/auctions/-1/log.csv".to_owned()),
        (Method::GET, "/sitemap.xml".to_owned()),
        (Method::GET, "/sitemaps/listings-1.xml".to_owned()),
        (Method::GET, "/sitemaps/listings-99999999999.xml".to_owned()),
        (Method::GET, "/media/listings/1/none.jpg".to_owned()),
        (Method::GET, "/".to_owned()),
        (Method::GET, "/search".to_owned()),
        (Method::GET, "/offers".to_owned()),
        (Method::GET, "/stalls".to_owned()),
        (Method::GET, format!("/listings/{slug}")),
        (Method::GET, format!("/auctions/{auction}")),
        (Method::GET, "/account/inquiries/1".to_owned()),
        (Method::GET, "/account/listings/new".to_owned()),
        (Method::GET, format!("/account/stalls/{stall}/edit")),
        (Method::GET, "/moderation".to_owned()),
        (Method::GET, "/reset-password".to_owned()),
        (Method::GET, "/stall-invitation".to_owned()),
    ]
}

#[derive(Default)]
struct Tally {
    requests: usize,
    by_class: [usize; 4],
}

async fn every_endpoint_survives_malformed_input(t: TestDb) {
    reference_data(&t.db).await;
    let app: Router = test_router(&t, &std::env::temp_dir());
    let (seller_id, seller) = member(
        &app,
        &t,
        "seller@techx.test",
        "mật khẩu người bán",
        "member",
    )
    .await;
    let (_, buyer) = member(&app, &t, "an@techx.test", "mật khẩu đủ dài nhé", "member").await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let stall_id = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    join_stall(&t.db, stall_id, seller_id, "owner").await;
    let listing = NewListing {
        stall_id: Some(stall_id),
        owner_id: Some(seller_id),
        ..NewListing::offer("may-say-lua", "Máy sấy lúa 10 tấn/mẻ")
    }
    .insert(&t.db)
    .await;
    let ids = [listing, stall_id, seller_id, 1, 2, 3];
    let values = values(&ids);
    let cookies = [
        None,
        Some(seller.as_str()),
        Some(buyer.as_str()),
        Some(moderator.as_str()),
    ];
    let ips = ["203.113.0.1", "203.113.0.2", "2001:db8::1", "198.51.100.9"];

    let mut endpoints: Vec<(Method, String)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (method, path.to_owned()))
        .collect();
    endpoints.sort_by(|a, b| a.1.cmp(&b.1));
    assert!(
        endpoints.len() > 40,
        "every server function: {}",
        endpoints.len()
    );
    endpoints.extend(form_routes(listing, stall_id, 1, "may-say-lua"));

    // A fixed seed, so a failure replays; TECHX_FUZZ_SEED tries others.
    let seed = std::env::var("TECHX_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x7ec4_2024_u64);
    let mut rng = Rng(seed);
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    // The fields each function turned out to need ("missing field `id`"): later requests send
    // them all, with values from the pools, so the fuzzing reaches past argument decoding.
    let mut known: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for n in 0..REQUESTS {
        let (method, path) = endpoints[n % endpoints.len()].clone();
        let method = if rng.chance(85) {
            method
        } else {
            rng.pick(&[
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::DELETE,
                Method::PATCH,
            ])
            .clone()
        };
        // Fields: the ones the endpoint is known to need (most of the time), then none to eight
        // more, names and values from the pools.
        let mut pairs: Vec<String> = Vec::new();
        if rng.chance(75) {
            for name in known.get(&path).into_iter().flatten() {
                let value = if rng.chance(60) {
                    plausible(&mut rng, name, &ids)
                } else {
                    rng.pick(&values).clone()
                };
                pairs.push(format!("{}={}", encode(name), encode(&value)));
            }
        }
        for _ in 0..rng.below(9) {
            let name = *rng.pick(FIELDS);
            let value: &String = rng.pick(&values);
            pairs.push(format!("{}={}", encode(name), encode(value)));
        }
        let form = pairs.join("&");
        let (uri, content_type, body): (String, Option<&str>, Vec<u8>) = match rng.below(10) {
            _ if method == Method::GET => {
                let sep = if path.contains('?') { '&' } else { '?' };
                (format!("{path}{sep}{form}"), None, Vec::new())
            }
            0..=5 => (
                path.clone(),
                Some("application/x-www-form-urlencoded"),
                form.into_bytes(),
            ),
            6 => {
                let name = *rng.pick(FIELDS);
                let value = *rng.pick(&["1", "\"x\"", "null", "[1,2]", "{\"a\":{}}", "1e999"]);
                let json = format!("{{\"{name}\": {value}}}");
                (path.clone(), Some("application/json"), json.into_bytes())
            }
            7 => {
                let boundary = "fuzz-boundary";
                let name = *rng.pick(FIELDS);
                let file: &String = rng.pick(&values);
                let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\r\n").into_bytes();
                body.extend((0..rng.below(3000)).map(|_| rng.next() as u8));
                if rng.chance(50) {
                    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
                }
                (
                    path.clone(),
                    Some("multipart/form-data; boundary=fuzz-boundary"),
                    body,
                )
            }
            8 => {
                let bytes: Vec<u8> = (0..rng.below(2000)).map(|_| rng.next() as u8).collect();
                (
                    path.clone(),
                    Some(*rng.pick(&[
                        "text/plain",
                        "application/octet-stream",
                        "application/x-www-form-urlencoded",
                        "application/cbor",
                    ])),
                    bytes,
                )
            }
            _ => (path.clone(), None, Vec::new()),
        };
        let mut req = Request::builder().method(method.clone()).uri(&uri);
        if let Some(content_type) = content_type {
            req = req.header(header::CONTENT_TYPE, content_type);
        }
        if let Some(cookie) = rng.pick(&cookies) {
            req = req.header(header::COOKIE, *cookie);
        }
        if rng.chance(30) {
            req = req.header(header::ACCEPT, "text/html");
        }
        if rng.chance(10) {
            req = req.header(header::ORIGIN, "http://evil.example");
        }
        let Ok(mut req) = req.body(Body::from(body)) else {
            // An address the HTTP library itself cannot form never reaches the server.
            continue;
        };
        let addr = SocketAddr::new(rng.pick(&ips).parse().unwrap(), 40000);
        req.extensions_mut().insert(ConnectInfo(addr));

        let before = stored(&t).await;
        let reply = send(&app, req).await;
        let status = reply.status.as_u16();
        assert!(
            status < 500,
            "{method} {uri} answered {status}: {}",
            reply.body.chars().take(500).collect::<String>()
        );
        if status >= 400 {
            assert_eq!(
                stored(&t).await,
                before,
                "{method} {uri} was refused ({status}) but stored something"
            );
        }
        if let Some(rest) = reply.body.split("missing field `").nth(1)
            && let Some(field) = rest.split('`').next()
        {
            let fields = known.entry(path.clone()).or_default();
            if !fields.iter().any(|f| f == field) {
                fields.push(field.to_owned());
            }
        }
        let entry = tally.entry(path).or_default();
        entry.requests += 1;
        entry.by_class[usize::from(status / 100).clamp(2, 5) - 2] += 1;
    }

    let total: usize = tally.values().map(|t| t.requests).sum();
    println!(
        "\nfuzz ({:?}, seed {seed}): {total} requests over {} endpoints",
        t.engine,
        tally.len()
    );
    println!(
        "{:<48} {:>8} {:>6} {:>6} {:>6} {:>6}",
        "endpoint", "requests", "2xx", "3xx", "4xx", "5xx"
    );
    for (path, t) in &tally {
        println!(
            "{:<48} {:>8} {:>6} {:>6} {:>6} {:>6}",
            path, t.requests, t.by_class[0], t.by_class[1], t.by_class[2], t.by_class[3]
        );
    }
    assert!(total >= REQUESTS * 9 / 10, "{total} requests sent");
}
