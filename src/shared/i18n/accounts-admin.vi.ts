// The account administration screens' texts (create, edit, access, one-time password, audit log),
// merged under `accounts` when those lazy screens open (use-accounts-admin-catalogue): only an
// admin ever sees them, so they stay out of every officer's first load (budget 105 kB).
export const accountsAdminVi = {
  /** An account's unit: named, with its map when that is not today's (codes are reused). */
  unitName: '{{name}} ({{code}})',
  unitNameOfMap: '{{name}} ({{code}}, {{geography}})',
  create: {
    open: 'Tạo tài khoản',
    title: 'Tạo tài khoản mới',
    usernameHint: 'Chữ thường không dấu, số, dấu chấm; ví dụ lan.vinhthanh',
    password: 'Mật khẩu (không bắt buộc)',
    passwordHint: 'Để trống: hệ thống tự tạo mật khẩu và hiện MỘT lần để bạn đưa cho cán bộ.',
    submit: 'Tạo tài khoản',
    done: 'Đã tạo tài khoản {{username}}.',
  },
  edit: {
    title: 'Thông tin tài khoản',
    submit: 'Lưu thay đổi',
    saved: 'Đã lưu.',
    retiredUnit: 'Đơn vị cũ {{code}} ({{geography}}): chọn đơn vị mới.',
    scopeHint:
      'Vai trò hoặc đơn vị mới có hiệu lực ngay. Các thiết bị của tài khoản vẫn đăng nhập, giữ dữ liệu chưa đồng bộ và nhận phạm vi mới ở lần đồng bộ tiếp theo. Muốn buộc đăng nhập lại: thu hồi thiết bị.',
    confirmScope:
      'Đổi vai trò hoặc đơn vị: tài khoản sẽ xem và ghi theo phạm vi mới ngay từ lần đồng bộ tiếp theo. Tiếp tục?',
  },
  access: {
    title: 'Đăng nhập',
    disable: 'Khóa tài khoản',
    enable: 'Mở khóa tài khoản',
    confirmDisable:
      'Khóa tài khoản {{username}}? Mọi thiết bị của tài khoản dừng đồng bộ ngay và không đăng nhập được nữa.',
    confirmEnable: 'Mở khóa tài khoản {{username}}? Cán bộ sẽ đăng nhập lại trên điện thoại.',
    disabledSince: 'Bị khóa từ {{time}}.',
    resetPassword: 'Đặt lại mật khẩu',
    confirmReset:
      'Đặt lại mật khẩu cho {{username}}? Mật khẩu mới hiện một lần; mọi thiết bị của tài khoản phải đăng nhập lại.',
  },
  oneTime: {
    title: 'Mật khẩu mới — chỉ hiện một lần',
    intro: 'Mật khẩu của {{username}}:',
    once: 'Hãy ghi lại hoặc đọc cho cán bộ ngay bây giờ. Sau khi đóng sẽ không xem lại được; cán bộ có thể tự đổi mật khẩu sau khi đăng nhập.',
    done: 'Đã ghi lại, đóng',
  },
  audit: {
    title: 'Nhật ký thay đổi',
    forAccount: 'Lịch sử thay đổi',
    empty: 'Chưa có thay đổi nào.',
    more: 'Xem thêm',
    system: 'máy chủ ({{name}})',
    user: {
      created: '{{actor}} đã tạo tài khoản {{target}} ({{role}}, đơn vị {{unit}})',
      disabled: '{{actor}} đã khóa tài khoản {{target}}',
      enabled: '{{actor}} đã mở khóa tài khoản {{target}}',
      role_changed: '{{actor}} đã đổi vai trò của {{target}}: {{from}} → {{to}}',
      unit_changed: '{{actor}} đã đổi đơn vị của {{target}}: {{from}} → {{to}}',
      name_changed: '{{actor}} đã đổi tên của {{target}}: «{{from}}» → «{{to}}»',
      password_reset: '{{actor}} đã đặt lại mật khẩu của {{target}}',
      password_changed: '{{actor}} đã đổi mật khẩu của mình',
    },
    device: {
      revoked: '{{actor}} đã thu hồi thiết bị «{{device}}» của {{target}}',
      all_revoked: '{{actor}} đã thu hồi mọi thiết bị của {{target}} ({{count}})',
    },
  },
};

export type AccountsAdminTexts = typeof accountsAdminVi;
