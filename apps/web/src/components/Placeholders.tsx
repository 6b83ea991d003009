import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { PageTitle } from './PageTitle';

/** A page of part 2 (issue #15) not built yet. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Result status="info" title="Trang này đang được xây dựng" subTitle="Vui lòng quay lại sau." />
    </>
  );
}

export function NotFound() {
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Đường dẫn không đúng hoặc trang đã được chuyển đi."
      extra={
        <Link to="/">
          <Button type="primary">Về trang chính</Button>
        </Link>
      }
    />
  );
}
