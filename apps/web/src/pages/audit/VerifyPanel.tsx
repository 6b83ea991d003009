import { Alert, Button, Card, Typography } from 'antd';
import { messageOf } from '../../api/client';
import { useCan } from '../../hooks/capabilities';
import { formatDateTime, num } from '../../format';
import { useVerify, type VerifyResult } from './audit.hooks';

/** The result of the integrity check in plain words (never stream ids, hashes or reason codes). */
export function verifyVerdict(r: VerifyResult): { ok: boolean; title: string; detail: string } {
  const checkpointBroken = r.checkpoint && ['log_mismatch', 'checkpoint_invalid'].includes(r.checkpoint.status);
  if (r.broken.length > 0 || checkpointBroken) {
    const n = r.broken.filter((b) => b.streamId !== '*').length;
    return {
      ok: false,
      title: 'Phát hiện dữ liệu bị thay đổi ngoài hệ thống',
      detail:
        `Đã kiểm tra ${num(r.checkedEvents)} thao tác được ghi.${n > 0 ? ` Có ${num(n)} chuỗi hồ sơ không còn khớp với dấu kiểm tra.` : ''}` +
        `${checkpointBroken ? ' Nhật ký không còn khớp với bản chốt đã ký gần nhất.' : ''} Hãy báo ngay cho quản trị hệ thống.`,
    };
  }
  const sealed =
    r.checkpoint?.status === 'intact' && r.checkpoint.latest
      ? ` Khớp với bản chốt đã ký lúc ${formatDateTime(r.checkpoint.latest.createdAt)}.`
      : '';
  return {
    ok: true,
    title: 'Dữ liệu toàn vẹn',
    detail: `Đã kiểm tra ${num(r.checkedEvents)} thao tác được ghi, không có chỗ nào bị sửa hay xóa.${sealed}`,
  };
}

/** "Kiểm tra toàn vẹn": runs /audit/verify over the whole log on request and says what it found. */
export function VerifyPanel() {
  const allowed = useCan('audit.verify');
  const verify = useVerify();
  if (!allowed) return null;
  const verdict = verify.data ? verifyVerdict(verify.data) : null;
  return (
    <Card size="small" className="block-gap" title={<h2 className="card-heading">Kiểm tra toàn vẹn dữ liệu</h2>}>
      <Typography.Paragraph>
        Mỗi thao tác được ghi kèm dấu kiểm tra nối tiếp nhau. Kiểm tra lại để chắc chắn không ai sửa hay xóa dữ liệu ngoài hệ thống.
      </Typography.Paragraph>
      <Button onClick={() => verify.mutate()} loading={verify.isPending}>
        Kiểm tra ngay
      </Button>
      <div aria-live="polite" className="verify-result">
        {verdict && <Alert type={verdict.ok ? 'success' : 'error'} showIcon title={verdict.title} description={verdict.detail} />}
        {verify.error && <Alert type="error" showIcon title="Không kiểm tra được" description={messageOf(verify.error)} />}
      </div>
    </Card>
  );
}
