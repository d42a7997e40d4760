//! The demo news: science and technology articles over fifteen years, written from the same
//! catalogue of products the listings come from, so an article about rice dryers sits beside rice
//! dryers on sale. Deterministic: article `n` is the same on every machine.

use app::db::Db;
use app::domain::Slug;
use indicatif::ProgressBar;

use super::data::{FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, SECTOR_DATA};
use super::{DAY_MS, Rng, push_placeholders};

/// Articles on the real exchange.
pub const ARTICLES: usize = 90_000;
/// Years the articles are spread over, ending now.
const YEARS: i64 = 15;
/// Articles inserted per statement.
const BATCH: usize = 250;
/// The random stream of the news (each kind of seeded thing has its own).
const STREAM: u64 = 0x6e65_7773;

/// Where things happen: Cần Thơ's districts and the Delta's provinces.
const PLACES: &[&str] = &[
    "Cần Thơ",
    "Ninh Kiều",
    "Cái Răng",
    "Bình Thủy",
    "Ô Môn",
    "Thốt Nốt",
    "Phong Điền",
    "Cờ Đỏ",
    "Thới Lai",
    "Vĩnh Thạnh",
    "An Giang",
    "Đồng Tháp",
    "Vĩnh Long",
    "Cà Mau",
    "Kiên Giang",
    "Sóc Trăng",
    "Hậu Giang",
    "Bạc Liêu",
    "Trà Vinh",
    "Bến Tre",
    "Tiền Giang",
    "Long An",
];

const ORGANISATIONS: &[&str] = &[
    "Trường Đại học Cần Thơ",
    "Viện Lúa Đồng bằng sông Cửu Long",
    "Sở Khoa học và Công nghệ",
    "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",
    "Trường Đại học Kỹ thuật – Công nghệ Cần Thơ",
    "Viện Cây ăn quả miền Nam",
    "Hợp tác xã nông nghiệp",
    "Công ty cổ phần cơ khí",
    "Trung tâm Khuyến nông",
    "Vườn ươm doanh nghiệp công nghệ",
];

const FIELDS: &[&str] = &[
    "sản xuất lúa gạo",
    "nuôi trồng thủy sản",
    "chế biến nông sản",
    "cây ăn trái",
    "năng lượng tái tạo",
    "xử lý nước thải",
    "chuyển đổi số",
    "cơ khí chế tạo",
    "y tế cơ sở",
    "logistics và kho lạnh",
];

const UNIVERSITIES: &[&str] = &[
    "Trường Đại học Cần Thơ",
    "Trường Đại học Kỹ thuật – Công nghệ Cần Thơ",
    "Trường Đại học Nam Cần Thơ",
    "Trường Đại học Tây Đô",
    "Trường Đại học Y Dược Cần Thơ",
];

const AUTHORS_FIXED: &[&str] = &[
    "Ban biên tập",
    "Phòng Thông tin – Thống kê",
    "Trung tâm Thông tin và Thống kê KH&CN",
];

const SOURCES: &[&str] = &[
    "Báo Cần Thơ",
    "Sở Khoa học và Công nghệ Cần Thơ",
    "Trung tâm Thông tin KH&CN",
    "Tạp chí Khoa học Trường Đại học Cần Thơ",
];

/// One category's headlines and lead sentences. `{item}` is a product type (lowercase),
/// `{place}`, `{org}`, `{field}`, `{n}` and `{year}` what they say.
struct Beat {
    category: &'static str,
    titles: &'static [&'static str],
    leads: &'static [&'static str],
}

const BEATS: &[Beat] = &[
    Beat {
        category: "thanh-tuu",
        titles: &[
            "{org} làm chủ công nghệ {item} cho {field}",
            "Nghiệm thu đề tài ứng dụng {item} tại {place}",
            "{item} do kỹ sư {place} chế tạo đạt tiêu chuẩn xuất khẩu",
            "Công nghệ {item} giúp nông dân {place} giảm {n}% chi phí",
            "Sáng chế {item} của {org} được cấp bằng độc quyền",
        ],
        leads: &[
            "Sau {n} tháng thử nghiệm, kết quả cho thấy {item} vận hành ổn định và tiết kiệm đáng kể so với cách làm truyền thống.",
            "Đề tài do {org} chủ trì đã được hội đồng khoa học đánh giá xuất sắc và sẵn sàng chuyển giao.",
        ],
    },
    Beat {
        category: "doi-moi-sang-tao",
        titles: &[
            "{place} đưa {item} vào {field}",
            "Chuyển đổi số trong {field}: bài học từ {place}",
            "Doanh nghiệp {place} đổi mới công nghệ với {item}",
            "Mô hình {item} thông minh lan rộng ở {place}",
        ],
        leads: &[
            "Nhiều hộ sản xuất ở {place} đã chủ động đổi mới, đưa {item} vào quy trình và nâng năng suất rõ rệt.",
            "Đổi mới sáng tạo không chỉ ở phòng thí nghiệm: {item} đang thay đổi cách làm {field} tại {place}.",
        ],
    },
    Beat {
        category: "khoi-nghiep",
        titles: &[
            "Nhóm khởi nghiệp {place} gọi vốn {n} tỷ đồng cho dự án {item}",
            "Sinh viên {university} khởi nghiệp với {item}",
            "Dự án {item} vào chung kết cuộc thi khởi nghiệp đổi mới sáng tạo {year}",
            "Từ ý tưởng đến sản phẩm: hành trình {item} của một startup {place}",
        ],
        leads: &[
            "Xuất phát từ nhu cầu thực tế của {field}, nhóm sáng lập đã phát triển {item} với giá chỉ bằng một phần ba hàng nhập khẩu.",
            "Dự án được mạng lưới cố vấn khởi nghiệp hỗ trợ từ khâu thiết kế mẫu đến thử nghiệm tại {place}.",
        ],
    },
    Beat {
        category: "chinh-sach",
        titles: &[
            "{place} hỗ trợ doanh nghiệp đổi mới công nghệ trong {field}",
            "Chính sách mới hỗ trợ chuyển giao {item} cho hợp tác xã",
            "Hỗ trợ tới {share}% kinh phí ứng dụng {item} giai đoạn {year}–{year5}",
            "Quy định mới về thẩm định công nghệ trong {field}",
        ],
        leads: &[
            "Theo kế hoạch, doanh nghiệp và hợp tác xã ứng dụng {item} được hỗ trợ một phần kinh phí và tư vấn kỹ thuật miễn phí.",
            "Chính sách hướng tới nâng tỷ lệ đổi mới công nghệ trong {field} của vùng Đồng bằng sông Cửu Long.",
        ],
    },
    Beat {
        category: "thi-truong",
        titles: &[
            "Nhu cầu {item} tăng mạnh trước vụ mới ở {place}",
            "Giá {item} giảm {n}% nhờ sản xuất trong nước",
            "Thị trường {item}: người mua cần gì?",
            "Sàn giao dịch công nghệ kết nối {n} đơn hàng {item} trong quý",
        ],
        leads: &[
            "Các gian hàng trên sàn ghi nhận số yêu cầu tìm mua {item} tăng so với cùng kỳ, tập trung ở {place}.",
            "Người mua ngày càng quan tâm đến chi phí vận hành và dịch vụ sau bán hàng hơn là giá mua ban đầu.",
        ],
    },
    Beat {
        category: "su-kien",
        titles: &[
            "Techmart {place} {year} giới thiệu {n}0 công nghệ mới",
            "Phiên kết nối cung – cầu công nghệ {field} tại {place}",
            "Hội thảo ứng dụng {item} trong {field}",
            "Chợ công nghệ – thiết bị {year} thu hút hơn {n}00 gian hàng",
        ],
        leads: &[
            "Sự kiện quy tụ doanh nghiệp, viện, trường và hợp tác xã, với nhiều hợp đồng chuyển giao được ký ngay tại chỗ.",
            "Khách tham quan được xem trình diễn {item} và trao đổi trực tiếp với đơn vị cung cấp công nghệ.",
        ],
    },
];

/// Middle paragraphs, any category.
const PARAGRAPHS: &[&str] = &[
    "Theo {org}, {item} phù hợp với điều kiện sản xuất ở {place}: vận hành đơn giản, linh kiện thay thế có sẵn và chi phí bảo trì thấp. Trong giai đoạn thử nghiệm, năng suất tăng khoảng {n}% so với trước.",
    "Anh {person}, đại diện đơn vị ứng dụng, cho biết: \"Trước đây chúng tôi mất nhiều công và chi phí. Từ khi dùng {item}, mọi việc nhanh hơn và chất lượng đồng đều hơn.\"",
    "Các chuyên gia lưu ý người mua nên đánh giá kỹ nhu cầu, công suất và dịch vụ hậu mãi trước khi đầu tư, đồng thời tham khảo các đơn vị đã ứng dụng thành công.",
    "Sàn giao dịch công nghệ và thiết bị thành phố đã kết nối nhiều đơn vị cung cấp {item} với người mua trong vùng, rút ngắn thời gian tìm kiếm đối tác từ hàng tháng xuống còn vài tuần.",
    "Đại diện {org}, chị {person2}, cho biết đơn vị sẽ tiếp tục hoàn thiện sản phẩm, mở rộng sang {field} và hướng tới thị trường các tỉnh lân cận như {place}.",
    "Theo số liệu của ngành, nhu cầu đổi mới công nghệ trong {field} ở Đồng bằng sông Cửu Long còn rất lớn, nhất là ở các hợp tác xã và doanh nghiệp nhỏ và vừa.",
];

const CLOSINGS: &[&str] = &[
    "Các đơn vị quan tâm có thể liên hệ gian hàng trên sàn để được tư vấn và tham quan mô hình.",
    "Thông tin chi tiết về công nghệ và đơn vị chuyển giao được đăng trên sàn giao dịch công nghệ.",
    "Dự kiến trong năm tới, mô hình sẽ được nhân rộng ra thêm nhiều địa phương.",
];

/// One article to insert.
pub(super) struct ArticleRow {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: &'static str,
    pub tags: Vec<(String, String)>,
    pub author: String,
    pub source: Option<&'static str>,
    pub cover: &'static str,
    pub published_at: i64,
}

fn fill(template: &str, words: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in words {
        out = out.replace(key, value);
    }
    out
}

fn person(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.pick(FAMILY_NAMES),
        rng.pick(MIDDLE_NAMES),
        rng.pick(GIVEN_NAMES)
    )
}

/// Article `n` of the demo news, published at or before `now`.
pub(super) fn make_article(n: usize, now: i64) -> ArticleRow {
    let mut rng = Rng::for_item(STREAM, n as u64);
    let beat = &BEATS[rng.below(BEATS.len())];
    let sector = rng.pick(SECTOR_DATA);
    let item = rng.pick(sector.items);
    // "Máy in 3D" reads "máy in 3D" inside a sentence: acronyms keep their capitals.
    let item_name = super::lower_first(item.name);
    // Older articles are fewer: the exchange published more each year.
    let span = YEARS * 365 * DAY_MS;
    let back = ((rng.next_u64() % 1_000_000) as f64 / 1_000_000.0).powf(1.6);
    let published_at = now - 3_600_000 - (back * span as f64) as i64;
    let year = app::domain::vietnam_year(published_at);
    let number = (2 + rng.below(28)).to_string();
    let (year_text, year5) = (year.to_string(), (year + 5).to_string());
    let person_name = person(&mut rng);
    let second_person = person(&mut rng);
    let place = *rng.pick(PLACES);
    let other_place = *rng.pick(PLACES);
    let org = *rng.pick(ORGANISATIONS);
    let university = *rng.pick(UNIVERSITIES);
    let share = ["30", "50", "70"][rng.below(3)];
    let field = *rng.pick(FIELDS);
    let words = [
        ("{item}", item_name.as_str()),
        ("{place}", place),
        ("{org}", org),
        ("{university}", university),
        ("{share}", share),
        ("{field}", field),
        ("{n}", number.as_str()),
        ("{year5}", year5.as_str()),
        ("{year}", year_text.as_str()),
        ("{person}", person_name.as_str()),
        ("{person2}", second_person.as_str()),
    ];
    let title = super::capitalise(&fill(rng.pick::<&str>(beat.titles), &words));
    let summary = fill(rng.pick::<&str>(beat.leads), &words);
    // The summary stands above the body as its lead; the body goes on from there.
    let mut body = String::with_capacity(1600);
    body.push_str(item.pitch);
    body.push_str("\n\n");
    let paragraphs = 2 + rng.below(3);
    let start = rng.below(PARAGRAPHS.len());
    // Further on, the article names a second place.
    let mut further = words;
    further[1] = ("{place}", other_place);
    for p in 0..paragraphs {
        body.push_str(&fill(PARAGRAPHS[(start + p) % PARAGRAPHS.len()], &further));
        body.push_str("\n\n");
    }
    if rng.below(3) == 0 {
        body.push_str("### Những điểm chính\n\n");
        for need in item.needs.iter().take(3) {
            body.push_str(&format!("- {} {need}\n", super::capitalise(&item_name)));
        }
        body.push('\n');
    }
    body.push_str(rng.pick::<&str>(CLOSINGS));
    let mut tags: Vec<(String, String)> = Vec::new();
    for label in [item_name.clone(), field.to_owned(), place.to_owned()] {
        let slug = Slug::from_title(&label).as_str().to_owned();
        if !tags.iter().any(|(s, _)| *s == slug) {
            tags.push((slug, label));
        }
    }
    let author = if rng.below(3) == 0 {
        (*rng.pick(AUTHORS_FIXED)).to_owned()
    } else {
        person(&mut rng)
    };
    let source = (rng.below(4) == 0).then(|| *rng.pick(SOURCES));
    // Unique however alike two headlines are: the article's number ends its address.
    let slug = format!(
        "{}-{}",
        Slug::from_title(&title)
            .as_str()
            .chars()
            .take(90)
            .collect::<String>()
            .trim_end_matches('-'),
        n + 1
    );
    ArticleRow {
        slug,
        title,
        summary,
        body,
        category: beat.category,
        tags,
        author,
        source,
        cover: item.picture,
        published_at,
    }
}

/// Inserts `count` demo articles (those already there are skipped), drawing progress on `bar`.
/// Returns how many were inserted.
pub(super) async fn seed(
    db: &Db,
    count: usize,
    now: i64,
    bar: &ProgressBar,
) -> anyhow::Result<u64> {
    let mut inserted = 0;
    let mut start = 0;
    while start < count {
        let end = (start + BATCH).min(count);
        let rows: Vec<ArticleRow> = (start..end).map(|n| make_article(n, now)).collect();
        inserted += insert(db, &rows).await?;
        bar.inc((end - start) as u64);
        start = end;
    }
    Ok(inserted)
}

async fn insert(db: &Db, rows: &[ArticleRow]) -> sqlx::Result<u64> {
    const COLUMNS: usize = 16;
    let mut sql = String::from(
        "INSERT INTO articles (slug, title, summary, body, body_html, category, author_name, \
         source_name, cover_key, cover_thumb, status, published_at, reading_minutes, fold_text, \
         created_at, updated_at) VALUES ",
    );
    push_placeholders(&mut sql, rows.len(), COLUMNS);
    sql.push_str(" ON CONFLICT (slug) DO NOTHING RETURNING id, slug");
    let rendered: Vec<(String, String, i64)> = rows
        .iter()
        .map(|a| {
            (
                app::markdown::render(&a.body),
                app::domain::index_text(&format!("{} {} {}", a.title, a.summary, a.body)),
                app::domain::article::reading_minutes(&a.body),
            )
        })
        .collect();
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for (a, (html, fold, minutes)) in rows.iter().zip(&rendered) {
        query = query
            .bind(&a.slug)
            .bind(&a.title)
            .bind(&a.summary)
            .bind(&a.body)
            .bind(html)
            .bind(a.category)
            .bind(&a.author)
            .bind(a.source)
            .bind(format!("demo/{}.jpg", a.cover))
            .bind(format!("demo/{}_t.jpg", a.cover))
            .bind("published")
            .bind(a.published_at)
            .bind(*minutes)
            .bind(fold)
            .bind(a.published_at)
            .bind(a.published_at);
    }
    let mut tx = db.begin().await?;
    let ids: std::collections::HashMap<String, i64> = query
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(id, slug)| (slug, id))
        .collect();
    let tags: Vec<(i64, &str, &str, i64)> = rows
        .iter()
        .filter_map(|a| ids.get(&a.slug).map(|id| (*id, a)))
        .flat_map(|(id, a)| {
            a.tags
                .iter()
                .map(move |(slug, label)| (id, slug.as_str(), label.as_str(), a.published_at))
        })
        .collect();
    if !tags.is_empty() {
        let mut sql =
            String::from("INSERT INTO article_tags (article_id, tag, label, published_at) VALUES ");
        push_placeholders(&mut sql, tags.len(), 4);
        let mut query = sqlx::query(&sql);
        for (id, tag, label, at) in &tags {
            query = query.bind(*id).bind(*tag).bind(*label).bind(*at);
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(ids.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_deterministic_distinct_and_in_the_past() {
        let now = 1_800_000_000_000;
        let a = make_article(7, now);
        let b = make_article(7, now);
        assert_eq!((a.slug.clone(), a.body.clone()), (b.slug, b.body));
        let slugs: std::collections::HashSet<String> =
            (0..5_000).map(|n| make_article(n, now).slug).collect();
        assert_eq!(slugs.len(), 5_000);
        for n in 0..2_000 {
            let a = make_article(n, now);
            assert!(a.published_at < now && a.published_at > now - 16 * 365 * DAY_MS);
            assert!(Slug::parse(&a.slug).is_ok(), "{}", a.slug);
            assert!(
                !a.title.contains('{') && !a.body.contains('{'),
                "{}",
                a.title
            );
            assert!(a.title.chars().count() <= 200);
            let words = a.body.split_whitespace().count();
            assert!((80..600).contains(&words), "{words} words");
        }
    }
}
