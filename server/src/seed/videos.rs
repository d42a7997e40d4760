//! A dozen demo videos: short clips generated once with FFmpeg's test sources (in
//! `server/assets/videos`, 172 KB in all, WebM and MP4), each with a poster drawn by the seed's
//! pictures and captions in Vietnamese and English written here, attached to recent articles.

use app::db::Db;

/// The clips, by name: (file, type, bytes).
const CLIPS: [(&str, &str, &[u8]); 6] = [
    (
        "clip-1.webm",
        "video/webm",
        include_bytes!("../../assets/videos/clip-1.webm"),
    ),
    (
        "clip-2.mp4",
        "video/mp4",
        include_bytes!("../../assets/videos/clip-2.mp4"),
    ),
    (
        "clip-3.webm",
        "video/webm",
        include_bytes!("../../assets/videos/clip-3.webm"),
    ),
    (
        "clip-4.mp4",
        "video/mp4",
        include_bytes!("../../assets/videos/clip-4.mp4"),
    ),
    (
        "clip-5.webm",
        "video/webm",
        include_bytes!("../../assets/videos/clip-5.webm"),
    ),
    (
        "clip-6.mp4",
        "video/mp4",
        include_bytes!("../../assets/videos/clip-6.mp4"),
    ),
];

/// (slug, title, description, poster drawing, English caption line, words of the article it is
/// shown in, folded)
const VIDEOS: [(&str, &str, &str, &str, &str, &str); 12] = [
    (
        "may-say-lua-tiet-kiem-dien-tai-co-do",
        "Máy sấy lúa tiết kiệm điện tại Cờ Đỏ",
        "Hợp tác xã nông nghiệp Cờ Đỏ giới thiệu dây chuyền sấy lúa dùng nhiệt từ trấu, giảm 30% chi phí điện so với máy sấy cũ.",
        "dryer",
        "A rice dryer heated by husks, 30% cheaper to run",
        "say lua",
    ),
    (
        "drone-phun-thuoc-tren-ruong-lua-thoi-lai",
        "Drone phun thuốc trên ruộng lúa Thới Lai",
        "Trình diễn thiết bị bay không người lái phun thuốc bảo vệ thực vật theo bản đồ ruộng, 10 ha mỗi giờ.",
        "drone",
        "A spraying drone following the field map, 10 ha an hour",
        "drone",
    ),
    (
        "he-thong-tuoi-nho-giot-cho-vuon-sau-rieng",
        "Hệ thống tưới nhỏ giọt cho vườn sầu riêng",
        "Cảm biến độ ẩm đất điều khiển van tưới qua điện thoại, tiết kiệm nước mùa khô hạn mặn.",
        "irrigation",
        "Soil moisture sensors drive the drip valves from a phone",
        "he thong tuoi",
    ),
    (
        "ao-nuoi-tom-tuan-hoan-bac-lieu",
        "Ao nuôi tôm tuần hoàn khép kín ở Bạc Liêu",
        "Mô hình nuôi tôm thẻ chân trắng mật độ cao, nước được lọc sinh học và tái sử dụng.",
        "shrimp",
        "A closed recirculating shrimp pond with biological filters",
        "nuoi tom",
    ),
    (
        "kho-lanh-nang-luong-mat-troi-cho-trai-cay",
        "Kho lạnh năng lượng mặt trời cho trái cây",
        "Kho lạnh 20 tấn chạy bằng pin mặt trời giúp nhà vườn giữ xoài, bưởi tươi thêm ba tuần.",
        "cold_storage",
        "A 20-tonne solar cold store keeps fruit fresh three weeks longer",
        "kho lanh",
    ),
    (
        "day-chuyen-dong-goi-gao-tu-dong",
        "Dây chuyền đóng gói gạo tự động",
        "Doanh nghiệp Thốt Nốt vận hành dây chuyền cân, đóng bao và in mã truy xuất nguồn gốc.",
        "packaging",
        "Weighing, bagging and traceability codes on one line",
        "dong goi",
    ),
    (
        "bien-phu-pham-thanh-khi-sinh-hoc",
        "Biến phụ phẩm chăn nuôi thành khí sinh học",
        "Hầm biogas composite cho trang trại heo quy mô vừa, cấp khí nấu ăn và phát điện.",
        "biogas",
        "Composite biogas digesters for mid-sized pig farms",
        "biogas",
    ),
    (
        "xu-ly-nuoc-thai-nha-may-thuy-san",
        "Xử lý nước thải nhà máy chế biến thủy sản",
        "Công nghệ màng lọc MBR đạt chuẩn xả thải loại A, chi phí vận hành thấp.",
        "water_treatment",
        "MBR membranes bring seafood plant effluent to class A",
        "nuoc thai",
    ),
    (
        "robot-han-trong-xuong-co-khi-tra-noc",
        "Robot hàn trong xưởng cơ khí Trà Nóc",
        "Cánh tay robot sáu trục hàn khung máy nông nghiệp, đổi chương trình trong vài phút.",
        "robot_arm",
        "A six-axis robot arm welds farm machine frames",
        "robot",
    ),
    (
        "phong-thi-nghiem-kiem-nghiem-an-toan-thuc-pham",
        "Phòng thí nghiệm kiểm nghiệm an toàn thực phẩm",
        "Viện nghiên cứu giới thiệu dịch vụ kiểm nghiệm dư lượng thuốc bảo vệ thực vật trong 48 giờ.",
        "lab_flask",
        "Pesticide residue tests returned within 48 hours",
        "kiem nghiem",
    ),
    (
        "cam-bien-do-man-cho-vung-ven-bien",
        "Cảm biến đo độ mặn cho vùng ven biển",
        "Trạm đo độ mặn tự động gửi cảnh báo qua tin nhắn khi nước sông vượt ngưỡng tưới.",
        "sensor",
        "Salinity stations text farmers when the river is too salty",
        "do man",
    ),
    (
        "phan-mem-quan-ly-trang-trai-tren-dien-thoai",
        "Phần mềm quản lý trang trại trên điện thoại",
        "Ứng dụng ghi nhật ký canh tác, chi phí và lịch thu hoạch, xuất báo cáo cho hợp tác xã.",
        "software",
        "A farm diary app with costs, harvests and co-op reports",
        "phan mem",
    ),
];

/// Captions in WebVTT for a clip of at least 3 seconds: the title, then the line.
fn captions(first: &str, second: &str) -> String {
    format!("WEBVTT\n\n00:00.000 --> 00:01.500\n{first}\n\n00:01.500 --> 00:03.000\n{second}\n")
}

/// Stores the clips and captions and adds the videos (published over the last two years, each
/// shown in the newest article about its subject). Run again, it adds nothing.
pub(super) async fn seed(
    db: &Db,
    media: &dyn app::media::ObjectStore,
    now: i64,
) -> anyhow::Result<u64> {
    const DAY_MS: i64 = 86_400_000;
    for (file, _, bytes) in CLIPS {
        media
            .put(&format!("demo/videos/{file}"), bytes.to_vec())
            .await?;
    }
    let mut added = 0;
    for (n, (slug, title, description, drawing, english, words)) in VIDEOS.into_iter().enumerate() {
        let (file, media_type, bytes) = CLIPS[n % CLIPS.len()];
        let vi_key = format!("demo/videos/{slug}.vi.vtt");
        let en_key = format!("demo/videos/{slug}.en.vtt");
        media
            .put(&vi_key, captions(title, description).into_bytes())
            .await?;
        media
            .put(
                &en_key,
                captions(english, "techx — Can Tho technology exchange").into_bytes(),
            )
            .await?;
        let published_at = now - (n as i64 * 61 + 3) * DAY_MS;
        let inserted = sqlx::query(
            "INSERT INTO videos (slug, title, description, source, media_key, media_type,
                 media_bytes, poster_key, poster_thumb, captions_vi, captions_en, status,
                 published_at, created_at, updated_at)
             VALUES ($1, $2, $3, 'upload', $4, $5, $6, $7, $8, $9, $10, 'published', $11, $11, $11)
             ON CONFLICT (slug) DO NOTHING",
        )
        .bind(slug)
        .bind(title)
        .bind(description)
        .bind(format!("demo/videos/{file}"))
        .bind(media_type)
        .bind(bytes.len() as i64)
        .bind(format!("demo/{drawing}.jpg"))
        .bind(format!("demo/{drawing}_t.jpg"))
        .bind(&vi_key)
        .bind(&en_key)
        .bind(published_at)
        .execute(db)
        .await?
        .rows_affected();
        added += inserted;
        if inserted == 1 {
            // Shown in the newest published article about the same thing.
            sqlx::query(
                "INSERT INTO article_videos (article_id, position, video_id)
                 SELECT a.id, 1, v.id FROM videos v,
                     (SELECT id FROM articles WHERE status = 'published' AND fold_text LIKE $2
                      ORDER BY published_at DESC, id DESC LIMIT 1) a
                 WHERE v.slug = $1",
            )
            .bind(slug)
            .bind(format!("%{words}%"))
            .execute(db)
            .await?;
        }
    }
    Ok(added)
}
