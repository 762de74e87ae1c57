"""The data contract: every front-matter key, its type, vocabulary and Vietnamese help.

The validator, the JSON Schema, the editor's template (biểu mẫu) and the field reference
are all derived from these tables, so that they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

# Types
TEXT, INT, DATE, BOOL, TEXT_LIST, URL_LIST, RECORD, RECORD_LIST, SLUG_LIST = (
    "text", "int", "date", "bool", "text-list", "url-list", "record", "record-list", "slug-list")

TYPE_NAMES = {
    TEXT: "một đoạn chữ",
    INT: "một số nguyên, ví dụ 2024",
    DATE: "một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-04-12",
    BOOL: "`true` (có) hoặc `false` (không)",
    TEXT_LIST: "một danh sách, mỗi mục một dòng bắt đầu bằng `- `",
    URL_LIST: "một danh sách, mỗi mục một dòng bắt đầu bằng `- `: địa chỉ `https://…` hoặc trích dẫn văn bản giấy",
    SLUG_LIST: "một danh sách mã, mỗi mục một dòng bắt đầu bằng `- `",
    RECORD: "một nhóm trường con, thụt vào 2 dấu cách",
    RECORD_LIST: "một danh sách, mỗi mục bắt đầu bằng `- ` và gồm các trường con",
}

ALWAYS, NEVER, PERSON = "yes", "no", "person"  # PERSON: required for individuals and households


@dataclass(frozen=True)
class Field:
    key: str
    type: str
    required: str
    help: str
    vocabulary: str | None = None
    subfields: tuple["Field", ...] = ()


COMMENDATION = (
    Field("title", TEXT, ALWAYS, "Tên khen thưởng, ví dụ: Bằng khen của Chủ tịch UBND tỉnh"),
    Field("form", TEXT, ALWAYS, "Hình thức khen thưởng", vocabulary="commendation_forms"),
    Field("issuer", TEXT, ALWAYS, "Cấp, cơ quan khen thưởng"),
    Field("decision", TEXT, ALWAYS, "Số quyết định, ví dụ: Quyết định số 1234/QĐ-UBND"),
    Field("date", DATE, ALWAYS, "Ngày quyết định (không sau hôm nay)"),
)

CONSENT = (
    Field("given", BOOL, ALWAYS, "Đã có sự đồng ý bằng văn bản: `true`"),
    Field("date", DATE, ALWAYS, "Ngày ký văn bản đồng ý"),
    Field("by", TEXT, ALWAYS, "Ai đồng ý", vocabulary="consent_by"),
)

EXEMPLAR_FIELDS = (
    Field("name", TEXT, ALWAYS, "Họ và tên cá nhân, tên tập thể, hoặc “Hộ ông/bà …”"),
    Field("kind", TEXT, ALWAYS, "Loại điển hình", vocabulary="kinds"),
    Field("category", TEXT, ALWAYS, "Nhóm điển hình", vocabulary="categories"),
    Field("summary", TEXT, ALWAYS, "Tóm tắt một, hai câu (tối đa 300 ký tự), hiện trong danh sách và khi chia sẻ"),
    Field("field", TEXT, ALWAYS, "Lĩnh vực", vocabulary="fields"),
    Field("year", INT, ALWAYS, "Năm được lựa chọn"),
    Field("nominated_by", TEXT, ALWAYS, "Mã đơn vị đề xuất, có trong tệp units.yml"),
    Field("province", TEXT, ALWAYS, "Tỉnh, thành phố (34 tỉnh, thành phố từ 1/7/2025), ví dụ: ninh-binh hoặc Ninh Bình"),
    Field("place", TEXT, NEVER, "Xã, phường, thôn, cơ quan (tên tại thời điểm được công nhận)"),
    Field("movements", SLUG_LIST, ALWAYS, "Các phong trào thi đua: tên tệp trong movements/, không có .md"),
    Field("criteria", SLUG_LIST, ALWAYS, "Các tiêu chí lựa chọn đáp ứng (mã trong criteria.yml)"),
    Field("achievements", TEXT_LIST, ALWAYS, "Thành tích cụ thể, kiểm chứng được (số liệu, ngày tháng)"),
    Field("commendations", RECORD_LIST, NEVER, "Khen thưởng đã nhận", subfields=COMMENDATION),
    Field("photo", TEXT, NEVER, "Ảnh (JPEG, PNG, WebP) đặt trong thư mục exemplars/, ví dụ: images/ten-tep.jpg"),
    Field("photo_alt", TEXT, NEVER, "Mô tả ảnh bằng tiếng Việt cho người khiếm thị, bắt buộc khi có ảnh"),
    Field("consent", RECORD, PERSON, "Sự đồng ý công khai thông tin, theo Nghị định 13/2023/NĐ-CP",
          subfields=CONSENT),
    Field("sources", URL_LIST, NEVER, "Nguồn kiểm chứng: địa chỉ bài báo, văn bản trên mạng (https://…), hoặc "
          "trích dẫn báo in, văn bản giấy, ví dụ: Báo Ninh Bình số 1234, ngày 12/4/2024, trang 3"),
    Field("published", DATE, ALWAYS, "Ngày đăng công khai"),
    Field("status", TEXT, NEVER, "`published` (mặc định); `draft`: bản nháp, chỉ xem trước bằng `make serve`, "
          "không đưa lên trang web. Rút hồ sơ (người được nêu gương rút lại sự đồng ý): "
          "chạy scripts/withdraw.py TÊN-TỆP"),
    Field("featured", BOOL, NEVER, "`true` để hiện trên trang chủ"),
)

MOVEMENT_FIELDS = (
    Field("name", TEXT, ALWAYS, "Tên chính thức của phong trào"),
    Field("launched_by", TEXT, ALWAYS, "Cấp, cơ quan phát động, ví dụ: Thủ tướng Chính phủ"),
    Field("level", TEXT, ALWAYS, "Cấp phát động", vocabulary="levels"),
    Field("start", INT, ALWAYS, "Năm bắt đầu"),
    Field("end", INT, NEVER, "Năm kết thúc (bỏ trống nếu đang diễn ra)"),
    Field("legal_basis", TEXT_LIST, NEVER, "Văn bản phát động, ví dụ: Chỉ thị số 19/CT-TTg ngày 16/7/2021"),
    Field("summary", TEXT, ALWAYS, "Tóm tắt (tối đa 300 ký tự)"),
)

STATUSES = ("published", "draft", "withdrawn")
