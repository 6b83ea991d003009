import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { check, contentOf } from './form-model';
import { fieldOf, Harness, latestState, TEMPLATE } from './SubmissionForm.fixture';

describe('the submission form generated from a template', () => {
  it("shows the template's sections in order with their titles, and a narrative for each section without sub-sections", () => {
    render(<Harness />);
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'I. Đặc điểm tình hình',
      'II. Kết quả thực hiện',
      'II.1. Công tác tuyên truyền, vận động',
      'II.2. Phong trào thi đua',
    ]);
    expect(screen.getByRole('heading', { name: 'II. Kết quả thực hiện' }).tagName).toBe('H2');
    expect(screen.getByRole('heading', { name: 'II.1. Công tác tuyên truyền, vận động' }).tagName).toBe('H3');
    expect(screen.getAllByRole('textbox', { name: /^Nội dung mục/ }).map((t) => t.getAttribute('id') && t.closest('section')?.id)).toEqual([
      'muc-I',
      'muc-II.1',
      'muc-II.2',
    ]);
  });

  it('takes multi-paragraph narrative per section', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Nội dung mục II.1' }), 'Đoạn một.{enter}Đoạn hai.');
    expect(contentOf(TEMPLATE, latestState()).narrative).toEqual({ 'II.1': 'Đoạn một.\nĐoạn hai.' });
  });

  it("shows a rule error with the template's own message at the field as the user types, and clears it when fixed", async () => {
    render(<Harness />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Số buổi tuyên truyền' }), '12');
    const luot = screen.getByRole('textbox', { name: 'Số lượt người tham gia' });
    await userEvent.type(luot, '5');
    const field = fieldOf(luot);
    expect(field).toHaveTextContent('Lỗi: Số lượt người tham gia không thể ít hơn số buổi tuyên truyền.');
    expect(luot).toHaveAttribute('aria-invalid', 'true');
    expect(luot).toHaveAccessibleDescription(/không thể ít hơn số buổi tuyên truyền/);
    expect(check(TEMPLATE, latestState()).errorCount).toBe(1);
    await userEvent.type(luot, '00');
    expect(field).not.toHaveTextContent('không thể ít hơn');
    expect(luot).not.toHaveAttribute('aria-invalid');
    expect(check(TEMPLATE, latestState()).errorCount).toBe(0);
  });

  it('shows a ratio rule error (more reached than in total)', async () => {
    render(<Harness />);
    const group = screen.getByRole('group', { name: 'Khu dân cư văn hóa' });
    await userEvent.type(within(group).getByRole('textbox', { name: 'Khu dân cư văn hóa: số đạt' }), '80');
    await userEvent.type(within(group).getByRole('textbox', { name: 'Khu dân cư văn hóa: tổng số' }), '72');
    expect(group.closest('.indicator')).toHaveTextContent('Lỗi: Số khu dân cư đạt không thể lớn hơn tổng số khu dân cư.');
  });

  it('shows a rule warning as a note that does not block submitting', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Số mô hình' }), '10');
    const tv = screen.getByRole('textbox', { name: 'Số thành viên mô hình' });
    await userEvent.type(tv, '4');
    expect(fieldOf(tv)).toHaveTextContent('Lưu ý: Số thành viên ít hơn số mô hình: đề nghị kiểm tra lại.');
    expect(tv).not.toHaveAttribute('aria-invalid');
    const checked = check(TEMPLATE, latestState());
    expect(checked.errorCount).toBe(0);
    expect(checked.warnings.map((w) => w.code)).toEqual(['R_TV_GTE_MH']);
  });

  it("shows the reviewer's reasons at the sections they concern", () => {
    render(
      <Harness
        returnReasons={[
          { sectionCode: 'II.1', reason: 'Số lượt người chưa khớp với số buổi.' },
          { sectionCode: 'I', reason: 'Bổ sung khó khăn.' },
        ]}
      />,
    );
    const s21 = document.getElementById('muc-II.1')!;
    expect(within(s21).getByRole('alert')).toHaveTextContent('Số lượt người chưa khớp với số buổi.');
    expect(document.getElementById('muc-I')).toHaveTextContent('Bổ sung khó khăn.');
    expect(document.getElementById('muc-II.2')).not.toHaveTextContent('Bổ sung khó khăn.');
  });

  it('shows saved figures in Vietnamese notation when reopened', () => {
    render(<Harness initial={{ entries: { QUY: { value: '1.234,5', qualifier: 'uoc_dat' } }, narrative: {} }} />);
    expect(screen.getByRole('textbox', { name: 'Số tiền vận động Quỹ' })).toHaveValue('1.234,5');
    expect(screen.getByRole('combobox', { name: 'Mức độ: Số tiền vận động Quỹ' }).closest('.ant-select')).toHaveTextContent('ước đạt');
  });
});
