"""Vietnamese building blocks for synthetic profiles: names, places, units, movements, prose.

Everything here is real Vietnamese (common names, commune-style place names, the wording of
press profiles of exemplars), so that the text exercises tokenising, tone-mark folding and
page sizes the way real content does. Numbers in templates stay small and never start with
0, so that the privacy rules (12-digit IDs, phone numbers) are not triggered.
"""

from __future__ import annotations

# --- People ------------------------------------------------------------------------------

# Family names, roughly by frequency (the first ones repeat more often in real data).
FAMILY_NAMES = [
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
    "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Mai", "Trịnh", "Đào",
    "Lương", "Tô", "Hà", "Cao", "Lâm", "Thái", "Kiều", "Chu", "Tạ", "Quách", "Vương",
]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Đình",
               "Ngọc", "Quang", "Trọng", "Anh", "Hoàng", "Tuấn", "Bá", "Mạnh", "Tiến"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Thúy", "Hồng", "Mai",
                 "Phương", "Bích", "Diệu", "Khánh", "Thùy", "Lan", "Hoài"]
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy",
    "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phong", "Phúc",
    "Quang", "Quân", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn",
    "Tùng", "Việt", "Vinh", "Vũ", "Hưng", "Hiệp", "Bảo", "Chiến", "Công", "Định", "Giang",
    "Hậu", "Lực", "Nhân", "Tú", "Thuận",
]
GIVEN_FEMALE = [
    "Anh", "Bích", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
    "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung",
    "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên",
    "Vân", "Xuân", "Yến", "Hậu", "Nhàn", "Lụa", "Thắm", "Sen", "Hạnh", "Đào",
]

# --- Places ------------------------------------------------------------------------------

COMMUNE_FIRST = ["Tân", "An", "Hòa", "Phú", "Bình", "Thạnh", "Long", "Mỹ", "Hưng", "Xuân", "Thuận",
                 "Phước", "Đông", "Tây", "Vĩnh", "Quảng", "Gia", "Yên", "Hiệp", "Trung", "Đại",
                 "Nghĩa", "Thanh", "Hồng", "Cẩm", "Kim", "Lạc", "Ngọc", "Sơn", "Minh"]
COMMUNE_SECOND = ["Lợi", "Phú", "Hòa", "An", "Thịnh", "Lộc", "Bình", "Hưng", "Thành", "Phong",
                  "Tiến", "Lập", "Hải", "Sơn", "Thủy", "Đức", "Khánh", "Mỹ", "Tân", "Điền",
                  "Trạch", "Quang", "Hiệp", "Xuân", "Long"]
HAMLET_NAMES = ["Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "Đồng Tâm", "Tân Lập",
                "Bình Minh", "Hòa Bình", "Quyết Tiến", "Thắng Lợi", "Đoàn Kết", "Phú Thọ",
                "An Lạc", "Cây Đa", "Bến Đò", "Đồng Xuân", "Tiền Phong", "Hợp Nhất", "Làng Chài"]
HAMLET_KINDS = ["thôn", "thôn", "ấp", "bản", "tổ dân phố", "khu phố", "xóm"]

# --- Nominating units (per province) -------------------------------------------------------

PROVINCE_DEPARTMENTS = [
    ("Sở Nội vụ", "province"), ("Sở Giáo dục và Đào tạo", "province"), ("Sở Y tế", "province"),
    ("Sở Nông nghiệp và Môi trường", "province"), ("Sở Công Thương", "province"),
    ("Sở Khoa học và Công nghệ", "province"), ("Sở Văn hóa, Thể thao và Du lịch", "province"),
    ("Sở Tài chính", "province"), ("Sở Xây dựng", "province"), ("Sở Dân tộc và Tôn giáo", "province"),
    ("Hội Chữ thập đỏ", "agency"), ("Liên đoàn Lao động", "agency"), ("Công an", "agency"),
    ("Bộ Chỉ huy Quân sự", "agency"), ("Hội Nông dân", "agency"), ("Hội Liên hiệp Phụ nữ", "agency"),
    ("Tỉnh đoàn", "agency"), ("Hội Cựu chiến binh", "agency"), ("Hội Khuyến học", "agency"),
]

# --- Exemplar vocabulary per field -------------------------------------------------------

# role: how an individual in this field is introduced in a summary;
# work: what they do (a verb phrase); result: what came of it (a clause);
# collectives: name patterns of collectives in this field ({commune}, {hamlet}, {province}).
FIELDS = {
    "agriculture": dict(
        role="Nông dân sản xuất, kinh doanh giỏi",
        work=["sản xuất lúa chất lượng cao theo hướng hữu cơ", "trồng cây ăn quả theo tiêu chuẩn VietGAP",
              "nuôi trồng thủy sản theo quy trình an toàn sinh học", "chăn nuôi bò sinh sản kết hợp trồng cỏ"],
        result=["năng suất cây trồng tăng gần {pct} phần trăm, sản phẩm được cấp mã số vùng trồng",
                "sản phẩm được cấp chứng nhận OCOP ba sao, tiêu thụ ổn định ở nhiều tỉnh thành"],
        collectives=["Hợp tác xã nông nghiệp {commune}", "Hợp tác xã dịch vụ nông nghiệp {commune}",
                     "Tổ hợp tác trồng rau an toàn thôn {hamlet}"]),
    "industry": dict(
        role="Công nhân lao động giỏi",
        work=["vận hành dây chuyền sản xuất và cải tiến quy trình kỹ thuật",
              "sửa chữa, bảo dưỡng máy móc thiết bị của nhà máy", "thi công các công trình hạ tầng giao thông"],
        result=["năng suất lao động tăng rõ rệt, tiết kiệm cho doanh nghiệp hàng trăm triệu đồng mỗi năm",
                "các công trình được bàn giao đúng tiến độ, bảo đảm chất lượng và an toàn lao động"],
        collectives=["Tổ sản xuất số {k}, Nhà máy gạch tuy-nen {commune}", "Đội thi công cầu đường {commune}"]),
    "business": dict(
        role="Doanh nhân tiêu biểu",
        work=["xây dựng thương hiệu và mở rộng thị trường tiêu thụ", "chế biến nông sản và xuất khẩu sang nhiều nước"],
        result=["doanh thu tăng đều qua các năm, tạo việc làm ổn định cho {n} lao động địa phương",
                "doanh nghiệp nộp ngân sách đầy đủ và chăm lo tốt đời sống người lao động"],
        collectives=["Công ty TNHH {commune} Xanh", "Công ty cổ phần chế biến nông sản {commune}"]),
    "education": dict(
        role="Giáo viên dạy giỏi",
        work=["đổi mới phương pháp dạy học và bồi dưỡng học sinh giỏi", "vận động học sinh bỏ học trở lại lớp",
              "ứng dụng công nghệ thông tin trong giảng dạy"],
        result=["nhiều học sinh đạt giải trong các kỳ thi cấp tỉnh và cấp quốc gia",
                "tỷ lệ học sinh chuyên cần đạt trên {pct} phần trăm, không còn học sinh bỏ học giữa chừng"],
        collectives=["Trường Tiểu học {commune}", "Trường Trung học cơ sở {commune}", "Trường Mầm non {commune}"]),
    "health": dict(
        role="Thầy thuốc tận tụy",
        work=["khám, chữa bệnh và chăm sóc sức khỏe ban đầu cho nhân dân", "cấp cứu, điều trị người bệnh nặng",
              "tuyên truyền phòng chống dịch bệnh ở vùng sâu, vùng xa"],
        result=["tỷ lệ tiêm chủng đầy đủ cho trẻ em đạt trên {pct} phần trăm",
                "người bệnh hài lòng với thái độ phục vụ, không để xảy ra sai sót chuyên môn"],
        collectives=["Trạm Y tế xã {commune}", "Khoa Hồi sức cấp cứu, Bệnh viện Đa khoa khu vực {commune}"]),
    "culture": dict(
        role="Người giữ gìn văn hóa truyền thống",
        work=["bảo tồn và truyền dạy các làn điệu dân ca", "khôi phục nghề dệt thổ cẩm truyền thống",
              "xây dựng phong trào văn nghệ, thể thao quần chúng"],
        result=["nhiều thế hệ học trò đã biết hát, biết diễn và yêu mến di sản của quê hương",
                "các câu lạc bộ văn nghệ, thể thao duy trì sinh hoạt đều đặn, thu hút đông đảo người dân"],
        collectives=["Câu lạc bộ dân ca thôn {hamlet}", "Đội văn nghệ quần chúng xã {commune}"]),
    "science-technology": dict(
        role="Nhà khoa học trẻ",
        work=["nghiên cứu, ứng dụng khoa học và công nghệ vào sản xuất", "chọn tạo giống cây trồng mới chịu hạn, chịu mặn"],
        result=["nhiều kết quả nghiên cứu được chuyển giao, mang lại hiệu quả kinh tế rõ rệt",
                "giống mới cho năng suất cao hơn giống cũ khoảng {pct} phần trăm"],
        collectives=["Trung tâm Ứng dụng tiến bộ khoa học và công nghệ {province}", "Nhóm nghiên cứu giống lúa {commune}"]),
    "digital-transformation": dict(
        role="Thành viên tổ công nghệ số cộng đồng",
        work=["hướng dẫn người dân sử dụng dịch vụ công trực tuyến", "hỗ trợ hộ kinh doanh bán hàng trên sàn thương mại điện tử",
              "phổ biến thanh toán không dùng tiền mặt ở chợ truyền thống"],
        result=["tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến đạt trên {pct} phần trăm",
                "hàng trăm hộ kinh doanh đã mở tài khoản và nhận thanh toán bằng mã QR"],
        collectives=["Tổ công nghệ số cộng đồng xã {commune}", "Đoàn Thanh niên xã {commune}"]),
    "defense": dict(
        role="Chiến sĩ dân quân tự vệ tiêu biểu",
        work=["huấn luyện, sẵn sàng chiến đấu và tham gia phòng chống thiên tai", "giúp dân khắc phục hậu quả bão lũ"],
        result=["đơn vị luôn hoàn thành xuất sắc nhiệm vụ huấn luyện và diễn tập",
                "hàng nghìn ngày công được huy động giúp dân sửa chữa nhà cửa, dọn dẹp môi trường sau lũ"],
        collectives=["Ban Chỉ huy Quân sự xã {commune}", "Trung đội dân quân cơ động xã {commune}"]),
    "security": dict(
        role="Cán bộ công an cơ sở gương mẫu",
        work=["giữ gìn an ninh trật tự ở địa bàn dân cư", "xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc"],
        result=["tình hình an ninh trật tự trên địa bàn ổn định, tội phạm và tệ nạn xã hội giảm rõ rệt",
                "nhiều vụ việc được hòa giải ngay từ cơ sở, không để phát sinh điểm nóng"],
        collectives=["Công an xã {commune}", "Tổ bảo vệ an ninh trật tự thôn {hamlet}"]),
    "public-administration": dict(
        role="Công chức tận tụy với nhân dân",
        work=["cải cách thủ tục hành chính, giải quyết hồ sơ cho người dân và doanh nghiệp",
              "tiếp công dân và giải quyết đơn thư kịp thời, đúng pháp luật"],
        result=["không có hồ sơ trễ hạn, người dân hài lòng với thái độ phục vụ",
                "thời gian giải quyết thủ tục rút ngắn gần một nửa so với quy định"],
        collectives=["Bộ phận Một cửa UBND xã {commune}", "Văn phòng HĐND và UBND xã {commune}"]),
    "social-welfare": dict(
        role="Người tốt, việc tốt",
        work=["vận động nguồn lực chăm lo cho người nghèo, người có hoàn cảnh khó khăn",
              "nấu cơm miễn phí cho bệnh nhân nghèo", "hiến máu tình nguyện và vận động người thân cùng tham gia"],
        result=["nhiều căn nhà đại đoàn kết được xây mới, hàng trăm suất quà đến với hộ nghèo",
                "hàng nghìn suất cơm, cháo được trao tận tay bệnh nhân và người nhà"],
        collectives=["Chi hội Chữ thập đỏ thôn {hamlet}", "Nhóm thiện nguyện Bếp ấm {commune}"]),
    "environment": dict(
        role="Người tiên phong bảo vệ môi trường",
        work=["phân loại rác tại nguồn và làm phân bón hữu cơ", "trồng cây xanh, giữ gìn cảnh quan sạch đẹp",
              "bảo vệ rừng phòng hộ đầu nguồn"],
        result=["khối lượng rác thải nhựa giảm đáng kể, đường làng ngõ xóm xanh, sạch, đẹp",
                "hàng chục héc-ta rừng được bảo vệ nghiêm ngặt, không để xảy ra cháy rừng"],
        collectives=["Tổ tự quản bảo vệ môi trường thôn {hamlet}", "Hội Phụ nữ xã {commune}"]),
    "tourism": dict(
        role="Người làm du lịch cộng đồng",
        work=["phát triển du lịch cộng đồng gắn với bảo tồn bản sắc văn hóa", "xây dựng điểm du lịch sinh thái miệt vườn"],
        result=["mỗi năm đón hàng nghìn lượt khách, tạo thêm thu nhập cho bà con",
                "điểm đến được công nhận đạt chuẩn du lịch cộng đồng cấp tỉnh"],
        collectives=["Tổ hợp tác du lịch cộng đồng thôn {hamlet}", "Hợp tác xã du lịch sinh thái {commune}"]),
    "party-building": dict(
        role="Đảng viên gương mẫu",
        work=["xây dựng chi bộ trong sạch, vững mạnh", "làm tốt công tác dân vận ở khu dân cư"],
        result=["chi bộ nhiều năm liền hoàn thành xuất sắc nhiệm vụ, quần chúng tin tưởng",
                "các mâu thuẫn trong khu dân cư được giải quyết thấu tình, đạt lý"],
        collectives=["Chi bộ thôn {hamlet}", "Đảng ủy xã {commune}"]),
}

# Movements that suit each field (by slug); GENERIC ones suit every field.
FIELD_MOVEMENTS = {
    "agriculture": ["nong-thon-moi-2016-2020", "nong-thon-moi-2021-2025", "nong-dan-san-xuat-gioi"],
    "industry": ["lao-dong-gioi-lao-dong-sang-tao", "doanh-nghiep-hoi-nhap"],
    "business": ["doanh-nghiep-hoi-nhap", "lao-dong-gioi-lao-dong-sang-tao"],
    "education": ["day-tot-hoc-tot", "xa-hoi-hoc-tap"],
    "health": ["doi-moi-phong-cach-y-te"],
    "culture": ["doan-ket-xay-dung-doi-song-van-hoa"],
    "science-technology": ["doi-moi-sang-tao-chuyen-doi-so", "tuoi-tre-sang-tao"],
    "digital-transformation": ["doi-moi-sang-tao-chuyen-doi-so", "cai-cach-hanh-chinh-chuyen-doi-so"],
    "defense": ["quan-doi-chung-suc-nong-thon-moi"],
    "security": ["toan-dan-bao-ve-an-ninh"],
    "public-administration": ["cai-cach-hanh-chinh-chuyen-doi-so", "van-hoa-cong-so"],
    "social-welfare": ["vi-nguoi-ngheo-2016-2020", "vi-nguoi-ngheo-2021-2025", "xoa-nha-tam"],
    "environment": ["chong-rac-thai-nhua"],
    "tourism": ["du-lich-van-minh"],
    "party-building": ["dan-van-kheo"],
}
GENERIC_MOVEMENTS = ["hoc-tap-lam-theo-bac", "doan-ket-xay-dung-doi-song-van-hoa", "dan-van-kheo"]

# slug: (name, launched_by, level, start, end or None, legal basis or None)
MOVEMENTS = {
    "hoc-tap-lam-theo-bac": ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                             "Bộ Chính trị", "central", 2016, None,
                             "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị"),
    "doan-ket-xay-dung-doi-song-van-hoa": ("Toàn dân đoàn kết xây dựng đời sống văn hóa",
                                           "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "central", 2015, None, None),
    "dan-van-kheo": ("Dân vận khéo", "Ban Dân vận Trung ương", "central", 2015, None, None),
    "nong-thon-moi-2016-2020": ("Cả nước chung sức xây dựng nông thôn mới giai đoạn 2016 - 2020",
                                "Thủ tướng Chính phủ", "central", 2016, 2020,
                                "Quyết định số 1730/QĐ-TTg ngày 05/9/2016 của Thủ tướng Chính phủ"),
    "nong-thon-moi-2021-2025": ("Cả nước chung sức xây dựng nông thôn mới giai đoạn 2021 - 2025",
                                "Thủ tướng Chính phủ", "central", 2021, 2025, None),
    "vi-nguoi-ngheo-2016-2020": ("Vì người nghèo - Không để ai bị bỏ lại phía sau giai đoạn 2016 - 2020",
                                 "Thủ tướng Chính phủ", "central", 2016, 2020, None),
    "vi-nguoi-ngheo-2021-2025": ("Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
                                 "Thủ tướng Chính phủ", "central", 2021, 2025,
                                 "Quyết định số 1257/QĐ-TTg ngày 21/7/2021 của Thủ tướng Chính phủ"),
    "xoa-nha-tam": ("Chung tay xóa nhà tạm, nhà dột nát trên phạm vi cả nước", "Thủ tướng Chính phủ",
                    "central", 2024, 2025, None),
    "doi-moi-sang-tao-chuyen-doi-so": ("Cả nước thi đua đổi mới sáng tạo và chuyển đổi số",
                                       "Thủ tướng Chính phủ", "central", 2024, None, None),
    "doanh-nghiep-hoi-nhap": ("Doanh nghiệp Việt Nam hội nhập và phát triển", "Thủ tướng Chính phủ",
                              "central", 2015, None, None),
    "lao-dong-gioi-lao-dong-sang-tao": ("Lao động giỏi, lao động sáng tạo", "Tổng Liên đoàn Lao động Việt Nam",
                                        "central", 2015, None, None),
    "nong-dan-san-xuat-gioi": ("Nông dân thi đua sản xuất, kinh doanh giỏi, đoàn kết giúp nhau làm giàu "
                               "và giảm nghèo bền vững", "Hội Nông dân Việt Nam", "central", 2015, None, None),
    "day-tot-hoc-tot": ("Thi đua Dạy tốt - Học tốt", "Bộ Giáo dục và Đào tạo", "central", 2015, None, None),
    "xa-hoi-hoc-tap": ("Khuyến học, khuyến tài, xây dựng xã hội học tập", "Hội Khuyến học Việt Nam",
                       "central", 2021, None, None),
    "doi-moi-phong-cach-y-te": ("Đổi mới phong cách, thái độ phục vụ của cán bộ y tế hướng tới sự hài lòng "
                                "của người bệnh", "Bộ Y tế", "central", 2015, None, None),
    "toan-dan-bao-ve-an-ninh": ("Toàn dân bảo vệ an ninh Tổ quốc", "Bộ Công an", "central", 2015, None, None),
    "quan-doi-chung-suc-nong-thon-moi": ("Quân đội chung sức xây dựng nông thôn mới", "Bộ Quốc phòng",
                                         "central", 2016, 2025, None),
    "cai-cach-hanh-chinh-chuyen-doi-so": ("Thi đua đẩy mạnh cải cách hành chính và chuyển đổi số",
                                          "UBND tỉnh", "province", 2020, None, None),
    "van-hoa-cong-so": ("Xây dựng văn hóa công sở, cán bộ thân thiện vì nhân dân phục vụ", "UBND tỉnh",
                        "province", 2018, None, None),
    "chong-rac-thai-nhua": ("Chống rác thải nhựa, xây dựng môi trường xanh, sạch, đẹp",
                            "Bộ Tài nguyên và Môi trường", "central", 2019, None, None),
    "du-lich-van-minh": ("Xây dựng môi trường du lịch văn minh, thân thiện, an toàn", "UBND tỉnh",
                         "province", 2018, None, None),
    "tuoi-tre-sang-tao": ("Tuổi trẻ sáng tạo", "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
                          "central", 2015, None, None),
}

# --- Prose ---------------------------------------------------------------------------------
# {short}: how the text refers to the exemplar after the first mention ("anh Hùng",
# "chị Lan", "gia đình ông Tâm", "tập thể đơn vị"); {Short}: the same, capitalised.

INTRO = [
    "{Ref} là một trong những gương điển hình tiên tiến của {place}, được {unit} lựa chọn giới thiệu năm {year}.",
    "Nhắc đến phong trào thi đua ở {place}, người dân thường nghĩ ngay đến {ref}.",
    "Trong nhiều năm qua, {ref} đã để lại dấu ấn đậm nét bằng những việc làm cụ thể, thiết thực và bền bỉ.",
    "Giữa nhịp sống thường ngày ở {place}, câu chuyện của {ref} được nhiều người nhắc đến với sự trân trọng.",
]

BACKGROUND = [
    "Sinh ra và lớn lên ở {place}, {short} sớm thấu hiểu những vất vả của người dân vùng quê còn nhiều khó khăn.",
    "Những năm trước, nơi đây vẫn là vùng đất nghèo, đường sá lầy lội, đời sống của bà con phụ thuộc nhiều vào thời tiết.",
    "Khi mới bắt đầu, {short} gặp không ít khó khăn vì thiếu vốn, thiếu kinh nghiệm và chưa có thị trường tiêu thụ ổn định.",
    "Nhiều người từng khuyên nên chọn con đường khác an toàn hơn, nhưng với quyết tâm và lòng say mê, {short} vẫn kiên trì theo đuổi mục tiêu đã đặt ra.",
    "Xuất phát điểm thấp, cơ sở vật chất thiếu thốn, song tinh thần đoàn kết và ý chí vươn lên luôn là điểm tựa vững chắc.",
    "Năm {start}, {short} bắt đầu {work} sau khi tham gia lớp tập huấn do {org} tổ chức.",
    "Trong bối cảnh dịch bệnh và thiên tai liên tiếp xảy ra, việc duy trì hoạt động và ổn định đời sống là thử thách không nhỏ.",
    "Thời điểm ấy, địa phương có gần {pct_poor} phần trăm hộ nghèo và cận nghèo, nhiều lao động trẻ phải rời quê đi làm ăn xa.",
    "Nhận thấy tiềm năng của quê hương chưa được khai thác hiệu quả, {short} đã dành nhiều thời gian đi học hỏi các mô hình ở những tỉnh bạn.",
    "Gia cảnh không mấy khá giả, nhưng {short} luôn tâm niệm phải làm việc hết mình để không phụ lòng tin của bà con và tập thể.",
    "Có những thời điểm tưởng như phải bỏ cuộc, bởi mùa màng thất bát, giá cả bấp bênh và nợ nần chồng chất.",
    "Từ những trăn trở ấy, {short} quyết tâm tìm một hướng đi mới, vừa phù hợp với điều kiện địa phương, vừa có thể giúp được nhiều người.",
]

APPROACH = [
    "{Short} đã mạnh dạn áp dụng tiến bộ khoa học kỹ thuật vào {work}, từng bước thay đổi cách làm truyền thống.",
    "Mỗi tuần, {short} đều dành thời gian ghi chép, rút kinh nghiệm và trao đổi với cán bộ chuyên môn để hoàn thiện quy trình.",
    "Không giữ bí quyết cho riêng mình, {short} thường xuyên hướng dẫn, chia sẻ kinh nghiệm cho những người có nhu cầu học hỏi.",
    "Việc phân công nhiệm vụ rõ ràng, công khai, minh bạch giúp mọi thành viên phát huy tinh thần trách nhiệm và sức sáng tạo.",
    "{Short} chủ động liên kết với doanh nghiệp và hợp tác xã để bao tiêu sản phẩm, giảm rủi ro khi giá cả thị trường biến động.",
    "Ứng dụng công nghệ thông tin và các nền tảng số được triển khai đồng bộ, giúp tiết kiệm thời gian và chi phí cho người dân.",
    "Bên cạnh đó, {short} luôn chú trọng bảo vệ môi trường, sử dụng tiết kiệm tài nguyên và hạn chế tối đa rác thải nhựa.",
    "Các phần việc được gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, tạo chuyển biến rõ nét trong nhận thức và hành động.",
    "Trong quá trình làm việc, {short} đã đề xuất {initiatives} sáng kiến cải tiến, nhiều sáng kiến được hội đồng sáng kiến cấp cơ sở công nhận và áp dụng rộng rãi.",
    "Phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng” được thực hiện nghiêm túc trong từng công việc.",
    "Khó khăn đến đâu, {short} cùng mọi người bàn bạc, tháo gỡ đến đó, không để công việc bị đình trệ.",
    "Để {work} đạt hiệu quả, {short} tìm đọc tài liệu, tham gia các lớp bồi dưỡng và học hỏi những người đi trước.",
    "Mọi khoản thu chi đều được công khai trong các buổi họp định kỳ, nhờ vậy bà con tin tưởng và đồng lòng ủng hộ.",
]

RESULTS = [
    "Nhờ cách làm bài bản, {result}.",
    "Năm {year}, thu nhập bình quân đạt khoảng {income} triệu đồng, cao gấp {times} lần so với những năm trước.",
    "Đến nay, {short} đã giúp {helped} hộ trong vùng có việc làm ổn định, trong đó nhiều hộ đã thoát nghèo bền vững.",
    "Liên tục nhiều năm liền, {short} hoàn thành xuất sắc nhiệm vụ được giao và được các cấp ghi nhận, biểu dương.",
    "Tỷ lệ hài lòng của người dân đối với chất lượng phục vụ đạt trên {pct} phần trăm, tăng rõ rệt so với trước.",
    "Những con số ấy tuy chưa lớn, nhưng là minh chứng rõ nét cho hiệu quả của sự kiên trì và tinh thần đổi mới.",
    "Sản phẩm của địa phương đã có mặt tại nhiều siêu thị, cửa hàng trong và ngoài tỉnh, được người tiêu dùng tin tưởng lựa chọn.",
    "Kết quả đó góp phần quan trọng vào sự phát triển kinh tế - xã hội của {place} trong những năm gần đây.",
    "Trong {years} năm qua, {short} đã vận động được hơn {money} triệu đồng để hỗ trợ các hoàn cảnh khó khăn.",
    "Từ chỗ chỉ có vài người tham gia, đến nay mô hình đã thu hút {members} thành viên cùng làm và cùng hưởng lợi.",
]

SPREAD = [
    "Từ tấm gương ấy, nhiều người đã mạnh dạn thay đổi tư duy, cách làm và vươn lên làm giàu chính đáng.",
    "Mô hình đã được các địa phương lân cận đến tham quan, học tập và nhân rộng.",
    "Chia sẻ về dự định sắp tới, {short} cho biết sẽ tiếp tục học hỏi, mở rộng quy mô và đồng hành cùng bà con phát triển.",
    "Theo lãnh đạo địa phương, đây là điển hình tiêu biểu cần được biểu dương, khen thưởng kịp thời để tạo sức lan tỏa trong phong trào thi đua yêu nước.",
    "Những việc làm giản dị mà ý nghĩa ấy đã góp phần vun đắp tình làng nghĩa xóm ngày càng gắn bó.",
    "Câu chuyện của {short} là minh chứng sinh động cho tinh thần “mỗi người dân là một chiến sĩ thi đua”.",
    "Người dân trong vùng luôn tin yêu, quý trọng và coi đây là tấm gương sáng để noi theo.",
    "Phong trào thi đua nhờ đó có thêm sức sống mới, thiết thực và gần gũi hơn với đời sống hằng ngày.",
    "Việc nhân rộng mô hình đang được {unit} đưa vào kế hoạch tuyên truyền trong thời gian tới.",
]

HEADINGS = {
    "background": ["Hoàn cảnh", "Những ngày đầu khó khăn", "Khởi đầu từ vùng quê nghèo", "Trăn trở và quyết tâm"],
    "approach": ["Cách làm sáng tạo", "Đổi mới cách nghĩ, cách làm", "Bền bỉ với công việc", "Cách làm hay"],
    "results": ["Kết quả nổi bật", "Thành quả đáng ghi nhận", "Những con số biết nói"],
    "spread": ["Sức lan tỏa", "Nhân rộng điển hình", "Tấm gương sáng"],
}

ACHIEVEMENTS = [
    "Năm {year}, thu nhập đạt {income} triệu đồng, tạo việc làm cho {workers} lao động.",
    "Hướng dẫn kỹ thuật cho {trained} hộ, giúp {helped} hộ thoát nghèo.",
    "Có {initiatives} sáng kiến được công nhận cấp cơ sở năm {year}.",
    "Vận động {money} triệu đồng ủng hộ Quỹ Vì người nghèo năm {year}.",
    "Hoàn thành xuất sắc nhiệm vụ {years} năm liên tục, từ năm {since} đến năm {year}.",
    "Tổ chức {classes} lớp tập huấn với {trained} lượt người tham gia.",
    "Năm {year}, {result_short}.",
]

ORGS = ["Hội Nông dân xã", "Trung tâm Khuyến nông tỉnh", "Liên đoàn Lao động tỉnh", "Hội Liên hiệp Phụ nữ xã",
        "Đoàn Thanh niên xã", "Sở Khoa học và Công nghệ", "Hội Chữ thập đỏ tỉnh", "Phòng Văn hóa - Xã hội xã"]

NEWS_SITES = ["baochinhphu.vn", "nhandan.vn", "dangcongsan.vn", "vietnamplus.vn", "thiduakhenthuong.vn"]
