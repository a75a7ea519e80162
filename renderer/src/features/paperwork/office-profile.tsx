import { App, Button, Card, Form, Input } from 'antd';
import { useEffect } from 'react';
import { FIELD_BY_NAME } from '../../../../shared/paperwork/field-catalogue';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';
import { useApi } from '../../lib/use-api';

/** The office's own details every document starts from; a value typed in a document still wins. */
const PROFILE_FIELDS = [
  '发文机关',
  '发文机关署名',
  '机关代字',
  '联系人',
  '联系电话',
  '机关地址',
  '印发机关',
  '复查机关',
  '复查机关地址',
  '复核机关',
  '复核机关地址',
  '抄送',
] as const;

export function OfficeProfileCard() {
  const { message } = App.useApp();
  const profile = useApi('paperwork.profile', {});
  const [form] = Form.useForm<Record<string, string>>();

  useEffect(() => {
    if (profile.data) form.setFieldsValue({ ...profile.data.defaults });
  }, [profile.data, form]);

  const save = async (values: Record<string, string>) => {
    try {
      const clean = Object.fromEntries(
        Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
      );
      await call('paperwork.updateProfile', { defaults: { ...profile.data?.defaults, ...clean } });
      message.success('本机关信息已保存');
      profile.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  if (profile.loading && !profile.data) return <LoadingBlock />;
  return (
    <Card title="本机关信息（生成文书时的默认值）" size="small">
      <ErrorAlert error={profile.error} onRetry={profile.reload} />
      <Form form={form} layout="vertical" onFinish={save} aria-label="本机关信息" style={{ maxWidth: 640 }}>
        {PROFILE_FIELDS.map((name) => (
          <Form.Item
            key={name}
            name={name}
            label={name}
            extra={FIELD_BY_NAME.get(name)?.hint}
            style={{ marginBottom: 12 }}
          >
            <Input aria-label={name} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}
