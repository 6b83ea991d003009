import { useState } from 'react';
import type { ReportTemplate } from '@domain/templates/report-template';
import { check, contentOf, type FormState } from './form-model';
import { SubmissionForm, type ReturnReason } from './SubmissionForm';

/** A small template with one indicator of every kind, a rule of each severity and nested sections. */
export const TEMPLATE: ReportTemplate = {
  id: 'test',
  version: 1,
  title: 'Báo cáo thử',
  sections: [
    { code: 'I', title: 'Đặc điểm tình hình' },
    {
      code: 'II',
      title: 'Kết quả thực hiện',
      children: [
        { code: 'II.1', title: 'Công tác tuyên truyền, vận động' },
        { code: 'II.2', title: 'Phong trào thi đua' },
      ],
    },
  ],
  indicators: [
    {
      code: 'TT_BUOI',
      name: 'Số buổi tuyên truyền',
      unit: 'buổi',
      sectionCode: 'II.1',
      aggregation: 'sum',
      valueType: 'integer',
      allowedQualifiers: ['tren', 'gan', 'uoc_dat', 'luy_ke'],
    },
    {
      code: 'TT_LUOT',
      name: 'Số lượt người tham gia',
      unit: 'lượt người',
      sectionCode: 'II.1',
      aggregation: 'sum',
      valueType: 'integer',
      allowedQualifiers: ['tren', 'gan', 'uoc_dat', 'luy_ke'],
    },
    {
      code: 'NHA_CAN',
      name: 'Số nhà Đại đoàn kết',
      unit: 'căn',
      sectionCode: 'II.2',
      aggregation: 'sum',
      valueType: 'integer',
      allowedQualifiers: ['luy_ke'],
    },
    {
      code: 'QUY',
      name: 'Số tiền vận động Quỹ',
      unit: 'triệu đồng',
      sectionCode: 'II.2',
      aggregation: 'sum',
      valueType: 'decimal',
      allowedQualifiers: ['tren', 'uoc_dat'],
    },
    {
      code: 'KDC',
      name: 'Khu dân cư văn hóa',
      unit: 'khu dân cư',
      sectionCode: 'II.2',
      aggregation: 'ratio',
      valueType: 'ratio',
      allowedQualifiers: [],
    },
    {
      code: 'MO_HINH',
      name: 'Số mô hình',
      unit: 'mô hình',
      sectionCode: 'II.2',
      aggregation: 'sum',
      valueType: 'integer',
      allowedQualifiers: [],
    },
    {
      code: 'MO_HINH_TV',
      name: 'Số thành viên mô hình',
      unit: 'thành viên',
      sectionCode: 'II.2',
      aggregation: 'sum',
      valueType: 'integer',
      allowedQualifiers: [],
    },
  ],
  rules: [
    {
      code: 'R_LUOT_GTE_BUOI',
      severity: 'error',
      kind: 'gte',
      left: 'TT_LUOT',
      right: 'TT_BUOI',
      messageVi: 'Số lượt người tham gia không thể ít hơn số buổi tuyên truyền.',
    },
    {
      code: 'R_TV_GTE_MH',
      severity: 'warning',
      kind: 'gte',
      left: 'MO_HINH_TV',
      right: 'MO_HINH',
      messageVi: 'Số thành viên ít hơn số mô hình: đề nghị kiểm tra lại.',
    },
    {
      code: 'R_KDC_LE',
      severity: 'error',
      kind: 'ratio_le',
      indicator: 'KDC',
      messageVi: 'Số khu dân cư đạt không thể lớn hơn tổng số khu dân cư.',
    },
  ],
};

let latest: FormState;
/** The form with its state kept as a page keeps it; the state last rendered is `latestState()`. */
export function Harness({
  initial = { entries: {}, narrative: {} },
  returnReasons,
}: {
  initial?: FormState;
  returnReasons?: ReturnReason[];
}) {
  const [state, setState] = useState<FormState>(initial);
  latest = state;
  return (
    <SubmissionForm template={TEMPLATE} state={state} checked={check(TEMPLATE, state)} onChange={setState} returnReasons={returnReasons} />
  );
}
export const latestState = () => latest;
export const figures = () => contentOf(TEMPLATE, latest).figures;
export const fieldOf = (input: HTMLElement) => input.closest('.indicator') as HTMLElement;
