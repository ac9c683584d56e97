import { useLayoutEffect, useState, type RefObject } from 'react';
import { useFormContext, useFormState } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { revealField } from '../../../lib/reveal-field';
import {
  errorPaths,
  messageAt,
  visibleErrorItems,
  type FormErrorItem,
  type UndrawnError,
} from './form-errors';
import { useValidationMessage } from '../../../components/form/field-error';

/** The attendee list's heading (attendance feature): where a listed person's error is fixed. */
const ATTENDEE_LIST_ID = 'attendee-list-title';

/**
 * One short line in the save bar ("Còn 3 mục cần sửa") that opens the list of the errors; each
 * item goes to its field. It counts the errors live and is gone once they are all fixed.
 */
export function ErrorSummary({ formRef }: { formRef: RefObject<HTMLFormElement | null> }) {
  const { t } = useTranslation();
  const { errors } = useFormState<Activity>();
  const { getValues } = useFormContext<Activity>();
  const validationMessage = useValidationMessage();
  const paths = errorPaths(errors);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<FormErrorItem[]>([]);
  const key = paths.join('|');
  // Read labels and messages once the fields have drawn their messages.
  useLayoutEffect(() => {
    if (!open) return;
    // A listed attendee's boxes are not drawn: say who and which box, and go to the list.
    const undrawn: UndrawnError = (path) => {
      const [, index, field] = /^attendees\.(\d+)\.(\w+)$/.exec(path) ?? [];
      const message = validationMessage(messageAt(errors, path));
      if (index === undefined || field === undefined)
        return { label: path, message, id: ATTENDEE_LIST_ID };
      const person = getValues('attendees')[Number(index)];
      const label = t('activityForm.attendeeError', {
        n: Number(index) + 1,
        name: person?.fullName ?? '',
        field: t(`attendance.${field}`),
      });
      return { label, message, id: ATTENDEE_LIST_ID };
    };
    setItems(visibleErrorItems(formRef.current, key ? key.split('|') : [], undrawn));
    // Read when the list opens or the set of errors changes (key), not on every render.
  }, [open, key, formRef]); // eslint-disable-line react-hooks/exhaustive-deps
  if (paths.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <button
        type="button"
        className="error-summary__toggle"
        aria-expanded={open}
        aria-controls="form-error-list"
        onClick={() => setOpen((o) => !o)}
      >
        {t('activityForm.errorCount', { count: paths.length })}
      </button>
      {open && (
        <div id="form-error-list" className="error-summary__list">
          <p className="hint">{t('activityForm.errorListTitle')}</p>
          <ul>
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className="error-summary__item"
                  onClick={() => {
                    setOpen(false);
                    const field = document.getElementById(item.id);
                    if (field) requestAnimationFrame(() => revealField(field));
                  }}
                >
                  <strong>{item.label}</strong> {item.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
