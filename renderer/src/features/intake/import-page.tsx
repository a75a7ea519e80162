import { InboxOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Typography, Upload } from 'antd';
import { useImportQueue } from './import-queue-context';
import { ImportItemRow } from './import-item-row';

const ACCEPT = '.jpg,.jpeg,.png,.tif,.tiff,.pdf,.txt';

function BatchSummary() {
  const { items, busy, clearFinished } = useImportQueue();
  const count = (s: string) => items.filter((it) => it.status === s).length;
  const waiting = count('waiting');
  const active = count('reading') + count('running');
  return (
    <Flex align="center" justify="space-between" wrap gap={8}>
      <Typography.Text aria-label="导入统计">
        共 {items.length} 个文件：完成 {count('done')}，已导入过 {count('duplicate')}，失败 {count('failed')}
        {count('cancelled') > 0 ? `，已取消 ${count('cancelled')}` : ''}
        {busy ? `；正在导入 ${active} 个，还有 ${waiting} 个排队` : ''}
      </Typography.Text>
      <Button
        onClick={clearFinished}
        disabled={items.every((it) => !['done', 'duplicate', 'failed', 'cancelled'].includes(it.status))}
      >
        清除已完成
      </Button>
    </Flex>
  );
}

/** 导入: drop or pick scans, PDFs and text files; each is read and recognised in turn with its own progress bar. */
export function ImportPage() {
  const { items, enqueue } = useImportQueue();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        导入文件
      </Typography.Title>
      <Upload.Dragger
        multiple
        // The picker shows only supported types; dropped files of other types still get a row with the reason.
        accept={{ format: ACCEPT, filter: 'native' }}
        showUploadList={false}
        fileList={[]}
        beforeUpload={(file) => {
          enqueue([file]);
          return false;
        }}
        aria-label="拖放或选择要导入的文件"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">把文件拖到这里，或点击选择文件</p>
        <p className="ant-upload-hint">
          支持 JPG、PNG、TIFF 扫描图像，PDF 文件和 TXT 文本；可以一次放入多个文件，程序按顺序逐个识别。
        </p>
      </Upload.Dragger>
      <Card title="导入列表" size="small" styles={{ body: { padding: 0 } }}>
        {items.length === 0 ? (
          <Empty style={{ padding: 24 }} description="还没有导入文件。把扫描件或 PDF 拖到上方区域即可开始。" />
        ) : (
          <>
            <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
              <BatchSummary />
            </div>
            <ul aria-label="导入列表" style={{ margin: 0, padding: 0 }}>
              {items.map((item) => (
                <ImportItemRow key={item.key} item={item} />
              ))}
            </ul>
          </>
        )}
      </Card>
    </Flex>
  );
}
