import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChecksPanel, ERRORS_SHOWN } from './ChecksPanel';
import { useCheckFindings, type ChecksView, type FindingView, type ReportView, type VersionView } from './report.hooks';
import { signBlockers } from './SignBar';

vi.mock('./report.hooks', () => ({ useCheckFindings: vi.fn() }));

/** A national cycle: 2,000 units whose figures break an error rule, 1,000 of them also a warning, and a qualifier mix. */
const violation = (k: number, severity: 'error' | 'warning'): FindingView => ({
  kind: 'violation',
  unitId: `u${k}`,
  unitName: `Hội Phụ nữ xã số ${k + 1}`,
  violation: {
    code: severity === 'error' ? 'R_GS' : 'R_HV',
    severity,
    messageVi: severity === 'error' ? 'Số đơn vị được giám sát ít hơn số cuộc.' : 'Chưa ghi số hội viên kết nạp.',
  },
});
const qualifier: FindingView = {
  kind: 'qualifier',
  severity: 'warning',
  indicatorCode: 'TT_LUOT_NGUOI',
  messageVi: 'Chỉ tiêu "Số lượt người": có đơn vị ghi "trên", có đơn vị ghi "gần".',
  units: Array.from({ length: 20 }, (_, k) => ({ unitId: `u${k}`, unitName: `Hội Phụ nữ xã số ${k + 1}` })),
  unitsTotal: 2000,
};
/** The whole list, in the server's order: errors, then the qualifier finding, then the units' warnings. */
const all: FindingView[] = [
  ...Array.from({ length: 2000 }, (_, k) => violation(k, 'error')),
  qualifier,
  ...Array.from({ length: 1000 }, (_, k) => violation(2 * k, 'warning')),
];
const checks = {
  cycleId: 'c',
  approvedUnits: 2000,
  assignedUnits: 2000,
  missingUnits: [],
  missingUnitsTotal: 0,
  findings: all.slice(0, 50),
  findingsTotal: 3001,
  findingCounts: { error: 2000, warning: 1001 },
  draftFindings: [],
  checkedVersion: 1,
  totals: [],
} as ChecksView;
const version = { version: 1 } as VersionView;

function pageOf(page: number, severity: string | undefined) {
  const matching = severity ? all.filter((f) => (f.severity ?? f.violation?.severity) === severity) : all;
  return {
    cycleId: 'c',
    page,
    pageSize: 100,
    total: matching.length,
    findingCounts: checks.findingCounts,
    findings: matching.slice((page - 1) * 100, page * 100),
  };
}

describe('ChecksPanel', () => {
  it('counts the errors and warnings, lists the first errors, and pages every finding on request, in Vietnamese', async () => {
    const hook = vi.mocked(useCheckFindings);
    hook.mockImplementation(
      (_c: string, page: number, severity: string | undefined, enabled: boolean) =>
        ({
          data: enabled ? pageOf(page, severity) : undefined,
          isPending: !enabled,
          error: null,
          refetch: vi.fn(),
        }) as unknown as ReturnType<typeof useCheckFindings>,
    );
    render(<ChecksPanel cycleId="c" checks={checks} version={version} />);
    expect(screen.getByText('Kiểm tra số liệu: có điểm cần xem lại')).toBeInTheDocument();
    expect(screen.getByText(/Số liệu của các đơn vị: 2\.000 lỗi, 1\.001 cảnh báo\./)).toBeInTheDocument();
    const first = screen.getByRole('list', { name: 'Điểm cần xem lại' });
    expect(within(first).getAllByRole('listitem')).toHaveLength(ERRORS_SHOWN);
    expect(within(first).getAllByRole('listitem')[0]).toHaveTextContent('LỗiHội Phụ nữ xã số 1: Số đơn vị được giám sát ít hơn số cuộc.');
    expect(hook).toHaveBeenLastCalledWith('c', 1, undefined, false); // nothing asked before the list is opened

    await userEvent.click(screen.getByRole('button', { name: 'Xem tất cả' }));
    const list = () => screen.getByRole('list', { name: 'Lỗi và cảnh báo trong số liệu của các đơn vị' });
    expect(list().querySelectorAll('li')).toHaveLength(100);
    expect(screen.getByText('Mục thứ 1 đến 100:')).toBeInTheDocument();
    expect(screen.getByText('Trang 1/31')).toBeInTheDocument();

    // The warnings only: the qualifier mix first, naming its first 20 units and counting the others.
    await userEvent.click(screen.getByText('Cảnh báo', { selector: '.ant-segmented-item-label' }));
    expect(hook).toHaveBeenLastCalledWith('c', 1, 'warning', true);
    expect(screen.getByText('Trang 1/11')).toBeInTheDocument();
    expect(list().querySelectorAll('li')[0]).toHaveTextContent(
      /có đơn vị ghi "gần"\. Đơn vị: Hội Phụ nữ xã số 1, .*, Hội Phụ nữ xã số 20 và 1\.980 đơn vị khác\.$/,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Trang sau' }));
    expect(hook).toHaveBeenLastCalledWith('c', 2, 'warning', true);
    expect(screen.getByText('Mục thứ 101 đến 200:')).toBeInTheDocument();
    // Another severity starts again at page 1.
    await userEvent.click(screen.getByText('Lỗi', { selector: '.ant-segmented-item-label' }));
    expect(hook).toHaveBeenLastCalledWith('c', 1, 'error', true);
    expect(screen.getByText('Trang 1/20')).toBeInTheDocument();
    expect(screen.queryByText(/\bu\d+\b/)).not.toBeInTheDocument(); // names, never ids
  });

  it('says the draft matches when there is no error, and still counts the warnings', () => {
    const warnings = { ...checks, findings: [qualifier], findingsTotal: 1, findingCounts: { error: 0, warning: 1 } } as ChecksView;
    render(<ChecksPanel cycleId="c" checks={warnings} version={version} />);
    expect(screen.getByText(/các số liệu của dự thảo khớp tổng hợp/)).toBeInTheDocument();
    expect(screen.getByText(/0 lỗi, 1 cảnh báo/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Điểm cần xem lại' })).not.toBeInTheDocument();
  });

  it('shows nothing for another version than the one checked', () => {
    const { container } = render(<ChecksPanel cycleId="c" checks={checks} version={{ version: 2 } as VersionView} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('signBlockers', () => {
  it('counts the errors from the server, not from its list of the first findings', () => {
    const report = { comments: [], latestVersion: 1 } as unknown as ReportView;
    expect(signBlockers(report, version, true, checks, false)).toEqual([
      'Còn 2.000 lỗi trong số liệu của các đơn vị (xem phần kiểm tra số liệu).',
    ]);
    const clean = { ...checks, findings: [], findingsTotal: 0, findingCounts: { error: 0, warning: 0 } } as ChecksView;
    expect(signBlockers(report, version, true, clean, false)).toEqual([]);
  });
});
