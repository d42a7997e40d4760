use app::db::{now_ms, stats};
use techx_server::seed;

use crate::on_both_databases;
use crate::support::TestDb;

on_both_databases!(seeding_gives_the_real_exchanges_figures_once);

/// Articles seeded here: enough for several pages of every category (the demo writes 90,000;
/// `bench/news.sh` times that).
const ARTICLES_SEEDED: usize = 600;

async fn seeding_gives_the_real_exchanges_figures_once(t: TestDb) {
    assert!(seed::is_empty(&t.db).await.unwrap());
    let first = seed::run(&t.db, t.media.as_ref(), 1, ARTICLES_SEEDED, false)
        .await
        .unwrap();
    assert_eq!(first.stalls, seed::STALLS as u64);
    assert_eq!(
        first.listings,
        (seed::STALL_OFFERS + seed::INDEPENDENT_OFFERS + seed::REQUESTS) as u64
    );
    assert_eq!(
        first.auctions,
        (seed::RUNNING_AUCTIONS + seed::UPCOMING_AUCTIONS + seed::ENDED_AUCTIONS) as u64
    );

    // The demo's history queues no mail, now or when the server composes outbid mails.
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(queued, 0);
    let composed = app::db::notifications::mail_outbid(&t.db, "https://techx.test", now_ms(), 1000)
        .await
        .unwrap();
    assert_eq!(composed, 0, "no outbid mail for the seeded bids");

    let counters = stats::counters(&t.db, now_ms()).await.unwrap();
    assert_eq!(counters.stalls, 240);
    assert_eq!(counters.offers, 10_738 + 918);
    assert_eq!(counters.requests, 1_200);
    assert_eq!(counters.auctions_running, 44);

    // The demo accounts log in with the passwords the command prints.
    assert_eq!(first.users, seed::DEMO_USERS.len() as u64);
    assert_eq!(first.articles, ARTICLES_SEEDED as u64);
    for (email, _, role, password) in seed::DEMO_USERS {
        let (user, hash) =
            app::db::accounts::find_login(&t.db, &app::domain::Email::parse(email).unwrap())
                .await
                .unwrap()
                .expect("a demo account");
        assert_eq!(user.role, role);
        assert!(app::auth::verify_password(password, &hash), "{email}");
        assert!(first.to_string().contains(password));
    }

    // Auctions that have started carry bid histories made by the bidding rules: every log
    // verifies, and most running auctions have bids.
    let auctions: Vec<(i64, String, i64, i64)> =
        sqlx::query_as("SELECT id, status, action_count, starts_at FROM auctions ORDER BY id")
            .fetch_all(&t.db)
            .await
            .unwrap();
    let now = now_ms();
    let mut running_with_bids = 0;
    for (id, status, actions, starts_at) in &auctions {
        let verified = app::db::auctions::verify(&t.db, *id).await.unwrap();
        assert_eq!(verified.map(|v| v.actions), Ok(*actions), "auction {id}");
        if *starts_at > now {
            assert_eq!(*actions, 0, "an upcoming auction has no bids");
        }
        if status == "approved" && *starts_at <= now && *actions > 0 {
            running_with_bids += 1;
        }
    }
    assert!(
        running_with_bids >= 30,
        "{running_with_bids} of 44 running auctions have bids"
    );
    let closed = auctions.iter().filter(|a| a.1 == "closed").count();
    assert_eq!(closed, seed::ENDED_AUCTIONS);

    // The demo member has a conversation with the demo stall member's stall, and saved listings.
    let count = |sql: &'static str| {
        let db = t.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    // Introductions in every status; each accepted one opened a conversation with its message.
    let statuses = count("SELECT COUNT(DISTINCT status) FROM introductions").await;
    assert_eq!(
        statuses, 6,
        "requested, accepted, declined, met, deal, no deal"
    );
    let connected = count(
        "SELECT COUNT(*) FROM introductions WHERE status IN ('accepted', 'met', 'deal', 'no_deal')",
    )
    .await;
    let exchanges = (
        count("SELECT COUNT(*) FROM conversations").await,
        count("SELECT COUNT(*) FROM messages").await,
        count("SELECT COUNT(*) FROM watchlist").await,
    );
    assert_eq!(exchanges, (1 + connected, 2 + connected, 2));
    let deals = count("SELECT COUNT(*) FROM deal_outcomes WHERE confirmed_at IS NOT NULL").await;
    assert!(deals >= 5, "{deals} confirmed deals feed /connect");
    // Saved searches, and alerts for the newest listings waiting for their digests.
    assert!(count("SELECT COUNT(*) FROM saved_searches").await >= 50);
    assert!(count("SELECT COUNT(*) FROM alert_hits WHERE sent_at IS NULL").await > 0);
    assert_eq!(
        count("SELECT COUNT(*) FROM listings WHERE alerts_checked_at IS NULL").await,
        0,
        "every listing looked up once"
    );

    // Three offers in four show a drawing of what they are, served from the media store.
    let pictured = count("SELECT COUNT(*) FROM listings WHERE image_count > 0").await;
    assert!((8_400..=9_100).contains(&pictured), "{pictured}");
    let pumps: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM listings WHERE fold_title LIKE 'may bom%' AND image_count > 0 \
         AND cover_thumb = 'demo/pump_t.jpg'",
    )
    .fetch_one(&t.db)
    .await
    .unwrap();
    assert!(pumps > 0, "a pump shows a pump");

    // A catalogue that reads like the Delta's: thousands of distinct titles, pumps and drones
    // among them, no stall listing one title twice, requests with budgets.
    let titles = count("SELECT COUNT(DISTINCT title) FROM listings WHERE kind = 'offer'").await;
    assert!(titles >= 3_000, "{titles} distinct offer titles");
    for words in [
        "may bom",
        "may bay khong nguoi lai",
        "drone",
        "say lua",
        "thiet bi y te",
    ] {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM listings WHERE fold_title LIKE $1")
            .bind(format!("%{words}%"))
            .fetch_one(&t.db)
            .await
            .unwrap();
        assert!(n > 0, "{words}");
    }
    let copies = count(
        "SELECT COUNT(*) FROM (SELECT stall_id, title FROM listings WHERE stall_id IS NOT NULL \
         GROUP BY stall_id, title HAVING COUNT(*) > 1) twice",
    )
    .await;
    assert_eq!(copies, 0, "no stall lists one title twice");
    let budgets = count(
        "SELECT COUNT(*) FROM listings WHERE kind = 'request' AND budget_max_vnd IS NOT NULL",
    )
    .await;
    assert!(budgets > 600, "{budgets} requests give a budget");
    assert_eq!(count("SELECT COUNT(*) FROM listing_images").await, pictured);
    let thumb: String = sqlx::query_scalar(
        "SELECT cover_thumb FROM listings WHERE image_count > 0 ORDER BY id LIMIT 1",
    )
    .fetch_one(&t.db)
    .await
    .unwrap();
    let bytes = std::fs::read(t.media_dir.path().join(&thumb)).unwrap();
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "{thumb} is a JPEG");

    // The news: every category, tagged, over the years, readable at once.
    assert_eq!(
        count("SELECT COUNT(DISTINCT category) FROM articles WHERE status = 'published'").await,
        6
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.published_at = a.published_at)").await,
        0,
        "every article is tagged, its tags dated like it"
    );
    let years =
        count("SELECT (MAX(published_at) - MIN(published_at)) / 31536000000 FROM articles").await;
    assert!(years >= 10, "articles span {years} years");
    let news = app::db::articles::published(&t.db, None, Some("chuyen-doi-so"), 1, 12)
        .await
        .unwrap();
    assert!(
        news.total > 10,
        "{} articles on digital transformation",
        news.total
    );

    let second = seed::run(&t.db, t.media.as_ref(), 1, ARTICLES_SEEDED, false)
        .await
        .unwrap();
    assert_eq!(
        (
            count("SELECT COUNT(*) FROM conversations").await,
            count("SELECT COUNT(*) FROM messages").await,
            count("SELECT COUNT(*) FROM watchlist").await,
        ),
        exchanges
    );
    assert_eq!(
        (
            second.stalls,
            second.listings,
            second.auctions,
            second.articles,
            second.users,
            second.projects,
            second.mentors
        ),
        (0, 0, 0, 0, 0, 0, 0),
        "a second seed duplicates nothing"
    );

    // The startup showcase at the real exchange's scale: over a thousand projects from 284
    // organisations, the city's two funds among the approved investors, work for moderators.
    assert_eq!(first.projects, 1_050);
    assert_eq!(
        count("SELECT COUNT(DISTINCT owner_id) FROM startup_projects").await,
        284
    );
    assert!(
        count("SELECT COUNT(*) FROM startup_projects WHERE status = 'published'").await > 1_000
    );
    assert!(count("SELECT COUNT(*) FROM startup_projects WHERE status = 'pending'").await > 0);
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM investors WHERE status = 'approved' AND kind = 'fund'
                 AND name LIKE '%thành phố Cần Thơ'"
        )
        .await,
        2
    );
    assert!(count("SELECT COUNT(*) FROM investors WHERE status = 'pending'").await > 0);
    assert_eq!(
        count("SELECT COUNT(*) FROM startup_team t LEFT JOIN startup_projects p ON p.id = t.project_id WHERE p.id IS NULL").await,
        0
    );
    assert!(count("SELECT COUNT(*) FROM startup_confidential_views").await > 0);
    // The network around it: 30 mentors and the demo member, sessions in every state,
    // introductions answered and waiting, an open call and a closed one with applications in
    // every status, each once.
    assert_eq!(first.mentors, 31);
    assert_eq!(count("SELECT COUNT(*) FROM mentors").await, 31);
    assert_eq!(
        count("SELECT COUNT(DISTINCT status) FROM mentor_sessions").await,
        5,
        "requested, proposed, scheduled, declined and done"
    );
    assert!(count("SELECT COUNT(*) FROM mentor_session_notes").await > 0);
    assert_eq!(
        count("SELECT COUNT(DISTINCT status) FROM startup_introductions").await,
        3
    );
    assert!(count("SELECT COUNT(*) FROM startup_intro_messages").await >= 3);
    let now = now_ms();
    let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM funding_calls WHERE deadline > $1")
        .bind(now)
        .fetch_one(&t.db)
        .await
        .unwrap();
    let closed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM funding_calls WHERE deadline <= $1")
        .bind(now)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!((open, closed), (1, 1));
    assert_eq!(
        count(
            "SELECT COUNT(DISTINCT a.status) FROM call_applications a
             JOIN funding_calls c ON c.id = a.call_id
             WHERE c.slug = 'vong-tai-tro-khoi-nghiep-doi-moi-sang-tao-2026'"
        )
        .await,
        5,
        "applications in every status"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM call_applications WHERE status = 'declined' AND decline_reason IS NULL").await,
        0
    );
    // The city's incubator: 11 projects, 20 training courses, 750 trainees.
    let incubator = app::db::incubator::page(&t.db, "vuon-uom-doanh-nghiep-cong-nghe-can-tho", now)
        .await
        .unwrap()
        .expect("the incubator");
    assert_eq!(incubator.card.projects, 11);
    assert_eq!(incubator.trainings.len(), 20);
    assert_eq!(incubator.trainees, 750);
    assert!(!incubator.past.is_empty() && !incubator.current.is_empty());
    assert_eq!(
        stats::counters(&t.db, now_ms()).await.unwrap().offers,
        10_738 + 918
    );

    // Text is Vietnamese and independent sellers name themselves.
    let (title, seller): (String, Option<String>) = sqlx::query_as(
        "SELECT title, seller_name FROM listings WHERE stall_id IS NULL AND kind = 'offer' ORDER BY id LIMIT 1",
    )
    .fetch_one(&t.db)
    .await
    .unwrap();
    assert!(!title.is_ascii(), "title {title:?} should be Vietnamese");
    assert!(seller.is_some_and(|s| !s.is_empty()));
}
