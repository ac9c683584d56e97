import { useEffect, useMemo, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { formatIsoDate, todayInVietnam } from '../../../../shared/format/vi-format';
import {
  communeAfterDateChange,
  communeChoices,
} from '../../../../shared/geography/commune-choices';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { SelectField } from '../../../components/form/select-field';
import { useSession } from '../../auth/session-context';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The places an activity can happen: the communes of the geography in force on the activity's
 * date (Kiên Giang's 2024 tree before 01/07/2025, the new An Giang after), within the officer's
 * unit through the mappings. Moving the date into another geography carries the chosen commune
 * across (Phường Vĩnh Thanh → Phường Rạch Giá) and says so; the record stores both the commune
 * and its geography, since codes are reused between geographies.
 */
export function CommuneField({ catalog }: { catalog: GeographyCatalog }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { control, getValues, setValue } = useFormContext<Activity>();
  const date = useWatch({ control, name: 'date' });
  const geographyId = useWatch({ control, name: 'geographyId' });
  const communeCode = useWatch({ control, name: 'communeCode' });
  const [notice, setNotice] = useState<string | null>(null);
  const day = typeof date === 'string' && ISO_DATE.test(date) ? date : todayInVietnam();

  const choices = useMemo(
    () =>
      communeChoices(
        catalog,
        { role: user.role, unit: { geographyId: user.geographyId, code: user.unitCode } },
        day,
      ),
    [catalog, user.role, user.geographyId, user.unitCode, day],
  );

  // The date moved into another geography: carry the chosen commune through the mapping.
  useEffect(() => {
    // A record of a geography this phone does not know yet is left exactly as it is.
    if (choices.geographyId === geographyId || !catalog.has(geographyId)) return;
    const code = getValues('communeCode');
    const target = catalog.get(choices.geographyId)!;
    const from = code ? catalog.unit({ geographyId, code }) : undefined;
    const mapped = code ? communeAfterDateChange(catalog, { geographyId, code }, day) : undefined;
    const only = choices.communes.length === 1 ? choices.communes[0]!.code : '';
    const next = mapped?.code ?? only;
    setValue('geographyId', choices.geographyId, { shouldDirty: true });
    setValue('communeCode', next, { shouldDirty: true, shouldValidate: next !== '' });
    if (!from) {
      setNotice(null);
      return;
    }
    const params = { date: formatIsoDate(day), geography: target.name, from: from.name };
    const to = mapped ? catalog.unit(mapped)?.name : undefined;
    setNotice(
      to
        ? t('activityForm.communeMapped', { ...params, to })
        : t('activityForm.communeChooseAgain', params),
    );
  }, [catalog, choices, geographyId, day, getValues, setValue, t]);

  const options = useMemo(() => {
    const list = choices.communes.map((c) => ({ value: c.code, label: c.label }));
    // A stored record's commune stays visible even if it is outside today's choices.
    if (
      communeCode &&
      geographyId === choices.geographyId &&
      !list.some((o) => o.value === communeCode)
    ) {
      const tree = catalog.has(geographyId) ? catalog.tree(geographyId) : undefined;
      if (tree?.isLeaf(communeCode))
        list.unshift({ value: communeCode, label: tree.qualifiedName(communeCode) });
    }
    return list;
  }, [catalog, choices, communeCode, geographyId]);

  const outside =
    communeCode &&
    geographyId === choices.geographyId &&
    !['province', 'agency', 'admin'].includes(user.role) &&
    catalog.has(user.geographyId) &&
    catalog.unit({ geographyId: user.geographyId, code: user.unitCode }) &&
    !catalog.isWithin(
      { geographyId, code: communeCode },
      { geographyId: user.geographyId, code: user.unitCode },
    );

  if (options.length === 0) return <p className="notice">{t('activityForm.noCommunes')}</p>;
  return (
    <>
      <SelectField
        name="communeCode"
        label={t('field.communeCode')}
        options={options}
        emptyLabel={options.length > 1 ? t('activityForm.chooseCommune') : undefined}
        emptyValue=""
      />
      {notice && (
        <p className="notice notice--warn" role="status" data-testid="commune-mapped">
          {notice}
        </p>
      )}
      {outside && (
        <p className="hint" data-testid="commune-outside-scope">
          {t('activityForm.outsideScope', {
            name: catalog.unit({ geographyId, code: communeCode })?.name ?? communeCode,
          })}
        </p>
      )}
    </>
  );
}
