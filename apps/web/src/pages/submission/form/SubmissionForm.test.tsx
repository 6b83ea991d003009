import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { ReportTemplate } from '@domain/templates/report-template';
import { check, contentOf, type FormState } from './form-model';
import { SubmissionForm, type ReturnReason } from './SubmissionForm';

/** A small template with one indicator of every kind, a rule of each severity and nested sections. */
const TEMPLATE: ReportTemplate = {
  id: 'test', version: 1, title: 'Báo cáo thử',
  sections: [
    { code: 'I', title: 'Đặc điểm tình hình' },
    { code: 'II', title: 'Kết quả thực hiện', children: [
      { code: 'II.1', title: 'Công tác tuyên truyền, vận động' },
      { code: 'II.2', title: 'Phong trào thi đua' },
    ] },
  ],
  indicators: [
    { code: 'TT_BUOI', name: 'Số buổi tuyên truyền', unit: 'buổi', sectionCode: 'II.1', aggregation: 'sum', valueType: 'integer', allowedQualifiers: ['tren', 'gan', 'uoc_dat', 'luy_ke'] },
    { code: 'TT_LUOT', name: 'Số lượt người tham gia', unit: 'lượt người', sectionCode: 'II.1', aggregation: 'sum', valueType: 'integer', allowedQualifiers: ['tren', 'gan', 'uoc_dat', 'luy_ke'] },
    { code: 'NHA_CAN', name: 'Số nhà Đại đoàn kết', unit: 'căn', sectionCode: 'II.2', aggregation: 'sum', valueType: 'integer', allowedQualifiers: ['luy_ke'] },
    { code: 'QUY', name: 'Số tiền vận động Quỹ', unit: 'triệu đồng', sectionCode: 'II.2', aggregation: 'sum', valueType: 'decimal', allowedQualifiers: ['tren', 'uoc_dat'] },
    { code: 'KDC', name: 'Khu dân cư văn hóa', unit: 'khu dân cư', sectionCode: 'II.2', aggregation: 'ratio', valueType: 'ratio', allowedQualifiers: [] },
    { code: 'MO_HINH', name: 'Số mô hình', unit: 'mô hình', sectionCode: 'II.2', aggregation: 'sum', valueType: 'integer', allowedQualifiers: [] },
    { code: 'MO_HINH_TV', name: 'Số thành viên mô hình', unit: 'thành viên', sectionCode: 'II.2', aggregation: 'sum', valueType: 'integer', allowedQualifiers: [] },
  ],
  rules: [
    { code: 'R_LUOT_GTE_BUOI', severity: 'error', kind: 'gte', left: 'TT_LUOT', right: 'TT_BUOI', messageVi: 'Số lượt người tham gia không thể ít hơn số buổi tuyên truyền.' },
    { code: 'R_TV_GTE_MH', severity: 'warning', kind: 'gte', left: 'MO_HINH_TV', right: 'MO_HINH', messageVi: 'Số thành viên ít hơn số mô hình: đề nghị kiểm tra lại.' },
    { code: 'R_KDC_LE', severity: 'error', kind: 'ratio_le', indicator: 'KDC', messageVi: 'Số khu dân cư đạt không thể lớn hơn tổng số khu dân cư.' },
  ],
};

let latest: FormState;
function Harness({ initial = { entries: {}, narrative: {} }, returnReasons }: { initial?: FormState; returnReasons?: ReturnReason[] }) {
  const [state, setState] = useState<FormState>(initial);
  latest = state;
  return <SubmissionForm template={TEMPLATE} state={state} checked={check(TEMPLATE, state)} onChange={setState} returnReasons={returnReasons} />;
}
const figures = () => contentOf(TEMPLATE, latest).figures;
const fieldOf = (input: HTMLElement) => input.closest('.indicator') as HTMLElement;

describe('the submission form generated from a template', () => {
  it("shows the template's sections in order with their titles, and a narrative for each section without sub-sections", () => {
    render(<Harness />);
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'I. Đặc điểm tình hình', 'II. Kết quả thực hiện', 'II.1. Công tác tuyên truyền, vận động', 'II.2. Phong trào thi đua',
    ]);
    expect(screen.getByRole('heading', { name: 'II. Kết quả thực hiện' }).tagName).toBe('H2');
    expect(screen.getByRole('heading', { name: 'II.1. Công tác tuyên truyền, vận động' }).tagName).toBe('H3');
    expect(screen.getAllByRole('textbox', { name: /^Nội dung mục/ }).map((t) => t.getAttribute('id') && t.closest('section')?.id))
      .toEqual(['muc-I', 'muc-II.1', 'muc-II.2']);
  });

  it('takes multi-paragraph narrative per section', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Nội dung mục II.1' }), 'Đoạn một.{enter}Đoạn hai.');
    expect(contentOf(TEMPLATE, latest).narrative).toEqual({ 'II.1': 'Đoạn một.\nĐoạn hai.' });
  });

  it('reads an integer indicator written the Vietnamese way, with its unit next to it', async () => {
    render(<Harness />);
    const input = screen.getByRole('textbox', { name: 'Số buổi tuyên truyền' });
    expect(fieldOf(input)).toHaveTextContent('buổi');
    await userEvent.type(input, '1.250');
    expect(figures()).toEqual({ TT_BUOI: { value: 1250 } });
  });

  it('refuses a fraction for an integer indicator with the domain message, and text that is not a number', async () => {
    render(<Harness />);
    const input = screen.getByRole('textbox', { name: 'Số buổi tuyên truyền' });
    await userEvent.type(input, '12,5');
    expect(fieldOf(input)).toHaveTextContent('Chỉ tiêu "Số buổi tuyên truyền" phải là số nguyên.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await userEvent.clear(input);
    await userEvent.type(input, 'mười');
    expect(fieldOf(input)).toHaveTextContent('Chỉ nhập chữ số');
    expect(figures()).toEqual({});
  });

  it('reads a decimal (money) indicator: "1.234,5" triệu đồng', async () => {
    render(<Harness />);
    const input = screen.getByRole('textbox', { name: 'Số tiền vận động Quỹ' });
    expect(fieldOf(input)).toHaveTextContent('triệu đồng');
    await userEvent.type(input, '1.234,5');
    expect(figures()).toEqual({ QUY: { value: 1234.5 } });
  });

  it('reads an x/y coverage indicator as numerator and denominator, and asks for both', async () => {
    render(<Harness />);
    const group = screen.getByRole('group', { name: 'Khu dân cư văn hóa' });
    expect(group).toHaveTextContent('khu dân cư');
    const numerator = within(group).getByRole('textbox', { name: 'Khu dân cư văn hóa: số đạt' });
    await userEvent.type(numerator, '70');
    expect(fieldOf(group)).toHaveTextContent('Nhập cả số đạt và tổng số.');
    expect(numerator).toHaveAccessibleDescription(/Nhập cả số đạt và tổng số/);
    await userEvent.type(within(group).getByRole('textbox', { name: 'Khu dân cư văn hóa: tổng số' }), '72');
    expect(fieldOf(group)).not.toHaveTextContent('Nhập cả số đạt và tổng số.');
    expect(figures()).toEqual({ KDC: { numerator: 70, denominator: 72 } });
  });

  it('offers the qualifiers the template allows for an indicator, and none where it allows none', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Số lượt người tham gia' }), '9800');
    await userEvent.click(screen.getByRole('combobox', { name: 'Mức độ: Số lượt người tham gia' }));
    const listbox = await screen.findByRole('listbox');
    expect(within(listbox).getAllByRole('option').map((o) => o.textContent)).toEqual(['(chính xác)', 'trên', 'gần', 'ước đạt', 'lũy kế']);
    await userEvent.click(screen.getByTitle('trên'));
    expect(figures()).toEqual({ TT_LUOT: { value: 9800, qualifier: 'tren' } });

    await userEvent.click(screen.getByRole('combobox', { name: 'Mức độ: Số nhà Đại đoàn kết' }));
    const exact = (await screen.findAllByRole('listbox')).at(-1)!;
    expect(within(exact).getAllByRole('option').map((o) => o.textContent)).toEqual(['(chính xác)', 'lũy kế']);
    expect(screen.queryByRole('combobox', { name: 'Mức độ: Số mô hình' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Mức độ: Khu dân cư văn hóa' })).toBeNull();
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
    expect(check(TEMPLATE, latest).errorCount).toBe(1);
    await userEvent.type(luot, '00');
    expect(field).not.toHaveTextContent('không thể ít hơn');
    expect(luot).not.toHaveAttribute('aria-invalid');
    expect(check(TEMPLATE, latest).errorCount).toBe(0);
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
    const checked = check(TEMPLATE, latest);
    expect(checked.errorCount).toBe(0);
    expect(checked.warnings.map((w) => w.code)).toEqual(['R_TV_GTE_MH']);
  });

  it("shows the reviewer's reasons at the sections they concern", () => {
    render(<Harness returnReasons={[{ sectionCode: 'II.1', reason: 'Số lượt người chưa khớp với số buổi.' }, { sectionCode: 'I', reason: 'Bổ sung khó khăn.' }]} />);
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
