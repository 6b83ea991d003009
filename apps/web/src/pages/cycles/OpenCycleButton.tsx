import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useCan } from '../../hooks/capabilities';

/** "Mở kỳ báo cáo" on the cycles list: shown only when the server says the user may open cycles. */
export function OpenCycleButton() {
  const mayOpen = useCan('cycle.open');
  const navigate = useNavigate();
  return mayOpen ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cycles/new')}>
      Mở kỳ báo cáo
    </Button>
  ) : null;
}
