import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Space } from 'antd';
import './forms.css';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { CYCLE_PHASES } from '@domain/cycle/cycle.model';
import { messageOf } from '../../api/client';
import { formatDate } from '../../format';
import { phaseLabel } from '../board/CyclePhase';
import {
  useAdvance,
  useCloseSubmissions,
  useCycle,
  useDraftReport,
  useExtendDeadline,
  useRemind,
  type RemindersResult,
} from './cycle-actions.hooks';

type AdvanceTarget = 'collecting' | 'commenting' | 'signing' | 'distributing' | 'closed';

/**
 * The coordinator's actions on a cycle, shown on its board (only those GET /cycles/:id allows now): remind
 * the pending units, close the submission window, build the draft, move the phase on.
 */
export function CycleActions({ cycleId }: { cycleId: string }) {
  const cycle = useCycle(cycleId);
  const remind = useRemind(cycleId);
  const close = useCloseSubmissions(cycleId);
  const draft = useDraftReport(cycleId);
  const advance = useAdvance(cycleId);
  const { message } = App.useApp();
  const [result, setResult] = useState<RemindersResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const c = cycle.data?.cycle;
  if (!c) return null;
  const allowed = new Set(c.allowedActions);
  const mayRemind = allowed.has('extend-deadline');
  const nextPhase = CYCLE_PHASES[CYCLE_PHASES.indexOf(c.status as (typeof CYCLE_PHASES)[number]) + 1] as
    | AdvanceTarget
    | 'reviewing'
    | undefined;
  const mayAdvance = allowed.has('advance') && nextPhase !== undefined && nextPhase !== 'reviewing';
  if (!mayRemind && !allowed.has('close-submissions') && !allowed.has('draft-report') && !mayAdvance) return null;

  const run =
    <T,>(m: { mutateAsync: () => Promise<T> }, done: (r: T) => string) =>
    async () => {
      setError(null);
      try {
        message.success(done(await m.mutateAsync()));
      } catch (err) {
        setError(err);
      }
    };

  return (
    <Card size="small" className="block-gap" title={<h2 className="card-heading">Điều hành kỳ báo cáo</h2>}>
      <Space wrap>
        {mayRemind && (
          <Button
            loading={remind.isPending}
            onClick={async () => {
              setError(null);
              try {
                setResult(await remind.mutateAsync());
              } catch (err) {
                setError(err);
              }
            }}
          >
            Nhắc ngay các đơn vị chưa nộp
          </Button>
        )}
        {allowed.has('close-submissions') && (
          <Popconfirm
            title="Khóa nhận báo cáo?"
            description="Sau khi khóa, đơn vị không nộp thêm được; kỳ báo cáo chuyển sang thẩm định."
            okText="Khóa nhận báo cáo"
            cancelText="Không"
            onConfirm={run(close, () => 'Đã khóa nhận báo cáo.')}
          >
            <Button loading={close.isPending}>Khóa nhận báo cáo</Button>
          </Popconfirm>
        )}
        {allowed.has('draft-report') && (
          <Button loading={draft.isPending} onClick={run(draft, () => 'Đã lập dự thảo báo cáo.')}>
            Lập dự thảo báo cáo
          </Button>
        )}
        {mayAdvance && (
          <Popconfirm
            title={`Chuyển sang giai đoạn "${phaseLabel(nextPhase!)}"?`}
            okText="Chuyển giai đoạn"
            cancelText="Không"
            onConfirm={run(
              { mutateAsync: () => advance.mutateAsync(nextPhase as AdvanceTarget) },
              () => `Đã chuyển sang giai đoạn "${phaseLabel(nextPhase!)}".`,
            )}
          >
            <Button type="primary" loading={advance.isPending}>{`Chuyển sang: ${phaseLabel(nextPhase!)}`}</Button>
          </Popconfirm>
        )}
      </Space>
      {result && (
        <Alert
          className="block-gap"
          role="status"
          type={result.remindedNow > 0 ? 'success' : 'info'}
          showIcon
          title={result.messageVi}
          description={result.reminded.length > 0 ? `Đơn vị được nhắc: ${result.reminded.map((u) => u.unitName).join(', ')}.` : undefined}
        />
      )}
      {error ? <Alert className="block-gap" role="alert" type="error" showIcon title={messageOf(error)} /> : null}
    </Card>
  );
}

/** "Gia hạn" for one unit: a new deadline after the current one and the reason (the cycle's ETag as If-Match). */
export function ExtendDeadlineButton({
  cycleId,
  unitId,
  unitName,
  deadline,
}: {
  cycleId: string;
  unitId: string;
  unitName: string;
  deadline: string;
}) {
  const cycle = useCycle(cycleId);
  const extend = useExtendDeadline(cycleId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ newDeadline: Dayjs; reason: string }>();
  const { message } = App.useApp();
  if (!cycle.data?.cycle.allowedActions.includes('extend-deadline')) return null;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    extend.mutate(
      { unitId, newDeadline: v.newDeadline.format('YYYY-MM-DD'), reason: v.reason.trim(), etag: cycle.data!.etag },
      {
        onSuccess: () => {
          setOpen(false);
          form.resetFields();
          message.success(`Đã gia hạn cho ${unitName} đến ngày ${v.newDeadline.format('DD/MM/YYYY')}.`);
        },
      },
    );
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`Gia hạn cho ${unitName}`}>
        Gia hạn
      </Button>
      <Modal
        open={open}
        title={`Gia hạn nộp báo cáo: ${unitName}`}
        okText="Gia hạn"
        cancelText="Hủy"
        onOk={submit}
        confirmLoading={extend.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p>Hạn nộp hiện tại: {formatDate(deadline)}.</p>
        <Form form={form} layout="vertical" initialValues={{ newDeadline: dayjs(deadline).add(3, 'day') }}>
          <Form.Item
            name="newDeadline"
            label="Hạn nộp mới"
            rules={[
              { required: true, message: 'Chọn hạn nộp mới.' },
              {
                validator: (_, v: Dayjs | undefined) =>
                  !v || v.isAfter(dayjs(deadline), 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error('Hạn nộp mới phải sau hạn hiện tại.')),
              },
            ]}
          >
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
          </Form.Item>
          <Form.Item name="reason" label="Lý do gia hạn" rules={[{ required: true, whitespace: true, message: 'Nhập lý do gia hạn.' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
        {extend.error ? <Alert role="alert" type="error" showIcon title={messageOf(extend.error)} /> : null}
      </Modal>
    </>
  );
}
