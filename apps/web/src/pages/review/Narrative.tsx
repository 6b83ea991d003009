import { Col, Row, Tag } from 'antd';
import { diffWordsWithSpace } from 'diff';

const paragraphs = (text: string) => text.split(/\n+/).filter((p) => p.trim() !== '');

export function Narrative({
  now,
  before,
  changed,
  resubmission,
}: {
  now?: string;
  before?: string;
  changed: boolean;
  resubmission: boolean;
}) {
  if (!now && !before) return null;
  if (!resubmission || !changed) {
    return (
      <div className="narrative">
        {now ? paragraphs(now).map((p, i) => <p key={i}>{p}</p>) : <p className="muted">Không có nội dung.</p>}
      </div>
    );
  }
  const parts = diffWordsWithSpace(before ?? '', now ?? '');
  return (
    <Row gutter={[16, 8]} className="narrative-compare">
      <Col xs={24} md={12}>
        <h3 className="compare-heading">Phiên bản trước</h3>
        <div className="narrative">
          {!before && <span className="muted">Chưa có nội dung.</span>}
          {parts
            .filter((p) => !p.added)
            .map((p, i) =>
              p.removed ? (
                <del key={i} className="removed">
                  {p.value}
                </del>
              ) : (
                <span key={i}>{p.value}</span>
              ),
            )}
        </div>
      </Col>
      <Col xs={24} md={12}>
        <h3 className="compare-heading">
          Phiên bản nộp lại <Tag color="#ad4e00">Đã sửa</Tag>
        </h3>
        <div className="narrative">
          {!now && <span className="muted">Đã bỏ nội dung của mục này.</span>}
          {parts
            .filter((p) => !p.removed)
            .map((p, i) =>
              p.added ? (
                <ins key={i} className="added">
                  {p.value}
                </ins>
              ) : (
                <span key={i}>{p.value}</span>
              ),
            )}
        </div>
      </Col>
    </Row>
  );
}
