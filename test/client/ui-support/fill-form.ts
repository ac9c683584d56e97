import { screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import type { ActivityType } from '../../../src/shared/activity/activity-enums';

type User = ReturnType<typeof userEvent.setup>;

export async function typeInto(
  user: User,
  label: string | RegExp,
  text: string,
  container?: HTMLElement,
) {
  const scope = container ? within(container) : screen;
  const input = scope.getByLabelText(label);
  await user.clear(input);
  if (text) await user.type(input, text);
  return input;
}

/** The fields every form needs before "Lưu" (complete): organiser, a theme, a target group. */
export async function fillCommon(user: User) {
  await typeInto(user, 'Cơ quan, đơn vị tổ chức', 'UBND phường Vĩnh Thanh Vân');
  await user.click(screen.getByRole('checkbox', { name: /Giảm nghèo đa chiều/ }));
  await user.click(screen.getByRole('checkbox', { name: 'Hộ nghèo' }));
}

/** Fills the form-specific required fields; returns the title the record is listed under. */
export async function fillTypeSpecific(user: User, type: ActivityType): Promise<string> {
  switch (type) {
    case 'dialogue': {
      const title = 'Đối thoại chính sách với hộ nghèo khu phố 3';
      await typeInto(user, 'Chủ đề', title);
      await typeInto(user, 'Người chủ trì', 'Trần Văn Bình');
      await user.click(screen.getByRole('button', { name: 'Thêm câu hỏi, kiến nghị' }));
      await typeInto(user, 'Nội dung câu hỏi, kiến nghị', 'Xin hỗ trợ vay vốn chăn nuôi');
      await user.click(screen.getByRole('checkbox', { name: 'Cần tiếp tục theo dõi, giải quyết' }));
      await typeInto(user, 'Tổng số người tham dự', '40');
      return title;
    }
    case 'community_talk': {
      const title = 'Kinh nghiệm trồng lúa thoát nghèo';
      await typeInto(user, 'Chuyên đề', title);
      await typeInto(user, 'Báo cáo viên', 'Lê Thị Mai');
      await typeInto(user, 'Tổng số người tham dự', '35');
      return title;
    }
    case 'printed_materials': {
      const title = 'Tờ rơi giảm nghèo đa chiều';
      await typeInto(user, 'Tên ấn phẩm, nội dung', title);
      const leaflets = screen.getByRole('group', { name: 'Tờ rơi' });
      await typeInto(user, 'Số lượng in', '1.500', leaflets);
      await typeInto(user, 'Số lượng phát hành', '1200', leaflets);
      return title;
    }
    case 'mass_media': {
      const title = 'Chuyên mục giảm nghèo trên loa phường';
      await user.selectOptions(screen.getByLabelText('Kênh truyền thông'), 'Phát thanh');
      await typeInto(user, 'Tiêu đề tin, bài, chương trình', title);
      await typeInto(user, 'Số tin, bài, lượt phát', '4');
      await typeInto(user, 'Tổng thời lượng (phút)', '60');
      await typeInto(user, 'Đường dẫn (nếu có)', 'https://kiengiang.gov.vn/tin-1');
      return title;
    }
    case 'training': {
      const title = 'Tập huấn nghiệp vụ giảm nghèo 2025';
      await typeInto(user, 'Nội dung tập huấn', title);
      await typeInto(user, 'Số ngày', '1,5');
      await typeInto(user, 'Tổng số người tham dự', '30');
      await typeInto(user, 'Học viên: cán bộ làm công tác giảm nghèo', '20');
      await typeInto(user, 'Học viên khác', '10');
      return title;
    }
    case 'emulation': {
      const title = 'Biểu dương hộ thoát nghèo tiêu biểu';
      await typeInto(user, 'Tên phong trào, đợt biểu dương', title);
      await typeInto(user, 'Số hộ gia đình được biểu dương, khen thưởng', '12');
      await typeInto(user, 'Nguồn lực huy động (đồng)', '15.000.000');
      await typeInto(user, 'Tổng số người tham dự', '80');
      return title;
    }
    case 'other': {
      const title = 'Hội thi tìm hiểu chính sách giảm nghèo';
      await typeInto(user, 'Tên hoạt động', title);
      await typeInto(user, 'Tổng số người tham dự', '50');
      return title;
    }
  }
}
