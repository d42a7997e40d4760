//! `/statistics`: the figures and charts from what the exchange holds, on both engines, and
//! the page and CSV files as visitors get them.

use app::db::statistics;
use app::domain::{days_from_civil, vietnam_day};
use app::model::statistics::{Chart, Period, Statistics};
use axum::http::StatusCode;

use crate::on_both_databases;
use crate::support::{NewListing, TestDb, auction, get_with, reference_data, test_router};

on_both_databases!(
    figures_count_what_happened_in_each_period,
    the_page_draws_charts_with_tables_and_csv,
);

/// Noon in Vietnam on a day, in ms since the epoch.
fn noon(year: i64, month: u32, day: u32) -> i64 {
    days_from_civil(year, month, day) * 86_400_000 + 5 * 3_600_000
}

/// The values of `series` in `chart` by label, leaving out zeros.
fn values(chart: &Chart, series: &str) -> Vec<(String, i64)> {
    let s = chart.series.iter().find(|s| s.key == series).expect(series);
    chart
        .labels
        .iter()
        .zip(&s.values)
        .filter(|(_, v)| **v != 0)
        .map(|(l, v)| (l.clone(), *v))
        .collect()
}

fn chart<'a>(stats: &'a Statistics, key: &str) -> &'a Chart {
    stats.chart(key).expect(key)
}

fn figure(stats: &Statistics, key: &str) -> i64 {
    stats
        .figures
        .iter()
        .find(|f| f.key == key)
        .expect(key)
        .value
}

fn pairs(items: &[(&str, i64)]) -> Vec<(String, i64)> {
    items.iter().map(|(l, v)| ((*l).to_owned(), *v)).collect()
}

async fn user(t: &TestDb, email: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, role, created_at)
         VALUES ($1, 'Thành viên', 'x', 'member', 1) RETURNING id",
    )
    .bind(email)
    .fetch_one(&t.db)
    .await
    .unwrap()
}

async fn event(
    t: &TestDb,
    slug: &str,
    kind: &str,
    starts_at: i64,
    reported: Option<i64>,
    status: &str,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO events (slug, kind, title, summary, description, description_html, starts_at,
             ends_at, venue, province_code, organiser, attendance_reported, status, created_at,
             updated_at)
         VALUES ($1, $2, 'Sự kiện', 'Tóm tắt sự kiện', 'Mô tả', '<p>Mô tả</p>', $3, $4,
             'Cần Thơ', 'can-tho', 'Sở KH&CN', $5, $6, 0, 0)
         RETURNING id",
    )
    .bind(slug)
    .bind(kind)
    .bind(starts_at)
    .bind(starts_at + 3_600_000)
    .bind(reported)
    .bind(status)
    .fetch_one(&t.db)
    .await
    .unwrap()
}

/// A small exchange with something in every chart, as of 15 June 2026.
async fn exchange(t: &TestDb) -> i64 {
    let db = &t.db;
    reference_data(db).await;
    let now = noon(2026, 6, 15);
    let listing = |slug, kind, status, created_at| NewListing {
        kind,
        status,
        created_at,
        ..NewListing::offer(slug, "Máy sấy lúa")
    };
    let o1 = listing("o1", "offer", "published", noon(2026, 6, 10))
        .insert(db)
        .await;
    let o2 = listing("o2", "offer", "published", noon(2026, 5, 20))
        .insert(db)
        .await;
    sqlx::query(
        "UPDATE listings SET sector_code = 'nong-nghiep', province_code = 'an-giang' WHERE id = $1",
    )
    .bind(o2)
    .execute(db)
    .await
    .unwrap();
    let r1 = listing("r1", "request", "published", noon(2026, 6, 1))
        .insert(db)
        .await;
    listing("c1", "offer", "closed", noon(2025, 1, 15))
        .insert(db)
        .await;
    listing("p1", "offer", "pending", noon(2026, 6, 11))
        .insert(db)
        .await;
    listing("d1", "offer", "draft", noon(2026, 6, 12))
        .insert(db)
        .await;
    listing("old", "offer", "published", noon(2019, 3, 1))
        .insert(db)
        .await;

    let (buyer, seller) = (
        user(t, "mua@techx.test").await,
        user(t, "ban@techx.test").await,
    );
    let sold = auction(db, o1, noon(2026, 6, 1), noon(2026, 6, 5), "approved").await;
    let unsold = auction(db, o2, noon(2026, 4, 1), noon(2026, 4, 2), "approved").await;
    // Still running: counted nowhere.
    auction(db, r1, now - 1000, now + 1000, "approved").await;
    for (id, closed_at, winner, price) in [
        (sold, noon(2026, 6, 5), Some(buyer), Some(5_000_000)),
        (unsold, noon(2026, 4, 2), None, None),
    ] {
        sqlx::query(
            "UPDATE auctions SET status = 'closed', closed_at = $1, winner_id = $2, sold_price_vnd = $3
             WHERE id = $4",
        )
        .bind(closed_at)
        .bind(winner)
        .bind(price)
        .bind(id)
        .execute(db)
        .await
        .unwrap();
    }

    let mut introductions = Vec::new();
    for (offer, status, at) in [
        (o1, "accepted", noon(2026, 6, 2)),
        (o2, "requested", noon(2026, 6, 3)),
    ] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO introductions (request_id, offer_id, from_user, to_user, message, status,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'Xin giới thiệu', $5, $6, $6) RETURNING id",
        )
        .bind(r1)
        .bind(offer)
        .bind(buyer)
        .bind(seller)
        .bind(status)
        .bind(at)
        .fetch_one(db)
        .await
        .unwrap();
        introductions.push(id);
    }
    for (introduction, confirmed_at) in [
        (introductions[0], Some(now - 1000)),
        (introductions[1], None),
    ] {
        sqlx::query(
            "INSERT INTO deal_outcomes (introduction_id, kind, value_vnd, deal_day, sector_code,
                 province_code, recorded_by, other_party, confirmed_at, created_at)
             VALUES ($1, 'purchase', 2000000000, $2, 'co-khi', 'can-tho', $3, $4, $5, $6)",
        )
        .bind(introduction)
        .bind(vietnam_day(noon(2026, 6, 8)))
        .bind(buyer)
        .bind(seller)
        .bind(confirmed_at)
        .bind(now - 2000)
        .execute(db)
        .await
        .unwrap();
    }

    event(
        t,
        "techmart",
        "techmart",
        noon(2026, 3, 10),
        Some(500),
        "published",
    )
    .await;
    let training = event(
        t,
        "training",
        "training",
        noon(2026, 6, 1),
        Some(40),
        "published",
    )
    .await;
    event(
        t,
        "coming",
        "exhibition",
        noon(2026, 7, 1),
        None,
        "published",
    )
    .await;
    event(
        t,
        "called-off",
        "connection",
        noon(2026, 5, 1),
        Some(90),
        "cancelled",
    )
    .await;
    for (n, checked_in) in [
        (1, Some(noon(2026, 6, 1))),
        (2, Some(noon(2026, 6, 1))),
        (3, None),
    ] {
        sqlx::query(
            "INSERT INTO event_registrations (event_id, name, organisation, phone, email, status,
                 ticket_code, cancel_hash, created_at, checked_in_at)
             VALUES ($1, 'Học viên', '', '0900000000', $2, 'confirmed', $3, 'h', 1, $4)",
        )
        .bind(training)
        .bind(format!("hv{n}@techx.test"))
        .bind(format!("TICKET{n}"))
        .bind(checked_in)
        .execute(db)
        .await
        .unwrap();
    }

    app::db::stats::add_visits(db, 10, vietnam_day(noon(2026, 6, 14)))
        .await
        .unwrap();
    app::db::stats::add_visits(db, 5, vietnam_day(noon(2025, 12, 31)))
        .await
        .unwrap();
    now
}

async fn figures_count_what_happened_in_each_period(t: TestDb) {
    let now = exchange(&t).await;
    let year = statistics::statistics(&t.db, Period::Year, now)
        .await
        .unwrap();

    let sectors = chart(&year, "listings-by-sector");
    assert_eq!(
        sectors.labels,
        ["co-khi", "nong-nghiep"],
        "largest first, empty sectors left out"
    );
    assert_eq!(
        values(sectors, "offer"),
        pairs(&[("co-khi", 2), ("nong-nghiep", 1)])
    );
    assert_eq!(values(sectors, "request"), pairs(&[("co-khi", 1)]));
    let provinces = chart(&year, "listings-by-province");
    assert_eq!(provinces.labels, ["can-tho", "an-giang"]);

    let new = chart(&year, "new-listings");
    assert_eq!(new.labels.len(), 12);
    assert_eq!(
        (new.labels[0].as_str(), new.labels[11].as_str()),
        ("2025-07", "2026-06")
    );
    assert_eq!(
        values(new, "offer"),
        pairs(&[("2026-05", 1), ("2026-06", 1)]),
        "published and closed ones, not pending or drafts"
    );
    assert_eq!(values(new, "request"), pairs(&[("2026-06", 1)]));

    let auctions = chart(&year, "auctions");
    assert_eq!(values(auctions, "cleared"), pairs(&[("2026-06", 1)]));
    assert_eq!(values(auctions, "unsold"), pairs(&[("2026-04", 1)]));
    assert_eq!(
        values(chart(&year, "auction-value"), "value"),
        pairs(&[("2026-06", 5_000_000)])
    );

    let connections = chart(&year, "connections");
    assert_eq!(values(connections, "accepted"), pairs(&[("2026-06", 1)]));
    assert_eq!(values(connections, "asked"), pairs(&[("2026-06", 1)]));
    assert_eq!(
        values(chart(&year, "deals"), "deals"),
        pairs(&[("2026-06", 1)]),
        "confirmed only"
    );
    assert_eq!(
        values(chart(&year, "deal-value"), "value"),
        pairs(&[("2026-06", 2_000_000_000)])
    );

    let events = chart(&year, "events");
    assert_eq!(values(events, "techmart"), pairs(&[("2026-03", 1)]));
    assert_eq!(values(events, "training"), pairs(&[("2026-06", 1)]));
    assert_eq!(
        events.max_total(),
        1,
        "neither the coming nor the cancelled event"
    );
    assert_eq!(
        values(chart(&year, "attendance"), "people"),
        pairs(&[("2026-03", 500), ("2026-06", 2)]),
        "check-ins count over a reported figure"
    );
    assert_eq!(
        values(chart(&year, "visits"), "views"),
        pairs(&[("2025-12", 5), ("2026-06", 10)])
    );

    for (key, value) in [
        ("offers", 3),
        ("requests", 1),
        ("auctions_held", 2),
        ("auctions_cleared", 1),
        ("auction_value", 5_000_000),
        ("connections", 1),
        ("deals", 1),
        ("deal_value", 2_000_000_000),
        ("events", 2),
        ("attendance", 502),
        ("visits", 15),
    ] {
        assert_eq!(figure(&year, key), value, "{key}");
    }

    let three = statistics::statistics(&t.db, Period::ThreeYears, now)
        .await
        .unwrap();
    let new = chart(&three, "new-listings");
    assert_eq!(new.labels.len(), 36);
    assert_eq!(
        values(new, "offer"),
        pairs(&[("2025-01", 1), ("2026-05", 1), ("2026-06", 1)])
    );

    let all = statistics::statistics(&t.db, Period::All, now)
        .await
        .unwrap();
    let new = chart(&all, "new-listings");
    assert_eq!(
        new.labels.first().map(String::as_str),
        Some("2019"),
        "from the first listing's year"
    );
    assert_eq!(new.labels.last().map(String::as_str), Some("2026"));
    assert_eq!(
        values(new, "offer"),
        pairs(&[("2019", 1), ("2025", 1), ("2026", 2)])
    );
    assert_eq!(
        values(chart(&all, "visits"), "views"),
        pairs(&[("2025", 5), ("2026", 10)])
    );
}

async fn the_page_draws_charts_with_tables_and_csv(t: TestDb) {
    exchange(&t).await;
    let app = test_router(&t, &std::env::temp_dir());

    let page = get_with(&app, "/statistics?period=all", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    for key in statistics::CHART_KEYS {
        assert!(
            body.contains(&format!("data-chart=\"{key}\"")),
            "{key} on the page"
        );
        assert!(
            body.contains(&format!("href=\"/statistics/{key}.csv?period=all\"")),
            "{key}'s CSV link"
        );
    }
    let svg = body
        .find("<svg")
        .map(|at| &body[at..(at + 300).min(body.len())]);
    assert!(
        svg.is_some_and(|svg| svg.contains("class=\"chart-svg\"") && svg.contains("role=\"img\"")),
        "charts drawn on the server: {svg:?}"
    );
    assert!(
        body.contains("<title>2019 · Chào bán: 1</title>"),
        "hover values"
    );
    assert!(
        body.contains("<table class=\"data-table\""),
        "figures in tables"
    );
    assert!(
        body.contains("<option value=\"all\" selected"),
        "the period chosen"
    );
    assert!(body.contains("Sàn giao dịch qua các con số"));

    let english = get_with(&app, "/statistics", Some("lang=en")).await;
    assert!(english.body.contains("The exchange in figures"));
    assert!(english.body.contains("Offers"));

    let csv = get_with(&app, "/statistics/listings-by-sector.csv?period=12m", None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("techx-listings-by-sector-12m.csv")
    );
    assert_eq!(
        csv.body,
        "sector,name_vi,name_en,offer,request\r\n\
         co-khi,\"Cơ khí\",\"Mechanical engineering\",2,1\r\n\
         nong-nghiep,\"Nông nghiệp\",\"Agriculture\",1,0\r\n"
    );
    let years = get_with(&app, "/statistics/deal-value.csv?period=all", None).await;
    assert!(
        years.body.starts_with("year,value_vnd\r\n"),
        "{}",
        years.body
    );

    for missing in [
        "/statistics/nothing.csv",
        "/statistics/visits",
        "/statistics/visits.txt",
    ] {
        assert_eq!(
            get_with(&app, missing, None).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}
