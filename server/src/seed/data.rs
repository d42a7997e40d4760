//! Word lists the demo dataset is built from.

/// Organisation kinds and the name prefixes each uses.
pub const ORG_KINDS: &[(&str, &[&str])] = &[
    (
        "company",
        &[
            "Công ty TNHH",
            "Công ty Cổ phần",
            "Công ty TNHH MTV",
            "Doanh nghiệp tư nhân",
        ],
    ),
    ("company", &["Công ty TNHH", "Công ty Cổ phần"]),
    (
        "institute",
        &["Viện Nghiên cứu", "Trung tâm Ứng dụng tiến bộ KH&CN"],
    ),
    (
        "university",
        &["Trường Đại học", "Khoa Công nghệ – Trường Đại học"],
    ),
    ("cooperative", &["Hợp tác xã", "Liên hiệp Hợp tác xã"]),
];

pub const BRAND_WORDS: &[&str] = &[
    "Tân Phát",
    "Phú Thịnh",
    "Mekong",
    "Cửu Long",
    "Hưng Thịnh",
    "Sông Hậu",
    "Tây Đô",
    "Phương Nam",
    "Đại Thành",
    "An Phú",
    "Minh Khang",
    "Hoàng Long",
    "Nam Việt",
    "Thuận Phong",
    "Bình Minh",
    "Kim Sơn",
    "Việt Xanh",
    "Trường Giang",
    "Đồng Tiến",
    "Lộc Phát",
];

pub const STREETS: &[&str] = &[
    "30 Tháng 4",
    "Nguyễn Văn Cừ",
    "Trần Hưng Đạo",
    "Mậu Thân",
    "Hùng Vương",
    "Lý Tự Trọng",
    "Cách Mạng Tháng 8",
    "Võ Văn Kiệt",
    "Nguyễn Trãi",
    "Lê Lợi",
];

pub const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Dương",
];
pub const MIDDLE_NAMES: &[&str] = &[
    "Văn", "Thị", "Minh", "Thanh", "Hoàng", "Ngọc", "Quốc", "Hữu",
];
pub const GIVEN_NAMES: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Tâm",
    "Thảo", "Trung", "Vy",
];

/// One kind of thing a sector sells or buys.
pub struct Item {
    pub name: &'static str,
    pub listing_type: &'static str,
    pub specs: &'static [&'static str],
    pub pitch: &'static str,
    pub price_from: i64,
    pub price_to: i64,
}

/// Words for one sector.
pub struct SectorData {
    pub code: &'static str,
    /// How the sector appears in an organisation's name.
    pub trade: &'static str,
    pub speciality: &'static str,
    /// Who buys in this sector.
    pub users: &'static [&'static str],
    pub items: &'static [Item],
}

/// The words for a sector code (falls back to the first sector).
pub fn sector_data(code: &str) -> &'static SectorData {
    SECTOR_DATA
        .iter()
        .find(|s| s.code == code)
        .unwrap_or(&SECTOR_DATA[0])
}

const M: i64 = 1_000_000;

pub static SECTOR_DATA: &[SectorData] = &[
    SectorData {
        code: "nong-nghiep",
        trade: "Nông nghiệp",
        speciality: "máy móc nông nghiệp, giống cây trồng và giải pháp canh tác thông minh",
        users: &[
            "hợp tác xã trồng lúa",
            "nông hộ trồng cây ăn trái",
            "trang trại rau an toàn",
            "doanh nghiệp xuất khẩu gạo",
        ],
        items: &[
            Item {
                name: "Máy sấy lúa tầng sôi",
                listing_type: "equipment",
                specs: &["10 tấn/mẻ", "20 tấn/mẻ", "30 tấn/mẻ"],
                pitch: "Sấy đều hạt, giảm tỷ lệ gãy khi xay xát, dùng nhiên liệu trấu",
                price_from: 250 * M,
                price_to: 900 * M,
            },
            Item {
                name: "Máy kéo đa năng",
                listing_type: "equipment",
                specs: &["35 mã lực", "50 mã lực", "bánh xích cho ruộng lún"],
                pitch: "Cày, xới, kéo rơ-moóc trên ruộng lúa và vườn cây",
                price_from: 180 * M,
                price_to: 650 * M,
            },
            Item {
                name: "Máy gặt đập liên hợp",
                listing_type: "equipment",
                specs: &["bề rộng cắt 1,8 m", "bề rộng cắt 2,2 m"],
                pitch: "Gặt, đập, làm sạch lúa trong một lần chạy",
                price_from: 450 * M,
                price_to: 1_200 * M,
            },
            Item {
                name: "Hệ thống tưới nhỏ giọt tự động",
                listing_type: "technology",
                specs: &[
                    "cho 1 ha sầu riêng",
                    "điều khiển qua điện thoại",
                    "kèm cảm biến độ ẩm",
                ],
                pitch: "Tiết kiệm 40% nước và phân bón, điều khiển từ xa",
                price_from: 35 * M,
                price_to: 180 * M,
            },
            Item {
                name: "Quy trình canh tác lúa giảm phát thải",
                listing_type: "technology",
                specs: &["1 phải 5 giảm", "tưới ngập khô xen kẽ"],
                pitch: "Giảm chi phí đầu vào và phát thải khí nhà kính, tăng lợi nhuận cho nông dân",
                price_from: 20 * M,
                price_to: 120 * M,
            },
            Item {
                name: "Giống lúa chịu mặn",
                listing_type: "product",
                specs: &["OM 18 cấp xác nhận", "ST 25 nguyên chủng", "đóng bao 40 kg"],
                pitch: "Chịu mặn 4‰, năng suất ổn định vùng ven biển",
                price_from: M / 2,
                price_to: 5 * M,
            },
            Item {
                name: "Chế phẩm sinh học Trichoderma",
                listing_type: "product",
                specs: &["gói 1 kg", "thùng 20 kg"],
                pitch: "Phân hủy rơm rạ, phòng nấm bệnh vùng rễ",
                price_from: M / 10,
                price_to: 3 * M,
            },
        ],
    },
    SectorData {
        code: "thuy-san",
        trade: "Thủy sản",
        speciality: "thiết bị nuôi trồng, chế biến và bảo quản thủy sản",
        users: &[
            "trại nuôi tôm thẻ chân trắng",
            "hộ nuôi cá tra",
            "doanh nghiệp chế biến thủy sản",
            "hợp tác xã nuôi tôm – lúa",
        ],
        items: &[
            Item {
                name: "Máy sục khí oxy đáy ao",
                listing_type: "equipment",
                specs: &["2 HP", "3 HP dùng điện mặt trời"],
                pitch: "Tăng oxy hòa tan, giảm hao hụt tôm nuôi mật độ cao",
                price_from: 8 * M,
                price_to: 45 * M,
            },
            Item {
                name: "Hệ thống nuôi tôm tuần hoàn RAS",
                listing_type: "technology",
                specs: &["quy mô 1.000 m²", "quy mô 5.000 m²"],
                pitch: "Tái sử dụng 90% nước, kiểm soát dịch bệnh",
                price_from: 600 * M,
                price_to: 3_500 * M,
            },
            Item {
                name: "Máy cho tôm ăn tự động",
                listing_type: "equipment",
                specs: &["hẹn giờ", "điều khiển qua điện thoại"],
                pitch: "Cho ăn đều, giảm thức ăn dư thừa",
                price_from: 6 * M,
                price_to: 25 * M,
            },
            Item {
                name: "Kho lạnh bảo quản thủy sản",
                listing_type: "equipment",
                specs: &["50 tấn, -18 °C", "200 tấn, -25 °C"],
                pitch: "Giữ chất lượng sản phẩm, đáp ứng tiêu chuẩn HACCP",
                price_from: 400 * M,
                price_to: 2_500 * M,
            },
            Item {
                name: "Bộ kit xét nghiệm bệnh tôm PCR",
                listing_type: "product",
                specs: &["100 phản ứng", "xét nghiệm EHP và đốm trắng"],
                pitch: "Phát hiện sớm mầm bệnh, kết quả trong 2 giờ",
                price_from: 5 * M,
                price_to: 30 * M,
            },
            Item {
                name: "Tư vấn nuôi tôm – lúa hữu cơ",
                listing_type: "service",
                specs: &["trọn vụ", "theo tiêu chuẩn ASC"],
                pitch: "Chuyên gia đồng hành từ cải tạo ao đến thu hoạch",
                price_from: 15 * M,
                price_to: 90 * M,
            },
        ],
    },
    SectorData {
        code: "co-khi",
        trade: "Cơ khí",
        speciality: "gia công cơ khí chính xác và chế tạo máy",
        users: &[
            "xưởng cơ khí",
            "doanh nghiệp chế tạo máy nông nghiệp",
            "nhà máy đóng tàu",
            "cơ sở sửa chữa máy",
        ],
        items: &[
            Item {
                name: "Máy tiện CNC",
                listing_type: "equipment",
                specs: &["đường kính tiện 400 mm", "có bộ cấp phôi tự động"],
                pitch: "Gia công chính xác đến 0,01 mm",
                price_from: 450 * M,
                price_to: 1_800 * M,
            },
            Item {
                name: "Máy cắt laser fiber",
                listing_type: "equipment",
                specs: &["3 kW", "6 kW, bàn 1,5 × 3 m"],
                pitch: "Cắt thép tấm nhanh, mép cắt sạch",
                price_from: 700 * M,
                price_to: 2_600 * M,
            },
            Item {
                name: "Robot hàn tự động",
                listing_type: "equipment",
                specs: &["6 trục", "kèm bàn xoay"],
                pitch: "Mối hàn đồng đều, tăng năng suất gấp 3 lần",
                price_from: 800 * M,
                price_to: 2_200 * M,
            },
            Item {
                name: "Máy ép viên thức ăn chăn nuôi",
                listing_type: "equipment",
                specs: &["1 tấn/giờ", "3 tấn/giờ"],
                pitch: "Chế tạo trong nước, phụ tùng sẵn có",
                price_from: 120 * M,
                price_to: 480 * M,
            },
            Item {
                name: "Dịch vụ thiết kế và gia công khuôn mẫu",
                listing_type: "service",
                specs: &["khuôn nhựa", "khuôn dập kim loại"],
                pitch: "Thiết kế 3D, gia công CNC và thử khuôn tại xưởng",
                price_from: 30 * M,
                price_to: 400 * M,
            },
        ],
    },
    SectorData {
        code: "che-bien-thuc-pham",
        trade: "Chế biến thực phẩm",
        speciality: "dây chuyền chế biến, đóng gói và bảo quản nông sản, thực phẩm",
        users: &[
            "cơ sở chế biến trái cây",
            "doanh nghiệp sản xuất bánh tráng",
            "hợp tác xã làm mắm",
            "nhà máy xay xát gạo",
        ],
        items: &[
            Item {
                name: "Dây chuyền sấy lạnh trái cây",
                listing_type: "equipment",
                specs: &["300 kg/mẻ", "1 tấn/mẻ"],
                pitch: "Giữ màu, mùi và vitamin, sản phẩm đạt chuẩn xuất khẩu",
                price_from: 350 * M,
                price_to: 1_500 * M,
            },
            Item {
                name: "Máy đóng gói chân không",
                listing_type: "equipment",
                specs: &["buồng đôi", "dạng băng tải"],
                pitch: "Kéo dài thời hạn bảo quản, bao bì đẹp",
                price_from: 25 * M,
                price_to: 160 * M,
            },
            Item {
                name: "Công nghệ lên men nước mắm nhanh",
                listing_type: "technology",
                specs: &["rút ngắn còn 6 tháng", "chuyển giao trọn gói"],
                pitch: "Giữ hương vị truyền thống, giảm độ mặn",
                price_from: 80 * M,
                price_to: 450 * M,
            },
            Item {
                name: "Máy tráng bánh tráng tự động",
                listing_type: "equipment",
                specs: &["5.000 bánh/giờ", "có buồng hấp"],
                pitch: "Bánh mỏng đều, tiết kiệm nhân công",
                price_from: 90 * M,
                price_to: 320 * M,
            },
            Item {
                name: "Tư vấn chứng nhận ISO 22000 và HACCP",
                listing_type: "service",
                specs: &["trọn gói", "cho cơ sở vừa và nhỏ"],
                pitch: "Xây dựng hệ thống an toàn thực phẩm đến khi được cấp chứng nhận",
                price_from: 40 * M,
                price_to: 150 * M,
            },
        ],
    },
    SectorData {
        code: "moi-truong",
        trade: "Môi trường",
        speciality: "xử lý nước thải, chất thải rắn và quan trắc môi trường",
        users: &[
            "khu công nghiệp",
            "nhà máy chế biến thủy sản",
            "bệnh viện tuyến huyện",
            "khu dân cư ven sông",
        ],
        items: &[
            Item {
                name: "Hệ thống xử lý nước thải sinh học MBBR",
                listing_type: "technology",
                specs: &["100 m³/ngày", "500 m³/ngày"],
                pitch: "Đạt QCVN cột A, diện tích lắp đặt nhỏ",
                price_from: 600 * M,
                price_to: 4_000 * M,
            },
            Item {
                name: "Máy lọc nước nhiễm mặn",
                listing_type: "equipment",
                specs: &["1 m³/giờ", "5 m³/giờ dùng năng lượng mặt trời"],
                pitch: "Cấp nước sạch cho vùng hạn mặn ven biển",
                price_from: 60 * M,
                price_to: 420 * M,
            },
            Item {
                name: "Trạm quan trắc chất lượng nước tự động",
                listing_type: "equipment",
                specs: &["6 chỉ tiêu", "truyền dữ liệu 4G"],
                pitch: "Cảnh báo sớm ô nhiễm theo thời gian thực",
                price_from: 250 * M,
                price_to: 900 * M,
            },
            Item {
                name: "Lò đốt chất thải rắn công nghệ nhiệt phân",
                listing_type: "equipment",
                specs: &["500 kg/giờ", "1 tấn/giờ"],
                pitch: "Không dùng nhiên liệu phụ, khí thải đạt chuẩn",
                price_from: 900 * M,
                price_to: 3_200 * M,
            },
            Item {
                name: "Chế phẩm xử lý bùn đáy ao",
                listing_type: "product",
                specs: &["can 5 lít", "thùng 20 lít"],
                pitch: "Phân hủy hữu cơ, khử mùi hôi",
                price_from: M / 5,
                price_to: 2 * M,
            },
        ],
    },
    SectorData {
        code: "nang-luong",
        trade: "Năng lượng",
        speciality: "điện mặt trời, biogas và tiết kiệm năng lượng",
        users: &[
            "nhà xưởng",
            "trang trại chăn nuôi",
            "hộ gia đình",
            "khách sạn và nhà hàng",
        ],
        items: &[
            Item {
                name: "Hệ thống điện mặt trời áp mái",
                listing_type: "equipment",
                specs: &["10 kWp", "50 kWp hòa lưới", "100 kWp có lưu trữ"],
                pitch: "Giảm tiền điện đến 70%, hoàn vốn trong 5 năm",
                price_from: 120 * M,
                price_to: 1_900 * M,
            },
            Item {
                name: "Hầm biogas composite",
                listing_type: "equipment",
                specs: &["10 m³", "30 m³"],
                pitch: "Xử lý chất thải chăn nuôi, tạo khí đốt",
                price_from: 12 * M,
                price_to: 85 * M,
            },
            Item {
                name: "Máy phát điện từ trấu",
                listing_type: "technology",
                specs: &["200 kW", "1 MW"],
                pitch: "Tận dụng phụ phẩm xay xát để phát điện",
                price_from: 2_000 * M,
                price_to: 9_000 * M,
            },
            Item {
                name: "Đèn LED chiếu sáng năng lượng mặt trời",
                listing_type: "product",
                specs: &["100 W", "200 W có cảm biến"],
                pitch: "Không cần kéo điện, tự bật khi trời tối",
                price_from: M,
                price_to: 6 * M,
            },
            Item {
                name: "Kiểm toán năng lượng cho nhà máy",
                listing_type: "service",
                specs: &[
                    "theo Luật sử dụng năng lượng tiết kiệm",
                    "kèm đề xuất giải pháp",
                ],
                pitch: "Xác định điểm lãng phí và lộ trình tiết kiệm",
                price_from: 30 * M,
                price_to: 200 * M,
            },
        ],
    },
    SectorData {
        code: "cong-nghe-thong-tin",
        trade: "Công nghệ thông tin",
        speciality: "phần mềm quản lý, IoT và chuyển đổi số",
        users: &[
            "doanh nghiệp vừa và nhỏ",
            "hợp tác xã",
            "ủy ban nhân dân xã",
            "trường học",
        ],
        items: &[
            Item {
                name: "Phần mềm truy xuất nguồn gốc nông sản",
                listing_type: "technology",
                specs: &["mã QR", "tích hợp nhật ký điện tử"],
                pitch: "Minh bạch chuỗi cung ứng, đáp ứng yêu cầu xuất khẩu",
                price_from: 30 * M,
                price_to: 250 * M,
            },
            Item {
                name: "Hệ thống IoT giám sát ao nuôi",
                listing_type: "technology",
                specs: &["4 cảm biến", "cảnh báo qua Zalo"],
                pitch: "Theo dõi oxy, pH, nhiệt độ 24/7",
                price_from: 25 * M,
                price_to: 140 * M,
            },
            Item {
                name: "Phần mềm quản lý hợp tác xã",
                listing_type: "technology",
                specs: &["bản quyền 1 năm", "bản quyền vĩnh viễn"],
                pitch: "Quản lý thành viên, vật tư, công nợ và sản lượng",
                price_from: 12 * M,
                price_to: 90 * M,
            },
            Item {
                name: "Máy chủ lưu trữ dữ liệu",
                listing_type: "equipment",
                specs: &["2 CPU, 128 GB RAM", "lưu trữ 48 TB"],
                pitch: "Phù hợp phòng máy doanh nghiệp và cơ quan",
                price_from: 150 * M,
                price_to: 600 * M,
            },
            Item {
                name: "Dịch vụ chuyển đổi số cho doanh nghiệp",
                listing_type: "service",
                specs: &["khảo sát và lộ trình", "triển khai ERP"],
                pitch: "Đánh giá mức độ sẵn sàng và đồng hành triển khai",
                price_from: 50 * M,
                price_to: 500 * M,
            },
        ],
    },
    SectorData {
        code: "y-te",
        trade: "Y tế",
        speciality: "thiết bị y tế, xét nghiệm và dược liệu",
        users: &[
            "trạm y tế xã",
            "phòng khám đa khoa",
            "bệnh viện tuyến huyện",
            "cơ sở sản xuất dược liệu",
        ],
        items: &[
            Item {
                name: "Máy xét nghiệm sinh hóa tự động",
                listing_type: "equipment",
                specs: &["200 test/giờ", "400 test/giờ"],
                pitch: "Kết quả nhanh, chính xác, hóa chất mở",
                price_from: 450 * M,
                price_to: 1_600 * M,
            },
            Item {
                name: "Máy siêu âm xách tay",
                listing_type: "equipment",
                specs: &["đầu dò đa năng", "màn hình 15 inch"],
                pitch: "Gọn nhẹ, phù hợp khám lưu động",
                price_from: 180 * M,
                price_to: 700 * M,
            },
            Item {
                name: "Quy trình chiết xuất tinh dầu tràm",
                listing_type: "technology",
                specs: &["chưng cất hơi nước", "quy mô 500 kg/mẻ"],
                pitch: "Hiệu suất chiết cao, đạt tiêu chuẩn dược liệu",
                price_from: 60 * M,
                price_to: 350 * M,
            },
            Item {
                name: "Tủ an toàn sinh học cấp II",
                listing_type: "equipment",
                specs: &["1,2 m", "1,8 m"],
                pitch: "Bảo vệ người thao tác và mẫu xét nghiệm",
                price_from: 90 * M,
                price_to: 260 * M,
            },
            Item {
                name: "Cao dược liệu chuẩn hóa",
                listing_type: "product",
                specs: &["cao rau má", "cao diệp hạ châu"],
                pitch: "Nguyên liệu đạt GACP cho sản xuất thực phẩm chức năng",
                price_from: M,
                price_to: 15 * M,
            },
        ],
    },
];
