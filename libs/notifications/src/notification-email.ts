/** A row of `notifications` as the e-mail needs it. */
export interface NotificationForEmail {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
}

/** The person the e-mail goes to; `unitName` when the notification was addressed to their unit. */
export interface EmailRecipient {
  displayName: string;
  unitName?: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
}

/**
 * The Vietnamese e-mail of a notification: a salutation, the notification's text, the link (unless the text
 * already gives it), and a footer saying it is automatic and how to stop e-mails. Everything in NFC, lines
 * ending in '\n' (the transport writes CRLF).
 */
export function renderNotificationEmail(notification: NotificationForEmail, recipient: EmailRecipient): RenderedEmail {
  const name = clean(recipient.displayName);
  const unit = recipient.unitName ? clean(recipient.unitName) : '';
  const body = nfc(notification.body).replace(/\r\n?/g, '\n').trim();
  const link = notification.link?.trim() ?? '';
  const lines = [unit ? `Kính gửi đồng chí ${name} (${unit}),` : `Kính gửi đồng chí ${name},`, '', body];
  if (link && !body.includes(link)) lines.push('', `Xem chi tiết: ${link}`);
  lines.push(
    '',
    '--',
    'Thư gửi tự động từ hệ thống theo dõi kỳ báo cáo; đề nghị không trả lời thư này.',
    'Thông báo này cũng có trong mục Thông báo của hệ thống. Đồng chí có thể tắt nhận thư điện tử trong phần Cài đặt thông báo.',
  );
  return { subject: clean(notification.subject), text: nfc(`${lines.join('\n')}\n`) };
}

function nfc(s: string): string {
  return s.normalize('NFC');
}

/** NFC, one line, trimmed. */
function clean(s: string): string {
  return nfc(s).replace(/\s+/gu, ' ').trim();
}
