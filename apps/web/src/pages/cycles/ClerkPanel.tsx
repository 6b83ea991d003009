import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import './forms.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, call, messageOf, type Schemas } from '../../api/client';
import { formatDate, formatDateTime } from '../../format';
import { useCan } from '../../hooks/capabilities';
import { ClerkDeliveries } from './ClerkDeliveries';
import { RecipientsEditor } from './RecipientsEditor';

type Report = Schemas['ReportDto'];
interface IssuedNumber {
  number: number;
  numberText: string;
  date: string;
}
interface Register {
  register: string;
  period: string;
  issued: IssuedNumber[];
}

function useReportWrite(cycleId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['report', cycleId] }),
      qc.invalidateQueries({ queryKey: ['registers'] }),
      qc.invalidateQueries({ queryKey: ['cycle', cycleId] }),
    ]);
}

/**
 * Văn thư's part of the report page: the register with the last numbers issued, take the number and date the
 * document, distribute to Nơi nhận, the receipts per recipient, recall with a reason. Shown once the report
 * is signed; each button only when the report's allowedActions has it.
 */
export function ClerkPanel({ cycleId, report }: { cycleId: string; report: Report }) {
  const actions = new Set(report.allowedActions ?? []);
  const mayReadRegisters = useCan('registers.read');
  const registers = useQuery({
    queryKey: ['registers'],
    enabled: mayReadRegisters && actions.has('number'),
    queryFn: async () => (await call(api.GET('/registers'))) as unknown as Register[],
  });
  const refresh = useReportWrite(cycleId);
  const number = useMutation({
    mutationFn: (date: string) => call(api.POST('/cycles/{cycleId}/report/number', { params: { path: { cycleId } }, body: { date } })),
    onSuccess: refresh,
  });
  const distribute = useMutation({
    mutationFn: () => call(api.POST('/cycles/{cycleId}/report/distribute', { params: { path: { cycleId } } })),
    onSuccess: refresh,
  });
  const recall = useMutation({
    mutationFn: (reason: string) => call(api.POST('/cycles/{cycleId}/report/recall', { params: { path: { cycleId } }, body: { reason } })),
    onSuccess: refresh,
  });
  const [date, setDate] = useState<Dayjs | null>(dayjs());
  const [recallOpen, setRecallOpen] = useState(false);
  const [editingRecipients, setEditingRecipients] = useState(false);
  const [recallForm] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const error = number.error ?? distribute.error ?? recall.error;

  if (!['signed', 'numbered', 'distributed', 'recalled'].includes(report.status)) return null;
  const lastIssued = (registers.data ?? [])
    .flatMap((r) => r.issued.map((i) => ({ ...i, period: r.period })))
    .slice(-5)
    .reverse();

  return (
    <Card size="small" className="block-gap" title={<h2 className="card-heading">Văn thư: số, ngày, phát hành</h2>}>
      {report.numbered ? (
        <p>{`${report.numbered.numberText}, ngày ban hành ${formatDate(report.numbered.date)} (lấy số bởi ${report.numbered.by.name} lúc ${formatDateTime(report.numbered.at)}).`}</p>
      ) : (
        <p>Văn bản đã ký, chưa lấy số.</p>
      )}
      {report.recipientsAmended && (
        <p>{`Nơi nhận do ${report.recipientsAmended.by.name} hoàn thiện lúc ${formatDateTime(report.recipientsAmended.at)}${report.recipientsAmended.reason ? ` (${report.recipientsAmended.reason})` : ''}.`}</p>
      )}

      {actions.has('number') && (
        <section aria-label="Lấy số văn bản" className="block-gap">
          {registers.data && (
            <Typography.Paragraph type="secondary">
              {lastIssued.length === 0
                ? 'Sổ đăng ký văn bản đi chưa cấp số nào.'
                : `Số đã cấp gần nhất: ${lastIssued.map((i) => `${i.numberText} (${formatDate(i.date)})`).join('; ')}.`}
            </Typography.Paragraph>
          )}
          <Space wrap>
            <label htmlFor="clerk-date">Ngày ban hành</label>
            <DatePicker id="clerk-date" format="DD/MM/YYYY" placeholder="dd/mm/yyyy" value={date} onChange={setDate} />
            <Button
              type="primary"
              loading={number.isPending}
              disabled={!date}
              onClick={() =>
                number.mutate(date!.format('YYYY-MM-DD'), {
                  onSuccess: (r) => message.success(`Đã lấy số: ${r.numbered?.numberText ?? ''}.`),
                })
              }
            >
              Lấy số và ghi ngày
            </Button>
          </Space>
        </section>
      )}

      {actions.has('amend-recipients') &&
        (editingRecipients ? (
          <RecipientsEditor key={report.streamVersion} cycleId={cycleId} report={report} onDone={() => setEditingRecipients(false)} />
        ) : (
          <Button className="block-gap" onClick={() => setEditingRecipients(true)}>
            Sửa nơi nhận
          </Button>
        ))}

      {actions.has('distribute') && (
        <Popconfirm
          title="Phát hành văn bản?"
          description="Văn bản được gửi tới các đơn vị ở Nơi nhận."
          okText="Phát hành"
          cancelText="Không"
          onConfirm={() => distribute.mutate(undefined, { onSuccess: () => message.success('Đã phát hành văn bản.') })}
        >
          <Button type="primary" loading={distribute.isPending}>
            Phát hành
          </Button>
        </Popconfirm>
      )}

      {report.recall && (
        <Alert
          className="block-gap"
          type="warning"
          showIcon
          title={`Văn bản đã bị thu hồi ngày ${formatDate(report.recall.at)} (${report.recall.by.name}).`}
          description={`Lý do: ${report.recall.reason}`}
        />
      )}

      {report.distribution && <ClerkDeliveries cycleId={cycleId} distribution={report.distribution} />}

      {actions.has('recall') && (
        <>
          <Button className="block-gap" onClick={() => setRecallOpen(true)}>
            Thu hồi văn bản
          </Button>
          <Modal
            open={recallOpen}
            title="Thu hồi văn bản"
            okText="Thu hồi"
            cancelText="Hủy"
            destroyOnHidden
            confirmLoading={recall.isPending}
            onCancel={() => setRecallOpen(false)}
            onOk={async () => {
              const v = await recallForm.validateFields().catch(() => null);
              if (!v) return;
              recall.mutate(v.reason.trim(), {
                onSuccess: () => {
                  setRecallOpen(false);
                  message.success('Đã thu hồi văn bản.');
                },
              });
            }}
          >
            <Form form={recallForm} layout="vertical">
              <Form.Item name="reason" label="Lý do thu hồi" rules={[{ required: true, whitespace: true, message: 'Nhập lý do thu hồi.' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
      {error ? <Alert className="block-gap" role="alert" type="error" showIcon title={messageOf(error)} /> : null}
    </Card>
  );
}
