// Vietnamese on purpose: these are not API answers (those are message keys, see
// shared/i18n/problem-messages-*.ts) but a stored value and a note for whoever runs the server.
// The architecture test allows Vietnamese literals in src/server only here, in cli/ and in
// db/migrations/.

/** The display name the first admin account is created with. */
export const FIRST_ADMIN_DISPLAY_NAME = 'Quản trị hệ thống';

/** Logged once at first start, with the file that holds the first admin's password. */
export const FIRST_ADMIN_PASSWORD_NOTE =
  'Tài khoản quản trị đầu tiên "admin" đã được tạo; mật khẩu ở trong tệp này (chỉ người chạy ' +
  'máy chủ đọc được). Đăng nhập, đổi mật khẩu rồi xóa tệp. / First admin account "admin" ' +
  'created: its password is in this file (owner-only). Log in, change it, delete the file.';
