import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityType } from '../../../../shared/activity/activity-enums';
import { uuidv7 } from '../../../../shared/ids/uuidv7';
import { navigate } from '../../../lib/router';
import { useFormSource } from '../hooks/use-form-source';
import { ActivityForm } from '../form/activity-form';

type Props = { mode: 'new'; type: ActivityType; id?: string } | { mode: 'edit'; id: string };

export function ActivityFormScreen(props: Props) {
  const needsId = props.mode === 'new' && !props.id;
  // A new form gets its id in the URL at once, so a reload (or an app update) resumes its draft.
  useEffect(() => {
    if (props.mode === 'new' && !props.id) {
      navigate({ name: 'new', type: props.type, id: uuidv7() }, { replace: true });
    }
  }, [props]);
  if (needsId || !props.id) return null;
  return <FormLoader id={props.id} newType={props.mode === 'new' ? props.type : undefined} />;
}

function FormLoader({ id, newType }: { id: string; newType: ActivityType | undefined }) {
  const { t } = useTranslation();
  const source = useFormSource(id, newType);
  switch (source.status) {
    case 'loading':
      return <p className="notice">{t('app.loading')}</p>;
    case 'notFound':
      return <p className="notice">{t('activityForm.notFound')}</p>;
    case 'failed':
      return (
        <p className="notice notice--error" role="alert">
          {source.error.message}
        </p>
      );
    case 'ready':
      return (
        <ActivityForm
          initial={source.values}
          isNew={source.isNew}
          resumed={source.resumed}
          catalog={source.catalog}
        />
      );
  }
}
