//! Changes to approved stalls waiting for a moderator (migration 32): the profile and pictures
//! a stall's owner proposed, while the approved version stays public. One per stall; a later
//! edit or picture replaces the proposal, keeping the rest of it.

use super::Db;
use super::stalls::StallPicture;
use crate::domain::StallForm;

/// A waiting revision: the whole profile as it would be, as typed, and the pictures.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Revision {
    pub stall_id: i64,
    pub name: String,
    pub org_kind: String,
    pub sector_code: String,
    pub other_sectors: String,
    pub province_code: String,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub contact_person: String,
    pub founded_year: String,
    pub certifications: String,
    pub logo_key: Option<String>,
    pub cover_key: Option<String>,
    pub submitted_by: Option<i64>,
    pub submitted_at: i64,
}

impl Revision {
    /// The profile as the stall's form holds it.
    pub fn form(&self) -> StallForm {
        StallForm {
            name: self.name.clone(),
            org_kind: self.org_kind.clone(),
            sector_code: self.sector_code.clone(),
            other_sectors: self.other_sectors.clone(),
            province_code: self.province_code.clone(),
            description: self.description.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            website: self.website.clone(),
            contact_person: self.contact_person.clone(),
            founded_year: self.founded_year.clone(),
            certifications: self.certifications.clone(),
        }
    }
}

impl Revision {
    /// Each profile field the revision changes, as (field name, approved text, proposed text);
    /// pictures aside.
    pub fn changes(&self, stall: &super::stalls::StallRecord) -> Vec<(String, String, String)> {
        let founded = stall
            .founded_year
            .map(|y| y.to_string())
            .unwrap_or_default();
        let fields: [(&str, &str, &str); 13] = [
            ("name", &stall.name, &self.name),
            ("org_kind", &stall.org_kind, &self.org_kind),
            ("sector_code", &stall.sector_code, &self.sector_code),
            ("other_sectors", &stall.other_sectors, &self.other_sectors),
            ("province_code", &stall.province_code, &self.province_code),
            ("description", &stall.description, &self.description),
            ("address", &stall.address, &self.address),
            ("phone", &stall.phone, &self.phone),
            ("email", &stall.email, &self.email),
            ("website", &stall.website, &self.website),
            (
                "contact_person",
                &stall.contact_person,
                &self.contact_person,
            ),
            ("founded_year", &founded, &self.founded_year),
            (
                "certifications",
                &stall.certifications,
                &self.certifications,
            ),
        ];
        fields
            .iter()
            .filter(|(_, now, proposed)| now.trim() != proposed.trim())
            .map(|(field, now, proposed)| {
                (
                    (*field).to_owned(),
                    (*now).to_owned(),
                    (*proposed).to_owned(),
                )
            })
            .collect()
    }
}

const COLUMNS: &str = "stall_id, name, org_kind, sector_code, other_sectors, province_code, \
     description, address, phone, email, website, contact_person, founded_year, certifications, \
     logo_key, cover_key, submitted_by, submitted_at";

/// Stall `stall_id`'s waiting revision, if any.
pub async fn get<'e, E>(executor: E, stall_id: i64) -> sqlx::Result<Option<Revision>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM stall_revisions WHERE stall_id = $1"
    ))
    .bind(stall_id)
    .fetch_optional(executor)
    .await
}

/// Makes sure stall `stall_id` has a waiting revision (a copy of its approved version when it had
/// none), marked as proposed by `by` at `now`.
async fn open(
    conn: &mut sqlx::AnyConnection,
    stall_id: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO stall_revisions (stall_id, name, org_kind, sector_code, other_sectors,
             province_code, description, address, phone, email, website, contact_person,
             founded_year, certifications, logo_key, cover_key, submitted_by, submitted_at)
         SELECT id, name, org_kind, sector_code, other_sectors, province_code, description,
             address, phone, email, website, contact_person,
             COALESCE(CAST(founded_year AS TEXT), ''), certifications, logo_key, cover_key, $2, $3
         FROM stalls WHERE id = $1
         ON CONFLICT (stall_id) DO NOTHING",
    )
    .bind(stall_id)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE stall_revisions SET submitted_by = $2, submitted_at = $3 WHERE stall_id = $1",
    )
    .bind(stall_id)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Proposes `form` as stall `stall_id`'s profile (checked by the caller), keeping the pictures
/// proposed already.
pub async fn propose_profile(
    conn: &mut sqlx::AnyConnection,
    stall_id: i64,
    form: &StallForm,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    open(conn, stall_id, by, now).await?;
    sqlx::query(
        "UPDATE stall_revisions SET name = $2, org_kind = $3, sector_code = $4, other_sectors = $5,
             province_code = $6, description = $7, address = $8, phone = $9, email = $10,
             website = $11, contact_person = $12, founded_year = $13, certifications = $14
         WHERE stall_id = $1",
    )
    .bind(stall_id)
    .bind(form.name.trim())
    .bind(&form.org_kind)
    .bind(&form.sector_code)
    .bind(&form.other_sectors)
    .bind(&form.province_code)
    .bind(form.description.trim())
    .bind(form.address.trim())
    .bind(form.phone.trim())
    .bind(form.email.trim())
    .bind(form.website.trim())
    .bind(form.contact_person.trim())
    .bind(form.founded_year.trim())
    .bind(form.certifications.trim())
    .execute(conn)
    .await?;
    Ok(())
}

/// Proposes `key` (or none) as stall `stall_id`'s logo or cover, keeping the rest of the
/// proposal. Returns the picture proposed before, which the caller discards if nothing uses it.
pub async fn propose_picture(
    conn: &mut sqlx::AnyConnection,
    stall_id: i64,
    which: StallPicture,
    key: Option<&str>,
    by: i64,
    now: i64,
) -> sqlx::Result<Option<String>> {
    open(conn, stall_id, by, now).await?;
    let column = which.column();
    let before: Option<String> = sqlx::query_scalar(&format!(
        "SELECT {column} FROM stall_revisions WHERE stall_id = $1"
    ))
    .bind(stall_id)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "UPDATE stall_revisions SET {column} = $2 WHERE stall_id = $1"
    ))
    .bind(stall_id)
    .bind(key)
    .execute(conn)
    .await?;
    Ok(before)
}

/// Takes stall `stall_id`'s waiting revision away (to apply it or refuse it): `None` when another
/// moderator took it first.
pub async fn take(conn: &mut sqlx::AnyConnection, stall_id: i64) -> sqlx::Result<Option<Revision>> {
    sqlx::query_as(&format!(
        "DELETE FROM stall_revisions WHERE stall_id = $1 RETURNING {COLUMNS}"
    ))
    .bind(stall_id)
    .fetch_optional(conn)
    .await
}

/// The oldest `limit` waiting revisions, with who proposed each (name, e-mail).
pub async fn waiting(db: &Db, limit: i64) -> sqlx::Result<Vec<(Revision, String, String)>> {
    let revisions: Vec<Revision> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM stall_revisions ORDER BY submitted_at, stall_id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(revisions.len());
    for revision in revisions {
        let (name, email): (String, String) = sqlx::query_as(
            "SELECT COALESCE(MAX(display_name), ''), COALESCE(MAX(email), '') FROM users WHERE id = $1",
        )
        .bind(revision.submitted_by)
        .fetch_one(db)
        .await?;
        out.push((revision, name, email));
    }
    Ok(out)
}

/// How many revisions wait.
pub async fn count_waiting(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM stall_revisions")
        .fetch_one(db)
        .await
}
