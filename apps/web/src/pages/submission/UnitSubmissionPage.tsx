import { ComingSoon } from '../../components/Placeholders';

export function UnitSubmissionPage() {
  return <ComingSoon title="Báo cáo của đơn vị" />;
}
