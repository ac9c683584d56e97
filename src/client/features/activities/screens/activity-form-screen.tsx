import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityType } from '../../../../shared/activity/activity-enums';
import { uuidv7 } from '../../../../shared/ids/uuidv7';
import { hrefFor, navigate } from '../../../lib/router';
import { useFormSource } from '../hooks/use-form-source';
import { ActivityForm } from '../form/activity-form';
import { PeriodLockNotice } from '../detail/period-lock-notice';
import { usePeriodLock } from '../hooks/use-period-lock';

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
  // A record of a submitted period does not open for editing: the server would refuse it.
  const lock = usePeriodLock(
    source.status === 'ready' && !source.isNew ? source.values : undefined,
  );
  if (lock) {
    return (
      <div className="stack">
        <PeriodLockNotice lock={lock} />
        <a className="btn" href={hrefFor({ name: 'detail', id })}>
          {t('periodLock.back')}
        </a>
      </div>
    );
  }
  if (source.status === 'ready' && !source.isNew && lock === undefined) {
    return <p className="notice">{t('app.loading')}</p>;
  }
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
