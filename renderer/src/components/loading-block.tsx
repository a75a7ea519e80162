import { Flex, Spin, Typography } from 'antd';

/** A centred spinner with a Chinese caption for screens that wait on the core. */
export function LoadingBlock({ text = '正在加载…' }: { text?: string }) {
  return (
    <Flex vertical align="center" justify="center" gap={12} style={{ padding: 48 }} role="status">
      <Spin />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Flex>
  );
}
