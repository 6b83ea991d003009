import { CheckOutlined, MinusCircleOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, ConfigProvider, Form, Grid, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { diffWordsWithSpace } from 'diff';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { checkFigures, type Violation } from '@domain/templates/figure-check';
import {
  flattenSections, isRatioValue, isTableValue, QUALIFIER_LABELS_VI, type FigureValue, type Indicator, type ReportTemplate, type Section,
} from '@domain/templates/report-template';
import { messageOf } from '../../api/client';
import { Loading } from '../../components/QueryState';
import { formatDateTime, formatNumberVi, formatRatio } from '../../format';
import { nextWaiting, useDecide, useSubmissionDiff, type ReturnReason, type Submission, type VersionDiff } from './review.hooks';
import './review.css';

type Version = Submission['versions'][number];
type Figures = Record<string, FigureValue>;

const sectionTitle = (s: Section) => `${s.code}. ${s.title}`;

function valueText(v: FigureValue | undefined): string {
  if (!v) return '—';
  if (isTableValue(v)) return 'Bảng số liệu';
  return isRatioValue(v) ? formatRatio(v.numerator, v.denominator) : formatNumberVi(v.value);
}
const qualifierText = (v: FigureValue | undefined) => (v?.qualifier ? QUALIFIER_LABELS_VI[v.qualifier] : '');
const figureText = (v: FigureValue | undefined) => (v ? [qualifierText(v), valueText(v)].filter(Boolean).join(' ') : 'Không nhập');

type Change = 'changed' | 'added' | 'removed';
function figureChanges(diff: VersionDiff | undefined): Map<string, Change> {
  const m = new Map<string, Change>();
  if (!diff) return m;
  diff.figures.changed.forEach((c) => m.set(c.code, 'changed'));
  diff.figures.added.forEach((c) => m.set(c.code, 'added'));
  diff.figures.removed.forEach((c) => m.set(c.code, 'removed'));
  return m;
}
const CHANGE_TAG: Record<Change, { color: string; text: string }> = {
  changed: { color: '#ad4e00', text: 'Đã sửa' }, added: { color: '#237804', text: 'Mới bổ sung' }, removed: { color: 'red', text: 'Đã bỏ' },
};

/**
 * The reviewer's page of a unit's submission (shown at /cycles/:cycleId/units/:unitId when the submission's
 * allowedActions hold approve/return): figures as a table with the template's names and units, narrative by
 * section, for a resubmission the previous version beside it with the changes marked, the template's rule
 * findings, approve, and return with reasons tied to sections. After a decision the next waiting one opens.
 */
export function SubmissionReview({ submission, template }: { submission: Submission; template: ReportTemplate }) {
  const current = submission.versions.at(-1);
  const diff = useSubmissionDiff(submission.cycleId, submission.unitId, current && current.version > 1 ? current.version : undefined);
  if (!current) return <Alert type="info" title="Đơn vị chưa nộp báo cáo." />;
  if (diff.isLoading) return <Loading label="Đang so sánh với phiên bản trước…" />;
  return <ReviewBody submission={submission} template={template} current={current} diff={diff.data} diffError={diff.error} />;
}

function ReviewBody({ submission, template, current, diff, diffError }: {
  submission: Submission; template: ReportTemplate; current: Version; diff: VersionDiff | undefined; diffError: unknown;
}) {
  const previous = submission.versions.find((v) => v.version === current.version - 1);
  const resubmission = previous !== undefined;
  const figures = current.figures as unknown as Figures;
  const before = (previous?.figures ?? {}) as unknown as Figures;
  const changes = figureChanges(diff);
  const narrativeChanged = new Set(diff?.narrative.map((n) => n.sectionCode) ?? []);
  const violations = checkFigures(template, figures);
  const lastReturn = submission.returns.at(-1);
  const sections = flattenSections(template.sections);
  const byCode = new Map(sections.map((s) => [s.code, s] as const));
  const canDecide = submission.allowedActions.includes('approve') || submission.allowedActions.includes('return');

  const shown = sections.filter((s) => template.indicators.some((i) => i.sectionCode === s.code && (figures[i.code] || before[i.code]))
    || current.narrative[s.code] || previous?.narrative[s.code]);

  return (
    <div className="review-page">
      <p className="no-margin"><Link to="/reviews">← Chờ duyệt</Link></p>
      <Typography.Paragraph type="secondary">
        {`${resubmission ? 'Nộp lại' : 'Nộp lần đầu'}: phiên bản ${current.version} nhận lúc ${formatDateTime(current.submittedAt)}`}
        {current.late ? ` · nộp trễ ${current.daysLate} ngày` : ' · đúng hạn'}
      </Typography.Paragraph>

      {resubmission && (
        <Alert
          className="block-gap"
          type="info"
          showIcon
          title="Đơn vị đã nộp lại sau khi bị trả lại"
          description={diffError ? messageOf(diffError)
            : diff?.unchanged ? 'Phiên bản này không thay đổi gì so với phiên bản trước.'
              : 'Phiên bản trước được đặt bên cạnh; những chỗ thay đổi được đánh dấu.'}
        />
      )}
      {resubmission && lastReturn && (
        <Block id="last-return" title="Lý do đã trả lại lần trước">
          <ul className="reason-list">
            {lastReturn.reasons.map((r, i) => (
              <li key={i}><strong>{r.sectionCode && byCode.get(r.sectionCode) ? sectionTitle(byCode.get(r.sectionCode)!) : 'Chung'}:</strong> {r.reason}</li>
            ))}
          </ul>
        </Block>
      )}

      <RuleFindings violations={violations} template={template} />

      {shown.length === 0 && <Alert className="block-gap" type="warning" title="Báo cáo không có số liệu và nội dung nào." />}
      {shown.map((s) => (
        <Block key={s.code} id={`section-${s.code.replace(/\W/g, '-')}`} title={sectionTitle(s)}>
          <FigureTable
            indicators={template.indicators.filter((i) => i.sectionCode === s.code && (figures[i.code] || before[i.code]))}
            figures={figures}
            before={resubmission ? before : undefined}
            changes={changes}
          />
          <Narrative
            now={current.narrative[s.code]}
            before={resubmission ? previous?.narrative[s.code] : undefined}
            changed={narrativeChanged.has(s.code)}
            resubmission={resubmission}
          />
        </Block>
      ))}

      {canDecide && (
        // Ant Design's default red (#ff4d4f) reads at 3.3:1 on white; a darker one keeps 4.5:1 for "Trả lại".
        <ConfigProvider theme={{ token: { colorError: '#cf1322' } }}>
          <Decision submission={submission} sections={sections} />
        </ConfigProvider>
      )}
    </div>
  );
}

function RuleFindings({ violations, template }: { violations: Violation[]; template: ReportTemplate }) {
  const names = new Map(template.indicators.map((i) => [i.code, i.name] as const));
  return (
    <Block id="rule-checks" title="Kiểm tra theo quy tắc của mẫu báo cáo">
      {violations.length === 0 ? <span className="rules-ok"><CheckOutlined aria-hidden /> Số liệu đạt mọi quy tắc của mẫu báo cáo.</span> : (
        <Space orientation="vertical" className="full-width">
          {violations.map((v, i) => (
            <Alert
              key={i}
              type={v.severity === 'error' ? 'error' : 'warning'}
              showIcon
              title={`${v.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}: ${v.messageVi}`}
              description={`Chỉ tiêu: ${v.indicatorCodes.map((c) => names.get(c) ?? 'không có trong mẫu').join('; ')}`}
            />
          ))}
        </Space>
      )}
    </Block>
  );
}

/** A titled part of the page: a card that is also a named region (found by its heading, read as a landmark). */
function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="block-gap">
      <Card size="small" title={<h2 className="card-heading" id={id}>{title}</h2>}>{children}</Card>
    </section>
  );
}

interface FigureRow { indicator: Indicator; now?: FigureValue; before?: FigureValue; change?: Change }

function FigureTable({ indicators, figures, before, changes }: {
  indicators: Indicator[]; figures: Figures; before: Figures | undefined; changes: Map<string, Change>;
}) {
  const phone = !Grid.useBreakpoint().md;
  if (indicators.length === 0) return null;
  const rows: FigureRow[] = indicators.map((i) => ({ indicator: i, now: figures[i.code], before: before?.[i.code], change: changes.get(i.code) }));
  if (phone) {
    return (
      <ul className="figure-cards">
        {rows.map((r) => (
          <li key={r.indicator.code} className={r.change ? 'changed' : undefined}>
            <div>{r.indicator.name}</div>
            <div><strong>{figureText(r.now)}</strong> {r.indicator.unit}{r.change && <Tag color={CHANGE_TAG[r.change].color} className="change-tag">{CHANGE_TAG[r.change].text}</Tag>}</div>
            {before && r.change && <div className="muted">Phiên bản trước: {figureText(r.before)}</div>}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table<FigureRow>
      size="small"
      rowKey={(r) => r.indicator.code}
      dataSource={rows}
      pagination={false}
      rowClassName={(r) => (r.change ? 'row-changed' : '')}
      columns={[
        { title: 'Chỉ tiêu', key: 'name', render: (_, r) => r.indicator.name },
        ...(before ? [{ title: 'Phiên bản trước', key: 'before', align: 'right' as const, render: (_: unknown, r: FigureRow) => figureText(r.before) }] : []),
        { title: 'Giá trị', key: 'value', align: 'right', render: (_, r) => <strong>{r.now ? valueText(r.now) : 'Không nhập'}</strong> },
        { title: 'Ghi chú số liệu', key: 'qualifier', render: (_, r) => qualifierText(r.now) },
        { title: 'Đơn vị tính', key: 'unit', render: (_, r) => r.indicator.unit },
        ...(before ? [{ title: 'Thay đổi', key: 'change', render: (_: unknown, r: FigureRow) => (r.change ? <Tag color={CHANGE_TAG[r.change].color}>{CHANGE_TAG[r.change].text}</Tag> : '') }] : []),
      ]}
    />
  );
}

const paragraphs = (text: string) => text.split(/\n+/).filter((p) => p.trim() !== '');

function Narrative({ now, before, changed, resubmission }: { now?: string; before?: string; changed: boolean; resubmission: boolean }) {
  if (!now && !before) return null;
  if (!resubmission || !changed) {
    return <div className="narrative">{now ? paragraphs(now).map((p, i) => <p key={i}>{p}</p>) : <p className="muted">Không có nội dung.</p>}</div>;
  }
  const parts = diffWordsWithSpace(before ?? '', now ?? '');
  return (
    <Row gutter={[16, 8]} className="narrative-compare">
      <Col xs={24} md={12}>
        <h3 className="compare-heading">Phiên bản trước</h3>
        <div className="narrative">
          {!before && <span className="muted">Chưa có nội dung.</span>}
          {parts.filter((p) => !p.added).map((p, i) => (p.removed ? <del key={i} className="removed">{p.value}</del> : <span key={i}>{p.value}</span>))}
        </div>
      </Col>
      <Col xs={24} md={12}>
        <h3 className="compare-heading">Phiên bản nộp lại <Tag color="#ad4e00">Đã sửa</Tag></h3>
        <div className="narrative">
          {!now && <span className="muted">Đã bỏ nội dung của mục này.</span>}
          {parts.filter((p) => !p.removed).map((p, i) => (p.added ? <ins key={i} className="added">{p.value}</ins> : <span key={i}>{p.value}</span>))}
        </div>
      </Col>
    </Row>
  );
}

interface ReturnForm { reasons: { sectionCode?: string; reason?: string }[] }

function Decision({ submission, sections }: { submission: Submission; sections: Section[] }) {
  const decide = useDecide(submission);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [confirmApprove, setConfirmApprove] = useState(false);
  const [form] = Form.useForm<ReturnForm>();
  const { cycleId, unitId, unitName } = submission;

  const afterDecision = async (done: string) => {
    message.success(done);
    const next = await nextWaiting({ cycleId, unitId }).catch(() => null);
    navigate(next ? `/cycles/${next.cycleId}/units/${next.unitId}` : '/reviews');
  };
  const approve = () => decide.mutate({ kind: 'approve' }, {
    onSuccess: () => { setConfirmApprove(false); void afterDecision(`Đã duyệt báo cáo của ${unitName}.`); },
  });
  const sendReturn = (values: ReturnForm) => {
    const reasons: ReturnReason[] = values.reasons.map((r) => ({ ...(r.sectionCode ? { sectionCode: r.sectionCode } : {}), reason: (r.reason ?? '').trim() }));
    decide.mutate({ kind: 'return', reasons }, {
      onSuccess: () => { setReturning(false); form.resetFields(); void afterDecision(`Đã trả lại báo cáo của ${unitName}.`); },
    });
  };

  return (
    <Card className="decision-bar" size="small">
      {decide.error && !returning && !confirmApprove && <Alert className="block-gap" type="error" showIcon title={messageOf(decide.error)} />}
      <Space wrap>
        {submission.allowedActions.includes('approve') && (
          <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setConfirmApprove(true)}>Duyệt báo cáo</Button>
        )}
        {submission.allowedActions.includes('return') && (
          <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setReturning(true)}>Trả lại</Button>
        )}
      </Space>

      <Modal
        title="Duyệt báo cáo"
        open={confirmApprove}
        okText="Duyệt"
        cancelText="Hủy"
        confirmLoading={decide.isPending}
        onOk={approve}
        onCancel={() => setConfirmApprove(false)}
      >
        <p>{`Duyệt phiên bản ${submission.versions.at(-1)?.version} báo cáo của ${unitName}? Số liệu đã duyệt sẽ được đưa vào báo cáo tổng hợp.`}</p>
        {decide.error && <Alert type="error" showIcon title={messageOf(decide.error)} />}
      </Modal>

      <Modal
        title="Trả lại báo cáo"
        open={returning}
        okText="Gửi trả lại"
        okButtonProps={{ danger: true }}
        cancelText="Hủy"
        confirmLoading={decide.isPending}
        onOk={() => form.submit()}
        onCancel={() => setReturning(false)}
        width={640}
        forceRender
      >
        <p>Nêu từng lý do và mục của báo cáo mà lý do đó nói đến; đơn vị sẽ thấy lý do ngay tại mục tương ứng.</p>
        <Form<ReturnForm> form={form} layout="vertical" onFinish={sendReturn} initialValues={{ reasons: [{}] }} requiredMark={false}>
          <Form.List name="reasons">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="reason-fieldset">
                    <legend>{`Lý do ${index + 1}`}</legend>
                    <Form.Item name={[field.name, 'sectionCode']} label="Mục" rules={[{ required: true, message: 'Chọn mục của báo cáo.' }]}>
                      <Select
                        aria-label={`Mục của lý do ${index + 1}`}
                        placeholder="Chọn mục"
                        showSearch={{ optionFilterProp: 'label' }}
                        options={sections.map((s) => ({ value: s.code, label: sectionTitle(s) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'reason']} label="Lý do" rules={[{ required: true, whitespace: true, message: 'Nhập lý do trả lại.' }]}>
                      <Input.TextArea aria-label={`Lý do ${index + 1}`} rows={3} maxLength={4000} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button type="link" danger icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)}>{`Bỏ lý do ${index + 1}`}</Button>
                    )}
                  </fieldset>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>Thêm lý do</Button>
              </>
            )}
          </Form.List>
        </Form>
        {decide.error && <Alert className="block-gap-top" type="error" showIcon title={messageOf(decide.error)} />}
      </Modal>
    </Card>
  );
}
