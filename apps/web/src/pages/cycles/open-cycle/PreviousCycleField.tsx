import { Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { usePreviousCycle } from '../open-cycle.hooks';
import { toIso } from '../open-cycle.model';

const NONE = '';

/**
 * "So sánh với kỳ": the cycle of the same template and issuer a year earlier is suggested as soon as the
 * template and the cut-off date are known (GET /periods/previous-cycle); the coordinator may keep it or choose
 * no comparison. A choice the coordinator made is not overwritten by a later suggestion for the same inputs.
 */
export function PreviousCycleField({ issuerId }: { issuerId: string | undefined }) {
  const form = Form.useFormInstance();
  const templateId = Form.useWatch('templateId', form) as string | undefined;
  const dataTo = Form.useWatch('dataTo', form) as Dayjs | undefined;
  const previous = usePreviousCycle(templateId, issuerId, dataTo ? toIso(dataTo) : undefined);
  const suggested = previous.data ?? null;
  const filledFor = useRef<string | null>(null);

  useEffect(() => {
    if (previous.isPending) return;
    const key = `${templateId}|${issuerId}|${dataTo ? toIso(dataTo) : ''}`;
    if (filledFor.current === key) return;
    filledFor.current = key;
    form.setFieldValue('previousCycleId', suggested?.cycleId ?? NONE);
  }, [previous.isPending, suggested, templateId, issuerId, dataTo, form]);

  const options = [
    ...(suggested ? [{ value: suggested.cycleId, label: `Kỳ ${suggested.periodLabel} (cùng kỳ năm trước)` }] : []),
    { value: NONE, label: 'Không so sánh với kỳ trước' },
  ];
  return (
    <Form.Item
      name="previousCycleId"
      label="So sánh số liệu với kỳ"
      extra={
        suggested
          ? 'Đã tự chọn kỳ cùng mẫu, cùng cơ quan ban hành của năm trước; báo cáo sẽ ghi “tăng/giảm … so với cùng kỳ”.'
          : 'Chưa có kỳ cùng mẫu, cùng cơ quan ban hành của năm trước để so sánh.'
      }
    >
      <Select className="w-20" options={options} virtual={false} />
    </Form.Item>
  );
}
