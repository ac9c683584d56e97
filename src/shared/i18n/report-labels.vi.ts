import type { Dictionary } from './vi';

// Labels of the report tables (headers, measures, periods): used by the shared report tables
// for the XLSX/CSV exports on the server and by the report screens, which load them lazily (they
// are not part of the first load, whose budget is 105 kB).
export const reportLabelsVi = {
  measure: {
    activities: 'Số hoạt động',
    participants_total: 'Số người tham dự',
    participants_female: 'Trong đó: nữ',
    participants_khmer: 'Dân tộc Khmer',
    participants_hoa: 'Dân tộc Hoa',
    participants_other_minority: 'Dân tộc thiểu số khác',
    participants_poor: 'Thuộc hộ nghèo',
    participants_near_poor: 'Thuộc hộ cận nghèo',
    participants_newly_out_of_poverty: 'Thuộc hộ mới thoát nghèo',
    participants_officials: 'Cán bộ làm công tác giảm nghèo',
    trainees_poverty_officials: 'Học viên: cán bộ làm công tác giảm nghèo',
    trainees_reporters_editors: 'Học viên: phóng viên, biên tập viên',
    trainees_others: 'Học viên khác',
    training_half_days: 'Số ngày tập huấn',
    commended_collectives: 'Tập thể được khen thưởng',
    commended_individuals: 'Cá nhân được khen thưởng',
    commended_households: 'Hộ gia đình được khen thưởng',
    resources_vnd: 'Nguồn lực huy động (đồng)',
    resources_in_kind_activities: 'Hoạt động huy động hiện vật',
    questions_asked: 'Số câu hỏi, ý kiến',
    questions_follow_up: 'Ý kiến cần tiếp tục giải quyết',
    cost_total: 'Tổng kinh phí (đồng)',
    costUnspecified: 'Chưa ghi nguồn',
    printed: '{{kind}}: số bản in',
    distributed: '{{kind}}: số bản phát',
    mediaItems: '{{channel}}: số tin, bài',
    mediaMinutes: '{{channel}}: số phút',
    cost: 'Kinh phí – {{source}} (đồng)',
  },
  period: {
    first_half: '6 tháng đầu năm',
    full_year: 'Cả năm',
    ad_hoc: 'Tùy chọn',
    calendar: 'Theo năm dương lịch',
    data_cutoff: 'Theo thời điểm chốt số liệu (Nghị định 09/2019/NĐ-CP)',
    range: 'Từ {{from}} đến {{to}}',
    /** A regular period named, with its days (the basis shows in them). */
    named: {
      first_half: '6 tháng đầu năm {{year}} (từ {{from}} đến {{to}})',
      full_year: 'Năm {{year}} (từ {{from}} đến {{to}})',
    },
  },
  unitColumn: 'Đơn vị',
  codeColumn: 'Mã',
  formColumn: 'Hình thức',
  /** The geography a table's codes belong to (codes are reused between maps). */
  mapColumn: 'Danh mục đơn vị hành chính',
  ofMap: 'danh mục {{map}}',
  allForms: 'Tất cả hình thức',
  sheet: {
    dialogue: 'Đối thoại',
    community_talk: 'Nói chuyện chuyên đề',
    printed_materials: 'Tờ rơi, tài liệu, băng rôn',
    mass_media: 'Thông tin đại chúng',
    training: 'Tập huấn',
    emulation: 'Thi đua, khen thưởng',
    other: 'Hoạt động khác',
  },
  total: 'Tổng cộng',
  /** A row of figures that fit no single unit of the table (docs/reports.md, "unplaced"). */
  unplacedRow: '{{name}} (danh mục {{geography}}) — không thuộc riêng đơn vị nào ở trên',
  drafts: 'Bản nháp (chưa tính)',
  summarySheet: 'Tổng hợp',
  silentChildren: 'Đơn vị chưa có hoạt động trong kỳ',
  silentCommunes: 'Xã, phường chưa có hoạt động: {{count}}/{{total}}',
  title: 'Báo cáo kết quả công tác truyền thông giảm nghèo',
  targets: {
    printTitle: 'Kết quả thực hiện chỉ tiêu',
    sheet: 'Chỉ tiêu',
    title: 'Kết quả thực hiện chỉ tiêu năm {{year}}',
    firstHalf: 'Kết quả 6 tháng đầu năm so với chỉ tiêu cả năm {{year}}',
    fullYear: 'Kết quả cả năm so với chỉ tiêu năm {{year}}',
    indicatorColumn: 'Chỉ tiêu',
    achieved: 'Thực hiện',
    target: 'Chỉ tiêu năm',
    percent: 'Tỷ lệ đạt (%)',
    none: 'Chưa đặt',
    indicator: {
      dialogues: 'Số cuộc đối thoại chính sách',
      community_talks: 'Số buổi nói chuyện chuyên đề',
      materials_distributed: 'Số tờ rơi, tài liệu đã phát',
      media_items: 'Số tin, bài trên phương tiện thông tin đại chúng',
      people_reached: 'Lượt người được tiếp cận',
      poor_reached: 'Lượt người thuộc hộ nghèo được tiếp cận',
      near_poor_reached: 'Lượt người thuộc hộ cận nghèo được tiếp cận',
      trainees: 'Số học viên được tập huấn',
    },
  },
};

export type ReportLabels = typeof reportLabelsVi;

/** What the shared report tables need of a catalogue: the app's form and kind names, and these. */
export type ReportDictionary = Pick<
  Dictionary,
  'activityType' | 'printedKind' | 'mediaChannel' | 'fundingSource'
> & { report: ReportLabels };
