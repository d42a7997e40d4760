//! What buyers type, judged on the first page of the demo catalogue: the queries of issue 25
//! and their kind, each with what its first results must be, on both engines.

use app::db::search;
use app::domain::{BrowseQuery, search_words};
use techx_server::seed;

use crate::on_both_databases;
use crate::support::TestDb;

on_both_databases!(buyers_find_what_they_mean_on_the_demo_catalogue);

/// A query, how many of its first results are judged, and the folded words one of which each of
/// them must hold in its title.
const JUDGEMENTS: &[(&str, usize, &[&str])] = &[
    ("bom nuoc", 6, &["bom"]),
    ("máy bơm", 6, &["bom"]),
    ("may bom chim", 3, &["bom chim"]),
    ("drone", 4, &["drone", "may bay khong nguoi lai", "flycam"]),
    (
        "may bay khong nguoi lai",
        4,
        &["drone", "may bay khong nguoi lai", "flycam"],
    ),
    ("lò sấy lúa", 4, &["say lua"]),
    ("may say lua", 6, &["say lua"]),
    ("robt", 2, &["robot"]),
    ("may keo", 4, &["may keo", "may cay"]),
    ("xu ly nuoc thai", 4, &["nuoc thai", "xu ly nuoc"]),
    ("cam bien", 4, &["cam bien"]),
    ("kho lanh", 4, &["kho lanh", "kho mat", "kho dong"]),
    ("iot", 3, &["iot", "internet van vat"]),
    (
        "thiet bi y te",
        3,
        &["thiet bi y te", "vat tu y te", "dung cu y te"],
    ),
    ("quat nuoc ao tom", 4, &["quat nuoc", "suc khi"]),
    ("pin mat troi", 4, &["mat troi", "solar"]),
    ("gach khong nung", 3, &["gach khong nung"]),
];

async fn buyers_find_what_they_mean_on_the_demo_catalogue(t: TestDb) {
    seed::run(&t.db, t.media.as_ref(), 1, 0, false)
        .await
        .unwrap();
    for (q, judged, wanted) in JUDGEMENTS {
        let (filter, _) = BrowseQuery {
            q: (*q).to_owned(),
            ..BrowseQuery::default()
        }
        .check();
        let found = search::find(&t.db, &filter, 24, 0).await.unwrap();
        assert!(
            found.cards.len() >= *judged,
            "{q}: {} found",
            found.cards.len()
        );
        for card in &found.cards[..*judged] {
            let title = format!(" {} ", search_words(&card.title).join(" "));
            assert!(
                wanted.iter().any(|w| title.contains(&format!(" {w} "))),
                "{q}: {:?} among the first {judged}",
                card.title
            );
        }
        // Copies by one poster never fill a page: each poster's title once.
        let mut seen = std::collections::HashSet::new();
        for card in &found.cards {
            let poster = card.stall_slug.clone().or(card.seller_name.clone());
            assert!(
                seen.insert((poster, card.title.clone())),
                "{q}: {} twice",
                card.title
            );
        }
    }
    // The drones themselves before courses about them.
    let (filter, _) = BrowseQuery {
        q: "drone".to_owned(),
        kind: "offer".to_owned(),
        ..BrowseQuery::default()
    }
    .check();
    let found = search::find(&t.db, &filter, 24, 0).await.unwrap();
    assert!(
        found.cards[..3]
            .iter()
            .all(|c| c.listing_type == "equipment"),
        "{:?}",
        found.cards.iter().map(|c| &c.title).collect::<Vec<_>>()
    );
}
