import { renderNotificationEmail } from './notification-email';

const LINK = 'https://kybaocao.tamduong.vn/cycles/c1/units/hlhpn/submission';
const FOOTER = [
  '--',
  'Thư gửi tự động từ hệ thống theo dõi kỳ báo cáo; đề nghị không trả lời thư này.',
  'Thông báo này cũng có trong mục Thông báo của hệ thống. Đồng chí có thể tắt nhận thư điện tử trong phần Cài đặt thông báo.',
];

describe('renderNotificationEmail', () => {
  it('given a unit notification whose body has no link, adds the link after the body and names the unit', () => {
    const mail = renderNotificationEmail(
      {
        id: 'n1',
        kind: 'returned',
        subject: '  [Trả lại] Báo cáo năm 2026\r\n cần bổ sung ',
        body: 'Mục II.1: số lượt người chưa khớp.\r\n',
        link: LINK,
      },
      { displayName: 'Nguyễn Thị Lan', unitName: 'Hội Liên hiệp Phụ nữ huyện' },
    );
    expect(mail).toEqual({
      subject: '[Trả lại] Báo cáo năm 2026 cần bổ sung',
      text: [
        'Kính gửi đồng chí Nguyễn Thị Lan (Hội Liên hiệp Phụ nữ huyện),',
        '',
        'Mục II.1: số lượt người chưa khớp.',
        '',
        `Xem chi tiết: ${LINK}`,
        '',
        ...FOOTER,
        '',
      ].join('\n'),
    });
  });

  it('given a body that already gives the link, does not repeat it; without a unit, greets the person only', () => {
    const mail = renderNotificationEmail(
      { id: 'n2', kind: 'reminder', subject: 'Nhắc hạn', body: `Gửi báo cáo tại: ${LINK}`, link: LINK },
      { displayName: 'Trần Văn Cường' },
    );
    expect(mail.text).toBe(['Kính gửi đồng chí Trần Văn Cường,', '', `Gửi báo cáo tại: ${LINK}`, '', ...FOOTER, ''].join('\n'));
  });

  it('writes NFC whatever the input (decomposed Vietnamese stays readable and comparable)', () => {
    const nfd = (s: string) => s.normalize('NFD');
    const mail = renderNotificationEmail(
      { id: 'n3', kind: 'reminder', subject: nfd('Hạn nộp báo cáo'), body: nfd('Đề nghị gửi báo cáo.'), link: null },
      { displayName: nfd('Lò Thị Hoa'), unitName: nfd('Hội Nông dân huyện') },
    );
    expect(mail.subject).toBe('Hạn nộp báo cáo'.normalize('NFC'));
    expect(mail.text.startsWith('Kính gửi đồng chí Lò Thị Hoa (Hội Nông dân huyện),\n\nĐề nghị gửi báo cáo.\n\n--\n')).toBe(true);
    expect(mail.text).toBe(mail.text.normalize('NFC'));
    expect(mail.text).not.toContain('Xem chi tiết');
  });
});
