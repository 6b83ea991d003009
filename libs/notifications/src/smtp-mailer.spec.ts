import { createMailer, smtpMailerOptionsFromEnv } from './smtp-mailer';

describe('smtpMailerOptionsFromEnv', () => {
  it('given no SMTP_HOST, returns null: e-mail is off, the inbox still works', () => {
    expect(smtpMailerOptionsFromEnv({})).toBeNull();
  });

  it('reads host, port, TLS, login and a named sender', () => {
    expect(
      smtpMailerOptionsFromEnv({
        SMTP_HOST: 'smtp.tamduong.vn',
        SMTP_SECURE: 'true',
        SMTP_USER: 'kybaocao',
        SMTP_PASSWORD: 's3cret',
        MAIL_FROM: 'Ban Dân vận Huyện ủy <kybaocao@tamduong.vn>',
      }),
    ).toEqual({
      host: 'smtp.tamduong.vn',
      port: 465,
      secure: true,
      auth: { user: 'kybaocao', pass: 's3cret' },
      from: { name: 'Ban Dân vận Huyện ủy', address: 'kybaocao@tamduong.vn' },
      requireTLS: false,
    });
    expect(smtpMailerOptionsFromEnv({ SMTP_HOST: 'h', SMTP_PORT: '2525', MAIL_FROM: 'a@b.vn', SMTP_REQUIRE_TLS: 'true' })).toEqual({
      host: 'h',
      port: 2525,
      secure: false,
      from: 'a@b.vn',
      requireTLS: true,
    });
  });

  it('refuses a bad port and a missing sender', () => {
    expect(() => smtpMailerOptionsFromEnv({ SMTP_HOST: 'h', SMTP_PORT: '70000', MAIL_FROM: 'a@b.vn' })).toThrow(
      'SMTP_PORT=70000 is not a port',
    );
    expect(() => smtpMailerOptionsFromEnv({ SMTP_HOST: 'h' })).toThrow('MAIL_FROM is required');
  });
});

describe('createMailer', () => {
  it('refuses a sender that is not an address', () => {
    expect(() => createMailer({ host: 'h', port: 25, secure: false, from: 'Ban Dân vận' })).toThrow(RangeError);
  });

  it('exposes the sender address (its domain names the Message-IDs)', () => {
    const mailer = createMailer({ host: 'h', port: 25, secure: false, from: { name: 'Ban Dân vận', address: 'kybaocao@tamduong.vn' } });
    expect(mailer.fromAddress).toBe('kybaocao@tamduong.vn');
    mailer.close();
  });
});
