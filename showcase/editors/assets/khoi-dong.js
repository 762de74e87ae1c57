// Starts Decap CMS at /bien-tap/ in Vietnamese (showcase/editors/decap.py copies this file).
// Loaded before decap-cms.js: the CMS must not start on its own before the strings that its
// `vi` locale lacks are filled in; it starts once every script of the page has run.
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;

  // Strings of Decap's English locale missing from its Vietnamese one (decap-cms-locales 3.8.2).
  var MISSING_VI = {
    "collection.collectionTop.viewAs": "Xem dạng",  // left in English by the vi locale
    "auth.loginWithAzure": "Đăng nhập bằng Azure",
    "auth.loginWithForgejo": "Đăng nhập bằng Forgejo",
    "collection.collectionTop.viewAsList": "Xem dạng danh sách",
    "collection.collectionTop.viewAsGrid": "Xem dạng lưới",
    "collection.collectionTop.groupBy": "Nhóm theo",
    "collection.entries.unpublishedHeader": "Mục chưa đăng",
    "collection.groups.other": "Khác",
    "collection.groups.negateLabel": "Không phải %{label}",
    "editor.editorControl.field.widgetLabel": "Ô %{widgetLabel}",
    "editor.editorControlPane.i18n.writingInLocale": "Đang viết bằng %{locale}",
    "editor.editorControlPane.i18n.copyFromLocale": "Điền từ ngôn ngữ khác",
    "editor.editorControlPane.i18n.copyFromLocaleConfirm":
      "Điền dữ liệu từ ngôn ngữ %{locale}?\nToàn bộ nội dung hiện có sẽ bị ghi đè.",
    "editor.editorInterface.toggleI18n": "Bật/tắt đa ngôn ngữ",
    "editor.editorInterface.togglePreview": "Bật/tắt xem trước",
    "editor.editorInterface.toggleScrollSync": "Cuộn đồng thời",
    "editor.editorInterface.toggleNotes": "Bật/tắt ghi chú",
    "editor.editorNotesPane.title": "Ghi chú",
    "editor.editorNotesPane.emptyState": "Chưa có ghi chú. Thêm ghi chú đầu tiên ở bên dưới để cùng trao đổi.",
    "editor.editorNotesPane.addNote": "Thêm ghi chú",
    "editor.editorNotesPane.addPlaceholder": "Viết ghi chú…",
    "editor.editorNotesPane.editPlaceholder": "Sửa ghi chú…",
    "editor.editorNotesPane.save": "Lưu",
    "editor.editorNotesPane.cancel": "Huỷ",
    "editor.editorNotesPane.edit": "Sửa",
    "editor.editorNotesPane.delete": "Xoá",
    "editor.editorNotesPane.resolve": "Đã xử lý",
    "editor.editorNotesPane.unresolve": "Mở lại",
    "editor.editorNotesPane.confirmDelete": "Bạn có chắc muốn xoá ghi chú này?",
    "editor.editorNotesPane.shortcut": "Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh",
    "editor.editorToolbar.statusInfoTooltipDraft":
      "Hồ sơ đang ở trạng thái nháp. Để hoàn tất và gửi duyệt, chuyển trạng thái sang “Đang duyệt”",
    "editor.editorToolbar.statusInfoTooltipInReview":
      "Hồ sơ đang được duyệt, không cần làm gì thêm. Bạn vẫn có thể sửa tiếp trong khi chờ duyệt.",
    "editor.editorWidgets.markdown.bold": "Chữ đậm",
    "editor.editorWidgets.markdown.italic": "Chữ nghiêng",
    "editor.editorWidgets.markdown.strikethrough": "Gạch ngang",
    "editor.editorWidgets.markdown.code": "Mã",
    "editor.editorWidgets.markdown.link": "Liên kết",
    "editor.editorWidgets.markdown.linkPrompt": "Nhập địa chỉ của liên kết",
    "editor.editorWidgets.markdown.headings": "Tiêu đề",
    "editor.editorWidgets.markdown.quote": "Trích dẫn",
    "editor.editorWidgets.markdown.bulletedList": "Danh sách gạch đầu dòng",
    "editor.editorWidgets.markdown.numberedList": "Danh sách đánh số",
    "editor.editorWidgets.markdown.addComponent": "Thêm thành phần",
    "editor.editorWidgets.markdown.toggleMode.rich": "Chuyển sang chế độ soạn thảo thường",
    "editor.editorWidgets.markdown.toggleMode.markdown": "Chuyển sang chế độ Markdown",
    "editor.editorWidgets.image.chooseMultiple": "Chọn ảnh",
    "editor.editorWidgets.image.chooseUrl": "Chèn từ địa chỉ",
    "editor.editorWidgets.image.replaceUrl": "Thay bằng địa chỉ",
    "editor.editorWidgets.image.promptUrl": "Nhập địa chỉ của ảnh",
    "editor.editorWidgets.image.addMore": "Thêm ảnh",
    "editor.editorWidgets.image.removeAll": "Bỏ tất cả ảnh",
    "editor.editorWidgets.file.chooseUrl": "Chèn từ địa chỉ",
    "editor.editorWidgets.file.chooseMultiple": "Chọn tệp",
    "editor.editorWidgets.file.replaceUrl": "Thay bằng địa chỉ",
    "editor.editorWidgets.file.promptUrl": "Nhập địa chỉ của tệp",
    "editor.editorWidgets.file.addMore": "Thêm tệp",
    "editor.editorWidgets.file.removeAll": "Bỏ tất cả tệp",
    "editor.editorWidgets.datetime.setToNow": "Đặt %{fieldLabel} là hôm nay",
    "editor.editorWidgets.list.add": "Thêm %{item}",
    "editor.editorWidgets.list.addType": "Thêm %{item}",
    "editor.editorWidgets.object.expand": "Mở rộng",
    "editor.editorWidgets.object.collapse": "Thu gọn",
    "mediaLibrary.mediaLibraryCard.copy": "Sao chép",
    "mediaLibrary.mediaLibraryCard.copyUrl": "Sao chép địa chỉ",
    "mediaLibrary.mediaLibraryCard.copyPath": "Sao chép đường dẫn",
    "mediaLibrary.mediaLibraryCard.copyName": "Sao chép tên",
    "mediaLibrary.mediaLibraryCard.copied": "Đã sao chép",
    "mediaLibrary.mediaLibraryModal.close": "Đóng",
    "ui.settingsDropdown.account": "Tuỳ chọn tài khoản",
    "ui.toast.noteAdded": "Đã thêm ghi chú",
    "ui.toast.onFailToAddNote": "Không thêm được ghi chú: %{details}",
    "ui.toast.noteUpdated": "Đã cập nhật ghi chú",
    "ui.toast.onFailToUpdateNote": "Không cập nhật được ghi chú: %{details}",
    "ui.toast.noteDeleted": "Đã xoá ghi chú",
    "ui.toast.onFailToDeleteNote": "Không xoá được ghi chú: %{details}",
    "ui.toast.noteResolved": "Đã đánh dấu ghi chú là đã xử lý",
    "ui.toast.noteReopened": "Đã mở lại ghi chú",
    "ui.toast.onFailToToggleNote": "Không đổi được trạng thái ghi chú: %{details}"
  };

  function getPath(object, keys) {
    return keys.reduce(function (value, key) { return value && value[key]; }, object);
  }

  function completed(base, english) {
    // Every string of the English locale, in Vietnamese: Decap's own where it has one, ours
    // where it lacks one, and Decap's English only for a string added by a newer release.
    var phrases = JSON.parse(JSON.stringify(base || {}));
    function walk(source, target, path) {
      Object.keys(source).forEach(function (key) {
        var here = path ? path + "." + key : key;
        if (source[key] && typeof source[key] === "object") {
          if (!target[key] || typeof target[key] !== "object") target[key] = {};
          walk(source[key], target[key], here);
        } else if (target[key] === undefined) {
          target[key] = MISSING_VI[here] !== undefined ? MISSING_VI[here] : source[key];
        }
      });
    }
    walk(english || {}, phrases, "");
    Object.keys(MISSING_VI).forEach(function (here) {  // ours also where Decap's "vi" kept the English
      var keys = here.split("."), target = phrases;
      keys.slice(0, -1).forEach(function (key) { target = target[key] = target[key] || {}; });
      if (target[keys[keys.length - 1]] === getPath(english, keys)) target[keys[keys.length - 1]] = MISSING_VI[here];
    });
    return phrases;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var CMS = window.CMS;
    if (!CMS) return;
    CMS.registerLocale("vi", completed(CMS.getLocale("vi"), CMS.getLocale("en")));
    CMS.init();
  });
})();
