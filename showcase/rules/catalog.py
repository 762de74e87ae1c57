"""The catalogue of rule codes: severity and a one-line Vietnamese description."""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import ERROR, WARNING


@dataclass(frozen=True)
class RuleInfo:
    code: str
    severity: str
    title: str


_RULES = [
    # Files and YAML
    ("DH001", ERROR, "Tệp không đọc được hoặc không phải UTF-8"),
    ("DH002", ERROR, "Tệp sẽ bị bỏ qua: đuôi `.MD`, `.markdown`, không có phần khai báo, hoặc loại tệp lạ"),
    ("DH003", ERROR, "Lỗi cú pháp YAML, ngày không có thật, thẻ YAML không được phép"),
    ("DH004", ERROR, "Một trường được khai báo hai lần"),
    ("DH005", ERROR, "Dùng neo/bí danh YAML (`&`, `*`)"),
    ("DH006", ERROR, "Tệp quá lớn"),
    ("DH007", ERROR, "Phần khai báo không phải danh sách `trường: giá trị`"),
    ("DH008", ERROR, "`criteria.yml` sai cấu trúc"),
    ("DH009", ERROR, "`units.yml` sai cấu trúc hoặc đơn vị thiếu tên, cấp"),
    ("DH010", ERROR, "Tên tệp không phải dạng không dấu, chữ thường, nối bằng gạch ngang"),
    ("DH011", ERROR, "`calendar.yml` (lịch ngày kỷ niệm) sai cấu trúc"),
    ("DH012", ERROR, "Tệp hoặc thư mục là liên kết tượng trưng (symlink)"),
    ("DH013", ERROR, "`agency.yml` (thông tin cơ quan ban hành văn bản) sai cấu trúc"),
    # Fields
    ("DH101", ERROR, "Thiếu trường bắt buộc"),
    ("DH102", ERROR, "Trường không có trong quy định (gõ nhầm tên trường)"),
    ("DH103", ERROR, "Giá trị sai kiểu (chữ, số, ngày, danh sách, đúng/sai)"),
    ("DH104", ERROR, "Giá trị không có trong danh mục (loại, nhóm, lĩnh vực, cấp, hình thức khen thưởng…)"),
    ("DH105", ERROR, "Tóm tắt dài quá giới hạn"),
    ("DH106", ERROR, "Câu chuyện ngắn hơn số từ tối thiểu"),
    ("DH107", ERROR, "Năm không hợp lệ, hoặc năm kết thúc phong trào trước năm bắt đầu"),
    ("DH108", ERROR, "Ngày hoặc năm ở tương lai (chỉ xét các tệp đang sửa)"),
    ("DH109", ERROR, "Danh sách bắt buộc đang trống"),
    ("DH110", ERROR, "Ký tự điều khiển, ký tự ẩn hoặc đảo chiều văn bản"),
    ("DH111", ERROR, "Hồ sơ còn nội dung mẫu của biểu mẫu"),
    ("DH112", ERROR, "Chữ gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI, không phải Unicode"),
    ("DH113", ERROR, "Dấu `#` sau dấu cách cắt mất phần cuối của giá trị"),
    # References between files
    ("DH201", ERROR, "Phong trào không tồn tại trong `movements/`"),
    ("DH202", ERROR, "Đơn vị đề xuất không có trong `units.yml`"),
    ("DH203", ERROR, "Tiêu chí không có trong `criteria.yml`"),
    ("DH204", ERROR, "Năm lựa chọn nằm ngoài thời gian của phong trào"),
    ("DH205", ERROR, "Tỉnh, thành phố không có trong danh sách 34 tỉnh, thành phố"),
    ("DH206", ERROR, "Tên tỉnh cũ (trước 1/7/2025): dùng tên tỉnh, thành phố mới"),
    ("DH207", ERROR, "Trùng tên tệp (slug) với một hồ sơ khác"),
    ("DH208", ERROR, "Cùng một người, tập thể hoặc hộ có hai hồ sơ"),
    # Personal data and consent
    ("DH301", ERROR, "Có số căn cước, định danh cá nhân (12 chữ số) hoặc chứng minh nhân dân (9 chữ số), kể cả viết tách"),
    ("DH302", ERROR, "Có số điện thoại (kể cả viết tách, trong ngoặc, dính chữ, trong liên kết)"),
    ("DH303", ERROR, "Thiếu sự đồng ý công khai thông tin (cá nhân, hộ gia đình)"),
    ("DH304", ERROR, "Sự đồng ý chưa được xác nhận (`given` phải là `true`)"),
    ("DH305", ERROR, "Có địa chỉ nhà riêng (số nhà, tên đường, ngõ, ngách, hẻm, kiệt)"),
    ("DH306", ERROR, "Có địa chỉ thư điện tử (e-mail) hoặc liên kết `mailto:`"),
    ("DH307", ERROR, "Có số hộ chiếu"),
    ("DH308", ERROR, "Ngày đồng ý sau ngày công bố"),
    ("DH309", ERROR, "Hồ sơ đã rút (`status: withdrawn`) còn dữ liệu cá nhân: chỉ giữ `status` và `withdrawn`"),
    # Photos, links, HTML
    ("DH401", ERROR, "Ảnh không tồn tại"),
    ("DH402", ERROR, "Ảnh nằm ngoài thư mục `exemplars/`"),
    ("DH403", ERROR, "Ảnh quá lớn, quá nhiều điểm ảnh, hỏng, không mở được hoặc không phải định dạng JPEG, PNG, WebP"),
    ("DH404", ERROR, "Có ảnh nhưng thiếu mô tả ảnh `photo_alt`"),
    ("DH405", ERROR, "Liên kết không an toàn: chỉ nhận `https://`, `mailto:` và đường dẫn trong trang (không `http://`, `javascript:`, `data:`…)"),
    ("DH406", ERROR, "HTML không được phép trong nội dung: thẻ ngoài danh sách cho phép (`<script>`, `<iframe>`, `<meta>`…), thuộc tính `on…`, `style` hay thuộc tính lạ, ảnh chèn vào nội dung"),
    ("DH407", ERROR, "Ảnh gốc còn toạ độ GPS (vị trí chụp) trong dữ liệu ẩn"),
    # Quotas
    ("DH501", ERROR, "Đơn vị vượt số điển hình tối đa trong một năm"),
    ("DH502", WARNING, "Đơn vị chưa có điển hình nào trong năm"),
]

CODES: dict[str, RuleInfo] = {code: RuleInfo(code, sev, title) for code, sev, title in _RULES}
