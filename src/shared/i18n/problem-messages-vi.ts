// What the API says when it refuses a request, by message key ('problem.<key>'), in Vietnamese.
// The server answers in the request's language (Accept-Language); the app shows its own
// translation of the key. {{name}} is filled from the problem's `params`.
export const problemMessagesVi = {
  invalidRequest: 'Yêu cầu không hợp lệ.',
  invalidAddress: 'Địa chỉ yêu cầu không hợp lệ.',
  unknownAddress: 'Không tìm thấy địa chỉ này.',
  headersTooLarge: 'Địa chỉ hoặc phần đầu (header) của yêu cầu quá dài.',
  malformedRequest: 'Yêu cầu HTTP không đúng định dạng.',
  requestTimeout: 'Yêu cầu gửi đến quá chậm nên đã bị ngắt; vui lòng thử lại.',
  notFound: 'Không tìm thấy.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  bodyTooLarge: 'Dữ liệu gửi lên quá lớn. Hãy gửi ít bản ghi hơn mỗi lần.',
  jsonOnly: 'Máy chủ chỉ nhận dữ liệu JSON.',
  invalidJson: 'Dữ liệu gửi lên không phải JSON hợp lệ.',
  emptyBody: 'Dữ liệu gửi lên trống.',
  nestedTooDeep: 'Dữ liệu gửi lên lồng nhau quá sâu.',
  serverError: 'Máy chủ gặp lỗi. Vui lòng thử lại sau.',
  serverBusy: 'Máy chủ đang bận vì nhiều máy đồng bộ cùng lúc. Ứng dụng sẽ tự thử lại.',
  databaseUnavailable: 'Máy chủ tạm thời không truy cập được cơ sở dữ liệu. Vui lòng thử lại sau.',

  loginRequired: 'Vui lòng đăng nhập.',
  loginAgain: 'Vui lòng đăng nhập lại.',
  sessionEnded: 'Phiên đăng nhập đã hết hạn hoặc đã bị thu hồi. Vui lòng đăng nhập lại.',
  wrongCredentials: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  tooManyLogins: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {{minutes}} phút.',
  accountDisabled: 'Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên.',
  adminOnly: 'Chỉ quản trị viên được quản lý tài khoản.',
  deviceNotFound: 'Không tìm thấy thiết bị.',
  accountDeviceNotFound: 'Không tìm thấy thiết bị của tài khoản này.',
  notYourDevice: 'Bạn chỉ được thu hồi thiết bị của chính mình.',
  usernameTaken: 'Tên đăng nhập "{{username}}" đã tồn tại.',
  accountNotFound: 'Không tìm thấy tài khoản.',
  accountNotFoundNamed: 'Không có tài khoản "{{username}}".',
  selfLockout: 'Bạn không thể tự khóa hoặc tự hạ quyền tài khoản của mình.',
  wrongCurrentPassword: 'Mật khẩu hiện tại không đúng.',
  geographyUnknown: 'Không có bộ danh mục đơn vị hành chính "{{geography}}".',
  unitNotInGeography: 'Mã đơn vị "{{unit}}" không có trong danh mục {{geography}}.',
  unitNotInGeographyElsewhere:
    'Mã đơn vị "{{unit}}" không có trong danh mục {{geography}} (mã này là {{elsewhere}}).',
  districtAccountNeedsDistrict:
    'Tài khoản cấp huyện phải thuộc một huyện; danh mục {{geography}} không có đơn vị đó.',
  communeAccountNeedsCommune: 'Tài khoản cấp xã phải thuộc một xã, phường hoặc thị trấn.',

  invalidCursor: 'Con trỏ trang (cursor) không hợp lệ.',
  invalidDateRange: 'Khoảng thời gian không hợp lệ: ngày kết thúc trước ngày bắt đầu.',
  activityNotOnServer: 'Máy chủ không có hoạt động này.',
  noReadRightActivities: 'Bạn không có quyền xem hoạt động của đơn vị này.',
  noReadRightData: 'Bạn không có quyền xem dữ liệu của đơn vị này.',
  invalidSince: 'Mốc đồng bộ (since) không hợp lệ.',
  pullLimitRange: 'Số bản ghi mỗi lần (limit) phải từ 1 đến {{max}}.',
  tooManyMutations: 'Mỗi lần chỉ gửi tối đa {{max}} thay đổi.',
  invalidMutation: 'Thay đổi gửi lên không hợp lệ.',
  invalidActivity: 'Dữ liệu hoạt động không hợp lệ.',
  recordIdMismatch: 'Mã bản ghi không khớp với dữ liệu gửi lên.',
  mutationIdReused: 'Mã thay đổi (mutationId) đã được dùng cho bản ghi khác.',
  authorFixed: 'Người tạo hoạt động phải là tài khoản đang đăng nhập và không được thay đổi.',
  photosMissing: 'Máy chủ chưa nhận đủ ảnh của hoạt động (còn thiếu {{count}} ảnh).',
  recordTooLarge: 'Bản ghi quá lớn để gửi lên máy chủ.',
  photoRefused:
    'Máy chủ không nhận một ảnh của hoạt động này (tệp ảnh trên máy bị hỏng). Hãy mở hoạt động, xóa ảnh đó rồi lưu lại; có thể đính kèm lại ảnh từ thư viện.',
  waitingForPhotos: 'Một thay đổi trước của hoạt động này đang chờ ảnh.',
  communeNotInCatalogue: 'Hoạt động phải thuộc một xã, phường hoặc thị trấn có trong danh mục.',
  wideRoleOwnOnly:
    'Tài khoản cấp tỉnh, cơ quan và quản trị chỉ được ghi hoạt động do chính mình tạo.',
  districtDissolved:
    'Đơn vị cấp huyện của tài khoản đã giải thể từ 01/07/2025: tài khoản chỉ được xem. ' +
    'Nhờ quản trị chuyển tài khoản sang đơn vị mới.',
  noWriteRight: 'Bạn không có quyền ghi dữ liệu của {{name}}.',
  noWriteRightUntilMoved:
    'Bạn không có quyền ghi dữ liệu của {{name}}: tài khoản của bạn còn thuộc đơn vị trước sắp xếp. ' +
    'Nhờ quản trị chuyển tài khoản sang đơn vị mới; hoạt động sẽ tự gửi lại sau đó.',

  agencyIdMismatch: 'Mã cơ quan trong đường dẫn và nội dung khác nhau.',
  invalidReportPeriod: 'Kỳ báo cáo không hợp lệ: ngày kết thúc trước ngày bắt đầu.',
  chooseUnit: 'Vui lòng chọn đơn vị (unit) trong danh mục này.',
  noReportRight: 'Bạn không có quyền xem báo cáo của đơn vị này.',
  noSubmitRight: 'Chỉ cán bộ của chính đơn vị mới được nộp hoặc mở lại báo cáo của đơn vị đó.',
  reportAlreadySubmitted: 'Báo cáo kỳ này của đơn vị đã được nộp. Muốn sửa, hãy mở lại báo cáo.',
  reportNotSubmitted: 'Báo cáo kỳ này của đơn vị chưa được nộp (hoặc đã được mở lại).',
  periodNotStarted: 'Kỳ báo cáo này chưa bắt đầu nên chưa thể nộp.',
  periodLocked:
    'Báo cáo kỳ {{from}}–{{to}} của {{unit}} đã nộp ngày {{submittedOn}}: hoạt động trong kỳ không sửa được nữa. Đơn vị cần mở lại báo cáo trước.',
  targetsNeedYearPeriod: 'Chỉ tiêu tính theo năm: chọn kỳ 6 tháng đầu năm hoặc cả năm.',
  targetsNotAllowed:
    'Chỉ cán bộ cấp tỉnh hoặc cấp huyện đặt chỉ tiêu cho đơn vị trong phạm vi của mình.',

  badByteHeader: 'Thiếu hoặc sai tiêu đề {{header}} (số byte).',
  chunkContentType: 'Phần ảnh phải gửi với Content-Type: {{contentType}}.',
  uploadOffset: 'Máy chủ đang có {{offset}} byte của ảnh này; hãy gửi tiếp từ vị trí đó.',
  photoTooLarge: 'Ảnh phải nhỏ hơn {{mb}} MB sau khi nén.',
  uploadTooLong: 'Dữ liệu gửi lên dài hơn kích thước ảnh đã khai báo (Upload-Length).',
  photoHashMismatch:
    'Dữ liệu ảnh nhận được không khớp với mã SHA-256 của ảnh; máy chủ đã bỏ bản này, hãy gửi lại từ đầu.',
  notAPhoto: 'Tệp gửi lên không phải ảnh JPEG hoặc WebP.',
  photoTooManyPixels:
    'Ảnh {{width}} × {{height}} px lớn hơn {{px}} px ở cạnh dài: ứng dụng nén ảnh trên máy trước khi gửi.',
  photoNotOnServer: 'Máy chủ chưa có ảnh này.',
  noPhotoRight: 'Bạn không có quyền xem ảnh này.',
} as const;

export type ProblemMessages = Record<keyof typeof problemMessagesVi, string>;
