import { DatePicker, Form, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Dispatch, SetStateAction } from 'react';
import { formatDate } from '../../../format';
import type { OrgUnit } from '../open-cycle.hooks';
import { MILESTONES } from '../open-cycle.model';
import { DATE_FORMAT, STEP_TITLES } from './open-cycle.form';

type Props = {
  hidden: boolean;
  earliest: string | undefined;
  units: OrgUnit[];
  unitDeadlines: Record<string, Dayjs | null>;
  setUnitDeadlines: Dispatch<SetStateAction<Record<string, Dayjs | null>>>;
};

/** Step 4: the milestones in order (the deadline not before the ND 09/2019 earliest), and a unit's own deadline. */
export function MilestonesStep({ hidden, earliest, units, unitDeadlines, setUnitDeadlines }: Props) {
  return (
    <section hidden={hidden} aria-label={STEP_TITLES[3]}>
      <Typography.Title level={2}>{STEP_TITLES[3]}</Typography.Title>
      <div className="milestones">
        {MILESTONES.map((m, i) => (
          <Form.Item
            key={m.name}
            name={m.name}
            label={m.label}
            dependencies={i > 0 ? [MILESTONES[i - 1].name] : ['dataTo']}
            rules={[
              { required: true, message: `Chọn ngày: ${m.label.toLowerCase()}.` },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  if (!value) return Promise.resolve();
                  if (i === 0) {
                    if (earliest && value.isBefore(dayjs(earliest), 'day')) {
                      return Promise.reject(
                        new Error(
                          `Hạn nộp quá sớm: theo Nghị định 09/2019/NĐ-CP, hạn nộp sớm nhất là ngày ${formatDate(earliest)} (sau ngày chốt số liệu).`,
                        ),
                      );
                    }
                    const dataTo = getFieldValue('dataTo') as Dayjs | undefined;
                    if (dataTo && value.isBefore(dataTo, 'day'))
                      return Promise.reject(new Error('Hạn nộp không được trước ngày chốt số liệu.'));
                    return Promise.resolve();
                  }
                  const prev = getFieldValue(MILESTONES[i - 1].name) as Dayjs | undefined;
                  return prev && value.isBefore(prev, 'day')
                    ? Promise.reject(new Error(`${m.label} không được trước ${MILESTONES[i - 1].label.toLowerCase()}.`))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
          </Form.Item>
        ))}
      </div>
      <Typography.Title level={3}>Hạn nộp riêng của từng đơn vị</Typography.Title>
      <p className="muted">Để trống: đơn vị nộp theo hạn chung. Hạn riêng không được sau hạn chung.</p>
      <Table<OrgUnit>
        rowKey="id"
        size="small"
        className="unit-deadlines"
        dataSource={units}
        pagination={units.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: 'Đơn vị', key: 'name', render: (_, u) => u.canonicalName },
          {
            title: 'Hạn nộp riêng',
            key: 'deadline',
            render: (_, u) => (
              <DatePicker
                aria-label={`Hạn nộp riêng của ${u.canonicalName}`}
                format={DATE_FORMAT}
                placeholder="Theo hạn chung"
                value={unitDeadlines[u.id] ?? null}
                onChange={(d) => setUnitDeadlines((cur) => ({ ...cur, [u.id]: d }))}
              />
            ),
          },
        ]}
      />
    </section>
  );
}
