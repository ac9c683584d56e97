// Storage safety and backup texts (Cài đặt: bộ nhớ, Sao lưu, Khôi phục; the warnings over the
// home screen), loaded with those pieces, not with the first load (whose budget is 105 kB):
// merged into the catalogue under `backup` by use-backup-catalogue.
export const backupVi = {
  storage: {
    title: 'Bộ nhớ trên máy',
    used: 'Đã dùng {{used}} / {{quota}} ({{percent}} %)',
    unknown: 'Trình duyệt không cho biết dung lượng.',
    nearlyFull:
      'Bộ nhớ của ứng dụng đã dùng {{percent}} %. Hãy đồng bộ để gửi hoạt động và ảnh lên máy chủ, và giải phóng bộ nhớ điện thoại (xóa ảnh, video không cần).',
    persistent: 'Giữ dữ liệu trên máy',
    persistentGranted:
      'Đã bật: trình duyệt không tự xóa dữ liệu của ứng dụng, kể cả khi máy đầy bộ nhớ.',
    persistentDenied:
      'Chưa bật: khi máy đầy bộ nhớ, trình duyệt có thể tự xóa dữ liệu của ứng dụng. Hãy đồng bộ thường xuyên.',
    persistentUnsupported:
      'Trình duyệt này không cho giữ dữ liệu cố định: hãy đồng bộ thường xuyên.',
    requestPersistent: 'Bật giữ dữ liệu trên máy',
    checking: 'Đang kiểm tra…',
    staleUnsynced:
      'Có dữ liệu chưa đồng bộ từ {{date}} (quá 3 ngày). Hãy kết nối mạng và bấm «Đồng bộ», hoặc Sao lưu ra tệp trong Cài đặt, để không bị mất.',
    iosInstall:
      'Trên iPhone, Safari có thể xóa dữ liệu của ứng dụng chưa được cài lên màn hình chính. Hãy bấm Chia sẻ → «Thêm vào MH chính» để giữ dữ liệu.',
  },
  backup: {
    title: 'Sao lưu ra tệp',
    intro:
      'Lưu tất cả dữ liệu của bạn trên máy này (hoạt động, thay đổi chưa gửi, bản nháp, ảnh) vào một tệp được mã hóa, để gửi qua Zalo hoặc cất giữ. Cần mật khẩu sao lưu để mở lại tệp.',
    passphrase: 'Mật khẩu sao lưu',
    passphraseHint:
      'Ít nhất 10 ký tự. Nên dùng một câu dễ nhớ. Không có mật khẩu này thì không ai mở được tệp, kể cả quản trị viên.',
    passphraseAgain: 'Nhập lại mật khẩu sao lưu',
    strength: {
      weak: 'Độ mạnh: yếu — thêm từ, chữ hoa, số hoặc ký hiệu.',
      fair: 'Độ mạnh: khá.',
      strong: 'Độ mạnh: mạnh.',
    },
    create: 'Tạo tệp sao lưu',
    creating: 'Đang mã hóa và tạo tệp…',
    created:
      'Đã sao lưu lúc {{time}}: {{activities}} hoạt động, {{unsynced}} thay đổi chưa gửi, {{drafts}} bản nháp, {{photos}} ảnh.',
    shareTitle: 'Sao lưu dữ liệu Nhật ký truyền thông',
    cancelled: 'Chưa gửi tệp sao lưu đi. Hãy bấm lại để lưu hoặc chia sẻ tệp.',
    failed: 'Không tạo được tệp sao lưu: {{reason}}',
    last: 'Lần sao lưu gần nhất: {{time}}',
    never: 'Chưa sao lưu ra tệp lần nào trên máy này.',
  },
  restore: {
    title: 'Khôi phục từ tệp',
    intro:
      'Đưa dữ liệu từ một tệp sao lưu của chính tài khoản này vào máy. Dữ liệu đã có không bị nhân đôi; những thay đổi chưa gửi sẽ được gửi khi đồng bộ.',
    file: 'Tệp sao lưu',
    passphrase: 'Mật khẩu của tệp sao lưu',
    submit: 'Khôi phục',
    working: 'Đang giải mã và khôi phục…',
    done: 'Đã khôi phục: {{activities}} hoạt động, {{mutations}} thay đổi chờ gửi, {{drafts}} bản nháp, {{photos}} ảnh. Dữ liệu đã có trên máy không bị nhân đôi.',
    wrongPassphrase: 'Sai mật khẩu sao lưu (hoặc tệp đã bị hỏng). Chưa khôi phục gì.',
    notBackup: 'Tệp này không phải là tệp sao lưu của ứng dụng. Chưa khôi phục gì.',
    damaged: 'Tệp sao lưu bị hỏng hoặc chưa tải về đầy đủ. Chưa khôi phục gì.',
    otherUser:
      'Tệp này là sao lưu của tài khoản «{{owner}}», không phải của tài khoản đang đăng nhập («{{me}}»). Chưa khôi phục gì. Hãy đăng nhập bằng tài khoản «{{owner}}» để khôi phục.',
    failed: 'Không khôi phục được: {{reason}}. Chưa khôi phục gì.',
  },
  storageFull:
    'bộ nhớ của máy đã đầy — hãy đồng bộ, xóa bớt ảnh hoặc tệp không cần trên máy rồi thử lại',
  writeFailed: 'trình duyệt không ghi được dữ liệu — hãy thử lại; nếu vẫn lỗi, mở lại ứng dụng',
};
