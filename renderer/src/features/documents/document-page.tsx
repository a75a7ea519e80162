import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { FieldsDescriptions } from '../../components/fields-descriptions';
import { LoadingBlock } from '../../components/loading-block';
import { OcrTextPanel } from '../../components/ocr-text-panel';
import { AuditTrailPanel } from '../audit/audit-trail';
import { RelatedDocumentsPanel } from './related-documents';
import { PageImages } from '../../components/page-images';
import { NoticeTasksCard } from './notice-tasks';
import { StatusTag } from '../../components/status-tag';
import { displayTitle, formatDateTime, formatSize } from '../../lib/format';
import { useApi } from '../../lib/use-api';

/** 文档: the original scan, its text and its fields, with 修改 leading back to the review screen. */
export function DocumentPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: doc, error, loading, reload } = useApi('documents.get', { id });

  if (error) return <ErrorAlert error={error} title="无法打开该文件" onRetry={reload} />;
  if (loading || !doc) return <LoadingBlock text="正在打开文件…" />;
  return (
    <Flex vertical gap={16}>
      <Flex align="flex-start" justify="space-between" gap={16}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {displayTitle(doc)}
          </Typography.Title>
          <Flex gap={8} align="center" style={{ marginTop: 4 }}>
            <StatusTag status={doc.status} />
            <Typography.Text type="secondary">{doc.fields.docNumber}</Typography.Text>
          </Flex>
        </div>
        <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/review/${doc.id}`)}>
          修改
        </Button>
      </Flex>
      <Row gutter={16}>
        <Col xs={24} lg={11}>
          <Card size="small" title="原件">
            <PageImages
              documentId={doc.id}
              pages={doc.pages}
              confidence={doc.pageConfidence}
              pageImages={doc.pageImages}
              pageTexts={doc.pageTexts}
              textSource={doc.textSource}
            />
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <Flex vertical gap={16}>
            <Card size="small" title="公文要素">
              <FieldsDescriptions fields={doc.fields} />
            </Card>
            <NoticeTasksCard key={doc.id} doc={doc} />
            {/* Keyed by document: following a link starts a fresh lookup instead of showing the last one's list. */}
            <RelatedDocumentsPanel key={doc.id} documentId={doc.id} referenced={doc.fields.referencedDocNumbers} />
            {/* Open beside a scan; folded when a page has no image, since the page area already shows its text (keyed:
                a related-document link opens another document in the same view). */}
            <OcrTextPanel
              key={doc.id}
              pageTexts={doc.pageTexts}
              source={doc.textSource}
              ocrMs={doc.ocrMs}
              defaultOpen={doc.pageImages?.every(Boolean) ?? true}
            />
            <Card size="small" title="文件信息">
              <Descriptions
                size="small"
                column={2}
                items={[
                  { key: 'name', label: '原文件', children: doc.originalName },
                  { key: 'size', label: '大小', children: `${formatSize(doc.size)}，${doc.pages} 页` },
                  { key: 'created', label: '导入时间', children: formatDateTime(doc.createdAt) },
                  { key: 'filed', label: '归档时间', children: formatDateTime(doc.filedAt) || '尚未归档' },
                ]}
              />
            </Card>
            <AuditTrailPanel type="document" id={doc.id} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
