import { PageTitle } from '../../components/PageTitle';
import { EmptyState } from '../../components/QueryState';

export function AssignmentsPage() {
  return (
    <>
      <PageTitle>Việc của tôi</PageTitle>
      <EmptyState description="Chưa có báo cáo nào cần làm." />
    </>
  );
}
