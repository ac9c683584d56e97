import type { backupVi } from './backup.vi';

// English texts of the storage-safety and backup pieces (see backup.vi.ts).
export const backupEn: typeof backupVi = {
  storage: {
    title: 'Storage on this device',
    used: '{{used}} used of {{quota}} ({{percent}} %)',
    unknown: 'The browser does not report storage use.',
    nearlyFull:
      'The app has used {{percent}} % of its storage. Sync to send activities and photos to the server, and free space on the phone (delete photos and videos you do not need).',
    persistent: 'Keep the data on this phone',
    persistentGranted:
      'On: the browser does not clear the app’s data, even when the phone is full.',
    persistentDenied:
      'Off: when the phone is full, the browser may clear the app’s data. Sync often.',
    persistentUnsupported: 'This browser cannot keep the data for good: sync often.',
    requestPersistent: 'Turn on keeping the data',
    checking: 'Checking…',
    staleUnsynced:
      'Some data has not been synced since {{date}} (more than 3 days). Connect and press “Sync”, or back up to a file in Settings, so it is not lost.',
    iosInstall:
      'On iPhone, Safari may delete the data of an app that is not on the home screen. Tap Share → “Add to Home Screen” to keep your data.',
  },
  backup: {
    title: 'Back up to a file',
    intro:
      'Saves all your data on this device (activities, unsent changes, drafts, photos) in one encrypted file you can send by Zalo or keep. The backup password is needed to open it.',
    passphrase: 'Backup password',
    passphraseHint:
      'At least 10 characters; a memorable sentence works well. Without it nobody can open the file, not even an administrator.',
    passphraseAgain: 'Backup password again',
    strength: {
      weak: 'Strength: weak — add words, capitals, digits or symbols.',
      fair: 'Strength: fair.',
      strong: 'Strength: strong.',
    },
    create: 'Create backup file',
    creating: 'Encrypting and creating the file…',
    created:
      'Backed up at {{time}}: {{activities}} activities, {{unsynced}} unsent changes, {{drafts}} drafts, {{photos}} photos.',
    shareTitle: 'Outreach log data backup',
    cancelled: 'The backup file was not sent. Press again to save or share it.',
    failed: 'Could not create the backup: {{reason}}',
    last: 'Last backup: {{time}}',
    never: 'No backup to a file has been made on this device.',
  },
  restore: {
    title: 'Restore from a file',
    intro:
      'Puts the data of a backup file of this same account on this device. Nothing already here is doubled; unsent changes are sent at the next sync.',
    file: 'Backup file',
    passphrase: 'Password of the backup file',
    submit: 'Restore',
    working: 'Decrypting and restoring…',
    done: 'Restored: {{activities}} activities, {{mutations}} changes to send, {{drafts}} drafts, {{photos}} photos. Nothing already on the device was doubled.',
    wrongPassphrase: 'Wrong backup password (or the file is damaged). Nothing was restored.',
    notBackup: 'This file is not a backup of this app. Nothing was restored.',
    damaged: 'The backup file is damaged or incomplete. Nothing was restored.',
    otherUser:
      'This file is a backup of the account “{{owner}}”, not of the account signed in (“{{me}}”). Nothing was restored. Sign in as “{{owner}}” to restore it.',
    failed: 'Could not restore: {{reason}}. Nothing was restored.',
  },
  storageFull:
    'the phone’s storage is full — sync, delete photos or files you do not need, then try again',
  writeFailed:
    'the browser could not write the data — try again; if it fails again, reopen the app',
};
