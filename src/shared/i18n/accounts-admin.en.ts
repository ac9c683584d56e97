import type { AccountsAdminTexts } from './accounts-admin.vi';

export const accountsAdminEn: AccountsAdminTexts = {
  /** An account's unit: named, with its map when that is not today's (codes are reused). */
  unitName: '{{name}} ({{code}})',
  unitNameOfMap: '{{name}} ({{code}}, {{geography}})',
  create: {
    open: 'Create account',
    title: 'New account',
    usernameHint: 'Lower-case letters without accents, digits, dots; e.g. lan.vinhthanh',
    password: 'Password (optional)',
    passwordHint: 'Leave empty: the server makes one and shows it ONCE for you to hand over.',
    submit: 'Create account',
    done: 'Account {{username}} created.',
  },
  edit: {
    title: 'Account details',
    submit: 'Save changes',
    saved: 'Saved.',
    retiredUnit: 'Old unit {{code}} ({{geography}}): choose the new one.',
    scopeHint:
      'A new role or unit applies at once. The account’s devices stay logged in, keep their unsynced data and get the new scope at their next sync. To force a new login, revoke the devices.',
    confirmScope:
      'Change the role or unit: the account will see and write within the new scope from its next sync. Continue?',
  },
  access: {
    title: 'Login',
    disable: 'Disable account',
    enable: 'Enable account',
    confirmDisable:
      'Disable {{username}}? All its devices stop syncing at once and it can no longer log in.',
    confirmEnable: 'Enable {{username}}? The officer logs in again on the phone.',
    disabledSince: 'Disabled since {{time}}.',
    resetPassword: 'Reset password',
    confirmReset:
      'Reset the password of {{username}}? The new one is shown once; every device of the account must log in again.',
  },
  oneTime: {
    title: 'New password — shown only once',
    intro: 'Password of {{username}}:',
    once: 'Write it down or read it to the officer now. It cannot be shown again; the officer can change it after logging in.',
    done: 'Noted, close',
  },
  audit: {
    title: 'Change log',
    forAccount: 'History',
    empty: 'No changes yet.',
    more: 'Show more',
    system: 'the server ({{name}})',
    user: {
      created: '{{actor}} created account {{target}} ({{role}}, unit {{unit}})',
      disabled: '{{actor}} disabled account {{target}}',
      enabled: '{{actor}} enabled account {{target}}',
      role_changed: '{{actor}} changed the role of {{target}}: {{from}} → {{to}}',
      unit_changed: '{{actor}} changed the unit of {{target}}: {{from}} → {{to}}',
      name_changed: '{{actor}} renamed {{target}}: "{{from}}" → "{{to}}"',
      password_reset: '{{actor}} reset the password of {{target}}',
      password_changed: '{{actor}} changed their own password',
    },
    device: {
      revoked: '{{actor}} revoked the device "{{device}}" of {{target}}',
      all_revoked: '{{actor}} revoked every device of {{target}} ({{count}})',
    },
  },
};
