import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { todayInVietnam } from '../../../shared/format/vi-format';
import type { ProvinceSettings } from '../../../shared/reports/province-settings';
import { regularPeriod } from '../../../shared/reports/report-periods';
import {
  submissionId,
  type ReopenRequest,
  type ReportSubmission,
  type SubmissionStatus,
  type SubmissionStatusQuery,
  type SubmissionStatusRow,
  type SubmitRequest,
} from '../../../shared/reports/report-submission';
import { daysLate, dueDate } from '../../../shared/reports/submission-due';
import { badRequest, conflict, forbidden } from '../../http/problem';
import type { GeographyService } from '../geography/geography.service';
import type { ReportService } from '../reports/report.service';
import type { SettingsService } from '../settings/settings.service';
import { isReadOnly, mayRead } from '../sync/activity-access';
import type { Caller } from '../sync/prepare-mutation';
import type { SubmissionRepository } from './submission.repository';

/** Roles that report for a unit (agency and admin accounts have no report of their own). */
const REPORTING_ROLES = new Set(['commune', 'district', 'province']);

/**
 * Submitting a period report freezes it: the figures and the records counted are kept, and the
 * unit's records dated in the period refuse changes (push) until the unit reopens it.
 */
export class SubmissionService {
  constructor(
    private readonly repository: SubmissionRepository,
    private readonly geographies: GeographyService,
    private readonly settings: SettingsService,
    private readonly reports: ReportService,
    private readonly clock: () => Date,
  ) {}

  async submit(caller: Caller, request: SubmitRequest): Promise<ReportSubmission> {
    const { catalog, geographyId, unitCode } = await this.ownUnit(caller, request);
    const settings = await this.settings.read();
    const period = regularPeriod(
      request.period,
      request.year,
      request.basis ?? settings.defaultPeriodBasis,
    );
    if (this.geographies.today() < period.from) throw badRequest('periodNotStarted');
    const id = submissionId(geographyId, unitCode, request.period, request.year);
    const existing = await this.repository.find(id);
    if (existing?.state === 'submitted') throw conflict('reportAlreadySubmitted');
    const ref = { geographyId, code: unitCode };
    const communes = catalog.communesWithin(ref);
    const summary = await this.reports.summary(caller, {
      unit: unitCode,
      geography: geographyId,
      from: period.from,
      to: period.to,
      format: 'json',
      lang: 'vi',
    });
    const records = await this.repository.recordsIn(communes, period);
    const now = this.clock().toISOString();
    const unit = catalog.unit(ref)!;
    const submission: ReportSubmission = {
      id,
      geographyId,
      unitCode,
      unitName: catalog.tree(geographyId).qualifiedName(unitCode),
      level: unit.level,
      period: request.period,
      year: request.year,
      basis: period.basis!,
      from: period.from,
      to: period.to,
      state: 'submitted',
      submittedBy: caller.user.displayName,
      submittedAt: now,
      reopenedBy: null,
      reopenedAt: null,
      reopenReason: null,
      communes,
    };
    const saved = await this.repository.save(
      submission,
      existing?.state ?? null,
      {
        id: uuidv7(),
        action: 'submit',
        userId: caller.user.id,
        userName: caller.user.displayName,
        reason: null,
        snapshot: JSON.stringify({ summary, records }),
      },
      now,
    );
    if (!saved) throw conflict('reportAlreadySubmitted');
    return submission;
  }

  async reopen(caller: Caller, request: ReopenRequest): Promise<ReportSubmission> {
    const { geographyId, unitCode } = await this.ownUnit(caller, request);
    const id = submissionId(geographyId, unitCode, request.period, request.year);
    const existing = await this.repository.find(id);
    if (existing?.state !== 'submitted') throw conflict('reportNotSubmitted');
    const now = this.clock().toISOString();
    const reopened: ReportSubmission = {
      ...existing,
      state: 'reopened',
      reopenedBy: caller.user.displayName,
      reopenedAt: now,
      reopenReason: request.reason,
    };
    const saved = await this.repository.save(
      reopened,
      'submitted',
      {
        id: uuidv7(),
        action: 'reopen',
        userId: caller.user.id,
        userName: caller.user.displayName,
        reason: request.reason,
        snapshot: null,
      },
      now,
    );
    if (!saved) throw conflict('reportNotSubmitted');
    return reopened;
  }

  /** Who of a unit and its child units has submitted the period's report, and who is late. */
  async status(caller: Caller, query: SubmissionStatusQuery): Promise<SubmissionStatus> {
    const catalog = await this.geographies.catalog();
    const geographyId = query.geography ?? caller.user.geographyId;
    if (!catalog.has(geographyId)) throw badRequest('geographyUnknown', { geography: geographyId });
    const tree = catalog.tree(geographyId);
    const unitCode = query.unit ?? caller.user.unitCode;
    const unit = tree.get(unitCode);
    if (!unit) throw badRequest('unitNotInGeography', { unit: unitCode, geography: geographyId });
    if (!mayRead(caller.user, catalog, { geographyId, code: unitCode })) {
      throw forbidden('noReportRight');
    }
    const [settings, submissions] = await Promise.all([
      this.settings.read(),
      this.repository.forPeriod(query.period, query.year),
    ]);
    const byUnit = new Map(
      submissions.filter((s) => s.geographyId === geographyId).map((s) => [s.unitCode, s]),
    );
    const today = this.geographies.today();
    // A unit is due only if its geography is the one in force when the report falls due: the
    // 2024 districts (abolished 01/07/2025) owe no 2025 yearly or 2026 report, and are never late.
    const inForceWhenDue = (due: string) => catalog.inForceOn(due).id === geographyId;
    const row = (code: string): SubmissionStatusRow =>
      statusRow(
        tree.get(code)!,
        byUnit.get(code),
        settings,
        query,
        today,
        tree.qualifiedName(code),
        inForceWhenDue,
      );
    const own = byUnit.get(unitCode) ?? null;
    const events = own ? await this.repository.events(own.id) : [];
    return {
      unit: row(unitCode),
      submission: own,
      events: events.map(({ snapshot: _, ...event }) => event),
      maySubmit: this.isOwnUnit(caller, catalog, geographyId, unitCode),
      children: tree.childrenOf(unitCode).map((child) => row(child.code)),
    };
  }

  /** The frozen figures and records of every submit of a unit's period report, oldest first. */
  async history(caller: Caller, query: SubmissionStatusQuery) {
    const catalog = await this.geographies.catalog();
    const geographyId = query.geography ?? caller.user.geographyId;
    const unitCode = query.unit ?? caller.user.unitCode;
    if (!catalog.unit({ geographyId, code: unitCode })) {
      throw badRequest('unitNotInGeography', { unit: unitCode, geography: geographyId });
    }
    if (!mayRead(caller.user, catalog, { geographyId, code: unitCode })) {
      throw forbidden('noReportRight');
    }
    const id = submissionId(geographyId, unitCode, query.period, query.year);
    const events = await this.repository.events(id);
    return {
      events: events.map(({ snapshot, ...event }) => ({
        ...event,
        snapshot: snapshot ? (JSON.parse(snapshot) as unknown) : null,
      })),
    };
  }

  /** Locks in force: what a push checks its records against. */
  locksInForce(): Promise<ReportSubmission[]> {
    return this.repository.lockedDuring({ from: '0000-01-01', to: '9999-12-31' });
  }

  /** The unit a caller submits or reopens for: only their own, and only if they may write. */
  private async ownUnit(caller: Caller, request: { unit?: string; geography?: string }) {
    const catalog = await this.geographies.catalog();
    const geographyId = request.geography ?? caller.user.geographyId;
    const unitCode = request.unit ?? caller.user.unitCode;
    if (!catalog.unit({ geographyId, code: unitCode })) {
      throw badRequest('unitNotInGeography', { unit: unitCode, geography: geographyId });
    }
    if (!this.isOwnUnit(caller, catalog, geographyId, unitCode)) throw forbidden('noSubmitRight');
    return { catalog, geographyId, unitCode };
  }

  private isOwnUnit(
    caller: Caller,
    catalog: GeographyCatalog,
    geographyId: string,
    unitCode: string,
  ): boolean {
    const user = caller.user;
    return (
      REPORTING_ROLES.has(user.role) &&
      user.geographyId === geographyId &&
      user.unitCode === unitCode &&
      !isReadOnly(user, catalog, this.geographies.today())
    );
  }
}

function statusRow(
  unit: { code: string; level: string },
  submission: ReportSubmission | undefined,
  settings: ProvinceSettings,
  query: SubmissionStatusQuery,
  today: string,
  name: string,
  inForceWhenDue: (due: string) => boolean,
): SubmissionStatusRow {
  const rule = dueDate(settings.dueDates, query.period, unit.level, query.year);
  const due = rule && inForceWhenDue(rule) ? rule : null;
  const submitted = submission?.state === 'submitted' ? submission : undefined;
  const submittedOn = submitted ? todayInVietnam(Date.parse(submitted.submittedAt)) : null;
  return {
    code: unit.code,
    name,
    level: unit.level,
    dueDate: due,
    state: submission?.state ?? 'missing',
    submittedAt: submitted?.submittedAt ?? null,
    submittedBy: submitted?.submittedBy ?? null,
    daysLate: due ? daysLate(due, submittedOn, today) : 0,
  };
}
