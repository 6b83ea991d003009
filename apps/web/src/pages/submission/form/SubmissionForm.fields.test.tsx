import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fieldOf, figures, Harness } from './SubmissionForm.fixture';

describe('the submission form: typed fields (numbers the Vietnamese way, coverage x/y, qualifiers)', () => {
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
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['(chính xác)', 'trên', 'gần', 'ước đạt', 'lũy kế']);
    await userEvent.click(screen.getByTitle('trên'));
    expect(figures()).toEqual({ TT_LUOT: { value: 9800, qualifier: 'tren' } });

    await userEvent.click(screen.getByRole('combobox', { name: 'Mức độ: Số nhà Đại đoàn kết' }));
    const exact = (await screen.findAllByRole('listbox')).at(-1)!;
    expect(
      within(exact)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['(chính xác)', 'lũy kế']);
    expect(screen.queryByRole('combobox', { name: 'Mức độ: Số mô hình' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Mức độ: Khu dân cư văn hóa' })).toBeNull();
  });
});
