//! Investor profiles: one per member, approved by a moderator before the investor sees any
//! project's confidential part; the directory of approved investors.

use super::Db;
use crate::domain::startup::{InvestorForm, InvestorInput};
use crate::model::{InvestorCard, InvestorStatus};

/// The profile's columns before its focus, `i` being the investor.
const COLUMNS: &str = "i.id, i.slug, i.kind, i.name, i.about, i.ticket_min, i.ticket_max, \
     i.portfolio, i.website FROM investors i";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    kind: String,
    name: String,
    about: String,
    ticket_min: i64,
    ticket_max: i64,
    portfolio: String,
    website: Option<String>,
}

/// `rows` with their focus.
async fn with_focus(db: &Db, rows: Vec<Row>) -> sqlx::Result<Vec<InvestorCard>> {
    let mut cards = Vec::with_capacity(rows.len());
    for row in rows {
        let focus: Vec<(String, String)> = sqlx::query_as(
            "SELECT facet, code FROM investor_focus WHERE investor_id = $1 ORDER BY facet, code",
        )
        .bind(row.id)
        .fetch_all(db)
        .await?;
        let of = |facet: &str| -> Vec<String> {
            focus
                .iter()
                .filter(|(f, _)| f == facet)
                .map(|(_, code)| code.clone())
                .collect()
        };
        cards.push(InvestorCard {
            sectors: of("sector"),
            stages: of("stage"),
            provinces: of("province"),
            id: row.id,
            slug: row.slug,
            kind: row.kind,
            name: row.name,
            about: row.about,
            ticket_min: row.ticket_min,
            ticket_max: row.ticket_max,
            portfolio: row.portfolio,
            website: row.website,
        });
    }
    Ok(cards)
}

/// Saves `user`'s investor profile as `input` (made anew or changed); every change waits for a
/// moderator again, so an approved investor changing their profile sees no confidential
/// material until it is approved again.
pub async fn save(db: &Db, user: i64, input: &InvestorInput, now: i64) -> sqlx::Result<i64> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM investors WHERE user_id = $1")
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?;
    let id = match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE investors SET kind = $2, name = $3, about = $4, ticket_min = $5,
                     ticket_max = $6, portfolio = $7, website = $8, status = 'pending',
                     review_note = NULL, updated_at = $9
                 WHERE id = $1",
            )
            .bind(id)
            .bind(input.kind.code())
            .bind(&input.name)
            .bind(&input.about)
            .bind(input.ticket_min)
            .bind(input.ticket_max)
            .bind(&input.portfolio)
            .bind(&input.website)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            let mut slug = input.slug.clone();
            for n in 2.. {
                if !super::slug_taken(&mut tx, "investors", &slug, 0).await? {
                    break;
                }
                slug = format!("{}-{n}", input.slug);
            }
            sqlx::query_scalar(
                "INSERT INTO investors (user_id, slug, kind, name, about, ticket_min, ticket_max,
                     portfolio, website, status, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $10) RETURNING id",
            )
            .bind(user)
            .bind(slug)
            .bind(input.kind.code())
            .bind(&input.name)
            .bind(&input.about)
            .bind(input.ticket_min)
            .bind(input.ticket_max)
            .bind(&input.portfolio)
            .bind(&input.website)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    sqlx::query("DELETE FROM investor_focus WHERE investor_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let focus = input
        .sectors
        .iter()
        .map(|c| ("sector", *c))
        .chain(input.stages.iter().map(|s| ("stage", s.code())))
        .chain(input.provinces.iter().map(|c| ("province", *c)));
    for (facet, code) in focus {
        sqlx::query("INSERT INTO investor_focus (investor_id, facet, code) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(facet)
            .bind(code)
            .execute(&mut *tx)
            .await?;
    }
    super::audit::record(
        &mut tx,
        Some(user),
        "investor_saved",
        ("investor", id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// `user`'s investor profile as the form shows it, and its review.
pub async fn editor(db: &Db, user: i64) -> sqlx::Result<Option<(InvestorForm, InvestorStatus)>> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} WHERE i.user_id = $1"))
        .bind(user)
        .fetch_optional(db)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let status = status(db, user).await?.unwrap_or(InvestorStatus {
        slug: row.slug.clone(),
        name: row.name.clone(),
        status: "pending".into(),
        review_note: None,
    });
    let card = with_focus(db, vec![row]).await?.remove(0);
    let form = InvestorForm {
        kind: card.kind,
        name: card.name,
        about: card.about,
        ticket_min: card.ticket_min.to_string(),
        ticket_max: card.ticket_max.to_string(),
        portfolio: card.portfolio,
        website: card.website.unwrap_or_default(),
        sectors: card.sectors,
        stages: card.stages,
        provinces: card.provinces,
    };
    Ok(Some((form, status)))
}

/// `user`'s investor profile's review, if they have one.
pub async fn status(db: &Db, user: i64) -> sqlx::Result<Option<InvestorStatus>> {
    sqlx::query_as("SELECT slug, name, status, review_note FROM investors WHERE user_id = $1")
        .bind(user)
        .fetch_optional(db)
        .await
}

/// The approved investors, by name.
pub async fn approved(db: &Db) -> sqlx::Result<Vec<InvestorCard>> {
    let rows = sqlx::query_as(&format!(
        "SELECT {COLUMNS} WHERE i.status = 'approved' ORDER BY i.name, i.id"
    ))
    .fetch_all(db)
    .await?;
    with_focus(db, rows).await
}

/// How many investors are approved.
pub async fn count_approved(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM investors WHERE status = 'approved'")
        .fetch_one(db)
        .await
}

/// Investor profiles waiting for a moderator, oldest change first, with their member's name,
/// e-mail, id and when they were sent.
pub async fn pending(
    db: &Db,
    limit: i64,
) -> sqlx::Result<Vec<(InvestorCard, String, String, i64, i64)>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} WHERE i.status = 'pending' ORDER BY i.updated_at, i.id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await?;
    let cards = with_focus(db, rows).await?;
    let mut out = Vec::with_capacity(cards.len());
    for card in cards {
        let (name, email, user, at): (String, String, i64, i64) = sqlx::query_as(
            "SELECT u.display_name, u.email, u.id, i.updated_at FROM investors i
             JOIN users u ON u.id = i.user_id WHERE i.id = $1",
        )
        .bind(card.id)
        .fetch_one(db)
        .await?;
        out.push((card, name, email, user, at));
    }
    Ok(out)
}

/// How many investor profiles wait for a moderator.
pub async fn count_pending(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM investors WHERE status = 'pending'")
        .fetch_one(db)
        .await
}

/// A moderator approves pending investor `id` (`reason` `None`) or refuses it with a reason.
/// The member's id, or `None` when it no longer waits.
pub async fn decide(
    db: &Db,
    id: i64,
    reason: Option<&str>,
    by: i64,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let user: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM investors WHERE id = $1 AND status = 'pending'")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(user) = user else { return Ok(None) };
    let status = if reason.is_some() {
        "rejected"
    } else {
        "approved"
    };
    sqlx::query(
        "UPDATE investors SET status = $2, review_note = $3, reviewed_by = $4, reviewed_at = $5
         WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(reason)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    super::audit::record(
        &mut tx,
        Some(by),
        if reason.is_some() {
            "investor_rejected"
        } else {
            "investor_approved"
        },
        ("investor", id),
        reason.unwrap_or(""),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(user))
}
