import { diffVersions } from './submission.diff';

describe('diffVersions', () => {
  const v1 = {
    figures: {
      TT_BUOI: { value: 48 },
      TT_LUOT_NGUOI: { value: 2500, qualifier: 'tren' as const },
      KDC_VAN_HOA: { numerator: 70, denominator: 72 },
      NDDK_CAN: { value: 7 },
    },
    narrative: { 'II.1': 'Tổ chức 48 buổi.', 'II.2': 'Xây 07 nhà.', 'III.2': 'Còn hạn chế.' },
  };
  const v2 = {
    figures: {
      TT_BUOI: { value: 48 },
      TT_LUOT_NGUOI: { value: 2500 },
      KDC_VAN_HOA: { numerator: 72, denominator: 72 },
      SUAT_QUA: { value: 125 },
    },
    narrative: { 'II.1': 'Tổ chức 48 buổi.', 'II.2': 'Xây 08 nhà.', IV: 'Nhiệm vụ năm 2024.' },
  };

  it('lists added, removed and changed figures (a dropped qualifier is a change) and narrative changes', () => {
    expect(diffVersions(v1, v2)).toEqual({
      figures: {
        added: [{ code: 'SUAT_QUA', value: { value: 125 } }],
        removed: [{ code: 'NDDK_CAN', value: { value: 7 } }],
        changed: [
          { code: 'KDC_VAN_HOA', from: { numerator: 70, denominator: 72 }, to: { numerator: 72, denominator: 72 } },
          { code: 'TT_LUOT_NGUOI', from: { value: 2500, qualifier: 'tren' }, to: { value: 2500 } },
        ],
      },
      narrative: [
        { sectionCode: 'II.2', change: 'changed', from: 'Xây 07 nhà.', to: 'Xây 08 nhà.' },
        { sectionCode: 'III.2', change: 'removed', from: 'Còn hạn chế.' },
        { sectionCode: 'IV', change: 'added', to: 'Nhiệm vụ năm 2024.' },
      ],
      unchanged: false,
    });
  });

  it('a figure turning from a number into a ratio is a change', () => {
    const diff = diffVersions(
      { figures: { X: { value: 1 } }, narrative: {} },
      { figures: { X: { numerator: 1, denominator: 1 } }, narrative: {} },
    );
    expect(diff.figures.changed).toEqual([{ code: 'X', from: { value: 1 }, to: { numerator: 1, denominator: 1 } }]);
  });

  it('reports nothing for identical content, text compared in NFC', () => {
    const a = { figures: { TT_BUOI: { value: 48 } }, narrative: { 'II.1': 'Ho\u0302\u0323i LHPN' } };
    const b = { figures: { TT_BUOI: { value: 48 } }, narrative: { 'II.1': 'Hội LHPN' } };
    expect(diffVersions(a, b)).toEqual({ figures: { added: [], removed: [], changed: [] }, narrative: [], unchanged: true });
  });
});
