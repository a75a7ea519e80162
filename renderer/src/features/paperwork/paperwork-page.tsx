import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { useApi } from '../../lib/use-api';
import { GeneratePanel } from './generate-panel';
import { IssuedList } from './issued-list';
import { OfficeProfileCard } from './office-profile';
import { TemplateEditor } from './template-editor';

/** 文书: generate numbered documents (from a case with `?case=ID`), edit templates, the 发文登记, the office's details. */
export function PaperworkPage() {
  const [params] = useSearchParams();
  const caseId = params.get('case');
  const templates = useApi('paperwork.templates', {});
  const issued = useApi('paperwork.issued', { caseId: caseId ?? undefined });

  if (templates.loading && !templates.data) return <LoadingBlock />;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        文书
      </Typography.Title>
      <ErrorAlert error={templates.error} onRetry={templates.reload} />
      {templates.data && (
        <Tabs
          items={[
            {
              key: 'generate',
              label: '生成文书',
              children: <GeneratePanel templates={templates.data} caseId={caseId} onGenerated={issued.reload} />,
            },
            {
              key: 'issued',
              label: caseId ? '本件已发文书' : '发文登记',
              children: (
                <>
                  <ErrorAlert error={issued.error} onRetry={issued.reload} />
                  <IssuedList items={issued.data ?? []} onChanged={issued.reload} />
                </>
              ),
            },
            {
              key: 'templates',
              label: '文书模板',
              children: <TemplateEditor templates={templates.data} onSaved={templates.reload} />,
            },
            { key: 'profile', label: '本机关信息', children: <OfficeProfileCard /> },
          ]}
        />
      )}
    </>
  );
}
